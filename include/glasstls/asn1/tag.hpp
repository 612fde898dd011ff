// ASN.1 tags as DER encodes them (ITU-T X.690 §8.1.2): a class, a primitive/constructed bit and a
// tag number. Every typed read and write in the DER reader and writer names the tag it expects.
#pragma once

#include <cstdint>
#include <string>

namespace glasstls::asn1 {

/// X.690 §8.1.2.2, Table 1: bits 8 and 7 of the identifier octet.
enum class TagClass : std::uint8_t { universal = 0, application = 1, context = 2, private_use = 3 };

struct Tag {
  TagClass cls = TagClass::universal;
  bool constructed = false;
  std::uint32_t number = 0;

  static constexpr Tag universal(std::uint32_t n, bool is_constructed = false) {
    return Tag{TagClass::universal, is_constructed, n};
  }
  /// A context-specific tag, written [n] in ASN.1.
  static constexpr Tag context(std::uint32_t n, bool is_constructed) {
    return Tag{TagClass::context, is_constructed, n};
  }

  friend constexpr bool operator==(const Tag&, const Tag&) = default;

  /// "SEQUENCE", "INTEGER", "[0] constructed", "[APPLICATION 3] primitive", ...
  std::string to_string() const;
};

/// Universal tag numbers (X.680 §8.6, Table 1) with the form DER requires for each.
namespace tags {
inline constexpr Tag boolean = Tag::universal(1);
inline constexpr Tag integer = Tag::universal(2);
inline constexpr Tag bit_string = Tag::universal(3);
inline constexpr Tag octet_string = Tag::universal(4);
inline constexpr Tag null = Tag::universal(5);
inline constexpr Tag oid = Tag::universal(6);
inline constexpr Tag enumerated = Tag::universal(10);
inline constexpr Tag utf8_string = Tag::universal(12);
inline constexpr Tag sequence = Tag::universal(16, true);
inline constexpr Tag set = Tag::universal(17, true);
inline constexpr Tag numeric_string = Tag::universal(18);
inline constexpr Tag printable_string = Tag::universal(19);
inline constexpr Tag t61_string = Tag::universal(20);  // TeletexString
inline constexpr Tag ia5_string = Tag::universal(22);
inline constexpr Tag utc_time = Tag::universal(23);
inline constexpr Tag generalized_time = Tag::universal(24);
inline constexpr Tag visible_string = Tag::universal(26);
inline constexpr Tag universal_string = Tag::universal(28);
inline constexpr Tag bmp_string = Tag::universal(30);
}  // namespace tags

/// True for the universal string types the reader converts to UTF-8.
constexpr bool is_string_type(const Tag& t) {
  if (t.cls != TagClass::universal || t.constructed) return false;
  switch (t.number) {
    case 12:
    case 18:
    case 19:
    case 20:
    case 22:
    case 26:
    case 28:
    case 30:
      return true;
    default:
      return false;
  }
}

}  // namespace glasstls::asn1
