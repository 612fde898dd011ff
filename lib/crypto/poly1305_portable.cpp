// Poly1305 with five 26-bit limbs, written against RFC 8439 §2.5. This is the reference a learner
// reads first; poly1305_radix64.cpp computes the same thing with fewer, wider limbs.
//
// Why 26-bit limbs: numbers mod p = 2^130 - 5 need 130 bits. Five limbs of 26 bits
// (h = h0 + h1*2^26 + h2*2^52 + h3*2^78 + h4*2^104) leave 6 spare bits in each uint32_t, so a
// 32x32 -> 64-bit product of two limbs, and a sum of five such products, cannot overflow a
// uint64_t (the bounds are worked out at each step below). Nothing needs more than standard C++.
//
// The reduction trick: 2^130 = p + 5, so 2^130 ≡ 5 (mod p). A product term that lands at or
// above 2^130 (limb index i + j >= 5) is folded back down to limb i + j - 5, multiplied by 5.
//
// Constant time: every block runs the same multiplications and shifts whatever the values; the
// final "subtract p if h >= p" is a mask select (core/ct.hpp), never a branch.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "crypto/poly1305_impl.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/poly1305.hpp"

namespace glasstls::crypto::detail {

namespace {

constexpr std::uint32_t kMask26 = (1u << 26) - 1;

struct State26 {
  std::uint32_t r[5];   // the clamped r in 26-bit limbs
  std::uint32_t r5[5];  // 5 * r[i] (r5[0] unused): the folded multiples, precomputed
  std::uint32_t h[5];   // the accumulator
  std::uint32_t s[4];   // s, the second key half, as four little-endian words
};
static_assert(sizeof(State26) <= kPoly1305StateSize);

// Splits a 128-bit little-endian number, given as four 32-bit words, into 26-bit limbs at bit
// positions 0, 26, 52, 78, 104 (the last limb gets the top 24 bits).
void split26(const std::uint32_t w[4], std::uint32_t l[5]) {
  l[0] = w[0] & kMask26;
  l[1] = ((w[0] >> 26) | (w[1] << 6)) & kMask26;
  l[2] = ((w[1] >> 20) | (w[2] << 12)) & kMask26;
  l[3] = ((w[2] >> 14) | (w[3] << 18)) & kMask26;
  l[4] = w[3] >> 8;
}

}  // namespace

void poly1305_init_portable(void* state, const std::uint8_t key[32]) {
  auto* st = static_cast<State26*>(state);
  // RFC 8439 §2.5: r = key[0..15] read little-endian, then clamped: "r[3], r[7], r[11], and
  // r[15] are required to have their top four bits clear" and "r[4], r[8], and r[12] are required
  // to have their bottom two bits clear", i.e. r &= 0x0ffffffc0ffffffc0ffffffc0fffffff.
  std::uint32_t w[4] = {load_le32(key) & 0x0fffffff, load_le32(key + 4) & 0x0ffffffc,
                        load_le32(key + 8) & 0x0ffffffc, load_le32(key + 12) & 0x0ffffffc};
  split26(w, st->r);
  for (int i = 1; i < 5; ++i) st->r5[i] = st->r[i] * 5;  // r[i] < 2^26, so 5 r[i] < 2^29
  st->r5[0] = 0;
  // §2.5: s = key[16..31] read little-endian; it is only added at the very end.
  for (int i = 0; i < 4; ++i) st->s[i] = load_le32(key + 16 + 4 * i);
  // "Set the accumulator to zero."
  for (auto& x : st->h) x = 0;
  ct::secure_wipe(w, sizeof w);
}

void poly1305_blocks_portable(void* state, const std::uint8_t* data, std::size_t nblocks,
                              std::uint32_t pad_bit) {
  auto* st = static_cast<State26*>(state);
  const std::uint64_t r0 = st->r[0], r1 = st->r[1], r2 = st->r[2], r3 = st->r[3], r4 = st->r[4];
  const std::uint64_t s1 = st->r5[1], s2 = st->r5[2], s3 = st->r5[3], s4 = st->r5[4];
  std::uint32_t h0 = st->h[0], h1 = st->h[1], h2 = st->h[2], h3 = st->h[3], h4 = st->h[4];

  for (std::size_t b = 0; b < nblocks; ++b, data += 16) {
    // §2.5: "Read the block as a little-endian number" and "Add one bit beyond the number of
    // octets": for a whole block that is 2^128, which is bit 24 of limb 4 (104 + 24 = 128).
    const std::uint32_t w[4] = {load_le32(data), load_le32(data + 4), load_le32(data + 8),
                                load_le32(data + 12)};
    std::uint32_t m[5];
    split26(w, m);
    // "Add this number to the accumulator." Each h limb is < 2^26 + 2^11 on entry (see the carry
    // below), each m limb < 2^26 (m4 < 2^24 + 2^24), so every sum is < 2^27.
    h0 += m[0];
    h1 += m[1];
    h2 += m[2];
    h3 += m[3];
    h4 += m[4] + (pad_bit << 24);

    // "Multiply by r" mod p, schoolbook, folding the terms at limb index >= 5 back by 5.
    // Each product is < 2^27 * 2^29 = 2^56, a sum of five < 2^59: no overflow in 64 bits.
    const std::uint64_t d0 = h0 * r0 + h1 * s4 + h2 * s3 + h3 * s2 + h4 * s1;
    std::uint64_t d1 = h0 * r1 + h1 * r0 + h2 * s4 + h3 * s3 + h4 * s2;
    std::uint64_t d2 = h0 * r2 + h1 * r1 + h2 * r0 + h3 * s4 + h4 * s3;
    std::uint64_t d3 = h0 * r3 + h1 * r2 + h2 * r1 + h3 * r0 + h4 * s4;
    std::uint64_t d4 = h0 * r4 + h1 * r3 + h2 * r2 + h3 * r1 + h4 * r0;

    // Partial reduction: carry each column's excess over 26 bits into the next column; the carry
    // out of the top column (weight 2^130) comes back into column 0 times 5.
    std::uint64_t c = d0 >> 26;
    h0 = static_cast<std::uint32_t>(d0) & kMask26;
    d1 += c; c = d1 >> 26; h1 = static_cast<std::uint32_t>(d1) & kMask26;
    d2 += c; c = d2 >> 26; h2 = static_cast<std::uint32_t>(d2) & kMask26;
    d3 += c; c = d3 >> 26; h3 = static_cast<std::uint32_t>(d3) & kMask26;
    d4 += c; c = d4 >> 26; h4 = static_cast<std::uint32_t>(d4) & kMask26;
    // c < 2^34, so h0 + 5c < 2^37 fits in 64 bits; its carry into h1 is < 2^11.
    const std::uint64_t t0 = h0 + c * 5;
    h0 = static_cast<std::uint32_t>(t0) & kMask26;
    h1 += static_cast<std::uint32_t>(t0 >> 26);
    // "Multiply by r, set the accumulator to the result modulo p" — h is now ≡ that value,
    // partially reduced: h0, h2, h3, h4 < 2^26 and h1 < 2^26 + 2^11.
  }
  st->h[0] = h0;
  st->h[1] = h1;
  st->h[2] = h2;
  st->h[3] = h3;
  st->h[4] = h4;
}

void poly1305_finish_portable(void* state, std::uint8_t tag[16]) {
  auto* st = static_cast<State26*>(state);
  std::uint32_t h0 = st->h[0], h1 = st->h[1], h2 = st->h[2], h3 = st->h[3], h4 = st->h[4];

  // Full carry, twice. After the first pass h1 may still be exactly 2^26 (a carry out of h0);
  // the second pass leaves every limb < 2^26, i.e. h < 2^130 in canonical limbs.
  for (int pass = 0; pass < 2; ++pass) {
    std::uint32_t c = h1 >> 26; h1 &= kMask26;
    h2 += c; c = h2 >> 26; h2 &= kMask26;
    h3 += c; c = h3 >> 26; h3 &= kMask26;
    h4 += c; c = h4 >> 26; h4 &= kMask26;
    h0 += c * 5; c = h0 >> 26; h0 &= kMask26;
    h1 += c;
  }

  // h < 2^130 < 2p, so h mod p is h or h - p. Compute g = h + 5 - 2^130 = h - p; it is
  // non-negative exactly when h >= p, which the sign bit of the top limb tells (no branch).
  std::uint32_t g0 = h0 + 5;
  std::uint32_t c = g0 >> 26; g0 &= kMask26;
  std::uint32_t g1 = h1 + c; c = g1 >> 26; g1 &= kMask26;
  std::uint32_t g2 = h2 + c; c = g2 >> 26; g2 &= kMask26;
  std::uint32_t g3 = h3 + c; c = g3 >> 26; g3 &= kMask26;
  const std::uint32_t g4 = h4 + c - (1u << 26);
  // use_g: all ones if g4 did not go negative (h >= p), zero otherwise.
  const auto use_g = static_cast<std::uint32_t>(ct::mask_from_bit(~g4 >> 31));
  h0 = ct::select32(use_g, g0, h0);
  h1 = ct::select32(use_g, g1, h1);
  h2 = ct::select32(use_g, g2, h2);
  h3 = ct::select32(use_g, g3, h3);
  h4 = ct::select32(use_g, g4, h4);

  // Back to four 32-bit words (only the low 128 bits matter from here on)...
  const std::uint32_t w0 = h0 | (h1 << 26);
  const std::uint32_t w1 = (h1 >> 6) | (h2 << 20);
  const std::uint32_t w2 = (h2 >> 12) | (h3 << 14);
  const std::uint32_t w3 = (h3 >> 18) | (h4 << 8);
  // ...and §2.5: "the value of the secret key 's' is added to the accumulator, and the 128
  // least significant bits are serialized in little-endian order to produce the tag."
  std::uint64_t f = std::uint64_t{w0} + st->s[0];
  store_le32(tag, static_cast<std::uint32_t>(f));
  f = std::uint64_t{w1} + st->s[1] + (f >> 32);
  store_le32(tag + 4, static_cast<std::uint32_t>(f));
  f = std::uint64_t{w2} + st->s[2] + (f >> 32);
  store_le32(tag + 8, static_cast<std::uint32_t>(f));
  f = std::uint64_t{w3} + st->s[3] + (f >> 32);
  store_le32(tag + 12, static_cast<std::uint32_t>(f));

  ct::secure_wipe(st, sizeof *st);
}

}  // namespace glasstls::crypto::detail
