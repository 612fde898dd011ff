// Malformed certificates: every strict prefix, over-long lengths, wrong tags, huge integers, deep
// nesting and random byte changes. Each must give a precise error (an offset inside the input and
// a path naming a field), never a crash; the asan preset runs this file too.
#include <random>

#include <gtest/gtest.h>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/certificate.hpp"
#include "x509/parse/der_builders.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
namespace tags = asn1::tags;
using test::hex_bytes;

// A v3 certificate with a few extensions: enough structure for every rule to be reachable, and
// long enough (over 256 bytes of tbsCertificate) that both SEQUENCEs have two length octets.
Bytes sample() {
  test::CertSpec spec;
  Bytes ski = {0x04, 0x60};
  ski.resize(2 + 0x60, 0x5a);
  spec.extensions = std::vector<Bytes>{
      test::extension_der(oids::id_ce_basicConstraints, hex_bytes("3006 0101ff 020101"), true),
      test::extension_der(oids::id_ce_keyUsage, hex_bytes("03020106"), true),
      test::extension_der(oids::id_ce_subjectAltName,
                          hex_bytes("300d 820b 6578616d706c652e636f6d")),
      test::extension_der(oids::id_ce_subjectKeyIdentifier, ski),
  };
  return spec.der();
}

void expect_precise(const Bytes& der, const CertificateParseError& e) {
  EXPECT_LE(e.der.offset, der.size());
  EXPECT_EQ(e.der.path.rfind("certificate", 0), 0u) << e.der.path;
  EXPECT_FALSE(e.der.reason.empty());
  EXPECT_EQ(e.pem_line, 0u);
}

TEST(Malformed, SampleParses) {
  const Bytes der = sample();
  ASSERT_EQ(der[1], 0x82);
  ASSERT_EQ(der[5], 0x82);
  auto c = parse_certificate(der);
  ASSERT_TRUE(c) << c.error().to_string();
}

TEST(Malformed, EveryStrictPrefixIsRejected) {
  const Bytes der = sample();
  for (std::size_t n = 0; n < der.size(); ++n) {
    const Bytes prefix(der.begin(), der.begin() + static_cast<std::ptrdiff_t>(n));
    auto c = parse_certificate(prefix);
    ASSERT_FALSE(c) << "prefix of " << n << " bytes parsed";
    EXPECT_LE(c.error().der.offset, n);
    // Every prefix cuts the outer SEQUENCE short: the error is at its header.
    EXPECT_EQ(c.error().der.offset, 0u) << n << ": " << c.error().to_string();
    EXPECT_EQ(c.error().der.path, "certificate");
  }
}

// A prefix with the outer length fixed up, so the cut lands inside the contents: the error must
// name a field and lie at or before the cut.
TEST(Malformed, EveryTruncationInsideIsRejectedAtOrBeforeTheCut) {
  const Bytes der = sample();
  ASSERT_EQ(der[1], 0x82);  // two length octets
  std::size_t checked = 0;
  for (std::size_t n = 4 + 256; n < der.size(); ++n) {  // shorter would need fewer length octets
    Bytes cut(der.begin(), der.begin() + static_cast<std::ptrdiff_t>(n));
    const std::size_t len = n - 4;
    cut[2] = static_cast<std::uint8_t>(len >> 8);
    cut[3] = static_cast<std::uint8_t>(len & 0xff);
    auto c = parse_certificate(cut);
    ASSERT_FALSE(c) << "cut at " << n << " parsed";
    expect_precise(cut, c.error());
    EXPECT_LE(c.error().der.offset, n);
    EXPECT_NE(c.error().der.path, "certificate") << n << ": " << c.error().to_string();
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

TEST(Malformed, OverLongLengths) {
  Bytes der = sample();
  // The outer length one more than the input holds.
  Bytes longer = der;
  longer[3] = static_cast<std::uint8_t>(longer[3] + 1);
  auto c = parse_certificate(longer);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().der.offset, 0u);
  EXPECT_EQ(c.error().der.path, "certificate");
  // The tbsCertificate's length past the end of the outer SEQUENCE.
  Bytes tbs_long = der;
  ASSERT_EQ(tbs_long[4], 0x30);
  ASSERT_EQ(tbs_long[5], 0x82);
  tbs_long[6] = static_cast<std::uint8_t>(tbs_long[6] + 1);  // 256 more than there is
  c = parse_certificate(tbs_long);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().der.offset, 4u);
  EXPECT_EQ(c.error().der.path, "certificate.tbsCertificate");
  // A length of 2^64 - 1 (eight length octets) and a length with 9 octets.
  for (const char* h :
       {"30 88 ffffffffffffffff 00", "30 89 010000000000000000 00", "30 80 00 00"}) {
    auto r = parse_certificate(hex_bytes(h));
    ASSERT_FALSE(r) << h;
    EXPECT_EQ(r.error().der.offset, 0u) << h;
    EXPECT_EQ(r.error().der.path, "certificate") << h;
  }
}

TEST(Malformed, WrongTags) {
  const Bytes der = sample();
  struct Case {
    std::size_t at;
    std::uint8_t tag;
    const char* path;
  };
  // Offsets in the sample: 0 outer SEQUENCE, 4 tbsCertificate, 8 [0] version.
  for (const Case& k : {Case{0, 0x31, "certificate"}, Case{4, 0x31, "certificate.tbsCertificate"},
                        Case{8, 0xa1, "certificate.tbsCertificate.serialNumber"}}) {
    Bytes bad = der;
    bad[k.at] = k.tag;
    auto c = parse_certificate(bad);
    ASSERT_FALSE(c) << k.path;
    EXPECT_EQ(c.error().der.path, k.path);
    EXPECT_EQ(c.error().der.offset, k.at);
  }
  // The signatureValue as an OCTET STRING.
  Bytes bad = der;
  const std::size_t sig_at = der.size() - 67;
  ASSERT_EQ(bad[sig_at], 0x03);
  bad[sig_at] = 0x04;
  auto c = parse_certificate(bad);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().der.path, "certificate.signatureValue");
  EXPECT_EQ(c.error().der.offset, sig_at);
}

TEST(Malformed, HugeIntegers) {
  test::CertSpec spec;
  spec.serial = test::prim(tags::integer, Bytes(70000, 0x42));
  const Bytes der = spec.der();
  auto c = parse_certificate(der);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().der.path, "certificate.tbsCertificate.serialNumber");
  EXPECT_EQ(c.error().der.offset, test::find_bytes(der, Bytes{0x02, 0x83, 0x01, 0x11, 0x70}));
  // A huge version number.
  test::CertSpec v;
  v.version = std::nullopt;
  v.serial = hex_bytes("a00b 0209 7fffffffffffffffff 020101");
  auto e = parse_certificate(v.der());
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().der.path, "certificate.tbsCertificate.version.value");
}

TEST(Malformed, DeepNesting) {
  // 2000 nested SEQUENCEs as the whole input.
  Bytes deep;
  for (int i = 0; i < 2000; ++i) {
    asn1::DerWriter w;
    w.sequence([&](asn1::DerWriter& s) { s.raw(deep); });
    deep = w.take();
  }
  auto c = parse_certificate(deep);
  ASSERT_FALSE(c);
  expect_precise(deep, c.error());
  // A subject made of 40 nested SEQUENCEs instead of a Name.
  Bytes nested = Bytes{0x05, 0x00};
  for (int i = 0; i < 40; ++i) {
    asn1::DerWriter w;
    w.sequence([&](asn1::DerWriter& s) { s.raw(nested); });
    nested = w.take();
  }
  test::CertSpec spec;
  spec.subject = nested;
  const Bytes der = spec.der();
  auto n = parse_certificate(der);
  ASSERT_FALSE(n);
  expect_precise(der, n.error());
  EXPECT_EQ(n.error().der.path.rfind("certificate.tbsCertificate.subject", 0), 0u)
      << n.error().der.path;
}

// Random single-byte changes: bounded, seeded, each either parses or fails precisely.
TEST(Malformed, RandomByteChangesNeverCrash) {
  const Bytes der = sample();
  std::mt19937_64 rng(0x6c617373);
  std::size_t rejected = 0;
  for (int i = 0; i < 4000; ++i) {
    Bytes bad = der;
    const std::size_t at = rng() % bad.size();
    bad[at] = static_cast<std::uint8_t>(bad[at] ^ (1u << (rng() % 8)));
    auto c = parse_certificate(bad);
    if (c) continue;  // e.g. a bit flip in the signature or a name's letters
    ++rejected;
    expect_precise(bad, c.error());
  }
  EXPECT_GT(rejected, 1000u);
}

}  // namespace
}  // namespace glasstls::x509
