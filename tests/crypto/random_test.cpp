// SystemRandom and DeterministicRandom (glasstls/crypto/random.hpp).
#include <gtest/gtest.h>

#include <set>

#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

TEST(DeterministicRandom, StreamIsSha256CounterMode) {
  // The documented construction: seed_hash = SHA-256(seed);
  // block i = SHA-256(seed_hash || be64(i)).
  const auto seed = as_bytes("glasstls test seed");
  const auto seed_hash = Sha256::hash(seed);
  Bytes expected;
  for (std::uint64_t i = 0; i < 4; ++i) {
    Sha256 h;
    h.update(seed_hash);
    std::uint8_t ctr[8];
    store_be64(ctr, i);
    h.update(ByteView(ctr, 8));
    const auto block = h.finish();
    expected.insert(expected.end(), block.begin(), block.end());
  }
  DeterministicRandom rng(seed);
  Bytes out(128);
  rng.fill(out);
  EXPECT_EQ(out, expected);
}

TEST(DeterministicRandom, ChunkingDoesNotChangeTheStream) {
  DeterministicRandom a(42), b(42);
  Bytes whole(1000);
  a.fill(whole);
  Bytes pieces;
  for (std::size_t n : {1, 31, 32, 33, 0, 100, 803}) {
    Bytes p(n);
    b.fill(p);
    pieces.insert(pieces.end(), p.begin(), p.end());
  }
  EXPECT_EQ(pieces, whole);
}

TEST(DeterministicRandom, Uint64SeedIsItsBigEndianBytes) {
  const std::uint8_t be[8] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
  DeterministicRandom a(std::uint64_t{0x0102030405060708}), b(ByteView(be, 8));
  Bytes x(64), y(64);
  a.fill(x);
  b.fill(y);
  EXPECT_EQ(x, y);
  DeterministicRandom c(std::uint64_t{0x0102030405060709});
  Bytes z(64);
  c.fill(z);
  EXPECT_NE(x, z);
}

TEST(SystemRandom, FillsAndDiffers) {
  Bytes a(1000, 0), b(1000, 0);
  system_random().fill(a);
  system_random().fill(b);
  EXPECT_NE(a, b);
  EXPECT_NE(a, Bytes(1000, 0));
  std::set<std::uint8_t> distinct(a.begin(), a.end());
  EXPECT_GT(distinct.size(), 200u);  // 1000 uniform bytes hit ~250 distinct values
  Bytes empty;
  SystemRandom().fill(empty);
}

}  // namespace
}  // namespace glasstls::crypto
