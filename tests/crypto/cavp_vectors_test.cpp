// NIST CAVP byte-oriented SHA test vectors (SHAVS "shabytetestvectors": SHA256ShortMsg.rsp,
// SHA256LongMsg.rsp, SHA384ShortMsg.rsp, SHA384LongMsg.rsp, SHA512ShortMsg.rsp) from the shared
// reference shelf. Every record is checked with every implementation this CPU can run.
//
// Record format: "Len = <bits>", "Msg = <hex>", "MD = <hex>". Len is in bits; Len = 0 means the
// empty message even though the file writes "Msg = 00".
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

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

}  // namespace
}  // namespace glasstls::crypto
