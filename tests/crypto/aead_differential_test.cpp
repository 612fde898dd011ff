// Every AEAD implementation against every other and against OpenSSL's libcrypto (EVP), on random
// keys, nonces, AAD and plaintext lengths 0..70,000 that cross the 1-, 4- and 8-block and 16 KiB
// boundaries where wide code paths hand over to narrower ones.
#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "glasstls/crypto/aead.hpp"
#include "support/test_support.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/evp.h>
#endif

namespace glasstls::crypto {
namespace {

constexpr std::array kAlgs = {AeadAlg::aes_128_gcm, AeadAlg::aes_256_gcm,
                              AeadAlg::chacha20_poly1305};

using test::random_bytes;

// Boundary lengths (16-byte blocks; 64-byte ChaCha blocks; 4/8/16-block strides; 16 KiB records)
// plus random ones up to 70,000.
std::vector<std::size_t> test_lengths(std::mt19937_64& rng) {
  std::vector<std::size_t> lens;
  for (std::size_t base : {0, 16, 64, 128, 256, 512, 1024, 16384, 65536})
    for (int d = -1; d <= 1; ++d)
      if (static_cast<long>(base) + d >= 0) lens.push_back(static_cast<std::size_t>(static_cast<long>(base) + d));
  for (int i = 0; i < 12; ++i) lens.push_back(static_cast<std::size_t>(rng() % 70001));
  for (int i = 0; i < 12; ++i) lens.push_back(static_cast<std::size_t>(rng() % 300));
  return lens;
}

TEST(AeadCross, EveryImplementationAgreesWithPortable) {
  std::mt19937_64 rng(42);
  for (auto alg : kAlgs) {
    const auto* portable = aead_implementation(alg, "portable");
    ASSERT_NE(portable, nullptr);
    for (const auto& impl : aead_implementations(alg)) {
      if (!impl.available() || &impl == portable) continue;
      for (std::size_t len : test_lengths(rng)) {
        const Bytes key = random_bytes(rng, aead_key_size(alg));
        const Bytes nonce = random_bytes(rng, 12);
        const Bytes aad = random_bytes(rng, rng() % 80);
        const Bytes pt = random_bytes(rng, len);
        auto a = Aead::create(alg, key, impl);
        auto p = Aead::create(alg, key, *portable);
        ASSERT_TRUE(a.ok() && p.ok());
        std::span<const std::uint8_t, 12> n(nonce.data(), 12);
        Bytes c1(len + 16), c2(len + 16);
        ASSERT_EQ(a->seal(n, aad, pt, c1), AeadStatus::ok);
        ASSERT_EQ(p->seal(n, aad, pt, c2), AeadStatus::ok);
        ASSERT_EQ(c1, c2) << impl.name << " vs portable, " << aead_name(alg) << ", len " << len;
        // Sealed by one, opened by the other.
        Bytes back(len);
        ASSERT_EQ(p->open(n, aad, c1, back), AeadStatus::ok);
        ASSERT_EQ(back, pt);
        ASSERT_EQ(a->open(n, aad, c2, back), AeadStatus::ok);
        ASSERT_EQ(back, pt);
      }
    }
  }
}

#if GLASSTLS_HAVE_OPENSSL
const EVP_CIPHER* evp_cipher(AeadAlg alg) {
  switch (alg) {
    case AeadAlg::aes_128_gcm: return EVP_aes_128_gcm();
    case AeadAlg::aes_256_gcm: return EVP_aes_256_gcm();
    case AeadAlg::chacha20_poly1305: return EVP_chacha20_poly1305();
  }
  return nullptr;
}

// OpenSSL seal: ciphertext ‖ tag.
Bytes openssl_seal(AeadAlg alg, const Bytes& key, const Bytes& nonce, const Bytes& aad, const Bytes& pt) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  Bytes out(pt.size() + 16);
  int n = 0;
  bool ok = EVP_EncryptInit_ex(ctx, evp_cipher(alg), nullptr, key.data(), nonce.data()) == 1;
  if (!aad.empty()) ok &= EVP_EncryptUpdate(ctx, nullptr, &n, aad.data(), static_cast<int>(aad.size())) == 1;
  int written = 0;
  if (!pt.empty()) {
    ok &= EVP_EncryptUpdate(ctx, out.data(), &n, pt.data(), static_cast<int>(pt.size())) == 1;
    written = n;
  }
  ok &= EVP_EncryptFinal_ex(ctx, out.data() + written, &n) == 1;
  ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, out.data() + pt.size()) == 1;
  EVP_CIPHER_CTX_free(ctx);
  EXPECT_TRUE(ok);
  return out;
}

// OpenSSL open: plaintext, or nothing if the tag does not verify.
std::optional<Bytes> openssl_open(AeadAlg alg, const Bytes& key, const Bytes& nonce, const Bytes& aad,
                                  const Bytes& sealed) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  const std::size_t len = sealed.size() - 16;
  Bytes out(len + 16);
  int n = 0;
  bool ok = EVP_DecryptInit_ex(ctx, evp_cipher(alg), nullptr, key.data(), nonce.data()) == 1;
  if (!aad.empty()) ok &= EVP_DecryptUpdate(ctx, nullptr, &n, aad.data(), static_cast<int>(aad.size())) == 1;
  int written = 0;
  if (len != 0) {
    ok &= EVP_DecryptUpdate(ctx, out.data(), &n, sealed.data(), static_cast<int>(len)) == 1;
    written = n;
  }
  ok &= EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16,
                            const_cast<std::uint8_t*>(sealed.data() + len)) == 1;
  ok &= EVP_DecryptFinal_ex(ctx, out.data() + written, &n) == 1;
  EVP_CIPHER_CTX_free(ctx);
  if (!ok) return std::nullopt;
  out.resize(len);
  return out;
}
#endif

TEST(AeadDifferential, AgreesWithOpenSslBothWays) {
#if GLASSTLS_HAVE_OPENSSL
  std::mt19937_64 rng(1234);
  for (auto alg : kAlgs) {
    for (const auto& impl : aead_implementations(alg)) {
      if (!impl.available()) continue;
      for (std::size_t len : test_lengths(rng)) {
        const Bytes key = random_bytes(rng, aead_key_size(alg));
        const Bytes nonce = random_bytes(rng, 12);
        const Bytes aad = random_bytes(rng, rng() % 64);
        const Bytes pt = random_bytes(rng, len);
        auto a = Aead::create(alg, key, impl);
        ASSERT_TRUE(a.ok());
        std::span<const std::uint8_t, 12> n(nonce.data(), 12);
        Bytes ours(len + 16);
        ASSERT_EQ(a->seal(n, aad, pt, ours), AeadStatus::ok);
        const Bytes theirs = openssl_seal(alg, key, nonce, aad, pt);
        ASSERT_EQ(ours, theirs) << impl.name << " " << aead_name(alg) << " len " << len;
        auto opened = openssl_open(alg, key, nonce, aad, ours);
        ASSERT_TRUE(opened.has_value());
        EXPECT_EQ(*opened, pt);
        // And a record OpenSSL rejects, we reject.
        Bytes bad = theirs;
        bad[rng() % bad.size()] ^= 0x01;
        EXPECT_FALSE(openssl_open(alg, key, nonce, aad, bad).has_value());
        Bytes back(len);
        EXPECT_EQ(a->open(n, aad, bad, back), AeadStatus::authentication_failed);
      }
    }
  }
#else
  GLASSTLS_REQUIRE_PEER(false, "OpenSSL libcrypto not found at configure time");
#endif
}

}  // namespace
}  // namespace glasstls::crypto
