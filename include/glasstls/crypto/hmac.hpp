// HMAC (RFC 2104) over any HashAlg: the MAC inside HKDF and the TLS 1.3 Finished message
// (RFC 8446 §4.4.4).
//
//     crypto::Digest tag = crypto::hmac(HashAlg::sha256, key, data);
//     if (!crypto::hmac_verify(HashAlg::sha256, key, data, received_tag)) ...   // constant time
#pragma once

#include "glasstls/core/bytes.hpp"
#include "glasstls/crypto/hash.hpp"

namespace glasstls::crypto {

/// A streaming HMAC. The key is absorbed at construction (as the two keyed hash states of
/// RFC 2104's inner and outer hash); the key bytes themselves are not kept.
class Hmac {
 public:
  Hmac(HashAlg alg, ByteView key);

  void update(ByteView data);
  /// Returns the tag (digest_size(alg) bytes), then resets to a fresh MAC under the same key.
  Digest finish();
  HashAlg alg() const noexcept { return inner_.alg(); }

 private:
  Hash keyed_inner_;  // H after absorbing K ^ ipad
  Hash keyed_outer_;  // H after absorbing K ^ opad
  Hash inner_;        // keyed_inner_ plus the message so far
};

/// One-shot HMAC.
Digest hmac(HashAlg alg, ByteView key, ByteView data);

/// Recomputes the tag and compares it with `expected_tag` in constant time (ct::memory_equal).
/// A tag of the wrong length is simply not equal.
[[nodiscard]] bool hmac_verify(HashAlg alg, ByteView key, ByteView data, ByteView expected_tag);

}  // namespace glasstls::crypto
