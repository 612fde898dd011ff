// Distinguished names: reading (RFC 5280 §4.1.2.4), the RFC 4514 string form (the examples of
// RFC 4514 §4 and the escapes of §2.4), and RFC 5280 §7.1 comparison.
#include <gtest/gtest.h>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/name.hpp"
#include "x509/parse/der_builders.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
namespace tags = asn1::tags;
using test::Atv;
using test::name_der;

constexpr asn1::Oid kUid = oids::userId;
constexpr asn1::Oid kDc = oids::id_domainComponent;
constexpr asn1::Oid kCn = oids::id_at_commonName;
constexpr asn1::Oid kOu = oids::id_at_organizationalUnitName;
constexpr asn1::Oid kO = oids::id_at_organizationName;
constexpr asn1::Oid kC = oids::id_at_countryName;

Name parse(const Bytes& der) {
  asn1::Der d(der);
  auto r = d.root();
  Name n = read_name(r, "name");
  r.finish();
  EXPECT_TRUE(d.ok()) << d.error().to_string();
  return n;
}

asn1::DerError parse_error(const Bytes& der) {
  asn1::Der d(der);
  auto r = d.root();
  (void)read_name(r, "name");
  r.finish();
  EXPECT_FALSE(d.ok());
  return d.ok() ? asn1::DerError{} : d.error();
}

// RFC 4514 §4: "UID=jsmith,DC=example,DC=net". The string form lists RDNs last-first.
TEST(NameToString, Rfc4514Example1) {
  const Name n = parse(name_der({{{kDc, tags::ia5_string, "net"}},
                                 {{kDc, tags::ia5_string, "example"}},
                                 {{kUid, tags::utf8_string, "jsmith"}}}));
  EXPECT_EQ(n.to_string(), "UID=jsmith,DC=example,DC=net");
  EXPECT_EQ(n.rdns.size(), 3u);
  EXPECT_EQ(n.first(kDc), "net");
}

// RFC 4514 §4: "OU=Sales+CN=J.  Smith,DC=example,DC=net" — a multi-valued RDN. DER sorts the SET
// by encoding: the shorter OU attribute comes first.
TEST(NameToString, Rfc4514Example2MultiValued) {
  const Name n =
      parse(name_der({{{kDc, tags::ia5_string, "net"}},
                      {{kDc, tags::ia5_string, "example"}},
                      {{kCn, tags::utf8_string, "J.  Smith"}, {kOu, tags::utf8_string, "Sales"}}}));
  ASSERT_EQ(n.rdns.back().size(), 2u);
  EXPECT_EQ(n.to_string(), "OU=Sales+CN=J.  Smith,DC=example,DC=net");
}

// RFC 4514 §4: "CN=James \"Jim\" Smith\, III,DC=example,DC=net".
TEST(NameToString, Rfc4514Example3Quotes) {
  const Name n = parse(name_der({{{kDc, tags::ia5_string, "net"}},
                                 {{kDc, tags::ia5_string, "example"}},
                                 {{kCn, tags::utf8_string, "James \"Jim\" Smith, III"}}}));
  EXPECT_EQ(n.to_string(), R"(CN=James \"Jim\" Smith\, III,DC=example,DC=net)");
}

// RFC 4514 §4: "CN=Before\0dAfter,DC=example,DC=net" — a carriage return (we print upper-case
// hex; §2.4 allows either case).
TEST(NameToString, Rfc4514Example4ControlCharacter) {
  const Name n = parse(name_der({{{kDc, tags::ia5_string, "net"}},
                                 {{kDc, tags::ia5_string, "example"}},
                                 {{kCn, tags::utf8_string, "Before\rAfter"}}}));
  EXPECT_EQ(n.to_string(), R"(CN=Before\0DAfter,DC=example,DC=net)");
}

// RFC 4514 §4: "1.3.6.1.4.1.1466.0=#04024869" — an OCTET STRING value, printed as '#' + hex of
// its whole encoding; the type has no short name, so it is printed dotted.
TEST(NameToString, Rfc4514Example5NonStringValue) {
  const auto type = asn1::Oid::from_arcs({1, 3, 6, 1, 4, 1, 1466, 0});
  const Name n = parse(name_der({{{type, tags::octet_string, "Hi"}}}));
  EXPECT_EQ(n.to_string(), "1.3.6.1.4.1.1466.0=#04024869");
  EXPECT_EQ(n.rdns[0][0].utf8, "");
  EXPECT_EQ(n.rdns[0][0].raw, (Bytes{'H', 'i'}));
}

// RFC 4514 §4: "CN=Lu\C4\8Di\C4\87" — UTF-8 may be printed as is (§2.4 only requires escapes for
// the special characters), which is what glasstls does; here the value arrives as a BMPString.
TEST(NameToString, Rfc4514Example6BmpString) {
  const std::string bmp = {0, 'L', 0, 'u', 0x01, 0x0d, 0, 'i', 0x01, 0x07};  // U+010D, U+0107
  const Name n = parse(name_der({{{kCn, tags::bmp_string, bmp}}}));
  EXPECT_EQ(n.to_string(), "CN=Lu\xC4\x8Di\xC4\x87");
  EXPECT_EQ(n.rdns[0][0].value_tag, tags::bmp_string);
  EXPECT_EQ(n.rdns[0][0].raw.size(), 10u);
}

// T61String is read as Latin-1 (what every certificate library does with it).
TEST(NameToString, T61StringAsLatin1) {
  const Name n = parse(name_der({{{kO, tags::t61_string, "Caf\xE9"}}}));
  EXPECT_EQ(n.to_string(), "O=Caf\xC3\xA9");
}

// RFC 4514 §2.4: ',' '+' '"' '\' '<' '>' ';' anywhere, ' ' or '#' first, ' ' last.
TEST(NameToString, EscapesEverySpecialCharacter) {
  const Name n = parse(name_der({{{kCn, tags::utf8_string, "a,b+c\"d\\e<f>g;h"}}}));
  EXPECT_EQ(n.to_string(), R"(CN=a\,b\+c\"d\\e\<f\>g\;h)");
  EXPECT_EQ(parse(name_der({{{kCn, tags::utf8_string, " lead"}}})).to_string(), R"(CN=\ lead)");
  EXPECT_EQ(parse(name_der({{{kCn, tags::utf8_string, "#hash"}}})).to_string(), R"(CN=\#hash)");
  EXPECT_EQ(parse(name_der({{{kCn, tags::utf8_string, "trail "}}})).to_string(), R"(CN=trail\ )");
  // A '#' or space inside is not special.
  EXPECT_EQ(parse(name_der({{{kCn, tags::utf8_string, "a #b"}}})).to_string(), "CN=a #b");
  // '=' needs no escape in a value.
  EXPECT_EQ(parse(name_der({{{kCn, tags::utf8_string, "a=b"}}})).to_string(), "CN=a=b");
}

TEST(NameToString, ControlCharactersAndNulAreHexEscaped) {
  const std::string value(
      "a\0b\x1f\x7f"
      "c\xC2\x85",
      8);  // NUL, US, DEL, NEL (a C1 control)
  const Name n = parse(name_der({{{kCn, tags::utf8_string, value}}}));
  EXPECT_EQ(n.to_string(), R"(CN=a\00b\1F\7Fc\C2\85)");
}

// Invalid UTF-8 cannot come out of the reader (it rejects it in UTF8String), but a Name built by
// hand can hold any bytes: they print as \XX.
TEST(NameToString, InvalidUtf8IsHexEscaped) {
  Name n;
  n.rdns.push_back({Attribute{kCn, tags::utf8_string, {}, std::string("ok\xFF\xC3", 4)}});
  EXPECT_EQ(n.to_string(), R"(CN=ok\FF\C3)");
}

TEST(NameToString, UnknownTypeIsDotted) {
  const auto type = asn1::Oid::from_arcs({1, 2, 3, 4});
  const Name n = parse(
      name_der({{{type, tags::printable_string, "x"}}, {{kC, tags::printable_string, "FR"}}}));
  EXPECT_EQ(n.to_string(), "C=FR,1.2.3.4=x");
}

TEST(NameRead, KeepsTheWholeEncodingAndEmptyName) {
  const Bytes der = name_der({{{kCn, tags::utf8_string, "x"}}});
  EXPECT_EQ(parse(der).der, der);
  const Name empty = parse(name_der({}));
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.to_string(), "");
  EXPECT_EQ(empty.first(kCn), "");
}

// RFC 5280 §4.1.2.4: RelativeDistinguishedName ::= SET SIZE (1..MAX).
TEST(NameRead, EmptyRdnIsAnError) {
  const Bytes der = test::hex_bytes(
      "3002"
      "3100");
  const asn1::DerError e = parse_error(der);
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(e.path, "name.rdn[0]");
  EXPECT_NE(e.reason.find("SIZE (1..MAX)"), std::string::npos) << e.reason;
}

TEST(NameRead, BadStringIsAnError) {
  // A PrintableString with '@' (not in its alphabet, X.680 §41.4).
  const Bytes der = name_der({{{kCn, tags::printable_string, "a@b"}}});
  const asn1::DerError e = parse_error(der);
  EXPECT_EQ(e.path, "name.rdn[0].attribute[0].value");
  EXPECT_EQ(e.offset, der.size() - 2);  // the '@'
}

TEST(NameRead, AttributeWithoutValueIsAnError) {
  // SEQUENCE { SET { SEQUENCE { OID 2.5.4.3 } } }
  const Bytes der = test::hex_bytes(
      "3009"
      "3107"
      "3005"
      "0603550403");
  const asn1::DerError e = parse_error(der);
  EXPECT_EQ(e.path, "name.rdn[0].attribute[0].value");
  EXPECT_EQ(e.offset, 11u);  // the end of the attribute, where the value should start
}

// ---- RFC 5280 §7.1 ------------------------------------------------------------------------------

Name cn(asn1::Tag tag, const std::string& v) {
  return parse(name_der({{{kC, tags::printable_string, "FR"}}, {{kCn, tag, v}}}));
}

TEST(NamesMatch, CaseAndSpacesFoldForPrintableAndUtf8) {
  EXPECT_TRUE(
      names_match(cn(tags::utf8_string, "Example CA"), cn(tags::utf8_string, "Example CA")));
  EXPECT_TRUE(
      names_match(cn(tags::utf8_string, "Example CA"), cn(tags::utf8_string, "eXAMPLE ca")));
  EXPECT_TRUE(
      names_match(cn(tags::utf8_string, "  Example   CA "), cn(tags::utf8_string, "example ca")));
  // PrintableString and UTF8String values compare as prepared strings.
  EXPECT_TRUE(
      names_match(cn(tags::printable_string, "Example CA"), cn(tags::utf8_string, "EXAMPLE CA")));
  EXPECT_FALSE(
      names_match(cn(tags::utf8_string, "Example CA"), cn(tags::utf8_string, "ExampleCA")));
  EXPECT_FALSE(
      names_match(cn(tags::utf8_string, "Example CA"), cn(tags::utf8_string, "Example CB")));
}

TEST(NamesMatch, OtherTypesCompareByteForByte) {
  EXPECT_TRUE(names_match(cn(tags::ia5_string, "Example"), cn(tags::ia5_string, "Example")));
  EXPECT_FALSE(names_match(cn(tags::ia5_string, "Example"), cn(tags::ia5_string, "example")));
  EXPECT_FALSE(names_match(cn(tags::ia5_string, "Example"), cn(tags::utf8_string, "Example")));
  EXPECT_FALSE(names_match(cn(tags::bmp_string, std::string("\0A", 2)),
                           cn(tags::bmp_string, std::string("\0a", 2))));
}

TEST(NamesMatch, StructureMustBeTheSame) {
  const Name a =
      parse(name_der({{{kC, tags::printable_string, "FR"}}, {{kCn, tags::utf8_string, "x"}}}));
  const Name reordered =
      parse(name_der({{{kCn, tags::utf8_string, "x"}}, {{kC, tags::printable_string, "FR"}}}));
  const Name shorter = parse(name_der({{{kCn, tags::utf8_string, "x"}}}));
  const Name merged =
      parse(name_der({{{kC, tags::printable_string, "FR"}, {kCn, tags::utf8_string, "x"}}}));
  const Name other_type =
      parse(name_der({{{kC, tags::printable_string, "FR"}}, {{kO, tags::utf8_string, "x"}}}));
  EXPECT_TRUE(names_match(a, a));
  EXPECT_FALSE(names_match(a, reordered));
  EXPECT_FALSE(names_match(a, shorter));
  EXPECT_FALSE(names_match(a, merged));
  EXPECT_FALSE(names_match(a, other_type));
  EXPECT_TRUE(names_match(parse(name_der({})), parse(name_der({}))));
  EXPECT_FALSE(names_match(a, parse(name_der({}))));
}

// An RDN is a SET: the order of its members does not matter.
TEST(NamesMatch, MultiValuedRdnIgnoresMemberOrder) {
  Name a = parse(name_der({{{kCn, tags::utf8_string, "x"}, {kOu, tags::utf8_string, "y"}}}));
  Name b = a;
  std::swap(b.rdns[0][0], b.rdns[0][1]);
  b.der.clear();
  EXPECT_TRUE(names_match(a, b));
}

// A value cannot imitate the structure around it.
TEST(NamesMatch, NoConfusionThroughSeparators) {
  const Name a = parse(name_der({{{kCn, tags::utf8_string, "a}1{b"}}}));
  const Name b =
      parse(name_der({{{kCn, tags::utf8_string, "a"}}, {{kCn, tags::utf8_string, "b"}}}));
  EXPECT_FALSE(names_match(a, b));
}

}  // namespace
}  // namespace glasstls::x509
