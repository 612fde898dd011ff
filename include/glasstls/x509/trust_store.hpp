// TrustStore: the certificates a verifier starts from. Every certificate in it is a trust anchor,
// whether self-signed or not (RFC 5280 §6.1.1 (d): an anchor is a name and a key, not a chain).
//
// Contract for the verifier (verify.hpp):
//  - Anchors' own signatures are never checked: trust in an anchor is a decision of whoever put
//    it in the store, and a self-signature proves nothing about that.
//  - An anchor's validity dates ARE checked at the verification time, as OpenSSL does by default
//    (`openssl verify` rejects an expired root): an expired root is a store to update, not one to
//    keep trusting silently.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/x509/certificate.hpp"
#include "glasstls/x509/name.hpp"

namespace glasstls::x509 {

/// Why a trust store could not be loaded: the file (empty for text given by the caller), the
/// PEM line, and the parse error or I/O reason.
struct TrustStoreError {
  std::string file;
  CertificateParseError parse;  // parse.pem_line is the block's line; 0 for I/O errors
  std::string to_string() const;
};

class TrustStore {
 public:
  TrustStore() = default;

  /// Every CERTIFICATE block of a PEM text (other labels are skipped).
  [[nodiscard]] static Result<TrustStore, TrustStoreError> from_pem(std::string_view text);
  /// A PEM bundle file such as /etc/ssl/certs/ca-certificates.crt, or a file holding one DER
  /// certificate (no PEM block at all). A file yielding no certificate is an error.
  [[nodiscard]] static Result<TrustStore, TrustStoreError> from_file(
      const std::filesystem::path& file);
  /// Every *.pem and *.crt file of a directory (not recursive, each read as from_file), in name
  /// order. OpenSSL's hashed
  /// links (<hash>.0) are not read; a certificate present in several files is kept once.
  [[nodiscard]] static Result<TrustStore, TrustStoreError> from_directory(
      const std::filesystem::path& dir);
  /// The system's roots: /etc/ssl/certs/ca-certificates.crt, else the directory /etc/ssl/certs.
  [[nodiscard]] static Result<TrustStore, TrustStoreError> system();

  /// Adds an anchor; a certificate already present (same DER) is not added twice.
  void add(Certificate cert);

  const std::vector<Certificate>& anchors() const noexcept { return anchors_; }
  std::size_t size() const noexcept { return anchors_.size(); }
  bool empty() const noexcept { return anchors_.empty(); }

  /// Anchors whose subject matches `name` by RFC 5280 §7.1 (names_match), in insertion order.
  std::vector<const Certificate*> find_by_subject(const Name& name) const;
  /// Anchors whose subjectKeyIdentifier equals `ski` (for ordering issuer candidates by an
  /// authorityKeyIdentifier; a match is a hint, never a proof).
  std::vector<const Certificate*> find_by_key_id(ByteView ski) const;

 private:
  std::vector<Certificate> anchors_;
  // The normalised subject (the comparison form of names_match) → indexes into anchors_.
  std::multimap<std::string, std::size_t> by_subject_;
  // Hex of the SHA-256 fingerprint → index, to keep duplicates out.
  std::map<std::string, std::size_t> by_fingerprint_;
};

}  // namespace glasstls::x509
