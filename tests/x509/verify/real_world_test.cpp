// Real-world certificates from python3-cryptography-vectors through verify_chain: the
// cryptography.io leaf (RSA 4096, issued 2014 by RapidSSL SHA256 CA - G3). The package does not
// ship RapidSSL's root, so the intermediate is the anchor: the trust store treats every
// certificate in it as an anchor (trust_store.hpp), which is what a private "pin the issuing CA"
// setup does.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "glasstls/x509/verify.hpp"
#include "support/test_support.hpp"

namespace glasstls::x509 {
namespace {

namespace fs = std::filesystem;

std::optional<std::vector<Certificate>> read_pem(const fs::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto certs = parse_certificates_pem(text);
  if (!certs.ok()) return std::nullopt;
  return std::move(certs).value();
}

TEST(RealWorld, CryptographyIoUnderRapidSsl) {
  const auto vectors = test::pyca_vectors_dir();
  GLASSTLS_REQUIRE_PEER(vectors && fs::exists(*vectors / "x509/cryptography.io.pem"),
                        "python3-cryptography-vectors is not installed");
  const auto leaf = read_pem(*vectors / "x509/cryptography.io.pem");
  const auto ca = read_pem(*vectors / "x509/rapidssl_sha256_ca_g3.pem");
  ASSERT_TRUE(leaf && ca);
  ASSERT_EQ(leaf->size(), 1u);
  ASSERT_EQ(ca->size(), 1u);
  TrustStore store;
  store.add(ca->front());

  FixedClock clock = FixedClock::at(2016, 1, 1);
  VerifyOptions options(clock);
  for (const char* host : {"cryptography.io", "www.cryptography.io", "WWW.Cryptography.IO."}) {
    options.host = host;
    const VerifyResult r = verify_chain(leaf->front(), {}, store, options);
    EXPECT_TRUE(r.ok()) << host << ": " << r.diagnosis->message;
    EXPECT_EQ(r.chain.size(), 2u);
  }
  options.host = "docs.cryptography.io";
  VerifyResult r = verify_chain(leaf->front(), {}, store, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnosis->message,
            "hostname mismatch: the certificate covers www.cryptography.io, cryptography.io; the "
            "name checked was 'docs.cryptography.io'");
  // notAfter is 2018-11-16 01:15:03 UTC: 45 days and 22 hours before 2019-01-01.
  options.host = "cryptography.io";
  clock.set(std::chrono::sys_days(std::chrono::year(2019) / 1 / 1));
  r = verify_chain(leaf->front(), {}, store, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnosis->error, VerifyError::expired);
  EXPECT_NE(r.diagnosis->message.find("expired on 2018-11-16 01:15:03 UTC, 45 days ago"),
            std::string::npos)
      << r.diagnosis->message;
}

}  // namespace
}  // namespace glasstls::x509
