// Character string types: checking each type's alphabet and converting to UTF-8.
// Alphabets: ITU-T X.680 §41 (Table 8 and §41.4 for PrintableString); UTF-8: RFC 3629.
#include "asn1/der_rules.hpp"

namespace glasstls::asn1::detail {

namespace {

// X.680 §41.4, Table 10: the PrintableString characters.
bool is_printable_char(std::uint8_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case ' ':
    case '\'':
    case '(':
    case ')':
    case '+':
    case ',':
    case '-':
    case '.':
    case '/':
    case ':':
    case '=':
    case '?':
      return true;
    default:
      return false;
  }
}

bool is_surrogate(char32_t cp) {
  return cp >= 0xd800 && cp <= 0xdfff;
}

std::string char_error(std::string_view type, std::size_t i, std::uint8_t c) {
  static const char* hex = "0123456789ABCDEF";
  std::string r = std::string(type) + " contains a character not in its alphabet (byte 0x";
  r += hex[c >> 4];
  r += hex[c & 15];
  r += " at index " + std::to_string(i) + ")";
  return r;
}

// One-byte alphabets: checks every byte with `allowed` and copies it (all are ASCII subsets).
template <class Pred>
std::optional<Problem> ascii_subset(std::string_view type, ByteView c, std::string& out,
                                    Pred allowed) {
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (!allowed(c[i])) return Problem{i, char_error(type, i, c[i])};
    out.push_back(static_cast<char>(c[i]));
  }
  return std::nullopt;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  auto put = [&](unsigned v) { out.push_back(static_cast<char>(v)); };
  if (cp < 0x80) {
    put(static_cast<unsigned>(cp));
  } else if (cp < 0x800) {
    put(0xc0 | static_cast<unsigned>(cp >> 6));
    put(0x80 | static_cast<unsigned>(cp & 0x3f));
  } else if (cp < 0x10000) {
    put(0xe0 | static_cast<unsigned>(cp >> 12));
    put(0x80 | static_cast<unsigned>((cp >> 6) & 0x3f));
    put(0x80 | static_cast<unsigned>(cp & 0x3f));
  } else {
    put(0xf0 | static_cast<unsigned>(cp >> 18));
    put(0x80 | static_cast<unsigned>((cp >> 12) & 0x3f));
    put(0x80 | static_cast<unsigned>((cp >> 6) & 0x3f));
    put(0x80 | static_cast<unsigned>(cp & 0x3f));
  }
}

std::optional<std::size_t> utf8_to_code_points(std::string_view s, std::u32string& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<std::uint8_t>(s[i]);
    // RFC 3629 §3: the lead byte gives the sequence length and the first bits.
    std::size_t n = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (b0 < 0x80) {
      n = 1;
      cp = b0;
    } else if ((b0 & 0xe0) == 0xc0) {
      n = 2;
      cp = b0 & 0x1fu;
      min = 0x80;
    } else if ((b0 & 0xf0) == 0xe0) {
      n = 3;
      cp = b0 & 0x0fu;
      min = 0x800;
    } else if ((b0 & 0xf8) == 0xf0) {
      n = 4;
      cp = b0 & 0x07u;
      min = 0x10000;
    } else
      return i;
    if (s.size() - i < n) return i;
    for (std::size_t k = 1; k < n; ++k) {
      const auto b = static_cast<std::uint8_t>(s[i + k]);
      if ((b & 0xc0) != 0x80) return i + k;
      cp = (cp << 6) | (b & 0x3fu);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8 (RFC 3629 §3).
    if (cp < min || is_surrogate(cp) || cp > 0x10ffff) return i;
    out.push_back(cp);
    i += n;
  }
  return std::nullopt;
}

std::optional<Problem> decode_string(Tag type, ByteView c, std::string& out) {
  out.clear();
  switch (type.number) {
    case 12: {  // UTF8String
      const std::string_view s(reinterpret_cast<const char*>(c.data()), c.size());
      std::u32string cps;
      if (auto bad = utf8_to_code_points(s, cps))
        return Problem{
            *bad, "UTF8String is not valid UTF-8 (RFC 3629 §3) at index " + std::to_string(*bad)};
      out.assign(s);
      return std::nullopt;
    }
    case 18:  // NumericString: digits and space (X.680 §41.2, Table 9)
      return ascii_subset("NumericString", c, out,
                          [](std::uint8_t b) { return (b >= '0' && b <= '9') || b == ' '; });
    case 19:
      return ascii_subset("PrintableString", c, out, is_printable_char);
    case 22:  // IA5String: the 128 characters of International Alphabet No. 5 (ASCII)
      return ascii_subset("IA5String", c, out, [](std::uint8_t b) { return b < 0x80; });
    case 26:  // VisibleString: the printing ASCII characters and space
      return ascii_subset("VisibleString", c, out,
                          [](std::uint8_t b) { return b >= 0x20 && b < 0x7f; });
    case 20:  // T61String (TeletexString): taken as Latin-1, as every certificate library does
      for (std::uint8_t b : c) append_utf8(out, b);
      return std::nullopt;
    case 30: {  // BMPString: UCS-2, two octets per character, big-endian
      if (c.size() % 2 != 0)
        return Problem{whole_element, "BMPString length is not a multiple of 2"};
      for (std::size_t i = 0; i < c.size(); i += 2) {
        const char32_t cp = static_cast<char32_t>((c[i] << 8) | c[i + 1]);
        if (is_surrogate(cp))
          return Problem{i, "BMPString contains a UTF-16 surrogate (not UCS-2)"};
        append_utf8(out, cp);
      }
      return std::nullopt;
    }
    case 28: {  // UniversalString: UCS-4, four octets per character, big-endian
      if (c.size() % 4 != 0)
        return Problem{whole_element, "UniversalString length is not a multiple of 4"};
      for (std::size_t i = 0; i < c.size(); i += 4) {
        const char32_t cp = (char32_t{c[i]} << 24) | (char32_t{c[i + 1]} << 16) |
                            (char32_t{c[i + 2]} << 8) | char32_t{c[i + 3]};
        if (cp > 0x10ffff || is_surrogate(cp))
          return Problem{i, "UniversalString contains a value that is not a Unicode scalar value"};
        append_utf8(out, cp);
      }
      return std::nullopt;
    }
    default:
      return Problem{whole_element, type.to_string() + " is not a character string type"};
  }
}

}  // namespace glasstls::asn1::detail
