// Every root in the system CA bundle: PEM-decodes, is well-formed DER, and reads as
//   Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE,
//                              signatureValue BIT STRING }           (RFC 5280 §4.1)
// with its validity times readable. Real roots use GeneralizedTime before 2050 (RFC 5280
// §4.1.2.5 asks for UTCTime there); the reader tolerates that, as it must.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "support/test_support.hpp"

namespace glasstls::asn1 {
namespace {

constexpr const char* kBundle = "/etc/ssl/certs/ca-certificates.crt";

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::size_t count(const std::string& text, std::string_view needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

TEST(CaBundle, EveryRootDecodesAndReads) {
  std::error_code ec;
  GLASSTLS_REQUIRE_PEER(std::filesystem::exists(kBundle, ec), std::string(kBundle) + " not found");
  const std::string text = read_file(kBundle);
  auto blocks = pem_decode_all(text);
  ASSERT_TRUE(blocks.ok()) << blocks.error().to_string();
  const std::size_t begins = count(text, "-----BEGIN CERTIFICATE-----");
  EXPECT_EQ(blocks->size(), begins);
  EXPECT_GT(blocks->size(), 100u);

  std::size_t generalized_before_2050 = 0;
  for (const PemBlock& b : *blocks) {
    SCOPED_TRACE("certificate at line " + std::to_string(b.line));
    EXPECT_EQ(b.label, "CERTIFICATE");
    auto valid = validate_der(b.der);
    EXPECT_TRUE(valid.ok()) << valid.error().to_string();

    Der der(b.der);
    auto cert = der.sequence("certificate");
    auto tbs = cert.sequence("tbsCertificate");
    if (auto v = tbs.optional_explicit(0, "version")) {
      EXPECT_EQ(v->small_integer("version"), 2);
      v->finish();
    }
    (void)tbs.unsigned_integer("serialNumber");
    (void)tbs.sequence("signature");
    (void)tbs.sequence("issuer");
    auto validity = tbs.sequence("validity");
    const auto not_before_tag = validity.peek_tag();
    const WallTime not_before = validity.time("notBefore");
    const WallTime not_after = validity.time("notAfter");
    validity.finish();
    if (not_before_tag == tags::generalized_time &&
        not_before < WallTime{std::chrono::seconds(2524608000)})
      ++generalized_before_2050;  // 2050-01-01T00:00:00Z
    EXPECT_LT(not_before, not_after);
    (void)tbs.sequence("subject");
    auto spki = tbs.sequence("subjectPublicKeyInfo");
    auto alg = spki.sequence("algorithm");
    const Oid key_type = alg.oid("algorithm");
    EXPECT_TRUE(key_type == oids::rsaEncryption || key_type == oids::id_ecPublicKey)
        << key_type.to_dotted();
    (void)spki.bit_string_bytes("subjectPublicKey");
    // The rest of tbsCertificate (unique IDs, extensions) is left to the X.509 layer.
    auto sig_alg = cert.sequence("signatureAlgorithm");
    EXPECT_FALSE(oid_name(sig_alg.oid("algorithm")).empty());
    (void)cert.bit_string_bytes("signatureValue");
    cert.finish();
    EXPECT_TRUE(der.ok()) << der.error().to_string();
  }
  std::printf("[ info ] %zu roots; %zu use GeneralizedTime for a notBefore before 2050\n",
              blocks->size(), generalized_before_2050);
}

}  // namespace
}  // namespace glasstls::asn1
