// The builder judged by OpenSSL, and OpenSSL's keys and certificates read here:
//  * a root/intermediate/leaf PKI of each key kind minted by CertificateBuilder passes
//    `openssl verify -x509_strict -purpose sslserver -verify_hostname ... -attime ...` — strict
//    mode checks the profile (critical basicConstraints on CAs, key identifiers present, ...), so
//    this is the strongest outside evidence that the builder writes RFC 5280 certificates; and
//    the same command refuses a corrupted signature, another host name and a time outside the
//    validity, so the test can fail;
//  * keys made by `openssl genpkey` (RSA, RSA-PSS with and without restrictions, P-256, P-384,
//    Ed25519) read as the right kind, and the self-signed certificates `openssl req -x509` makes
//    with them parse and verify here.
#include <chrono>

#include <gtest/gtest.h>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/builder.hpp"
#include "support/test_support.hpp"
#include "x509/signature/openssl_cli.hpp"
#include "x509/signature/test_keys.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using crypto::HashAlg;

WallTime at(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d));
}
std::string epoch(WallTime t) {
  return std::to_string(t.time_since_epoch().count());
}

struct Pki {
  Certificate root, inter, leaf;
};

// Root (10 years), intermediate (pathLen 0) and a server leaf for www.example.com.
Pki mint(const SigningKey& root_key, const SigningKey& inter_key, const SigningKey& leaf_key,
         bool corrupt_leaf = false) {
  auto root = CertificateBuilder()
                  .subject(make_name({{oids::id_at_countryName, "DE"},
                                      {oids::id_at_organizationName, "glasstls test"},
                                      {oids::id_at_commonName, "Builder Root"}}))
                  .self_signed()
                  .validity(at(2025, 1, 1), at(2035, 1, 1))
                  .public_key(root_key.public_key())
                  .basic_constraints(true)
                  .key_usage(KeyUsage::key_cert_sign | KeyUsage::crl_sign)
                  .sign(root_key);
  EXPECT_TRUE(root.ok()) << root.error().to_string();
  auto inter = CertificateBuilder()
                   .issuer(*root)
                   .subject(make_name({{oids::id_at_organizationName, "glasstls test"},
                                       {oids::id_at_commonName, "Builder Intermediate"}}))
                   .validity(at(2025, 1, 1), at(2030, 1, 1))
                   .public_key(inter_key.public_key())
                   .basic_constraints(true, 0)
                   .key_usage(KeyUsage::key_cert_sign | KeyUsage::crl_sign)
                   .ext_key_usage({oids::id_kp_serverAuth, oids::id_kp_clientAuth})
                   .sign(root_key);
  EXPECT_TRUE(inter.ok()) << inter.error().to_string();
  CertificateBuilder leaf_builder;
  leaf_builder.issuer(*inter)
      .subject(make_name("www.example.com"))
      .validity(at(2025, 6, 1), at(2026, 6, 1))
      .public_key(leaf_key.public_key())
      .basic_constraints(false, std::nullopt, false)
      .key_usage(KeyUsage::digital_signature)
      .ext_key_usage({oids::id_kp_serverAuth})
      .add_dns_name("www.example.com")
      .add_dns_name("example.com")
      .add_ip_address(*ip_address_bytes("2001:db8::1"))
      .add_crl_distribution_point("http://crl.example.com/inter.crl")
      .add_ocsp_uri("http://ocsp.example.com");
  if (corrupt_leaf) leaf_builder.corrupt_signature();
  auto leaf = leaf_builder.sign(inter_key);
  EXPECT_TRUE(leaf.ok()) << leaf.error().to_string();
  return {std::move(*root), std::move(*inter), std::move(*leaf)};
}

openssl_cli::Run verify_with_openssl(const openssl_cli::ScratchDir& dir, const Pki& pki,
                                     const std::string& host, WallTime when) {
  dir.write("root.pem", certificate_pem(pki.root.der));
  dir.write("inter.pem", certificate_pem(pki.inter.der));
  dir.write("leaf.pem", certificate_pem(pki.leaf.der));
  return dir.openssl("verify -x509_strict -purpose sslserver -verify_hostname " + host +
                     " -attime " + epoch(when) + " -CAfile root.pem -untrusted inter.pem leaf.pem");
}

TEST(BuilderOpenssl, EveryKindOfPkiPassesStrictVerification) {
  GLASSTLS_REQUIRE_PEER(openssl_cli::available(), "no openssl command");
  openssl_cli::ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const SigningKey rsa_a = test_keys::rsa_pkcs1();
  const SigningKey rsa_b =
      SigningKey::rsa_pkcs1(test_keys::copy(test_keys::rsa2048_b()), HashAlg::sha384);
  const SigningKey pss_root =
      test_keys::rsa_pss({HashAlg::sha256, HashAlg::sha256, 32}, RsaPssKeyForm::pss_restricted);
  const SigningKey pss_inter =
      SigningKey::rsa_pss(test_keys::copy(test_keys::rsa2048_b()),
                          {HashAlg::sha384, HashAlg::sha384, 48}, RsaPssKeyForm::pss_unrestricted)
          .value();
  const SigningKey p384 = test_keys::ec(crypto::EcCurve::p384, 21);
  const SigningKey p256 = test_keys::ec(crypto::EcCurve::p256, 22);
  const SigningKey p256_leaf = test_keys::ec(crypto::EcCurve::p256, 23);
  const SigningKey p256_sha384 =
      test_keys::ec(crypto::EcCurve::p256, 24).with_hash(HashAlg::sha384);
  const SigningKey ed_a = test_keys::ed25519(31);
  const SigningKey ed_b = test_keys::ed25519(32);
  const SigningKey ed_c = test_keys::ed25519(33);

  struct Case {
    const char* name;
    const SigningKey& root;
    const SigningKey& inter;
    const SigningKey& leaf;
  };
  const Case cases[] = {
      {"RSA PKCS#1 v1.5", rsa_a, rsa_b, p256_leaf},
      {"RSA-PSS", pss_root, pss_inter, pss_root},
      {"ECDSA P-384 > P-256 > P-256", p384, p256, p256_leaf},
      {"ECDSA P-256 with SHA-384", p256_sha384, p384, p256_leaf},
      {"Ed25519", ed_a, ed_b, ed_c},
      {"mixed RSA > P-384 > Ed25519", rsa_a, p384, ed_c},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Pki pki = mint(c.root, c.inter, c.leaf);
    const auto run = verify_with_openssl(dir, pki, "www.example.com", at(2025, 9, 1));
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_NE(run.output.find("leaf.pem: OK"), std::string::npos) << run.output;
  }
}

TEST(BuilderOpenssl, OpensslRefusesWhatItShould) {
  GLASSTLS_REQUIRE_PEER(openssl_cli::available(), "no openssl command");
  openssl_cli::ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const SigningKey root = test_keys::ec(crypto::EcCurve::p384, 41);
  const SigningKey inter = test_keys::ec(crypto::EcCurve::p256, 42);
  const SigningKey leaf = test_keys::ed25519(43);
  const Pki good = mint(root, inter, leaf);
  EXPECT_EQ(verify_with_openssl(dir, good, "example.com", at(2025, 9, 1)).status, 0);

  const auto bad_sig =
      verify_with_openssl(dir, mint(root, inter, leaf, true), "www.example.com", at(2025, 9, 1));
  EXPECT_NE(bad_sig.status, 0);
  EXPECT_NE(bad_sig.output.find("signature failure"), std::string::npos) << bad_sig.output;

  const auto other_host = verify_with_openssl(dir, good, "mail.example.com", at(2025, 9, 1));
  EXPECT_NE(other_host.status, 0);
  EXPECT_NE(other_host.output.find("hostname mismatch"), std::string::npos) << other_host.output;

  const auto expired = verify_with_openssl(dir, good, "www.example.com", at(2026, 6, 2));
  EXPECT_NE(expired.status, 0);
  EXPECT_NE(expired.output.find("certificate has expired"), std::string::npos) << expired.output;
}

TEST(BuilderOpenssl, KeyIdentifierMatchesOpenssl) {
  GLASSTLS_REQUIRE_PEER(openssl_cli::available(), "no openssl command");
  openssl_cli::ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const SigningKey key = test_keys::ec(crypto::EcCurve::p256, 51);
  auto cert = CertificateBuilder()
                  .subject(make_name("ski"))
                  .self_signed()
                  .validity(at(2025, 1, 1), at(2026, 1, 1))
                  .public_key(key.public_key())
                  .sign(key);
  ASSERT_TRUE(cert.ok());
  // RFC 5280 §4.2.1.2 method 1 hashes the subjectPublicKey BIT STRING's value without its
  // unused-bits byte: for a P-256 SPKI (30 59 | 30 13 ... | 03 42 00 | 04 X Y) that is the 65
  // bytes from offset 26. OpenSSL's SHA-1 of them must be the identifier we wrote, and OpenSSL
  // must show that identifier in the certificate.
  const Bytes spki = key.spki_der();
  ASSERT_EQ(spki.size(), 91u);
  dir.write("bits.bin", ByteView(spki.data() + 26, spki.size() - 26));
  const auto run = dir.openssl("dgst -sha1 -r bits.bin");
  ASSERT_EQ(run.status, 0) << run.output;
  EXPECT_EQ(run.output.substr(0, 40), hex_encode(*cert->subject_key_id));
  dir.write("cert.der", cert->der);
  const auto shown = dir.openssl("x509 -inform DER -in cert.der -noout -ext subjectKeyIdentifier");
  ASSERT_EQ(shown.status, 0) << shown.output;
  std::string colon_hex;
  for (std::uint8_t b : *cert->subject_key_id) {
    if (!colon_hex.empty()) colon_hex += ':';
    const std::string h = hex_encode(ByteView(&b, 1));
    for (char ch : h) colon_hex += static_cast<char>(std::toupper(ch));
  }
  EXPECT_NE(shown.output.find(colon_hex), std::string::npos) << shown.output;
}

// Keys from `openssl genpkey`, read by read_public_key (through the certificate `openssl req`
// makes for each), and the self-signature OpenSSL made verified by verify_signature.
TEST(BuilderOpenssl, OpensslKeysAndSelfSignedCertificates) {
  GLASSTLS_REQUIRE_PEER(openssl_cli::available(), "no openssl command");
  openssl_cli::ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  struct Case {
    const char* genpkey;
    const char* req_options;
    const char* key_text;
    const char* algorithm_text;
  };
  const Case cases[] = {
      {"-algorithm RSA -pkeyopt rsa_keygen_bits:2048", "-sha384", "RSA 2048",
       "sha384WithRSAEncryption"},
      {"-algorithm RSA -pkeyopt rsa_keygen_bits:2048",
       "-sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:20", "RSA 2048",
       "RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 20)"},
      // An unrestricted RSA-PSS key: OpenSSL signs with the longest salt that fits, 256 - 32 - 2
      // bytes (RFC 8017 §9.1.1 step 3: emLen >= hLen + sLen + 2).
      {"-algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048", "-sha256", "RSA-PSS 2048",
       "RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 222)"},
      {"-algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_pss_keygen_md:sha384 "
       "-pkeyopt rsa_pss_keygen_mgf1_md:sha384 -pkeyopt rsa_pss_keygen_saltlen:48",
       "-sha384", "RSA-PSS 2048", "RSASSA-PSS (SHA-384, MGF1-SHA-384, salt 48)"},
      {"-algorithm EC -pkeyopt ec_paramgen_curve:P-256", "-sha256", "EC P-256",
       "ecdsa-with-SHA256"},
      {"-algorithm EC -pkeyopt ec_paramgen_curve:P-384", "-sha512", "EC P-384",
       "ecdsa-with-SHA512"},
      {"-algorithm ED25519", "", "Ed25519", "Ed25519"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.genpkey) + " " + c.req_options);
    auto run = dir.openssl(std::string("genpkey -out key.pem ") + c.genpkey);
    ASSERT_EQ(run.status, 0) << run.output;
    run = dir.openssl(std::string("req -x509 -new -key key.pem -subj /CN=openssl -days 30 ") +
                      c.req_options + " -outform DER -out cert.der");
    ASSERT_EQ(run.status, 0) << run.output;
    auto cert = parse_certificate(dir.read("cert.der"));
    ASSERT_TRUE(cert.ok()) << cert.error().to_string();
    EXPECT_EQ(cert->public_key.to_string(), c.key_text);
    EXPECT_EQ(cert->signature_algorithm.to_string(), c.algorithm_text);
    auto ok =
        verify_signature(cert->public_key, cert->signature_algorithm, cert->tbs(), cert->signature);
    EXPECT_TRUE(ok.ok()) << to_string(ok.error());

    // The SubjectPublicKeyInfo alone, as `openssl pkey -pubout` writes it, reads the same.
    run = dir.openssl("pkey -in key.pem -pubout -outform DER -out pub.der");
    ASSERT_EQ(run.status, 0) << run.output;
    const Bytes spki = dir.read("pub.der");
    asn1::Der der(spki);
    asn1::DerReader root = der.root();
    const PublicKey key = read_public_key(root, "subjectPublicKeyInfo");
    root.finish();
    ASSERT_TRUE(der.ok()) << der.error().to_string();
    EXPECT_EQ(key.spki_der, cert->public_key.spki_der);
    EXPECT_EQ(key.to_string(), c.key_text);
  }
}

}  // namespace
}  // namespace glasstls::x509
