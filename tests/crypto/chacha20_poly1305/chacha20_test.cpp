// ChaCha20 (RFC 8439 §2.1-2.4, Appendix A.1, A.2): the building blocks step by step, then every
// implementation runnable on this CPU against every keystream vector, then all of them against
// the portable reference on random inputs, and the behaviour at the 32-bit block counter limit.
#include <array>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "glasstls/crypto/chacha20.hpp"
#include "rfc8439_vectors.hpp"
#include "support/test_support.hpp"

namespace glasstls {
namespace {

namespace v = test::rfc8439;
using crypto::ChaCha20Implementation;
using test::hex;

std::span<const std::uint8_t, 32> key32(const Bytes& b) {
  EXPECT_EQ(b.size(), 32u);
  return std::span<const std::uint8_t, 32>(b.data(), 32);
}
std::span<const std::uint8_t, 12> nonce12(const Bytes& b) {
  EXPECT_EQ(b.size(), 12u);
  return std::span<const std::uint8_t, 12>(b.data(), 12);
}

// Every implementation this CPU can run.
std::vector<const ChaCha20Implementation*> runnable() {
  std::vector<const ChaCha20Implementation*> out;
  for (const auto& impl : crypto::chacha20_implementations())
    if (impl.available()) out.push_back(&impl);
  return out;
}

Bytes run(const ChaCha20Implementation& impl, const Bytes& key, const Bytes& nonce,
          std::uint32_t counter, const Bytes& in) {
  Bytes out(in.size());
  impl.ops.xor_stream(key.data(), nonce.data(), counter, in.data(), out.data(), in.size());
  return out;
}

TEST(ChaCha20, TableEndsWithPortable) {
  const auto table = crypto::chacha20_implementations();
  ASSERT_FALSE(table.empty());
  EXPECT_EQ(table.back().name, "portable");
  EXPECT_TRUE(table.back().portable);
  EXPECT_NE(crypto::chacha20_implementation("portable"), nullptr);
}

// RFC 8439 §2.1.1: test vector for the quarter round.
TEST(ChaCha20, QuarterRoundSection2_1_1) {
  std::uint32_t a = 0x11111111, b = 0x01020304, c = 0x9b8d6f43, d = 0x01234567;
  crypto::chacha20_quarter_round(a, b, c, d);
  EXPECT_EQ(a, 0xea2a92f4u);
  EXPECT_EQ(b, 0xcb1cf8ceu);
  EXPECT_EQ(c, 0x4581472eu);
  EXPECT_EQ(d, 0x5881c4bbu);
}

// RFC 8439 §2.2.1: QUARTERROUND(2, 7, 8, 13) on a sample state changes exactly those four words.
TEST(ChaCha20, QuarterRoundOnStateSection2_2_1) {
  std::array<std::uint32_t, 16> s = {0x879531e0, 0xc5ecf37d, 0x516461b1, 0xc9a62f8a,
                                     0x44c20ef3, 0x3390af7f, 0xd9fc690b, 0x2a5f714c,
                                     0x53372767, 0xb00a5631, 0x974c541a, 0x359e9963,
                                     0x5c971061, 0x3d631689, 0x2098d9d6, 0x91dbd320};
  const std::array<std::uint32_t, 16> expected = {0x879531e0, 0xc5ecf37d, 0xbdb886dc, 0xc9a62f8a,
                                                  0x44c20ef3, 0x3390af7f, 0xd9fc690b, 0xcfacafd2,
                                                  0xe46bea80, 0xb00a5631, 0x974c541a, 0x359e9963,
                                                  0x5c971061, 0xccc07c79, 0x2098d9d6, 0x91dbd320};
  crypto::chacha20_quarter_round(s[2], s[7], s[8], s[13]);
  EXPECT_EQ(s, expected);
}

// RFC 8439 §2.3.2: the state after setup, and the serialised block.
TEST(ChaCha20, BlockFunctionSection2_3_2) {
  const Bytes key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  const Bytes nonce = hex("000000090000004a00000000");
  const std::array<std::uint32_t, 16> setup = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
                                               0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c,
                                               0x13121110, 0x17161514, 0x1b1a1918, 0x1f1e1d1c,
                                               0x00000001, 0x09000000, 0x4a000000, 0x00000000};
  EXPECT_EQ(crypto::chacha20_initial_state(key32(key), 1, nonce12(nonce)), setup);
  const auto block = crypto::chacha20_block(key32(key), 1, nonce12(nonce));
  EXPECT_EQ(Bytes(block.begin(), block.end()), hex(v::kS232Block));
  // The same 64 bytes from every implementation's keystream (XOR with zeros).
  for (const auto* impl : runnable())
    EXPECT_EQ(run(*impl, key, nonce, 1, Bytes(64)), hex(v::kS232Block)) << impl->name;
}

// RFC 8439 §2.4.2: "Ladies and Gentlemen of the class of '99", key 00..1f, counter 1.
TEST(ChaCha20, EncryptionSection2_4_2) {
  const Bytes key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  const Bytes nonce = hex("000000000000004a00000000");
  for (const auto* impl : runnable()) {
    EXPECT_EQ(run(*impl, key, nonce, 1, hex(v::kS242Plaintext)), hex(v::kS242Ciphertext))
        << impl->name;
    EXPECT_EQ(run(*impl, key, nonce, 1, Bytes(114)), hex(v::kS242Keystream)) << impl->name;
    // Decryption is the same operation.
    EXPECT_EQ(run(*impl, key, nonce, 1, hex(v::kS242Ciphertext)), hex(v::kS242Plaintext))
        << impl->name;
  }
}

// RFC 8439 §2.6.2: block 0 is the Poly1305 key generator (its first 32 bytes).
TEST(ChaCha20, KeyGenerationBlockSection2_6_2) {
  const Bytes key = hex(v::kS262Key), nonce = hex(v::kS262Nonce);
  const auto block = crypto::chacha20_block(key32(key), 0, nonce12(nonce));
  EXPECT_EQ(Bytes(block.begin(), block.begin() + 32), hex(v::kS262Output));
  for (const auto* impl : runnable())
    EXPECT_EQ(run(*impl, key, nonce, 0, Bytes(32)), hex(v::kS262Output)) << impl->name;
}

// RFC 8439 Appendix A.1: block function vectors #1-#5 (counters 0, 1, 1, 2, 0).
TEST(ChaCha20, BlockFunctionAppendixA1) {
  struct Case {
    const char *key, *nonce;
    std::uint32_t counter;
    const char* keystream;
  };
  const Case cases[] = {{v::kA1Key1, v::kA1Nonce1, 0, v::kA1Keystream1},
                        {v::kA1Key2, v::kA1Nonce2, 1, v::kA1Keystream2},
                        {v::kA1Key3, v::kA1Nonce3, 1, v::kA1Keystream3},
                        {v::kA1Key4, v::kA1Nonce4, 2, v::kA1Keystream4},
                        {v::kA1Key5, v::kA1Nonce5, 0, v::kA1Keystream5}};
  int n = 1;
  for (const auto& c : cases) {
    const Bytes key = hex(c.key), nonce = hex(c.nonce);
    const auto block = crypto::chacha20_block(key32(key), c.counter, nonce12(nonce));
    EXPECT_EQ(Bytes(block.begin(), block.end()), hex(c.keystream)) << "A.1 #" << n;
    for (const auto* impl : runnable())
      EXPECT_EQ(run(*impl, key, nonce, c.counter, Bytes(64)), hex(c.keystream))
          << "A.1 #" << n << " " << impl->name;
    ++n;
  }
}

// RFC 8439 Appendix A.2: encryption vectors #1-#3 (counters 0, 1, 42).
TEST(ChaCha20, EncryptionAppendixA2) {
  struct Case {
    const char *key, *nonce;
    std::uint32_t counter;
    const char *plaintext, *ciphertext;
  };
  const Case cases[] = {{v::kA2Key1, v::kA2Nonce1, 0, v::kA2Plaintext1, v::kA2Ciphertext1},
                        {v::kA2Key2, v::kA2Nonce2, 1, v::kA2Plaintext2, v::kA2Ciphertext2},
                        {v::kA2Key3, v::kA2Nonce3, 42, v::kA2Plaintext3, v::kA2Ciphertext3}};
  int n = 1;
  for (const auto& c : cases) {
    for (const auto* impl : runnable()) {
      const Bytes key = hex(c.key), nonce = hex(c.nonce);
      EXPECT_EQ(run(*impl, key, nonce, c.counter, hex(c.plaintext)), hex(c.ciphertext))
          << "A.2 #" << n << " " << impl->name;
      // In place gives the same.
      Bytes buf = hex(c.plaintext);
      impl->ops.xor_stream(key.data(), nonce.data(), c.counter, buf.data(), buf.data(), buf.size());
      EXPECT_EQ(buf, hex(c.ciphertext)) << "A.2 #" << n << " in place " << impl->name;
    }
    ++n;
  }
}

// RFC 8439 Appendix A.4: Poly1305 key generation = first 32 bytes of block 0.
TEST(ChaCha20, KeyGenerationAppendixA4) {
  const char* const cases[][3] = {{v::kA4Key1, v::kA4Nonce1, v::kA4OneTimeKey1},
                                  {v::kA4Key2, v::kA4Nonce2, v::kA4OneTimeKey2},
                                  {v::kA4Key3, v::kA4Nonce3, v::kA4OneTimeKey3}};
  for (const auto& c : cases)
    for (const auto* impl : runnable())
      EXPECT_EQ(run(*impl, hex(c[0]), hex(c[1]), 0, Bytes(32)), hex(c[2])) << impl->name;
}

// The default-implementation helper.
TEST(ChaCha20, DefaultXorHelper) {
  const Bytes key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  const Bytes nonce = hex("000000000000004a00000000");
  const Bytes pt = hex(v::kS242Plaintext);
  Bytes out(pt.size());
  crypto::chacha20_xor(key32(key), nonce12(nonce), 1, pt, out);
  EXPECT_EQ(out, hex(v::kS242Ciphertext));
}

// Every implementation against the portable one: random keys, nonces, counters, and lengths that
// cross the 64-byte block edge and the 4/8/16-block batch sizes, up to 70,000 bytes.
TEST(ChaCha20, AllImplementationsMatchPortable) {
  const auto& portable = *crypto::chacha20_implementation("portable");
  std::mt19937_64 rng(20260127);
  std::vector<std::size_t> lengths = {0, 1, 15, 16, 63, 64, 65, 127, 128, 129, 191, 192, 193,
                                      255, 256, 257, 511, 512, 513, 575, 576, 1023, 1024, 1025,
                                      1087, 1088, 1536, 2047, 2048, 2049, 4096 + 7, 16384, 70000};
  for (int i = 0; i < 20; ++i) lengths.push_back(rng() % 70001);
  for (const std::size_t len : lengths) {
    Bytes key(32), nonce(12), in(len);
    for (auto& b : key) b = static_cast<std::uint8_t>(rng());
    for (auto& b : nonce) b = static_cast<std::uint8_t>(rng());
    for (auto& b : in) b = static_cast<std::uint8_t>(rng());
    const auto counter = static_cast<std::uint32_t>(rng());
    const Bytes expected = run(portable, key, nonce, counter, in);
    for (const auto* impl : runnable()) {
      ASSERT_EQ(run(*impl, key, nonce, counter, in), expected)
          << impl->name << " len " << len << " counter " << counter;
    }
  }
}

// Block counter limit (documented in chacha20.hpp): block i uses counter + i mod 2^32, so the
// block after 0xffffffff is block 0 of the same nonce, in every implementation, also when the wrap
// happens inside a multi-block batch.
TEST(ChaCha20, CounterWrapsModulo2To32) {
  const Bytes key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  const Bytes nonce = hex("000000090000004a00000000");
  const auto last = crypto::chacha20_block(key32(key), 0xffffffff, nonce12(nonce));
  const auto first = crypto::chacha20_block(key32(key), 0, nonce12(nonce));
  for (const auto* impl : runnable()) {
    // 40 blocks starting 3 before the limit: blocks 0xfffffffd .. 0xffffffff, 0, 1, ...
    const Bytes ks = run(*impl, key, nonce, 0xfffffffd, Bytes(40 * 64));
    EXPECT_EQ(Bytes(ks.begin() + 2 * 64, ks.begin() + 3 * 64), Bytes(last.begin(), last.end()))
        << impl->name;
    EXPECT_EQ(Bytes(ks.begin() + 3 * 64, ks.begin() + 4 * 64), Bytes(first.begin(), first.end()))
        << impl->name;
    EXPECT_EQ(Bytes(ks.begin() + 3 * 64, ks.end()), run(*impl, key, nonce, 0, Bytes(37 * 64)))
        << impl->name;
  }
}

}  // namespace
}  // namespace glasstls
