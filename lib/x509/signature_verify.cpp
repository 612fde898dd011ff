// verify_signature: the one place X.509 checks a signature. It decides, in this order,
//   1. does the algorithm fit the key (an ECDSA signature needs an EC key; a key filed under
//      id-RSASSA-PSS makes only PSS signatures, within its parameters: RFC 4055 §1.2, §3.3),
//   2. does the policy accept it (SHA-1, RSA modulus size),
//   3. does the signature verify,
// so a caller learns *why* a signature was refused, not only that it was.
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/x509/signature.hpp"
#include "x509/signature_internal.hpp"

namespace glasstls::x509 {
namespace {

using Kind = SignatureAlgorithm::Kind;
using crypto::HashAlg;

// RFC 4055 §3.3, case 3: with parameters in the key, "all parameters in the signature structure
// algorithm identifier MUST match the parameters in the key structure algorithm identifier except
// the saltLength field. The saltLength field in the signature parameters MUST be greater or equal
// to that in the key parameters field."
bool pss_params_allowed(const crypto::RsaPssParams& key, const crypto::RsaPssParams& sig) {
  return sig.hash == key.hash && sig.mgf1_hash == key.mgf1_hash &&
         sig.salt_length >= key.salt_length;
}

Result<Unit, SignatureError> from_rsa_error(crypto::RsaError e) {
  switch (e) {
    case crypto::RsaError::key_too_small:
    case crypto::RsaError::hash_not_allowed:
      return Err(SignatureError::weak_algorithm);
    case crypto::RsaError::invalid_signature:
    case crypto::RsaError::message_too_long:
      return Err(SignatureError::invalid);
    default:
      return Err(SignatureError::unsupported);
  }
}

Result<Unit, SignatureError> verify_rsa(const PublicKey::Rsa& key, const SignatureAlgorithm& alg,
                                        ByteView data, ByteView signature,
                                        const SignaturePolicy& policy) {
  if (alg.kind == Kind::rsa_pkcs1 && key.pss_only) {
    // RFC 4055 §1.2: a key identified by id-RSASSA-PSS "MUST only be used for" RSASSA-PSS.
    return Err(SignatureError::key_algorithm_mismatch);
  }
  if (alg.kind == Kind::rsa_pss && key.pss_params && !pss_params_allowed(*key.pss_params, alg.pss))
    return Err(SignatureError::key_algorithm_mismatch);
  // SHA-1 (the message hash, or PSS's mask function) is refused unless the policy allows it: it is
  // broken for collisions (SHAttered, 2017), which is what a certificate signature must resist.
  const bool uses_sha1 = alg.hash == HashAlg::sha1 ||
                         (alg.kind == Kind::rsa_pss &&
                          (alg.pss.hash == HashAlg::sha1 || alg.pss.mgf1_hash == HashAlg::sha1));
  if (uses_sha1 && !policy.allow_sha1) return Err(SignatureError::weak_algorithm);

  // The arithmetic refuses keys below 1024 bits whatever the policy; both are "weak".
  auto pub = crypto::RsaPublicKey::from_parts(key.key);
  if (!pub) return from_rsa_error(pub.error());
  if (pub->modulus_bits() < policy.min_rsa_modulus_bits) return Err(SignatureError::weak_algorithm);

  crypto::RsaPolicy rsa_policy;
  rsa_policy.min_modulus_bits = policy.min_rsa_modulus_bits;
  rsa_policy.allow_sha1 = policy.allow_sha1;
  Result<Unit, crypto::RsaError> r =
      alg.kind == Kind::rsa_pkcs1
          ? crypto::rsa_pkcs1_verify(*pub, alg.hash, data, signature, rsa_policy)
          : crypto::rsa_pss_verify(*pub, alg.pss, data, signature, rsa_policy);
  if (!r) return from_rsa_error(r.error());
  return Unit{};
}

}  // namespace

std::string_view to_string(SignatureError error) noexcept {
  switch (error) {
    case SignatureError::invalid:
      return "the signature does not verify";
    case SignatureError::key_algorithm_mismatch:
      return "the signature algorithm does not fit the key (its type, or the RSASSA-PSS "
             "parameters the key is restricted to)";
    case SignatureError::weak_algorithm:
      return "the signature uses a weak algorithm (SHA-1, or an RSA key below the policy's "
             "minimum size)";
    case SignatureError::unsupported:
      return "the key or signature algorithm is not supported";
  }
  return "unknown signature error";
}

Result<Unit, SignatureError> verify_signature(const PublicKey& key, const SignatureAlgorithm& alg,
                                              ByteView signed_data, ByteView signature,
                                              const SignaturePolicy& policy) {
  switch (alg.kind) {
    case Kind::rsa_pkcs1:
    case Kind::rsa_pss: {
      const auto* rsa = std::get_if<PublicKey::Rsa>(&key.key);
      if (rsa == nullptr) return Err(SignatureError::key_algorithm_mismatch);
      return verify_rsa(*rsa, alg, signed_data, signature, policy);
    }
    case Kind::ecdsa: {
      const auto* ec = std::get_if<crypto::EcPublicKey>(&key.key);
      if (ec == nullptr) return Err(SignatureError::key_algorithm_mismatch);
      if (alg.hash == HashAlg::sha1 && !policy.allow_sha1)
        return Err(SignatureError::weak_algorithm);
      // Any hash with either curve: the digest is truncated to the order's length (FIPS 186-5
      // §6.4.1), and CAs do pair P-256 keys with SHA-384 signatures.
      if (!crypto::ecdsa_verify(*ec, alg.hash, signed_data, signature))
        return Err(SignatureError::invalid);
      return Unit{};
    }
    case Kind::unsupported:
      // MD2/MD4/MD5 are broken, not merely unimplemented: say so.
      return Err(detail::is_broken_hash_signature(alg.oid) ? SignatureError::weak_algorithm
                                                           : SignatureError::unsupported);
    case Kind::ed25519: {
      const auto* ed = std::get_if<PublicKey::Ed25519>(&key.key);
      if (ed == nullptr) return Err(SignatureError::key_algorithm_mismatch);
      // RFC 8410 §6: pure Ed25519 over the data itself (RFC 8032 §5.1.7).
      if (!crypto::ed25519_verify(signature, ed->key, signed_data))
        return Err(SignatureError::invalid);
      return Unit{};
    }
  }
  return Err(SignatureError::unsupported);
}

}  // namespace glasstls::x509
