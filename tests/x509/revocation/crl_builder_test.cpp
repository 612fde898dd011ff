// CrlBuilder (revocation_builder.hpp) and parse_crl together: every field and extension the
// builder writes reads back as given (RFC 5280 §5.1-§5.3); the signature verifies with the
// issuer's key and a corrupted one does not; and CRLs with one rule broken by hand (through the
// builder's raw extensions) are refused with the exact offset and path.
#include <algorithm>
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/revocation_builder.hpp"
#include "support/test_support.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using test::hex;

WallTime utc(int y, unsigned mo, unsigned d, int h = 0) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(mo) /
                               std::chrono::day(d)) +
         std::chrono::hours(h);
}

struct Ca {
  SigningKey key;
  Certificate cert;
};

Ca make_ca(std::uint64_t seed = 7) {
  crypto::DeterministicRandom rng(seed);
  SigningKey key = SigningKey::generate_ec(crypto::EcCurve::p256, rng);
  auto cert = CertificateBuilder()
                  .subject(make_name({{oids::id_at_organizationName, "glasstls test"},
                                      {oids::id_at_commonName, "CRL Test CA"}}))
                  .self_signed()
                  .validity(utc(2025, 1, 1), utc(2035, 1, 1))
                  .public_key(key.public_key())
                  .basic_constraints(true)
                  .key_usage(KeyUsage::key_cert_sign | KeyUsage::crl_sign)
                  .sign(key);
  EXPECT_TRUE(cert.ok()) << cert.error().to_string();
  return {std::move(key), std::move(cert).value()};
}

const Ca& ca() {
  static const Ca c = make_ca();
  return c;
}

GeneralName uri(std::string text) {
  GeneralName g;
  g.kind = GeneralName::Kind::uri;
  g.text = std::move(text);
  return g;
}

std::size_t find(const Bytes& hay, const Bytes& needle, std::size_t from = 0) {
  auto it = std::search(hay.begin() + static_cast<std::ptrdiff_t>(from), hay.end(), needle.begin(),
                        needle.end());
  return it == hay.end() ? std::string::npos : static_cast<std::size_t>(it - hay.begin());
}

bool signature_ok(const Crl& crl, const PublicKey& key) {
  return verify_signature(key, crl.signature_algorithm, crl.tbs(), crl.signature).ok();
}

// ---- round trips
// ---------------------------------------------------------------------------------

TEST(CrlBuilder, EveryFieldAndExtensionRoundTrips) {
  IssuingDistributionPoint idp;
  idp.full_name = {uri("http://crl.example.com/ca.crl")};
  idp.only_user_certs = true;
  idp.only_some_reasons =
      reason_flags::key_compromise | reason_flags::ca_compromise | reason_flags::aa_compromise;
  idp.indirect_crl = true;
  // freshestCRL (§5.2.6) in the CRLDistributionPoints syntax, one fullName URI, by hand.
  const Bytes freshest =
      hex("30223020a01ea01c861a687474703a2f2f64656c74612e6578616d706c652f782e63726c");
  const asn1::Oid unknown = asn1::Oid::from_arcs({1, 3, 6, 1, 4, 1, 99999, 1});
  auto crl =
      CrlBuilder()
          .issuer(ca().cert)
          .this_update(utc(2026, 3, 1))
          .next_update(utc(2026, 3, 8))
          .crl_number(0x1234)
          .issuing_distribution_point(idp)
          .raw_extension(oids::id_ce_freshestCRL, freshest, false)
          .raw_extension(unknown, hex("0500"), true)
          .revoke(hex("0102030405"), utc(2026, 2, 1), CrlReason::key_compromise, utc(2026, 1, 15))
          .raw_entry_extension(unknown, hex("0500"), false)
          .revoke(hex("80"), utc(2026, 2, 2))
          .sign(ca().key);
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();

  EXPECT_EQ(crl->version, 2);
  EXPECT_EQ(crl->signature_algorithm.to_string(), "ecdsa-with-SHA256");
  EXPECT_EQ(crl->issuer.der, ca().cert.subject.der);
  EXPECT_EQ(crl->this_update, utc(2026, 3, 1));
  ASSERT_TRUE(crl->next_update);
  EXPECT_EQ(*crl->next_update, utc(2026, 3, 8));

  // The fixed order: AKI, cRLNumber, IDP, then the raw ones as added.
  ASSERT_EQ(crl->extensions.size(), 5u);
  EXPECT_EQ(crl->extensions[0].id, oids::id_ce_authorityKeyIdentifier);
  EXPECT_EQ(crl->extensions[1].id, oids::id_ce_cRLNumber);
  EXPECT_EQ(crl->extensions[2].id, oids::id_ce_issuingDistributionPoint);
  EXPECT_EQ(crl->extensions[3].id, oids::id_ce_freshestCRL);
  EXPECT_EQ(crl->extensions[4].id, unknown);
  EXPECT_FALSE(crl->extensions[0].critical);  // §5.2.1 MUST NOT... (non-critical)
  EXPECT_FALSE(crl->extensions[1].critical);  // §5.2.3 non-critical
  EXPECT_TRUE(crl->extensions[2].critical);   // §5.2.5 MUST be critical
  EXPECT_TRUE(crl->extensions[4].critical);
  EXPECT_FALSE(crl->extensions[4].understood);
  EXPECT_EQ(crl->unknown_critical_extension(), &crl->extensions[4]);

  ASSERT_TRUE(crl->authority_key_id && crl->authority_key_id->key_id);
  ASSERT_TRUE(ca().cert.subject_key_id);
  EXPECT_EQ(*crl->authority_key_id->key_id, *ca().cert.subject_key_id);
  ASSERT_TRUE(crl->crl_number);
  EXPECT_EQ(*crl->crl_number, hex("1234"));
  EXPECT_FALSE(crl->delta_crl_indicator);
  ASSERT_TRUE(crl->issuing_distribution_point);
  const IssuingDistributionPoint& got = *crl->issuing_distribution_point;
  ASSERT_EQ(got.full_name.size(), 1u);
  EXPECT_EQ(got.full_name[0].kind, GeneralName::Kind::uri);
  EXPECT_EQ(got.full_name[0].text, "http://crl.example.com/ca.crl");
  EXPECT_FALSE(got.relative_name);
  EXPECT_TRUE(got.only_user_certs);
  EXPECT_FALSE(got.only_ca_certs);
  EXPECT_FALSE(got.only_attribute_certs);
  EXPECT_TRUE(got.indirect_crl);
  ASSERT_TRUE(got.only_some_reasons);
  EXPECT_EQ(*got.only_some_reasons, reason_flags::key_compromise | reason_flags::ca_compromise |
                                        reason_flags::aa_compromise);
  ASSERT_EQ(crl->freshest_crl.size(), 1u);
  ASSERT_EQ(crl->freshest_crl[0].full_name.size(), 1u);
  EXPECT_EQ(crl->freshest_crl[0].full_name[0].text, "http://delta.example/x.crl");

  ASSERT_EQ(crl->revoked.size(), 2u);
  const RevokedEntry& a = crl->revoked[0];
  EXPECT_EQ(a.serial, hex("0102030405"));
  EXPECT_EQ(a.revocation_date, utc(2026, 2, 1));
  ASSERT_TRUE(a.reason);
  EXPECT_EQ(*a.reason, CrlReason::key_compromise);
  ASSERT_TRUE(a.invalidity_date);
  EXPECT_EQ(*a.invalidity_date, utc(2026, 1, 15));
  ASSERT_EQ(a.extensions.size(), 3u);  // reasonCode, invalidityDate, then the raw one
  EXPECT_EQ(a.extensions[0].id, oids::id_ce_cRLReasons);
  EXPECT_EQ(a.extensions[1].id, oids::id_ce_invalidityDate);
  EXPECT_EQ(a.extensions[2].id, unknown);
  EXPECT_EQ(a.unknown_critical_extension(), nullptr);  // unknown but not critical
  const RevokedEntry& b = crl->revoked[1];
  EXPECT_EQ(b.serial, hex("0080"));  // magnitude 80 → positive INTEGER 00 80
  EXPECT_FALSE(b.reason);
  EXPECT_TRUE(b.extensions.empty());
  EXPECT_EQ(crl->find(hex("0080")), &crl->revoked[1]);
  EXPECT_EQ(crl->find(hex("80")), nullptr);

  EXPECT_TRUE(signature_ok(*crl, ca().cert.public_key));
}

TEST(CrlBuilder, CorruptSignatureFailsVerification) {
  CrlBuilder b;
  b.issuer(ca().cert).this_update(utc(2026, 3, 1)).next_update(utc(2026, 3, 8)).crl_number(1);
  auto good = b.sign(ca().key);
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(signature_ok(*good, ca().cert.public_key));
  auto bad = b.corrupt_signature().sign(ca().key);
  ASSERT_TRUE(bad.ok()) << bad.error().to_string();
  EXPECT_EQ(bad->tbs().size(), good->tbs().size());
  EXPECT_FALSE(signature_ok(*bad, ca().cert.public_key));
  // And another CA's key does not verify the good one.
  EXPECT_FALSE(signature_ok(*good, make_ca(8).cert.public_key));
}

TEST(CrlBuilder, EveryReasonCode) {
  const CrlReason all[] = {CrlReason::unspecified,         CrlReason::key_compromise,
                           CrlReason::ca_compromise,       CrlReason::affiliation_changed,
                           CrlReason::superseded,          CrlReason::cessation_of_operation,
                           CrlReason::certificate_hold,    CrlReason::remove_from_crl,
                           CrlReason::privilege_withdrawn, CrlReason::aa_compromise};
  CrlBuilder b;
  b.issuer(ca().cert).this_update(utc(2026, 3, 1)).next_update(utc(2026, 3, 8));
  for (std::uint8_t i = 0; i < 10; ++i)
    b.revoke(Bytes{static_cast<std::uint8_t>(i + 1)}, utc(2026, 2, 1), all[i]);
  auto crl = b.sign(ca().key);
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();
  ASSERT_EQ(crl->revoked.size(), 10u);
  for (std::size_t i = 0; i < 10; ++i) {
    ASSERT_TRUE(crl->revoked[i].reason) << i;
    EXPECT_EQ(*crl->revoked[i].reason, all[i]);
    // §5.3.1: the ENUMERATED value is the wire value.
    EXPECT_EQ(crl->revoked[i].extensions[0].value,
              (Bytes{0x0a, 0x01, static_cast<std::uint8_t>(all[i])}));
  }
}

TEST(CrlBuilder, RevokeCertificateCopiesItsSerial) {
  // A certificate with a serial whose top bit is set: the INTEGER carries a 00 sign octet, and
  // the CRL entry must repeat exactly those contents octets.
  crypto::DeterministicRandom rng(3);
  const SigningKey leaf_key = SigningKey::generate_ec(crypto::EcCurve::p256, rng);
  auto leaf = CertificateBuilder()
                  .issuer(ca().cert)
                  .subject(make_name("leaf.example"))
                  .serial(hex("ff0102"))
                  .validity(utc(2026, 1, 1), utc(2027, 1, 1))
                  .public_key(leaf_key.public_key())
                  .sign(ca().key);
  ASSERT_TRUE(leaf.ok()) << leaf.error().to_string();
  ASSERT_EQ(leaf->serial, hex("00ff0102"));
  auto crl = CrlBuilder()
                 .issuer(ca().cert)
                 .this_update(utc(2026, 3, 1))
                 .next_update(utc(2026, 3, 8))
                 .revoke(*leaf, utc(2026, 2, 1), CrlReason::superseded)
                 .sign(ca().key);
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();
  const RevokedEntry* e = crl->find(leaf->serial);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(*e->reason, CrlReason::superseded);
}

TEST(CrlBuilder, SerialMagnitudesAreMinimalPositiveIntegers) {
  auto crl = CrlBuilder()
                 .issuer(ca().cert)
                 .this_update(utc(2026, 3, 1))
                 .next_update(utc(2026, 3, 8))
                 .revoke(hex("000007"), utc(2026, 2, 1))
                 .revoke(Bytes{}, utc(2026, 2, 1))
                 .revoke(hex("00"), utc(2026, 2, 1))
                 .sign(ca().key);
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();
  EXPECT_EQ(crl->revoked[0].serial, hex("07"));
  EXPECT_EQ(crl->revoked[1].serial, hex("00"));
  EXPECT_EQ(crl->revoked[2].serial, hex("00"));
}

TEST(CrlBuilder, VersionOneCrl) {
  auto crl = CrlBuilder()
                 .version(1)
                 .issuer(ca().cert)
                 .this_update(utc(2026, 3, 1))
                 .next_update(utc(2026, 3, 8))
                 .revoke(hex("05"), utc(2026, 2, 1))
                 .sign(ca().key);
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();
  EXPECT_EQ(crl->version, 1);
  EXPECT_TRUE(crl->extensions.empty());  // no AKI in v1
  EXPECT_FALSE(crl->authority_key_id);
  // §5.1.2.1: no version field: the tbsCertList starts with the AlgorithmIdentifier.
  EXPECT_EQ(crl->tbs()[crl->tbs()[1] & 0x80 ? 2 + (crl->tbs()[1] & 0x7f) : 2], 0x30);
  EXPECT_TRUE(signature_ok(*crl, ca().cert.public_key));

  // Extensions of either kind are refused by the builder.
  auto with_number = CrlBuilder()
                         .version(1)
                         .issuer(ca().cert)
                         .this_update(utc(2026, 3, 1))
                         .crl_number(1)
                         .sign(ca().key);
  ASSERT_FALSE(with_number.ok());
  EXPECT_EQ(with_number.error().der.path, "builder.crlExtensions");
  auto with_reason = CrlBuilder()
                         .version(1)
                         .issuer(ca().cert)
                         .this_update(utc(2026, 3, 1))
                         .revoke(hex("05"), utc(2026, 2, 1), CrlReason::superseded)
                         .sign(ca().key);
  ASSERT_FALSE(with_reason.ok());
  EXPECT_EQ(with_reason.error().der.path, "builder.crlExtensions");
}

TEST(CrlBuilder, NoNextUpdateNoAkiNoEntries) {
  auto crl = CrlBuilder()
                 .issuer(ca().cert)
                 .this_update(utc(2026, 3, 1))
                 .next_update(utc(2026, 3, 8))
                 .no_next_update()
                 .no_authority_key_id()
                 .crl_number(3)
                 .sign(ca().key);
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();
  EXPECT_FALSE(crl->next_update);
  EXPECT_FALSE(crl->authority_key_id);
  EXPECT_TRUE(crl->revoked.empty());  // revokedCertificates absent (§5.1.2.6)
  ASSERT_EQ(crl->extensions.size(), 1u);
  EXPECT_EQ(*crl->crl_number, hex("03"));
}

TEST(CrlBuilder, DeltaCrl) {
  // §5.2.4: a delta CRL carries the base CRL's number, critical; issuer given by name here, so
  // the AKI comes from the signing key (§4.2.1.2 method 1), which equals the CA's SKI.
  auto crl = CrlBuilder()
                 .issuer(ca().cert.subject)
                 .this_update(utc(2026, 3, 1))
                 .next_update(utc(2026, 3, 2))
                 .crl_number(0x80)
                 .delta_of(0x7f)
                 .revoke(hex("09"), utc(2026, 3, 1), CrlReason::remove_from_crl)
                 .sign(ca().key);
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();
  ASSERT_EQ(crl->extensions.size(), 3u);
  EXPECT_EQ(crl->extensions[2].id, oids::id_ce_deltaCRLIndicator);
  EXPECT_TRUE(crl->extensions[2].critical);
  EXPECT_EQ(*crl->crl_number, hex("0080"));
  ASSERT_TRUE(crl->delta_crl_indicator);
  EXPECT_EQ(*crl->delta_crl_indicator, hex("7f"));
  EXPECT_EQ(*crl->authority_key_id->key_id, *ca().cert.subject_key_id);
}

TEST(CrlBuilder, IdpFlagsEachAlone) {
  for (int which = 0; which < 3; ++which) {
    IssuingDistributionPoint idp;
    idp.only_user_certs = which == 0;
    idp.only_ca_certs = which == 1;
    idp.only_attribute_certs = which == 2;
    auto crl = CrlBuilder()
                   .issuer(ca().cert)
                   .this_update(utc(2026, 3, 1))
                   .next_update(utc(2026, 3, 8))
                   .issuing_distribution_point(idp)
                   .sign(ca().key);
    ASSERT_TRUE(crl.ok()) << crl.error().to_string();
    const auto& got = *crl->issuing_distribution_point;
    EXPECT_EQ(got.only_user_certs, which == 0);
    EXPECT_EQ(got.only_ca_certs, which == 1);
    EXPECT_EQ(got.only_attribute_certs, which == 2);
    EXPECT_TRUE(got.full_name.empty());
    EXPECT_FALSE(got.only_some_reasons);
    EXPECT_FALSE(got.indirect_crl);
    // One [n] IMPLICIT BOOLEAN TRUE and nothing else: 30 03 8n 01 ff.
    const std::uint8_t tag = static_cast<std::uint8_t>(which == 2 ? 0x85 : 0x81 + which);
    EXPECT_EQ(crl->extensions[1].value, (Bytes{0x30, 0x03, tag, 0x01, 0xff}));
  }
}

TEST(CrlBuilder, DatesFrom2050AreGeneralizedTime) {
  auto crl = CrlBuilder()
                 .issuer(ca().cert)
                 .this_update(utc(2049, 12, 31, 23))
                 .next_update(utc(2050, 1, 1))
                 .revoke(hex("01"), utc(2060, 6, 1), CrlReason::superseded, utc(2055, 1, 1))
                 .sign(ca().key);
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();
  EXPECT_EQ(crl->this_update, utc(2049, 12, 31, 23));
  EXPECT_EQ(*crl->next_update, utc(2050, 1, 1));
  EXPECT_EQ(crl->revoked[0].revocation_date, utc(2060, 6, 1));
  EXPECT_EQ(*crl->revoked[0].invalidity_date, utc(2055, 1, 1));
  // §5.1.2.4: UTCTime through 2049, GeneralizedTime from 2050.
  EXPECT_NE(find(crl->der, hex("170d343931323331323330303030")), std::string::npos);
  EXPECT_NE(find(crl->der, hex("180f3230353030313031303030303030")), std::string::npos);
  EXPECT_NE(find(crl->der, hex("180f3230363030363031303030303030")), std::string::npos);
}

TEST(CrlBuilder, BuilderErrors) {
  auto no_issuer = CrlBuilder().this_update(utc(2026, 3, 1)).sign(ca().key);
  ASSERT_FALSE(no_issuer.ok());
  EXPECT_EQ(no_issuer.error().der.path, "builder.issuer");
  auto no_this = CrlBuilder().issuer(ca().cert).sign(ca().key);
  ASSERT_FALSE(no_this.ok());
  EXPECT_EQ(no_this.error().der.path, "builder.thisUpdate");
  auto v3 = CrlBuilder().version(3).issuer(ca().cert).this_update(utc(2026, 3, 1)).sign(ca().key);
  ASSERT_FALSE(v3.ok());
  EXPECT_EQ(v3.error().der.path, "builder.version");
  auto early = CrlBuilder()
                   .issuer(ca().cert)
                   .this_update(utc(2026, 3, 1))
                   .raw_entry_extension(oids::id_ce_cRLReasons, hex("0a0101"), false)
                   .sign(ca().key);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().der.path, "builder.revokedCertificates");
}

// ---- rules broken on purpose -------------------------------------------------------------------

CrlBuilder base() {
  CrlBuilder b;
  b.issuer(ca().cert).this_update(utc(2026, 3, 1)).next_update(utc(2026, 3, 8));
  return b;
}

void expect_error(const Result<Bytes, CertificateParseError>& built, std::size_t offset,
                  const std::string& path, const std::string& reason_part) {
  ASSERT_TRUE(built.ok()) << built.error().to_string();
  auto r = parse_crl(*built);
  ASSERT_FALSE(r.ok()) << "parsed";
  EXPECT_EQ(r.error().der.offset, offset) << r.error().to_string();
  EXPECT_EQ(r.error().der.path, path) << r.error().to_string();
  EXPECT_NE(r.error().der.reason.find(reason_part), std::string::npos) << r.error().to_string();
}

TEST(CrlRules, DuplicateCrlExtension) {
  // §5.2 (by §4.2): each extension at most once. The second cRLNumber (index 2) is the error.
  const auto der = base()
                       .crl_number(1)
                       .raw_extension(oids::id_ce_cRLNumber, hex("020101"), false)
                       .sign_der(ca().key);
  ASSERT_TRUE(der.ok());
  const Bytes ext = hex("300a0603551d140403020101");
  const std::size_t first = find(*der, ext);
  ASSERT_NE(first, std::string::npos);
  expect_error(der, find(*der, ext, first + 1), "CertificateList.tbsCertList.crlExtensions[2]",
               "duplicate extension id-ce-cRLNumber");
}

TEST(CrlRules, DuplicateEntryExtension) {
  const auto der = base()
                       .revoke(hex("01"), utc(2026, 2, 1), CrlReason::superseded)
                       .raw_entry_extension(oids::id_ce_cRLReasons, hex("0a0104"), false)
                       .sign_der(ca().key);
  ASSERT_TRUE(der.ok());
  const Bytes ext = hex("300a0603551d1504030a0104");
  const std::size_t first = find(*der, ext);
  expect_error(der, find(*der, ext, first + 1),
               "CertificateList.tbsCertList.revokedCertificates[0].crlEntryExtensions[1]",
               "duplicate extension");
}

TEST(CrlRules, ReasonCodeSeven) {
  // §5.3.1: value 7 is not used.
  const auto der = base()
                       .revoke(hex("01"), utc(2026, 2, 1))
                       .revoke(hex("02"), utc(2026, 2, 1))
                       .raw_entry_extension(oids::id_ce_cRLReasons, hex("0a0107"), false)
                       .sign_der(ca().key);
  ASSERT_TRUE(der.ok());
  expect_error(der, find(*der, hex("0a0107")),
               "CertificateList.tbsCertList.revokedCertificates[1].crlEntryExtensions[0]"
               ".extnValue(id-ce-cRLReasons).reasonCode",
               "unknown CRLReason 7");
}

TEST(CrlRules, ReasonCodeEleven) {
  const auto der = base()
                       .revoke(hex("01"), utc(2026, 2, 1))
                       .raw_entry_extension(oids::id_ce_cRLReasons, hex("0a010b"), false)
                       .sign_der(ca().key);
  expect_error(der, find(*der, hex("0a010b")),
               "CertificateList.tbsCertList.revokedCertificates[0].crlEntryExtensions[0]"
               ".extnValue(id-ce-cRLReasons).reasonCode",
               "unknown CRLReason 11");
}

TEST(CrlRules, InvalidityDateMustBeGeneralizedTime) {
  // §5.3.2: InvalidityDate ::= GeneralizedTime; a UTCTime is refused.
  const auto der = base()
                       .revoke(hex("01"), utc(2026, 2, 1))
                       .raw_entry_extension(oids::id_ce_invalidityDate,
                                            hex("170d3236303130313030303030305a"), false)
                       .sign_der(ca().key);
  expect_error(der, find(*der, hex("170d3236303130313030303030305a")),
               "CertificateList.tbsCertList.revokedCertificates[0].crlEntryExtensions[0]"
               ".extnValue(id-ce-invalidityDate).invalidityDate",
               "");
}

TEST(CrlRules, IdpWithTwoOnlyFlags) {
  // §5.2.5: at most one of onlyContainsUserCerts, onlyContainsCACerts and
  // onlyContainsAttributeCerts; the error is at the second.
  const auto der =
      base()
          .no_authority_key_id()
          .raw_extension(oids::id_ce_issuingDistributionPoint, hex("30068101ff8201ff"), true)
          .sign_der(ca().key);
  ASSERT_TRUE(der.ok());
  expect_error(der, find(*der, hex("8201ff")),
               "CertificateList.tbsCertList.crlExtensions[0]"
               ".extnValue(id-ce-issuingDistributionPoint).issuingDistributionPoint"
               ".onlyContainsCACerts",
               "§5.2.5");
  const auto user_attr =
      base()
          .no_authority_key_id()
          .raw_extension(oids::id_ce_issuingDistributionPoint, hex("30068101ff8501ff"), true)
          .sign_der(ca().key);
  expect_error(user_attr, find(*user_attr, hex("8501ff")),
               "CertificateList.tbsCertList.crlExtensions[0]"
               ".extnValue(id-ce-issuingDistributionPoint).issuingDistributionPoint"
               ".onlyContainsAttributeCerts",
               "§5.2.5");
}

TEST(CrlRules, IdpWithExplicitFalse) {
  // X.690 §11.5: a BOOLEAN DEFAULT FALSE is absent rather than encoded FALSE.
  const auto der = base()
                       .raw_extension(oids::id_ce_issuingDistributionPoint, hex("3003840100"), true)
                       .sign_der(ca().key);
  expect_error(der, find(*der, hex("3003840100")) + 2,
               "CertificateList.tbsCertList.crlExtensions[1]"
               ".extnValue(id-ce-issuingDistributionPoint).issuingDistributionPoint.indirectCRL",
               "X.690 §11.5");
  const auto user =
      base()
          .raw_extension(oids::id_ce_issuingDistributionPoint, hex("3003810100"), true)
          .sign_der(ca().key);
  expect_error(user, find(*user, hex("3003810100")) + 2,
               "CertificateList.tbsCertList.crlExtensions[1]"
               ".extnValue(id-ce-issuingDistributionPoint).issuingDistributionPoint"
               ".onlyContainsUserCerts",
               "X.690 §11.5");
}

TEST(CrlRules, EmptyIdp) {
  const auto der = base()
                       .raw_extension(oids::id_ce_issuingDistributionPoint, hex("3000"), true)
                       .sign_der(ca().key);
  expect_error(der, find(*der, hex("04023000")) + 2,
               "CertificateList.tbsCertList.crlExtensions[1]"
               ".extnValue(id-ce-issuingDistributionPoint).issuingDistributionPoint",
               "empty");
}

TEST(CrlRules, CrlNumberOver20Octets) {
  const auto der =
      base()
          .raw_extension(oids::id_ce_cRLNumber, hex("0215" + std::string(42, '1')), false)
          .sign_der(ca().key);
  expect_error(der, find(*der, hex("0215")),
               "CertificateList.tbsCertList.crlExtensions[1].extnValue(id-ce-cRLNumber).cRLNumber",
               "20");
}

TEST(CrlBuilder, OtherUnderstoodExtensions) {
  // §5.2.2 issuerAltName (kept raw), §5.2.7 authorityInfoAccess, an IDP naming its point
  // relative to the issuer (§5.2.5), §5.3.3 certificateIssuer and holdInstructionCode (2.5.29.23).
  const asn1::Oid hold = asn1::Oid::from_arcs({2, 5, 29, 23});
  auto crl =
      base()
          .no_authority_key_id()
          .raw_extension(oids::id_ce_issuerAltName, hex("300d820b6578616d706c652e636f6d"), false)
          .raw_extension(oids::id_pe_authorityInfoAccess,
                         hex("301f301d06082b060105050730028611687474703a2f2f782e6578616d70"
                             "6c652f"),
                         false)
          .raw_extension(oids::id_ce_issuingDistributionPoint,
                         hex("300fa00da10b300906035504030c025031"), true)
          .revoke(hex("01"), utc(2026, 2, 1), CrlReason::certificate_hold)
          .raw_entry_extension(hold, hex("06072a8648ce380202"), false)
          .raw_entry_extension(oids::id_ce_certificateIssuer, hex("300d820b6578616d706c652e636f6d"),
                               true)
          .sign(ca().key);
  ASSERT_TRUE(crl.ok()) << crl.error().to_string();
  ASSERT_EQ(crl->extensions.size(), 3u);
  for (const Extension& e : crl->extensions) EXPECT_TRUE(e.understood);
  EXPECT_EQ(crl->unknown_critical_extension(), nullptr);
  ASSERT_TRUE(crl->issuing_distribution_point);
  ASSERT_TRUE(crl->issuing_distribution_point->relative_name);
  ASSERT_EQ(crl->issuing_distribution_point->relative_name->size(), 1u);  // the RDN {CN=P1}
  EXPECT_EQ((*crl->issuing_distribution_point->relative_name)[0].type, oids::id_at_commonName);
  EXPECT_EQ((*crl->issuing_distribution_point->relative_name)[0].utf8, "P1");
  EXPECT_TRUE(crl->issuing_distribution_point->full_name.empty());
  const RevokedEntry& e = crl->revoked[0];
  ASSERT_EQ(e.extensions.size(), 3u);
  for (const Extension& x : e.extensions) EXPECT_TRUE(x.understood);
  EXPECT_EQ(e.unknown_critical_extension(), nullptr);
  ASSERT_EQ(e.certificate_issuer.size(), 1u);
  EXPECT_EQ(e.certificate_issuer[0].kind, GeneralName::Kind::dns);
  EXPECT_EQ(e.certificate_issuer[0].text, "example.com");

  // An unknown critical entry extension is reported on the entry.
  auto unknown = base()
                     .revoke(hex("01"), utc(2026, 2, 1))
                     .raw_entry_extension(asn1::Oid::from_arcs({1, 3, 6, 1, 4, 1, 99999, 2}),
                                          hex("0500"), true)
                     .sign(ca().key);
  ASSERT_TRUE(unknown.ok()) << unknown.error().to_string();
  EXPECT_EQ(unknown->revoked[0].unknown_critical_extension(), &unknown->revoked[0].extensions[0]);
}

}  // namespace
}  // namespace glasstls::x509
