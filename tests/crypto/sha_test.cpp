// SHA-1, SHA-256, SHA-384, SHA-512: known answers, then properties (streaming == one-shot,
// copies continue independently, finish() resets). Every SHA-256 implementation this CPU can run
// goes through every SHA-256 case.
//
// Known answers. FIPS 180-4 prints no example digests; Appendix A.2 points to NIST's example pages
// (csrc.nist.gov/groups/ST/toolkit/examples.html), which use these messages:
//   "abc"                                                        (one block),
//   "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"   (448 bits: two SHA-1/256 blocks),
//   "abcdefghbcdefghicdefghijdefghijk...nopqrstu"               (896 bits: two SHA-384/512 blocks),
// and one million repetitions of "a" (the long-message example of the FIPS 180-2 appendices).
// Those pages are not on the offline reference shelf, so the digests below were not recalled but
// produced on the development machine with GNU coreutils 9.1 (sha1sum, sha256sum, sha384sum,
// sha512sum) and typed in; the CAVP files (cavp_vectors_test.cpp) and OpenSSL
// (openssl_diff_test.cpp) check the same code independently.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "glasstls/core/registry.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/crypto/sha1.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "glasstls/crypto/sha512.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

using test::hex;

const std::string kAbc = "abc";
const std::string k448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const std::string k896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnop"
    "qrsmnopqrstnopqrstu";
const std::string kMillionA(1000000, 'a');

struct Kat {
  const std::string* message;
  const char* digest_hex;
};

template <class Digest>
std::string hex_of(const Digest& d) {
  return hex_encode(ByteView(d.data(), d.size()));
}

// Hashes `message` with `h` in one update and again in pieces of 1, 63, 64, 65, 1000 ... bytes, to
// exercise the buffering on both sides of the block boundary.
template <class H>
void expect_kat(H& h, const std::string& message, const std::string& expected) {
  h.update(as_bytes(message));
  EXPECT_EQ(hex_of(h.finish()), expected) << "one update, length " << message.size();
  for (std::size_t piece : {std::size_t{1}, std::size_t{63}, std::size_t{65}, std::size_t{1000}}) {
    if (message.size() > 100000 && piece < 63) continue;  // keep the million-a case quick
    for (std::size_t off = 0; off < message.size(); off += piece)
      h.update(as_bytes(std::string_view(message).substr(off, piece)));
    EXPECT_EQ(hex_of(h.finish()), expected) << "pieces of " << piece;
  }
}

std::vector<const Sha256Implementation*> runnable_sha256() {
  std::vector<const Sha256Implementation*> out;
  for (const auto& impl : sha256_implementations())
    if (impl.available()) out.push_back(&impl);
  return out;
}

TEST(Sha1, KnownAnswers) {
  const Kat kats[] = {
      {&kAbc, "a9993e364706816aba3e25717850c26c9cd0d89d"},
      {&k448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1"},
      {&kMillionA, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"},
  };
  for (const auto& k : kats) {
    Sha1 h;
    expect_kat(h, *k.message, k.digest_hex);
  }
  EXPECT_EQ(hex_of(Sha1::hash({})), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

TEST(Sha256, KnownAnswersEveryImplementation) {
  const Kat kats[] = {
      {&kAbc, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {&k448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {&kMillionA, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
  };
  const auto impls = runnable_sha256();
  ASSERT_FALSE(impls.empty());
  for (const auto* impl : impls) {
    SCOPED_TRACE(std::string(impl->name));
    for (const auto& k : kats) {
      Sha256 h(*impl);
      expect_kat(h, *k.message, k.digest_hex);
    }
    Sha256 empty(*impl);
    EXPECT_EQ(hex_of(empty.finish()),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}

TEST(Sha384, KnownAnswers) {
  const Kat kats[] = {
      {&kAbc,
       "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
       "8086072ba1e7cc2358baeca134c825a7"},
      {&k448,
       "3391fdddfc8dc7393707a65b1b4709397cf8b1d162af05abfe8f450de5f36bc6"
       "b0455a8520bc4e6f5fe95b1fe3c8452b"},
      {&k896,
       "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712"
       "fcc7c71a557e2db966c3e9fa91746039"},
      {&kMillionA,
       "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b"
       "07b8b3dc38ecc4ebae97ddd87f3d8985"},
  };
  for (const auto& impl : sha512_implementations()) {
    if (!impl.available()) continue;
    SCOPED_TRACE(std::string(impl.name));
    for (const auto& k : kats) {
      Sha384 h(impl);
      expect_kat(h, *k.message, k.digest_hex);
    }
  }
}

TEST(Sha512, KnownAnswers) {
  const Kat kats[] = {
      {&kAbc,
       "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
       "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"},
      {&k448,
       "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
       "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"},
      {&k896,
       "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
       "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"},
      {&kMillionA,
       "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
       "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"},
  };
  for (const auto& impl : sha512_implementations()) {
    if (!impl.available()) continue;
    SCOPED_TRACE(std::string(impl.name));
    for (const auto& k : kats) {
      Sha512 h(impl);
      expect_kat(h, *k.message, k.digest_hex);
    }
  }
}

// ---- properties -------------------------------------------------------------------------------

Bytes random_bytes(std::mt19937& rng, std::size_t n) {
  Bytes b(n);
  for (auto& x : b) x = static_cast<std::uint8_t>(rng());
  return b;
}

// Streaming at random split points gives the one-shot digest; a copy taken mid-stream and the
// original, both continued with the rest, give it too; finish() leaves a fresh hash behind.
template <class H, class... Args>
void check_properties(Args&&... args) {
  std::mt19937 rng(20261127);
  for (int round = 0; round < 200; ++round) {
    const std::size_t len = rng() % 700;
    const Bytes msg = random_bytes(rng, len);
    H one_shot(args...);
    one_shot.update(msg);
    const auto expected = one_shot.finish();

    H streamed(args...);
    std::size_t pos = 0;
    std::size_t split_at = len == 0 ? 0 : rng() % (len + 1);
    while (pos < len) {
      const std::size_t step = std::min<std::size_t>(rng() % 150, len - pos);
      streamed.update(ByteView(msg).subspan(pos, step));
      pos += step;
      if (pos >= split_at && split_at != static_cast<std::size_t>(-1)) {
        // Copy mid-stream; both continue with the same remaining bytes.
        H copy = streamed;
        copy.update(ByteView(msg).subspan(pos));
        EXPECT_EQ(copy.finish(), expected) << "copy at " << pos << " of " << len;
        split_at = static_cast<std::size_t>(-1);
      }
    }
    EXPECT_EQ(streamed.finish(), expected) << "length " << len;

    // finish() reset the object: hashing the same message again gives the same digest.
    one_shot.update(msg);
    EXPECT_EQ(one_shot.finish(), expected);
  }
}

TEST(HashProperties, StreamingCopyAndReset) {
  check_properties<Sha1>();
  for (const auto* impl : runnable_sha256()) {
    SCOPED_TRACE(std::string(impl->name));
    check_properties<Sha256>(*impl);
  }
  check_properties<Sha384>();
  check_properties<Sha512>();
}

TEST(HashProperties, Sha256ImplementationsAgree) {
  // Cross-implementation: every runnable SHA-256 matches the portable one on every length up to
  // a few blocks (all padding positions) and on a longer input.
  const auto* portable = sha256_implementation("portable");
  ASSERT_NE(portable, nullptr);
  std::mt19937 rng(7);
  const Bytes data = random_bytes(rng, 5000);
  std::vector<std::size_t> lengths;
  for (std::size_t n = 0; n < 300; ++n) lengths.push_back(n);
  lengths.push_back(data.size());
  for (const auto* impl : runnable_sha256()) {
    SCOPED_TRACE(std::string(impl->name));
    for (std::size_t n : lengths) {
      Sha256 a(*impl), b(*portable);
      a.update(ByteView(data).first(n));
      b.update(ByteView(data).first(n));
      ASSERT_EQ(a.finish(), b.finish()) << "length " << n;
    }
  }
}

TEST(Hash, RuntimeDispatchMatchesConcreteClasses) {
  const auto msg = as_bytes("glasstls");
  const struct {
    HashAlg alg;
    std::size_t digest, block;
    const char* name;
  } rows[] = {{HashAlg::sha1, 20, 64, "sha1"},
              {HashAlg::sha256, 32, 64, "sha256"},
              {HashAlg::sha384, 48, 128, "sha384"},
              {HashAlg::sha512, 64, 128, "sha512"}};
  for (const auto& r : rows) {
    EXPECT_EQ(digest_size(r.alg), r.digest);
    EXPECT_EQ(block_size(r.alg), r.block);
    EXPECT_EQ(hash_name(r.alg), r.name);
    Hash h(r.alg);
    EXPECT_EQ(h.alg(), r.alg);
    h.update(msg);
    Hash copy = h;
    const Digest d = h.finish();
    EXPECT_EQ(d.size, r.digest);
    EXPECT_EQ(hex_encode(copy.finish().view()), hex_encode(d.view()));
    EXPECT_EQ(hex_encode(Hash::hash(r.alg, msg).view()), hex_encode(d.view()));
  }
  EXPECT_EQ(hex_encode(Hash::hash(HashAlg::sha1, msg).view()), hex_of(Sha1::hash(msg)));
  EXPECT_EQ(hex_encode(Hash::hash(HashAlg::sha256, msg).view()), hex_of(Sha256::hash(msg)));
  EXPECT_EQ(hex_encode(Hash::hash(HashAlg::sha384, msg).view()), hex_of(Sha384::hash(msg)));
  EXPECT_EQ(hex_encode(Hash::hash(HashAlg::sha512, msg).view()), hex_of(Sha512::hash(msg)));
}

TEST(Hash, DigestIsAnAggregateValue) {
  Digest d{{0x01, 0x02, 0x03}, 3};
  Digest copy = d;
  EXPECT_EQ(hex_encode(copy.view()), "010203");
  copy = Hash::hash(HashAlg::sha1, {});
  EXPECT_EQ(copy.size, 20u);
}

// ---- registry ---------------------------------------------------------------------------------

TEST(Registry, Sha256TableShape) {
  const auto table = sha256_implementations();
  ASSERT_FALSE(table.empty());
  EXPECT_EQ(table.back().name, "portable");
  EXPECT_TRUE(table.back().portable);
  EXPECT_TRUE(table.back().available());
  EXPECT_NE(sha256_implementation("portable"), nullptr);
  EXPECT_EQ(sha256_implementation("no_such_thing"), nullptr);
  const auto* shani = sha256_implementation("sha_ni");
  const auto& cpu = cpu_features();
  // "sha_ni" is offered exactly when the CPU has the instructions (and it was compiled in).
  if (shani != nullptr) {
    EXPECT_TRUE(cpu.sha_ni && cpu.ssse3 && cpu.sse41);
  }
  // The default is the first available (portable under GLASSTLS_PORTABLE=1).
  const auto& def = sha256_default();
  if (portable_forced()) {
    EXPECT_TRUE(def.portable);
  } else {
    for (const auto& impl : table)
      if (impl.available()) {
        EXPECT_EQ(&def, &impl);
        break;
      }
  }
  EXPECT_EQ(&Sha256().implementation(), &def);
}

TEST(Registry, ListingHasEveryHash) {
  const auto rows = list_implementations();
  for (std::string_view prim : {"sha1", "sha256", "sha512"}) {
    int portable = 0, active = 0;
    for (const auto& r : rows) {
      if (r.primitive != prim) continue;
      if (r.name == "portable") ++portable;
      if (r.active) {
        ++active;
        EXPECT_TRUE(r.available);
      }
    }
    EXPECT_EQ(portable, 1) << prim;
    EXPECT_EQ(active, 1) << prim;
  }
}

}  // namespace
}  // namespace glasstls::crypto
