// SHA-256 compression function in plain C++, written line by line against FIPS 180-4.
// This is the reference a learner reads first; sha256_shani.cpp computes the same thing with
// the x86 SHA instructions and is tested against it.
//
// Every SHA-256 implementation in glasstls only has to provide this one function: the buffering
// and padding around it (FIPS 180-4 §5.1.1) live in sha256.cpp and md_buffer.hpp.
#include <bit>
#include <cstddef>
#include <cstdint>

#include "crypto/sha256_impl.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"

namespace glasstls::crypto::detail {

// FIPS 180-4 §4.2.2: "the first thirty-two bits of the fractional parts of the cube roots of the
// first sixty-four prime numbers", copied from the table in that section.
alignas(64) const std::uint32_t kSha256K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

namespace {

// FIPS 180-4 §4.1.2: the six logical functions on 32-bit words. ROTR^n is std::rotr, SHR^n is >>.

// (4.2) Ch: each bit of x chooses between y (x = 1) and z (x = 0).
inline std::uint32_t ch(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & y) ^ (~x & z);
}
// (4.3) Maj: each bit is the majority vote of x, y, z.
inline std::uint32_t maj(std::uint32_t x, std::uint32_t y, std::uint32_t z) {
  return (x & y) ^ (x & z) ^ (y & z);
}
// (4.4) Σ0, applied to the working variable a.
inline std::uint32_t big_sigma0(std::uint32_t x) {
  return std::rotr(x, 2) ^ std::rotr(x, 13) ^ std::rotr(x, 22);
}
// (4.5) Σ1, applied to the working variable e.
inline std::uint32_t big_sigma1(std::uint32_t x) {
  return std::rotr(x, 6) ^ std::rotr(x, 11) ^ std::rotr(x, 25);
}
// (4.6) σ0, used by the message schedule.
inline std::uint32_t small_sigma0(std::uint32_t x) {
  return std::rotr(x, 7) ^ std::rotr(x, 18) ^ (x >> 3);
}
// (4.7) σ1, used by the message schedule.
inline std::uint32_t small_sigma1(std::uint32_t x) {
  return std::rotr(x, 17) ^ std::rotr(x, 19) ^ (x >> 10);
}

}  // namespace

// FIPS 180-4 §6.2.2, once per 64-byte message block M(i). All additions are modulo 2^32, which
// is what unsigned 32-bit arithmetic does in C++.
void sha256_compress_portable(std::uint32_t state[8], const std::uint8_t* blocks,
                              std::size_t nblocks) {
  std::uint32_t w[64];
  for (std::size_t i = 0; i < nblocks; ++i, blocks += 64) {
    // Step 1: prepare the message schedule {Wt}.
    //   Wt = M_t(i)                                   for  0 <= t <= 15
    //        (§5.2.1: the block is sixteen big-endian 32-bit words)
    //   Wt = σ1(W_{t-2}) + W_{t-7} + σ0(W_{t-15}) + W_{t-16}   for 16 <= t <= 63
    for (std::size_t t = 0; t < 16; ++t) {
      w[t] = load_be32(blocks + 4 * t);
    }
    for (int t = 16; t < 64; ++t) {
      w[t] = small_sigma1(w[t - 2]) + w[t - 7] + small_sigma0(w[t - 15]) + w[t - 16];
    }

    // Step 2: initialise the working variables with the previous hash value H(i-1).
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];

    // Step 3: sixty-four rounds.
    for (int t = 0; t < 64; ++t) {
      const std::uint32_t t1 = h + big_sigma1(e) + ch(e, f, g) + kSha256K[t] + w[t];
      const std::uint32_t t2 = big_sigma0(a) + maj(a, b, c);
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }

    // Step 4: the i-th intermediate hash value H(i) = working variables + H(i-1).
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
  // The schedule is derived from the message, which may be secret (an HMAC key block).
  ct::secure_wipe(w, sizeof w);
}

}  // namespace glasstls::crypto::detail
