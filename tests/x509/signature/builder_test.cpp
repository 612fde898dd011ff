// CertificateBuilder: certificates minted here parse back (through parse_certificate) to the
// fields that were set, chain by key identifiers, and carry signatures their issuer's key
// verifies; the time encoding switches at 2050 (RFC 5280 §4.1.2.5); the knobs make the bad
// certificates they promise. `openssl verify` judges the same PKIs in builder_openssl_test.cpp.
#include <algorithm>
#include <chrono>

#include <gtest/gtest.h>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/builder.hpp"
#include "support/test_support.hpp"
#include "x509/signature/test_keys.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using crypto::HashAlg;

WallTime at(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d));
}

bool contains(ByteView haystack, ByteView needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

bool verifies(const Certificate& cert, const PublicKey& issuer_key) {
  return verify_signature(issuer_key, cert.signature_algorithm, cert.tbs(), cert.signature).ok();
}

CertificateBuilder root_builder(const SigningKey& key) {
  CertificateBuilder b;
  b.subject(make_name({{oids::id_at_countryName, "DE"},
                       {oids::id_at_organizationName, "glasstls test"},
                       {oids::id_at_commonName, "Test Root"}}))
      .self_signed()
      .validity(at(2025, 1, 1), at(2035, 1, 1))
      .public_key(key.public_key())
      .basic_constraints(true)
      .key_usage(KeyUsage::key_cert_sign | KeyUsage::crl_sign);
  return b;
}

TEST(CertificateBuilder, RootIntermediateLeafOfEveryKind) {
  std::vector<SigningKey> keys;
  keys.push_back(test_keys::rsa_pkcs1());
  keys.push_back(test_keys::rsa_pss());
  keys.push_back(test_keys::ec(crypto::EcCurve::p256));
  keys.push_back(test_keys::ec(crypto::EcCurve::p384));
  keys.push_back(test_keys::ed25519());
  for (const SigningKey& root_key : keys) {
    SCOPED_TRACE(root_key.algorithm().to_string());
    const SigningKey inter_key = test_keys::ec(crypto::EcCurve::p256, 11);
    const SigningKey leaf_key = test_keys::ed25519(12);

    auto root = root_builder(root_key).sign(root_key);
    ASSERT_TRUE(root.ok()) << root.error().to_string();
    auto inter = CertificateBuilder()
                     .issuer(*root)
                     .subject(make_name("Test Intermediate"))
                     .validity(at(2025, 1, 1), at(2030, 1, 1))
                     .public_key(inter_key.public_key())
                     .basic_constraints(true, 0)
                     .key_usage(KeyUsage::key_cert_sign)
                     .sign(root_key);
    ASSERT_TRUE(inter.ok()) << inter.error().to_string();
    auto leaf = CertificateBuilder()
                    .issuer(*inter)
                    .subject(make_name("www.example.com"))
                    .validity(at(2025, 6, 1), at(2026, 6, 1))
                    .public_key(leaf_key.public_key())
                    .basic_constraints(false, std::nullopt, false)
                    .key_usage(KeyUsage::digital_signature)
                    .ext_key_usage({oids::id_kp_serverAuth})
                    .add_dns_name("www.example.com")
                    .add_ip_address(*ip_address_bytes("192.0.2.7"))
                    .sign(inter_key);
    ASSERT_TRUE(leaf.ok()) << leaf.error().to_string();

    // The fields read back.
    EXPECT_EQ(root->version, 3);
    EXPECT_EQ(root->subject.to_string(), "CN=Test Root,O=glasstls test,C=DE");
    EXPECT_EQ(root->issuer.der, root->subject.der);
    EXPECT_TRUE(root->self_issued());
    EXPECT_EQ(root->signature_algorithm.der, root_key.algorithm().der);
    EXPECT_EQ(root->public_key.spki_der, root_key.spki_der());
    ASSERT_TRUE(root->basic_constraints.has_value());
    EXPECT_TRUE(root->basic_constraints->ca);
    EXPECT_FALSE(root->basic_constraints->path_len.has_value());
    ASSERT_TRUE(root->key_usage.has_value());
    EXPECT_EQ(root->key_usage->bits, KeyUsage::key_cert_sign | KeyUsage::crl_sign);
    EXPECT_EQ(inter->issuer.der, root->subject.der);
    EXPECT_EQ(inter->basic_constraints->path_len, std::optional<std::uint64_t>(0));
    EXPECT_EQ(leaf->subject.to_string(), "CN=www.example.com");
    ASSERT_TRUE(leaf->ext_key_usage.has_value());
    EXPECT_TRUE(leaf->ext_key_usage->has(oids::id_kp_serverAuth));
    ASSERT_TRUE(leaf->subject_alt_name.has_value());
    ASSERT_EQ(leaf->subject_alt_name->names.size(), 2u);
    EXPECT_EQ(leaf->subject_alt_name->names[0].text, "www.example.com");
    EXPECT_EQ(leaf->subject_alt_name->names[1].ip, test::hex("c0000207"));
    EXPECT_EQ(leaf->validity.not_before, at(2025, 6, 1));
    EXPECT_EQ(leaf->validity.not_after, at(2026, 6, 1));

    // Key identifiers chain: AKI = the issuer's SKI = SHA-1 of the issuer's key bits.
    ASSERT_TRUE(root->subject_key_id && inter->subject_key_id && leaf->subject_key_id);
    EXPECT_EQ(root->subject_key_id->size(), 20u);
    EXPECT_EQ(*root->subject_key_id, key_identifier(root_key.spki_der()));
    EXPECT_EQ(root->authority_key_id->key_id, root->subject_key_id);
    EXPECT_EQ(inter->authority_key_id->key_id, root->subject_key_id);
    EXPECT_EQ(leaf->authority_key_id->key_id, inter->subject_key_id);

    // Each signature verifies with its issuer's key, and only with it.
    EXPECT_TRUE(verifies(*root, root->public_key));
    EXPECT_TRUE(verifies(*inter, root->public_key));
    EXPECT_TRUE(verifies(*leaf, inter->public_key));
    EXPECT_FALSE(verifies(*leaf, root->public_key));
  }
}

TEST(CertificateBuilder, TimesSwitchToGeneralizedTimeIn2050) {
  const SigningKey key = test_keys::ed25519();
  // RFC 5280 §4.1.2.5: "through the year 2049 as UTCTime; ... in 2050 or later as
  // GeneralizedTime".
  auto cert = root_builder(key).validity(at(2049, 12, 31), at(2050, 1, 1)).sign_der(key);
  ASSERT_TRUE(cert.ok()) << cert.error().to_string();
  EXPECT_TRUE(contains(*cert, as_bytes("\x17\x0d"
                                       "491231000000Z")));
  EXPECT_TRUE(contains(*cert, as_bytes("\x18\x0f"
                                       "20500101000000Z")));
  auto parsed = parse_certificate(*cert);
  ASSERT_TRUE(parsed.ok()) << parsed.error().to_string();
  EXPECT_EQ(parsed->validity.not_after, at(2050, 1, 1));

  // 99991231235959Z: "no well-defined expiration date" (§4.1.2.5).
  const WallTime forever = std::chrono::sys_days(std::chrono::year(9999) / 12 / 31) +
                           std::chrono::hours(23) + std::chrono::minutes(59) +
                           std::chrono::seconds(59);
  auto eternal = root_builder(key).validity(at(2020, 1, 1), forever).sign(key);
  ASSERT_TRUE(eternal.ok()) << eternal.error().to_string();
  EXPECT_TRUE(eternal->validity.no_expiry());
}

TEST(CertificateBuilder, NamesPickTheirStringTypes) {
  const Name name = make_name({{oids::id_at_countryName, "FR"},
                               {oids::id_at_organizationName, "Société Générale"},
                               {oids::id_at_organizationalUnitName, "Ops (2)"},
                               {oids::id_emailAddress, "ops@example.com"},
                               {oids::id_at_commonName, "a_b"}});
  ASSERT_EQ(name.rdns.size(), 5u);
  EXPECT_EQ(name.rdns[0][0].value_tag, asn1::tags::printable_string);
  EXPECT_EQ(name.rdns[1][0].value_tag, asn1::tags::utf8_string);  // é
  EXPECT_EQ(name.rdns[2][0].value_tag, asn1::tags::printable_string);
  EXPECT_EQ(name.rdns[3][0].value_tag, asn1::tags::ia5_string);
  EXPECT_EQ(name.rdns[4][0].value_tag, asn1::tags::utf8_string);  // '_' is not printable
  // The DER: SEQUENCE { SET { SEQUENCE { 2.5.4.6, PrintableString "FR" } } ... }.
  EXPECT_EQ(hex_encode(ByteView(name.der.data() + 2, 13)), "310b3009060355040613024652");

  const SigningKey key = test_keys::ed25519();
  auto cert = root_builder(key).subject(name).sign(key);
  ASSERT_TRUE(cert.ok()) << cert.error().to_string();
  EXPECT_EQ(cert->subject.der, name.der);
  EXPECT_EQ(cert->subject.first(oids::id_at_organizationName), "Société Générale");
}

TEST(CertificateBuilder, VersionOne) {
  const SigningKey key = test_keys::ec(crypto::EcCurve::p256);
  CertificateBuilder b;
  b.version(1)
      .subject(make_name("v1"))
      .self_signed()
      .validity(at(2025, 1, 1), at(2026, 1, 1))
      .public_key(key.public_key());
  auto cert = b.sign(key);
  ASSERT_TRUE(cert.ok()) << cert.error().to_string();
  EXPECT_EQ(cert->version, 1);
  EXPECT_TRUE(cert->extensions.empty());
  // The serial INTEGER comes first: no [0] version (X.690 §8.1.3: a 2- or 3-byte header here).
  const ByteView tbs = cert->tbs();
  const std::size_t header = (tbs[1] & 0x80) != 0 ? 2u + (tbs[1] & 0x7fu) : 2u;
  EXPECT_EQ(tbs[header], 0x02);

  auto with_extension = b.basic_constraints(true).sign_der(key);
  ASSERT_FALSE(with_extension.ok());
  EXPECT_EQ(with_extension.error().der.path, "builder.extensions");
}

TEST(CertificateBuilder, MissingFieldsAreNamed) {
  const SigningKey key = test_keys::ed25519();
  struct Case {
    CertificateBuilder builder;
    const char* path;
  };
  CertificateBuilder complete = root_builder(key);
  Case cases[] = {
      {CertificateBuilder(complete).version(2), "builder.version"},
      {CertificateBuilder().self_signed().validity(at(2025, 1, 1), at(2026, 1, 1)),
       "builder.subject"},
      {CertificateBuilder().subject(make_name("x")).validity(at(2025, 1, 1), at(2026, 1, 1)),
       "builder.issuer"},
      {CertificateBuilder().subject(make_name("x")).self_signed(), "builder.validity"},
      {CertificateBuilder()
           .subject(make_name("x"))
           .self_signed()
           .validity(at(2025, 1, 1), at(2026, 1, 1)),
       "builder.subjectPublicKeyInfo"},
      // Not an error: a Name given by its attributes only (no DER) is encoded from them.
      {CertificateBuilder(complete).add_dns_name("ok").subject(
           Name{{},
                {Rdn{Attribute{oids::id_at_commonName, asn1::tags::printable_string,
                               to_bytes(std::string_view("a")), "a"}}}}),
       nullptr},
      // A value its string type cannot hold (IA5String is ASCII, RFC 5280 Appendix A.1): the
      // DER writer's refusal, reported for the TBSCertificate.
      {CertificateBuilder(complete).subject(make_name({{oids::id_emailAddress, "é@example.com"}})),
       "builder.tbsCertificate"},
  };
  for (Case& c : cases) {
    auto r = c.builder.sign_der(key);
    if (c.path == nullptr) {
      EXPECT_TRUE(r.ok()) << r.error().to_string();
      continue;
    }
    ASSERT_FALSE(r.ok()) << c.path;
    EXPECT_EQ(r.error().der.path, c.path);
    EXPECT_EQ(r.error().der.offset, 0u);
  }
}

TEST(CertificateBuilder, EveryExtension) {
  const SigningKey key = test_keys::ec(crypto::EcCurve::p384);
  auto cert = root_builder(key)
                  .permit_dns("example.com")
                  .exclude_dns("bad.example.com")
                  .permit_ip(test::hex("c0000200 ffffff00"))
                  .add_crl_distribution_point("http://crl.example.com/root.crl")
                  .add_ocsp_uri("http://ocsp.example.com")
                  .add_ca_issuers_uri("http://ca.example.com/root.der")
                  .must_staple()
                  .raw_extension(asn1::Oid::from_arcs({1, 3, 6, 1, 4, 1, 99999, 1}),
                                 test::hex("0500"), false)
                  .sign(key);
  ASSERT_TRUE(cert.ok()) << cert.error().to_string();
  ASSERT_TRUE(cert->name_constraints.has_value());
  ASSERT_EQ(cert->name_constraints->permitted.size(), 2u);
  EXPECT_EQ(cert->name_constraints->permitted[0].text, "example.com");
  EXPECT_EQ(cert->name_constraints->permitted[1].ip, test::hex("c0000200ffffff00"));
  ASSERT_EQ(cert->name_constraints->excluded.size(), 1u);
  EXPECT_EQ(cert->name_constraints->excluded[0].text, "bad.example.com");
  ASSERT_EQ(cert->crl_distribution_points.size(), 1u);
  ASSERT_EQ(cert->crl_distribution_points[0].full_name.size(), 1u);
  EXPECT_EQ(cert->crl_distribution_points[0].full_name[0].text, "http://crl.example.com/root.crl");
  ASSERT_TRUE(cert->authority_info_access.has_value());
  EXPECT_EQ(cert->authority_info_access->ocsp, std::vector<std::string>{"http://ocsp.example.com"});
  EXPECT_EQ(cert->authority_info_access->ca_issuers,
            std::vector<std::string>{"http://ca.example.com/root.der"});
  ASSERT_TRUE(cert->tls_feature.has_value());
  EXPECT_TRUE(cert->tls_feature->must_staple());
  EXPECT_EQ(cert->unknown_critical_extension(), nullptr);
  // Critical flags: basicConstraints, keyUsage and nameConstraints are critical; the rest not.
  for (const Extension& e : cert->extensions) {
    const bool critical = e.id == oids::id_ce_basicConstraints || e.id == oids::id_ce_keyUsage ||
                          e.id == oids::id_ce_nameConstraints;
    EXPECT_EQ(e.critical, critical) << e.id.to_dotted();
  }
}

TEST(CertificateBuilder, KeyIdentifiersCanBeChosenOrLeftOut) {
  const SigningKey key = test_keys::ed25519();
  auto chosen = root_builder(key)
                    .subject_key_id(test::hex("0102"))
                    .authority_key_id(test::hex("0304"))
                    .sign(key);
  ASSERT_TRUE(chosen.ok());
  EXPECT_EQ(chosen->subject_key_id, test::hex("0102"));
  EXPECT_EQ(chosen->authority_key_id->key_id, test::hex("0304"));
  auto none = root_builder(key).no_subject_key_id().no_authority_key_id().sign(key);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->subject_key_id.has_value());
  EXPECT_FALSE(none->authority_key_id.has_value());
}

TEST(CertificateBuilder, SanIsCriticalWhenTheSubjectIsEmpty) {
  // RFC 5280 §4.2.1.6: "If the subject field contains an empty sequence, ... the subjectAltName
  // extension ... MUST be critical."
  const SigningKey key = test_keys::ed25519();
  // (Not self-signed: the issuer must not be empty, §4.1.2.4.)
  auto cert = root_builder(key)
                  .issuer(make_name("Issuing CA"))
                  .subject(make_name(std::vector<std::pair<asn1::Oid, std::string>>{}))
                  .add_dns_name("a.example")
                  .sign(key);
  ASSERT_TRUE(cert.ok()) << cert.error().to_string();
  EXPECT_TRUE(cert->subject.empty());
  bool found = false;
  for (const Extension& e : cert->extensions) {
    if (e.id == oids::id_ce_subjectAltName) {
      EXPECT_TRUE(e.critical);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST(CertificateBuilder, KnobsMakeBadCertificates) {
  const SigningKey key = test_keys::ec(crypto::EcCurve::p256);
  auto good = root_builder(key).sign(key);
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(verifies(*good, good->public_key));

  auto corrupt = root_builder(key).corrupt_signature().sign(key);
  ASSERT_TRUE(corrupt.ok()) << corrupt.error().to_string();
  EXPECT_FALSE(verifies(*corrupt, corrupt->public_key));

  // Claiming SHA-384 while the key signs SHA-256: parses, does not verify.
  auto claimed =
      root_builder(key)
          .signature_algorithm_override(
              make_signature_algorithm(SignatureAlgorithm::Kind::ecdsa, HashAlg::sha384).der)
          .sign(key);
  ASSERT_TRUE(claimed.ok()) << claimed.error().to_string();
  EXPECT_EQ(claimed->signature_algorithm.hash, HashAlg::sha384);
  EXPECT_FALSE(verifies(*claimed, claimed->public_key));

  // An outer signatureAlgorithm different from tbsCertificate.signature (RFC 5280 §4.1.1.2:
  // "MUST contain the same algorithm identifier") is refused by the parser.
  auto mismatch =
      root_builder(key)
          .outer_signature_algorithm_override(
              make_signature_algorithm(SignatureAlgorithm::Kind::ecdsa, HashAlg::sha512).der)
          .sign(key);
  EXPECT_FALSE(mismatch.ok());

  // An algorithm glasstls does not implement (md5WithRSAEncryption) parses, kept by OID, and
  // nothing verifies it: MD5 is refused as weak.
  auto md5 = root_builder(key)
                 .signature_algorithm_override(test::hex("300d06092a864886f70d0101040500"))
                 .sign(key);
  ASSERT_TRUE(md5.ok()) << md5.error().to_string();
  EXPECT_EQ(md5->signature_algorithm.to_string(), "1.2.840.113549.1.1.4 (md5WithRSAEncryption)");
  EXPECT_EQ(verify_signature(md5->public_key, md5->signature_algorithm, md5->tbs(), md5->signature)
                .error(),
            SignatureError::weak_algorithm);

  // A duplicated extension (RFC 5280 §4.2: "MUST NOT include more than one instance").
  auto twice = root_builder(key)
                   .raw_extension(oids::id_ce_basicConstraints, test::hex("3000"), true)
                   .sign(key);
  EXPECT_FALSE(twice.ok());
}

TEST(CertificateBuilder, SerialsAndPem) {
  const SigningKey key = test_keys::ed25519();
  auto a = root_builder(key).sign(key);
  auto b = root_builder(key).validity(at(2025, 1, 2), at(2035, 1, 1)).sign(key);
  auto c = root_builder(key).serial(0x1234).sign(key);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_EQ(a->serial.size(), 16u);
  EXPECT_LT(a->serial[0], 0x80);  // positive (RFC 5280 §4.1.2.2)
  EXPECT_NE(a->serial, b->serial);
  EXPECT_EQ(c->serial, test::hex("1234"));
  const std::string pem = certificate_pem(a->der);
  EXPECT_EQ(pem.rfind("-----BEGIN CERTIFICATE-----\n", 0), 0u);
  auto back = parse_certificates_pem(pem);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ((*back)[0].der, a->der);
}

TEST(CertificateBuilder, IpAddressText) {
  EXPECT_EQ(ip_address_bytes("10.1.2.3"), test::hex("0a010203"));
  EXPECT_EQ(ip_address_bytes("2001:db8::1"), test::hex("20010db8000000000000000000000001"));
  EXPECT_FALSE(ip_address_bytes("10.1.2").has_value());
  EXPECT_FALSE(ip_address_bytes("example.com").has_value());
}

}  // namespace
}  // namespace glasstls::x509
