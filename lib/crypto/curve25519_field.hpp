// The field GF(p), p = 2^255 - 19, shared by X25519 and Ed25519 (internal header).
//
// REPRESENTATION. An element is five unsigned 64-bit limbs in radix 2^51:
//     value = f[0] + f[1]·2^51 + f[2]·2^102 + f[3]·2^153 + f[4]·2^204   (mod p)
// Limbs may exceed 2^51 ("unreduced"): that is what lets add/sub skip carries. The bounds each
// function accepts and produces are written beside it; every caller keeps within them. A value is
// only fully reduced (0 <= value < p) by to_bytes(), which is the canonical encoding.
//
// WHY 2^51. A 51-bit limb times a 51-bit limb is a 102-bit product; five such products, some
// multiplied by 19, still fit in an unsigned 128-bit accumulator with room to spare. The wrap
// 2^255 ≡ 19 (mod p) folds the high half of a product back into the low limbs: limb i·limb j with
// i + j >= 5 lands at position i + j - 5 multiplied by 19.
//
// Every function here is constant time: no branch or index depends on a limb's value. The small
// ones are forced inline (gnu::always_inline): GCC otherwise calls mul out of line inside the
// X25519 ladder, which measured about 15% slower.
#pragma once

#include <cstdint>

#include "glasstls/core/ct.hpp"

namespace glasstls::crypto::curve25519 {

__extension__ typedef unsigned __int128 u128;  // GCC/Clang extension: 64x64 -> 128 products

inline constexpr std::uint64_t kMask51 = (std::uint64_t{1} << 51) - 1;

struct Fe {
  std::uint64_t v[5];
};

inline constexpr Fe kZero{{0, 0, 0, 0, 0}};
inline constexpr Fe kOne{{1, 0, 0, 0, 0}};

/// h = f + g, no carry. Bounds: if f, g < 2^53 per limb then h < 2^54.
[[gnu::always_inline]] inline Fe add(const Fe& f, const Fe& g) noexcept {
  return Fe{{f.v[0] + g.v[0], f.v[1] + g.v[1], f.v[2] + g.v[2], f.v[3] + g.v[3], f.v[4] + g.v[4]}};
}

/// h = f - g computed as f + 4p - g, so no limb goes negative. 4p's limbs are 2^53 - 76 (limb 0)
/// and 2^53 - 4 (limbs 1-4). Bounds: g < 2^53 - 76 per limb (every g we pass is a mul/square/carry
/// output, < 2^52, or the sum of two of them); then h < f + 2^53.
[[gnu::always_inline]] inline Fe sub(const Fe& f, const Fe& g) noexcept {
  constexpr std::uint64_t k4p0 = 0x1fffffffffffb4;  // 4·(2^51 - 19)
  constexpr std::uint64_t k4pi = 0x1ffffffffffffc;  // 4·(2^51 - 1)
  return Fe{{f.v[0] + k4p0 - g.v[0], f.v[1] + k4pi - g.v[1], f.v[2] + k4pi - g.v[2],
             f.v[3] + k4pi - g.v[3], f.v[4] + k4pi - g.v[4]}};
}

/// h = -f (as 0 - f). Bounds as sub.
[[gnu::always_inline]] inline Fe neg(const Fe& f) noexcept {
  return sub(kZero, f);
}

/// Propagates carries once around the limbs. Bounds: any input limbs < 2^63; output limbs < 2^51
/// except limb 0 < 2^51 + 19·2^13 (so < 2^52 everywhere).
[[gnu::always_inline]] inline Fe carry(const Fe& f) noexcept {
  Fe h = f;
  h.v[1] += h.v[0] >> 51;
  h.v[0] &= kMask51;
  h.v[2] += h.v[1] >> 51;
  h.v[1] &= kMask51;
  h.v[3] += h.v[2] >> 51;
  h.v[2] &= kMask51;
  h.v[4] += h.v[3] >> 51;
  h.v[3] &= kMask51;
  h.v[0] += 19 * (h.v[4] >> 51);
  h.v[4] &= kMask51;  // 2^255 ≡ 19
  return h;
}

/// h = f·g. Column k collects f[i]·g[j] with i + j = k, plus 19·f[i]·g[j] with i + j = k + 5.
/// Bounds: f, g < 2^54 per limb, so 19·g[i] < 2^58.3 fits a uint64 and the largest column, 0, is
/// below 77·2^108 < 2^115: every carry (column >> 51) fits a uint64. Column 4 has no 19-multiples:
/// it is < 5·2^108 + 2^64, its carry c < 2^59.4, and 19·c < 2^63.7 fits a uint64 when folded
/// into limb 0. Output: limbs < 2^51 except limb 1 < 2^51 + 2^13 (so < 2^52 everywhere).
/// Each column is carried into the next as soon as it is summed, so only one 128-bit accumulator
/// is live at a time: fewer registers spilled than summing all five columns first (measured:
/// about 10% faster X25519).
[[gnu::always_inline]] inline Fe mul(const Fe& f, const Fe& g) noexcept {
  const std::uint64_t f0 = f.v[0], f1 = f.v[1], f2 = f.v[2], f3 = f.v[3], f4 = f.v[4];
  const std::uint64_t g0 = g.v[0], g1 = g.v[1], g2 = g.v[2], g3 = g.v[3], g4 = g.v[4];
  const std::uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
  Fe h;
  u128 t =
      u128{f0} * g0 + u128{f1} * g4_19 + u128{f2} * g3_19 + u128{f3} * g2_19 + u128{f4} * g1_19;
  h.v[0] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f0} * g1 + u128{f1} * g0 + u128{f2} * g4_19 + u128{f3} * g3_19 + u128{f4} * g2_19 +
      static_cast<std::uint64_t>(t >> 51);
  h.v[1] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f0} * g2 + u128{f1} * g1 + u128{f2} * g0 + u128{f3} * g4_19 + u128{f4} * g3_19 +
      static_cast<std::uint64_t>(t >> 51);
  h.v[2] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f0} * g3 + u128{f1} * g2 + u128{f2} * g1 + u128{f3} * g0 + u128{f4} * g4_19 +
      static_cast<std::uint64_t>(t >> 51);
  h.v[3] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f0} * g4 + u128{f1} * g3 + u128{f2} * g2 + u128{f3} * g1 + u128{f4} * g0 +
      static_cast<std::uint64_t>(t >> 51);
  h.v[4] = static_cast<std::uint64_t>(t) & kMask51;
  h.v[0] += 19 * static_cast<std::uint64_t>(t >> 51);  // 2^255 ≡ 19; < 2^51 + 2^63.7
  h.v[1] += h.v[0] >> 51;
  h.v[0] &= kMask51;
  return h;
}

/// h = f². Same bounds, carrying and output as mul; uses f[i]·f[j] = f[j]·f[i] to do 15 products,
/// not 25.
[[gnu::always_inline]] inline Fe square(const Fe& f) noexcept {
  const std::uint64_t f0 = f.v[0], f1 = f.v[1], f2 = f.v[2], f3 = f.v[3], f4 = f.v[4];
  const std::uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1;
  const std::uint64_t f3_19 = 19 * f3, f4_19 = 19 * f4;
  Fe h;
  u128 t = u128{f0} * f0 + u128{f1_2} * f4_19 + u128{2 * f2} * f3_19;
  h.v[0] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f0_2} * f1 + u128{2 * f2} * f4_19 + u128{f3} * f3_19 +
      static_cast<std::uint64_t>(t >> 51);
  h.v[1] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f0_2} * f2 + u128{f1} * f1 + u128{2 * f3} * f4_19 + static_cast<std::uint64_t>(t >> 51);
  h.v[2] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f0_2} * f3 + u128{f1_2} * f2 + u128{f4} * f4_19 + static_cast<std::uint64_t>(t >> 51);
  h.v[3] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f0_2} * f4 + u128{f1_2} * f3 + u128{f2} * f2 + static_cast<std::uint64_t>(t >> 51);
  h.v[4] = static_cast<std::uint64_t>(t) & kMask51;
  h.v[0] += 19 * static_cast<std::uint64_t>(t >> 51);
  h.v[1] += h.v[0] >> 51;
  h.v[0] &= kMask51;
  return h;
}

/// h = f^(2^n): n squarings in a row.
inline Fe square_times(Fe f, int n) noexcept {
  for (int i = 0; i < n; ++i) f = square(f);
  return f;
}

/// h = f·k for a small constant k < 2^17 (121665 in the ladder). Bounds: f < 2^54; output as mul.
[[gnu::always_inline]] inline Fe mul_small(const Fe& f, std::uint32_t k) noexcept {
  // Carried limb by limb like mul: each product is < 2^71, so every carry fits a uint64.
  Fe h;
  u128 t = u128{f.v[0]} * k;
  h.v[0] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f.v[1]} * k + static_cast<std::uint64_t>(t >> 51);
  h.v[1] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f.v[2]} * k + static_cast<std::uint64_t>(t >> 51);
  h.v[2] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f.v[3]} * k + static_cast<std::uint64_t>(t >> 51);
  h.v[3] = static_cast<std::uint64_t>(t) & kMask51;
  t = u128{f.v[4]} * k + static_cast<std::uint64_t>(t >> 51);
  h.v[4] = static_cast<std::uint64_t>(t) & kMask51;
  h.v[0] += 19 * static_cast<std::uint64_t>(t >> 51);  // < 2^51 + 19·2^20
  h.v[1] += h.v[0] >> 51;
  h.v[0] &= kMask51;
  return h;
}

/// If mask is all ones, swaps f and g (RFC 7748 §5 cswap); the same instructions run either way.
[[gnu::always_inline]] inline void cswap(std::uint64_t mask, Fe& f, Fe& g) noexcept {
  ct::conditional_swap(mask, f.v[0], g.v[0]);
  ct::conditional_swap(mask, f.v[1], g.v[1]);
  ct::conditional_swap(mask, f.v[2], g.v[2]);
  ct::conditional_swap(mask, f.v[3], g.v[3]);
  ct::conditional_swap(mask, f.v[4], g.v[4]);
}

/// f = mask ? g : f.
inline void cmov(std::uint64_t mask, Fe& f, const Fe& g) noexcept {
  for (int i = 0; i < 5; ++i) f.v[i] = ct::select(mask, g.v[i], f.v[i]);
}

/// Reads 32 little-endian bytes, ignoring bit 255 (RFC 7748 §5 decodeUCoordinate masks it; RFC
/// 8032 §5.1.3 takes it as x's sign separately). The value may be >= p: it is kept as is (limbs
/// < 2^51) and reduces correctly in arithmetic.
Fe from_bytes(const std::uint8_t s[32]) noexcept;

/// Writes the canonical encoding: the unique value in [0, p), 32 little-endian bytes, bit 255 = 0.
/// Accepts limbs < 2^54.
void to_bytes(std::uint8_t s[32], const Fe& f) noexcept;

/// 1/f = f^(p-2) (Fermat), constant time; 1/0 gives 0.
Fe invert(const Fe& f) noexcept;

/// f^((p-5)/8) = f^(2^252 - 3), the exponent of the square-root step in RFC 8032 §5.1.3.
Fe pow_p58(const Fe& f) noexcept;

/// All ones if f ≡ 0 (mod p).
std::uint64_t is_zero(const Fe& f) noexcept;
/// Bit 0 of the canonical value ("negative" in RFC 8032's sign convention), 0 or 1.
std::uint64_t is_negative(const Fe& f) noexcept;
/// All ones if f ≡ g (mod p).
std::uint64_t equal(const Fe& f, const Fe& g) noexcept;

}  // namespace glasstls::crypto::curve25519
