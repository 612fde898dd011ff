// Poly1305 (RFC 8439 §2.5): the one-time authenticator inside ChaCha20-Poly1305.
//
//     auto tag = crypto::Poly1305::mac(one_time_key, message);     // one shot
//     crypto::Poly1305 p(key);  p.update(a);  p.update(b);  auto t = p.finish();   // streaming
//
// A key must authenticate ONE message only (the AEAD derives a fresh one per nonce, §2.6).
// The tag is ((sum of message blocks times powers of r) mod 2^130 - 5) + s mod 2^128, where the
// 32-byte key is r (clamped) ‖ s. Implementations (fastest first, "portable" last):
//   "radix44"   limbs of 44, 44, 42 bits, 64x64->128-bit products, four blocks per loop with
//               precomputed r^2, r^3, r^4 (lib/crypto/poly1305_radix44.cpp)
//   "radix64"   two 64-bit limbs plus a small top limb, 64x64->128-bit products, one block per
//               loop (lib/crypto/poly1305_radix64.cpp)
//   "portable"  five 26-bit limbs, 32x32->64-bit products (lib/crypto/poly1305_portable.cpp —
//               read first)
// Both are constant time: no branch or memory index depends on the key or the message bytes;
// the final reduction uses masks (core/ct.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/registry.hpp"

namespace glasstls::crypto {

inline constexpr std::size_t kPoly1305KeySize = 32;
inline constexpr std::size_t kPoly1305TagSize = 16;
inline constexpr std::size_t kPoly1305BlockSize = 16;
/// Room for any implementation's state (r, its precomputed multiples, the accumulator, s).
inline constexpr std::size_t kPoly1305StateSize = 192;

/// What a Poly1305 implementation provides. `state` is kPoly1305StateSize bytes, 16-byte
/// aligned, with no pointers into itself.
struct Poly1305Ops {
  /// Clamps r, keeps s, clears the accumulator (§2.5.1 "poly1305_mac" setup).
  void (*init)(void* state, const std::uint8_t key[kPoly1305KeySize]);
  /// Absorbs `nblocks` 16-byte blocks. Each is read as a little-endian number plus pad_bit *
  /// 2^128: pad_bit is 1 for a whole block (the "0x01 byte" of §2.5.1) and 0 for a final short
  /// block that the caller has already extended with 0x01 and zeros.
  void (*blocks)(void* state, const std::uint8_t* data, std::size_t nblocks,
                 std::uint32_t pad_bit);
  /// Reduces the accumulator mod 2^130 - 5, adds s, writes the tag, and wipes the state.
  void (*finish)(void* state, std::uint8_t tag[kPoly1305TagSize]);
};
using Poly1305Implementation = Implementation<Poly1305Ops>;

/// Every Poly1305 implementation compiled in, fastest first, "portable" last.
std::span<const Poly1305Implementation> poly1305_implementations();
/// The one chosen for this CPU (or "portable" under GLASSTLS_PORTABLE=1). Chosen once.
const Poly1305Implementation& poly1305_default();
/// By name; nullptr if unknown or not runnable on this CPU.
const Poly1305Implementation* poly1305_implementation(std::string_view name);

/// Streaming Poly1305 over any implementation: buffers a partial block between update() calls.
class Poly1305 {
 public:
  using Tag = std::array<std::uint8_t, kPoly1305TagSize>;

  explicit Poly1305(std::span<const std::uint8_t, kPoly1305KeySize> key);
  Poly1305(std::span<const std::uint8_t, kPoly1305KeySize> key, const Poly1305Implementation& impl);
  Poly1305(const Poly1305&) = delete;
  Poly1305& operator=(const Poly1305&) = delete;
  ~Poly1305();  // wipes key material and buffered input

  void update(ByteView data);
  /// The tag. The object is spent afterwards (a Poly1305 key is single-use).
  Tag finish();

  /// One-shot MAC with the default implementation (or the given one).
  static Tag mac(std::span<const std::uint8_t, kPoly1305KeySize> key, ByteView message);
  static Tag mac(std::span<const std::uint8_t, kPoly1305KeySize> key, ByteView message,
                 const Poly1305Implementation& impl);

 private:
  const Poly1305Implementation* impl_;
  alignas(16) std::uint8_t state_[kPoly1305StateSize];
  std::uint8_t buffer_[kPoly1305BlockSize];
  std::size_t buffered_ = 0;
};

}  // namespace glasstls::crypto
