// X25519 and Ed25519 key files (RFC 8410): private keys in PKCS#8 / OneAsymmetricKey (RFC 5958),
// public keys in SubjectPublicKeyInfo (RFC 5280 §4.1), as DER or PEM ("PRIVATE KEY" /
// "PUBLIC KEY", RFC 7468). Errors reuse KeyParseError from the RSA key reader.
//
// RFC 8410 §3: the AlgorithmIdentifier is id-X25519 (1.3.101.110) or id-Ed25519 (1.3.101.112)
// with parameters ABSENT. §7: the private key is CurvePrivateKey ::= OCTET STRING (32 bytes: the
// X25519 private key, or the Ed25519 seed) inside the privateKey OCTET STRING. §4: the public key
// is the 32 raw bytes in the subjectPublicKey BIT STRING.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/key_parse_error.hpp"

namespace glasstls::crypto {

enum class Curve25519KeyType { x25519, ed25519 };

/// A private key from a key file; the bytes are wiped on destruction.
struct Curve25519PrivateKey {
  Curve25519KeyType type = Curve25519KeyType::x25519;
  std::array<std::uint8_t, 32> private_key{};  // X25519 scalar bytes or Ed25519 seed
  /// The public key, computed from the private key (a v2 file's publicKey must equal it).
  std::array<std::uint8_t, 32> public_key{};
  Curve25519PrivateKey() = default;
  Curve25519PrivateKey(const Curve25519PrivateKey&) = default;
  Curve25519PrivateKey& operator=(const Curve25519PrivateKey&) = default;
  ~Curve25519PrivateKey();
};

struct Curve25519PublicKey {
  Curve25519KeyType type = Curve25519KeyType::x25519;
  std::array<std::uint8_t, 32> public_key{};
};

/// Makes a private key object for raw key bytes, computing the public key.
Curve25519PrivateKey curve25519_private_key(Curve25519KeyType type,
                                            std::span<const std::uint8_t, 32> private_key);

// ---- readers ----------------------------------------------------------------------------------

/// OneAsymmetricKey v1 (PKCS#8 PrivateKeyInfo) or v2 with publicKey [1], which must match.
/// Attributes [0] are checked for form and ignored.
[[nodiscard]] Result<Curve25519PrivateKey, KeyParseError> parse_curve25519_private_key_der(
    ByteView der);
/// SubjectPublicKeyInfo with a 32-byte key and 0 unused bits.
[[nodiscard]] Result<Curve25519PublicKey, KeyParseError> parse_curve25519_spki_der(ByteView der);
/// Exactly one PEM block labelled "PRIVATE KEY".
[[nodiscard]] Result<Curve25519PrivateKey, KeyParseError> parse_curve25519_private_key_pem(
    std::string_view text);
/// Exactly one PEM block labelled "PUBLIC KEY".
[[nodiscard]] Result<Curve25519PublicKey, KeyParseError> parse_curve25519_public_key_pem(
    std::string_view text);

// ---- writers ----------------------------------------------------------------------------------

/// v1 (no publicKey, what OpenSSL writes) or, with include_public_key, v2 with publicKey [1].
/// The caller wipes the returned bytes (they hold the private key).
Bytes write_curve25519_private_key_der(const Curve25519PrivateKey& key,
                                       bool include_public_key = false);
Bytes write_curve25519_spki_der(const Curve25519PublicKey& key);
std::string write_curve25519_private_key_pem(const Curve25519PrivateKey& key,
                                             bool include_public_key = false);
std::string write_curve25519_public_key_pem(const Curve25519PublicKey& key);

}  // namespace glasstls::crypto
