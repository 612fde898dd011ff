// The state behind RsaPublicKey / RsaPrivateKey, and helpers the RSA scheme files share.
#pragma once

#include <optional>

#include "crypto/bignum.hpp"
#include "crypto/montgomery.hpp"
#include "glasstls/crypto/rsa.hpp"

namespace glasstls::crypto::detail {

struct RsaPublicState {
  bn::Limbs n, e;      // n: L limbs; e: 1 limb (e < 2^32)
  std::size_t bits = 0;
  bn::Montgomery mont_n;  // R² mod n cached here
};

struct RsaPrivateState {
  bn::Limbs d, p, q, dp, dq, qinv;  // d: L limbs; p, dp, qinv: Lp limbs; q, dq: Lq limbs
  std::size_t p_bits = 0, q_bits = 0;  // public (the sizes of the halves)
  bn::Montgomery mont_p, mont_q;
};

/// RFC 8017 §9.2 note 1: the DER DigestInfo prefix for each hash.
ByteView digest_info_prefix(HashAlg hash) noexcept;
/// Refuses keys outside the policy and hashes it does not allow.
[[nodiscard]] std::optional<RsaError> check_policy(const RsaPublicKey& key, const RsaPolicy& policy);
[[nodiscard]] std::optional<RsaError> check_hash(HashAlg hash, const RsaPolicy& policy);
/// MGF1 (RFC 8017 §B.2.1): out ^= MGF1(seed, out.size()) — XORs the mask in place.
void mgf1_xor(HashAlg hash, ByteView seed, MutableByteView out);

}  // namespace glasstls::crypto::detail
