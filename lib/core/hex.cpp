// Hex encoding and decoding. Decoding is done with arithmetic rather than a lookup table or a
// branch per character, so hex-encoded secrets (keys in test files, SSLKEYLOGFILE lines) do not
// leak through timing.
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/ct.hpp"

namespace glasstls {

namespace {

// Value of one hex digit, or -1, computed without branching on the character:
// each range test yields an all-ones mask, and the result is OR-ed from the matching range.
int hex_digit_value(std::uint8_t c) noexcept {
  const std::uint64_t is_digit = ct::greater_or_equal(c, '0') & ct::less_than(c, '9' + 1);
  const std::uint64_t is_lower = ct::greater_or_equal(c, 'a') & ct::less_than(c, 'f' + 1);
  const std::uint64_t is_upper = ct::greater_or_equal(c, 'A') & ct::less_than(c, 'F' + 1);
  const std::uint64_t v = (is_digit & (std::uint64_t{c} - '0')) |
                          (is_lower & (std::uint64_t{c} - 'a' + 10)) |
                          (is_upper & (std::uint64_t{c} - 'A' + 10));
  const std::uint64_t valid = is_digit | is_lower | is_upper;
  return static_cast<int>(ct::select(valid, v, ~std::uint64_t{0}));
}

char hex_char(unsigned nibble) noexcept {
  // '0'..'9' for 0..9, 'a'..'f' for 10..15: add 39 more when nibble > 9, without a branch.
  const std::uint64_t above9 = ct::less_than(9, nibble);
  return static_cast<char>('0' + nibble + (above9 & 39));
}

std::optional<Bytes> decode(std::string_view hex, bool lenient) {
  Bytes out;
  out.reserve(hex.size() / 2);
  int high = -1;
  std::uint64_t bad = 0;
  for (char ch : hex) {
    if (lenient && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == ':')) continue;
    const int v = hex_digit_value(static_cast<std::uint8_t>(ch));
    bad |= static_cast<std::uint64_t>(v) >> 63;  // v == -1 sets the low bit
    const int nibble = v & 0xf;
    if (high < 0) {
      high = nibble;
    } else {
      out.push_back(static_cast<std::uint8_t>((high << 4) | nibble));
      high = -1;
    }
  }
  // The verdict (valid hex or not) is public; the digits are not.
  if (ct::declassify_value(bad) != 0 || high >= 0) return std::nullopt;
  return out;
}

}  // namespace

std::string hex_encode(ByteView data) {
  std::string out;
  out.reserve(data.size() * 2);
  for (std::uint8_t b : data) {
    out.push_back(hex_char(b >> 4));
    out.push_back(hex_char(b & 0xfu));
  }
  return out;
}

std::optional<Bytes> hex_decode(std::string_view hex) { return decode(hex, false); }
std::optional<Bytes> hex_decode_lenient(std::string_view hex) { return decode(hex, true); }

}  // namespace glasstls
