// Constant-time checks for AES and AES-GCM (portable implementations): the key expansion and
// bitsliced encryption with a secret key and secret plaintext, GHASH with a secret H and secret
// data, and AES-GCM seal and open through crypto::Aead with the "portable" implementation, must
// not branch on or index memory by any secret byte. Lengths stay public.
#include <array>
#include <cstdint>

#include "ct_harness.hpp"
#include "glasstls/crypto/aead.hpp"
#include "glasstls/crypto/aes.hpp"

using namespace glasstls;
using glasstls::cttest::declassify;
using glasstls::cttest::secret;

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> secret_bytes(unsigned seed) {
  std::array<std::uint8_t, N> a{};
  for (std::size_t i = 0; i < N; ++i) a[i] = static_cast<std::uint8_t>(i * 167 + seed * 59 + 3);
  secret(std::span(a));
  return a;
}

}  // namespace

GLASSTLS_CT_CHECK(aes_portable_key_expansion_and_encrypt) {
  const auto* aes = crypto::aes_implementation("portable");
  for (std::size_t key_len : {std::size_t{16}, std::size_t{32}}) {
    auto key = secret_bytes<32>(1);
    auto block = secret_bytes<16>(2);
    std::array<std::uint8_t, 16> out{};
    aes->ops.encrypt_block(key.data(), key_len, block.data(), out.data());
    declassify(out);
    std::uint8_t w[crypto::kAesMaxRoundKeyBytes];
    const int nr = crypto::aes_expand_key(key.data(), key_len, w);
    declassify(w, sizeof w);
    if (nr != (key_len == 16 ? 10 : 14)) cttest::fail("aes_portable", "wrong round count");
  }
  auto x = secret_bytes<1>(3);
  auto s = crypto::aes_sbox(x[0]);
  declassify(s);
}

// GHASH with a secret H (H = E_K(0), K secret) over secret data: a seal with 100 bytes of secret
// AAD and no plaintext runs exactly GHASH(A ‖ 0^v ‖ lengths) plus one AES block for the tag.
GLASSTLS_CT_CHECK(ghash_portable_secret_h_and_data) {
  const auto* impl = crypto::aead_implementation(crypto::AeadAlg::aes_128_gcm, "portable");
  auto key = secret_bytes<16>(4);
  auto data = secret_bytes<100>(5);  // six full blocks and a partial one
  auto aead = crypto::Aead::create(crypto::AeadAlg::aes_128_gcm, key, *impl);
  if (!aead.ok()) {
    cttest::fail("ghash_portable", "create failed");
    return;
  }
  const std::array<std::uint8_t, 12> nonce{};
  std::array<std::uint8_t, 16> tag{};
  if (aead->seal(nonce, data, {}, tag) != crypto::AeadStatus::ok)
    cttest::fail("ghash_portable", "seal refused");
  declassify(tag);
}

GLASSTLS_CT_CHECK(aes_gcm_portable_seal_and_open) {
  for (auto alg : {crypto::AeadAlg::aes_128_gcm, crypto::AeadAlg::aes_256_gcm}) {
    const auto* impl = crypto::aead_implementation(alg, "portable");
    auto key = secret_bytes<32>(6);
    auto aead = crypto::Aead::create(alg, std::span(key).first(crypto::aead_key_size(alg)), *impl);
    if (!aead.ok()) {
      cttest::fail("aes_gcm_portable", "create failed");
      return;
    }
    std::array<std::uint8_t, 12> nonce{};
    for (std::size_t i = 0; i < nonce.size(); ++i) nonce[i] = static_cast<std::uint8_t>(i);
    auto aad = secret_bytes<13>(7);
    auto pt = secret_bytes<83>(8);  // five full blocks and a partial one
    std::array<std::uint8_t, 83 + 16> record{};
    if (aead->seal(nonce, aad, pt, record) != crypto::AeadStatus::ok)
      cttest::fail("aes_gcm_portable", "seal refused");
    declassify(record);  // ciphertext and tag go on the wire

    // Open the genuine record (accepted) and one with a flipped last tag bit (refused); the
    // wrapper declassifies only the verdict.
    std::array<std::uint8_t, 83> out{};
    if (aead->open(nonce, aad, record, out) != crypto::AeadStatus::ok)
      cttest::fail("aes_gcm_portable", "rejected its own record");
    declassify(out);
    record.back() ^= 1;
    if (aead->open(nonce, aad, record, out) != crypto::AeadStatus::authentication_failed)
      cttest::fail("aes_gcm_portable", "accepted a forged record");
  }
}
