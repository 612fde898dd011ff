// Montgomery multiplication and constant-time modular exponentiation (see montgomery.hpp).
#include "crypto/montgomery.hpp"

#include "crypto/montgomery_ifma.hpp"

#include <algorithm>
#include <array>

namespace glasstls::crypto::bn {

namespace {

// A three-limb accumulator (a2:a1:a0) for product scanning: mac adds x·y. On x86-64 it is four
// instructions (MUL, ADD, ADC, ADC), which is where the time goes; elsewhere plain C++.
struct Acc {
  Limb a0 = 0, a1 = 0, a2 = 0;

  [[gnu::always_inline]] inline void mac(Limb x, Limb y) {
#if defined(__x86_64__)
    Limb hi;
    __asm__("mulq %[y]\n\t"
            "addq %%rax, %[a0]\n\t"
            "adcq %%rdx, %[a1]\n\t"
            "adcq $0, %[a2]"
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), "+a"(x), "=d"(hi)
            : [y] "rm"(y)
            : "cc");
#else
    const u128 p = u128{x} * y;
    const u128 lo = (u128{a1} << 64 | a0) + p;
    a2 += static_cast<Limb>(lo < p);
    a0 = static_cast<Limb>(lo);
    a1 = static_cast<Limb>(lo >> 64);
#endif
  }
  // Shift one limb out (the finished column).
  Limb shift() {
    const Limb out = a0;
    a0 = a1;
    a1 = a2;
    a2 = 0;
    return out;
  }
};

// Montgomery multiplication by product scanning with the reduction finely integrated (Koç, Acar,
// Kaliski, "Analyzing and Comparing Montgomery Multiplication Algorithms", IEEE Micro 1996, §5
// "FIPS"). Column k of the result gathers every a[i]·b[k−i] and q[j]·m[k−j]; in the low columns
// q[k] = column·(−m^-1) mod 2^64 is chosen so the column's low limb becomes zero, which is the
// exact division by R = 2^(64L) done one limb at a time. The high columns are the result t, and
// t < 2m because a·b < m·R. When `square` is set, a[i]·a[j] for i != j is added once and
// doubled (half the products). The limb count is a template parameter for the common sizes so
// the compiler can unroll; kL == 0 means "use n". Loop bounds depend only on L (public).
template <std::size_t kL, bool kSquare>
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("unroll-loops")))
#endif
void mont_mul_fips(Limb* out, const Limb* a, const Limb* b, const Limb* m, Limb m0inv,
                   std::size_t n) {
  constexpr std::size_t kCap = kL != 0 ? kL : kMaxLimbs;
  const std::size_t L = kL != 0 ? kL : n;
  Limb q[kCap];
  Limb t[kCap + 1];
  Acc acc;
  for (std::size_t k = 0; k < 2 * L; ++k) {
    const std::size_t lo = k < L ? 0 : k - L + 1;  // smallest i with k − i < L
    if constexpr (kSquare) {
      Acc cross;
      for (std::size_t i = lo; i < k - i; ++i) cross.mac(a[i], a[k - i]);
      // acc += 2·cross (+ the diagonal a[k/2]² when k is even)
      const Limb c2 = (cross.a2 << 1) | (cross.a1 >> 63);
      const Limb c1 = (cross.a1 << 1) | (cross.a0 >> 63);
      const Limb c0 = cross.a0 << 1;
      const u128 s0 = u128{acc.a0} + c0;
      const u128 s1 = u128{acc.a1} + c1 + static_cast<Limb>(s0 >> 64);
      acc.a0 = static_cast<Limb>(s0);
      acc.a1 = static_cast<Limb>(s1);
      acc.a2 += c2 + static_cast<Limb>(s1 >> 64);
      if (k % 2 == 0 && k / 2 < L) acc.mac(a[k / 2], a[k / 2]);
    } else {
      for (std::size_t i = lo; i < L && i <= k; ++i) acc.mac(a[i], b[k - i]);
    }
    const std::size_t q_hi = k < L ? k : L;  // q[j] known for j < q_hi
    for (std::size_t j = lo; j < q_hi; ++j) acc.mac(q[j], m[k - j]);
    if (k < L) {
      q[k] = acc.a0 * m0inv;
      acc.mac(q[k], m[0]);  // the low limb is now zero
      acc.shift();
    } else {
      t[k - L] = acc.shift();
    }
  }
  t[L] = acc.a0;
  // Subtract m and keep the difference unless it borrowed with no extra top limb (mask select).
  Limb d[kCap];
  Limb borrow = 0;
  for (std::size_t j = 0; j < L; ++j) {
    const u128 x = u128{t[j]} - m[j] - borrow;
    d[j] = static_cast<Limb>(x);
    borrow = static_cast<Limb>(x >> 64) & 1;
  }
  const Limb keep_diff = ct::is_nonzero(t[L]) | ~ct::mask_from_bit(borrow);
  for (std::size_t j = 0; j < L; ++j) out[j] = ct::select(keep_diff, d[j], t[j]);
  ct::secure_wipe(t, sizeof(Limb) * (L + 1));
  ct::secure_wipe(d, sizeof(Limb) * L);
  ct::secure_wipe(q, sizeof(Limb) * L);
}

template <std::size_t kL>
void mont_mul_dispatch(Limb* out, const Limb* a, const Limb* b, const Limb* m, Limb m0inv,
                   std::size_t n) {
  if (a == b)  // squaring: a public fact about the call site, not about the values
    mont_mul_fips<kL, true>(out, a, b, m, m0inv, n);
  else
    mont_mul_fips<kL, false>(out, a, b, m, m0inv, n);
}

using MulFn = void (*)(Limb*, const Limb*, const Limb*, const Limb*, Limb, std::size_t);

MulFn pick_mul(std::size_t L) {
  switch (L) {
    case 8: return &mont_mul_dispatch<8>;    // 512-bit primes (RSA-1024)
    case 16: return &mont_mul_dispatch<16>;  // RSA-2048 CRT halves
    case 24: return &mont_mul_dispatch<24>;  // RSA-3072 CRT halves
    case 32: return &mont_mul_dispatch<32>;  // RSA-4096 halves, RSA-2048 public
    case 48: return &mont_mul_dispatch<48>;
    case 64: return &mont_mul_dispatch<64>;
    default: return &mont_mul_dispatch<0>;
  }
}

}  // namespace

Montgomery::Montgomery(std::span<const Limb> m)
    : m_(m.begin(), m.end()), mul_fn_(pick_mul(m.size())), use_ifma_(ifma_exp_supports(m.size())) {
  const std::size_t L = m_.size();
  // m0inv = -m^-1 mod 2^64 by Newton's iteration x ← x·(2 − m0·x), which doubles the number of
  // correct low bits each step (m0 is its own inverse mod 8: 3 bits to start, 6 steps ≥ 64).
  Limb inv = m_[0];
  for (int i = 0; i < 6; ++i) inv *= 2 - m_[0] * inv;
  m0inv_ = 0 - inv;
  // R² mod m, in constant time (m may be secret: the CRT primes) and cheaply. Doubling 1 modulo
  // m 128·L times (shift, masked subtraction) is the obvious way, but for a 2048-bit modulus it
  // cost about 300 µs, ten times an RSA verification. Instead:
  //  1. Start from 2^(64(L−1)), which is below m since m's top limb is nonzero, and double it
  //     modulo m 65 times: x = 2^(64L+1) mod m = 2R mod m, the Montgomery form of 2.
  //  2. Raise x to the power 64L with Montgomery products, which keep the form:
  //     2^(64L)·R mod m = R·R mod m = R². The exponent is public, so the square-and-multiply
  //     may branch on its bits.
  Limbs x(L, 0);
  x[L - 1] = 1;
  Limbs diff(L, 0);
  for (std::size_t k = 0; k < 65; ++k) {
    const Limb top = x[L - 1] >> 63;
    for (std::size_t i = L; i-- > 1;) x[i] = (x[i] << 1) | (x[i - 1] >> 63);
    x[0] <<= 1;
    const Limb borrow = sub(diff, x, m_);
    select(ct::mask_from_bit(top) | ~ct::mask_from_bit(borrow), x, diff);
  }
  const std::size_t e = 64 * L;
  std::size_t bit = 63 - static_cast<std::size_t>(__builtin_clzll(e));  // e's top bit is set
  rr_ = x;
  Limbs t(L, 0);
  while (bit-- > 0) {
    mul(t, rr_, rr_);
    if ((e >> bit) & 1) {
      mul(rr_, t, x);
    } else {
      rr_.swap(t);
    }
  }
  ct::secure_wipe(x.data(), sizeof(Limb) * L);
  ct::secure_wipe(t.data(), sizeof(Limb) * L);
  Limbs unit(L, 0);
  unit[0] = 1;
  one_.assign(L, 0);
  to_mont(one_, unit);
}

void Montgomery::mul(std::span<Limb> out, std::span<const Limb> a, std::span<const Limb> b) const {
  mul_fn_(out.data(), a.data(), b.data(), m_.data(), m0inv_, m_.size());
}

void Montgomery::from_mont(std::span<Limb> out, std::span<const Limb> a) const {
  Limbs unit(m_.size(), 0);
  unit[0] = 1;
  mul(out, a, unit);
}

void Montgomery::add_mod(std::span<Limb> out, std::span<const Limb> a,
                         std::span<const Limb> b) const {
  const std::size_t L = m_.size();
  Limbs s(L, 0), d(L, 0);
  const Limb carry = add(s, a, b);
  const Limb borrow = sub(d, s, m_);
  select(ct::mask_from_bit(carry) | ~ct::mask_from_bit(borrow), s, d);
  std::copy(s.begin(), s.end(), out.begin());
}

void Montgomery::sub_mod(std::span<Limb> out, std::span<const Limb> a,
                         std::span<const Limb> b) const {
  const std::size_t L = m_.size();
  Limbs d(L, 0), masked(L, 0);
  const Limb borrow_mask = ct::mask_from_bit(sub(d, a, b));
  for (std::size_t i = 0; i < L; ++i) masked[i] = m_[i] & borrow_mask;
  add(d, d, masked);
  std::copy(d.begin(), d.end(), out.begin());
}

void Montgomery::reduce(std::span<Limb> out, std::span<const Limb> x) const {
  // Write x = Σ c_k·R^k with L-limb blocks c_k. Horner from the top: v ← v·R + c_k. In
  // Montgomery form (V = v·R): V ← mul(V, R²) + mul(c_k, R²), since mul(V, R²) = v·R² = (v·R)·R
  // and mul(c_k, R²) = c_k·R, and both products are below m·R (c_k < R, R² mod m < m).
  const std::size_t L = m_.size();
  const std::size_t blocks = (x.size() + L - 1) / L;
  Limbs v(L, 0), c(L, 0), t(L, 0);
  for (std::size_t k = blocks; k-- > 0;) {
    for (std::size_t i = 0; i < L; ++i) c[i] = k * L + i < x.size() ? x[k * L + i] : 0;
    mul(v, v, rr_);
    mul(t, c, rr_);
    add_mod(v, v, t);
  }
  from_mont(out, v);
}

void Montgomery::exp_ct(std::span<Limb> out, std::span<const Limb> base, std::span<const Limb> exp,
                        std::size_t exp_bits) const {
  if (use_ifma_ && ifma_exp_available()) {
    exp_ct_ifma(out, base, exp, exp_bits, m_, rr_);
    return;
  }
  constexpr std::size_t kWindow = 5;
  constexpr std::size_t kTable = std::size_t{1} << kWindow;
  const std::size_t L = m_.size();
  // table[k] = base^k in Montgomery form, k = 0..31.
  Limbs table(kTable * L, 0), acc(L, 0), pick(L, 0), b(L, 0);
  std::copy(base.begin(), base.end(), b.begin());
  std::copy(one_.begin(), one_.end(), table.begin());
  to_mont(std::span(table).subspan(L, L), b);
  for (std::size_t k = 2; k < kTable; ++k)
    mul(std::span(table).subspan(k * L, L), std::span(table).subspan((k - 1) * L, L),
        std::span(table).subspan(L, L));

  auto exp_bit = [&](std::size_t i) -> Limb {  // i is a public position
    return i / 64 < exp.size() ? (exp[i / 64] >> (i % 64)) & 1 : 0;
  };
  const std::size_t windows = (exp_bits + kWindow - 1) / kWindow;
  std::copy(one_.begin(), one_.end(), acc.begin());
  for (std::size_t w = windows; w-- > 0;) {
    for (std::size_t s = 0; s < kWindow; ++s) mul(acc, acc, acc);
    Limb index = 0;
    for (std::size_t s = kWindow; s-- > 0;) index = (index << 1) | exp_bit(w * kWindow + s);
    // Read every table entry and keep the one whose position equals the secret index: the
    // memory addresses touched do not depend on it.
    std::fill(pick.begin(), pick.end(), 0);
    for (std::size_t k = 0; k < kTable; ++k) {
      const Limb hit = ct::equal(k, index);
      for (std::size_t i = 0; i < L; ++i) pick[i] |= table[k * L + i] & hit;
    }
    mul(acc, acc, pick);
  }
  from_mont(out, acc);
}

bool Montgomery::uses_ifma() const noexcept { return use_ifma_ && ifma_exp_available(); }

void Montgomery::exp_ct_pair(std::span<Limb> out1, std::span<const Limb> base1,
                             std::span<const Limb> exp1, std::size_t exp_bits1,
                             const Montgomery& other, std::span<Limb> out2,
                             std::span<const Limb> base2, std::span<const Limb> exp2,
                             std::size_t exp_bits2) const {
  if (uses_ifma() && other.uses_ifma() && limbs() == other.limbs()) {
    exp_ct_ifma_x2(out1, base1, exp1, exp_bits1, m_, rr_, out2, base2, exp2, exp_bits2, other.m_,
                   other.rr_);
    return;
  }
  exp_ct(out1, base1, exp1, exp_bits1);
  other.exp_ct(out2, base2, exp2, exp_bits2);
}

void Montgomery::exp_public_vartime(std::span<Limb> out, std::span<const Limb> base,
                                    std::span<const Limb> exp) const {
  const std::size_t L = m_.size();
  Limbs b(L, 0), acc(L, 0);
  std::copy(base.begin(), base.end(), b.begin());
  to_mont(b, b);
  std::copy(one_.begin(), one_.end(), acc.begin());
  const std::size_t bits = bit_length_vartime(exp);
  for (std::size_t i = bits; i-- > 0;) {
    mul(acc, acc, acc);
    if ((exp[i / 64] >> (i % 64)) & 1) mul(acc, acc, b);
  }
  from_mont(out, acc);
}

}  // namespace glasstls::crypto::bn
