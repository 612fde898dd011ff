// The trust store: loading from PEM text, files and directories (errors naming the file and the
// PEM line), duplicates kept once, and lookups by subject (RFC 5280 §7.1) and by key identifier.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>

#include <gtest/gtest.h>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/x509/trust_store.hpp"
#include "support/test_support.hpp"
#include "x509/parse/der_builders.hpp"

namespace glasstls::x509 {
namespace {

namespace fs = std::filesystem;
namespace oids = asn1::oids;
namespace tags = asn1::tags;
using test::hex_bytes;

std::string cert_pem(const std::string& subject_cn, const std::string& ski_hex = "") {
  test::CertSpec spec;
  spec.subject = test::cn_name(subject_cn);
  spec.issuer = spec.subject;
  if (!ski_hex.empty()) {
    asn1::DerWriter w;
    w.octet_string(hex_bytes(ski_hex));
    spec.extensions =
        std::vector<Bytes>{test::extension_der(oids::id_ce_subjectKeyIdentifier, w.take())};
  }
  return asn1::pem_encode("CERTIFICATE", spec.der());
}

// A directory that removes itself.
struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("glasstls-trust-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
  }
};

TEST(TrustStore, FromPemAndLookups) {
  const std::string text = cert_pem("Root A", "0102") + cert_pem("Root B", "0304") +
                           cert_pem("Root A", "0506") + cert_pem("Root B", "0304");
  auto store = TrustStore::from_pem(text);
  ASSERT_TRUE(store) << store.error().to_string();
  EXPECT_EQ(store->size(), 3u);  // the fourth is the second again, kept once
  // Lookup by subject, with §7.1 folding (case and spaces).
  const Bytes wanted_der =
      test::name_der({{{oids::id_at_commonName, tags::printable_string, " root   a"}}});
  asn1::Der d(wanted_der);
  auto r = d.root();
  const Name wanted = read_name(r, "name");
  ASSERT_TRUE(d.ok());
  const auto hits = store->find_by_subject(wanted);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(*hits[0]->subject_key_id, (Bytes{1, 2}));  // insertion order
  EXPECT_EQ(*hits[1]->subject_key_id, (Bytes{5, 6}));
  EXPECT_TRUE(store->find_by_subject(store->anchors()[1].issuer).size() == 1);
  EXPECT_TRUE(store->find_by_subject(Name{}).empty());
  // Lookup by key identifier.
  const auto by_key = store->find_by_key_id(Bytes{3, 4});
  ASSERT_EQ(by_key.size(), 1u);
  EXPECT_EQ(by_key[0]->subject.to_string(), "CN=Root B");
  EXPECT_TRUE(store->find_by_key_id(Bytes{9}).empty());
  EXPECT_TRUE(store->find_by_key_id(Bytes{}).empty());
}

TEST(TrustStore, AddKeepsOneCopy) {
  TrustStore store;
  auto certs = parse_certificates_pem(cert_pem("X"));
  ASSERT_TRUE(certs);
  store.add((*certs)[0]);
  store.add((*certs)[0]);
  EXPECT_EQ(store.size(), 1u);
  EXPECT_EQ(store.find_by_subject((*certs)[0].subject).size(), 1u);
}

TEST(TrustStore, FileAndDirectory) {
  TempDir dir;
  dir.write("a.pem", cert_pem("A") + cert_pem("B"));
  dir.write("c.crt", cert_pem("C"));
  dir.write("1a2b3c4d.0", cert_pem("A"));  // a hashed link: not read
  dir.write("notes.txt", "not a certificate");
  auto file = TrustStore::from_file(dir.path / "a.pem");
  ASSERT_TRUE(file) << file.error().to_string();
  EXPECT_EQ(file->size(), 2u);
  auto all = TrustStore::from_directory(dir.path);
  ASSERT_TRUE(all) << all.error().to_string();
  EXPECT_EQ(all->size(), 3u);
  // Ordered by file name: a.pem (A, B), then c.crt (C).
  EXPECT_EQ(all->anchors()[2].subject.to_string(), "CN=C");
}

TEST(TrustStore, DerFilesAndFilesWithoutCertificates) {
  TempDir dir;
  // A .crt holding one DER certificate (no PEM block), as PKITS and many CAs ship them.
  test::CertSpec spec;
  spec.subject = test::cn_name("DER");
  spec.issuer = spec.subject;
  const Bytes der = spec.der();
  dir.write("d.crt", std::string(der.begin(), der.end()));
  auto file = TrustStore::from_file(dir.path / "d.crt");
  ASSERT_TRUE(file) << file.error().to_string();
  ASSERT_EQ(file->size(), 1u);
  EXPECT_EQ(file->anchors()[0].subject.to_string(), "CN=DER");
  // A PEM file without a CERTIFICATE block, or bytes that are not a certificate: errors, not an
  // empty store that trusts nothing.
  dir.write("key.pem", asn1::pem_encode("PRIVATE KEY", hex_bytes("3000")));
  auto key = TrustStore::from_file(dir.path / "key.pem");
  ASSERT_FALSE(key);
  EXPECT_NE(key.error().to_string().find("holds no CERTIFICATE block"), std::string::npos)
      << key.error().to_string();
  dir.write("junk.crt", "not a certificate");
  EXPECT_FALSE(TrustStore::from_file(dir.path / "junk.crt"));
  // The same certificate in two files of a directory is kept once, and is no error.
  dir.write("e.crt", std::string(der.begin(), der.end()));
  fs::remove(dir.path / "key.pem");
  fs::remove(dir.path / "junk.crt");
  auto all = TrustStore::from_directory(dir.path);
  ASSERT_TRUE(all) << all.error().to_string();
  EXPECT_EQ(all->size(), 1u);
}

TEST(TrustStore, ErrorsNameTheFileAndLine) {
  TempDir dir;
  test::CertSpec bad;
  bad.serial = test::prim(tags::integer, Bytes(21, 1));
  const std::string first = cert_pem("ok");
  dir.write("bad.pem", first + asn1::pem_encode("CERTIFICATE", bad.der()));
  auto r = TrustStore::from_file(dir.path / "bad.pem");
  ASSERT_FALSE(r);
  const std::size_t line =
      static_cast<std::size_t>(std::count(first.begin(), first.end(), '\n')) + 1;
  EXPECT_EQ(r.error().file, (dir.path / "bad.pem").string());
  EXPECT_EQ(r.error().parse.pem_line, line);
  const std::string message = r.error().to_string();
  EXPECT_NE(message.find("bad.pem:" + std::to_string(line) + ": "), std::string::npos) << message;
  EXPECT_NE(message.find("serialNumber"), std::string::npos) << message;

  auto d = TrustStore::from_directory(dir.path);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().file, (dir.path / "bad.pem").string());

  auto missing = TrustStore::from_file(dir.path / "missing.pem");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().to_string().find("missing.pem: cannot open"), std::string::npos)
      << missing.error().to_string();
  EXPECT_FALSE(TrustStore::from_directory(dir.path / "nowhere"));
}

// The machine's bundle: every PEM block is a certificate that parses, more than 100 of them.
TEST(TrustStore, SystemBundleParsesWhole) {
  const char* bundle = "/etc/ssl/certs/ca-certificates.crt";
  std::error_code ec;
  GLASSTLS_REQUIRE_PEER(fs::exists(bundle, ec), std::string(bundle) + " not found");
  std::ifstream in(bundle, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t blocks = 0;
  for (auto p = text.find("-----BEGIN "); p != std::string::npos;
       p = text.find("-----BEGIN ", p + 1))
    ++blocks;
  auto certs = parse_certificates_pem(text);
  ASSERT_TRUE(certs) << certs.error().to_string();
  std::cout << "system bundle: " << certs->size() << " certificates parsed of " << blocks
            << " PEM blocks\n";
  EXPECT_EQ(certs->size(), blocks);
  EXPECT_GT(certs->size(), 100u);
  std::size_t self_issued = 0;
  for (const Certificate& c : *certs) self_issued += c.self_issued() ? 1 : 0;
  std::cout << "  of which self-issued: " << self_issued << "\n";

  auto store = TrustStore::system();
  ASSERT_TRUE(store) << store.error().to_string();
  EXPECT_LE(store->size(), blocks);
  EXPECT_GT(store->size(), 100u);
  // The same roots as one file per certificate (/etc/ssl/certs/*.pem, plus the bundle itself,
  // whose copies the store keeps once).
  auto dir = TrustStore::from_directory("/etc/ssl/certs");
  ASSERT_TRUE(dir) << dir.error().to_string();
  std::cout << "  /etc/ssl/certs as a directory: " << dir->size() << " anchors\n";
  EXPECT_EQ(dir->size(), store->size());
  // Every anchor is found again by its own subject, and by its key identifier when it has one.
  for (const Certificate& c : store->anchors()) {
    const auto hits = store->find_by_subject(c.subject);
    EXPECT_NE(std::find(hits.begin(), hits.end(), &c), hits.end()) << c.subject.to_string();
    if (c.subject_key_id) {
      const auto by_key = store->find_by_key_id(*c.subject_key_id);
      EXPECT_NE(std::find(by_key.begin(), by_key.end(), &c), by_key.end());
    }
  }
}

}  // namespace
}  // namespace glasstls::x509
