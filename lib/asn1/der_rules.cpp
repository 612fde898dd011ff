// X.690 header and primitive-contents rules (see der_rules.hpp).
#include "asn1/der_rules.hpp"

namespace glasstls::asn1::detail {

namespace {
Problem whole(std::string reason) {
  return Problem{whole_element, std::move(reason)};
}
}  // namespace

std::optional<Problem> read_header(ByteView input, std::size_t pos, std::size_t end, Header& out) {
  std::size_t p = pos;
  if (p >= end) return whole("element expected but the enclosing value has no bytes left");

  // Identifier octets, X.690 §8.1.2.
  const std::uint8_t first = input[p++];
  Tag tag;
  tag.cls = static_cast<TagClass>(first >> 6);
  tag.constructed = (first & 0x20) != 0;
  tag.number = first & 0x1fu;
  if (tag.number == 0x1f) {
    // §8.1.2.4: high tag number form, base 128, bit 8 set on all but the last octet.
    std::uint32_t number = 0;
    bool first_sub = true;
    for (;;) {
      if (p >= end) return whole("tag number is cut off by the end of the data");
      const std::uint8_t b = input[p++];
      // §8.1.2.4.2 c): the first subsequent octet's bits 7..1 shall not all be zero.
      if (first_sub && b == 0x80)
        return whole("tag number has a leading 0x80 octet (X.690 §8.1.2.4.2)");
      first_sub = false;
      if (number > (0xffffffffu >> 7)) return whole("tag number is too large");
      number = (number << 7) | (b & 0x7fu);
      if ((b & 0x80) == 0) break;
    }
    // §8.1.2.4 applies only to tag numbers 31 and above; lower numbers use the one-octet form.
    if (number < 31)
      return whole("tag number below 31 uses the high-tag-number form (X.690 §8.1.2.2)");
    tag.number = number;
  }
  if (tag.cls == TagClass::universal) {
    if (tag.number == 0)
      return whole("universal tag 0 (end-of-contents) is not allowed in DER (X.690 §10.1)");
    // §8.9.1 / §8.11.1: SEQUENCE and SET are always constructed. §10.2: DER encodes BIT STRING,
    // OCTET STRING and the character strings primitive; the other universal types are primitive
    // by definition, except EXTERNAL (8), EMBEDDED PDV (11) and CHARACTER STRING (29).
    const bool must_construct = tag.number == 16 || tag.number == 17;
    if (must_construct && !tag.constructed)
      return whole(tag.to_string() + " must use the constructed form (X.690 §8.9.1, §8.11.1)");
    if (!must_construct && tag.constructed && tag.number != 8 && tag.number != 11 &&
        tag.number != 29)
      return whole("universal type " + Tag::universal(tag.number).to_string() +
                   " must use the primitive form (X.690 §10.2)");
  }

  // Length octets, X.690 §8.1.3 and the DER restriction §10.1.
  if (p >= end) return whole("length is cut off by the end of the data");
  const std::uint8_t l0 = input[p++];
  std::size_t length = 0;
  if (l0 < 0x80) {
    length = l0;  // §8.1.3.4 short form
  } else if (l0 == 0x80) {
    return whole("indefinite length (0x80) is not allowed in DER (X.690 §10.1)");
  } else if (l0 == 0xff) {
    return whole("length octet 0xFF is reserved (X.690 §8.1.3.5 c)");
  } else {
    const std::size_t n = l0 & 0x7fu;
    if (n > sizeof(std::size_t))
      return whole("length field of " + std::to_string(n) + " octets is too large");
    if (end - p < n) return whole("length is cut off by the end of the data");
    if (input[p] == 0)
      return whole("length has a leading zero octet (X.690 §10.1: minimum number of octets)");
    for (std::size_t i = 0; i < n; ++i) length = (length << 8) | input[p++];
    if (length < 0x80) return whole("length uses long form for a value below 128 (X.690 §10.1)");
  }
  if (end - p < length)
    return whole("length " + std::to_string(length) +
                 " runs past the end of the enclosing value (" + std::to_string(end - p) +
                 " bytes left)");
  out.tag = tag;
  out.header_size = p - pos;
  out.length = length;
  return std::nullopt;
}

std::optional<Problem> check_boolean(ByteView c) {
  if (c.size() != 1) return whole("BOOLEAN must have exactly one contents octet (X.690 §8.2.1)");
  if (c[0] != 0x00 && c[0] != 0xff)
    return Problem{0, "BOOLEAN must be 0x00 or 0xFF in DER (X.690 §11.1)"};
  return std::nullopt;
}

std::optional<Problem> check_integer(ByteView c) {
  if (c.empty()) return whole("INTEGER has no contents octets (X.690 §8.3.1)");
  // §8.3.2: the first nine bits shall not be all ones nor all zeros.
  if (c.size() > 1 && c[0] == 0x00 && (c[1] & 0x80) == 0)
    return Problem{0, "INTEGER has an unnecessary leading 0x00 octet (X.690 §8.3.2)"};
  if (c.size() > 1 && c[0] == 0xff && (c[1] & 0x80) != 0)
    return Problem{0, "INTEGER has an unnecessary leading 0xFF octet (X.690 §8.3.2)"};
  return std::nullopt;
}

std::optional<Problem> check_null(ByteView c) {
  if (!c.empty()) return whole("NULL must have no contents octets (X.690 §8.8.2)");
  return std::nullopt;
}

std::optional<Problem> check_bit_string(ByteView c) {
  if (c.empty()) return whole("BIT STRING has no initial octet (X.690 §8.6.2)");
  const std::uint8_t unused = c[0];
  if (unused > 7) return Problem{0, "BIT STRING unused-bit count above 7 (X.690 §8.6.2.2)"};
  if (c.size() == 1 && unused != 0)
    return Problem{0, "empty BIT STRING must have unused-bit count 0 (X.690 §8.6.2.3)"};
  if (unused != 0) {
    const std::uint8_t mask = static_cast<std::uint8_t>((1u << unused) - 1);
    if ((c[c.size() - 1] & mask) != 0)
      return Problem{c.size() - 1, "BIT STRING unused bits must be zero in DER (X.690 §11.2.1)"};
  }
  return std::nullopt;
}

std::optional<Problem> check_oid(ByteView c) {
  if (c.empty()) return whole("OBJECT IDENTIFIER has no contents octets (X.690 §8.19.2)");
  bool start = true;
  for (std::size_t i = 0; i < c.size(); ++i) {
    // §8.19.2: each subidentifier as few octets as possible: its leading octet is never 0x80.
    if (start && c[i] == 0x80)
      return Problem{i, "OBJECT IDENTIFIER subidentifier has a leading 0x80 octet (X.690 §8.19.2)"};
    start = (c[i] & 0x80) == 0;
  }
  if (!start)
    return Problem{c.size() - 1, "OBJECT IDENTIFIER ends inside a subidentifier (X.690 §8.19.2)"};
  return std::nullopt;
}

std::optional<Problem> check_universal_contents(Tag tag, ByteView contents) {
  if (tag.cls != TagClass::universal || tag.constructed) return std::nullopt;
  switch (tag.number) {
    case 1:
      return check_boolean(contents);
    case 2:
    case 10:
      return check_integer(contents);  // ENUMERATED: X.690 §8.4
    case 3:
      return check_bit_string(contents);
    case 5:
      return check_null(contents);
    case 6:
      return check_oid(contents);
    case 23:
    case 24: {
      WallTime t;
      return decode_time(tag, contents, t);
    }
    default:
      if (is_string_type(tag)) {
        std::string s;
        return decode_string(tag, contents, s);
      }
      return std::nullopt;
  }
}

}  // namespace glasstls::asn1::detail
