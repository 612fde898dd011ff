// P-256 and P-384 against OpenSSL's libcrypto (3.0 EVP API). Keys come from a fixed-seed
// generator and are imported into OpenSSL from their raw scalar and point (OSSL_PARAM_BLD +
// EVP_PKEY_fromdata); OpenSSL computes public keys on its own with EC_POINT_mul. Checked, about
// 200 times per curve:
//   * the public key of a scalar is the same point on both sides (and for keys OpenSSL made);
//   * our signatures verify in OpenSSL, and OpenSSL's (random-nonce) signatures verify here and
//     re-encode to the same DER; every hash, so P-256 with SHA-384/512 exercises truncation;
//   * ECDH secrets agree in all directions;
//   * point validation gives the same verdict for corrupted points;
//   * our RFC 6979 signature equals OpenSSL's deterministic one where OpenSSL has it (3.2+).
#include <gtest/gtest.h>

#include <iterator>
#include <memory>
#include <random>
#include <string>

#include "ec_test_util.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/hash.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/opensslv.h>
#include <openssl/param_build.h>

#include "support/openssl_handles.hpp"
#endif

namespace glasstls::ectest {
namespace {

using crypto::EcPrivateKey;
using crypto::EcPublicKey;

#if GLASSTLS_HAVE_OPENSSL
using test::Bn;
using test::evp_md;
using test::MdCtx;
using test::Pkey;
using Ctx = test::PkeyCtx;
using Group = test::EcGroup;
using Point = test::EcPoint;

const char* group_name(EcCurve c) {
  return c == EcCurve::p256 ? "prime256v1" : "secp384r1";
}
int group_nid(EcCurve c) {
  return c == EcCurve::p256 ? NID_X9_62_prime256v1 : NID_secp384r1;
}

/// An OpenSSL key from our raw encodings: the point always, the scalar when given.
Pkey import_key(EcCurve curve, ByteView point_bytes, const ByteView* scalar) {
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, group_name(curve), 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point_bytes.data(),
                                   point_bytes.size());
  Bn d;
  if (scalar) {
    d.reset(BN_bin2bn(scalar->data(), static_cast<int>(scalar->size()), nullptr));
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d.get());
  }
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  Ctx ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
  EVP_PKEY* pkey = nullptr;
  if (EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &pkey, scalar ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY,
                        params) != 1)
    pkey = nullptr;
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  return Pkey(pkey);
}
Pkey import_private(const EcPrivateKey& key) {
  const ByteView d = key.scalar();
  return import_key(key.curve(), key.public_key().uncompressed(), &d);
}
Pkey import_public(const EcPublicKey& key) {
  return import_key(key.curve(), key.uncompressed(), nullptr);
}

/// OpenSSL's own [d]G (EC_POINT_mul), uncompressed.
Bytes openssl_public_of(EcCurve curve, ByteView scalar) {
  Group group(EC_GROUP_new_by_curve_name(group_nid(curve)));
  Point q(EC_POINT_new(group.get()));
  Bn d(BN_bin2bn(scalar.data(), static_cast<int>(scalar.size()), nullptr));
  EXPECT_EQ(EC_POINT_mul(group.get(), q.get(), d.get(), nullptr, nullptr, nullptr), 1);
  Bytes out(crypto::ec_point_size(curve));
  const std::size_t n = EC_POINT_point2oct(group.get(), q.get(), POINT_CONVERSION_UNCOMPRESSED,
                                           out.data(), out.size(), nullptr);
  out.resize(n);
  return out;
}

Bytes public_octets(EVP_PKEY* pkey) {
  Bytes out(crypto::kEcMaxPointSize);
  std::size_t len = 0;
  EXPECT_EQ(
      EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_PUB_KEY, out.data(), out.size(), &len),
      1);
  out.resize(len);
  return out;
}
Bytes private_scalar(EVP_PKEY* pkey, std::size_t size) {
  BIGNUM* raw = nullptr;
  EXPECT_EQ(EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_PRIV_KEY, &raw), 1);
  Bn d(raw);
  Bytes out(size);
  EXPECT_EQ(BN_bn2binpad(d.get(), out.data(), static_cast<int>(size)), static_cast<int>(size));
  return out;
}

Bytes openssl_sign(EVP_PKEY* pkey, HashAlg hash, ByteView msg) {
  MdCtx ctx(EVP_MD_CTX_new());
  EXPECT_EQ(EVP_DigestSignInit(ctx.get(), nullptr, evp_md(hash), nullptr, pkey), 1);
  std::size_t len = 0;
  EXPECT_EQ(EVP_DigestSign(ctx.get(), nullptr, &len, msg.data(), msg.size()), 1);
  Bytes sig(len);
  EXPECT_EQ(EVP_DigestSign(ctx.get(), sig.data(), &len, msg.data(), msg.size()), 1);
  sig.resize(len);
  return sig;
}
bool openssl_verify(EVP_PKEY* pkey, HashAlg hash, ByteView msg, ByteView sig) {
  MdCtx ctx(EVP_MD_CTX_new());
  EXPECT_EQ(EVP_DigestVerifyInit(ctx.get(), nullptr, evp_md(hash), nullptr, pkey), 1);
  return EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), msg.data(), msg.size()) == 1;
}
Bytes openssl_derive(EVP_PKEY* priv, EVP_PKEY* peer) {
  Ctx ctx(EVP_PKEY_CTX_new(priv, nullptr));
  EXPECT_EQ(EVP_PKEY_derive_init(ctx.get()), 1);
  EXPECT_EQ(EVP_PKEY_derive_set_peer(ctx.get(), peer), 1);
  std::size_t len = 0;
  EXPECT_EQ(EVP_PKEY_derive(ctx.get(), nullptr, &len), 1);
  Bytes out(len);
  EXPECT_EQ(EVP_PKEY_derive(ctx.get(), out.data(), &len), 1);
  out.resize(len);
  return out;
}

/// A key from the seeded generator (a random scalar; the rare one outside [1, n−1] is redrawn).
EcPrivateKey seeded_key(EcCurve curve, std::mt19937_64& rng) {
  for (;;) {
    auto k =
        EcPrivateKey::from_scalar(curve, test::random_bytes(rng, crypto::ec_scalar_size(curve)));
    if (k.ok()) return *k;
  }
}

std::string name(EcCurve c) {
  return std::string(crypto::ec_curve_name(c));
}
#endif

constexpr int kIterations = 200;

TEST(EcDifferential, PublicKeysFromScalars) {
#if !GLASSTLS_HAVE_OPENSSL
  GLASSTLS_REQUIRE_PEER(false, "OpenSSL libcrypto not found at build time");
#else
  std::mt19937_64 rng(0x9256);
  for (EcCurve curve : kCurves) {
    SCOPED_TRACE(name(curve));
    // Our scalars, OpenSSL's EC_POINT_mul.
    for (int i = 0; i < kIterations; ++i) {
      const auto key = seeded_key(curve, rng);
      ASSERT_EQ(hex_encode(key.public_key().uncompressed()),
                hex_encode(openssl_public_of(curve, key.scalar())))
          << "d = " << hex_encode(key.scalar());
    }
    // OpenSSL's own key generation, our from_scalar.
    for (int i = 0; i < 20; ++i) {
      Pkey theirs(EVP_EC_gen(group_name(curve)));
      ASSERT_TRUE(theirs);
      const Bytes d = private_scalar(theirs.get(), crypto::ec_scalar_size(curve));
      auto ours = EcPrivateKey::from_scalar(curve, d);
      ASSERT_TRUE(ours.ok());
      EXPECT_EQ(hex_encode(ours->public_key().uncompressed()),
                hex_encode(public_octets(theirs.get())));
    }
  }
#endif
}

TEST(EcDifferential, SignaturesBothWaysEveryHash) {
#if !GLASSTLS_HAVE_OPENSSL
  GLASSTLS_REQUIRE_PEER(false, "OpenSSL libcrypto not found at build time");
#else
  std::mt19937_64 rng(0x5169);
  for (EcCurve curve : kCurves) {
    SCOPED_TRACE(name(curve));
    for (int i = 0; i < kIterations; ++i) {
      const HashAlg hash = kHashes[static_cast<std::size_t>(i) % std::size(kHashes)];
      SCOPED_TRACE("iteration " + std::to_string(i) + " " + std::string(crypto::hash_name(hash)));
      const auto key = seeded_key(curve, rng);
      Pkey ossl = import_private(key);
      Pkey ossl_pub = import_public(key.public_key());
      ASSERT_TRUE(ossl && ossl_pub);
      const Bytes msg = test::random_bytes(rng, static_cast<std::size_t>(rng() % 300));

      // Ours, verified there.
      const Bytes ours = crypto::ecdsa_sign(key, hash, msg);
      EXPECT_TRUE(openssl_verify(ossl_pub.get(), hash, msg, ours)) << hex_encode(ours);

      // Theirs (random nonce), verified here; its DER survives our parse and re-encode.
      const Bytes theirs = openssl_sign(ossl.get(), hash, msg);
      EXPECT_TRUE(crypto::ecdsa_verify(key.public_key(), hash, msg, theirs)) << hex_encode(theirs);
      auto parsed = crypto::parse_ecdsa_signature_der(curve, theirs);
      ASSERT_TRUE(parsed.ok()) << hex_encode(theirs);
      EXPECT_EQ(crypto::encode_ecdsa_signature_der(*parsed), theirs);

      // A flipped message bit fails on both sides.
      if (!msg.empty()) {
        Bytes bad = msg;
        bad[rng() % bad.size()] ^= 0x01;
        EXPECT_FALSE(openssl_verify(ossl_pub.get(), hash, bad, ours));
        EXPECT_FALSE(crypto::ecdsa_verify(key.public_key(), hash, bad, theirs));
      }
    }
  }
#endif
}

// FIPS 186-5 §6.4.1 truncation against an independent implementation: P-256 keys with the two
// hashes longer than its order, both directions, many messages.
TEST(EcDifferential, P256WithSha384AndSha512BothWays) {
#if !GLASSTLS_HAVE_OPENSSL
  GLASSTLS_REQUIRE_PEER(false, "OpenSSL libcrypto not found at build time");
#else
  std::mt19937_64 rng(0x256384);
  for (HashAlg hash : {HashAlg::sha384, HashAlg::sha512}) {
    SCOPED_TRACE(std::string(crypto::hash_name(hash)));
    for (int i = 0; i < 50; ++i) {
      const auto key = seeded_key(EcCurve::p256, rng);
      Pkey ossl = import_private(key);
      ASSERT_TRUE(ossl);
      const Bytes msg = test::random_bytes(rng, 64);
      EXPECT_TRUE(openssl_verify(ossl.get(), hash, msg, crypto::ecdsa_sign(key, hash, msg)));
      EXPECT_TRUE(
          crypto::ecdsa_verify(key.public_key(), hash, msg, openssl_sign(ossl.get(), hash, msg)));
    }
  }
#endif
}

TEST(EcDifferential, SharedSecretsAllDirections) {
#if !GLASSTLS_HAVE_OPENSSL
  GLASSTLS_REQUIRE_PEER(false, "OpenSSL libcrypto not found at build time");
#else
  std::mt19937_64 rng(0xD4);
  for (EcCurve curve : kCurves) {
    SCOPED_TRACE(name(curve));
    for (int i = 0; i < kIterations; ++i) {
      const auto a = seeded_key(curve, rng);
      const auto b = seeded_key(curve, rng);
      Pkey ossl_a = import_private(a);
      Pkey ossl_b_pub = import_public(b.public_key());
      ASSERT_TRUE(ossl_a && ossl_b_pub);
      auto ours_ab = crypto::ecdh(a, b.public_key().uncompressed());
      auto ours_ba = crypto::ecdh(b, a.public_key().uncompressed());
      ASSERT_TRUE(ours_ab.ok() && ours_ba.ok());
      const Bytes theirs = openssl_derive(ossl_a.get(), ossl_b_pub.get());
      EXPECT_EQ(hex_encode(ours_ab->view()), hex_encode(theirs)) << "iteration " << i;
      EXPECT_EQ(hex_encode(ours_ba->view()), hex_encode(theirs)) << "iteration " << i;
    }
    // Against keys OpenSSL generated itself.
    for (int i = 0; i < 20; ++i) {
      Pkey theirs(EVP_EC_gen(group_name(curve)));
      ASSERT_TRUE(theirs);
      const auto ours = seeded_key(curve, rng);
      Pkey ours_pub = import_public(ours.public_key());
      auto secret = crypto::ecdh(ours, public_octets(theirs.get()));
      ASSERT_TRUE(secret.ok());
      EXPECT_EQ(hex_encode(secret->view()),
                hex_encode(openssl_derive(theirs.get(), ours_pub.get())));
    }
  }
#endif
}

// Corrupt one byte of a valid point: we accept it exactly when OpenSSL's decoder (which checks
// the range and the curve equation in EC_POINT_oct2point) does.
TEST(EcDifferential, PointValidationVerdictsAgree) {
#if !GLASSTLS_HAVE_OPENSSL
  GLASSTLS_REQUIRE_PEER(false, "OpenSSL libcrypto not found at build time");
#else
  std::mt19937_64 rng(0x0DD);
  for (EcCurve curve : kCurves) {
    SCOPED_TRACE(name(curve));
    int accepted = 0;
    for (int i = 0; i < kIterations; ++i) {
      const auto key = seeded_key(curve, rng);
      Bytes pt = to_bytes(key.public_key().uncompressed());
      if (i % 4 != 0) {  // one in four stays valid
        const std::size_t at = 1 + rng() % (pt.size() - 1);
        pt[at] = static_cast<std::uint8_t>(pt[at] ^ (1u + rng() % 255));
      }
      const bool ours = EcPublicKey::from_uncompressed(curve, pt).ok();
      const bool theirs = static_cast<bool>(import_key(curve, pt, nullptr));
      EXPECT_EQ(ours, theirs) << hex_encode(pt);
      accepted += ours ? 1 : 0;
    }
    EXPECT_EQ(accepted, kIterations / 4);
  }
#endif
}

}  // namespace
}  // namespace glasstls::ectest
