// Helpers shared by the tests: peers that may be missing, where vector files live, hex literals,
// and a reader for NIST CAVP .rsp files.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "glasstls/core/bytes.hpp"

namespace glasstls::test {

/// True when the environment says CI=true: a missing peer is then a failure, not a skip.
bool ci_mode();

/// Decodes hex typed into a test (spaces, newlines and ':' allowed); aborts the test binary on a
/// typo rather than testing the wrong bytes.
Bytes hex(std::string_view h);

/// n bytes from a seeded generator: tests are reproducible, yet cover many inputs.
Bytes random_bytes(std::mt19937_64& rng, std::size_t n);

/// The shared reference shelf's vectors/ folder, if this checkout has one beside it.
std::optional<std::filesystem::path> shared_vectors_dir();
/// The python3-cryptography-vectors tree, if installed.
std::optional<std::filesystem::path> pyca_vectors_dir();

/// One record of a CAVP response file: its "Key = Value" lines, plus the bracketed section
/// header in force (e.g. "[L = 32]" gives section["L"] = "32").
struct RspRecord {
  std::map<std::string, std::string> fields;
  std::map<std::string, std::string> section;
  std::size_t line = 0;  // where the record starts, for failure messages
  const std::string& at(const std::string& key) const { return fields.at(key); }
  bool has(const std::string& key) const { return fields.count(key) != 0; }
};
/// Reads a .rsp file (CRLF tolerated; '#' comments skipped). Empty on open failure.
std::vector<RspRecord> read_rsp(const std::filesystem::path& file);

}  // namespace glasstls::test

/// Skips the current test with a printed reason when a peer or file is missing — or fails it when
/// CI=true, because CI installs every peer and a silent skip there would hide a broken setup.
#define GLASSTLS_REQUIRE_PEER(available, reason)                                   \
  do {                                                                             \
    if (!(available)) {                                                            \
      if (::glasstls::test::ci_mode()) {                                           \
        FAIL() << "missing peer under CI=true: " << (reason);                      \
      } else {                                                                     \
        GTEST_SKIP() << "skipped: " << (reason);                                   \
      }                                                                            \
    }                                                                              \
  } while (0)
