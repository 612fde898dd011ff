// SHA-512 and SHA-384 (FIPS 180-4 §6.4, §6.5): the SHA-256 design on 64-bit words, with 80
// rounds and 128-byte blocks. Compression function, shared engine and registry.
#include "glasstls/crypto/sha512.hpp"

#include <array>
#include <bit>

#include "crypto/md_buffer.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"

namespace glasstls::crypto {

namespace {

// FIPS 180-4 §4.2.3: "the first sixty-four bits of the fractional parts of the cube roots of the
// first eighty prime numbers", copied from the table in that section.
constexpr std::uint64_t kK[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

// FIPS 180-4 §5.3.5: H(0) for SHA-512.
constexpr std::uint64_t kSha512Initial[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
    0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};
// FIPS 180-4 §5.3.4: H(0) for SHA-384.
constexpr std::uint64_t kSha384Initial[8] = {
    0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
    0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
};

// FIPS 180-4 §4.1.3: the functions on 64-bit words.
inline std::uint64_t ch(std::uint64_t x, std::uint64_t y, std::uint64_t z) {  // (4.8)
  return (x & y) ^ (~x & z);
}
inline std::uint64_t maj(std::uint64_t x, std::uint64_t y, std::uint64_t z) {  // (4.9)
  return (x & y) ^ (x & z) ^ (y & z);
}
inline std::uint64_t big_sigma0(std::uint64_t x) {  // (4.10)
  return std::rotr(x, 28) ^ std::rotr(x, 34) ^ std::rotr(x, 39);
}
inline std::uint64_t big_sigma1(std::uint64_t x) {  // (4.11)
  return std::rotr(x, 14) ^ std::rotr(x, 18) ^ std::rotr(x, 41);
}
inline std::uint64_t small_sigma0(std::uint64_t x) {  // (4.12)
  return std::rotr(x, 1) ^ std::rotr(x, 8) ^ (x >> 7);
}
inline std::uint64_t small_sigma1(std::uint64_t x) {  // (4.13)
  return std::rotr(x, 19) ^ std::rotr(x, 61) ^ (x >> 6);
}

// FIPS 180-4 §6.4.2, once per 128-byte block; additions modulo 2^64.
void sha512_compress_portable(std::uint64_t state[8], const std::uint8_t* blocks,
                              std::size_t nblocks) {
  std::uint64_t w[80];
  for (std::size_t i = 0; i < nblocks; ++i, blocks += 128) {
    // Step 1: message schedule (§5.2.2: sixteen big-endian 64-bit words, then extended).
    for (std::size_t t = 0; t < 16; ++t) {
      w[t] = load_be64(blocks + 8 * t);
    }
    for (int t = 16; t < 80; ++t) {
      w[t] = small_sigma1(w[t - 2]) + w[t - 7] + small_sigma0(w[t - 15]) + w[t - 16];
    }

    // Step 2: working variables from H(i-1).
    std::uint64_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint64_t e = state[4], f = state[5], g = state[6], h = state[7];

    // Step 3: eighty rounds.
    for (int t = 0; t < 80; ++t) {
      const std::uint64_t t1 = h + big_sigma1(e) + ch(e, f, g) + kK[t] + w[t];
      const std::uint64_t t2 = big_sigma0(a) + maj(a, b, c);
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }

    // Step 4: H(i) = working variables + H(i-1).
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
  }
  ct::secure_wipe(w, sizeof w);
}

bool always_available() {
  return true;
}

constexpr std::array kSha512Table = {
    Sha512Implementation{"portable", true, &always_available, {&sha512_compress_portable}},
};

}  // namespace

std::span<const Sha512Implementation> sha512_implementations() {
  return kSha512Table;
}

const Sha512Implementation& sha512_default() {
  static const Sha512Implementation& chosen = choose_default(sha512_implementations());
  return chosen;
}

const Sha512Implementation* sha512_implementation(std::string_view name) {
  return find_implementation(sha512_implementations(), name);
}

namespace detail {

Sha512Engine::Sha512Engine(const Sha512Implementation& impl, const std::uint64_t* initial_state)
    : impl_(&impl), initial_(initial_state) {
  reset();
}

Sha512Engine::~Sha512Engine() {
  ct::secure_wipe(state_, sizeof state_);
  ct::secure_wipe(buffer_, sizeof buffer_);
}

void Sha512Engine::reset() noexcept {
  for (int i = 0; i < 8; ++i) {
    state_[i] = initial_[i];
  }
  ct::secure_wipe(buffer_, sizeof buffer_);
  buffered_ = 0;
  total_bytes_ = 0;
}

void Sha512Engine::update(ByteView data) {
  total_bytes_ += data.size();
  const auto compress = impl_->ops.compress;
  detail::absorb(buffer_, buffered_, data,
                 [&](const std::uint8_t* blocks, std::size_t n) { compress(state_, blocks, n); });
}

void Sha512Engine::finish(std::uint8_t* out, std::size_t out_len) {
  const auto compress = impl_->ops.compress;
  // §5.1.2 padding: 0x80, zeros, 128-bit big-endian bit length.
  detail::pad_and_compress(
      buffer_, buffered_, total_bytes_, 16,
      [&](const std::uint8_t* blocks, std::size_t n) { compress(state_, blocks, n); });
  // The digest is H0(N) || ... || H7(N) big-endian, truncated for SHA-384 (§6.5: "the
  // left-most 384 bits").
  std::uint8_t full[64];
  for (std::size_t i = 0; i < 8; ++i) {
    store_be64(full + 8 * i, state_[i]);
  }
  for (std::size_t i = 0; i < out_len; ++i) {
    out[i] = full[i];
  }
  ct::secure_wipe(full, sizeof full);
  reset();
}

}  // namespace detail

Sha512::Sha512() : Sha512(sha512_default()) {}
Sha512::Sha512(const Sha512Implementation& impl) : engine_(impl, kSha512Initial) {}

Sha512::Digest Sha512::finish() {
  Digest out;
  engine_.finish(out.data(), out.size());
  return out;
}

Sha512::Digest Sha512::hash(ByteView data) {
  Sha512 h;
  h.update(data);
  return h.finish();
}

Sha384::Sha384() : Sha384(sha512_default()) {}
Sha384::Sha384(const Sha512Implementation& impl) : engine_(impl, kSha384Initial) {}

Sha384::Digest Sha384::finish() {
  Digest out;
  engine_.finish(out.data(), out.size());
  return out;
}

Sha384::Digest Sha384::hash(ByteView data) {
  Sha384 h;
  h.update(data);
  return h.finish();
}

}  // namespace glasstls::crypto
