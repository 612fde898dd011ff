// Differential tests: glasstls against OpenSSL's libcrypto on random inputs of random lengths
// (0..10,000 bytes, a few hundred cases per primitive, fixed seed so failures reproduce).
// SHA-1/256/384/512 (every SHA-256 implementation this CPU runs), HMAC with each hash and keys
// on both sides of the block size, HKDF extract+expand with each hash.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "glasstls/crypto/hash.hpp"
#include "glasstls/crypto/hkdf.hpp"
#include "glasstls/crypto/hmac.hpp"
#include "support/test_support.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#endif

namespace glasstls::crypto {
namespace {

#if GLASSTLS_HAVE_OPENSSL

constexpr int kCases = 300;
constexpr std::size_t kMaxLen = 10000;

const char* openssl_name(HashAlg alg) {
  switch (alg) {
    case HashAlg::sha1:
      return "SHA1";
    case HashAlg::sha256:
      return "SHA256";
    case HashAlg::sha384:
      return "SHA384";
    case HashAlg::sha512:
      return "SHA512";
  }
  return "";
}

Bytes random_bytes(std::mt19937& rng, std::size_t n) {
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

// Lengths biased towards block boundaries now and then, otherwise uniform in 0..kMaxLen.
std::size_t random_length(std::mt19937& rng) {
  if (rng() % 4 == 0) {
    const std::size_t blocks = rng() % 80;
    const int delta = static_cast<int>(rng() % 5) - 2;
    const auto n = static_cast<long>(blocks * 64) + delta;
    return n < 0 ? 0 : static_cast<std::size_t>(n);
  }
  return rng() % (kMaxLen + 1);
}

Bytes openssl_digest(HashAlg alg, ByteView data) {
  Bytes out(EVP_MAX_MD_SIZE);
  unsigned int len = 0;
  EVP_MD* md = EVP_MD_fetch(nullptr, openssl_name(alg), nullptr);
  EXPECT_NE(md, nullptr);
  EXPECT_EQ(EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr), 1);
  EVP_MD_free(md);
  out.resize(len);
  return out;
}

Bytes openssl_hmac(HashAlg alg, ByteView key, ByteView data) {
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                                          const_cast<char*>(openssl_name(alg)), 0),
                         OSSL_PARAM_construct_end()};
  // OpenSSL refuses a NULL key pointer even for length 0.
  static const std::uint8_t kEmpty[1] = {0};
  EXPECT_EQ(EVP_MAC_init(ctx, key.empty() ? kEmpty : key.data(), key.size(), params), 1);
  EXPECT_EQ(EVP_MAC_update(ctx, data.data(), data.size()), 1);
  Bytes out(EVP_MAX_MD_SIZE);
  std::size_t len = 0;
  EXPECT_EQ(EVP_MAC_final(ctx, out.data(), &len, out.size()), 1);
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  out.resize(len);
  return out;
}

Bytes openssl_hkdf(HashAlg alg, ByteView salt, ByteView ikm, ByteView info, std::size_t len) {
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  static std::uint8_t empty[1] = {0};
  auto ptr = [](ByteView v) {
    return v.empty() ? static_cast<void*>(empty) : const_cast<std::uint8_t*>(v.data());
  };
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(openssl_name(alg)),
                                       0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ptr(ikm), ikm.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, ptr(salt), salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, ptr(info), info.size()),
      OSSL_PARAM_construct_end()};
  Bytes out(len);
  EXPECT_EQ(EVP_KDF_derive(ctx, out.data(), out.size(), params), 1);
  EVP_KDF_CTX_free(ctx);
  EVP_KDF_free(kdf);
  return out;
}

constexpr HashAlg kAllAlgs[] = {HashAlg::sha1, HashAlg::sha256, HashAlg::sha384, HashAlg::sha512};

TEST(DifferentialOpenSsl, HashesRandomLengths) {
  std::mt19937 rng(0x5eed0001);
  for (int i = 0; i < kCases; ++i) {
    const Bytes msg = random_bytes(rng, random_length(rng));
    for (HashAlg alg : kAllAlgs) {
      const Bytes want = openssl_digest(alg, msg);
      ASSERT_EQ(hex_encode(Hash::hash(alg, msg).view()), hex_encode(want))
          << hash_name(alg) << " length " << msg.size();
    }
    // Every runnable SHA-256 implementation, streamed in two pieces.
    const Bytes want256 = openssl_digest(HashAlg::sha256, msg);
    const std::size_t cut = msg.empty() ? 0 : rng() % msg.size();
    for (const auto& impl : sha256_implementations()) {
      if (!impl.available()) continue;
      Sha256 h(impl);
      h.update(ByteView(msg).first(cut));
      h.update(ByteView(msg).subspan(cut));
      ASSERT_EQ(hex_encode(h.finish()), hex_encode(want256))
          << impl.name << " length " << msg.size() << " cut " << cut;
    }
  }
}

TEST(DifferentialOpenSsl, HmacRandomKeysAndMessages) {
  std::mt19937 rng(0x5eed0002);
  for (int i = 0; i < kCases; ++i) {
    for (HashAlg alg : kAllAlgs) {
      // Keys from empty to more than a SHA-512 block (so both the padded and hashed paths run).
      const Bytes key = random_bytes(rng, rng() % 200);
      const Bytes msg = random_bytes(rng, random_length(rng) / 4);
      const Bytes want = openssl_hmac(alg, key, msg);
      ASSERT_EQ(hex_encode(hmac(alg, key, msg).view()), hex_encode(want))
          << hash_name(alg) << " key " << key.size() << " msg " << msg.size();
      ASSERT_TRUE(hmac_verify(alg, key, msg, want));
    }
  }
}

TEST(DifferentialOpenSsl, HkdfRandomInputs) {
  std::mt19937 rng(0x5eed0003);
  for (int i = 0; i < kCases; ++i) {
    for (HashAlg alg : kAllAlgs) {
      const Bytes salt = random_bytes(rng, rng() % 100);
      const Bytes ikm = random_bytes(rng, rng() % 100);
      const Bytes info = random_bytes(rng, rng() % 100);
      const std::size_t len = 1 + rng() % (3 * digest_size(alg) + 10);
      const Bytes want = openssl_hkdf(alg, salt, ikm, info, len);
      const Digest prk = hkdf_extract(alg, salt, ikm);
      Bytes got(len);
      ASSERT_TRUE(hkdf_expand(alg, prk.view(), info, got));
      ASSERT_EQ(hex_encode(got), hex_encode(want))
          << hash_name(alg) << " salt " << salt.size() << " ikm " << ikm.size() << " info "
          << info.size() << " L " << len;
    }
  }
}

#else  // !GLASSTLS_HAVE_OPENSSL

TEST(DifferentialOpenSsl, Unavailable) {
  GLASSTLS_REQUIRE_PEER(false, "OpenSSL libcrypto not found at configure time");
}

#endif

}  // namespace
}  // namespace glasstls::crypto
