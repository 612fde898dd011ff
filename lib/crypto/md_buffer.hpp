// Internal: the message buffering and padding that SHA-1, SHA-256 and SHA-384/512 share.
//
// All three are Merkle-Damgard hashes: the message is cut into fixed-size blocks, each block is
// fed to a compression function, and the last block carries the padding and the message length
// (FIPS 180-4 §5.1). The hash classes keep a partial block in a buffer between update() calls;
// these two helpers do the bookkeeping so each class only supplies its compression function.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/endian.hpp"

namespace glasstls::crypto::detail {

/// Feeds `data` through `compress(const uint8_t* blocks, size_t nblocks)`: first tops up and
/// flushes a partial block in `buffer`, then compresses whole blocks straight from `data` (no
/// copy), then keeps the tail in `buffer`.
template <std::size_t BlockSize, class Compress>
inline void absorb(std::uint8_t (&buffer)[BlockSize], std::size_t& buffered, ByteView data,
                   Compress&& compress) {
  const std::uint8_t* p = data.data();
  std::size_t n = data.size();
  if (n == 0) return;
  if (buffered > 0) {
    const std::size_t take = std::min(BlockSize - buffered, n);
    std::memcpy(buffer + buffered, p, take);
    buffered += take;
    p += take;
    n -= take;
    if (buffered < BlockSize) return;
    compress(buffer, std::size_t{1});
    buffered = 0;
  }
  const std::size_t whole = n / BlockSize;
  if (whole > 0) {
    compress(p, whole);
    p += whole * BlockSize;
    n -= whole * BlockSize;
  }
  if (n > 0) {
    std::memcpy(buffer, p, n);
    buffered = n;
  }
}

/// FIPS 180-4 §5.1.1 / §5.1.2: append the bit "1" (the byte 0x80, since we hash whole bytes),
/// then zeros until `length_field` bytes remain in the block, then the message length in bits as
/// a big-endian integer of `length_field` bytes (8 for SHA-1/SHA-256, 16 for SHA-384/512).
/// If the length does not fit after the 0x80, it goes in one extra block of zeros.
template <std::size_t BlockSize, class Compress>
inline void pad_and_compress(std::uint8_t (&buffer)[BlockSize], std::size_t buffered,
                             std::uint64_t total_bytes, std::size_t length_field,
                             Compress&& compress) {
  buffer[buffered++] = 0x80;
  if (buffered > BlockSize - length_field) {
    std::memset(buffer + buffered, 0, BlockSize - buffered);
    compress(buffer, std::size_t{1});
    buffered = 0;
  }
  std::memset(buffer + buffered, 0, BlockSize - buffered);
  // Length in bits = total_bytes * 8. For a 128-bit field, the top 64 bits hold the 3 bits that
  // shift out of a 64-bit word (always zero in practice, written for exactness).
  store_be64(buffer + BlockSize - 8, total_bytes << 3);
  if (length_field == 16) store_be64(buffer + BlockSize - 16, total_bytes >> 61);
  compress(buffer, std::size_t{1});
}

}  // namespace glasstls::crypto::detail
