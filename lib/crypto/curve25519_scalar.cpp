// Scalars modulo L by Barrett reduction (HAC Algorithm 14.42 with b = 2^64, k = 4).
#include "crypto/curve25519_scalar.hpp"

#include "crypto/curve25519_field.hpp"  // u128
#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"

namespace glasstls::crypto::curve25519 {
namespace {

// L in 64-bit limbs, least significant first (RFC 8032 §5.1: 2^252 + 2774231777737235353585193779
// 0883648493).
constexpr std::uint64_t kL[4] = {0x5812631a5cf5d3ed, 0x14def9dea2f79cd6, 0, 0x1000000000000000};
// mu = floor(2^512 / L), the Barrett constant (derived from L; 261 bits).
constexpr std::uint64_t kMu[5] = {0xed9ce5a30a2c131b, 0x2106215d086329a7, 0xffffffffffffffeb,
                                  0xffffffffffffffff, 0x000000000000000f};

// out[0 .. na+nb) = a·b, schoolbook with 128-bit partial products.
void mul_limbs(std::uint64_t* out, const std::uint64_t* a, int na, const std::uint64_t* b,
               int nb) noexcept {
  for (int i = 0; i < na + nb; ++i) out[i] = 0;
  for (int i = 0; i < na; ++i) {
    std::uint64_t carry_word = 0;
    for (int j = 0; j < nb; ++j) {
      const u128 t = u128{a[i]} * b[j] + out[i + j] + carry_word;
      out[i + j] = static_cast<std::uint64_t>(t);
      carry_word = static_cast<std::uint64_t>(t >> 64);
    }
    out[i + nb] = carry_word;
  }
}

// r = r - L if r >= L (r has 5 limbs, r < 2^320), in constant time.
void conditional_subtract_l(std::uint64_t r[5]) noexcept {
  std::uint64_t t[5];
  std::uint64_t borrow = 0;
  for (int i = 0; i < 5; ++i) {
    const std::uint64_t li = i < 4 ? kL[i] : 0;
    const u128 d = u128{r[i]} - li - borrow;
    t[i] = static_cast<std::uint64_t>(d);
    borrow = static_cast<std::uint64_t>(d >> 64) & 1;  // 1 if the subtraction wrapped
  }
  const std::uint64_t keep = ct::mask_from_bit(borrow);  // r < L: keep r
  for (int i = 0; i < 5; ++i) r[i] = ct::select(keep, r[i], t[i]);
}

// x (8 limbs, < 2^512) mod L into 32 bytes.
void barrett(std::uint8_t out[32], const std::uint64_t x[8]) noexcept {
  // q1 = floor(x / b^(k-1)) = x >> 192; q2 = q1·mu; q3 = floor(q2 / b^(k+1)) = q2 >> 320.
  std::uint64_t q2[10];
  mul_limbs(q2, x + 3, 5, kMu, 5);
  const std::uint64_t* q3 = q2 + 5;
  // r2 = (q3·L) mod b^(k+1); r = (x mod b^(k+1)) - r2 mod b^(k+1). HAC 14.44: 0 <= r < 3L.
  std::uint64_t r2[9];
  mul_limbs(r2, q3, 5, kL, 4);
  std::uint64_t r[5];
  std::uint64_t borrow = 0;
  for (int i = 0; i < 5; ++i) {
    const u128 d = u128{x[i]} - r2[i] - borrow;
    r[i] = static_cast<std::uint64_t>(d);
    borrow = static_cast<std::uint64_t>(d >> 64) & 1;
  }
  conditional_subtract_l(r);
  conditional_subtract_l(r);
  for (int i = 0; i < 4; ++i) store_le64(out + 8 * i, r[i]);
  ct::secure_wipe(q2, sizeof q2);
  ct::secure_wipe(r2, sizeof r2);
  ct::secure_wipe(r, sizeof r);
}

}  // namespace

void sc_reduce(std::uint8_t out[32], const std::uint8_t in[64]) noexcept {
  std::uint64_t x[8];
  for (int i = 0; i < 8; ++i) x[i] = load_le64(in + 8 * i);
  barrett(out, x);
  ct::secure_wipe(x, sizeof x);
}

void sc_muladd(std::uint8_t out[32], const std::uint8_t a[32], const std::uint8_t b[32],
               const std::uint8_t c[32]) noexcept {
  std::uint64_t al[4], bl[4], x[8];
  for (int i = 0; i < 4; ++i) {
    al[i] = load_le64(a + 8 * i);
    bl[i] = load_le64(b + 8 * i);
  }
  mul_limbs(x, al, 4, bl, 4);
  std::uint64_t carry_word = 0;
  for (int i = 0; i < 8; ++i) {
    const u128 t = u128{x[i]} + (i < 4 ? load_le64(c + 8 * i) : 0) + carry_word;
    x[i] = static_cast<std::uint64_t>(t);
    carry_word = static_cast<std::uint64_t>(t >> 64);
  }
  barrett(out, x);
  ct::secure_wipe(al, sizeof al);
  ct::secure_wipe(bl, sizeof bl);
  ct::secure_wipe(x, sizeof x);
}

bool sc_is_canonical(const std::uint8_t s[32]) noexcept {
  for (int i = 3; i >= 0; --i) {
    const std::uint64_t w = load_le64(s + 8 * i);
    if (w < kL[i]) return true;
    if (w > kL[i]) return false;
  }
  return false;  // s == L
}

}  // namespace glasstls::crypto::curve25519
