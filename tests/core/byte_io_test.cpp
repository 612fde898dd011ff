#include <gtest/gtest.h>

#include "glasstls/core/byte_reader.hpp"
#include "glasstls/core/byte_writer.hpp"
#include "glasstls/core/endian.hpp"

namespace glasstls {
namespace {

TEST(ByteIo, WriterThenReaderRoundTrip) {
  ByteWriter w;
  w.u8(0x01);
  w.u16(0x0203);
  w.u24(0x040506);
  w.u32(0x0708090a);
  w.u64(0x0b0c0d0e0f101112ull);
  auto p = w.begin_prefixed(2);
  w.bytes(as_bytes("hello"));
  ASSERT_TRUE(w.end_prefixed(p));
  const Bytes out = w.take();
  EXPECT_EQ(hex_encode(out), "010203040506" "0708090a" "0b0c0d0e0f101112" "0005" "68656c6c6f");

  ByteReader r(out);
  std::uint8_t a;
  std::uint16_t b;
  std::uint32_t c, d;
  std::uint64_t e;
  ByteView s;
  ASSERT_TRUE(r.read_u8(a) && r.read_u16(b) && r.read_u24(c) && r.read_u32(d) && r.read_u64(e));
  ASSERT_TRUE(r.read_prefixed(2, s));
  EXPECT_EQ(a, 0x01);
  EXPECT_EQ(b, 0x0203);
  EXPECT_EQ(c, 0x040506u);
  EXPECT_EQ(d, 0x0708090au);
  EXPECT_EQ(e, 0x0b0c0d0e0f101112ull);
  EXPECT_EQ(std::string(s.begin(), s.end()), "hello");
  EXPECT_TRUE(r.empty());
}

TEST(ByteIo, ReadsPastTheEndFailWithoutMoving) {
  const Bytes in{0x00, 0x05, 0xaa, 0xbb};
  ByteReader r(in);
  ByteView v;
  EXPECT_FALSE(r.read_prefixed(2, v));  // claims 5 bytes, has 2
  EXPECT_EQ(r.offset(), 0u);
  std::uint64_t x;
  EXPECT_FALSE(r.read_u64(x));
  EXPECT_EQ(r.offset(), 0u);
  EXPECT_FALSE(r.read_prefixed(4, v));  // only 1..3-byte prefixes exist in TLS
  std::uint32_t y;
  ASSERT_TRUE(r.read_u32(y));
  std::uint8_t z;
  EXPECT_FALSE(r.read_u8(z));
  EXPECT_FALSE(r.skip(1));
}

TEST(ByteIo, PrefixOverflowIsReported) {
  ByteWriter w;
  auto p = w.begin_prefixed(1);
  w.bytes(Bytes(256, 0));
  EXPECT_FALSE(w.end_prefixed(p));
  ByteWriter ok;
  auto q = ok.begin_prefixed(1);
  ok.bytes(Bytes(255, 0));
  EXPECT_TRUE(ok.end_prefixed(q));
  EXPECT_EQ(ok.data()[0], 0xff);
}

TEST(Endian, LoadsAndStores) {
  std::uint8_t buf[8];
  store_be64(buf, 0x0102030405060708ull);
  EXPECT_EQ(buf[0], 1);
  EXPECT_EQ(load_be64(buf), 0x0102030405060708ull);
  EXPECT_EQ(load_le32(buf), 0x04030201u);
  store_le64(buf, 0x0102030405060708ull);
  EXPECT_EQ(buf[0], 8);
  EXPECT_EQ(load_le64(buf), 0x0102030405060708ull);
  EXPECT_EQ(load_be32(buf), 0x08070605u);
}

}  // namespace
}  // namespace glasstls
