// Differential: for a matrix of good and bad chains minted by our builder, verify_chain's verdict
// equals `openssl verify -x509_strict -purpose sslserver -verify_hostname NAME -attime T` — except
// where glasstls deliberately differs, each case below naming the rule behind the difference:
//
//  * cn_only_leaf: no subjectAltName, the host only in the subject CN. OpenSSL falls back to the
//    CN; glasstls never does (RFC 9525 §6.2: a CN-ID is not a presented identifier).
//  * leaf_key_encipherment_only: keyUsage without digitalSignature. OpenSSL's sslserver purpose
//    accepts keyEncipherment (RSA key exchange, TLS 1.2); a TLS 1.3 server signs its handshake,
//    so glasstls requires digitalSignature (RFC 8446 §4.4.2.2).
//
// Each case writes its PEM files into a fresh temporary directory that the test removes; nothing
// touches the network.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "glasstls/x509/verify.hpp"
#include "support/test_support.hpp"
#include "x509/verify/test_pki.hpp"

namespace glasstls::x509 {
namespace {

namespace fs = std::filesystem;
namespace oids = asn1::oids;
using namespace test_pki;

bool have_openssl_cli() {
  return std::system("openssl version > /dev/null 2>&1") == 0;
}

// A directory under the system temporary directory, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "glasstls-verify-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_pem(const fs::path& file, const std::vector<Certificate>& certs) {
  std::ofstream out(file);
  for (const Certificate& c : certs) out << certificate_pem(c.der);
}

struct Case {
  Case(std::string n, Certificate l, std::vector<Certificate> u, std::vector<Certificate> r,
       std::string h)
      : name(std::move(n)),
        leaf(std::move(l)),
        untrusted(std::move(u)),
        roots(std::move(r)),
        host(std::move(h)) {}
  std::string name;
  Certificate leaf;
  std::vector<Certificate> untrusted;
  std::vector<Certificate> roots;
  std::string host;
  // A deliberate difference: OpenSSL's verdict, where it is not ours (see the file comment).
  std::optional<bool> openssl_differs_and_says;
};

Case make_case(std::string name, Certificate leaf, std::vector<Certificate> untrusted,
               std::vector<Certificate> roots, std::string host = "leaf.example") {
  return Case(std::move(name), std::move(leaf), std::move(untrusted), std::move(roots),
              std::move(host));
}

// `openssl verify` on the case: true when it exits 0.
bool openssl_verifies(const Case& c) {
  TempDir dir;
  const fs::path roots = dir.path() / "roots.pem", untrusted = dir.path() / "untrusted.pem",
                 leaf = dir.path() / "leaf.pem";
  write_pem(roots, c.roots);
  write_pem(leaf, {c.leaf});
  std::string cmd =
      "openssl verify -no-CApath -no-CAstore -x509_strict -purpose sslserver"
      " -verify_hostname '" +
      c.host + "' -attime " + std::to_string(now().time_since_epoch().count()) + " -CAfile '" +
      roots.string() + "'";
  if (!c.untrusted.empty()) {
    write_pem(untrusted, c.untrusted);
    cmd += " -untrusted '" + untrusted.string() + "'";
  }
  cmd += " '" + leaf.string() + "' > /dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::vector<Case> matrix() {
  const SigningKey root_key = key(1), inter_key = key(2), leaf_key = key(3), other_key = key(4);
  const Certificate root_cert = sign(root("Diff Root", root_key), root_key);
  const Certificate inter = sign(intermediate("Diff Intermediate", root_cert, inter_key), root_key);
  auto leaf_b = [&] { return leaf("leaf.example", inter, leaf_key); };
  const Certificate good = sign(leaf_b(), inter_key);
  const std::vector<Certificate> roots{root_cert};
  const std::vector<Certificate> chain{inter};

  std::vector<Case> cases;
  cases.push_back(make_case("good", good, chain, roots));
  cases.push_back(make_case(
      "good_any_order_extras", good,
      {sign(intermediate("Other", root_cert, other_key), root_key), inter, inter}, roots));
  cases.push_back(make_case("wildcard_host",
                            sign(leaf_b().add_dns_name("*.leaf.example"), inter_key), chain, roots,
                            "www.leaf.example"));
  cases.push_back(make_case("wildcard_two_levels",
                            sign(leaf_b().add_dns_name("*.leaf.example"), inter_key), chain, roots,
                            "a.b.leaf.example"));
  cases.push_back(make_case("hostname_mismatch", good, chain, roots, "other.example"));
  cases.push_back(make_case("expired_leaf",
                            sign(leaf_b().validity(at(2025, 1, 1), at(2026, 5, 1)), inter_key),
                            chain, roots));
  cases.push_back(make_case("not_yet_valid_leaf",
                            sign(leaf_b().validity(at(2026, 7, 1), at(2027, 1, 1)), inter_key),
                            chain, roots));
  cases.push_back(make_case("expired_intermediate", good,
                            {sign(intermediate("Diff Intermediate", root_cert, inter_key)
                                      .validity(at(2024, 1, 1), at(2026, 1, 1)),
                                  root_key)},
                            roots));
  cases.push_back(make_case("missing_intermediate", good, {}, roots));
  cases.push_back(make_case("untrusted_root", good, {inter, root_cert},
                            {sign(root("Unrelated Root", other_key), other_key)}));
  cases.push_back(make_case("self_signed_leaf", sign(leaf_b().self_signed(), leaf_key), {}, roots));
  cases.push_back(
      make_case("bad_leaf_signature", sign(leaf_b().corrupt_signature(), inter_key), chain, roots));
  cases.push_back(make_case("wrong_signing_key", sign(leaf_b(), other_key), chain, roots));
  cases.push_back(make_case(
      "intermediate_ca_false", good,
      {sign(intermediate("Diff Intermediate", root_cert, inter_key).basic_constraints(false),
            root_key)},
      roots));
  cases.push_back(make_case("intermediate_without_keycertsign", good,
                            {sign(intermediate("Diff Intermediate", root_cert, inter_key)
                                      .key_usage(KeyUsage::digital_signature | KeyUsage::crl_sign),
                                  root_key)},
                            roots));
  {
    const Certificate tight =
        sign(intermediate("Diff Intermediate", root_cert, inter_key).basic_constraints(true, 0),
             root_key);
    const Certificate sub = sign(intermediate("Diff Sub", tight, other_key), inter_key);
    cases.push_back(make_case("path_length_exceeded",
                              sign(leaf("leaf.example", sub, leaf_key), other_key), {tight, sub},
                              roots));
    cases.push_back(
        make_case("path_length_zero_leaf_below", sign(leaf_b(), inter_key), {tight}, roots));
  }
  cases.push_back(make_case("leaf_eku_client_only",
                            sign(leaf_b().ext_key_usage({oids::id_kp_clientAuth}), inter_key),
                            chain, roots));
  cases.push_back(make_case("intermediate_eku_client_only", good,
                            {sign(intermediate("Diff Intermediate", root_cert, inter_key)
                                      .ext_key_usage({oids::id_kp_clientAuth}),
                                  root_key)},
                            roots));
  cases.push_back(make_case("intermediate_eku_server", good,
                            {sign(intermediate("Diff Intermediate", root_cert, inter_key)
                                      .ext_key_usage({oids::id_kp_serverAuth}),
                                  root_key)},
                            roots));
  {
    const Certificate nc = sign(intermediate("Diff Intermediate", root_cert, inter_key)
                                    .permit_dns("example")
                                    .exclude_dns("bad.leaf.example"),
                                root_key);
    cases.push_back(
        make_case("name_constraints_permitted", sign(leaf_b(), inter_key), {nc}, roots));
    cases.push_back(make_case("name_constraints_outside",
                              sign(leaf("leaf.test", nc, leaf_key), inter_key), {nc}, roots,
                              "leaf.test"));
    cases.push_back(make_case("name_constraints_excluded",
                              sign(leaf("x.bad.leaf.example", nc, leaf_key), inter_key), {nc},
                              roots, "x.bad.leaf.example"));
  }
  const asn1::Oid private_oid = asn1::Oid::from_dotted("1.3.6.1.4.1.55555.1").value();
  cases.push_back(make_case(
      "unknown_critical_extension",
      sign(leaf_b().raw_extension(private_oid, test::hex("0500"), true), inter_key), chain, roots));
  cases.push_back(
      make_case("unknown_noncritical_extension",
                sign(leaf_b().raw_extension(private_oid, test::hex("0500"), false), inter_key),
                chain, roots));
  {
    // RFC 9525 §6.2: a CN is not a presented identifier (OpenSSL falls back to it).
    CertificateBuilder b;
    b.subject(make_name("leaf.example"))
        .issuer(inter)
        .validity(default_not_before(), default_not_after())
        .public_key(leaf_key.public_key())
        .key_usage(KeyUsage::digital_signature)
        .ext_key_usage({oids::id_kp_serverAuth});
    Case c = make_case("cn_only_leaf", sign(b, inter_key), chain, roots);
    c.openssl_differs_and_says = true;
    cases.push_back(c);
  }
  {
    // RFC 8446 §4.4.2.2: a TLS 1.3 certificate's keyUsage must allow digitalSignature.
    Case c =
        make_case("leaf_key_encipherment_only",
                  sign(leaf_b().key_usage(KeyUsage::key_encipherment), inter_key), chain, roots);
    c.openssl_differs_and_says = true;
    cases.push_back(c);
  }
  return cases;
}

TEST(OpensslVerifyDifferential, SameVerdictOnEveryCase) {
  GLASSTLS_REQUIRE_PEER(have_openssl_cli(), "the openssl command-line tool is not installed");
  const FixedClock clock(now());
  int agreed = 0, documented = 0;
  for (const Case& c : matrix()) {
    SCOPED_TRACE(c.name);
    TrustStore store;
    for (const Certificate& r : c.roots) store.add(r);
    VerifyOptions options(clock);
    options.host = c.host;
    const VerifyResult ours = verify_chain(c.leaf, c.untrusted, store, options);
    const bool theirs = openssl_verifies(c);
    if (c.openssl_differs_and_says) {
      EXPECT_EQ(theirs, *c.openssl_differs_and_says) << "OpenSSL's behaviour changed";
      EXPECT_NE(ours.ok(), theirs) << "the documented difference disappeared";
      ++documented;
      continue;
    }
    EXPECT_EQ(ours.ok(), theirs) << "glasstls: "
                                 << (ours.ok() ? std::string("OK") : ours.diagnosis->message);
    if (ours.ok() == theirs) ++agreed;
  }
  std::printf("openssl verify differential: %d cases agree, %d documented differences\n", agreed,
              documented);
}

}  // namespace
}  // namespace glasstls::x509
