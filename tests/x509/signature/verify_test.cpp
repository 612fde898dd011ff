// verify_signature with signatures made by our own SigningKey: every kind verifies, and every
// rejection comes out as its own SignatureError — tampered data or signature (invalid), a key of
// the wrong kind or a PSS restriction broken (key_algorithm_mismatch), SHA-1 or a small RSA key
// under the default policy (weak_algorithm). The same checks against OpenSSL's signatures are in
// verify_openssl_test.cpp.
#include <random>

#include <gtest/gtest.h>

#include "glasstls/crypto/rsa_key_io.hpp"
#include "support/test_support.hpp"
#include "x509/signature/test_keys.hpp"

namespace glasstls::x509 {
namespace {

using crypto::HashAlg;
using Kind = SignatureAlgorithm::Kind;

Result<Unit, SignatureError> check(const SigningKey& signer, ByteView data, ByteView sig,
                                   const SignaturePolicy& policy = {}) {
  return verify_signature(signer.public_key(), signer.algorithm(), data, sig, policy);
}

void expect_error(const Result<Unit, SignatureError>& r, SignatureError e) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), e) << to_string(r.error());
}

std::vector<SigningKey> every_kind() {
  std::vector<SigningKey> keys;
  for (HashAlg h : {HashAlg::sha256, HashAlg::sha384, HashAlg::sha512})
    keys.push_back(test_keys::rsa_pkcs1(h));
  keys.push_back(test_keys::rsa_pss());
  keys.push_back(
      test_keys::rsa_pss({HashAlg::sha384, HashAlg::sha384, 0}, RsaPssKeyForm::pss_unrestricted));
  keys.push_back(
      test_keys::rsa_pss({HashAlg::sha512, HashAlg::sha512, 64}, RsaPssKeyForm::pss_restricted));
  keys.push_back(test_keys::ec(crypto::EcCurve::p256));
  keys.push_back(test_keys::ec(crypto::EcCurve::p384));
  keys.push_back(test_keys::ec(crypto::EcCurve::p256).with_hash(HashAlg::sha384));
  keys.push_back(test_keys::ec(crypto::EcCurve::p384).with_hash(HashAlg::sha512));
  keys.push_back(test_keys::ed25519());
  return keys;
}

TEST(VerifySignature, EveryKindVerifiesAndTamperingIsCaught) {
  std::mt19937_64 rng(7);
  for (const SigningKey& key : every_kind()) {
    SCOPED_TRACE(key.algorithm().to_string() + " / " + key.public_key().to_string());
    for (std::size_t len : {0u, 1u, 100u, 1000u}) {
      const Bytes data = test::random_bytes(rng, len);
      const Bytes sig = key.sign(data);
      auto ok = check(key, data, sig);
      EXPECT_TRUE(ok.ok()) << (ok.ok() ? "" : to_string(ok.error()));

      Bytes other = data;
      other.push_back(0x00);
      expect_error(check(key, other, sig), SignatureError::invalid);
      Bytes flipped = sig;
      flipped[flipped.size() / 3] ^= 0x20;
      expect_error(check(key, data, flipped), SignatureError::invalid);
      expect_error(check(key, data, ByteView(sig.data(), sig.size() - 1)), SignatureError::invalid);
    }
  }
}

TEST(VerifySignature, KeyOfTheWrongKind) {
  const Bytes data = test::hex("0102030405");
  const SigningKey rsa = test_keys::rsa_pkcs1();
  const SigningKey ec = test_keys::ec(crypto::EcCurve::p256);
  const SigningKey ed = test_keys::ed25519();
  const Bytes rsa_sig = rsa.sign(data);
  const Bytes ec_sig = ec.sign(data);
  const Bytes ed_sig = ed.sign(data);
  // Each signature under its own algorithm, checked with the two other keys.
  const SignatureAlgorithm pss = make_rsa_pss_algorithm({HashAlg::sha256, HashAlg::sha256, 32});
  for (const PublicKey& k : {ec.public_key(), ed.public_key()}) {
    expect_error(verify_signature(k, rsa.algorithm(), data, rsa_sig),
                 SignatureError::key_algorithm_mismatch);
    expect_error(verify_signature(k, pss, data, rsa_sig), SignatureError::key_algorithm_mismatch);
  }
  for (const PublicKey& k : {rsa.public_key(), ed.public_key()})
    expect_error(verify_signature(k, ec.algorithm(), data, ec_sig),
                 SignatureError::key_algorithm_mismatch);
  for (const PublicKey& k : {rsa.public_key(), ec.public_key()})
    expect_error(verify_signature(k, ed.algorithm(), data, ed_sig),
                 SignatureError::key_algorithm_mismatch);
}

// RFC 4055 §1.2: a key filed under id-RSASSA-PSS "MUST only" be used for RSASSA-PSS.
TEST(VerifySignature, PssOnlyKeyRefusesPkcs1) {
  const Bytes data = test::hex("cafe");
  const SigningKey pkcs1 = test_keys::rsa_pkcs1();
  const SigningKey pss_only =
      test_keys::rsa_pss({HashAlg::sha256, HashAlg::sha256, 32}, RsaPssKeyForm::pss_unrestricted);
  const Bytes sig = pkcs1.sign(data);
  ASSERT_TRUE(check(pkcs1, data, sig).ok());  // the same key under rsaEncryption accepts it
  expect_error(verify_signature(pss_only.public_key(), pkcs1.algorithm(), data, sig),
               SignatureError::key_algorithm_mismatch);
}

// RFC 4055 §3.3 case 3: the signature's parameters must equal the key's, except saltLength,
// which may be greater or equal.
TEST(VerifySignature, PssRestrictedKeyHoldsTheSignatureToItsParameters) {
  const Bytes data = test::hex("00112233445566778899");
  const crypto::RsaPublicKeyParts parts = test_keys::rsa2048().public_key().to_parts();
  const crypto::RsaPssParams restriction{HashAlg::sha256, HashAlg::sha256, 32};
  SigningKey restricted = test_keys::rsa_pss(restriction, RsaPssKeyForm::pss_restricted);
  const PublicKey key = restricted.public_key();
  ASSERT_TRUE(std::get<PublicKey::Rsa>(key.key).pss_params.has_value());

  const SigningKey same = test_keys::rsa_pss({HashAlg::sha256, HashAlg::sha256, 32});
  const SigningKey longer_salt = test_keys::rsa_pss({HashAlg::sha256, HashAlg::sha256, 40});
  const SigningKey shorter_salt = test_keys::rsa_pss({HashAlg::sha256, HashAlg::sha256, 20});
  const SigningKey other_hash = test_keys::rsa_pss({HashAlg::sha384, HashAlg::sha384, 32});
  EXPECT_TRUE(verify_signature(key, same.algorithm(), data, same.sign(data)).ok());
  EXPECT_TRUE(verify_signature(key, longer_salt.algorithm(), data, longer_salt.sign(data)).ok());
  expect_error(verify_signature(key, shorter_salt.algorithm(), data, shorter_salt.sign(data)),
               SignatureError::key_algorithm_mismatch);
  expect_error(verify_signature(key, other_hash.algorithm(), data, other_hash.sign(data)),
               SignatureError::key_algorithm_mismatch);
  // The same signatures verify with the unrestricted form of the key.
  PublicKey plain = test_keys::rsa_pss().public_key();
  EXPECT_TRUE(
      verify_signature(plain, shorter_salt.algorithm(), data, shorter_salt.sign(data)).ok());
  EXPECT_TRUE(verify_signature(plain, other_hash.algorithm(), data, other_hash.sign(data)).ok());
  // A PSS signature claimed with the wrong salt length does not verify (exact salt, RFC 4055).
  const SignatureAlgorithm claimed = make_rsa_pss_algorithm({HashAlg::sha256, HashAlg::sha256, 33});
  expect_error(verify_signature(plain, claimed, data, same.sign(data)), SignatureError::invalid);
}

TEST(VerifySignature, Sha1IsWeakUnlessThePolicyAllowsIt) {
  const Bytes data = test::hex("5348412d31");
  SignaturePolicy legacy;
  legacy.allow_sha1 = true;
  for (const SigningKey& key : {test_keys::rsa_pkcs1(HashAlg::sha1),
                                test_keys::ec(crypto::EcCurve::p256).with_hash(HashAlg::sha1),
                                test_keys::rsa_pss({HashAlg::sha1, HashAlg::sha1, 20})}) {
    SCOPED_TRACE(key.algorithm().to_string());
    const Bytes sig = key.sign(data);
    expect_error(check(key, data, sig), SignatureError::weak_algorithm);
    EXPECT_TRUE(check(key, data, sig, legacy).ok());
    Bytes bad = sig;
    bad[5] ^= 1;
    expect_error(check(key, data, bad, legacy), SignatureError::invalid);
  }
}

TEST(VerifySignature, SmallRsaKeyIsWeak) {
  const SigningKey small = SigningKey::rsa_pkcs1(test_keys::rsa1024());
  EXPECT_EQ(small.public_key().to_string(), "RSA 1024");
  const Bytes data = test::hex("736d616c6c");
  const Bytes sig = small.sign(data);
  expect_error(check(small, data, sig), SignatureError::weak_algorithm);
  SignaturePolicy lenient;
  lenient.min_rsa_modulus_bits = 1024;
  EXPECT_TRUE(check(small, data, sig, lenient).ok());
  // A 2048-bit key under a policy asking for 3072 bits.
  SignaturePolicy strict;
  strict.min_rsa_modulus_bits = 3072;
  const SigningKey rsa = test_keys::rsa_pkcs1();
  expect_error(check(rsa, data, rsa.sign(data), strict), SignatureError::weak_algorithm);
}

TEST(VerifySignature, ErrorsHaveDistinctSentences) {
  const SignatureError all[] = {SignatureError::invalid, SignatureError::key_algorithm_mismatch,
                                SignatureError::weak_algorithm, SignatureError::unsupported};
  for (SignatureError a : all) {
    EXPECT_FALSE(to_string(a).empty());
    for (SignatureError b : all) {
      if (a != b) {
        EXPECT_NE(to_string(a), to_string(b));
      }
    }
  }
}

TEST(SigningKeyTest, AlgorithmsAndRefusals) {
  EXPECT_EQ(test_keys::ec(crypto::EcCurve::p256).algorithm().to_string(), "ecdsa-with-SHA256");
  EXPECT_EQ(test_keys::ec(crypto::EcCurve::p384).algorithm().to_string(), "ecdsa-with-SHA384");
  EXPECT_EQ(test_keys::ed25519().algorithm().to_string(), "Ed25519");
  EXPECT_EQ(test_keys::rsa_pkcs1().algorithm().to_string(), "sha256WithRSAEncryption");
  EXPECT_EQ(test_keys::rsa_pkcs1().with_hash(HashAlg::sha512).algorithm().to_string(),
            "sha512WithRSAEncryption");
  EXPECT_EQ(test_keys::rsa_pss().with_hash(HashAlg::sha384).algorithm().to_string(),
            "RSASSA-PSS (SHA-384, MGF1-SHA-384, salt 48)");
  // The signer makes MGF1 over the message hash only, and the salt must fit the modulus.
  auto mixed = SigningKey::rsa_pss(test_keys::copy(test_keys::rsa2048()),
                                   {HashAlg::sha256, HashAlg::sha512, 32});
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.error(), crypto::RsaError::hash_not_allowed);
  auto huge_salt = SigningKey::rsa_pss(test_keys::copy(test_keys::rsa2048()),
                                       {HashAlg::sha512, HashAlg::sha512, 256 - 64 - 1});
  ASSERT_FALSE(huge_salt.ok());
  EXPECT_EQ(huge_salt.error(), crypto::RsaError::message_too_long);
  EXPECT_TRUE(SigningKey::rsa_pss(test_keys::copy(test_keys::rsa2048()),
                                  {HashAlg::sha512, HashAlg::sha512, 256 - 64 - 2})
                  .ok());
  // Ed25519 is deterministic (RFC 8032 §5.1.6) and so is ECDSA here (RFC 6979).
  const Bytes data = test::hex("00");
  EXPECT_EQ(test_keys::ed25519().sign(data), test_keys::ed25519().sign(data));
  EXPECT_EQ(test_keys::ec(crypto::EcCurve::p256).sign(data),
            test_keys::ec(crypto::EcCurve::p256).sign(data));
}

}  // namespace
}  // namespace glasstls::x509
