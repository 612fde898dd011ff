// A certificate revocation list (RFC 5280 §5), parsed strictly on the foundation's DER reader.
//
//     CertificateList ::= SEQUENCE { tbsCertList TBSCertList,
//                                    signatureAlgorithm AlgorithmIdentifier,
//                                    signatureValue BIT STRING }
//     TBSCertList ::= SEQUENCE {
//        version Version OPTIONAL,            -- if present, MUST be v2
//        signature AlgorithmIdentifier, issuer Name,
//        thisUpdate Time, nextUpdate Time OPTIONAL,
//        revokedCertificates SEQUENCE OF SEQUENCE {
//             userCertificate CertificateSerialNumber, revocationDate Time,
//             crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
//        crlExtensions [0] EXPLICIT Extensions OPTIONAL }
//
// Parsing checks form, not trust: that the outer signatureAlgorithm equals tbsCertList.signature,
// that extensions appear only in v2 and each at most once (per entry for entry extensions), and
// that every extension glasstls understands decodes. Whether a CRL may be used for a certificate
// (its signer, its dates, its scope) is revocation.hpp's question.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/x509/certificate.hpp"
#include "glasstls/x509/extensions.hpp"
#include "glasstls/x509/name.hpp"
#include "glasstls/x509/signature.hpp"

namespace glasstls::x509 {

/// RFC 5280 §5.3.1 CRLReason ::= ENUMERATED (the values are the wire values; 7 is unused).
enum class CrlReason : std::uint8_t {
  unspecified = 0,
  key_compromise = 1,
  ca_compromise = 2,
  affiliation_changed = 3,
  superseded = 4,
  cessation_of_operation = 5,
  certificate_hold = 6,
  remove_from_crl = 8,
  privilege_withdrawn = 9,
  aa_compromise = 10,
};
/// "keyCompromise", "cACompromise", ...: the ASN.1 names of RFC 5280 §5.3.1.
std::string_view to_string(CrlReason reason) noexcept;
/// The reason for a wire value; nothing for 7 and values above 10.
std::optional<CrlReason> crl_reason_from_value(std::int64_t value) noexcept;

/// RFC 5280 §4.2.1.13 ReasonFlags bits (as in DistributionPoint::reasons): bit i is the reason
/// with value i, except that bit 0 is "unused" and bit 7 is privilegeWithdrawn(7) while the
/// CRLReason enumeration numbers it 9; bit 8 is aACompromise (CRLReason 10).
namespace reason_flags {
inline constexpr std::uint16_t key_compromise = 1u << 1;
inline constexpr std::uint16_t ca_compromise = 1u << 2;
inline constexpr std::uint16_t affiliation_changed = 1u << 3;
inline constexpr std::uint16_t superseded = 1u << 4;
inline constexpr std::uint16_t cessation_of_operation = 1u << 5;
inline constexpr std::uint16_t certificate_hold = 1u << 6;
inline constexpr std::uint16_t privilege_withdrawn = 1u << 7;
inline constexpr std::uint16_t aa_compromise = 1u << 8;
}  // namespace reason_flags

/// RFC 5280 §5.2.5 IssuingDistributionPoint ::= SEQUENCE {
///   distributionPoint [0] DistributionPointName OPTIONAL,
///   onlyContainsUserCerts [1] BOOLEAN DEFAULT FALSE, onlyContainsCACerts [2] BOOLEAN DEFAULT
///   FALSE, onlySomeReasons [3] ReasonFlags OPTIONAL, indirectCRL [4] BOOLEAN DEFAULT FALSE,
///   onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
/// (DER: a BOOLEAN equal to its DEFAULT must be absent; at most one of the three "only" flags.)
struct IssuingDistributionPoint {
  /// distributionPoint's fullName [0]; empty when absent or given as nameRelativeToCRLIssuer.
  std::vector<GeneralName> full_name;
  /// distributionPoint given as nameRelativeToCRLIssuer [1]: an RDN appended to the CRL
  /// issuer's name makes the point's directory name (RFC 5280 §5.2.5).
  std::optional<Rdn> relative_name;
  bool only_user_certs = false;
  bool only_ca_certs = false;
  std::optional<std::uint16_t> only_some_reasons;  // reason_flags bits
  bool indirect_crl = false;
  bool only_attribute_certs = false;
};

/// One revokedCertificates entry (RFC 5280 §5.1.2.6) with its entry extensions (§5.3).
struct RevokedEntry {
  Bytes serial;  // the INTEGER's contents octets, as encoded (compare with Certificate::serial)
  WallTime revocation_date{};
  std::optional<CrlReason> reason;          // §5.3.1 reasonCode
  std::optional<WallTime> invalidity_date;  // §5.3.2 invalidityDate (GeneralizedTime)
  /// §5.3.3 certificateIssuer (indirect CRLs): decoded, but glasstls treats indirect CRLs as
  /// incomplete (revocation.hpp).
  std::vector<GeneralName> certificate_issuer;
  /// Every entry extension in encoding order, understood or not.
  std::vector<Extension> extensions;
  /// A critical entry extension glasstls does not understand (§5.3: the whole CRL then must not
  /// be used); nullptr if none.
  const Extension* unknown_critical_extension() const;
};

struct Crl {
  /// The whole CertificateList DER. Every ByteView below points into it.
  Bytes der;
  /// The tbsCertList element (tag, length, contents): what the signature covers.
  ByteView tbs() const noexcept { return ByteView(der.data() + tbs_offset, tbs_size); }
  std::size_t tbs_offset = 0, tbs_size = 0;

  int version = 1;  // 1 (version absent) or 2
  SignatureAlgorithm signature_algorithm;
  Name issuer;
  WallTime this_update{};
  std::optional<WallTime> next_update;
  std::vector<RevokedEntry> revoked;
  Bytes signature;  // the signatureValue bits

  /// Every CRL extension in encoding order, understood or not.
  std::vector<Extension> extensions;
  // The decoded ones (RFC 5280 §5.2):
  std::optional<AuthorityKeyIdentifier> authority_key_id;  // §5.2.1
  std::optional<Bytes> crl_number;                         // §5.2.3 (INTEGER contents octets)
  std::optional<Bytes> delta_crl_indicator;                // §5.2.4 BaseCRLNumber contents
  std::optional<IssuingDistributionPoint> issuing_distribution_point;  // §5.2.5
  std::vector<DistributionPoint> freshest_crl;                         // §5.2.6

  /// A critical CRL extension glasstls does not understand (§5.2: the CRL must then not be
  /// used); nullptr if none.
  const Extension* unknown_critical_extension() const;
  /// The entry for a certificate serial (INTEGER contents octets), or nullptr.
  const RevokedEntry* find(ByteView serial) const;
  /// The SHA-256 of the DER, in hex.
  std::string fingerprint_sha256() const;
};

/// Parses one DER CertificateList; the input must be exactly one. Errors reuse the
/// certificate parser's type (DER offset, dotted path, reason; PEM line for PEM input).
[[nodiscard]] Result<Crl, CertificateParseError> parse_crl(ByteView der);
/// Parses every "X509 CRL" block of a PEM text, in order (other labels skipped).
[[nodiscard]] Result<std::vector<Crl>, CertificateParseError> parse_crls_pem(std::string_view text);
/// A CRL as an "X509 CRL" PEM block (RFC 7468 §6).
std::string crl_pem(ByteView der);

}  // namespace glasstls::x509
