// Base64 (RFC 4648 §10 vectors) and PEM (RFC 7468), including the RFC 7468 §5.1 certificate read
// field by field with the DER reader.
#include <chrono>
#include <random>

#include <gtest/gtest.h>

#include "glasstls/asn1/base64.hpp"
#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "support/test_support.hpp"

namespace glasstls::asn1 {
namespace {

using namespace std::chrono;

// RFC 7468 §5.1, Figure 6 (typed from the RFC).
constexpr std::string_view kRfc7468Certificate =
    "-----BEGIN CERTIFICATE-----\n"
    "MIICLDCCAdKgAwIBAgIBADAKBggqhkjOPQQDAjB9MQswCQYDVQQGEwJCRTEPMA0G\n"
    "A1UEChMGR251VExTMSUwIwYDVQQLExxHbnVUTFMgY2VydGlmaWNhdGUgYXV0aG9y\n"
    "aXR5MQ8wDQYDVQQIEwZMZXV2ZW4xJTAjBgNVBAMTHEdudVRMUyBjZXJ0aWZpY2F0\n"
    "ZSBhdXRob3JpdHkwHhcNMTEwNTIzMjAzODIxWhcNMTIxMjIyMDc0MTUxWjB9MQsw\n"
    "CQYDVQQGEwJCRTEPMA0GA1UEChMGR251VExTMSUwIwYDVQQLExxHbnVUTFMgY2Vy\n"
    "dGlmaWNhdGUgYXV0aG9yaXR5MQ8wDQYDVQQIEwZMZXV2ZW4xJTAjBgNVBAMTHEdu\n"
    "dVRMUyBjZXJ0aWZpY2F0ZSBhdXRob3JpdHkwWTATBgcqhkjOPQIBBggqhkjOPQMB\n"
    "BwNCAARS2I0jiuNn14Y2sSALCX3IybqiIJUvxUpj+oNfzngvj/Niyv2394BWnW4X\n"
    "uQ4RTEiywK87WRcWMGgJB5kX/t2no0MwQTAPBgNVHRMBAf8EBTADAQH/MA8GA1Ud\n"
    "DwEB/wQFAwMHBgAwHQYDVR0OBBYEFPC0gf6YEr+1KLlkQAPLzB9mTigDMAoGCCqG\n"
    "SM49BAMCA0gAMEUCIDGuwD1KPyG+hRf88MeyMQcqOFZD0TbVleF+UsAGQ4enAiEA\n"
    "l4wOuDwKQa+upc8GftXE2C//4mKANBC6It01gUaTIpo=\n"
    "-----END CERTIFICATE-----\n";

TEST(Base64, Rfc4648Section10Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(as_bytes(plain)), encoded);
    auto d = base64_decode(encoded);
    ASSERT_TRUE(d.has_value()) << encoded;
    EXPECT_EQ(*d, to_bytes(std::string_view(plain)));
  }
}

TEST(Base64, FullAlphabetAndRoundTrip) {
  Bytes all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
  const std::string e = base64_encode(all);
  EXPECT_EQ(e.substr(0, 64), "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v");
  EXPECT_EQ(base64_decode(e), all);
  // Every 6-bit value in every position: bytes 0x00..0xff shifted through the three offsets.
  std::mt19937 rng(3);
  for (std::size_t len = 0; len < 100; ++len) {
    Bytes b(len);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    EXPECT_EQ(base64_decode(base64_encode(b)), b);
  }
  EXPECT_EQ(base64_encode(Bytes{0xfb, 0xff}), "+/8=");
}

TEST(Base64, StrictDecodingRejects) {
  const char* bad[] = {
      "Zg",    // padding missing (RFC 4648 §3.2)
      "Zg=",   // padding short
      "Zm9",   // not a multiple of 4
      "Zh==",  // non-zero trailing bits (RFC 4648 §3.5): 'h' leaves bits set
      "Zm9=",  // 'm9' + '=' : 9 leaves bits set
      "Z===",  // too much padding
      "====",
      "Zg=a",  // '=' before data
      "Z=g=",
      "Zm9v Zg==",  // whitespace is not base64
      "Zm9v\nZg==",
      "Zm9-",  // URL-safe alphabet is not the standard one
      "Zm9_",       "Zm9v\xc3\xa9", "Zm9vYmFy====", "=Zm9",
  };
  for (const char* s : bad) EXPECT_FALSE(base64_decode(s).has_value()) << s;
}

TEST(Pem, Rfc7468CertificateReadsFieldByField) {
  auto blocks = pem_decode_all(kRfc7468Certificate);
  ASSERT_TRUE(blocks.ok()) << blocks.error().to_string();
  ASSERT_EQ(blocks->size(), 1u);
  const PemBlock& b = (*blocks)[0];
  EXPECT_EQ(b.label, "CERTIFICATE");
  EXPECT_EQ(b.line, 1u);
  ASSERT_EQ(b.der.size(), 560u);  // 30 82 02 2c: a 556-byte SEQUENCE
  EXPECT_TRUE(validate_der(b.der).ok());

  Der der(b.der);
  auto cert = der.sequence("certificate");
  Element tbs_element = cert.element(tags::sequence, "tbsCertificate");
  EXPECT_EQ(tbs_element.offset, 4u);
  EXPECT_EQ(tbs_element.encoding.size(), 470u);
  auto tbs = cert.enter(tbs_element, "tbsCertificate");
  auto version = tbs.explicit_tag(0, "version");
  EXPECT_EQ(version.small_integer("value"), 2);  // v3
  version.finish();
  EXPECT_EQ(hex_encode(tbs.unsigned_integer("serialNumber")), "00");
  auto sig = tbs.sequence("signature");
  EXPECT_EQ(sig.oid("algorithm"), oids::ecdsa_with_SHA256);
  sig.finish();
  auto issuer = tbs.sequence("issuer");
  std::string names;
  while (!issuer.at_end() && issuer.ok()) {
    auto rdn = issuer.set("rdn");
    auto atv = rdn.sequence("attribute");
    const Oid type = atv.oid("type");
    names += std::string(attribute_short_name(type)) + "=" + atv.string("value").utf8 + ";";
    atv.finish();
    rdn.finish();
  }
  EXPECT_EQ(
      names,
      "C=BE;O=GnuTLS;OU=GnuTLS certificate authority;ST=Leuven;CN=GnuTLS certificate authority;");
  auto validity = tbs.sequence("validity");
  EXPECT_EQ(validity.time("notBefore"), sys_days{2011y / May / 23} + 20h + 38min + 21s);
  EXPECT_EQ(validity.time("notAfter"), sys_days{2012y / December / 22} + 7h + 41min + 51s);
  validity.finish();
  (void)tbs.sequence("subject");
  auto spki = tbs.sequence("subjectPublicKeyInfo");
  auto alg = spki.sequence("algorithm");
  EXPECT_EQ(alg.oid("algorithm"), oids::id_ecPublicKey);
  EXPECT_EQ(alg.oid("namedCurve"), oids::secp256r1);
  alg.finish();
  const ByteView point = spki.bit_string_bytes("subjectPublicKey");
  EXPECT_EQ(point.size(), 65u);
  EXPECT_EQ(point[0], 0x04);  // uncompressed point
  spki.finish();
  auto exts_wrapper = tbs.explicit_tag(3, "extensions");
  auto exts = exts_wrapper.sequence("extensions");
  std::vector<std::string> seen;
  while (!exts.at_end() && exts.ok()) {
    auto ext = exts.sequence("extension");
    const Oid id = ext.oid("extnID");
    const bool critical = ext.optional_boolean("critical").value_or(false);
    const ByteView value = ext.octet_string("extnValue");
    ext.finish();
    seen.push_back(std::string(oid_name(id)) + (critical ? "!" : ""));
    if (id == oids::id_ce_keyUsage) {
      Der ku(value);
      const BitString bits = ku.root().bit_string("keyUsage");
      EXPECT_TRUE(ku.ok());
      EXPECT_TRUE(bits.bit(5));  // keyCertSign (RFC 5280 §4.2.1.3)
      EXPECT_TRUE(bits.bit(6));  // cRLSign
      EXPECT_FALSE(bits.bit(0));
    }
  }
  exts_wrapper.finish();
  tbs.finish();
  EXPECT_EQ(seen, (std::vector<std::string>{"id-ce-basicConstraints!", "id-ce-keyUsage!",
                                            "id-ce-subjectKeyIdentifier"}));
  auto sig_alg = cert.sequence("signatureAlgorithm");
  EXPECT_EQ(sig_alg.oid("algorithm"), oids::ecdsa_with_SHA256);
  sig_alg.finish();
  EXPECT_EQ(cert.bit_string_bytes("signatureValue").size(), 71u);
  cert.finish();
  EXPECT_TRUE(der.ok()) << der.error().to_string();

  // Encoding gives back the RFC's text exactly (64-character lines, LF).
  EXPECT_EQ(pem_encode("CERTIFICATE", b.der), kRfc7468Certificate);
}

TEST(Pem, ExplanatoryTextCrlfAndWhitespace) {
  std::string text = "Subject: example\r\nIssuer: example\r\n";
  std::string body(kRfc7468Certificate);
  // CRLF line ends, blanks at line ends and inside the base64, and a VT/FF for good measure.
  std::string crlf;
  for (char c : body) {
    if (c == '\n')
      crlf += " \t\r\n";
    else
      crlf += c;
  }
  crlf.insert(crlf.find("A1UE"), " \v\f ");
  text += crlf + "trailing text\r\n";
  text += pem_encode("PRIVATE KEY", test::hex("30 03 02 01 00"));
  auto blocks = pem_decode_all(text);
  ASSERT_TRUE(blocks.ok()) << blocks.error().to_string();
  ASSERT_EQ(blocks->size(), 2u);
  EXPECT_EQ((*blocks)[0].line, 3u);
  EXPECT_EQ((*blocks)[1].label, "PRIVATE KEY");
  EXPECT_EQ((*blocks)[1].line, 18u);
  EXPECT_EQ(hex_encode((*blocks)[1].der), "3003020100");
  auto one = pem_decode_all(kRfc7468Certificate);
  EXPECT_EQ((*blocks)[0].der, (*one)[0].der);

  // Old Mac line ends (CR only) are line ends too (RFC 7468 §2).
  std::string cr(kRfc7468Certificate);
  for (char& c : cr)
    if (c == '\n') c = '\r';
  auto cr_blocks = pem_decode_all(cr);
  ASSERT_TRUE(cr_blocks.ok());
  EXPECT_EQ((*cr_blocks)[0].der, (*one)[0].der);

  EXPECT_TRUE(pem_decode_all("no blocks here\n")->empty());
}

TEST(Pem, Errors) {
  auto err = [](std::string_view text) {
    auto r = pem_decode_all(text);
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? PemError{0, ""} : r.error();
  };
  auto e = err("text\n-----BEGIN CERTIFICATE-----\nZm9v\n-----END CERTIFICATE REQUEST-----\n");
  EXPECT_EQ(e.line, 4u);
  EXPECT_NE(e.reason.find("does not match"), std::string::npos);

  e = err("\n\n-----BEGIN CERTIFICATE-----\nZm9v\n");
  EXPECT_EQ(e.line, 3u);
  EXPECT_NE(e.reason.find("no matching END"), std::string::npos);

  e = err("-----BEGIN A-----\nZm9v\n-----BEGIN B-----\nZm9v\n-----END B-----\n");
  EXPECT_EQ(e.line, 1u);

  e = err("-----BEGIN X-----\nZm9v*\n-----END X-----\n");
  EXPECT_EQ(e.line, 1u);
  EXPECT_NE(e.reason.find("base64"), std::string::npos);
  EXPECT_FALSE(pem_decode_all("-----BEGIN X-----\nZg\n-----END X-----\n").ok());    // no padding
  EXPECT_FALSE(pem_decode_all("-----BEGIN X-----\nZh==\n-----END X-----\n").ok());  // trailing bits

  // RFC 7468 §3 labels: no leading, trailing or doubled hyphens or spaces.
  for (const char* label : {"-X", "X-", "A--B", "A  B", " X", "caf\xc3\xa9"}) {
    const std::string t =
        std::string("-----BEGIN ") + label + "-----\nZm9v\n-----END " + label + "-----\n";
    e = err(t);
    EXPECT_NE(e.reason.find("invalid label"), std::string::npos) << label;
  }
  EXPECT_TRUE(
      pem_decode_all("-----BEGIN -----\nZm9v\n-----END -----\n").ok());  // empty label is valid
  EXPECT_TRUE(pem_decode_all("-----BEGIN X509 CRL-----\n\n-----END X509 CRL-----\n").ok());
}

TEST(Pem, DecodeOne) {
  auto der = pem_decode_one(kRfc7468Certificate, "CERTIFICATE");
  ASSERT_TRUE(der.ok());
  EXPECT_EQ(der->size(), 560u);
  auto wrong = pem_decode_one(kRfc7468Certificate, "PRIVATE KEY");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.error().reason.find("expected label"), std::string::npos);
  auto none = pem_decode_one("nothing", "CERTIFICATE");
  EXPECT_FALSE(none.ok());
  auto two = pem_decode_one(std::string(kRfc7468Certificate) + std::string(kRfc7468Certificate),
                            "CERTIFICATE");
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.error().line, 15u);
}

TEST(Pem, EncodeWrapsAt64) {
  const Bytes data(100, 0x5a);
  const std::string pem = pem_encode("TEST", data);
  // 100 bytes -> 136 base64 characters -> lines of 64, 64, 8.
  EXPECT_EQ(pem.find('\n'), std::string("-----BEGIN TEST-----").size());
  const auto first = pem.find('\n') + 1;
  EXPECT_EQ(pem.find('\n', first) - first, 64u);
  auto back = pem_decode_one(pem, "TEST");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, data);
  EXPECT_EQ(pem_encode("EMPTY", {}), "-----BEGIN EMPTY-----\n-----END EMPTY-----\n");
}

}  // namespace
}  // namespace glasstls::asn1
