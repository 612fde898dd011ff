// AEAD: authenticated encryption with associated data (RFC 5116), the primitive TLS 1.3 records
// are protected with (RFC 8446 §5.2). Three algorithms:
//
//   AES-128-GCM, AES-256-GCM (NIST SP 800-38D)   — lib/crypto/aes_*.cpp, gcm_*.cpp
//   ChaCha20-Poly1305 (RFC 8439)                 — lib/crypto/chacha20*.cpp, poly1305*.cpp
//
//     auto aead = crypto::Aead::create(crypto::AeadAlg::aes_256_gcm, key);   // once per key
//     std::array<std::uint8_t, 12> nonce = ...;            // never reused under one key
//     Bytes record(plaintext.size() + crypto::kAeadTagSize);
//     if (aead->seal(nonce, header, plaintext, record) != crypto::AeadStatus::ok) ...
//
// This is the *primitive*: the caller passes the nonce explicitly. The TLS record layer computes
// nonces itself (IV XOR sequence number, RFC 8446 §5.3) and never takes one from an application.
//
// Buffers: the output is either exactly the input (in place: same start address) or does not
// overlap it at all. Anything else is refused with AeadStatus::overlapping_buffers.
// Allocation: none, ever. The keyed state (round keys, powers of H, ...) lives inside the object
// and is wiped when it is destroyed or moved from.
// open(): decrypts and computes the expected tag, compares tags in constant time, and only then
// lets the plaintext stand; on a mismatch the output buffer is zeroed before returning.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/registry.hpp"
#include "glasstls/core/result.hpp"

namespace glasstls::crypto {

enum class AeadAlg : std::uint8_t { aes_128_gcm, aes_256_gcm, chacha20_poly1305 };

inline constexpr std::size_t kAeadNonceSize = 12;  // 96 bits, the only size TLS 1.3 uses
inline constexpr std::size_t kAeadTagSize = 16;    // 128-bit tags only
/// Room for any implementation's keyed state (AES round keys plus a table of powers of H).
inline constexpr std::size_t kAeadStateSize = 2048;

std::size_t aead_key_size(AeadAlg alg) noexcept;       // 16, 32, 32
std::string_view aead_name(AeadAlg alg) noexcept;      // "AES-128-GCM", ...
/// Longest plaintext one nonce may protect: 2^36 - 32 bytes for GCM (SP 800-38D §5.2.1.1: the
/// 32-bit block counter), 2^38 - 64 bytes for ChaCha20-Poly1305 (RFC 8439 §2.8).
std::uint64_t aead_max_plaintext(AeadAlg alg) noexcept;

enum class AeadStatus : std::uint8_t {
  ok,
  bad_key_length,         // create(): key is not aead_key_size(alg) bytes
  bad_output_length,      // output is not exactly input ± kAeadTagSize
  overlapping_buffers,    // output overlaps input without being exactly in place
  message_too_long,       // beyond aead_max_plaintext()
  authentication_failed,  // open(): the tag does not match; the output has been zeroed
};
std::string_view to_string(AeadStatus s) noexcept;

/// What an implementation provides. The wrapper (class Aead) checks lengths and buffers, so these
/// functions may assume: key_len is right, len <= aead_max_plaintext, out == in or disjoint.
/// `state` is kAeadStateSize bytes, 64-byte aligned, and must not contain pointers into itself
/// (the Aead object is movable; its state is copied byte for byte).
struct AeadOps {
  void (*init)(void* state, const std::uint8_t* key, std::size_t key_len);
  /// Encrypts in[0..len) into out and writes the tag over (aad, ciphertext).
  void (*seal)(const void* state, const std::uint8_t nonce[kAeadNonceSize], const std::uint8_t* aad,
               std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
               std::uint8_t tag[kAeadTagSize]);
  /// Decrypts in[0..len) into out and writes the tag the ciphertext should carry. Does NOT
  /// compare: the wrapper does, once, in constant time, for every implementation.
  void (*open)(const void* state, const std::uint8_t nonce[kAeadNonceSize], const std::uint8_t* aad,
               std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
               std::uint8_t expected_tag[kAeadTagSize]);
};
using AeadImplementation = Implementation<AeadOps>;

/// AES-GCM implementations (for both key sizes), fastest first, "portable" last.
std::span<const AeadImplementation> aes_gcm_implementations();
/// ChaCha20-Poly1305 implementations, fastest first, "portable" last.
std::span<const AeadImplementation> chacha20_poly1305_implementations();
/// The table for an algorithm, its default, and lookup by name (nullptr if unknown or not
/// runnable on this CPU).
std::span<const AeadImplementation> aead_implementations(AeadAlg alg);
const AeadImplementation& aead_default(AeadAlg alg);
const AeadImplementation* aead_implementation(AeadAlg alg, std::string_view name);

class Aead {
 public:
  using Nonce = std::span<const std::uint8_t, kAeadNonceSize>;
  using Tag = std::span<std::uint8_t, kAeadTagSize>;

  /// Expands the key with the default implementation for this CPU.
  static Result<Aead, AeadStatus> create(AeadAlg alg, ByteView key);
  /// Expands the key with a particular implementation (tests, benchmarks).
  static Result<Aead, AeadStatus> create(AeadAlg alg, ByteView key, const AeadImplementation& impl);

  Aead(Aead&& other) noexcept;
  Aead& operator=(Aead&& other) noexcept;
  Aead(const Aead&) = delete;
  Aead& operator=(const Aead&) = delete;
  ~Aead();  // wipes the keyed state

  /// out = ciphertext ‖ tag; out.size() must be plaintext.size() + kAeadTagSize.
  [[nodiscard]] AeadStatus seal(Nonce nonce, ByteView aad, ByteView plaintext,
                                MutableByteView out) const noexcept;
  /// in = ciphertext ‖ tag; out.size() must be in.size() - kAeadTagSize.
  [[nodiscard]] AeadStatus open(Nonce nonce, ByteView aad, ByteView in,
                                MutableByteView out) const noexcept;
  /// Detached tag: out.size() == plaintext.size().
  [[nodiscard]] AeadStatus seal_detached(Nonce nonce, ByteView aad, ByteView plaintext,
                                         MutableByteView out, Tag tag) const noexcept;
  /// Detached tag: out.size() == ciphertext.size().
  [[nodiscard]] AeadStatus open_detached(Nonce nonce, ByteView aad, ByteView ciphertext,
                                         std::span<const std::uint8_t, kAeadTagSize> tag,
                                         MutableByteView out) const noexcept;

  AeadAlg alg() const noexcept { return alg_; }
  const AeadImplementation& implementation() const noexcept { return *impl_; }

 private:
  Aead(AeadAlg alg, const AeadImplementation& impl) noexcept : alg_(alg), impl_(&impl) {}

  AeadAlg alg_;
  const AeadImplementation* impl_;
  alignas(64) std::array<std::uint8_t, kAeadStateSize> state_{};
};

}  // namespace glasstls::crypto
