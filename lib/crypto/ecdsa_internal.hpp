// ECDSA pieces exposed to the tests (not installed): the RFC 6979 nonce on its own, and signing
// with a nonce the caller supplies, so NIST CAVP SigGen records (which print k) can be replayed.
#pragma once

#include <optional>

#include "glasstls/crypto/ec.hpp"

namespace glasstls::crypto::detail {

/// The RFC 6979 §3.2 nonce k for `digest` (already computed with `hash`) under `key`,
/// big-endian, ec_scalar_size bytes. Secret.
std::array<std::uint8_t, kEcMaxScalarSize> rfc6979_nonce(const EcPrivateKey& key, HashAlg hash,
                                                         ByteView digest);

/// FIPS 186-5 §6.4.1 signing with the given nonce k (big-endian, ec_scalar_size bytes).
/// nullopt when k is 0 or ≥ n, or when r or s comes out 0.
std::optional<EcdsaSignature> ecdsa_sign_digest_with_nonce(const EcPrivateKey& key,
                                                           ByteView digest, ByteView k);

}  // namespace glasstls::crypto::detail
