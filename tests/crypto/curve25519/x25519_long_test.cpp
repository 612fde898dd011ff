// RFC 7748 §5.2, the last check: one million chained X25519 iterations (label `long`; about a
// minute). Each iteration sets k = X25519(k, u) and u = the old k, starting from k = u = 9.
#include <algorithm>

#include <gtest/gtest.h>

#include "glasstls/crypto/x25519.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

X25519Key key(std::string_view h) {
  X25519Key k{};
  const Bytes b = test::hex(h);
  std::copy(b.begin(), b.end(), k.begin());
  return k;
}

TEST(X25519Long, Rfc7748Section52OneMillionIterations) {
  X25519Key k = key("0900000000000000000000000000000000000000000000000000000000000000");
  X25519Key u = k;
  for (int i = 0; i < 1000000; ++i) {
    const X25519Key r = x25519_unchecked(k, u);
    u = k;
    k = r;
    if (i == 999) {
      ASSERT_EQ(k, key("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51"));
    }
  }
  EXPECT_EQ(k, key("7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424"));
}

}  // namespace
}  // namespace glasstls::crypto
