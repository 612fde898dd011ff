// AES-GCM with AES-NI and PCLMULQDQ ("aesni_pclmul"): the computation of gcm_portable.cpp, with
// one AESENC per round and block and four PCLMULQDQ per GHASH block.
//
// Bulk data goes eight blocks (128 bytes) per step: eight counter blocks through AES at once
// (independent, so the AES unit's pipeline stays full), then the eight ciphertext blocks through
// GHASH with aggregated reduction: X1·H^8 ⊕ ... ⊕ X8·H^1, one reduction per step (gcm_x86.hpp).
// The loop is not hand-stitched; the out-of-order core overlaps one step's GHASH with the next
// step's AES. gcm_vaes.cpp is the wide, stitched version.
#include "crypto/gcm_internal.hpp"

#if defined(GLASSTLS_HAVE_GCM_X86)

#include <cstring>

#include "crypto/gcm_x86.hpp"
#include "glasstls/core/cpu.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/aes.hpp"

#define GLASSTLS_AESNI_TARGET __attribute__((target(GLASSTLS_GCM_X86_TARGET)))

namespace glasstls::crypto::detail {

using namespace x86;

bool gcm_aesni_available() {
  const auto& cpu = cpu_features();
  return cpu.aesni && cpu.pclmulqdq && cpu.ssse3 && cpu.sse41;
}

GLASSTLS_AESNI_TARGET void gcm_aesni_init(void* state, const std::uint8_t* key,
                                          std::size_t key_len) {
  auto& s = *static_cast<GcmX86State*>(state);
  s.rounds = static_cast<std::uint32_t>(aes_expand_key(key, key_len, &s.rk[0][0]));
  // H = E_K(0^128), in register form; then H^2..H^8 for aggregated reduction, each stored
  // multiplied by x^-1 (gcm_x86.hpp, reduce()).
  const __m128i h = _mm_shuffle_epi8(aes_block(s.rk, s.rounds, _mm_setzero_si128()), bswap_mask());
  const __m128i hx = mul_x_inverse(h);
  __m128i p = h;
  for (unsigned k = 1; k <= 8; ++k) {
    const __m128i m = mul_x_inverse(p);
    store_block(s.hpow[8 - k], m);  // hpow[8 - k] = H^k·x^-1
    store_block(s.hkara[8 - k], _mm_xor_si128(m, _mm_shuffle_epi32(m, 0x4e)));
    p = gf_mul(p, hx);  // H^(k+1)
  }
}

namespace {

// GHASH over `len` bytes of data (a final partial block zero-padded), eight blocks per reduction.
GLASSTLS_AESNI_TARGET __m128i ghash_bytes(const GcmX86State& s, __m128i y, const std::uint8_t* p,
                                          std::size_t len) {
  const __m128i bs = bswap_mask();
  for (; len >= 128; p += 128, len -= 128) {
    Acc a = acc_zero();
    mul_acc(a, _mm_xor_si128(y, _mm_shuffle_epi8(load_block(p), bs)), load_block(s.hpow[0]));
    for (unsigned i = 1; i < 8; ++i)
      mul_acc(a, _mm_shuffle_epi8(load_block(p + 16 * i), bs), load_block(s.hpow[i]));
    y = reduce(a);
  }
  const __m128i h = load_block(s.hpow[7]);
  for (; len >= 16; p += 16, len -= 16)
    y = gf_mul(_mm_xor_si128(y, _mm_shuffle_epi8(load_block(p), bs)), h);
  if (len > 0) {
    std::uint8_t last[16] = {};
    std::memcpy(last, p, len);
    y = gf_mul(_mm_xor_si128(y, _mm_shuffle_epi8(load_block(last), bs)), h);
  }
  return y;
}

// The counter block for counter value c: J0's first 12 bytes, then c big-endian. The 32-bit
// addition that produced c wrapped modulo 2^32 (SP 800-38D §6.2 inc32); the IV part is untouched.
GLASSTLS_GCM_X86_INLINE __m128i counter_block(__m128i j0, std::uint32_t c) {
  return _mm_insert_epi32(j0, static_cast<int>(__builtin_bswap32(c)), 3);
}

// `rounds` (10 or 14) is a template parameter so the round loops unroll and the round keys can
// live in registers.
template <unsigned rounds>
GLASSTLS_AESNI_TARGET void crypt_rounds(const GcmX86State& s, bool open,
                                        const std::uint8_t j0_bytes[16], const std::uint8_t* aad,
                                        std::size_t aad_len, const std::uint8_t* in,
                                        std::size_t len, std::uint8_t* out, std::uint8_t tag[16]) {
  const __m128i bs = bswap_mask();
  const __m128i j0 = load_block(j0_bytes);
  const auto* rk = s.rk;
  const __m128i ek0 = aes_block(rk, rounds, j0);  // E_K(J0), for the tag

  __m128i y = ghash_bytes(s, _mm_setzero_si128(), aad, aad_len);
  std::uint32_t ctr = __builtin_bswap32(static_cast<std::uint32_t>(_mm_extract_epi32(j0, 3))) + 1;
  const std::size_t total = len;

  for (; len >= 128; in += 128, out += 128, len -= 128) {
    __m128i b[8];
#pragma GCC unroll 8
    for (unsigned i = 0; i < 8; ++i)
      b[i] = _mm_xor_si128(counter_block(j0, ctr + i), load_block(rk[0]));
    ctr += 8;
#pragma GCC unroll 14
    for (unsigned r = 1; r < rounds; ++r) {
      const __m128i k = load_block(rk[r]);
#pragma GCC unroll 8
      for (unsigned i = 0; i < 8; ++i) b[i] = _mm_aesenc_si128(b[i], k);
    }
    const __m128i klast = load_block(rk[rounds]);
    Acc a = acc_zero();
#pragma GCC unroll 8
    for (unsigned i = 0; i < 8; ++i) {
      const __m128i x = load_block(in + 16 * i);  // read before writing: in == out is allowed
      const __m128i c = _mm_xor_si128(_mm_aesenclast_si128(b[i], klast), x);
      store_block(out + 16 * i, c);
      __m128i g = _mm_shuffle_epi8(open ? x : c, bs);
      if (i == 0) g = _mm_xor_si128(g, y);
      mul_acc(a, g, load_block(s.hpow[i]));
    }
    y = reduce(a);
  }

  const __m128i h = load_block(s.hpow[7]);
  for (; len >= 16; in += 16, out += 16, len -= 16) {
    const __m128i x = load_block(in);
    const __m128i c = _mm_xor_si128(aes_block(rk, rounds, counter_block(j0, ctr++)), x);
    store_block(out, c);
    y = gf_mul(_mm_xor_si128(y, _mm_shuffle_epi8(open ? x : c, bs)), h);
  }
  if (len > 0) {
    // The final partial block: work on a zero-padded copy; GHASH sees the ciphertext padded with
    // zeros (§7.1: C ‖ 0^u), so the keystream bytes past the end are cleared before hashing.
    std::uint8_t buf[16] = {};
    std::memcpy(buf, in, len);
    const __m128i x = load_block(buf);
    __m128i c = _mm_xor_si128(aes_block(rk, rounds, counter_block(j0, ctr)), x);
    store_block(buf, c);
    std::memcpy(out, buf, len);
    std::memset(buf + len, 0, 16 - len);
    c = load_block(buf);
    y = gf_mul(_mm_xor_si128(y, _mm_shuffle_epi8(open ? x : c, bs)), h);
    ct::secure_wipe(buf, sizeof buf);
  }

  y = gf_mul(_mm_xor_si128(y, length_block(aad_len, total)), h);
  store_block(tag, _mm_xor_si128(_mm_shuffle_epi8(y, bs), ek0));
}

void crypt(const GcmX86State& s, bool open, const std::uint8_t j0[16], const std::uint8_t* aad,
           std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
           std::uint8_t tag[16]) {
  if (s.rounds == 14)
    crypt_rounds<14>(s, open, j0, aad, aad_len, in, len, out, tag);
  else
    crypt_rounds<10>(s, open, j0, aad, aad_len, in, len, out, tag);
}


}  // namespace

void gcm_aesni_seal_from(const void* state, const std::uint8_t j0[16], const std::uint8_t* aad,
                         std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                         std::uint8_t* out, std::uint8_t tag[16]) {
  crypt(*static_cast<const GcmX86State*>(state), false, j0, aad, aad_len, in, len, out, tag);
}

void gcm_aesni_seal(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                    std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                    std::uint8_t tag[16]) {
  std::uint8_t j0[16];
  gcm_make_j0(j0, nonce);
  crypt(*static_cast<const GcmX86State*>(state), false, j0, aad, aad_len, in, len, out, tag);
}

void gcm_aesni_open(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                    std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                    std::uint8_t tag[16]) {
  std::uint8_t j0[16];
  gcm_make_j0(j0, nonce);
  crypt(*static_cast<const GcmX86State*>(state), true, j0, aad, aad_len, in, len, out, tag);
}

}  // namespace glasstls::crypto::detail

#endif  // GLASSTLS_HAVE_GCM_X86
