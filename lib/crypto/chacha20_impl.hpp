// Internal: the ChaCha20 implementations behind the registry table in chacha20.cpp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace glasstls::crypto::detail {

/// RFC 8439 §2.3: the four constant words "expand 32-byte k", read little-endian.
inline constexpr std::uint32_t kChaCha20Constants[4] = {0x61707865, 0x3320646e, 0x79622d32,
                                                        0x6b206574};

/// The portable reference (chacha20_portable.cpp).
void chacha20_xor_portable(const std::uint8_t key[32], const std::uint8_t nonce[12],
                           std::uint32_t counter, const std::uint8_t* in, std::uint8_t* out,
                           std::size_t len);
/// One 64-byte keystream block (the accelerated files use it for short tails).
void chacha20_block_portable(const std::uint8_t key[32], std::uint32_t counter,
                             const std::uint8_t nonce[12], std::uint8_t out[64]);

#if !defined(GLASSTLS_PORTABLE_BUILD) && defined(__x86_64__)
#define GLASSTLS_HAVE_CHACHA20_X86 1
/// Eight blocks at a time in ymm registers (chacha20_avx2.cpp). Call only when available.
void chacha20_xor_avx2(const std::uint8_t key[32], const std::uint8_t nonce[12],
                       std::uint32_t counter, const std::uint8_t* in, std::uint8_t* out,
                       std::size_t len);
bool chacha20_avx2_available();
/// Sixteen blocks at a time in zmm registers (chacha20_avx512.cpp). Call only when available.
void chacha20_xor_avx512(const std::uint8_t key[32], const std::uint8_t nonce[12],
                         std::uint32_t counter, const std::uint8_t* in, std::uint8_t* out,
                         std::size_t len);
bool chacha20_avx512_available();
/// ChaCha20-Poly1305 (RFC 8439 §2.8) with AVX-512 ChaCha20 stitched together with the radix44
/// Poly1305 (chacha20_avx512.cpp). `open` writes the expected tag; the caller compares.
void chacha20_poly1305_seal_avx512(const std::uint8_t key[32], const std::uint8_t nonce[12],
                                   const std::uint8_t* aad, std::size_t aad_len,
                                   const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                                   std::uint8_t tag[16]);
void chacha20_poly1305_open_avx512(const std::uint8_t key[32], const std::uint8_t nonce[12],
                                   const std::uint8_t* aad, std::size_t aad_len,
                                   const std::uint8_t* in, std::size_t len, std::uint8_t* out,
                                   std::uint8_t expected_tag[16]);
#endif

}  // namespace glasstls::crypto::detail
