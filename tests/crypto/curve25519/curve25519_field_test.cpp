// The field and group internals (lib/crypto/curve25519_*.hpp): the typed constants are what RFC
// 8032 §5.1 says they are, canonical encoding reduces every value below p, and the fixed-base
// and double-scalar multiplications agree with each other.
#include <gtest/gtest.h>

#include <random>

#include "crypto/curve25519_edwards.hpp"
#include "crypto/curve25519_field.hpp"
#include "crypto/curve25519_scalar.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto::curve25519 {
namespace {

Fe small(std::uint64_t v) {
  return Fe{{v, 0, 0, 0, 0}};
}

std::array<std::uint8_t, 32> bytes_of(const Fe& f) {
  std::array<std::uint8_t, 32> b{};
  to_bytes(b.data(), f);
  return b;
}

TEST(Curve25519Field, Constants) {
  // RFC 8032 §5.1: d = -121665/121666, i.e. d·121666 + 121665 = 0.
  EXPECT_TRUE(is_zero(add(mul(kD, small(121666)), small(121665))));
  EXPECT_TRUE(equal(kD2, add(kD, kD)));
  // sqrt(-1)^2 = -1.
  EXPECT_TRUE(is_zero(add(square(kSqrtM1), kOne)));
  // B is on -x^2 + y^2 = 1 + d·x^2·y^2 and y = 4/5.
  const Fe x = kBase.X, y = kBase.Y;
  const Fe lhs = sub(square(y), square(x));
  const Fe rhs = add(kOne, mul(kD, mul(square(x), square(y))));
  EXPECT_TRUE(equal(lhs, rhs));
  EXPECT_TRUE(equal(mul(y, small(5)), small(4)));
}

TEST(Curve25519Field, CanonicalEncoding) {
  // p - 1, p, p + 1 and 2^255 - 1 (= p + 18) as 51-bit limbs.
  const std::uint64_t m = kMask51;
  const Fe p_minus_1{{m - 19, m, m, m, m}}, p{{m - 18, m, m, m, m}}, p_plus_1{{m - 17, m, m, m, m}},
      all{{m, m, m, m, m}};
  const Bytes p_minus_1_bytes =
      test::hex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
  const auto encoded = bytes_of(p_minus_1);
  EXPECT_EQ(Bytes(encoded.begin(), encoded.end()), p_minus_1_bytes);
  EXPECT_TRUE(is_zero(p));
  EXPECT_TRUE(equal(p_plus_1, kOne));
  EXPECT_TRUE(equal(all, small(18)));
}

TEST(Curve25519Field, InverseAndSquareRootPower) {
  std::mt19937_64 rng(1);
  for (int i = 0; i < 50; ++i) {
    std::array<std::uint8_t, 32> b{};
    const Bytes r = test::random_bytes(rng, 32);
    std::copy(r.begin(), r.end(), b.begin());
    const Fe f = from_bytes(b.data());
    if (is_zero(f)) continue;
    EXPECT_TRUE(equal(mul(f, invert(f)), kOne));
  }
  EXPECT_TRUE(is_zero(invert(kZero)));
}

TEST(Curve25519Group, FixedBaseMatchesDoubleScalar) {
  std::mt19937_64 rng(2);
  const std::array<std::uint8_t, 32> zero{};
  for (int i = 0; i < 20; ++i) {
    std::array<std::uint8_t, 32> a{};
    const Bytes r = test::random_bytes(rng, 32);
    std::copy(r.begin(), r.end(), a.begin());
    a[31] &= 0x0f;  // < 2^252: valid for both methods
    std::array<std::uint8_t, 32> e1{}, e2{};
    encode(e1.data(), scalarmult_base(a.data()));
    encode(e2.data(), double_scalarmult_vartime(zero.data(), kIdentity, a.data()));
    EXPECT_EQ(e1, e2);
    // [a]B decoded again is the same point.
    Point p;
    ASSERT_TRUE(decode_vartime(p, e1.data()));
    std::array<std::uint8_t, 32> e3{};
    encode(e3.data(), p);
    EXPECT_EQ(e1, e3);
  }
}

TEST(Curve25519Scalar, ReduceAndMulAdd) {
  // L itself reduces to 0 and L + 1 to 1 (the Ed25519 vectors cover full 512-bit inputs).
  std::array<std::uint8_t, 64> wide{};
  const Bytes l = test::hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
  std::copy(l.begin(), l.end(), wide.begin());
  std::array<std::uint8_t, 32> out{};
  sc_reduce(out.data(), wide.data());
  EXPECT_EQ(out, (std::array<std::uint8_t, 32>{}));
  wide[0] = static_cast<std::uint8_t>(wide[0] + 1);
  sc_reduce(out.data(), wide.data());
  std::array<std::uint8_t, 32> one{};
  one[0] = 1;
  EXPECT_EQ(out, one);
  EXPECT_FALSE(sc_is_canonical(l.data()));
  EXPECT_TRUE(sc_is_canonical(one.data()));
  // 1·1 + 1 = 2.
  sc_muladd(out.data(), one.data(), one.data(), one.data());
  std::array<std::uint8_t, 32> two{};
  two[0] = 2;
  EXPECT_EQ(out, two);
}

}  // namespace
}  // namespace glasstls::crypto::curve25519
