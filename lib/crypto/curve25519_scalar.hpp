// Arithmetic modulo the edwards25519 group order (internal header):
//     L = 2^252 + 27742317777372353535851937790883648493   (RFC 8032 §5.1, Table 1)
// Scalars are 32-byte little-endian strings, as RFC 8032 encodes them. Reduction is Barrett's
// (Handbook of Applied Cryptography, Algorithm 14.42) with 64-bit limbs: fixed loops, no `%` or
// `/`, no branch on the value, so it is safe for the secret nonce r and the signing scalar s.
#pragma once

#include <cstdint>

namespace glasstls::crypto::curve25519 {

/// out = in mod L for a 64-byte little-endian integer (an SHA-512 output). Constant time.
void sc_reduce(std::uint8_t out[32], const std::uint8_t in[64]) noexcept;

/// out = (a·b + c) mod L, for a, b < 2^256 with a·b + c < 2^512 (true for a < L, b < 2^255,
/// c < L: Ed25519's S = r + k·s). Constant time.
void sc_muladd(std::uint8_t out[32], const std::uint8_t a[32], const std::uint8_t b[32],
               const std::uint8_t c[32]) noexcept;

/// True if s < L (RFC 8032 §5.1.7 step 1 rejects S >= L). Variable time: s is public.
bool sc_is_canonical(const std::uint8_t s[32]) noexcept;

}  // namespace glasstls::crypto::curve25519
