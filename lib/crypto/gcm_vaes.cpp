// AES-GCM with VAES and VPCLMULQDQ on AVX-512 registers ("vaes"): the wide, stitched loop.
//
// One 512-bit register holds four blocks; VAESENC runs one AES round on all four and
// VPCLMULQDQ four carry-less 64 × 64 products. Eight blocks (two registers) are in flight per
// step, and each step *stitches* two independent jobs so the AES and carry-less-multiply units
// work at the same time:
//     AES rounds of counter blocks i+8..i+15   interleaved with
//     GHASH of ciphertext blocks i..i+7         (X_i·H^8 ⊕ ... ⊕ X_{i+7}·H^1, reduced once)
// When sealing, GHASH needs ciphertext, so it trails the AES by one step; when opening the
// ciphertext is the input and both jobs work on the same step. Round keys are broadcast to all
// four lanes once per call and, with H^8..H^1, stay in registers (32 zmm registers).
//
// Two details keep the GHASH half short. The running value Y is not folded into the first block
// (Y ⊕ X_i)·H^8 but multiplied on its own, Y·H^8, in a 128-bit register: the eight wide products
// then never wait for the previous step, and the only loop-carried chain is that one multiply
// and the reduction. And the wide products use Karatsuba (three carry-less multiplies per block
// instead of four, with h1 ⊕ h0 of each power precomputed in the state).
//
// Why 512-bit registers rather than 256-bit ones with two blocks each: the same eight blocks
// take half the instructions, and the 32 zmm registers hold the whole working set (15 round
// keys, the powers of H, two blocks of counters and two of data). A 256-bit variant has not been
// written or measured; on AMD Zen 4, where this was tuned, a 512-bit operation runs as two
// 256-bit halves, so the gain there comes from fewer instructions, not wider units.
//
// Tails (< 8 blocks, including a partial final block) use AVX-512 byte-masked loads and stores,
// which never touch memory outside the mask, so there is no copy through a stack buffer.
//
// available() checks every feature used: AES-NI, PCLMULQDQ, SSSE3/SSE4.1 (the shared 128-bit
// helpers), AVX2, AVX-512 F/VL/BW (zmm registers, masks, byte masking), VAES, VPCLMULQDQ.
#include "crypto/gcm_internal.hpp"

#if defined(GLASSTLS_HAVE_GCM_X86)

#include <cstring>

#include "crypto/gcm_x86.hpp"
#include "glasstls/core/cpu.hpp"

#define GLASSTLS_VAES_TARGET_STR \
  GLASSTLS_GCM_X86_TARGET ",avx,avx2,avx512f,avx512vl,avx512bw,vaes,vpclmulqdq"
#define GLASSTLS_VAES_TARGET __attribute__((target(GLASSTLS_VAES_TARGET_STR)))
#define GLASSTLS_VAES_INLINE __attribute__((target(GLASSTLS_VAES_TARGET_STR), always_inline)) inline

namespace glasstls::crypto::detail {

using namespace x86;

bool gcm_vaes_available() {
  const auto& c = cpu_features();
  return c.aesni && c.pclmulqdq && c.ssse3 && c.sse41 && c.avx && c.avx2 && c.avx512f &&
         c.avx512vl && c.avx512bw && c.vaes && c.vpclmulqdq;
}

namespace {

// ---- wide GHASH --------------------------------------------------------------------------------

// GCC 12's _mm512_broadcast_i32x4, _mm512_extracti64x4_epi64 and _mm512_castsi512_si256 pass an
// "undefined" vector as the merge source and trip -Wuninitialized; the zero-masking forms compute
// the same thing.
GLASSTLS_VAES_INLINE __m512i broadcast(__m128i x) {
  return _mm512_maskz_broadcast_i32x4(0xffff, x);
}
GLASSTLS_VAES_INLINE __m256i upper_half(__m512i v) {
  return _mm512_maskz_extracti64x4_epi64(0xf, v, 1);
}
// Swaps the two 64-bit halves of every 128-bit lane (same GCC 12 note for _mm512_shuffle_epi32).
GLASSTLS_VAES_INLINE __m512i swap_halves(__m512i v) {
  return _mm512_maskz_shuffle_epi32(0xffff, v, _MM_PERM_BADC);
}

struct Wide {
  __m512i lo, mid, hi;
};

// Four blocks times four powers of H, unreduced: the 4-lane form of mul_acc (gcm_x86.hpp).
GLASSTLS_VAES_INLINE void wide_mul(Wide& a, __m512i x, __m512i h) {
  a.lo = _mm512_xor_si512(a.lo, _mm512_clmulepi64_epi128(x, h, 0x00));
  a.hi = _mm512_xor_si512(a.hi, _mm512_clmulepi64_epi128(x, h, 0x11));
  // 0x96 is the truth table of a ^ b ^ c for VPTERNLOG: a three-way XOR in one instruction.
  a.mid = _mm512_ternarylogic_epi64(a.mid, _mm512_clmulepi64_epi128(x, h, 0x01),
                                    _mm512_clmulepi64_epi128(x, h, 0x10), 0x96);
}
GLASSTLS_VAES_INLINE Wide wide_zero() {
  return {_mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512()};
}
// XOR of the four 128-bit lanes.
GLASSTLS_VAES_INLINE __m128i fold(__m512i v) {
  const __m256i t = _mm256_xor_si256(_mm512_maskz_extracti64x4_epi64(0xf, v, 0), upper_half(v));
  return _mm_xor_si128(_mm256_castsi256_si128(t), _mm256_extracti128_si256(t, 1));
}
GLASSTLS_VAES_INLINE __m128i wide_reduce(const Wide& a) {
  return reduce(Acc{fold(a.lo), fold(a.mid), fold(a.hi)});
}
// The running GHASH value y joins the first block of a group (Y ⊕ X1).
GLASSTLS_VAES_INLINE __m512i with_y(__m512i g, __m128i y) {
  return _mm512_xor_si512(g, _mm512_zextsi128_si512(y));
}

// GHASH of m (1..8) blocks held in g0 (blocks 0..3) and g1 (blocks 4..7), zero past block m:
// block j is multiplied by H^(m-j) = hpow[8-m+j]. Lanes past m load nothing (masked loads).
GLASSTLS_VAES_INLINE __m128i ghash_short(const GcmX86State& s, __m128i y, __m512i g0, __m512i g1,
                                         unsigned m) {
  const unsigned m0 = m < 4 ? m : 4;
  Wide a = wide_zero();
  const __m512i h0 =
      _mm512_maskz_loadu_epi64(static_cast<__mmask8>((1u << (2 * m0)) - 1), s.hpow[8 - m]);
  wide_mul(a, with_y(g0, y), h0);
  if (m > 4) {
    const __m512i h1 =
        _mm512_maskz_loadu_epi64(static_cast<__mmask8>((1u << (2 * (m - 4))) - 1), s.hpow[12 - m]);
    wide_mul(a, g1, h1);
  }
  return wide_reduce(a);
}

GLASSTLS_VAES_INLINE __mmask64 byte_mask(std::size_t n) {  // the first n (< 64) bytes
  return (std::uint64_t{1} << n) - 1;
}

// GHASH over any number of bytes (the AAD): eight blocks per reduction, then a masked tail.
GLASSTLS_VAES_INLINE __m128i ghash_bytes(const GcmX86State& s, __m128i y, const std::uint8_t* p,
                                         std::size_t len, __m512i bs) {
  const __m512i hp0 = _mm512_loadu_si512(s.hpow[0]);
  const __m512i hp1 = _mm512_loadu_si512(s.hpow[4]);
  for (; len >= 128; p += 128, len -= 128) {
    Wide a = wide_zero();
    wide_mul(a, with_y(_mm512_shuffle_epi8(_mm512_loadu_si512(p), bs), y), hp0);
    wide_mul(a, _mm512_shuffle_epi8(_mm512_loadu_si512(p + 64), bs), hp1);
    y = wide_reduce(a);
  }
  if (len > 0) {
    const __m512i g0 = _mm512_shuffle_epi8(
        _mm512_maskz_loadu_epi8(len >= 64 ? ~__mmask64{0} : byte_mask(len), p), bs);
    const __m512i g1 =
        len > 64 ? _mm512_shuffle_epi8(_mm512_maskz_loadu_epi8(byte_mask(len - 64), p + 64), bs)
                 : _mm512_setzero_si512();
    y = ghash_short(s, y, g0, g1, static_cast<unsigned>((len + 15) / 16));
  }
  return y;
}

// ---- counter blocks ---------------------------------------------------------------------------
//
// Each lane's counter lives as a native 32-bit integer in dword 3 (other dwords zero); adding
// with VPADDD wraps it modulo 2^32 without touching anything else — exactly inc32 (SP 800-38D
// §6.2). A byte shuffle turns it big-endian into bytes 12..15 and an OR adds the IV bytes.
struct Counters {
  __m512i base;     // J0 with its last 32 bits cleared, in all four lanes
  __m512i shuffle;  // dword 3 byte-reversed, everything else zero
  __m512i c0, c1;   // counters of blocks 0..3 and 4..7 of the next step
  __m512i eight;    // +8 in each lane's dword 3
};

GLASSTLS_VAES_INLINE Counters make_counters(__m128i j0, std::uint32_t first) {
  Counters c;
  c.base = broadcast(_mm_insert_epi32(j0, 0, 3));
  c.shuffle = broadcast(_mm_set_epi8(12, 13, 14, 15, -128, -128, -128, -128, -128, -128, -128, -128,
                                     -128, -128, -128, -128));
  const __m512i lane = _mm512_set_epi32(3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
  c.c0 = _mm512_add_epi32(_mm512_maskz_set1_epi32(0x8888, static_cast<int>(first)), lane);
  c.c1 = _mm512_add_epi32(c.c0, _mm512_maskz_set1_epi32(0x8888, 4));
  c.eight = _mm512_maskz_set1_epi32(0x8888, 8);
  return c;
}
GLASSTLS_VAES_INLINE void next_blocks(Counters& c, __m512i& b0, __m512i& b1) {
  b0 = _mm512_or_si512(c.base, _mm512_shuffle_epi8(c.c0, c.shuffle));
  b1 = _mm512_or_si512(c.base, _mm512_shuffle_epi8(c.c1, c.shuffle));
  c.c0 = _mm512_add_epi32(c.c0, c.eight);
  c.c1 = _mm512_add_epi32(c.c1, c.eight);
}

// ---- the main loop ----------------------------------------------------------------------------

GLASSTLS_VAES_INLINE void aes_round(__m512i& b0, __m512i& b1, __m512i k) {
  b0 = _mm512_aesenc_epi128(b0, k);
  b1 = _mm512_aesenc_epi128(b1, k);
}

// R = number of rounds (10 or 14), a template parameter so every loop over rounds unrolls and
// the broadcast round keys stay in registers.
template <unsigned R, bool Open>
GLASSTLS_VAES_TARGET void crypt(const GcmX86State& s, const std::uint8_t j0_bytes[16],
                                const std::uint8_t* aad, std::size_t aad_len,
                                const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                                std::uint8_t tag[16]) {
  const __m512i bs = broadcast(bswap_mask());
  const __m128i j0 = load_block(j0_bytes);
  const __m128i ek0 = aes_block(s.rk, R, j0);  // E_K(J0) for the tag; overlaps what follows

  __m128i y = ghash_bytes(s, _mm_setzero_si128(), aad, aad_len, bs);

  __m512i k[R + 1];
#pragma GCC unroll 16
  for (unsigned r = 0; r <= R; ++r) k[r] = broadcast(load_block(s.rk[r]));
  const __m512i hp0 = _mm512_loadu_si512(s.hpow[0]);  // H^8..H^5
  const __m512i hp1 = _mm512_loadu_si512(s.hpow[4]);  // H^4..H^1
  const __m128i h8 = load_block(s.hpow[0]);
  const __m512i hk0 = _mm512_loadu_si512(s.hkara[0]);
  const __m512i hk1 = _mm512_loadu_si512(s.hkara[4]);
  const std::uint32_t first =
      __builtin_bswap32(static_cast<std::uint32_t>(_mm_extract_epi32(j0, 3))) + 1;
  Counters ctr = make_counters(j0, first);
  const std::size_t total = len;

  // Sealing: the GHASH input of a step is the previous step's ciphertext (pending in g0, g1).
  bool pending = false;
  __m512i g0 = _mm512_setzero_si512(), g1 = _mm512_setzero_si512();

  for (; len >= 128; in += 128, out += 128, len -= 128) {
    __m512i b0, b1;
    next_blocks(ctr, b0, b1);
    const __m512i x0 = _mm512_loadu_si512(in);  // read before writing: in == out is allowed
    const __m512i x1 = _mm512_loadu_si512(in + 64);
    if constexpr (Open) {
      g0 = _mm512_shuffle_epi8(x0, bs);
      g1 = _mm512_shuffle_epi8(x1, bs);
      pending = true;
    }
    b0 = _mm512_xor_si512(b0, k[0]);
    b1 = _mm512_xor_si512(b1, k[0]);
    if (pending) {
      // Stitched: one group of GHASH work between consecutive AES rounds. Karatsuba: per block
      // x·h = x1h1·X² ⊕ ((x1⊕x0)(h1⊕h0) ⊕ x1h1 ⊕ x0h0)·X ⊕ x0h0 with X = x^64, three
      // carry-less multiplies instead of four; (h1⊕h0) is precomputed (hkara).
      // (x1⊕x0) in both halves of each lane: swap the 64-bit halves and XOR.
      const __m512i sum0 = _mm512_xor_si512(g0, swap_halves(g0));
      const __m512i sum1 = _mm512_xor_si512(g1, swap_halves(g1));
      aes_round(b0, b1, k[1]);
      const __m512i lo = _mm512_xor_si512(_mm512_clmulepi64_epi128(g0, hp0, 0x00),
                                          _mm512_clmulepi64_epi128(g1, hp1, 0x00));
      aes_round(b0, b1, k[2]);
      const __m512i hi = _mm512_xor_si512(_mm512_clmulepi64_epi128(g0, hp0, 0x11),
                                          _mm512_clmulepi64_epi128(g1, hp1, 0x11));
      aes_round(b0, b1, k[3]);
      const __m512i mid = _mm512_ternarylogic_epi64(_mm512_clmulepi64_epi128(sum0, hk0, 0x00),
                                                    _mm512_clmulepi64_epi128(sum1, hk1, 0x00),
                                                    _mm512_xor_si512(lo, hi), 0x96);
      aes_round(b0, b1, k[4]);
      aes_round(b0, b1, k[5]);
      // The running value enters separately, y·H^8, so the loop-carried dependency is only
      // this 128-bit multiply and the reduction (the wide products above do not wait for y).
      Acc folded{fold(lo), fold(mid), fold(hi)};
      mul_acc(folded, y, h8);
      y = reduce(folded);
#pragma GCC unroll 16
      for (unsigned r = 6; r < R; ++r) aes_round(b0, b1, k[r]);
    } else {
#pragma GCC unroll 16
      for (unsigned r = 1; r < R; ++r) aes_round(b0, b1, k[r]);
    }
    const __m512i c0 = _mm512_xor_si512(_mm512_aesenclast_epi128(b0, k[R]), x0);
    const __m512i c1 = _mm512_xor_si512(_mm512_aesenclast_epi128(b1, k[R]), x1);
    _mm512_storeu_si512(out, c0);
    _mm512_storeu_si512(out + 64, c1);
    if constexpr (!Open) {
      g0 = _mm512_shuffle_epi8(c0, bs);
      g1 = _mm512_shuffle_epi8(c1, bs);
      pending = true;
    } else {
      pending = false;
    }
  }
  if (pending) {  // sealing: the last full step's ciphertext
    Wide a = wide_zero();
    wide_mul(a, with_y(g0, y), hp0);
    wide_mul(a, g1, hp1);
    y = wide_reduce(a);
  }

  if (len > 0) {
    // Fewer than eight blocks left: masked loads and stores, block count m = ceil(len / 16).
    const __mmask64 m0 = len >= 64 ? ~__mmask64{0} : byte_mask(len);
    const __mmask64 m1 = len > 64 ? byte_mask(len - 64) : 0;
    __m512i b0, b1;
    next_blocks(ctr, b0, b1);
    b0 = _mm512_xor_si512(b0, k[0]);
    b1 = _mm512_xor_si512(b1, k[0]);
#pragma GCC unroll 16
    for (unsigned r = 1; r < R; ++r) aes_round(b0, b1, k[r]);
    const __m512i x0 = _mm512_maskz_loadu_epi8(m0, in);
    const __m512i x1 = len > 64 ? _mm512_maskz_loadu_epi8(m1, in + 64) : _mm512_setzero_si512();
    // Ciphertext past the end is zeroed: GHASH hashes C ‖ 0^u.
    const __m512i c0 = _mm512_xor_si512(_mm512_aesenclast_epi128(b0, k[R]), x0);
    const __m512i c1 = _mm512_xor_si512(_mm512_aesenclast_epi128(b1, k[R]), x1);
    const __m512i z0 = _mm512_maskz_mov_epi8(m0, c0);
    const __m512i z1 = _mm512_maskz_mov_epi8(m1, c1);
    _mm512_mask_storeu_epi8(out, m0, z0);
    if (len > 64) _mm512_mask_storeu_epi8(out + 64, m1, z1);
    const __m512i t0 = _mm512_shuffle_epi8(Open ? x0 : z0, bs);
    const __m512i t1 = _mm512_shuffle_epi8(Open ? x1 : z1, bs);
    y = ghash_short(s, y, t0, t1, static_cast<unsigned>((len + 15) / 16));
  }

  const __m128i h = load_block(s.hpow[7]);
  y = gf_mul(_mm_xor_si128(y, length_block(aad_len, total)), h);
  store_block(tag, _mm_xor_si128(_mm_shuffle_epi8(y, bswap_mask()), ek0));
}

template <bool Open>
void dispatch(const void* state, const std::uint8_t j0[16], const std::uint8_t* aad,
              std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
              std::uint8_t tag[16]) {
  const auto& s = *static_cast<const GcmX86State*>(state);
  if (s.rounds == 14)
    crypt<14, Open>(s, j0, aad, aad_len, in, len, out, tag);
  else
    crypt<10, Open>(s, j0, aad, aad_len, in, len, out, tag);
}


}  // namespace

void gcm_vaes_seal_from(const void* state, const std::uint8_t j0[16], const std::uint8_t* aad,
                        std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                        std::uint8_t* out, std::uint8_t tag[16]) {
  dispatch<false>(state, j0, aad, aad_len, in, len, out, tag);
}

void gcm_vaes_seal(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                   std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                   std::uint8_t tag[16]) {
  std::uint8_t j0[16];
  gcm_make_j0(j0, nonce);
  dispatch<false>(state, j0, aad, aad_len, in, len, out, tag);
}

void gcm_vaes_open(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                   std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                   std::uint8_t tag[16]) {
  std::uint8_t j0[16];
  gcm_make_j0(j0, nonce);
  dispatch<true>(state, j0, aad, aad_len, in, len, out, tag);
}

}  // namespace glasstls::crypto::detail

#endif  // GLASSTLS_HAVE_GCM_X86
