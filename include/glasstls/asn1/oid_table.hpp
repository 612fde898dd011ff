// The OIDs glasstls knows by name: algorithms, curves, name attributes, certificate and CRL
// extensions, key purposes, access methods and OCSP.
//
// Each C++ constant is the RFC's ASN.1 value name with '-' written '_', so a reader can grep the
// RFC for it: oids::id_ce_basicConstraints is "id-ce-basicConstraints" in RFC 5280 §4.2.1.9.
// oid_name() returns the RFC spelling (with the hyphens).
#pragma once

#include <string_view>

#include "glasstls/asn1/oid.hpp"

namespace glasstls::asn1 {

/// The RFC name of a known OID ("sha256WithRSAEncryption", "id-ce-keyUsage"), "" if unknown.
std::string_view oid_name(const Oid& oid);

/// The RFC 4514 §3 short name of a naming attribute ("CN", "O", "C", "DC", "UID", ...), or ""
/// when RFC 4514 gives none (the caller then prints the dotted form or oid_name()).
std::string_view attribute_short_name(const Oid& oid);

namespace oids {

// ---- Hash functions: RFC 4055 §2.1 (SHA-2), RFC 3279 §2.2.1 (SHA-1) ----------------------------
inline constexpr Oid id_sha1 = Oid::from_arcs({1, 3, 14, 3, 2, 26});
inline constexpr Oid id_sha224 = Oid::from_arcs({2, 16, 840, 1, 101, 3, 4, 2, 4});
inline constexpr Oid id_sha256 = Oid::from_arcs({2, 16, 840, 1, 101, 3, 4, 2, 1});
inline constexpr Oid id_sha384 = Oid::from_arcs({2, 16, 840, 1, 101, 3, 4, 2, 2});
inline constexpr Oid id_sha512 = Oid::from_arcs({2, 16, 840, 1, 101, 3, 4, 2, 3});

// ---- RSA: pkcs-1 = 1.2.840.113549.1.1; RFC 3279 §2.3.1 and §3, RFC 4055 §2.2, §3.1, §5 --------
inline constexpr Oid rsaEncryption = Oid::from_arcs({1, 2, 840, 113549, 1, 1, 1});
inline constexpr Oid sha1WithRSAEncryption = Oid::from_arcs({1, 2, 840, 113549, 1, 1, 5});
inline constexpr Oid id_mgf1 = Oid::from_arcs({1, 2, 840, 113549, 1, 1, 8});
inline constexpr Oid id_RSASSA_PSS = Oid::from_arcs({1, 2, 840, 113549, 1, 1, 10});
inline constexpr Oid sha256WithRSAEncryption = Oid::from_arcs({1, 2, 840, 113549, 1, 1, 11});
inline constexpr Oid sha384WithRSAEncryption = Oid::from_arcs({1, 2, 840, 113549, 1, 1, 12});
inline constexpr Oid sha512WithRSAEncryption = Oid::from_arcs({1, 2, 840, 113549, 1, 1, 13});
inline constexpr Oid sha224WithRSAEncryption = Oid::from_arcs({1, 2, 840, 113549, 1, 1, 14});

// ---- ECDSA and EC keys: ansi-X9-62 = 1.2.840.10045; RFC 3279 §2.2.3, RFC 5758 §3.2,
//      RFC 5480 §2.1.1 (id-ecPublicKey) and §2.1.1.1 (named curves) ------------------------------
inline constexpr Oid ecdsa_with_SHA1 = Oid::from_arcs({1, 2, 840, 10045, 4, 1});
inline constexpr Oid ecdsa_with_SHA224 = Oid::from_arcs({1, 2, 840, 10045, 4, 3, 1});
inline constexpr Oid ecdsa_with_SHA256 = Oid::from_arcs({1, 2, 840, 10045, 4, 3, 2});
inline constexpr Oid ecdsa_with_SHA384 = Oid::from_arcs({1, 2, 840, 10045, 4, 3, 3});
inline constexpr Oid ecdsa_with_SHA512 = Oid::from_arcs({1, 2, 840, 10045, 4, 3, 4});
inline constexpr Oid id_ecPublicKey = Oid::from_arcs({1, 2, 840, 10045, 2, 1});
inline constexpr Oid secp256r1 = Oid::from_arcs({1, 2, 840, 10045, 3, 1, 7});
inline constexpr Oid secp384r1 = Oid::from_arcs({1, 3, 132, 0, 34});
inline constexpr Oid secp521r1 = Oid::from_arcs({1, 3, 132, 0, 35});

// ---- Curve25519 / Curve448: RFC 8410 §3 ---------------------------------------------------------
inline constexpr Oid id_X25519 = Oid::from_arcs({1, 3, 101, 110});
inline constexpr Oid id_X448 = Oid::from_arcs({1, 3, 101, 111});
inline constexpr Oid id_Ed25519 = Oid::from_arcs({1, 3, 101, 112});
inline constexpr Oid id_Ed448 = Oid::from_arcs({1, 3, 101, 113});

// ---- Naming attributes: id-at = 2.5.4; RFC 5280 Appendix A.1 ------------------------------------
inline constexpr Oid id_at_commonName = Oid::from_arcs({2, 5, 4, 3});
inline constexpr Oid id_at_surname = Oid::from_arcs({2, 5, 4, 4});
inline constexpr Oid id_at_serialNumber = Oid::from_arcs({2, 5, 4, 5});
inline constexpr Oid id_at_countryName = Oid::from_arcs({2, 5, 4, 6});
inline constexpr Oid id_at_localityName = Oid::from_arcs({2, 5, 4, 7});
inline constexpr Oid id_at_stateOrProvinceName = Oid::from_arcs({2, 5, 4, 8});
inline constexpr Oid id_at_organizationName = Oid::from_arcs({2, 5, 4, 10});
inline constexpr Oid id_at_organizationalUnitName = Oid::from_arcs({2, 5, 4, 11});
inline constexpr Oid id_at_title = Oid::from_arcs({2, 5, 4, 12});
inline constexpr Oid id_at_name = Oid::from_arcs({2, 5, 4, 41});
inline constexpr Oid id_at_givenName = Oid::from_arcs({2, 5, 4, 42});
inline constexpr Oid id_at_initials = Oid::from_arcs({2, 5, 4, 43});
inline constexpr Oid id_at_generationQualifier = Oid::from_arcs({2, 5, 4, 44});
inline constexpr Oid id_at_dnQualifier = Oid::from_arcs({2, 5, 4, 46});
inline constexpr Oid id_at_pseudonym = Oid::from_arcs({2, 5, 4, 65});
// RFC 5280 Appendix A.1: domainComponent (RFC 4519) and the legacy pkcs-9 emailAddress.
inline constexpr Oid id_domainComponent = Oid::from_arcs({0, 9, 2342, 19200300, 100, 1, 25});
inline constexpr Oid id_emailAddress = Oid::from_arcs({1, 2, 840, 113549, 1, 9, 1});
// RFC 4514 §3 (defined in RFC 4519): streetAddress (STREET) and userId (UID).
inline constexpr Oid id_at_streetAddress = Oid::from_arcs({2, 5, 4, 9});
inline constexpr Oid userId = Oid::from_arcs({0, 9, 2342, 19200300, 100, 1, 1});
// RFC 4519 / X.520 (not in the reference shelf): businessCategory and postalCode.
inline constexpr Oid id_at_businessCategory = Oid::from_arcs({2, 5, 4, 15});
inline constexpr Oid id_at_postalCode = Oid::from_arcs({2, 5, 4, 17});
// CA/Browser Forum EV Guidelines §9.2.4 (Microsoft arc 1.3.6.1.4.1.311.60.2.1).
inline constexpr Oid jurisdictionLocalityName =
    Oid::from_arcs({1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 1});
inline constexpr Oid jurisdictionStateOrProvinceName =
    Oid::from_arcs({1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 2});
inline constexpr Oid jurisdictionCountryName = Oid::from_arcs({1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 3});

// ---- Certificate extensions: id-ce = 2.5.29; RFC 5280 §4.2.1
// -------------------------------------
inline constexpr Oid id_ce_subjectDirectoryAttributes = Oid::from_arcs({2, 5, 29, 9});
inline constexpr Oid id_ce_subjectKeyIdentifier = Oid::from_arcs({2, 5, 29, 14});
inline constexpr Oid id_ce_keyUsage = Oid::from_arcs({2, 5, 29, 15});
inline constexpr Oid id_ce_subjectAltName = Oid::from_arcs({2, 5, 29, 17});
inline constexpr Oid id_ce_issuerAltName = Oid::from_arcs({2, 5, 29, 18});
inline constexpr Oid id_ce_basicConstraints = Oid::from_arcs({2, 5, 29, 19});
inline constexpr Oid id_ce_nameConstraints = Oid::from_arcs({2, 5, 29, 30});
inline constexpr Oid id_ce_cRLDistributionPoints = Oid::from_arcs({2, 5, 29, 31});
inline constexpr Oid id_ce_certificatePolicies = Oid::from_arcs({2, 5, 29, 32});
inline constexpr Oid anyPolicy = Oid::from_arcs({2, 5, 29, 32, 0});
inline constexpr Oid id_ce_policyMappings = Oid::from_arcs({2, 5, 29, 33});
inline constexpr Oid id_ce_authorityKeyIdentifier = Oid::from_arcs({2, 5, 29, 35});
inline constexpr Oid id_ce_policyConstraints = Oid::from_arcs({2, 5, 29, 36});
inline constexpr Oid id_ce_extKeyUsage = Oid::from_arcs({2, 5, 29, 37});
inline constexpr Oid anyExtendedKeyUsage = Oid::from_arcs({2, 5, 29, 37, 0});
inline constexpr Oid id_ce_freshestCRL = Oid::from_arcs({2, 5, 29, 46});
inline constexpr Oid id_ce_inhibitAnyPolicy = Oid::from_arcs({2, 5, 29, 54});

// ---- Private extensions: id-pe = 1.3.6.1.5.5.7.1; RFC 5280 §4.2.2, RFC 7633 §4 ------------------
inline constexpr Oid id_pe_authorityInfoAccess = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 1, 1});
inline constexpr Oid id_pe_subjectInfoAccess = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 1, 11});
inline constexpr Oid id_pe_tlsfeature = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 1, 24});

// ---- Policy qualifiers: id-qt = 1.3.6.1.5.5.7.2; RFC 5280 §4.2.1.4 ------------------------------
inline constexpr Oid id_qt_cps = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 2, 1});
inline constexpr Oid id_qt_unotice = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 2, 2});

// ---- Extended key usage: id-kp = 1.3.6.1.5.5.7.3; RFC 5280 §4.2.1.12 ----------------------------
inline constexpr Oid id_kp_serverAuth = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 3, 1});
inline constexpr Oid id_kp_clientAuth = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 3, 2});
inline constexpr Oid id_kp_codeSigning = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 3, 3});
inline constexpr Oid id_kp_emailProtection = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 3, 4});
inline constexpr Oid id_kp_timeStamping = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 3, 8});
inline constexpr Oid id_kp_OCSPSigning = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 3, 9});

// ---- Access methods: id-ad = 1.3.6.1.5.5.7.48; RFC 5280 §4.2.2.1 --------------------------------
inline constexpr Oid id_ad_ocsp = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 48, 1});
inline constexpr Oid id_ad_caIssuers = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 48, 2});

// ---- CRL and CRL entry extensions: RFC 5280 §5.2 and §5.3 ---------------------------------------
inline constexpr Oid id_ce_cRLNumber = Oid::from_arcs({2, 5, 29, 20});
inline constexpr Oid id_ce_cRLReasons = Oid::from_arcs({2, 5, 29, 21});  // reasonCode
inline constexpr Oid id_ce_invalidityDate = Oid::from_arcs({2, 5, 29, 24});
inline constexpr Oid id_ce_deltaCRLIndicator = Oid::from_arcs({2, 5, 29, 27});
inline constexpr Oid id_ce_issuingDistributionPoint = Oid::from_arcs({2, 5, 29, 28});
inline constexpr Oid id_ce_certificateIssuer = Oid::from_arcs({2, 5, 29, 29});
inline constexpr Oid id_ce_holdInstructionCode = Oid::from_arcs({2, 5, 29, 23});

// ---- OCSP: id-pkix-ocsp = id-ad-ocsp; RFC 6960 §4.2.1, §4.2.2.2.1, §4.4.1 -----------------------
inline constexpr Oid id_pkix_ocsp_basic = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 48, 1, 1});
inline constexpr Oid id_pkix_ocsp_nonce = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 48, 1, 2});
inline constexpr Oid id_pkix_ocsp_nocheck = Oid::from_arcs({1, 3, 6, 1, 5, 5, 7, 48, 1, 5});

// ---- Certificate Transparency: RFC 6962 §3.1 (poison) and §3.3 (embedded SCT list) --------------
inline constexpr Oid ct_precert_poison = Oid::from_arcs({1, 3, 6, 1, 4, 1, 11129, 2, 4, 3});
inline constexpr Oid ct_precert_scts = Oid::from_arcs({1, 3, 6, 1, 4, 1, 11129, 2, 4, 2});

}  // namespace oids
}  // namespace glasstls::asn1
