// Signature algorithms and subject public keys as certificates name them, and the one function
// that checks a signature with them. Shared by certificates, CRLs, OCSP responses and (later)
// TLS CertificateVerify.
//
//     AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
//     SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
//                                         subjectPublicKey BIT STRING }
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/crypto/rsa.hpp"
#include "glasstls/crypto/rsa_key.hpp"

namespace glasstls::x509 {

/// A signature algorithm from an AlgorithmIdentifier.
struct SignatureAlgorithm {
  enum class Kind {
    rsa_pkcs1,  // sha{1,256,384,512}WithRSAEncryption (RFC 4055 §5; parameters NULL or absent)
    rsa_pss,    // id-RSASSA-PSS with RSASSA-PSS-params (RFC 4055 §3.1)
    ecdsa,      // ecdsa-with-SHA{1,256,384,512} (RFC 5758 §3.2; parameters absent)
    ed25519,    // id-Ed25519 (RFC 8410 §3; parameters absent)
    // Any other algorithm (DSA, MD5 with RSA, GOST, ...): kept with its OID, so the certificate
    // still parses and path validation can say which algorithm it cannot (or will not) check.
    unsupported,
  };
  Kind kind = Kind::rsa_pkcs1;
  /// The algorithm OID as encoded (for every kind).
  asn1::Oid oid;
  /// The message hash (for Ed25519: sha512, informational).
  crypto::HashAlg hash = crypto::HashAlg::sha256;
  /// For rsa_pss: the parameters as encoded (hash, MGF1 hash, salt length).
  crypto::RsaPssParams pss{};
  /// The whole AlgorithmIdentifier DER, for "outer equals tbsCertificate.signature" checks.
  Bytes der;

  /// "sha256WithRSAEncryption", "ecdsa-with-SHA384", "RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32)",
  /// "Ed25519".
  std::string to_string() const;
};

/// Reads an AlgorithmIdentifier naming a signature algorithm. Unknown algorithms come back as
/// Kind::unsupported with their OID; malformed parameters of a known one are errors in the reader
/// (offset, path, reason naming the OID).
SignatureAlgorithm read_signature_algorithm(asn1::DerReader& reader, std::string_view field);
/// Writes the AlgorithmIdentifier for an algorithm (what the builder and signers emit).
void write_signature_algorithm(asn1::DerWriter& writer, const SignatureAlgorithm& alg);

/// An RSA subject public key.
struct RsaSubjectKey {
  crypto::RsaPublicKeyParts key;
  /// Filed under id-RSASSA-PSS: may only verify PSS signatures, within pss_params if present.
  bool pss_only = false;
  std::optional<crypto::RsaPssParams> pss_params;
};
/// An Ed25519 subject public key.
struct Ed25519SubjectKey {
  std::array<std::uint8_t, 32> key{};
};
/// A subject public key of an algorithm glasstls does not implement (DSA, GOST, P-521, ...): the
/// certificate parses, but nothing can be verified with this key.
struct UnsupportedSubjectKey {
  asn1::Oid algorithm;
  /// For id-ecPublicKey on a curve other than P-256/P-384: the curve's OID.
  std::optional<asn1::Oid> curve;
};

/// A subject public key of one of the kinds glasstls verifies with.
struct PublicKey {
  // (Declared outside and aliased here: GCC 12 cannot default-construct a class whose variant
  // member holds a nested class with default member initialisers.)
  using Rsa = RsaSubjectKey;
  using Ed25519 = Ed25519SubjectKey;
  using Unsupported = UnsupportedSubjectKey;
  std::variant<Rsa, crypto::EcPublicKey, Ed25519, Unsupported> key;
  /// The whole SubjectPublicKeyInfo DER (for key identifiers and pinning).
  Bytes spki_der;

  /// "RSA 2048", "RSA-PSS 3072", "EC P-256", "Ed25519", "unsupported 1.2.840.10040.4.1 (dsa)".
  std::string to_string() const;
};

/// Reads a SubjectPublicKeyInfo: rsaEncryption, id-RSASSA-PSS, id-ecPublicKey with namedCurve
/// P-256/P-384 (uncompressed point, validated), id-Ed25519. Other algorithms (and other named
/// curves) come back as PublicKey::Unsupported; malformed keys of a known kind are errors.
PublicKey read_public_key(asn1::DerReader& reader, std::string_view field);

/// What signatures a verifier accepts. Passed explicitly; the defaults are the web PKI's.
struct SignaturePolicy {
  bool allow_sha1 = false;                  // SHA-1 signatures are refused unless enabled
  std::size_t min_rsa_modulus_bits = 2048;  // smaller RSA keys are refused
};

enum class SignatureError {
  invalid,                 // the signature does not verify
  key_algorithm_mismatch,  // e.g. an ECDSA signature with an RSA key, or PSS params forbidden
  weak_algorithm,          // SHA-1 under a policy that refuses it, MD2/MD5, or an RSA key too small
  unsupported,             // a combination glasstls does not implement
};
std::string_view to_string(SignatureError error) noexcept;

/// Checks `signature` over `signed_data` (e.g. the tbsCertificate bytes) with `key` under `alg`.
/// ECDSA signatures are DER Ecdsa-Sig-Value; RSA and Ed25519 signatures are the raw bytes.
[[nodiscard]] Result<Unit, SignatureError> verify_signature(const PublicKey& key,
                                                           const SignatureAlgorithm& alg,
                                                           ByteView signed_data,
                                                           ByteView signature,
                                                           const SignaturePolicy& policy = {});

}  // namespace glasstls::x509
