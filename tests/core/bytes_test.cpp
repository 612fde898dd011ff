#include <gtest/gtest.h>

#include "glasstls/core/bytes.hpp"

namespace glasstls {
namespace {

TEST(Hex, EncodesLowerCase) {
  const Bytes b{0x00, 0x01, 0x9a, 0xff, 0xab};
  EXPECT_EQ(hex_encode(b), "00019affab");
  EXPECT_EQ(hex_encode({}), "");
}

TEST(Hex, DecodesBothCasesAndRoundTrips) {
  auto b = hex_decode("00019AffaB");
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, (Bytes{0x00, 0x01, 0x9a, 0xff, 0xab}));
  Bytes all(256);
  for (int i = 0; i < 256; ++i) all[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
  EXPECT_EQ(*hex_decode(hex_encode(all)), all);
}

TEST(Hex, StrictRejectsOddLengthAndNonHex) {
  EXPECT_FALSE(hex_decode("abc"));
  EXPECT_FALSE(hex_decode("0g"));
  EXPECT_FALSE(hex_decode("0 1"));
  EXPECT_FALSE(hex_decode("/0"));  // '/' sits just below '0'
  EXPECT_FALSE(hex_decode(":0"));  // ':' just above '9'
  EXPECT_FALSE(hex_decode("@0"));  // '@' just below 'A'
  EXPECT_FALSE(hex_decode("G0"));
  EXPECT_FALSE(hex_decode("`0"));  // '`' just below 'a'
  EXPECT_TRUE(hex_decode(""));
}

TEST(Hex, LenientSkipsSeparators) {
  auto b = hex_decode_lenient("00 01:02\n03\t04");
  ASSERT_TRUE(b);
  EXPECT_EQ(*b, (Bytes{0, 1, 2, 3, 4}));
  EXPECT_FALSE(hex_decode_lenient("0 1 2"));
}

TEST(Bytes, AsBytesViewsString) {
  auto v = as_bytes("abc");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0], 'a');
  EXPECT_EQ(to_bytes("ab"), (Bytes{'a', 'b'}));
}

}  // namespace
}  // namespace glasstls
