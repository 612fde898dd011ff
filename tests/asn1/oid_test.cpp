// Oid: dotted-decimal conversions, the named table, and encodings typed from the RFCs.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "glasstls/asn1/oid_table.hpp"
#include "support/test_support.hpp"

namespace glasstls::asn1 {
namespace {

using test::hex;

TEST(Oid, EncodingsFromTheRfcs) {
  // RFC 8017 §9.2 Note 1 (inside the DigestInfo prefixes): the hash OIDs' content octets.
  EXPECT_EQ(hex_encode(oids::id_sha1.der_contents()), "2b0e03021a");
  EXPECT_EQ(hex_encode(oids::id_sha224.der_contents()), "608648016503040204");
  EXPECT_EQ(hex_encode(oids::id_sha256.der_contents()), "608648016503040201");
  EXPECT_EQ(hex_encode(oids::id_sha384.der_contents()), "608648016503040202");
  EXPECT_EQ(hex_encode(oids::id_sha512.der_contents()), "608648016503040203");
  // RFC 8410 §3 arcs written out: 1.3.101.112 is 2b 65 70.
  EXPECT_EQ(hex_encode(oids::id_Ed25519.der_contents()), "2b6570");
  // RFC 7468 §5.1's example certificate carries ecdsa-with-SHA256 as 2a 86 48 ce 3d 04 03 02
  // and secp256r1 as 2a 86 48 ce 3d 03 01 07 (see pem_test.cpp).
  EXPECT_EQ(hex_encode(oids::ecdsa_with_SHA256.der_contents()), "2a8648ce3d040302");
  EXPECT_EQ(hex_encode(oids::secp256r1.der_contents()), "2a8648ce3d030107");
}

TEST(Oid, DottedRoundTrip) {
  const char* samples[] = {"0.0",
                           "0.39",
                           "1.0",
                           "1.39",
                           "2.0",
                           "2.39",
                           "2.40",
                           "2.100.3",
                           "2.999",
                           "1.2.840.113549.1.1.11",
                           "0.9.2342.19200300.100.1.25",
                           "1.3.6.1.4.1.11129.2.4.2",
                           "2.5.29.32.0",
                           "1.2.18446744073709551615"};
  for (const char* s : samples) {
    auto o = Oid::from_dotted(s);
    ASSERT_TRUE(o.has_value()) << s;
    EXPECT_EQ(o->to_dotted(), s);
  }
  EXPECT_EQ(Oid::from_dotted("1.2.840.113549.1.1.11"), oids::sha256WithRSAEncryption);
  EXPECT_EQ(hex_encode(Oid::from_dotted("2.999")->der_contents()), "8837");
}

TEST(Oid, HugeArcsPrintExactly) {
  // 2.25.<UUID as a 128-bit integer> (X.667): 2^128 - 1 = 340282366920938463463374607431768211455.
  Bytes c = hex("69");  // 2*40 + 25 = 105
  const Bytes all_ones = hex("83 ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff 7f");
  c.insert(c.end(), all_ones.begin(), all_ones.end());
  auto o = Oid::from_der_contents(c);
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->to_dotted(), "2.25.340282366920938463463374607431768211455");
  // The first subidentifier itself beyond 64 bits: 2.(2^70 - 80 + 80)... i.e. arc2 = 2^70 - 80.
  auto big = Oid::from_der_contents(hex("81 80 80 80 80 80 80 80 80 80 00"));
  ASSERT_TRUE(big.has_value());
  EXPECT_EQ(big->to_dotted(), "2.1180591620717411303344");  // 2^70 - 80
}

TEST(Oid, RejectsBadText) {
  const char* bad[] = {"",     "1",    "1.",   ".1",   "1..2",  "3.1",
                       "0.40", "1.40", "01.2", "1.02", "1.2.a", "1.2.18446744073709551616",
                       "1 .2", "-1.2"};
  for (const char* s : bad) EXPECT_FALSE(Oid::from_dotted(s).has_value()) << s;
  EXPECT_FALSE(Oid::from_der_contents({}).has_value());
  EXPECT_FALSE(Oid::from_der_contents(hex("2a 80 01")).has_value());
  EXPECT_FALSE(Oid::from_der_contents(hex("2a 86")).has_value());
  EXPECT_FALSE(Oid::from_der_contents(Bytes(64, 0x01)).has_value());  // over the size limit
  EXPECT_TRUE(Oid::from_der_contents(Bytes(63, 0x01)).has_value());
}

TEST(Oid, NamesAndOrdering) {
  EXPECT_EQ(oid_name(oids::sha256WithRSAEncryption), "sha256WithRSAEncryption");
  EXPECT_EQ(oid_name(oids::id_ce_basicConstraints), "id-ce-basicConstraints");
  EXPECT_EQ(oid_name(oids::ecdsa_with_SHA384), "ecdsa-with-SHA384");
  EXPECT_EQ(oid_name(oids::id_pkix_ocsp_nonce), "id-pkix-ocsp-nonce");
  EXPECT_EQ(oid_name(*Oid::from_dotted("1.2.3.4")), "");
  EXPECT_EQ(attribute_short_name(oids::id_at_commonName), "CN");
  EXPECT_EQ(attribute_short_name(oids::id_domainComponent), "DC");
  EXPECT_EQ(attribute_short_name(oids::id_at_surname), "");

  // Usable as a map key; equal OIDs compare equal however they were built.
  std::map<Oid, int> m;
  m[oids::id_kp_serverAuth] = 1;
  m[*Oid::from_dotted("1.3.6.1.5.5.7.3.1")] += 1;
  EXPECT_EQ(m.size(), 1u);
  EXPECT_EQ(m[oids::id_kp_serverAuth], 2);
}

// The values below were read off the RFCs' ASN.1 modules (cited in oid_table.hpp); the dotted
// forms here are a second, independent transcription so a typo in either one shows up.
TEST(Oid, TableMatchesTheDottedFormsInTheRfcs) {
  const std::pair<Oid, const char*> table[] = {
      {oids::rsaEncryption, "1.2.840.113549.1.1.1"},
      {oids::id_RSASSA_PSS, "1.2.840.113549.1.1.10"},
      {oids::id_mgf1, "1.2.840.113549.1.1.8"},
      {oids::sha1WithRSAEncryption, "1.2.840.113549.1.1.5"},
      {oids::sha224WithRSAEncryption, "1.2.840.113549.1.1.14"},
      {oids::sha384WithRSAEncryption, "1.2.840.113549.1.1.12"},
      {oids::sha512WithRSAEncryption, "1.2.840.113549.1.1.13"},
      {oids::ecdsa_with_SHA1, "1.2.840.10045.4.1"},
      {oids::ecdsa_with_SHA512, "1.2.840.10045.4.3.4"},
      {oids::id_ecPublicKey, "1.2.840.10045.2.1"},
      {oids::secp384r1, "1.3.132.0.34"},
      {oids::secp521r1, "1.3.132.0.35"},
      {oids::id_X25519, "1.3.101.110"},
      {oids::id_at_countryName, "2.5.4.6"},
      {oids::id_at_pseudonym, "2.5.4.65"},
      {oids::id_emailAddress, "1.2.840.113549.1.9.1"},
      {oids::userId, "0.9.2342.19200300.100.1.1"},
      {oids::jurisdictionCountryName, "1.3.6.1.4.1.311.60.2.1.3"},
      {oids::id_ce_authorityKeyIdentifier, "2.5.29.35"},
      {oids::id_ce_inhibitAnyPolicy, "2.5.29.54"},
      {oids::id_pe_tlsfeature, "1.3.6.1.5.5.7.1.24"},
      {oids::id_kp_OCSPSigning, "1.3.6.1.5.5.7.3.9"},
      {oids::id_ad_caIssuers, "1.3.6.1.5.5.7.48.2"},
      {oids::id_ce_cRLReasons, "2.5.29.21"},
      {oids::id_pkix_ocsp_basic, "1.3.6.1.5.5.7.48.1.1"},
      {oids::id_pkix_ocsp_nocheck, "1.3.6.1.5.5.7.48.1.5"},
      {oids::ct_precert_scts, "1.3.6.1.4.1.11129.2.4.2"},
      {oids::ct_precert_poison, "1.3.6.1.4.1.11129.2.4.3"},
  };
  for (const auto& [oid, dotted] : table) EXPECT_EQ(oid.to_dotted(), dotted);
}

}  // namespace
}  // namespace glasstls::asn1
