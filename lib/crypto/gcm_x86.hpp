// Internal: 128-bit GHASH helpers shared by gcm_aesni.cpp and gcm_vaes.cpp (x86 only; include
// only where GLASSTLS_HAVE_GCM_X86 is defined).
//
// Representation. A block is loaded and byte-reversed (PSHUFB), so the register holds the block
// as one 128-bit big-endian integer: the first byte is the most significant. That is the
// representation ghash_portable.cpp works in (read its comment for the derivation): the
// coefficient of x^k is bit 127 - k. PCLMULQDQ multiplies 64-bit halves carry-lessly, and
// the 256-bit result is reduced with shifts and XORs as gf128_mul() does with 64-bit words —
// minus gf128_mul's shift by one, which the stored multipliers H^k·x^-1 make unnecessary
// (reduce()).
//
// Aggregated reduction. GHASH over blocks X1..Xn is
//     Y = X1·H^n ⊕ X2·H^(n-1) ⊕ ... ⊕ Xn·H   (with the running Y folded into X1),
// a sum of products: the 256-bit unreduced products can be XORed together and reduced once per
// group of blocks rather than once per block.
#pragma once

#include <immintrin.h>

#include <cstdint>

#define GLASSTLS_GCM_X86_TARGET "aes,pclmul,sse4.1,ssse3"
#define GLASSTLS_GCM_X86_INLINE \
  __attribute__((target(GLASSTLS_GCM_X86_TARGET), always_inline)) inline

namespace glasstls::crypto::detail::x86 {

/// Reverses the 16 bytes of a register (block order ⇄ big-endian integer).
GLASSTLS_GCM_X86_INLINE __m128i bswap_mask() {
  return _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}
GLASSTLS_GCM_X86_INLINE __m128i load_block(const std::uint8_t* p) {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
GLASSTLS_GCM_X86_INLINE void store_block(std::uint8_t* p, __m128i v) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}

/// An unreduced 256-bit GHASH sum: lo (bits 0..127), mid (bits 64..191), hi (bits 128..255).
struct Acc {
  __m128i lo, mid, hi;
};
GLASSTLS_GCM_X86_INLINE Acc acc_zero() {
  return {_mm_setzero_si128(), _mm_setzero_si128(), _mm_setzero_si128()};
}
/// acc += x·h, four 64 × 64 products (schoolbook): x0h0, x1h1 and the two cross terms.
GLASSTLS_GCM_X86_INLINE void mul_acc(Acc& a, __m128i x, __m128i h) {
  a.lo = _mm_xor_si128(a.lo, _mm_clmulepi64_si128(x, h, 0x00));
  a.hi = _mm_xor_si128(a.hi, _mm_clmulepi64_si128(x, h, 0x11));
  a.mid = _mm_xor_si128(
      a.mid, _mm_xor_si128(_mm_clmulepi64_si128(x, h, 0x01), _mm_clmulepi64_si128(x, h, 0x10)));
}

/// Multiplication by x^-1 in the field, for precomputing multipliers. In this bit order, x^-1
/// moves every coefficient one place towards the top (a left shift). If the constant term is set,
/// first add the modulus P = x^128 + x^7 + x^2 + x + 1 (which does not change the value mod P)
/// so the division by x is exact: (v + P)/x contributes x^127 + x^6 + x + 1, i.e. the bits
/// 0xc2000000_00000000_00000000_00000001 after the shift. Constant time (a mask, no branch).
GLASSTLS_GCM_X86_INLINE __m128i mul_x_inverse(__m128i v) {
  // Register to general-purpose registers directly: H is secret, so no copy on the stack.
  const auto v0 = static_cast<std::uint64_t>(_mm_cvtsi128_si64(v));
  const auto v1 = static_cast<std::uint64_t>(_mm_extract_epi64(v, 1));
  const std::uint64_t carry = 0 - (v1 >> 63);  // the coefficient of x^0, as a mask
  const std::uint64_t hi = ((v1 << 1) | (v0 >> 63)) ^ (carry & 0xc200000000000000);
  const std::uint64_t lo = (v0 << 1) ^ (carry & 1);
  return _mm_set_epi64x(static_cast<long long>(hi), static_cast<long long>(lo));
}

/// Reduces a 256-bit sum of products modulo x^128 + x^7 + x^2 + x + 1.
///
/// Every product here has one factor premultiplied by x^-1 (the stored powers of H are
/// H^k·x^-1, see gcm_aesni_init). ghash_portable.cpp explains that the plain integer product of
/// two blocks holds the field product one place too low (x^k at bit 254 - k) and has to be
/// shifted left by one; with the extra factor x^-1 inside, every coefficient already sits one
/// place higher, so the integer product *is* the shifted value D and the shift — a few
/// dependent instructions on the loop-carried path — disappears. What is left is the fold
/// derived there: with D = (D_hi : D_lo), D_lo = (l1, l0),
///     L' = D_lo ⊕ ((l0 << 63) ⊕ (l0 << 62) ⊕ (l0 << 57), 0)
///     result = D_hi ⊕ L' ⊕ L'>>1 ⊕ L'>>2 ⊕ L'>>7          (128-bit shifts).
GLASSTLS_GCM_X86_INLINE __m128i reduce(const Acc& a) {
  const __m128i lo = _mm_xor_si128(a.lo, _mm_slli_si128(a.mid, 8));
  const __m128i hi = _mm_xor_si128(a.hi, _mm_srli_si128(a.mid, 8));
  // The bits x, x^2 and x^7 push out of the bottom of D_lo, folded into its top: L'.
  const __m128i o = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(lo, 63), _mm_slli_epi64(lo, 62)),
                                  _mm_slli_epi64(lo, 57));
  const __m128i l = _mm_xor_si128(lo, _mm_slli_si128(o, 8));
  // 128-bit shifts = per-lane shifts plus the bits the high lane hands down to the low one.
  const __m128i s = _mm_xor_si128(_mm_xor_si128(_mm_srli_epi64(l, 1), _mm_srli_epi64(l, 2)),
                                  _mm_srli_epi64(l, 7));
  const __m128i c = _mm_xor_si128(_mm_xor_si128(_mm_slli_epi64(l, 63), _mm_slli_epi64(l, 62)),
                                  _mm_slli_epi64(l, 57));
  return _mm_xor_si128(_mm_xor_si128(hi, l), _mm_xor_si128(s, _mm_srli_si128(c, 8)));
}

/// x·h reduced (one block); hx = h·x^-1, as stored (see reduce).
GLASSTLS_GCM_X86_INLINE __m128i gf_mul(__m128i x, __m128i hx) {
  Acc a = acc_zero();
  mul_acc(a, x, hx);
  return reduce(a);
}

/// The last GHASH block [len(A)]64 ‖ [len(C)]64 in bits, in register (big-endian integer) form.
GLASSTLS_GCM_X86_INLINE __m128i length_block(std::size_t aad_len, std::size_t len) {
  return _mm_set_epi64x(static_cast<long long>(static_cast<std::uint64_t>(aad_len) * 8),
                        static_cast<long long>(static_cast<std::uint64_t>(len) * 8));
}

/// Single-block AES with the expanded key at rk (rounds + 1 keys of 16 bytes).
GLASSTLS_GCM_X86_INLINE __m128i aes_block(const std::uint8_t (*rk)[16], unsigned rounds,
                                          __m128i b) {
  b = _mm_xor_si128(b, load_block(rk[0]));
  for (unsigned r = 1; r < rounds; ++r) b = _mm_aesenc_si128(b, load_block(rk[r]));
  return _mm_aesenclast_si128(b, load_block(rk[rounds]));
}

}  // namespace glasstls::crypto::detail::x86
