// HKDF, RFC 5869 §2: Extract concentrates the input keying material into a pseudorandom key;
// Expand stretches that key into as many output bytes as needed, bound to `info`.
#include "glasstls/crypto/hkdf.hpp"

#include <algorithm>
#include <array>

#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/hmac.hpp"

namespace glasstls::crypto {

Digest hkdf_extract(HashAlg alg, ByteView salt, ByteView ikm) {
  // §2.2: "salt  optional salt value (a non-secret random value); if not provided, it is set to
  // a string of HashLen zeros."
  std::array<std::uint8_t, kMaxDigestSize> zeros{};
  if (salt.empty()) {
    salt = ByteView(zeros.data(), digest_size(alg));
  }
  // PRK = HMAC-Hash(salt, IKM): the salt is the HMAC key.
  return hmac(alg, salt, ikm);
}

bool hkdf_expand(HashAlg alg, ByteView prk, ByteView info, MutableByteView out) {
  const std::size_t hash_len = digest_size(alg);
  // §2.3: "L  length of output keying material in octets (<= 255*HashLen)".
  if (out.size() > 255 * hash_len) {
    return false;
  }

  // N = ceil(L/HashLen);  T(0) = empty string;
  // T(i) = HMAC-Hash(PRK, T(i-1) | info | i)   with i as a single octet 0x01, 0x02, ...
  // OKM = first L octets of T(1) | T(2) | ... | T(N).
  Hmac mac(alg, prk);
  Digest t;  // T(i-1); size 0 for T(0)
  std::size_t written = 0;
  for (std::uint8_t i = 1; written < out.size(); ++i) {
    mac.update(t.view());
    mac.update(info);
    mac.update(ByteView(&i, 1));
    t = mac.finish();  // (finish resets the MAC to the keyed state for the next block)
    const std::size_t take = std::min(hash_len, out.size() - written);
    std::copy_n(t.bytes.begin(), take, out.begin() + static_cast<std::ptrdiff_t>(written));
    written += take;
  }
  return true;  // t is wiped by its destructor
}

}  // namespace glasstls::crypto
