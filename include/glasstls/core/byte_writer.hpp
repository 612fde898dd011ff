// ByteWriter: appends big-endian integers and length-prefixed vectors to a growing buffer, the
// mirror image of ByteReader.
//
//     ByteWriter w;
//     auto ext = w.begin_prefixed(2);   // uint16 length, filled in by end_prefixed
//     w.u16(0x002b);
//     if (!w.end_prefixed(ext)) ...     // false if the contents outgrew the prefix
#pragma once

#include <cstddef>
#include <cstdint>

#include "glasstls/core/bytes.hpp"

namespace glasstls {

class ByteWriter {
 public:
  /// Handle for a vector opened with begin_prefixed().
  struct Prefix {
    std::size_t position;      // where the length field starts
    std::size_t length_bytes;  // 1, 2 or 3
  };

  void u8(std::uint8_t v) { buf_.push_back(v); }
  void u16(std::uint16_t v);
  void u24(std::uint32_t v);  // v must be < 2^24
  void u32(std::uint32_t v);
  void u64(std::uint64_t v);
  void bytes(ByteView v) { buf_.insert(buf_.end(), v.begin(), v.end()); }

  /// Opens a vector with a `length_bytes`-byte length prefix (1..3), written as zeros for now.
  Prefix begin_prefixed(std::size_t length_bytes);
  /// Closes it: writes the length of everything appended since. False if it does not fit.
  [[nodiscard]] bool end_prefixed(Prefix p);

  std::size_t size() const noexcept { return buf_.size(); }
  const Bytes& data() const noexcept { return buf_; }
  Bytes take() noexcept { return std::move(buf_); }

 private:
  Bytes buf_;
};

}  // namespace glasstls
