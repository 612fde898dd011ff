// AES-GCM against the NIST CAVP response files (gcmtestvectors.zip, "GCM Test Vectors (SP
// 800-38D)") on the shared reference shelf: every record with IVlen = 96 and Taglen = 128 — the
// only nonce and tag sizes glasstls offers — for every implementation this CPU can run.
//   gcmEncryptExtIV{128,256}: seal must give the stated CT and Tag.
//   gcmDecrypt{128,256}:      open must give the stated PT, or fail where the record says FAIL.
// The 256-bit files are gzip-compressed on the shelf; they are decompressed into a temporary
// directory at test time (never copied into the repository).
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "glasstls/crypto/aead.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> gcm_dir() {
  const auto v = test::shared_vectors_dir();
  if (!v) return std::nullopt;
  const fs::path d = *v / "nist-cavp" / "gcmtestvectors";
  if (!fs::is_directory(d)) return std::nullopt;
  return d;
}

// The .rsp file itself, or its .rsp.gz decompressed into the temporary directory.
std::optional<fs::path> rsp_file(const fs::path& dir, const std::string& name) {
  if (fs::exists(dir / name)) return dir / name;
  const fs::path gz = dir / (name + ".gz");
  if (!fs::exists(gz)) return std::nullopt;
  const fs::path out =
      fs::temp_directory_path() / ("glasstls_" + std::to_string(::getpid()) + "_" + name);
  const std::string cmd = "gzip -dc '" + gz.string() + "' > '" + out.string() + "'";
  if (std::system(cmd.c_str()) != 0) return std::nullopt;
  return out;
}

bool wanted(const test::RspRecord& r) {
  return r.section.count("IVlen") && r.section.at("IVlen") == "96" && r.section.count("Taglen") &&
         r.section.at("Taglen") == "128" && r.has("Key");
}

AeadAlg alg_for(std::size_t key_len) {
  return key_len == 16 ? AeadAlg::aes_128_gcm : AeadAlg::aes_256_gcm;
}

void run_file(const std::string& name, bool decrypt) {
  const auto dir = gcm_dir();
  GLASSTLS_REQUIRE_PEER(dir.has_value(), "no nist-cavp/gcmtestvectors folder on the shared shelf");
  const auto file = rsp_file(*dir, name);
  GLASSTLS_REQUIRE_PEER(file.has_value(), name + " (or .gz, with gzip) not available");
  const auto records = test::read_rsp(*file);
  if (file->parent_path() == fs::temp_directory_path()) fs::remove(*file);
  ASSERT_FALSE(records.empty()) << name;

  std::size_t checked = 0, failures_expected = 0;
  for (const auto& impl : aes_gcm_implementations()) {
    if (!impl.available()) continue;
    for (const auto& r : records) {
      if (!wanted(r)) continue;
      SCOPED_TRACE(name + " line " + std::to_string(r.line) + " / " + std::string(impl.name));
      const Bytes key = test::hex(r.at("Key"));
      const Bytes iv = test::hex(r.at("IV"));
      const Bytes aad = test::hex(r.at("AAD"));
      const Bytes ct = test::hex(r.at("CT"));
      const Bytes tag = test::hex(r.at("Tag"));
      ASSERT_EQ(iv.size(), 12u);
      auto aead = Aead::create(alg_for(key.size()), key, impl);
      ASSERT_TRUE(aead.ok());
      const auto nonce = std::span<const std::uint8_t, 12>(iv.data(), 12);
      if (!decrypt) {
        const Bytes pt = test::hex(r.at("PT"));
        Bytes out(pt.size() + kAeadTagSize);
        ASSERT_EQ(aead->seal(nonce, aad, pt, out), AeadStatus::ok);
        Bytes want = ct;
        want.insert(want.end(), tag.begin(), tag.end());
        ASSERT_EQ(out, want);
      } else {
        Bytes record = ct;
        record.insert(record.end(), tag.begin(), tag.end());
        Bytes out(ct.size());
        const auto st = aead->open(nonce, aad, record, out);
        if (r.has("FAIL")) {
          ASSERT_EQ(st, AeadStatus::authentication_failed);
          ++failures_expected;
        } else {
          ASSERT_EQ(st, AeadStatus::ok);
          ASSERT_EQ(out, test::hex(r.at("PT")));
        }
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 0u) << name;
  if (decrypt) {
    EXPECT_GT(failures_expected, 0u) << name;
  }
  std::printf("%s: %zu record checks\n", name.c_str(), checked);
}

TEST(AesGcmCavp, EncryptExtIV128) {
  run_file("gcmEncryptExtIV128.rsp", false);
}
TEST(AesGcmCavp, EncryptExtIV256) {
  run_file("gcmEncryptExtIV256.rsp", false);
}
TEST(AesGcmCavp, Decrypt128) {
  run_file("gcmDecrypt128.rsp", true);
}
TEST(AesGcmCavp, Decrypt256) {
  run_file("gcmDecrypt256.rsp", true);
}

}  // namespace
}  // namespace glasstls::crypto
