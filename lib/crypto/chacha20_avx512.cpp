// ChaCha20 with AVX-512: the RFC 8439 §2.3 block function for sixteen consecutive counters at once.
//
// The same layout as chacha20_avx2.cpp (register v[i] = word i of sixteen blocks, lane j = block
// counter + j), with two things AVX-512 adds: a real rotate instruction (vprold) for all four
// rotation amounts of §2.1, and 32 registers, so the sixteen state words, their initial values and
// the transpose all stay in registers.
//
// Output transpose (16x16 words), in two stages:
//   1. For each group of four words (4g .. 4g+3), two rounds of unpack give four registers U[g][k]
//      whose 128-bit lane L holds those four words of block 4L + k.
//   2. For each k, the four registers U[0..3][k] form a 4x4 matrix of 128-bit lanes; two rounds of
//      vshufi32x4 transpose it, giving the whole 64 bytes of blocks k, 4 + k, 8 + k and 12 + k.
// Tails shorter than sixteen blocks go to the AVX2 code (every AVX-512 CPU has AVX2).
//
// The end of the file is the "avx512" ChaCha20-Poly1305 AEAD, which stitches the scalar radix44
// Poly1305 (poly1305_radix44.hpp) into these rounds; it is compiled with BMI2 as well (MULX: a
// 64x64 -> 128-bit multiply that leaves the flags alone), so available() also checks bmi2.
#include "crypto/chacha20_impl.hpp"

#if defined(GLASSTLS_HAVE_CHACHA20_X86)

// GCC 12's avx512fintrin.h implements vprold, vpunpck* etc. with a deliberately uninitialised
// "don't care" merge operand (_mm512_undefined_epi32), which -Wmaybe-uninitialized reports at
// every use. The value is never read (the write mask is all ones), so the warning is silenced here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <immintrin.h>

#include <array>
#include <cstring>
#include <span>

#include "crypto/poly1305_impl.hpp"
#include "crypto/poly1305_radix44.hpp"
#include "glasstls/core/cpu.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/chacha20.hpp"

#define GLASSTLS_AVX512_TARGET __attribute__((target("avx512f,avx2,bmi2")))
#define GLASSTLS_AVX512_INLINE __attribute__((target("avx512f,avx2,bmi2"), always_inline)) inline

namespace glasstls::crypto::detail {

bool chacha20_avx512_available() {
  const auto& cpu = cpu_features();
  return cpu.avx512f && cpu.avx2 && cpu.bmi2;  // bmi2: MULX for the stitched Poly1305
}

namespace {

// RFC 8439 §2.1, on sixteen blocks at once.
GLASSTLS_AVX512_INLINE void quarter_round(__m512i& a, __m512i& b, __m512i& c, __m512i& d) {
  a = _mm512_add_epi32(a, b); d = _mm512_xor_si512(d, a); d = _mm512_rol_epi32(d, 16);
  c = _mm512_add_epi32(c, d); b = _mm512_xor_si512(b, c); b = _mm512_rol_epi32(b, 12);
  a = _mm512_add_epi32(a, b); d = _mm512_xor_si512(d, a); d = _mm512_rol_epi32(d, 8);
  c = _mm512_add_epi32(c, d); b = _mm512_xor_si512(b, c); b = _mm512_rol_epi32(b, 7);
}

// Stage 1 of the transpose for words w[0..3]: u[k] lane L = those words of block 4L + k.
GLASSTLS_AVX512_INLINE void transpose4(const __m512i w[4], __m512i u[4]) {
  const __m512i t0 = _mm512_unpacklo_epi32(w[0], w[1]), t1 = _mm512_unpackhi_epi32(w[0], w[1]);
  const __m512i t2 = _mm512_unpacklo_epi32(w[2], w[3]), t3 = _mm512_unpackhi_epi32(w[2], w[3]);
  u[0] = _mm512_unpacklo_epi64(t0, t2);
  u[1] = _mm512_unpackhi_epi64(t0, t2);
  u[2] = _mm512_unpacklo_epi64(t1, t3);
  u[3] = _mm512_unpackhi_epi64(t1, t3);
}

GLASSTLS_AVX512_INLINE void xor_block(__m512i ks, const std::uint8_t* in, std::uint8_t* out) {
  _mm512_storeu_si512(out, _mm512_xor_si512(ks, _mm512_loadu_si512(in)));
}

// XORs 1024 bytes of keystream (blocks counter .. counter+15) into in -> out.
// Stitching (used by the AEAD below): if mac != nullptr, the 1024 bytes at `mac` are also fed to
// Poly1305 (accumulator h, powers r), two four-block steps in each of the first eight double
// rounds. The scalar multiplications run on the integer units while the vector units do the
// rounds, so the two overlap instead of taking turns. `mac` is read before `out` is written.
GLASSTLS_AVX512_INLINE void sixteen_blocks(const std::uint32_t s[16], std::uint32_t counter,
                                           const std::uint8_t* in, std::uint8_t* out,
                                           const std::uint8_t* mac = nullptr,
                                           radix44::Limbs* h = nullptr,
                                           const radix44::Powers* r = nullptr) {
  __m512i x[16];
  for (int i = 0; i < 16; ++i) x[i] = _mm512_set1_epi32(static_cast<int>(s[i]));
  x[12] = _mm512_add_epi32(_mm512_set1_epi32(static_cast<int>(counter)),
                           _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
  const __m512i ctr = x[12];
  for (int i = 0; i < 10; ++i) {
    quarter_round(x[0], x[4], x[8], x[12]);
    quarter_round(x[1], x[5], x[9], x[13]);
    quarter_round(x[2], x[6], x[10], x[14]);
    quarter_round(x[3], x[7], x[11], x[15]);
    quarter_round(x[0], x[5], x[10], x[15]);
    quarter_round(x[1], x[6], x[11], x[12]);
    quarter_round(x[2], x[7], x[8], x[13]);
    quarter_round(x[3], x[4], x[9], x[14]);
    if (mac != nullptr && i < 8) {  // a public condition: whether this batch is stitched
      *h = radix44::step4(*h, mac + 128 * i, *r);
      *h = radix44::step4(*h, mac + 128 * i + 64, *r);
    }
  }
  for (int i = 0; i < 16; ++i) {
    x[i] = _mm512_add_epi32(x[i], i == 12 ? ctr : _mm512_set1_epi32(static_cast<int>(s[i])));
  }
  __m512i u[4][4];
  for (int g = 0; g < 4; ++g) transpose4(x + 4 * g, u[g]);
  for (int k = 0; k < 4; ++k) {
    // 4x4 transpose of 128-bit lanes. vshufi32x4(a, b, imm) takes lanes imm[1:0], imm[3:2] of a
    // and imm[5:4], imm[7:6] of b.
    const __m512i a = _mm512_shuffle_i32x4(u[0][k], u[1][k], 0x44);  // U0.L0 U0.L1 U1.L0 U1.L1
    const __m512i b = _mm512_shuffle_i32x4(u[2][k], u[3][k], 0x44);  // U2.L0 U2.L1 U3.L0 U3.L1
    const __m512i c = _mm512_shuffle_i32x4(u[0][k], u[1][k], 0xee);  // U0.L2 U0.L3 U1.L2 U1.L3
    const __m512i d = _mm512_shuffle_i32x4(u[2][k], u[3][k], 0xee);  // U2.L2 U2.L3 U3.L2 U3.L3
    xor_block(_mm512_shuffle_i32x4(a, b, 0x88), in + 64 * k, out + 64 * k);              // L = 0
    xor_block(_mm512_shuffle_i32x4(a, b, 0xdd), in + 64 * (4 + k), out + 64 * (4 + k));  // L = 1
    xor_block(_mm512_shuffle_i32x4(c, d, 0x88), in + 64 * (8 + k), out + 64 * (8 + k));  // L = 2
    xor_block(_mm512_shuffle_i32x4(c, d, 0xdd), in + 64 * (12 + k), out + 64 * (12 + k));
  }
}

}  // namespace

GLASSTLS_AVX512_TARGET void chacha20_xor_avx512(const std::uint8_t key[32],
                                                const std::uint8_t nonce[12],
                                                std::uint32_t counter, const std::uint8_t* in,
                                                std::uint8_t* out, std::size_t len) {
  // The RFC 8439 §2.3 initial state; word 12 (the counter) is replaced per batch.
  std::array<std::uint32_t, 16> state = chacha20_initial_state(
      std::span<const std::uint8_t, kChaCha20KeySize>(key, kChaCha20KeySize), counter,
      std::span<const std::uint8_t, kChaCha20NonceSize>(nonce, kChaCha20NonceSize));
  std::uint32_t* s = state.data();

  while (len >= 1024) {
    sixteen_blocks(s, counter, in, out);
    counter += 16;
    in += 1024;
    out += 1024;
    len -= 1024;
  }
  ct::secure_wipe(state.data(), sizeof state);
  if (len > 0) chacha20_xor_avx2(key, nonce, counter, in, out, len);
}

// ---- Stitched ChaCha20-Poly1305 (RFC 8439 §2.8) -----------------------------------------------
// The same steps as the generic AEAD in chacha20_poly1305.cpp (one-time key from block 0, MAC over
// aad | pad16 | ciphertext | pad16 | lengths), but the MAC of each 1 KiB of ciphertext runs inside
// the ChaCha20 rounds of a neighbouring 1 KiB: when sealing, the previous batch's ciphertext (the
// current one is not written yet); when opening, the current batch's ciphertext (read before the
// plaintext overwrites it, so in-place works).

namespace {

void mac_padded(void* pstate, const std::uint8_t* data, std::size_t len) {
  const std::size_t whole = len / 16;
  if (whole > 0) poly1305_blocks_radix44(pstate, data, whole, 1);
  if (len % 16 != 0) {
    std::uint8_t last[16] = {};
    std::memcpy(last, data + whole * 16, len % 16);
    poly1305_blocks_radix44(pstate, last, 1, 1);
    ct::secure_wipe(last, sizeof last);
  }
}

template <bool kSeal>
GLASSTLS_AVX512_TARGET void aead_avx512(const std::uint8_t key[32], const std::uint8_t nonce[12],
                                        const std::uint8_t* aad, std::size_t aad_len,
                                        const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                                        std::uint8_t tag[16]) {
  // The RFC 8439 §2.3 initial state with counter 0; word 12 is replaced per batch.
  std::array<std::uint32_t, 16> state = chacha20_initial_state(
      std::span<const std::uint8_t, kChaCha20KeySize>(key, kChaCha20KeySize), 0,
      std::span<const std::uint8_t, kChaCha20NonceSize>(nonce, kChaCha20NonceSize));
  std::uint32_t* s = state.data();

  // §2.6: the Poly1305 key is the first 32 bytes of block 0.
  std::uint8_t block0[64];
  chacha20_block_portable(key, 0, nonce, block0);
  alignas(16) radix44::State44 st;
  poly1305_init_radix44(&st, block0);
  ct::secure_wipe(block0, sizeof block0);
  mac_padded(&st, aad, aad_len);

  // Whole 1 KiB batches from counter 1, stitched with the MAC.
  std::uint32_t counter = 1;
  const std::size_t full = len / 1024;
  const std::size_t whole = full * 1024;
  if (full > 0) {
    radix44::ensure_powers(st);
    radix44::Powers powers = radix44::make_powers(st);
    radix44::Limbs h = st.h;
    const std::uint8_t* pending = nullptr;  // sealing: ciphertext of the previous batch
    for (std::size_t b = 0; b < full; ++b) {
      const std::uint8_t* mac = kSeal ? pending : in + 1024 * b;
      sixteen_blocks(s, counter, in + 1024 * b, out + 1024 * b, mac, &h, &powers);
      pending = out + 1024 * b;
      counter += 16;
    }
    st.h = h;
    ct::secure_wipe(&powers, sizeof powers);
    if (kSeal) poly1305_blocks_radix44(&st, pending, 64, 1);  // the last batch's ciphertext
  }
  // The tail (under 1 KiB): encrypt-then-MAC, or MAC-then-decrypt.
  const std::size_t rem = len - whole;
  if (kSeal) {
    if (rem > 0) chacha20_xor_avx2(key, nonce, counter, in + whole, out + whole, rem);
    mac_padded(&st, out + whole, rem);
  } else {
    mac_padded(&st, in + whole, rem);
    if (rem > 0) chacha20_xor_avx2(key, nonce, counter, in + whole, out + whole, rem);
  }
  std::uint8_t lengths[16];
  store_le64(lengths, aad_len);
  store_le64(lengths + 8, len);
  poly1305_blocks_radix44(&st, lengths, 1, 1);
  poly1305_finish_radix44(&st, tag);
  ct::secure_wipe(state.data(), sizeof state);
}

}  // namespace

void chacha20_poly1305_seal_avx512(const std::uint8_t key[32], const std::uint8_t nonce[12],
                                   const std::uint8_t* aad, std::size_t aad_len,
                                   const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                                   std::uint8_t tag[16]) {
  aead_avx512<true>(key, nonce, aad, aad_len, in, len, out, tag);
}

void chacha20_poly1305_open_avx512(const std::uint8_t key[32], const std::uint8_t nonce[12],
                                   const std::uint8_t* aad, std::size_t aad_len,
                                   const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                                   std::uint8_t expected_tag[16]) {
  aead_avx512<false>(key, nonce, aad, aad_len, in, len, out, expected_tag);
}

}  // namespace glasstls::crypto::detail

#endif  // GLASSTLS_HAVE_CHACHA20_X86
