// WireReader and WireWriter: RFC 8446 §3's integers and vectors, with the bounds checks every
// decoder relies on.
#include "glasstls/tls/wire.hpp"

namespace glasstls::tls {

WireReader::WireReader(ByteView data, std::string_view what, std::size_t base_offset)
    : WireReader(data, std::string(what), base_offset,
                 std::make_shared<std::optional<TlsError>>()) {}

WireReader::WireReader(ByteView data, std::string what, std::size_t base_offset,
                       std::shared_ptr<std::optional<TlsError>> error)
    : data_(data),
      end_(data.size()),
      base_(base_offset),
      what_(std::move(what)),
      error_(std::move(error)) {}

void WireReader::fail(std::string_view field, std::string_view reason, AlertDescription alert,
                      std::string_view section) {
  if (!ok()) return;
  std::string text = what_;
  if (!field.empty()) {
    text += ".";
    text += field;
  }
  text += ": ";
  text += reason;
  text += " (at byte " + std::to_string(offset()) + ")";
  *error_ = tls_error(alert, std::move(text), section);
}

bool WireReader::need(std::size_t n, std::string_view field) {
  if (!ok()) return false;
  if (remaining() < n) {
    fail(field, std::to_string(remaining()) + " bytes left, " + std::to_string(n) + " needed");
    return false;
  }
  return true;
}

std::uint8_t WireReader::u8(std::string_view field) {
  if (!need(1, field)) return 0;
  return data_[pos_++];
}

std::uint16_t WireReader::u16(std::string_view field) {
  if (!need(2, field)) return 0;
  const auto v = static_cast<std::uint16_t>((data_[pos_] << 8) | data_[pos_ + 1]);
  pos_ += 2;
  return v;
}

std::uint32_t WireReader::u24(std::string_view field) {
  if (!need(3, field)) return 0;
  const std::uint32_t v =
      (std::uint32_t{data_[pos_]} << 16) | (std::uint32_t{data_[pos_ + 1]} << 8) | data_[pos_ + 2];
  pos_ += 3;
  return v;
}

std::uint32_t WireReader::u32(std::string_view field) {
  if (!need(4, field)) return 0;
  const std::uint32_t v = (std::uint32_t{data_[pos_]} << 24) |
                          (std::uint32_t{data_[pos_ + 1]} << 16) |
                          (std::uint32_t{data_[pos_ + 2]} << 8) | data_[pos_ + 3];
  pos_ += 4;
  return v;
}

ByteView WireReader::bytes(std::size_t n, std::string_view field) {
  if (!need(n, field)) return {};
  const ByteView out = data_.subspan(pos_, n);
  pos_ += n;
  return out;
}

ByteView WireReader::vector(int prefix, std::size_t floor, std::size_t ceiling,
                            std::string_view field) {
  const std::size_t at = pos_;
  std::size_t length = 0;
  switch (prefix) {
    case 1:
      length = u8(field);
      break;
    case 2:
      length = u16(field);
      break;
    case 3:
      length = u24(field);
      break;
    default:
      fail(field, "internal: a vector length prefix is 1, 2 or 3 bytes",
           AlertDescription::internal_error);
  }
  if (!ok()) return {};
  if (length < floor || length > ceiling) {
    pos_ = at;
    fail(field, "length " + std::to_string(length) + " outside <" + std::to_string(floor) + ".." +
                    std::to_string(ceiling) + ">");
    return {};
  }
  if (remaining() < length) {
    pos_ = at;
    fail(field, "length " + std::to_string(length) + " but only " +
                    std::to_string(remaining() - static_cast<std::size_t>(prefix)) +
                    " bytes follow");
    return {};
  }
  return bytes(length, field);
}

WireReader WireReader::sub(int prefix, std::size_t floor, std::size_t ceiling,
                           std::string_view field) {
  const std::size_t contents_at = offset() + static_cast<std::size_t>(prefix);
  const ByteView contents = vector(prefix, floor, ceiling, field);
  return WireReader(contents, what_ + "." + std::string(field), contents_at, error_);
}

ByteView WireReader::rest() {
  return bytes(remaining(), "rest");
}

void WireReader::finish() {
  if (ok() && !at_end()) fail("", std::to_string(remaining()) + " trailing bytes");
}

Result<Unit, TlsError> WireReader::result() const {
  if (!ok()) return Err(**error_);
  return Unit{};
}

void WireWriter::u8(std::uint8_t v) {
  out_.push_back(v);
}

void WireWriter::u16(std::uint16_t v) {
  out_.push_back(static_cast<std::uint8_t>(v >> 8));
  out_.push_back(static_cast<std::uint8_t>(v));
}

void WireWriter::u24(std::uint32_t v) {
  if (v > 0xffffff) ok_ = false;
  out_.push_back(static_cast<std::uint8_t>(v >> 16));
  out_.push_back(static_cast<std::uint8_t>(v >> 8));
  out_.push_back(static_cast<std::uint8_t>(v));
}

void WireWriter::u32(std::uint32_t v) {
  u16(static_cast<std::uint16_t>(v >> 16));
  u16(static_cast<std::uint16_t>(v));
}

void WireWriter::bytes(ByteView b) {
  out_.insert(out_.end(), b.begin(), b.end());
}

void WireWriter::opaque(int prefix, ByteView contents) {
  vector(prefix, [&](WireWriter& w) { w.bytes(contents); });
}

std::size_t WireWriter::begin_vector(int prefix) {
  const std::size_t at = out_.size();
  if (prefix < 1 || prefix > 3) ok_ = false;
  out_.resize(out_.size() + static_cast<std::size_t>(prefix < 1 || prefix > 3 ? 0 : prefix));
  return at;
}

void WireWriter::end_vector(int prefix, std::size_t at) {
  if (prefix < 1 || prefix > 3) return;
  const std::size_t length = out_.size() - at - static_cast<std::size_t>(prefix);
  if (length >= (std::size_t{1} << (8 * prefix))) {
    ok_ = false;
    return;
  }
  for (int i = 0; i < prefix; ++i) {
    out_[at + static_cast<std::size_t>(i)] =
        static_cast<std::uint8_t>(length >> (8 * (prefix - 1 - i)));
  }
}

}  // namespace glasstls::tls
