// Poly1305 (RFC 8439 §2.5, Appendix A.3): the worked example and all eleven A.3 vectors (#5-#11
// are the carry and final-reduction corner cases) on every implementation; streaming against
// one-shot; the two implementations against each other on random and carry-heavy inputs.
#include <array>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "glasstls/crypto/poly1305.hpp"
#include "rfc8439_vectors.hpp"
#include "support/test_support.hpp"

namespace glasstls {
namespace {

namespace v = test::rfc8439;
using crypto::Poly1305;
using crypto::Poly1305Implementation;
using test::hex;

std::vector<const Poly1305Implementation*> runnable() {
  std::vector<const Poly1305Implementation*> out;
  for (const auto& impl : crypto::poly1305_implementations())
    if (impl.available()) out.push_back(&impl);
  return out;
}

Bytes mac(const Poly1305Implementation& impl, const Bytes& key, const Bytes& msg) {
  EXPECT_EQ(key.size(), 32u);
  const auto tag = Poly1305::mac(std::span<const std::uint8_t, 32>(key.data(), 32), msg, impl);
  return Bytes(tag.begin(), tag.end());
}

TEST(Poly1305, TableEndsWithPortable) {
  const auto table = crypto::poly1305_implementations();
  ASSERT_GE(table.size(), 2u);
  EXPECT_EQ(table.back().name, "portable");
  EXPECT_NE(crypto::poly1305_implementation("radix64"), nullptr);
}

// RFC 8439 §2.5.2: "Cryptographic Forum Research Group", r and s given separately.
TEST(Poly1305, ExampleSection2_5_2) {
  const Bytes r = hex("85:d6:be:78:57:55:6d:33:7f:44:52:fe:42:d5:06:a8");  // before clamping
  const Bytes s = hex("01:03:80:8a:fb:0d:b2:fd:4a:bf:f6:af:41:49:f5:1b");
  Bytes key = r;
  key.insert(key.end(), s.begin(), s.end());
  for (const auto* impl : runnable())
    EXPECT_EQ(mac(*impl, key, hex(v::kS252Message)), hex(v::kS252Tag)) << impl->name;
}

// RFC 8439 Appendix A.3, vectors #1-#4 (given as a 32-byte key).
TEST(Poly1305, AppendixA3Vectors1To4) {
  const char* const cases[][3] = {{v::kA3Key1, v::kA3Text1, v::kA3Tag1},
                                  {v::kA3Key2, v::kA3Text2, v::kA3Tag2},
                                  {v::kA3Key3, v::kA3Text3, v::kA3Tag3},
                                  {v::kA3Key4, v::kA3Text4, v::kA3Tag4}};
  int n = 1;
  for (const auto& c : cases) {
    for (const auto* impl : runnable())
      EXPECT_EQ(mac(*impl, hex(c[0]), hex(c[1])), hex(c[2])) << "A.3 #" << n << " " << impl->name;
    ++n;
  }
}

// RFC 8439 Appendix A.3, vectors #5-#11 (given as R and S): partial reduction that is not full,
// s overflowing 2^128, all-ones limbs with carries, results of exactly 2^130-5 and 2^130-6, and
// 131-bit intermediate and final results of the 5*H+L reduction.
TEST(Poly1305, AppendixA3Vectors5To11CarryCases) {
  const char* const cases[][4] = {
      {v::kA3R5, v::kA3S5, v::kA3Text5, v::kA3Tag5},    {v::kA3R6, v::kA3S6, v::kA3Text6, v::kA3Tag6},
      {v::kA3R7, v::kA3S7, v::kA3Text7, v::kA3Tag7},    {v::kA3R8, v::kA3S8, v::kA3Text8, v::kA3Tag8},
      {v::kA3R9, v::kA3S9, v::kA3Text9, v::kA3Tag9},    {v::kA3R10, v::kA3S10, v::kA3Text10, v::kA3Tag10},
      {v::kA3R11, v::kA3S11, v::kA3Text11, v::kA3Tag11}};
  int n = 5;
  for (const auto& c : cases) {
    Bytes key = hex(c[0]);
    const Bytes s = hex(c[1]);
    key.insert(key.end(), s.begin(), s.end());
    for (const auto* impl : runnable())
      EXPECT_EQ(mac(*impl, key, hex(c[2])), hex(c[3])) << "A.3 #" << n << " " << impl->name;
    ++n;
  }
}

// Streaming in uneven pieces gives the one-shot tag.
TEST(Poly1305, StreamingEqualsOneShot) {
  const Bytes key = hex(v::kA3Key4);
  const Bytes msg = hex(v::kA3Text2);  // 375 bytes
  for (const auto* impl : runnable()) {
    const Bytes expected = mac(*impl, key, msg);
    for (std::size_t piece : {1u, 3u, 15u, 16u, 17u, 100u}) {
      Poly1305 p(std::span<const std::uint8_t, 32>(key.data(), 32), *impl);
      for (std::size_t off = 0; off < msg.size(); off += piece)
        p.update(ByteView(msg).subspan(off, std::min(piece, msg.size() - off)));
      const auto tag = p.finish();
      EXPECT_EQ(Bytes(tag.begin(), tag.end()), expected) << impl->name << " piece " << piece;
    }
  }
}

// The two implementations agree on random keys and messages, and on inputs built to stress the
// carries: all-0xff keys (maximal r after clamping, s = 2^128 - 1) and all-0xff messages.
TEST(Poly1305, ImplementationsAgree) {
  const auto& portable = *crypto::poly1305_implementation("portable");
  std::mt19937_64 rng(1305);
  auto check = [&](const Bytes& key, const Bytes& msg) {
    const Bytes expected = mac(portable, key, msg);
    for (const auto* impl : runnable())
      ASSERT_EQ(mac(*impl, key, msg), expected) << impl->name << " len " << msg.size();
  };
  for (std::size_t len : {0u, 1u, 15u, 16u, 17u, 31u, 32u, 33u, 64u, 255u, 256u, 1000u, 4096u}) {
    check(Bytes(32, 0xff), Bytes(len, 0xff));
    Bytes key(32, 0xff), msg(len, 0xff);
    for (int i = 0; i < 16; ++i) key[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(rng());
    check(key, msg);
  }
  for (int i = 0; i < 300; ++i) {
    Bytes key(32), msg(rng() % 600);
    for (auto& b : key) b = static_cast<std::uint8_t>(rng());
    // Mix random bytes with runs of 0xff and 0x00 to hit limb boundaries.
    const int style = i % 3;
    for (auto& b : msg)
      b = style == 0 ? static_cast<std::uint8_t>(rng())
                     : (style == 1 ? std::uint8_t{0xff} : static_cast<std::uint8_t>(rng() % 2 ? 0xff : 0));
    check(key, msg);
  }
}

}  // namespace
}  // namespace glasstls
