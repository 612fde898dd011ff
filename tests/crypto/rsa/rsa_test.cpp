// RSA known answers (RFC 8448 §2's key, typed NIST CAVP records), properties, key checks,
// negative cases for every padding rule, and the fault and blinding defences.
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "glasstls/crypto/rsa.hpp"
#include "rsa_cavp_selection.hpp"
#include "rsa_test_keys.hpp"

using namespace glasstls;
using crypto::HashAlg;
using crypto::RsaError;

namespace {

const crypto::RsaPrivateKey& rfc8448_key() {
  static const crypto::RsaPrivateKey key =
      std::move(crypto::RsaPrivateKey::from_parts(test::rfc8448_key_parts()).value());
  return key;
}

// MGF1 and EMSA encodings re-done here, independently and plainly, to craft bad encodings.
Bytes mgf1(HashAlg h, ByteView seed, std::size_t len) {
  Bytes out;
  for (std::uint32_t c = 0; out.size() < len; ++c) {
    crypto::Hash hh(h);
    hh.update(seed);
    const std::uint8_t ctr[4] = {static_cast<std::uint8_t>(c >> 24), static_cast<std::uint8_t>(c >> 16),
                                 static_cast<std::uint8_t>(c >> 8), static_cast<std::uint8_t>(c)};
    hh.update(ctr);
    auto d = hh.finish();
    out.insert(out.end(), d.view().begin(), d.view().end());
  }
  out.resize(len);
  return out;
}

// Signs a raw encoded message with the private key (s = EM^d), bypassing the encoder.
Bytes raw_sign(const crypto::RsaPrivateKey& key, const Bytes& em) {
  crypto::DeterministicRandom rng(99);
  return crypto::rsa_private_op(key, em, rng).value();
}

}  // namespace

// ---- Keys ------------------------------------------------------------------------------------

TEST(RsaKey, Rfc8448KeyLoadsAndRoundTrips) {
  const auto& key = rfc8448_key();
  EXPECT_EQ(key.modulus_bits(), 1024u);
  EXPECT_EQ(key.public_key().modulus_bytes(), 128u);
  const auto parts = key.to_parts();
  const auto want = test::rfc8448_key_parts();
  EXPECT_EQ(parts.n, want.n);
  EXPECT_EQ(parts.e, want.e);
  EXPECT_EQ(parts.d, want.d);
  EXPECT_EQ(parts.p, want.p);
  EXPECT_EQ(parts.q, want.q);
  EXPECT_EQ(parts.dp, want.dp);
  EXPECT_EQ(parts.dq, want.dq);
  EXPECT_EQ(parts.qinv, want.qinv);
  auto pub = crypto::RsaPublicKey::from_parts(want.public_parts());
  ASSERT_TRUE(pub.ok());
  EXPECT_EQ(pub->to_parts().n, want.n);
}

TEST(RsaKey, InconsistentPrivateKeysAreMalformed) {
  auto corrupt = [](Bytes crypto::RsaPrivateKeyParts::*field, std::size_t at) {
    auto parts = test::rfc8448_key_parts();
    (parts.*field)[at] ^= 0x10;
    return crypto::RsaPrivateKey::from_parts(parts);
  };
  using P = crypto::RsaPrivateKeyParts;
  for (auto field : {&P::d, &P::p, &P::q, &P::dp, &P::dq, &P::qinv}) {
    auto k = corrupt(field, 5);
    ASSERT_FALSE(k.ok());
    EXPECT_EQ(k.error(), RsaError::malformed_key);
  }
  // n changed: p·q != n.
  auto parts = test::rfc8448_key_parts();
  parts.n[10] ^= 1;
  EXPECT_EQ(crypto::RsaPrivateKey::from_parts(parts).error(), RsaError::malformed_key);
}

TEST(RsaKey, PublicKeyChecks) {
  auto parts = test::rfc8448_key_parts().public_parts();
  auto even = parts;
  even.n.back() ^= 1;
  EXPECT_EQ(crypto::RsaPublicKey::from_parts(even).error(), RsaError::malformed_key);
  for (const Bytes& e : {Bytes{0x01}, Bytes{0x01, 0x00, 0x00}, Bytes{}, Bytes{1, 0, 0, 0, 1}}) {
    auto bad = parts;
    bad.e = e;
    EXPECT_EQ(crypto::RsaPublicKey::from_parts(bad).error(), RsaError::unsupported_exponent);
  }
  auto small = parts;
  small.n.resize(64);  // 512 bits (still odd? force it)
  small.n.back() |= 1;
  EXPECT_EQ(crypto::RsaPublicKey::from_parts(small).error(), RsaError::key_too_small);
  auto large = parts;
  large.n.insert(large.n.begin(), 1025 - large.n.size(), 0xff);  // 8200 bits
  EXPECT_EQ(crypto::RsaPublicKey::from_parts(large).error(), RsaError::key_too_large);
}

TEST(RsaKey, DefaultPolicyRefuses1024BitKeys) {
  crypto::DeterministicRandom rng(1);
  auto sig = crypto::rsa_pss_sign(rfc8448_key(), HashAlg::sha256, as_bytes("x"), rng);
  ASSERT_FALSE(sig.ok());
  EXPECT_EQ(sig.error(), RsaError::key_too_small);
}

TEST(RsaKey, RecoversPrimesFromNED) {
  const auto want = test::rfc8448_key_parts();
  auto k = crypto::RsaPrivateKey::from_n_e_d(want.n, want.e, want.d);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->to_parts().p, want.p);
  EXPECT_EQ(k->to_parts().qinv, want.qinv);
}

TEST(RsaKey, GenerateIsReproducibleAndWorks) {
  crypto::DeterministicRandom rng(2048);
  auto k = crypto::RsaPrivateKey::generate(2048, rng);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->modulus_bits(), 2048u);
  const auto parts = k->to_parts();
  EXPECT_EQ(parts.e, (Bytes{0x01, 0x00, 0x01}));
  EXPECT_EQ(parts.p.size(), 128u);
  auto again = crypto::RsaPrivateKey::from_parts(parts);
  ASSERT_TRUE(again.ok());
  crypto::DeterministicRandom r2(5);
  auto sig = crypto::rsa_pss_sign(*k, HashAlg::sha256, as_bytes("generated"), r2);
  ASSERT_TRUE(sig.ok());
  EXPECT_TRUE(crypto::rsa_pss_verify(again->public_key(), HashAlg::sha256, as_bytes("generated"), *sig).ok());
  EXPECT_EQ(crypto::RsaPrivateKey::generate(1000, r2).error(), RsaError::key_generation_failed);
  // The same seed gives the same key.
  crypto::DeterministicRandom rng_again(2048);
  EXPECT_EQ(crypto::RsaPrivateKey::generate(2048, rng_again).value().to_parts().n, parts.n);
}

// ---- Known answers ---------------------------------------------------------------------------

TEST(RsaKnownAnswer, CavpSigGen15Sha256Exact) {
  const auto& v = test::kSigGen15_2048_sha256;
  auto key = crypto::RsaPrivateKey::from_n_e_d(test::hex(v[0]), test::hex(v[1]), test::hex(v[2]));
  ASSERT_TRUE(key.ok());
  crypto::DeterministicRandom rng(3);
  auto sig = crypto::rsa_pkcs1_sign(*key, HashAlg::sha256, test::hex(v[3]), rng);
  ASSERT_TRUE(sig.ok());
  EXPECT_EQ(hex_encode(*sig), v[4]);
  EXPECT_TRUE(crypto::rsa_pkcs1_verify(key->public_key(), HashAlg::sha256, test::hex(v[3]), test::hex(v[4])).ok());
}

TEST(RsaKnownAnswer, CavpSigGenPssSha256WithInjectedSalt) {
  const auto& v = test::kSigGenPss_2048_sha256;
  auto key = crypto::RsaPrivateKey::from_n_e_d(test::hex(v[0]), test::hex(v[1]), test::hex(v[2]));
  ASSERT_TRUE(key.ok());
  crypto::DeterministicRandom rng(3);
  auto sig = crypto::rsa_pss_sign_with_salt(*key, HashAlg::sha256, test::hex(v[3]), test::hex(v[5]), rng);
  ASSERT_TRUE(sig.ok());
  EXPECT_EQ(hex_encode(*sig), v[4]);
  // The file's salt is 20 bytes, not the 32 TLS uses: verify under explicit parameters.
  crypto::RsaPssParams params{HashAlg::sha256, HashAlg::sha256, 20};
  EXPECT_TRUE(crypto::rsa_pss_verify(key->public_key(), params, test::hex(v[3]), test::hex(v[4])).ok());
  EXPECT_FALSE(crypto::rsa_pss_verify(key->public_key(), HashAlg::sha256, test::hex(v[3]), test::hex(v[4])).ok());
}

TEST(RsaKnownAnswer, Rfc8448KeySignsAndVerifiesEveryScheme) {
  const auto& key = rfc8448_key();
  const auto policy = test::policy_1024();
  crypto::DeterministicRandom rng(7);
  const auto msg = as_bytes("RFC 8448 CertificateVerify content");
  for (auto h : {HashAlg::sha256, HashAlg::sha384}) {
    auto pss = crypto::rsa_pss_sign(key, h, msg, rng, policy);
    ASSERT_TRUE(pss.ok()) << crypto::hash_name(h);
    EXPECT_EQ(pss->size(), 128u);
    EXPECT_TRUE(crypto::rsa_pss_verify(key.public_key(), h, msg, *pss, policy).ok());
    auto p1 = crypto::rsa_pkcs1_sign(key, h, msg, rng, policy);
    ASSERT_TRUE(p1.ok());
    EXPECT_TRUE(crypto::rsa_pkcs1_verify(key.public_key(), h, msg, *p1, policy).ok());
    // PKCS#1 v1.5 is deterministic; PSS is not.
    EXPECT_EQ(*p1, crypto::rsa_pkcs1_sign(key, h, msg, rng, policy).value());
    EXPECT_NE(*pss, crypto::rsa_pss_sign(key, h, msg, rng, policy).value());
  }
  // SHA-512 PSS with a 64-byte salt does not fit a 1024-bit key: emLen 128 < hLen + sLen + 2 =
  // 130 (RFC 8017 §9.1.1 step 3, "encoding error"). PKCS#1 v1.5 with SHA-512 does fit.
  EXPECT_EQ(crypto::rsa_pss_sign(key, HashAlg::sha512, msg, rng, policy).error(),
            RsaError::message_too_long);
  auto p512 = crypto::rsa_pkcs1_sign(key, HashAlg::sha512, msg, rng, policy);
  ASSERT_TRUE(p512.ok());
  EXPECT_TRUE(crypto::rsa_pkcs1_verify(key.public_key(), HashAlg::sha512, msg, *p512, policy).ok());
}

TEST(RsaKnownAnswer, Sha1OnlyWhenAllowed) {
  const auto& key = rfc8448_key();
  auto policy = test::policy_1024();
  crypto::DeterministicRandom rng(8);
  EXPECT_EQ(crypto::rsa_pkcs1_sign(key, HashAlg::sha1, as_bytes("m"), rng, policy).error(),
            RsaError::hash_not_allowed);
  policy.allow_sha1 = true;
  auto sig = crypto::rsa_pkcs1_sign(key, HashAlg::sha1, as_bytes("m"), rng, policy);
  ASSERT_TRUE(sig.ok());
  EXPECT_TRUE(crypto::rsa_pkcs1_verify(key.public_key(), HashAlg::sha1, as_bytes("m"), *sig, policy).ok());
  EXPECT_EQ(crypto::rsa_pkcs1_verify(key.public_key(), HashAlg::sha1, as_bytes("m"), *sig,
                                     test::policy_1024()).error(),
            RsaError::hash_not_allowed);
}

TEST(RsaOaep, RoundTripsEveryLength) {
  const auto& key = rfc8448_key();
  const auto policy = test::policy_1024();
  crypto::DeterministicRandom rng(9);
  // k − 2hLen − 2 = 128 − 66 = 62 bytes at most with SHA-256.
  for (std::size_t len : {0u, 1u, 31u, 62u}) {
    Bytes pt(len, 0x5a);
    auto c = crypto::rsa_oaep_encrypt(key.public_key(), pt, rng, {}, HashAlg::sha256, policy);
    ASSERT_TRUE(c.ok());
    auto p = crypto::rsa_oaep_decrypt(key, *c, rng, {}, HashAlg::sha256, policy);
    ASSERT_TRUE(p.ok()) << len;
    EXPECT_EQ(*p, pt);
    // A different label is a failure like any other.
    EXPECT_EQ(crypto::rsa_oaep_decrypt(key, *c, rng, as_bytes("L"), HashAlg::sha256, policy).error(),
              RsaError::decryption_failed);
  }
  Bytes too_long(63, 1);
  EXPECT_EQ(crypto::rsa_oaep_encrypt(key.public_key(), too_long, rng, {}, HashAlg::sha256, policy).error(),
            RsaError::message_too_long);
}

// ---- Negative: signatures --------------------------------------------------------------------

TEST(RsaNegative, ModifiedTruncatedOversizedAndOutOfRangeSignatures) {
  const auto& key = rfc8448_key();
  const auto policy = test::policy_1024();
  crypto::DeterministicRandom rng(10);
  const auto msg = as_bytes("message");
  for (bool pss : {false, true}) {
    auto sign = [&](ByteView m) {
      return pss ? crypto::rsa_pss_sign(key, HashAlg::sha256, m, rng, policy).value()
                 : crypto::rsa_pkcs1_sign(key, HashAlg::sha256, m, rng, policy).value();
    };
    auto verify = [&](const crypto::RsaPublicKey& pk, ByteView m, ByteView s) {
      auto r = pss ? crypto::rsa_pss_verify(pk, HashAlg::sha256, m, s, policy)
                   : crypto::rsa_pkcs1_verify(pk, HashAlg::sha256, m, s, policy);
      return r.ok() ? std::optional<RsaError>{} : std::optional<RsaError>{r.error()};
    };
    const Bytes sig = sign(msg);
    ASSERT_FALSE(verify(key.public_key(), msg, sig).has_value());
    for (std::size_t i : {0u, 1u, 63u, 64u, 126u, 127u}) {  // first, middle, last bytes
      Bytes bad = sig;
      bad[i] ^= 0x01;
      EXPECT_EQ(verify(key.public_key(), msg, bad), RsaError::invalid_signature) << i;
    }
    EXPECT_EQ(verify(key.public_key(), as_bytes("messagf"), sig), RsaError::invalid_signature);
    EXPECT_EQ(verify(key.public_key(), msg, ByteView(sig).first(127)), RsaError::invalid_signature);
    Bytes longer = sig;
    longer.insert(longer.begin(), 0);
    EXPECT_EQ(verify(key.public_key(), msg, longer), RsaError::invalid_signature);
    // s >= n: n itself, and all ones.
    EXPECT_EQ(verify(key.public_key(), msg, test::rfc8448_key_parts().n), RsaError::invalid_signature);
    EXPECT_EQ(verify(key.public_key(), msg, Bytes(128, 0xff)), RsaError::invalid_signature);
    // Wrong key: a different modulus (the CAVP key) can't check it.
    const auto& v = test::kSigGen15_2048_sha256;
    auto other = crypto::RsaPublicKey::from_parts({test::hex(v[0]), test::hex(v[1])}).value();
    EXPECT_EQ(verify(other, msg, sig), RsaError::invalid_signature);
  }
}

TEST(RsaNegative, Pkcs1BadPaddingOfEveryKind) {
  const auto& key = rfc8448_key();
  const auto policy = test::policy_1024();
  const auto digest = crypto::Hash::hash(HashAlg::sha256, as_bytes("m"));
  const Bytes prefix = test::hex("30 31 30 0d 06 09 60 86 48 01 65 03 04 02 01 05 00 04 20");
  auto build = [&](std::uint8_t type, std::size_t ps_len, bool zero_sep, const Bytes& pre) {
    Bytes em = {0x00, type};
    em.insert(em.end(), ps_len, 0xff);
    if (zero_sep) em.push_back(0x00);
    em.insert(em.end(), pre.begin(), pre.end());
    em.insert(em.end(), digest.view().begin(), digest.view().end());
    em.insert(em.begin(), 128 - em.size(), 0x00);  // any shortfall shows up as leading zeros
    return em;
  };
  const std::size_t ps = 128 - 3 - prefix.size() - 32;
  auto check = [&](const Bytes& em) {
    auto sig = raw_sign(key, em);
    return crypto::rsa_pkcs1_verify_digest(key.public_key(), HashAlg::sha256, digest.view(), sig, policy).ok();
  };
  EXPECT_TRUE(check(build(0x01, ps, true, prefix)));    // the genuine encoding
  EXPECT_FALSE(check(build(0x02, ps, true, prefix)));   // wrong block type
  EXPECT_FALSE(check(build(0x01, ps - 1, true, prefix))); // short PS (leading byte moves)
  Bytes no_zero = build(0x01, ps, true, prefix);
  no_zero[2 + ps] = 0xff;                                // separator missing
  EXPECT_FALSE(check(no_zero));
  Bytes wrong_oid = prefix;
  wrong_oid[14] = 0x02;                                  // SHA-384's OID arc
  EXPECT_FALSE(check(build(0x01, ps, true, wrong_oid)));
  Bytes no_null = prefix;                                // DigestInfo without the NULL parameters
  no_null.erase(no_null.begin() + 15, no_null.begin() + 17);
  no_null[1] = 0x2f;
  no_null[3] = 0x0b;
  EXPECT_FALSE(check(build(0x01, ps + 2, true, no_null)));
  Bytes ps_ff = build(0x01, ps, true, prefix);
  ps_ff[20] = 0xfe;                                      // a PS byte that is not 0xff
  EXPECT_FALSE(check(ps_ff));
}

TEST(RsaNegative, PssBadEncodingOfEveryKind) {
  const auto& key = rfc8448_key();
  const auto policy = test::policy_1024();
  const auto m_hash = crypto::Hash::hash(HashAlg::sha256, as_bytes("m"));
  const Bytes salt(32, 0x33);
  // EMSA-PSS-ENCODE by hand, with knobs for each rule (RFC 8017 §9.1.1), emBits = 1023.
  auto build = [&](std::uint8_t trailer, std::uint8_t sep, bool clear_top, std::size_t salt_len) {
    Bytes mp(8, 0);
    mp.insert(mp.end(), m_hash.view().begin(), m_hash.view().end());
    mp.insert(mp.end(), salt.begin(), salt.begin() + static_cast<std::ptrdiff_t>(salt_len));
    const auto H = crypto::Hash::hash(HashAlg::sha256, mp);
    const std::size_t db_len = 128 - 32 - 1;
    Bytes db(db_len - salt_len - 1, 0);
    db.push_back(sep);
    db.insert(db.end(), salt.begin(), salt.begin() + static_cast<std::ptrdiff_t>(salt_len));
    const Bytes mask = mgf1(HashAlg::sha256, H.view(), db_len);
    for (std::size_t i = 0; i < db_len; ++i) db[i] ^= mask[i];
    if (clear_top) {
      db[0] &= 0x7f;
    } else {
      db[0] = static_cast<std::uint8_t>(0x80 | (db[0] & 0x1f));  // top bit set, EM still < n
    }
    db.insert(db.end(), H.view().begin(), H.view().end());
    db.push_back(trailer);
    return db;
  };
  auto check = [&](const Bytes& em) {
    const auto sig = raw_sign(key, em);
    return crypto::rsa_pss_verify_digest(key.public_key(), HashAlg::sha256, m_hash.view(), sig, policy).ok();
  };
  EXPECT_TRUE(check(build(0xbc, 0x01, true, 32)));    // genuine
  EXPECT_FALSE(check(build(0xbd, 0x01, true, 32)));   // bad trailer
  EXPECT_FALSE(check(build(0xbc, 0x01, false, 32)));  // leading bit set
  EXPECT_FALSE(check(build(0xbc, 0x02, true, 32)));   // 0x01 separator missing
  EXPECT_FALSE(check(build(0xbc, 0x01, true, 20)));   // salt length 20 under the salt=32 rule
  // ... and accepted with explicit RFC 4055 parameters saying 20.
  const auto sig20 = raw_sign(key, build(0xbc, 0x01, true, 20));
  EXPECT_TRUE(crypto::rsa_pss_verify(key.public_key(), crypto::RsaPssParams{HashAlg::sha256, HashAlg::sha256, 20},
                                     as_bytes("m"), sig20, policy).ok());
  EXPECT_FALSE(crypto::rsa_pss_verify(key.public_key(), crypto::RsaPssParams{HashAlg::sha256, HashAlg::sha256, 21},
                                      as_bytes("m"), sig20, policy).ok());
}

// ---- Negative: OAEP, one error for everything --------------------------------------------------

TEST(RsaNegative, OaepEveryFailureIsTheSameError) {
  const auto& key = rfc8448_key();
  const auto policy = test::policy_1024();
  crypto::DeterministicRandom rng(11);
  const auto l_hash = crypto::Hash::hash(HashAlg::sha256, {});
  // EME-OAEP encoding by hand (RFC 8017 §7.1.1 step 2) with knobs.
  auto build = [&](std::uint8_t y, bool good_lhash, bool separator) {
    Bytes db(l_hash.view().begin(), l_hash.view().end());
    if (!good_lhash) db[3] ^= 1;
    db.resize(128 - 32 - 1 - 5 - 1, 0);
    db.push_back(separator ? 0x01 : 0x00);
    for (int i = 0; i < 5; ++i) db.push_back(static_cast<std::uint8_t>('a' + i));
    Bytes seed(32, 0x42);
    const Bytes dmask = mgf1(HashAlg::sha256, seed, db.size());
    for (std::size_t i = 0; i < db.size(); ++i) db[i] ^= dmask[i];
    const Bytes smask = mgf1(HashAlg::sha256, db, 32);
    for (std::size_t i = 0; i < 32; ++i) seed[i] ^= smask[i];
    Bytes em = {y};
    em.insert(em.end(), seed.begin(), seed.end());
    em.insert(em.end(), db.begin(), db.end());
    return crypto::rsa_public_op(key.public_key(), em).value();
  };
  auto dec = [&](const Bytes& c) {
    return crypto::rsa_oaep_decrypt(key, c, rng, {}, HashAlg::sha256, policy);
  };
  auto ok = dec(build(0x00, true, true));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, to_bytes("abcde"));
  EXPECT_EQ(dec(build(0x01, true, true)).error(), RsaError::decryption_failed);   // Y != 0
  EXPECT_EQ(dec(build(0x00, false, true)).error(), RsaError::decryption_failed);  // bad lHash
  EXPECT_EQ(dec(build(0x00, true, false)).error(), RsaError::decryption_failed);  // no 0x01
  EXPECT_EQ(dec(test::rfc8448_key_parts().n).error(), RsaError::decryption_failed);  // c >= n
  EXPECT_EQ(dec(Bytes(127, 1)).error(), RsaError::decryption_failed);                // short
}

// ---- Defences --------------------------------------------------------------------------------

namespace {
int g_faults = 0;
void flip_a_bit(std::span<std::uint64_t> m1) {
  m1[0] ^= 4;
  ++g_faults;
}
std::vector<Bytes> g_blinded;
void record_blinded(ByteView b) { g_blinded.emplace_back(b.begin(), b.end()); }
}  // namespace

TEST(RsaDefence, FaultyCrtHalfReleasesNothing) {
  if (!crypto::detail::rsa_test_hooks_active()) GTEST_SKIP() << "library built without GLASSTLS_TEST_HOOKS";
  const auto& key = rfc8448_key();
  crypto::DeterministicRandom rng(12);
  crypto::detail::set_rsa_fault_hook_for_testing(&flip_a_bit);
  auto sig = crypto::rsa_pkcs1_sign(key, HashAlg::sha256, as_bytes("m"), rng, test::policy_1024());
  crypto::detail::set_rsa_fault_hook_for_testing(nullptr);
  EXPECT_EQ(g_faults, 1);
  ASSERT_FALSE(sig.ok());
  EXPECT_EQ(sig.error(), RsaError::fault_detected);
  // Without the fault the same call succeeds.
  EXPECT_TRUE(crypto::rsa_pkcs1_sign(key, HashAlg::sha256, as_bytes("m"), rng, test::policy_1024()).ok());
}

TEST(RsaDefence, BlindedInputDiffersEachCall) {
  if (!crypto::detail::rsa_test_hooks_active()) GTEST_SKIP() << "library built without GLASSTLS_TEST_HOOKS";
  const auto& key = rfc8448_key();
  crypto::DeterministicRandom rng(13);
  g_blinded.clear();
  crypto::detail::set_rsa_blinding_observer_for_testing(&record_blinded);
  auto a = crypto::rsa_pkcs1_sign(key, HashAlg::sha256, as_bytes("same"), rng, test::policy_1024());
  auto b = crypto::rsa_pkcs1_sign(key, HashAlg::sha256, as_bytes("same"), rng, test::policy_1024());
  crypto::detail::set_rsa_blinding_observer_for_testing(nullptr);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);  // same signature...
  ASSERT_EQ(g_blinded.size(), 2u);
  EXPECT_NE(g_blinded[0], g_blinded[1]);  // ...from different blinded inputs
}

TEST(RsaError, NamesEveryError) {
  EXPECT_EQ(crypto::to_string(RsaError::decryption_failed), "RSA decryption failed");
  EXPECT_FALSE(crypto::to_string(RsaError::fault_detected).empty());
}
