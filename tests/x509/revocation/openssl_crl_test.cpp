// CRLs across the OpenSSL CLI, both ways (RFC 5280 §5):
//  * a CA run by `openssl ca` (index.txt database) revokes leaves with several reasons
//    (-crl_reason, -crl_CA_compromise, -crl_compromise, -crl_hold) and issues a CRL with
//    `openssl ca -gencrl` at fixed -crl_lastupdate/-crl_nextupdate; parse_crl must read the
//    issuer, the dates, every serial, reason, invalidity date and the cRLNumber exactly as
//    `openssl crl -text -noout` prints them, find each leaf by its certificate serial, and verify
//    the signature with the CA certificate read by parse_certificate;
//  * a CRL minted by CrlBuilder passes `openssl crl -verify -CAfile ca.pem` ("verify OK") and its
//    text lists the revoked serials and reasons; the same CRL with a corrupted signature fails.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/crl.hpp"
#include "glasstls/x509/revocation_builder.hpp"
#include "support/test_support.hpp"
#include "x509/signature/openssl_cli.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using openssl_cli::ScratchDir;
using test::hex;

WallTime utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(mo) /
                               std::chrono::day(d)) +
         std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(s);
}

// A time as `openssl crl -text` prints it (ASN1_TIME_print): "Mar  1 00:00:00 2026 GMT".
std::string openssl_time(WallTime t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(days);
  const std::chrono::hh_mm_ss hms(t - days);
  static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s %2u %02d:%02d:%02d %d GMT",
                months[static_cast<unsigned>(ymd.month()) - 1], static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(ymd.year()));
  return buf;
}

// A serial as `openssl crl -text` prints a short one: the magnitude in upper-case hex, leading
// zero octets dropped ("8000" for contents 00 80 00).
std::string openssl_serial(ByteView contents) {
  std::size_t first = 0;
  while (first + 1 < contents.size() && contents[first] == 0) ++first;
  std::string out;
  char buf[3];
  for (std::size_t i = first; i < contents.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%02X", contents[i]);
    out += buf;
  }
  return out;
}

// OpenSSL's display names for CRLReason (crypto/x509/v3_enum.c).
std::string openssl_reason(CrlReason r) {
  switch (r) {
    case CrlReason::unspecified:
      return "Unspecified";
    case CrlReason::key_compromise:
      return "Key Compromise";
    case CrlReason::ca_compromise:
      return "CA Compromise";
    case CrlReason::affiliation_changed:
      return "Affiliation Changed";
    case CrlReason::superseded:
      return "Superseded";
    case CrlReason::cessation_of_operation:
      return "Cessation Of Operation";
    case CrlReason::certificate_hold:
      return "Certificate Hold";
    case CrlReason::remove_from_crl:
      return "Remove From CRL";
    case CrlReason::privilege_withdrawn:
      return "Privilege Withdrawn";
    case CrlReason::aa_compromise:
      return "AA Compromise";
  }
  return "?";
}

// What `openssl crl -text -noout` says, read line by line.
struct OpensslCrlText {
  std::string issuer, last_update, next_update, crl_number;
  struct Entry {
    std::string serial, date, reason, invalidity;
    bool hold_instruction = false;
  };
  std::vector<Entry> entries;
};

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b);
}

std::string after(const std::string& line, const std::string& key) {
  return trim(line.substr(line.find(key) + key.size()));
}

OpensslCrlText read_text(const std::string& text) {
  OpensslCrlText out;
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    const std::string next = i + 1 < lines.size() ? trim(lines[i + 1]) : "";
    if (l.find("Issuer: ") != std::string::npos) out.issuer = after(l, "Issuer: ");
    if (l.find("Last Update: ") != std::string::npos) out.last_update = after(l, "Last Update: ");
    if (l.find("Next Update: ") != std::string::npos) out.next_update = after(l, "Next Update: ");
    if (l.find("X509v3 CRL Number:") != std::string::npos) out.crl_number = next;
    if (l.find("Serial Number: ") != std::string::npos)
      out.entries.push_back({after(l, "Serial Number: "), "", "", "", false});
    if (out.entries.empty()) continue;
    if (l.find("Revocation Date: ") != std::string::npos)
      out.entries.back().date = after(l, "Revocation Date: ");
    if (l.find("X509v3 CRL Reason Code:") != std::string::npos) out.entries.back().reason = next;
    if (l.find("Invalidity Date:") != std::string::npos) out.entries.back().invalidity = next;
    if (l.find("Hold Instruction Code:") != std::string::npos)
      out.entries.back().hold_instruction = true;
  }
  return out;
}

const char* const kCaConfig = R"([ ca ]
default_ca = CA_default
[ CA_default ]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
crlnumber = ./crlnumber
certificate = ./ca.pem
private_key = ./ca.key
default_md = sha256
default_days = 365
default_crl_days = 7
policy = policy_any
unique_subject = no
copy_extensions = none
[ policy_any ]
commonName = supplied
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = Diff CA
[ v3_ca ]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ crl_ext ]
authorityKeyIdentifier = keyid:always
)";

std::string must(const ScratchDir& dir, const std::string& args) {
  const openssl_cli::Run r = dir.openssl(args);
  EXPECT_EQ(r.status, 0) << "openssl " << args << "\n" << r.output;
  return r.output;
}

TEST(OpensslCrl, OpensslCaCrlReadsAsOpensslPrintsIt) {
  GLASSTLS_REQUIRE_PEER(openssl_cli::available(), "the openssl CLI is not installed");
  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  dir.write("ca.cnf", std::string_view(kCaConfig));
  dir.write("index.txt", std::string_view(""));
  dir.write("serial", std::string_view("7FFF\n"));  // the second leaf gets 8000: INTEGER 00 80 00
  dir.write("crlnumber", std::string_view("41\n"));
  must(dir, "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key");
  must(dir, "req -new -x509 -key ca.key -config ca.cnf -extensions v3_ca -days 3650 -out ca.pem");
  ASSERT_EQ(std::system(("mkdir -p '" + dir.file("newcerts") + "'").c_str()), 0);

  // An empty CRL first: OpenSSL leaves revokedCertificates out (§5.1.2.6).
  must(dir,
       "ca -config ca.cnf -gencrl -crl_lastupdate 20260201000000Z -crl_nextupdate "
       "20260208000000Z -out empty.crl -batch");
  const Bytes empty_pem = dir.read("empty.crl");
  auto empty = parse_crls_pem(std::string(empty_pem.begin(), empty_pem.end()));
  ASSERT_TRUE(empty.ok()) << empty.error().to_string();
  ASSERT_EQ(empty->size(), 1u);
  EXPECT_TRUE((*empty)[0].revoked.empty());
  EXPECT_EQ(*(*empty)[0].crl_number, hex("41"));

  must(dir, "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out leaf.key");
  const char* const revocations[] = {
      "-crl_reason keyCompromise",
      "-crl_CA_compromise 20251201000000Z",  // cACompromise + invalidityDate
      "-crl_compromise 20260102030405Z",     // keyCompromise + invalidityDate
      "-crl_hold holdInstructionReject",     // certificateHold + holdInstructionCode
      "-crl_reason cessationOfOperation",   "-crl_reason superseded",
  };
  std::vector<Certificate> leaves;
  for (std::size_t i = 0; i < std::size(revocations); ++i) {
    const std::string n = std::to_string(i);
    must(dir, "req -new -key leaf.key -subj /CN=Leaf" + n + " -out leaf" + n + ".csr");
    must(dir, "ca -config ca.cnf -in leaf" + n + ".csr -out leaf" + n +
                  ".pem -batch -startdate 20260101000000Z -enddate 20270101000000Z");
    must(dir, "ca -config ca.cnf -revoke leaf" + n + ".pem " + revocations[i]);
    const Bytes pem = dir.read("leaf" + n + ".pem");
    auto certs = parse_certificates_pem(std::string(pem.begin(), pem.end()));
    ASSERT_TRUE(certs.ok() && certs->size() == 1u);
    leaves.push_back(std::move((*certs)[0]));
  }
  must(dir,
       "ca -config ca.cnf -gencrl -crl_lastupdate 20260301000000Z -crl_nextupdate "
       "20260308120000Z -crlexts crl_ext -out ca.crl -batch");
  const OpensslCrlText text = read_text(must(dir, "crl -in ca.crl -text -noout"));

  const Bytes crl_pem_bytes = dir.read("ca.crl");
  auto crls = parse_crls_pem(std::string(crl_pem_bytes.begin(), crl_pem_bytes.end()));
  ASSERT_TRUE(crls.ok()) << crls.error().to_string();
  ASSERT_EQ(crls->size(), 1u);
  const Crl& crl = (*crls)[0];

  EXPECT_EQ(crl.version, 2);
  ASSERT_EQ(crl.issuer.rdns.size(), 1u);
  EXPECT_EQ("CN = " + crl.issuer.rdns[0][0].utf8, text.issuer);
  EXPECT_EQ(text.last_update, "Mar  1 00:00:00 2026 GMT");
  EXPECT_EQ(openssl_time(crl.this_update), text.last_update);
  EXPECT_EQ(crl.this_update, utc(2026, 3, 1));
  ASSERT_TRUE(crl.next_update);
  EXPECT_EQ(openssl_time(*crl.next_update), text.next_update);
  EXPECT_EQ(*crl.next_update, utc(2026, 3, 8, 12));
  ASSERT_TRUE(crl.crl_number);
  // OpenSSL prints a CRL number that fits in a long in decimal: 0x42 is "66".
  ASSERT_EQ(crl.crl_number->size(), 1u);
  EXPECT_EQ(std::to_string((*crl.crl_number)[0]), text.crl_number);
  EXPECT_EQ(*crl.crl_number, hex("42"));

  ASSERT_EQ(text.entries.size(), std::size(revocations));
  ASSERT_EQ(crl.revoked.size(), text.entries.size());
  for (std::size_t i = 0; i < crl.revoked.size(); ++i) {
    const RevokedEntry& e = crl.revoked[i];
    const OpensslCrlText::Entry& t = text.entries[i];
    SCOPED_TRACE("entry " + std::to_string(i));
    EXPECT_EQ(openssl_serial(e.serial), t.serial);
    EXPECT_EQ(openssl_time(e.revocation_date), t.date);
    ASSERT_TRUE(e.reason);
    EXPECT_EQ(openssl_reason(*e.reason), t.reason);
    if (t.invalidity.empty()) {
      EXPECT_FALSE(e.invalidity_date);
    } else {
      ASSERT_TRUE(e.invalidity_date);
      EXPECT_EQ(openssl_time(*e.invalidity_date), t.invalidity);
    }
    EXPECT_EQ(t.hold_instruction, e.extensions.size() == 2 && !e.invalidity_date);
    EXPECT_EQ(e.unknown_critical_extension(), nullptr);
    // The entry is found by the certificate's own serial.
    EXPECT_EQ(crl.find(leaves[i].serial), &e);
  }
  EXPECT_EQ(crl.revoked[1].serial, hex("008000"));
  EXPECT_EQ(*crl.revoked[1].invalidity_date, utc(2025, 12, 1));
  EXPECT_EQ(*crl.revoked[2].invalidity_date, utc(2026, 1, 2, 3, 4, 5));
  EXPECT_EQ(*crl.revoked[3].reason, CrlReason::certificate_hold);

  // The signature, with the CA certificate as parse_certificate reads it.
  const Bytes ca_pem = dir.read("ca.pem");
  auto ca = parse_certificates_pem(std::string(ca_pem.begin(), ca_pem.end()));
  ASSERT_TRUE(ca.ok() && ca->size() == 1u);
  const Certificate& ca_cert = (*ca)[0];
  EXPECT_TRUE(names_match(crl.issuer, ca_cert.subject));
  ASSERT_TRUE(crl.authority_key_id && crl.authority_key_id->key_id && ca_cert.subject_key_id);
  EXPECT_EQ(*crl.authority_key_id->key_id, *ca_cert.subject_key_id);
  EXPECT_TRUE(
      verify_signature(ca_cert.public_key, crl.signature_algorithm, crl.tbs(), crl.signature).ok());
  Bytes bad_signature = crl.signature;
  bad_signature[bad_signature.size() / 2] ^= 0x01;
  EXPECT_FALSE(
      verify_signature(ca_cert.public_key, crl.signature_algorithm, crl.tbs(), bad_signature).ok());
}

TEST(OpensslCrl, BuilderCrlVerifiesInOpenssl) {
  GLASSTLS_REQUIRE_PEER(openssl_cli::available(), "the openssl CLI is not installed");
  crypto::DeterministicRandom rng(11);
  const SigningKey key = SigningKey::generate_ec(crypto::EcCurve::p384, rng);
  auto ca = CertificateBuilder()
                .subject(make_name({{oids::id_at_organizationName, "glasstls test"},
                                    {oids::id_at_commonName, "Builder CRL CA"}}))
                .self_signed()
                .validity(utc(2025, 1, 1), utc(2035, 1, 1))
                .public_key(key.public_key())
                .basic_constraints(true)
                .key_usage(KeyUsage::key_cert_sign | KeyUsage::crl_sign)
                .sign(key);
  ASSERT_TRUE(ca.ok()) << ca.error().to_string();

  CrlBuilder builder;
  builder.issuer(*ca)
      .this_update(utc(2026, 3, 1))
      .next_update(utc(2026, 3, 8))
      .crl_number(7)
      .revoke(hex("0a0b0c"), utc(2026, 2, 1), CrlReason::key_compromise, utc(2026, 1, 20))
      .revoke(hex("ff01"), utc(2026, 2, 2), CrlReason::affiliation_changed)
      .revoke(hex("1234"), utc(2026, 2, 3), CrlReason::privilege_withdrawn)
      .revoke(hex("77"), utc(2026, 2, 4));
  auto der = builder.sign_der(key);
  ASSERT_TRUE(der.ok()) << der.error().to_string();

  ScratchDir dir;
  ASSERT_TRUE(dir.ok());
  dir.write("ca.pem", std::string_view(certificate_pem(ca->der)));
  dir.write("crl.pem", std::string_view(crl_pem(*der)));
  const openssl_cli::Run run = dir.openssl("crl -in crl.pem -CAfile ca.pem -verify -noout -text");
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("verify OK"), std::string::npos) << run.output;
  const OpensslCrlText text = read_text(run.output);
  EXPECT_EQ(text.crl_number, "7");
  EXPECT_EQ(text.last_update, "Mar  1 00:00:00 2026 GMT");
  EXPECT_EQ(text.next_update, "Mar  8 00:00:00 2026 GMT");
  ASSERT_EQ(text.entries.size(), 4u);
  EXPECT_EQ(text.entries[0].serial, "0A0B0C");
  EXPECT_EQ(text.entries[0].reason, "Key Compromise");
  EXPECT_EQ(text.entries[0].invalidity, "Jan 20 00:00:00 2026 GMT");
  EXPECT_EQ(text.entries[1].serial, "FF01");
  EXPECT_EQ(text.entries[1].reason, "Affiliation Changed");
  EXPECT_EQ(text.entries[2].serial, "1234");
  EXPECT_EQ(text.entries[2].reason, "Privilege Withdrawn");
  EXPECT_EQ(text.entries[3].serial, "77");
  EXPECT_EQ(text.entries[3].reason, "");
  EXPECT_EQ(text.entries[3].date, "Feb  4 00:00:00 2026 GMT");

  // The same CRL with one signature bit flipped: OpenSSL refuses it.
  auto bad = builder.corrupt_signature().sign_der(key);
  ASSERT_TRUE(bad.ok());
  dir.write("bad.pem", std::string_view(crl_pem(*bad)));
  const openssl_cli::Run refused = dir.openssl("crl -in bad.pem -CAfile ca.pem -verify -noout");
  EXPECT_EQ(refused.output.find("verify OK"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("verify failure"), std::string::npos) << refused.output;
}

}  // namespace
}  // namespace glasstls::x509
