// The name table behind oid_name() and attribute_short_name(). The OID values themselves, with
// their RFC citations, are in include/glasstls/asn1/oid_table.hpp.
#include "glasstls/asn1/oid_table.hpp"

#include <array>
#include <utility>

namespace glasstls::asn1 {

namespace {

struct Named {
  Oid oid;
  std::string_view name;
};

// One row per constant in oids::, spelled as in the RFC ('_' back to '-').
constexpr Named kNames[] = {
    {oids::id_sha1, "id-sha1"},
    {oids::id_sha224, "id-sha224"},
    {oids::id_sha256, "id-sha256"},
    {oids::id_sha384, "id-sha384"},
    {oids::id_sha512, "id-sha512"},
    {oids::rsaEncryption, "rsaEncryption"},
    {oids::sha1WithRSAEncryption, "sha1WithRSAEncryption"},
    {oids::id_mgf1, "id-mgf1"},
    {oids::id_RSASSA_PSS, "id-RSASSA-PSS"},
    {oids::sha256WithRSAEncryption, "sha256WithRSAEncryption"},
    {oids::sha384WithRSAEncryption, "sha384WithRSAEncryption"},
    {oids::sha512WithRSAEncryption, "sha512WithRSAEncryption"},
    {oids::sha224WithRSAEncryption, "sha224WithRSAEncryption"},
    {oids::ecdsa_with_SHA1, "ecdsa-with-SHA1"},
    {oids::ecdsa_with_SHA224, "ecdsa-with-SHA224"},
    {oids::ecdsa_with_SHA256, "ecdsa-with-SHA256"},
    {oids::ecdsa_with_SHA384, "ecdsa-with-SHA384"},
    {oids::ecdsa_with_SHA512, "ecdsa-with-SHA512"},
    {oids::id_ecPublicKey, "id-ecPublicKey"},
    {oids::secp256r1, "secp256r1"},
    {oids::secp384r1, "secp384r1"},
    {oids::secp521r1, "secp521r1"},
    {oids::id_X25519, "id-X25519"},
    {oids::id_X448, "id-X448"},
    {oids::id_Ed25519, "id-Ed25519"},
    {oids::id_Ed448, "id-Ed448"},
    {oids::id_at_commonName, "id-at-commonName"},
    {oids::id_at_surname, "id-at-surname"},
    {oids::id_at_serialNumber, "id-at-serialNumber"},
    {oids::id_at_countryName, "id-at-countryName"},
    {oids::id_at_localityName, "id-at-localityName"},
    {oids::id_at_stateOrProvinceName, "id-at-stateOrProvinceName"},
    {oids::id_at_organizationName, "id-at-organizationName"},
    {oids::id_at_organizationalUnitName, "id-at-organizationalUnitName"},
    {oids::id_at_title, "id-at-title"},
    {oids::id_at_name, "id-at-name"},
    {oids::id_at_givenName, "id-at-givenName"},
    {oids::id_at_initials, "id-at-initials"},
    {oids::id_at_generationQualifier, "id-at-generationQualifier"},
    {oids::id_at_dnQualifier, "id-at-dnQualifier"},
    {oids::id_at_pseudonym, "id-at-pseudonym"},
    {oids::id_domainComponent, "id-domainComponent"},
    {oids::id_emailAddress, "id-emailAddress"},
    {oids::id_at_streetAddress, "id-at-streetAddress"},
    {oids::userId, "userId"},
    {oids::id_at_businessCategory, "id-at-businessCategory"},
    {oids::id_at_postalCode, "id-at-postalCode"},
    {oids::jurisdictionLocalityName, "jurisdictionLocalityName"},
    {oids::jurisdictionStateOrProvinceName, "jurisdictionStateOrProvinceName"},
    {oids::jurisdictionCountryName, "jurisdictionCountryName"},
    {oids::id_ce_subjectDirectoryAttributes, "id-ce-subjectDirectoryAttributes"},
    {oids::id_ce_subjectKeyIdentifier, "id-ce-subjectKeyIdentifier"},
    {oids::id_ce_keyUsage, "id-ce-keyUsage"},
    {oids::id_ce_subjectAltName, "id-ce-subjectAltName"},
    {oids::id_ce_issuerAltName, "id-ce-issuerAltName"},
    {oids::id_ce_basicConstraints, "id-ce-basicConstraints"},
    {oids::id_ce_nameConstraints, "id-ce-nameConstraints"},
    {oids::id_ce_cRLDistributionPoints, "id-ce-cRLDistributionPoints"},
    {oids::id_ce_certificatePolicies, "id-ce-certificatePolicies"},
    {oids::anyPolicy, "anyPolicy"},
    {oids::id_ce_policyMappings, "id-ce-policyMappings"},
    {oids::id_ce_authorityKeyIdentifier, "id-ce-authorityKeyIdentifier"},
    {oids::id_ce_policyConstraints, "id-ce-policyConstraints"},
    {oids::id_ce_extKeyUsage, "id-ce-extKeyUsage"},
    {oids::anyExtendedKeyUsage, "anyExtendedKeyUsage"},
    {oids::id_ce_freshestCRL, "id-ce-freshestCRL"},
    {oids::id_ce_inhibitAnyPolicy, "id-ce-inhibitAnyPolicy"},
    {oids::id_pe_authorityInfoAccess, "id-pe-authorityInfoAccess"},
    {oids::id_pe_subjectInfoAccess, "id-pe-subjectInfoAccess"},
    {oids::id_pe_tlsfeature, "id-pe-tlsfeature"},
    {oids::id_qt_cps, "id-qt-cps"},
    {oids::id_qt_unotice, "id-qt-unotice"},
    {oids::id_kp_serverAuth, "id-kp-serverAuth"},
    {oids::id_kp_clientAuth, "id-kp-clientAuth"},
    {oids::id_kp_codeSigning, "id-kp-codeSigning"},
    {oids::id_kp_emailProtection, "id-kp-emailProtection"},
    {oids::id_kp_timeStamping, "id-kp-timeStamping"},
    {oids::id_kp_OCSPSigning, "id-kp-OCSPSigning"},
    {oids::id_ad_ocsp, "id-ad-ocsp"},
    {oids::id_ad_caIssuers, "id-ad-caIssuers"},
    {oids::id_ce_cRLNumber, "id-ce-cRLNumber"},
    {oids::id_ce_cRLReasons, "id-ce-cRLReasons"},
    {oids::id_ce_invalidityDate, "id-ce-invalidityDate"},
    {oids::id_ce_deltaCRLIndicator, "id-ce-deltaCRLIndicator"},
    {oids::id_ce_issuingDistributionPoint, "id-ce-issuingDistributionPoint"},
    {oids::id_ce_certificateIssuer, "id-ce-certificateIssuer"},
    {oids::id_ce_holdInstructionCode, "id-ce-holdInstructionCode"},
    {oids::id_pkix_ocsp_basic, "id-pkix-ocsp-basic"},
    {oids::id_pkix_ocsp_nonce, "id-pkix-ocsp-nonce"},
    {oids::id_pkix_ocsp_nocheck, "id-pkix-ocsp-nocheck"},
    {oids::ct_precert_poison, "ct-precert-poison"},
    {oids::ct_precert_scts, "ct-precert-scts"},
};

// RFC 4514 §3: the short names a distinguished name string uses.
constexpr Named kShortNames[] = {
    {oids::id_at_commonName, "CN"},
    {oids::id_at_localityName, "L"},
    {oids::id_at_stateOrProvinceName, "ST"},
    {oids::id_at_organizationName, "O"},
    {oids::id_at_organizationalUnitName, "OU"},
    {oids::id_at_countryName, "C"},
    {oids::id_at_streetAddress, "STREET"},
    {oids::id_domainComponent, "DC"},
    {oids::userId, "UID"},
};

std::string_view find(const Named* begin, const Named* end, const Oid& oid) {
  for (const Named* n = begin; n != end; ++n)
    if (n->oid == oid) return n->name;
  return {};
}

}  // namespace

std::string_view oid_name(const Oid& oid) {
  return find(std::begin(kNames), std::end(kNames), oid);
}

std::string_view attribute_short_name(const Oid& oid) {
  return find(std::begin(kShortNames), std::end(kShortNames), oid);
}

}  // namespace glasstls::asn1
