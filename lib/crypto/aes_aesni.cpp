// AES with the x86 AES-NI instructions: one instruction per round. AESENC does ShiftRows,
// SubBytes, MixColumns and AddRoundKey of FIPS 197 §5.1 in hardware (constant time, no tables);
// AESENCLAST is the last round, without MixColumns.
//
// The key expansion is the portable one (aes_expand_key, constant time): it runs once per key,
// so the AESKEYGENASSIST instruction would save little and cost a second code path to verify.
#include "crypto/aes_internal.hpp"

#if defined(GLASSTLS_HAVE_AES_X86)

#include <immintrin.h>

#include "glasstls/core/cpu.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/aes.hpp"

namespace glasstls::crypto::detail {

bool aes_aesni_available() {
  return cpu_features().aesni;
}

__attribute__((target("aes,sse2"))) void aes_aesni_encrypt_block(const std::uint8_t* key,
                                                                 std::size_t key_len,
                                                                 const std::uint8_t in[16],
                                                                 std::uint8_t out[16]) {
  alignas(16) std::uint8_t w[kAesMaxRoundKeyBytes];
  const int nr = aes_expand_key(key, key_len, w);
  const auto* rk = reinterpret_cast<const __m128i*>(w);
  __m128i b =
      _mm_xor_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(in)), _mm_load_si128(rk));
  for (int r = 1; r < nr; ++r) b = _mm_aesenc_si128(b, _mm_load_si128(rk + r));
  b = _mm_aesenclast_si128(b, _mm_load_si128(rk + nr));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), b);
  ct::secure_wipe(w, sizeof w);
}

}  // namespace glasstls::crypto::detail

#endif  // GLASSTLS_HAVE_AES_X86
