// ChaCha20 in plain C++, written step by step against RFC 8439 §2.1-2.4. This is the reference a
// learner reads first; chacha20_avx2.cpp and chacha20_avx512.cpp compute the same keystream
// several blocks at a time and are tested against it.
//
// Constant time: only additions, XORs and fixed rotations of 32-bit words ("ARX"); no branch or
// memory index ever depends on the key, nonce or data.
#include <bit>
#include <cstddef>
#include <cstdint>

#include "crypto/chacha20_impl.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/chacha20.hpp"

namespace glasstls::crypto {

namespace {

// RFC 8439 §2.1: the quarter round. "<<<=" is a left rotation (std::rotl).
//   1.  a += b; d ^= a; d <<<= 16;
//   2.  c += d; b ^= c; b <<<= 12;
//   3.  a += b; d ^= a; d <<<= 8;
//   4.  c += d; b ^= c; b <<<= 7;
inline void quarter_round(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c,
                          std::uint32_t& d) noexcept {
  a += b; d ^= a; d = std::rotl(d, 16);
  c += d; b ^= c; b = std::rotl(b, 12);
  a += b; d ^= a; d = std::rotl(d, 8);
  c += d; b ^= c; b = std::rotl(b, 7);
}

// RFC 8439 §2.3: the state is a 4x4 matrix of words, indices
//      0   1   2   3        constants
//      4   5   6   7        key
//      8   9  10  11        key
//     12  13  14  15        counter, nonce
void initial_state(std::uint32_t s[16], const std::uint8_t key[32], std::uint32_t counter,
                   const std::uint8_t nonce[12]) noexcept {
  // Words 0-3: "expand 32-byte k" (0x61707865 0x3320646e 0x79622d32 0x6b206574).
  for (int i = 0; i < 4; ++i) s[i] = detail::kChaCha20Constants[i];
  // Words 4-11: the 256-bit key, "by reading the bytes in little-endian order, in 4-byte chunks".
  for (int i = 0; i < 8; ++i) s[4 + i] = load_le32(key + 4 * i);
  // Word 12: the 32-bit block count.
  s[12] = counter;
  // Words 13-15: the 96-bit nonce, little-endian 4-byte chunks.
  for (int i = 0; i < 3; ++i) s[13 + i] = load_le32(nonce + 4 * i);
}

// RFC 8439 §2.3 (pseudocode §2.3.1): chacha20_block.
void block(const std::uint32_t input[16], std::uint8_t out[64]) noexcept {
  // "working_state = state" — the rounds work on a copy so the input can be added back.
  std::uint32_t x[16];
  for (int i = 0; i < 16; ++i) x[i] = input[i];
  // "for i=1 upto 10: inner_block(working_state)" — 20 rounds, alternating a column round
  // (§2.2: QUARTERROUND on each column) and a diagonal round.
  for (int i = 0; i < 10; ++i) {
    quarter_round(x[0], x[4], x[8], x[12]);   // column 1
    quarter_round(x[1], x[5], x[9], x[13]);   // column 2
    quarter_round(x[2], x[6], x[10], x[14]);  // column 3
    quarter_round(x[3], x[7], x[11], x[15]);  // column 4
    quarter_round(x[0], x[5], x[10], x[15]);  // diagonal 1 (main diagonal)
    quarter_round(x[1], x[6], x[11], x[12]);  // diagonal 2
    quarter_round(x[2], x[7], x[8], x[13]);   // diagonal 3
    quarter_round(x[3], x[4], x[9], x[14]);   // diagonal 4
  }
  // "state += working_state; return serialize(state)": add mod 2^32, little-endian words.
  for (int i = 0; i < 16; ++i) store_le32(out + 4 * i, x[i] + input[i]);
  ct::secure_wipe(x, sizeof x);
}

}  // namespace

namespace detail {

void chacha20_block_portable(const std::uint8_t key[32], std::uint32_t counter,
                             const std::uint8_t nonce[12], std::uint8_t out[64]) {
  std::uint32_t s[16];
  initial_state(s, key, counter, nonce);
  block(s, out);
  ct::secure_wipe(s, sizeof s);
}

// RFC 8439 §2.4 (pseudocode §2.4.1): chacha20_encrypt. Each 64-byte piece of the input is XORed
// with block(key, counter + j, nonce); a final partial piece uses the start of one more block.
void chacha20_xor_portable(const std::uint8_t key[32], const std::uint8_t nonce[12],
                           std::uint32_t counter, const std::uint8_t* in, std::uint8_t* out,
                           std::size_t len) {
  std::uint32_t s[16];
  initial_state(s, key, counter, nonce);
  std::uint8_t keystream[64];
  while (len > 0) {
    block(s, keystream);
    const std::size_t n = len < 64 ? len : 64;
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(in[i] ^ keystream[i]);
    in += n;
    out += n;
    len -= n;
    // Only the counter word changes between blocks (RFC 8439 §3: "only ... increment the block
    // counter"). It wraps modulo 2^32 (see chacha20.hpp).
    ++s[12];
  }
  ct::secure_wipe(keystream, sizeof keystream);
  ct::secure_wipe(s, sizeof s);
}

}  // namespace detail

void chacha20_quarter_round(std::uint32_t& a, std::uint32_t& b, std::uint32_t& c,
                            std::uint32_t& d) noexcept {
  quarter_round(a, b, c, d);
}

std::array<std::uint32_t, 16> chacha20_initial_state(
    std::span<const std::uint8_t, kChaCha20KeySize> key, std::uint32_t counter,
    std::span<const std::uint8_t, kChaCha20NonceSize> nonce) noexcept {
  std::array<std::uint32_t, 16> s{};
  initial_state(s.data(), key.data(), counter, nonce.data());
  return s;
}

std::array<std::uint8_t, kChaCha20BlockSize> chacha20_block(
    std::span<const std::uint8_t, kChaCha20KeySize> key, std::uint32_t counter,
    std::span<const std::uint8_t, kChaCha20NonceSize> nonce) noexcept {
  std::array<std::uint8_t, kChaCha20BlockSize> out{};
  detail::chacha20_block_portable(key.data(), counter, nonce.data(), out.data());
  return out;
}

}  // namespace glasstls::crypto
