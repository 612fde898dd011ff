// The NIST prime curves P-256 and P-384: ECDH key exchange and ECDSA signatures.
//
// RFC 8446 §9.1 makes secp256r1 key exchange and ecdsa_secp256r1_sha256 mandatory for TLS 1.3;
// most web certificates are ECDSA P-256 or P-384. Both curves are y² = x³ − 3x + b over a prime
// field (parameters as printed in RFC 5903 §3.1 and §3.2), of prime order n with cofactor 1.
//
//     crypto::EcPrivateKey mine = crypto::EcPrivateKey::generate(EcCurve::p256, rng);
//     send(mine.public_key().uncompressed());              // 65 bytes: 04 ‖ X ‖ Y
//     auto secret = crypto::ecdh(mine, peer_key_share);     // validates the peer's point
//
//     Bytes sig = crypto::ecdsa_sign(key, HashAlg::sha256, message);   // DER Ecdsa-Sig-Value
//     bool ok = crypto::ecdsa_verify(key.public_key(), HashAlg::sha256, message, sig);
//
// What is constant time: everything touching a private scalar (key generation, the public key
// of a private key, ECDH, the nonce derivation, [k]G and the signing arithmetic, k⁻¹ by Fermat's
// little theorem so its time does not depend on k's length). Verification and point validation
// handle public data only and take faster variable-time paths.
//
// Signatures: RFC 6979 deterministic nonces; the hash is truncated to the order's bit length
// (FIPS 186-5 §6.4.1: P-256 with SHA-384 uses the leftmost 256 bits). r and s must lie in
// [1, n−1]. The DER form is strict (minimal INTEGERs, no trailing bytes). Low-s is neither
// produced on purpose nor required: neither TLS nor X.509 asks for it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/registry.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/crypto/random.hpp"

namespace glasstls::crypto {

enum class EcCurve { p256, p384 };

/// "P-256" or "P-384".
std::string_view ec_curve_name(EcCurve curve) noexcept;
/// Bytes in a field element or a scalar: 32 or 48.
std::size_t ec_scalar_size(EcCurve curve) noexcept;
/// Bytes in an uncompressed point 04 ‖ X ‖ Y: 65 or 97.
std::size_t ec_point_size(EcCurve curve) noexcept;

/// The largest scalar and point sizes over all curves.
inline constexpr std::size_t kEcMaxScalarSize = 48;
inline constexpr std::size_t kEcMaxPointSize = 97;

/// Why a point, a scalar or a signature was refused.
enum class EcError {
  /// A point or scalar of the wrong number of bytes for the curve.
  wrong_length,
  /// A point whose first byte is not 04 (compressed points are not accepted: RFC 8446 §4.2.8.2
  /// allows only the uncompressed form).
  not_uncompressed,
  /// A point encoding of the point at infinity (the single byte 00).
  point_at_infinity,
  /// A coordinate ≥ p.
  coordinate_out_of_range,
  /// A point that does not satisfy the curve equation.
  not_on_curve,
  /// A private scalar that is 0 or ≥ n.
  scalar_out_of_range,
  /// An ECDH result at infinity (cannot happen for a validated peer point and a valid scalar on
  /// these prime-order curves; checked anyway).
  shared_secret_at_infinity,
  /// A signature that is not a strict DER Ecdsa-Sig-Value (RFC 3279 §2.2.3).
  signature_malformed,
  /// A signature whose r or s is 0 or ≥ n.
  signature_out_of_range,
};

/// One sentence describing the error.
std::string_view ec_error_message(EcError error) noexcept;

struct EcdsaSignature;

/// The curve arithmetic behind keys, ECDH and ECDSA, as the registry sees it. Points are X ‖ Y
/// (big-endian, 2·ec_scalar_size bytes, already validated); scalars are big-endian,
/// ec_scalar_size bytes.
struct EcOps {
  /// X ‖ Y of [d]G, for 1 <= d <= n−1. Constant time in d.
  void (*public_point)(EcCurve curve, std::uint8_t* xy, const std::uint8_t* d);
  /// X of [d]Q; false when the result is ∞. Constant time in d.
  bool (*shared_x)(EcCurve curve, std::uint8_t* x, const std::uint8_t* d, const std::uint8_t* q_xy);
  /// FIPS 186-5 §6.4.1 with nonce k in [1, n−1]: false when r or s comes out 0. Constant time
  /// in d, k and the digest.
  bool (*sign)(EcCurve curve, EcdsaSignature& sig, const std::uint8_t* d, ByteView digest,
               const std::uint8_t* k);
  /// FIPS 186-5 §6.4.2 for r, s already in [1, n−1]. Variable time (public inputs).
  bool (*verify)(EcCurve curve, const std::uint8_t* q_xy, ByteView digest,
                 const EcdsaSignature& sig);
};
using EcImplementation = Implementation<EcOps>;

/// "x86_64" (field products in four instructions of inline assembly) when built for x86-64, then
/// "portable" (the C++ reference). Both are constant time where EcOps says so.
std::span<const EcImplementation> ec_implementations();
const EcImplementation& ec_default();
const EcImplementation* ec_implementation(std::string_view name);

/// A validated public point: on the curve, coordinates < p, not infinity.
class EcPublicKey {
 public:
  /// Parses and validates an uncompressed SEC1 point (SEC 1 v2 §2.3.4, checks of SP 800-56A r3
  /// §5.6.2.3.4 full public-key validation: with cofactor 1, on-curve implies order n).
  [[nodiscard]] static Result<EcPublicKey, EcError> from_uncompressed(EcCurve curve,
                                                                      ByteView point);
  EcCurve curve() const noexcept { return curve_; }
  /// 04 ‖ X ‖ Y, ec_point_size(curve()) bytes.
  ByteView uncompressed() const noexcept { return ByteView(bytes_.data(), size_); }
  /// X, ec_scalar_size(curve()) bytes.
  ByteView x() const noexcept { return ByteView(bytes_.data() + 1, size_ / 2); }
  /// Y, ec_scalar_size(curve()) bytes.
  ByteView y() const noexcept { return ByteView(bytes_.data() + 1 + size_ / 2, size_ / 2); }

  friend bool operator==(const EcPublicKey& a, const EcPublicKey& b) noexcept {
    return a.curve_ == b.curve_ && a.size_ == b.size_ && a.bytes_ == b.bytes_;
  }

 private:
  friend class EcPrivateKey;
  EcCurve curve_ = EcCurve::p256;
  std::size_t size_ = 0;
  std::array<std::uint8_t, kEcMaxPointSize> bytes_{};
};

/// A private scalar d in [1, n−1] with its public point [d]G. Wiped on destruction.
class EcPrivateKey {
 public:
  /// d as big-endian bytes of exactly ec_scalar_size(curve) bytes; 1 ≤ d ≤ n−1.
  [[nodiscard]] static Result<EcPrivateKey, EcError> from_scalar(EcCurve curve, ByteView d);
  /// A fresh key: d drawn by rejection sampling (FIPS 186-5 §A.2.2).
  static EcPrivateKey generate(EcCurve curve, RandomSource& rng);

  EcCurve curve() const noexcept { return public_key_.curve(); }
  /// d, big-endian, ec_scalar_size(curve()) bytes. Secret.
  ByteView scalar() const noexcept { return ByteView(d_.data(), public_key_.size_ / 2); }
  const EcPublicKey& public_key() const noexcept { return public_key_; }

  EcPrivateKey(const EcPrivateKey&) = default;
  EcPrivateKey& operator=(const EcPrivateKey&) = default;
  ~EcPrivateKey();

 private:
  EcPrivateKey() = default;
  std::array<std::uint8_t, kEcMaxScalarSize> d_{};
  EcPublicKey public_key_;
};

/// An ECDH shared secret: the x-coordinate of [d]Q, ec_scalar_size bytes (RFC 8446 §7.4.2;
/// SP 800-56A r3 §5.7.1.2). Wiped on destruction.
struct EcSharedSecret {
  std::array<std::uint8_t, kEcMaxScalarSize> bytes{};
  std::size_t size = 0;
  ByteView view() const noexcept { return ByteView(bytes.data(), size); }
  EcSharedSecret() = default;
  EcSharedSecret(const EcSharedSecret&) = default;
  EcSharedSecret& operator=(const EcSharedSecret&) = default;
  ~EcSharedSecret();
};

/// ECDH with a peer's uncompressed point, which is validated first (a wrong curve's size is
/// wrong_length). Constant time in the private key.
[[nodiscard]] Result<EcSharedSecret, EcError> ecdh(const EcPrivateKey& key,
                                                   ByteView peer_uncompressed);
/// ECDH with an already validated peer key of the same curve (else wrong_length).
[[nodiscard]] Result<EcSharedSecret, EcError> ecdh(const EcPrivateKey& key,
                                                   const EcPublicKey& peer);

/// An ECDSA signature as two fixed-width big-endian integers.
struct EcdsaSignature {
  std::array<std::uint8_t, kEcMaxScalarSize> r{};
  std::array<std::uint8_t, kEcMaxScalarSize> s{};
  std::size_t size = 0;  // bytes of each of r and s: ec_scalar_size(curve)
  ByteView r_view() const noexcept { return ByteView(r.data(), size); }
  ByteView s_view() const noexcept { return ByteView(s.data(), size); }
};

/// Parses a strict DER Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3)
/// and checks 1 ≤ r, s ≤ n−1. signature_malformed for bad DER (non-minimal, negative, trailing
/// bytes), signature_out_of_range for values outside [1, n−1].
[[nodiscard]] Result<EcdsaSignature, EcError> parse_ecdsa_signature_der(EcCurve curve,
                                                                        ByteView der);
/// The DER Ecdsa-Sig-Value of a signature.
Bytes encode_ecdsa_signature_der(const EcdsaSignature& signature);

/// Signs H(message) with an RFC 6979 nonce (HMAC-DRBG over `hash`). Returns DER.
Bytes ecdsa_sign(const EcPrivateKey& key, HashAlg hash, ByteView message);
/// Signs a digest computed by the caller with `hash` (which also drives RFC 6979). Any length is
/// accepted and truncated to the order's bit length (FIPS 186-5 §6.4.1).
EcdsaSignature ecdsa_sign_digest(const EcPrivateKey& key, HashAlg hash, ByteView digest);

/// Verifies a DER signature on H(message). Malformed or out-of-range signatures are invalid.
[[nodiscard]] bool ecdsa_verify(const EcPublicKey& key, HashAlg hash, ByteView message,
                                ByteView der_signature);
/// Verifies a signature on a digest (truncated to the order's bit length). The signature's
/// size must match the curve and r, s must lie in [1, n−1].
[[nodiscard]] bool ecdsa_verify_digest(const EcPublicKey& key, ByteView digest,
                                       const EcdsaSignature& signature);

}  // namespace glasstls::crypto
