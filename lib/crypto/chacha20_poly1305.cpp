// AEAD_CHACHA20_POLY1305 (RFC 8439 §2.8): ChaCha20 encrypts, Poly1305 authenticates, with a fresh
// Poly1305 key for every nonce. The wrapper in aead.cpp has already checked lengths and buffers
// and does the constant-time tag comparison; this file only computes.
//
// One function template serves every table entry; each entry picks a ChaCha20 and a Poly1305
// implementation:
//   "avx512"    AVX-512 ChaCha20 (16 blocks at a time) + Poly1305 "radix44" (64-bit products),
//               stitched: the MAC's scalar multiplications interleaved with the vector rounds
//               (chacha20_avx512.cpp)
//   "avx2"      AVX2 ChaCha20 (8 blocks at a time)     + Poly1305 "radix44"
//   "poly64"    portable ChaCha20                      + Poly1305 "radix44"
//   "portable"  portable ChaCha20                      + 26-bit-limb Poly1305 (the reference)
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "crypto/chacha20_impl.hpp"
#include "crypto/poly1305_impl.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/aead.hpp"
#include "glasstls/crypto/poly1305.hpp"

namespace glasstls::crypto {

namespace {

using XorFn = void (*)(const std::uint8_t*, const std::uint8_t*, std::uint32_t,
                       const std::uint8_t*, std::uint8_t*, std::size_t);

// The keyed state is just the 256-bit key: ChaCha20 has no key schedule.
struct KeyState {
  std::uint8_t key[32];
};
static_assert(sizeof(KeyState) <= kAeadStateSize);

void init(void* state, const std::uint8_t* key, std::size_t /*key_len: always 32*/) {
  std::memcpy(static_cast<KeyState*>(state)->key, key, 32);
}

// Poly1305 over `data` followed by pad16(data): whole blocks, then the remainder padded with zeros
// to a whole 16-byte block (so it also carries the 2^128 bit — §2.8 pads, it does not use §2.5's
// short-block rule).
void mac_padded(const Poly1305Ops& poly, void* pstate, const std::uint8_t* data, std::size_t len) {
  const std::size_t whole = len / 16;
  if (whole > 0) poly.blocks(pstate, data, whole, 1);
  const std::size_t rem = len % 16;
  if (rem > 0) {
    std::uint8_t last[16] = {};
    std::memcpy(last, data + whole * 16, rem);
    poly.blocks(pstate, last, 1, 1);
    ct::secure_wipe(last, sizeof last);
  }
}

// §2.8 steps for the tag, over the ciphertext `ct`:
//   mac_data = aad | pad16(aad) | ciphertext | pad16(ciphertext)
//            | num_to_8_le_bytes(aad.length) | num_to_8_le_bytes(ciphertext.length)
//   tag = poly1305_mac(mac_data, otk)
template <XorFn Xor>
void compute_tag(const Poly1305Ops& poly, const KeyState& ks, const std::uint8_t nonce[12],
                 const std::uint8_t* aad, std::size_t aad_len, const std::uint8_t* ct,
                 std::size_t len, std::uint8_t tag[16]) {
  // §2.6: the one-time key is the first 32 bytes of ChaCha20 block 0 under (key, nonce):
  // "otk = poly1305_key_gen(key, nonce)". Keystream XOR zeros = keystream.
  std::uint8_t otk[32] = {};
  Xor(ks.key, nonce, 0, otk, otk, sizeof otk);
  alignas(16) std::uint8_t pstate[kPoly1305StateSize];
  poly.init(pstate, otk);
  ct::secure_wipe(otk, sizeof otk);

  mac_padded(poly, pstate, aad, aad_len);
  mac_padded(poly, pstate, ct, len);
  std::uint8_t lengths[16];
  store_le64(lengths, aad_len);
  store_le64(lengths + 8, len);
  poly.blocks(pstate, lengths, 1, 1);
  poly.finish(pstate, tag);  // finish() wipes the Poly1305 state
}

// §2.8 (pseudocode §2.8.1): chacha20_aead_encrypt. The payload uses counter 1 onwards (block 0
// went to the Poly1305 key).
template <XorFn Xor, const Poly1305Ops* Poly>
void seal(const void* state, const std::uint8_t nonce[kAeadNonceSize], const std::uint8_t* aad,
          std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
          std::uint8_t tag[kAeadTagSize]) {
  const auto& ks = *static_cast<const KeyState*>(state);
  if (len > 0) Xor(ks.key, nonce, 1, in, out, len);
  compute_tag<Xor>(*Poly, ks, nonce, aad, aad_len, out, len, tag);
}

// Decryption: the tag is computed over the *received* ciphertext, before it is decrypted (out may
// be in, in place). The wrapper compares it and wipes `out` on a mismatch.
template <XorFn Xor, const Poly1305Ops* Poly>
void open(const void* state, const std::uint8_t nonce[kAeadNonceSize], const std::uint8_t* aad,
          std::size_t aad_len, const std::uint8_t* in, std::size_t len, std::uint8_t* out,
          std::uint8_t expected_tag[kAeadTagSize]) {
  const auto& ks = *static_cast<const KeyState*>(state);
  compute_tag<Xor>(*Poly, ks, nonce, aad, aad_len, in, len, expected_tag);
  if (len > 0) Xor(ks.key, nonce, 1, in, out, len);
}

constexpr Poly1305Ops kPolyPortable = {&detail::poly1305_init_portable,
                                       &detail::poly1305_blocks_portable,
                                       &detail::poly1305_finish_portable};
constexpr Poly1305Ops kPolyRadix44 = {&detail::poly1305_init_radix44,
                                      &detail::poly1305_blocks_radix44,
                                      &detail::poly1305_finish_radix44};

template <XorFn Xor, const Poly1305Ops* Poly>
constexpr AeadOps make_ops() {
  return AeadOps{&init, &seal<Xor, Poly>, &open<Xor, Poly>};
}

#if defined(GLASSTLS_HAVE_CHACHA20_X86)
// "avx512": the stitched implementation in chacha20_avx512.cpp.
void seal_avx512(const void* state, const std::uint8_t nonce[kAeadNonceSize],
                 const std::uint8_t* aad, std::size_t aad_len, const std::uint8_t* in,
                 std::size_t len, std::uint8_t* out, std::uint8_t tag[kAeadTagSize]) {
  detail::chacha20_poly1305_seal_avx512(static_cast<const KeyState*>(state)->key, nonce, aad,
                                        aad_len, in, len, out, tag);
}
void open_avx512(const void* state, const std::uint8_t nonce[kAeadNonceSize],
                 const std::uint8_t* aad, std::size_t aad_len, const std::uint8_t* in,
                 std::size_t len, std::uint8_t* out, std::uint8_t expected_tag[kAeadTagSize]) {
  detail::chacha20_poly1305_open_avx512(static_cast<const KeyState*>(state)->key, nonce, aad,
                                        aad_len, in, len, out, expected_tag);
}
#endif

bool always_available() { return true; }

// Fastest first, portable last.
constexpr std::array kChaCha20Poly1305Table = {
#if defined(GLASSTLS_HAVE_CHACHA20_X86)
    AeadImplementation{"avx512", false, &detail::chacha20_avx512_available,
                       AeadOps{&init, &seal_avx512, &open_avx512}},
    AeadImplementation{"avx2", false, &detail::chacha20_avx2_available,
                       make_ops<&detail::chacha20_xor_avx2, &kPolyRadix44>()},
#endif
    AeadImplementation{"poly64", false, &always_available,
                       make_ops<&detail::chacha20_xor_portable, &kPolyRadix44>()},
    AeadImplementation{"portable", true, &always_available,
                       make_ops<&detail::chacha20_xor_portable, &kPolyPortable>()},
};

}  // namespace

std::span<const AeadImplementation> chacha20_poly1305_implementations() {
  return kChaCha20Poly1305Table;
}

}  // namespace glasstls::crypto
