// Multi-precision arithmetic on fixed-length limb vectors (see bignum.hpp for the contract).
#include "crypto/bignum.hpp"

#include <algorithm>

namespace glasstls::crypto::bn {

namespace {
Limb limb_at(std::span<const Limb> a, std::size_t i) { return i < a.size() ? a[i] : 0; }
}  // namespace

bool from_bytes(Limbs& out, ByteView be, std::size_t n_limbs) {
  out.assign(n_limbs, 0);
  Limb overflow = 0;
  // Byte k from the right is bits 8k..8k+7.
  for (std::size_t k = 0; k < be.size(); ++k) {
    const Limb b = be[be.size() - 1 - k];
    if (k / 8 < n_limbs)  // k is a public position
      out[k / 8] |= b << (8 * (k % 8));
    else
      overflow |= b;
  }
  return ct::declassify_value(ct::is_zero(overflow)) != 0;
}

void to_bytes(MutableByteView out, std::span<const Limb> a) {
  for (std::size_t k = 0; k < out.size(); ++k)
    out[out.size() - 1 - k] = static_cast<std::uint8_t>(limb_at(a, k / 8) >> (8 * (k % 8)));
}

Bytes to_bytes_trimmed_vartime(std::span<const Limb> a) {
  Bytes out((bit_length_vartime(a) + 7) / 8);
  to_bytes(out, a);
  return out;
}

std::size_t bit_length_vartime(std::span<const Limb> a) {
  for (std::size_t i = a.size(); i-- > 0;)
    if (a[i] != 0) return 64 * i + 64 - static_cast<std::size_t>(__builtin_clzll(a[i]));
  return 0;
}

Limb add(std::span<Limb> r, std::span<const Limb> a, std::span<const Limb> b) {
  Limb carry = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const u128 s = u128{limb_at(a, i)} + limb_at(b, i) + carry;
    r[i] = static_cast<Limb>(s);
    carry = static_cast<Limb>(s >> 64);
  }
  return carry;
}

Limb sub(std::span<Limb> r, std::span<const Limb> a, std::span<const Limb> b) {
  Limb borrow = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const u128 d = u128{limb_at(a, i)} - limb_at(b, i) - borrow;
    r[i] = static_cast<Limb>(d);
    borrow = static_cast<Limb>(d >> 64) & 1;  // the wrapped top half is all ones on borrow
  }
  return borrow;
}

void mul(std::span<Limb> r, std::span<const Limb> a, std::span<const Limb> b) {
  std::fill(r.begin(), r.end(), 0);
  for (std::size_t i = 0; i < b.size(); ++i) {
    Limb carry = 0;
    for (std::size_t j = 0; j < a.size(); ++j) {
      const u128 t = u128{a[j]} * b[i] + r[i + j] + carry;
      r[i + j] = static_cast<Limb>(t);
      carry = static_cast<Limb>(t >> 64);
    }
    r[i + a.size()] = carry;
  }
}

void mul_limb(std::span<Limb> r, std::span<const Limb> a, Limb w) {
  Limb carry = 0;
  for (std::size_t j = 0; j < a.size(); ++j) {
    const u128 t = u128{a[j]} * w + carry;
    r[j] = static_cast<Limb>(t);
    carry = static_cast<Limb>(t >> 64);
  }
  r[a.size()] = carry;
}

Limb less_than_mask(std::span<const Limb> a, std::span<const Limb> b) {
  Limb borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const u128 d = u128{a[i]} - b[i] - borrow;
    borrow = static_cast<Limb>(d >> 64) & 1;
  }
  return ct::mask_from_bit(borrow);
}

Limb equal_mask(std::span<const Limb> a, std::span<const Limb> b) {
  Limb diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= a[i] ^ b[i];
  return ct::is_zero(diff);
}

Limb is_zero_mask(std::span<const Limb> a) {
  Limb acc = 0;
  for (Limb x : a) acc |= x;
  return ct::is_zero(acc);
}

void select(Limb mask, std::span<Limb> dst, std::span<const Limb> src) {
  for (std::size_t i = 0; i < dst.size(); ++i) dst[i] = ct::select(mask, src[i], dst[i]);
}

void mod_ct(std::span<Limb> r, std::span<const Limb> a, std::span<const Limb> m) {
  const std::size_t L = m.size();
  Limbs acc(L, 0), diff(L, 0);
  std::fill(r.begin(), r.end(), 0);
  for (std::size_t bit = a.size() * 64; bit-- > 0;) {
    // acc = 2·acc + next bit of a; acc < m before, so < 2m after: one masked subtraction.
    Limb top = acc[L - 1] >> 63;
    for (std::size_t i = L; i-- > 1;) acc[i] = (acc[i] << 1) | (acc[i - 1] >> 63);
    acc[0] = (acc[0] << 1) | ((a[bit / 64] >> (bit % 64)) & 1);
    const Limb borrow = sub(diff, acc, m);
    // Keep the difference when it did not go negative, or when a bit was shifted out on top.
    select(ct::mask_from_bit(top) | ~ct::mask_from_bit(borrow), acc, diff);
  }
  std::copy(acc.begin(), acc.end(), r.begin());
}

Limb mod_limb_ct(std::span<const Limb> a, Limb m) {
  Limb acc = 0;  // acc < m < 2^63, so 2·acc + 1 never overflows
  for (std::size_t bit = a.size() * 64; bit-- > 0;) {
    acc = (acc << 1) | ((a[bit / 64] >> (bit % 64)) & 1);
    acc = ct::select(ct::greater_or_equal(acc, m), acc - m, acc);
  }
  return acc;
}

namespace {

bool is_even(std::span<const Limb> a) { return (a[0] & 1) == 0; }
void shift_right_1(std::span<Limb> a) {
  for (std::size_t i = 0; i + 1 < a.size(); ++i) a[i] = (a[i] >> 1) | (a[i + 1] << 63);
  a[a.size() - 1] >>= 1;
}
bool is_one(std::span<const Limb> a) {
  if (a[0] != 1) return false;
  for (std::size_t i = 1; i < a.size(); ++i)
    if (a[i] != 0) return false;
  return true;
}
bool is_zero_vartime(std::span<const Limb> a) {
  return std::all_of(a.begin(), a.end(), [](Limb x) { return x == 0; });
}
bool less_vartime(std::span<const Limb> a, std::span<const Limb> b) {
  for (std::size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i];
  return false;
}


}  // namespace

namespace {

__extension__ typedef __int128 i128;

// Bits [pos, pos + 64) of a (zero beyond its end).
Limb bits_at(std::span<const Limb> a, std::size_t pos) {
  const std::size_t w = pos / 64, s = pos % 64;
  Limb v = w < a.size() ? a[w] >> s : 0;
  if (s != 0 && w + 1 < a.size()) v |= a[w + 1] << (64 - s);
  return v;
}

// t = x·f + y·g as a magnitude over x.size() + 1 limbs; returns true if the value is negative.
bool lincomb(Limbs& t, std::span<const Limb> x, std::span<const Limb> y, std::int64_t f,
             std::int64_t g) {
  const std::size_t L = x.size();
  t.assign(L + 1, 0);
  i128 carry = 0;
  for (std::size_t i = 0; i < L; ++i) {
    const i128 s = static_cast<i128>(x[i]) * f + static_cast<i128>(y[i]) * g + carry;
    t[i] = static_cast<Limb>(s);
    carry = s >> 64;  // arithmetic shift (GCC and Clang)
  }
  t[L] = static_cast<Limb>(carry);
  if (carry >= 0) return false;
  Limb c = 1;  // two's complement negation
  for (Limb& w : t) {
    const u128 n = u128{static_cast<Limb>(~w)} + c;
    w = static_cast<Limb>(n);
    c = static_cast<Limb>(n >> 64);
  }
  return true;
}

}  // namespace

bool inverse_odd_vartime(std::span<Limb> r, std::span<const Limb> y, std::span<const Limb> m) {
  // Binary GCD with 31 iterations batched on 64-bit approximations (T. Pornin, "Optimized Binary
  // GCD for Modular Inversion", IACR ePrint 2020/972, Algorithm 2 with k = 32). Invariants:
  // a ≡ y·u and b ≡ y·v (mod m); the classic step "a odd: if a < b swap; a ← (a − b)/2; a even:
  // a ← a/2" runs on ã, b̃ (the low 31 and top 33 bits of a, b), recording the update as
  // factors f0, g0, f1, g1 (scaled by 2^31), which are then applied to the full numbers. Ends
  // with a = 0 and b = gcd(y, m). Variable time: only for public or uniformly random inputs.
  const std::size_t L = m.size();
  Limbs a(L, 0), b(m.begin(), m.end()), u(L, 0), v(L, 0), t, t2, nu(L, 0), nv(L, 0);
  std::copy(y.begin(), y.end(), a.begin());
  u[0] = 1;
  Limb minv = m[0];
  for (int i = 0; i < 6; ++i) minv *= 2 - m[0] * minv;  // m^-1 mod 2^64
  constexpr Limb kMask31 = (Limb{1} << 31) - 1;

  // out = (x·f + y·g) / 2^31 mod m, for x, y < m.
  auto mod_update = [&](Limbs& out, const Limbs& x, const Limbs& yy, std::int64_t f,
                        std::int64_t g) {
    const bool neg = lincomb(t, x, yy, f, g);
    // Add k·m, k = −t·m^-1 mod 2^31, so the sum is divisible by 2^31 (|t| < 2^32·m).
    const Limb k = (0 - t[0] * minv) & kMask31;
    t2.assign(L + 1, 0);
    mul_limb(t2, m, k);
    add(t, t, t2);
    // (|t| + k·m)/2^31 < (2^31·m + 2^31·m)/2^31 = 2m, since |f| + |g| <= 2^31: one subtraction.
    Limbs q(L + 1, 0), m_ext(m.begin(), m.end());
    m_ext.push_back(0);
    for (std::size_t i = 0; i < L; ++i) q[i] = (t[i] >> 31) | (t[i + 1] << 33);
    q[L] = t[L] >> 31;
    if (!less_vartime(q, m_ext)) sub(q, q, m_ext);
    std::copy(q.begin(), q.begin() + static_cast<std::ptrdiff_t>(L), out.begin());
    if (neg && !is_zero_vartime(out)) sub(out, m, out);
  };

  const std::size_t max_iters = (2 * 64 * L) / 31 + 8;
  for (std::size_t iter = 0; iter < max_iters && !is_zero_vartime(a); ++iter) {
    const std::size_t n = std::max({bit_length_vartime(a), bit_length_vartime(b), std::size_t{64}});
    Limb aa, bb;
    if (n <= 64) {
      aa = a[0];
      bb = b[0];
    } else {
      aa = (a[0] & kMask31) | (bits_at(a, n - 33) << 31);
      bb = (b[0] & kMask31) | (bits_at(b, n - 33) << 31);
    }
    std::int64_t f0 = 1, g0 = 0, f1 = 0, g1 = 1;
    for (int i = 0; i < 31; ++i) {
      if ((aa & 1) == 0) {
        aa >>= 1;
      } else {
        if (aa < bb) {
          std::swap(aa, bb);
          std::swap(f0, f1);
          std::swap(g0, g1);
        }
        aa = (aa - bb) >> 1;
        f0 -= f1;
        g0 -= g1;
      }
      f1 *= 2;
      g1 *= 2;
    }
    // a ← (a·f0 + b·g0)/2^31, b ← (a·f1 + b·g1)/2^31 (exact), signs folded into the factors.
    Limbs na(L, 0), nb(L, 0);
    if (lincomb(t, a, b, f0, g0)) { f0 = -f0; g0 = -g0; }
    for (std::size_t i = 0; i < L; ++i) na[i] = (t[i] >> 31) | (t[i + 1] << 33);
    if (lincomb(t, a, b, f1, g1)) { f1 = -f1; g1 = -g1; }
    for (std::size_t i = 0; i < L; ++i) nb[i] = (t[i] >> 31) | (t[i + 1] << 33);
    mod_update(nu, u, v, f0, g0);
    mod_update(nv, u, v, f1, g1);
    a.swap(na);
    b.swap(nb);
    u.swap(nu);
    v.swap(nv);
  }
  if (!is_zero_vartime(a) || !is_one(b)) return false;
  std::copy(v.begin(), v.end(), r.begin());
  return true;
}

void gcd_vartime(std::span<Limb> r, std::span<const Limb> a, std::span<const Limb> b) {
  const std::size_t L = std::max(a.size(), b.size());
  Limbs u(L, 0), v(L, 0);
  std::copy(a.begin(), a.end(), u.begin());
  std::copy(b.begin(), b.end(), v.begin());
  std::fill(r.begin(), r.end(), 0);
  if (is_zero_vartime(u)) { std::copy(v.begin(), v.end(), r.begin()); return; }
  if (is_zero_vartime(v)) { std::copy(u.begin(), u.end(), r.begin()); return; }
  std::size_t shift = 0;
  while (is_even(u) && is_even(v)) { shift_right_1(u); shift_right_1(v); ++shift; }
  while (is_even(u)) shift_right_1(u);
  while (!is_zero_vartime(v)) {
    while (is_even(v)) shift_right_1(v);
    if (less_vartime(v, u)) std::swap(u, v);
    sub(v, v, u);
  }
  // r = u · 2^shift
  for (std::size_t s = 0; s < shift; ++s) add(u, u, u);
  std::copy(u.begin(), u.end(), r.begin());
}

}  // namespace glasstls::crypto::bn
