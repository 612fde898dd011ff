// The strict DER reader: known answers (X.690 examples, RFC 8017 DigestInfo), then one negative
// test per DER rule, each checking the reported offset and path.
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "support/test_support.hpp"

namespace glasstls::asn1 {
namespace {

using test::hex;
using namespace std::chrono;

// Runs `read` on `input` and returns the error it must produce.
DerError error_of(const Bytes& input, const std::function<void(Der&)>& read) {
  Der der(input);
  read(der);
  EXPECT_FALSE(der.ok()) << "input " << hex_encode(input) << " was accepted";
  return der.ok() ? DerError{} : der.error();
}

// Reads a single element of the given kind at the top level and returns the error.
DerError single_error(const Bytes& input, const std::function<void(DerReader&)>& read) {
  return error_of(input, [&](Der& der) {
    auto r = der.root();
    read(r);
    r.finish();
  });
}

WallTime at(int y, unsigned mo, unsigned d, unsigned h, unsigned mi, unsigned s) {
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

// ---- known answers
// ---------------------------------------------------------------------------------

TEST(DerReader, OidKnownAnswers) {
  // 1.2.840.113549 (the RSADSI arc): 06 06 2a 86 48 86 f7 0d (X.690 §8.19: 1*40+2 = 0x2a,
  // 840 = 0x86 0x48, 113549 = 0x86 0xf7 0x0d).
  Bytes in = hex("06 06 2a 86 48 86 f7 0d");
  Der der(in);
  auto r = der.root();
  EXPECT_EQ(r.oid("oid").to_dotted(), "1.2.840.113549");
  r.finish();
  EXPECT_TRUE(der.ok());

  // X.690 §8.19.5 example: {joint-iso-itu-t 100 3} is 06 03 81 34 03 (2*40+100 = 180).
  Bytes in2 = hex("06 03 81 34 03");
  Der der2(in2);
  EXPECT_EQ(der2.root().oid("oid").to_dotted(), "2.100.3");
  EXPECT_TRUE(der2.ok());
}

TEST(DerReader, DigestInfoFromRfc8017) {
  // RFC 8017 §9.2 Note 1: the DER DigestInfo prefix for SHA-256, followed by a 32-byte hash.
  Bytes in = hex("30 31 30 0d 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20");
  Bytes h(32, 0xab);
  in.insert(in.end(), h.begin(), h.end());
  Der der(in);
  auto info = der.sequence("digestInfo");
  auto alg = info.sequence("digestAlgorithm");
  EXPECT_EQ(alg.oid("algorithm"), oids::id_sha256);
  alg.null("parameters");
  alg.finish();
  auto digest = info.octet_string("digest");
  info.finish();
  ASSERT_TRUE(der.ok()) << der.error().to_string();
  EXPECT_EQ(Bytes(digest.begin(), digest.end()), h);
}

TEST(DerReader, IntegerKnownAnswers) {
  struct Case {
    const char* der;
    std::int64_t value;
  } cases[] = {
      {"02 01 00", 0},
      {"02 01 7f", 127},
      {"02 02 00 80", 128},
      {"02 02 01 00", 256},
      {"02 01 80", -128},
      {"02 02 ff 7f", -129},
      {"02 01 ff", -1},
      {"02 08 7f ff ff ff ff ff ff ff", std::numeric_limits<std::int64_t>::max()},
      {"02 08 80 00 00 00 00 00 00 00", std::numeric_limits<std::int64_t>::min()},
  };
  for (const auto& c : cases) {
    Bytes in = hex(c.der);
    Der der(in);
    EXPECT_EQ(der.root().small_integer("n"), c.value) << c.der;
    EXPECT_TRUE(der.ok()) << c.der;
  }
}

TEST(DerReader, UnsignedIntegerStripsTheSignByte) {
  Bytes in = hex("30 0a 02 02 00 80 02 01 00 02 01 05");
  Der der(in);
  auto s = der.sequence("s");
  EXPECT_EQ(hex_encode(s.unsigned_integer("a")), "80");
  EXPECT_EQ(hex_encode(s.unsigned_integer("zero")), "00");
  EXPECT_EQ(hex_encode(s.integer("c")), "05");
  s.finish();
  EXPECT_TRUE(der.ok());

  auto e = single_error(hex("02 01 ff"), [](DerReader& r) { (void)r.unsigned_integer("modulus"); });
  EXPECT_EQ(e.path, "modulus");
  EXPECT_NE(e.reason.find("negative"), std::string::npos);
}

TEST(DerReader, PrimitiveKnownAnswers) {
  // X.690 §8.6.4.2 example: '0A3B5F291CD'H (44 bits) is 03 07 04 0A 3B 5F 29 1C D0.
  Bytes in = hex("30 14 01 01 ff 01 01 00 05 00 03 07 04 0a 3b 5f 29 1c d0 0a 01 02");
  Der der(in);
  auto s = der.sequence("s");
  EXPECT_TRUE(s.boolean("t"));
  EXPECT_FALSE(s.boolean("f"));
  s.null("n");
  auto bits = s.bit_string("bits");
  EXPECT_EQ(bits.unused_bits, 4);
  EXPECT_EQ(bits.bit_length(), 44u);
  EXPECT_EQ(hex_encode(bits.bytes), "0a3b5f291cd0");
  EXPECT_FALSE(bits.bit(0));
  EXPECT_TRUE(bits.bit(4));
  EXPECT_EQ(s.enumerated("e"), 2);
  s.finish();
  EXPECT_TRUE(der.ok()) << der.error().to_string();
}

TEST(DerReader, StringsConvertToUtf8) {
  Bytes in =
      hex("30 26"
          "0c 02 c3 a9"        // UTF8String "é"
          "13 02 41 3f"        // PrintableString "A?"
          "16 03 61 40 62"     // IA5String "a@b"
          "12 03 31 20 32"     // NumericString "1 2"
          "1a 01 7e"           // VisibleString "~"
          "14 01 e9"           // T61String 0xE9, taken as Latin-1 "é"
          "1e 04 00 41 00 e9"  // BMPString "Aé"
          "1c 04 00 01 f6 00"  // UniversalString U+1F600
          "1e 00");            // empty BMPString
  Der der(in);
  auto s = der.sequence("s");
  EXPECT_EQ(s.string(tags::utf8_string, "u"), "\xc3\xa9");
  EXPECT_EQ(s.string(tags::printable_string, "p"), "A?");
  EXPECT_EQ(s.string(tags::ia5_string, "i"), "a@b");
  EXPECT_EQ(s.string(tags::numeric_string, "n"), "1 2");
  auto v = s.string("v");
  EXPECT_EQ(v.tag, tags::visible_string);
  EXPECT_EQ(v.utf8, "~");
  EXPECT_EQ(s.string("t").utf8, "\xc3\xa9");
  EXPECT_EQ(s.string("b").utf8, "A\xc3\xa9");
  EXPECT_EQ(s.string("un").utf8, "\xf0\x9f\x98\x80");
  EXPECT_EQ(s.string("empty").utf8, "");
  s.finish();
  EXPECT_TRUE(der.ok()) << der.error().to_string();
}

TEST(DerReader, TimesKnownAnswers) {
  // RFC 5280 Appendix C.1: notBefore UTCTime 30/04/2004 14:25:34 GMT.
  Bytes in = hex("17 0d");
  for (char c : std::string("040430142534Z")) in.push_back(static_cast<std::uint8_t>(c));
  Der der(in);
  EXPECT_EQ(der.root().utc_time("notBefore"), at(2004, 4, 30, 14, 25, 34));
  EXPECT_TRUE(der.ok());

  struct Case {
    std::uint8_t tag;
    const char* text;
    WallTime want;
  } cases[] = {
      {0x17, "500101000000Z", at(1950, 1, 1, 0, 0, 0)},  // YY >= 50 is 19YY (RFC 5280 §4.1.2.5.1)
      {0x17, "491231235959Z", at(2049, 12, 31, 23, 59, 59)},
      {0x17, "000229000000Z", at(2000, 2, 29, 0, 0, 0)},        // 2000 is a leap year
      {0x18, "99991231235959Z", at(9999, 12, 31, 23, 59, 59)},  // RFC 5280 §4.1.2.5 "no expiry"
      {0x18, "20240229120000Z", at(2024, 2, 29, 12, 0, 0)},
      {0x18, "19700101000000Z", WallTime{}},
  };
  for (const auto& c : cases) {
    Bytes b{c.tag, static_cast<std::uint8_t>(std::string(c.text).size())};
    for (char ch : std::string(c.text)) b.push_back(static_cast<std::uint8_t>(ch));
    Der d(b);
    EXPECT_EQ(d.root().time("t"), c.want) << c.text;
    EXPECT_TRUE(d.ok()) << c.text << ": " << (d.ok() ? "" : d.error().to_string());
  }
}

TEST(DerReader, ExplicitImplicitAndOptional) {
  // SEQUENCE { [0] EXPLICIT INTEGER 2, [1] IMPLICIT OCTET STRING 'ab', [2] IMPLICIT IA5 "x" }
  Bytes in = hex("30 0d a0 03 02 01 02 81 01 ab 82 01 78 83 00");
  Der der(in);
  auto s = der.sequence("s");
  auto v = s.optional_explicit(0, "version");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(v->small_integer("value"), 2);
  v->finish();
  EXPECT_FALSE(s.optional_explicit(0, "again").has_value());
  auto p = s.optional_implicit_primitive(1, "id");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(hex_encode(*p), "ab");
  EXPECT_EQ(s.implicit_string(2, tags::ia5_string, "dns"), "x");
  EXPECT_EQ(s.peek_tag(), Tag::context(3, false));
  EXPECT_EQ(s.implicit_primitive(3, "empty").size(), 0u);
  EXPECT_FALSE(s.peek_tag().has_value());
  s.finish();
  EXPECT_TRUE(der.ok()) << der.error().to_string();
}

TEST(DerReader, ElementGivesTheWholeEncodingAndOffset) {
  Bytes in = hex("30 08 30 03 02 01 07 04 01 ff");
  Der der(in);
  auto s = der.sequence("cert");
  Element tbs = s.element(tags::sequence, "tbs");
  EXPECT_EQ(tbs.offset, 2u);
  EXPECT_EQ(hex_encode(tbs.encoding), "3003020107");
  EXPECT_EQ(hex_encode(tbs.contents), "020107");
  auto inner = s.enter(tbs, "tbs");
  EXPECT_EQ(inner.small_integer("n"), 7);
  inner.finish();
  Element any = s.element("any");
  EXPECT_EQ(any.tag, tags::octet_string);
  EXPECT_EQ(any.offset, 7u);
  s.finish();
  EXPECT_TRUE(der.ok());
}

TEST(DerReader, HighTagNumbers) {
  Bytes in = hex("30 07 9f 1f 00 bf 81 00 00");
  Der der(in);
  auto s = der.sequence("s");
  EXPECT_EQ(s.peek_tag(), Tag::context(31, false));
  EXPECT_EQ(s.implicit_primitive(31, "a").size(), 0u);
  auto c = s.explicit_tag(128, "b");
  EXPECT_TRUE(c.at_end());
  s.finish();
  EXPECT_TRUE(der.ok()) << der.error().to_string();
}

// ---- negative tests: one per DER rule, with offset and path ------------------------------------

TEST(DerReaderErrors, NonMinimalLengthInsideTheThirdElement) {
  // SEQUENCE { INTEGER 1, INTEGER 2, SEQUENCE (length 81 04: long form for 4) { INTEGER 255 } }
  Bytes in = hex("30 0d 02 01 01 02 01 02 30 81 04 02 02 00 ff");
  auto e = error_of(in, [](Der& der) {
    auto s = der.sequence("outer");
    (void)s.small_integer("a");
    (void)s.small_integer("b");
    auto c = s.sequence("c");
    (void)c.small_integer("d");
  });
  EXPECT_EQ(e.offset, 8u);
  EXPECT_EQ(e.path, "outer.c");
  EXPECT_EQ(e.reason, "length uses long form for a value below 128 (X.690 §10.1)");
}

TEST(DerReaderErrors, DeepPathNamesEveryField) {
  // certificate { tbsCertificate { validity { notBefore UTCTime with month 13 } } }
  Bytes in = hex("30 13 30 11 30 0f 17 0d");
  for (char c : std::string("041330142534Z")) in.push_back(static_cast<std::uint8_t>(c));
  auto e = error_of(in, [](Der& der) {
    auto cert = der.sequence("certificate");
    auto tbs = cert.sequence("tbsCertificate");
    auto validity = tbs.sequence("validity");
    (void)validity.time("notBefore");
    // Sticky: later reads do nothing and do not replace the first error.
    (void)validity.time("notAfter");
    (void)cert.sequence("signatureAlgorithm");
  });
  EXPECT_EQ(e.offset, 6u);
  EXPECT_EQ(e.path, "certificate.tbsCertificate.validity.notBefore");
  EXPECT_NE(e.reason.find("month"), std::string::npos);
  EXPECT_EQ(e.to_string().rfind("certificate.tbsCertificate.validity.notBefore at byte 6: ", 0),
            0u);
}

struct BadCase {
  const char* name;
  const char* der;
  std::function<void(DerReader&)> read;
  std::size_t offset;
  const char* reason_contains;
};

void run(const BadCase& c) {
  SCOPED_TRACE(c.name);
  auto e = single_error(hex(c.der), c.read);
  EXPECT_EQ(e.offset, c.offset);
  EXPECT_EQ(e.path, "field");
  EXPECT_NE(e.reason.find(c.reason_contains), std::string::npos) << e.reason;
}

auto integer = [](DerReader& r) { (void)r.integer("field"); };
auto boolean = [](DerReader& r) { (void)r.boolean("field"); };
auto bits = [](DerReader& r) { (void)r.bit_string("field"); };
auto null = [](DerReader& r) { r.null("field"); };
auto oid = [](DerReader& r) { (void)r.oid("field"); };
auto octets = [](DerReader& r) { (void)r.octet_string("field"); };
auto seq = [](DerReader& r) { (void)r.sequence("field"); };
auto any_time = [](DerReader& r) { (void)r.time("field"); };
auto any_string = [](DerReader& r) { (void)r.string("field"); };
auto element = [](DerReader& r) { (void)r.element("field"); };

TEST(DerReaderErrors, Lengths) {
  Bytes long_leading_zero = hex("04 82 00 81");
  long_leading_zero.resize(4 + 0x81, 0);
  {
    auto e = single_error(long_leading_zero, octets);
    EXPECT_EQ(e.offset, 0u);
    EXPECT_NE(e.reason.find("leading zero"), std::string::npos);
  }
  const BadCase cases[] = {
      {"indefinite", "30 80 00 00", seq, 0, "indefinite length"},
      {"long form below 128", "04 81 01 00", octets, 0, "long form for a value below 128"},
      {"reserved 0xFF", "04 ff", octets, 0, "0xFF is reserved"},
      {"past the end", "04 05 00 00", octets, 0, "runs past the end"},
      {"cut-off length", "04 82 01", octets, 0, "cut off"},
      {"missing length", "04", octets, 0, "cut off"},
      {"empty input", "", octets, 0, "no bytes left"},
  };
  for (const auto& c : cases) run(c);
}

TEST(DerReaderErrors, Tags) {
  const BadCase cases[] = {
      {"wrong tag", "04 00", integer, 0, "expected INTEGER, found OCTET STRING"},
      {"primitive SEQUENCE", "10 00", seq, 0, "constructed form"},
      {"constructed OCTET STRING", "24 00", octets, 0, "primitive form"},
      {"constructed INTEGER", "22 03 02 01 00", integer, 0, "primitive form"},
      {"end-of-contents tag", "00 00", element, 0, "end-of-contents"},
      {"high form for a low number", "9f 1e 00", element, 0, "below 31"},
      {"high form with leading 0x80", "9f 80 1f 00", element, 0, "leading 0x80"},
      {"tag cut off", "9f 81", element, 0, "cut off"},
  };
  for (const auto& c : cases) run(c);
}

TEST(DerReaderErrors, PrimitiveContents) {
  const BadCase cases[] = {
      {"empty INTEGER", "02 00", integer, 0, "no contents"},
      {"INTEGER leading 00", "02 02 00 7f", integer, 0, "leading 0x00"},
      {"INTEGER leading FF", "02 02 ff 80", integer, 0, "leading 0xFF"},
      {"BOOLEAN 01", "01 01 01", boolean, 2, "0x00 or 0xFF"},
      {"BOOLEAN two bytes", "01 02 00 00", boolean, 0, "exactly one"},
      {"NULL with contents", "05 01 00", null, 0, "no contents"},
      {"BIT STRING no initial octet", "03 00", bits, 0, "initial octet"},
      {"BIT STRING unused 8", "03 02 08 00", bits, 2, "above 7"},
      {"BIT STRING empty with unused bits", "03 01 01", bits, 2, "unused-bit count 0"},
      {"BIT STRING unused bit set", "03 02 01 01", bits, 3, "must be zero"},
      {"OID empty", "06 00", oid, 0, "no contents"},
      {"OID leading 0x80", "06 03 2a 80 01", oid, 3, "leading 0x80"},
      {"OID cut in a subidentifier", "06 02 2a 86", oid, 3, "ends inside"},
  };
  for (const auto& c : cases) run(c);
  auto e =
      single_error(hex("03 02 01 00"), [](DerReader& r) { (void)r.bit_string_bytes("field"); });
  EXPECT_NE(e.reason.find("no unused bits"), std::string::npos);
  e = single_error(hex("02 09 01 00 00 00 00 00 00 00 00"),
                   [](DerReader& r) { (void)r.small_integer("field"); });
  EXPECT_NE(e.reason.find("64 bits"), std::string::npos);
}

Bytes tlv(std::uint8_t tag, std::string_view text) {
  Bytes b{tag, static_cast<std::uint8_t>(text.size())};
  b.insert(b.end(), text.begin(), text.end());
  return b;
}

TEST(DerReaderErrors, Times) {
  struct Case {
    std::uint8_t tag;
    const char* text;
    std::size_t offset;
    const char* reason;
  } cases[] = {
      {0x17, "0404301425Z", 0, "exactly YYMMDDHHMMSSZ"},   // no seconds
      {0x17, "040430142534", 0, "exactly YYMMDDHHMMSSZ"},  // no Z
      {0x17, "040430142534+0000", 14, "time zone offset"},
      {0x17, "0404301425-0500", 12, "time zone offset"},
      {0x18, "20040430142534.5Z", 16, "fractional seconds"},
      {0x18, "200404301425Z", 0, "exactly YYYYMMDDHHMMSSZ"},
      {0x18, "040430142534Z", 0, "exactly YYYYMMDDHHMMSSZ"},  // a UTCTime under the wrong tag
      {0x17, "041330142534Z", 0, "month"},
      {0x17, "040431142534Z", 0, "day"},  // April has 30 days
      {0x17, "040400142534Z", 0, "day"},
      {0x18, "19000229000000Z", 0, "day"},  // 1900 is not a leap year
      {0x18, "20230229000000Z", 0, "day"},
      {0x17, "040430242534Z", 0, "hour"},
      {0x17, "040430146034Z", 0, "minute"},
      {0x17, "040430142560Z", 0, "second"},
      {0x17, "04043014253aZ", 0, "digits"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto e = single_error(tlv(c.tag, c.text), any_time);
    EXPECT_EQ(e.offset, c.offset);
    EXPECT_EQ(e.path, "field");
    EXPECT_NE(e.reason.find(c.reason), std::string::npos) << e.reason;
  }
  auto e = single_error(hex("02 01 00"), any_time);
  EXPECT_NE(e.reason.find("expected UTCTime or GeneralizedTime"), std::string::npos);
}

TEST(DerReaderErrors, Strings) {
  const BadCase cases[] = {
      {"PrintableString @", "13 03 61 40 62", any_string, 3, "PrintableString contains"},
      {"PrintableString *", "13 01 2a", any_string, 2, "PrintableString contains"},
      {"IA5String 8-bit", "16 02 61 80", any_string, 3, "IA5String contains"},
      {"NumericString letter", "12 02 31 61", any_string, 3, "NumericString contains"},
      {"VisibleString DEL", "1a 01 7f", any_string, 2, "VisibleString contains"},
      {"VisibleString control", "1a 01 0a", any_string, 2, "VisibleString contains"},
      {"UTF-8 overlong", "0c 02 c0 80", any_string, 2, "not valid UTF-8"},
      {"UTF-8 surrogate", "0c 03 ed a0 80", any_string, 2, "not valid UTF-8"},
      {"UTF-8 above U+10FFFF", "0c 04 f4 90 80 80", any_string, 2, "not valid UTF-8"},
      {"UTF-8 cut", "0c 02 61 e2", any_string, 3, "not valid UTF-8"},
      {"UTF-8 bad continuation", "0c 02 c3 41", any_string, 3, "not valid UTF-8"},
      {"BMPString odd", "1e 03 00 41 00", any_string, 0, "multiple of 2"},
      {"BMPString surrogate", "1e 02 d8 00", any_string, 2, "surrogate"},
      {"UniversalString odd", "1c 02 00 41", any_string, 0, "multiple of 4"},
      {"UniversalString too big", "1c 04 00 11 00 00", any_string, 2, "not a Unicode scalar"},
      {"not a string", "04 00", any_string, 0, "character string type"},
      {"constructed string", "33 00", any_string, 0, "primitive form"},
  };
  for (const auto& c : cases) run(c);
}

TEST(DerReaderErrors, TrailingBytes) {
  // After the top-level SEQUENCE.
  auto e = error_of(hex("30 00 00"), [](Der& der) { (void)der.sequence("certificate"); });
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(e.path, "certificate");
  EXPECT_NE(e.reason.find("trailing"), std::string::npos);
  // Inside a SEQUENCE, found by finish().
  e = error_of(hex("30 06 02 01 01 02 01 02"), [](Der& der) {
    auto s = der.sequence("outer");
    (void)s.small_integer("a");
    s.finish();
  });
  EXPECT_EQ(e.offset, 5u);
  EXPECT_EQ(e.path, "outer");
  EXPECT_NE(e.reason.find("trailing bytes"), std::string::npos);
  // Missing field.
  e = error_of(hex("30 03 02 01 01"), [](Der& der) {
    auto s = der.sequence("outer");
    (void)s.small_integer("a");
    (void)s.oid("b");
  });
  EXPECT_EQ(e.offset, 5u);
  EXPECT_EQ(e.path, "outer.b");
  EXPECT_NE(e.reason.find("expected OBJECT IDENTIFIER"), std::string::npos);
}

TEST(DerReaderErrors, CallerSemanticError) {
  Bytes in = hex("30 03 02 01 01");
  Der der(in);
  auto s = der.sequence("tbs");
  auto at_version = s.offset();
  if (s.small_integer("version") != 2) s.fail(at_version, "version", "version must be v3 (2)");
  ASSERT_FALSE(der.ok());
  EXPECT_EQ(der.error().offset, 2u);
  EXPECT_EQ(der.error().path, "tbs.version");
  auto r = der.result();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().reason, "version must be v3 (2)");
}

// Builds n nested SEQUENCEs around an INTEGER.
Bytes nested(std::size_t n) {
  Bytes b = hex("02 01 00");
  for (std::size_t i = 0; i < n; ++i) {
    Bytes outer{0x30, static_cast<std::uint8_t>(b.size())};
    outer.insert(outer.end(), b.begin(), b.end());
    b = outer;
  }
  return b;
}

// Descends through SEQUENCEs as long as they last.
void descend(DerReader r) {
  if (r.next_is(tags::sequence)) return descend(r.sequence("s"));
  (void)r.integer("leaf");
}

TEST(DerReaderErrors, DepthLimit) {
  Bytes ok32 = nested(32);
  Der der(ok32);
  descend(der.root());
  EXPECT_TRUE(der.ok()) << der.error().to_string();
  EXPECT_TRUE(validate_der(ok32).ok());

  Bytes bad33 = nested(33);
  Der der33(bad33);
  descend(der33.root());
  ASSERT_FALSE(der33.ok());
  EXPECT_NE(der33.error().reason.find("deeper than 32"), std::string::npos);
  EXPECT_EQ(der33.error().offset, 64u);  // the 33rd SEQUENCE starts after 32 two-byte headers
  auto v = validate_der(bad33);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().offset, 64u);
}

TEST(ValidateDer, ReportsOffsetAndChildPath) {
  // SEQUENCE { INTEGER 1, SEQUENCE { NULL, BOOLEAN 0x01 } }
  auto r = validate_der(hex("30 0a 02 01 01 30 05 05 00 01 01 01"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 11u);
  EXPECT_EQ(r.error().path, "der[1][1]");
  EXPECT_TRUE(validate_der(hex("30 0a 02 01 01 30 05 05 00 01 01 ff")).ok());
  auto t = validate_der(hex("05 00 05 00"));
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().offset, 2u);
  EXPECT_FALSE(validate_der({}).ok());
}

}  // namespace
}  // namespace glasstls::asn1
