// GHASH (NIST SP 800-38D §6.4), portable and constant time.
//
// GHASH multiplies in GF(2^128): polynomials over GF(2), so "multiply" is carry-less (XOR instead
// of add) and then reduced modulo x^128 + x^7 + x^2 + x + 1.
//
// Why not the usual tables? The classic fast software GHASH precomputes 16 or 256 multiples of H
// and looks them up indexed by 4 or 8 bits of the data — secret-indexed loads that leak through
// the cache exactly like T-table AES (see aes_portable.cpp). Looping over the bits of one operand
// with "if (bit) z ^= v" branches on secrets. Instead we use the CPU's integer multiplier.
//
// Carry-less multiplication with integer multiplies and "holes"
// --------------------------------------------------------------
// An integer product x·y adds the partial products; a carry-less product XORs them. Both agree
// bit by bit *if no column ever carries*. Keep only every fourth bit of each operand:
//     x_i = x & 0x1111...1 << i   (bits i, i+4, i+8, ...),  likewise y_j.
// Then x_i·y_j has its partial products only in columns ≡ i + j (mod 4). For 32-bit operands
// each column receives at most 8 partial products (8 bits of x_i times 8 bits of y_j, at most one
// pair per column per x bit), so its sum is ≤ 8 < 16 and fits in the 4 bits up to the next
// column of the same class: carries land only in the three "hole" columns between, which we mask
// off. The lowest bit of each column's sum is the XOR of its partial products — the carry-less
// result. Summing the four products whose classes agree and masking gives each quarter of the
// answer:
//     z_k = ⊕_{i+j ≡ k mod 4} x_i·y_j,   result = ⊕_k (z_k & 0x1111...1 << k)
// (For 64-bit operands a column could hold 16 products and carry into its own class, so we
// multiply 32 × 32 → 64 bits and build bigger products by Karatsuba.)
//
// Constant time: 64-bit MUL on x86-64 and 64-bit ARMv8 takes the same time for every operand
// value; there are no branches and no secret-indexed loads.
#include <cstddef>
#include <cstdint>

#include "crypto/gcm_internal.hpp"
#include "glasstls/core/endian.hpp"

namespace glasstls::crypto::detail {

namespace {

// 32 × 32 → 64-bit carry-less product (see the header comment).
inline std::uint64_t clmul32(std::uint32_t x, std::uint32_t y) {
  constexpr std::uint64_t m0 = 0x1111111111111111, m1 = m0 << 1, m2 = m0 << 2, m3 = m0 << 3;
  const std::uint64_t x0 = x & m0, x1 = x & m1, x2 = x & m2, x3 = x & m3;
  const std::uint64_t y0 = y & m0, y1 = y & m1, y2 = y & m2, y3 = y & m3;
  const std::uint64_t z0 = (x0 * y0) ^ (x1 * y3) ^ (x2 * y2) ^ (x3 * y1);
  const std::uint64_t z1 = (x0 * y1) ^ (x1 * y0) ^ (x2 * y3) ^ (x3 * y2);
  const std::uint64_t z2 = (x0 * y2) ^ (x1 * y1) ^ (x2 * y0) ^ (x3 * y3);
  const std::uint64_t z3 = (x0 * y3) ^ (x1 * y2) ^ (x2 * y1) ^ (x3 * y0);
  return (z0 & m0) | (z1 & m1) | (z2 & m2) | (z3 & m3);
}

struct U128 {
  std::uint64_t hi, lo;
};

// 64 × 64 → 128 by Karatsuba over 32-bit halves: with a = a1·X + a0 (X = x^32),
// a·b = a1b1·X² + ((a1+a0)(b1+b0) + a1b1 + a0b0)·X + a0b0, three multiplies instead of four.
inline U128 clmul64(std::uint64_t a, std::uint64_t b) {
  const auto a0 = static_cast<std::uint32_t>(a), a1 = static_cast<std::uint32_t>(a >> 32);
  const auto b0 = static_cast<std::uint32_t>(b), b1 = static_cast<std::uint32_t>(b >> 32);
  const std::uint64_t lo = clmul32(a0, b0);
  const std::uint64_t hi = clmul32(a1, b1);
  const std::uint64_t mid = clmul32(a0 ^ a1, b0 ^ b1) ^ lo ^ hi;
  return {hi ^ (mid >> 32), lo ^ (mid << 32)};
}

}  // namespace

// The product in GCM's reflected bit order.
//
// Read a block as a 128-bit big-endian integer A; bit 127 - k of A is the coefficient of x^k.
// The integer carry-less product C = A ⊗ B (255 bits) then has the coefficient of x^k of the
// polynomial product at bit 254 - k. Shifting C left by one puts x^k at bit 255 - k: the upper
// 128 bits D_hi are the coefficients of x^0..x^127 and the lower D_lo those of x^128..x^255, each
// in the same reflected order as a block.
//
// Reduction: x^128 ≡ x^7 + x^2 + x + 1, so D_lo·x^128 ≡ D_lo·(1 + x + x^2 + x^7). Multiplying
// by x^k is a right shift by k in this order; the k bits shifted out of the bottom are
// coefficients of x^128.. again. They come from the low 64 bits l0 of D_lo; gathered,
//     O = (l0 << 63) ⊕ (l0 << 62) ⊕ (l0 << 57)    (the bits x, x^2 and x^7 push out),
// they land on x^0..x^6, and folding them back in once (O sits in the top 7 bits, so shifting it
// right by at most 7 cannot spill again) gives, with L' = D_lo ⊕ (O, 0),
//     result = D_hi ⊕ L' ⊕ (L' >> 1) ⊕ (L' >> 2) ⊕ (L' >> 7)     (128-bit shifts).
Gf128 gf128_mul(Gf128 x, Gf128 y) {
  // 128 × 128 → 256 by Karatsuba over 64-bit halves.
  const U128 z0 = clmul64(x.lo, y.lo);
  const U128 z2 = clmul64(x.hi, y.hi);
  U128 z1 = clmul64(x.lo ^ x.hi, y.lo ^ y.hi);
  z1.hi ^= z0.hi ^ z2.hi;
  z1.lo ^= z0.lo ^ z2.lo;
  // The 256-bit product, w3 most significant.
  std::uint64_t w0 = z0.lo, w1 = z0.hi ^ z1.lo, w2 = z2.lo ^ z1.hi, w3 = z2.hi;
  // Shift left by one (see above).
  w3 = (w3 << 1) | (w2 >> 63);
  w2 = (w2 << 1) | (w1 >> 63);
  w1 = (w1 << 1) | (w0 >> 63);
  w0 <<= 1;
  // Reduce: D_hi = (w3, w2), D_lo = (w1, w0).
  const std::uint64_t h = w1 ^ (w0 << 63) ^ (w0 << 62) ^ (w0 << 57);
  const std::uint64_t l = w0;
  Gf128 r;
  r.hi = w3 ^ h ^ (h >> 1) ^ (h >> 2) ^ (h >> 7);
  r.lo = w2 ^ l ^ ((l >> 1) | (h << 63)) ^ ((l >> 2) | (h << 62)) ^ ((l >> 7) | (h << 57));
  return r;
}

// §6.4 Algorithm 2: Y_i = (Y_{i-1} ⊕ X_i)·H.
void ghash_portable(Gf128& y, Gf128 h, const std::uint8_t* data, std::size_t len) {
  while (len > 0) {
    std::uint8_t block[16] = {};
    const std::size_t n = len < 16 ? len : 16;
    for (std::size_t i = 0; i < n; ++i) block[i] = data[i];
    y.hi ^= load_be64(block);
    y.lo ^= load_be64(block + 8);
    y = gf128_mul(y, h);
    data += n;
    len -= n;
  }
}

}  // namespace glasstls::crypto::detail
