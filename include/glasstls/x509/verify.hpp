// Certificate path building and validation: the web-PKI profile of RFC 5280 §6, with hostname
// checks (RFC 9525) and one precise diagnosis when the answer is no.
//
//     FixedClock clock = FixedClock::at(2026, 11, 27);
//     x509::VerifyOptions options(clock);
//     options.host = "example.com";
//     x509::VerifyResult r = x509::verify_chain(leaf, intermediates, store, options);
//     if (!r.ok()) std::puts(r.diagnosis->message.c_str());
//     // "certificate 'CN=example.com' expired on 2024-05-01 12:00:00 UTC, 23 days ago"
//
// The verifier builds paths from the leaf through the supplied intermediates (in any order, with
// extras, duplicates and cross-signed alternatives) to an anchor of the trust store, depth first,
// trying the next candidate when a path fails, and reports the most relevant failure when none
// works. When the leaf itself is in the trust store it is trusted directly (a chain of one): the
// store says every certificate in it is an anchor, so the leaf's own signature and CA fields are
// not looked at, but its validity dates, extKeyUsage and hostname still are, since they are about
// this use of the certificate, not about trust in it.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/x509/certificate.hpp"
#include "glasstls/x509/revocation.hpp"
#include "glasstls/x509/signature.hpp"
#include "glasstls/x509/trust_store.hpp"

namespace glasstls::x509 {

/// What the leaf is to be used for (RFC 5280 §4.2.1.12 key purposes).
enum class Purpose {
  server,  // id-kp-serverAuth: a TLS server's certificate
  client,  // id-kp-clientAuth: a TLS client's certificate
  /// A CRL issuer's certificate (RFC 5280 §6.3.3 (f)): keyUsage, when present, must allow
  /// cRLSign; extKeyUsage is not looked at (RFC 5280 defines no key purpose for CRL signing).
  crl_signer,
};

struct VerifyOptions {
  explicit VerifyOptions(const Clock& clock) : at(clock) {}

  /// Validity dates are checked at at.wall_time().
  const Clock& at;
  /// The DNS name the client meant to reach (RFC 9525 §6.3); an IP literal here is checked as an
  /// address. Nothing: no hostname check.
  std::optional<std::string> host;
  /// The IP address (4 or 16 octets) the client meant to reach (RFC 9525 §6.4).
  std::optional<Bytes> ip;
  Purpose purpose = Purpose::server;
  /// The most intermediate certificates between the leaf and the anchor (as `openssl verify
  /// -verify_depth`): a chain has at most max_depth + 2 certificates.
  std::size_t max_depth = 8;
  /// The most signature checks while searching for a path, however many paths are tried. A
  /// (certificate, issuer) pair is verified once, but each time the search asks about it counts,
  /// so the cap bounds the whole search, not only the cryptography.
  std::size_t max_signature_checks = 32;
  SignaturePolicy signature_policy{};
  /// CRLs and OCSP responses, and what to do with the statuses (revocation.hpp): soft-fail by
  /// default, so with no inputs nothing changes; hard-fail refuses a path unless every
  /// certificate below the anchor is known good. Checked once a path passes every other check
  /// (a refused path sends the search on to the next candidate), from the anchor down.
  RevocationOptions revocation{};
};

/// One value per diagnosis. The comment says what the sentence reports.
enum class VerifyError {
  expired,                     // notAfter is before the verification time
  not_yet_valid,               // notBefore is after the verification time
  hostname_mismatch,           // no subjectAltName covers the host or IP (lists what it covers)
  self_signed_untrusted,       // the path ends at a self-signed certificate not in the store
  unknown_issuer,              // no supplied or trusted certificate issued this one
  bad_signature,               // a signature does not verify with the issuer's key
  not_a_ca,                    // an issuer without basicConstraints cA (or a v1 intermediate)
  path_length_exceeded,        // more intermediates below a CA than its pathLenConstraint
  key_usage_not_allowed,       // keyUsage lacks keyCertSign (issuers) or digitalSignature (leaf)
  ext_key_usage_not_allowed,   // extKeyUsage does not allow the purpose
  name_constraint_violated,    // a name outside a CA's permitted or inside its excluded subtrees
  weak_algorithm,              // SHA-1 or a small RSA key, refused by the SignaturePolicy
  unsupported_algorithm,       // a signature/key combination glasstls does not implement
  unknown_critical_extension,  // RFC 5280 §4.2: a critical extension glasstls cannot process
  too_deep,                    // no path within max_depth intermediates
  too_many_signature_checks,   // the search gave up after max_signature_checks signatures
  revoked,                     // a CRL or OCSP response says so (date, reason, source)
  revocation_unknown,          // hard-fail policy and no usable CRL/OCSP answer (why each was not)
  malformed,                   // a certificate could not be parsed (offset, path, reason)
};
/// "expired", "hostname_mismatch", ...: the enumerator's name.
std::string_view to_string(VerifyError error) noexcept;

/// Why a chain was refused, in words a person can act on.
struct Diagnosis {
  VerifyError error = VerifyError::malformed;
  /// The certificate at fault: its index in VerifyResult::chain (0 = leaf), or for errors found
  /// before a chain existed (malformed input), its position in the input.
  std::size_t index = 0;
  /// Its subject in RFC 4514 form ("CN=example.com,O=Example").
  std::string subject;
  /// The sentence: "certificate 'CN=example.com' expired on 2024-05-01 12:00:00 UTC, 23 days ago".
  std::string message;
};

struct VerifyResult {
  /// The chain that was built, leaf first and anchor last: the valid one, or when none is valid,
  /// the one the diagnosis is about (possibly incomplete: then its last certificate is the one
  /// whose issuer was not found).
  std::vector<Certificate> chain;
  std::optional<Diagnosis> diagnosis;
  /// How many signature checks the search made (at most max_signature_checks); revocation
  /// inputs' signatures are not counted (they are bounded by the inputs given).
  std::size_t signature_checks = 0;
  /// One status per certificate of `chain` (the anchor's is not_checked), when the chain is
  /// complete and the revocation check ran on it; else empty.
  std::vector<RevocationStatus> revocation;

  bool ok() const noexcept { return !diagnosis.has_value(); }
};

/// Builds and validates a path from `leaf` to an anchor of `anchors`; see the file comment.
[[nodiscard]] VerifyResult verify_chain(const Certificate& leaf,
                                        std::span<const Certificate> untrusted,
                                        const TrustStore& anchors, const VerifyOptions& options);

/// The "malformed" diagnosis for a certificate that did not parse: `index` is its position in
/// the input (0 = the leaf), and the message carries the parse error's offset, path and reason.
Diagnosis malformed_diagnosis(std::size_t index, const CertificateParseError& error);

}  // namespace glasstls::x509
