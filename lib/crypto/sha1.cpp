// SHA-1 (FIPS 180-4 §6.1): compression function, streaming object and registry in one file,
// since there is only the portable implementation.
#include "glasstls/crypto/sha1.hpp"

#include <array>
#include <bit>

#include "crypto/md_buffer.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"

namespace glasstls::crypto {

namespace {

// FIPS 180-4 §6.1.2, once per 64-byte block.
void sha1_compress_portable(std::uint32_t state[5], const std::uint8_t* blocks,
                            std::size_t nblocks) {
  std::uint32_t w[80];
  for (std::size_t i = 0; i < nblocks; ++i, blocks += 64) {
    // Step 1: message schedule. Wt = M_t(i) for t < 16, then
    //         Wt = ROTL1(W_{t-3} ^ W_{t-8} ^ W_{t-14} ^ W_{t-16}).
    for (std::size_t t = 0; t < 16; ++t) {
      w[t] = load_be32(blocks + 4 * t);
    }
    for (int t = 16; t < 80; ++t) {
      w[t] = std::rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    }

    // Step 2: working variables from H(i-1).
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];

    // Step 3: eighty rounds; f_t and K_t change every twenty (§4.1.1 (4.1), §4.2.1 (4.14)).
    for (int t = 0; t < 80; ++t) {
      std::uint32_t f = 0;
      std::uint32_t k = 0;
      if (t < 20) {
        f = (b & c) ^ (~b & d);  // Ch
        k = 0x5a827999;
      } else if (t < 40) {
        f = b ^ c ^ d;  // Parity
        k = 0x6ed9eba1;
      } else if (t < 60) {
        f = (b & c) ^ (b & d) ^ (c & d);  // Maj
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;  // Parity
        k = 0xca62c1d6;
      }
      const std::uint32_t temp = std::rotl(a, 5) + f + e + k + w[t];
      e = d;
      d = c;
      c = std::rotl(b, 30);
      b = a;
      a = temp;
    }

    // Step 4: H(i) = working variables + H(i-1).
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
  }
  ct::secure_wipe(w, sizeof w);
}

bool always_available() {
  return true;
}

constexpr std::array kSha1Table = {
    Sha1Implementation{"portable", true, &always_available, {&sha1_compress_portable}},
};

// FIPS 180-4 §5.3.1: H(0).
constexpr std::uint32_t kInitialState[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
                                            0xc3d2e1f0};

}  // namespace

std::span<const Sha1Implementation> sha1_implementations() {
  return kSha1Table;
}

const Sha1Implementation& sha1_default() {
  static const Sha1Implementation& chosen = choose_default(sha1_implementations());
  return chosen;
}

const Sha1Implementation* sha1_implementation(std::string_view name) {
  return find_implementation(sha1_implementations(), name);
}

Sha1::Sha1() : Sha1(sha1_default()) {}

Sha1::Sha1(const Sha1Implementation& impl) : impl_(&impl) {
  reset();
}

Sha1::~Sha1() {
  ct::secure_wipe(state_, sizeof state_);
  ct::secure_wipe(buffer_, sizeof buffer_);
}

void Sha1::reset() noexcept {
  for (int i = 0; i < 5; ++i) {
    state_[i] = kInitialState[i];
  }
  ct::secure_wipe(buffer_, sizeof buffer_);
  buffered_ = 0;
  total_bytes_ = 0;
}

void Sha1::update(ByteView data) {
  total_bytes_ += data.size();
  const auto compress = impl_->ops.compress;
  detail::absorb(buffer_, buffered_, data,
                 [&](const std::uint8_t* blocks, std::size_t n) { compress(state_, blocks, n); });
}

Sha1::Digest Sha1::finish() {
  const auto compress = impl_->ops.compress;
  // §5.1.1 padding, as for SHA-256.
  detail::pad_and_compress(
      buffer_, buffered_, total_bytes_, 8,
      [&](const std::uint8_t* blocks, std::size_t n) { compress(state_, blocks, n); });
  Digest out;
  for (std::size_t i = 0; i < 5; ++i) {
    store_be32(out.data() + 4 * i, state_[i]);
  }
  reset();
  return out;
}

Sha1::Digest Sha1::hash(ByteView data) {
  Sha1 h;
  h.update(data);
  return h.finish();
}

}  // namespace glasstls::crypto
