// Constant-time checks for Curve25519 (portable implementations): the X25519 ladder with a secret
// scalar, X25519 key generation (the fixed-base Edwards method), Ed25519 key generation and
// signing with a secret seed. Only the outputs (shared secret's zero verdict, public keys,
// signatures) are declassified, by the library itself or here.
#include <array>
#include <cstdint>

#include "ct_harness.hpp"
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/crypto/x25519.hpp"

using namespace glasstls;
using glasstls::cttest::declassify;
using glasstls::cttest::secret;

namespace {
std::array<std::uint8_t, 32> secret_key(std::uint8_t seed) {
  std::array<std::uint8_t, 32> a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<std::uint8_t>(i * 29 + seed);
  secret(std::span(a));
  return a;
}
}  // namespace

GLASSTLS_CT_CHECK(x25519_ladder_with_secret_scalar) {
  auto k = secret_key(3);
  crypto::X25519Key u{};
  u[0] = 9;
  u[5] = 0x42;                         // any public u
  auto shared = crypto::x25519(k, u);  // the all-zero verdict is declassified inside
  if (!shared.ok()) {
    cttest::fail("x25519_ladder_with_secret_scalar", "all-zero secret for an ordinary u");
    return;
  }
  declassify(*shared);
  // The unchecked ladder as well (the function TLS calls through x25519()).
  auto raw = crypto::x25519_unchecked(k, u);
  declassify(raw);
  if (raw != *shared) cttest::fail("x25519_ladder_with_secret_scalar", "ladder mismatch");
}

GLASSTLS_CT_CHECK(x25519_keygen_fixed_base) {
  auto k = secret_key(5);
  auto pub = crypto::x25519_public_key(k);  // declassified inside: a public key is public
  declassify(pub);
  crypto::X25519Key nine{};
  nine[0] = 9;
  auto ladder = crypto::x25519_unchecked(k, nine);
  declassify(ladder);
  if (pub != ladder) cttest::fail("x25519_keygen_fixed_base", "fixed base != ladder");
}

GLASSTLS_CT_CHECK(ed25519_keygen_and_sign_with_secret_seed) {
  auto seed = secret_key(11);
  auto pub = crypto::ed25519_public_key(seed);
  declassify(pub);
  const auto msg = as_bytes("CertificateVerify content");
  auto sig = crypto::ed25519_sign(seed, pub, msg);
  declassify(sig);
  if (!crypto::ed25519_verify(sig, pub, msg))
    cttest::fail("ed25519_keygen_and_sign_with_secret_seed", "signature does not verify");
}
