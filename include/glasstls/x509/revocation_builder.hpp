// CrlBuilder and OcspResponseBuilder: mint CRLs (RFC 5280 §5) and OCSP responses (RFC 6960
// §4.2.1) on the DER writer, so tests and labs can revoke certificates — and make the stale,
// partial, misdirected and wrongly signed revocation data a verifier must not believe — without
// any outside tool.
//
//     auto crl = x509::CrlBuilder()
//                    .issuer(ca_cert)
//                    .this_update(t0).next_update(t0 + days(7))
//                    .crl_number(1)
//                    .revoke(leaf, revoked_at, x509::CrlReason::key_compromise)
//                    .sign(ca_key);                      // Result<Crl, ...>
//
//     auto resp = x509::OcspResponseBuilder()
//                     .responder(ca_cert)                // byName; or a delegated responder
//                     .produced_at(t0)
//                     .add(leaf, ca_cert, x509::OcspCertStatus::good, t0, t0 + days(1))
//                     .sign(ca_key);                     // Result<OcspResponse, ...>
//
// What they write by default: a v2 CRL with an authorityKeyIdentifier (from the issuer
// certificate, or §4.2.1.2 method 1 over the signing key); an OCSP v1 response, ResponderID
// byName, producedAt = the first SingleResponse's thisUpdate unless set, no certs.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "glasstls/asn1/oid.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/x509/certificate.hpp"
#include "glasstls/x509/crl.hpp"
#include "glasstls/x509/name.hpp"
#include "glasstls/x509/ocsp.hpp"
#include "glasstls/x509/signing_key.hpp"

namespace glasstls::x509 {

class CrlBuilder {
 public:
  /// 1 (no version field, no extensions allowed) or 2 (the default).
  CrlBuilder& version(int v);
  /// The issuer's subject as issuer, and its subjectKeyIdentifier for the AKI.
  CrlBuilder& issuer(const Certificate& issuer_certificate);
  CrlBuilder& issuer(Name name);
  CrlBuilder& this_update(WallTime t);
  CrlBuilder& next_update(WallTime t);
  /// Leaves nextUpdate out (RFC 5280 §5.1.2.5 says conforming issuers MUST include it).
  CrlBuilder& no_next_update();
  /// §5.2.3 cRLNumber (non-critical).
  CrlBuilder& crl_number(std::uint64_t n);
  /// §5.2.4 deltaCRLIndicator with the base CRL number (critical): a delta CRL.
  CrlBuilder& delta_of(std::uint64_t base_crl_number);
  /// §5.2.5 issuingDistributionPoint (critical), written as given (a fullName of URIs; flags
  /// left false/absent are omitted, as DER requires).
  CrlBuilder& issuing_distribution_point(IssuingDistributionPoint idp);
  /// §4.2.1.1: no authorityKeyIdentifier.
  CrlBuilder& no_authority_key_id();

  /// One revokedCertificates entry; reason and invalidity date become entry extensions.
  CrlBuilder& revoke(ByteView serial_magnitude, WallTime when,
                     std::optional<CrlReason> reason = std::nullopt,
                     std::optional<WallTime> invalidity_date = std::nullopt);
  /// The entry for a certificate's serial (as encoded in the certificate).
  CrlBuilder& revoke(const Certificate& cert, WallTime when,
                     std::optional<CrlReason> reason = std::nullopt,
                     std::optional<WallTime> invalidity_date = std::nullopt);
  /// An extension on the last entry added (e.g. an unknown critical one).
  CrlBuilder& raw_entry_extension(const asn1::Oid& id, Bytes value, bool critical);
  /// Any CRL extension (extnValue contents), written after the others in the order added.
  CrlBuilder& raw_extension(const asn1::Oid& id, Bytes value, bool critical);

  /// Flips one bit of the signature after signing.
  CrlBuilder& corrupt_signature();

  /// The DER CRL signed by `key`. Errors (a missing issuer or thisUpdate, extensions in a v1
  /// CRL, a value the writer cannot encode) as a CertificateParseError whose path starts with
  /// "builder".
  [[nodiscard]] Result<Bytes, CertificateParseError> sign_der(const SigningKey& key) const;
  /// sign_der, then parse_crl.
  [[nodiscard]] Result<Crl, CertificateParseError> sign(const SigningKey& key) const;

 private:
  struct RawExtension {
    asn1::Oid id;
    Bytes value;
    bool critical = false;
  };
  struct Entry {
    Bytes serial;  // INTEGER contents octets
    WallTime when{};
    std::optional<CrlReason> reason;
    std::optional<WallTime> invalidity_date;
    std::vector<RawExtension> raw;
  };

  int version_ = 2;
  std::optional<Name> issuer_;
  std::optional<Bytes> issuer_key_id_;
  std::optional<WallTime> this_update_;
  std::optional<WallTime> next_update_;
  bool no_next_update_ = false;
  std::optional<std::uint64_t> crl_number_;
  std::optional<std::uint64_t> delta_base_;
  std::optional<IssuingDistributionPoint> idp_;
  bool no_authority_key_id_ = false;
  std::vector<Entry> entries_;
  std::vector<RawExtension> raw_;
  bool corrupt_signature_ = false;
};

class OcspResponseBuilder {
 public:
  /// ResponderID byName with this certificate's subject (the CA itself, or a delegated
  /// responder); with `include_certificate`, the certificate also goes in certs [0].
  OcspResponseBuilder& responder(const Certificate& responder_certificate,
                                 bool include_certificate = false);
  /// ResponderID byKey: SHA-1 of the certificate's subjectPublicKey bits (RFC 6960 §4.2.1).
  OcspResponseBuilder& responder_by_key(const Certificate& responder_certificate,
                                        bool include_certificate = false);
  /// ResponderID byName with any name (for a misdirected response).
  OcspResponseBuilder& responder_name(Name name);
  /// A further certificate in certs [0].
  OcspResponseBuilder& add_certificate(const Certificate& cert);
  OcspResponseBuilder& produced_at(WallTime t);

  /// A SingleResponse about `cert` issued by `issuer`, its CertID hashed with `hash`.
  /// `revocation_time`/`reason` are written for revoked only (revocation_time defaults to
  /// this_update).
  OcspResponseBuilder& add(const Certificate& cert, const Certificate& issuer,
                           OcspCertStatus status, WallTime this_update,
                           std::optional<WallTime> next_update = std::nullopt,
                           std::optional<WallTime> revocation_time = std::nullopt,
                           std::optional<CrlReason> reason = std::nullopt,
                           crypto::HashAlg hash = crypto::HashAlg::sha1);
  /// A SingleResponse with a CertID as given (for mismatched ones).
  OcspResponseBuilder& add(const OcspCertId& id, OcspCertStatus status, WallTime this_update,
                           std::optional<WallTime> next_update = std::nullopt,
                           std::optional<WallTime> revocation_time = std::nullopt,
                           std::optional<CrlReason> reason = std::nullopt);
  /// §4.4.1 nonce extension in responseExtensions.
  OcspResponseBuilder& nonce(Bytes value);

  /// Flips one bit of the signature after signing.
  OcspResponseBuilder& corrupt_signature();

  /// The DER OCSPResponse (successful, id-pkix-ocsp-basic) signed by `key`. Errors as for
  /// CrlBuilder (no responder, no SingleResponse).
  [[nodiscard]] Result<Bytes, CertificateParseError> sign_der(const SigningKey& key) const;
  /// sign_der, then parse_ocsp_response.
  [[nodiscard]] Result<OcspResponse, CertificateParseError> sign(const SigningKey& key) const;

  /// An unsigned OCSPResponse with only a non-successful status (tryLater, unauthorized, ...).
  static Bytes error_response(OcspResponseStatus status);

 private:
  struct Single {
    OcspCertId id;
    OcspCertStatus status = OcspCertStatus::good;
    WallTime this_update{};
    std::optional<WallTime> next_update;
    std::optional<WallTime> revocation_time;
    std::optional<CrlReason> reason;
  };

  std::optional<Name> by_name_;
  std::optional<Bytes> by_key_;
  std::vector<Bytes> certs_;  // DER
  std::optional<WallTime> produced_at_;
  std::vector<Single> singles_;
  std::optional<Bytes> nonce_;
  bool corrupt_signature_ = false;
};

}  // namespace glasstls::x509
