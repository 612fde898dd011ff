// ByteReader: bounds-checked big-endian reading of a byte string, the way TLS structures are laid
// out (RFC 8446 §3: uint8/16/24/32, opaque vectors with 1-, 2- or 3-byte length prefixes).
//
// Every read either succeeds and advances, or fails and leaves the reader where it was. Reads
// return false rather than throwing, and are [[nodiscard]] so a failure cannot be ignored.
#pragma once

#include <cstddef>
#include <cstdint>

#include "glasstls/core/bytes.hpp"

namespace glasstls {

class ByteReader {
 public:
  ByteReader() noexcept = default;
  explicit ByteReader(ByteView data) noexcept : data_(data) {}

  std::size_t remaining() const noexcept { return data_.size() - pos_; }
  std::size_t offset() const noexcept { return pos_; }
  bool empty() const noexcept { return remaining() == 0; }
  /// The bytes not read yet.
  ByteView rest() const noexcept { return data_.subspan(pos_); }

  [[nodiscard]] bool read_u8(std::uint8_t& out) noexcept;
  [[nodiscard]] bool read_u16(std::uint16_t& out) noexcept;
  [[nodiscard]] bool read_u24(std::uint32_t& out) noexcept;
  [[nodiscard]] bool read_u32(std::uint32_t& out) noexcept;
  [[nodiscard]] bool read_u64(std::uint64_t& out) noexcept;
  /// Reads exactly n bytes (a view into the input).
  [[nodiscard]] bool read_bytes(std::size_t n, ByteView& out) noexcept;
  /// Reads a vector whose length is given by a `length_bytes`-byte big-endian prefix (1..3),
  /// e.g. `opaque legacy_session_id<0..32>` has a 1-byte prefix.
  [[nodiscard]] bool read_prefixed(std::size_t length_bytes, ByteView& out) noexcept;
  /// Same, returning a reader over the vector's contents.
  [[nodiscard]] bool read_prefixed(std::size_t length_bytes, ByteReader& out) noexcept;
  [[nodiscard]] bool skip(std::size_t n) noexcept;

 private:
  [[nodiscard]] bool read_uint(std::size_t n, std::uint64_t& out) noexcept;

  ByteView data_{};
  std::size_t pos_ = 0;
};

}  // namespace glasstls
