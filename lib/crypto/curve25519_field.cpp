// GF(2^255 - 19): byte conversion, canonical reduction, inversion and the square-root power.
// The inline arithmetic lives in curve25519_field.hpp.
#include "crypto/curve25519_field.hpp"

#include "glasstls/core/endian.hpp"

namespace glasstls::crypto::curve25519 {

Fe from_bytes(const std::uint8_t s[32]) noexcept {
  const std::uint64_t w0 = load_le64(s), w1 = load_le64(s + 8), w2 = load_le64(s + 16),
                      w3 = load_le64(s + 24);
  Fe h;
  h.v[0] = w0 & kMask51;                         // bits 0..50
  h.v[1] = ((w0 >> 51) | (w1 << 13)) & kMask51;  // bits 51..101
  h.v[2] = ((w1 >> 38) | (w2 << 26)) & kMask51;  // bits 102..152
  h.v[3] = ((w2 >> 25) | (w3 << 39)) & kMask51;  // bits 153..203
  h.v[4] = (w3 >> 12) & kMask51;                 // bits 204..254; bit 255 dropped
  return h;
}

void to_bytes(std::uint8_t s[32], const Fe& f) noexcept {
  // Two carry passes bring every limb below 2^51 (limb 0 below 2^51 + 19 at worst, which the
  // next step absorbs), so the value h is < 2^255 + small, i.e. h < 2p.
  Fe h = carry(carry(f));
  // q = 1 exactly when h >= p, i.e. when h + 19 >= 2^255: compute the carry out of h + 19.
  std::uint64_t q = (h.v[0] + 19) >> 51;
  q = (h.v[1] + q) >> 51;
  q = (h.v[2] + q) >> 51;
  q = (h.v[3] + q) >> 51;
  q = (h.v[4] + q) >> 51;
  // h - q·p = h + 19q - q·2^255: add 19q, carry, and drop bit 255.
  h.v[0] += 19 * q;
  h.v[1] += h.v[0] >> 51;
  h.v[0] &= kMask51;
  h.v[2] += h.v[1] >> 51;
  h.v[1] &= kMask51;
  h.v[3] += h.v[2] >> 51;
  h.v[2] &= kMask51;
  h.v[4] += h.v[3] >> 51;
  h.v[3] &= kMask51;
  h.v[4] &= kMask51;
  store_le64(s, h.v[0] | (h.v[1] << 51));
  store_le64(s + 8, (h.v[1] >> 13) | (h.v[2] << 38));
  store_le64(s + 16, (h.v[2] >> 26) | (h.v[3] << 25));
  store_le64(s + 24, (h.v[3] >> 39) | (h.v[4] << 12));
}

namespace {
// Shared start of both exponent chains: returns z^(2^250 - 1) and z^11 (for invert's tail).
Fe pow_2_250_minus_1(const Fe& z, Fe& z11) noexcept {
  const Fe z2 = square(z);                                // z^2
  const Fe z9 = mul(square_times(z2, 2), z);              // z^8 · z = z^9
  z11 = mul(z9, z2);                                      // z^11
  const Fe z_5 = mul(square(z11), z9);                    // z^22 · z^9 = z^(2^5 - 1)
  const Fe z_10 = mul(square_times(z_5, 5), z_5);         // z^(2^10 - 1)
  const Fe z_20 = mul(square_times(z_10, 10), z_10);      // z^(2^20 - 1)
  const Fe z_40 = mul(square_times(z_20, 20), z_20);      // z^(2^40 - 1)
  const Fe z_50 = mul(square_times(z_40, 10), z_10);      // z^(2^50 - 1)
  const Fe z_100 = mul(square_times(z_50, 50), z_50);     // z^(2^100 - 1)
  const Fe z_200 = mul(square_times(z_100, 100), z_100);  // z^(2^200 - 1)
  return mul(square_times(z_200, 50), z_50);              // z^(2^250 - 1)
}
}  // namespace

Fe invert(const Fe& f) noexcept {
  // p - 2 = 2^255 - 21 = (2^250 - 1)·2^5 + 11.
  Fe z11;
  const Fe t = pow_2_250_minus_1(f, z11);
  return mul(square_times(t, 5), z11);
}

Fe pow_p58(const Fe& f) noexcept {
  // (p - 5)/8 = 2^252 - 3 = (2^250 - 1)·2^2 + 1.
  Fe z11;
  const Fe t = pow_2_250_minus_1(f, z11);
  return mul(square_times(t, 2), f);
}

std::uint64_t is_zero(const Fe& f) noexcept {
  std::uint8_t s[32];
  to_bytes(s, f);
  std::uint64_t acc = 0;
  for (std::uint8_t b : s) acc |= b;
  return ct::is_zero(acc);
}

std::uint64_t is_negative(const Fe& f) noexcept {
  std::uint8_t s[32];
  to_bytes(s, f);
  return s[0] & 1u;
}

std::uint64_t equal(const Fe& f, const Fe& g) noexcept {
  return is_zero(sub(f, g));
}

}  // namespace glasstls::crypto::curve25519
