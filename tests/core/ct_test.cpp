// The constant-time helpers' contract: masks are all ones or all zeros, and each helper computes
// what its name says on the edge cases (0, 1, 2^63, 2^64-1, neighbours).
#include <array>
#include <cstdint>
#include <limits>

#include <gtest/gtest.h>

#include "glasstls/core/ct.hpp"

namespace glasstls::ct {
namespace {

constexpr std::uint64_t kOnes = ~std::uint64_t{0};
constexpr std::array<std::uint64_t, 12> kEdges = {
    0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0x8000000000000001ull, kOnes - 1, kOnes};

TEST(Ct, MasksAreAllOnesOrZero) {
  for (auto a : kEdges) {
    for (auto b : kEdges) {
      EXPECT_EQ(equal(a, b), a == b ? kOnes : 0u) << a << " " << b;
      EXPECT_EQ(less_than(a, b), a < b ? kOnes : 0u) << a << " " << b;
      EXPECT_EQ(greater_or_equal(a, b), a >= b ? kOnes : 0u) << a << " " << b;
    }
    EXPECT_EQ(is_zero(a), a == 0 ? kOnes : 0u);
    EXPECT_EQ(is_nonzero(a), a != 0 ? kOnes : 0u);
  }
  EXPECT_EQ(mask_from_bit(1), kOnes);
  EXPECT_EQ(mask_from_bit(0), 0u);
}

TEST(Ct, SelectAndSwap) {
  EXPECT_EQ(select(kOnes, 5, 9), 5u);
  EXPECT_EQ(select(0, 5, 9), 9u);
  EXPECT_EQ(select32(0xffffffffu, 5, 9), 5u);
  EXPECT_EQ(select8(0, 5, 9), 9);
  std::uint64_t a = 1, b = 2;
  conditional_swap(0, a, b);
  EXPECT_EQ(a, 1u);
  conditional_swap(kOnes, a, b);
  EXPECT_EQ(a, 2u);
  EXPECT_EQ(b, 1u);
  std::array<std::uint64_t, 3> x{1, 2, 3}, y{4, 5, 6};
  conditional_swap(kOnes, x, y);
  EXPECT_EQ(x[0], 4u);
  EXPECT_EQ(y[2], 3u);
}

TEST(Ct, ConditionalCopy) {
  std::array<std::uint8_t, 4> dst{1, 2, 3, 4};
  const std::array<std::uint8_t, 4> src{9, 9, 9, 9};
  conditional_copy(0, dst, src);
  EXPECT_EQ(dst[0], 1);
  conditional_copy(kOnes, dst, src);
  EXPECT_EQ(dst, src);
}

TEST(Ct, MemoryEqualFindsEveryDifferingPosition) {
  std::array<std::uint8_t, 33> a{}, b{};
  EXPECT_TRUE(memory_equal(a, b));
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::uint8_t bitv = 1; bitv != 0; bitv = static_cast<std::uint8_t>(bitv << 1)) {
      b[i] ^= bitv;
      EXPECT_FALSE(memory_equal(a, b)) << "byte " << i;
      b[i] ^= bitv;
    }
  }
  EXPECT_FALSE(memory_equal(std::span(a).first(3), std::span(b).first(4)));
  EXPECT_TRUE(memory_equal(std::span<const std::uint8_t>(), std::span<const std::uint8_t>()));
}

TEST(Ct, SecureWipeZeroes) {
  std::array<std::uint8_t, 64> buf;
  buf.fill(0xa5);
  secure_wipe(std::span(buf));
  for (auto v : buf) EXPECT_EQ(v, 0);
}

}  // namespace
}  // namespace glasstls::ct
