// OcspResponseBuilder (RFC 6960 §4.2.1) round trips through parse_ocsp_response: every CertStatus,
// both ResponderID forms, certs, SHA-1 and SHA-256 CertIDs, the nonce, several SingleResponses and
// find(); error responses for each non-successful status; and signatures that verify over tbs()
// with every key kind (and stop verifying when corrupted).
#include <chrono>

#include <gtest/gtest.h>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/revocation_builder.hpp"
#include "support/test_support.hpp"
#include "x509/signature/test_keys.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using crypto::HashAlg;
using glasstls::test::hex;
using std::chrono::days;

WallTime at(int y, unsigned mo, unsigned d, unsigned h = 0) {
  using namespace std::chrono;
  return sys_days(year(y) / month(mo) / day(d)) + hours(h);
}

struct Pki {
  SigningKey ca_key, responder_key;
  Certificate ca, leaf1, leaf2, responder;
};

Certificate must(Result<Certificate, CertificateParseError> c) {
  EXPECT_TRUE(c) << c.error().to_string();
  return std::move(c).value();
}

// A CA, two leaves and a delegated OCSP responder (extendedKeyUsage id-kp-OCSPSigning, RFC 6960
// §4.2.2.2), all valid through 2030.
const Pki& pki() {
  static const Pki p = [] {
    const SigningKey ca_key = test_keys::ec(crypto::EcCurve::p256, 101);
    const SigningKey responder_key = test_keys::ec(crypto::EcCurve::p256, 102);
    const SigningKey leaf_key = test_keys::ec(crypto::EcCurve::p256, 103);
    const Certificate ca =
        must(CertificateBuilder()
                 .subject(make_name({{oids::id_at_organizationName, "glasstls test"},
                                     {oids::id_at_commonName, "OCSP Test CA"}}))
                 .self_signed()
                 .validity(at(2025, 1, 1), at(2030, 1, 1))
                 .public_key(ca_key.public_key())
                 .basic_constraints(true)
                 .key_usage(KeyUsage::key_cert_sign | KeyUsage::crl_sign)
                 .sign(ca_key));
    auto leaf = [&](const char* host, std::uint64_t serial) {
      return must(CertificateBuilder()
                      .issuer(ca)
                      .subject(make_name(host))
                      .serial(serial)
                      .validity(at(2025, 1, 1), at(2030, 1, 1))
                      .public_key(leaf_key.public_key())
                      .add_dns_name(host)
                      .sign(ca_key));
    };
    const Certificate responder = must(CertificateBuilder()
                                           .issuer(ca)
                                           .subject(make_name("OCSP Responder"))
                                           .validity(at(2025, 1, 1), at(2030, 1, 1))
                                           .public_key(responder_key.public_key())
                                           .key_usage(KeyUsage::digital_signature)
                                           .ext_key_usage({oids::id_kp_OCSPSigning})
                                           .sign(ca_key));
    // leaf2's serial has its top bit set: the INTEGER carries a 00 sign byte.
    return Pki{
        ca_key,   responder_key, ca, leaf("one.example", 0x1001), leaf("two.example", 0xff02),
        responder};
  }();
  return p;
}

const WallTime t0 = at(2026, 3, 1, 12);

TEST(OcspBuilder, SeveralSingleResponsesRoundTrip) {
  const Pki& k = pki();
  const WallTime revoked_at = at(2026, 2, 1);
  auto r = OcspResponseBuilder()
               .responder(k.ca)
               .add(k.leaf1, k.ca, OcspCertStatus::good, t0, t0 + days(1))
               .add(k.leaf2, k.ca, OcspCertStatus::revoked, t0, t0 + days(2), revoked_at,
                    CrlReason::cessation_of_operation, HashAlg::sha256)
               .add(k.leaf1, k.ca, OcspCertStatus::revoked, t0, std::nullopt, std::nullopt,
                    std::nullopt, HashAlg::sha384)
               .add(k.leaf2, k.ca, OcspCertStatus::unknown, t0 + days(3), std::nullopt,
                    std::nullopt, std::nullopt, HashAlg::sha512)
               .sign(k.ca_key);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->status, OcspResponseStatus::successful);
  EXPECT_EQ(r->version, 1);
  EXPECT_EQ(r->produced_at, t0);  // the first thisUpdate by default
  ASSERT_EQ(r->responses.size(), 4u);

  const OcspSingleResponse& good = r->responses[0];
  EXPECT_EQ(good.cert_id, make_ocsp_cert_id(k.leaf1, k.ca));
  EXPECT_EQ(good.cert_id.hash, HashAlg::sha1);
  EXPECT_EQ(good.cert_id.issuer_key_hash, *k.ca.subject_key_id);  // both method 1, SHA-1
  EXPECT_EQ(good.status, OcspCertStatus::good);
  EXPECT_FALSE(good.revocation_time);
  EXPECT_FALSE(good.revocation_reason);
  EXPECT_EQ(good.this_update, t0);
  EXPECT_EQ(good.next_update, t0 + days(1));

  const OcspSingleResponse& revoked = r->responses[1];
  EXPECT_EQ(revoked.cert_id.hash, HashAlg::sha256);
  EXPECT_EQ(revoked.cert_id.issuer_name_hash.size(), 32u);
  EXPECT_EQ(revoked.cert_id.serial, hex("00ff02"));
  EXPECT_EQ(revoked.status, OcspCertStatus::revoked);
  EXPECT_EQ(revoked.revocation_time, revoked_at);
  EXPECT_EQ(revoked.revocation_reason, CrlReason::cessation_of_operation);
  EXPECT_EQ(revoked.next_update, t0 + days(2));

  const OcspSingleResponse& no_reason = r->responses[2];
  EXPECT_EQ(no_reason.cert_id.hash, HashAlg::sha384);
  EXPECT_EQ(no_reason.status, OcspCertStatus::revoked);
  EXPECT_EQ(no_reason.revocation_time, t0);  // defaults to thisUpdate
  EXPECT_FALSE(no_reason.revocation_reason);
  EXPECT_FALSE(no_reason.next_update);

  const OcspSingleResponse& unknown = r->responses[3];
  EXPECT_EQ(unknown.cert_id.hash, HashAlg::sha512);
  EXPECT_EQ(unknown.cert_id.issuer_key_hash.size(), 64u);
  EXPECT_EQ(unknown.status, OcspCertStatus::unknown);
  EXPECT_EQ(unknown.this_update, t0 + days(3));

  // find() matches the whole CertID, hash algorithm included.
  EXPECT_EQ(r->find(make_ocsp_cert_id(k.leaf1, k.ca)), &r->responses[0]);
  EXPECT_EQ(r->find(make_ocsp_cert_id(k.leaf2, k.ca, HashAlg::sha256)), &r->responses[1]);
  EXPECT_EQ(r->find(make_ocsp_cert_id(k.leaf1, k.ca, HashAlg::sha384)), &r->responses[2]);
  EXPECT_EQ(r->find(make_ocsp_cert_id(k.leaf2, k.ca, HashAlg::sha512)), &r->responses[3]);
  EXPECT_EQ(r->find(make_ocsp_cert_id(k.leaf2, k.ca)), nullptr);
  EXPECT_EQ(r->find(make_ocsp_cert_id(k.leaf1, k.ca, HashAlg::sha256)), nullptr);
  // A CertID naming another issuer (the responder as "issuer") matches nothing.
  EXPECT_EQ(r->find(make_ocsp_cert_id(k.leaf1, k.responder)), nullptr);
}

TEST(OcspBuilder, ResponderByNameAndByKey) {
  const Pki& k = pki();
  auto by_name = OcspResponseBuilder()
                     .responder(k.ca)
                     .add(k.leaf1, k.ca, OcspCertStatus::good, t0)
                     .sign(k.ca_key);
  ASSERT_TRUE(by_name) << by_name.error().to_string();
  ASSERT_TRUE(by_name->responder_id.by_name);
  EXPECT_EQ(by_name->responder_id.by_name->der, k.ca.subject.der);
  EXPECT_FALSE(by_name->responder_id.by_key);
  EXPECT_TRUE(by_name->certs.empty());

  auto by_key = OcspResponseBuilder()
                    .responder_by_key(k.responder)
                    .add(k.leaf1, k.ca, OcspCertStatus::good, t0)
                    .sign(k.responder_key);
  ASSERT_TRUE(by_key) << by_key.error().to_string();
  EXPECT_FALSE(by_key->responder_id.by_name);
  // §4.2.1 KeyHash: SHA-1 of the responder's subjectPublicKey bits (= its method-1 key id).
  EXPECT_EQ(by_key->responder_id.by_key, *k.responder.subject_key_id);

  auto named = OcspResponseBuilder()
                   .responder_name(make_name("Somebody Else"))
                   .add(k.leaf1, k.ca, OcspCertStatus::good, t0)
                   .sign(k.ca_key);
  ASSERT_TRUE(named) << named.error().to_string();
  EXPECT_EQ(named->responder_id.by_name->to_string(), "CN=Somebody Else");
}

TEST(OcspBuilder, CertificatesIncluded) {
  const Pki& k = pki();
  auto r = OcspResponseBuilder()
               .responder(k.responder, /*include_certificate=*/true)
               .add_certificate(k.ca)
               .add(k.leaf1, k.ca, OcspCertStatus::good, t0)
               .sign(k.responder_key);
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(r->certs.size(), 2u);
  EXPECT_EQ(r->certs[0].der, k.responder.der);
  EXPECT_EQ(r->certs[1].der, k.ca.der);
  ASSERT_TRUE(r->certs[0].ext_key_usage);
  EXPECT_TRUE(
      verify_signature(r->certs[0].public_key, r->signature_algorithm, r->tbs(), r->signature));

  auto by_key = OcspResponseBuilder()
                    .responder_by_key(k.responder, true)
                    .add(k.leaf1, k.ca, OcspCertStatus::good, t0)
                    .sign(k.responder_key);
  ASSERT_TRUE(by_key) << by_key.error().to_string();
  ASSERT_EQ(by_key->certs.size(), 1u);
  EXPECT_EQ(by_key->certs[0].der, k.responder.der);
}

TEST(OcspBuilder, NonceAndProducedAt) {
  const Pki& k = pki();
  const Bytes nonce = hex("0102030405060708090a0b0c0d0e0f10");
  auto r = OcspResponseBuilder()
               .responder(k.ca)
               .produced_at(t0 + days(1))
               .nonce(nonce)
               .add(k.leaf1, k.ca, OcspCertStatus::good, t0)
               .sign(k.ca_key);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->produced_at, t0 + days(1));
  EXPECT_EQ(r->nonce, nonce);
  ASSERT_EQ(r->extensions.size(), 1u);
  EXPECT_EQ(r->extensions[0].id, oids::id_pkix_ocsp_nonce);
  EXPECT_EQ(r->extensions[0].value, hex("0410 0102030405060708090a0b0c0d0e0f10"));

  auto none = OcspResponseBuilder()
                  .responder(k.ca)
                  .add(k.leaf1, k.ca, OcspCertStatus::good, t0)
                  .sign(k.ca_key);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->nonce);
  EXPECT_TRUE(none->extensions.empty());
}

TEST(OcspBuilder, ACertIdAsGiven) {
  const Pki& k = pki();
  OcspCertId id = make_ocsp_cert_id(k.leaf1, k.ca);
  id.serial = hex("7f");
  auto r = OcspResponseBuilder()
               .responder(k.ca)
               .add(id, OcspCertStatus::revoked, t0, std::nullopt, t0 - days(5),
                    CrlReason::aa_compromise)
               .sign(k.ca_key);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->responses[0].cert_id, id);
  EXPECT_EQ(r->responses[0].revocation_time, t0 - days(5));
  EXPECT_EQ(r->responses[0].revocation_reason, CrlReason::aa_compromise);
  EXPECT_EQ(r->find(make_ocsp_cert_id(k.leaf1, k.ca)), nullptr);
}

TEST(OcspBuilder, MissingPartsAreErrors) {
  const Pki& k = pki();
  auto no_responder =
      OcspResponseBuilder().add(k.leaf1, k.ca, OcspCertStatus::good, t0).sign_der(k.ca_key);
  ASSERT_FALSE(no_responder);
  EXPECT_EQ(no_responder.error().der.path, "builder.responderID");
  auto no_single = OcspResponseBuilder().responder(k.ca).sign_der(k.ca_key);
  ASSERT_FALSE(no_single);
  EXPECT_EQ(no_single.error().der.path, "builder.responses");
}

TEST(OcspBuilder, EveryStrictPrefixOfABuiltResponseIsRejected) {
  const Pki& k = pki();
  auto der = OcspResponseBuilder()
                 .responder(k.responder, true)
                 .nonce(hex("aabb"))
                 .add(k.leaf1, k.ca, OcspCertStatus::good, t0, t0 + days(1))
                 .add(k.leaf2, k.ca, OcspCertStatus::revoked, t0, t0 + days(1), t0,
                      CrlReason::key_compromise)
                 .sign_der(k.responder_key);
  ASSERT_TRUE(der) << der.error().to_string();
  ASSERT_TRUE(parse_ocsp_response(*der));
  for (std::size_t n = 0; n < der->size(); ++n) {
    auto r = parse_ocsp_response(ByteView(der->data(), n));
    ASSERT_FALSE(r) << n;
    EXPECT_EQ(r.error().der.offset, 0u) << r.error().to_string();
  }
}

TEST(OcspBuilder, ErrorResponsesParseBackWithTheirStatus) {
  // §4.2.1: an error status and no responseBytes, so no signature either.
  const OcspResponseStatus statuses[] = {
      OcspResponseStatus::malformed_request, OcspResponseStatus::internal_error,
      OcspResponseStatus::try_later, OcspResponseStatus::sig_required,
      OcspResponseStatus::unauthorized};
  for (const OcspResponseStatus s : statuses) {
    SCOPED_TRACE(to_string(s));
    const Bytes der = OcspResponseBuilder::error_response(s);
    EXPECT_EQ(der, (Bytes{0x30, 0x03, 0x0a, 0x01, static_cast<std::uint8_t>(s)}));
    auto r = parse_ocsp_response(der);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(r->status, s);
    EXPECT_TRUE(r->responses.empty());
    EXPECT_TRUE(r->signature.empty());
    EXPECT_EQ(r->tbs_size, 0u);
  }
}

TEST(OcspBuilder, SignatureVerifiesOverTbsWithEveryKeyKind) {
  const Pki& k = pki();
  const SigningKey keys[] = {test_keys::rsa_pkcs1(), test_keys::rsa_pss(),
                             test_keys::ec(crypto::EcCurve::p384, 7), test_keys::ed25519(8),
                             k.ca_key};
  for (const SigningKey& key : keys) {
    SCOPED_TRACE(key.algorithm().to_string());
    OcspResponseBuilder b;
    b.responder(k.ca).add(k.leaf1, k.ca, OcspCertStatus::good, t0);
    auto r = b.sign(key);
    ASSERT_TRUE(r) << r.error().to_string();
    EXPECT_EQ(r->signature_algorithm.der, key.algorithm().der);
    // The tbs() view is the whole ResponseData SEQUENCE inside the response.
    ASSERT_GT(r->tbs_size, 2u);
    EXPECT_EQ(r->tbs()[0], 0x30);
    EXPECT_TRUE(verify_signature(key.public_key(), r->signature_algorithm, r->tbs(), r->signature));

    auto bad = b.corrupt_signature().sign(key);
    ASSERT_TRUE(bad) << bad.error().to_string();
    const auto verdict =
        verify_signature(key.public_key(), bad->signature_algorithm, bad->tbs(), bad->signature);
    ASSERT_FALSE(verdict);
    EXPECT_EQ(verdict.error(), SignatureError::invalid);
  }
}

}  // namespace
}  // namespace glasstls::x509
