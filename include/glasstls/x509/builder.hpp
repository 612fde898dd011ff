// CertificateBuilder: mints X.509 v3 (or v1) certificates on the DER writer, so tests and examples
// can build a whole PKI — roots, intermediates, leaves, and deliberately bad certificates —
// without any outside tool.
//
//     crypto::DeterministicRandom rng(1);
//     auto root_key = x509::SigningKey::generate_ec(crypto::EcCurve::p384, rng);
//     auto root = x509::CertificateBuilder()
//                     .subject(x509::make_name({{oids::id_at_commonName, "Test Root"}}))
//                     .self_signed()
//                     .validity(not_before, not_after)
//                     .public_key(root_key.public_key())
//                     .basic_constraints(true)
//                     .key_usage(KeyUsage::key_cert_sign | KeyUsage::crl_sign)
//                     .sign(root_key);                 // Result<Certificate, ...>
//
// What it writes by default (RFC 5280 §4.1 and §4.2): version 3; a serial derived from the
// subject, key and validity (positive, 16 bytes); UTCTime before 2050 and GeneralizedTime from
// 2050 (§4.1.2.5); a subjectKeyIdentifier computed by §4.2.1.2 method 1 (SHA-1 of the
// subjectPublicKey bits); an authorityKeyIdentifier with the issuer's key identifier (from the
// issuer certificate when one is given, else method 1 over the signing key). Extensions are
// written in a fixed order, then the raw ones in the order added.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "glasstls/asn1/oid.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/x509/certificate.hpp"
#include "glasstls/x509/name.hpp"
#include "glasstls/x509/signing_key.hpp"

namespace glasstls::x509 {

/// A Name of one attribute per RDN, in the order given (most significant first: C, O, ..., CN).
/// Each value is a PrintableString when its characters allow (X.680 §41.4), else a UTF8String;
/// countryName is always PrintableString, emailAddress and domainComponent IA5String (RFC 5280
/// Appendix A.1). `der` and `rdns` are both filled.
Name make_name(const std::vector<std::pair<asn1::Oid, std::string>>& attributes);
/// Shorthand for a Name with only a commonName.
Name make_name(std::string_view common_name);

/// An iPAddress from text ("192.0.2.1", "2001:db8::1"): 4 or 16 bytes; nothing if not an address.
std::optional<Bytes> ip_address_bytes(std::string_view text);

/// A certificate as a "CERTIFICATE" PEM block (RFC 7468 §5), for files handed to other tools.
std::string certificate_pem(ByteView der);

/// RFC 5280 §4.2.1.2 method 1: the SHA-1 of the subjectPublicKey BIT STRING's bytes (tag, length
/// and unused-bits count excluded), 20 bytes; empty if `spki_der` is not a SubjectPublicKeyInfo.
Bytes key_identifier(ByteView spki_der);

class CertificateBuilder {
 public:
  // ---- the TBSCertificate fields -------------------------------------------------------------
  /// 1 or 3 (a v1 certificate can carry no extensions: sign() refuses it).
  CertificateBuilder& version(int v);
  /// The serial as an unsigned big-endian magnitude (RFC 5280 §4.1.2.2: positive, at most 20
  /// octets; the builder writes what it is given, so tests can break that rule).
  CertificateBuilder& serial(ByteView magnitude);
  CertificateBuilder& serial(std::uint64_t value);
  CertificateBuilder& issuer(Name name);
  /// The issuer's subject as issuer, and its subjectKeyIdentifier for the AKI.
  CertificateBuilder& issuer(const Certificate& issuer_certificate);
  /// issuer = subject (whatever subject is set to when signing).
  CertificateBuilder& self_signed();
  CertificateBuilder& subject(Name name);
  CertificateBuilder& validity(WallTime not_before, WallTime not_after);
  CertificateBuilder& public_key(const PublicKey& key);
  /// A raw SubjectPublicKeyInfo (for keys glasstls does not sign with, or malformed ones).
  CertificateBuilder& public_key_der(Bytes spki_der);

  // ---- extensions (RFC 5280 §4.2.1), each at most once ---------------------------------------
  /// §4.2.1.9; critical by default (it MUST be critical in CA certificates).
  CertificateBuilder& basic_constraints(bool ca, std::optional<std::uint64_t> path_len = {},
                                        bool critical = true);
  /// §4.2.1.3: KeyUsage::Bit values or'ed together; critical by default (SHOULD be).
  CertificateBuilder& key_usage(std::uint16_t bits, bool critical = true);
  /// §4.2.1.12.
  CertificateBuilder& ext_key_usage(std::vector<asn1::Oid> purposes, bool critical = false);
  /// §4.2.1.6 subjectAltName dNSName entries (written as given, so tests can add bad ones).
  CertificateBuilder& add_dns_name(std::string name);
  /// §4.2.1.6 iPAddress: 4 or 16 bytes (see ip_address_bytes).
  CertificateBuilder& add_ip_address(Bytes address);
  /// The SAN's critical flag; by default critical exactly when the subject is empty (§4.2.1.6).
  CertificateBuilder& san_critical(bool critical);
  /// §4.2.1.10 permitted/excluded subtrees: a dNSName, or an iPAddress with its mask (8 or 32
  /// bytes). The extension is critical (it MUST be).
  CertificateBuilder& permit_dns(std::string name);
  CertificateBuilder& exclude_dns(std::string name);
  CertificateBuilder& permit_ip(Bytes address_and_mask);
  CertificateBuilder& exclude_ip(Bytes address_and_mask);
  /// §4.2.1.2: a chosen subjectKeyIdentifier instead of the computed one, or none at all.
  CertificateBuilder& subject_key_id(Bytes id);
  CertificateBuilder& no_subject_key_id();
  /// §4.2.1.1: a chosen authorityKeyIdentifier keyIdentifier, or none at all.
  CertificateBuilder& authority_key_id(Bytes id);
  CertificateBuilder& no_authority_key_id();
  /// §4.2.1.13: a distribution point with one fullName URI.
  CertificateBuilder& add_crl_distribution_point(std::string uri);
  /// §4.2.2.1: an id-ad-ocsp / id-ad-caIssuers URI.
  CertificateBuilder& add_ocsp_uri(std::string uri);
  CertificateBuilder& add_ca_issuers_uri(std::string uri);
  /// RFC 7633 TLS Feature with status_request (5): "must-staple".
  CertificateBuilder& must_staple();
  /// Any extension: `value` is the extnValue contents (DER). Written after the others, in order,
  /// even when it repeats one (for tests of duplicate extensions).
  CertificateBuilder& raw_extension(const asn1::Oid& id, Bytes value, bool critical);

  // ---- knobs for making bad certificates -----------------------------------------------------
  /// The outer signatureAlgorithm (a whole AlgorithmIdentifier DER), different from the one in
  /// tbsCertificate: RFC 5280 §4.1.1.2 says they MUST be equal.
  CertificateBuilder& outer_signature_algorithm_override(Bytes algorithm_identifier_der);
  /// Both signatureAlgorithm fields (e.g. claiming SHA-384 while the key signs SHA-256, or an
  /// unsupported OID); the signature is still made by the key's own algorithm.
  CertificateBuilder& signature_algorithm_override(Bytes algorithm_identifier_der);
  /// Flips one bit of the signature after signing.
  CertificateBuilder& corrupt_signature();

  // ---- output ----------------------------------------------------------------------------------
  /// The DER certificate signed by `issuer_key`. Errors: a missing field, a value the DER writer
  /// cannot encode, extensions in a v1 certificate — each as a CertificateParseError whose path
  /// starts with "builder" (offset 0).
  [[nodiscard]] Result<Bytes, CertificateParseError> sign_der(const SigningKey& issuer_key) const;
  /// sign_der, then parse_certificate on the result: what a verifier would see.
  [[nodiscard]] Result<Certificate, CertificateParseError> sign(const SigningKey& issuer_key) const;

 private:
  struct RawExtension {
    asn1::Oid id;
    Bytes value;
    bool critical = false;
  };
  struct Flagged {
    bool present = false;
    bool critical = false;
  };

  [[nodiscard]] Result<Bytes, CertificateParseError> tbs_der(const SigningKey& issuer_key,
                                                             ByteView algorithm_der) const;
  std::vector<RawExtension> extensions(const SigningKey& issuer_key) const;

  int version_ = 3;
  std::optional<Bytes> serial_;
  std::optional<Name> issuer_;
  bool self_signed_ = false;
  std::optional<Bytes> issuer_key_id_;  // from issuer(const Certificate&)
  std::optional<Name> subject_;
  std::optional<std::pair<WallTime, WallTime>> validity_;
  std::optional<Bytes> spki_;

  Flagged basic_constraints_;
  bool ca_ = false;
  std::optional<std::uint64_t> path_len_;
  Flagged key_usage_;
  std::uint16_t key_usage_bits_ = 0;
  Flagged ext_key_usage_;
  std::vector<asn1::Oid> purposes_;
  std::vector<GeneralName> san_;
  std::optional<bool> san_critical_;
  NameConstraints name_constraints_;
  std::optional<Bytes> subject_key_id_;
  bool no_subject_key_id_ = false;
  std::optional<Bytes> authority_key_id_;
  bool no_authority_key_id_ = false;
  std::vector<std::string> crl_uris_;
  AuthorityInfoAccess aia_;
  bool must_staple_ = false;
  std::vector<RawExtension> raw_;

  std::optional<Bytes> outer_algorithm_override_;
  std::optional<Bytes> algorithm_override_;
  bool corrupt_signature_ = false;
};

}  // namespace glasstls::x509
