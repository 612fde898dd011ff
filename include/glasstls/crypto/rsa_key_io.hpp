// RSA key files: PKCS#1 (RFC 8017 Appendix A.1), PKCS#8 (RFC 5958) and SubjectPublicKeyInfo
// (RFC 5280 §4.1), as DER and as PEM (RFC 7468), including RSASSA-PSS keys (RFC 4055 §3.1).
//
// This layer turns bytes into the plain numbers of rsa_key.hpp and back. It checks the encoding
// (strict DER, positive integers, versions, algorithm identifiers, PSS parameters) but not the
// arithmetic: RsaPrivateKey::from_parts (rsa.hpp) checks that p·q = n and the CRT values agree.
//
//     auto info = crypto::parse_rsa_private_key_pem(text);   // "RSA PRIVATE KEY" or "PRIVATE KEY"
//     if (!info) std::cerr << info.error().to_string();      // "privateKeyInfo.version at byte 4:
//     ..." auto key = crypto::RsaPrivateKey::from_parts(info->key);
//
// Which file is which (RFC 7468 labels):
//   "RSA PRIVATE KEY"  PKCS#1 RSAPrivateKey           parse_rsa_private_key_pkcs1_der
//   "PRIVATE KEY"      PKCS#8 OneAsymmetricKey        parse_rsa_private_key_pkcs8_der
//   "RSA PUBLIC KEY"   PKCS#1 RSAPublicKey            parse_rsa_public_key_pkcs1_der
//   "PUBLIC KEY"       SubjectPublicKeyInfo           parse_rsa_spki_der
//
// Secrets: the DER this layer decodes from PEM or builds while writing a private key is wiped
// before it is freed. The Bytes a private-key writer returns belong to the caller, who should wipe
// them (ct::secure_wipe) when done.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/key_parse_error.hpp"
#include "glasstls/crypto/rsa_key.hpp"

namespace glasstls::crypto {

/// A public key and the algorithm it was filed under. pss: the algorithm was id-RSASSA-PSS (the
/// key may only make PSS signatures); pss_params: its restriction, absent = unrestricted.
struct RsaPublicKeyInfo {
  RsaPublicKeyParts key;
  bool pss = false;
  std::optional<RsaPssParams> pss_params;
};

/// A private key and the algorithm it was filed under (see RsaPublicKeyInfo).
struct RsaPrivateKeyInfo {
  RsaPrivateKeyParts key;
  bool pss = false;
  std::optional<RsaPssParams> pss_params;
};

// ---- readers (DER) ------------------------------------------------------------------------------

/// RFC 8017 A.1.1 RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
[[nodiscard]] Result<RsaPublicKeyParts, KeyParseError> parse_rsa_public_key_pkcs1_der(ByteView der);

/// RFC 8017 A.1.2 RSAPrivateKey, version 0 (two-prime) only; multi-prime keys are refused.
[[nodiscard]] Result<RsaPrivateKeyParts, KeyParseError> parse_rsa_private_key_pkcs1_der(
    ByteView der);

/// RFC 5958 OneAsymmetricKey v1 (= PKCS#8 PrivateKeyInfo) or v2 (with publicKey [1], which must
/// match the private key). Algorithm rsaEncryption with NULL parameters, or id-RSASSA-PSS with
/// absent or present RSASSA-PSS-params.
[[nodiscard]] Result<RsaPrivateKeyInfo, KeyParseError> parse_rsa_private_key_pkcs8_der(
    ByteView der);

/// RFC 5280 §4.1 SubjectPublicKeyInfo holding an RSAPublicKey in a BIT STRING with 0 unused bits,
/// under rsaEncryption (NULL parameters) or id-RSASSA-PSS (absent or present parameters).
[[nodiscard]] Result<RsaPublicKeyInfo, KeyParseError> parse_rsa_spki_der(ByteView der);

/// RFC 4055 §3.1 RSASSA-PSS-params from the encoding of the parameters element (a SEQUENCE), with
/// absent fields given their DEFAULT values. Hashes: SHA-1/256/384/512; MGF: id-mgf1 only;
/// trailerField: 1 only.
[[nodiscard]] Result<RsaPssParams, KeyParseError> parse_rsassa_pss_params_der(ByteView params_der);

/// The same, as one read on a DerReader (for the X.509 layer's signatureAlgorithm): reads the
/// next element, a SEQUENCE named `name`. Errors are recorded in the reader, like its own reads;
/// the returned value is meaningful only while the reader is ok().
RsaPssParams read_rsassa_pss_params(asn1::DerReader& reader, std::string_view name);

// ---- readers (PEM) ------------------------------------------------------------------------------

/// Exactly one PEM block labelled "RSA PRIVATE KEY" (PKCS#1) or "PRIVATE KEY" (PKCS#8).
[[nodiscard]] Result<RsaPrivateKeyInfo, KeyParseError> parse_rsa_private_key_pem(
    std::string_view text);

/// Exactly one PEM block labelled "PUBLIC KEY" (SubjectPublicKeyInfo) or "RSA PUBLIC KEY" (PKCS#1).
[[nodiscard]] Result<RsaPublicKeyInfo, KeyParseError> parse_rsa_public_key_pem(
    std::string_view text);

// ---- writers ------------------------------------------------------------------------------------
// The numbers are written as given (leading zero bytes dropped); nothing checks that they make a
// valid key. Writers do not fail.

/// RFC 8017 A.1.1 RSAPublicKey.
Bytes write_rsa_public_key_pkcs1_der(const RsaPublicKeyParts& key);

/// RFC 8017 A.1.2 RSAPrivateKey, version 0. Wipe the result when done.
Bytes write_rsa_private_key_pkcs1_der(const RsaPrivateKeyParts& key);

/// RFC 5958 OneAsymmetricKey version v1 (PKCS#8 PrivateKeyInfo, no attributes, no publicKey).
/// pss_key or pss set: algorithm id-RSASSA-PSS (with the parameters if given, absent otherwise);
/// otherwise rsaEncryption with NULL parameters. Wipe the result when done.
Bytes write_rsa_private_key_pkcs8_der(const RsaPrivateKeyParts& key,
                                      std::optional<RsaPssParams> pss = std::nullopt,
                                      bool pss_key = false);

/// RFC 5280 §4.1 SubjectPublicKeyInfo. pss_key or pss set: id-RSASSA-PSS as for PKCS#8.
Bytes write_rsa_spki_der(const RsaPublicKeyParts& key, bool pss_key = false,
                         std::optional<RsaPssParams> pss = std::nullopt);

/// RFC 4055 §3.1 RSASSA-PSS-params: a SEQUENCE with every field equal to its DEFAULT omitted (as
/// DER requires, X.690 §11.5), hash identifiers written with NULL parameters (RFC 4055 §2.1).
Bytes write_rsassa_pss_params_der(const RsaPssParams& params);

/// Which PEM form a private key is written in.
enum class RsaPrivateKeyPem {
  pkcs8,  // "PRIVATE KEY": OneAsymmetricKey (the only form that can say "PSS only")
  pkcs1,  // "RSA PRIVATE KEY": RSAPrivateKey
};

/// Which PEM form a public key is written in.
enum class RsaPublicKeyPem {
  spki,   // "PUBLIC KEY": SubjectPublicKeyInfo
  pkcs1,  // "RSA PUBLIC KEY": RSAPublicKey
};

/// The private key as PEM, under rsaEncryption. Wipe the result when done.
std::string write_rsa_private_key_pem(const RsaPrivateKeyParts& key,
                                      RsaPrivateKeyPem form = RsaPrivateKeyPem::pkcs8);

/// A PSS-only private key as PEM: "PRIVATE KEY" (PKCS#8, the only form with an algorithm
/// identifier) under id-RSASSA-PSS, with the parameters if given. Wipe the result when done.
std::string write_rsa_pss_private_key_pem(const RsaPrivateKeyParts& key,
                                          std::optional<RsaPssParams> pss = std::nullopt);

/// The public key as PEM, under rsaEncryption.
std::string write_rsa_public_key_pem(const RsaPublicKeyParts& key,
                                     RsaPublicKeyPem form = RsaPublicKeyPem::spki);

/// A PSS-only public key as PEM: "PUBLIC KEY" (SubjectPublicKeyInfo) under id-RSASSA-PSS.
std::string write_rsa_pss_public_key_pem(const RsaPublicKeyParts& key,
                                         std::optional<RsaPssParams> pss = std::nullopt);

}  // namespace glasstls::crypto
