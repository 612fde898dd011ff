// ChaCha20 with AVX2: the RFC 8439 §2.3 block function for eight consecutive counters at once.
//
// Layout ("one word per register, one block per lane"): register v[i] holds word i of the state
// for eight blocks, lane j belonging to block counter + j. Then the quarter round of §2.1 is
// exactly the scalar code with every word replaced by a register — the same column and diagonal
// rounds run on all eight blocks side by side, and nothing has to be shuffled between rounds.
// Only the final output needs rearranging: the eight lanes of v[0..7] and v[8..15] are transposed
// (an 8x8 matrix of 32-bit words, in three steps of unpack / permute) so that each block's 64
// bytes come out contiguous.
//
// Rotations: AVX2 has no vector rotate. Rotating by 16 and 8 moves whole bytes, so one byte
// shuffle (vpshufb) does it; 12 and 7 use two shifts and an OR.
//
// Compiled with per-function target attributes (no global -march flag), so the rest of the library
// runs on any x86-64; the registry calls this only when chacha20_avx2_available().
#include "crypto/chacha20_impl.hpp"

#if defined(GLASSTLS_HAVE_CHACHA20_X86)

#include <immintrin.h>

#include <array>
#include <cstring>
#include <span>

#include "glasstls/core/cpu.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/chacha20.hpp"

#define GLASSTLS_AVX2_TARGET __attribute__((target("avx2")))
#define GLASSTLS_AVX2_INLINE __attribute__((target("avx2"), always_inline)) inline

namespace glasstls::crypto::detail {

bool chacha20_avx2_available() {
  return cpu_features().avx2;
}

namespace {

GLASSTLS_AVX2_INLINE __m256i rotl16(__m256i x) {
  // Each 32-bit lane's bytes b0 b1 b2 b3 become b2 b3 b0 b1.
  const __m256i m = _mm256_set_epi8(13, 12, 15, 14, 9, 8, 11, 10, 5, 4, 7, 6, 1, 0, 3, 2,
                                    13, 12, 15, 14, 9, 8, 11, 10, 5, 4, 7, 6, 1, 0, 3, 2);
  return _mm256_shuffle_epi8(x, m);
}
GLASSTLS_AVX2_INLINE __m256i rotl8(__m256i x) {
  // b0 b1 b2 b3 become b3 b0 b1 b2.
  const __m256i m = _mm256_set_epi8(14, 13, 12, 15, 10, 9, 8, 11, 6, 5, 4, 7, 2, 1, 0, 3,
                                    14, 13, 12, 15, 10, 9, 8, 11, 6, 5, 4, 7, 2, 1, 0, 3);
  return _mm256_shuffle_epi8(x, m);
}
template <int N>
GLASSTLS_AVX2_INLINE __m256i rotl(__m256i x) {
  return _mm256_or_si256(_mm256_slli_epi32(x, N), _mm256_srli_epi32(x, 32 - N));
}

// RFC 8439 §2.1, on eight blocks at once.
GLASSTLS_AVX2_INLINE void quarter_round(__m256i& a, __m256i& b, __m256i& c, __m256i& d) {
  a = _mm256_add_epi32(a, b); d = _mm256_xor_si256(d, a); d = rotl16(d);
  c = _mm256_add_epi32(c, d); b = _mm256_xor_si256(b, c); b = rotl<12>(b);
  a = _mm256_add_epi32(a, b); d = _mm256_xor_si256(d, a); d = rotl8(d);
  c = _mm256_add_epi32(c, d); b = _mm256_xor_si256(b, c); b = rotl<7>(b);
}

// Transposes eight registers of words w..w+7 (lane j = block j) and XORs each block's 32 bytes at
// out + 64*j + offset.
GLASSTLS_AVX2_INLINE void transpose_xor(const __m256i v[8], const std::uint8_t* in,
                                        std::uint8_t* out) {
  // Step 1: interleave pairs of words. t0 lanes: v0[0] v1[0] v0[1] v1[1] | v0[4] v1[4] v0[5] v1[5].
  const __m256i t0 = _mm256_unpacklo_epi32(v[0], v[1]), t1 = _mm256_unpackhi_epi32(v[0], v[1]);
  const __m256i t2 = _mm256_unpacklo_epi32(v[2], v[3]), t3 = _mm256_unpackhi_epi32(v[2], v[3]);
  const __m256i t4 = _mm256_unpacklo_epi32(v[4], v[5]), t5 = _mm256_unpackhi_epi32(v[4], v[5]);
  const __m256i t6 = _mm256_unpacklo_epi32(v[6], v[7]), t7 = _mm256_unpackhi_epi32(v[6], v[7]);
  // Step 2: interleave pairs of pairs. u0 = words 0-3 of block 0 | of block 4, u1 = blocks 1|5,
  // u2 = 2|6, u3 = 3|7; u4..u7 the same for words 4-7.
  const __m256i u0 = _mm256_unpacklo_epi64(t0, t2), u1 = _mm256_unpackhi_epi64(t0, t2);
  const __m256i u2 = _mm256_unpacklo_epi64(t1, t3), u3 = _mm256_unpackhi_epi64(t1, t3);
  const __m256i u4 = _mm256_unpacklo_epi64(t4, t6), u5 = _mm256_unpackhi_epi64(t4, t6);
  const __m256i u6 = _mm256_unpacklo_epi64(t5, t7), u7 = _mm256_unpackhi_epi64(t5, t7);
  // Step 3: join 128-bit halves: block j's words 0-7.
  const __m256i blk[8] = {
      _mm256_permute2x128_si256(u0, u4, 0x20), _mm256_permute2x128_si256(u1, u5, 0x20),
      _mm256_permute2x128_si256(u2, u6, 0x20), _mm256_permute2x128_si256(u3, u7, 0x20),
      _mm256_permute2x128_si256(u0, u4, 0x31), _mm256_permute2x128_si256(u1, u5, 0x31),
      _mm256_permute2x128_si256(u2, u6, 0x31), _mm256_permute2x128_si256(u3, u7, 0x31),
  };
  for (int j = 0; j < 8; ++j) {
    const auto* src = reinterpret_cast<const __m256i*>(in + 64 * j);
    auto* dst = reinterpret_cast<__m256i*>(out + 64 * j);
    _mm256_storeu_si256(dst, _mm256_xor_si256(blk[j], _mm256_loadu_si256(src)));
  }
}

// XORs 512 bytes of keystream (blocks counter .. counter+7) into in -> out.
GLASSTLS_AVX2_INLINE void eight_blocks(const std::uint32_t s[16], std::uint32_t counter,
                                       const std::uint8_t* in, std::uint8_t* out) {
  __m256i x[16];
  for (int i = 0; i < 16; ++i) x[i] = _mm256_set1_epi32(static_cast<int>(s[i]));
  // Word 12 is the block counter: counter + j in lane j (wrapping mod 2^32 like the scalar code).
  x[12] = _mm256_add_epi32(_mm256_set1_epi32(static_cast<int>(counter)),
                           _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  const __m256i ctr = x[12];
  for (int i = 0; i < 10; ++i) {
    quarter_round(x[0], x[4], x[8], x[12]);
    quarter_round(x[1], x[5], x[9], x[13]);
    quarter_round(x[2], x[6], x[10], x[14]);
    quarter_round(x[3], x[7], x[11], x[15]);
    quarter_round(x[0], x[5], x[10], x[15]);
    quarter_round(x[1], x[6], x[11], x[12]);
    quarter_round(x[2], x[7], x[8], x[13]);
    quarter_round(x[3], x[4], x[9], x[14]);
  }
  // §2.3: add the input state.
  for (int i = 0; i < 16; ++i) {
    x[i] = _mm256_add_epi32(x[i], i == 12 ? ctr : _mm256_set1_epi32(static_cast<int>(s[i])));
  }
  transpose_xor(x, in, out);          // words 0-7: bytes 0-31 of each block
  transpose_xor(x + 8, in + 32, out + 32);  // words 8-15: bytes 32-63
}

}  // namespace

GLASSTLS_AVX2_TARGET void chacha20_xor_avx2(const std::uint8_t key[32],
                                            const std::uint8_t nonce[12], std::uint32_t counter,
                                            const std::uint8_t* in, std::uint8_t* out,
                                            std::size_t len) {
  // The RFC 8439 §2.3 initial state; word 12 (the counter) is replaced per batch.
  std::array<std::uint32_t, 16> state = chacha20_initial_state(
      std::span<const std::uint8_t, kChaCha20KeySize>(key, kChaCha20KeySize), counter,
      std::span<const std::uint8_t, kChaCha20NonceSize>(nonce, kChaCha20NonceSize));
  std::uint32_t* s = state.data();

  while (len >= 512) {
    eight_blocks(s, counter, in, out);
    counter += 8;
    in += 512;
    out += 512;
    len -= 512;
  }
  if (len > 192) {
    // A tail of four to eight blocks: make eight blocks of keystream and use what is needed.
    alignas(32) std::uint8_t ks[512] = {};
    eight_blocks(s, counter, ks, ks);
    for (std::size_t i = 0; i < len; ++i) out[i] = static_cast<std::uint8_t>(in[i] ^ ks[i]);
    ct::secure_wipe(ks, sizeof ks);
  } else if (len > 0) {
    chacha20_xor_portable(key, nonce, counter, in, out, len);
  }
  ct::secure_wipe(state.data(), sizeof state);
}

}  // namespace glasstls::crypto::detail

#endif  // GLASSTLS_HAVE_CHACHA20_X86
