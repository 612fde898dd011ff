// SigningKey: one private key and the signature algorithm it signs with, as the certificate
// builder (and later CRL/OCSP signers and TLS CertificateVerify) use it.
//
//     crypto::DeterministicRandom rng(7);
//     x509::SigningKey root_key = x509::SigningKey::generate_ec(crypto::EcCurve::p384, rng);
//     root_key.algorithm().to_string();      // "ecdsa-with-SHA384"
//     Bytes sig = root_key.sign(tbs);         // DER Ecdsa-Sig-Value
//     x509::PublicKey pub = root_key.public_key();
//
// The kinds: RSA PKCS#1 v1.5 or RSASSA-PSS with a hash (the SubjectPublicKeyInfo under
// rsaEncryption, or under id-RSASSA-PSS with or without parameters), ECDSA P-256/P-384 with a hash
// (SHA-256 for P-256 and SHA-384 for P-384 unless told otherwise), and Ed25519.
//
// A SigningKey is a tool for minting certificates: it signs under a permissive policy (SHA-1 and
// 1024-bit RSA allowed) so tests can make the weak certificates a verifier must refuse.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <variant>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/crypto/rsa.hpp"
#include "glasstls/x509/signature.hpp"

namespace glasstls::x509 {

/// A SignatureAlgorithm (with its DER filled in) for a kind and hash: PKCS#1 v1.5, ECDSA, Ed25519
/// (hash ignored: SHA-512), or RSASSA-PSS with MGF1 over the same hash and a salt as long as the
/// digest.
SignatureAlgorithm make_signature_algorithm(SignatureAlgorithm::Kind kind, crypto::HashAlg hash);
/// RSASSA-PSS with explicit RFC 4055 parameters (DER filled in).
SignatureAlgorithm make_rsa_pss_algorithm(const crypto::RsaPssParams& params);

/// How an RSA key used for PSS is filed in its SubjectPublicKeyInfo (RFC 4055 §1.2, §3.1).
enum class RsaPssKeyForm {
  rsa_encryption,    // rsaEncryption: the key may make any RSA signature
  pss_unrestricted,  // id-RSASSA-PSS without parameters: PSS only, any parameters
  pss_restricted,    // id-RSASSA-PSS with the signing parameters: PSS only, those parameters
};

class SigningKey {
 public:
  /// RSASSA-PKCS1-v1_5 with `hash`; the key is filed under rsaEncryption.
  static SigningKey rsa_pkcs1(crypto::RsaPrivateKey key,
                              crypto::HashAlg hash = crypto::HashAlg::sha256);
  /// RSASSA-PSS with `params`. Refused (hash_not_allowed) when mgf1_hash != hash, which the
  /// crypto layer's signer does not make (verify_signature accepts any combination), and
  /// (message_too_long) when the salt does not fit the modulus.
  [[nodiscard]] static Result<SigningKey, crypto::RsaError> rsa_pss(
      crypto::RsaPrivateKey key, const crypto::RsaPssParams& params,
      RsaPssKeyForm form = RsaPssKeyForm::rsa_encryption);
  /// ECDSA; without a hash, SHA-256 for P-256 and SHA-384 for P-384.
  static SigningKey ecdsa(const crypto::EcPrivateKey& key,
                          std::optional<crypto::HashAlg> hash = std::nullopt);
  static SigningKey ed25519(const crypto::Ed25519Seed& seed);

  // Fresh keys for tests (deterministic with a DeterministicRandom).
  static SigningKey generate_ec(crypto::EcCurve curve, crypto::RandomSource& rng);
  static SigningKey generate_ed25519(crypto::RandomSource& rng);
  /// An RSA PKCS#1 v1.5 SHA-256 key of 2048, 3072 or 4096 bits.
  [[nodiscard]] static Result<SigningKey, crypto::RsaError> generate_rsa(std::size_t bits,
                                                                         crypto::RandomSource& rng);

  /// The same private key signing with another hash (e.g. SHA-1, for a weak certificate). For
  /// PSS the parameters become MGF1 over the same hash and a salt as long as the digest (which
  /// must fit the modulus; a pss_restricted key's SubjectPublicKeyInfo follows); for Ed25519
  /// nothing changes.
  SigningKey with_hash(crypto::HashAlg hash) const;

  /// What sign() produces, as an AlgorithmIdentifier would name it (der filled in).
  SignatureAlgorithm algorithm() const { return algorithm_; }
  /// Signs `data` (e.g. a tbsCertificate). ECDSA signatures are DER Ecdsa-Sig-Value; RSA
  /// blinding and PSS salts come from `rng` (the system source by default). Cannot fail for
  /// keys made by the factories above; if the crypto layer refuses anyway (its RSA fault check),
  /// the process aborts with a message rather than return a wrong signature.
  Bytes sign(ByteView data) const;
  Bytes sign(ByteView data, crypto::RandomSource& rng) const;
  /// The public key, exactly as read_public_key would decode spki_der().
  PublicKey public_key() const;
  /// The SubjectPublicKeyInfo DER (written by the crypto layer's key writers).
  Bytes spki_der() const;

 private:
  struct Rsa {
    // Shared (RsaPrivateKey cannot be copied), so SigningKey copies cheaply and with_hash()
    // keeps one secret key.
    std::shared_ptr<const crypto::RsaPrivateKey> key;
    RsaPssKeyForm form = RsaPssKeyForm::rsa_encryption;
  };
  SigningKey(std::variant<Rsa, crypto::EcPrivateKey, crypto::Ed25519KeyPair> key,
             SignatureAlgorithm algorithm)
      : key_(std::move(key)), algorithm_(std::move(algorithm)) {}

  std::variant<Rsa, crypto::EcPrivateKey, crypto::Ed25519KeyPair> key_;
  SignatureAlgorithm algorithm_;
};

}  // namespace glasstls::x509
