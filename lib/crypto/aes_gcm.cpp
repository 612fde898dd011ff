// AES-GCM: the implementation table (both key sizes; init receives key_len 16 or 32).
//   "vaes"          VAES + VPCLMULQDQ on AVX-512 registers, 8 blocks in flight (gcm_vaes.cpp)
//   "aesni_pclmul"  AES-NI + PCLMULQDQ, 8 blocks per step (gcm_aesni.cpp)
//   "portable"      bitsliced AES + multiply-with-holes GHASH (gcm_portable.cpp)
#include <array>

#include "crypto/gcm_internal.hpp"
#include "glasstls/crypto/aead.hpp"

namespace glasstls::crypto {

namespace {

bool always_available() {
  return true;
}

// Every implementation's state must fit the wrapper's buffer (aead.hpp).
static_assert(sizeof(detail::GcmPortableState) <= kAeadStateSize);
static_assert(alignof(detail::GcmPortableState) <= 64);
#if defined(GLASSTLS_HAVE_GCM_X86)
static_assert(sizeof(detail::GcmX86State) <= kAeadStateSize);
static_assert(alignof(detail::GcmX86State) <= 64);
#endif

// Fastest first, portable last.
constexpr std::array kAesGcmTable = {
#if defined(GLASSTLS_HAVE_GCM_X86)
    AeadImplementation{"vaes",
                       false,
                       &detail::gcm_vaes_available,
                       {&detail::gcm_aesni_init, &detail::gcm_vaes_seal, &detail::gcm_vaes_open}},
    AeadImplementation{"aesni_pclmul",
                       false,
                       &detail::gcm_aesni_available,
                       {&detail::gcm_aesni_init, &detail::gcm_aesni_seal, &detail::gcm_aesni_open}},
#endif
    AeadImplementation{
        "portable",
        true,
        &always_available,
        {&detail::gcm_portable_init, &detail::gcm_portable_seal, &detail::gcm_portable_open}},
};

constexpr std::array kSealFromTable = {
#if defined(GLASSTLS_HAVE_GCM_X86)
    detail::GcmSealFromEntry{"vaes", &detail::gcm_vaes_seal_from},
    detail::GcmSealFromEntry{"aesni_pclmul", &detail::gcm_aesni_seal_from},
#endif
    detail::GcmSealFromEntry{"portable", &detail::gcm_portable_seal_from},
};

}  // namespace

std::span<const AeadImplementation> aes_gcm_implementations() {
  return kAesGcmTable;
}

namespace detail {
std::span<const GcmSealFromEntry> gcm_seal_from_table() {
  return kSealFromTable;
}
}  // namespace detail

}  // namespace glasstls::crypto
