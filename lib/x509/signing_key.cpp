// SigningKey (see signing_key.hpp): each kind signs through the crypto layer and describes its
// public key with the crypto layer's SubjectPublicKeyInfo writers.
#include "glasstls/x509/signing_key.hpp"

#include <cstdio>
#include <cstdlib>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/curve25519_key_io.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"

namespace glasstls::x509 {
namespace {

using Kind = SignatureAlgorithm::Kind;
using crypto::HashAlg;

// Minting certificates includes minting bad ones: SHA-1 and 1024-bit keys are allowed here, and
// refused (or not) by the verifier's SignaturePolicy.
crypto::RsaPolicy permissive_policy() {
  crypto::RsaPolicy p;
  p.min_modulus_bits = crypto::kRsaMinModulusBits;
  p.allow_sha1 = true;
  return p;
}

// A SigningKey signs with validated keys under a permissive policy, so the crypto layer cannot
// refuse it; if it does anyway (its fault check caught a miscomputed RSA signature), nothing
// sensible can be returned, and, as SystemRandom does when the kernel fails it, we stop.
[[noreturn]] void fatal(const char* what, std::string_view why) {
  std::fprintf(stderr, "glasstls SigningKey: %s: %.*s\n", what, static_cast<int>(why.size()),
               why.data());
  std::abort();
}

HashAlg default_ec_hash(crypto::EcCurve curve) {
  return curve == crypto::EcCurve::p256 ? HashAlg::sha256 : HashAlg::sha384;
}

}  // namespace

SigningKey SigningKey::rsa_pkcs1(crypto::RsaPrivateKey key, HashAlg hash) {
  Rsa rsa{std::make_shared<const crypto::RsaPrivateKey>(std::move(key)),
          RsaPssKeyForm::rsa_encryption};
  return SigningKey(std::move(rsa), make_signature_algorithm(Kind::rsa_pkcs1, hash));
}

Result<SigningKey, crypto::RsaError> SigningKey::rsa_pss(crypto::RsaPrivateKey key,
                                                         const crypto::RsaPssParams& params,
                                                         RsaPssKeyForm form) {
  // The crypto layer's PSS signer uses MGF1 over the message hash.
  if (params.mgf1_hash != params.hash) return Err(crypto::RsaError::hash_not_allowed);
  // RFC 8017 §9.1.1 step 3: emLen >= hLen + sLen + 2 (emLen is k, or k - 1 when the modulus
  // bits are a multiple of 8 plus one).
  const std::size_t em_len = (key.modulus_bits() - 1 + 7) / 8;
  if (em_len < crypto::digest_size(params.hash) + params.salt_length + 2)
    return Err(crypto::RsaError::message_too_long);
  Rsa rsa{std::make_shared<const crypto::RsaPrivateKey>(std::move(key)), form};
  return SigningKey(std::move(rsa), make_rsa_pss_algorithm(params));
}

SigningKey SigningKey::ecdsa(const crypto::EcPrivateKey& key, std::optional<HashAlg> hash) {
  return SigningKey(
      key, make_signature_algorithm(Kind::ecdsa, hash.value_or(default_ec_hash(key.curve()))));
}

SigningKey SigningKey::ed25519(const crypto::Ed25519Seed& seed) {
  crypto::Ed25519KeyPair pair;
  pair.seed = seed;
  pair.public_key = crypto::ed25519_public_key(seed);
  return SigningKey(pair, make_signature_algorithm(Kind::ed25519, HashAlg::sha512));
}

SigningKey SigningKey::generate_ec(crypto::EcCurve curve, crypto::RandomSource& rng) {
  return ecdsa(crypto::EcPrivateKey::generate(curve, rng));
}

SigningKey SigningKey::generate_ed25519(crypto::RandomSource& rng) {
  const crypto::Ed25519KeyPair pair = crypto::ed25519_generate(rng);
  return ed25519(pair.seed);
}

Result<SigningKey, crypto::RsaError> SigningKey::generate_rsa(std::size_t bits,
                                                              crypto::RandomSource& rng) {
  auto key = crypto::RsaPrivateKey::generate(bits, rng);
  if (!key) return Err(key.error());
  return rsa_pkcs1(std::move(*key));
}

SigningKey SigningKey::with_hash(HashAlg hash) const {
  SigningKey copy = *this;
  if (algorithm_.kind == Kind::rsa_pss) {
    copy.algorithm_ = make_rsa_pss_algorithm({hash, hash, crypto::digest_size(hash)});
  } else {
    copy.algorithm_ = make_signature_algorithm(algorithm_.kind, hash);
  }
  return copy;
}

Bytes SigningKey::sign(ByteView data) const {
  return sign(data, crypto::system_random());
}

Bytes SigningKey::sign(ByteView data, crypto::RandomSource& rng) const {
  if (const auto* rsa = std::get_if<Rsa>(&key_)) {
    const crypto::RsaPolicy policy = permissive_policy();
    Result<Bytes, crypto::RsaError> sig = Err(crypto::RsaError::invalid_signature);
    if (algorithm_.kind == Kind::rsa_pkcs1) {
      sig = crypto::rsa_pkcs1_sign(*rsa->key, algorithm_.hash, data, rng, policy);
    } else {
      // RFC 8017 §9.1.1: the salt is random, of the length the parameters name.
      Bytes salt(algorithm_.pss.salt_length);
      rng.fill(salt);
      sig = crypto::rsa_pss_sign_with_salt(*rsa->key, algorithm_.pss.hash, data, salt, rng, policy);
    }
    if (!sig) fatal("RSA signing failed", crypto::to_string(sig.error()));
    return std::move(*sig);
  }
  if (const auto* ec = std::get_if<crypto::EcPrivateKey>(&key_))
    return crypto::ecdsa_sign(*ec, algorithm_.hash, data);
  const auto& ed = std::get<crypto::Ed25519KeyPair>(key_);
  const crypto::Ed25519Signature sig = crypto::ed25519_sign(ed.seed, ed.public_key, data);
  return Bytes(sig.begin(), sig.end());
}

Bytes SigningKey::spki_der() const {
  if (const auto* rsa = std::get_if<Rsa>(&key_)) {
    const crypto::RsaPublicKeyParts parts = rsa->key->public_key().to_parts();
    switch (rsa->form) {
      case RsaPssKeyForm::rsa_encryption:
        return crypto::write_rsa_spki_der(parts);
      case RsaPssKeyForm::pss_unrestricted:
        return crypto::write_rsa_spki_der(parts, /*pss_key=*/true);
      case RsaPssKeyForm::pss_restricted:
        return crypto::write_rsa_spki_der(parts, /*pss_key=*/true, algorithm_.pss);
    }
  }
  if (const auto* ec = std::get_if<crypto::EcPrivateKey>(&key_))
    return crypto::write_ec_spki_der(ec->public_key());
  crypto::Curve25519PublicKey pub;
  pub.type = crypto::Curve25519KeyType::ed25519;
  pub.public_key = std::get<crypto::Ed25519KeyPair>(key_).public_key;
  return crypto::write_curve25519_spki_der(pub);
}

PublicKey SigningKey::public_key() const {
  // One decoder for every SubjectPublicKeyInfo: what a certificate would say about this key.
  const Bytes spki = spki_der();
  asn1::Der der(spki);
  asn1::DerReader root = der.root();
  PublicKey key = read_public_key(root, "subjectPublicKeyInfo");
  root.finish();
  // Our own writers' output: unreadable only if the writers and the reader disagree.
  if (!der.ok()) fatal("own SubjectPublicKeyInfo unreadable", der.error().to_string());
  return key;
}

}  // namespace glasstls::x509
