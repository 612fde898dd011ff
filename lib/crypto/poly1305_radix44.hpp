// Internal: the arithmetic of the "radix44" Poly1305 (44/44/42-bit limbs, four blocks per step),
// shared by poly1305_radix44.cpp and the stitched AVX-512 ChaCha20-Poly1305
// (chacha20_poly1305_avx512.cpp), which interleaves these scalar steps with vector ChaCha20 rounds.
// The derivation and the bounds are in poly1305_radix44.cpp's header comment.
#pragma once

#include <cstddef>
#include <cstdint>

#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/poly1305.hpp"

namespace glasstls::crypto::detail::radix44 {

__extension__ typedef unsigned __int128 u128;  // GCC/Clang extension (hence __extension__)

inline constexpr std::uint64_t kMask44 = (std::uint64_t{1} << 44) - 1;
inline constexpr std::uint64_t kMask42 = (std::uint64_t{1} << 42) - 1;

struct Limbs {
  std::uint64_t l0, l1, l2;
};

struct State44 {
  Limbs power[4];             // r, r^2, r^3, r^4 (the last three filled on first use)
  std::uint64_t powers_ready; // public flag: r^2..r^4 computed (depends only on lengths)
  Limbs h;                    // accumulator
  std::uint64_t s0, s1;       // s, the second key half
};
static_assert(sizeof(State44) <= kPoly1305StateSize);

// A 16-byte block as limbs, plus pad_bit * 2^128 (bit 40 of limb 2, since 88 + 40 = 128).
[[gnu::always_inline]] inline Limbs load_block(const std::uint8_t* p, std::uint64_t pad_bit) {
  const std::uint64_t t0 = load_le64(p), t1 = load_le64(p + 8);
  return {t0 & kMask44, ((t0 >> 44) | (t1 << 20)) & kMask44, (t1 >> 24) | (pad_bit << 40)};
}

// The three column sums of h * a before carrying, accumulated into d; s1 = 20 a.l1, s2 = 20 a.l2.
[[gnu::always_inline]] inline void mul_add(u128 d[3], const Limbs& h, const Limbs& a,
                                           std::uint64_t s1, std::uint64_t s2) {
  d[0] += u128{h.l0} * a.l0 + u128{h.l1} * s2 + u128{h.l2} * s1;
  d[1] += u128{h.l0} * a.l1 + u128{h.l1} * a.l0 + u128{h.l2} * s2;
  d[2] += u128{h.l0} * a.l2 + u128{h.l1} * a.l1 + u128{h.l2} * a.l0;
}

// Carries d into limbs, folding the bits at and above 2^130 (d2 >> 42) back times 5.
// Result: l0 < 2^44, l1 < 2^44 + 2^15, l2 < 2^42 — partially reduced, ≡ d (mod p).
[[gnu::always_inline]] inline Limbs carry(u128 d[3]) {
  Limbs h;
  d[1] += static_cast<std::uint64_t>(d[0] >> 44);
  h.l0 = static_cast<std::uint64_t>(d[0]) & kMask44;
  d[2] += static_cast<std::uint64_t>(d[1] >> 44);
  h.l1 = static_cast<std::uint64_t>(d[1]) & kMask44;
  h.l2 = static_cast<std::uint64_t>(d[2]) & kMask42;
  const auto c = static_cast<std::uint64_t>(d[2] >> 42);
  h.l0 += c * 5;
  h.l1 += h.l0 >> 44;
  h.l0 &= kMask44;
  return h;
}

[[gnu::always_inline]] inline Limbs mul(const Limbs& h, const Limbs& a) {
  u128 d[3] = {0, 0, 0};
  mul_add(d, h, a, a.l1 * 20, a.l2 * 20);
  return carry(d);
}

/// Fills r^2, r^3, r^4 once per key.
inline void ensure_powers(State44& st) {
  if (st.powers_ready != 0) return;
  st.power[1] = mul(st.power[0], st.power[0]);  // r^2
  st.power[2] = mul(st.power[1], st.power[0]);  // r^3
  st.power[3] = mul(st.power[2], st.power[0]);  // r^4
  st.powers_ready = 1;
}

/// r, r^2, r^3, r^4 with their folded multiples 20 * limb, held in local variables by the loops
/// (a copy, so stores through the caller's byte pointers cannot force reloads).
struct Powers {
  Limbs r[4];
  std::uint64_t s1[4], s2[4];  // 20 * r[i].l1, 20 * r[i].l2
};

inline Powers make_powers(const State44& st) {
  Powers p;
  for (int i = 0; i < 4; ++i) {
    p.r[i] = st.power[i];
    p.s1[i] = st.power[i].l1 * 20;
    p.s2[i] = st.power[i].l2 * 20;
  }
  return p;
}

/// Four whole blocks: h = (h + m1) r^4 + m2 r^3 + m3 r^2 + m4 r.
[[gnu::always_inline]] inline Limbs step4(const Limbs& h, const std::uint8_t* data,
                                          const Powers& p) {
  const Limbs m1 = load_block(data, 1);
  const Limbs x = {h.l0 + m1.l0, h.l1 + m1.l1, h.l2 + m1.l2};
  u128 d[3] = {0, 0, 0};
  mul_add(d, x, p.r[3], p.s1[3], p.s2[3]);
  mul_add(d, load_block(data + 16, 1), p.r[2], p.s1[2], p.s2[2]);
  mul_add(d, load_block(data + 32, 1), p.r[1], p.s1[1], p.s2[1]);
  mul_add(d, load_block(data + 48, 1), p.r[0], p.s1[0], p.s2[0]);
  return carry(d);
}

}  // namespace glasstls::crypto::detail::radix44
