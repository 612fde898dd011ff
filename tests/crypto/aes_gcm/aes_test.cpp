// AES block cipher: FIPS 197 known answers for every implementation, the key expansion, and the
// constant-time S-box circuit against the S-box computed from its definition.
#include <array>
#include <cstdint>

#include <gtest/gtest.h>

#include "glasstls/crypto/aes.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

using test::hex;

// ---- the S-box from its definition (FIPS 197 §5.1.1) -------------------------------------------

// Multiplication in GF(2^8) modulo m(x) = x^8 + x^4 + x^3 + x + 1 (§4.2), bit by bit: slow and
// obviously right, which is what a reference should be.
std::uint8_t gf256_mul(std::uint8_t a, std::uint8_t b) {
  unsigned r = 0, x = a;
  for (int i = 0; i < 8; ++i) {
    if (b & (1u << i)) r ^= x;
    x <<= 1;
    if (x & 0x100) x ^= 0x11b;
  }
  return static_cast<std::uint8_t>(r);
}

std::uint8_t reference_sbox(std::uint8_t in) {
  // 1. The multiplicative inverse in GF(2^8), with {00} mapped to itself.
  std::uint8_t b = 0;
  for (unsigned y = 1; y < 256 && in != 0; ++y)
    if (gf256_mul(in, static_cast<std::uint8_t>(y)) == 1) b = static_cast<std::uint8_t>(y);
  // 2. The affine transformation (§5.1.1, equation 5.1):
  //    b'_i = b_i ⊕ b_(i+4) mod 8 ⊕ b_(i+5) mod 8 ⊕ b_(i+6) mod 8 ⊕ b_(i+7) mod 8 ⊕ c_i, c = {63}.
  unsigned out = 0;
  for (unsigned i = 0; i < 8; ++i) {
    const unsigned bit = ((b >> i) ^ (b >> ((i + 4) % 8)) ^ (b >> ((i + 5) % 8)) ^
                          (b >> ((i + 6) % 8)) ^ (b >> ((i + 7) % 8)) ^ (0x63u >> i)) &
                         1u;
    out |= bit << i;
  }
  return static_cast<std::uint8_t>(out);
}

TEST(AesSbox, CircuitMatchesDefinitionForAll256Inputs) {
  for (unsigned x = 0; x < 256; ++x) {
    const auto v = static_cast<std::uint8_t>(x);
    EXPECT_EQ(aes_sbox(v), reference_sbox(v)) << "input " << x;
  }
}

TEST(AesSbox, Figure7SpotChecks) {
  // FIPS 197 Figure 7 (row x, column y), and the worked example of §5.1.1: S({53}) = {ed}.
  EXPECT_EQ(aes_sbox(0x00), 0x63);
  EXPECT_EQ(aes_sbox(0x01), 0x7c);
  EXPECT_EQ(aes_sbox(0x10), 0xca);
  EXPECT_EQ(aes_sbox(0x53), 0xed);
  EXPECT_EQ(aes_sbox(0xc9), 0xdd);
  EXPECT_EQ(aes_sbox(0xff), 0x16);
  EXPECT_EQ(reference_sbox(0x53), 0xed);  // the reference itself agrees with the figure
}

// ---- key expansion (FIPS 197 Appendix A) ------------------------------------------------------

std::uint32_t word(const std::uint8_t* w, unsigned i) {
  return (std::uint32_t{w[4 * i]} << 24) | (std::uint32_t{w[4 * i + 1]} << 16) |
         (std::uint32_t{w[4 * i + 2]} << 8) | w[4 * i + 3];
}

TEST(AesKeyExpansion, AppendixA1Aes128) {
  const auto key = hex("2b7e151628aed2a6abf7158809cf4f3c");
  std::uint8_t w[kAesMaxRoundKeyBytes];
  ASSERT_EQ(aes_expand_key(key.data(), key.size(), w), 10);
  EXPECT_EQ(word(w, 0), 0x2b7e1516u);
  EXPECT_EQ(word(w, 4), 0xa0fafe17u);
  EXPECT_EQ(word(w, 5), 0x88542cb1u);
  EXPECT_EQ(word(w, 43), 0xb6630ca6u);
}

TEST(AesKeyExpansion, AppendixA3Aes256) {
  const auto key = hex("603deb1015ca71be2b73aef0857d7781 1f352c073b6108d72d9810a30914dff4");
  std::uint8_t w[kAesMaxRoundKeyBytes];
  ASSERT_EQ(aes_expand_key(key.data(), key.size(), w), 14);
  EXPECT_EQ(word(w, 8), 0x9ba35411u);
  EXPECT_EQ(word(w, 12), 0xa8b09c1au);  // i mod Nk = 4: SubWord without RotWord
  EXPECT_EQ(word(w, 16), 0xd59aecb8u);
  EXPECT_EQ(word(w, 59), 0x706c631eu);
}

TEST(AesKeyExpansion, RejectsOtherKeySizes) {
  std::uint8_t key[24] = {};
  std::uint8_t w[kAesMaxRoundKeyBytes];
  EXPECT_EQ(aes_expand_key(key, 24, w), 0);  // AES-192 is not offered
}

// ---- the cipher (FIPS 197 Appendix C) ---------------------------------------------------------

void expect_encrypts(const AesImplementation& impl, const Bytes& key, const Bytes& pt,
                     const Bytes& ct) {
  std::array<std::uint8_t, 16> out{};
  impl.ops.encrypt_block(key.data(), key.size(), pt.data(), out.data());
  EXPECT_EQ(Bytes(out.begin(), out.end()), ct) << impl.name;
}

TEST(Aes, AppendixC1Aes128EveryImplementation) {
  for (const auto& impl : aes_implementations()) {
    if (!impl.available()) continue;
    expect_encrypts(impl, hex("000102030405060708090a0b0c0d0e0f"),
                    hex("00112233445566778899aabbccddeeff"),
                    hex("69c4e0d86a7b0430d8cdb78070b4c55a"));
  }
}

TEST(Aes, AppendixC3Aes256EveryImplementation) {
  for (const auto& impl : aes_implementations()) {
    if (!impl.available()) continue;
    expect_encrypts(impl, hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"),
                    hex("00112233445566778899aabbccddeeff"),
                    hex("8ea2b7ca516745bfeafc49904b496089"));
  }
}

TEST(Aes, ImplementationsAgreeOnManyKeysAndBlocks) {
  const auto* portable = aes_implementation("portable");
  ASSERT_NE(portable, nullptr);
  std::uint8_t key[32], in[16], a[16], b[16];
  for (unsigned t = 0; t < 64; ++t) {
    for (unsigned i = 0; i < 32; ++i) key[i] = static_cast<std::uint8_t>(t * 37 + i * 11);
    for (unsigned i = 0; i < 16; ++i) in[i] = static_cast<std::uint8_t>(t * 5 + i * 29);
    const std::size_t key_len = (t % 2) ? 32 : 16;
    portable->ops.encrypt_block(key, key_len, in, a);
    for (const auto& impl : aes_implementations()) {
      if (!impl.available()) continue;
      impl.ops.encrypt_block(key, key_len, in, b);
      EXPECT_EQ(Bytes(a, a + 16), Bytes(b, b + 16)) << impl.name << " case " << t;
    }
  }
}

TEST(AesRegistry, NamesAndPortableAlwaysAvailable) {
  const auto table = aes_implementations();
  ASSERT_FALSE(table.empty());
  EXPECT_EQ(table.back().name, "portable");
  EXPECT_TRUE(table.back().portable);
  EXPECT_TRUE(table.back().available());
  EXPECT_NE(aes_implementation("portable"), nullptr);
  EXPECT_EQ(aes_implementation("no_such_thing"), nullptr);
  if (table.size() == 2) {
    EXPECT_EQ(table.front().name, "aesni");
  }
}

}  // namespace
}  // namespace glasstls::crypto
