#include "glasstls/core/byte_writer.hpp"

#include <cassert>

namespace glasstls {

void ByteWriter::u16(std::uint16_t v) {
  u8(static_cast<std::uint8_t>(v >> 8));
  u8(static_cast<std::uint8_t>(v));
}
void ByteWriter::u24(std::uint32_t v) {
  assert(v < (1u << 24));
  u8(static_cast<std::uint8_t>(v >> 16));
  u16(static_cast<std::uint16_t>(v));
}
void ByteWriter::u32(std::uint32_t v) {
  u16(static_cast<std::uint16_t>(v >> 16));
  u16(static_cast<std::uint16_t>(v));
}
void ByteWriter::u64(std::uint64_t v) {
  u32(static_cast<std::uint32_t>(v >> 32));
  u32(static_cast<std::uint32_t>(v));
}

ByteWriter::Prefix ByteWriter::begin_prefixed(std::size_t length_bytes) {
  assert(length_bytes >= 1 && length_bytes <= 3);
  Prefix p{buf_.size(), length_bytes};
  buf_.insert(buf_.end(), length_bytes, 0);
  return p;
}

bool ByteWriter::end_prefixed(Prefix p) {
  const std::size_t len = buf_.size() - p.position - p.length_bytes;
  if (len >= (std::size_t{1} << (8 * p.length_bytes))) return false;
  for (std::size_t i = 0; i < p.length_bytes; ++i)
    buf_[p.position + i] = static_cast<std::uint8_t>(len >> (8 * (p.length_bytes - 1 - i)));
  return true;
}

}  // namespace glasstls
