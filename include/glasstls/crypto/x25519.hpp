// X25519 Diffie-Hellman (RFC 7748 §5, §6.1), the key exchange of TLS 1.3's x25519 group.
//
// Keys are 32-byte strings. A private key is any 32 random bytes (clamped on use, §5); a public
// key is X25519(private, 9). x25519() follows §5 exactly: bit 255 of u is ignored, u >= p is
// accepted and reduced, points on the twist are accepted. It reports an all-zero shared secret
// (the peer sent a small-order point, §6.1 / RFC 8446 §7.4.2) as an error, which TLS must treat
// as fatal; x25519_unchecked() returns the raw output for callers that check differently.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/core/registry.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/random.hpp"

namespace glasstls::crypto {

inline constexpr std::size_t kX25519KeySize = 32;
using X25519Key = std::array<std::uint8_t, kX25519KeySize>;

struct X25519Ops {
  /// out = X25519(k, u): the Montgomery ladder (§5). Constant time in k.
  void (*scalarmult)(std::uint8_t out[32], const std::uint8_t k[32], const std::uint8_t u[32]);
  /// out = X25519(k, 9): the same value by a faster fixed-base method. Constant time in k.
  void (*scalarmult_base)(std::uint8_t out[32], const std::uint8_t k[32]);
};
using X25519Implementation = Implementation<X25519Ops>;

/// The X25519 implementations ("portable" only).
std::span<const X25519Implementation> x25519_implementations();
const X25519Implementation& x25519_default();
const X25519Implementation* x25519_implementation(std::string_view name);

enum class X25519Error {
  /// The shared secret is all zeros: the peer's public value has small order (RFC 7748 §6.1).
  all_zero_shared_secret,
};

/// The shared secret X25519(private_key, peer_public), or all_zero_shared_secret.
[[nodiscard]] Result<X25519Key, X25519Error> x25519(std::span<const std::uint8_t, 32> private_key,
                                                    std::span<const std::uint8_t, 32> peer_public);

/// X25519(k, u) with no check of the result.
X25519Key x25519_unchecked(std::span<const std::uint8_t, 32> k,
                           std::span<const std::uint8_t, 32> u);

/// The public key X25519(private_key, 9), by the fixed-base method.
X25519Key x25519_public_key(std::span<const std::uint8_t, 32> private_key);

/// A fresh key pair; the private key is wiped when the object is destroyed.
struct X25519KeyPair {
  X25519Key private_key{};
  X25519Key public_key{};
  X25519KeyPair() = default;
  X25519KeyPair(const X25519KeyPair&) = default;
  X25519KeyPair& operator=(const X25519KeyPair&) = default;
  ~X25519KeyPair();
};
X25519KeyPair x25519_generate(RandomSource& rng);

}  // namespace glasstls::crypto
