// What a TLS 1.3 endpoint proves itself with, and how a CertificateVerify is made and checked
// (RFC 8446 §4.4.2, §4.4.3, §4.2.3).
//
// A Credential is a certificate chain (leaf first, DER) and the private key of the leaf. It signs
// the CertificateVerify content with one SignatureScheme, and only with a scheme that fits its key:
//
//   key                        schemes it can sign with (in the order offered to a peer)
//   ECDSA P-256                ecdsa_secp256r1_sha256
//   ECDSA P-384                ecdsa_secp384r1_sha384
//   Ed25519                    ed25519
//   RSA (rsaEncryption)        rsa_pss_rsae_sha256, rsa_pss_rsae_sha384, rsa_pss_rsae_sha512
//   RSA (id-RSASSA-PSS)        rsa_pss_pss_sha256/384/512 (only the hash its parameters allow)
//
// TLS 1.3 never signs a CertificateVerify with PKCS#1 v1.5 (§4.4.3), and ECDSA schemes bind the
// curve to the hash (§4.2.3): a P-384 key cannot answer ecdsa_secp256r1_sha256.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/tls/alert.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/x509/signature.hpp"

namespace glasstls::tls {

/// What a signature scheme is made of.
struct SignatureSchemeInfo {
  SignatureScheme scheme;
  enum class Family { rsa_pss_rsae, rsa_pss_pss, ecdsa, ed25519, rsa_pkcs1 } family;
  crypto::HashAlg hash;                  // the hash of the scheme (sha512 for ed25519, unused)
  std::optional<crypto::EcCurve> curve;  // ECDSA: the curve the scheme binds
  bool allowed_in_certificate_verify;    // false for rsa_pkcs1_* and SHA-1 schemes (§4.4.3)
};
/// Information on the schemes glasstls knows; nothing for others.
std::optional<SignatureSchemeInfo> signature_scheme_info(SignatureScheme scheme) noexcept;

/// The schemes glasstls can verify in a CertificateVerify, in its preference order.
std::span<const SignatureScheme> supported_certificate_verify_schemes() noexcept;

/// §4.4.3: checks `signature` over `content` (from certificate_verify_content) with the leaf's
/// public key and `scheme`. `offered` is the list the verifier sent in signature_algorithms: a
/// scheme not in it is illegal_parameter; a scheme that does not fit the key (an ECDSA scheme of
/// another curve, rsa_pss_pss with an rsaEncryption key, PKCS#1 v1.5, ...) is illegal_parameter;
/// a signature that does not verify is decrypt_error.
[[nodiscard]] Result<Unit, TlsError> verify_certificate_verify(
    const x509::PublicKey& key, SignatureScheme scheme, ByteView content, ByteView signature,
    std::span<const SignatureScheme> offered, const x509::SignaturePolicy& policy = {});

/// A certificate chain and the private key of its leaf.
class Credential {
 public:
  /// Reads a PEM chain (leaf first, then intermediates) and a PEM private key: RSA (PKCS#1
  /// "RSA PRIVATE KEY", PKCS#8 "PRIVATE KEY", id-RSASSA-PSS PKCS#8), ECDSA P-256/P-384 (SEC1
  /// "EC PRIVATE KEY" or PKCS#8) or Ed25519 (PKCS#8). Refuses a key that does not match the
  /// leaf's public key, an empty chain, or a leaf it cannot parse; the error says which.
  [[nodiscard]] static Result<Credential, std::string> from_pem(std::string_view chain_pem,
                                                                std::string_view key_pem);
  [[nodiscard]] static Result<Credential, std::string> from_pem_files(
      const std::filesystem::path& chain_file, const std::filesystem::path& key_file);
  /// From DER certificates (leaf first) and a key file's text (PEM) or DER (PKCS#8).
  [[nodiscard]] static Result<Credential, std::string> from_der(std::vector<Bytes> chain_der,
                                                                ByteView key_pem_or_der);

  Credential(Credential&&) noexcept;
  Credential& operator=(Credential&&) noexcept;
  Credential(const Credential&) = delete;
  Credential& operator=(const Credential&) = delete;
  ~Credential();

  /// The chain as sent in Certificate (leaf first).
  std::span<const Bytes> chain() const noexcept;
  /// The leaf's public key.
  const x509::PublicKey& public_key() const noexcept;
  /// The schemes this key can sign a CertificateVerify with, best first (table above).
  std::span<const SignatureScheme> schemes() const noexcept;
  bool can_sign(SignatureScheme scheme) const noexcept;
  /// The first of `offered` (the peer's signature_algorithms, in the peer's order) that this key
  /// can sign with and that `allowed` (the local policy) contains; nothing if none.
  std::optional<SignatureScheme> choose_scheme(std::span<const SignatureScheme> offered,
                                               std::span<const SignatureScheme> allowed) const;
  /// Signs the CertificateVerify content. RSA-PSS draws its salt (Hash.length bytes) from `rng`;
  /// ECDSA is deterministic (RFC 6979); Ed25519 is deterministic. internal_error if the scheme
  /// does not fit the key.
  [[nodiscard]] Result<Bytes, TlsError> sign(SignatureScheme scheme, ByteView content,
                                             crypto::RandomSource& rng) const;
  /// "ECDSA P-256", "RSA 2048 (rsaEncryption)", "Ed25519".
  std::string key_description() const;

 private:
  struct Impl;
  explicit Credential(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

}  // namespace glasstls::tls
