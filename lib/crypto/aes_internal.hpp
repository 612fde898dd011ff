// Internal: the AES building blocks shared by the AES table (aes.cpp) and the GCM
// implementations (gcm_*.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace glasstls::crypto::detail {

// ---- portable, bitsliced (aes_portable.cpp) ----------------------------------------------------

/// Round keys in the bitsliced layout of aes_portable.cpp: for each round key, eight 64-bit
/// "bit planes", the key replicated for the four blocks processed at once.
struct AesBitslicedKey {
  std::uint64_t planes[15][8];
  std::uint32_t rounds;  // Nr: 10 or 14
};

/// Expands a 16- or 32-byte key into the bitsliced form.
void aes_bitsliced_init(AesBitslicedKey& key, const std::uint8_t* raw_key, std::size_t key_len);
/// Encrypts four independent blocks in[0..64) into out[0..64) (in == out allowed).
void aes_bitsliced_encrypt4(const AesBitslicedKey& key, const std::uint8_t in[64],
                            std::uint8_t out[64]);

/// The S-box circuit applied to eight bit planes (plane b holds bit b of up to 64 bytes).
void aes_sbox_planes(std::uint64_t q[8]);

// ---- AES-NI (aes_aesni.cpp) --------------------------------------------------------------------

#if !defined(GLASSTLS_PORTABLE_BUILD) && defined(__x86_64__)
#define GLASSTLS_HAVE_AES_X86 1
bool aes_aesni_available();
void aes_aesni_encrypt_block(const std::uint8_t* key, std::size_t key_len,
                             const std::uint8_t in[16], std::uint8_t out[16]);
#endif

}  // namespace glasstls::crypto::detail
