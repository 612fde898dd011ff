// Revocation rules (revocation.hpp; RFC 5280 §6.3, RFC 6960 §3.2 and §4.2.2): one test per rule,
// on a PKI minted by our builders — root R, intermediate I, leaf L — with CRLs and OCSP responses
// minted by CrlBuilder and OcspResponseBuilder. Every unusable input is asserted by the note that
// explains it, every verdict through check_crl / check_ocsp and through verify_chain.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "../verify/test_pki.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/revocation.hpp"
#include "glasstls/x509/revocation_builder.hpp"
#include "glasstls/x509/verify.hpp"
#include "support/test_support.hpp"

namespace glasstls::x509 {
namespace {

using test_pki::at;
using namespace std::chrono_literals;

std::string joined(const RevocationStatus& s) {
  std::string out;
  for (const auto& n : s.notes) out += n + "\n";
  return out;
}

Crl sign_crl(const CrlBuilder& b, const SigningKey& key) {
  auto r = b.sign(key);
  if (!r.ok()) {
    ADD_FAILURE() << "CrlBuilder: " << r.error().to_string();
    return {};
  }
  return std::move(r).value();
}

OcspResponse sign_ocsp(const OcspResponseBuilder& b, const SigningKey& key) {
  auto r = b.sign(key);
  if (!r.ok()) {
    ADD_FAILURE() << "OcspResponseBuilder: " << r.error().to_string();
    return {};
  }
  return std::move(r).value();
}

class Revocation : public ::testing::Test {
 protected:
  Revocation()
      : root_key(test_pki::key(101)),
        ca_key(test_pki::key(102)),
        leaf_key(test_pki::key(103)),
        other_key(test_pki::key(104)),
        root(test_pki::sign(test_pki::root("Revocation Root", root_key), root_key)),
        ca(test_pki::sign(test_pki::intermediate("Revocation CA", root, ca_key), root_key)),
        leaf(test_pki::sign(test_pki::leaf("www.example.com", ca, leaf_key)
                                .serial(0x1001)
                                .add_crl_distribution_point("http://crl.example/ca.crl"),
                            ca_key)) {
    store.add(root);
  }

  // A current, complete CRL by the CA (for the leaf) or by the root (for the CA).
  CrlBuilder ca_crl() const {
    CrlBuilder b;
    b.issuer(ca).this_update(at(2026, 5, 31)).next_update(at(2026, 6, 7)).crl_number(7);
    return b;
  }
  CrlBuilder root_crl() const {
    CrlBuilder b;
    b.issuer(root).this_update(at(2026, 5, 31)).next_update(at(2026, 6, 7)).crl_number(3);
    return b;
  }
  OcspResponseBuilder ca_ocsp(OcspCertStatus status) const {
    OcspResponseBuilder b;
    b.responder(ca).add(leaf, ca, status, at(2026, 5, 31, 12), at(2026, 6, 2), at(2026, 5, 1),
                        CrlReason::key_compromise);
    return b;
  }
  // A delegated responder certificate issued by the CA.
  Certificate responder_cert(bool with_eku, const Certificate& issuer, const SigningKey& issuer_key,
                             WallTime not_after = at(2026, 12, 1)) const {
    CertificateBuilder b;
    b.subject(make_name("Revocation CA OCSP Responder"))
        .issuer(issuer)
        .validity(at(2026, 1, 1), not_after)
        .public_key(other_key.public_key())
        .key_usage(KeyUsage::digital_signature);
    if (with_eku) b.ext_key_usage({asn1::oids::id_kp_OCSPSigning});
    return test_pki::sign(b, issuer_key);
  }

  VerifyResult verify(RevocationPolicy policy, const std::vector<Crl>& crls,
                      const std::vector<OcspResponse>& ocsp = {}) const {
    VerifyOptions options(clock);
    options.host = "www.example.com";
    options.revocation.policy = policy;
    options.revocation.crls = crls;
    options.revocation.ocsp = ocsp;
    const std::vector<Certificate> intermediates{ca};
    return verify_chain(leaf, intermediates, store, options);
  }

  SigningKey root_key, ca_key, leaf_key, other_key;
  Certificate root, ca, leaf;
  TrustStore store;
  FixedClock clock{test_pki::now()};  // 2026-06-01
  WallTime now = test_pki::now();
};

// ---- CRLs --------------------------------------------------------------------------------------

TEST_F(Revocation, CompleteCrlWithoutTheSerialIsGood) {
  const Crl crl = sign_crl(ca_crl().revoke(test::hex("2002"), at(2026, 5, 1)), ca_key);
  const RevocationStatus s = check_crl(crl, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::good) << joined(s);
  EXPECT_EQ(s.source, RevocationSource::crl);
  ASSERT_TRUE(s.next_update.has_value());
  EXPECT_EQ(*s.next_update, at(2026, 6, 7));

  const VerifyResult r = verify(RevocationPolicy::hard_fail, {crl, sign_crl(root_crl(), root_key)});
  ASSERT_TRUE(r.ok()) << r.diagnosis->message;
  ASSERT_EQ(r.revocation.size(), 3u);
  EXPECT_EQ(r.revocation[0].state, RevocationState::good);
  EXPECT_EQ(r.revocation[1].state, RevocationState::good);
  EXPECT_EQ(r.revocation[2].state, RevocationState::not_checked);  // the anchor
}

TEST_F(Revocation, ListedLeafIsRevokedWithDateAndReason) {
  const Crl crl = sign_crl(
      ca_crl().revoke(leaf, at(2026, 5, 1, 8, 30), CrlReason::key_compromise, at(2026, 4, 30)),
      ca_key);
  const RevocationStatus s = check_crl(crl, leaf, ca, now);
  ASSERT_EQ(s.state, RevocationState::revoked) << joined(s);
  EXPECT_EQ(*s.revocation_time, at(2026, 5, 1, 8, 30));
  EXPECT_EQ(*s.reason, CrlReason::key_compromise);

  // Soft-fail (the default) refuses a revoked certificate too.
  for (RevocationPolicy policy : {RevocationPolicy::soft_fail, RevocationPolicy::hard_fail}) {
    const VerifyResult r = verify(policy, {crl, sign_crl(root_crl(), root_key)});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.diagnosis->error, VerifyError::revoked);
    EXPECT_EQ(r.diagnosis->index, 0u);
    EXPECT_NE(r.diagnosis->message.find("'CN=www.example.com' was revoked on 2026-05-01 08:30:00 "
                                        "UTC (keyCompromise), according to the CRL of "
                                        "'CN=Revocation CA'"),
              std::string::npos)
        << r.diagnosis->message;
    ASSERT_EQ(r.revocation.size(), 3u);
    EXPECT_EQ(r.revocation[0].state, RevocationState::revoked);
  }
  // Off: not looked at.
  const VerifyResult off = verify(RevocationPolicy::off, {crl});
  ASSERT_TRUE(off.ok()) << off.diagnosis->message;
  EXPECT_TRUE(off.revocation.empty());
}

TEST_F(Revocation, RevokedIntermediateIsReportedAtItsIndex) {
  const Crl root_list =
      sign_crl(root_crl().revoke(ca, at(2026, 5, 20), CrlReason::ca_compromise), root_key);
  const VerifyResult r =
      verify(RevocationPolicy::soft_fail, {root_list, sign_crl(ca_crl(), ca_key)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnosis->error, VerifyError::revoked);
  EXPECT_EQ(r.diagnosis->index, 1u);
  EXPECT_NE(r.diagnosis->message.find("cACompromise"), std::string::npos) << r.diagnosis->message;
}

TEST_F(Revocation, NoInputsIsUnknownToleratedBySoftFailOnly) {
  const VerifyResult soft = verify(RevocationPolicy::soft_fail, {});
  ASSERT_TRUE(soft.ok()) << soft.diagnosis->message;
  ASSERT_EQ(soft.revocation.size(), 3u);
  EXPECT_EQ(soft.revocation[0].state, RevocationState::unknown);
  EXPECT_NE(joined(soft.revocation[0])
                .find("no CRL or OCSP response from the issuer "
                      "'CN=Revocation CA' was supplied"),
            std::string::npos)
      << joined(soft.revocation[0]);

  const VerifyResult hard = verify(RevocationPolicy::hard_fail, {});
  ASSERT_FALSE(hard.ok());
  EXPECT_EQ(hard.diagnosis->error, VerifyError::revocation_unknown);
  EXPECT_EQ(hard.diagnosis->index, 1u);  // checked from the anchor down: the CA first
  EXPECT_NE(hard.diagnosis->message.find("is unknown and the policy is hard-fail"),
            std::string::npos)
      << hard.diagnosis->message;

  // With the CA covered, the leaf is the one unknown.
  const VerifyResult leaf_only =
      verify(RevocationPolicy::hard_fail, {sign_crl(root_crl(), root_key)});
  ASSERT_FALSE(leaf_only.ok());
  EXPECT_EQ(leaf_only.diagnosis->error, VerifyError::revocation_unknown);
  EXPECT_EQ(leaf_only.diagnosis->index, 0u);
}

TEST_F(Revocation, ExpiredOrFutureCrlIsUnknownNotGood) {
  const Crl expired =
      sign_crl(ca_crl().this_update(at(2026, 5, 1)).next_update(at(2026, 5, 8)), ca_key);
  RevocationStatus s = check_crl(expired, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("expired on 2026-05-08 00:00:00 UTC (its nextUpdate)"),
            std::string::npos)
      << joined(s);
  // Even one that lists the certificate: a stale CRL is not used (RFC 5280 §6.3.3 (a)).
  const Crl expired_listing = sign_crl(
      ca_crl().this_update(at(2026, 5, 1)).next_update(at(2026, 5, 8)).revoke(leaf, at(2026, 4, 1)),
      ca_key);
  EXPECT_EQ(check_crl(expired_listing, leaf, ca, now).state, RevocationState::unknown);

  const Crl future =
      sign_crl(ca_crl().this_update(at(2026, 6, 2)).next_update(at(2026, 6, 9)), ca_key);
  s = check_crl(future, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("not valid until its thisUpdate"), std::string::npos) << joined(s);

  // nextUpdate itself is still current; one second later is not.
  EXPECT_EQ(check_crl(expired, leaf, ca, at(2026, 5, 8)).state, RevocationState::good);
  EXPECT_EQ(check_crl(expired, leaf, ca, at(2026, 5, 8, 0, 0, 1)).state, RevocationState::unknown);

  // hard-fail refuses the path; soft-fail tolerates it.
  const Crl root_list = sign_crl(root_crl(), root_key);
  EXPECT_EQ(verify(RevocationPolicy::hard_fail, {expired, root_list}).diagnosis->error,
            VerifyError::revocation_unknown);
  EXPECT_TRUE(verify(RevocationPolicy::soft_fail, {expired, root_list}).ok());
}

TEST_F(Revocation, CrlWithoutNextUpdateIsUsable) {
  const Crl crl = sign_crl(ca_crl().no_next_update(), ca_key);
  const RevocationStatus s = check_crl(crl, leaf, ca, at(2030, 1, 1));
  EXPECT_EQ(s.state, RevocationState::good) << joined(s);
  EXPECT_FALSE(s.next_update.has_value());
}

TEST_F(Revocation, CrlSignedByAnotherKeyIsUnusable) {
  const Crl forged = sign_crl(ca_crl().revoke(leaf, at(2026, 5, 1)), other_key);
  const RevocationStatus s = check_crl(forged, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("signature does not verify with the issuer's key"), std::string::npos)
      << joined(s);
  const Crl corrupted = sign_crl(ca_crl().corrupt_signature(), ca_key);
  EXPECT_EQ(check_crl(corrupted, leaf, ca, now).state, RevocationState::unknown);
  // A forged CRL cannot revoke either: soft-fail accepts the path.
  EXPECT_TRUE(verify(RevocationPolicy::soft_fail, {forged}).ok());
}

TEST_F(Revocation, IssuerWithoutCrlSignCannotSignCrls) {
  const Certificate ca_no_crl_sign = test_pki::sign(
      test_pki::intermediate("Revocation CA", root, ca_key).key_usage(KeyUsage::key_cert_sign),
      root_key);
  const Crl crl = sign_crl(ca_crl(), ca_key);
  const RevocationStatus s = check_crl(crl, leaf, ca_no_crl_sign, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("lacks cRLSign"), std::string::npos) << joined(s);
  // Without a keyUsage extension at all the key is unrestricted (RFC 5280 §4.2.1.3).
  CertificateBuilder no_ku;
  no_ku.subject(make_name("Revocation CA"))
      .issuer(root)
      .validity(test_pki::default_not_before(), test_pki::default_not_after())
      .public_key(ca_key.public_key())
      .basic_constraints(true);
  EXPECT_EQ(check_crl(crl, leaf, test_pki::sign(no_ku, root_key), now).state,
            RevocationState::good);
}

TEST_F(Revocation, CrlFromAnotherAuthorityDoesNotApply) {
  const Crl roots = sign_crl(root_crl(), root_key);
  const RevocationStatus s = check_crl(roots, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("issued by another authority"), std::string::npos) << joined(s);
}

TEST_F(Revocation, PartialCrlCanRevokeButNeverSayGood) {
  IssuingDistributionPoint idp;
  idp.only_some_reasons = reason_flags::key_compromise | reason_flags::ca_compromise;
  const Crl partial = sign_crl(ca_crl().issuing_distribution_point(idp), ca_key);
  RevocationStatus s = check_crl(partial, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("as a partial CRL (onlySomeReasons) it cannot say"), std::string::npos)
      << joined(s);
  const Crl partial_listing = sign_crl(ca_crl().issuing_distribution_point(idp).revoke(
                                           leaf, at(2026, 5, 1), CrlReason::key_compromise),
                                       ca_key);
  EXPECT_EQ(check_crl(partial_listing, leaf, ca, now).state, RevocationState::revoked);

  IssuingDistributionPoint indirect;
  indirect.indirect_crl = true;
  s = check_crl(sign_crl(ca_crl().issuing_distribution_point(indirect), ca_key), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("indirect CRL"), std::string::npos) << joined(s);
}

TEST_F(Revocation, DeltaCrlCanRevokeButNeverSayGood) {
  const Crl delta = sign_crl(ca_crl().crl_number(8).delta_of(7), ca_key);
  RevocationStatus s = check_crl(delta, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("a delta CRL"), std::string::npos) << joined(s);

  const Crl delta_revoking =
      sign_crl(ca_crl().crl_number(8).delta_of(7).revoke(leaf, at(2026, 5, 30)), ca_key);
  EXPECT_EQ(check_crl(delta_revoking, leaf, ca, now).state, RevocationState::revoked);

  // removeFromCRL undoes a revocation; it never revokes (§5.3.1).
  const Crl delta_removing = sign_crl(
      ca_crl().crl_number(8).delta_of(7).revoke(leaf, at(2026, 5, 30), CrlReason::remove_from_crl),
      ca_key);
  EXPECT_EQ(check_crl(delta_removing, leaf, ca, now).state, RevocationState::unknown);

  // With a complete base CRL beside it: good from the base, unless the delta revokes.
  const Crl base = sign_crl(ca_crl(), ca_key);
  const Crl root_list = sign_crl(root_crl(), root_key);
  EXPECT_TRUE(verify(RevocationPolicy::hard_fail, {base, delta, root_list}).ok());
  const VerifyResult r = verify(RevocationPolicy::hard_fail, {base, delta_revoking, root_list});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnosis->error, VerifyError::revoked);
}

TEST_F(Revocation, HoldRevokesAndRemoveFromCrlInAFullCrlDoesNot) {
  const Crl hold =
      sign_crl(ca_crl().revoke(leaf, at(2026, 5, 1), CrlReason::certificate_hold), ca_key);
  RevocationStatus s = check_crl(hold, leaf, ca, now);
  ASSERT_EQ(s.state, RevocationState::revoked);
  EXPECT_EQ(*s.reason, CrlReason::certificate_hold);
  EXPECT_NE(describe(s).find("(certificateHold)"), std::string::npos) << describe(s);

  const Crl removed =
      sign_crl(ca_crl().revoke(leaf, at(2026, 5, 1), CrlReason::remove_from_crl), ca_key);
  EXPECT_EQ(check_crl(removed, leaf, ca, now).state, RevocationState::good);
}

TEST_F(Revocation, IssuingDistributionPointScope) {
  IssuingDistributionPoint only_ca;
  only_ca.only_ca_certs = true;
  RevocationStatus s =
      check_crl(sign_crl(ca_crl().issuing_distribution_point(only_ca), ca_key), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("it covers only CA certificates"), std::string::npos) << joined(s);

  IssuingDistributionPoint only_user;
  only_user.only_user_certs = true;
  EXPECT_EQ(
      check_crl(sign_crl(ca_crl().issuing_distribution_point(only_user), ca_key), leaf, ca, now)
          .state,
      RevocationState::good);
  // ... and it does not cover the CA (issued by the root).
  s = check_crl(sign_crl(root_crl().issuing_distribution_point(only_user), root_key), ca, root,
                now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("only end-entity certificates"), std::string::npos) << joined(s);

  GeneralName uri;
  uri.kind = GeneralName::Kind::uri;
  uri.text = "http://crl.example/ca.crl";  // the leaf's distribution point
  IssuingDistributionPoint matching;
  matching.full_name = {uri};
  EXPECT_EQ(
      check_crl(sign_crl(ca_crl().issuing_distribution_point(matching), ca_key), leaf, ca, now)
          .state,
      RevocationState::good);
  uri.text = "http://crl.example/other.crl";
  IssuingDistributionPoint other;
  other.full_name = {uri};
  s = check_crl(sign_crl(ca_crl().issuing_distribution_point(other), ca_key), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("not one the certificate names"), std::string::npos) << joined(s);
  // The CA certificate names no distribution point at all.
  s = check_crl(sign_crl(root_crl().issuing_distribution_point(matching), root_key), ca, root, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("the certificate names none"), std::string::npos) << joined(s);
}

TEST_F(Revocation, UnknownCriticalExtensionsMakeTheCrlUnusable) {
  const asn1::Oid private_oid = asn1::Oid::from_arcs({1, 3, 6, 1, 4, 1, 99999, 1});
  const Bytes null_value = test::hex("0500");
  RevocationStatus s = check_crl(
      sign_crl(ca_crl().raw_extension(private_oid, null_value, true), ca_key), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("critical extension glasstls cannot process (1.3.6.1.4.1.99999.1)"),
            std::string::npos)
      << joined(s);
  // The same extension, not critical, is ignored.
  EXPECT_EQ(check_crl(sign_crl(ca_crl().raw_extension(private_oid, null_value, false), ca_key),
                      leaf, ca, now)
                .state,
            RevocationState::good);
  // On an entry about another certificate: still the whole CRL (§5.3).
  s = check_crl(sign_crl(ca_crl()
                             .revoke(test::hex("77"), at(2026, 5, 1))
                             .raw_entry_extension(private_oid, null_value, true),
                         ca_key),
                leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("an entry has a critical extension"), std::string::npos) << joined(s);
}

TEST_F(Revocation, SearchMovesOnFromARevokedIntermediateToAValidOne) {
  // The CA certified twice with the same key: the first certificate (serial 1) is revoked by the
  // root, the second (serial 2) is not. The leaf verifies through the second.
  const Certificate ca_old =
      test_pki::sign(test_pki::intermediate("Revocation CA", root, ca_key).serial(1), root_key);
  const Certificate ca_new =
      test_pki::sign(test_pki::intermediate("Revocation CA", root, ca_key).serial(2), root_key);
  const std::vector<Crl> crls{
      sign_crl(root_crl().revoke(ca_old, at(2026, 5, 1), CrlReason::superseded), root_key),
      sign_crl(ca_crl(), ca_key)};
  VerifyOptions options(clock);
  options.revocation.policy = RevocationPolicy::hard_fail;
  options.revocation.crls = crls;
  const std::vector<Certificate> pool{ca_old, ca_new};
  const VerifyResult r = verify_chain(leaf, pool, store, options);
  ASSERT_TRUE(r.ok()) << r.diagnosis->message;
  ASSERT_EQ(r.chain.size(), 3u);
  EXPECT_EQ(r.chain[1].der, ca_new.der);
  // Only the revoked one: refused, with the revocation as the reason.
  const std::vector<Certificate> old_only{ca_old};
  const VerifyResult refused = verify_chain(leaf, old_only, store, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.diagnosis->error, VerifyError::revoked);
  EXPECT_EQ(refused.diagnosis->index, 1u);
}

// ---- OCSP --------------------------------------------------------------------------------------

TEST_F(Revocation, OcspGoodFromTheCa) {
  const OcspResponse good = sign_ocsp(ca_ocsp(OcspCertStatus::good), ca_key);
  const RevocationStatus s = check_ocsp(good, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::good) << joined(s);
  EXPECT_EQ(s.source, RevocationSource::ocsp);
  EXPECT_EQ(*s.this_update, at(2026, 5, 31, 12));
  const VerifyResult r =
      verify(RevocationPolicy::hard_fail, {sign_crl(root_crl(), root_key)}, {good});
  ASSERT_TRUE(r.ok()) << r.diagnosis->message;
  EXPECT_EQ(r.revocation[0].source, RevocationSource::ocsp);
  EXPECT_EQ(r.revocation[1].source, RevocationSource::crl);
}

TEST_F(Revocation, OcspRevokedCarriesTimeAndReason) {
  const OcspResponse revoked = sign_ocsp(ca_ocsp(OcspCertStatus::revoked), ca_key);
  const RevocationStatus s = check_ocsp(revoked, leaf, ca, now);
  ASSERT_EQ(s.state, RevocationState::revoked) << joined(s);
  EXPECT_EQ(*s.revocation_time, at(2026, 5, 1));
  EXPECT_EQ(*s.reason, CrlReason::key_compromise);
  const VerifyResult r = verify(RevocationPolicy::soft_fail, {}, {revoked});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnosis->error, VerifyError::revoked);
  EXPECT_NE(r.diagnosis->message.find("revoked on 2026-05-01 00:00:00 UTC (keyCompromise), "
                                      "according to the OCSP response produced at"),
            std::string::npos)
      << r.diagnosis->message;
}

TEST_F(Revocation, OcspUnknownIsNeverGood) {
  const OcspResponse unknown = sign_ocsp(ca_ocsp(OcspCertStatus::unknown), ca_key);
  const RevocationStatus s = check_ocsp(unknown, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("the responder does not know this certificate"), std::string::npos)
      << joined(s);
  const VerifyResult r =
      verify(RevocationPolicy::hard_fail, {sign_crl(root_crl(), root_key)}, {unknown});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnosis->error, VerifyError::revocation_unknown);
  EXPECT_EQ(r.diagnosis->index, 0u);
}

TEST_F(Revocation, OcspByKeyAndSha256CertId) {
  OcspResponseBuilder b;
  b.responder_by_key(ca).add(leaf, ca, OcspCertStatus::good, at(2026, 5, 31), at(2026, 6, 2),
                             std::nullopt, std::nullopt, crypto::HashAlg::sha256);
  EXPECT_EQ(check_ocsp(sign_ocsp(b, ca_key), leaf, ca, now).state, RevocationState::good);
}

TEST_F(Revocation, OcspDelegatedResponderNeedsTheEkuAndTheCa) {
  const Certificate delegated = responder_cert(true, ca, ca_key);
  OcspResponseBuilder b;
  b.responder(delegated, true).add(leaf, ca, OcspCertStatus::good, at(2026, 5, 31), at(2026, 6, 2));
  RevocationStatus s = check_ocsp(sign_ocsp(b, other_key), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::good) << joined(s);

  // Without id-kp-OCSPSigning the CA did not delegate anything to it.
  const Certificate no_eku = responder_cert(false, ca, ca_key);
  OcspResponseBuilder b2;
  b2.responder(no_eku, true).add(leaf, ca, OcspCertStatus::good, at(2026, 5, 31), at(2026, 6, 2));
  s = check_ocsp(sign_ocsp(b2, other_key), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("lacks id-kp-OCSPSigning"), std::string::npos) << joined(s);

  // Issued by the root, not by the leaf's issuer.
  const Certificate by_root = responder_cert(true, root, root_key);
  OcspResponseBuilder b3;
  b3.responder(by_root, true).add(leaf, ca, OcspCertStatus::good, at(2026, 5, 31), at(2026, 6, 2));
  s = check_ocsp(sign_ocsp(b3, other_key), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("was not issued by the certificate's issuer"), std::string::npos)
      << joined(s);

  // Expired responder certificate.
  const Certificate expired = responder_cert(true, ca, ca_key, at(2026, 3, 1));
  OcspResponseBuilder b4;
  b4.responder(expired, true).add(leaf, ca, OcspCertStatus::good, at(2026, 5, 31), at(2026, 6, 2));
  s = check_ocsp(sign_ocsp(b4, other_key), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("outside its validity period"), std::string::npos) << joined(s);

  // Not included in the response: nothing to check the signature with.
  OcspResponseBuilder b5;
  b5.responder(delegated, false)
      .add(leaf, ca, OcspCertStatus::good, at(2026, 5, 31), at(2026, 6, 2));
  s = check_ocsp(sign_ocsp(b5, other_key), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("signed by neither the certificate's issuer"), std::string::npos)
      << joined(s);
}

TEST_F(Revocation, OcspSignedByTheWrongKey) {
  const OcspResponse forged = sign_ocsp(ca_ocsp(OcspCertStatus::revoked), other_key);
  RevocationStatus s = check_ocsp(forged, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("its signature does not verify"), std::string::npos) << joined(s);
  const OcspResponse corrupted =
      sign_ocsp(ca_ocsp(OcspCertStatus::good).corrupt_signature(), ca_key);
  EXPECT_EQ(check_ocsp(corrupted, leaf, ca, now).state, RevocationState::unknown);
  // A forged "revoked" does not refuse the path.
  EXPECT_TRUE(verify(RevocationPolicy::soft_fail, {}, {forged}).ok());
}

TEST_F(Revocation, OcspTimes) {
  auto response = [&](WallTime this_update, std::optional<WallTime> next_update) {
    OcspResponseBuilder b;
    b.responder(ca).add(leaf, ca, OcspCertStatus::good, this_update, next_update);
    return sign_ocsp(b, ca_key);
  };
  RevocationStatus s = check_ocsp(response(at(2026, 5, 20), at(2026, 5, 27)), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("stale since 2026-05-27 00:00:00 UTC"), std::string::npos) << joined(s);
  // thisUpdate 4 minutes ahead: within the default 5-minute skew; 6 minutes: not.
  EXPECT_EQ(check_ocsp(response(now + 4min, std::nullopt), leaf, ca, now).state,
            RevocationState::good);
  s = check_ocsp(response(now + 6min, std::nullopt), leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("is in the future"), std::string::npos) << joined(s);
  EXPECT_EQ(check_ocsp(response(now + 6min, std::nullopt), leaf, ca, now, {}, 10min).state,
            RevocationState::good);
}

TEST_F(Revocation, OcspAboutAnotherCertificateOrNotSuccessful) {
  const Certificate other_leaf =
      test_pki::sign(test_pki::leaf("other.example.com", ca, leaf_key).serial(0x1002), ca_key);
  OcspResponseBuilder b;
  b.responder(ca).add(other_leaf, ca, OcspCertStatus::revoked, at(2026, 5, 31), at(2026, 6, 2));
  const OcspResponse about_other = sign_ocsp(b, ca_key);
  RevocationStatus s = check_ocsp(about_other, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("it is about other certificates"), std::string::npos) << joined(s);
  // In verify_chain such a response is simply not about the leaf: it adds no note.
  const VerifyResult r = verify(RevocationPolicy::soft_fail, {}, {about_other});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(joined(r.revocation[0]),
            "no CRL or OCSP response from the issuer 'CN=Revocation CA' was supplied\n");

  auto try_later =
      parse_ocsp_response(OcspResponseBuilder::error_response(OcspResponseStatus::try_later));
  ASSERT_TRUE(try_later.ok()) << try_later.error().to_string();
  s = check_ocsp(*try_later, leaf, ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(joined(s).find("the OCSP responder answered tryLater"), std::string::npos) << joined(s);
}

TEST_F(Revocation, RevokedFromAnySourceWins) {
  const Crl good_crl = sign_crl(ca_crl(), ca_key);
  const OcspResponse revoked = sign_ocsp(ca_ocsp(OcspCertStatus::revoked), ca_key);
  RevocationOptions options;
  const std::vector<Crl> crls{good_crl};
  const std::vector<OcspResponse> responses{revoked};
  options.crls = crls;
  options.ocsp = responses;
  EXPECT_EQ(check_revocation(leaf, ca, now, options).state, RevocationState::revoked);
  // Good from one source, unknown from another: good.
  const std::vector<OcspResponse> unknown{sign_ocsp(ca_ocsp(OcspCertStatus::unknown), ca_key)};
  options.ocsp = unknown;
  EXPECT_EQ(check_revocation(leaf, ca, now, options).state, RevocationState::good);
}

// Random single-byte mutations and truncations of a CRL and an OCSP response: each either fails
// to parse with an error or parses and is then checked — never a crash, hang or sanitizer report
// (the asan preset runs this too). A mutation inside the signed part must never yield a status
// other than unknown, unless the mutated document still verifies (it cannot: the signature
// covers those bytes).
TEST_F(Revocation, MutatedInputsNeverCrashOrVerify) {
  const Crl crl = sign_crl(ca_crl()
                               .revoke(leaf, at(2026, 5, 1), CrlReason::key_compromise)
                               .revoke(test::hex("0bad"), at(2026, 5, 2)),
                           ca_key);
  const OcspResponse ocsp =
      sign_ocsp(ca_ocsp(OcspCertStatus::good).nonce(test::hex("0102")), ca_key);
  std::mt19937_64 rng(8);
  int parsed = 0, believed = 0;
  for (const Bytes* original : {&crl.der, &ocsp.der}) {
    const bool is_crl = original == &crl.der;
    for (int round = 0; round < 1500; ++round) {
      Bytes m = *original;
      const std::size_t at_byte = rng() % m.size();
      if (round % 10 == 9) {
        m.resize(at_byte);  // truncated
      } else {
        m[at_byte] = static_cast<std::uint8_t>(m[at_byte] ^ (1u + rng() % 255));
      }
      const bool in_signed_part =
          is_crl ? (at_byte >= crl.tbs_offset && at_byte < crl.tbs_offset + crl.tbs_size)
                 : (at_byte >= ocsp.tbs_offset && at_byte < ocsp.tbs_offset + ocsp.tbs_size);
      RevocationStatus s;
      if (is_crl) {
        auto p = parse_crl(m);
        if (!p) continue;
        s = check_crl(*p, leaf, ca, now);
      } else {
        auto p = parse_ocsp_response(m);
        if (!p) continue;
        s = check_ocsp(*p, leaf, ca, now);
      }
      ++parsed;
      if (s.state != RevocationState::unknown) {
        ++believed;
        EXPECT_FALSE(in_signed_part) << (is_crl ? "CRL" : "OCSP") << " byte " << at_byte;
      }
    }
  }
  std::printf(
      "mutations: %d of 3000 parsed, %d of those still believed (outside the signed "
      "part)\n",
      parsed, believed);
  EXPECT_GT(parsed, 0);
}

TEST(RevocationNames, PoliciesAndStates) {
  EXPECT_EQ(to_string(RevocationPolicy::soft_fail), "soft-fail");
  EXPECT_EQ(to_string(RevocationPolicy::hard_fail), "hard-fail");
  EXPECT_EQ(to_string(RevocationPolicy::off), "off");
  EXPECT_EQ(to_string(RevocationState::revoked), "revoked");
  EXPECT_EQ(to_string(VerifyError::revoked), "revoked");
  EXPECT_EQ(to_string(VerifyError::revocation_unknown), "revocation_unknown");
  // Soft-fail is the default.
  EXPECT_EQ(RevocationOptions{}.policy, RevocationPolicy::soft_fail);
}

}  // namespace
}  // namespace glasstls::x509
