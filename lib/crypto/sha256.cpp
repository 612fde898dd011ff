// SHA-256: the streaming object (buffering, padding, digest output) and the implementation
// registry. The compression functions themselves are in sha256_portable.cpp and sha256_shani.cpp.
#include "glasstls/crypto/sha256.hpp"

#include <array>

#include "crypto/md_buffer.hpp"
#include "crypto/sha256_impl.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"

namespace glasstls::crypto {

namespace {

bool always_available() {
  return true;
}

// Fastest first, portable last (choose_default walks it in this order).
constexpr std::array kSha256Table = {
#if defined(GLASSTLS_HAVE_SHA256_SHANI)
    Sha256Implementation{
        "sha_ni", false, &detail::sha256_shani_available, {&detail::sha256_compress_shani}},
#endif
    Sha256Implementation{"portable", true, &always_available, {&detail::sha256_compress_portable}},
};

// FIPS 180-4 §5.3.3: the initial hash value H(0) ("the first thirty-two bits of the fractional
// parts of the square roots of the first eight prime numbers").
constexpr std::uint32_t kInitialState[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

}  // namespace

std::span<const Sha256Implementation> sha256_implementations() {
  return kSha256Table;
}

const Sha256Implementation& sha256_default() {
  static const Sha256Implementation& chosen = choose_default(sha256_implementations());
  return chosen;
}

const Sha256Implementation* sha256_implementation(std::string_view name) {
  return find_implementation(sha256_implementations(), name);
}

Sha256::Sha256() : Sha256(sha256_default()) {}

Sha256::Sha256(const Sha256Implementation& impl) : impl_(&impl) {
  reset();
}

Sha256::~Sha256() {
  ct::secure_wipe(state_, sizeof state_);
  ct::secure_wipe(buffer_, sizeof buffer_);
}

void Sha256::reset() noexcept {
  for (int i = 0; i < 8; ++i) {
    state_[i] = kInitialState[i];
  }
  ct::secure_wipe(buffer_, sizeof buffer_);
  buffered_ = 0;
  total_bytes_ = 0;
}

void Sha256::update(ByteView data) {
  total_bytes_ += data.size();
  const auto compress = impl_->ops.compress;
  detail::absorb(buffer_, buffered_, data,
                 [&](const std::uint8_t* blocks, std::size_t n) { compress(state_, blocks, n); });
}

Sha256::Digest Sha256::finish() {
  const auto compress = impl_->ops.compress;
  // §5.1.1 padding: 0x80, zeros, 64-bit big-endian bit length.
  detail::pad_and_compress(
      buffer_, buffered_, total_bytes_, 8,
      [&](const std::uint8_t* blocks, std::size_t n) { compress(state_, blocks, n); });
  // §6.2.2: the digest is H0(N) || H1(N) || ... || H7(N), each word big-endian.
  Digest out;
  for (std::size_t i = 0; i < 8; ++i) {
    store_be32(out.data() + 4 * i, state_[i]);
  }
  reset();
  return out;
}

Sha256::Digest Sha256::hash(ByteView data) {
  Sha256 h;
  h.update(data);
  return h.finish();
}

}  // namespace glasstls::crypto
