// Ed25519 (RFC 8032 §5.1.5-5.1.7): key generation, signing, cofactorless verification.
#include "glasstls/crypto/ed25519.hpp"

#include <array>

#include "crypto/curve25519_edwards.hpp"
#include "crypto/curve25519_scalar.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/sha512.hpp"

namespace glasstls::crypto {
namespace {

using namespace curve25519;

// RFC 8032 §5.1.5 steps 1-2: h = SHA-512(seed); s = h[0..32) with the lowest three bits of the
// first byte cleared, the highest bit of the last byte cleared and the second highest set.
Sha512::Digest expand_seed(const std::uint8_t seed[32]) noexcept {
  auto h = Sha512::hash(ByteView(seed, 32));
  h[0] &= 248;
  h[31] &= 127;
  h[31] |= 64;
  return h;
}

void public_key(std::uint8_t pub[32], const std::uint8_t seed[32]) {
  auto h = expand_seed(seed);
  Point a = scalarmult_base(h.data());  // §5.1.5 step 3: A = [s]B
  encode(pub, a);
  ct::declassify(pub, 32);
  ct::secure_wipe(std::span(h));
  ct::secure_wipe(&a, sizeof a);
}

void sign(std::uint8_t sig[64], const std::uint8_t seed[32], const std::uint8_t pub[32],
          const std::uint8_t* msg, std::size_t msg_len) {
  auto h = expand_seed(seed);  // s = h[0..32), prefix = h[32..64)
  // §5.1.6 step 2: r = SHA-512(prefix ‖ M) mod L.
  Sha512 hash;
  hash.update(ByteView(h.data() + 32, 32));
  hash.update(ByteView(msg, msg_len));
  auto r_wide = hash.finish();
  std::uint8_t r[32];
  sc_reduce(r, r_wide.data());
  // Step 3: R = [r]B.
  Point rp = scalarmult_base(r);
  encode(sig, rp);
  ct::declassify(sig, 32);  // R is part of the signature
  // Step 4: k = SHA-512(R ‖ A ‖ M) mod L (all public).
  hash.update(ByteView(sig, 32));
  hash.update(ByteView(pub, 32));
  hash.update(ByteView(msg, msg_len));
  auto k_wide = hash.finish();
  std::uint8_t k[32];
  sc_reduce(k, k_wide.data());
  // Step 5: S = (r + k·s) mod L.
  sc_muladd(sig + 32, k, h.data(), r);
  ct::declassify(sig + 32, 32);
  ct::secure_wipe(std::span(h));
  ct::secure_wipe(std::span(r_wide));
  ct::secure_wipe(r, sizeof r);
  ct::secure_wipe(&rp, sizeof rp);
}

bool verify(const std::uint8_t sig[64], const std::uint8_t pub[32], const std::uint8_t* msg,
            std::size_t msg_len) {
  // §5.1.7 step 1: S must be < L; A must decode (canonical y, on the curve). R is checked by the
  // final comparison: a non-canonical or off-curve R can never equal a computed encoding.
  if (!sc_is_canonical(sig + 32)) return false;
  Point a;
  if (!decode_vartime(a, pub)) return false;
  // Step 2: k = SHA-512(R ‖ A ‖ M) mod L.
  Sha512 hash;
  hash.update(ByteView(sig, 32));
  hash.update(ByteView(pub, 32));
  hash.update(ByteView(msg, msg_len));
  auto k_wide = hash.finish();
  std::uint8_t k[32];
  sc_reduce(k, k_wide.data());
  // Step 3 (cofactorless): [S]B - [k]A must encode to R.
  const Point minus_a{carry(neg(a.X)), a.Y, a.Z, carry(neg(a.T))};
  const Point check = double_scalarmult_vartime(k, minus_a, sig + 32);
  std::uint8_t encoded[32];
  encode(encoded, check);
  for (int i = 0; i < 32; ++i)
    if (encoded[i] != sig[i]) return false;
  return true;
}

bool always_available() {
  return true;
}

const Ed25519Implementation kImplementations[] = {
    Ed25519Implementation{"portable", true, &always_available, {&public_key, &sign, &verify}},
};

}  // namespace

std::span<const Ed25519Implementation> ed25519_implementations() {
  return kImplementations;
}

const Ed25519Implementation& ed25519_default() {
  static const Ed25519Implementation& chosen = choose_default(ed25519_implementations());
  return chosen;
}

const Ed25519Implementation* ed25519_implementation(std::string_view name) {
  return find_implementation(ed25519_implementations(), name);
}

Ed25519PublicKey ed25519_public_key(std::span<const std::uint8_t, 32> seed) {
  Ed25519PublicKey pub{};
  ed25519_default().ops.public_key(pub.data(), seed.data());
  return pub;
}

Ed25519Signature ed25519_sign(std::span<const std::uint8_t, 32> seed,
                              std::span<const std::uint8_t, 32> public_key, ByteView message) {
  Ed25519Signature sig{};
  ed25519_default().ops.sign(sig.data(), seed.data(), public_key.data(), message.data(),
                             message.size());
  return sig;
}

bool ed25519_verify(ByteView signature, ByteView public_key, ByteView message) {
  if (signature.size() != kEd25519SignatureSize || public_key.size() != kEd25519PublicKeySize)
    return false;
  return ed25519_default().ops.verify(signature.data(), public_key.data(), message.data(),
                                      message.size());
}

Ed25519KeyPair::~Ed25519KeyPair() {
  ct::secure_wipe(std::span(seed));
}

Ed25519KeyPair ed25519_generate(RandomSource& rng) {
  Ed25519KeyPair kp;
  rng.fill(kp.seed);
  kp.public_key = ed25519_public_key(kp.seed);
  return kp;
}

}  // namespace glasstls::crypto
