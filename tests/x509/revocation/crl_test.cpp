// parse_crl (RFC 5280 §5): a CRL minted by OpenSSL read field by field, its signature checked
// with the CA certificate; malformed CRLs refused with the offset and path of the rule broken;
// and every CRL of NIST PKITS read.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/crl.hpp"
#include "support/test_support.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using test::hex;

WallTime utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(mo) /
                               std::chrono::day(d)) +
         std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
}

// Made once, by hand, with the OpenSSL 3.0.19 CLI in /tmp (a throwaway CA directory with an
// index.txt, serial 1000, crlnumber 01; ca.cnf with default_md sha256, and a section crl_ext
// holding "authorityKeyIdentifier = keyid:always"):
//   openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
//   openssl req -new -x509 -key ca.key -config ca.cnf -extensions v3_ca -days 3650
//       -subj "/CN=Test CA" -out ca.pem            (v3_ca: CA:true, keyCertSign+cRLSign, SKI hash)
//   openssl ca -config ca.cnf -gencrl -crldays 7 -out empty.crl -batch     (CRL number 1)
//   openssl req -new -key leaf.key -subj "/CN=Leaf" -out leaf.csr
//   openssl ca -config ca.cnf -in leaf.csr -out leaf.pem -batch
//       -startdate 20260101000000Z -enddate 20270101000000Z                (serial 0x1000)
//   openssl ca -config ca.cnf -revoke leaf.pem -crl_reason keyCompromise
//   openssl ca -config ca.cnf -gencrl -crldays 7 -crlexts crl_ext -out small.crl -batch
//   openssl crl -in small.crl -outform DER | xxd -p
// (continuation lines are one command each). `openssl asn1parse` of it gives the offsets used
// below.
const char* const kSmallCrl =
    "3081f0308197020101300a06082a8648ce3d04030230123110300e060355"
    "04030c0754657374204341170d3236313132373132333833365a170d3236"
    "313230343132333833365a3023302102021000170d323631313237313233"
    "3833365a300c300a0603551d1504030a0101a02f302d301f0603551d2304"
    "183016801425de4f7ebaf9b601ba0adc268382185d1002ea05300a060355"
    "1d140403020102300a06082a8648ce3d0403020348003045022100a12915"
    "ad3e2d5b542d7184f6d42b0678d2c87eee965d00fd85b02546b377e20d02"
    "205d2528fa9e991b02d673973d9eb5aa0eabaeed7b890cde0ce127318e89"
    "a629c9";
// ca.pem of the same session: `openssl x509 -in ca.pem -outform DER | xxd -p`.
const char* const kSmallCrlCa =
    "308201683082010ea00302010202144211662ddc06603ab86216d1b02367"
    "89720273be300a06082a8648ce3d04030230123110300e06035504030c07"
    "54657374204341301e170d3236313132373132333833325a170d33363131"
    "32343132333833325a30123110300e06035504030c075465737420434130"
    "59301306072a8648ce3d020106082a8648ce3d03010703420004a4c1cea8"
    "7c86d5aab6f154e226ee69d2c11bd7365957d3bc1712d00236699729280e"
    "df73f4afed0766d7235062620c88fd221a0673a932bade0c25906bdf4c5a"
    "a3423040300f0603551d130101ff040530030101ff300e0603551d0f0101"
    "ff040403020106301d0603551d0e0416041425de4f7ebaf9b601ba0adc26"
    "8382185d1002ea05300a06082a8648ce3d0403020348003045022100e1db"
    "673565af76d04a554bbef4c6ef8c9b8a7df00c2b87c24b334439827771e7"
    "02201d12e200c23e01713ea6d7876b2e1da8a9b2ada50738c5fb48e5d722"
    "8757091f";

TEST(CrlKnownAnswer, EveryFieldOfAnOpensslCrl) {
  const Bytes der = hex(kSmallCrl);
  auto crl = parse_crl(der);
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();
  // §5.1.2.1: version INTEGER 1 at offset 6 means v2.
  EXPECT_EQ(crl->version, 2);
  EXPECT_EQ(crl->tbs_offset, 3u);
  EXPECT_EQ(crl->tbs_size, 154u);  // 3-byte header + 151
  EXPECT_EQ(crl->tbs().size(), 154u);
  EXPECT_EQ(crl->tbs()[0], 0x30);
  EXPECT_EQ(crl->signature_algorithm.to_string(), "ecdsa-with-SHA256");
  ASSERT_EQ(crl->issuer.rdns.size(), 1u);
  ASSERT_EQ(crl->issuer.rdns[0].size(), 1u);
  EXPECT_EQ(crl->issuer.rdns[0][0].type, oids::id_at_commonName);
  EXPECT_EQ(crl->issuer.rdns[0][0].value_tag, asn1::tags::utf8_string);
  EXPECT_EQ(crl->issuer.rdns[0][0].utf8, "Test CA");
  // §5.1.2.4/5: UTCTime 261127123836Z and 261204123836Z.
  EXPECT_EQ(crl->this_update, utc(2026, 11, 27, 12, 38, 36));
  ASSERT_TRUE(crl->next_update);
  EXPECT_EQ(*crl->next_update, utc(2026, 12, 4, 12, 38, 36));
  // §5.1.2.6: one entry, serial 0x1000, keyCompromise (§5.3.1).
  ASSERT_EQ(crl->revoked.size(), 1u);
  const RevokedEntry& r = crl->revoked[0];
  EXPECT_EQ(r.serial, hex("1000"));
  EXPECT_EQ(r.revocation_date, utc(2026, 11, 27, 12, 38, 36));
  ASSERT_TRUE(r.reason);
  EXPECT_EQ(*r.reason, CrlReason::key_compromise);
  EXPECT_FALSE(r.invalidity_date);
  EXPECT_TRUE(r.certificate_issuer.empty());
  ASSERT_EQ(r.extensions.size(), 1u);
  EXPECT_EQ(r.extensions[0].id, oids::id_ce_cRLReasons);
  EXPECT_EQ(r.extensions[0].offset, 96u);  // the Extension, inside the list at 94
  EXPECT_FALSE(r.extensions[0].critical);
  EXPECT_TRUE(r.extensions[0].understood);
  EXPECT_EQ(r.extensions[0].value, hex("0a0101"));
  EXPECT_EQ(r.unknown_critical_extension(), nullptr);
  // §5.2: authorityKeyIdentifier then cRLNumber 2.
  ASSERT_EQ(crl->extensions.size(), 2u);
  EXPECT_EQ(crl->extensions[0].id, oids::id_ce_authorityKeyIdentifier);
  EXPECT_EQ(crl->extensions[0].offset, 112u);
  EXPECT_EQ(crl->extensions[1].id, oids::id_ce_cRLNumber);
  EXPECT_EQ(crl->extensions[1].offset, 145u);
  ASSERT_TRUE(crl->authority_key_id);
  ASSERT_TRUE(crl->authority_key_id->key_id);
  EXPECT_EQ(*crl->authority_key_id->key_id, hex("25de4f7ebaf9b601ba0adc268382185d1002ea05"));
  ASSERT_TRUE(crl->crl_number);
  EXPECT_EQ(*crl->crl_number, hex("02"));
  EXPECT_FALSE(crl->delta_crl_indicator);
  EXPECT_FALSE(crl->issuing_distribution_point);
  EXPECT_TRUE(crl->freshest_crl.empty());
  EXPECT_EQ(crl->unknown_critical_extension(), nullptr);
  // §5.1.1.3: a 71-byte ECDSA-Sig-Value.
  EXPECT_EQ(crl->signature.size(), 71u);
  EXPECT_EQ(crl->signature[0], 0x30);
  EXPECT_EQ(crl->der, der);
  EXPECT_EQ(crl->fingerprint_sha256().size(), 64u);

  ASSERT_NE(crl->find(hex("1000")), nullptr);
  EXPECT_EQ(crl->find(hex("1000")), &crl->revoked[0]);
  EXPECT_EQ(crl->find(hex("10")), nullptr);
  EXPECT_EQ(crl->find(hex("001000")), nullptr);  // contents octets compared exactly
}

TEST(CrlKnownAnswer, SignatureVerifiesWithTheCaCertificate) {
  auto crl = parse_crl(hex(kSmallCrl));
  auto ca = parse_certificate(hex(kSmallCrlCa));
  ASSERT_TRUE(crl.ok());
  ASSERT_TRUE(ca.ok()) << ca.error().to_string();
  EXPECT_TRUE(names_match(crl->issuer, ca->subject));
  EXPECT_EQ(*crl->authority_key_id->key_id, *ca->subject_key_id);
  EXPECT_TRUE(
      verify_signature(ca->public_key, crl->signature_algorithm, crl->tbs(), crl->signature).ok());
  // One flipped bit in the signed bytes (thisUpdate's last digit) breaks it.
  Bytes changed = hex(kSmallCrl);
  changed[53] ^= 0x01;
  auto bad = parse_crl(changed);
  ASSERT_TRUE(bad.ok()) << bad.error().to_string();
  EXPECT_FALSE(
      verify_signature(ca->public_key, bad->signature_algorithm, bad->tbs(), bad->signature).ok());
}

TEST(CrlKnownAnswer, PemRoundTrip) {
  const Bytes der = hex(kSmallCrl);
  const std::string pem = crl_pem(der);
  EXPECT_EQ(pem.rfind("-----BEGIN X509 CRL-----\n", 0), 0u);
  // A certificate block in front is skipped; the CRL is found after it.
  const std::string text = "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n" + pem;
  auto crls = parse_crls_pem(text);
  ASSERT_TRUE(crls.ok()) << crls.error().to_string();
  ASSERT_EQ(crls->size(), 1u);
  EXPECT_EQ((*crls)[0].der, der);
  // A broken CRL block names its line.
  Bytes broken = der;
  broken[6] = 0x05;
  auto bad = parse_crls_pem("\n" + crl_pem(broken));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().pem_line, 2u);
}

TEST(CrlReasonNames, Rfc5280Section531) {
  EXPECT_EQ(to_string(CrlReason::unspecified), "unspecified");
  EXPECT_EQ(to_string(CrlReason::key_compromise), "keyCompromise");
  EXPECT_EQ(to_string(CrlReason::ca_compromise), "cACompromise");
  EXPECT_EQ(to_string(CrlReason::affiliation_changed), "affiliationChanged");
  EXPECT_EQ(to_string(CrlReason::superseded), "superseded");
  EXPECT_EQ(to_string(CrlReason::cessation_of_operation), "cessationOfOperation");
  EXPECT_EQ(to_string(CrlReason::certificate_hold), "certificateHold");
  EXPECT_EQ(to_string(CrlReason::remove_from_crl), "removeFromCRL");
  EXPECT_EQ(to_string(CrlReason::privilege_withdrawn), "privilegeWithdrawn");
  EXPECT_EQ(to_string(CrlReason::aa_compromise), "aACompromise");
  for (std::int64_t v = -2; v <= 12; ++v) {
    const auto r = crl_reason_from_value(v);
    if (v < 0 || v == 7 || v > 10) {
      EXPECT_FALSE(r) << v;
    } else {
      ASSERT_TRUE(r) << v;
      EXPECT_EQ(static_cast<std::int64_t>(*r), v);
    }
  }
}

// ---- malformed
// -----------------------------------------------------------------------------------

TEST(CrlMalformed, EveryStrictPrefixIsAnError) {
  const Bytes der = hex(kSmallCrl);
  for (std::size_t n = 0; n < der.size(); ++n) {
    auto r = parse_crl(ByteView(der.data(), n));
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes parsed";
    EXPECT_LE(r.error().der.offset, n);
    EXPECT_FALSE(r.error().der.reason.empty());
  }
  Bytes longer = der;
  longer.push_back(0x00);
  EXPECT_FALSE(parse_crl(longer).ok());
}

// A CertificateList around hand-written tbsCertList contents: ecdsa-with-SHA256 in both places and
// a dummy signature (only the form is read).
Bytes crl_with_tbs(ByteView tbs_contents) {
  const Bytes alg = hex("300a06082a8648ce3d040302");
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& list) {
    list.constructed(asn1::tags::sequence, [&](asn1::DerWriter& t) {
      // The contents are written as they are (one raw run of elements).
      t.raw(tbs_contents);
    });
    list.raw(alg);
    list.bit_string(hex("3006020101020101"));
  });
  return w.take();
}

// tbsCertList pieces, hex: signature, issuer "CN=Test CA", thisUpdate.
const char* const kAlg = "300a06082a8648ce3d040302";
const char* const kIssuer = "30123110300e06035504030c0754657374204341";
const char* const kThis = "170d3236313132373132333833365a";
// revokedCertificates with serial 1000 and no entry extensions.
const char* const kRevokedPlain = "3015301302021000170d3236313132373132333833365a";
// crlExtensions [0] with cRLNumber 2.
const char* const kCrlNumberExt = "a00e300c300a0603551d140403020102";

std::size_t find(const Bytes& hay, const Bytes& needle) {
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end());
  return it == hay.end() ? std::string::npos : static_cast<std::size_t>(it - hay.begin());
}

void expect_error(const Bytes& der, std::size_t offset, const std::string& path,
                  const std::string& reason_part) {
  auto r = parse_crl(der);
  ASSERT_FALSE(r.ok()) << "parsed";
  EXPECT_EQ(r.error().der.offset, offset) << r.error().to_string();
  EXPECT_EQ(r.error().der.path, path) << r.error().to_string();
  EXPECT_NE(r.error().der.reason.find(reason_part), std::string::npos) << r.error().to_string();
}

TEST(CrlMalformed, HandWrittenBaselineParses) {
  // The pieces below parse when put together legally, so each failure is the one change made.
  auto v1 = parse_crl(crl_with_tbs(hex(std::string(kAlg) + kIssuer + kThis + kRevokedPlain)));
  ASSERT_TRUE(v1.ok()) << v1.error().to_string();
  EXPECT_EQ(v1->version, 1);
  EXPECT_FALSE(v1->next_update);
  auto v2 =
      parse_crl(crl_with_tbs(hex(std::string("020101") + kAlg + kIssuer + kThis + kCrlNumberExt)));
  ASSERT_TRUE(v2.ok()) << v2.error().to_string();
  EXPECT_EQ(v2->version, 2);
  EXPECT_TRUE(v2->revoked.empty());
}

TEST(CrlMalformed, Version3) {
  // §5.1.2.1: when present, version MUST be v2 (1).
  Bytes der = hex(kSmallCrl);
  der[8] = 0x02;
  expect_error(der, 6, "CertificateList.tbsCertList.version", "MUST be 1");
}

TEST(CrlMalformed, ExplicitV1Version) {
  Bytes der = hex(kSmallCrl);
  der[8] = 0x00;
  expect_error(der, 6, "CertificateList.tbsCertList.version", "MUST be 1");
}

TEST(CrlMalformed, V1WithCrlExtensions) {
  const Bytes der = crl_with_tbs(hex(std::string(kAlg) + kIssuer + kThis + kCrlNumberExt));
  expect_error(der, find(der, hex("a00e300c")), "CertificateList.tbsCertList.crlExtensions",
               "v1 CRL");
}

TEST(CrlMalformed, V1WithEntryExtensions) {
  // The entry of the OpenSSL CRL (with its reasonCode) in a tbsCertList without version.
  const std::string entry =
      "3023302102021000170d3236313132373132333833365a300c300a0603551d1504030a0101";
  const Bytes der = crl_with_tbs(hex(std::string(kAlg) + kIssuer + kThis + entry));
  expect_error(der, find(der, hex("300c300a0603551d15")),
               "CertificateList.tbsCertList.revokedCertificates[0].crlEntryExtensions", "v1 CRL");
}

TEST(CrlMalformed, EmptyRevokedCertificates) {
  const Bytes der =
      crl_with_tbs(hex(std::string("020101") + kAlg + kIssuer + kThis + "3000" + kCrlNumberExt));
  expect_error(der, find(der, hex("3000a00e")), "CertificateList.tbsCertList.revokedCertificates",
               "§5.1.2.6");
}

TEST(CrlMalformed, EmptyIssuer) {
  const Bytes der = crl_with_tbs(hex(std::string(kAlg) + "3000" + kThis));
  expect_error(der, find(der, hex("3000170d")), "CertificateList.tbsCertList.issuer", "§5.1.2.3");
}

TEST(CrlMalformed, MismatchedOuterAlgorithm) {
  // §5.1.1.2: the outer AlgorithmIdentifier (offset 157) says ecdsa-with-SHA384 instead.
  Bytes der = hex(kSmallCrl);
  ASSERT_EQ(der[168], 0x02);
  der[168] = 0x03;
  expect_error(der, 157, "CertificateList.signatureAlgorithm", "§5.1.1.2");
}

TEST(CrlMalformed, EntrySerialLongerThan20Octets) {
  const std::string serial = "0215" + std::string(42, '1');
  const std::string entry =
      "3028" + std::string("3026") + serial + "170d3236313132373132333833365a";
  const Bytes der = crl_with_tbs(hex(std::string(kAlg) + kIssuer + kThis + entry));
  expect_error(der, find(der, hex("0215")),
               "CertificateList.tbsCertList.revokedCertificates[0].userCertificate", "20");
}

TEST(CrlMalformed, NegativeSerialIsKept) {
  // PKITS revokes certificates with negative serials: kept as encoded.
  const std::string entry = "301430120201ff170d3236313132373132333833365a";
  auto crl = parse_crl(crl_with_tbs(hex(std::string(kAlg) + kIssuer + kThis + entry)));
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();
  EXPECT_EQ(crl->revoked[0].serial, hex("ff"));
  EXPECT_NE(crl->find(hex("ff")), nullptr);
}

TEST(CrlMalformed, NegativeCrlNumber) {
  const Bytes der = crl_with_tbs(
      hex(std::string("020101") + kAlg + kIssuer + kThis + "a00e300c300a0603551d1404030201ff"));
  expect_error(der, find(der, hex("0201ff")),
               "CertificateList.tbsCertList.crlExtensions[0].extnValue(id-ce-cRLNumber).cRLNumber",
               "negative");
}

TEST(CrlMalformed, CriticalFalseEncoded) {
  const Bytes der = crl_with_tbs(hex(std::string("020101") + kAlg + kIssuer + kThis +
                                     "a011300f300d0603551d140101000403020102"));
  expect_error(der, find(der, hex("010100")),
               "CertificateList.tbsCertList.crlExtensions[0].critical", "X.690 §11.5");
}

// BadCRLSignatureCACRL.crl (PKITS 4.4.4, "Invalid Bad CRL Signature Test4") has its signature
// spoiled in the BIT STRING's unused-bits octet (01): an RSA signature is a whole number of octets
// (RFC 3279 §2.2.1), so the signatureValue is malformed and the CRL is refused at parsing — as
// parse_certificate refuses such a signature. The test's expected outcome (the path is invalid,
// the CRL being unusable) is the same either way.
const std::vector<std::string> kPkitsRefused = {"BadCRLSignatureCACRL.crl"};

// ---- NIST PKITS
// ----------------------------------------------------------------------------------

// Every CRL of PKITS (python3-cryptography-vectors, PKITS_data/crls/*.crl) parses, except the
// ones listed here, each refused for the reason given.
TEST(CrlPkits, EveryCrlParses) {
  namespace fs = std::filesystem;
  const auto vectors = test::pyca_vectors_dir();
  GLASSTLS_REQUIRE_PEER(vectors && fs::exists(*vectors / "x509/PKITS_data/crls"),
                        "python3-cryptography-vectors (PKITS_data) is not installed");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(*vectors / "x509/PKITS_data/crls"))
    if (e.path().extension() == ".crl") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::size_t parsed = 0;
  std::vector<std::string> refused;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    const Bytes der((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto crl = parse_crl(der);
    if (crl.ok()) {
      ++parsed;
      continue;
    }
    refused.push_back(f.filename().string());
    std::printf("  refused %s: %s\n", f.filename().string().c_str(),
                crl.error().to_string().c_str());
  }
  std::printf("PKITS: %zu of %zu CRLs parse\n", parsed, files.size());
  EXPECT_GT(files.size(), 100u);
  EXPECT_EQ(refused, kPkitsRefused);
}

}  // namespace
}  // namespace glasstls::x509
