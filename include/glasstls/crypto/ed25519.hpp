// Ed25519 signatures (RFC 8032 §5.1): pure Ed25519, no context, no prehash — the scheme of TLS
// 1.3's ed25519 SignatureScheme (RFC 8446 §4.2.3).
//
// Keys: a private key is a 32-byte seed; the public key is the 32-byte encoding of [s]B, where s
// is the clamped first half of SHA-512(seed). Signatures are 64 bytes R ‖ S.
//
// Signing is deterministic and constant time in the seed (fixed-base comb for R = [r]B and A,
// Barrett reduction mod L for r and S = r + k·s).
//
// VERIFICATION IS COFACTORLESS: it accepts when [S]B = R + [k]A holds exactly, checked as
// encode([S]B - [k]A) == R (RFC 8032 §5.1.7 allows this or the cofactored [8][S]B = [8]R +
// [8][k]A). We chose it because OpenSSL, BoringSSL and Go check the same equation, so all agree
// on every signature, including the adversarial ones. The consequence: when R or A has a
// small-order component (a multiple of a point of order 1..8 added to it), the cofactorless check
// can reject a signature the cofactored check would accept; honest signers never produce such
// signatures. Verification also rejects S >= L (§5.1.7 step 1), non-canonical encodings of A and
// R (y >= p), and points not on the curve (§5.1.3). It runs in variable time: all inputs are
// public.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/registry.hpp"
#include "glasstls/crypto/random.hpp"

namespace glasstls::crypto {

inline constexpr std::size_t kEd25519SeedSize = 32;
inline constexpr std::size_t kEd25519PublicKeySize = 32;
inline constexpr std::size_t kEd25519SignatureSize = 64;
using Ed25519Seed = std::array<std::uint8_t, kEd25519SeedSize>;
using Ed25519PublicKey = std::array<std::uint8_t, kEd25519PublicKeySize>;
using Ed25519Signature = std::array<std::uint8_t, kEd25519SignatureSize>;

struct Ed25519Ops {
  /// RFC 8032 §5.1.5: the public key of a seed.
  void (*public_key)(std::uint8_t pub[32], const std::uint8_t seed[32]);
  /// RFC 8032 §5.1.6. `pub` must be the seed's public key (it is hashed into k).
  void (*sign)(std::uint8_t sig[64], const std::uint8_t seed[32], const std::uint8_t pub[32],
               const std::uint8_t* msg, std::size_t msg_len);
  /// RFC 8032 §5.1.7, cofactorless (see above).
  bool (*verify)(const std::uint8_t sig[64], const std::uint8_t pub[32], const std::uint8_t* msg,
                 std::size_t msg_len);
};
using Ed25519Implementation = Implementation<Ed25519Ops>;

/// The Ed25519 implementations ("portable" only).
std::span<const Ed25519Implementation> ed25519_implementations();
const Ed25519Implementation& ed25519_default();
const Ed25519Implementation* ed25519_implementation(std::string_view name);

/// The public key of a seed (RFC 8032 §5.1.5).
Ed25519PublicKey ed25519_public_key(std::span<const std::uint8_t, 32> seed);

/// Signs `message` (RFC 8032 §5.1.6); `public_key` must belong to `seed`.
Ed25519Signature ed25519_sign(std::span<const std::uint8_t, 32> seed,
                              std::span<const std::uint8_t, 32> public_key, ByteView message);

/// True if `signature` is valid for `message` under `public_key` (RFC 8032 §5.1.7, cofactorless).
/// Wrong lengths are simply invalid.
[[nodiscard]] bool ed25519_verify(ByteView signature, ByteView public_key, ByteView message);

/// A fresh seed and its public key; the seed is wiped when the object is destroyed.
struct Ed25519KeyPair {
  Ed25519Seed seed{};
  Ed25519PublicKey public_key{};
  Ed25519KeyPair() = default;
  Ed25519KeyPair(const Ed25519KeyPair&) = default;
  Ed25519KeyPair& operator=(const Ed25519KeyPair&) = default;
  ~Ed25519KeyPair();
};
Ed25519KeyPair ed25519_generate(RandomSource& rng);

}  // namespace glasstls::crypto
