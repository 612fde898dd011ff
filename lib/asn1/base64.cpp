// Base64 by arithmetic (see base64.hpp for why). RFC 4648 §4, Table 1:
//   0..25 -> 'A'..'Z', 26..51 -> 'a'..'z', 52..61 -> '0'..'9', 62 -> '+', 63 -> '/', pad '='.
#include "glasstls/asn1/base64.hpp"

#include "glasstls/core/ct.hpp"

namespace glasstls::asn1 {

namespace {

// All ones if a >= b, for a, b < 2^31: b - a - 1 wraps around (top bit set) exactly when a >= b.
std::uint32_t ge_mask(std::uint32_t a, std::uint32_t b) {
  return ct::value_barrier(0u - ((b - a - 1u) >> 31));
}
std::uint32_t in_range_mask(std::uint32_t c, std::uint32_t lo, std::uint32_t hi) {
  return ge_mask(c, lo) & ge_mask(hi, c);
}
std::uint32_t eq_mask(std::uint32_t c, std::uint32_t x) {
  return in_range_mask(c, x, x);
}

// 6-bit value -> character. Start from 'A' + v and add the distance to the next range at each
// range boundary: +6 at 26 ('a' = 'A' + 26 + 6), -75 at 52 ('0'), -15 at 62 ('+'), +3 at 63 ('/').
char encode_char(std::uint32_t v) {
  std::uint32_t c = v + 'A';
  c += ge_mask(v, 26) & 6u;
  c -= ge_mask(v, 52) & 75u;
  c -= ge_mask(v, 62) & 15u;
  c += ge_mask(v, 63) & 3u;
  return static_cast<char>(c);
}

// Character -> 6-bit value; `valid` is all ones if c is in the alphabet ('=' is not).
std::uint32_t decode_char(std::uint32_t c, std::uint32_t& valid) {
  const std::uint32_t upper = in_range_mask(c, 'A', 'Z');
  const std::uint32_t lower = in_range_mask(c, 'a', 'z');
  const std::uint32_t digit = in_range_mask(c, '0', '9');
  const std::uint32_t plus = eq_mask(c, '+');
  const std::uint32_t slash = eq_mask(c, '/');
  valid = upper | lower | digit | plus | slash;
  return (upper & (c - 'A')) | (lower & (c - 'a' + 26)) | (digit & (c - '0' + 52)) | (plus & 62u) |
         (slash & 63u);
}

}  // namespace

std::string base64_encode(ByteView data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    const std::uint32_t v =
        (std::uint32_t{data[i]} << 16) | (std::uint32_t{data[i + 1]} << 8) | data[i + 2];
    out += encode_char(v >> 18);
    out += encode_char((v >> 12) & 63);
    out += encode_char((v >> 6) & 63);
    out += encode_char(v & 63);
  }
  const std::size_t rest = data.size() - i;  // public: 0, 1 or 2
  if (rest > 0) {
    std::uint32_t v = std::uint32_t{data[i]} << 16;
    if (rest == 2) v |= std::uint32_t{data[i + 1]} << 8;
    out += encode_char(v >> 18);
    out += encode_char((v >> 12) & 63);
    out += rest == 2 ? encode_char((v >> 6) & 63) : '=';
    out += '=';
  }
  return out;
}

std::optional<Bytes> base64_decode(std::string_view text) {
  const std::size_t n = text.size();
  if (n % 4 != 0) return std::nullopt;  // RFC 4648 §3.2: padding is required
  if (n == 0) return Bytes{};

  auto ch = [&](std::size_t i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(text[i]));
  };
  std::uint32_t bad = 0;
  // Padding: "xx==" or "xxx=". A '=' before a non-'=' last character is an error.
  const std::uint32_t last_pad = eq_mask(ch(n - 1), '=');
  const std::uint32_t prev_pad = eq_mask(ch(n - 2), '=');
  bad |= prev_pad & ~last_pad;
  std::uint32_t pad = (last_pad & 1u) + (prev_pad & last_pad & 1u);
  pad = ct::declassify_value(pad);  // only the output length: public

  Bytes out;
  out.reserve(n / 4 * 3);
  for (std::size_t q = 0; q < n; q += 4) {
    const bool final_quantum = q + 4 == n;
    std::uint32_t acc = 0;
    for (std::size_t j = 0; j < 4; ++j) {
      std::uint32_t valid = 0;
      std::uint32_t v = decode_char(ch(q + j), valid);
      if (final_quantum && j >= 4 - pad) {
        v = 0;  // a padding position, already known to hold '='
      } else {
        bad |= ~valid;
      }
      acc = (acc << 6) | v;
    }
    if (final_quantum) {
      // RFC 4648 §3.5: the bits below the last encoded byte must be zero.
      const std::uint32_t unused = pad == 2 ? 0xffffu : pad == 1 ? 0xffu : 0u;
      bad |= static_cast<std::uint32_t>(ct::is_nonzero(acc & unused));
    }
    const std::size_t produce = final_quantum ? 3 - pad : 3;
    for (std::size_t k = 0; k < produce; ++k)
      out.push_back(static_cast<std::uint8_t>(acc >> (16 - 8 * k)));
  }
  if (ct::declassify_value(bad) != 0) {
    ct::secure_wipe(out.data(), out.size());
    return std::nullopt;
  }
  return out;
}

}  // namespace glasstls::asn1
