// Ed25519 known answers (RFC 8032 §7.1) and the rejections of §5.1.3 and §5.1.7.
#include <gtest/gtest.h>

#include <random>

#include "glasstls/crypto/ed25519.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

struct Vector {
  const char* name;
  const char* secret;
  const char* public_key;
  const char* message;
  const char* signature;
};
const Vector kVectors[] = {
#include "rfc8032_vectors.inc"
};

template <std::size_t N>
std::array<std::uint8_t, N> arr(const Bytes& b) {
  std::array<std::uint8_t, N> a{};
  EXPECT_EQ(b.size(), N);
  std::copy(b.begin(), b.begin() + static_cast<std::ptrdiff_t>(std::min(N, b.size())), a.begin());
  return a;
}

TEST(Ed25519, Rfc8032Section71) {
  for (const auto& v : kVectors) {
    SCOPED_TRACE(v.name);
    const auto seed = arr<32>(test::hex(v.secret));
    const auto pub = arr<32>(test::hex(v.public_key));
    const Bytes msg = test::hex(v.message);
    const auto sig = arr<64>(test::hex(v.signature));
    EXPECT_EQ(ed25519_public_key(seed), pub);
    EXPECT_EQ(ed25519_sign(seed, pub, msg), sig);
    EXPECT_TRUE(ed25519_verify(sig, pub, msg));
  }
}

// L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 §5.1), little-endian.
const char* kL = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

// Adds L to the little-endian S of a signature (S < L, so S + L < 2^254 fits).
Ed25519Signature add_l_to_s(Ed25519Signature sig) {
  const Bytes l = test::hex(kL);
  unsigned carry = 0;
  for (std::size_t i = 0; i < 32; ++i) {
    const unsigned t = sig[32 + i] + l[i] + carry;
    sig[32 + i] = static_cast<std::uint8_t>(t);
    carry = t >> 8;
  }
  return sig;
}

class Ed25519Negative : public ::testing::Test {
 protected:
  void SetUp() override {
    seed = arr<32>(test::hex(kVectors[2].secret));
    pub = ed25519_public_key(seed);
    msg = test::hex(kVectors[2].message);
    sig = ed25519_sign(seed, pub, msg);
    ASSERT_TRUE(ed25519_verify(sig, pub, msg));
  }
  Ed25519Seed seed{};
  Ed25519PublicKey pub{};
  Bytes msg;
  Ed25519Signature sig{};
};

TEST_F(Ed25519Negative, WrongLengths) {
  EXPECT_FALSE(ed25519_verify(ByteView(sig).first(63), pub, msg));
  Bytes longer(sig.begin(), sig.end());
  longer.push_back(0);
  EXPECT_FALSE(ed25519_verify(longer, pub, msg));
  EXPECT_FALSE(ed25519_verify(sig, ByteView(pub).first(31), msg));
  EXPECT_FALSE(ed25519_verify({}, {}, msg));
}

// RFC 8032 §5.1.7 step 1: S + L is the same scalar mod L, yet must be rejected.
TEST_F(Ed25519Negative, SNotBelowL) {
  EXPECT_FALSE(ed25519_verify(add_l_to_s(sig), pub, msg));
  Ed25519Signature s_is_l = sig;
  const Bytes l = test::hex(kL);
  std::copy(l.begin(), l.end(), s_is_l.begin() + 32);
  EXPECT_FALSE(ed25519_verify(s_is_l, pub, msg));
}

TEST_F(Ed25519Negative, EveryFlippedBitFails) {
  for (std::size_t bit = 0; bit < 8 * sig.size(); ++bit) {
    auto bad = sig;
    bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    EXPECT_FALSE(ed25519_verify(bad, pub, msg)) << "signature bit " << bit;
  }
  for (std::size_t bit = 0; bit < 8 * pub.size(); ++bit) {
    auto bad = pub;
    bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    EXPECT_FALSE(ed25519_verify(sig, bad, msg)) << "public key bit " << bit;
  }
  for (std::size_t bit = 0; bit < 8 * msg.size(); ++bit) {
    auto bad = msg;
    bad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    EXPECT_FALSE(ed25519_verify(sig, pub, bad)) << "message bit " << bit;
  }
}

// y >= p is a non-canonical encoding (RFC 8032 §5.1.3 step 1). y = p + 1 is the non-canonical
// form of y = 1, the identity (0, 1): a valid point if it were canonical.
TEST_F(Ed25519Negative, NonCanonicalEncodings) {
  const Bytes p_plus_1 =
      test::hex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
  Ed25519PublicKey a{};
  std::copy(p_plus_1.begin(), p_plus_1.end(), a.begin());
  EXPECT_FALSE(ed25519_verify(sig, a, msg));
  auto bad = sig;
  std::copy(p_plus_1.begin(), p_plus_1.end(), bad.begin());
  EXPECT_FALSE(ed25519_verify(bad, pub, msg));
  // The canonical identity as A is decodable; a signature made for `pub` still fails under it.
  Ed25519PublicKey one{};
  one[0] = 1;
  EXPECT_FALSE(ed25519_verify(sig, one, msg));
}

// y = 2: x^2 = (4 - 1)/(4d + 1) has no square root (checked by the decoder), so it is no point.
TEST_F(Ed25519Negative, PointNotOnCurve) {
  Ed25519PublicKey a{};
  a[0] = 2;
  EXPECT_FALSE(ed25519_verify(sig, a, msg));
  auto bad = sig;
  std::fill(bad.begin(), bad.begin() + 32, 0);
  bad[0] = 2;
  EXPECT_FALSE(ed25519_verify(bad, pub, msg));
}

TEST(Ed25519, RandomRoundTrips) {
  std::mt19937_64 rng(8032);
  DeterministicRandom drng(std::uint64_t{8032});
  for (int i = 0; i < 50; ++i) {
    const auto kp = ed25519_generate(drng);
    const Bytes msg = test::random_bytes(rng, static_cast<std::size_t>(i * 7));
    const auto sig = ed25519_sign(kp.seed, kp.public_key, msg);
    EXPECT_TRUE(ed25519_verify(sig, kp.public_key, msg));
    // Signing is deterministic.
    EXPECT_EQ(ed25519_sign(kp.seed, kp.public_key, msg), sig);
  }
}

TEST(Ed25519, Registry) {
  EXPECT_NE(ed25519_implementation("portable"), nullptr);
  EXPECT_EQ(ed25519_implementation("nonexistent"), nullptr);
  EXPECT_TRUE(ed25519_default().portable);
}

}  // namespace
}  // namespace glasstls::crypto
