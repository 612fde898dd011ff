// OCSP responses against the OpenSSL 3.0 command line, both ways (RFC 6960 §4.2):
//  * `openssl ocsp` as a responder on files (a request made with -reqout, answered with -reqin
//    ... -respout) for SHA-1 and SHA-256 CertIDs, byName and byKey (-resp_key_id), signed by the
//    CA and by a delegated responder (extendedKeyUsage OCSPSigning), with and without certs
//    (-resp_no_certs): each response parses here, with the statuses, times, reason, responder
//    id, certs and CertIDs (recomputed by make_ocsp_cert_id) OpenSSL was told to write;
//  * responses minted by OcspResponseBuilder, signed by the CA and by a delegated responder,
//    pass `openssl ocsp -respin ... -CAfile ... -attime ...` ("Response verify OK", the status of
//    each certificate), and a corrupted signature does not.
#include <chrono>

#include <gtest/gtest.h>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/revocation_builder.hpp"
#include "support/test_support.hpp"
#include "x509/signature/openssl_cli.hpp"
#include "x509/signature/test_keys.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using crypto::HashAlg;
using std::chrono::days;

WallTime at(int y, unsigned mo, unsigned d, unsigned h = 0) {
  using namespace std::chrono;
  return sys_days(year(y) / month(mo) / day(d)) + hours(h);
}

Certificate read_pem(const openssl_cli::ScratchDir& dir, const std::string& name) {
  const Bytes pem = dir.read(name);
  auto certs = parse_certificates_pem(
      std::string_view(reinterpret_cast<const char*>(pem.data()), pem.size()));
  EXPECT_TRUE(certs) << name << ": " << certs.error().to_string();
  EXPECT_EQ(certs->size(), 1u) << name;
  return std::move(certs->front());
}

// ---- OpenSSL's responder, read here ------------------------------------------------------------

TEST(OpensslOcsp, ResponsesFromOpensslParse) {
  GLASSTLS_REQUIRE_PEER(openssl_cli::available(), "no openssl command");
  openssl_cli::ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  auto run = [&](const std::string& args) {
    const auto r = dir.openssl(args);
    EXPECT_EQ(r.status, 0) << "openssl " << args << "\n" << r.output;
    return r;
  };
  // A CA, two leaves (serials 0A01 good, 0A02 revoked with keyCompromise) and a delegated
  // responder, all P-256.
  const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes ";
  run("req -x509 " + ec + "-keyout ca.key -subj /CN=Diff\\ OCSP\\ CA -days 3650 -sha256" +
      " -addext basicConstraints=critical,CA:TRUE" +
      " -addext keyUsage=critical,keyCertSign,cRLSign,digitalSignature -out ca.pem");
  dir.write("responder.ext", std::string_view("extendedKeyUsage=OCSPSigning\n"
                                              "keyUsage=critical,digitalSignature\n"));
  const struct {
    const char* name;
    const char* serial;
  } issued[] = {{"good", "0x0A01"}, {"revoked", "0x0A02"}, {"responder", "0x0B01"}};
  for (const auto& c : issued) {
    const std::string n = c.name;
    run("req -new " + ec + "-keyout " + n + ".key -subj /CN=" + n + ".example -out " + n + ".csr");
    run("x509 -req -in " + n + ".csr -CA ca.pem -CAkey ca.key -set_serial " + c.serial +
        " -days 365 -sha256 -out " + n + ".pem" +
        (n == "responder" ? " -extfile responder.ext" : ""));
  }
  dir.write("index.txt",
            std::string_view("V\t301231000000Z\t\t0A01\tunknown\t/CN=good.example\n"
                             "R\t301231000000Z\t250301120000Z,keyCompromise\t0A02\tunknown\t"
                             "/CN=revoked.example\n"));
  const Certificate ca = read_pem(dir, "ca.pem");
  const Certificate good = read_pem(dir, "good.pem");
  const Certificate revoked = read_pem(dir, "revoked.pem");
  const Certificate responder = read_pem(dir, "responder.pem");
  ASSERT_TRUE(responder.ext_key_usage);

  for (const HashAlg hash : {HashAlg::sha1, HashAlg::sha256}) {
    // `-sha256` applies to the -cert options after it.
    run(std::string("ocsp -issuer ca.pem") + (hash == HashAlg::sha256 ? " -sha256" : "") +
        " -cert good.pem -cert revoked.pem -reqout req.der");
    for (const bool delegated : {false, true}) {
      for (const bool by_key : {false, true}) {
        for (const bool no_certs : {false, true}) {
          const std::string signer = delegated ? "responder" : "ca";
          const std::string args = "ocsp -index index.txt -CA ca.pem -rsigner " + signer +
                                   ".pem -rkey " + signer + ".key -reqin req.der -respout " +
                                   "resp.der -ndays 7" + (by_key ? " -resp_key_id" : "") +
                                   (no_certs ? " -resp_no_certs" : "");
          SCOPED_TRACE(args + " (" + std::string(crypto::hash_name(hash)) + ")");
          run(args);
          auto r = parse_ocsp_response(dir.read("resp.der"));
          ASSERT_TRUE(r) << r.error().to_string();
          const Certificate& signer_cert = delegated ? responder : ca;

          EXPECT_EQ(r->status, OcspResponseStatus::successful);
          ASSERT_EQ(r->responses.size(), 2u);
          const OcspSingleResponse* g = r->find(make_ocsp_cert_id(good, ca, hash));
          const OcspSingleResponse* v = r->find(make_ocsp_cert_id(revoked, ca, hash));
          ASSERT_NE(g, nullptr);
          ASSERT_NE(v, nullptr);
          EXPECT_EQ(g->cert_id.hash, hash);
          EXPECT_EQ(g->status, OcspCertStatus::good);
          EXPECT_EQ(v->status, OcspCertStatus::revoked);
          EXPECT_EQ(v->revocation_time, at(2025, 3, 1, 12));
          EXPECT_EQ(v->revocation_reason, CrlReason::key_compromise);
          for (const OcspSingleResponse* s : {g, v}) {
            EXPECT_LE(s->this_update, r->produced_at);
            EXPECT_EQ(s->next_update, s->this_update + days(7));  // -ndays 7
          }
          if (by_key) {
            EXPECT_EQ(r->responder_id.by_key, key_identifier(signer_cert.public_key.spki_der));
            EXPECT_FALSE(r->responder_id.by_name);
          } else {
            ASSERT_TRUE(r->responder_id.by_name);
            EXPECT_EQ(r->responder_id.by_name->der, signer_cert.subject.der);
          }
          if (no_certs) {
            EXPECT_TRUE(r->certs.empty());
          } else {
            ASSERT_EQ(r->certs.size(), 1u);
            EXPECT_EQ(r->certs[0].der, signer_cert.der);
          }
          ASSERT_TRUE(r->nonce);  // -reqout adds a nonce; the responder echoes it
          EXPECT_EQ(r->nonce->size(), 16u);
          EXPECT_TRUE(verify_signature(signer_cert.public_key, r->signature_algorithm, r->tbs(),
                                       r->signature));
        }
      }
    }
  }
}

// ---- our responses, judged by OpenSSL ----------------------------------------------------------

Certificate must(Result<Certificate, CertificateParseError> c) {
  EXPECT_TRUE(c) << c.error().to_string();
  return std::move(c).value();
}

TEST(OpensslOcsp, BuilderResponsesPassOpensslVerification) {
  GLASSTLS_REQUIRE_PEER(openssl_cli::available(), "no openssl command");
  openssl_cli::ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  const SigningKey ca_key = test_keys::ec(crypto::EcCurve::p256, 201);
  const SigningKey responder_key = test_keys::ec(crypto::EcCurve::p256, 202);
  const SigningKey leaf_key = test_keys::ec(crypto::EcCurve::p256, 203);
  const Certificate ca = must(
      CertificateBuilder()
          .subject(make_name("Builder OCSP CA"))
          .self_signed()
          .validity(at(2025, 1, 1), at(2030, 1, 1))
          .public_key(ca_key.public_key())
          .basic_constraints(true)
          .key_usage(KeyUsage::key_cert_sign | KeyUsage::crl_sign | KeyUsage::digital_signature)
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
  const Certificate good = leaf("good.example", 0x0a01);
  const Certificate revoked = leaf("revoked.example", 0x0a02);
  // RFC 6960 §4.2.2.2: a delegated responder carries id-kp-OCSPSigning and is issued by the CA.
  const Certificate responder = must(CertificateBuilder()
                                         .issuer(ca)
                                         .subject(make_name("Builder OCSP Responder"))
                                         .validity(at(2025, 1, 1), at(2030, 1, 1))
                                         .public_key(responder_key.public_key())
                                         .key_usage(KeyUsage::digital_signature)
                                         .ext_key_usage({oids::id_kp_OCSPSigning})
                                         .sign(ca_key));
  dir.write("ca.pem", certificate_pem(ca.der));
  dir.write("good.pem", certificate_pem(good.der));
  dir.write("revoked.pem", certificate_pem(revoked.der));

  const WallTime t0 = at(2026, 3, 1, 12);
  const std::string check_time =
      std::to_string((t0 + std::chrono::hours(1)).time_since_epoch().count());
  struct Case {
    const char* name;
    bool delegated;
    bool by_key;
    HashAlg hash;
    bool corrupt;
  };
  const Case cases[] = {
      {"CA, byName, SHA-1", false, false, HashAlg::sha1, false},
      {"CA, byKey, SHA-256", false, true, HashAlg::sha256, false},
      {"delegated, byName, SHA-1", true, false, HashAlg::sha1, false},
      {"delegated, byKey, SHA-256", true, true, HashAlg::sha256, false},
      {"CA, corrupted signature", false, false, HashAlg::sha1, true},
      {"delegated, corrupted signature", true, false, HashAlg::sha1, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    OcspResponseBuilder b;
    const Certificate& signer = c.delegated ? responder : ca;
    // A delegated responder's certificate travels in certs so OpenSSL can find and check it.
    if (c.by_key) {
      b.responder_by_key(signer, c.delegated);
    } else {
      b.responder(signer, c.delegated);
    }
    b.add(good, ca, OcspCertStatus::good, t0, t0 + days(7), std::nullopt, std::nullopt, c.hash)
        .add(revoked, ca, OcspCertStatus::revoked, t0, t0 + days(7), at(2026, 2, 1),
             CrlReason::key_compromise, c.hash);
    if (c.corrupt) b.corrupt_signature();
    auto der = b.sign_der(c.delegated ? responder_key : ca_key);
    ASSERT_TRUE(der) << der.error().to_string();
    dir.write("resp.der", *der);
    // -attime fixes the time the certificates are checked at; -validity_period widens OpenSSL's
    // thisUpdate/nextUpdate check, which always uses the system clock, so the fixed 2026 dates
    // pass on any day for the next few decades.
    const auto run = dir.openssl(
        std::string("ocsp -respin resp.der -issuer ca.pem -CAfile ca.pem") +
        (c.hash == HashAlg::sha256 ? " -sha256" : "") +
        " -cert good.pem -cert revoked.pem -attime " + check_time + " -validity_period 1576800000");
    if (c.corrupt) {
      EXPECT_EQ(run.output.find("Response verify OK"), std::string::npos) << run.output;
      EXPECT_NE(run.output.find("Response Verify Failure"), std::string::npos) << run.output;
      continue;
    }
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_NE(run.output.find("Response verify OK"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("good.pem: good"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("revoked.pem: revoked"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("Reason: keyCompromise"), std::string::npos) << run.output;
    EXPECT_EQ(run.output.find("Status times invalid"), std::string::npos) << run.output;
  }
}

}  // namespace
}  // namespace glasstls::x509
