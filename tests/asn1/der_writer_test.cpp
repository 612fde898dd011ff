// DerWriter: known encodings (X.690 rules, RFC 8017 DigestInfo) and the cases it must refuse.
#include <chrono>
#include <limits>

#include <gtest/gtest.h>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "support/test_support.hpp"

namespace glasstls::asn1 {
namespace {

using test::hex;
using namespace std::chrono;

template <class F>
std::string encode(F&& f) {
  DerWriter w;
  f(w);
  EXPECT_TRUE(w.ok()) << w.error();
  return hex_encode(w.data());
}

WallTime at(int y, unsigned mo, unsigned d, unsigned h = 0, unsigned mi = 0, unsigned s = 0) {
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s};
}

TEST(DerWriter, DigestInfoFromRfc8017) {
  // RFC 8017 §9.2 Note 1: the DER DigestInfo for SHA-256 (prefix, then the 32-byte hash).
  const Bytes digest(32, 0x11);
  const std::string got = encode([&](DerWriter& w) {
    w.sequence([&](DerWriter& info) {
      info.sequence([&](DerWriter& alg) {
        alg.oid(oids::id_sha256);
        alg.null();
      });
      info.octet_string(digest);
    });
  });
  EXPECT_EQ(got, "3031300d060960864801650304020105000420" + hex_encode(digest));
}

TEST(DerWriter, Integers) {
  struct Case {
    std::int64_t v;
    const char* der;
  } cases[] = {
      {0, "020100"},
      {127, "02017f"},
      {128, "02020080"},
      {256, "02020100"},
      {-1, "0201ff"},
      {-128, "020180"},
      {-129, "0202ff7f"},
      {std::numeric_limits<std::int64_t>::max(), "02087fffffffffffffff"},
      {std::numeric_limits<std::int64_t>::min(), "02088000000000000000"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(encode([&](DerWriter& w) { w.integer(c.v); }), c.der) << c.v;
  EXPECT_EQ(encode([](DerWriter& w) { w.unsigned_integer(hex("00 00 80")); }), "02020080");
  EXPECT_EQ(encode([](DerWriter& w) { w.unsigned_integer(hex("00 7f")); }), "02017f");
  EXPECT_EQ(encode([](DerWriter& w) { w.unsigned_integer({}); }), "020100");
  EXPECT_EQ(encode([](DerWriter& w) { w.unsigned_integer(hex("00")); }), "020100");
  EXPECT_EQ(encode([](DerWriter& w) { w.enumerated(1); }), "0a0101");
}

TEST(DerWriter, LengthsUseTheFewestOctets) {
  EXPECT_EQ(encode([](DerWriter& w) { w.octet_string(Bytes(127, 0)); }).substr(0, 4), "047f");
  EXPECT_EQ(encode([](DerWriter& w) { w.octet_string(Bytes(128, 0)); }).substr(0, 6), "048180");
  EXPECT_EQ(encode([](DerWriter& w) { w.octet_string(Bytes(255, 0)); }).substr(0, 6), "0481ff");
  EXPECT_EQ(encode([](DerWriter& w) { w.octet_string(Bytes(256, 0)); }).substr(0, 8), "04820100");
  EXPECT_EQ(encode([](DerWriter& w) { w.octet_string(Bytes(70000, 0)); }).substr(0, 10),
            "0483011170");
}

TEST(DerWriter, TagsExplicitImplicitAndHighNumbers) {
  EXPECT_EQ(encode([](DerWriter& w) { w.explicit_tag(0, [](DerWriter& v) { v.integer(2); }); }),
            "a003020102");
  EXPECT_EQ(encode([](DerWriter& w) { w.implicit_primitive(2, as_bytes("a.example")); }),
            "8209612e6578616d706c65");
  EXPECT_EQ(encode([](DerWriter& w) {
              w.implicit_constructed(1, [](DerWriter& s) { s.boolean(true); });
            }),
            "a1030101ff");
  EXPECT_EQ(encode([](DerWriter& w) { w.implicit_primitive(31, {}); }), "9f1f00");
  EXPECT_EQ(encode([](DerWriter& w) { w.implicit_primitive(128, {}); }), "9f810000");
  EXPECT_EQ(encode([](DerWriter& w) {
              w.primitive(Tag{TagClass::application, false, 200}, {});
            }),
            "5f814800");
  EXPECT_EQ(encode([](DerWriter& w) { w.raw(hex("05 00")); }), "0500");
}

TEST(DerWriter, PrimitivesAndStrings) {
  EXPECT_EQ(encode([](DerWriter& w) {
              w.boolean(true);
              w.boolean(false);
              w.null();
            }),
            "0101ff0101000500");
  EXPECT_EQ(encode([](DerWriter& w) { w.bit_string(hex("0a 3b 5f 29 1c d0"), 4); }),
            "0307040a3b5f291cd0");
  EXPECT_EQ(encode([](DerWriter& w) { w.bit_string({}); }), "030100");
  EXPECT_EQ(encode([](DerWriter& w) { w.oid(oids::rsaEncryption); }), "06092a864886f70d010101");
  EXPECT_EQ(encode([](DerWriter& w) { w.printable_string("Example CA"); }),
            "130a4578616d706c65204341");
  EXPECT_EQ(encode([](DerWriter& w) { w.ia5_string("a@b"); }), "1603614062");
  EXPECT_EQ(encode([](DerWriter& w) { w.utf8_string("\xc3\xa9"); }), "0c02c3a9");
  EXPECT_EQ(encode([](DerWriter& w) { w.string(tags::bmp_string, "A\xc3\xa9"); }),
            "1e040041"
            "00e9");
  EXPECT_EQ(encode([](DerWriter& w) { w.string(tags::universal_string, "\xf0\x9f\x98\x80"); }),
            "1c040001f600");
  EXPECT_EQ(encode([](DerWriter& w) { w.string(tags::t61_string, "\xc3\xa9"); }), "1401e9");
}

TEST(DerWriter, SetElementsAreSorted) {
  // X.690 §11.6: SET OF components in ascending order of their encodings.
  EXPECT_EQ(encode([](DerWriter& w) {
              w.set([](DerWriter& s) {
                s.integer(2);
                s.octet_string(hex("00"));
                s.integer(1);
              });
            }),
            "3109020101020102040100");
}

TEST(DerWriter, TimesFollowRfc5280) {
  EXPECT_EQ(encode([](DerWriter& w) { w.utc_time(at(2004, 4, 30, 14, 25, 34)); }),
            "170d" + hex_encode(as_bytes("040430142534Z")));
  EXPECT_EQ(encode([](DerWriter& w) { w.generalized_time(at(9999, 12, 31, 23, 59, 59)); }),
            "180f" + hex_encode(as_bytes("99991231235959Z")));
  // RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
  EXPECT_EQ(encode([](DerWriter& w) { w.time(at(2049, 12, 31, 23, 59, 59)); }),
            "170d" + hex_encode(as_bytes("491231235959Z")));
  EXPECT_EQ(encode([](DerWriter& w) { w.time(at(2050, 1, 1)); }),
            "180f" + hex_encode(as_bytes("20500101000000Z")));
  EXPECT_EQ(encode([](DerWriter& w) { w.time(at(1949, 12, 31)); }),
            "180f" + hex_encode(as_bytes("19491231000000Z")));
  EXPECT_EQ(encode([](DerWriter& w) { w.time(at(1950, 1, 1)); }),
            "170d" + hex_encode(as_bytes("500101000000Z")));
}

TEST(DerWriter, RefusesWhatDerCannotSay) {
  auto fails = [](auto f) {
    DerWriter w;
    f(w);
    return !w.ok() && !w.error().empty();
  };
  EXPECT_TRUE(fails([](DerWriter& w) { w.printable_string("a@b"); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.ia5_string("\xc3\xa9"); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.utf8_string("\xc0\x80"); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.string(tags::bmp_string, "\xf0\x9f\x98\x80"); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.string(tags::t61_string, "\xe2\x82\xac"); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.string(tags::octet_string, "x"); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.utc_time(at(2050, 1, 1)); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.utc_time(at(1949, 12, 31)); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.generalized_time(at(10000, 1, 1)); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.bit_string(hex("01"), 1); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.bit_string({}, 1); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.bit_string(hex("00"), 8); }));
  EXPECT_TRUE(fails([](DerWriter& w) { w.oid(Oid()); }));
  // An error deep inside propagates to the outermost writer.
  EXPECT_TRUE(fails([](DerWriter& w) {
    w.sequence([](DerWriter& a) { a.sequence([](DerWriter& b) { b.printable_string("*"); }); });
  }));
}

TEST(DerWriter, OutputReadsBack) {
  DerWriter w;
  w.sequence([](DerWriter& s) {
    s.explicit_tag(0, [](DerWriter& v) { v.integer(2); });
    s.unsigned_integer(hex("ff ee"));
    s.time(at(2030, 6, 1, 12));
    s.string(tags::bmp_string, "caf\xc3\xa9");
  });
  ASSERT_TRUE(w.ok());
  const Bytes der = w.take();
  Der d(der);
  auto s = d.sequence("s");
  auto v = s.explicit_tag(0, "version");
  EXPECT_EQ(v.small_integer("v"), 2);
  v.finish();
  EXPECT_EQ(hex_encode(s.unsigned_integer("serial")), "ffee");
  EXPECT_EQ(s.time("t"), at(2030, 6, 1, 12));
  EXPECT_EQ(s.string("name").utf8, "caf\xc3\xa9");
  s.finish();
  EXPECT_TRUE(d.ok()) << d.error().to_string();
}

}  // namespace
}  // namespace glasstls::asn1
