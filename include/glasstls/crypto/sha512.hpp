// SHA-384 and SHA-512 (FIPS 180-4). SHA-384 is the hash of the TLS_AES_256_GCM_SHA384 cipher
// suite; both appear in certificate signatures. SHA-384 is SHA-512 with a different initial value,
// truncated to 48 bytes (§6.5), so both classes wrap one engine. Same interface as Sha256.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/registry.hpp"

namespace glasstls::crypto {

struct Sha512Ops {
  /// FIPS 180-4 §6.4.2 steps 1-4 over `nblocks` 128-byte blocks.
  void (*compress)(std::uint64_t state[8], const std::uint8_t* blocks, std::size_t nblocks);
};
using Sha512Implementation = Implementation<Sha512Ops>;

/// The SHA-512 compression implementations ("portable" only); SHA-384 uses the same table.
std::span<const Sha512Implementation> sha512_implementations();
const Sha512Implementation& sha512_default();
const Sha512Implementation* sha512_implementation(std::string_view name);

namespace detail {

/// The buffering and padding shared by Sha384 and Sha512; they differ only in H(0) and in how
/// many bytes of the final state they output.
class Sha512Engine {
 public:
  Sha512Engine(const Sha512Implementation& impl, const std::uint64_t* initial_state);
  Sha512Engine(const Sha512Engine&) = default;
  Sha512Engine& operator=(const Sha512Engine&) = default;
  ~Sha512Engine();

  void update(ByteView data);
  /// Pads (§5.1.2), writes the first `out_len` bytes of H(N) (out_len <= 64), resets.
  void finish(std::uint8_t* out, std::size_t out_len);
  const Sha512Implementation& implementation() const noexcept { return *impl_; }

 private:
  void reset() noexcept;

  const Sha512Implementation* impl_;
  const std::uint64_t* initial_;  // points at a constant H(0) table
  std::uint64_t state_[8];
  std::uint8_t buffer_[128];
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

}  // namespace detail

class Sha512 {
 public:
  static constexpr std::size_t kDigestSize = 64;
  static constexpr std::size_t kBlockSize = 128;
  using Digest = std::array<std::uint8_t, kDigestSize>;

  Sha512();
  explicit Sha512(const Sha512Implementation& impl);

  void update(ByteView data) { engine_.update(data); }
  /// Returns the digest, then resets to the initial state.
  Digest finish();
  static Digest hash(ByteView data);

  const Sha512Implementation& implementation() const noexcept { return engine_.implementation(); }

 private:
  detail::Sha512Engine engine_;
};

class Sha384 {
 public:
  static constexpr std::size_t kDigestSize = 48;
  static constexpr std::size_t kBlockSize = 128;
  using Digest = std::array<std::uint8_t, kDigestSize>;

  Sha384();
  explicit Sha384(const Sha512Implementation& impl);

  void update(ByteView data) { engine_.update(data); }
  /// Returns the digest, then resets to the initial state.
  Digest finish();
  static Digest hash(ByteView data);

  const Sha512Implementation& implementation() const noexcept { return engine_.implementation(); }

 private:
  detail::Sha512Engine engine_;
};

}  // namespace glasstls::crypto
