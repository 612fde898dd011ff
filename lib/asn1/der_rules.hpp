// The X.690 DER rules as small functions, shared by the reader (der_reader.cpp), the generic
// walker (validate_der.cpp) and, for strings and times, the writer. Internal to lib/asn1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "glasstls/asn1/tag.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"

namespace glasstls::asn1::detail {

/// A broken rule. `at` is an index relative to whatever the function was given (see each one);
/// whole_element means "the element as a whole" and is reported at its tag byte.
struct Problem {
  std::size_t at;
  std::string reason;
};
inline constexpr std::size_t whole_element = static_cast<std::size_t>(-1);

/// A parsed identifier and length (X.690 §8.1.2, §8.1.3).
struct Header {
  Tag tag;
  std::size_t header_size = 0;  // identifier + length octets
  std::size_t length = 0;       // contents octets
};

/// Reads the header of the element starting at input[pos]; the element must end by input[end].
/// Problems are reported with `at` = whole_element (the element at pos).
std::optional<Problem> read_header(ByteView input, std::size_t pos, std::size_t end, Header& out);

// Contents checks. `at` in a Problem is an index into `contents`, or whole_element.
std::optional<Problem> check_boolean(ByteView contents);
std::optional<Problem> check_integer(ByteView contents);
std::optional<Problem> check_null(ByteView contents);
std::optional<Problem> check_bit_string(ByteView contents);
std::optional<Problem> check_oid(ByteView contents);

/// Checks a string type's contents and converts them to UTF-8 (der_strings.cpp).
std::optional<Problem> decode_string(Tag type, ByteView contents, std::string& utf8);

/// Decodes UTF-8 to code points, rejecting overlong forms, surrogates and values above
/// U+10FFFF (RFC 3629 §3). Returns the index of the first bad byte, or nothing if valid.
std::optional<std::size_t> utf8_to_code_points(std::string_view utf8, std::u32string& out);
void append_utf8(std::string& out, char32_t cp);

/// UTCTime (tags::utc_time) or GeneralizedTime contents to a time (der_time.cpp).
std::optional<Problem> decode_time(Tag type, ByteView contents, WallTime& out);
/// "YYMMDDHHMMSSZ" or "YYYYMMDDHHMMSSZ"; nothing if the year does not fit the form
/// (UTCTime: 1950..2049, GeneralizedTime: 0000..9999).
std::optional<std::string> encode_time(Tag type, WallTime t);

/// Contents check for any universal primitive type this module knows (others: nothing to say).
std::optional<Problem> check_universal_contents(Tag tag, ByteView contents);

}  // namespace glasstls::asn1::detail
