// Certificates minted by the `openssl` CLI at test time (in a temporary directory removed
// afterwards; no network): RSA, EC P-256/P-384 and Ed25519 leaves with v3 extensions, a v1
// certificate, the UTCTime century boundaries (1950, 2049), GeneralizedTime from 2050 and the
// 99991231235959Z "no expiry" date. Our reading is compared with what `openssl x509` prints.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/x509/certificate.hpp"
#include "support/test_support.hpp"

namespace glasstls::x509 {
namespace {

namespace fs = std::filesystem;

bool have_openssl() {
  return std::system("openssl version >/dev/null 2>&1") == 0;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A scratch directory for one test, removed with everything in it.
class OpensslDir {
 public:
  OpensslDir() {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("glasstls-x509-openssl-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  ~OpensslDir() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path operator/(const std::string& name) const { return dir_ / name; }

  // Runs a shell command inside the directory; its output goes to out.txt. True on exit 0.
  bool run(const std::string& command) const {
    const std::string full = "cd '" + dir_.string() + "' && " + command + " >out.txt 2>&1";
    const bool ok = std::system(full.c_str()) == 0;
    if (!ok) ADD_FAILURE() << command << "\n" << read_all(dir_ / "out.txt");
    return ok;
  }
  std::string output() const { return read_all(dir_ / "out.txt"); }
  // The value after "key=" in out.txt, trailing newline removed.
  std::string value(const std::string& key) const {
    const std::string out = output();
    const auto at = out.find(key + "=");
    if (at == std::string::npos) return {};
    const auto end = out.find('\n', at);
    return out.substr(at + key.size() + 1, end - at - key.size() - 1);
  }

 private:
  fs::path dir_;
};

Certificate parse_one(const fs::path& pem) {
  auto certs = parse_certificates_pem(read_all(pem));
  if (!certs || certs->size() != 1) {
    ADD_FAILURE() << pem << ": "
                  << (certs ? "not exactly one certificate" : certs.error().to_string());
    std::abort();
  }
  return std::move((*certs)[0]);
}

std::string colon_hex_upper(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    if (i != 0) out += ':';
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(hex[i])));
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(hex[i + 1])));
  }
  return out;
}

// Sorts the members of each multi-valued RDN in an RFC 4514 string. OpenSSL prints them in
// reverse encoding order (it reverses its flattened list of attributes), glasstls in encoding
// order; an RDN is a SET, and RFC 4514 §2.2 fixes no order, so both are right.
std::string sort_rdn_members(const std::string& dn) {
  std::string out;
  std::vector<std::string> members(1);
  auto flush = [&] {
    std::sort(members.begin(), members.end());
    for (std::size_t i = 0; i < members.size(); ++i) out += (i ? "+" : "") + members[i];
    members.assign(1, "");
  };
  for (std::size_t i = 0; i < dn.size(); ++i) {
    if (dn[i] == '\\' && i + 1 < dn.size()) {
      members.back() += dn.substr(i, 2);
      ++i;
    } else if (dn[i] == '+') {
      members.emplace_back();
    } else if (dn[i] == ',') {
      flush();
      out += ',';
    } else {
      members.back() += dn[i];
    }
  }
  flush();
  return out;
}

// OpenSSL prints its own long names for attribute types RFC 4514 §3 gives no short name to;
// RFC 4514 §2.3 asks for the dotted form there, which is what glasstls prints.
std::string dotted_where_rfc4514_has_no_name(std::string dn) {
  const std::pair<const char*, const char*> names[] = {
      {"serialNumber=", "2.5.4.5="},
      {"organizationIdentifier=", "2.5.4.97="},
      {"emailAddress=", "1.2.840.113549.1.9.1="},
      {"jurisdictionC=", "1.3.6.1.4.1.311.60.2.1.3="},
      {"businessCategory=", "2.5.4.15="},
  };
  for (const auto& [openssl, dotted] : names) {
    // Only at the start of an attribute: after the beginning, ',' or '+'.
    for (std::size_t at = dn.find(openssl); at != std::string::npos;
         at = dn.find(openssl, at + 1)) {
      if (at == 0 || dn[at - 1] == ',' || dn[at - 1] == '+')
        dn.replace(at, std::string_view(openssl).size(), dotted);
    }
  }
  return dn;
}

WallTime at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  using namespace std::chrono;
  return WallTime{sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss}};
}

struct KeyCase {
  const char* name;
  const char* genpkey_args;
  const char* expected_key;
  SignatureAlgorithm::Kind expected_alg;
};

class OpensslLeaf : public ::testing::TestWithParam<KeyCase> {};

TEST_P(OpensslLeaf, ParsesAndAgreesWithOpenssl) {
  GLASSTLS_REQUIRE_PEER(have_openssl(), "the openssl command is not installed");
  const KeyCase& k = GetParam();
  OpensslDir d;
  ASSERT_TRUE(d.run(std::string("openssl genpkey ") + k.genpkey_args + " -out key.pem"));
  ASSERT_TRUE(d.run(
      "openssl req -x509 -new -key key.pem -utf8 -days 30"
      " -subj '/C=FR/O=Caf\xC3\xA9 \"glass\"/OU=x y+CN=leaf\\, example' -set_serial 0x1234abcd"
      " -addext 'subjectAltName=DNS:leaf.example,DNS:*.leaf.example,IP:192.0.2.1,"
      "IP:2001:db8::1,email:a@leaf.example,URI:https://leaf.example/'"
      " -addext 'keyUsage=critical,digitalSignature' -addext 'extendedKeyUsage=serverAuth'"
      " -addext 'basicConstraints=critical,CA:FALSE' -addext 'tlsfeature=status_request'"
      " -addext "
      "'authorityInfoAccess=OCSP;URI:http://ocsp.example,caIssuers;URI:http://ca.example/ca.der'"
      " -addext 'crlDistributionPoints=URI:http://crl.example/ca.crl'"
      " -out cert.pem"));
  const Certificate c = parse_one(d / "cert.pem");

  EXPECT_EQ(c.version, 3);
  EXPECT_EQ(c.serial, (Bytes{0x12, 0x34, 0xab, 0xcd}));
  EXPECT_EQ(c.public_key.to_string(), k.expected_key);
  EXPECT_EQ(c.signature_algorithm.kind, k.expected_alg);
  EXPECT_TRUE(c.self_issued());

  // The RFC 4514 form, as `openssl x509 -nameopt RFC2253` prints it (UTF-8 left as is).
  ASSERT_TRUE(d.run("openssl x509 -in cert.pem -noout -subject -nameopt RFC2253,-esc_msb"));
  EXPECT_EQ(sort_rdn_members(c.subject.to_string()), sort_rdn_members(d.value("subject")));
  EXPECT_EQ(c.subject.to_string(), "OU=x y+CN=leaf\\, example,O=Caf\xC3\xA9 \\\"glass\\\",C=FR");
  ASSERT_TRUE(d.run("openssl x509 -in cert.pem -noout -fingerprint -sha256"));
  EXPECT_EQ(colon_hex_upper(c.fingerprint_sha256()), d.value("sha256 Fingerprint"));

  // The extensions.
  ASSERT_TRUE(c.subject_alt_name);
  const auto& names = c.subject_alt_name->names;
  ASSERT_EQ(names.size(), 6u);
  EXPECT_EQ(names[0].text, "leaf.example");
  EXPECT_EQ(names[1].text, "*.leaf.example");
  EXPECT_EQ(names[2].ip, (Bytes{192, 0, 2, 1}));
  EXPECT_EQ(names[3].ip.size(), 16u);
  EXPECT_EQ(names[4].kind, GeneralName::Kind::email);
  EXPECT_EQ(names[5].kind, GeneralName::Kind::uri);
  ASSERT_TRUE(c.key_usage);
  EXPECT_EQ(c.key_usage->bits, KeyUsage::digital_signature);
  ASSERT_TRUE(c.ext_key_usage);
  EXPECT_TRUE(c.ext_key_usage->has(asn1::oids::id_kp_serverAuth));
  ASSERT_TRUE(c.basic_constraints);
  EXPECT_FALSE(c.basic_constraints->ca);
  ASSERT_TRUE(c.tls_feature);
  EXPECT_TRUE(c.tls_feature->must_staple());
  ASSERT_TRUE(c.authority_info_access);
  EXPECT_EQ(c.authority_info_access->ocsp, std::vector<std::string>{"http://ocsp.example"});
  EXPECT_EQ(c.authority_info_access->ca_issuers,
            std::vector<std::string>{"http://ca.example/ca.der"});
  ASSERT_EQ(c.crl_distribution_points.size(), 1u);
  EXPECT_EQ(c.crl_distribution_points[0].full_name[0].text, "http://crl.example/ca.crl");
  ASSERT_TRUE(c.subject_key_id);  // openssl req -x509 adds SKI and AKI by default
  EXPECT_EQ(c.unknown_critical_extension(), nullptr);
  const auto days =
      std::chrono::duration_cast<std::chrono::hours>(c.validity.not_after - c.validity.not_before);
  EXPECT_EQ(days.count(), 30 * 24);
}

INSTANTIATE_TEST_SUITE_P(
    Keys, OpensslLeaf,
    ::testing::Values(KeyCase{"rsa2048", "-algorithm RSA -pkeyopt rsa_keygen_bits:2048", "RSA 2048",
                              SignatureAlgorithm::Kind::rsa_pkcs1},
                      KeyCase{"p256", "-algorithm EC -pkeyopt ec_paramgen_curve:P-256", "EC P-256",
                              SignatureAlgorithm::Kind::ecdsa},
                      KeyCase{"p384", "-algorithm EC -pkeyopt ec_paramgen_curve:P-384", "EC P-384",
                              SignatureAlgorithm::Kind::ecdsa},
                      KeyCase{"ed25519", "-algorithm ED25519", "Ed25519",
                              SignatureAlgorithm::Kind::ed25519}),
    [](const ::testing::TestParamInfo<KeyCase>& i) { return std::string(i.param.name); });

// `openssl x509 -req -signkey` without extensions writes a v1 certificate.
TEST(OpensslCli, V1Certificate) {
  GLASSTLS_REQUIRE_PEER(have_openssl(), "the openssl command is not installed");
  OpensslDir d;
  ASSERT_TRUE(d.run("openssl genpkey -algorithm ED25519 -out key.pem"));
  ASSERT_TRUE(d.run("openssl req -new -key key.pem -subj /CN=v1 -out req.csr"));
  ASSERT_TRUE(d.run("openssl x509 -req -in req.csr -signkey key.pem -days 10 -out cert.pem"));
  const Certificate c = parse_one(d / "cert.pem");
  EXPECT_EQ(c.version, 1);
  EXPECT_TRUE(c.extensions.empty());
  EXPECT_EQ(c.subject.to_string(), "CN=v1");
}

// `openssl ca` takes explicit start and end dates: the UTCTime boundaries of RFC 5280
// §4.1.2.5.1, GeneralizedTime from 2050 (§4.1.2.5.2) and 99991231235959Z (§4.1.2.5).
TEST(OpensslCli, ValidityBoundaries) {
  GLASSTLS_REQUIRE_PEER(have_openssl(), "the openssl command is not installed");
  OpensslDir d;
  {
    std::ofstream cnf(d / "ca.cnf");
    cnf << "[ca]\ndefault_ca = CA_default\n[CA_default]\ndir = .\ndatabase = ./index.txt\n"
           "new_certs_dir = .\nserial = ./serial\ndefault_md = sha256\npolicy = any\n"
           "unique_subject = no\n[any]\ncommonName = supplied\n";
    std::ofstream(d / "index.txt");
    std::ofstream(d / "serial") << "01\n";
  }
  ASSERT_TRUE(d.run("openssl genpkey -algorithm ED25519 -out key.pem"));
  ASSERT_TRUE(d.run("openssl req -new -key key.pem -subj /CN=dates -out req.csr"));
  struct Case {
    const char* start;
    const char* end;
    WallTime not_before, not_after;
    bool no_expiry;
  };
  const Case cases[] = {
      {"500101000000Z", "491231235959Z", at(1950, 1, 1), at(2049, 12, 31, 23, 59, 59), false},
      {"20500101000000Z", "99991231235959Z", at(2050, 1, 1), at(9999, 12, 31, 23, 59, 59), true},
      {"991231235959Z", "20491231235959Z", at(1999, 12, 31, 23, 59, 59),
       at(2049, 12, 31, 23, 59, 59), false},
  };
  int n = 0;
  for (const Case& k : cases) {
    SCOPED_TRACE(std::string(k.start) + " .. " + k.end);
    const std::string out = "c" + std::to_string(n++) + ".pem";
    ASSERT_TRUE(
        d.run("openssl ca -batch -config ca.cnf -selfsign -keyfile key.pem -in req.csr"
              " -notext -startdate " +
              std::string(k.start) + " -enddate " + k.end + " -out " + out));
    const Certificate c = parse_one(d / out);
    EXPECT_EQ(c.validity.not_before, k.not_before);
    EXPECT_EQ(c.validity.not_after, k.not_after);
    EXPECT_EQ(c.validity.no_expiry(), k.no_expiry);
  }
}

// Every root of the system bundle: subject, issuer, serial and fingerprint as glasstls reads them
// equal what `openssl x509` prints (RFC 4514 strings compared with each multi-valued RDN's
// members sorted, see sort_rdn_members).
TEST(OpensslCli, SystemBundleAgrees) {
  GLASSTLS_REQUIRE_PEER(have_openssl(), "the openssl command is not installed");
  const char* bundle = "/etc/ssl/certs/ca-certificates.crt";
  std::error_code ec;
  GLASSTLS_REQUIRE_PEER(fs::exists(bundle, ec), std::string(bundle) + " not found");
  auto certs = parse_certificates_pem(read_all(bundle));
  ASSERT_TRUE(certs) << certs.error().to_string();
  OpensslDir d;
  for (std::size_t i = 0; i < certs->size(); ++i)
    std::ofstream(d / ("c" + std::to_string(1000 + i) + ".pem"))
        << asn1::pem_encode("CERTIFICATE", (*certs)[i].der);
  ASSERT_TRUE(
      d.run("for f in c*.pem; do openssl x509 -in $f -noout -serial -fingerprint -sha256"
            " -subject -issuer -nameopt RFC2253,-esc_msb,-esc_ctrl,esc_ctrl || exit 1; done"));
  // Four lines per certificate, in file-name order, which is the bundle's order.
  std::istringstream out(d.output());
  std::size_t compared = 0;
  for (const Certificate& c : *certs) {
    std::string serial, fingerprint, subject, issuer;
    ASSERT_TRUE(std::getline(out, serial) && std::getline(out, fingerprint) &&
                std::getline(out, subject) && std::getline(out, issuer));
    SCOPED_TRACE(subject);
    // OpenSSL prints the serial's value in upper-case hex, without the 00 sign byte.
    const ByteView value = c.serial.size() > 1 && c.serial[0] == 0 ? ByteView(c.serial).subspan(1)
                                                                   : ByteView(c.serial);
    std::string ours = hex_encode(value);
    for (char& ch : ours) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    EXPECT_EQ("serial=" + ours, serial);
    EXPECT_EQ("sha256 Fingerprint=" + colon_hex_upper(c.fingerprint_sha256()), fingerprint);
    EXPECT_EQ("subject=" + sort_rdn_members(c.subject.to_string()),
              "subject=" + sort_rdn_members(dotted_where_rfc4514_has_no_name(subject.substr(8))));
    EXPECT_EQ("issuer=" + sort_rdn_members(c.issuer.to_string()),
              "issuer=" + sort_rdn_members(dotted_where_rfc4514_has_no_name(issuer.substr(7))));
    ++compared;
  }
  std::cout << "system bundle: " << compared << " roots compared with openssl x509\n";
  EXPECT_GT(compared, 100u);
}

}  // namespace
}  // namespace glasstls::x509
