// SHA-1 (FIPS 180-4). Broken for collision resistance; TLS 1.3 keeps it only for legacy
// signature algorithms in certificates (RFC 8446 §4.2.3), so glasstls has it for verifying and
// for tests. Same interface as Sha256.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/registry.hpp"

namespace glasstls::crypto {

struct Sha1Ops {
  /// FIPS 180-4 §6.1.2 steps 1-4 over `nblocks` 64-byte blocks.
  void (*compress)(std::uint32_t state[5], const std::uint8_t* blocks, std::size_t nblocks);
};
using Sha1Implementation = Implementation<Sha1Ops>;

/// The SHA-1 implementations ("portable" only).
std::span<const Sha1Implementation> sha1_implementations();
const Sha1Implementation& sha1_default();
const Sha1Implementation* sha1_implementation(std::string_view name);

class Sha1 {
 public:
  static constexpr std::size_t kDigestSize = 20;
  static constexpr std::size_t kBlockSize = 64;
  using Digest = std::array<std::uint8_t, kDigestSize>;

  Sha1();
  explicit Sha1(const Sha1Implementation& impl);
  Sha1(const Sha1&) = default;
  Sha1& operator=(const Sha1&) = default;
  ~Sha1();

  void update(ByteView data);
  /// Returns the digest, then resets to the initial state.
  Digest finish();
  static Digest hash(ByteView data);

  const Sha1Implementation& implementation() const noexcept { return *impl_; }

 private:
  void reset() noexcept;

  const Sha1Implementation* impl_;
  std::uint32_t state_[5];
  std::uint8_t buffer_[kBlockSize];
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

}  // namespace glasstls::crypto
