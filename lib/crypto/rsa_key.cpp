// The shared RSA key structs' out-of-line parts: wiping the private numbers, and error names.
#include "glasstls/crypto/rsa_key.hpp"

#include "glasstls/core/ct.hpp"

namespace glasstls::crypto {

RsaPrivateKeyParts::~RsaPrivateKeyParts() {
  for (Bytes* b : {&d, &p, &q, &dp, &dq, &qinv}) ct::secure_wipe(b->data(), b->size());
}

std::string_view to_string(RsaError e) noexcept {
  switch (e) {
    case RsaError::malformed_key: return "malformed RSA key";
    case RsaError::key_too_small: return "RSA key below the policy's minimum size";
    case RsaError::key_too_large: return "RSA key above 8192 bits";
    case RsaError::unsupported_exponent: return "unsupported RSA public exponent";
    case RsaError::hash_not_allowed: return "hash not allowed by the RSA policy";
    case RsaError::message_too_long: return "input does not fit the RSA modulus";
    case RsaError::invalid_signature: return "invalid RSA signature";
    case RsaError::decryption_failed: return "RSA decryption failed";
    case RsaError::fault_detected: return "RSA private-key result failed its check";
    case RsaError::key_generation_failed: return "RSA key generation failed";
  }
  return "unknown RSA error";
}

}  // namespace glasstls::crypto
