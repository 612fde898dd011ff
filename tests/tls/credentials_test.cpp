// Credentials and CertificateVerify (RFC 8446 §4.4.2, §4.4.3, §4.2.3): the scheme table, a
// sign/verify round trip for every scheme glasstls supports, one test per refusal with its
// alert, loading every key file format, and a differential check against OpenSSL's signers and
// verifiers over the same CertificateVerify content.
#include "glasstls/tls/credentials.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crypto/rsa_keys/rsa_key_test_data.hpp"
#include "glasstls/crypto/curve25519_key_io.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/crypto/rsa.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "glasstls/tls/messages.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/signing_key.hpp"
#include "support/test_support.hpp"

#ifdef GLASSTLS_HAVE_OPENSSL
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "support/openssl_handles.hpp"
#endif

namespace glasstls::tls {
namespace {

using AD = AlertDescription;
using crypto::EcCurve;
using crypto::HashAlg;
using S = SignatureScheme;

// ---- keys and certificates -------------------------------------------------------------------

const crypto::RsaPrivateKey& rsa2048() {
  static const crypto::RsaPrivateKey key = [] {
    crypto::DeterministicRandom rng(0x10cafe);
    return crypto::RsaPrivateKey::generate(2048, rng).value();
  }();
  return key;
}

crypto::RsaPrivateKey copy(const crypto::RsaPrivateKey& key) {
  return crypto::RsaPrivateKey::from_parts(key.to_parts()).value();
}

/// A key to put in a certificate, and its private key as a PEM file.
struct KeyPair {
  x509::PublicKey public_key;
  std::string private_pem;
};

KeyPair ec_pair(EcCurve curve, std::uint64_t seed,
                crypto::EcPrivateKeyPem form = crypto::EcPrivateKeyPem::pkcs8) {
  crypto::DeterministicRandom rng(seed);
  const crypto::EcPrivateKey key = crypto::EcPrivateKey::generate(curve, rng);
  return {x509::SigningKey::ecdsa(key).public_key(), crypto::write_ec_private_key_pem(key, form)};
}

KeyPair ed25519_pair(std::uint64_t seed) {
  crypto::DeterministicRandom rng(seed);
  const crypto::Ed25519KeyPair pair = crypto::ed25519_generate(rng);
  const crypto::Curve25519PrivateKey key =
      crypto::curve25519_private_key(crypto::Curve25519KeyType::ed25519, pair.seed);
  return {x509::SigningKey::ed25519(pair.seed).public_key(),
          crypto::write_curve25519_private_key_pem(key)};
}

/// RSA filed under rsaEncryption, the key written as PKCS#1 or PKCS#8.
KeyPair rsa_pair(crypto::RsaPrivateKeyPem form = crypto::RsaPrivateKeyPem::pkcs8) {
  return {x509::SigningKey::rsa_pkcs1(copy(rsa2048())).public_key(),
          crypto::write_rsa_private_key_pem(rsa2048().to_parts(), form)};
}

/// RSA filed under id-RSASSA-PSS (with `params` as a restriction, if given), PKCS#8 id-RSASSA-PSS.
KeyPair rsa_pss_pair(std::optional<crypto::RsaPssParams> params = std::nullopt) {
  const crypto::RsaPssParams signing =
      params.value_or(crypto::RsaPssParams{HashAlg::sha256, HashAlg::sha256, 32});
  auto key = x509::SigningKey::rsa_pss(copy(rsa2048()), signing,
                                       params ? x509::RsaPssKeyForm::pss_restricted
                                              : x509::RsaPssKeyForm::pss_unrestricted)
                 .value();
  return {key.public_key(), crypto::write_rsa_pss_private_key_pem(rsa2048().to_parts(), params)};
}

/// The issuer every test leaf is signed by.
const x509::SigningKey& root_key() {
  static const x509::SigningKey key = [] {
    crypto::DeterministicRandom rng(99);
    return x509::SigningKey::generate_ec(EcCurve::p256, rng);
  }();
  return key;
}

const Bytes& root_der() {
  static const Bytes der = x509::CertificateBuilder()
                               .subject(x509::make_name("credentials test root"))
                               .self_signed()
                               .validity(WallTime(std::chrono::seconds(1700000000)),
                                         WallTime(std::chrono::seconds(2500000000)))
                               .public_key(root_key().public_key())
                               .basic_constraints(true)
                               .sign_der(root_key())
                               .value();
  return der;
}

Bytes leaf_der(const x509::PublicKey& key) {
  const x509::Certificate root = x509::parse_certificate(root_der()).value();
  return x509::CertificateBuilder()
      .subject(x509::make_name("localhost"))
      .issuer(root)
      .validity(WallTime(std::chrono::seconds(1700000000)),
                WallTime(std::chrono::seconds(2500000000)))
      .public_key(key)
      .add_dns_name("localhost")
      .sign_der(root_key())
      .value();
}

/// A PEM chain: the leaf for `key`, then the root.
std::string chain_pem(const x509::PublicKey& key) {
  return x509::certificate_pem(leaf_der(key)) + x509::certificate_pem(root_der());
}

Credential load(const KeyPair& pair) {
  auto c = Credential::from_pem(chain_pem(pair.public_key), pair.private_pem);
  if (!c) ADD_FAILURE() << c.error();
  return std::move(c).value();
}

Bytes content() {
  // §4.4.3: the server's CertificateVerify content over a made-up transcript hash.
  return certificate_verify_content(Signer::server, Bytes(32, 0x01));
}

std::vector<SignatureScheme> all_enumerators() {
  return {S::rsa_pkcs1_sha256,
          S::rsa_pkcs1_sha384,
          S::rsa_pkcs1_sha512,
          S::ecdsa_secp256r1_sha256,
          S::ecdsa_secp384r1_sha384,
          S::ecdsa_secp521r1_sha512,
          S::rsa_pss_rsae_sha256,
          S::rsa_pss_rsae_sha384,
          S::rsa_pss_rsae_sha512,
          S::ed25519,
          S::ed448,
          S::rsa_pss_pss_sha256,
          S::rsa_pss_pss_sha384,
          S::rsa_pss_pss_sha512,
          S::rsa_pkcs1_sha1,
          S::ecdsa_sha1};
}

void expect_alert(const Result<Unit, TlsError>& r, AD alert) {
  ASSERT_FALSE(r.ok()) << "accepted, expected " << to_string(alert);
  EXPECT_EQ(r.error().alert, alert) << r.error().to_string();
  EXPECT_FALSE(r.error().reason.empty());
  EXPECT_FALSE(r.error().section.empty());
}

/// A RandomSource that records what is drawn from it.
class RecordingRandom final : public crypto::RandomSource {
 public:
  void fill(MutableByteView out) override {
    inner_.fill(out);
    draws.emplace_back(out.begin(), out.end());
  }
  std::vector<Bytes> draws;

 private:
  crypto::DeterministicRandom inner_{42};
};

// ---- the scheme table ------------------------------------------------------------------------

TEST(SignatureSchemeInfo, DescribesEveryEnumeratorButEd448) {
  for (const SignatureScheme s : all_enumerators()) {
    const auto info = signature_scheme_info(s);
    if (s == S::ed448) {
      EXPECT_FALSE(info.has_value());  // Ed448 is not implemented
      continue;
    }
    ASSERT_TRUE(info.has_value()) << to_string(s);
    EXPECT_EQ(info->scheme, s);
  }
}

TEST(SignatureSchemeInfo, Pkcs1AndSha1AreNotForCertificateVerify) {
  // RFC 8446 §4.4.3: RSA signatures MUST use RSASSA-PSS; SHA-1 MUST NOT be used.
  for (const SignatureScheme s : {S::rsa_pkcs1_sha256, S::rsa_pkcs1_sha384, S::rsa_pkcs1_sha512,
                                  S::rsa_pkcs1_sha1, S::ecdsa_sha1}) {
    EXPECT_FALSE(signature_scheme_info(s)->allowed_in_certificate_verify) << to_string(s);
  }
  EXPECT_EQ(signature_scheme_info(S::rsa_pkcs1_sha1)->hash, HashAlg::sha1);
  EXPECT_EQ(signature_scheme_info(S::ecdsa_secp384r1_sha384)->curve, EcCurve::p384);
  EXPECT_EQ(signature_scheme_info(S::ecdsa_secp256r1_sha256)->curve, EcCurve::p256);
  EXPECT_EQ(signature_scheme_info(S::rsa_pss_pss_sha384)->family,
            SignatureSchemeInfo::Family::rsa_pss_pss);
  EXPECT_EQ(signature_scheme_info(S::rsa_pss_rsae_sha512)->hash, HashAlg::sha512);
}

TEST(SignatureSchemeInfo, SupportedSchemes) {
  const std::vector<SignatureScheme> expected{
      S::ecdsa_secp256r1_sha256, S::ecdsa_secp384r1_sha384, S::ed25519,
      S::rsa_pss_rsae_sha256,    S::rsa_pss_rsae_sha384,    S::rsa_pss_rsae_sha512,
      S::rsa_pss_pss_sha256,     S::rsa_pss_pss_sha384,     S::rsa_pss_pss_sha512};
  const auto supported = supported_certificate_verify_schemes();
  EXPECT_EQ(std::vector<SignatureScheme>(supported.begin(), supported.end()), expected);
  for (const SignatureScheme s : supported)
    EXPECT_TRUE(signature_scheme_info(s)->allowed_in_certificate_verify) << to_string(s);
}

// ---- round trips -----------------------------------------------------------------------------

struct RoundTripCase {
  const char* name;
  KeyPair (*make)();
  std::vector<SignatureScheme> schemes;  // what the credential must offer, best first
  const char* description;
};

std::vector<RoundTripCase> round_trip_cases() {
  return {
      {"ecdsa_p256",
       [] { return ec_pair(EcCurve::p256, 1); },
       {S::ecdsa_secp256r1_sha256},
       "ECDSA P-256"},
      {"ecdsa_p384",
       [] { return ec_pair(EcCurve::p384, 2); },
       {S::ecdsa_secp384r1_sha384},
       "ECDSA P-384"},
      {"ed25519", [] { return ed25519_pair(3); }, {S::ed25519}, "Ed25519"},
      {"rsae",
       [] { return rsa_pair(); },
       {S::rsa_pss_rsae_sha256, S::rsa_pss_rsae_sha384, S::rsa_pss_rsae_sha512},
       "RSA 2048 (rsaEncryption)"},
      {"rsa_pss",
       [] { return rsa_pss_pair(); },
       {S::rsa_pss_pss_sha256, S::rsa_pss_pss_sha384, S::rsa_pss_pss_sha512},
       "RSA 2048 (RSASSA-PSS)"},
  };
}

TEST(Credential, SignVerifyRoundTripEveryScheme) {
  std::size_t schemes_checked = 0;
  for (const RoundTripCase& c : round_trip_cases()) {
    SCOPED_TRACE(c.name);
    const Credential cred = load(c.make());
    const auto schemes = cred.schemes();
    EXPECT_EQ(std::vector<SignatureScheme>(schemes.begin(), schemes.end()), c.schemes);
    EXPECT_EQ(cred.key_description(), c.description);
    ASSERT_EQ(cred.chain().size(), 2u);
    EXPECT_EQ(cred.chain()[1], root_der());
    // The public key is the leaf's.
    EXPECT_EQ(cred.public_key().spki_der,
              x509::parse_certificate(cred.chain()[0]).value().public_key.spki_der);

    crypto::DeterministicRandom rng(7);
    const Bytes msg = content();
    for (const SignatureScheme s : c.schemes) {
      SCOPED_TRACE(to_string(s));
      EXPECT_TRUE(cred.can_sign(s));
      auto sig = cred.sign(s, msg, rng);
      ASSERT_TRUE(sig.ok()) << sig.error().to_string();
      auto ok = verify_certificate_verify(cred.public_key(), s, msg, *sig,
                                          supported_certificate_verify_schemes());
      EXPECT_TRUE(ok.ok()) << ok.error().to_string();

      // One flipped bit in the signature, or in the content: decrypt_error (§4.4.3).
      Bytes bad_sig = *sig;
      bad_sig[bad_sig.size() / 2] ^= 0x01;
      expect_alert(verify_certificate_verify(cred.public_key(), s, msg, bad_sig,
                                             supported_certificate_verify_schemes()),
                   AD::decrypt_error);
      Bytes bad_msg = msg;
      bad_msg.back() ^= 0x80;
      expect_alert(verify_certificate_verify(cred.public_key(), s, bad_msg, *sig,
                                             supported_certificate_verify_schemes()),
                   AD::decrypt_error);
      // The client's context string differs: a server signature does not pass as a client's.
      expect_alert(
          verify_certificate_verify(cred.public_key(), s,
                                    certificate_verify_content(Signer::client, Bytes(32, 0x01)),
                                    *sig, supported_certificate_verify_schemes()),
          AD::decrypt_error);
      ++schemes_checked;
    }
    for (const SignatureScheme s : supported_certificate_verify_schemes()) {
      if (std::find(c.schemes.begin(), c.schemes.end(), s) != c.schemes.end()) continue;
      EXPECT_FALSE(cred.can_sign(s)) << to_string(s);
      auto r = cred.sign(s, msg, rng);
      ASSERT_FALSE(r.ok()) << to_string(s);
      EXPECT_EQ(r.error().alert, AD::internal_error);
    }
  }
  EXPECT_EQ(schemes_checked, supported_certificate_verify_schemes().size());
}

TEST(Credential, RsaPssSaltIsTheNextHashLengthBytesOfTheRng) {
  const Credential cred = load(rsa_pair());
  const Bytes msg = content();
  for (const SignatureScheme s :
       {S::rsa_pss_rsae_sha256, S::rsa_pss_rsae_sha384, S::rsa_pss_rsae_sha512}) {
    SCOPED_TRACE(to_string(s));
    const HashAlg hash = signature_scheme_info(s)->hash;
    RecordingRandom rng;
    auto sig = cred.sign(s, msg, rng);
    ASSERT_TRUE(sig.ok()) << sig.error().to_string();
    // Exactly one draw, of Hash.length bytes (§4.2.3): the salt, and nothing else.
    ASSERT_EQ(rng.draws.size(), 1u);
    ASSERT_EQ(rng.draws[0].size(), crypto::digest_size(hash));
    // PSS with a known salt is deterministic: the same salt gives the same signature.
    crypto::DeterministicRandom blinding(1);
    auto expected = crypto::rsa_pss_sign_with_salt(rsa2048(), hash, msg, rng.draws[0], blinding);
    ASSERT_TRUE(expected.ok());
    EXPECT_EQ(*sig, *expected);
  }
}

TEST(Credential, EcdsaAndEd25519DrawNothingAndAreDeterministic) {
  for (const KeyPair& pair : {ec_pair(EcCurve::p256, 11), ed25519_pair(12)}) {
    const Credential cred = load(pair);
    RecordingRandom rng;
    const SignatureScheme s = cred.schemes()[0];
    const Bytes a = cred.sign(s, content(), rng).value();
    const Bytes b = cred.sign(s, content(), rng).value();
    EXPECT_TRUE(rng.draws.empty()) << to_string(s);
    EXPECT_EQ(a, b) << to_string(s);  // RFC 6979 / RFC 8032 §5.1.6
  }
}

// ---- refusals --------------------------------------------------------------------------------

TEST(VerifyCertificateVerify, SchemeNotOfferedIsIllegalParameter) {
  const Credential cred = load(ec_pair(EcCurve::p256, 1));
  crypto::DeterministicRandom rng(1);
  const Bytes sig = cred.sign(S::ecdsa_secp256r1_sha256, content(), rng).value();
  const std::vector<SignatureScheme> offered{S::ed25519, S::rsa_pss_rsae_sha256};
  expect_alert(verify_certificate_verify(cred.public_key(), S::ecdsa_secp256r1_sha256, content(),
                                         sig, offered),
               AD::illegal_parameter);
  // Offered, it passes: the refusal was about the offer only.
  const std::vector<SignatureScheme> with{S::ed25519, S::ecdsa_secp256r1_sha256};
  EXPECT_TRUE(
      verify_certificate_verify(cred.public_key(), S::ecdsa_secp256r1_sha256, content(), sig, with)
          .ok());
}

TEST(VerifyCertificateVerify, EcdsaSchemeOfAnotherCurveIsIllegalParameter) {
  // A P-256 key with a genuine P-256/SHA-384 signature: only the curve binding (§4.2.3) rejects.
  crypto::DeterministicRandom rng(5);
  const crypto::EcPrivateKey key = crypto::EcPrivateKey::generate(EcCurve::p256, rng);
  const x509::PublicKey pub = x509::SigningKey::ecdsa(key).public_key();
  const Bytes sig = crypto::ecdsa_sign(key, HashAlg::sha384, content());
  ASSERT_TRUE(crypto::ecdsa_verify(key.public_key(), HashAlg::sha384, content(), sig));
  expect_alert(verify_certificate_verify(pub, S::ecdsa_secp384r1_sha384, content(), sig,
                                         supported_certificate_verify_schemes()),
               AD::illegal_parameter);
  // And a P-384 key answering ecdsa_secp256r1_sha256.
  const crypto::EcPrivateKey key384 = crypto::EcPrivateKey::generate(EcCurve::p384, rng);
  const Bytes sig384 = crypto::ecdsa_sign(key384, HashAlg::sha256, content());
  expect_alert(verify_certificate_verify(x509::SigningKey::ecdsa(key384).public_key(),
                                         S::ecdsa_secp256r1_sha256, content(), sig384,
                                         supported_certificate_verify_schemes()),
               AD::illegal_parameter);
}

TEST(VerifyCertificateVerify, Pkcs1AndSha1SchemesAreIllegalParameter) {
  // Genuine PKCS#1 v1.5 and ECDSA-SHA-1 signatures, offered: still refused (§4.4.3).
  crypto::DeterministicRandom rng(6);
  const x509::PublicKey rsa_pub = rsa_pair().public_key;
  const Bytes pkcs1 = crypto::rsa_pkcs1_sign(rsa2048(), HashAlg::sha256, content(), rng).value();
  const std::vector<SignatureScheme> offered = all_enumerators();
  expect_alert(verify_certificate_verify(rsa_pub, S::rsa_pkcs1_sha256, content(), pkcs1, offered),
               AD::illegal_parameter);

  const crypto::EcPrivateKey key = crypto::EcPrivateKey::generate(EcCurve::p256, rng);
  const Bytes sha1 = crypto::ecdsa_sign(key, HashAlg::sha1, content());
  expect_alert(verify_certificate_verify(x509::SigningKey::ecdsa(key).public_key(), S::ecdsa_sha1,
                                         content(), sha1, offered),
               AD::illegal_parameter);
  // ed448 (unknown to glasstls) is refused the same way.
  expect_alert(verify_certificate_verify(rsa_pub, S::ed448, content(), pkcs1, offered),
               AD::illegal_parameter);
}

TEST(VerifyCertificateVerify, PssFamilyMustMatchHowTheKeyIsFiled) {
  // The RSASSA-PSS arithmetic of rsae and pss schemes is identical, so one genuine signature
  // serves both: only the rsaEncryption / id-RSASSA-PSS rule of §4.2.3 decides.
  crypto::DeterministicRandom rng(8);
  const Bytes sig = crypto::rsa_pss_sign(rsa2048(), HashAlg::sha256, content(), rng).value();
  const x509::PublicKey rsae = rsa_pair().public_key;
  const x509::PublicKey pss = rsa_pss_pair().public_key;
  const auto offered = supported_certificate_verify_schemes();
  EXPECT_TRUE(
      verify_certificate_verify(rsae, S::rsa_pss_rsae_sha256, content(), sig, offered).ok());
  EXPECT_TRUE(verify_certificate_verify(pss, S::rsa_pss_pss_sha256, content(), sig, offered).ok());
  expect_alert(verify_certificate_verify(rsae, S::rsa_pss_pss_sha256, content(), sig, offered),
               AD::illegal_parameter);
  expect_alert(verify_certificate_verify(pss, S::rsa_pss_rsae_sha256, content(), sig, offered),
               AD::illegal_parameter);
}

TEST(VerifyCertificateVerify, RestrictedPssKeyOnlyAnswersItsHash) {
  // §4.2.3: the signature's parameters MUST be identical to the key's when the key has some.
  const KeyPair pair = rsa_pss_pair(crypto::RsaPssParams{HashAlg::sha384, HashAlg::sha384, 48});
  const Credential cred = load(pair);
  ASSERT_EQ(cred.schemes().size(), 1u);
  EXPECT_EQ(cred.schemes()[0], S::rsa_pss_pss_sha384);

  crypto::DeterministicRandom rng(9);
  const auto offered = supported_certificate_verify_schemes();
  const Bytes sig256 = crypto::rsa_pss_sign(rsa2048(), HashAlg::sha256, content(), rng).value();
  expect_alert(
      verify_certificate_verify(pair.public_key, S::rsa_pss_pss_sha256, content(), sig256, offered),
      AD::illegal_parameter);
  const Bytes sig384 = cred.sign(S::rsa_pss_pss_sha384, content(), rng).value();
  EXPECT_TRUE(
      verify_certificate_verify(pair.public_key, S::rsa_pss_pss_sha384, content(), sig384, offered)
          .ok());

  // Parameters no TLS 1.3 scheme can satisfy (salt 20 with SHA-256): the credential is refused.
  const KeyPair odd = rsa_pss_pair(crypto::RsaPssParams{HashAlg::sha256, HashAlg::sha256, 20});
  auto refused = Credential::from_pem(chain_pem(odd.public_key), odd.private_pem);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("RSASSA-PSS parameters"), std::string::npos) << refused.error();
}

TEST(VerifyCertificateVerify, SchemeOfAnotherKeyTypeIsIllegalParameter) {
  const Credential ec = load(ec_pair(EcCurve::p256, 1));
  const Credential ed = load(ed25519_pair(2));
  crypto::DeterministicRandom rng(3);
  const Bytes ec_sig = ec.sign(S::ecdsa_secp256r1_sha256, content(), rng).value();
  const Bytes ed_sig = ed.sign(S::ed25519, content(), rng).value();
  const auto offered = supported_certificate_verify_schemes();
  expect_alert(verify_certificate_verify(ec.public_key(), S::ed25519, content(), ed_sig, offered),
               AD::illegal_parameter);
  expect_alert(verify_certificate_verify(ed.public_key(), S::ecdsa_secp256r1_sha256, content(),
                                         ec_sig, offered),
               AD::illegal_parameter);
  expect_alert(verify_certificate_verify(ec.public_key(), S::rsa_pss_rsae_sha256, content(), ec_sig,
                                         offered),
               AD::illegal_parameter);
  expect_alert(verify_certificate_verify(rsa_pair().public_key, S::ecdsa_secp256r1_sha256,
                                         content(), ec_sig, offered),
               AD::illegal_parameter);
}

TEST(VerifyCertificateVerify, SmallRsaKeyFollowsThePolicy) {
  // RFC 8448's 1024-bit server key: below the default 2048-bit floor, accepted when the policy
  // says 1024. (It cannot make SHA-512 PSS signatures: 128-byte encodings, RFC 8017 §9.1.1.)
  const crypto::RsaPrivateKey key =
      crypto::RsaPrivateKey::from_parts(crypto::rsa_key_test::rfc8448_key()).value();
  const x509::PublicKey pub = x509::SigningKey::rsa_pkcs1(copy(key)).public_key();
  const KeyPair pair{pub, crypto::write_rsa_private_key_pem(key.to_parts())};
  const Credential cred = load(pair);
  const auto schemes = cred.schemes();
  EXPECT_EQ(std::vector<SignatureScheme>(schemes.begin(), schemes.end()),
            (std::vector<SignatureScheme>{S::rsa_pss_rsae_sha256, S::rsa_pss_rsae_sha384}));
  EXPECT_EQ(cred.key_description(), "RSA 1024 (rsaEncryption)");

  crypto::DeterministicRandom rng(4);
  const Bytes sig = cred.sign(S::rsa_pss_rsae_sha256, content(), rng).value();
  const auto offered = supported_certificate_verify_schemes();
  expect_alert(verify_certificate_verify(pub, S::rsa_pss_rsae_sha256, content(), sig, offered),
               AD::insufficient_security);
  x509::SignaturePolicy lax;
  lax.min_rsa_modulus_bits = 1024;
  auto ok = verify_certificate_verify(pub, S::rsa_pss_rsae_sha256, content(), sig, offered, lax);
  EXPECT_TRUE(ok.ok()) << ok.error().to_string();
}

// ---- choose_scheme ---------------------------------------------------------------------------

TEST(Credential, ChooseSchemeFollowsThePeersOrderWithinPolicy) {
  const Credential cred = load(rsa_pair());
  const auto all = supported_certificate_verify_schemes();
  // The peer prefers SHA-384, then SHA-256: its order wins.
  const std::vector<SignatureScheme> offered{S::ed25519, S::rsa_pkcs1_sha256,
                                             S::rsa_pss_rsae_sha384, S::rsa_pss_rsae_sha256};
  EXPECT_EQ(cred.choose_scheme(offered, all), S::rsa_pss_rsae_sha384);
  // The local policy removes SHA-384.
  const std::vector<SignatureScheme> allowed{S::rsa_pss_rsae_sha256};
  EXPECT_EQ(cred.choose_scheme(offered, allowed), S::rsa_pss_rsae_sha256);
  // Nothing fits: PKCS#1 alone is never chosen (§4.4.3).
  const std::vector<SignatureScheme> pkcs1_only{S::rsa_pkcs1_sha256, S::rsa_pss_pss_sha256};
  EXPECT_EQ(cred.choose_scheme(pkcs1_only, all), std::nullopt);
  EXPECT_EQ(cred.choose_scheme({}, all), std::nullopt);
}

// ---- loading ---------------------------------------------------------------------------------

TEST(CredentialLoading, EveryKeyFormat) {
  struct Case {
    const char* name;
    KeyPair pair;
    const char* description;
  };
  const std::vector<Case> cases{
      {"EC P-256 SEC1", ec_pair(EcCurve::p256, 21, crypto::EcPrivateKeyPem::sec1), "ECDSA P-256"},
      {"EC P-256 PKCS#8", ec_pair(EcCurve::p256, 22, crypto::EcPrivateKeyPem::pkcs8),
       "ECDSA P-256"},
      {"EC P-384 SEC1", ec_pair(EcCurve::p384, 23, crypto::EcPrivateKeyPem::sec1), "ECDSA P-384"},
      {"EC P-384 PKCS#8", ec_pair(EcCurve::p384, 24), "ECDSA P-384"},
      {"RSA PKCS#1", rsa_pair(crypto::RsaPrivateKeyPem::pkcs1), "RSA 2048 (rsaEncryption)"},
      {"RSA PKCS#8", rsa_pair(crypto::RsaPrivateKeyPem::pkcs8), "RSA 2048 (rsaEncryption)"},
      {"RSA-PSS PKCS#8", rsa_pss_pair(), "RSA 2048 (RSASSA-PSS)"},
      {"Ed25519 PKCS#8", ed25519_pair(25), "Ed25519"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    // The label in the file is what the test claims it is.
    const bool sec1 = std::string(c.name).find("SEC1") != std::string::npos;
    const bool pkcs1 = std::string(c.name).find("PKCS#1") != std::string::npos;
    const char* label =
        sec1 ? "-----BEGIN EC PRIVATE KEY-----"
             : (pkcs1 ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----");
    EXPECT_EQ(c.pair.private_pem.rfind(label, 0), 0u) << c.pair.private_pem.substr(0, 40);
    auto cred = Credential::from_pem(chain_pem(c.pair.public_key), c.pair.private_pem);
    ASSERT_TRUE(cred.ok()) << cred.error();
    EXPECT_EQ(cred->key_description(), c.description);
    // It signs what its own leaf verifies.
    crypto::DeterministicRandom rng(1);
    const SignatureScheme s = cred->schemes()[0];
    const Bytes sig = cred->sign(s, content(), rng).value();
    EXPECT_TRUE(verify_certificate_verify(c.pair.public_key, s, content(), sig,
                                          supported_certificate_verify_schemes())
                    .ok());
  }
}

TEST(CredentialLoading, FromDerWithPkcs8DerOrPem) {
  crypto::DeterministicRandom rng(31);
  const crypto::EcPrivateKey key = crypto::EcPrivateKey::generate(EcCurve::p384, rng);
  const x509::PublicKey pub = x509::SigningKey::ecdsa(key).public_key();
  const std::vector<Bytes> chain{leaf_der(pub), root_der()};

  auto from_der = Credential::from_der(chain, crypto::write_ec_private_key_pkcs8_der(key));
  ASSERT_TRUE(from_der.ok()) << from_der.error();
  EXPECT_EQ(from_der->schemes()[0], S::ecdsa_secp384r1_sha384);
  ASSERT_EQ(from_der->chain().size(), 2u);
  EXPECT_EQ(from_der->chain()[0], chain[0]);

  auto from_pem = Credential::from_der(chain, as_bytes(crypto::write_ec_private_key_pem(key)));
  ASSERT_TRUE(from_pem.ok()) << from_pem.error();

  // RSA and Ed25519 PKCS#8 DER too.
  auto rsa = Credential::from_der({leaf_der(rsa_pair().public_key)},
                                  crypto::write_rsa_private_key_pkcs8_der(rsa2048().to_parts()));
  ASSERT_TRUE(rsa.ok()) << rsa.error();
  const crypto::Ed25519KeyPair ed = crypto::ed25519_generate(rng);
  auto edc =
      Credential::from_der({leaf_der(x509::SigningKey::ed25519(ed.seed).public_key())},
                           crypto::write_curve25519_private_key_der(crypto::curve25519_private_key(
                               crypto::Curve25519KeyType::ed25519, ed.seed)));
  ASSERT_TRUE(edc.ok()) << edc.error();
  EXPECT_EQ(edc->key_description(), "Ed25519");
}

TEST(CredentialLoading, FromPemFiles) {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("glasstls_cred_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
       std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::create_directories(dir);
  const KeyPair pair = ec_pair(EcCurve::p256, 41);
  {
    std::ofstream(dir / "chain.pem") << chain_pem(pair.public_key);
    std::ofstream(dir / "key.pem") << pair.private_pem;
  }
  auto cred = Credential::from_pem_files(dir / "chain.pem", dir / "key.pem");
  ASSERT_TRUE(cred.ok()) << cred.error();
  EXPECT_EQ(cred->chain().size(), 2u);

  // A missing file is named in the error.
  auto missing = Credential::from_pem_files(dir / "chain.pem", dir / "nope.pem");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("nope.pem"), std::string::npos) << missing.error();
  // A key of another leaf: the error names the key file.
  { std::ofstream(dir / "other.pem") << ec_pair(EcCurve::p256, 42).private_pem; }
  auto other = Credential::from_pem_files(dir / "chain.pem", dir / "other.pem");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().find("other.pem"), std::string::npos) << other.error();
  std::filesystem::remove_all(dir);
}

TEST(CredentialLoading, Refusals) {
  const KeyPair ec = ec_pair(EcCurve::p256, 51);
  const KeyPair ec_other = ec_pair(EcCurve::p256, 52);
  const KeyPair ec384 = ec_pair(EcCurve::p384, 53);
  const KeyPair ed = ed25519_pair(54);

  auto expect_refused = [](const Result<Credential, std::string>& r, std::string_view what) {
    ASSERT_FALSE(r.ok()) << "accepted; expected an error containing \"" << what << "\"";
    EXPECT_NE(r.error().find(what), std::string::npos) << r.error();
  };
  // The key of another certificate (same type and curve).
  expect_refused(Credential::from_pem(chain_pem(ec.public_key), ec_other.private_pem),
                 "does not belong to the leaf certificate");
  // Other curves and other key types are named.
  expect_refused(Credential::from_pem(chain_pem(ec.public_key), ec384.private_pem),
                 "does not belong");
  expect_refused(Credential::from_pem(chain_pem(ec.public_key), rsa_pair().private_pem),
                 "holds an RSA 2048 key, but the leaf certificate's key is EC P-256");
  expect_refused(Credential::from_pem(chain_pem(rsa_pair().public_key), ed.private_pem),
                 "holds an Ed25519 key");
  expect_refused(Credential::from_pem(chain_pem(ed.public_key), ec.private_pem),
                 "holds an EC P-256 key");
  // An X25519 key for an Ed25519 leaf: same file format, but a key-exchange key.
  std::array<std::uint8_t, 32> raw{};
  raw.fill(7);
  const std::string x25519_pem = crypto::write_curve25519_private_key_pem(
      crypto::curve25519_private_key(crypto::Curve25519KeyType::x25519, raw));
  expect_refused(Credential::from_pem(chain_pem(ed.public_key), x25519_pem), "holds an X25519 key");
  // No certificate at all, a chain that is not PEM, a leaf that does not parse.
  expect_refused(Credential::from_pem("", ec.private_pem), "no certificate");
  expect_refused(Credential::from_pem(ec.private_pem, ec.private_pem), "no certificate");
  const std::string junk_leaf = x509::certificate_pem(Bytes{0x30, 0x03, 0x02, 0x01, 0x01});
  expect_refused(Credential::from_pem(junk_leaf, ec.private_pem), "(the leaf) does not parse");
  // A key text that is not PEM, or a PEM block that is not a key.
  expect_refused(Credential::from_pem(chain_pem(ec.public_key), "not a key"), "no PEM block");
  expect_refused(Credential::from_pem(chain_pem(ec.public_key), chain_pem(ec.public_key)),
                 "not an EC private key");
  // from_der with an empty chain.
  expect_refused(Credential::from_der({}, as_bytes(ec.private_pem)), "no certificate");
}

// ---- differential: OpenSSL signs and verifies the same CertificateVerify content ------------

#ifdef GLASSTLS_HAVE_OPENSSL

test::Pkey openssl_private_key(const Bytes& pkcs8_der) {
  const unsigned char* p = pkcs8_der.data();
  return test::Pkey(d2i_AutoPrivateKey(nullptr, &p, static_cast<long>(pkcs8_der.size())));
}

/// EVP_DigestSign / EVP_DigestVerify as a TLS 1.3 stack would call them for `scheme`.
bool openssl_init(EVP_MD_CTX* ctx, EVP_PKEY* key, const SignatureSchemeInfo& info, bool sign) {
  EVP_PKEY_CTX* pctx = nullptr;
  const EVP_MD* md =
      info.family == SignatureSchemeInfo::Family::ed25519 ? nullptr : test::evp_md(info.hash);
  const int r = sign ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, key)
                     : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, key);
  if (r != 1) return false;
  if (info.family == SignatureSchemeInfo::Family::rsa_pss_rsae ||
      info.family == SignatureSchemeInfo::Family::rsa_pss_pss) {
    // RFC 8446 §4.2.3: MGF1 with the same hash, salt length = digest length.
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
           EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, test::evp_md(info.hash)) == 1;
  }
  return true;
}

Bytes openssl_sign(EVP_PKEY* key, SignatureScheme scheme, ByteView msg) {
  test::MdCtx ctx(EVP_MD_CTX_new());
  std::size_t len = 0;
  Bytes sig;
  if (!openssl_init(ctx.get(), key, *signature_scheme_info(scheme), true)) return sig;
  if (EVP_DigestSign(ctx.get(), nullptr, &len, msg.data(), msg.size()) != 1) return sig;
  sig.resize(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, msg.data(), msg.size()) != 1) return {};
  sig.resize(len);
  return sig;
}

bool openssl_verify(EVP_PKEY* key, SignatureScheme scheme, ByteView msg, ByteView sig) {
  test::MdCtx ctx(EVP_MD_CTX_new());
  if (!openssl_init(ctx.get(), key, *signature_scheme_info(scheme), false)) return false;
  return EVP_DigestVerify(ctx.get(), sig.data(), sig.size(), msg.data(), msg.size()) == 1;
}

TEST(CredentialOpenSsl, SignaturesCrossVerify) {
  struct Case {
    const char* name;
    KeyPair pair;
    Bytes pkcs8_der;  // the same private key, for OpenSSL
  };
  crypto::DeterministicRandom rng(61);
  const crypto::EcPrivateKey p256 = crypto::EcPrivateKey::generate(EcCurve::p256, rng);
  const crypto::EcPrivateKey p384 = crypto::EcPrivateKey::generate(EcCurve::p384, rng);
  const crypto::Ed25519KeyPair ed = crypto::ed25519_generate(rng);
  const crypto::Curve25519PrivateKey ed_key =
      crypto::curve25519_private_key(crypto::Curve25519KeyType::ed25519, ed.seed);
  const std::vector<Case> cases{
      {"P-256",
       {x509::SigningKey::ecdsa(p256).public_key(), crypto::write_ec_private_key_pem(p256)},
       crypto::write_ec_private_key_pkcs8_der(p256)},
      {"P-384",
       {x509::SigningKey::ecdsa(p384).public_key(), crypto::write_ec_private_key_pem(p384)},
       crypto::write_ec_private_key_pkcs8_der(p384)},
      {"Ed25519",
       {x509::SigningKey::ed25519(ed.seed).public_key(),
        crypto::write_curve25519_private_key_pem(ed_key)},
       crypto::write_curve25519_private_key_der(ed_key)},
      // OpenSSL reads the PKCS#8 rsaEncryption form and signs PSS when asked; the same numbers
      // serve the id-RSASSA-PSS leaf.
      {"RSA rsaEncryption", rsa_pair(),
       crypto::write_rsa_private_key_pkcs8_der(rsa2048().to_parts())},
      {"RSA id-RSASSA-PSS", rsa_pss_pair(),
       crypto::write_rsa_private_key_pkcs8_der(rsa2048().to_parts())},
  };
  std::size_t checked = 0;
  const Bytes msg = content();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const Credential cred = load(c.pair);
    test::Pkey key = openssl_private_key(c.pkcs8_der);
    ASSERT_NE(key, nullptr) << "OpenSSL could not read the PKCS#8 key";
    for (const SignatureScheme s : cred.schemes()) {
      SCOPED_TRACE(to_string(s));
      // OpenSSL signs, glasstls verifies.
      const Bytes theirs = openssl_sign(key.get(), s, msg);
      ASSERT_FALSE(theirs.empty());
      auto r = verify_certificate_verify(cred.public_key(), s, msg, theirs,
                                         supported_certificate_verify_schemes());
      EXPECT_TRUE(r.ok()) << r.error().to_string();
      // glasstls signs, OpenSSL verifies.
      const Bytes ours = cred.sign(s, msg, rng).value();
      EXPECT_TRUE(openssl_verify(key.get(), s, msg, ours));
      // And OpenSSL agrees that a tampered signature fails.
      Bytes bad = ours;
      bad[bad.size() - 1] ^= 0x01;
      EXPECT_FALSE(openssl_verify(key.get(), s, msg, bad));
      ++checked;
    }
  }
  EXPECT_EQ(checked, 9u);  // every supported scheme
}

#endif  // GLASSTLS_HAVE_OPENSSL

}  // namespace
}  // namespace glasstls::tls
