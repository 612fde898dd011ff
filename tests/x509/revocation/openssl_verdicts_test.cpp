// Revocation verdicts on inputs minted by the openssl command line (issue 8's tests): a CA, leaves
// and responders made with `openssl req`/`x509`, CRLs made with `openssl ca -gencrl`, OCSP
// responses made by `openssl ocsp` acting as a responder once on files. For each situation —
// good, revoked, unknown to the responder, expired CRL, CRL or response signed by the wrong key,
// delegated responder with and without id-kp-OCSPSigning — our status (check_crl / check_ocsp,
// and verify_chain under hard-fail) must be the expected one, and OpenSSL's own verdict on the
// same files (`openssl verify -crl_check`, `openssl ocsp -respin`) must agree with it.
//
// Everything is minted at test time with OpenSSL's clock, so the verification time here is this
// machine's clock too (the certificates are valid from now for years; the "expired" CRL has
// fixed dates in 2020).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "glasstls/x509/revocation.hpp"
#include "glasstls/x509/verify.hpp"
#include "support/test_support.hpp"
#include "x509/signature/openssl_cli.hpp"
#include "x509/verify/test_pki.hpp"

namespace glasstls::x509 {
namespace {

std::string text_of(const Bytes& b) {
  return std::string(b.begin(), b.end());
}

class OpensslVerdicts : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!openssl_cli::available()) return;
    ASSERT_TRUE(dir.ok());
    const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes ";
    const std::string ca_ext =
        " -addext basicConstraints=critical,CA:TRUE"
        " -addext keyUsage=critical,keyCertSign,cRLSign,digitalSignature";
    run("req -x509 " + ec + "-keyout ca.key -subj /CN=Verdict\\ CA -days 3650 -sha256" + ca_ext +
        " -out ca.pem");
    // Another CA with the same name and another key: the wrong signer.
    run("req -x509 " + ec + "-keyout other.key -subj /CN=Verdict\\ CA -days 3650 -sha256" + ca_ext +
        " -out other.pem");
    dir.write("leaf.ext", std::string_view("keyUsage=critical,digitalSignature\n"
                                           "extendedKeyUsage=serverAuth\n"));
    dir.write("responder.ext", std::string_view("keyUsage=critical,digitalSignature\n"
                                                "extendedKeyUsage=OCSPSigning\n"));
    dir.write("no_eku.ext", std::string_view("keyUsage=critical,digitalSignature\n"));
    const struct {
      const char* name;
      const char* serial;
      const char* ext;
    } issued[] = {{"good", "0x0A01", "leaf.ext"},
                  {"revoked", "0x0A02", "leaf.ext"},
                  {"stranger", "0x0A03", "leaf.ext"},  // not in the CA's database
                  {"responder", "0x0B01", "responder.ext"},
                  {"no_eku", "0x0B02", "no_eku.ext"}};
    for (const auto& c : issued) {
      const std::string n = c.name;
      run("req -new " + ec + "-keyout " + n + ".key -subj /CN=" + n + ".example -out " + n +
          ".csr");
      run("x509 -req -in " + n + ".csr -CA ca.pem -CAkey ca.key -set_serial " + c.serial +
          " -days 365 -sha256 -extfile " + c.ext + " -out " + n + ".pem");
    }
    dir.write("index.txt",
              std::string_view("V\t301231000000Z\t\t0A01\tunknown\t/CN=good.example\n"
                               "R\t301231000000Z\t250301120000Z,keyCompromise\t0A02\tunknown\t"
                               "/CN=revoked.example\n"));
    dir.write("crlnumber", std::string_view("01\n"));
    dir.write("ca.cnf", std::string_view("[ ca ]\ndefault_ca = CA_default\n"
                                         "[ CA_default ]\ndatabase = index.txt\n"
                                         "crlnumber = crlnumber\ndefault_md = sha256\n"
                                         "default_crl_days = 7\n"));
    // CRLs: current by the CA; expired (2020) by the CA; current by the wrong key.
    run("ca -gencrl -config ca.cnf -keyfile ca.key -cert ca.pem -out crl.pem");
    run("ca -gencrl -config ca.cnf -keyfile ca.key -cert ca.pem -out expired_crl.pem "
        "-crl_lastupdate 20200101000000Z -crl_nextupdate 20200108000000Z");
    run("ca -gencrl -config ca.cnf -keyfile other.key -cert other.pem -out forged_crl.pem");

    ca = read_cert("ca.pem");
    for (const char* n : {"good", "revoked", "stranger"})
      leaves.push_back(read_cert(n + std::string(".pem")));
    store.add(ca);
  }

  openssl_cli::Run run(const std::string& args) {
    const openssl_cli::Run r = dir.openssl(args);
    EXPECT_EQ(r.status, 0) << "openssl " << args << "\n" << r.output;
    return r;
  }
  Certificate read_cert(const std::string& name) {
    auto certs = parse_certificates_pem(text_of(dir.read(name)));
    EXPECT_TRUE(certs.ok() && certs->size() == 1) << name;
    return certs.ok() && !certs->empty() ? certs->front() : Certificate{};
  }
  Crl read_crl(const std::string& name) {
    auto crls = parse_crls_pem(text_of(dir.read(name)));
    EXPECT_TRUE(crls.ok() && crls->size() == 1) << name;
    return crls.ok() && !crls->empty() ? crls->front() : Crl{};
  }
  // `openssl ocsp` answers a request about `leaf`, signed by `signer` (ca, other, responder,
  // no_eku); the response is parsed here.
  OcspResponse respond(const std::string& leaf, const std::string& signer) {
    run("ocsp -issuer ca.pem -cert " + leaf + ".pem -reqout req.der");
    run("ocsp -index index.txt -CA ca.pem -rsigner " + signer + ".pem -rkey " + signer +
        ".key -reqin req.der -respout resp.der -ndays 7");
    auto r = parse_ocsp_response(dir.read("resp.der"));
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return r.ok() ? *r : OcspResponse{};
  }
  // OpenSSL's verdict on resp.der about `leaf`: "good", "revoked", "unknown", or "" when it does
  // not trust the response.
  std::string openssl_ocsp_verdict(const std::string& leaf) {
    const openssl_cli::Run r = dir.openssl(
        "ocsp -respin resp.der -issuer ca.pem -CAfile ca.pem -no_nonce -cert " + leaf + ".pem");
    if (r.output.find("Response verify OK") == std::string::npos) return "";
    for (const char* s : {"good", "revoked", "unknown"}) {
      if (r.output.find(leaf + ".pem: " + s) != std::string::npos) return s;
    }
    return "?";
  }
  bool openssl_crl_accepts(const std::string& crl, const std::string& leaf) {
    return dir.openssl("verify -crl_check -CRLfile " + crl + " -CAfile ca.pem " + leaf + ".pem")
               .status == 0;
  }
  VerifyResult verify(const Certificate& leaf, std::vector<Crl> crls,
                      std::vector<OcspResponse> ocsp) {
    crls_ = std::move(crls);
    ocsp_ = std::move(ocsp);
    VerifyOptions options(system_clock());
    options.revocation.policy = RevocationPolicy::hard_fail;
    options.revocation.crls = crls_;
    options.revocation.ocsp = ocsp_;
    return verify_chain(leaf, {}, store, options);
  }

  openssl_cli::ScratchDir dir;
  Certificate ca;
  std::vector<Certificate> leaves;  // good, revoked, stranger
  TrustStore store;
  std::vector<Crl> crls_;
  std::vector<OcspResponse> ocsp_;
};

#define REQUIRE_OPENSSL() \
  GLASSTLS_REQUIRE_PEER(openssl_cli::available(), "the openssl command line is not installed")

TEST_F(OpensslVerdicts, CrlGoodRevokedExpiredForged) {
  REQUIRE_OPENSSL();
  const WallTime now = system_clock().wall_time();
  const Crl crl = read_crl("crl.pem");
  const Certificate& good = leaves[0];
  const Certificate& revoked = leaves[1];

  EXPECT_EQ(check_crl(crl, good, ca, now).state, RevocationState::good);
  EXPECT_TRUE(verify(good, {crl}, {}).ok());
  EXPECT_TRUE(openssl_crl_accepts("crl.pem", "good"));

  const RevocationStatus r = check_crl(crl, revoked, ca, now);
  ASSERT_EQ(r.state, RevocationState::revoked);
  EXPECT_EQ(r.reason, CrlReason::key_compromise);
  EXPECT_EQ(r.revocation_time, test_pki::at(2025, 3, 1, 12));
  const VerifyResult refused = verify(revoked, {crl}, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.diagnosis->error, VerifyError::revoked);
  EXPECT_FALSE(openssl_crl_accepts("crl.pem", "revoked"));

  const RevocationStatus expired = check_crl(read_crl("expired_crl.pem"), good, ca, now);
  EXPECT_EQ(expired.state, RevocationState::unknown);
  EXPECT_NE(describe(expired).find("expired on 2020-01-08 00:00:00 UTC"), std::string::npos)
      << describe(expired);
  EXPECT_EQ(verify(good, {read_crl("expired_crl.pem")}, {}).diagnosis->error,
            VerifyError::revocation_unknown);
  EXPECT_FALSE(openssl_crl_accepts("expired_crl.pem", "good"));

  const RevocationStatus forged = check_crl(read_crl("forged_crl.pem"), revoked, ca, now);
  EXPECT_EQ(forged.state, RevocationState::unknown);
  EXPECT_NE(describe(forged).find("signature does not verify"), std::string::npos)
      << describe(forged);
  EXPECT_EQ(verify(good, {read_crl("forged_crl.pem")}, {}).diagnosis->error,
            VerifyError::revocation_unknown);
  EXPECT_FALSE(openssl_crl_accepts("forged_crl.pem", "good"));
}

TEST_F(OpensslVerdicts, OcspFromTheCa) {
  REQUIRE_OPENSSL();
  const WallTime now = system_clock().wall_time();
  const char* names[] = {"good", "revoked", "stranger"};
  const RevocationState expected[] = {RevocationState::good, RevocationState::revoked,
                                      RevocationState::unknown};
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE(names[i]);
    const OcspResponse resp = respond(names[i], "ca");
    const RevocationStatus s = check_ocsp(resp, leaves[i], ca, now);
    EXPECT_EQ(s.state, expected[i]) << describe(s);
    EXPECT_EQ(openssl_ocsp_verdict(names[i]),
              std::string(names[i]) == "stranger" ? "unknown" : std::string(names[i]));
    const VerifyResult v = verify(leaves[i], {}, {resp});
    EXPECT_EQ(v.ok(), i == 0) << (v.ok() ? "" : v.diagnosis->message);
  }
  // The responder does not know the stranger: unknown, never good.
  EXPECT_NE(describe(check_ocsp(respond("stranger", "ca"), leaves[2], ca, now))
                .find("the responder does not know this certificate"),
            std::string::npos);
}

TEST_F(OpensslVerdicts, OcspDelegatedResponders) {
  REQUIRE_OPENSSL();
  const WallTime now = system_clock().wall_time();
  // With id-kp-OCSPSigning: believed, by us and by OpenSSL.
  RevocationStatus s = check_ocsp(respond("revoked", "responder"), leaves[1], ca, now);
  EXPECT_EQ(s.state, RevocationState::revoked) << describe(s);
  EXPECT_EQ(openssl_ocsp_verdict("revoked"), "revoked");
  // Without it: not believed.
  s = check_ocsp(respond("revoked", "no_eku"), leaves[1], ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(describe(s).find("lacks id-kp-OCSPSigning"), std::string::npos) << describe(s);
  EXPECT_EQ(openssl_ocsp_verdict("revoked"), "");
  // Signed by the other CA of the same name: not believed.
  s = check_ocsp(respond("good", "other"), leaves[0], ca, now);
  EXPECT_EQ(s.state, RevocationState::unknown);
  EXPECT_NE(describe(s).find("signature does not verify"), std::string::npos) << describe(s);
  EXPECT_EQ(openssl_ocsp_verdict("good"), "");
}

}  // namespace
}  // namespace glasstls::x509
