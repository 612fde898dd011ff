// Internal: the SHA-256 compression functions behind the registry table in sha256.cpp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace glasstls::crypto::detail {

/// FIPS 180-4 §4.2.2: the 64 round constants K0..K63.
/// Aligned to 64 bytes so the SHA-NI code can load four at a time with aligned loads.
alignas(64) extern const std::uint32_t kSha256K[64];

/// The portable reference (sha256_portable.cpp).
void sha256_compress_portable(std::uint32_t state[8], const std::uint8_t* blocks,
                              std::size_t nblocks);

#if !defined(GLASSTLS_PORTABLE_BUILD) && (defined(__x86_64__) || defined(__i386__))
#define GLASSTLS_HAVE_SHA256_SHANI 1
/// The x86 SHA extensions (sha256_shani.cpp). Call only when sha256_shani_available().
void sha256_compress_shani(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t nblocks);
bool sha256_shani_available();
#endif

}  // namespace glasstls::crypto::detail
