// AEAD_CHACHA20_POLY1305 (RFC 8439 §2.8, Appendix A.5) through crypto::Aead, on every table entry
// this CPU can run: the §2.8.2 encryption example, the A.5 decryption example, in-place
// operation, a flipped bit anywhere failing, and every entry against "portable" on random inputs.
// (The AEAD-level cross-algorithm, OpenSSL and tamper suites live in tests/crypto/aead_*.)
#include <array>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "glasstls/crypto/aead.hpp"
#include "rfc8439_vectors.hpp"
#include "support/test_support.hpp"

namespace glasstls {
namespace {

namespace v = test::rfc8439;
using crypto::Aead;
using crypto::AeadAlg;
using crypto::AeadImplementation;
using crypto::AeadStatus;
using test::hex;

std::vector<const AeadImplementation*> runnable() {
  std::vector<const AeadImplementation*> out;
  for (const auto& impl : crypto::chacha20_poly1305_implementations())
    if (impl.available()) out.push_back(&impl);
  return out;
}

Aead make(const Bytes& key, const AeadImplementation& impl) {
  auto r = Aead::create(AeadAlg::chacha20_poly1305, key, impl);
  EXPECT_TRUE(r.ok());
  return std::move(r).value();
}

Aead::Nonce as_nonce(const Bytes& n) {
  EXPECT_EQ(n.size(), 12u);
  return Aead::Nonce(n.data(), 12);
}

TEST(ChaCha20Poly1305, TableEndsWithPortable) {
  const auto table = crypto::chacha20_poly1305_implementations();
  ASSERT_GE(table.size(), 2u);
  EXPECT_EQ(table.back().name, "portable");
  EXPECT_TRUE(table.back().portable);
  EXPECT_NE(crypto::aead_implementation(AeadAlg::chacha20_poly1305, "poly64"), nullptr);
}

// RFC 8439 §2.8.2: nonce = the 32-bit fixed-common part (07 00 00 00) followed by the 64-bit IV.
TEST(ChaCha20Poly1305, EncryptionSection2_8_2) {
  Bytes nonce = hex(v::kS282Fixed);
  const Bytes iv = hex(v::kS282Iv);
  nonce.insert(nonce.end(), iv.begin(), iv.end());
  Bytes expected = hex(v::kS282Ciphertext);
  const Bytes tag = hex(v::kS282Tag);
  expected.insert(expected.end(), tag.begin(), tag.end());
  const Bytes pt = hex(v::kS282Plaintext), aad = hex(v::kS282Aad);
  for (const auto* impl : runnable()) {
    const Aead aead = make(hex(v::kS282Key), *impl);
    Bytes out(pt.size() + 16);
    ASSERT_EQ(aead.seal(as_nonce(nonce), aad, pt, out), AeadStatus::ok);
    EXPECT_EQ(out, expected) << impl->name;
    Bytes back(pt.size());
    ASSERT_EQ(aead.open(as_nonce(nonce), aad, out, back), AeadStatus::ok) << impl->name;
    EXPECT_EQ(back, pt) << impl->name;
  }
}

// RFC 8439 Appendix A.5: decrypting a received message (and sealing its plaintext back).
TEST(ChaCha20Poly1305, DecryptionAppendixA5) {
  Bytes in = hex(v::kA5Ciphertext);
  const Bytes tag = hex(v::kA5Tag);
  in.insert(in.end(), tag.begin(), tag.end());
  const Bytes nonce = hex(v::kA5Nonce), aad = hex(v::kA5Aad), pt = hex(v::kA5Plaintext);
  for (const auto* impl : runnable()) {
    const Aead aead = make(hex(v::kA5Key), *impl);
    Bytes out(in.size() - 16);
    ASSERT_EQ(aead.open(as_nonce(nonce), aad, in, out), AeadStatus::ok) << impl->name;
    EXPECT_EQ(out, pt) << impl->name;
    Bytes sealed(pt.size() + 16);
    ASSERT_EQ(aead.seal(as_nonce(nonce), aad, pt, sealed), AeadStatus::ok);
    EXPECT_EQ(sealed, in) << impl->name;
  }
}

// In place: out starts where the input does.
TEST(ChaCha20Poly1305, InPlace) {
  Bytes nonce = hex(v::kS282Fixed);
  const Bytes iv = hex(v::kS282Iv);
  nonce.insert(nonce.end(), iv.begin(), iv.end());
  const Bytes pt = hex(v::kS282Plaintext), aad = hex(v::kS282Aad);
  for (const auto* impl : runnable()) {
    const Aead aead = make(hex(v::kS282Key), *impl);
    Bytes buf = pt;
    buf.resize(pt.size() + 16);
    ASSERT_EQ(aead.seal(as_nonce(nonce), aad, ByteView(buf).first(pt.size()), buf), AeadStatus::ok);
    EXPECT_EQ(Bytes(buf.end() - 16, buf.end()), hex(v::kS282Tag)) << impl->name;
    ASSERT_EQ(aead.open(as_nonce(nonce), aad, buf, MutableByteView(buf).first(pt.size())),
              AeadStatus::ok);
    EXPECT_EQ(Bytes(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(pt.size())), pt)
        << impl->name;
  }
}

// In place on long messages too (the stitched AVX-512 code MACs each 1 KiB batch of ciphertext
// while decrypting it over itself): every entry against out-of-place "portable".
TEST(ChaCha20Poly1305, InPlaceLongMessages) {
  const auto& portable = *crypto::aead_implementation(AeadAlg::chacha20_poly1305, "portable");
  std::mt19937_64 rng(5116);
  for (const std::size_t len : {1024u, 2047u, 4096u, 16384u, 16400u, 33333u}) {
    Bytes key(32), nonce(12), aad(13), pt(len);
    for (auto* b : {&key, &nonce, &aad, &pt})
      for (auto& x : *b) x = static_cast<std::uint8_t>(rng());
    Bytes expected(len + 16);
    ASSERT_EQ(make(key, portable).seal(as_nonce(nonce), aad, pt, expected), AeadStatus::ok);
    for (const auto* impl : runnable()) {
      const Aead aead = make(key, *impl);
      Bytes buf = pt;
      buf.resize(len + 16);
      ASSERT_EQ(aead.seal(as_nonce(nonce), aad, ByteView(buf).first(len), buf), AeadStatus::ok);
      ASSERT_EQ(buf, expected) << impl->name << " len " << len;
      ASSERT_EQ(aead.open(as_nonce(nonce), aad, buf, MutableByteView(buf).first(len)),
                AeadStatus::ok)
          << impl->name << " len " << len;
      ASSERT_EQ(Bytes(buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(len)), pt)
          << impl->name << " len " << len;
      // A flipped bit in the last 1 KiB batch of a long message is caught too.
      Bytes bad = expected;
      bad[len - 1] ^= 0x10;
      Bytes out(len);
      EXPECT_EQ(aead.open(as_nonce(nonce), aad, bad, out), AeadStatus::authentication_failed)
          << impl->name;
    }
  }
}

// Flipping any single bit of the A.5 AAD, ciphertext or tag makes open() fail and zero the output.
TEST(ChaCha20Poly1305, AnyFlippedBitFails) {
  Bytes in = hex(v::kA5Ciphertext);
  const Bytes tag = hex(v::kA5Tag);
  in.insert(in.end(), tag.begin(), tag.end());
  const Bytes nonce = hex(v::kA5Nonce), aad = hex(v::kA5Aad);
  for (const auto* impl : runnable()) {
    const Aead aead = make(hex(v::kA5Key), *impl);
    for (std::size_t bit = 0; bit < (in.size() + aad.size()) * 8; bit += 7) {
      Bytes c = in, a = aad;
      const std::size_t byte = bit / 8;
      auto& target = byte < a.size() ? a[byte] : c[byte - a.size()];
      target = static_cast<std::uint8_t>(target ^ (1u << (bit % 8)));
      Bytes out(in.size() - 16, 0xaa);
      EXPECT_EQ(aead.open(as_nonce(nonce), a, c, out), AeadStatus::authentication_failed)
          << impl->name << " bit " << bit;
      EXPECT_EQ(out, Bytes(out.size(), 0)) << impl->name;
    }
  }
}

// Every entry against "portable": random keys, nonces, AAD and message lengths up to 70,000.
TEST(ChaCha20Poly1305, AllImplementationsMatchPortable) {
  const auto& portable = *crypto::aead_implementation(AeadAlg::chacha20_poly1305, "portable");
  std::mt19937_64 rng(8439);
  std::vector<std::size_t> lengths = {0, 1, 15, 16, 17, 63, 64, 65, 255, 256, 511, 512, 513,
                                      1023, 1024, 1025, 16384, 16385, 70000};
  for (int i = 0; i < 10; ++i) lengths.push_back(rng() % 70001);
  for (const std::size_t len : lengths) {
    Bytes key(32), nonce(12), aad(rng() % 40), pt(len);
    for (auto* b : {&key, &nonce, &aad, &pt})
      for (auto& x : *b) x = static_cast<std::uint8_t>(rng());
    Bytes expected(len + 16);
    ASSERT_EQ(make(key, portable).seal(as_nonce(nonce), aad, pt, expected), AeadStatus::ok);
    for (const auto* impl : runnable()) {
      const Aead aead = make(key, *impl);
      Bytes out(len + 16);
      ASSERT_EQ(aead.seal(as_nonce(nonce), aad, pt, out), AeadStatus::ok);
      ASSERT_EQ(out, expected) << impl->name << " len " << len;
      Bytes back(len);
      ASSERT_EQ(aead.open(as_nonce(nonce), aad, expected, back), AeadStatus::ok);
      ASSERT_EQ(back, pt) << impl->name << " len " << len;
    }
  }
}

}  // namespace
}  // namespace glasstls
