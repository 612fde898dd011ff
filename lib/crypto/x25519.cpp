// X25519 (RFC 7748 §5): the Montgomery ladder, the fixed-base public key, and the all-zero check.
#include "glasstls/crypto/x25519.hpp"

#include <array>

#include "crypto/curve25519_edwards.hpp"
#include "crypto/curve25519_field.hpp"
#include "glasstls/core/ct.hpp"

namespace glasstls::crypto {
namespace {

using namespace curve25519;

// RFC 7748 §5 decodeScalar25519: clear bits 0-2, clear bit 255, set bit 254.
std::array<std::uint8_t, 32> clamp(const std::uint8_t k[32]) noexcept {
  std::array<std::uint8_t, 32> e{};
  for (std::size_t i = 0; i < 32; ++i) e[i] = k[i];
  e[0] &= 248;
  e[31] &= 127;
  e[31] |= 64;
  return e;
}

// RFC 7748 §5, line by line. a24 = (486662 - 2)/4 = 121665.
void ladder(std::uint8_t out[32], const std::uint8_t k[32], const std::uint8_t u[32]) noexcept {
  auto e = clamp(k);
  const Fe x1 = from_bytes(u);  // decodeUCoordinate: bit 255 masked; u >= p kept, reduced in use
  Fe x2 = kOne, z2 = kZero, x3 = x1, z3 = kOne;
  std::uint64_t swap = 0;
  for (int t = 254; t >= 0; --t) {
    const auto bit_index = static_cast<unsigned>(t);
    const std::uint64_t k_t = (std::uint64_t{e[bit_index >> 3]} >> (bit_index & 7u)) & 1u;
    swap ^= k_t;
    const std::uint64_t mask = ct::mask_from_bit(swap);
    cswap(mask, x2, x3);
    cswap(mask, z2, z3);
    swap = k_t;
    // Limb bounds: x2, z2, x3, z3, x1 are mul/square outputs or decoded (< 2^52 per limb), so
    // sums are < 2^53 and differences < 2^54: all valid mul inputs (curve25519_field.hpp).
    const Fe a = add(x2, z2);
    const Fe aa = square(a);
    const Fe b = curve25519::sub(x2, z2);
    const Fe bb = square(b);
    const Fe ee = curve25519::sub(aa, bb);
    const Fe c = add(x3, z3);
    const Fe d = curve25519::sub(x3, z3);
    const Fe da = mul(d, a);
    const Fe cb = mul(c, b);
    x3 = square(add(da, cb));
    z3 = mul(x1, square(curve25519::sub(da, cb)));
    x2 = mul(aa, bb);
    z2 = mul(ee, add(aa, mul_small(ee, 121665)));
  }
  const std::uint64_t mask = ct::mask_from_bit(swap);
  cswap(mask, x2, x3);
  cswap(mask, z2, z3);
  to_bytes(out, mul(x2, invert(z2)));  // x2 · z2^(p-2)
  ct::secure_wipe(std::span(e));
  ct::secure_wipe(&x2, sizeof x2);
  ct::secure_wipe(&z2, sizeof z2);
  ct::secure_wipe(&x3, sizeof x3);
  ct::secure_wipe(&z3, sizeof z3);
}

// X25519(k, 9) computed on the Edwards curve: the clamped scalar times B (which maps to u = 9),
// then u = (1 + y)/(1 - y). Same value as the ladder; about three times faster.
void base(std::uint8_t out[32], const std::uint8_t k[32]) noexcept {
  auto e = clamp(k);
  Point p = scalarmult_base(e.data());
  to_montgomery_u(out, p);
  ct::secure_wipe(std::span(e));
  ct::secure_wipe(&p, sizeof p);
}

bool always_available() {
  return true;
}

const X25519Implementation kImplementations[] = {
    X25519Implementation{"portable", true, &always_available, {&ladder, &base}},
};

}  // namespace

std::span<const X25519Implementation> x25519_implementations() {
  return kImplementations;
}

const X25519Implementation& x25519_default() {
  static const X25519Implementation& chosen = choose_default(x25519_implementations());
  return chosen;
}

const X25519Implementation* x25519_implementation(std::string_view name) {
  return find_implementation(x25519_implementations(), name);
}

X25519Key x25519_unchecked(std::span<const std::uint8_t, 32> k,
                           std::span<const std::uint8_t, 32> u) {
  X25519Key out{};
  x25519_default().ops.scalarmult(out.data(), k.data(), u.data());
  return out;
}

Result<X25519Key, X25519Error> x25519(std::span<const std::uint8_t, 32> private_key,
                                      std::span<const std::uint8_t, 32> peer_public) {
  X25519Key out = x25519_unchecked(private_key, peer_public);
  // RFC 7748 §6.1: check for the all-zero value, without branching on the secret bytes; only the
  // verdict is made public.
  std::uint64_t acc = 0;
  for (std::uint8_t b : out) acc |= b;
  const std::uint64_t zero = ct::declassify_value(ct::is_zero(acc));
  if (zero != 0) {
    ct::secure_wipe(std::span(out));
    return Err{X25519Error::all_zero_shared_secret};
  }
  return out;
}

X25519Key x25519_public_key(std::span<const std::uint8_t, 32> private_key) {
  X25519Key out{};
  x25519_default().ops.scalarmult_base(out.data(), private_key.data());
  ct::declassify(out.data(), out.size());  // a public key is public
  return out;
}

X25519KeyPair::~X25519KeyPair() {
  ct::secure_wipe(std::span(private_key));
}

X25519KeyPair x25519_generate(RandomSource& rng) {
  X25519KeyPair kp;
  rng.fill(kp.private_key);
  kp.public_key = x25519_public_key(kp.private_key);
  return kp;
}

}  // namespace glasstls::crypto
