// The AEAD wrapper (glasstls/crypto/aead.hpp) with every implementation of every algorithm:
// length and buffer rules, in place == out of place, and tampering (RFC 5116 §2.2: decryption
// returns FAIL and no plaintext).
#include <array>
#include <cstdint>
#include <random>
#include <vector>

#include <sys/mman.h>

#include <gtest/gtest.h>

#include "glasstls/crypto/aead.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

constexpr std::array kAlgs = {AeadAlg::aes_128_gcm, AeadAlg::aes_256_gcm,
                              AeadAlg::chacha20_poly1305};

using test::random_bytes;

// Every implementation of `alg` this CPU can run.
std::vector<const AeadImplementation*> runnable(AeadAlg alg) {
  std::vector<const AeadImplementation*> out;
  for (const auto& impl : aead_implementations(alg))
    if (impl.available()) out.push_back(&impl);
  return out;
}

TEST(Aead, EveryAlgorithmHasARunnablePortableImplementation) {
  for (auto alg : kAlgs) {
    const auto* portable = aead_implementation(alg, "portable");
    ASSERT_NE(portable, nullptr) << aead_name(alg);
    EXPECT_TRUE(portable->portable);
    EXPECT_EQ(&aead_implementations(alg).back(), portable) << "portable must come last";
    EXPECT_TRUE(aead_default(alg).available());
  }
}

TEST(Aead, KeyLengthIsChecked) {
  for (auto alg : kAlgs) {
    for (std::size_t len : {0, 15, 16, 24, 31, 32, 33}) {
      auto a = Aead::create(alg, Bytes(len, 1));
      EXPECT_EQ(a.ok(), len == aead_key_size(alg)) << aead_name(alg) << " key " << len;
      if (!a.ok()) {
        EXPECT_EQ(a.error(), AeadStatus::bad_key_length);
      }
    }
  }
}

TEST(Aead, OutputLengthAndOverlapAreChecked) {
  for (auto alg : kAlgs) {
    auto a = Aead::create(alg, Bytes(aead_key_size(alg), 7));
    ASSERT_TRUE(a.ok());
    const std::array<std::uint8_t, 12> nonce{};
    Bytes buf(200, 0);
    const ByteView pt(buf.data(), 100);
    // Wrong output sizes.
    EXPECT_EQ(a->seal(nonce, {}, pt, MutableByteView(buf.data() + 100, 100)),
              AeadStatus::bad_output_length);
    EXPECT_EQ(a->open(nonce, {}, ByteView(buf.data(), 116), MutableByteView(buf.data() + 120, 80)),
              AeadStatus::bad_output_length);
    // Partial overlap, one byte off in place, either direction.
    EXPECT_EQ(a->seal(nonce, {}, pt, MutableByteView(buf.data() + 1, 116)),
              AeadStatus::overlapping_buffers);
    EXPECT_EQ(a->seal(nonce, {}, ByteView(buf.data() + 1, 100), MutableByteView(buf.data(), 116)),
              AeadStatus::overlapping_buffers);
    // Exactly in place and fully disjoint are fine.
    EXPECT_EQ(a->seal(nonce, {}, pt, MutableByteView(buf.data(), 116)), AeadStatus::ok);
    Bytes other(116);
    EXPECT_EQ(a->seal(nonce, {}, pt, other), AeadStatus::ok);
    // Shorter than a tag can never authenticate.
    Bytes none;
    EXPECT_EQ(a->open(nonce, {}, ByteView(buf.data(), 15), none), AeadStatus::authentication_failed);
  }
}

TEST(Aead, InPlaceEqualsOutOfPlaceAndRoundTrips) {
  std::mt19937_64 rng(20261127);
  for (auto alg : kAlgs) {
    for (const auto* impl : runnable(alg)) {
      for (std::size_t len : {0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, 4099}) {
        const Bytes key = random_bytes(rng, aead_key_size(alg));
        auto a = Aead::create(alg, key, *impl);
        ASSERT_TRUE(a.ok());
        const Bytes nonce_b = random_bytes(rng, 12);
        std::span<const std::uint8_t, 12> nonce(nonce_b.data(), 12);
        const Bytes aad = random_bytes(rng, len % 37);
        const Bytes pt = random_bytes(rng, len);

        Bytes out(len + 16);
        ASSERT_EQ(a->seal(nonce, aad, pt, out), AeadStatus::ok);
        Bytes inplace(len + 16);
        std::copy(pt.begin(), pt.end(), inplace.begin());
        ASSERT_EQ(a->seal(nonce, aad, ByteView(inplace.data(), len), inplace), AeadStatus::ok);
        EXPECT_EQ(out, inplace) << impl->name << " len " << len;

        Bytes back(len);
        ASSERT_EQ(a->open(nonce, aad, out, back), AeadStatus::ok) << impl->name << " len " << len;
        EXPECT_EQ(back, pt);
        // In-place open: the plaintext lands where the ciphertext was.
        ASSERT_EQ(a->open(nonce, aad, inplace, MutableByteView(inplace.data(), len)), AeadStatus::ok);
        EXPECT_TRUE(std::equal(pt.begin(), pt.end(), inplace.begin()));

        // Detached form agrees with the combined one.
        Bytes ct(len);
        std::array<std::uint8_t, 16> tag{};
        ASSERT_EQ(a->seal_detached(nonce, aad, pt, ct, tag), AeadStatus::ok);
        EXPECT_TRUE(std::equal(ct.begin(), ct.end(), out.begin()));
        EXPECT_TRUE(std::equal(tag.begin(), tag.end(), out.begin() + static_cast<long>(len)));
      }
    }
  }
}

// Any single flipped bit in the ciphertext, the tag, the AAD or the nonce makes open() fail, and
// the output buffer holds zeros afterwards (no unauthenticated plaintext is left behind).
TEST(Aead, EveryFlippedBitIsRejectedAndNoPlaintextRemains) {
  std::mt19937_64 rng(7);
  for (auto alg : kAlgs) {
    for (const auto* impl : runnable(alg)) {
      for (std::size_t len : {0, 1, 16, 33}) {
        auto a = Aead::create(alg, random_bytes(rng, aead_key_size(alg)), *impl);
        ASSERT_TRUE(a.ok());
        Bytes nonce = random_bytes(rng, 12);
        Bytes aad = random_bytes(rng, 13);
        const Bytes pt = random_bytes(rng, len);
        Bytes sealed(len + 16);
        ASSERT_EQ(a->seal(std::span<const std::uint8_t, 12>(nonce.data(), 12), aad, pt, sealed),
                  AeadStatus::ok);

        auto expect_rejected = [&](const char* what, std::size_t bit) {
          Bytes out(len, 0xaa);
          const auto st = a->open(std::span<const std::uint8_t, 12>(nonce.data(), 12), aad, sealed, out);
          EXPECT_EQ(st, AeadStatus::authentication_failed)
              << impl->name << " " << aead_name(alg) << " len " << len << " " << what << " bit " << bit;
          for (auto v : out) ASSERT_EQ(v, 0) << "plaintext left behind after a failed open";
        };
        for (std::size_t bit = 0; bit < sealed.size() * 8; ++bit) {
          sealed[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
          expect_rejected("ciphertext/tag", bit);
          sealed[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        }
        for (std::size_t bit = 0; bit < aad.size() * 8; ++bit) {
          aad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
          expect_rejected("aad", bit);
          aad[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        }
        for (std::size_t bit = 0; bit < 96; ++bit) {
          nonce[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
          expect_rejected("nonce", bit);
          nonce[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
        }
        // A truncated record and an appended byte fail too.
        Bytes out(len + 1);
        Bytes longer = sealed;
        longer.push_back(0);
        EXPECT_EQ(a->open(std::span<const std::uint8_t, 12>(nonce.data(), 12), aad, longer, out),
                  AeadStatus::authentication_failed);
        // Untouched, it opens.
        Bytes ok(len);
        EXPECT_EQ(a->open(std::span<const std::uint8_t, 12>(nonce.data(), 12), aad, sealed, ok),
                  AeadStatus::ok);
        EXPECT_EQ(ok, pt);
      }
    }
  }
}

TEST(Aead, MoveWipesTheSourceAndKeepsWorking) {
  auto a = Aead::create(AeadAlg::aes_128_gcm, Bytes(16, 3));
  ASSERT_TRUE(a.ok());
  Aead moved = std::move(a.value());
  const std::array<std::uint8_t, 12> nonce{};
  Bytes out(16);
  EXPECT_EQ(moved.seal(nonce, {}, {}, out), AeadStatus::ok);
  EXPECT_EQ(moved.alg(), AeadAlg::aes_128_gcm);
}

// The per-nonce limits (SP 800-38D §5.2.1.1, RFC 8439 §2.8) are enforced before any byte is
// read, so a sparse, never-touched mapping one byte longer than the limit is enough to test them.
TEST(Aead, MessagesBeyondTheNonceLimitAreRefused) {
  for (auto alg : kAlgs) {
    const std::uint64_t limit = aead_max_plaintext(alg);
    const std::size_t len = static_cast<std::size_t>(limit + 1);
    void* p = mmap(nullptr, len + 16, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) GTEST_SKIP() << "cannot reserve " << len << " bytes of address space";
    auto* base = static_cast<std::uint8_t*>(p);
    auto a = Aead::create(alg, Bytes(aead_key_size(alg), 1));
    ASSERT_TRUE(a.ok());
    const std::array<std::uint8_t, 12> nonce{};
    std::array<std::uint8_t, 16> tag{};
    EXPECT_EQ(a->seal_detached(nonce, {}, ByteView(base, len), MutableByteView(base, len), tag),
              AeadStatus::message_too_long) << aead_name(alg);
    EXPECT_EQ(a->open_detached(nonce, {}, ByteView(base, len), tag, MutableByteView(base, len)),
              AeadStatus::message_too_long) << aead_name(alg);
    munmap(p, len + 16);
  }
}

TEST(Aead, StatusStringsAndLimits) {
  EXPECT_EQ(aead_max_plaintext(AeadAlg::aes_256_gcm), (std::uint64_t{1} << 36) - 32);
  EXPECT_EQ(aead_max_plaintext(AeadAlg::chacha20_poly1305), 274877906880ull);  // RFC 8439 §2.8
  EXPECT_EQ(to_string(AeadStatus::authentication_failed), "authentication failed (tag mismatch)");
  EXPECT_EQ(aead_name(AeadAlg::aes_256_gcm), "AES-256-GCM");
}

}  // namespace
}  // namespace glasstls::crypto
