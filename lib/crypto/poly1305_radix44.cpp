// Poly1305 with three limbs of 44, 44 and 42 bits and four blocks per loop iteration: the same
// RFC 8439 §2.5 computation as poly1305_portable.cpp, arranged for speed on 64-bit CPUs.
//
// Why four blocks at a time. Block by block, Poly1305 is a chain: h = (h + m) * r, and each
// multiplication must wait for the previous one. Unrolling four steps gives
//     h' = (h + m1) * r^4 + m2 * r^3 + m3 * r^2 + m4 * r          (mod p)
// (expand ((((h + m1) r + m2) r + m3) r + m4) r). The four products are independent, so the CPU
// overlaps them, and only one carry/reduction chain is paid per four blocks. r^2, r^3, r^4 are
// computed once per key.
//
// Why 44-bit limbs rather than 64. In radix 2^64 the fold of terms above 2^128 relies on the clamp
// clearing the low bits of r (see poly1305_radix64.cpp), which r^2.. do not have. With limbs at
// bit 0, 44 and 88, any a = a0 + a1*2^44 + a2*2^88 works: a product term at 2^132 = 4 * 2^130
// ≡ 4 * 5 = 20 (mod p), so
//     h * a ≡ d0 + d1*2^44 + d2*2^88 with
//     d0 = h0*a0 + h1*(20 a2) + h2*(20 a1)        (h1 a2 and h2 a1 sit at 2^132)
//     d1 = h0*a1 + h1*a0      + h2*(20 a2)        (h2 a2 sits at 2^176 = 2^132 * 2^44)
//     d2 = h0*a2 + h1*a1      + h2*a0
// Bounds: limbs of h (after adding a block) < 2^45, 2^45, 2^43; of a power < 2^45, 2^45, 2^42;
// so 20 a_i < 2^50 and every product < 2^95. Four blocks' worth summed is < 2^98 — far inside
// unsigned __int128. After the carry, d2 >> 42 < 2^56, and five times it still fits 64 bits.
//
// Constant time: fixed sequence of operations for any data; the final subtraction of p by mask.
#include <cstddef>
#include <cstdint>

#include "crypto/poly1305_impl.hpp"
#include "crypto/poly1305_radix44.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/poly1305.hpp"

namespace glasstls::crypto::detail {

using namespace radix44;


void poly1305_init_radix44(void* state, const std::uint8_t key[32]) {
  auto* st = static_cast<State44*>(state);
  // §2.5 clamp: r &= 0x0ffffffc0ffffffc0ffffffc0fffffff, then split at bits 44 and 88.
  const std::uint64_t lo = load_le64(key) & 0x0ffffffc0fffffff;
  const std::uint64_t hi = load_le64(key + 8) & 0x0ffffffc0ffffffc;
  st->power[0] = {lo & kMask44, ((lo >> 44) | (hi << 20)) & kMask44, hi >> 24};
  st->powers_ready = 0;
  st->h = {0, 0, 0};
  st->s0 = load_le64(key + 16);
  st->s1 = load_le64(key + 24);
}

void poly1305_blocks_radix44(void* state, const std::uint8_t* data, std::size_t nblocks,
                             std::uint32_t pad_bit) {
  auto* st = static_cast<State44*>(state);
  const std::uint64_t pad = pad_bit;
  Limbs h = st->h;

  if (nblocks >= 4) {
    ensure_powers(*st);
    Powers p = make_powers(*st);
    if (pad == 1) {
      for (; nblocks >= 4; nblocks -= 4, data += 64) h = step4(h, data, p);
    }
    ct::secure_wipe(&p, sizeof p);
  }
  // The remaining zero to three blocks one at a time: h = (h + m) r.
  for (; nblocks > 0; --nblocks, data += 16) {
    const Limbs m = load_block(data, pad);
    h = mul({h.l0 + m.l0, h.l1 + m.l1, h.l2 + m.l2}, st->power[0]);
  }
  st->h = h;
}

void poly1305_finish_radix44(void* state, std::uint8_t tag[16]) {
  auto* st = static_cast<State44*>(state);
  std::uint64_t h0 = st->h.l0, h1 = st->h.l1, h2 = st->h.l2;

  // Full carry, twice (as in poly1305_portable.cpp): afterwards h0, h1 < 2^44, h2 < 2^42.
  for (int pass = 0; pass < 2; ++pass) {
    h2 += h1 >> 44;
    h1 &= kMask44;
    h0 += (h2 >> 42) * 5;
    h2 &= kMask42;
    h1 += h0 >> 44;
    h0 &= kMask44;
  }

  // h < 2^130 < 2p. g = h + 5 - 2^130 = h - p is non-negative exactly when h >= p; the sign bit
  // of its top limb tells, and a mask picks g or h.
  std::uint64_t g0 = h0 + 5;
  std::uint64_t g1 = h1 + (g0 >> 44);
  g0 &= kMask44;
  std::uint64_t g2 = h2 + (g1 >> 44) - (std::uint64_t{1} << 42);
  g1 &= kMask44;
  const std::uint64_t use_g = ct::mask_from_bit(~g2 >> 63);
  h0 = ct::select(use_g, g0, h0);
  h1 = ct::select(use_g, g1, h1);
  h2 = ct::select(use_g, g2, h2);

  // The low 128 bits as two 64-bit words, plus s (§2.5), serialised little-endian.
  const std::uint64_t w0 = h0 | (h1 << 44);
  const std::uint64_t w1 = (h1 >> 20) | (h2 << 24);
  const u128 t = u128{w0} + st->s0;
  store_le64(tag, static_cast<std::uint64_t>(t));
  store_le64(tag + 8, w1 + st->s1 + static_cast<std::uint64_t>(t >> 64));

  ct::secure_wipe(st, sizeof *st);
}

}  // namespace glasstls::crypto::detail
