// An X.509 v1/v3 certificate (RFC 5280 §4.1), parsed strictly on the foundation's DER reader.
//
//     Certificate ::= SEQUENCE { tbsCertificate TBSCertificate,
//                                signatureAlgorithm AlgorithmIdentifier,
//                                signatureValue BIT STRING }
//     TBSCertificate ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1,
//        serialNumber CertificateSerialNumber, signature AlgorithmIdentifier, issuer Name,
//        validity Validity, subject Name, subjectPublicKeyInfo SubjectPublicKeyInfo,
//        issuerUniqueID [1] IMPLICIT UniqueIdentifier OPTIONAL,
//        subjectUniqueID [2] IMPLICIT UniqueIdentifier OPTIONAL,
//        extensions [3] EXPLICIT Extensions OPTIONAL }
//
// Parsing checks form, not trust: that the outer signatureAlgorithm equals
// tbsCertificate.signature, that extensions appear only in v3 and each at most once, and that
// every extension glasstls understands decodes. Trust decisions are verify.hpp's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/asn1/der_error.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/x509/extensions.hpp"
#include "glasstls/x509/name.hpp"
#include "glasstls/x509/signature.hpp"

namespace glasstls::x509 {

/// Why a certificate could not be parsed: the DER error (byte offset, dotted path, reason), plus
/// the PEM block's line when the input was PEM (0 for DER).
struct CertificateParseError {
  asn1::DerError der;
  std::size_t pem_line = 0;
  std::string to_string() const;
};

struct Validity {
  /// RFC 5280 §4.1.2.5: UTCTime years 50–99 are 19YY, 00–49 are 20YY; GeneralizedTime is
  /// tolerated for any year on read (real roots use it before 2050). notAfter is inclusive, and
  /// 99991231235959Z means "no well-defined expiration".
  WallTime not_before{};
  WallTime not_after{};
  bool no_expiry() const noexcept;
};

struct Certificate {
  /// The whole certificate DER. Every ByteView below points into it.
  Bytes der;
  /// The tbsCertificate element (tag, length, contents): what the signature covers.
  ByteView tbs() const noexcept { return ByteView(der.data() + tbs_offset, tbs_size); }
  std::size_t tbs_offset = 0, tbs_size = 0;

  int version = 1;  // 1, 2 or 3
  Bytes serial;     // the INTEGER's contents octets (two's complement, as encoded)
  SignatureAlgorithm signature_algorithm;
  Name issuer;
  Validity validity;
  Name subject;
  PublicKey public_key;
  Bytes signature;  // the signatureValue bits (no unused bits allowed)

  /// Every extension in encoding order, understood or not.
  std::vector<Extension> extensions;
  // The decoded ones:
  std::optional<BasicConstraints> basic_constraints;
  std::optional<KeyUsage> key_usage;
  std::optional<ExtKeyUsage> ext_key_usage;
  std::optional<SubjectAltName> subject_alt_name;
  std::optional<NameConstraints> name_constraints;
  std::optional<AuthorityKeyIdentifier> authority_key_id;
  std::optional<Bytes> subject_key_id;
  std::vector<DistributionPoint> crl_distribution_points;
  std::optional<AuthorityInfoAccess> authority_info_access;
  std::optional<TlsFeature> tls_feature;

  /// A critical extension glasstls does not understand (RFC 5280 §4.2: the certificate must
  /// then be rejected by path validation); nullptr if none.
  const Extension* unknown_critical_extension() const;
  /// issuer and subject match by RFC 5280 §7.1 (a candidate self-issued certificate).
  bool self_issued() const;
  /// The SHA-256 of the DER, in hex: a name for the certificate in messages and tests.
  std::string fingerprint_sha256() const;
};

/// Parses one DER certificate; the input must be exactly one Certificate.
[[nodiscard]] Result<Certificate, CertificateParseError> parse_certificate(ByteView der);
/// Parses every "CERTIFICATE" block of a PEM text, in order (other block labels are skipped;
/// text outside blocks is ignored, as in a CA bundle). An error names the block's line.
[[nodiscard]] Result<std::vector<Certificate>, CertificateParseError> parse_certificates_pem(
    std::string_view text);

}  // namespace glasstls::x509
