#include "glasstls/core/byte_reader.hpp"

namespace glasstls {

bool ByteReader::read_uint(std::size_t n, std::uint64_t& out) noexcept {
  if (remaining() < n) return false;
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v = (v << 8) | data_[pos_ + i];
  pos_ += n;
  out = v;
  return true;
}

bool ByteReader::read_u8(std::uint8_t& out) noexcept {
  std::uint64_t v;
  if (!read_uint(1, v)) return false;
  out = static_cast<std::uint8_t>(v);
  return true;
}
bool ByteReader::read_u16(std::uint16_t& out) noexcept {
  std::uint64_t v;
  if (!read_uint(2, v)) return false;
  out = static_cast<std::uint16_t>(v);
  return true;
}
bool ByteReader::read_u24(std::uint32_t& out) noexcept {
  std::uint64_t v;
  if (!read_uint(3, v)) return false;
  out = static_cast<std::uint32_t>(v);
  return true;
}
bool ByteReader::read_u32(std::uint32_t& out) noexcept {
  std::uint64_t v;
  if (!read_uint(4, v)) return false;
  out = static_cast<std::uint32_t>(v);
  return true;
}
bool ByteReader::read_u64(std::uint64_t& out) noexcept { return read_uint(8, out); }

bool ByteReader::read_bytes(std::size_t n, ByteView& out) noexcept {
  if (remaining() < n) return false;
  out = data_.subspan(pos_, n);
  pos_ += n;
  return true;
}

bool ByteReader::read_prefixed(std::size_t length_bytes, ByteView& out) noexcept {
  if (length_bytes < 1 || length_bytes > 3) return false;
  const std::size_t start = pos_;
  std::uint64_t len;
  if (!read_uint(length_bytes, len)) return false;
  if (!read_bytes(static_cast<std::size_t>(len), out)) {
    pos_ = start;  // a failed read leaves the reader where it was
    return false;
  }
  return true;
}

bool ByteReader::read_prefixed(std::size_t length_bytes, ByteReader& out) noexcept {
  ByteView v;
  if (!read_prefixed(length_bytes, v)) return false;
  out = ByteReader(v);
  return true;
}

bool ByteReader::skip(std::size_t n) noexcept {
  ByteView ignored;
  return read_bytes(n, ignored);
}

}  // namespace glasstls
