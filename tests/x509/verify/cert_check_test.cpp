// cert_check's interface (issues 7 and 8): exit status 0 for a valid chain, 1 for a verdict against
// it, 2 for bad arguments or unreadable files, on a PKI minted by our builder into a temporary
// directory this test removes. CERT_CHECK is the path of the built tool.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "glasstls/x509/revocation_builder.hpp"
#include "x509/verify/test_pki.hpp"

namespace glasstls::x509 {
namespace {

namespace fs = std::filesystem;
using namespace test_pki;

class CertCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "glasstls-cert-check-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir = pattern;
    const SigningKey root_key = key(1), inter_key = key(2), leaf_key = key(3);
    const Certificate root_cert = sign(root("Tool Root", root_key), root_key);
    const Certificate inter =
        sign(intermediate("Tool Intermediate", root_cert, inter_key), root_key);
    const Certificate leaf_cert = sign(leaf("leaf.example", inter, leaf_key), inter_key);
    write("roots.pem", certificate_pem(root_cert.der));
    write("inter.pem", certificate_pem(inter.der));
    write("leaf.pem", certificate_pem(leaf_cert.der));
    write("bundle.pem", certificate_pem(leaf_cert.der) + certificate_pem(inter.der));
    write("leaf.der", std::string(leaf_cert.der.begin(), leaf_cert.der.end()));
    write("root.der", std::string(root_cert.der.begin(), root_cert.der.end()));
    write("garbage.pem", "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n");
    write("garbage_crl.pem", "-----BEGIN X509 CRL-----\nMIIBAAAA\n-----END X509 CRL-----\n");

    // Revocation inputs (issue 8): the root's CRL (for the intermediate) and the intermediate's
    // CRL (for the leaf), with and without the leaf; OCSP responses about the leaf.
    auto crl_pem_of = [](const CrlBuilder& b, const SigningKey& k) {
      auto der = b.sign_der(k);
      EXPECT_TRUE(der.ok());
      return der.ok() ? x509::crl_pem(*der) : std::string();
    };
    CrlBuilder root_crl, inter_crl;
    root_crl.issuer(root_cert).this_update(at(2026, 5, 31)).next_update(at(2026, 6, 7));
    inter_crl.issuer(inter).this_update(at(2026, 5, 31)).next_update(at(2026, 6, 7));
    write("crls_good.pem", crl_pem_of(root_crl, root_key) + crl_pem_of(inter_crl, inter_key));
    inter_crl.revoke(leaf_cert, at(2026, 5, 1), CrlReason::key_compromise);
    write("crls_revoked.pem", crl_pem_of(root_crl, root_key) + crl_pem_of(inter_crl, inter_key));
    for (auto status : {OcspCertStatus::good, OcspCertStatus::revoked}) {
      OcspResponseBuilder b;
      b.responder(inter).add(leaf_cert, inter, status, at(2026, 5, 31), at(2026, 6, 2),
                             at(2026, 5, 2), CrlReason::superseded);
      auto der = b.sign_der(inter_key);
      ASSERT_TRUE(der.ok());
      write(status == OcspCertStatus::good ? "ocsp_good.der" : "ocsp_revoked.der",
            std::string(der->begin(), der->end()));
    }
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  void write(const std::string& name, const std::string& content) {
    std::ofstream out(dir / name, std::ios::binary);
    out << content;
  }
  std::string file(const std::string& name) const { return "'" + (dir / name).string() + "'"; }

  // Runs cert_check with `args` (output to `out.txt`); returns its exit status.
  int run(const std::string& args) {
    const std::string cmd =
        std::string("'") + CERT_CHECK + "' " + args + " > " + file("out.txt") + " 2>&1";
    const int status = std::system(cmd.c_str());
    if (status == -1 || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
  }
  std::string output() const {
    std::ifstream in(dir / "out.txt");
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  fs::path dir;
  const std::string at_now = "--at 2026-06-01T00:00:00Z";
};

TEST_F(CertCheck, ValidChainExitsZeroAndPrintsIt) {
  EXPECT_EQ(run("--cafile " + file("roots.pem") + " --untrusted " + file("inter.pem") +
                " --host leaf.example " + at_now + " " + file("leaf.pem")),
            0)
      << output();
  const std::string out = output();
  EXPECT_NE(out.find("chain (3 certificates, leaf first)"), std::string::npos) << out;
  EXPECT_NE(out.find("subject:   CN=leaf.example"), std::string::npos) << out;
  EXPECT_NE(out.find("key:       EC P-256"), std::string::npos) << out;
  EXPECT_NE(out.find("signature: ecdsa-with-SHA256"), std::string::npos) << out;
  EXPECT_NE(out.find("(214 days left)"), std::string::npos) << out;
  EXPECT_NE(out.find("\nOK\n"), std::string::npos) << out;
}

TEST_F(CertCheck, ExtraCertificatesInTheLeafFileAreIntermediates) {
  EXPECT_EQ(run("--cafile " + file("roots.pem") + " " + at_now + " " + file("bundle.pem")), 0)
      << output();
  EXPECT_EQ(run("--cafile " + file("roots.pem") + " --untrusted " + file("inter.pem") + " " +
                at_now + " " + file("leaf.der")),
            0)
      << output();
  // A DER anchor file works as a PEM one does.
  EXPECT_EQ(run("--cafile " + file("root.der") + " " + at_now + " " + file("bundle.pem")), 0)
      << output();
}

TEST_F(CertCheck, VerdictsExitOne) {
  const std::string base =
      "--cafile " + file("roots.pem") + " --untrusted " + file("inter.pem") + " ";
  // Everything expired on 2027-01-01; checks run from the anchor down (RFC 5280 §6.1), so the
  // root is named.
  EXPECT_EQ(run(base + "--at 2027-03-01T00:00:00Z " + file("leaf.pem")), 1);
  EXPECT_NE(output().find("FAILED (expired): certificate 'CN=Tool Root' expired on 2027-01-01 "
                          "00:00:00 UTC, 59 days ago"),
            std::string::npos)
      << output();
  EXPECT_EQ(run(base + "--host other.example " + at_now + " " + file("leaf.pem")), 1);
  EXPECT_NE(
      output().find(
          "FAILED (hostname_mismatch): hostname mismatch: the certificate covers leaf.example"),
      std::string::npos)
      << output();
  EXPECT_EQ(run(base + "--ip 192.0.2.1 " + at_now + " " + file("leaf.pem")), 1);
  EXPECT_EQ(run(base + "--purpose client " + at_now + " " + file("leaf.pem")), 1);
  EXPECT_NE(output().find("ext_key_usage_not_allowed"), std::string::npos) << output();
  EXPECT_EQ(run(base + "--max-depth 0 " + at_now + " " + file("leaf.pem")), 1);
  EXPECT_NE(output().find("too_deep"), std::string::npos) << output();
  EXPECT_EQ(run("--cafile " + file("roots.pem") + " " + at_now + " " + file("leaf.pem")), 1);
  EXPECT_NE(output().find("unknown_issuer"), std::string::npos) << output();
  EXPECT_EQ(run(base + at_now + " " + file("garbage.pem")), 1);
  EXPECT_NE(output().find("FAILED (malformed)"), std::string::npos) << output();
}

TEST_F(CertCheck, RevocationFromCrlsAndOcsp) {
  const std::string base =
      "--cafile " + file("roots.pem") + " --untrusted " + file("inter.pem") + " " + at_now + " ";
  // Good by both CRLs, even under hard-fail; each status printed under its certificate.
  EXPECT_EQ(run(base + "--revocation hard --crl " + file("crls_good.pem") + " " + file("leaf.pem")),
            0)
      << output();
  EXPECT_NE(output().find("revocation: good (the CRL of 'CN=Tool Intermediate' (thisUpdate "
                          "2026-05-31 00:00:00 UTC))"),
            std::string::npos)
      << output();
  // Revoked by the CRL: a verdict, with the date and the reason.
  EXPECT_EQ(run(base + "--crl " + file("crls_revoked.pem") + " " + file("leaf.pem")), 1);
  EXPECT_NE(output().find("FAILED (revoked): certificate 'CN=leaf.example' was revoked on "
                          "2026-05-01 00:00:00 UTC (keyCompromise)"),
            std::string::npos)
      << output();
  // Revoked by OCSP.
  EXPECT_EQ(run(base + "--ocsp " + file("ocsp_revoked.der") + " " + file("leaf.pem")), 1);
  EXPECT_NE(output().find("was revoked on 2026-05-02 00:00:00 UTC (superseded), according to the "
                          "OCSP"),
            std::string::npos)
      << output();
  // OCSP good for the leaf, and the root's CRL for the intermediate: hard-fail passes.
  EXPECT_EQ(run(base + "--revocation hard --ocsp " + file("ocsp_good.der") + " --crl " +
                file("crls_good.pem") + " " + file("leaf.pem")),
            0)
      << output();
  // Nothing known: soft-fail (the default) tolerates it, hard-fail does not.
  EXPECT_EQ(run(base + file("leaf.pem")), 0) << output();
  EXPECT_EQ(run(base + "--revocation hard " + file("leaf.pem")), 1);
  EXPECT_NE(output().find("FAILED (revocation_unknown)"), std::string::npos) << output();
  // Off: the revoking CRL is not looked at.
  EXPECT_EQ(
      run(base + "--revocation off --crl " + file("crls_revoked.pem") + " " + file("leaf.pem")), 0)
      << output();
}

TEST_F(CertCheck, BadArgumentsAndUnreadableFilesExitTwo) {
  const std::string base = "--cafile " + file("roots.pem") + " ";
  EXPECT_EQ(run(""), 2);
  EXPECT_EQ(run(base + "--bogus " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--host a.example --ip 192.0.2.1 " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--at 2026-13-01T00:00:00Z " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--at 2026-06-01 " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--purpose email " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--max-depth -1 " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--ip 300.1.1.1 " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + file("missing.pem")), 2);
  EXPECT_EQ(run(base + "--untrusted " + file("missing.pem") + " " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--crl " + file("missing.pem") + " " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--crl " + file("roots.pem") + " " + file("leaf.pem")), 2);  // no CRL in it
  EXPECT_EQ(run(base + "--crl " + file("garbage_crl.pem") + " " + file("leaf.pem")), 2);
  EXPECT_NE(output().find("is not a CRL"), std::string::npos) << output();
  EXPECT_EQ(run(base + "--ocsp " + file("leaf.der") + " " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--ocsp " + file("missing.der") + " " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--revocation maybe " + file("leaf.pem")), 2);
  EXPECT_EQ(run("--cafile " + file("missing.pem") + " " + file("leaf.pem")), 2);
  EXPECT_EQ(run("--cafile " + file("garbage.pem") + " " + file("leaf.pem")), 2);
  EXPECT_EQ(run("--cafile " + file("garbage_crl.pem") + " " + file("leaf.pem")), 2);  // no root
  EXPECT_NE(output().find("holds no CERTIFICATE block"), std::string::npos) << output();
  EXPECT_EQ(run(base + file("leaf.pem") + " " + file("leaf.pem")), 2);
  EXPECT_EQ(run(base + "--host"), 2);
}

}  // namespace
}  // namespace glasstls::x509
