// SHA-256 compression with the x86 SHA extensions ("SHA-NI"): the same FIPS 180-4 §6.2.2
// computation as sha256_portable.cpp, done by three dedicated instructions.
//
// How the instructions map onto the standard
// -------------------------------------------
// * Message schedule (§6.2.2 step 1). W holds four words per 128-bit register, W[t..t+3] in
//   lanes 0..3 (after a byte swap: the block is big-endian, §5.2.1). For t >= 16,
//       W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]
//   is built for four t at a time from the previous four registers Wa=W[t-16..t-13],
//   Wb=W[t-12..t-9], Wc=W[t-8..t-5], Wd=W[t-4..t-1]:
//     sha256msg1(Wa, Wb)       = W[t-16+j] + σ0(W[t-15+j])         for j = 0..3
//     + alignr(Wd, Wc, 4)      adds W[t-7+j]                        (the words W[t-7..t-4])
//     sha256msg2(that, Wd)     adds σ1(W[t-2+j]); for j = 2, 3 the W[t-2+j] are the two words
//                              it has just produced, which is why this is a separate instruction.
// * Rounds (§6.2.2 step 3). sha256rnds2 performs two rounds. It wants the eight working
//   variables split across two registers in the order the hardware uses:
//       ABEF = {A, B, E, F}  (A in the top 32 bits, F in the bottom)
//       CDGH = {C, D, G, H}
//   and the two round inputs K[t] + W[t], K[t+1] + W[t+1] in the low 64 bits of a third
//   register. It returns the new ABEF; the new CDGH is simply the old ABEF (after two rounds,
//   c,d = the old a,b and g,h = the old e,f). So four rounds are two instructions, with the
//   K+W register's high half moved down in between, and the two state registers trade roles.
// * Step 4 (H(i) = working variables + H(i-1)) is two 128-bit additions per block. The state
//   stays in ABEF/CDGH form in registers across all blocks and is converted back once at the end.
//
// Compiled with per-function target attributes (no global -march flag), so the rest of the
// library runs on any x86-64; the registry calls this only when sha256_shani_available().
#include "crypto/sha256_impl.hpp"

#if defined(GLASSTLS_HAVE_SHA256_SHANI)

#include <immintrin.h>

#include "glasstls/core/cpu.hpp"

#define GLASSTLS_SHANI_TARGET __attribute__((target("sha,sse4.1,ssse3")))
#define GLASSTLS_SHANI_INLINE __attribute__((target("sha,sse4.1,ssse3"), always_inline)) inline

namespace glasstls::crypto::detail {

bool sha256_shani_available() {
  const auto& cpu = cpu_features();
  return cpu.sha_ni && cpu.ssse3 && cpu.sse41;
}

namespace {

// Four rounds t = 4q .. 4q+3 with message words w = W[4q..4q+3]. On return abef and cdgh again
// hold the state in ABEF / CDGH form.
GLASSTLS_SHANI_INLINE void four_rounds(__m128i& abef, __m128i& cdgh, __m128i w, int q) {
  // K[t] + W[t] for the four rounds (K from §4.2.2, 16-byte aligned).
  __m128i wk = _mm_add_epi32(w, _mm_load_si128(reinterpret_cast<const __m128i*>(kSha256K) + q));
  // Rounds 4q, 4q+1. The result (the new ABEF) goes into `cdgh`, while `abef`, untouched, is now
  // exactly the new CDGH: the two variables have swapped roles...
  cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
  // ...rounds 4q+2, 4q+3 (their K+W moved to the low half) swap them back.
  wk = _mm_shuffle_epi32(wk, 0x0e);
  abef = _mm_sha256rnds2_epu32(abef, cdgh, wk);
}

// W[t..t+3] from the previous sixteen words (see the comment at the top of the file).
GLASSTLS_SHANI_INLINE __m128i schedule(__m128i wa, __m128i wb, __m128i wc, __m128i wd) {
  const __m128i x = _mm_add_epi32(_mm_sha256msg1_epu32(wa, wb), _mm_alignr_epi8(wd, wc, 4));
  return _mm_sha256msg2_epu32(x, wd);
}

}  // namespace

GLASSTLS_SHANI_TARGET void sha256_compress_shani(std::uint32_t state[8], const std::uint8_t* blocks,
                                                 std::size_t nblocks) {
  // pshufb mask reversing the bytes of each 32-bit lane (big-endian message words, §5.2.1).
  const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

  // state[0..3] = {A,B,C,D} and state[4..7] = {E,F,G,H} (lane 0 first) into ABEF and CDGH.
  const __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
  const __m128i efgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
  const __m128i badc = _mm_shuffle_epi32(abcd, 0xb1);  // lanes: B A D C
  const __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1b);  // lanes: H G F E
  __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);       // lanes: F E B A  = ABEF
  __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xf0);    // lanes: H G D C  = CDGH

  for (std::size_t i = 0; i < nblocks; ++i, blocks += 64) {
    const __m128i abef_in = abef;  // H(i-1), for step 4
    const __m128i cdgh_in = cdgh;

    const auto* p = reinterpret_cast<const __m128i*>(blocks);
    __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128(p + 0), bswap);  // W0..W3
    __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128(p + 1), bswap);  // W4..W7
    __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128(p + 2), bswap);  // W8..W11
    __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128(p + 3), bswap);  // W12..W15

    // Rounds 0-15 use the message words directly; from round 16 on each group of four words is
    // scheduled from the previous sixteen, recycling the four registers.
    // clang-format off
    four_rounds(abef, cdgh, w0, 0);
    four_rounds(abef, cdgh, w1, 1);
    four_rounds(abef, cdgh, w2, 2);
    four_rounds(abef, cdgh, w3, 3);
    w0 = schedule(w0, w1, w2, w3);  four_rounds(abef, cdgh, w0, 4);   // W16..W19
    w1 = schedule(w1, w2, w3, w0);  four_rounds(abef, cdgh, w1, 5);
    w2 = schedule(w2, w3, w0, w1);  four_rounds(abef, cdgh, w2, 6);
    w3 = schedule(w3, w0, w1, w2);  four_rounds(abef, cdgh, w3, 7);
    w0 = schedule(w0, w1, w2, w3);  four_rounds(abef, cdgh, w0, 8);   // W32..W35
    w1 = schedule(w1, w2, w3, w0);  four_rounds(abef, cdgh, w1, 9);
    w2 = schedule(w2, w3, w0, w1);  four_rounds(abef, cdgh, w2, 10);
    w3 = schedule(w3, w0, w1, w2);  four_rounds(abef, cdgh, w3, 11);
    w0 = schedule(w0, w1, w2, w3);  four_rounds(abef, cdgh, w0, 12);  // W48..W51
    w1 = schedule(w1, w2, w3, w0);  four_rounds(abef, cdgh, w1, 13);
    w2 = schedule(w2, w3, w0, w1);  four_rounds(abef, cdgh, w2, 14);
    w3 = schedule(w3, w0, w1, w2);  four_rounds(abef, cdgh, w3, 15);  // W60..W63
    // clang-format on

    // Step 4: H(i) = working variables + H(i-1), lane by lane.
    abef = _mm_add_epi32(abef, abef_in);
    cdgh = _mm_add_epi32(cdgh, cdgh_in);
  }

  // Back from ABEF / CDGH to state[0..7] = A..H.
  const __m128i abef_lanes = _mm_shuffle_epi32(abef, 0x1b);  // lanes: A B E F
  const __m128i ghcd_lanes = _mm_shuffle_epi32(cdgh, 0xb1);  // lanes: G H C D
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state),
                   _mm_blend_epi16(abef_lanes, ghcd_lanes, 0xf0));  // A B C D
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4),
                   _mm_alignr_epi8(ghcd_lanes, abef_lanes, 8));  // E F G H
}

}  // namespace glasstls::crypto::detail

#endif  // GLASSTLS_HAVE_SHA256_SHANI
