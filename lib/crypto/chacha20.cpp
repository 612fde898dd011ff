// ChaCha20: the implementation registry and the default-implementation helper. The cipher itself
// is in chacha20_portable.cpp (reference), chacha20_avx2.cpp and chacha20_avx512.cpp.
#include "glasstls/crypto/chacha20.hpp"

#include <array>
#include <cassert>

#include "crypto/chacha20_impl.hpp"

namespace glasstls::crypto {

namespace {

bool always_available() { return true; }

// Fastest first, portable last (choose_default walks it in this order).
constexpr std::array kChaCha20Table = {
#if defined(GLASSTLS_HAVE_CHACHA20_X86)
    ChaCha20Implementation{
        "avx512", false, &detail::chacha20_avx512_available, {&detail::chacha20_xor_avx512}},
    ChaCha20Implementation{
        "avx2", false, &detail::chacha20_avx2_available, {&detail::chacha20_xor_avx2}},
#endif
    ChaCha20Implementation{"portable", true, &always_available, {&detail::chacha20_xor_portable}},
};

}  // namespace

std::span<const ChaCha20Implementation> chacha20_implementations() { return kChaCha20Table; }

const ChaCha20Implementation& chacha20_default() {
  static const ChaCha20Implementation& chosen = choose_default(chacha20_implementations());
  return chosen;
}

const ChaCha20Implementation* chacha20_implementation(std::string_view name) {
  return find_implementation(chacha20_implementations(), name);
}

void chacha20_xor(std::span<const std::uint8_t, kChaCha20KeySize> key,
                  std::span<const std::uint8_t, kChaCha20NonceSize> nonce, std::uint32_t counter,
                  ByteView in, MutableByteView out) {
  assert(in.size() == out.size());
  chacha20_default().ops.xor_stream(key.data(), nonce.data(), counter, in.data(), out.data(),
                                    in.size());
}

}  // namespace glasstls::crypto
