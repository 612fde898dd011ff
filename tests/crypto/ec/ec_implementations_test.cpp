// Every registered P-256/P-384 implementation (ec_implementations(): the x86-64 assembly field
// and the portable C++ one) through its EcOps table directly, whatever GLASSTLS_PORTABLE chose as
// the default: the RFC 6979 §A.2.5/§A.2.6 and RFC 5903 §8.1/§8.2 known answers, then each
// implementation against the portable one on seeded random keys, nonces and digests.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "ec_rfc_vectors.hpp"
#include "ec_test_util.hpp"
#include "glasstls/core/cpu.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/hash.hpp"

namespace glasstls::ectest {
namespace {

using crypto::EcImplementation;

std::vector<const EcImplementation*> runnable() {
  std::vector<const EcImplementation*> out;
  for (const auto& impl : crypto::ec_implementations())
    if (impl.available()) out.push_back(&impl);
  return out;
}

std::string label(const EcImplementation& impl, EcCurve curve) {
  return std::string(impl.name) + " " + std::string(crypto::ec_curve_name(curve));
}

/// A scalar in [1, n−1] from the seeded generator (from_scalar does the range check).
Bytes random_scalar(EcCurve curve, std::mt19937_64& rng) {
  for (;;) {
    Bytes d = test::random_bytes(rng, crypto::ec_scalar_size(curve));
    if (crypto::EcPrivateKey::from_scalar(curve, d).ok()) return d;
  }
}

TEST(EcImplementations, RegistryShape) {
  const auto table = crypto::ec_implementations();
  ASSERT_FALSE(table.empty());
  // Fastest first, the portable reference last (core/registry.hpp).
  EXPECT_TRUE(table.back().portable);
  EXPECT_EQ(table.back().name, "portable");
  ASSERT_NE(crypto::ec_implementation("portable"), nullptr);
  EXPECT_EQ(crypto::ec_implementation("no such implementation"), nullptr);
  bool found = false;
  for (const auto& impl : table) found = found || &impl == &crypto::ec_default();
  EXPECT_TRUE(found) << "ec_default() is not one of ec_implementations()";
  if (portable_forced()) {
    EXPECT_TRUE(crypto::ec_default().portable);
  }
  std::printf("EC implementations:");
  for (const auto* impl : runnable())
    std::printf(" %s%s", std::string(impl->name).c_str(),
                impl == &crypto::ec_default() ? " (default)" : "");
  std::printf("\n");
}

void check_rfc6979_ops(const EcImplementation& impl, const Rfc6979Key& kp,
                       std::span<const Rfc6979Case> cases) {
  const EcCurve curve = kp.curve;
  SCOPED_TRACE(label(impl, curve));
  const std::size_t size = crypto::ec_scalar_size(curve);
  const Bytes d = test::hex(kp.x);
  std::array<std::uint8_t, 2 * crypto::kEcMaxScalarSize> xy{};
  impl.ops.public_point(curve, xy.data(), d.data());
  EXPECT_EQ(hex_encode(ByteView(xy.data(), 2 * size)), lower_hex(kp.ux) + lower_hex(kp.uy));
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(crypto::hash_name(c.hash)) + " \"" + c.message + "\"");
    const auto digest = crypto::Hash::hash(c.hash, as_bytes(c.message));
    const Bytes k = test::hex(c.k);
    crypto::EcdsaSignature sig;
    ASSERT_TRUE(impl.ops.sign(curve, sig, d.data(), digest.view(), k.data()));
    EXPECT_EQ(sig.size, size);
    EXPECT_EQ(hex_encode(sig.r_view()), lower_hex(c.r));
    EXPECT_EQ(hex_encode(sig.s_view()), lower_hex(c.s));
    EXPECT_TRUE(impl.ops.verify(curve, xy.data(), digest.view(), sig));
    auto bad = sig;
    bad.s[size - 1] ^= 1;
    EXPECT_FALSE(impl.ops.verify(curve, xy.data(), digest.view(), bad));
  }
}

TEST(EcImplementations, Rfc6979EveryImplementation) {
  for (const auto* impl : runnable()) {
    check_rfc6979_ops(*impl, kRfc6979P256Key, kRfc6979P256);
    check_rfc6979_ops(*impl, kRfc6979P384Key, kRfc6979P384);
  }
}

TEST(EcImplementations, Rfc5903EveryImplementation) {
  for (const auto* impl : runnable()) {
    for (const auto& c : kRfc5903) {
      SCOPED_TRACE(label(*impl, c.curve));
      const std::size_t size = crypto::ec_scalar_size(c.curve);
      const Bytes i = test::hex(c.i), r = test::hex(c.r);
      std::array<std::uint8_t, 2 * crypto::kEcMaxScalarSize> gi{}, gr{};
      impl->ops.public_point(c.curve, gi.data(), i.data());
      impl->ops.public_point(c.curve, gr.data(), r.data());
      EXPECT_EQ(hex_encode(ByteView(gi.data(), 2 * size)), lower_hex(c.gix) + lower_hex(c.giy));
      EXPECT_EQ(hex_encode(ByteView(gr.data(), 2 * size)), lower_hex(c.grx) + lower_hex(c.gry));
      std::array<std::uint8_t, crypto::kEcMaxScalarSize> x1{}, x2{};
      ASSERT_TRUE(impl->ops.shared_x(c.curve, x1.data(), i.data(), gr.data()));
      ASSERT_TRUE(impl->ops.shared_x(c.curve, x2.data(), r.data(), gi.data()));
      EXPECT_EQ(hex_encode(ByteView(x1.data(), size)), lower_hex(c.girx));
      EXPECT_EQ(hex_encode(ByteView(x2.data(), size)), lower_hex(c.girx));
    }
  }
}

// Each implementation against the portable reference on the same random inputs.
TEST(EcImplementations, CrossCheckAgainstPortable) {
  const EcImplementation* portable = crypto::ec_implementation("portable");
  ASSERT_NE(portable, nullptr);
  std::mt19937_64 rng(0xC0FFEE);
  int compared = 0;
  for (const auto* impl : runnable()) {
    if (impl == portable) continue;
    for (EcCurve curve : kCurves) {
      SCOPED_TRACE(label(*impl, curve));
      const std::size_t size = crypto::ec_scalar_size(curve);
      for (int i = 0; i < 100; ++i) {
        SCOPED_TRACE("iteration " + std::to_string(i));
        const Bytes d = random_scalar(curve, rng), e = random_scalar(curve, rng);
        const Bytes k = random_scalar(curve, rng);
        // Digests of every length a HashAlg gives (20 to 64 bytes): shorter and longer than n.
        const std::size_t dlen = crypto::digest_size(kHashes[rng() % std::size(kHashes)]);
        const Bytes digest = test::random_bytes(rng, dlen);

        std::array<std::uint8_t, 2 * crypto::kEcMaxScalarSize> q1{}, q2{}, qe{};
        impl->ops.public_point(curve, q1.data(), d.data());
        portable->ops.public_point(curve, q2.data(), d.data());
        ASSERT_EQ(hex_encode(ByteView(q1.data(), 2 * size)),
                  hex_encode(ByteView(q2.data(), 2 * size)));
        portable->ops.public_point(curve, qe.data(), e.data());

        std::array<std::uint8_t, crypto::kEcMaxScalarSize> x1{}, x2{};
        ASSERT_TRUE(impl->ops.shared_x(curve, x1.data(), d.data(), qe.data()));
        ASSERT_TRUE(portable->ops.shared_x(curve, x2.data(), d.data(), qe.data()));
        EXPECT_EQ(hex_encode(ByteView(x1.data(), size)), hex_encode(ByteView(x2.data(), size)));

        crypto::EcdsaSignature s1, s2;
        ASSERT_TRUE(impl->ops.sign(curve, s1, d.data(), digest, k.data()));
        ASSERT_TRUE(portable->ops.sign(curve, s2, d.data(), digest, k.data()));
        EXPECT_EQ(hex_encode(s1.r_view()), hex_encode(s2.r_view()));
        EXPECT_EQ(hex_encode(s1.s_view()), hex_encode(s2.s_view()));
        EXPECT_TRUE(impl->ops.verify(curve, q1.data(), digest, s1));
        EXPECT_TRUE(portable->ops.verify(curve, q1.data(), digest, s1));
        // A wrong key: both say no.
        EXPECT_FALSE(impl->ops.verify(curve, qe.data(), digest, s1));
        EXPECT_FALSE(portable->ops.verify(curve, qe.data(), digest, s1));
        ++compared;
      }
    }
  }
  std::printf("%d random cases compared against the portable implementation\n", compared);
}

}  // namespace
}  // namespace glasstls::ectest
