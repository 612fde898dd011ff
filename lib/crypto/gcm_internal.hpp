// Internal: the pieces of AES-GCM (NIST SP 800-38D) behind the table in aes_gcm.cpp.
//
// Every implementation is built the same way (SP 800-38D §7.1, Algorithm 4, 96-bit IVs only):
//   J0  = IV ‖ 0^31 ‖ 1                           the pre-counter block
//   C   = GCTR_K(inc32(J0), P)                     counter mode from J0 + 1
//   S   = GHASH_H(A ‖ 0^v ‖ C ‖ 0^u ‖ [len(A)]64 ‖ [len(C)]64)
//   T   = GCTR_K(J0, S)  = E_K(J0) ⊕ S             (16-byte tags only)
// with H = E_K(0^128), and inc32 adding 1 to the last 32 bits only, modulo 2^32 (§6.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

#include "crypto/aes_internal.hpp"
#include "glasstls/core/endian.hpp"

namespace glasstls::crypto::detail {

/// A GHASH field element as two 64-bit halves of the 16-byte block read big-endian: `hi` holds
/// bytes 0..7. Bit 63 of `hi` (the first bit of the block) is the coefficient of x^0
/// (SP 800-38D §6.3: the bit order is "reflected").
struct Gf128 {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
};

/// x·y in GF(2^128) modulo x^128 + x^7 + x^2 + x + 1, constant time (ghash_portable.cpp).
Gf128 gf128_mul(Gf128 x, Gf128 y);
/// y = (y ⊕ X_i)·h for each 16-byte block X_i of data; a final partial block is zero-padded.
void ghash_portable(Gf128& y, Gf128 h, const std::uint8_t* data, std::size_t len);

/// The shared core of seal: counter mode from inc32(j0), GHASH, tag = E(j0) ⊕ S. `seal` of each
/// implementation is this with j0 = nonce ‖ 1; tests call it with other j0 to reach the 32-bit
/// counter wrap that a 96-bit nonce never gets near within the length limit.
using GcmSealFromFn = void (*)(const void* state, const std::uint8_t j0[16],
                               const std::uint8_t* aad, std::size_t aad_len, const std::uint8_t* in,
                               std::size_t len, std::uint8_t* out, std::uint8_t tag[16]);

// ---- portable (gcm_portable.cpp) ---------------------------------------------------------------

struct GcmPortableState {
  AesBitslicedKey aes;
  Gf128 h;  // E_K(0^128)
};
void gcm_portable_init(void* state, const std::uint8_t* key, std::size_t key_len);
void gcm_portable_seal_from(const void* state, const std::uint8_t j0[16], const std::uint8_t* aad,
                            std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                            std::uint8_t* out, std::uint8_t tag[16]);
void gcm_portable_seal(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                       std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                       std::uint8_t* out, std::uint8_t tag[16]);
void gcm_portable_open(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                       std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                       std::uint8_t* out, std::uint8_t tag[16]);

// ---- x86: AES-NI + PCLMULQDQ (gcm_aesni.cpp) and VAES + VPCLMULQDQ (gcm_vaes.cpp) --------------

#if defined(GLASSTLS_HAVE_AES_X86)
#define GLASSTLS_HAVE_GCM_X86 1

/// Shared by both x86 implementations (same init). Blocks and H powers are stored as bytes;
/// the code loads them into registers. hpow[i] = H^(8-i)·x^-1 byte-reversed (gcm_x86.hpp), so
/// hpow[0..8) = H^8, H^7, ..., H^1 (times x^-1): the multipliers of eight consecutive blocks, in
/// order.
struct GcmX86State {
  alignas(64) std::uint8_t rk[15][16];
  alignas(64) std::uint8_t hpow[8][16];
  /// For Karatsuba multiplication (gcm_vaes.cpp): hkara[i] holds hi ⊕ lo of hpow[i] in both
  /// 64-bit halves.
  alignas(64) std::uint8_t hkara[8][16];
  std::uint32_t rounds;
};

bool gcm_aesni_available();
void gcm_aesni_init(void* state, const std::uint8_t* key, std::size_t key_len);
void gcm_aesni_seal_from(const void* state, const std::uint8_t j0[16], const std::uint8_t* aad,
                         std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                         std::uint8_t* out, std::uint8_t tag[16]);
void gcm_aesni_seal(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                    std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                    std::uint8_t tag[16]);
void gcm_aesni_open(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                    std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                    std::uint8_t tag[16]);

bool gcm_vaes_available();
void gcm_vaes_seal_from(const void* state, const std::uint8_t j0[16], const std::uint8_t* aad,
                        std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                        std::uint8_t* out, std::uint8_t tag[16]);
void gcm_vaes_seal(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                   std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                   std::uint8_t tag[16]);
void gcm_vaes_open(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                   std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                   std::uint8_t tag[16]);
#endif

/// For tests: each AES-GCM implementation's seal core, by the same name as in
/// aes_gcm_implementations() (aes_gcm.cpp).
struct GcmSealFromEntry {
  std::string_view name;
  GcmSealFromFn seal_from;
};
std::span<const GcmSealFromEntry> gcm_seal_from_table();

/// SP 800-38D §7.1 step 2 for a 96-bit IV (the only size glasstls accepts):
/// J0 = IV ‖ 0^31 ‖ 1, the pre-counter block. The tag is masked with E(K, J0); the first
/// plaintext block uses inc32(J0).
inline void gcm_make_j0(std::uint8_t j0[16], const std::uint8_t nonce[12]) {
  std::memcpy(j0, nonce, 12);
  store_be32(j0 + 12, 1);
}

}  // namespace glasstls::crypto::detail
