// The certificate extensions glasstls understands (RFC 5280 §4.2 and RFC 7633), decoded.
// Each struct carries the ASN.1 it decodes as a comment. Extensions not listed here are kept raw
// in Certificate::extensions; an unknown one marked critical makes the certificate unusable for
// path validation (RFC 5280 §4.2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "glasstls/asn1/oid.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/x509/name.hpp"

namespace glasstls::x509 {

/// One Extension as encoded: Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE,
/// extnValue OCTET STRING }.
struct Extension {
  asn1::Oid id;
  bool critical = false;
  Bytes value;              // the extnValue contents (itself DER)
  std::size_t offset = 0;   // byte offset of the Extension in the certificate
  bool understood = false;  // decoded into one of the structs below
};

/// §4.2.1.9 BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
///                                         pathLenConstraint INTEGER (0..MAX) OPTIONAL }
struct BasicConstraints {
  bool ca = false;
  std::optional<std::uint64_t> path_len;
};

/// §4.2.1.3 KeyUsage ::= BIT STRING { digitalSignature (0), nonRepudiation (1),
///   keyEncipherment (2), dataEncipherment (3), keyAgreement (4), keyCertSign (5), cRLSign (6),
///   encipherOnly (7), decipherOnly (8) }
struct KeyUsage {
  enum Bit : std::uint16_t {
    digital_signature = 1u << 0,
    non_repudiation = 1u << 1,
    key_encipherment = 1u << 2,
    data_encipherment = 1u << 3,
    key_agreement = 1u << 4,
    key_cert_sign = 1u << 5,
    crl_sign = 1u << 6,
    encipher_only = 1u << 7,
    decipher_only = 1u << 8,
  };
  std::uint16_t bits = 0;
  bool has(Bit b) const noexcept { return (bits & b) != 0; }
};

/// §4.2.1.12 ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId
struct ExtKeyUsage {
  std::vector<asn1::Oid> purposes;
  bool has(const asn1::Oid& purpose) const;
  bool any() const;  // anyExtendedKeyUsage (2.5.29.37.0) present
};

/// §4.2.1.6 GeneralName, the forms path validation and hostname checks use; others are kept as
/// `other` with their tag number so name constraints can fail closed on them.
struct GeneralName {
  enum class Kind { dns, ip, email, uri, directory, other };
  Kind kind = Kind::other;
  std::string text;  // dNSName, rfc822Name, URI (IA5String, checked ASCII)
  Bytes ip;          // iPAddress: 4 or 16 bytes (in name constraints: 8 or 32, address+mask)
  Name directory;    // directoryName
  unsigned tag = 0;  // the context tag number, for `other`
};

/// §4.2.1.6 SubjectAltName ::= GeneralNames
struct SubjectAltName {
  std::vector<GeneralName> names;
};

/// §4.2.1.10 NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
///                                          excludedSubtrees [1] GeneralSubtrees OPTIONAL }
/// (minimum must be 0 and maximum absent, as the profile requires.)
struct NameConstraints {
  std::vector<GeneralName> permitted;
  std::vector<GeneralName> excluded;
};

/// §4.2.1.1 AuthorityKeyIdentifier (keyIdentifier [0]; the issuer/serial form is kept too).
struct AuthorityKeyIdentifier {
  std::optional<Bytes> key_id;
  std::vector<GeneralName> issuer;
  std::optional<Bytes> serial;
};

/// §4.2.1.13 CRLDistributionPoints: the fullName URIs and names of each point.
struct DistributionPoint {
  std::vector<GeneralName> full_name;
  /// nameRelativeToCRLIssuer: an RDN appended to the CRL issuer's name (the cRLIssuer when
  /// present, else the certificate's issuer) to make the point's directory name.
  std::optional<Rdn> relative_name;
  std::optional<std::uint16_t> reasons;  // ReasonFlags bits, when present
  std::vector<GeneralName> crl_issuer;
};

/// §4.2.2.1 AuthorityInfoAccess: OCSP responders and CA issuer URLs.
struct AuthorityInfoAccess {
  std::vector<std::string> ocsp;
  std::vector<std::string> ca_issuers;
};

/// RFC 7633 TLS Feature: a list of TLS extension numbers; 5 (status_request) = must-staple.
struct TlsFeature {
  std::vector<std::uint16_t> features;
  bool must_staple() const;
};

}  // namespace glasstls::x509
