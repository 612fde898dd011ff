// AES (FIPS 197), the block cipher under AES-GCM. TLS never uses it on its own: records are
// protected with crypto::Aead (aead.hpp). This header exposes the block cipher for known-answer
// tests and for learners who want to watch one block being encrypted.
//
//     const auto& aes = crypto::aes_default();
//     std::uint8_t out[16];
//     aes.ops.encrypt_block(key.data(), key.size(), in, out);   // key: 16 or 32 bytes
//
// Two implementations sit behind one table:
//   "aesni"    — the x86 AES-NI round instructions (lib/crypto/aes_aesni.cpp)
//   "portable" — bitsliced constant-time C++ (lib/crypto/aes_portable.cpp — read this one first;
//                it explains why the textbook table-driven AES leaks the key through the cache).
// AES-192 is not offered: no TLS 1.3 cipher suite uses it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "glasstls/core/registry.hpp"

namespace glasstls::crypto {

inline constexpr std::size_t kAesBlockSize = 16;
/// The largest expanded key: 4·(Nr + 1) words of 4 bytes with Nr = 14 (AES-256), FIPS 197 §5.2.
inline constexpr std::size_t kAesMaxRoundKeyBytes = 240;

/// What an AES implementation provides to tests and learners.
struct AesOps {
  /// Expands `key` (key_len 16 or 32) and encrypts one 16-byte block: FIPS 197 §5.1 Cipher().
  /// One shot; the expanded key is wiped before returning. (AES-GCM keeps its own expanded key.)
  void (*encrypt_block)(const std::uint8_t* key, std::size_t key_len,
                        const std::uint8_t in[kAesBlockSize], std::uint8_t out[kAesBlockSize]);
};
using AesImplementation = Implementation<AesOps>;

/// Every AES implementation compiled in, fastest first, "portable" last.
std::span<const AesImplementation> aes_implementations();
/// The one chosen for this CPU (or "portable" under GLASSTLS_PORTABLE=1).
const AesImplementation& aes_default();
/// By name ("aesni", "portable"); nullptr if unknown or not runnable on this CPU.
const AesImplementation* aes_implementation(std::string_view name);

/// FIPS 197 §5.2 KeyExpansion() for key_len 16 or 32: writes the round-key words w[0..4(Nr+1))
/// as 16·(Nr+1) bytes (w[i] is bytes 4i..4i+3) and returns Nr (10 or 14); 0 for any other
/// length. Constant time (SubWord uses the circuit below).
int aes_expand_key(const std::uint8_t* key, std::size_t key_len,
                   std::uint8_t round_keys[kAesMaxRoundKeyBytes]);

/// The S-box of FIPS 197 §5.1.1 for one byte, computed by the same constant-time Boolean circuit
/// the portable implementation uses (no table). For tests and learners.
std::uint8_t aes_sbox(std::uint8_t x);

}  // namespace glasstls::crypto
