// ChaCha20 (RFC 8439 §2.1-2.4): the stream cipher inside TLS_CHACHA20_POLY1305_SHA256.
//
//     crypto::chacha20_xor(key, nonce, 1, plaintext, ciphertext);   // default implementation
//
// The cipher is a keystream generator: block(key, counter, nonce) gives 64 bytes, and encryption
// and decryption are the same XOR. Implementations (fastest first, "portable" last):
//   "avx512"   16 blocks at a time in zmm registers   (lib/crypto/chacha20_avx512.cpp)
//   "avx2"      8 blocks at a time in ymm registers   (lib/crypto/chacha20_avx2.cpp)
//   "portable"  one block at a time, plain C++        (lib/crypto/chacha20_portable.cpp — read first)
//
// Block counter (RFC 8439 §2.4): 32 bits. Block i of a call uses counter + i taken modulo 2^32:
// past 0xffffffff every implementation wraps to 0 and never touches the nonce words. A key/nonce
// pair therefore has 2^32 distinct blocks (256 GiB); asking for more repeats keystream, which is
// the caller's responsibility to avoid. The AEAD never gets there: it starts at counter 1 and
// refuses plaintexts longer than P_MAX = (2^32 - 1) * 64 bytes (RFC 8439 §2.8, aead.cpp).
//
// Keys are secret; the implementations use no secret-dependent branches or table lookups.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/registry.hpp"

namespace glasstls::crypto {

inline constexpr std::size_t kChaCha20KeySize = 32;
inline constexpr std::size_t kChaCha20NonceSize = 12;
inline constexpr std::size_t kChaCha20BlockSize = 64;

/// What a ChaCha20 implementation provides.
struct ChaCha20Ops {
  /// out[i] = in[i] XOR keystream[i] for i < len, where the keystream is blocks counter,
  /// counter + 1, ... (mod 2^32) of key and nonce. `out` may equal `in` (in place) or be disjoint.
  void (*xor_stream)(const std::uint8_t key[kChaCha20KeySize],
                     const std::uint8_t nonce[kChaCha20NonceSize], std::uint32_t counter,
                     const std::uint8_t* in, std::uint8_t* out, std::size_t len);
};
using ChaCha20Implementation = Implementation<ChaCha20Ops>;

/// Every ChaCha20 implementation compiled in, fastest first, "portable" last.
std::span<const ChaCha20Implementation> chacha20_implementations();
/// The one chosen for this CPU (or "portable" under GLASSTLS_PORTABLE=1). Chosen once.
const ChaCha20Implementation& chacha20_default();
/// By name; nullptr if unknown or not runnable on this CPU.
const ChaCha20Implementation* chacha20_implementation(std::string_view name);

/// XORs the keystream starting at block `counter` into `in`, writing `out` (same size as `in`,
/// in place or disjoint), with the default implementation.
void chacha20_xor(std::span<const std::uint8_t, kChaCha20KeySize> key,
                  std::span<const std::uint8_t, kChaCha20NonceSize> nonce, std::uint32_t counter,
                  ByteView in, MutableByteView out);

// ---- The RFC's building blocks, exposed so tests can check each step (§2.1-2.3) ---------------

/// RFC 8439 §2.1: the quarter round on four 32-bit words.
void chacha20_quarter_round(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c,
                            std::uint32_t& d) noexcept;

/// RFC 8439 §2.3: the initial state: four constants, eight key words, the block counter and
/// three nonce words, all read little-endian.
std::array<std::uint32_t, 16> chacha20_initial_state(
    std::span<const std::uint8_t, kChaCha20KeySize> key, std::uint32_t counter,
    std::span<const std::uint8_t, kChaCha20NonceSize> nonce) noexcept;

/// RFC 8439 §2.3: the block function: 20 rounds on a copy of the state, add the input state,
/// serialise little-endian. (Portable implementation.)
std::array<std::uint8_t, kChaCha20BlockSize> chacha20_block(
    std::span<const std::uint8_t, kChaCha20KeySize> key, std::uint32_t counter,
    std::span<const std::uint8_t, kChaCha20NonceSize> nonce) noexcept;

}  // namespace glasstls::crypto
