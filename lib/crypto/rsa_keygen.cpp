// RSA key generation (FIPS 186-5 Appendix A.1.3 in outline: random probable primes with their
// two top bits set, trial division, Miller–Rabin) and key recovery from (n, e, d)
// (NIST SP 800-56B Rev. 2, Appendix C.2).
//
// Timing: candidates that are rejected are thrown away, so the early exits of trial division and
// Miller–Rabin reveal nothing about the primes kept, except for the kept prime's last round,
// which always runs to the end. The arithmetic on candidates is the constant-time Montgomery code.
#include <array>

#include "crypto/rsa_internal.hpp"

namespace glasstls::crypto {

using bn::Limb;
using bn::Limbs;

namespace {

constexpr Limb kE = 65537;

// The odd primes below 1000, for trial division (computed by the sieve of Eratosthenes at
// compile time so no table has to be typed).
constexpr auto kSmallPrimes = [] {
  constexpr std::size_t kLimit = 1000;
  std::array<bool, kLimit> composite{};
  std::array<std::uint16_t, 167> primes{};  // there are 168 primes below 1000; 2 is skipped
  std::size_t count = 0;
  for (std::size_t i = 2; i < kLimit; ++i) {
    if (composite[i]) continue;
    if (i != 2) primes[count++] = static_cast<std::uint16_t>(i);
    for (std::size_t j = i * i; j < kLimit; j += i) composite[j] = true;
  }
  return primes;
}();

// Miller–Rabin rounds for a prime of `bits` bits. FIPS 186-5 Table B.1 (as given in our brief:
// the standard's text is not on the reference shelf) — 5 rounds for 1024-bit primes, 4 for 1536
// and 2048-bit primes, for error probability at most 2^-100 for the key.
int miller_rabin_rounds(std::size_t bits) { return bits <= 1024 ? 5 : 4; }

bool is_one_vartime(const Limbs& a) {
  if (a[0] != 1) return false;
  for (std::size_t i = 1; i < a.size(); ++i)
    if (a[i] != 0) return false;
  return true;
}

// Miller–Rabin (FIPS 186-5 §B.3.1) with random bases.
bool miller_rabin(const Limbs& w, std::size_t bits, RandomSource& rng, int rounds) {
  const std::size_t L = w.size();
  const bn::Montgomery mont(w);
  Limbs wm1(w), m(L, 0), b(L, 0), z(L, 0);
  wm1[0] ^= 1;  // w − 1 (w odd)
  // w − 1 = 2^a · m with m odd.
  std::size_t a = 0;
  while (((wm1[a / 64] >> (a % 64)) & 1) == 0) ++a;
  for (std::size_t i = 0; i < L; ++i) {
    const std::size_t src = i + a / 64;
    Limb lo = src < L ? wm1[src] : 0, hi = src + 1 < L ? wm1[src + 1] : 0;
    m[i] = a % 64 == 0 ? lo : (lo >> (a % 64)) | (hi << (64 - a % 64));
  }
  Bytes buf(bits / 8);
  for (int round = 0; round < rounds; ++round) {
    // b in [2, w − 2]: draw a bits-bit number until it lands in range.
    for (;;) {
      rng.fill(buf);
      buf[0] &= 0x7f;
      (void)bn::from_bytes(b, buf, L);
      if (bn::bit_length_vartime(b) > 1 && ct::declassify_value(bn::less_than_mask(b, wm1)) != 0)
        break;
    }
    mont.exp_ct(z, b, m, bits);
    if (is_one_vartime(z) || bn::equal_mask(z, wm1) != 0) continue;
    bool witness_found = true;
    for (std::size_t j = 1; j < a; ++j) {
      mont.mul(z, z, z);
      mont.mul(z, z, mont.rr());  // z² (mul gives z²·R^-1; ·R² ·R^-1 restores)
      if (bn::equal_mask(z, wm1) != 0) { witness_found = false; break; }
      if (is_one_vartime(z)) break;
    }
    if (witness_found) return false;
  }
  return true;
}

// A probable prime p of exactly `bits` bits with its two top bits set (so p·q has 2·bits bits)
// and gcd(e, p − 1) = 1.
Limbs generate_prime(std::size_t bits, RandomSource& rng) {
  const std::size_t L = bn::limbs_for_bits(bits);
  Bytes buf(bits / 8);
  Limbs p;
  for (;;) {
    rng.fill(buf);
    buf[0] |= 0xc0;
    buf.back() |= 1;
    (void)bn::from_bytes(p, buf, L);
    bool divisible = false;
    for (std::uint16_t sp : kSmallPrimes)
      if (bn::mod_limb_ct(p, sp) == 0) { divisible = true; break; }
    if (divisible) continue;
    if (bn::mod_limb_ct(p, kE) == 1) continue;  // e | p − 1
    if (miller_rabin(p, bits, rng, miller_rabin_rounds(bits))) break;
  }
  ct::secure_wipe(buf.data(), buf.size());
  return p;
}

// x mod m for small m by CT shift-subtract, and modular powers of small numbers.
Limb small_pow_mod(Limb base, Limb exp, Limb m) {
  Limb result = 1;
  for (int i = 63; i >= 0; --i) {
    const std::array<Limb, 1> sq = {result * result};  // m < 2^17: products fit
    result = bn::mod_limb_ct(sq, m);
    if ((exp >> i) & 1) {  // the exponent m − 2 is public
      const std::array<Limb, 1> pr = {result * base};
      result = bn::mod_limb_ct(pr, m);
    }
  }
  return result;
}

// out = x / e for e odd and x divisible by e, without division instructions: each quotient limb
// is (x_i − borrow)·e^-1 mod 2^64 (exact division, as in GMP's divexact_1).
void divide_exact(std::span<Limb> out, std::span<const Limb> x, Limb e) {
  Limb inv = e;
  for (int i = 0; i < 6; ++i) inv *= 2 - e * inv;  // e^-1 mod 2^64 (Newton)
  Limb borrow = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const Limb t = x[i] - borrow;
    const Limb b1 = static_cast<Limb>(x[i] < borrow);  // limb compare: a flag, not a branch
    const Limb q = t * inv;
    out[i] = q;
    borrow = static_cast<Limb>((bn::u128{q} * e) >> 64) + b1;
  }
}

RsaPrivateKeyParts make_parts(const Limbs& n, Limb e, const Limbs& d, const Limbs& p,
                              const Limbs& q) {
  const std::size_t Lp = p.size(), Lq = q.size();
  Limbs pm1(p), qm1(q), dp(Lp, 0), dq(Lq, 0), qinv(Lp, 0), pm2(p);
  pm1[0] ^= 1;
  qm1[0] ^= 1;
  bn::mod_ct(dp, d, pm1);
  bn::mod_ct(dq, d, qm1);
  // qInv = q^(p−2) mod p (Fermat; p is prime).
  const std::array<Limb, 1> two = {2};
  bn::sub(pm2, p, two);
  const bn::Montgomery mont_p(p);
  Limbs q_mod_p(Lp, 0);
  mont_p.reduce(q_mod_p, q);
  mont_p.exp_ct(qinv, q_mod_p, pm2, 64 * Lp);
  RsaPrivateKeyParts parts;
  parts.n = bn::to_bytes_trimmed_vartime(n);
  const std::array<Limb, 1> el = {e};
  parts.e = bn::to_bytes_trimmed_vartime(el);
  parts.d = bn::to_bytes_trimmed_vartime(d);
  parts.p = bn::to_bytes_trimmed_vartime(p);
  parts.q = bn::to_bytes_trimmed_vartime(q);
  parts.dp = bn::to_bytes_trimmed_vartime(dp);
  parts.dq = bn::to_bytes_trimmed_vartime(dq);
  parts.qinv = bn::to_bytes_trimmed_vartime(qinv);
  return parts;
}

Limbs trimmed(const Limbs& a) {
  Limbs out(a);
  out.resize(std::max<std::size_t>(1, bn::limbs_for_bits(bn::bit_length_vartime(a))));
  return out;
}

}  // namespace

Result<RsaPrivateKey, RsaError> RsaPrivateKey::generate(std::size_t bits, RandomSource& rng) {
  if (bits != 2048 && bits != 3072 && bits != 4096) return Err(RsaError::key_generation_failed);
  const std::size_t half = bits / 2, Lh = half / 64;
  for (int attempt = 0; attempt < 16; ++attempt) {
    Limbs p = generate_prime(half, rng), q = generate_prime(half, rng);
    // FIPS 186-5 §A.1.3 step 5.4 / 6.4: |p − q| > 2^(nlen/2 − 100).
    Limbs diff(Lh, 0);
    if (bn::sub(diff, p, q) != 0) bn::sub(diff, q, p);
    if (bn::bit_length_vartime(diff) <= half - 100) continue;
    if (bn::less_than_mask(p, q) != 0) std::swap(p, q);  // p > q, the usual CRT convention
    Limbs n(2 * Lh, 0), pm1(p), qm1(q), phi(2 * Lh, 0);
    bn::mul(n, p, q);
    pm1[0] ^= 1;
    qm1[0] ^= 1;
    bn::mul(phi, pm1, qm1);
    // d = e^-1 mod φ(n) as (1 + k·φ)/e with k = −φ^-1 mod e (e = 65537 is prime, and
    // gcd(e, p−1) = gcd(e, q−1) = 1 so φ mod e != 0). d mod φ rather than mod λ: both are valid
    // private exponents (RFC 8017 §3.2); FIPS 186-5 prefers the smaller d mod λ.
    const Limb t = bn::mod_limb_ct(phi, kE);
    const Limb k = kE - small_pow_mod(t, kE - 2, kE);
    Limbs x(2 * Lh + 1, 0), one(1, 1), d(2 * Lh + 1, 0);
    bn::mul_limb(x, phi, k);
    bn::add(x, x, one);
    divide_exact(d, x, kE);
    d.resize(2 * Lh);
    auto key = from_parts(make_parts(n, kE, d, p, q));
    if (key.ok()) return key;
  }
  return Err(RsaError::key_generation_failed);
}

Result<RsaPrivateKey, RsaError> RsaPrivateKey::from_n_e_d(ByteView n_bytes, ByteView e_bytes,
                                                          ByteView d_bytes) {
  auto pub = RsaPublicKey::from_parts({to_bytes(n_bytes), to_bytes(e_bytes)});
  if (!pub.ok()) return Err(pub.error());
  const auto& ps = pub->state();
  const std::size_t L = ps.n.size();
  Limbs d;
  if (!bn::from_bytes(d, d_bytes, L)) return Err(RsaError::malformed_key);
  // SP 800-56B Rev. 2 §C.2: k = d·e − 1 = 2^t·r with r odd; for random g, the sequence
  // g^r, g^2r, ... reaches 1; the element just before it, if not ±1, splits n via gcd.
  Limbs k(L + 1, 0), one(1, 1), nm1(ps.n);
  bn::mul_limb(k, d, ps.e[0]);
  bn::sub(k, k, one);
  nm1[0] ^= 1;
  if (bn::bit_length_vartime(k) == 0 || (k[0] & 1) != 0) return Err(RsaError::malformed_key);
  std::size_t t = 0;
  while (((k[t / 64] >> (t % 64)) & 1) == 0) ++t;
  Limbs r(L + 1, 0);
  for (std::size_t i = 0; i < L + 1; ++i) {
    const std::size_t src = i + t / 64;
    const Limb lo = src < L + 1 ? k[src] : 0, hi = src + 1 < L + 1 ? k[src + 1] : 0;
    r[i] = t % 64 == 0 ? lo : (lo >> (t % 64)) | (hi << (64 - t % 64));
  }
  Limbs y(L, 0), x(L, 0), g(L, 0), ym(L, 0), yp(L, 0), p(L, 0), q(L, 0);
  for (Limb base = 2; base < 200; ++base) {  // small fixed bases: the search is public
    g.assign(L, 0);
    g[0] = base;
    ps.mont_n.exp_ct(y, g, r, 64 * (L + 1));
    if (is_one_vartime(y) || bn::equal_mask(y, nm1) != 0) continue;
    for (std::size_t j = 0; j < t; ++j) {
      ps.mont_n.mul(x, y, y);
      ps.mont_n.mul(x, x, ps.mont_n.rr());
      if (is_one_vartime(x)) {
        bn::sub(ym, y, one);
        bn::add(yp, y, one);
        bn::gcd_vartime(p, ym, ps.n);
        bn::gcd_vartime(q, yp, ps.n);
        Limbs pt = trimmed(p), qt = trimmed(q);
        if (pt.size() < qt.size() ||
            (pt.size() == qt.size() && bn::less_than_mask(pt, qt) != 0))
          std::swap(pt, qt);
        return from_parts(make_parts(ps.n, ps.e[0], d, pt, qt));
      }
      if (bn::equal_mask(x, nm1) != 0) break;
      y = x;
    }
  }
  return Err(RsaError::malformed_key);
}

}  // namespace glasstls::crypto
