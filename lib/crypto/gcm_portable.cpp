// AES-GCM (NIST SP 800-38D), portable and constant time: the bitsliced AES of aes_portable.cpp in
// counter mode, four blocks per call, and the multiply-with-holes GHASH of ghash_portable.cpp.
// Read this file first; the accelerated ones compute the same thing with wider steps.
#include <cstring>

#include "crypto/gcm_internal.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"

namespace glasstls::crypto::detail {

namespace {

const GcmPortableState& as_state(const void* state) {
  return *static_cast<const GcmPortableState*>(state);
}

// SP 800-38D §6.2: inc32 adds one to the rightmost 32 bits modulo 2^32. The other 96 bits (the
// IV) never change: a counter that wraps does not carry into them.
void set_counter(std::uint8_t block[16], const std::uint8_t j0[16], std::uint32_t counter) {
  std::memcpy(block, j0, 12);
  store_be32(block + 12, counter);
}

// The last GHASH block: [len(A)]64 ‖ [len(C)]64, lengths in bits (§7.1 step 5).
void ghash_lengths(Gf128& y, Gf128 h, std::size_t aad_len, std::size_t len) {
  y.hi ^= static_cast<std::uint64_t>(aad_len) * 8;
  y.lo ^= static_cast<std::uint64_t>(len) * 8;
  y = gf128_mul(y, h);
}

enum class Direction { seal, open };

// Counter mode and GHASH in one pass, 64 bytes (four counter blocks) at a time. GHASH always
// reads the ciphertext: the output when sealing, the input when opening — read before the output
// is written, because in == out is allowed.
void crypt_and_hash(const GcmPortableState& s, Direction dir, const std::uint8_t j0[16],
                    const std::uint8_t* in, std::size_t len, std::uint8_t* out, Gf128& y) {
  std::uint32_t counter = load_be32(j0 + 12) + 1;  // inc32(J0): unsigned arithmetic wraps mod 2^32
  std::uint8_t ks[64];
  std::uint8_t chunk[64];
  while (len > 0) {
    const std::size_t n = len < 64 ? len : 64;
    for (unsigned k = 0; k < 4; ++k) set_counter(ks + 16 * k, j0, counter + k);
    aes_bitsliced_encrypt4(s.aes, ks, ks);
    std::memcpy(chunk, in, n);
    if (dir == Direction::open) ghash_portable(y, s.h, chunk, n);
    for (std::size_t i = 0; i < n; ++i) chunk[i] ^= ks[i];
    std::memcpy(out, chunk, n);
    if (dir == Direction::seal) ghash_portable(y, s.h, chunk, n);
    counter += 4;
    in += n;
    out += n;
    len -= n;
  }
  ct::secure_wipe(ks, sizeof ks);
  ct::secure_wipe(chunk, sizeof chunk);
}

void run(const GcmPortableState& s, Direction dir, const std::uint8_t j0[16],
         const std::uint8_t* aad, std::size_t aad_len, const std::uint8_t* in, std::size_t len,
         std::uint8_t* out, std::uint8_t tag[16]) {
  Gf128 y;
  ghash_portable(y, s.h, aad, aad_len);         // A ‖ 0^v
  crypt_and_hash(s, dir, j0, in, len, out, y);  // C ‖ 0^u
  ghash_lengths(y, s.h, aad_len, len);
  // T = E_K(J0) ⊕ S (§7.1 step 6, with t = 128).
  std::uint8_t ek[64] = {};
  std::memcpy(ek, j0, 16);
  aes_bitsliced_encrypt4(s.aes, ek, ek);
  store_be64(tag, y.hi ^ load_be64(ek));
  store_be64(tag + 8, y.lo ^ load_be64(ek + 8));
  ct::secure_wipe(ek, sizeof ek);
  ct::secure_wipe(&y, sizeof y);
}


}  // namespace

void gcm_portable_init(void* state, const std::uint8_t* key, std::size_t key_len) {
  auto& s = *static_cast<GcmPortableState*>(state);
  aes_bitsliced_init(s.aes, key, key_len);
  // H = E_K(0^128) (§6.4).
  std::uint8_t zero[64] = {};
  aes_bitsliced_encrypt4(s.aes, zero, zero);
  s.h.hi = load_be64(zero);
  s.h.lo = load_be64(zero + 8);
  ct::secure_wipe(zero, sizeof zero);
}

void gcm_portable_seal_from(const void* state, const std::uint8_t j0[16], const std::uint8_t* aad,
                            std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                            std::uint8_t* out, std::uint8_t tag[16]) {
  run(as_state(state), Direction::seal, j0, aad, aad_len, in, len, out, tag);
}

void gcm_portable_seal(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                       std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                       std::uint8_t* out, std::uint8_t tag[16]) {
  std::uint8_t j0[16];
  gcm_make_j0(j0, nonce);
  run(as_state(state), Direction::seal, j0, aad, aad_len, in, len, out, tag);
}

void gcm_portable_open(const void* state, const std::uint8_t nonce[12], const std::uint8_t* aad,
                       std::size_t aad_len, const std::uint8_t* in, std::size_t len,
                       std::uint8_t* out, std::uint8_t tag[16]) {
  std::uint8_t j0[16];
  gcm_make_j0(j0, nonce);
  run(as_state(state), Direction::open, j0, aad, aad_len, in, len, out, tag);
}

}  // namespace glasstls::crypto::detail
