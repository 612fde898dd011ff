// DerWriter (see der_writer.hpp): identifier and length octets in their one DER form, and the
// primitive types' contents.
#include "glasstls/asn1/der_writer.hpp"

#include <algorithm>
#include <vector>

#include "asn1/der_rules.hpp"

namespace glasstls::asn1 {

void DerWriter::header(Tag tag, std::size_t length) {
  // Identifier octets, X.690 §8.1.2.
  const auto leading = static_cast<std::uint8_t>((static_cast<unsigned>(tag.cls) << 6) |
                                                 (tag.constructed ? 0x20u : 0u));
  if (tag.number < 31) {
    out_.push_back(static_cast<std::uint8_t>(leading | tag.number));
  } else {
    // §8.1.2.4: 0x1F, then the number in base 128 with as few octets as possible.
    out_.push_back(static_cast<std::uint8_t>(leading | 0x1fu));
    std::uint8_t groups[5];
    std::size_t n = 0;
    std::uint32_t v = tag.number;
    do {
      groups[n++] = static_cast<std::uint8_t>(v & 0x7f);
      v >>= 7;
    } while (v != 0);
    while (n > 1) out_.push_back(static_cast<std::uint8_t>(groups[--n] | 0x80));
    out_.push_back(groups[0]);
  }
  // Length octets, §8.1.3 with §10.1: short form below 128, else the fewest octets.
  if (length < 0x80) {
    out_.push_back(static_cast<std::uint8_t>(length));
    return;
  }
  std::uint8_t be[sizeof(std::size_t)];
  std::size_t n = 0;
  for (std::size_t v = length; v != 0; v >>= 8) be[n++] = static_cast<std::uint8_t>(v & 0xff);
  out_.push_back(static_cast<std::uint8_t>(0x80 | n));
  while (n > 0) out_.push_back(be[--n]);
}

void DerWriter::primitive(Tag tag, ByteView contents) {
  header(tag, contents.size());
  out_.insert(out_.end(), contents.begin(), contents.end());
}

void DerWriter::raw(ByteView encoded_element) {
  out_.insert(out_.end(), encoded_element.begin(), encoded_element.end());
}

void DerWriter::wrap(Tag tag, DerWriter& inner, bool sort_elements) {
  if (!inner.ok()) fail(inner.error_);
  if (!sort_elements) {
    primitive(tag, inner.out_);
    return;
  }
  // Split the inner bytes back into elements and sort them (X.690 §11.6: as octet strings, the
  // shorter one padded with trailing zero octets).
  std::vector<ByteView> elements;
  for (std::size_t pos = 0; pos < inner.out_.size();) {
    detail::Header h;
    if (detail::read_header(inner.out_, pos, inner.out_.size(), h)) {
      fail("SET contents are not a sequence of DER elements");
      return;
    }
    elements.push_back(ByteView(inner.out_).subspan(pos, h.header_size + h.length));
    pos += h.header_size + h.length;
  }
  std::sort(elements.begin(), elements.end(), [](ByteView a, ByteView b) {
    const std::size_t n = std::max(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint8_t x = i < a.size() ? a[i] : 0;
      const std::uint8_t y = i < b.size() ? b[i] : 0;
      if (x != y) return x < y;
    }
    return false;
  });
  header(tag, inner.out_.size());
  for (ByteView e : elements) out_.insert(out_.end(), e.begin(), e.end());
}

void DerWriter::unsigned_integer(ByteView magnitude) {
  std::size_t skip = 0;
  while (skip < magnitude.size() && magnitude[skip] == 0) ++skip;
  const ByteView m = magnitude.subspan(skip);
  Bytes c;
  // §8.3.2: a 0x00 first when the top bit is set, so the value reads as positive; zero is 00.
  if (m.empty() || (m[0] & 0x80) != 0) c.push_back(0x00);
  c.insert(c.end(), m.begin(), m.end());
  primitive(tags::integer, c);
}

namespace {
Bytes twos_complement(std::int64_t v) {
  Bytes b(8);
  const auto u = static_cast<std::uint64_t>(v);
  for (std::size_t i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(u >> (56 - 8 * i));
  // §8.3.2: drop leading octets while the first nine bits are all zeros or all ones.
  std::size_t skip = 0;
  while (skip < 7 && ((b[skip] == 0x00 && (b[skip + 1] & 0x80) == 0) ||
                      (b[skip] == 0xff && (b[skip + 1] & 0x80) != 0)))
    ++skip;
  b.erase(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(skip));
  return b;
}
}  // namespace

void DerWriter::integer(std::int64_t v) {
  primitive(tags::integer, twos_complement(v));
}
void DerWriter::enumerated(std::int64_t v) {
  primitive(tags::enumerated, twos_complement(v));
}

void DerWriter::boolean(bool v) {
  const std::uint8_t c = v ? 0xff : 0x00;  // X.690 §11.1
  primitive(tags::boolean, ByteView(&c, 1));
}

void DerWriter::null() {
  primitive(tags::null, {});
}

void DerWriter::oid(const Oid& o) {
  if (o.empty()) fail("cannot encode an empty OBJECT IDENTIFIER");
  primitive(tags::oid, o.der_contents());
}

void DerWriter::bit_string(ByteView bytes, std::uint8_t unused_bits) {
  if (unused_bits > 7 || (bytes.empty() && unused_bits != 0)) {
    fail("BIT STRING unused-bit count must be 0..7, and 0 when empty (X.690 §8.6.2)");
  } else if (unused_bits != 0 && (bytes.back() & ((1u << unused_bits) - 1)) != 0) {
    fail("BIT STRING unused bits must be zero (X.690 §11.2.1)");
  }
  Bytes c;
  c.reserve(bytes.size() + 1);
  c.push_back(unused_bits);
  c.insert(c.end(), bytes.begin(), bytes.end());
  primitive(tags::bit_string, c);
}

void DerWriter::octet_string(ByteView bytes) {
  primitive(tags::octet_string, bytes);
}

void DerWriter::string(Tag type, std::string_view utf8) {
  std::u32string cps;
  if (!is_string_type(type)) {
    fail(type.to_string() + " is not a character string type");
    return;
  }
  if (detail::utf8_to_code_points(utf8, cps)) {
    fail("string to encode is not valid UTF-8");
    return;
  }
  Bytes c;
  auto put = [&](char32_t cp, int octets) {
    for (int i = octets - 1; i >= 0; --i) c.push_back(static_cast<std::uint8_t>(cp >> (8 * i)));
  };
  for (char32_t cp : cps) {
    switch (type.number) {
      case 12:
        break;  // UTF8String: the input bytes as they are
      case 20:  // T61String as Latin-1
        if (cp > 0xff)
          return fail("character above U+00FF cannot be written as T61String (Latin-1)");
        put(cp, 1);
        break;
      case 30:
        if (cp > 0xffff) return fail("character above U+FFFF cannot be written as BMPString");
        put(cp, 2);
        break;
      case 28:
        put(cp, 4);
        break;
      default:  // the ASCII subsets; the alphabet itself is checked below
        if (cp > 0x7f) return fail(type.to_string() + " cannot hold non-ASCII characters");
        put(cp, 1);
    }
  }
  if (type.number == 12) c.assign(utf8.begin(), utf8.end());
  std::string check;
  if (auto p = detail::decode_string(type, c, check)) return fail(p->reason);
  primitive(type, c);
}

void DerWriter::utc_time(WallTime t) {
  auto s = detail::encode_time(tags::utc_time, t);
  if (!s) return fail("UTCTime can only hold the years 1950..2049 (RFC 5280 §4.1.2.5.1)");
  primitive(tags::utc_time, as_bytes(*s));
}

void DerWriter::generalized_time(WallTime t) {
  auto s = detail::encode_time(tags::generalized_time, t);
  if (!s) return fail("GeneralizedTime can only hold the years 0000..9999");
  primitive(tags::generalized_time, as_bytes(*s));
}

void DerWriter::time(WallTime t) {
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 (and, since UTCTime
  // cannot express them, before 1950).
  if (detail::encode_time(tags::utc_time, t)) {
    utc_time(t);
  } else {
    generalized_time(t);
  }
}

}  // namespace glasstls::asn1
