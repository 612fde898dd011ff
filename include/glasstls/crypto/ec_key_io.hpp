// NIST P-256 and P-384 key files: SEC1 ECPrivateKey (RFC 5915), PKCS#8 / OneAsymmetricKey
// (RFC 5958) and SubjectPublicKeyInfo (RFC 5480), as DER and as PEM (RFC 7468). The keys are the
// validated EcPrivateKey and EcPublicKey of ec.hpp; errors are KeyParseError (key_parse_error.hpp).
//
//     auto key = crypto::parse_ec_private_key_pem(text);   // any private-key form below
//     if (!key) std::cerr << key.error().to_string();
//     // "PEM block at line 1: ecPrivateKey.privateKey at byte 5: a P-256 privateKey must be ..."
//     Bytes sig = crypto::ecdsa_sign(*key, HashAlg::sha256, message);
//
// Which file is which (RFC 7468 labels):
//   "EC PRIVATE KEY"  SEC1 ECPrivateKey (RFC 5915 §3)      parse_ec_private_key_sec1_der
//                     optionally after an "EC PARAMETERS" block (openssl ecparam -genkey)
//   "PRIVATE KEY"     PKCS#8 OneAsymmetricKey (RFC 5958)   parse_ec_private_key_pkcs8_der
//   "PUBLIC KEY"      SubjectPublicKeyInfo (RFC 5480)      parse_ec_spki_der
//
// Only named curves are accepted (RFC 5480 §2.1.1: implicitCurve and specifiedCurve "MUST NOT be
// used in PKIX"), and of those only secp256r1 (P-256) and secp384r1 (P-384). Points must be
// uncompressed (04 ‖ X ‖ Y) and are fully validated; private scalars must be exactly the order's
// size (RFC 5915 §3) and lie in [1, n−1]. A public key stored beside a private key must equal the
// one computed from it.
//
// Secrets: the DER this layer decodes from PEM or builds while writing a private key is wiped
// before it is freed. The Bytes or string a private-key writer returns belong to the caller, who
// should wipe them (ct::secure_wipe) when done.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/oid.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/key_parse_error.hpp"

namespace glasstls::crypto {

// ---- curves and their OIDs (RFC 5480 §2.1.1.1) -------------------------------------------------

/// The namedCurve OID of a curve: secp256r1 (1.2.840.10045.3.1.7) or secp384r1 (1.3.132.0.34).
asn1::Oid ec_curve_oid(EcCurve curve) noexcept;
/// The curve a namedCurve OID names; nothing for a curve glasstls does not implement.
std::optional<EcCurve> ec_curve_from_oid(const asn1::Oid& oid) noexcept;

/// RFC 5480 §2.1.1 ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER, ... }, read as the next
/// element of `reader` (named `name`), for the X.509 layer's SubjectPublicKeyInfo. implicitCurve,
/// specifiedCurve and unknown curves are refused. Errors are recorded in the reader, like its own
/// reads; the returned curve is meaningful only while the reader is ok().
EcCurve read_ec_parameters(asn1::DerReader& reader, std::string_view name);

// ---- readers (DER) ------------------------------------------------------------------------------

/// RFC 5915 §3 ECPrivateKey: version 1, privateKey of exactly ec_scalar_size bytes, parameters [0]
/// (required here: nothing else names the curve) and publicKey [1] (optional; must match).
[[nodiscard]] Result<EcPrivateKey, KeyParseError> parse_ec_private_key_sec1_der(ByteView der);

/// RFC 5958 OneAsymmetricKey v1 (= PKCS#8 PrivateKeyInfo) or v2, algorithm id-ecPublicKey with a
/// namedCurve (RFC 5480 §2.1.1), privateKey holding an ECPrivateKey whose parameters [0] may be
/// absent but must name the same curve when present. Every public key present must match.
[[nodiscard]] Result<EcPrivateKey, KeyParseError> parse_ec_private_key_pkcs8_der(ByteView der);

/// RFC 5480 SubjectPublicKeyInfo: id-ecPublicKey with a namedCurve, and a subjectPublicKey BIT
/// STRING (0 unused bits) holding an uncompressed point that is on the curve (§2.2).
[[nodiscard]] Result<EcPublicKey, KeyParseError> parse_ec_spki_der(ByteView der);

// ---- readers (PEM) ------------------------------------------------------------------------------

/// One "EC PRIVATE KEY" block, optionally preceded by one "EC PARAMETERS" block (a namedCurve
/// that must match the key's curve; otherwise ignored).
[[nodiscard]] Result<EcPrivateKey, KeyParseError> parse_ec_private_key_sec1_pem(
    std::string_view text);
/// Exactly one "PRIVATE KEY" block.
[[nodiscard]] Result<EcPrivateKey, KeyParseError> parse_ec_private_key_pkcs8_pem(
    std::string_view text);
/// Any of the private-key forms: "EC PRIVATE KEY" (optionally after "EC PARAMETERS") or
/// "PRIVATE KEY".
[[nodiscard]] Result<EcPrivateKey, KeyParseError> parse_ec_private_key_pem(std::string_view text);
/// Exactly one "PUBLIC KEY" block.
[[nodiscard]] Result<EcPublicKey, KeyParseError> parse_ec_public_key_pem(std::string_view text);

// ---- writers ------------------------------------------------------------------------------------
// The keys are valid by construction, so writers do not fail. DER being unique, the output equals
// OpenSSL's byte for byte.

/// RFC 5915 §3 ECPrivateKey with parameters [0] and publicKey [1] (what OpenSSL writes).
/// The caller wipes the returned bytes (they hold the private key).
Bytes write_ec_private_key_sec1_der(const EcPrivateKey& key);

/// PKCS#8 PrivateKeyInfo (OneAsymmetricKey v1, no attributes) under id-ecPublicKey with the
/// namedCurve; the inner ECPrivateKey without parameters [0] but with publicKey [1] (what OpenSSL
/// writes; RFC 5915 §3 leaves the curve to the outer AlgorithmIdentifier). The caller wipes the
/// returned bytes.
Bytes write_ec_private_key_pkcs8_der(const EcPrivateKey& key);

/// RFC 5480 SubjectPublicKeyInfo with the uncompressed point.
Bytes write_ec_spki_der(const EcPublicKey& key);

/// Which PEM form a private key is written in.
enum class EcPrivateKeyPem {
  pkcs8,  // "PRIVATE KEY": OneAsymmetricKey (openssl genpkey)
  sec1,   // "EC PRIVATE KEY": ECPrivateKey (openssl ec, openssl ecparam -genkey -noout)
};

/// The private key as PEM. The caller wipes the returned string.
std::string write_ec_private_key_pem(const EcPrivateKey& key,
                                     EcPrivateKeyPem form = EcPrivateKeyPem::pkcs8);
/// The public key as a "PUBLIC KEY" block.
std::string write_ec_public_key_pem(const EcPublicKey& key);

}  // namespace glasstls::crypto
