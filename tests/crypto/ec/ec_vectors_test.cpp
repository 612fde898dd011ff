// Every P-256 and P-384 record of the NIST CAVP files on the shared reference shelf:
//   * ecccdhtestvectors/KAS_ECC_CDH_PrimitiveTest.txt (SP 800-56A §5.7.1.2): our public key from
//     dIUT equals QIUT, and the shared secret with QCAVS equals ZIUT;
//   * 186-3ecdsatestvectors/SigVer.rsp: the file's P/F verdict exactly (Msg is the message before
//     hashing; an F record whose Q is not a valid point must be refused by from_uncompressed);
//   * 186-3ecdsatestvectors/SigGen.txt: the file's (R, S) from its nonce k.
// Each record also runs through every registered implementation's EcOps (x86-64 assembly and
// portable), whichever is the default. SHA-224 records are skipped (glasstls has no SHA-224) and
// counted. Then the same kinds of files from Debian's python3-cryptography-vectors (pyca's copy
// of the FIPS 186-3 ECDSA sets, which add SHA-1 records, key pairs and public-key validation),
// when installed.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "crypto/ecdsa_internal.hpp"
#include "ec_test_util.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/hash.hpp"

namespace glasstls::ectest {
namespace {

using crypto::EcError;
using crypto::EcPrivateKey;
using crypto::EcPublicKey;

struct Tally {
  int run = 0;
  int skipped_sha224 = 0;
  int expected_pass = 0;
  int expected_fail = 0;
  int q_refused = 0;  // F records whose Q did not even decode
  std::map<std::string, int> by_reason;
};

/// Every implementation this CPU can run (ec_implementations(): x86-64 assembly, portable).
std::vector<const crypto::EcImplementation*> runnable() {
  std::vector<const crypto::EcImplementation*> out;
  for (const auto& impl : crypto::ec_implementations())
    if (impl.available()) out.push_back(&impl);
  return out;
}

/// X ‖ Y, each coordinate at the curve's width (the form EcOps takes).
Bytes xy(EcCurve curve, const std::string& x, const std::string& y) {
  const std::size_t size = crypto::ec_scalar_size(curve);
  return cat(fixed(x, size), fixed(y, size));
}

void report(const char* what, const Tally& t) {
  std::printf("%s: %d records checked", what, t.run);
  if (t.expected_pass + t.expected_fail > 0)
    std::printf(" (%d P, %d F)", t.expected_pass, t.expected_fail);
  std::printf(", %d SHA-224 records skipped (not implemented)", t.skipped_sha224);
  if (t.q_refused) std::printf(", %d with Q refused by from_uncompressed", t.q_refused);
  std::printf("\n");
  for (const auto& [reason, n] : t.by_reason) std::printf("    %4d  %s\n", n, reason.c_str());
  std::fflush(stdout);
}

// ---- ECDH ---------------------------------------------------------------------------------

void check_kas_file(const std::filesystem::path& file, int& run) {
  const auto records = test::read_rsp(file);
  for (const auto& c : with_curve_headers(file, records)) {
    const auto curve = curve_from_cavp(c.curve);
    const auto& r = *c.record;
    if (!curve || !r.has("dIUT")) continue;
    SCOPED_TRACE(c.curve + " COUNT = " + (r.has("COUNT") ? r.at("COUNT") : "?") + " (line " +
                 std::to_string(r.line) + ")");
    ++run;
    const auto key = key_from_hex(*curve, r.at("dIUT"));
    EXPECT_EQ(hex_encode(key.public_key().uncompressed()),
              hex_encode(point(*curve, r.at("QIUTx"), r.at("QIUTy"))));
    auto z = crypto::ecdh(key, point(*curve, r.at("QCAVSx"), r.at("QCAVSy")));
    ASSERT_TRUE(z.ok()) << crypto::ec_error_message(z.error());
    EXPECT_EQ(hex_encode(z->view()), hex_encode(fixed(r.at("ZIUT"), z->size)));
    // Every implementation's own arithmetic, whichever one is the default.
    const std::size_t size = crypto::ec_scalar_size(*curve);
    const Bytes d = fixed(r.at("dIUT"), size);
    const Bytes peer = xy(*curve, r.at("QCAVSx"), r.at("QCAVSy"));
    for (const auto* impl : runnable()) {
      SCOPED_TRACE(std::string(impl->name));
      std::array<std::uint8_t, 2 * crypto::kEcMaxScalarSize> q{};
      impl->ops.public_point(*curve, q.data(), d.data());
      EXPECT_EQ(hex_encode(ByteView(q.data(), 2 * size)),
                hex_encode(xy(*curve, r.at("QIUTx"), r.at("QIUTy"))));
      std::array<std::uint8_t, crypto::kEcMaxScalarSize> x{};
      ASSERT_TRUE(impl->ops.shared_x(*curve, x.data(), d.data(), peer.data()));
      EXPECT_EQ(hex_encode(ByteView(x.data(), size)), hex_encode(fixed(r.at("ZIUT"), size)));
    }
  }
}

TEST(EcCavpVectors, KasEccCdhPrimitiveP256AndP384) {
  auto file = shelf_file("nist-cavp/ecccdhtestvectors/KAS_ECC_CDH_PrimitiveTest.txt");
  GLASSTLS_REQUIRE_PEER(file.has_value(),
                        "KAS_ECC_CDH_PrimitiveTest.txt not on the reference shelf "
                        "(set GLASSTLS_SHARED_DIR)");
  int run = 0;
  check_kas_file(*file, run);
  std::printf("KAS_ECC_CDH_PrimitiveTest: %d P-256/P-384 records checked\n", run);
  EXPECT_EQ(run, 50);  // 25 per curve
}

// ---- SigVer -------------------------------------------------------------------------------

/// Checks every P-256/P-384 record of a SigVer file, counting into `t`.
void check_sigver_file(const std::filesystem::path& file, Tally& t) {
  const auto records = test::read_rsp(file);
  for (const auto& c : with_curve_headers(file, records)) {
    const auto curve = curve_from_cavp(c.curve);
    const auto& r = *c.record;
    if (!curve || !r.has("Msg") || !r.has("Result")) continue;
    const auto hash = hash_from_cavp(c.hash);
    if (!hash) {
      ++t.skipped_sha224;
      continue;
    }
    ++t.run;
    const std::string& result = r.at("Result");
    const bool want = result.rfind("P", 0) == 0;
    (want ? t.expected_pass : t.expected_fail)++;
    ++t.by_reason[c.curve + " " + result];
    SCOPED_TRACE(c.curve + "," + c.hash + " line " + std::to_string(r.line) + ": " + result);

    const std::size_t size = crypto::ec_scalar_size(*curve);
    const Bytes msg = test::hex(r.at("Msg"));
    auto q = EcPublicKey::from_uncompressed(*curve, point(*curve, r.at("Qx"), r.at("Qy")));
    if (!q.ok()) {
      ++t.q_refused;
      ++t.by_reason[c.curve + " " + result +
                    " -> Q refused: " + std::string(crypto::ec_error_message(q.error()))];
      EXPECT_FALSE(want) << "a valid record's Q was refused: "
                         << crypto::ec_error_message(q.error());
      continue;
    }
    // Through the DER API (hashing inside) ...
    const Bytes der = der_signature(test::hex(r.at("R").size() % 2 ? "0" + r.at("R") : r.at("R")),
                                    test::hex(r.at("S").size() % 2 ? "0" + r.at("S") : r.at("S")));
    EXPECT_EQ(crypto::ecdsa_verify(*q, *hash, msg, der), want);
    // ... and the digest API, when R and S fit the curve's width.
    const auto rr = fixed_opt(r.at("R"), size), ss = fixed_opt(r.at("S"), size);
    if (rr && ss) {
      const auto digest = crypto::Hash::hash(*hash, msg);
      EXPECT_EQ(crypto::ecdsa_verify_digest(*q, digest.view(), signature(*rr, *ss)), want);
      // Every implementation's verify (its contract: r and s already in [1, n−1]).
      auto parsed = crypto::parse_ecdsa_signature_der(*curve, der);
      if (parsed.ok()) {
        const Bytes q_xy = to_bytes(q->uncompressed().subspan(1));
        for (const auto* impl : runnable())
          EXPECT_EQ(impl->ops.verify(*curve, q_xy.data(), digest.view(), *parsed), want)
              << impl->name;
      } else {
        EXPECT_FALSE(want) << "a P record's signature is out of range";
      }
    } else {
      EXPECT_FALSE(want) << "R or S wider than the order in a P record";
    }
  }
}

TEST(EcCavpVectors, SigVerP256AndP384) {
  auto file = shelf_file("nist-cavp/186-3ecdsatestvectors/SigVer.rsp");
  GLASSTLS_REQUIRE_PEER(file.has_value(),
                        "186-3ecdsatestvectors/SigVer.rsp not on the reference shelf "
                        "(set GLASSTLS_SHARED_DIR)");
  Tally t;
  check_sigver_file(*file, t);
  report("SigVer.rsp (shelf)", t);
  // P-256 and P-384 with SHA-256, SHA-384 and SHA-512, 15 records each (the shelf's copy has no
  // SHA-1 sections); SHA-224: 2 × 15 skipped.
  EXPECT_EQ(t.run, 90);
  EXPECT_EQ(t.skipped_sha224, 30);
  EXPECT_GT(t.expected_pass, 0);
  EXPECT_GT(t.expected_fail, 0);
}

// ---- SigGen (with the file's k) ------------------------------------------------------------

void check_siggen_file(const std::filesystem::path& file, Tally& t) {
  const auto records = test::read_rsp(file);
  for (const auto& c : with_curve_headers(file, records)) {
    const auto curve = curve_from_cavp(c.curve);
    const auto& r = *c.record;
    if (!curve || !r.has("Msg") || !r.has("k")) continue;
    const auto hash = hash_from_cavp(c.hash);
    if (!hash) {
      ++t.skipped_sha224;
      continue;
    }
    ++t.run;
    ++t.by_reason[c.curve + "," + c.hash];
    SCOPED_TRACE(c.curve + "," + c.hash + " line " + std::to_string(r.line));
    const std::size_t size = crypto::ec_scalar_size(*curve);
    const auto key = key_from_hex(*curve, r.at("d"));
    EXPECT_EQ(hex_encode(key.public_key().uncompressed()),
              hex_encode(point(*curve, r.at("Qx"), r.at("Qy"))));
    const auto digest = crypto::Hash::hash(*hash, test::hex(r.at("Msg")));
    const auto sig =
        crypto::detail::ecdsa_sign_digest_with_nonce(key, digest.view(), fixed(r.at("k"), size));
    ASSERT_TRUE(sig.has_value());
    EXPECT_EQ(hex_encode(sig->r_view()), hex_encode(fixed(r.at("R"), size)));
    EXPECT_EQ(hex_encode(sig->s_view()), hex_encode(fixed(r.at("S"), size)));
    EXPECT_TRUE(crypto::ecdsa_verify_digest(key.public_key(), digest.view(), *sig));
    EXPECT_TRUE(crypto::ecdsa_verify(key.public_key(), *hash, test::hex(r.at("Msg")),
                                     crypto::encode_ecdsa_signature_der(*sig)));
    const Bytes d = fixed(r.at("d"), size), k = fixed(r.at("k"), size);
    for (const auto* impl : runnable()) {
      crypto::EcdsaSignature own;
      ASSERT_TRUE(impl->ops.sign(*curve, own, d.data(), digest.view(), k.data())) << impl->name;
      EXPECT_EQ(hex_encode(own.r_view()), hex_encode(fixed(r.at("R"), size))) << impl->name;
      EXPECT_EQ(hex_encode(own.s_view()), hex_encode(fixed(r.at("S"), size))) << impl->name;
    }
  }
}

TEST(EcCavpVectors, SigGenWithTheFilesNonce) {
  auto file = shelf_file("nist-cavp/186-3ecdsatestvectors/SigGen.txt");
  GLASSTLS_REQUIRE_PEER(file.has_value(),
                        "186-3ecdsatestvectors/SigGen.txt not on the reference shelf "
                        "(set GLASSTLS_SHARED_DIR)");
  Tally t;
  check_siggen_file(*file, t);
  report("SigGen.txt (shelf)", t);
  EXPECT_EQ(t.run, 90);  // P-256 and P-384 × SHA-256/384/512 × 15
  EXPECT_EQ(t.skipped_sha224, 30);
}

// ---- python3-cryptography-vectors ----------------------------------------------------------

#define REQUIRE_PYCA(file)                                                             \
  GLASSTLS_REQUIRE_PEER((file).has_value(),                                            \
                        "python3-cryptography-vectors not installed (apt-get install " \
                        "python3-cryptography-vectors)")

constexpr const char* kPycaEcdsa = "asymmetric/ECDSA/FIPS_186-3/";

TEST(EcPycaVectors, SigVer) {
  auto file = pyca_file((std::string(kPycaEcdsa) + "SigVer.rsp").c_str());
  REQUIRE_PYCA(file);
  Tally t;
  check_sigver_file(*file, t);
  report("pyca FIPS_186-3/SigVer.rsp", t);
  EXPECT_EQ(t.run, 120);  // P-256 and P-384 × SHA-1/256/384/512 × 15
  EXPECT_EQ(t.skipped_sha224, 30);
  EXPECT_GT(t.expected_fail, 0);
}

TEST(EcPycaVectors, SigGenWithTheFilesNonce) {
  auto file = pyca_file((std::string(kPycaEcdsa) + "SigGen.txt").c_str());
  REQUIRE_PYCA(file);
  Tally t;
  check_siggen_file(*file, t);
  report("pyca FIPS_186-3/SigGen.txt", t);
  EXPECT_EQ(t.run, 120);
  EXPECT_EQ(t.skipped_sha224, 30);
}

TEST(EcPycaVectors, KeyPairs) {
  auto file = pyca_file((std::string(kPycaEcdsa) + "KeyPair.rsp").c_str());
  REQUIRE_PYCA(file);
  const auto records = test::read_rsp(*file);
  int run = 0;
  for (const auto& c : with_curve_headers(*file, records)) {
    const auto curve = curve_from_cavp(c.curve);
    const auto& r = *c.record;
    if (!curve || !r.has("d")) continue;
    SCOPED_TRACE(c.curve + " line " + std::to_string(r.line));
    ++run;
    const auto key = key_from_hex(*curve, r.at("d"));
    EXPECT_EQ(hex_encode(key.public_key().uncompressed()),
              hex_encode(point(*curve, r.at("Qx"), r.at("Qy"))));
  }
  std::printf("pyca FIPS_186-3/KeyPair.rsp: %d P-256/P-384 key pairs checked\n", run);
  EXPECT_EQ(run, 20);
}

// Public-key validation (FIPS 186-3 PKV): P, "F (1 - Q_x or Q_y out of range)" and
// "F (2 - Point not on curve)". Out-of-range coordinates printed wider than the field cannot be
// written as a fixed-width point at all; those are fed as an over-long encoding (wrong_length).
TEST(EcPycaVectors, PublicKeyValidation) {
  auto file = pyca_file((std::string(kPycaEcdsa) + "PKV.rsp").c_str());
  REQUIRE_PYCA(file);
  const auto records = test::read_rsp(*file);
  Tally t;
  int too_wide = 0;
  for (const auto& c : with_curve_headers(*file, records)) {
    const auto curve = curve_from_cavp(c.curve);
    const auto& r = *c.record;
    if (!curve || !r.has("Qx") || !r.has("Result")) continue;
    const std::string& result = r.at("Result");
    SCOPED_TRACE(c.curve + " line " + std::to_string(r.line) + ": " + result);
    ++t.run;
    ++t.by_reason[c.curve + " " + result];
    const std::size_t size = crypto::ec_scalar_size(*curve);
    const auto x = fixed_opt(r.at("Qx"), size), y = fixed_opt(r.at("Qy"), size);
    if (!x || !y) {
      ++too_wide;
      EXPECT_NE(result.find("out of range"), std::string::npos);
      const std::size_t wide = size + 1;
      auto q = EcPublicKey::from_uncompressed(
          *curve, point(fixed(r.at("Qx"), wide), fixed(r.at("Qy"), wide)));
      ASSERT_FALSE(q.ok());
      EXPECT_EQ(q.error(), EcError::wrong_length);
      continue;
    }
    auto q = EcPublicKey::from_uncompressed(*curve, point(*x, *y));
    if (result.rfind("P", 0) == 0) {
      EXPECT_TRUE(q.ok()) << crypto::ec_error_message(q.error());
    } else if (result.find("out of range") != std::string::npos) {
      ASSERT_FALSE(q.ok());
      EXPECT_EQ(q.error(), EcError::coordinate_out_of_range);
    } else {
      ASSERT_FALSE(q.ok());
      EXPECT_EQ(q.error(), EcError::not_on_curve);
    }
  }
  std::printf(
      "pyca FIPS_186-3/PKV.rsp: %d P-256/P-384 records checked (%d with a coordinate "
      "wider than the field)\n",
      t.run, too_wide);
  for (const auto& [reason, n] : t.by_reason) std::printf("    %4d  %s\n", n, reason.c_str());
  EXPECT_EQ(t.run, 24);
}

}  // namespace
}  // namespace glasstls::ectest
