// AES: the implementation table for the block cipher (FIPS 197 known-answer tests, learners).
// AES-GCM has its own table in aes_gcm.cpp; both draw on the same round code.
#include "glasstls/crypto/aes.hpp"

#include <array>
#include <cstring>

#include "crypto/aes_internal.hpp"
#include "glasstls/core/ct.hpp"

namespace glasstls::crypto {

namespace {

bool always_available() {
  return true;
}

// The portable cipher encrypts four blocks at once; a single block rides in lane 0.
void encrypt_block_portable(const std::uint8_t* key, std::size_t key_len,
                            const std::uint8_t in[kAesBlockSize], std::uint8_t out[kAesBlockSize]) {
  detail::AesBitslicedKey k;
  detail::aes_bitsliced_init(k, key, key_len);
  std::uint8_t four[64] = {};
  std::memcpy(four, in, kAesBlockSize);
  detail::aes_bitsliced_encrypt4(k, four, four);
  std::memcpy(out, four, kAesBlockSize);
  ct::secure_wipe(&k, sizeof k);
  ct::secure_wipe(four, sizeof four);
}

constexpr std::array kAesTable = {
#if defined(GLASSTLS_HAVE_AES_X86)
    AesImplementation{
        "aesni", false, &detail::aes_aesni_available, {&detail::aes_aesni_encrypt_block}},
#endif
    AesImplementation{"portable", true, &always_available, {&encrypt_block_portable}},
};

}  // namespace

std::span<const AesImplementation> aes_implementations() {
  return kAesTable;
}

const AesImplementation& aes_default() {
  static const AesImplementation& chosen = choose_default(aes_implementations());
  return chosen;
}

const AesImplementation* aes_implementation(std::string_view name) {
  return find_implementation(aes_implementations(), name);
}

}  // namespace glasstls::crypto
