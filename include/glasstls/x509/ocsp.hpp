// OCSP responses (RFC 6960 §4.2), parsed strictly on the foundation's DER reader, and the CertID
// that names the certificate a response is about (§4.1.1).
//
//     OCSPResponse ::= SEQUENCE { responseStatus OCSPResponseStatus,
//                                 responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }
//     ResponseBytes ::= SEQUENCE { responseType OBJECT IDENTIFIER, response OCTET STRING }
//     BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData,
//        signatureAlgorithm AlgorithmIdentifier, signature BIT STRING,
//        certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
//     ResponseData ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1,
//        responderID ResponderID, producedAt GeneralizedTime,
//        responses SEQUENCE OF SingleResponse,
//        responseExtensions [1] EXPLICIT Extensions OPTIONAL }
//     ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash }
//     SingleResponse ::= SEQUENCE { certID CertID, certStatus CertStatus,
//        thisUpdate GeneralizedTime, nextUpdate [0] EXPLICIT GeneralizedTime OPTIONAL,
//        singleExtensions [1] EXPLICIT Extensions OPTIONAL }
//     CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo,
//                             unknown [2] IMPLICIT UnknownInfo }
//     RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime,
//                                revocationReason [0] EXPLICIT CRLReason OPTIONAL }
//     CertID ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, issuerNameHash OCTET STRING,
//                           issuerKeyHash OCTET STRING, serialNumber CertificateSerialNumber }
//
// Parsing checks form, not trust. A response whose responseStatus is not successful parses (it
// carries no responseBytes); a successful one must carry an id-pkix-ocsp-basic response. Whether a
// response may be believed (its signer, its dates, which certificate it is about) is
// revocation.hpp's question.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/x509/certificate.hpp"
#include "glasstls/x509/crl.hpp"
#include "glasstls/x509/extensions.hpp"
#include "glasstls/x509/name.hpp"
#include "glasstls/x509/signature.hpp"

namespace glasstls::x509 {

/// RFC 6960 §4.2.1 OCSPResponseStatus (wire values; 4 is unused).
enum class OcspResponseStatus : std::uint8_t {
  successful = 0,
  malformed_request = 1,
  internal_error = 2,
  try_later = 3,
  sig_required = 5,
  unauthorized = 6,
};
/// "successful", "malformedRequest", ...: the ASN.1 names.
std::string_view to_string(OcspResponseStatus status) noexcept;

/// §4.1.1 CertID: which certificate, by the hash of its issuer's name and key and its serial.
struct OcspCertId {
  /// SHA-1 (RFC 6960's default), SHA-256, SHA-384 or SHA-512; other hash OIDs are parse errors.
  crypto::HashAlg hash = crypto::HashAlg::sha1;
  Bytes issuer_name_hash;  // hash of the DER of the issuer's Name (the certificate's issuer field)
  Bytes issuer_key_hash;   // hash of the issuer's subjectPublicKey BIT STRING value (no unused-bits
                           // octet), as for a §4.2.1.2 key identifier
  Bytes serial;            // INTEGER contents octets, as encoded

  bool operator==(const OcspCertId&) const = default;
};

/// The CertID for `cert` issued by `issuer` (issuerNameHash over cert.issuer's DER, which by
/// name chaining equals issuer.subject's).
OcspCertId make_ocsp_cert_id(const Certificate& cert, const Certificate& issuer,
                             crypto::HashAlg hash = crypto::HashAlg::sha1);

/// §4.2.1 CertStatus.
enum class OcspCertStatus { good, revoked, unknown };
std::string_view to_string(OcspCertStatus status) noexcept;

/// §4.2.1 SingleResponse.
struct OcspSingleResponse {
  OcspCertId cert_id;
  OcspCertStatus status = OcspCertStatus::unknown;
  std::optional<WallTime> revocation_time;  // revoked only
  std::optional<CrlReason> revocation_reason;
  WallTime this_update{};
  std::optional<WallTime> next_update;
  std::vector<Extension> extensions;  // singleExtensions, kept raw
};

/// §4.2.1 ResponderID.
struct OcspResponderId {
  std::optional<Name> by_name;  // byName [1]
  std::optional<Bytes> by_key;  // byKey [2]: SHA-1 of the responder's subjectPublicKey bits
};

struct OcspResponse {
  /// The whole OCSPResponse DER.
  Bytes der;
  OcspResponseStatus status = OcspResponseStatus::successful;

  // The BasicOCSPResponse (present exactly when status is successful):
  /// The tbsResponseData element (tag, length, contents) inside `der`: what the signature covers.
  ByteView tbs() const noexcept { return ByteView(der.data() + tbs_offset, tbs_size); }
  std::size_t tbs_offset = 0, tbs_size = 0;
  int version = 1;
  OcspResponderId responder_id;
  WallTime produced_at{};
  std::vector<OcspSingleResponse> responses;
  std::vector<Extension> extensions;  // responseExtensions (nonce, ...), kept raw
  std::optional<Bytes> nonce;         // id-pkix-ocsp-nonce's value, when present
  SignatureAlgorithm signature_algorithm;
  Bytes signature;
  /// certs [0]: certificates the responder included (a delegated responder's certificate).
  std::vector<Certificate> certs;

  /// The SingleResponse about `id`, or nullptr.
  const OcspSingleResponse* find(const OcspCertId& id) const;
};

/// Parses one DER OCSPResponse; the input must be exactly one. Errors: DER offset, dotted path and
/// reason, as for certificates (an embedded certificate's error offset is within the response).
[[nodiscard]] Result<OcspResponse, CertificateParseError> parse_ocsp_response(ByteView der);

}  // namespace glasstls::x509
