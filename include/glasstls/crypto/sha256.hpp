// SHA-256 (FIPS 180-4): the hash TLS 1.3 uses for its transcript and key schedule with the
// TLS_AES_128_GCM_SHA256 and TLS_CHACHA20_POLY1305_SHA256 cipher suites.
//
//     auto digest = crypto::Sha256::hash(as_bytes("abc"));   // one shot
//     crypto::Sha256 h;  h.update(part1);  h.update(part2);  auto d = h.finish();   // streaming
//
// The object is a plain value (arrays plus a pointer to the implementation), so copying it is
// cheap: the TLS transcript copies a running hash to read an intermediate digest and carries on.
//
// Two implementations of the compression function sit behind one table: "sha_ni" (the x86 SHA
// extensions, lib/crypto/sha256_shani.cpp) and "portable" (plain C++ written against the
// standard, lib/crypto/sha256_portable.cpp — read this one first).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/registry.hpp"

namespace glasstls::crypto {

/// The operations a SHA-256 implementation provides.
struct Sha256Ops {
  /// Runs the compression function (FIPS 180-4 §6.2.2 steps 1-4) over `nblocks` consecutive
  /// 64-byte blocks, updating the eight working-state words H0..H7 in place.
  void (*compress)(std::uint32_t state[8], const std::uint8_t* blocks, std::size_t nblocks);
};
using Sha256Implementation = Implementation<Sha256Ops>;

/// Every SHA-256 implementation compiled in, fastest first, "portable" last.
std::span<const Sha256Implementation> sha256_implementations();
/// The one chosen for this CPU (or "portable" under GLASSTLS_PORTABLE=1). Chosen once.
const Sha256Implementation& sha256_default();
/// By name ("sha_ni", "portable"); nullptr if unknown or not runnable on this CPU.
const Sha256Implementation* sha256_implementation(std::string_view name);

class Sha256 {
 public:
  static constexpr std::size_t kDigestSize = 32;
  static constexpr std::size_t kBlockSize = 64;
  using Digest = std::array<std::uint8_t, kDigestSize>;

  /// A fresh hash using the default implementation.
  Sha256();
  /// A fresh hash using a particular implementation (tests, benchmarks).
  explicit Sha256(const Sha256Implementation& impl);
  Sha256(const Sha256&) = default;
  Sha256& operator=(const Sha256&) = default;
  /// Wipes the buffered input and the chaining state.
  ~Sha256();

  /// Absorbs more message bytes.
  void update(ByteView data);
  /// Pads the message (FIPS 180-4 §5.1.1), returns the digest, then resets to the initial state
  /// so the object can hash a new message.
  Digest finish();

  /// One-shot hash with the default implementation.
  static Digest hash(ByteView data);

  const Sha256Implementation& implementation() const noexcept { return *impl_; }

 private:
  void reset() noexcept;

  const Sha256Implementation* impl_;
  std::uint32_t state_[8];
  std::uint8_t buffer_[kBlockSize];  // a partial block waiting for more input
  std::size_t buffered_ = 0;         // bytes in buffer_
  std::uint64_t total_bytes_ = 0;    // message length so far (the padding needs it in bits)
};

}  // namespace glasstls::crypto
