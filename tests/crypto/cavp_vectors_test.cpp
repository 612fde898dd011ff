// NIST CAVP byte-oriented SHA test vectors (SHAVS "shabytetestvectors": SHA256ShortMsg.rsp,
// SHA256LongMsg.rsp, SHA384ShortMsg.rsp, SHA384LongMsg.rsp, SHA512ShortMsg.rsp) from the shared
// reference shelf. Every record is checked with every implementation this CPU can run.
//
// Record format: "Len = <bits>", "Msg = <hex>", "MD = <hex>". Len is in bits; Len = 0 means the
// empty message even though the file writes "Msg = 00".
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "glasstls/crypto/sha1.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "glasstls/crypto/sha512.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

std::filesystem::path sha_dir() {
  const auto dir = test::shared_vectors_dir();
  if (!dir) return {};
  return *dir / "nist-cavp" / "shabytetestvectors";
}

// Calls check(message, expected_digest_hex, line) for each record; returns how many.
template <class Check>
std::size_t for_each_record(const std::filesystem::path& file, Check&& check) {
  const auto records = test::read_rsp(file);
  std::size_t n = 0;
  for (const auto& r : records) {
    if (!r.has("Len") || !r.has("Msg") || !r.has("MD")) continue;
    const std::size_t bits = std::stoul(r.at("Len"));
    EXPECT_EQ(bits % 8, 0u) << file << ":" << r.line << " is not byte-oriented";
    Bytes msg = test::hex(r.at("Msg"));
    msg.resize(bits / 8);  // Len = 0: "Msg = 00" stands for the empty message
    check(ByteView(msg), r.at("MD"), r.line);
    ++n;
  }
  return n;
}

#define REQUIRE_FILE(path)                                                                  \
  GLASSTLS_REQUIRE_PEER(!(path).empty() && std::filesystem::exists(path),                   \
                        "NIST CAVP SHA vectors not found under the shared reference shelf " \
                        "(set GLASSTLS_SHARED_DIR)")

TEST(CavpSha256, ShortAndLongMessagesEveryImplementation) {
  for (const char* name : {"SHA256ShortMsg.rsp", "SHA256LongMsg.rsp"}) {
    const auto file = sha_dir().empty() ? std::filesystem::path() : sha_dir() / name;
    REQUIRE_FILE(file);
    for (const auto& impl : sha256_implementations()) {
      if (!impl.available()) continue;
      SCOPED_TRACE(std::string(name) + " with " + std::string(impl.name));
      const std::size_t n =
          for_each_record(file, [&](ByteView msg, const std::string& md, std::size_t line) {
            Sha256 h(impl);
            h.update(msg);
            EXPECT_EQ(hex_encode(h.finish()), md) << "line " << line;
          });
      EXPECT_GE(n, 64u) << "too few records parsed";
    }
  }
}

TEST(CavpSha384, ShortAndLongMessages) {
  for (const char* name : {"SHA384ShortMsg.rsp", "SHA384LongMsg.rsp"}) {
    const auto file = sha_dir().empty() ? std::filesystem::path() : sha_dir() / name;
    REQUIRE_FILE(file);
    for (const auto& impl : sha512_implementations()) {
      if (!impl.available()) continue;
      SCOPED_TRACE(std::string(name) + " with " + std::string(impl.name));
      const std::size_t n =
          for_each_record(file, [&](ByteView msg, const std::string& md, std::size_t line) {
            Sha384 h(impl);
            h.update(msg);
            EXPECT_EQ(hex_encode(h.finish()), md) << "line " << line;
          });
      EXPECT_GE(n, 64u) << "too few records parsed";
    }
  }
}

TEST(CavpSha512, ShortMessages) {
  const auto file = sha_dir().empty() ? std::filesystem::path() : sha_dir() / "SHA512ShortMsg.rsp";
  REQUIRE_FILE(file);
  for (const auto& impl : sha512_implementations()) {
    if (!impl.available()) continue;
    SCOPED_TRACE(std::string(impl.name));
    const std::size_t n =
        for_each_record(file, [&](ByteView msg, const std::string& md, std::size_t line) {
          Sha512 h(impl);
          h.update(msg);
          EXPECT_EQ(hex_encode(h.finish()), md) << "line " << line;
        });
    EXPECT_GE(n, 128u) << "too few records parsed";
  }
}


// ---- Files from Debian's python3-cryptography-vectors (pyca's copy of the same NIST SHAVS
// sets), which .ci/run installs: SHA-1 (not on the shelf), SHA-512 long messages, and the SHA-256
// Monte Carlo test. A learner's machine without the package skips these with a reason.

std::filesystem::path pyca_file(const char* sub) {
  const auto dir = test::pyca_vectors_dir();
  return dir ? *dir / "hashes" / sub : std::filesystem::path();
}

#define REQUIRE_PYCA(path)                                                         \
  GLASSTLS_REQUIRE_PEER(!(path).empty() && std::filesystem::exists(path),          \
                        "python3-cryptography-vectors not installed (apt-get install " \
                        "python3-cryptography-vectors)")

TEST(CavpPyca, Sha1ShortAndLongMessages) {
  for (const char* name : {"SHA1/SHA1ShortMsg.rsp", "SHA1/SHA1LongMsg.rsp"}) {
    const auto file = pyca_file(name);
    REQUIRE_PYCA(file);
    for (const auto& impl : sha1_implementations()) {
      if (!impl.available()) continue;
      SCOPED_TRACE(std::string(name) + " with " + std::string(impl.name));
      const std::size_t n =
          for_each_record(file, [&](ByteView msg, const std::string& md, std::size_t line) {
            Sha1 h(impl);
            h.update(msg);
            EXPECT_EQ(hex_encode(h.finish()), md) << "line " << line;
          });
      EXPECT_GE(n, 64u) << "too few records parsed";
    }
  }
}

TEST(CavpPyca, Sha512LongMessages) {
  const auto file = pyca_file("SHA2/SHA512LongMsg.rsp");
  REQUIRE_PYCA(file);
  const std::size_t n =
      for_each_record(file, [&](ByteView msg, const std::string& md, std::size_t line) {
        EXPECT_EQ(hex_encode(Sha512::hash(msg)), md) << "line " << line;
      });
  EXPECT_GE(n, 64u);
}

// SHAVS §6.4 Monte Carlo test: from a seed, 100 checkpoints, each the last of 1,000 chained
// hashes of the three previous digests (M_i = MD_{i-3} || MD_{i-2} || MD_{i-1}).
TEST(CavpPyca, Sha256MonteCarloEveryImplementation) {
  const auto file = pyca_file("SHA2/SHA256Monte.rsp");
  REQUIRE_PYCA(file);
  const auto records = test::read_rsp(file);
  Bytes seed;
  std::vector<std::string> expected;
  for (const auto& r : records) {
    if (r.has("Seed")) seed = test::hex(r.at("Seed"));
    if (r.has("COUNT") && r.has("MD")) expected.push_back(r.at("MD"));
  }
  ASSERT_EQ(seed.size(), 32u);
  ASSERT_EQ(expected.size(), 100u);
  for (const auto& impl : sha256_implementations()) {
    if (!impl.available()) continue;
    SCOPED_TRACE(std::string(impl.name));
    Bytes s = seed;
    for (std::size_t j = 0; j < 100; ++j) {
      std::array<Bytes, 3> md{s, s, s};
      for (int i = 3; i < 1003; ++i) {
        Sha256 h(impl);
        h.update(md[0]);
        h.update(md[1]);
        h.update(md[2]);
        const auto d = h.finish();
        md[0] = md[1];
        md[1] = md[2];
        md[2] = Bytes(d.begin(), d.end());
      }
      s = md[2];
      ASSERT_EQ(hex_encode(s), expected[j]) << "checkpoint " << j;
    }
  }
}

}  // namespace
}  // namespace glasstls::crypto
