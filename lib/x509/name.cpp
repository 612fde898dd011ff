// Distinguished names: reading the RDNSequence (RFC 5280 §4.1.2.4), printing it in the string
// form of RFC 4514 §2, and comparing two names by the rule of RFC 5280 §7.1.
#include "glasstls/x509/name.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "asn1/der_rules.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "x509/name_internal.hpp"

namespace glasstls::x509 {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void append_hex_escape(std::string& out, std::uint8_t b) {
  out += '\\';
  out += kHex[b >> 4];
  out += kHex[b & 15];
}

// The identifier and length octets of a TLV (X.690 §8.1.2, §8.1.3), to rebuild the whole
// encoding of a non-string value from its tag and contents for the '#' form of RFC 4514 §2.4.
Bytes tlv(const asn1::Tag& tag, ByteView contents) {
  Bytes out;
  const auto cls = static_cast<std::uint8_t>(static_cast<std::uint8_t>(tag.cls) << 6);
  const std::uint8_t form = tag.constructed ? 0x20 : 0x00;
  if (tag.number < 31) {
    out.push_back(static_cast<std::uint8_t>(cls | form | tag.number));
  } else {  // §8.1.2.4: high tag number form, base 128, most significant group first
    out.push_back(static_cast<std::uint8_t>(cls | form | 0x1f));
    std::uint8_t groups[5] = {};
    std::size_t n = 0;
    for (std::uint32_t v = tag.number; v != 0 || n == 0; v >>= 7)
      groups[n++] = static_cast<std::uint8_t>(v & 0x7f);
    while (n > 1) out.push_back(static_cast<std::uint8_t>(groups[--n] | 0x80));
    out.push_back(groups[0]);
  }
  const std::size_t len = contents.size();
  if (len < 0x80) {
    out.push_back(static_cast<std::uint8_t>(len));
  } else {  // §8.1.3.5: long form, minimal number of length octets
    std::uint8_t bytes[sizeof(std::size_t)] = {};
    std::size_t n = 0;
    for (std::size_t v = len; v != 0; v >>= 8) bytes[n++] = static_cast<std::uint8_t>(v & 0xff);
    out.push_back(static_cast<std::uint8_t>(0x80 | n));
    while (n > 0) out.push_back(bytes[--n]);
  }
  out.insert(out.end(), contents.begin(), contents.end());
  return out;
}

// Length of the valid UTF-8 sequence starting at s[i] (RFC 3629 §3), or 0 if it is not one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  std::u32string ignored;
  for (std::size_t n = 1; n <= 4 && i + n <= s.size(); ++n) {
    ignored.clear();
    if (!asn1::detail::utf8_to_code_points(s.substr(i, n), ignored)) return n;
  }
  return 0;
}

// RFC 4514 §2.4: the characters escaped with a backslash wherever they appear.
bool is_special(char c) {
  switch (c) {
    case '"':
    case '+':
    case ',':
    case ';':
    case '<':
    case '>':
    case '\\':
      return true;
    default:
      return false;
  }
}

// RFC 4514 §2.4 value escaping. Control characters (C0, DEL and C1) and bytes that are not valid
// UTF-8 are written as \XX so that the result is printable and unambiguous.
std::string escape_value(std::string_view v) {
  std::string out;
  std::size_t i = 0;
  while (i < v.size()) {
    const auto b = static_cast<std::uint8_t>(v[i]);
    if (b < 0x80) {
      const char c = v[i];
      if (b < 0x20 || b == 0x7f) {
        append_hex_escape(out, b);  // includes NUL, which §2.4 requires as \00
      } else if (is_special(c) || (i == 0 && (c == ' ' || c == '#')) ||
                 (i + 1 == v.size() && c == ' ')) {
        out += '\\';
        out += c;
      } else {
        out += c;
      }
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(v, i);
    // U+0080..U+009F (C1 controls) are encoded C2 80..C2 9F.
    const bool c1 = n == 2 && b == 0xc2 && static_cast<std::uint8_t>(v[i + 1]) < 0xa0;
    if (n == 0) {
      append_hex_escape(out, b);
      ++i;
    } else if (c1) {
      append_hex_escape(out, b);
      append_hex_escape(out, static_cast<std::uint8_t>(v[i + 1]));
      i += 2;
    } else {
      out.append(v.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string attribute_type_string(const asn1::Oid& type) {
  const std::string_view short_name = asn1::attribute_short_name(type);
  if (!short_name.empty()) return std::string(short_name);
  return type.to_dotted();  // RFC 4514 §2.3: the dotted-decimal form otherwise
}

bool is_directory_string_folded(const asn1::Tag& t) {
  return t == asn1::tags::printable_string || t == asn1::tags::utf8_string;
}

}  // namespace

// ---- reading -----------------------------------------------------------------------------------

Rdn detail::read_rdn_members(asn1::DerReader& set) {
  Rdn rdn;
  for (std::size_t j = 0; set.ok() && !set.at_end(); ++j) {
    asn1::DerReader atv = set.sequence("attribute[" + std::to_string(j) + "]");
    Attribute a;
    a.type = atv.oid("type");
    // Look at the value once as a whole element (for its tag and bytes), and read it again as a
    // string when it is one; both reads record errors in the same Der.
    asn1::DerReader probe = atv;
    const asn1::Element value = probe.element("value");
    if (!atv.ok()) break;
    a.value_tag = value.tag;
    a.raw = to_bytes(value.contents);
    if (asn1::is_string_type(value.tag)) {
      a.utf8 = atv.string("value").utf8;
    } else {
      (void)atv.element("value");  // kept raw: printed as '#' + hex (RFC 4514 §2.4)
    }
    atv.finish();
    rdn.push_back(std::move(a));
  }
  set.finish();
  return rdn;
}

Name read_name(asn1::DerReader& reader, std::string_view field) {
  Name name;
  // Name ::= CHOICE { rdnSequence RDNSequence }; RDNSequence ::= SEQUENCE OF RDN.
  const asn1::Element whole = reader.element(asn1::tags::sequence, field);
  asn1::DerReader seq = reader.enter(whole, field);
  if (!seq.ok()) return name;
  name.der = to_bytes(whole.encoding);
  for (std::size_t i = 0; seq.ok() && !seq.at_end(); ++i) {
    const std::string rdn_name = "rdn[" + std::to_string(i) + "]";
    const std::size_t rdn_offset = seq.offset();
    asn1::DerReader set = seq.set(rdn_name);
    if (!set.ok()) break;
    // RFC 5280 §4.1.2.4: RelativeDistinguishedName ::= SET SIZE (1..MAX) OF ...
    if (set.at_end()) {
      seq.fail(rdn_offset, rdn_name,
               "an RDN must hold at least one attribute (RFC 5280 §4.1.2.4: SET SIZE (1..MAX))");
      break;
    }
    Rdn rdn = detail::read_rdn_members(set);
    if (!set.ok()) break;
    name.rdns.push_back(std::move(rdn));
  }
  seq.finish();
  return name;
}

// ---- printing ----------------------------------------------------------------------------------

std::string Name::to_string() const {
  std::string out;
  // RFC 4514 §2.1: the RDNs in reverse order of the RDNSequence, separated by ','.
  for (auto it = rdns.rbegin(); it != rdns.rend(); ++it) {
    if (it != rdns.rbegin()) out += ',';
    // §2.2: the members of a multi-valued RDN separated by '+'.
    for (std::size_t k = 0; k < it->size(); ++k) {
      const Attribute& a = (*it)[k];
      if (k != 0) out += '+';
      out += attribute_type_string(a.type);
      out += '=';
      if (asn1::is_string_type(a.value_tag)) {
        out += escape_value(a.utf8);
      } else {
        // §2.4: a value that is not a string is '#' followed by the hex of its BER encoding.
        out += '#';
        out += hex_encode(tlv(a.value_tag, a.raw));
      }
    }
  }
  return out;
}

std::string Name::first(const asn1::Oid& type) const {
  for (const Rdn& rdn : rdns)
    for (const Attribute& a : rdn)
      if (a.type == type) return a.utf8;
  return {};
}

// ---- comparing ---------------------------------------------------------------------------------

namespace detail {

std::string comparable_value(const Attribute& a) {
  std::string out;
  if (is_directory_string_folded(a.value_tag)) {
    // RFC 5280 §7.1 (RFC 4518 §2.6.1 insignificant space handling, §2.4 case folding limited
    // here to ASCII): drop leading and trailing spaces, collapse internal runs to one space.
    out += 'F';
    bool pending_space = false;
    for (char c : a.utf8) {
      if (c == ' ') {
        pending_space = true;
        continue;
      }
      if (pending_space && out.size() > 1) out += ' ';
      pending_space = false;
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
  }
  // Any other type: the tag and the exact contents octets.
  out += 'R';
  out += a.value_tag.to_string();
  out += ':';
  out += hex_encode(a.raw);
  return out;
}

std::string comparable_name(const Name& n) {
  std::string key;
  for (const Rdn& rdn : n.rdns) {
    std::vector<std::string> members;
    members.reserve(rdn.size());
    for (const Attribute& a : rdn) {
      std::string m = a.type.to_dotted();
      m += '=';
      m += comparable_value(a);
      members.push_back(std::move(m));
    }
    std::sort(members.begin(), members.end());
    // Length-prefixed, so no value can imitate a separator.
    key += std::to_string(members.size());
    key += '{';
    for (const std::string& m : members) {
      key += std::to_string(m.size());
      key += ':';
      key += m;
    }
    key += '}';
  }
  return key;
}

}  // namespace detail

bool names_match(const Name& a, const Name& b) {
  // Byte-identical encodings always match; otherwise compare RDN by RDN, attribute by attribute.
  if (a.der == b.der && !a.der.empty()) return true;
  return detail::comparable_name(a) == detail::comparable_name(b);
}

}  // namespace glasstls::x509
