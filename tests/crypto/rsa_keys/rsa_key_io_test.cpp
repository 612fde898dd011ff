// RSA key files: known answers (RFC 8448 §2's key, RFC 4055 §3.1 PSS parameters) and round
// trips through every writer and its reader, DER and PEM.
#include <string>

#include <gtest/gtest.h>

#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "rsa_key_test_data.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

using rsa_key_test::kPssSha256Params;
using rsa_key_test::rfc8448_key;
using test::hex;

void expect_same(const RsaPrivateKeyParts& a, const RsaPrivateKeyParts& b) {
  EXPECT_EQ(a.n, b.n);
  EXPECT_EQ(a.e, b.e);
  EXPECT_EQ(a.d, b.d);
  EXPECT_EQ(a.p, b.p);
  EXPECT_EQ(a.q, b.q);
  EXPECT_EQ(a.dp, b.dp);
  EXPECT_EQ(a.dq, b.dq);
  EXPECT_EQ(a.qinv, b.qinv);
}

void expect_same(const RsaPssParams& a, const RsaPssParams& b) {
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_EQ(a.mgf1_hash, b.mgf1_hash);
  EXPECT_EQ(a.salt_length, b.salt_length);
}

// ---- known answers ------------------------------------------------------------------------------

TEST(RsaKeyIo, Rfc8448KeyPkcs1Layout) {
  // RFC 8017 A.1.2 with the RFC 8448 §2 numbers: the lengths follow from the numbers alone
  // (n: 128 bytes, top bit set, so 02 81 81 00 ...; d: 128 bytes, top bit clear; p and q: 64
  // bytes, top bit set; ...), 604 content bytes in all.
  const Bytes der = write_rsa_private_key_pkcs1_der(rfc8448_key());
  ASSERT_EQ(der.size(), 4u + 604u);
  EXPECT_EQ(Bytes(der.begin(), der.begin() + 15),
            hex("30 82 02 5c  02 01 00  02 81 81 00 b4 bb 49 8f"));
  auto back = parse_rsa_private_key_pkcs1_der(der);
  ASSERT_TRUE(back) << back.error().to_string();
  expect_same(*back, rfc8448_key());
}

TEST(RsaKeyIo, Rfc8448KeyPkcs8) {
  const Bytes der = write_rsa_private_key_pkcs8_der(rfc8448_key());
  // RFC 5958 §2 version v1, then RFC 3279 §2.3.1 { rsaEncryption, NULL }, then the OCTET STRING
  // holding the 608-byte RSAPrivateKey.
  EXPECT_EQ(Bytes(der.begin(), der.begin() + 26),
            hex("30 82 02 76  02 01 00  30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00"
                "04 82 02 60"));
  auto back = parse_rsa_private_key_pkcs8_der(der);
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_FALSE(back->pss);
  EXPECT_FALSE(back->pss_params.has_value());
  expect_same(back->key, rfc8448_key());
}

TEST(RsaKeyIo, Rfc8448PublicKey) {
  const RsaPublicKeyParts pub = rfc8448_key().public_parts();
  const Bytes pkcs1 = write_rsa_public_key_pkcs1_der(pub);
  EXPECT_EQ(Bytes(pkcs1.begin(), pkcs1.begin() + 8), hex("30 81 89 02 81 81 00 b4"));
  EXPECT_EQ(Bytes(pkcs1.end() - 5, pkcs1.end()), hex("02 03 01 00 01"));
  const Bytes spki = write_rsa_spki_der(pub);
  // RFC 5280 §4.1: { { rsaEncryption, NULL }, BIT STRING (0 unused bits) { RSAPublicKey } }.
  EXPECT_EQ(Bytes(spki.begin(), spki.begin() + 23),
            hex("30 81 9f 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 03 81 8d 00 30"));
  auto a = parse_rsa_public_key_pkcs1_der(pkcs1);
  ASSERT_TRUE(a) << a.error().to_string();
  EXPECT_EQ(a->n, pub.n);
  EXPECT_EQ(a->e, pub.e);
  auto b = parse_rsa_spki_der(spki);
  ASSERT_TRUE(b) << b.error().to_string();
  EXPECT_EQ(b->key.n, pub.n);
  EXPECT_EQ(b->key.e, pub.e);
  EXPECT_FALSE(b->pss);
}

TEST(RsaKeyIo, PssParamsSha256Typed) {
  auto p = parse_rsassa_pss_params_der(hex(kPssSha256Params));
  ASSERT_TRUE(p) << p.error().to_string();
  EXPECT_EQ(p->hash, HashAlg::sha256);
  EXPECT_EQ(p->mgf1_hash, HashAlg::sha256);
  EXPECT_EQ(p->salt_length, 32u);
  EXPECT_EQ(write_rsassa_pss_params_der(*p), hex(kPssSha256Params));
}

TEST(RsaKeyIo, PssParamsAllDefault) {
  // RFC 4055 §3.1: every field absent is rSASSA-PSS-Default-Params {SHA-1, MGF1-SHA-1, 20, 1};
  // DER omits fields equal to their DEFAULT, so those are written as an empty SEQUENCE.
  auto p = parse_rsassa_pss_params_der(hex("30 00"));
  ASSERT_TRUE(p) << p.error().to_string();
  expect_same(*p, RsaPssParams{HashAlg::sha1, HashAlg::sha1, 20});
  EXPECT_EQ(write_rsassa_pss_params_der(RsaPssParams{}), hex("30 00"));
}

TEST(RsaKeyIo, PssParamsExplicitDefaultsAndAbsentHashParameters) {
  // RFC 4055 §3.1: verifiers MUST accept sha1Identifier, mgf1SHA1Identifier and trailerField 1
  // explicitly present; §2.1: NULL and absent hash parameters are equivalent.
  const Bytes explicit_defaults =
      hex("30 2c"
          " a0 0b 30 09 06 05 2b 0e 03 02 1a 05 00"
          " a1 18 30 16 06 09 2a 86 48 86 f7 0d 01 01 08 30 09 06 05 2b 0e 03 02 1a 05 00"
          " a3 03 02 01 01");
  auto p = parse_rsassa_pss_params_der(explicit_defaults);
  ASSERT_TRUE(p) << p.error().to_string();
  expect_same(*p, RsaPssParams{});

  const Bytes absent_parameters =
      hex("30 30"
          " a0 0d 30 0b 06 09 60 86 48 01 65 03 04 02 03"
          " a1 1a 30 18 06 09 2a 86 48 86 f7 0d 01 01 08 30 0b 06 09 60 86 48 01 65 03 04 02 02"
          " a2 03 02 01 40");
  auto q = parse_rsassa_pss_params_der(absent_parameters);
  ASSERT_TRUE(q) << q.error().to_string();
  expect_same(*q, RsaPssParams{HashAlg::sha512, HashAlg::sha384, 64});
}

TEST(RsaKeyIo, PssParamsWriterOmitsEachDefault) {
  // Only the salt differs from the defaults: a SEQUENCE holding saltLength [2] alone.
  EXPECT_EQ(write_rsassa_pss_params_der(RsaPssParams{HashAlg::sha1, HashAlg::sha1, 0}),
            hex("30 05 a2 03 02 01 00"));
  // Only the hash differs: hashAlgorithm [0] alone.
  EXPECT_EQ(write_rsassa_pss_params_der(RsaPssParams{HashAlg::sha384, HashAlg::sha1, 20}),
            hex("30 11 a0 0f 30 0d 06 09 60 86 48 01 65 03 04 02 02 05 00"));
}

// ---- round trips --------------------------------------------------------------------------------

const RsaPssParams kPssVariants[] = {
    {HashAlg::sha1, HashAlg::sha1, 20},     {HashAlg::sha256, HashAlg::sha256, 32},
    {HashAlg::sha384, HashAlg::sha384, 48}, {HashAlg::sha512, HashAlg::sha512, 64},
    {HashAlg::sha256, HashAlg::sha1, 0},    {HashAlg::sha1, HashAlg::sha512, 1000},
};

TEST(RsaKeyIo, PssParamsRoundTrip) {
  for (const RsaPssParams& p : kPssVariants) {
    auto back = parse_rsassa_pss_params_der(write_rsassa_pss_params_der(p));
    ASSERT_TRUE(back) << back.error().to_string();
    expect_same(*back, p);
  }
}

TEST(RsaKeyIo, PrivateKeyRoundTripsDerAndPem) {
  const RsaPrivateKeyParts key = rfc8448_key();
  {
    auto back = parse_rsa_private_key_pkcs1_der(write_rsa_private_key_pkcs1_der(key));
    ASSERT_TRUE(back) << back.error().to_string();
    expect_same(*back, key);
  }
  for (RsaPrivateKeyPem form : {RsaPrivateKeyPem::pkcs1, RsaPrivateKeyPem::pkcs8}) {
    const std::string pem = write_rsa_private_key_pem(key, form);
    EXPECT_EQ(pem.rfind(form == RsaPrivateKeyPem::pkcs1 ? "-----BEGIN RSA PRIVATE KEY-----\n"
                                                        : "-----BEGIN PRIVATE KEY-----\n",
                        0),
              0u);
    auto back = parse_rsa_private_key_pem(pem);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_FALSE(back->pss);
    expect_same(back->key, key);
  }
}

TEST(RsaKeyIo, PssPrivateKeyRoundTrips) {
  const RsaPrivateKeyParts key = rfc8448_key();
  // Unrestricted PSS key: id-RSASSA-PSS with absent parameters.
  {
    const Bytes der = write_rsa_private_key_pkcs8_der(key, std::nullopt, /*pss_key=*/true);
    EXPECT_EQ(Bytes(der.begin() + 7, der.begin() + 20),
              hex("30 0b 06 09 2a 86 48 86 f7 0d 01 01 0a"));
    auto back = parse_rsa_private_key_pkcs8_der(der);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_TRUE(back->pss);
    EXPECT_FALSE(back->pss_params.has_value());
    expect_same(back->key, key);
    auto pem = parse_rsa_private_key_pem(write_rsa_pss_private_key_pem(key));
    ASSERT_TRUE(pem) << pem.error().to_string();
    EXPECT_TRUE(pem->pss);
    EXPECT_FALSE(pem->pss_params.has_value());
  }
  for (const RsaPssParams& p : kPssVariants) {
    auto back = parse_rsa_private_key_pkcs8_der(write_rsa_private_key_pkcs8_der(key, p));
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_TRUE(back->pss);
    ASSERT_TRUE(back->pss_params.has_value());
    expect_same(*back->pss_params, p);
    expect_same(back->key, key);
    auto pem = parse_rsa_private_key_pem(write_rsa_pss_private_key_pem(key, p));
    ASSERT_TRUE(pem) << pem.error().to_string();
    ASSERT_TRUE(pem->pss_params.has_value());
    expect_same(*pem->pss_params, p);
  }
}

TEST(RsaKeyIo, PublicKeyRoundTripsDerAndPem) {
  const RsaPublicKeyParts pub = rfc8448_key().public_parts();
  for (RsaPublicKeyPem form : {RsaPublicKeyPem::spki, RsaPublicKeyPem::pkcs1}) {
    const std::string pem = write_rsa_public_key_pem(pub, form);
    EXPECT_EQ(pem.rfind(form == RsaPublicKeyPem::pkcs1 ? "-----BEGIN RSA PUBLIC KEY-----\n"
                                                       : "-----BEGIN PUBLIC KEY-----\n",
                        0),
              0u);
    auto back = parse_rsa_public_key_pem(pem);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_FALSE(back->pss);
    EXPECT_EQ(back->key.n, pub.n);
    EXPECT_EQ(back->key.e, pub.e);
  }
  {
    auto back = parse_rsa_spki_der(write_rsa_spki_der(pub, /*pss_key=*/true));
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_TRUE(back->pss);
    EXPECT_FALSE(back->pss_params.has_value());
  }
  for (const RsaPssParams& p : kPssVariants) {
    auto der = parse_rsa_spki_der(write_rsa_spki_der(pub, false, p));
    ASSERT_TRUE(der) << der.error().to_string();
    EXPECT_TRUE(der->pss);
    ASSERT_TRUE(der->pss_params.has_value());
    expect_same(*der->pss_params, p);
    auto pem = parse_rsa_public_key_pem(write_rsa_pss_public_key_pem(pub, p));
    ASSERT_TRUE(pem) << pem.error().to_string();
    EXPECT_TRUE(pem->pss);
    ASSERT_TRUE(pem->pss_params.has_value());
    expect_same(*pem->pss_params, p);
    EXPECT_EQ(pem->key.n, pub.n);
  }
}

TEST(RsaKeyIo, LeadingZerosInPartsAreNotWritten) {
  // Parts are magnitudes; a caller's leading zero bytes do not change the encoding.
  RsaPublicKeyParts pub = rfc8448_key().public_parts();
  const Bytes plain = write_rsa_public_key_pkcs1_der(pub);
  pub.n.insert(pub.n.begin(), {0, 0});
  pub.e.insert(pub.e.begin(), 0);
  EXPECT_EQ(write_rsa_public_key_pkcs1_der(pub), plain);
}

TEST(RsaKeyIo, Pkcs8VersionTwoWithMatchingPublicKey) {
  // RFC 5958 §2 OneAsymmetricKey v2: attributes [0] (skipped) and publicKey [1] IMPLICIT BIT
  // STRING holding the RSAPublicKey, which must match.
  const RsaPrivateKeyParts key = rfc8448_key();
  const Bytes rsa_private = write_rsa_private_key_pkcs1_der(key);
  Bytes bits{0x00};
  const Bytes rsa_public = write_rsa_public_key_pkcs1_der(key.public_parts());
  bits.insert(bits.end(), rsa_public.begin(), rsa_public.end());
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {
    s.integer(1);
    s.raw(hex("30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00"));
    s.octet_string(rsa_private);
    // attributes [0] { Attribute { userId (0.9.2342.19200300.100.1.1), SET { UTF8String "test" } }
    // }
    s.raw(hex("a0 16 30 14 06 0a 09 92 26 89 93 f2 2c 64 01 01 31 06 0c 04 74 65 73 74"));
    s.implicit_primitive(1, bits);
  });
  auto back = parse_rsa_private_key_pkcs8_der(w.data());
  ASSERT_TRUE(back) << back.error().to_string();
  expect_same(back->key, key);
}

}  // namespace
}  // namespace glasstls::crypto
