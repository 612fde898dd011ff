// A test PKI minted by the `openssl` command line (issue 7: "another by the openssl CLI"), with
// one bad certificate per diagnosis: verify_chain must give that diagnosis, and `openssl verify
// -x509_strict -purpose sslserver -verify_hostname ... -attime ...` the same verdict (except where
// a case documents why glasstls differs). -x509_strict wants keyUsage on CAs and key identifiers
// and v3 extensions on leaves, so every certificate gets them from the extension file below.
// Everything happens in a temporary directory the test removes; nothing touches the network.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/verify.hpp"
#include "support/test_support.hpp"

namespace glasstls::x509 {
namespace {

namespace fs = std::filesystem;

// The profiles, one section each (openssl x509 -extfile ... -extensions <section>).
constexpr const char* kExtensions = R"(
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_false]
basicConstraints = critical,CA:FALSE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_no_certsign]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_pathlen0]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_eku_client]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ca_constrained]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
nameConstraints = critical,permitted;DNS:example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:leaf.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf_outside]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:leaf.other.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf_client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:leaf.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf_critical_private]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:leaf.example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.3.6.1.4.1.55555.1 = critical,DER:05:00
)";

bool have_openssl_cli() {
  return std::system("openssl version > /dev/null 2>&1") == 0;
}

class OpensslPki : public ::testing::Test {
 protected:
  void SetUp() override {
    GLASSTLS_REQUIRE_PEER(have_openssl_cli(), "the openssl command-line tool is not installed");
    std::string pattern = (fs::temp_directory_path() / "glasstls-openssl-pki-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir = pattern;
    std::ofstream(dir / "ext.cnf") << kExtensions;
    now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  void TearDown() override {
    std::error_code ec;
    if (!dir.empty()) fs::remove_all(dir, ec);
  }

  // Runs a shell command inside the directory; true when it exits 0.
  bool sh(const std::string& cmd) const {
    const std::string full = "cd '" + dir.string() + "' && " + cmd + " > /dev/null 2>&1";
    const int status = std::system(full.c_str());
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  void key(const std::string& name) const {
    ASSERT_TRUE(
        sh("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out " + name + ".key"));
  }
  void self_signed(const std::string& name, const std::string& cn) const {
    key(name);
    ASSERT_TRUE(sh("openssl req -x509 -new -key " + name + ".key -subj '/CN=" + cn +
                   "' -days 3650 -sha256 -config ext.cnf -extensions root -out " + name + ".pem"));
  }
  // A certificate for `name` signed by `issuer`, with a profile section. Its key is new, or
  // `same_key_as`'s (the variants of the intermediate keep its key, so the leaf it signed still
  // verifies under each and only the variant's defect remains).
  void issue(const std::string& name, const std::string& cn, const std::string& issuer,
             const std::string& section, int days = 365, const std::string& digest = "-sha256",
             const std::string& same_key_as = "") const {
    if (same_key_as.empty()) {
      key(name);
    } else {
      ASSERT_TRUE(sh("cp " + same_key_as + ".key " + name + ".key"));
    }
    ASSERT_TRUE(sh("openssl req -new -key " + name + ".key -subj '/CN=" + cn +
                   "' -config ext.cnf -out " + name + ".csr"));
    ASSERT_TRUE(sh("openssl x509 -req -in " + name + ".csr -CA " + issuer + ".pem -CAkey " +
                   issuer + ".key -set_serial " + std::to_string(++serial) + " -days " +
                   std::to_string(days) + " " + digest + " -extfile ext.cnf -extensions " +
                   section + " -out " + name + ".pem"));
  }
  std::vector<Certificate> load(const std::vector<std::string>& names) const {
    std::vector<Certificate> out;
    for (const std::string& n : names) {
      std::ifstream in(dir / (n + ".pem"));
      const std::string text((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
      auto certs = parse_certificates_pem(text);
      EXPECT_TRUE(certs.ok()) << n << ": " << (certs.ok() ? "" : certs.error().to_string());
      if (certs.ok()) out.insert(out.end(), certs->begin(), certs->end());
    }
    return out;
  }

  struct Outcome {
    VerifyResult ours;
    bool openssl_ok = false;
  };
  // Both verifiers on one chain: `leaf` with `untrusted` intermediates under `roots`.
  Outcome judge(const std::string& leaf, const std::vector<std::string>& untrusted,
                const std::vector<std::string>& roots, const std::string& host,
                std::chrono::seconds offset = std::chrono::hours(1)) const {
    const WallTime when = now + offset;
    TrustStore store;
    for (Certificate& c : load(roots)) store.add(std::move(c));
    const FixedClock clock(when);
    VerifyOptions options(clock);
    options.host = host;
    const std::vector<Certificate> leaf_certs = load({leaf});
    Outcome o{verify_chain(leaf_certs.at(0), load(untrusted), store, options), false};
    std::string cmd = "cat";
    for (const std::string& r : roots) cmd += " " + r + ".pem";
    cmd += " > roots.pem && cat /dev/null";
    for (const std::string& u : untrusted) cmd += " " + u + ".pem";
    cmd +=
        " > untrusted.pem && openssl verify -no-CApath -no-CAstore -x509_strict -purpose "
        "sslserver -verify_hostname '" +
        host + "' -attime " + std::to_string(when.time_since_epoch().count()) +
        " -CAfile roots.pem" + (untrusted.empty() ? "" : " -untrusted untrusted.pem") + " " + leaf +
        ".pem";
    o.openssl_ok = sh(cmd);
    return o;
  }

  // The usual expectation: both refuse, glasstls with `error`.
  void expect_refused(const Outcome& o, VerifyError error) const {
    ASSERT_FALSE(o.ours.ok()) << "glasstls accepted; expected " << to_string(error);
    EXPECT_EQ(o.ours.diagnosis->error, error) << o.ours.diagnosis->message;
    EXPECT_FALSE(o.openssl_ok) << "openssl verify accepted the chain";
  }

  fs::path dir;
  WallTime now;
  mutable int serial = 0;
};

TEST_F(OpensslPki, OneBadCertificatePerDiagnosis) {
  self_signed("root", "CLI Root");
  issue("int", "CLI Intermediate", "root", "ca");
  issue("leaf", "leaf.example.com", "int", "leaf");
  const std::vector<std::string> root{"root"}, chain{"int"};

  // The good chain, both ways.
  Outcome good = judge("leaf", chain, root, "leaf.example.com");
  EXPECT_TRUE(good.ours.ok()) << good.ours.diagnosis->message;
  EXPECT_TRUE(good.openssl_ok);
  EXPECT_EQ(good.ours.chain.size(), 3u);

  // Hostname (RFC 9525 §6.3), trust (unknown issuer, untrusted root).
  expect_refused(judge("leaf", chain, root, "www.example.com"), VerifyError::hostname_mismatch);
  expect_refused(judge("leaf", {}, root, "leaf.example.com"), VerifyError::unknown_issuer);
  self_signed("other_root", "CLI Other Root");
  expect_refused(judge("leaf", {"int", "root"}, {"other_root"}, "leaf.example.com"),
                 VerifyError::self_signed_untrusted);

  // Validity (RFC 5280 §6.1.3 (a)(2)): a one-day leaf three days later; everything an hour
  // before it was made.
  issue("short", "leaf.example.com", "int", "leaf", 1);
  expect_refused(judge("short", chain, root, "leaf.example.com", std::chrono::hours(72)),
                 VerifyError::expired);
  expect_refused(judge("leaf", chain, root, "leaf.example.com", -std::chrono::hours(1)),
                 VerifyError::not_yet_valid);

  // CA checks (RFC 5280 §4.2.1.9, §4.2.1.3).
  issue("int_false", "CLI Intermediate", "root", "ca_false", 365, "-sha256", "int");
  expect_refused(judge("leaf", {"int_false"}, root, "leaf.example.com"), VerifyError::not_a_ca);
  issue("int_nosign", "CLI Intermediate", "root", "ca_no_certsign", 365, "-sha256", "int");
  expect_refused(judge("leaf", {"int_nosign"}, root, "leaf.example.com"),
                 VerifyError::key_usage_not_allowed);
  issue("int_len0", "CLI Intermediate", "root", "ca_pathlen0");
  issue("sub", "CLI Sub", "int_len0", "ca");
  issue("leaf_sub", "leaf.example.com", "sub", "leaf");
  expect_refused(judge("leaf_sub", {"int_len0", "sub"}, root, "leaf.example.com"),
                 VerifyError::path_length_exceeded);

  // Extended key usage (RFC 5280 §4.2.1.12), on the intermediate and on the leaf.
  issue("int_client", "CLI Intermediate", "root", "ca_eku_client", 365, "-sha256", "int");
  expect_refused(judge("leaf", {"int_client"}, root, "leaf.example.com"),
                 VerifyError::ext_key_usage_not_allowed);
  issue("leaf_client", "leaf.example.com", "int", "leaf_client");
  expect_refused(judge("leaf_client", chain, root, "leaf.example.com"),
                 VerifyError::ext_key_usage_not_allowed);

  // Name constraints (RFC 5280 §4.2.1.10).
  issue("int_nc", "CLI Intermediate", "root", "ca_constrained");
  issue("leaf_outside", "leaf.other.test", "int_nc", "leaf_outside");
  expect_refused(judge("leaf_outside", {"int_nc"}, root, "leaf.other.test"),
                 VerifyError::name_constraint_violated);
  issue("leaf_inside", "leaf.example.com", "int_nc", "leaf");
  const Outcome inside = judge("leaf_inside", {"int_nc"}, root, "leaf.example.com");
  EXPECT_TRUE(inside.ours.ok() && inside.openssl_ok);

  // An unknown critical extension (RFC 5280 §4.2).
  issue("leaf_crit", "leaf.example.com", "int", "leaf_critical_private");
  expect_refused(judge("leaf_crit", chain, root, "leaf.example.com"),
                 VerifyError::unknown_critical_extension);

  // A bad signature: the leaf's last signature byte changed.
  {
    std::vector<Certificate> leaf = load({"leaf"});
    Bytes der = leaf.at(0).der;
    der.back() ^= 0x01;
    std::ofstream(dir / "leaf_badsig.pem") << certificate_pem(der);
    // The change may break the DER of the ECDSA signature instead of its value; either way
    // both must refuse, glasstls with bad_signature (or malformed, if it no longer parses).
    auto reparsed = parse_certificate(der);
    if (reparsed.ok()) {
      expect_refused(judge("leaf_badsig", chain, root, "leaf.example.com"),
                     VerifyError::bad_signature);
    } else {
      EXPECT_FALSE(
          sh("openssl verify -no-CApath -no-CAstore -CAfile root.pem -untrusted int.pem "
             "leaf_badsig.pem"));
    }
  }

  // A weak algorithm: ecdsa-with-SHA1. glasstls's default policy refuses SHA-1 (collisions are
  // practical: SHAttered, 2017; CA/Browser Forum Baseline Requirements §7.1.3.2 forbid it);
  // `openssl verify` at its default security level accepts it — a documented difference.
  issue("leaf_sha1", "leaf.example.com", "int", "leaf", 365, "-sha1");
  const Outcome sha1 = judge("leaf_sha1", chain, root, "leaf.example.com");
  ASSERT_FALSE(sha1.ours.ok());
  EXPECT_EQ(sha1.ours.diagnosis->error, VerifyError::weak_algorithm)
      << sha1.ours.diagnosis->message;
  EXPECT_TRUE(sha1.openssl_ok) << "OpenSSL's behaviour changed: update the documented difference";
}

}  // namespace
}  // namespace glasstls::x509
