// Poly1305: the implementation registry and the streaming object (buffering of partial blocks,
// §2.5's treatment of the last short block). The arithmetic is in poly1305_portable.cpp (26-bit
// limbs, the reference) and poly1305_radix64.cpp (64-bit limbs).
#include "glasstls/crypto/poly1305.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "crypto/poly1305_impl.hpp"
#include "glasstls/core/ct.hpp"

namespace glasstls::crypto {

namespace {

bool always_available() { return true; }

// Fastest first, portable last. radix44 and radix64 are plain C++ too (with the GCC/Clang 128-bit
// type) and so available everywhere, but "portable" is the 26-bit reference a learner reads first.
constexpr std::array kPoly1305Table = {
    Poly1305Implementation{"radix44",
                           false,
                           &always_available,
                           {&detail::poly1305_init_radix44, &detail::poly1305_blocks_radix44,
                            &detail::poly1305_finish_radix44}},
    Poly1305Implementation{"radix64",
                           false,
                           &always_available,
                           {&detail::poly1305_init_radix64, &detail::poly1305_blocks_radix64,
                            &detail::poly1305_finish_radix64}},
    Poly1305Implementation{"portable",
                           true,
                           &always_available,
                           {&detail::poly1305_init_portable, &detail::poly1305_blocks_portable,
                            &detail::poly1305_finish_portable}},
};

}  // namespace

std::span<const Poly1305Implementation> poly1305_implementations() { return kPoly1305Table; }

const Poly1305Implementation& poly1305_default() {
  static const Poly1305Implementation& chosen = choose_default(poly1305_implementations());
  return chosen;
}

const Poly1305Implementation* poly1305_implementation(std::string_view name) {
  return find_implementation(poly1305_implementations(), name);
}

Poly1305::Poly1305(std::span<const std::uint8_t, kPoly1305KeySize> key)
    : Poly1305(key, poly1305_default()) {}

Poly1305::Poly1305(std::span<const std::uint8_t, kPoly1305KeySize> key,
                   const Poly1305Implementation& impl)
    : impl_(&impl) {
  impl_->ops.init(state_, key.data());
}

Poly1305::~Poly1305() {
  ct::secure_wipe(state_, sizeof state_);
  ct::secure_wipe(buffer_, sizeof buffer_);
}

void Poly1305::update(ByteView data) {
  const std::uint8_t* p = data.data();
  std::size_t n = data.size();
  // Top up a partial block first.
  if (buffered_ > 0) {
    const std::size_t take = std::min(n, kPoly1305BlockSize - buffered_);
    std::memcpy(buffer_ + buffered_, p, take);
    buffered_ += take;
    p += take;
    n -= take;
    if (buffered_ < kPoly1305BlockSize) return;
    impl_->ops.blocks(state_, buffer_, 1, 1);
    buffered_ = 0;
  }
  // Whole blocks straight from the input. Keep the bytes of a trailing partial block.
  const std::size_t whole = n / kPoly1305BlockSize;
  if (whole > 0) impl_->ops.blocks(state_, p, whole, 1);
  p += whole * kPoly1305BlockSize;
  n -= whole * kPoly1305BlockSize;
  if (n > 0) std::memcpy(buffer_, p, n);
  buffered_ = n;
}

Poly1305::Tag Poly1305::finish() {
  if (buffered_ > 0) {
    // §2.5: a short last block gets the 0x01 byte right after its bytes ("Add one bit beyond the
    // number of octets"), then zeros; it has no 2^128 bit.
    buffer_[buffered_] = 1;
    std::memset(buffer_ + buffered_ + 1, 0, kPoly1305BlockSize - buffered_ - 1);
    impl_->ops.blocks(state_, buffer_, 1, 0);
    buffered_ = 0;
  }
  Tag tag{};
  impl_->ops.finish(state_, tag.data());
  ct::secure_wipe(buffer_, sizeof buffer_);
  return tag;
}

Poly1305::Tag Poly1305::mac(std::span<const std::uint8_t, kPoly1305KeySize> key,
                            ByteView message) {
  return mac(key, message, poly1305_default());
}

Poly1305::Tag Poly1305::mac(std::span<const std::uint8_t, kPoly1305KeySize> key, ByteView message,
                            const Poly1305Implementation& impl) {
  Poly1305 p(key, impl);
  p.update(message);
  return p.finish();
}

}  // namespace glasstls::crypto
