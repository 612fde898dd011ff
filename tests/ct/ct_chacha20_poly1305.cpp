// Constant-time checks for ChaCha20, Poly1305 and ChaCha20-Poly1305 (RFC 8439): with the key (and
// the message) marked secret, no branch or memory address may depend on them. Covered: portable
// ChaCha20; every Poly1305 implementation ("portable" 26-bit limbs; "radix44" and "radix64" with
// 64-bit products — plain C++, so valgrind can run them); the AEAD's seal and open through crypto::Aead with the "portable"
// table entry. The ciphertext and tag are public once produced (they go on the wire).
#include <array>
#include <cstdint>
#include <span>

#include "ct_harness.hpp"
#include "glasstls/crypto/aead.hpp"
#include "glasstls/crypto/chacha20.hpp"
#include "glasstls/crypto/poly1305.hpp"

using namespace glasstls;
using glasstls::cttest::declassify;
using glasstls::cttest::secret;

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> filled(std::uint8_t seed) {
  std::array<std::uint8_t, N> a{};
  for (std::size_t i = 0; i < N; ++i) a[i] = static_cast<std::uint8_t>(i * 29 + seed);
  return a;
}

}  // namespace

GLASSTLS_CT_CHECK(chacha20_portable_secret_key) {
  const auto* impl = crypto::chacha20_implementation("portable");
  auto key = filled<32>(3);
  auto msg = filled<200>(9);  // three whole blocks and a partial one
  const auto nonce = filled<12>(1);
  secret(std::span(key));
  secret(std::span(msg));
  std::array<std::uint8_t, 200> out{};
  impl->ops.xor_stream(key.data(), nonce.data(), 0xfffffffe, msg.data(), out.data(), out.size());
  declassify(std::span(out));
}

GLASSTLS_CT_CHECK(poly1305_all_implementations_secret_key_and_message) {
  for (const char* name : {"portable", "radix44", "radix64"}) {
    const auto* impl = crypto::poly1305_implementation(name);
    if (impl == nullptr) {
      cttest::fail("poly1305_all_implementations_secret_key_and_message", name);
      continue;
    }
    auto key = filled<32>(0xf0);
    auto msg = filled<141>(0xfe);  // 4-block steps, single blocks and a short last block
    secret(std::span(key));
    secret(std::span(msg));
    crypto::Poly1305 p(key, *impl);
    p.update(std::span(msg).first(20));
    // The remaining 121: the buffered block completed, six whole blocks (a 4-block step and two
    // single blocks), a 13-byte short block at finish().
    p.update(std::span(msg).subspan(20));
    auto tag = p.finish();
    declassify(std::span(tag));
  }
}

GLASSTLS_CT_CHECK(chacha20_poly1305_portable_seal_and_open) {
  const auto* impl = crypto::aead_implementation(crypto::AeadAlg::chacha20_poly1305, "portable");
  if (impl == nullptr) {
    cttest::fail("chacha20_poly1305_portable_seal_and_open", "no portable implementation");
    return;
  }
  auto key = filled<32>(0x80);
  auto pt = filled<150>(0x41);
  const auto aad = filled<13>(0x50);
  const auto nonce = filled<12>(0x07);
  secret(std::span(key));
  secret(std::span(pt));
  auto aead = crypto::Aead::create(crypto::AeadAlg::chacha20_poly1305, key, *impl);
  if (!aead.ok()) {
    cttest::fail("chacha20_poly1305_portable_seal_and_open", "create failed");
    return;
  }
  std::array<std::uint8_t, 150 + crypto::kAeadTagSize> sealed{};
  auto st = aead->seal(nonce, aad, pt, sealed);
  if (st != crypto::AeadStatus::ok) cttest::fail("chacha20_poly1305_portable_seal_and_open", "seal");
  declassify(std::span(sealed));  // ciphertext and tag are public

  std::array<std::uint8_t, 150> opened{};
  st = aead->open(nonce, aad, sealed, opened);
  if (st != crypto::AeadStatus::ok) cttest::fail("chacha20_poly1305_portable_seal_and_open", "open");
  declassify(std::span(opened));

  // A wrong tag (last byte): the comparison must not exit early on the secret expected tag.
  sealed.back() ^= 1;
  st = aead->open(nonce, aad, sealed, opened);
  if (st != crypto::AeadStatus::authentication_failed)
    cttest::fail("chacha20_poly1305_portable_seal_and_open", "accepted a wrong tag");
}
