// Every record of the NIST CAVP RSA files (FIPS 186-3 "186-3rsatestvectors" on the reference
// shelf): SigGen15 and SigGenPSS signed here must match exactly (PSS with the file's salt
// injected); SigVer15 and SigVerPSS must give the file's P/F verdicts. SHA-224 is not
// implemented: those records are skipped and counted. SHA-1 records run under a policy that
// allows SHA-1 (and 1024-bit moduli).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "glasstls/crypto/rsa.hpp"
#include "support/test_support.hpp"

using namespace glasstls;
using crypto::HashAlg;

namespace {

std::optional<HashAlg> hash_of(const std::string& name) {
  if (name == "SHA1") return HashAlg::sha1;
  if (name == "SHA256") return HashAlg::sha256;
  if (name == "SHA384") return HashAlg::sha384;
  if (name == "SHA512") return HashAlg::sha512;
  return std::nullopt;  // SHA224: not implemented
}

// Hex from the files; a few values are printed with an odd number of digits (a dropped leading
// zero), so one is put back.
Bytes hexv(const std::string& h) { return test::hex(h.size() % 2 == 0 ? h : "0" + h); }

crypto::RsaPolicy cavp_policy() {
  crypto::RsaPolicy p;
  p.min_modulus_bits = 1024;
  p.allow_sha1 = true;
  return p;
}

std::optional<std::filesystem::path> cavp_file(const char* name) {
  auto dir = test::shared_vectors_dir();
  if (!dir) return std::nullopt;
  auto f = *dir / "nist-cavp" / "186-3rsatestvectors" / name;
  if (!std::filesystem::exists(f)) return std::nullopt;
  return f;
}

struct Counts {
  int run = 0, skipped_sha224 = 0;
};

// Records carry n (and e, d) forward from the record that last gave them.
template <class Fn>
Counts for_each_record(const std::filesystem::path& file, Fn fn) {
  Counts c;
  std::map<std::string, std::string> ctx;
  for (const auto& r : test::read_rsp(file)) {
    for (const char* k : {"n", "e", "d"})
      if (r.has(k)) ctx[k] = r.at(k);
    if (!r.has("S")) continue;
    auto h = hash_of(r.at("SHAAlg"));
    if (!h) {
      ++c.skipped_sha224;
      continue;
    }
    ++c.run;
    fn(r, ctx, *h);
  }
  return c;
}

void report(const char* what, const Counts& c) {
  std::printf("%s: %d records checked, %d SHA-224 records skipped (not implemented)\n", what,
              c.run, c.skipped_sha224);
}

}  // namespace

TEST(RsaCavp, SigGen15ExactSignatures) {
  auto file = cavp_file("SigGen15_186-3.txt");
  GLASSTLS_REQUIRE_PEER(file.has_value(), "SigGen15_186-3.txt not on the reference shelf");
  std::map<std::string, std::optional<crypto::RsaPrivateKey>> keys;
  crypto::DeterministicRandom rng(1);
  auto c = for_each_record(*file, [&](const test::RspRecord& r, auto& ctx, HashAlg h) {
    auto& key = keys[ctx["n"]];
    if (!key) key.emplace(crypto::RsaPrivateKey::from_n_e_d(hexv(ctx["n"]), hexv(ctx["e"]),
                                                           hexv(ctx["d"])).value());
    auto sig = crypto::rsa_pkcs1_sign(*key, h, hexv(r.at("Msg")), rng, cavp_policy());
    ASSERT_TRUE(sig.ok()) << "line " << r.line;
    EXPECT_EQ(hex_encode(*sig), r.at("S")) << "line " << r.line;
  });
  report("SigGen15", c);
  EXPECT_GT(c.run, 0);
}

TEST(RsaCavp, SigGenPssExactSignaturesWithFileSalt) {
  auto file = cavp_file("SigGenPSS_186-3.txt");
  GLASSTLS_REQUIRE_PEER(file.has_value(), "SigGenPSS_186-3.txt not on the reference shelf");
  std::map<std::string, std::optional<crypto::RsaPrivateKey>> keys;
  crypto::DeterministicRandom rng(2);
  auto c = for_each_record(*file, [&](const test::RspRecord& r, auto& ctx, HashAlg h) {
    auto& key = keys[ctx["n"]];
    if (!key) key.emplace(crypto::RsaPrivateKey::from_n_e_d(hexv(ctx["n"]), hexv(ctx["e"]),
                                                           hexv(ctx["d"])).value());
    const Bytes salt = hexv(r.at("SaltVal"));
    auto sig = crypto::rsa_pss_sign_with_salt(*key, h, hexv(r.at("Msg")), salt, rng, cavp_policy());
    ASSERT_TRUE(sig.ok()) << "line " << r.line;
    EXPECT_EQ(hex_encode(*sig), r.at("S")) << "line " << r.line;
    EXPECT_TRUE(crypto::rsa_pss_verify(key->public_key(), crypto::RsaPssParams{h, h, salt.size()},
                                       hexv(r.at("Msg")), *sig, cavp_policy()).ok());
  });
  report("SigGenPSS", c);
  EXPECT_GT(c.run, 0);
}

TEST(RsaCavp, SigVer15Verdicts) {
  auto file = cavp_file("SigVer15_186-3.rsp");
  GLASSTLS_REQUIRE_PEER(file.has_value(), "SigVer15_186-3.rsp not on the reference shelf");
  int passes = 0, fails = 0;
  auto c = for_each_record(*file, [&](const test::RspRecord& r, auto& ctx, HashAlg h) {
    const bool want = r.at("Result").rfind("P", 0) == 0;
    (want ? passes : fails)++;
    auto key = crypto::RsaPublicKey::from_parts({hexv(ctx["n"]), hexv(r.at("e"))});
    const bool got = key.ok() && crypto::rsa_pkcs1_verify(*key, h, hexv(r.at("Msg")),
                                                          hexv(r.at("S")), cavp_policy()).ok();
    EXPECT_EQ(got, want) << "line " << r.line << ": " << r.at("Result");
  });
  report("SigVer15", c);
  std::printf("  expected P: %d, expected F: %d\n", passes, fails);
  EXPECT_GT(passes, 0);
  EXPECT_GT(fails, 0);
}

TEST(RsaCavp, SigVerPssVerdicts) {
  auto file = cavp_file("SigVerPSS_186-3.rsp");
  GLASSTLS_REQUIRE_PEER(file.has_value(), "SigVerPSS_186-3.rsp not on the reference shelf");
  int passes = 0, fails = 0;
  auto c = for_each_record(*file, [&](const test::RspRecord& r, auto& ctx, HashAlg h) {
    const bool want = r.at("Result").rfind("P", 0) == 0;
    (want ? passes : fails)++;
    // "SaltVal = 00" is how the file writes an empty salt (its header: "Salt len: 0").
    const std::size_t salt_len = r.at("SaltVal") == "00" ? 0 : r.at("SaltVal").size() / 2;
    auto key = crypto::RsaPublicKey::from_parts({hexv(ctx["n"]), hexv(r.at("e"))});
    const bool got = key.ok() && crypto::rsa_pss_verify(*key, crypto::RsaPssParams{h, h, salt_len},
                                                        hexv(r.at("Msg")),
                                                        hexv(r.at("S")), cavp_policy()).ok();
    EXPECT_EQ(got, want) << "line " << r.line << ": " << r.at("Result");
  });
  report("SigVerPSS", c);
  std::printf("  expected P: %d, expected F: %d\n", passes, fails);
  EXPECT_GT(passes, 0);
  EXPECT_GT(fails, 0);
}
