// Hash algorithms chosen at run time: what HMAC, HKDF, the TLS transcript and signature checks
// use when the algorithm comes from a negotiated cipher suite or a certificate.
//
//     crypto::Hash h(crypto::HashAlg::sha384);
//     h.update(message);
//     crypto::Digest d = h.finish();    // d.view() is 48 bytes
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "glasstls/core/bytes.hpp"
#include "glasstls/crypto/sha1.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "glasstls/crypto/sha512.hpp"

namespace glasstls::crypto {

enum class HashAlg { sha1, sha256, sha384, sha512 };

/// Output length in bytes (HashLen in RFC 5869): 20, 32, 48, 64.
std::size_t digest_size(HashAlg alg) noexcept;
/// Input block length in bytes (B in RFC 2104): 64 or 128.
std::size_t block_size(HashAlg alg) noexcept;
/// "sha1", "sha256", "sha384", "sha512".
std::string_view hash_name(HashAlg alg) noexcept;

/// The largest digest any HashAlg produces.
inline constexpr std::size_t kMaxDigestSize = 64;
/// The largest block size any HashAlg uses.
inline constexpr std::size_t kMaxBlockSize = 128;

/// A digest (or MAC tag, or PRK) of any of the hashes: `size` bytes of `bytes` are meaningful.
/// Wiped when destroyed, since HMAC tags and HKDF outputs are often secrets. Still an aggregate
/// (`Digest{bytes, size}` works) and copyable.
struct Digest {
  std::array<std::uint8_t, kMaxDigestSize> bytes{};
  std::size_t size = 0;

  ~Digest();

  ByteView view() const noexcept { return ByteView(bytes.data(), size); }
};

/// A streaming hash of the algorithm given at construction. Copyable (copy to read an
/// intermediate digest and keep going).
class Hash {
 public:
  explicit Hash(HashAlg alg);

  void update(ByteView data);
  /// Returns the digest, then resets to the initial state.
  Digest finish();
  HashAlg alg() const noexcept { return alg_; }

  /// One shot.
  static Digest hash(HashAlg alg, ByteView data);

 private:
  HashAlg alg_;
  std::variant<Sha1, Sha256, Sha384, Sha512> state_;
};

}  // namespace glasstls::crypto
