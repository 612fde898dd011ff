// HKDF (RFC 5869): the extract-then-expand key derivation at the heart of the TLS 1.3 key
// schedule (RFC 8446 §7.1 builds HKDF-Expand-Label on hkdf_expand).
#pragma once

#include "glasstls/core/bytes.hpp"
#include "glasstls/crypto/hash.hpp"

namespace glasstls::crypto {

/// RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM). An empty salt means HashLen zero bytes.
Digest hkdf_extract(HashAlg alg, ByteView salt, ByteView ikm);

/// RFC 5869 §2.3: fills `out` with OKM = T(1) || T(2) || ... where
/// T(i) = HMAC-Hash(PRK, T(i-1) || info || i). Returns false (writing nothing) if
/// out.size() > 255 * HashLen.
[[nodiscard]] bool hkdf_expand(HashAlg alg, ByteView prk, ByteView info, MutableByteView out);

}  // namespace glasstls::crypto
