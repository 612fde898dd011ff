// Points on y² = x³ − 3x + b and scalar multiplication (internal header), for any CurveParams.
//
// COORDINATES. Homogeneous projective (X : Y : Z) with x = X/Z, y = Y/Z; the point at infinity is
// (0 : 1 : 0). All coordinates are field elements in Montgomery form.
//
// COMPLETE FORMULAS. add(), add_mixed() and dbl() are Algorithms 4, 5 and 6 of Renes, Costello
// and Batina, "Complete addition formulas for prime order elliptic curves" (EUROCRYPT 2016), the
// a = −3 versions. "Complete" means one formula is right for every input on a prime-order curve:
// P + Q, P + P, P + (−P), P + ∞, ∞ + ∞. No input needs a special case, so there is no branch to
// leak which case happened, and no exceptional input for an attacker to steer toward. (The mixed
// version takes Q in affine form, so Q cannot be ∞; P still can.) The step numbers in the comments
// are the paper's.
//
// SCALAR MULTIPLICATION.
//   mul_ct()        [k]P for a secret k: fixed 4-bit windows over a table of 0·P … 15·P, read by
//                   scanning all 16 entries with masks. 4 doublings and one addition per window.
//   mul_base_ct()   [k]G for a secret k: a precomputed table of d·16^j·G (d = 1..15, one row per
//                   4-bit window j), so [k]G = Σ_j table[j][k_j] with no doublings at all. Rows are
//                   scanned with masks; a zero digit adds nothing (selected away, not skipped).
//   mul_double_vartime()  [u1]G + [u2]Q for public u1, u2 (signature verification): the same base
//                   table read directly, and a width-5 NAF of u2 over 8 odd multiples of Q.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "glasstls/core/ct.hpp"
#include "ec_curves.hpp"

namespace glasstls::crypto::ec {

template <class C>
struct Group {
  using Curve = C;
  using F = typename C::F;
  using S = typename C::S;
  using Fe = typename F::Fe;
  static constexpr std::size_t N = C::kLimbs;
  static constexpr std::size_t kBytes = C::kBytes;
  /// 4-bit windows in a scalar: 64 for P-256, 96 for P-384.
  static constexpr std::size_t kWindows = 2 * kBytes;

  struct Point {
    Fe x, y, z;
  };
  struct Affine {
    Fe x, y;
  };

  static Point infinity() noexcept { return Point{Fe{}, C::FieldMod::one, Fe{}}; }
  static Point from_affine(const Affine& a) noexcept { return Point{a.x, a.y, C::FieldMod::one}; }
  static Affine generator() noexcept { return Affine{C::gx, C::gy}; }

  // ---- the complete formulas ------------------------------------------------------------------

  /// P + Q (RCB Algorithm 4, a = −3): 12M + 2m_b + 29a.
  static Point add(const Point& p, const Point& q) noexcept {
    Fe t0 = F::mul(p.x, q.x);                  // 1
    Fe t1 = F::mul(p.y, q.y);                  // 2
    Fe t2 = F::mul(p.z, q.z);                  // 3
    Fe t3 = F::add(p.x, p.y);                  // 4
    Fe t4 = F::add(q.x, q.y);                  // 5
    t3 = F::mul(t3, t4);                       // 6
    t4 = F::add(t0, t1);                       // 7
    t3 = F::sub(t3, t4);                       // 8
    t4 = F::add(p.y, p.z);                     // 9
    Fe x3 = F::add(q.y, q.z);                  // 10
    t4 = F::mul(t4, x3);                       // 11
    x3 = F::add(t1, t2);                       // 12
    t4 = F::sub(t4, x3);                       // 13
    x3 = F::add(p.x, p.z);                     // 14
    Fe y3 = F::add(q.x, q.z);                  // 15
    x3 = F::mul(x3, y3);                       // 16
    y3 = F::add(t0, t2);                       // 17
    y3 = F::sub(x3, y3);                       // 18
    Fe z3 = F::mul(C::b, t2);                  // 19
    x3 = F::sub(y3, z3);                       // 20
    z3 = F::add(x3, x3);                       // 21
    x3 = F::add(x3, z3);                       // 22
    z3 = F::sub(t1, x3);                       // 23
    x3 = F::add(t1, x3);                       // 24
    y3 = F::mul(C::b, y3);                     // 25
    t1 = F::add(t2, t2);                       // 26
    t2 = F::add(t1, t2);                       // 27
    y3 = F::sub(y3, t2);                       // 28
    y3 = F::sub(y3, t0);                       // 29
    t1 = F::add(y3, y3);                       // 30
    y3 = F::add(t1, y3);                       // 31
    t1 = F::add(t0, t0);                       // 32
    t0 = F::add(t1, t0);                       // 33
    t0 = F::sub(t0, t2);                       // 34
    t1 = F::mul(t4, y3);                       // 35
    t2 = F::mul(t0, y3);                       // 36
    y3 = F::mul(x3, z3);                       // 37
    y3 = F::add(y3, t2);                       // 38
    x3 = F::mul(t3, x3);                       // 39
    x3 = F::sub(x3, t1);                       // 40
    z3 = F::mul(t4, z3);                       // 41
    t1 = F::mul(t3, t0);                       // 42
    z3 = F::add(z3, t1);                       // 43
    return Point{x3, y3, z3};
  }

  /// P + Q with Q affine (RCB Algorithm 5, a = −3): 11M + 2m_b + 23a. Q must not be ∞.
  static Point add_mixed(const Point& p, const Affine& q) noexcept {
    Fe t0 = F::mul(p.x, q.x);                  // 1
    Fe t1 = F::mul(p.y, q.y);                  // 2
    Fe t3 = F::add(q.x, q.y);                  // 3
    Fe t4 = F::add(p.x, p.y);                  // 4
    t3 = F::mul(t3, t4);                       // 5
    t4 = F::add(t0, t1);                       // 6
    t3 = F::sub(t3, t4);                       // 7
    t4 = F::mul(q.y, p.z);                     // 8
    t4 = F::add(t4, p.y);                      // 9
    Fe y3 = F::mul(q.x, p.z);                  // 10
    y3 = F::add(y3, p.x);                      // 11
    Fe z3 = F::mul(C::b, p.z);                 // 12
    Fe x3 = F::sub(y3, z3);                    // 13
    z3 = F::add(x3, x3);                       // 14
    x3 = F::add(x3, z3);                       // 15
    z3 = F::sub(t1, x3);                       // 16
    x3 = F::add(t1, x3);                       // 17
    y3 = F::mul(C::b, y3);                     // 18
    t1 = F::add(p.z, p.z);                     // 19
    Fe t2 = F::add(t1, p.z);                   // 20
    y3 = F::sub(y3, t2);                       // 21
    y3 = F::sub(y3, t0);                       // 22
    t1 = F::add(y3, y3);                       // 23
    y3 = F::add(t1, y3);                       // 24
    t1 = F::add(t0, t0);                       // 25
    t0 = F::add(t1, t0);                       // 26
    t0 = F::sub(t0, t2);                       // 27
    t1 = F::mul(t4, y3);                       // 28
    t2 = F::mul(t0, y3);                       // 29
    y3 = F::mul(x3, z3);                       // 30
    y3 = F::add(y3, t2);                       // 31
    x3 = F::mul(t3, x3);                       // 32
    x3 = F::sub(x3, t1);                       // 33
    z3 = F::mul(t4, z3);                       // 34
    t1 = F::mul(t3, t0);                       // 35
    z3 = F::add(z3, t1);                       // 36
    return Point{x3, y3, z3};
  }

  /// 2P (RCB Algorithm 6, a = −3): 8M + 3S + 2m_b + 21a.
  static Point dbl(const Point& p) noexcept {
    Fe t0 = F::sqr(p.x);                       // 1
    Fe t1 = F::sqr(p.y);                       // 2
    Fe t2 = F::sqr(p.z);                       // 3
    Fe t3 = F::mul(p.x, p.y);                  // 4
    t3 = F::add(t3, t3);                       // 5
    Fe z3 = F::mul(p.x, p.z);                  // 6
    z3 = F::add(z3, z3);                       // 7
    Fe y3 = F::mul(C::b, t2);                  // 8
    y3 = F::sub(y3, z3);                       // 9
    Fe x3 = F::add(y3, y3);                    // 10
    y3 = F::add(x3, y3);                       // 11
    x3 = F::sub(t1, y3);                       // 12
    y3 = F::add(t1, y3);                       // 13
    y3 = F::mul(x3, y3);                       // 14
    x3 = F::mul(x3, t3);                       // 15
    t3 = F::add(t2, t2);                       // 16
    t2 = F::add(t2, t3);                       // 17
    z3 = F::mul(C::b, z3);                     // 18
    z3 = F::sub(z3, t2);                       // 19
    z3 = F::sub(z3, t0);                       // 20
    t3 = F::add(z3, z3);                       // 21
    z3 = F::add(z3, t3);                       // 22
    t3 = F::add(t0, t0);                       // 23
    t0 = F::add(t3, t0);                       // 24
    t0 = F::sub(t0, t2);                       // 25
    t0 = F::mul(t0, z3);                       // 26
    y3 = F::add(y3, t0);                       // 27
    t0 = F::mul(p.y, p.z);                     // 28
    t0 = F::add(t0, t0);                       // 29
    z3 = F::mul(t0, z3);                       // 30
    x3 = F::sub(x3, z3);                       // 31
    z3 = F::mul(t0, t1);                       // 32
    z3 = F::add(z3, z3);                       // 33
    z3 = F::add(z3, z3);                       // 34
    return Point{x3, y3, z3};
  }

  static Point neg(const Point& p) noexcept { return Point{p.x, F::neg(p.y), p.z}; }

  // ---- Jacobian doubling (for mul_ct's runs of doublings) ------------------------------------
  //
  // Jacobian coordinates (X : Y : Z) mean x = X/Z², y = Y/Z³. Their doubling (Bernstein–Lange's
  // "dbl-2001-b", a = −3) costs 3M + 5S against the complete formula's 8M + 3S + 2m_b, and it has
  // exceptions only at points of order 2 (none on these curves) and at ∞ (where it would lose the
  // point). mul_ct() arranges that its accumulator is never ∞ while it doubles (see there), and
  // converts to homogeneous coordinates around each complete addition.
  struct Jacobian {
    Fe x, y, z;
  };
  /// (X : Y : Z) homogeneous = (X·Z : Y·Z² : Z) Jacobian. 2M + 1S. Not for ∞.
  static Jacobian to_jacobian(const Point& p) noexcept {
    return Jacobian{F::mul(p.x, p.z), F::mul(p.y, F::sqr(p.z)), p.z};
  }
  /// (X : Y : Z) Jacobian = (X·Z : Y : Z³) homogeneous. 2M + 1S.
  static Point from_jacobian(const Jacobian& p) noexcept {
    return Point{F::mul(p.x, p.z), p.y, F::mul(F::sqr(p.z), p.z)};
  }
  /// 2P in Jacobian coordinates, P ≠ ∞ (dbl-2001-b).
  static Jacobian dbl_jacobian(const Jacobian& p) noexcept {
    const Fe delta = F::sqr(p.z);                                   // δ = Z²
    const Fe gamma = F::sqr(p.y);                                   // γ = Y²
    const Fe beta = F::mul(p.x, gamma);                             // β = X·γ
    Fe alpha = F::mul(F::sub(p.x, delta), F::add(p.x, delta));      // α = 3(X − δ)(X + δ)
    alpha = F::add(F::add(alpha, alpha), alpha);
    const Fe beta4 = F::add(F::add(beta, beta), F::add(beta, beta));
    const Fe x3 = F::sub(F::sqr(alpha), F::add(beta4, beta4));      // X3 = α² − 8β
    Fe z3 = F::sqr(F::add(p.y, p.z));                               // Z3 = (Y + Z)² − γ − δ
    z3 = F::sub(F::sub(z3, gamma), delta);
    Fe gamma2 = F::sqr(gamma);                                      // Y3 = α(4β − X3) − 8γ²
    gamma2 = F::add(gamma2, gamma2);
    gamma2 = F::add(gamma2, gamma2);
    gamma2 = F::add(gamma2, gamma2);
    const Fe y3 = F::sub(F::mul(alpha, F::sub(beta4, x3)), gamma2);
    return Jacobian{x3, y3, z3};
  }

  /// mask ? a : b.
  static Point select(std::uint64_t mask, const Point& a, const Point& b) noexcept {
    return Point{F::select(mask, a.x, b.x), F::select(mask, a.y, b.y), F::select(mask, a.z, b.z)};
  }

  // ---- conversions -----------------------------------------------------------------------------

  /// (X/Z, Y/Z) and a mask that is all ones when P is ∞ (then the coordinates are 0). Constant
  /// time.
  static Affine to_affine(const Point& p, std::uint64_t& is_infinity) noexcept {
    is_infinity = F::is_zero(p.z);
    const Fe zinv = F::invert(p.z);
    return Affine{F::mul(p.x, zinv), F::mul(p.y, zinv)};
  }

  /// All ones when y² = x³ − 3x + b (Montgomery-form coordinates).
  static std::uint64_t on_curve(const Affine& a) noexcept {
    const Fe y2 = F::sqr(a.y);
    const Fe x3 = F::mul(F::sqr(a.x), a.x);
    const Fe three_x = F::add(F::add(a.x, a.x), a.x);
    const Fe rhs = F::add(F::sub(x3, three_x), C::b);
    return F::equal(y2, rhs);
  }

  /// Big-endian X ‖ Y (2·kBytes bytes) of an affine point.
  static void encode_xy(std::uint8_t* out, const Affine& a) noexcept {
    F::to_bytes(out, F::from_montgomery(a.x));
    F::to_bytes(out + kBytes, F::from_montgomery(a.y));
  }

  /// Decodes big-endian X ‖ Y and checks x, y < p and the curve equation. Returns false (and
  /// leaves `out` unspecified) when either check fails; `coordinate_too_big` tells which.
  static bool decode_xy(const std::uint8_t* in, Affine& out, bool& coordinate_too_big) noexcept {
    const Fe x = F::from_bytes(in);
    const Fe y = F::from_bytes(in + kBytes);
    coordinate_too_big = (F::less_than_modulus(x) & F::less_than_modulus(y)) == 0;
    if (coordinate_too_big) return false;  // public data: branching is fine
    out = Affine{F::to_montgomery(x), F::to_montgomery(y)};
    return on_curve(out) != 0;
  }

  // ---- scalar digits ---------------------------------------------------------------------------

  /// 4-bit digit j (0 = least significant) of a big-endian scalar of kBytes bytes.
  static std::uint64_t digit(const std::uint8_t* k, std::size_t j) noexcept {
    const std::uint8_t byte = k[kBytes - 1 - j / 2];
    return (j & 1) ? static_cast<std::uint64_t>(byte >> 4) : static_cast<std::uint64_t>(byte & 15);
  }

  // ---- constant-time scalar multiplication -----------------------------------------------------

  /// Signed 5-bit windows covering k + 2n (< 3n < 2^(8·kBytes + 2)) with a zero bit on top.
  static constexpr std::size_t kSignedWindows = (8 * kBytes + 2) / 5 + 1;

  /// [k]P for a secret big-endian scalar k (any value below 2^(8·kBytes)), P ≠ ∞.
  ///
  /// Signed 5-bit windows (Booth recoding): k = Σ d_j·32^j with d_j in [−16, 16], so a table of
  /// 0·P … 16·P and a masked negation cover every digit: 5 doublings and one addition per window.
  ///
  /// The doublings run in Jacobian coordinates, which cannot represent ∞; the accumulator is kept
  /// away from it by multiplying by k' = k + 2n instead of k (the same point, since n·P = ∞).
  /// Before each run of doublings the accumulator holds [P_j]P, where P_j (the digits from the top
  /// down to window j) is k'/32^j rounded, so 1 <= P_j < 3n/32 + 1 < n: never ∞. Only the last
  /// addition, done with the complete formula, can produce ∞ (when k is a multiple of n).
  static Point mul_ct(const Point& p, const std::uint8_t* k) noexcept {
    Point table[17];
    table[0] = infinity();
    table[1] = p;
    for (std::size_t i = 2; i < 17; ++i)
      table[i] = (i % 2 == 0) ? dbl(table[i / 2]) : add(table[i - 1], p);

    // k' = k + 2n as N + 1 limbs.
    std::uint64_t kp[N + 1];
    {
      const Fe kl = F::from_bytes(k);
      std::uint64_t two_n[N + 1];
      std::uint8_t c = 0;
      for (std::size_t i = 0; i < N; ++i)
        two_n[i] = add_carry(C::ScalarMod::m[i], C::ScalarMod::m[i], c, c);
      two_n[N] = c;
      c = 0;
      for (std::size_t i = 0; i < N; ++i) kp[i] = add_carry(kl[i], two_n[i], c, c);
      kp[N] = two_n[N] + c;
    }
    // Bit i of k' (0 beyond the top), for public i.
    auto bit = [&](std::size_t i) -> std::uint64_t {
      return i / 64 <= N ? (kp[i / 64] >> (i % 64)) & 1 : 0;
    };
    // Digit j: v = bits 5j..5j+4 of k', plus the bit below (the rounding carry), minus 32 when
    // v's top bit is set. Returned as a magnitude in [0, 16] and a sign mask.
    auto signed_digit = [&](std::size_t j, std::uint64_t& negative) -> std::uint64_t {
      std::uint64_t w = j == 0 ? 0 : bit(5 * j - 1);  // the 6-bit window, low bit from below
      for (std::size_t b = 0; b < 5; ++b) w |= bit(5 * j + b) << (b + 1);
      const std::uint64_t top = w >> 5;
      const std::uint64_t up = (w + 1) >> 1;  // v + carry, in [0, 32]
      negative = ct::mask_from_bit(top);
      return ct::select(negative, 32 - up, up);
    };
    auto lookup = [&](std::size_t j) {
      std::uint64_t negative = 0;
      const std::uint64_t d = signed_digit(j, negative);
      Point t = table[0];
      for (std::size_t i = 1; i < 17; ++i) t = select(ct::equal(i, d), table[i], t);
      t.y = F::select(negative, F::neg(t.y), t.y);
      return t;
    };

    Point r = lookup(kSignedWindows - 1);  // the top digit: positive, never 0
    for (std::size_t j = kSignedWindows - 1; j-- > 0;) {
      Jacobian rj = to_jacobian(r);
      for (int i = 0; i < 5; ++i) rj = dbl_jacobian(rj);
      r = add(from_jacobian(rj), lookup(j));
    }
    ct::secure_wipe(std::span(table));
    ct::secure_wipe(std::span(kp));
    return r;
  }

  /// The base-point table: row j holds d·16^j·G for d = 1..15, affine.
  struct BaseTable {
    std::array<std::array<Affine, 15>, kWindows> rows;
  };

  /// Built once, on first use (about 1000 point additions and one field inversion); shared by all
  /// threads afterwards. Its contents are public.
  static const BaseTable& base_table() {
    static const std::unique_ptr<const BaseTable> table = build_base_table();
    return *table;
  }

  /// [k]G for a secret big-endian scalar k.
  static Point mul_base_ct(const std::uint8_t* k) noexcept {
    const BaseTable& table = base_table();
    Point r = infinity();
    for (std::size_t j = 0; j < kWindows; ++j) {
      const std::uint64_t d = digit(k, j);
      Affine a{Fe{}, Fe{}};
      for (std::size_t i = 0; i < 15; ++i) {
        const std::uint64_t hit = ct::equal(i + 1, d);
        a.x = F::select(hit, table.rows[j][i].x, a.x);
        a.y = F::select(hit, table.rows[j][i].y, a.y);
      }
      // For d = 0, `a` is (0, 0), not a point: the sum is computed and thrown away.
      r = select(ct::is_zero(d), r, add_mixed(r, a));
    }
    return r;
  }

  // ---- variable-time double multiplication (verification only) -------------------------------

  /// [u1]G + [u2]Q for PUBLIC big-endian scalars u1, u2 (< n). Branches and indexes on them.
  static Point mul_double_vartime(const std::uint8_t* u1, const Point& q,
                                  const std::uint8_t* u2) noexcept {
    // Width-5 NAF of u2: digits in {0, ±1, ±3, ..., ±15}, at most one nonzero in any 5 in a row.
    std::int8_t naf[8 * kBytes + 1] = {};
    std::size_t naf_len = wnaf5(u2, naf);

    Point odd[8];  // odd[i] = (2i + 1)·Q
    odd[0] = q;
    const Point q2 = dbl(q);
    for (std::size_t i = 1; i < 8; ++i) odd[i] = add(odd[i - 1], q2);

    // Doublings in Jacobian coordinates (see dbl_jacobian), additions with the complete formula.
    // Public data, so ∞ is simply tracked with a flag.
    Jacobian rj{};
    bool started = false;  // false while the accumulator is ∞
    for (std::size_t i = naf_len; i-- > 0;) {
      if (started) rj = dbl_jacobian(rj);
      const int d = naf[i];
      if (d == 0) continue;
      const Point t = d > 0 ? odd[d / 2] : neg(odd[(-d) / 2]);
      const Point sum = started ? add(from_jacobian(rj), t) : t;
      started = F::is_zero(sum.z) == 0;
      if (started) rj = to_jacobian(sum);
    }
    Point r = started ? from_jacobian(rj) : infinity();
    const BaseTable& table = base_table();
    for (std::size_t j = 0; j < kWindows; ++j) {
      const std::uint64_t d = digit(u1, j);
      if (d != 0) r = add_mixed(r, table.rows[j][d - 1]);
    }
    return r;
  }

 private:
  /// Width-5 NAF digits of a big-endian scalar, least significant first; returns their count.
  static std::size_t wnaf5(const std::uint8_t* k_be, std::int8_t* out) noexcept {
    // k as N + 1 little-endian limbs: subtracting a negative digit can carry past the top.
    std::uint64_t k[N + 1] = {};
    const Fe v = F::from_bytes(k_be);
    for (std::size_t i = 0; i < N; ++i) k[i] = v[i];
    std::size_t len = 0;
    auto nonzero = [&] {
      for (std::size_t i = 0; i <= N; ++i)
        if (k[i] != 0) return true;
      return false;
    };
    while (nonzero()) {
      int d = 0;
      if (k[0] & 1) {
        d = static_cast<int>(k[0] & 31);
        if (d >= 16) d -= 32;
        // k -= d
        if (d > 0) {
          std::uint64_t borrow = static_cast<std::uint64_t>(d);
          for (std::size_t i = 0; i <= N && borrow != 0; ++i) {
            const std::uint64_t before = k[i];
            k[i] -= borrow;
            borrow = before < borrow ? 1 : 0;
          }
        } else {
          std::uint64_t carry = static_cast<std::uint64_t>(-d);
          for (std::size_t i = 0; i <= N && carry != 0; ++i) {
            k[i] += carry;
            carry = k[i] < carry ? 1 : 0;
          }
        }
      }
      out[len++] = static_cast<std::int8_t>(d);
      for (std::size_t i = 0; i < N; ++i) k[i] = (k[i] >> 1) | (k[i + 1] << 63);
      k[N] >>= 1;
    }
    return len;
  }

  static std::unique_ptr<const BaseTable> build_base_table() {
    auto table = std::make_unique<BaseTable>();
    // Projective rows first.
    auto proj = std::make_unique<std::array<std::array<Point, 15>, kWindows>>();
    Point base = from_affine(generator());  // 16^j·G
    for (std::size_t j = 0; j < kWindows; ++j) {
      auto& row = (*proj)[j];
      row[0] = base;
      for (std::size_t d = 2; d <= 15; ++d)
        row[d - 1] = (d % 2 == 0) ? dbl(row[d / 2 - 1]) : add(row[d - 2], base);
      base = dbl(dbl(dbl(dbl(base))));
    }
    // Then all to affine with one inversion (Montgomery's trick): prefix[i] = z_0·…·z_i, invert
    // the full product, and walk back peeling one z at a time. No z is zero: d·16^j < n.
    constexpr std::size_t kCount = kWindows * 15;
    auto prefix = std::make_unique<std::array<Fe, kCount>>();
    Fe acc = C::FieldMod::one;
    for (std::size_t i = 0; i < kCount; ++i) {
      acc = F::mul(acc, (*proj)[i / 15][i % 15].z);
      (*prefix)[i] = acc;
    }
    Fe inv = F::invert(acc);  // (z_0·…·z_last)⁻¹
    for (std::size_t i = kCount; i-- > 0;) {
      const Point& p = (*proj)[i / 15][i % 15];
      const Fe zinv = (i == 0) ? inv : F::mul(inv, (*prefix)[i - 1]);
      inv = F::mul(inv, p.z);
      table->rows[i / 15][i % 15] = Affine{F::mul(p.x, zinv), F::mul(p.y, zinv)};
    }
    return table;
  }
};

}  // namespace glasstls::crypto::ec
