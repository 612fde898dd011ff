// parse_certificate on certificates assembled field by field (der_builders.hpp): each test keeps
// a valid certificate and breaks one rule of RFC 5280 §4.1, checking the error's offset and path.
#include <algorithm>
#include <chrono>

#include <gtest/gtest.h>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "glasstls/x509/certificate.hpp"
#include "x509/parse/der_builders.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
namespace tags = asn1::tags;
using test::CertSpec;
using test::find_bytes;
using test::hex_bytes;
using test::prim;

Certificate parse_ok(const Bytes& der) {
  auto c = parse_certificate(der);
  if (!c) ADD_FAILURE() << c.error().to_string();
  return std::move(c).value();
}

CertificateParseError parse_error(const Bytes& der) {
  auto c = parse_certificate(der);
  if (c) {
    ADD_FAILURE() << "parsed a certificate that should be rejected";
    return {};
  }
  return c.error();
}

bool contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

WallTime at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  using namespace std::chrono;
  return WallTime{sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss}};
}

// keyUsage digitalSignature; critical TRUE, or the BOOLEAN left out (nullopt).
Bytes key_usage_ext(std::optional<bool> critical = true) {
  return test::extension_der(oids::id_ce_keyUsage, hex_bytes("03020780"), critical);
}

TEST(Certificate, ParsesEveryField) {
  CertSpec spec;
  spec.serial = prim(tags::integer, hex_bytes("00ff"));
  spec.extensions = std::vector<Bytes>{
      test::extension_der(oids::id_ce_basicConstraints, hex_bytes("3003 0101ff"), true),
      key_usage_ext(),
      test::extension_der(oids::id_ce_subjectKeyIdentifier, hex_bytes("0402 abcd")),
      test::extension_der(oids::id_ce_authorityKeyIdentifier, hex_bytes("3004 8002 1234")),
      test::extension_der(oids::id_ce_subjectAltName, hex_bytes("3005 8203 612e62")),
      test::extension_der(oids::id_pe_tlsfeature, hex_bytes("3003 020105")),
  };
  const Bytes der = spec.der();
  const Certificate c = parse_ok(der);
  EXPECT_EQ(c.der, der);
  EXPECT_EQ(c.version, 3);
  EXPECT_EQ(c.serial, hex_bytes("00ff"));
  EXPECT_EQ(c.issuer.to_string(), "CN=glasstls test CA");
  EXPECT_EQ(c.subject.to_string(), "CN=leaf.example");
  EXPECT_EQ(c.validity.not_before, at(2025, 1, 1));
  EXPECT_EQ(c.validity.not_after, at(2035, 1, 1));
  EXPECT_FALSE(c.validity.no_expiry());
  EXPECT_EQ(c.signature_algorithm.kind, SignatureAlgorithm::Kind::ed25519);
  EXPECT_TRUE(std::holds_alternative<PublicKey::Ed25519>(c.public_key.key));
  EXPECT_EQ(c.signature.size(), 64u);
  // tbs() is exactly the tbsCertificate element.
  const Bytes tbs = spec.tbs();
  EXPECT_EQ(Bytes(c.tbs().begin(), c.tbs().end()), tbs);
  EXPECT_EQ(c.tbs_offset, find_bytes(der, tbs));
  // Extensions, in order, each decoded.
  ASSERT_EQ(c.extensions.size(), 6u);
  for (const Extension& e : c.extensions) EXPECT_TRUE(e.understood);
  EXPECT_EQ(c.extensions[1].offset, find_bytes(der, key_usage_ext()));
  EXPECT_TRUE(c.extensions[0].critical);
  EXPECT_FALSE(c.extensions[2].critical);
  ASSERT_TRUE(c.basic_constraints);
  EXPECT_TRUE(c.basic_constraints->ca);
  ASSERT_TRUE(c.key_usage);
  EXPECT_TRUE(c.key_usage->has(KeyUsage::digital_signature));
  EXPECT_EQ(c.subject_key_id, (Bytes{0xab, 0xcd}));
  ASSERT_TRUE(c.authority_key_id);
  EXPECT_EQ(c.authority_key_id->key_id, (Bytes{0x12, 0x34}));
  ASSERT_TRUE(c.subject_alt_name);
  EXPECT_EQ(c.subject_alt_name->names[0].text, "a.b");
  ASSERT_TRUE(c.tls_feature);
  EXPECT_TRUE(c.tls_feature->must_staple());
  EXPECT_EQ(c.unknown_critical_extension(), nullptr);
  EXPECT_FALSE(c.self_issued());
  EXPECT_EQ(c.fingerprint_sha256(), hex_encode(crypto::Sha256::hash(der)));
}

TEST(Certificate, SelfIssuedComparesNamesBySection7_1) {
  CertSpec spec;
  spec.issuer = test::cn_name("Root  CA");
  spec.subject = test::name_der({{{oids::id_at_commonName, tags::printable_string, "root ca"}}});
  EXPECT_TRUE(parse_ok(spec.der()).self_issued());
}

// ---- version (§4.1.2.1) and unique identifiers (§4.1.2.8) ---------------------------------------

TEST(Certificate, Versions) {
  CertSpec v1;
  v1.version = std::nullopt;
  EXPECT_EQ(parse_ok(v1.der()).version, 1);
  CertSpec v2;
  v2.version = 1;
  v2.issuer_unique_id = Bytes{0x00, 0x01};
  v2.subject_unique_id = Bytes{0x00, 0x02};
  EXPECT_EQ(parse_ok(v2.der()).version, 2);

  CertSpec explicit_v1;
  explicit_v1.version = 0;
  const Bytes explicit_der = explicit_v1.der();
  auto e = parse_error(explicit_der);
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.version");
  EXPECT_EQ(e.der.offset, find_bytes(explicit_der, hex_bytes("a003 020100")));
  EXPECT_TRUE(contains(e.der.reason, "11.5")) << e.der.reason;

  CertSpec v4;
  v4.version = 3;
  e = parse_error(v4.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.version");
  EXPECT_TRUE(contains(e.der.reason, "unknown version")) << e.der.reason;

  CertSpec v1_with_uid;
  v1_with_uid.version = std::nullopt;
  v1_with_uid.issuer_unique_id = Bytes{0x00, 0x01};
  e = parse_error(v1_with_uid.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.issuerUniqueID");

  CertSpec v2_with_extensions;
  v2_with_extensions.version = 1;
  v2_with_extensions.extensions = std::vector<Bytes>{key_usage_ext()};
  e = parse_error(v2_with_extensions.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.extensions");
  EXPECT_TRUE(contains(e.der.reason, "v2")) << e.der.reason;
}

// ---- serialNumber (§4.1.2.2) --------------------------------------------------------------------

TEST(Certificate, SerialNumbers) {
  CertSpec spec;
  spec.serial = prim(tags::integer, Bytes(20, 0x7f));
  EXPECT_EQ(parse_ok(spec.der()).serial.size(), 20u);
  // Zero and negative serials break a CA rule, but are read (see certificate.cpp).
  spec.serial = prim(tags::integer, Bytes{0x00});
  EXPECT_EQ(parse_ok(spec.der()).serial, Bytes{0x00});
  spec.serial = prim(tags::integer, Bytes{0xff});
  EXPECT_EQ(parse_ok(spec.der()).serial, Bytes{0xff});

  spec.serial = prim(tags::integer, Bytes(21, 0x7f));
  const Bytes der = spec.der();
  auto e = parse_error(der);
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.serialNumber");
  EXPECT_EQ(e.der.offset, find_bytes(der, spec.serial));
  EXPECT_TRUE(contains(e.der.reason, "20")) << e.der.reason;

  // A huge INTEGER (4000 octets) and a non-minimal one.
  spec.serial = prim(tags::integer, Bytes(4000, 0x11));
  e = parse_error(spec.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.serialNumber");
  spec.serial = prim(tags::integer, Bytes{0x00, 0x01});
  e = parse_error(spec.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.serialNumber");
}

// ---- signature algorithms (§4.1.1.2) and value (§4.1.1.3) ---------------------------------------

TEST(Certificate, OuterAlgorithmMustEqualInnerByteForByte) {
  CertSpec spec;
  spec.inner_alg = test::rsa_sha256_alg(true);
  spec.outer_alg = test::rsa_sha256_alg(true);
  spec.signature_contents = Bytes(257, 0);
  EXPECT_EQ(parse_ok(spec.der()).signature_algorithm.kind, SignatureAlgorithm::Kind::rsa_pkcs1);
  // The same algorithm, once with NULL parameters and once without: not the same encoding.
  spec.outer_alg = test::rsa_sha256_alg(false);
  const Bytes der = spec.der();
  auto e = parse_error(der);
  EXPECT_EQ(e.der.path, "certificate.signatureAlgorithm");
  EXPECT_EQ(e.der.offset, 4u + spec.tbs().size());
  EXPECT_TRUE(contains(e.der.reason, "4.1.1.2")) << e.der.reason;
  // A different algorithm.
  spec.outer_alg = test::ed25519_alg();
  e = parse_error(spec.der());
  EXPECT_EQ(e.der.path, "certificate.signatureAlgorithm");
}

TEST(Certificate, SignatureMustHaveNoUnusedBits) {
  CertSpec spec;
  spec.signature_contents = Bytes(65, 0);
  spec.signature_contents[0] = 1;  // one unused bit (the last byte's low bit is 0, as DER wants)
  const Bytes der = spec.der();
  auto e = parse_error(der);
  EXPECT_EQ(e.der.path, "certificate.signatureValue");
  EXPECT_EQ(e.der.offset, der.size() - 67);
}

TEST(Certificate, TrailingBytesAreRejected) {
  CertSpec spec;
  spec.trailing = Bytes{0x00};
  const Bytes der = spec.der();
  auto e = parse_error(der);
  EXPECT_EQ(e.der.offset, der.size() - 1);
  EXPECT_TRUE(contains(e.der.reason, "trailing")) << e.der.reason;
}

TEST(Certificate, EmptyIssuerIsRejected) {
  CertSpec spec;
  spec.issuer = test::name_der({});
  auto e = parse_error(spec.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.issuer");
  // An empty subject is allowed (§4.1.2.6: the name is then in subjectAltName).
  CertSpec empty_subject;
  empty_subject.subject = test::name_der({});
  EXPECT_TRUE(parse_ok(empty_subject.der()).subject.empty());
}

// ---- validity (§4.1.2.5) ------------------------------------------------------------------------

TEST(Certificate, UtcTimeCenturyBoundaries) {
  CertSpec spec;
  spec.validity = test::validity_der(prim(tags::utc_time, "500101000000Z"),
                                     prim(tags::utc_time, "491231235959Z"));
  const Certificate c = parse_ok(spec.der());
  EXPECT_EQ(c.validity.not_before, at(1950, 1, 1));
  EXPECT_EQ(c.validity.not_after, at(2049, 12, 31, 23, 59, 59));
}

TEST(Certificate, GeneralizedTimeAndNoExpiry) {
  CertSpec spec;
  // GeneralizedTime before 2050 is tolerated (real roots use it).
  spec.validity = test::validity_der(prim(tags::generalized_time, "20000101000000Z"),
                                     prim(tags::generalized_time, "99991231235959Z"));
  const Certificate c = parse_ok(spec.der());
  EXPECT_EQ(c.validity.not_before, at(2000, 1, 1));
  EXPECT_TRUE(c.validity.no_expiry());
  spec.validity = test::validity_der(prim(tags::generalized_time, "20500101000000Z"),
                                     prim(tags::generalized_time, "99991231235958Z"));
  EXPECT_FALSE(parse_ok(spec.der()).validity.no_expiry());
}

TEST(Certificate, BadTimesAreRejected) {
  CertSpec spec;
  spec.validity = test::validity_der(prim(tags::utc_time, "250101000000Z"),
                                     prim(tags::utc_time, "251301000000Z"));  // month 13
  auto e = parse_error(spec.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.validity.notAfter");
  spec.validity = test::validity_der(prim(tags::utc_time, "2501010000Z"),  // no seconds
                                     prim(tags::utc_time, "350101000000Z"));
  e = parse_error(spec.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.validity.notBefore");
  spec.validity = test::validity_der(prim(tags::utc_time, "250101000000Z"),
                                     prim(tags::octet_string, "350101000000Z"));
  e = parse_error(spec.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.validity.notAfter");
}

// ---- extensions (§4.1.2.9, §4.2) ----------------------------------------------------------------

TEST(Certificate, DuplicateExtensionIsRejectedAtTheSecond) {
  CertSpec spec;
  const Bytes first = key_usage_ext(true);
  const Bytes second = key_usage_ext(std::nullopt);
  spec.extensions = std::vector<Bytes>{
      first, test::extension_der(oids::id_ce_subjectKeyIdentifier, hex_bytes("0401aa")), second};
  const Bytes der = spec.der();
  auto e = parse_error(der);
  EXPECT_EQ(e.der.offset, find_bytes(der, second));
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.extensions.extensions.extension[2]");
  EXPECT_TRUE(contains(e.der.reason, "duplicate extension id-ce-keyUsage")) << e.der.reason;
}

TEST(Certificate, DuplicateUnknownExtensionIsRejectedToo) {
  CertSpec spec;
  const auto id = asn1::Oid::from_arcs({1, 2, 3, 4, 5});
  spec.extensions = std::vector<Bytes>{test::extension_der(id, hex_bytes("0500")),
                                       test::extension_der(id, hex_bytes("0500"))};
  auto e = parse_error(spec.der());
  EXPECT_TRUE(contains(e.der.reason, "1.2.3.4.5")) << e.der.reason;
}

TEST(Certificate, UnknownCriticalExtensionIsKeptAndReported) {
  CertSpec spec;
  const auto id = asn1::Oid::from_arcs({1, 2, 3, 4, 5});
  spec.extensions = std::vector<Bytes>{test::extension_der(id, hex_bytes("0500"), true)};
  const Certificate c = parse_ok(spec.der());
  ASSERT_NE(c.unknown_critical_extension(), nullptr);
  EXPECT_EQ(c.unknown_critical_extension()->id, id);
  EXPECT_FALSE(c.unknown_critical_extension()->understood);
  EXPECT_EQ(c.unknown_critical_extension()->value, hex_bytes("0500"));
  // Not critical: kept, not a problem.
  spec.extensions = std::vector<Bytes>{test::extension_der(id, hex_bytes("0500"))};
  const Certificate c2 = parse_ok(spec.der());
  EXPECT_EQ(c2.unknown_critical_extension(), nullptr);
  ASSERT_EQ(c2.extensions.size(), 1u);
  EXPECT_FALSE(c2.extensions[0].understood);
}

TEST(Certificate, ExtensionRules) {
  CertSpec spec;
  // critical FALSE written out (DEFAULT FALSE, X.690 §11.5).
  spec.extensions = std::vector<Bytes>{key_usage_ext(false)};
  auto e = parse_error(spec.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.extensions.extensions.extension[0].critical");
  // An empty Extensions SEQUENCE (SIZE (1..MAX)).
  spec.extensions = std::vector<Bytes>{};
  e = parse_error(spec.der());
  EXPECT_EQ(e.der.path, "certificate.tbsCertificate.extensions.extensions");
}

TEST(Certificate, ExtensionValueErrorsPointIntoTheCertificate) {
  CertSpec spec;
  // keyUsage with no bit set (RFC 5280 §4.2.1.3).
  const Bytes ext = test::extension_der(oids::id_ce_keyUsage, hex_bytes("030100"), true);
  spec.extensions = std::vector<Bytes>{ext};
  const Bytes der = spec.der();
  auto e = parse_error(der);
  // The extnValue's contents are the last 3 bytes of the extension.
  EXPECT_EQ(e.der.offset, find_bytes(der, ext) + ext.size() - 3);
  EXPECT_EQ(e.der.path,
            "certificate.tbsCertificate.extensions.extensions.extension[0].extnValue(id-ce-"
            "keyUsage).keyUsage");
  EXPECT_TRUE(contains(e.der.reason, "4.2.1.3")) << e.der.reason;
  EXPECT_EQ(e.to_string().find("certificate.tbsCertificate"), 0u);
}

// ---- PEM (RFC 7468) -----------------------------------------------------------------------------

TEST(CertificatePem, ParsesEveryCertificateBlockAndSkipsOthers) {
  CertSpec a, b;
  b.subject = test::cn_name("second");
  const std::string text = "junk before\n" + asn1::pem_encode("CERTIFICATE", a.der()) +
                           asn1::pem_encode("PRIVATE KEY", Bytes{1, 2, 3}) +
                           asn1::pem_encode("CERTIFICATE", b.der()) + "junk after\n";
  auto certs = parse_certificates_pem(text);
  ASSERT_TRUE(certs) << certs.error().to_string();
  ASSERT_EQ(certs->size(), 2u);
  EXPECT_EQ((*certs)[1].subject.to_string(), "CN=second");
  EXPECT_TRUE(parse_certificates_pem("no blocks here")->empty());
}

TEST(CertificatePem, ErrorsNameTheLine) {
  CertSpec good, bad;
  bad.serial = prim(tags::integer, Bytes(21, 1));
  const std::string first = asn1::pem_encode("CERTIFICATE", good.der());
  const std::size_t lines_before =
      static_cast<std::size_t>(std::count(first.begin(), first.end(), '\n'));
  const std::string text = first + asn1::pem_encode("CERTIFICATE", bad.der());
  auto certs = parse_certificates_pem(text);
  ASSERT_FALSE(certs);
  EXPECT_EQ(certs.error().pem_line, lines_before + 1);
  EXPECT_EQ(certs.error().der.path, "certificate.tbsCertificate.serialNumber");
  EXPECT_EQ(
      certs.error().to_string().rfind("PEM block at line " + std::to_string(lines_before + 1), 0),
      0u);
  // Broken PEM itself: a BEGIN without END.
  auto broken = parse_certificates_pem("-----BEGIN CERTIFICATE-----\nAAAA\n");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().pem_line, 1u);
}

}  // namespace
}  // namespace glasstls::x509
