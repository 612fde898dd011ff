// RSA key material as plain numbers, the meeting point of the RSA arithmetic (rsa.hpp) and the
// key file formats (rsa_key_io.hpp: PKCS#1, PKCS#8, SubjectPublicKeyInfo, DER and PEM).
//
// Numbers are unsigned big-endian magnitudes without leading zero bytes (the INTEGER contents of
// RFC 8017 Appendix A.1 with the sign byte removed). RsaPrivateKeyParts wipes itself.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/crypto/hash.hpp"

namespace glasstls::crypto {

/// RFC 8017 §3.1: RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
struct RsaPublicKeyParts {
  Bytes n;
  Bytes e;
};

/// RFC 8017 §3.2 (two-prime form): n, e, d, p, q, dP = d mod (p-1), dQ = d mod (q-1),
/// qInv = q^-1 mod p.
struct RsaPrivateKeyParts {
  Bytes n, e, d, p, q, dp, dq, qinv;

  RsaPrivateKeyParts() = default;
  RsaPrivateKeyParts(const RsaPrivateKeyParts&) = default;
  RsaPrivateKeyParts& operator=(const RsaPrivateKeyParts&) = default;
  RsaPrivateKeyParts(RsaPrivateKeyParts&&) = default;
  RsaPrivateKeyParts& operator=(RsaPrivateKeyParts&&) = default;
  ~RsaPrivateKeyParts();  // wipes every secret component

  RsaPublicKeyParts public_parts() const { return {n, e}; }
};

/// RFC 4055 §3.1 RSASSA-PSS-params, with its DEFAULTs resolved (SHA-1, MGF1-SHA-1, salt 20,
/// trailer 1). A key whose SubjectPublicKeyInfo algorithm is id-RSASSA-PSS may carry these to
/// restrict how it signs; an absent parameters field means "no restriction".
struct RsaPssParams {
  HashAlg hash = HashAlg::sha1;
  HashAlg mgf1_hash = HashAlg::sha1;
  std::size_t salt_length = 20;
};

/// Why an RSA operation or key was refused. One place, so callers (and later the TLS layer,
/// which maps them to alerts) see the same names.
enum class RsaError {
  malformed_key,          // a key's numbers are inconsistent (p·q != n, bad CRT values, ...)
  key_too_small,          // below the policy's minimum modulus size
  key_too_large,          // above 8192 bits
  unsupported_exponent,   // e even, e < 3, or e too large
  hash_not_allowed,       // the policy does not allow this hash
  message_too_long,       // input does not fit the modulus / encoding
  invalid_signature,      // verification failed (one error for every kind of mismatch)
  decryption_failed,      // OAEP: one uniform error, whatever went wrong (Manger)
  fault_detected,         // a private-key result failed its check; nothing was released
  key_generation_failed,
};
std::string_view to_string(RsaError e) noexcept;

}  // namespace glasstls::crypto
