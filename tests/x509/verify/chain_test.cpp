// verify_chain on PKIs minted by our builder: one good chain, then one bad certificate per
// diagnosis (RFC 5280 §6.1 and RFC 9525), the path-building cases (order, extras, duplicates,
// cross-signing, loops, caps), and the exact sentences the diagnoses say.
#include <gtest/gtest.h>

#include <vector>

#include "glasstls/x509/verify.hpp"
#include "support/test_support.hpp"
#include "x509/verify/test_pki.hpp"
#include "x509/verify_internal.hpp"

namespace glasstls::x509 {
namespace {

using namespace test_pki;
namespace oids = asn1::oids;

class Chain : public ::testing::Test {
 protected:
  Chain() : clock(now()) { store.add(root_cert); }

  VerifyOptions options() const {
    VerifyOptions o(clock);
    o.host = "leaf.example";
    return o;
  }
  VerifyResult verify(const Certificate& l, std::vector<Certificate> untrusted) const {
    return verify_chain(l, untrusted, store, options());
  }
  VerifyResult verify(const Certificate& l, std::vector<Certificate> untrusted,
                      const VerifyOptions& o) const {
    return verify_chain(l, untrusted, store, o);
  }
  static void expect_error(const VerifyResult& r, VerifyError e, std::size_t index) {
    ASSERT_FALSE(r.ok()) << "expected " << to_string(e);
    EXPECT_EQ(r.diagnosis->error, e) << r.diagnosis->message;
    EXPECT_EQ(r.diagnosis->index, index) << r.diagnosis->message;
  }

  FixedClock clock;
  SigningKey root_key = key(1), inter_key = key(2), leaf_key = key(3);
  Certificate root_cert = sign(root("Test Root", root_key), root_key);
  Certificate inter_cert = sign(intermediate("Test Intermediate", root_cert, inter_key), root_key);
  Certificate leaf_cert = sign(leaf("leaf.example", inter_cert, leaf_key), inter_key);
  TrustStore store;
};

TEST_F(Chain, GoodChainIsBuiltLeafFirst) {
  const VerifyResult r = verify(leaf_cert, {inter_cert});
  ASSERT_TRUE(r.ok()) << r.diagnosis->message;
  ASSERT_EQ(r.chain.size(), 3u);
  EXPECT_EQ(r.chain[0].der, leaf_cert.der);
  EXPECT_EQ(r.chain[1].der, inter_cert.der);
  EXPECT_EQ(r.chain[2].der, root_cert.der);
  EXPECT_EQ(r.signature_checks, 2u);
}

TEST_F(Chain, IntermediatesInAnyOrderWithExtrasAndDuplicates) {
  const SigningKey other_key = key(9);
  const Certificate other_root = sign(root("Other Root", other_key), other_key);
  const Certificate other_inter =
      sign(intermediate("Other Intermediate", other_root, other_key), other_key);
  const VerifyResult r =
      verify(leaf_cert, {other_inter, inter_cert, root_cert, leaf_cert, inter_cert, other_root});
  ASSERT_TRUE(r.ok()) << r.diagnosis->message;
  EXPECT_EQ(r.chain.size(), 3u);
}

TEST_F(Chain, NoHostMeansNoHostnameCheck) {
  VerifyOptions o(clock);
  EXPECT_TRUE(verify(leaf_cert, {inter_cert}, o).ok());
}

// ---- validity: RFC 5280 §4.1.2.5 and §6.1.3 (a)(2) ----------------------------------------------

TEST_F(Chain, ExpiredLeafSaysWhenAndHowLongAgo) {
  const Certificate old =
      sign(leaf("leaf.example", inter_cert, leaf_key).validity(at(2025, 1, 1), at(2026, 5, 9, 12)),
           inter_key);
  const VerifyResult r = verify(old, {inter_cert});
  expect_error(r, VerifyError::expired, 0);
  EXPECT_EQ(r.diagnosis->subject, "CN=leaf.example");
  EXPECT_EQ(r.diagnosis->message,
            "certificate 'CN=leaf.example' expired on 2026-05-09 12:00:00 UTC, 22 days ago");
  EXPECT_EQ(r.chain.size(), 3u);  // the chain the diagnosis is about
}

TEST_F(Chain, NotAfterIsInclusive) {
  const Certificate edge =
      sign(leaf("leaf.example", inter_cert, leaf_key).validity(at(2025, 1, 1), now()), inter_key);
  EXPECT_TRUE(verify(edge, {inter_cert}).ok());
  clock.set(now() + std::chrono::seconds(1));
  const VerifyResult r = verify(edge, {inter_cert});
  expect_error(r, VerifyError::expired, 0);
  EXPECT_EQ(r.diagnosis->message,
            "certificate 'CN=leaf.example' expired on 2026-06-01 00:00:00 UTC, 1 second ago");
}

TEST_F(Chain, IntermediateNotYetValid) {
  const Certificate future = sign(intermediate("Test Intermediate", root_cert, inter_key)
                                      .validity(at(2026, 6, 11), at(2027, 1, 1)),
                                  root_key);
  const VerifyResult r = verify(leaf_cert, {future});
  expect_error(r, VerifyError::not_yet_valid, 1);
  EXPECT_EQ(
      r.diagnosis->message,
      "certificate 'CN=Test Intermediate' is not valid until 2026-06-11 00:00:00 UTC, in 10 days");
}

TEST_F(Chain, ExpiredAnchorIsRefused) {
  // trust_store.hpp: anchors' validity is checked.
  const Certificate old_root =
      sign(root("Test Root", root_key).validity(at(2020, 1, 1), at(2026, 1, 1)), root_key);
  TrustStore s;
  s.add(old_root);
  const VerifyResult r =
      verify_chain(leaf_cert, std::vector<Certificate>{inter_cert}, s, options());
  expect_error(r, VerifyError::expired, 2);
}

// ---- trust: unknown issuers and untrusted roots
// --------------------------------------------------

TEST_F(Chain, MissingIntermediateIsAnUnknownIssuer) {
  const VerifyResult r = verify(leaf_cert, {});
  expect_error(r, VerifyError::unknown_issuer, 0);
  EXPECT_EQ(r.diagnosis->message,
            "certificate 'CN=leaf.example' was issued by 'CN=Test Intermediate', which is neither "
            "in the trust store nor among the supplied certificates (a missing intermediate?)");
  EXPECT_EQ(r.chain.size(), 1u);
}

TEST_F(Chain, SelfSignedLeafIsAnUntrustedRoot) {
  const Certificate self = sign(leaf("leaf.example", root_cert, leaf_key).self_signed(), leaf_key);
  const VerifyResult r = verify(self, {});
  expect_error(r, VerifyError::self_signed_untrusted, 0);
  EXPECT_EQ(r.diagnosis->message,
            "certificate 'CN=leaf.example' is self-signed and not in the trust store (an untrusted "
            "root)");
}

TEST_F(Chain, ChainEndingAtAnUntrustedRoot) {
  TrustStore empty;
  const VerifyResult r =
      verify_chain(leaf_cert, std::vector<Certificate>{inter_cert, root_cert}, empty, options());
  expect_error(r, VerifyError::self_signed_untrusted, 2);
  EXPECT_EQ(r.chain.size(), 3u);
}

TEST_F(Chain, LeafThatIsAnAnchorIsTrustedDirectly) {
  const Certificate self = sign(leaf("leaf.example", root_cert, leaf_key).self_signed(), leaf_key);
  TrustStore s;
  s.add(self);
  const VerifyResult ok = verify_chain(self, {}, s, options());
  ASSERT_TRUE(ok.ok()) << ok.diagnosis->message;
  EXPECT_EQ(ok.chain.size(), 1u);
  // Its dates and hostname still apply.
  VerifyOptions other = options();
  other.host = "other.example";
  expect_error(verify_chain(self, {}, s, other), VerifyError::hostname_mismatch, 0);
  clock.set(at(2027, 2, 1));
  expect_error(verify_chain(self, {}, s, options()), VerifyError::expired, 0);
}

// ---- signatures: RFC 5280 §6.1.3 (a)(1)
// ----------------------------------------------------------

TEST_F(Chain, CorruptSignatureOnTheIntermediate) {
  const Certificate bad =
      sign(intermediate("Test Intermediate", root_cert, inter_key).corrupt_signature(), root_key);
  const VerifyResult r = verify(leaf_cert, {bad});
  expect_error(r, VerifyError::bad_signature, 1);
  EXPECT_NE(r.diagnosis->message.find("the signature on certificate 'CN=Test Intermediate'"),
            std::string::npos)
      << r.diagnosis->message;
  EXPECT_EQ(r.chain.size(), 3u);  // leaf, the intermediate, and the anchor that did not verify it
}

TEST_F(Chain, SignedByTheWrongKey) {
  const SigningKey impostor = key(66);
  const Certificate forged = sign(leaf("leaf.example", inter_cert, leaf_key), impostor);
  expect_error(verify(forged, {inter_cert}), VerifyError::bad_signature, 0);
}

TEST_F(Chain, Sha1IsWeakUnlessThePolicyAllowsIt) {
  const Certificate sha1 =
      sign(leaf("leaf.example", inter_cert, leaf_key), inter_key.with_hash(crypto::HashAlg::sha1));
  const VerifyResult r = verify(sha1, {inter_cert});
  expect_error(r, VerifyError::weak_algorithm, 0);
  EXPECT_NE(r.diagnosis->message.find("ecdsa-with-SHA1"), std::string::npos)
      << r.diagnosis->message;
  VerifyOptions lax = options();
  lax.signature_policy.allow_sha1 = true;
  EXPECT_TRUE(verify(sha1, {inter_cert}, lax).ok());
}

// ---- CA checks: RFC 5280 §4.2.1.9, §4.2.1.3, §6.1.4
// ----------------------------------------------

TEST_F(Chain, IntermediateWithCaFalse) {
  const Certificate not_ca = sign(
      intermediate("Test Intermediate", root_cert, inter_key).basic_constraints(false), root_key);
  const VerifyResult r = verify(leaf_cert, {not_ca});
  expect_error(r, VerifyError::not_a_ca, 1);
  EXPECT_EQ(r.diagnosis->message,
            "certificate 'CN=Test Intermediate' issued a certificate but is not a CA: its "
            "basicConstraints has cA FALSE");
}

TEST_F(Chain, IntermediateWithoutBasicConstraints) {
  CertificateBuilder b;
  b.subject(make_name("Test Intermediate"))
      .issuer(root_cert)
      .validity(default_not_before(), default_not_after())
      .public_key(inter_key.public_key())
      .key_usage(KeyUsage::key_cert_sign);
  expect_error(verify(leaf_cert, {sign(b, root_key)}), VerifyError::not_a_ca, 1);
}

TEST_F(Chain, Version1IntermediateIsNeverACa) {
  CertificateBuilder b;
  b.version(1)
      .subject(make_name("Test Intermediate"))
      .issuer(root_cert)
      .validity(default_not_before(), default_not_after())
      .public_key(inter_key.public_key())
      .no_subject_key_id()
      .no_authority_key_id();
  const VerifyResult r = verify(leaf_cert, {sign(b, root_key)});
  expect_error(r, VerifyError::not_a_ca, 1);
  EXPECT_NE(r.diagnosis->message.find("version 1"), std::string::npos) << r.diagnosis->message;
}

TEST_F(Chain, Version1AnchorIsFine) {
  CertificateBuilder b;
  b.version(1)
      .subject(make_name("Test Root"))
      .self_signed()
      .validity(default_not_before(), default_not_after())
      .public_key(root_key.public_key())
      .no_subject_key_id()
      .no_authority_key_id();
  TrustStore s;
  s.add(sign(b, root_key));
  const VerifyResult r =
      verify_chain(leaf_cert, std::vector<Certificate>{inter_cert}, s, options());
  EXPECT_TRUE(r.ok()) << r.diagnosis->message;
}

TEST_F(Chain, IssuerKeyUsageWithoutKeyCertSign) {
  const Certificate ku = sign(intermediate("Test Intermediate", root_cert, inter_key)
                                  .key_usage(KeyUsage::digital_signature),
                              root_key);
  expect_error(verify(leaf_cert, {ku}), VerifyError::key_usage_not_allowed, 1);
}

TEST_F(Chain, LeafKeyUsageWithoutDigitalSignature) {
  const Certificate ku = sign(
      leaf("leaf.example", inter_cert, leaf_key).key_usage(KeyUsage::key_encipherment), inter_key);
  expect_error(verify(ku, {inter_cert}), VerifyError::key_usage_not_allowed, 0);
}

TEST_F(Chain, PathLengthCountsIntermediatesBelow) {
  const SigningKey k2 = key(4);
  const Certificate tight_root =
      sign(root("Tight Root", root_key).basic_constraints(true, 0), root_key);
  const Certificate i1 = sign(intermediate("I1", tight_root, inter_key), root_key);
  const Certificate i2 = sign(intermediate("I2", i1, k2), inter_key);
  const Certificate l = sign(leaf("leaf.example", i2, leaf_key), k2);
  TrustStore s;
  s.add(tight_root);
  const VerifyResult r = verify_chain(l, std::vector<Certificate>{i1, i2}, s, options());
  expect_error(r, VerifyError::path_length_exceeded, 3);
  EXPECT_EQ(r.diagnosis->message,
            "certificate 'CN=Tight Root' allows 0 intermediate CA certificate(s) below it "
            "(pathLenConstraint), but the chain has 2");
  // pathLen 0 on I1 itself: I2 below it is one too many.
  const Certificate i1_zero =
      sign(intermediate("I1", root_cert, inter_key).basic_constraints(true, 0), root_key);
  const Certificate i2b = sign(intermediate("I2", i1_zero, k2), inter_key);
  const Certificate lb = sign(leaf("leaf.example", i2b, leaf_key), k2);
  expect_error(verify(lb, {i1_zero, i2b}), VerifyError::path_length_exceeded, 2);
  // A pathLen of 0 allows a leaf directly below.
  const Certificate lc = sign(leaf("leaf.example", i1_zero, leaf_key), inter_key);
  EXPECT_TRUE(verify(lc, {i1_zero}).ok());
}

TEST_F(Chain, SelfIssuedIntermediatesDoNotCountTowardsPathLength) {
  // RFC 5280 §6.1.4 (l): a key rollover certificate (subject = issuer, new key) is self-issued.
  const SigningKey new_key = key(5);
  const Certificate root1 = sign(root("Test Root", root_key).basic_constraints(true, 1), root_key);
  const Certificate i_old = sign(intermediate("I", root1, inter_key), root_key);
  const Certificate i_new = sign(intermediate("I", i_old, new_key), inter_key);  // self-issued
  const Certificate l = sign(leaf("leaf.example", i_new, leaf_key), new_key);
  TrustStore s;
  s.add(root1);
  const VerifyResult r = verify_chain(l, std::vector<Certificate>{i_old, i_new}, s, options());
  ASSERT_TRUE(r.ok()) << r.diagnosis->message;
  EXPECT_EQ(r.chain.size(), 4u);
}

// ---- extKeyUsage: RFC 5280 §4.2.1.12
// -------------------------------------------------------------

TEST_F(Chain, LeafExtKeyUsageMustNameThePurpose) {
  const Certificate client_only =
      sign(leaf("leaf.example", inter_cert, leaf_key).ext_key_usage({oids::id_kp_clientAuth}),
           inter_key);
  const VerifyResult r = verify(client_only, {inter_cert});
  expect_error(r, VerifyError::ext_key_usage_not_allowed, 0);
  EXPECT_EQ(r.diagnosis->message,
            "certificate 'CN=leaf.example' is not allowed for TLS server authentication "
            "(id-kp-serverAuth): its extKeyUsage lists id-kp-clientAuth");
  VerifyOptions client = options();
  client.purpose = Purpose::client;
  EXPECT_TRUE(verify(client_only, {inter_cert}, client).ok());
  expect_error(verify(leaf_cert, {inter_cert}, client), VerifyError::ext_key_usage_not_allowed, 0);
  // anyExtendedKeyUsage alone is not enough for a TLS leaf.
  const Certificate any =
      sign(leaf("leaf.example", inter_cert, leaf_key).ext_key_usage({oids::anyExtendedKeyUsage}),
           inter_key);
  expect_error(verify(any, {inter_cert}), VerifyError::ext_key_usage_not_allowed, 0);
}

TEST_F(Chain, IntermediateExtKeyUsageConstrainsTheLeaf) {
  const Certificate client_ca = sign(intermediate("Test Intermediate", root_cert, inter_key)
                                         .ext_key_usage({oids::id_kp_clientAuth}),
                                     root_key);
  expect_error(verify(leaf_cert, {client_ca}), VerifyError::ext_key_usage_not_allowed, 1);
  const Certificate server_ca =
      sign(intermediate("Test Intermediate", root_cert, inter_key)
               .ext_key_usage({oids::id_kp_serverAuth, oids::id_kp_clientAuth}),
           root_key);
  EXPECT_TRUE(verify(leaf_cert, {server_ca}).ok());
}

// ---- name constraints: RFC 5280 §4.2.1.10
// --------------------------------------------------------

TEST_F(Chain, NameConstraintsOfAnIntermediate) {
  const Certificate constrained = sign(intermediate("Test Intermediate", root_cert, inter_key)
                                           .permit_dns("example")
                                           .exclude_dns("bad.example")
                                           .permit_ip(test::hex("c0000200ffffff00")),
                                       root_key);
  const Certificate inside = sign(leaf("leaf.example", constrained, leaf_key), inter_key);
  EXPECT_TRUE(verify(inside, {constrained}).ok());
  const Certificate outside = sign(leaf("leaf.test", constrained, leaf_key), inter_key);
  VerifyOptions o = options();
  o.host = "leaf.test";
  const VerifyResult r = verify(outside, {constrained}, o);
  expect_error(r, VerifyError::name_constraint_violated, 0);
  EXPECT_EQ(r.diagnosis->message,
            "certificate 'CN=leaf.test' violates the name constraints of 'CN=Test Intermediate': "
            "subjectAltName dNSName 'leaf.test' is outside every permitted dNSName subtree");
  const Certificate excluded = sign(leaf("a.bad.example", constrained, leaf_key), inter_key);
  o.host = "a.bad.example";
  expect_error(verify(excluded, {constrained}, o), VerifyError::name_constraint_violated, 0);
  const Certificate by_ip = sign(
      leaf("leaf.example", constrained, leaf_key).add_ip_address(test::hex("c6336401")), inter_key);
  expect_error(verify(by_ip, {constrained}), VerifyError::name_constraint_violated, 0);
}

TEST_F(Chain, NameConstraintsSkipSelfIssuedIntermediates) {
  // RFC 5280 §6.1.3 (b): a self-issued certificate that is not the last in the path is not
  // checked against the constraints at all, subjectAltName included (a key rollover certificate
  // may carry whatever names the CA's own certificate had). The leaf below it still is.
  const SigningKey new_key = key(6);
  const Certificate constrained =
      sign(intermediate("Test Intermediate", root_cert, inter_key).permit_dns("example"),
           root_key);
  const Certificate rollover = sign(
      intermediate("Test Intermediate", constrained, new_key).add_dns_name("ca.elsewhere.test"),
      inter_key);
  const Certificate inside = sign(leaf("leaf.example", rollover, leaf_key), new_key);
  const VerifyResult ok = verify(inside, {constrained, rollover});
  ASSERT_TRUE(ok.ok()) << ok.diagnosis->message;
  EXPECT_EQ(ok.chain.size(), 4u);
  const Certificate outside = sign(leaf("leaf.test", rollover, leaf_key), new_key);
  VerifyOptions o = options();
  o.host = "leaf.test";
  expect_error(verify(outside, {constrained, rollover}, o), VerifyError::name_constraint_violated,
               0);
}

TEST_F(Chain, NameConstraintsOfTheAnchorApply) {
  const Certificate constrained_root =
      sign(root("Test Root", root_key).permit_dns("other.example"), root_key);
  TrustStore s;
  s.add(constrained_root);
  expect_error(verify_chain(leaf_cert, std::vector<Certificate>{inter_cert}, s, options()),
               VerifyError::name_constraint_violated, 0);
}

// ---- critical extensions: RFC 5280 §4.2
// ----------------------------------------------------------

TEST_F(Chain, UnknownCriticalExtension) {
  const asn1::Oid private_oid = asn1::Oid::from_dotted("1.3.6.1.4.1.55555.1").value();
  const Certificate crit = sign(leaf("leaf.example", inter_cert, leaf_key)
                                    .raw_extension(private_oid, test::hex("0500"), true),
                                inter_key);
  const VerifyResult r = verify(crit, {inter_cert});
  expect_error(r, VerifyError::unknown_critical_extension, 0);
  EXPECT_NE(r.diagnosis->message.find("1.3.6.1.4.1.55555.1"), std::string::npos)
      << r.diagnosis->message;
  // Not critical: ignored.
  const Certificate plain = sign(leaf("leaf.example", inter_cert, leaf_key)
                                     .raw_extension(private_oid, test::hex("0500"), false),
                                 inter_key);
  EXPECT_TRUE(verify(plain, {inter_cert}).ok());
}

// ---- hostname: RFC 9525
// --------------------------------------------------------------------------

TEST_F(Chain, HostnameMismatchListsTheCoveredNames) {
  const Certificate two =
      sign(leaf("leaf.example", inter_cert, leaf_key).add_dns_name("www.leaf.example"), inter_key);
  VerifyOptions o = options();
  o.host = "mail.example";
  const VerifyResult r = verify(two, {inter_cert}, o);
  expect_error(r, VerifyError::hostname_mismatch, 0);
  EXPECT_EQ(r.diagnosis->message,
            "hostname mismatch: the certificate covers leaf.example, www.leaf.example; the name "
            "checked was 'mail.example'");
  o.host.reset();
  o.ip = test::hex("c0000201");
  expect_error(verify(two, {inter_cert}, o), VerifyError::hostname_mismatch, 0);
}

// ---- path building
// -------------------------------------------------------------------------------

TEST_F(Chain, CrossSignedAlternativeAfterAFailedPath) {
  // The same intermediate (subject and key) issued twice: once by a root that expired, once by
  // another root. The first path fails; the builder backtracks to the second.
  const SigningKey old_root_key = key(20);
  const Certificate old_root =
      sign(root("Old Root", old_root_key).validity(at(2015, 1, 1), at(2026, 1, 1)), old_root_key);
  const Certificate cross =
      sign(intermediate("Test Intermediate", old_root, inter_key), old_root_key);
  TrustStore s;
  s.add(old_root);
  s.add(root_cert);
  const VerifyResult r =
      verify_chain(leaf_cert, std::vector<Certificate>{cross, inter_cert}, s, options());
  ASSERT_TRUE(r.ok()) << r.diagnosis->message;
  EXPECT_EQ(r.chain.back().der, root_cert.der);
  // With only the path through the expired root, that failure is the diagnosis.
  const VerifyResult only_old =
      verify_chain(leaf_cert, std::vector<Certificate>{cross}, s, options());
  expect_error(only_old, VerifyError::expired, 2);
}

TEST_F(Chain, KeyIdentifiersOrderButNeverExclude) {
  const Certificate wrong_aki =
      sign(leaf("leaf.example", inter_cert, leaf_key).authority_key_id(test::hex("0102030405")),
           inter_key);
  EXPECT_TRUE(verify(wrong_aki, {inter_cert}).ok());
}

TEST_F(Chain, LoopsEnd) {
  // A and B certify each other; neither is trusted. The search must stop.
  const SigningKey ka = key(30), kb = key(31);
  const Certificate a0 = sign(root("A", ka), ka);
  const Certificate b = sign(intermediate("B", a0, kb), ka);
  const Certificate a = sign(intermediate("A", b, ka), kb);
  const Certificate l = sign(leaf("leaf.example", a, leaf_key), ka);
  const VerifyResult r = verify(l, {a, b});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnosis->error, VerifyError::unknown_issuer) << r.diagnosis->message;
  EXPECT_LE(r.signature_checks, 3u);
}

TEST_F(Chain, DepthCap) {
  std::vector<Certificate> chain_certs;
  std::vector<SigningKey> keys;
  Certificate issuer = root_cert;
  SigningKey issuer_key = root_key;
  for (int i = 0; i < 4; ++i) {
    SigningKey k = key(100 + static_cast<std::uint64_t>(i));
    Certificate c = sign(intermediate("Level " + std::to_string(i), issuer, k), issuer_key);
    chain_certs.push_back(c);
    issuer = c;
    issuer_key = k;
  }
  const Certificate l = sign(leaf("leaf.example", issuer, leaf_key), issuer_key);
  EXPECT_TRUE(verify(l, chain_certs).ok());
  VerifyOptions o = options();
  o.max_depth = 3;
  const VerifyResult r = verify(l, chain_certs, o);
  expect_error(r, VerifyError::too_deep, 3);
  o.max_depth = 4;
  EXPECT_TRUE(verify(l, chain_certs, o).ok());
}

TEST_F(Chain, SignatureCheckCap) {
  VerifyOptions o = options();
  o.max_signature_checks = 1;
  const VerifyResult r = verify(leaf_cert, {inter_cert}, o);
  expect_error(r, VerifyError::too_many_signature_checks, 1);
  EXPECT_EQ(r.signature_checks, 1u);
  o.max_signature_checks = 2;
  EXPECT_TRUE(verify(leaf_cert, {inter_cert}, o).ok());
}

TEST_F(Chain, ManyLookalikeIntermediatesStayWithinTheCap) {
  // Ten certificates named like the intermediate, none with its key, listed before it.
  std::vector<Certificate> decoys;
  for (int i = 0; i < 10; ++i) {
    const SigningKey k = key(200 + static_cast<std::uint64_t>(i));
    decoys.push_back(sign(intermediate("Test Intermediate", root_cert, k), root_key));
  }
  decoys.push_back(inter_cert);
  // The leaf's authorityKeyIdentifier puts the right one first: two signature checks.
  const VerifyResult by_aki = verify(leaf_cert, decoys);
  ASSERT_TRUE(by_aki.ok()) << by_aki.diagnosis->message;
  EXPECT_EQ(by_aki.signature_checks, 2u);
  // Without one, every decoy is tried once (in input order), then the real intermediate.
  const Certificate no_aki =
      sign(leaf("leaf.example", inter_cert, leaf_key).no_authority_key_id(), inter_key);
  const VerifyResult r = verify(no_aki, decoys);
  ASSERT_TRUE(r.ok()) << r.diagnosis->message;
  EXPECT_EQ(r.signature_checks, 12u);
  // With a cap of 5 the search stops.
  VerifyOptions o = options();
  o.max_signature_checks = 5;
  const VerifyResult capped = verify(no_aki, decoys, o);
  expect_error(capped, VerifyError::too_many_signature_checks, 0);
  EXPECT_EQ(capped.signature_checks, 5u);
}

TEST_F(Chain, CrossSignedLatticeIsBoundedByTheCap) {
  // Six layers of two certificates; in each layer both share a subject and a key, and the top
  // layer's issuer exists nowhere. Every certificate verifies under both of the layer above, so
  // there are 2^6 paths to walk but only 2 + 5 * 4 = 22 distinct signatures: the cap (32) must
  // count every question, remembered answers included, for the search to stop early.
  const int layers = 6, width = 2;
  std::vector<SigningKey> keys;
  for (int l = 0; l <= layers; ++l) keys.push_back(key(300 + static_cast<std::uint64_t>(l)));
  std::vector<Certificate> pool;
  for (int l = 0; l < layers; ++l) {
    for (int i = 0; i < width; ++i) {
      CertificateBuilder b;
      b.subject(make_name("Layer " + std::to_string(l)))
          .issuer(make_name("Layer " + std::to_string(l + 1)))
          .validity(default_not_before() + std::chrono::seconds(i), default_not_after())
          .public_key(keys[static_cast<std::size_t>(l)].public_key())
          .basic_constraints(true)
          .key_usage(KeyUsage::key_cert_sign);
      pool.push_back(sign(b, keys[static_cast<std::size_t>(l) + 1]));
    }
  }
  CertificateBuilder lb = leaf("leaf.example", inter_cert, leaf_key);
  lb.issuer(make_name("Layer 0"));
  const Certificate l = sign(lb, keys[0]);
  const VerifyResult r = verify(l, pool);
  expect_error(r, VerifyError::too_many_signature_checks, r.diagnosis ? r.diagnosis->index : 0);
  EXPECT_EQ(r.signature_checks, 32u);
}

TEST_F(Chain, EverySignatureErrorHasItsDiagnosis) {
  // verify_signature's four failures map to three diagnoses. "unsupported" cannot be reached
  // through parsed certificates today (the parser refuses unknown algorithms), so the mapping is
  // checked on its own.
  using detail::diagnose_signature;
  EXPECT_EQ(diagnose_signature(0, leaf_cert, inter_cert, SignatureError::invalid).error,
            VerifyError::bad_signature);
  EXPECT_EQ(
      diagnose_signature(0, leaf_cert, inter_cert, SignatureError::key_algorithm_mismatch).error,
      VerifyError::bad_signature);
  EXPECT_EQ(diagnose_signature(0, leaf_cert, inter_cert, SignatureError::weak_algorithm).error,
            VerifyError::weak_algorithm);
  const Diagnosis d = diagnose_signature(0, leaf_cert, inter_cert, SignatureError::unsupported);
  EXPECT_EQ(d.error, VerifyError::unsupported_algorithm);
  EXPECT_EQ(
      d.message,
      "certificate 'CN=leaf.example' is signed with ecdsa-with-SHA256 (issuer key EC P-256), a "
      "combination glasstls does not support");
}

TEST(Diagnosis, MalformedNamesTheOffset) {
  CertificateParseError e;
  e.der.offset = 212;
  e.der.path = "certificate.tbsCertificate.validity.notAfter";
  e.der.reason = "month 13 out of range";
  const Diagnosis d = malformed_diagnosis(1, e);
  EXPECT_EQ(d.error, VerifyError::malformed);
  EXPECT_EQ(d.index, 1u);
  EXPECT_NE(d.message.find("212"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("month 13 out of range"), std::string::npos) << d.message;
  EXPECT_EQ(to_string(VerifyError::name_constraint_violated), "name_constraint_violated");
}

}  // namespace
}  // namespace glasstls::x509
