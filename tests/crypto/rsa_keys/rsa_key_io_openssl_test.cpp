// RSA key files against OpenSSL's libcrypto: keys OpenSSL generates (plain RSA, and RSA-PSS with
// and without restrictions) exported in every format parse here to OpenSSL's numbers and PSS
// parameters; keys written here load in OpenSSL with the same numbers and parameters; and DER
// being unique, our encodings of plain RSA keys equal OpenSSL's byte for byte.
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "glasstls/crypto/rsa_key_io.hpp"
#include "rsa_key_test_data.hpp"
#include "support/test_support.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "support/openssl_handles.hpp"
#endif

namespace glasstls::crypto {
namespace {

#if GLASSTLS_HAVE_OPENSSL

using test::Pkey;

Bytes bn_param(const EVP_PKEY* k, const char* name) {
  BIGNUM* bn = nullptr;
  if (EVP_PKEY_get_bn_param(k, name, &bn) != 1) return {};
  Bytes out(static_cast<std::size_t>(BN_num_bytes(bn)));
  BN_bn2bin(bn, out.data());
  BN_clear_free(bn);
  return out;
}

RsaPrivateKeyParts openssl_parts(const EVP_PKEY* k) {
  RsaPrivateKeyParts p;
  p.n = bn_param(k, OSSL_PKEY_PARAM_RSA_N);
  p.e = bn_param(k, OSSL_PKEY_PARAM_RSA_E);
  p.d = bn_param(k, OSSL_PKEY_PARAM_RSA_D);
  p.p = bn_param(k, OSSL_PKEY_PARAM_RSA_FACTOR1);
  p.q = bn_param(k, OSSL_PKEY_PARAM_RSA_FACTOR2);
  p.dp = bn_param(k, OSSL_PKEY_PARAM_RSA_EXPONENT1);
  p.dq = bn_param(k, OSSL_PKEY_PARAM_RSA_EXPONENT2);
  p.qinv = bn_param(k, OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
  return p;
}

void expect_same(const RsaPrivateKeyParts& a, const RsaPrivateKeyParts& b) {
  ASSERT_FALSE(b.n.empty());
  EXPECT_EQ(a.n, b.n);
  EXPECT_EQ(a.e, b.e);
  EXPECT_EQ(a.d, b.d);
  EXPECT_EQ(a.p, b.p);
  EXPECT_EQ(a.q, b.q);
  EXPECT_EQ(a.dp, b.dp);
  EXPECT_EQ(a.dq, b.dq);
  EXPECT_EQ(a.qinv, b.qinv);
}

void expect_same_public(const RsaPublicKeyParts& a, const RsaPrivateKeyParts& b) {
  ASSERT_FALSE(b.n.empty());
  EXPECT_EQ(a.n, b.n);
  EXPECT_EQ(a.e, b.e);
}

void expect_same(const RsaPssParams& a, const RsaPssParams& b) {
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_EQ(a.mgf1_hash, b.mgf1_hash);
  EXPECT_EQ(a.salt_length, b.salt_length);
}

// OpenSSL's encoder: output "DER" or "PEM"; structure "PrivateKeyInfo", "SubjectPublicKeyInfo"
// or "type-specific" (PKCS#1 for RSA).
Bytes openssl_encode(const EVP_PKEY* k, int selection, const char* output, const char* structure) {
  OSSL_ENCODER_CTX* ctx = OSSL_ENCODER_CTX_new_for_pkey(k, selection, output, structure, nullptr);
  Bytes out;
  unsigned char* data = nullptr;
  std::size_t len = 0;
  if (ctx != nullptr && OSSL_ENCODER_CTX_get_num_encoders(ctx) > 0 &&
      OSSL_ENCODER_to_data(ctx, &data, &len) == 1) {
    out.assign(data, data + len);
    OPENSSL_clear_free(data, len);
  }
  OSSL_ENCODER_CTX_free(ctx);
  return out;
}
std::string as_text(const Bytes& b) {
  return std::string(b.begin(), b.end());
}

// OpenSSL's decoder, for the one form without a classic d2i/PEM_read entry point that is not
// deprecated ("RSA PUBLIC KEY" PEM). Everything else uses the classic functions.
Pkey openssl_decode(ByteView data, const char* input, const char* structure, const char* type,
                    int selection) {
  EVP_PKEY* k = nullptr;
  OSSL_DECODER_CTX* ctx =
      OSSL_DECODER_CTX_new_for_pkey(&k, input, structure, type, selection, nullptr, nullptr);
  const unsigned char* p = data.data();
  std::size_t len = data.size();
  if (ctx != nullptr) (void)OSSL_DECODER_from_data(ctx, &p, &len);
  OSSL_DECODER_CTX_free(ctx);
  return Pkey(k);
}

Pkey d2i_private(ByteView der) {
  const unsigned char* p = der.data();
  Pkey k(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(der.size())));
  if (k && p != der.data() + der.size()) return nullptr;
  return k;
}
Pkey d2i_spki(ByteView der) {
  const unsigned char* p = der.data();
  Pkey k(d2i_PUBKEY(nullptr, &p, static_cast<long>(der.size())));
  if (k && p != der.data() + der.size()) return nullptr;
  return k;
}
Pkey d2i_rsa_public(ByteView der) {
  const unsigned char* p = der.data();
  Pkey k(d2i_PublicKey(EVP_PKEY_RSA, nullptr, &p, static_cast<long>(der.size())));
  if (k && p != der.data() + der.size()) return nullptr;
  return k;
}
Pkey pem_private(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  Pkey k(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return k;
}
Pkey pem_spki(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  Pkey k(PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr));
  BIO_free(bio);
  return k;
}

Bytes i2d_spki(const EVP_PKEY* k) {
  unsigned char* data = nullptr;
  const int len = i2d_PUBKEY(k, &data);
  if (len <= 0) return {};
  Bytes out(data, data + len);
  OPENSSL_free(data);
  return out;
}

Pkey generate(const char* type, int bits, const char* md, const char* mgf1_md, int salt) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
  EVP_PKEY* k = nullptr;
  bool ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1 &&
            EVP_PKEY_CTX_set_rsa_keygen_bits(ctx, bits) == 1;
  // RSA-PSS restrictions (RFC 4055 §3.1 parameters in the key's AlgorithmIdentifier).
  if (ok && md != nullptr) ok = EVP_PKEY_CTX_set_rsa_pss_keygen_md_name(ctx, md, nullptr) == 1;
  if (ok && mgf1_md != nullptr)
    ok = EVP_PKEY_CTX_set_rsa_pss_keygen_mgf1_md_name(ctx, mgf1_md) == 1;
  if (ok && salt >= 0) ok = EVP_PKEY_CTX_set_rsa_pss_keygen_saltlen(ctx, salt) == 1;
  if (ok) ok = EVP_PKEY_generate(ctx, &k) == 1;
  EVP_PKEY_CTX_free(ctx);
  return Pkey(ok ? k : nullptr);
}

constexpr int kKeypair = OSSL_KEYMGMT_SELECT_KEYPAIR;
constexpr int kPublic = OSSL_KEYMGMT_SELECT_PUBLIC_KEY;

class RsaKeyIoOpenSsl : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_ = generate("RSA", 2048, nullptr, nullptr, -1).release();
    // A restricted PSS key: SHA-256, MGF1-SHA-256, salt 32 (the common TLS choice)...
    pss_ = generate("RSA-PSS", 2048, "SHA256", "SHA256", 32).release();
    // ...one whose MGF1 hash differs from its hash, and an unrestricted one.
    pss_mixed_ = generate("RSA-PSS", 2048, "SHA384", "SHA1", 20).release();
    pss_free_ = generate("RSA-PSS", 2048, nullptr, nullptr, -1).release();
  }
  static void TearDownTestSuite() {
    EVP_PKEY_free(rsa_);
    EVP_PKEY_free(pss_);
    EVP_PKEY_free(pss_mixed_);
    EVP_PKEY_free(pss_free_);
  }
  void SetUp() override {
    ASSERT_NE(rsa_, nullptr);
    ASSERT_NE(pss_, nullptr);
    ASSERT_NE(pss_mixed_, nullptr);
    ASSERT_NE(pss_free_, nullptr);
  }
  static EVP_PKEY* rsa_;
  static EVP_PKEY* pss_;
  static EVP_PKEY* pss_mixed_;
  static EVP_PKEY* pss_free_;
};
EVP_PKEY* RsaKeyIoOpenSsl::rsa_ = nullptr;
EVP_PKEY* RsaKeyIoOpenSsl::pss_ = nullptr;
EVP_PKEY* RsaKeyIoOpenSsl::pss_mixed_ = nullptr;
EVP_PKEY* RsaKeyIoOpenSsl::pss_free_ = nullptr;

TEST_F(RsaKeyIoOpenSsl, OpenSslRsaKeyParsesToSameNumbers) {
  const RsaPrivateKeyParts want = openssl_parts(rsa_);
  {
    auto k =
        parse_rsa_private_key_pkcs1_der(openssl_encode(rsa_, kKeypair, "DER", "type-specific"));
    ASSERT_TRUE(k) << k.error().to_string();
    expect_same(*k, want);
  }
  {
    auto k =
        parse_rsa_private_key_pkcs8_der(openssl_encode(rsa_, kKeypair, "DER", "PrivateKeyInfo"));
    ASSERT_TRUE(k) << k.error().to_string();
    EXPECT_FALSE(k->pss);
    expect_same(k->key, want);
  }
  for (const char* structure : {"type-specific", "PrivateKeyInfo"}) {
    const std::string pem = as_text(openssl_encode(rsa_, kKeypair, "PEM", structure));
    auto k = parse_rsa_private_key_pem(pem);
    ASSERT_TRUE(k) << structure << ": " << k.error().to_string() << "\n" << pem;
    expect_same(k->key, want);
  }
  {
    auto k = parse_rsa_spki_der(i2d_spki(rsa_));
    ASSERT_TRUE(k) << k.error().to_string();
    EXPECT_FALSE(k->pss);
    expect_same_public(k->key, want);
  }
  {
    auto k = parse_rsa_public_key_pkcs1_der(openssl_encode(rsa_, kPublic, "DER", "type-specific"));
    ASSERT_TRUE(k) << k.error().to_string();
    expect_same_public(*k, want);
  }
  for (const char* structure : {"type-specific", "SubjectPublicKeyInfo"}) {
    const std::string pem = as_text(openssl_encode(rsa_, kPublic, "PEM", structure));
    auto k = parse_rsa_public_key_pem(pem);
    ASSERT_TRUE(k) << structure << ": " << k.error().to_string() << "\n" << pem;
    expect_same_public(k->key, want);
  }
}

TEST_F(RsaKeyIoOpenSsl, OurEncodingsEqualOpenSslsAndLoadThere) {
  const RsaPrivateKeyParts parts = openssl_parts(rsa_);
  const RsaPublicKeyParts pub = parts.public_parts();
  // DER is unique, so the same numbers give the same bytes.
  EXPECT_EQ(write_rsa_private_key_pkcs1_der(parts),
            openssl_encode(rsa_, kKeypair, "DER", "type-specific"));
  EXPECT_EQ(write_rsa_private_key_pkcs8_der(parts),
            openssl_encode(rsa_, kKeypair, "DER", "PrivateKeyInfo"));
  EXPECT_EQ(write_rsa_public_key_pkcs1_der(pub),
            openssl_encode(rsa_, kPublic, "DER", "type-specific"));
  EXPECT_EQ(write_rsa_spki_der(pub), i2d_spki(rsa_));

  const Pkey loaded[] = {
      d2i_private(write_rsa_private_key_pkcs1_der(parts)),
      d2i_private(write_rsa_private_key_pkcs8_der(parts)),
      pem_private(write_rsa_private_key_pem(parts, RsaPrivateKeyPem::pkcs1)),
      pem_private(write_rsa_private_key_pem(parts, RsaPrivateKeyPem::pkcs8)),
  };
  for (const Pkey& k : loaded) {
    ASSERT_TRUE(k);
    EXPECT_TRUE(EVP_PKEY_is_a(k.get(), "RSA"));
    expect_same(openssl_parts(k.get()), parts);
    EXPECT_EQ(EVP_PKEY_eq(k.get(), rsa_), 1);
  }
  const std::string pkcs1_pem = write_rsa_public_key_pem(pub, RsaPublicKeyPem::pkcs1);
  const Pkey loaded_public[] = {
      d2i_spki(write_rsa_spki_der(pub)),
      d2i_rsa_public(write_rsa_public_key_pkcs1_der(pub)),
      pem_spki(write_rsa_public_key_pem(pub)),
      openssl_decode(as_bytes(pkcs1_pem), "PEM", "type-specific", "RSA", kPublic),
  };
  for (const Pkey& k : loaded_public) {
    ASSERT_TRUE(k);
    EXPECT_EQ(bn_param(k.get(), OSSL_PKEY_PARAM_RSA_N), parts.n);
    EXPECT_EQ(bn_param(k.get(), OSSL_PKEY_PARAM_RSA_E), parts.e);
    EXPECT_EQ(EVP_PKEY_eq(k.get(), rsa_), 1);
  }
}

TEST_F(RsaKeyIoOpenSsl, Rfc8448KeyEncodesLikeOpenSsl) {
  const RsaPrivateKeyParts key = rsa_key_test::rfc8448_key();
  const Pkey k = d2i_private(write_rsa_private_key_pkcs1_der(key));
  ASSERT_TRUE(k);
  expect_same(openssl_parts(k.get()), key);
  EXPECT_EQ(write_rsa_private_key_pkcs8_der(key),
            openssl_encode(k.get(), kKeypair, "DER", "PrivateKeyInfo"));
  EXPECT_EQ(write_rsa_spki_der(key.public_parts()), i2d_spki(k.get()));
}

HashAlg hash_from_openssl_name(std::string_view name) {
  if (name == "SHA256" || name == "SHA2-256") return HashAlg::sha256;
  if (name == "SHA384" || name == "SHA2-384") return HashAlg::sha384;
  if (name == "SHA512" || name == "SHA2-512") return HashAlg::sha512;
  return HashAlg::sha1;
}

// Compares a PSS key's restrictions as OpenSSL itself reports them (OpenSSL 3.0 reports the
// digest and salt length of a restricted key, and the MGF1 digest only sometimes) with `want`.
void expect_openssl_reports(const EVP_PKEY* k, const RsaPssParams& want) {
  char md[64] = {};
  int salt = -1;
  ASSERT_EQ(EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_RSA_DIGEST, md, sizeof md, nullptr),
            1);
  EXPECT_EQ(hash_from_openssl_name(md), want.hash) << md;
  ASSERT_EQ(EVP_PKEY_get_int_param(k, OSSL_PKEY_PARAM_RSA_PSS_SALTLEN, &salt), 1);
  EXPECT_EQ(static_cast<std::size_t>(salt), want.salt_length);
  char mgf1[64] = {};
  if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_RSA_MGF1_DIGEST, mgf1, sizeof mgf1,
                                     nullptr) == 1) {
    EXPECT_EQ(hash_from_openssl_name(mgf1), want.mgf1_hash) << mgf1;
  }
}

TEST_F(RsaKeyIoOpenSsl, OpenSslPssKeysParseWithTheirRestrictions) {
  struct Case {
    EVP_PKEY* key;
    std::optional<RsaPssParams> params;
  };
  const Case cases[] = {
      {pss_, RsaPssParams{HashAlg::sha256, HashAlg::sha256, 32}},
      {pss_mixed_, RsaPssParams{HashAlg::sha384, HashAlg::sha1, 20}},
      {pss_free_, std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.params ? std::string(hash_name(c.params->hash)) : "unrestricted");
    const RsaPrivateKeyParts want = openssl_parts(c.key);
    auto check = [&](bool pss, const std::optional<RsaPssParams>& got) {
      EXPECT_TRUE(pss);
      ASSERT_EQ(got.has_value(), c.params.has_value());
      if (got) expect_same(*got, *c.params);
    };
    {
      auto k =
          parse_rsa_private_key_pkcs8_der(openssl_encode(c.key, kKeypair, "DER", "PrivateKeyInfo"));
      ASSERT_TRUE(k) << k.error().to_string();
      check(k->pss, k->pss_params);
      expect_same(k->key, want);
    }
    {
      auto k = parse_rsa_private_key_pem(
          as_text(openssl_encode(c.key, kKeypair, "PEM", "PrivateKeyInfo")));
      ASSERT_TRUE(k) << k.error().to_string();
      check(k->pss, k->pss_params);
      expect_same(k->key, want);
    }
    // OpenSSL writes RFC 4055 §2.1's sha*Identifier with NULL parameters, as we do, so the
    // whole SubjectPublicKeyInfo is the same bytes.
    EXPECT_EQ(write_rsa_spki_der(want.public_parts(), /*pss_key=*/true, c.params), i2d_spki(c.key));
    EXPECT_EQ(write_rsa_private_key_pkcs8_der(want, c.params, /*pss_key=*/true),
              openssl_encode(c.key, kKeypair, "DER", "PrivateKeyInfo"));
    if (c.params) expect_openssl_reports(c.key, *c.params);
    {
      auto k = parse_rsa_spki_der(i2d_spki(c.key));
      ASSERT_TRUE(k) << k.error().to_string();
      check(k->pss, k->pss_params);
      expect_same_public(k->key, want);
    }
    {
      auto k = parse_rsa_public_key_pem(
          as_text(openssl_encode(c.key, kPublic, "PEM", "SubjectPublicKeyInfo")));
      ASSERT_TRUE(k) << k.error().to_string();
      check(k->pss, k->pss_params);
    }
  }
}

TEST_F(RsaKeyIoOpenSsl, OurPssKeysLoadInOpenSslWithTheirRestrictions) {
  const RsaPrivateKeyParts parts = openssl_parts(rsa_);
  const std::optional<RsaPssParams> variants[] = {
      RsaPssParams{HashAlg::sha256, HashAlg::sha256, 32},
      RsaPssParams{HashAlg::sha512, HashAlg::sha512, 64},
      RsaPssParams{HashAlg::sha384, HashAlg::sha1, 0},
      std::nullopt,
  };
  for (const auto& params : variants) {
    SCOPED_TRACE(params ? std::string(hash_name(params->hash)) : "unrestricted");
    const Pkey keys[] = {
        d2i_private(write_rsa_private_key_pkcs8_der(parts, params, /*pss_key=*/true)),
        pem_private(write_rsa_pss_private_key_pem(parts, params)),
        d2i_spki(write_rsa_spki_der(parts.public_parts(), /*pss_key=*/true, params)),
        pem_spki(write_rsa_pss_public_key_pem(parts.public_parts(), params)),
    };
    for (const Pkey& k : keys) {
      ASSERT_TRUE(k);
      EXPECT_TRUE(EVP_PKEY_is_a(k.get(), "RSA-PSS"));
      EXPECT_EQ(bn_param(k.get(), OSSL_PKEY_PARAM_RSA_N), parts.n);
      // OpenSSL's own view of the restriction...
      if (params) expect_openssl_reports(k.get(), *params);
      // ...and its re-encoding, read back here, carries the same parameters.
      auto back = parse_rsa_spki_der(i2d_spki(k.get()));
      ASSERT_TRUE(back) << back.error().to_string();
      EXPECT_TRUE(back->pss);
      ASSERT_EQ(back->pss_params.has_value(), params.has_value());
      if (params) expect_same(*back->pss_params, *params);
    }
    // A private key survives OpenSSL's PKCS#8 round trip whole.
    auto again = parse_rsa_private_key_pkcs8_der(
        openssl_encode(keys[0].get(), kKeypair, "DER", "PrivateKeyInfo"));
    ASSERT_TRUE(again) << again.error().to_string();
    expect_same(again->key, parts);
    ASSERT_EQ(again->pss_params.has_value(), params.has_value());
    if (params) expect_same(*again->pss_params, *params);
  }
}

#else

TEST(RsaKeyIoOpenSsl, Unavailable) {
  GLASSTLS_REQUIRE_PEER(false, "OpenSSL's libcrypto was not found at configure time");
}

#endif

}  // namespace
}  // namespace glasstls::crypto
