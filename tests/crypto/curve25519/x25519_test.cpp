// X25519 known answers (RFC 7748 §5.2, §6.1), the all-zero check, non-canonical inputs, and the
// fixed-base public key against the ladder.
#include <gtest/gtest.h>

#include <random>

#include "glasstls/crypto/x25519.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

X25519Key key(std::string_view h) {
  const Bytes b = test::hex(h);
  X25519Key k{};
  EXPECT_EQ(b.size(), 32u);
  std::copy(b.begin(), b.end(), k.begin());
  return k;
}

TEST(X25519, Rfc7748Section52SingleVectors) {
  EXPECT_EQ(
      x25519_unchecked(key("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                       key("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")),
      key("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"));
  // The second u-coordinate has bit 255 set: decodeUCoordinate masks it.
  EXPECT_EQ(
      x25519_unchecked(key("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d"),
                       key("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493")),
      key("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"));
}

// RFC 7748 §5.2: k = u = 9; each iteration sets k = X25519(k, u), u = old k.
// (The 1,000,000-iteration result is x25519_long_test.cpp, label long.)
TEST(X25519, Rfc7748Section52Iterations) {
  X25519Key k = key("0900000000000000000000000000000000000000000000000000000000000000");
  X25519Key u = k;
  auto step = [&] {
    const X25519Key r = x25519_unchecked(k, u);
    u = k;
    k = r;
  };
  step();
  EXPECT_EQ(k, key("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079"));
  for (int i = 1; i < 1000; ++i) step();
  EXPECT_EQ(k, key("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"));
}

TEST(X25519, Rfc7748Section61AliceAndBob) {
  const auto a = key("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const auto b = key("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  const auto ka = key("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  const auto kb = key("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  const auto shared = key("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  EXPECT_EQ(x25519_public_key(a), ka);
  EXPECT_EQ(x25519_public_key(b), kb);
  auto s1 = x25519(a, kb);
  auto s2 = x25519(b, ka);
  ASSERT_TRUE(s1.ok());
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(*s1, shared);
  EXPECT_EQ(*s2, shared);
}

// The fixed-base (Edwards) public key equals the ladder's X25519(k, 9) on many scalars, including
// ones with the bits clamping touches set and cleared.
TEST(X25519, FixedBaseMatchesLadder) {
  std::mt19937_64 rng(25519);
  X25519Key nine{};
  nine[0] = 9;
  for (int i = 0; i < 200; ++i) {
    X25519Key k{};
    const Bytes r = test::random_bytes(rng, 32);
    std::copy(r.begin(), r.end(), k.begin());
    if (i == 0) k.fill(0);
    if (i == 1) k.fill(0xff);
    EXPECT_EQ(x25519_public_key(k), x25519_unchecked(k, nine)) << i;
  }
}

// Small-order u give the all-zero secret, which x25519() reports. u = 0 is the point (0, 0) of
// order 2 (v^2 = u^3 + A·u^2 + u vanishes); u = 1 has order 4 (its double is (0, 0) by the
// Montgomery doubling formula u_2 = (u^2 - 1)^2 / (4u(u^2 + A·u + 1)), which is 0 at u = 1).
// p and p + 1 are their non-canonical encodings.
TEST(X25519, AllZeroSharedSecretIsReported) {
  std::mt19937_64 rng(7);
  const char* small_order[] = {
      "0000000000000000000000000000000000000000000000000000000000000000",  // 0
      "0100000000000000000000000000000000000000000000000000000000000000",  // 1
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p = 0
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // p + 1 = 1
      "0000000000000000000000000000000000000000000000000000000000000080",  // 0 with bit 255
  };
  for (const char* u : small_order) {
    for (int i = 0; i < 4; ++i) {
      X25519Key k{};
      const Bytes r = test::random_bytes(rng, 32);
      std::copy(r.begin(), r.end(), k.begin());
      auto s = x25519(k, key(u));
      ASSERT_FALSE(s.ok()) << u;
      EXPECT_EQ(s.error(), X25519Error::all_zero_shared_secret);
      EXPECT_EQ(x25519_unchecked(k, key(u)), X25519Key{});
    }
  }
}

// RFC 7748 §5: u >= p is accepted and reduced; bit 255 is ignored.
TEST(X25519, NonCanonicalUIsReduced) {
  std::mt19937_64 rng(11);
  for (int v = 2; v < 19; ++v) {
    X25519Key canonical{};
    canonical[0] = static_cast<std::uint8_t>(v);
    // v + p = v + 2^255 - 19 encodes as (v - 19) mod 2^8 ... with the top bits set.
    X25519Key noncanonical =
        key("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    noncanonical[0] = static_cast<std::uint8_t>(0xed + v);
    X25519Key k{};
    const Bytes r = test::random_bytes(rng, 32);
    std::copy(r.begin(), r.end(), k.begin());
    EXPECT_EQ(x25519_unchecked(k, noncanonical), x25519_unchecked(k, canonical)) << v;
  }
  for (int i = 0; i < 8; ++i) {
    X25519Key k{}, u{};
    const Bytes r = test::random_bytes(rng, 64);
    std::copy(r.begin(), r.begin() + 32, k.begin());
    std::copy(r.begin() + 32, r.end(), u.begin());
    X25519Key high = u, low = u;
    high[31] |= 0x80;
    low[31] &= 0x7f;
    EXPECT_EQ(x25519_unchecked(k, high), x25519_unchecked(k, low));
  }
}

TEST(X25519, GeneratedPairsAgree) {
  DeterministicRandom rng(std::uint64_t{42});
  const auto alice = x25519_generate(rng);
  const auto bob = x25519_generate(rng);
  auto s1 = x25519(alice.private_key, bob.public_key);
  auto s2 = x25519(bob.private_key, alice.public_key);
  ASSERT_TRUE(s1.ok() && s2.ok());
  EXPECT_EQ(*s1, *s2);
}

TEST(X25519, Registry) {
  ASSERT_FALSE(x25519_implementations().empty());
  EXPECT_NE(x25519_implementation("portable"), nullptr);
  EXPECT_EQ(x25519_implementation("nonexistent"), nullptr);
  EXPECT_TRUE(x25519_default().portable);
}

}  // namespace
}  // namespace glasstls::crypto
