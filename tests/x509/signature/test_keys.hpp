// Keys shared by the signature and builder tests, made once per test binary from fixed seeds (RSA
// key generation is the slow part, so each size is made once and reused).
#pragma once

#include "crypto/rsa_keys/rsa_key_test_data.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/x509/signing_key.hpp"

namespace glasstls::x509::test_keys {

/// A 2048-bit RSA private key, the same on every run.
inline const crypto::RsaPrivateKey& rsa2048() {
  static const crypto::RsaPrivateKey key = [] {
    crypto::DeterministicRandom rng(2048);
    return crypto::RsaPrivateKey::generate(2048, rng).value();
  }();
  return key;
}

/// A second one, for issuers and subjects that must differ.
inline const crypto::RsaPrivateKey& rsa2048_b() {
  static const crypto::RsaPrivateKey key = [] {
    crypto::DeterministicRandom rng(20482);
    return crypto::RsaPrivateKey::generate(2048, rng).value();
  }();
  return key;
}

/// A copy of a private key (RsaPrivateKey is move-only).
inline crypto::RsaPrivateKey copy(const crypto::RsaPrivateKey& key) {
  return crypto::RsaPrivateKey::from_parts(key.to_parts()).value();
}

/// RFC 8448's 1024-bit key: below the web PKI's minimum.
inline crypto::RsaPrivateKey rsa1024() {
  return crypto::RsaPrivateKey::from_parts(crypto::rsa_key_test::rfc8448_key()).value();
}

inline SigningKey rsa_pkcs1(crypto::HashAlg hash = crypto::HashAlg::sha256) {
  return SigningKey::rsa_pkcs1(copy(rsa2048()), hash);
}

inline SigningKey rsa_pss(crypto::RsaPssParams params = {crypto::HashAlg::sha256,
                                                         crypto::HashAlg::sha256, 32},
                          RsaPssKeyForm form = RsaPssKeyForm::rsa_encryption) {
  return SigningKey::rsa_pss(copy(rsa2048()), params, form).value();
}

inline SigningKey ec(crypto::EcCurve curve, std::uint64_t seed = 1) {
  crypto::DeterministicRandom rng(seed);
  return SigningKey::generate_ec(curve, rng);
}

inline SigningKey ed25519(std::uint64_t seed = 1) {
  crypto::DeterministicRandom rng(seed);
  return SigningKey::generate_ed25519(rng);
}

}  // namespace glasstls::x509::test_keys
