// Certificates from python3-cryptography-vectors, parsed: the real-world set
// (cryptography_vectors/x509/*.pem, *.der), pyca's custom extension and name certificates
// (x509/custom/) and NIST PKITS (x509/PKITS_data/certs/). Every normal certificate parses; the
// few that must not are listed with the rule they break (real_world_exceptions.inc,
// custom_exceptions.inc, and the PKITS list below), and must still be rejected for that reason.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <variant>

#include <gtest/gtest.h>

#include "glasstls/x509/certificate.hpp"
#include "support/test_support.hpp"

namespace glasstls::x509 {
namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// file name → a word the error's reason or path must contain.
const std::map<std::string, std::string>& expected_rejections() {
  static const std::map<std::string, std::string> m = {
#include "x509/parse/real_world_exceptions.inc"
  };
  return m;
}

// file name → text that the first certificate's signature algorithm or key description contains.
const std::map<std::string, std::string>& expected_unsupported() {
  static const std::map<std::string, std::string> m = {
#include "x509/parse/real_world_unsupported.inc"
  };
  return m;
}

// A parsed certificate of an expected_unsupported() file: the algorithm must be named.
void check_unsupported(const std::string& file, const Certificate& c) {
  const auto it = expected_unsupported().find(file);
  if (it == expected_unsupported().end()) return;
  const bool unsupported_alg = c.signature_algorithm.kind == SignatureAlgorithm::Kind::unsupported;
  const bool unsupported_key = std::holds_alternative<PublicKey::Unsupported>(c.public_key.key);
  EXPECT_TRUE(unsupported_alg || unsupported_key) << file;
  const std::string text = c.signature_algorithm.to_string() + " / " + c.public_key.to_string();
  EXPECT_NE(text.find(it->second), std::string::npos) << text;
  std::cout << "  parsed, algorithm kept by OID: " << file << ": " << text << "\n";
}

TEST(RealWorld, PycaCertificatesParse) {
  const auto root = test::pyca_vectors_dir();
  GLASSTLS_REQUIRE_PEER(root && fs::is_directory(*root / "x509"),
                        "python3-cryptography-vectors not installed");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(*root / "x509"))
    if (e.is_regular_file() && (e.path().extension() == ".pem" || e.path().extension() == ".der"))
      files.push_back(e.path());
  std::sort(files.begin(), files.end());

  std::size_t parsed = 0, rejected_as_expected = 0;
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.filename().string());
    const std::string text = read_all(f);
    std::vector<std::string> errors;
    std::size_t count = 0;
    if (f.extension() == ".der") {
      auto c = parse_certificate(as_bytes(text));
      if (c) {
        ++count;
        check_unsupported(f.filename().string(), *c);
      } else {
        errors.push_back(c.error().to_string());
      }
    } else {
      auto c = parse_certificates_pem(text);
      if (!c) {
        errors.push_back(c.error().to_string());
      } else if (c->empty()) {
        errors.push_back("no CERTIFICATE block");
      } else {
        count = c->size();
        check_unsupported(f.filename().string(), c->front());
      }
    }
    const auto it = expected_rejections().find(f.filename().string());
    if (it != expected_rejections().end()) {
      ASSERT_EQ(errors.size(), 1u) << "expected to be rejected (" << it->second << ")";
      EXPECT_NE(errors[0].find(it->second), std::string::npos) << errors[0];
      std::cout << "  rejected as expected: " << f.filename().string() << ": " << errors[0] << "\n";
      ++rejected_as_expected;
      continue;
    }
    EXPECT_TRUE(errors.empty()) << errors[0];
    EXPECT_GT(count, 0u);
    parsed += count;
  }
  std::cout << "pyca real-world set: " << files.size() << " files, " << parsed
            << " certificates parsed, " << rejected_as_expected << " files rejected as expected\n";
  EXPECT_EQ(rejected_as_expected, expected_rejections().size());  // none went missing
  EXPECT_GE(parsed, 19u);
}

// cryptography_vectors/x509/custom: certificates pyca made to exercise each extension and name
// form (CRLs and requests in the same folder are skipped). The deliberately broken ones must be
// rejected for the listed reason; every other one must parse.
const std::map<std::string, std::string>& expected_custom_rejections() {
  static const std::map<std::string, std::string> m = {
#include "x509/parse/custom_exceptions.inc"
  };
  return m;
}

TEST(RealWorld, PycaCustomCertificates) {
  const auto root = test::pyca_vectors_dir();
  GLASSTLS_REQUIRE_PEER(root && fs::is_directory(*root / "x509" / "custom"),
                        "python3-cryptography-vectors not installed");
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(*root / "x509" / "custom")) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || name.rfind("crl_", 0) == 0) continue;
    if (e.path().extension() == ".der" ||
        (e.path().extension() == ".pem" &&
         read_all(e.path()).find("-----BEGIN CERTIFICATE-----") != std::string::npos))
      files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::size_t parsed = 0, rejected = 0;
  for (const fs::path& f : files) {
    SCOPED_TRACE(f.filename().string());
    const std::string text = read_all(f);
    std::string error;
    if (f.extension() == ".der") {
      auto c = parse_certificate(as_bytes(text));
      if (!c)
        error = c.error().to_string();
      else
        check_unsupported(f.filename().string(), *c);
    } else {
      auto c = parse_certificates_pem(text);
      if (!c)
        error = c.error().to_string();
      else if (!c->empty())
        check_unsupported(f.filename().string(), c->front());
    }
    const auto it = expected_custom_rejections().find(f.filename().string());
    if (it != expected_custom_rejections().end()) {
      ASSERT_FALSE(error.empty()) << "expected to be rejected (" << it->second << ")";
      EXPECT_NE(error.find(it->second), std::string::npos) << error;
      std::cout << "  rejected as expected: " << f.filename().string() << ": " << error << "\n";
      ++rejected;
      continue;
    }
    EXPECT_TRUE(error.empty()) << error;
    ++parsed;
  }
  std::cout << "pyca custom set: " << files.size() << " certificate files, " << parsed
            << " parsed, " << rejected << " rejected as expected\n";
  EXPECT_EQ(rejected, expected_custom_rejections().size());
}

// NIST PKITS (PKITS_data/certs/*.crt, DER): every certificate parses but the listed ones; path
// validation (part C) then judges them. PKITS's invalid certificates are invalid for trust, not
// for form, with two exceptions: BadSignedCACert's and InvalidDSASignatureTest6EE's corrupted
// signatures start with an unused-bits count of 1, which the parser refuses (RFC 5280 §4.1.1.3:
// signatures are whole bytes), so their paths fail as malformed instead of as a bad signature
// (same verdict: invalid).
TEST(RealWorld, PkitsCertificatesParse) {
  const auto root = test::pyca_vectors_dir();
  const fs::path dir = root ? *root / "x509" / "PKITS_data" / "certs" : fs::path();
  GLASSTLS_REQUIRE_PEER(root && fs::is_directory(dir), "PKITS_data not installed");
  // (The DSA certificates parse, their algorithms kept by OID: path validation reports them.)
  const std::map<std::string, std::string> expected = {
      {"BadSignedCACert.crt", "certificate.signatureValue"},
      {"InvalidDSASignatureTest6EE.crt", "certificate.signatureValue"},  // same corruption
  };
  std::size_t parsed = 0, rejected = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".crt") continue;
    const std::string name = e.path().filename().string();
    auto c = parse_certificate(as_bytes(read_all(e.path())));
    const auto it = expected.find(name);
    if (it == expected.end()) {
      EXPECT_TRUE(c) << name << ": " << c.error().to_string();
      parsed += c ? 1 : 0;
    } else {
      ASSERT_FALSE(c) << name << " parsed, expected a rejection";
      EXPECT_NE(c.error().to_string().find(it->second), std::string::npos) << c.error().to_string();
      ++rejected;
    }
  }
  std::cout << "PKITS: " << parsed << " certificates parsed, " << rejected
            << " rejected as expected (corrupted signatures with unused bits)\n";
  EXPECT_EQ(rejected, expected.size());
  EXPECT_GT(parsed, 300u);
}

// Decoded values of a few custom certificates, as `openssl x509 -text` shows them.
TEST(RealWorld, PycaCustomDecodedValues) {
  const auto root = test::pyca_vectors_dir();
  GLASSTLS_REQUIRE_PEER(root && fs::is_directory(*root / "x509" / "custom"),
                        "python3-cryptography-vectors not installed");
  auto load = [&](const std::string& name) {
    auto c = parse_certificates_pem(read_all(*root / "x509" / "custom" / name));
    if (!c || c->size() != 1) {
      ADD_FAILURE() << name << ": " << (c ? "not one certificate" : c.error().to_string());
      std::abort();
    }
    return std::move((*c)[0]);
  };
  // Every KeyUsage bit, decipherOnly (bit 8) included.
  EXPECT_EQ(load("all_key_usages.pem").key_usage->bits, 0x1ffu);
  // "CA:TRUE, pathlen:0".
  const Certificate bc = load("bc_path_length_zero.pem");
  EXPECT_TRUE(bc.basic_constraints->ca);
  EXPECT_EQ(bc.basic_constraints->path_len, 0u);
  // Every ReasonFlags bit but unused (0): keyCompromise (1) .. aACompromise (8).
  const Certificate cdp = load("cdp_all_reasons.pem");
  ASSERT_EQ(cdp.crl_distribution_points.size(), 1u);
  EXPECT_EQ(cdp.crl_distribution_points[0].reasons, std::uint16_t{0x1fe});
  EXPECT_EQ(cdp.crl_distribution_points[0].full_name[0].text, "http://domain.com/some.crl");
  // "DirName:/O=PyCA/CN=cryptography.io, serial:03" without a keyIdentifier.
  const Certificate aki = load("authority_key_identifier_no_keyid.pem");
  EXPECT_FALSE(aki.authority_key_id->key_id);
  ASSERT_EQ(aki.authority_key_id->issuer.size(), 1u);
  EXPECT_EQ(aki.authority_key_id->issuer[0].directory.to_string(), "CN=cryptography.io,O=PyCA");
  EXPECT_EQ(aki.authority_key_id->serial, Bytes{0x03});
  // "Permitted: DNS:zombo.local; Excluded: DirName:CN = zombo".
  const Certificate nc = load("nc_permitted_excluded_2.pem");
  ASSERT_EQ(nc.name_constraints->permitted.size(), 1u);
  EXPECT_EQ(nc.name_constraints->permitted[0].text, "zombo.local");
  ASSERT_EQ(nc.name_constraints->excluded.size(), 1u);
  EXPECT_EQ(nc.name_constraints->excluded[0].directory.to_string(), "CN=zombo");
  // A critical extension nobody knows: kept, and reported.
  EXPECT_NE(load("unsupported_extension_critical.pem").unknown_critical_extension(), nullptr);
  // A negative serial number is read (RFC 5280 §4.1.2.2 asks CAs for positive ones only).
  EXPECT_NE(load("negative_serial.pem").serial[0] & 0x80, 0);
}

}  // namespace
}  // namespace glasstls::x509
