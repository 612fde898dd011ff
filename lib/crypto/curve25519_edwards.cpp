// edwards25519 group operations, the constant-time fixed-base multiplication, point encoding and
// decoding, and the variable-time double-scalar multiplication used by Ed25519 verification.
#include "crypto/curve25519_edwards.hpp"

#include <array>

namespace glasstls::crypto::curve25519 {

// Constants typed from RFC 8032 §5.1 Table 1 (decimal there), converted to radix-2^51 limbs;
// tests check d·121666 = -121665, sqrt(-1)^2 = -1 and that B is on the curve.
const Fe kD{{0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb, 0x52036cee2b6ff}};
const Fe kD2{{0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052, 0x6738cc7407977, 0x2406d9dc56dff}};
const Fe kSqrtM1{
    {0x61b274a0ea0b0, 0x0d5a5fc8f189d, 0x7ef5e9cbd0c60, 0x78595a6804c9e, 0x2b8324804fc1d}};
namespace {
constexpr Fe kBx{
    {0x62d608f25d51a, 0x412a4b4f6592a, 0x75b7171a4b31d, 0x1ff60527118fe, 0x216936d3cd6e5}};
constexpr Fe kBy{
    {0x6666666666658, 0x4cccccccccccc, 0x1999999999999, 0x3333333333333, 0x6666666666666}};
}  // namespace
const Point kBase{kBx, kBy, kOne, mul(kBx, kBy)};

// dbl-2008-hwcd with a = -1, all four intermediate values negated (which leaves the products
// unchanged) so that no negation is needed:
//   A = X², B = Y², C = 2Z², H = A + B, E = H - (X + Y)², G = A - B, F = C + G
//   X3 = E·F, Y3 = G·H, T3 = E·H, Z3 = F·G
Point dbl(const Point& p) noexcept {
  const Fe a = square(p.X);
  const Fe b = square(p.Y);
  const Fe zz = square(p.Z);
  const Fe c = add(zz, zz);                                // < 2^53
  const Fe h = add(a, b);                                  // < 2^53
  const Fe e = curve25519::sub(h, square(add(p.X, p.Y)));  // < 2^54
  const Fe g = curve25519::sub(a, b);                      // < 2^54
  const Fe f = carry(add(c, g));                           // < 2^55 before the carry, < 2^52 after
  return Point{mul(e, f), mul(g, h), mul(f, g), mul(e, h)};
}

// add-2008-hwcd-3 (k = 2d) with q cached as (Y2 + X2, Y2 - X2, 2·Z2, 2·d·T2):
//   A = (Y1 - X1)(Y2 - X2), B = (Y1 + X1)(Y2 + X2), C = T1·2d·T2, D = Z1·2·Z2
//   E = B - A, F = D - C, G = D + C, H = B + A; X3 = E·F, Y3 = G·H, T3 = E·H, Z3 = F·G
// Subtracting q = adding -q = (-X2, Y2, Z2, -T2): Y2 ± X2 swap roles and C changes sign.
namespace {
Point add_parts(const Point& p, const Fe& ypx2, const Fe& ymx2, const Fe& d, const Fe& c,
                bool negate) noexcept {
  const Fe a = mul(curve25519::sub(p.Y, p.X), negate ? ypx2 : ymx2);
  const Fe b = mul(add(p.Y, p.X), negate ? ymx2 : ypx2);
  const Fe e = curve25519::sub(b, a);
  const Fe h = add(b, a);
  const Fe f = negate ? add(d, c) : curve25519::sub(d, c);
  const Fe g = negate ? curve25519::sub(d, c) : add(d, c);
  return Point{mul(e, f), mul(g, h), mul(f, g), mul(e, h)};
}
}  // namespace
// (`negate` below is a compile-time-known argument at every call, not a secret.)
Point add(const Point& p, const Cached& q) noexcept {
  return add_parts(p, q.ypx, q.ymx, mul(p.Z, q.z2), mul(p.T, q.t2d), false);
}
Point sub(const Point& p, const Cached& q) noexcept {
  return add_parts(p, q.ypx, q.ymx, mul(p.Z, q.z2), mul(p.T, q.t2d), true);
}
// Mixed addition: Z2 = 1, so D = 2·Z1.
Point madd(const Point& p, const Precomp& q) noexcept {
  return add_parts(p, q.ypx, q.ymx, add(p.Z, p.Z), mul(p.T, q.xy2d), false);
}
Point msub(const Point& p, const Precomp& q) noexcept {
  return add_parts(p, q.ypx, q.ymx, add(p.Z, p.Z), mul(p.T, q.xy2d), true);
}

Cached to_cached(const Point& p) noexcept {
  return Cached{add(p.Y, p.X), curve25519::sub(p.Y, p.X), add(p.Z, p.Z), mul(p.T, kD2)};
}

Precomp to_precomp(const Point& p) noexcept {
  const Fe zi = invert(p.Z);
  const Fe x = mul(p.X, zi), y = mul(p.Y, zi);
  return Precomp{carry(add(y, x)), carry(curve25519::sub(y, x)), mul(mul(x, y), kD2)};
}

// ---- fixed base -------------------------------------------------------------------------------

namespace {
// table[i][j] = (j + 1)·256^i·B, for i < 32 and j < 8: the multiples a signed 4-bit digit in
// position 2i selects (positions 2i + 1 are handled by multiplying the odd-position sum by 16).
using BaseTable = std::array<std::array<Precomp, 8>, 32>;

const BaseTable& base_table() {
  static const BaseTable table = [] {
    BaseTable t{};
    Point row = kBase;  // 256^i·B
    for (auto& entries : t) {
      const Cached row_cached = to_cached(row);
      Point multiple = row;
      for (std::size_t j = 0; j < 8; ++j) {
        entries[j] = to_precomp(multiple);
        multiple = add(multiple, row_cached);
      }
      for (int k = 0; k < 8; ++k) row = dbl(row);
    }
    return t;
  }();
  return table;
}

// Returns digit·entries[0] for digit in [-8, 8], reading all eight entries.
Precomp select_multiple(const std::array<Precomp, 8>& entries, std::int8_t digit) noexcept {
  const auto d = static_cast<std::uint64_t>(static_cast<std::int64_t>(digit));
  const std::uint64_t negative = ct::mask_from_bit(d >> 63);
  const std::uint64_t magnitude = (d ^ negative) - negative;  // |digit|
  Precomp r{kOne, kOne, kZero};                               // the identity
  for (std::size_t j = 0; j < 8; ++j) {
    const std::uint64_t hit = ct::equal(magnitude, j + 1);
    cmov(hit, r.ypx, entries[j].ypx);
    cmov(hit, r.ymx, entries[j].ymx);
    cmov(hit, r.xy2d, entries[j].xy2d);
  }
  // -(x, y) = (-x, y): y + x and y - x trade places, 2dxy changes sign.
  cswap(negative, r.ypx, r.ymx);
  cmov(negative, r.xy2d, carry(neg(r.xy2d)));
  return r;
}
}  // namespace

Point scalarmult_base(const std::uint8_t a[32]) noexcept {
  // Recode a = Σ e[i]·16^i with every e[i] in [-8, 8) (e[63] in [0, 8]): split into nibbles,
  // then move 16 to the next digit whenever a digit is 8 or more. No branches on a.
  std::int8_t e[64];
  for (int i = 0; i < 32; ++i) {
    e[2 * i] = static_cast<std::int8_t>(a[i] & 15);
    e[2 * i + 1] = static_cast<std::int8_t>(a[i] >> 4);
  }
  std::int8_t c = 0;
  for (int i = 0; i < 63; ++i) {
    e[i] = static_cast<std::int8_t>(e[i] + c);
    c = static_cast<std::int8_t>((e[i] + 8) >> 4);  // 1 if e[i] >= 8 (e[i] <= 16), else 0
    e[i] = static_cast<std::int8_t>(e[i] - c * 16);
  }
  e[63] = static_cast<std::int8_t>(e[63] + c);

  const BaseTable& table = base_table();
  // a·B = Σ_odd e[i]·16^i·B + Σ_even e[i]·16^i·B = 16·Σ_i e[2i+1]·256^i·B + Σ_i e[2i]·256^i·B.
  Point h = kIdentity;
  for (int i = 1; i < 64; i += 2)
    h = madd(h, select_multiple(table[static_cast<std::size_t>(i / 2)], e[i]));
  h = dbl(dbl(dbl(dbl(h))));
  for (int i = 0; i < 64; i += 2)
    h = madd(h, select_multiple(table[static_cast<std::size_t>(i / 2)], e[i]));
  ct::secure_wipe(e, sizeof e);
  return h;
}

// ---- encoding --------------------------------------------------------------------------------

void encode(std::uint8_t out[32], const Point& p) noexcept {
  const Fe zi = invert(p.Z);
  const Fe x = mul(p.X, zi), y = mul(p.Y, zi);
  to_bytes(out, y);
  out[31] = static_cast<std::uint8_t>(out[31] | (is_negative(x) << 7));
}

void to_montgomery_u(std::uint8_t out[32], const Point& p) noexcept {
  to_bytes(out, mul(add(p.Z, p.Y), invert(curve25519::sub(p.Z, p.Y))));
}

bool decode_vartime(Point& out, const std::uint8_t in[32]) noexcept {
  // RFC 8032 §5.1.3 step 1: y is the low 255 bits; it must be < p.
  const Fe y = from_bytes(in);
  std::uint8_t canonical[32];
  to_bytes(canonical, y);
  for (int i = 0; i < 31; ++i)
    if (canonical[i] != in[i]) return false;
  if (canonical[31] != (in[31] & 0x7f)) return false;
  const std::uint64_t x0 = in[31] >> 7;

  // Step 2: x^2 = (y^2 - 1)/(d·y^2 + 1) = u/v; candidate x = u·v^3·(u·v^7)^((p-5)/8).
  const Fe yy = square(y);
  const Fe u = carry(curve25519::sub(yy, kOne));
  const Fe v = carry(add(mul(yy, kD), kOne));
  const Fe v3 = mul(square(v), v);
  const Fe v7 = mul(square(v3), v);
  Fe x = mul(mul(u, v3), pow_p58(mul(u, v7)));

  // Step 3: if v·x^2 = u, x is a root; if v·x^2 = -u, x·sqrt(-1) is; otherwise no root.
  const Fe vxx = mul(v, square(x));
  if (!equal(vxx, u)) {
    if (!equal(vxx, carry(neg(u)))) return false;
    x = mul(x, kSqrtM1);
  }
  // Step 4: x = 0 with x_0 = 1 is invalid; otherwise pick the root whose low bit is x_0.
  if (is_zero(x) && x0 == 1) return false;
  if (is_negative(x) != x0) x = carry(neg(x));
  out = Point{x, y, kOne, mul(x, y)};
  return true;
}

// ---- double-scalar multiplication (public inputs only) ----------------------------------------

namespace {
// Width-w NAF: a = Σ naf[i]·2^i with every nonzero digit odd, |digit| < 2^(w-1), and at least
// w - 1 zeros after each nonzero digit. 257 positions cover a final carry out of bit 255.
void wnaf(std::int8_t naf[257], const std::uint8_t a[32], int w) noexcept {
  auto bit = [a](int i) -> int { return i < 256 ? (a[i >> 3] >> (i & 7)) & 1 : 0; };
  for (int i = 0; i < 257; ++i) naf[i] = 0;
  int carry_in = 0;
  for (int i = 0; i < 257;) {
    if (bit(i) == carry_in) {  // bit + carry is 0 or 2: digit 0, carry unchanged
      ++i;
      continue;
    }
    // bit + carry = 1: take the w-bit window starting here (plus the carry); it is odd.
    int v = carry_in;
    for (int j = 0; j < w; ++j) v += bit(i + j) << j;
    if (v > (1 << (w - 1))) {
      v -= 1 << w;
      carry_in = 1;
    } else {
      carry_in = 0;
    }
    naf[i] = static_cast<std::int8_t>(v);
    i += w;
  }
}

// Odd multiples 1B, 3B, ..., 127B for the width-8 NAF of the base-point scalar.
const std::array<Precomp, 64>& base_odd_multiples() {
  static const std::array<Precomp, 64> table = [] {
    std::array<Precomp, 64> t{};
    const Cached b2 = to_cached(dbl(kBase));
    Point m = kBase;
    for (auto& entry : t) {
      entry = to_precomp(m);
      m = add(m, b2);
    }
    return t;
  }();
  return table;
}
}  // namespace

Point double_scalarmult_vartime(const std::uint8_t a[32], const Point& A,
                                const std::uint8_t b[32]) noexcept {
  std::int8_t naf_a[257], naf_b[257];
  wnaf(naf_a, a, 5);
  wnaf(naf_b, b, 8);
  // 1A, 3A, ..., 15A.
  Cached a_odd[8];
  const Cached a2 = to_cached(dbl(A));
  Point m = A;
  for (auto& entry : a_odd) {
    entry = to_cached(m);
    m = add(m, a2);
  }
  const auto& b_odd = base_odd_multiples();

  int i = 256;
  while (i >= 0 && naf_a[i] == 0 && naf_b[i] == 0) --i;
  Point r = kIdentity;
  for (; i >= 0; --i) {
    r = dbl(r);
    if (naf_a[i] > 0) r = add(r, a_odd[naf_a[i] / 2]);
    if (naf_a[i] < 0) r = sub(r, a_odd[-naf_a[i] / 2]);
    if (naf_b[i] > 0) r = madd(r, b_odd[static_cast<std::size_t>(naf_b[i] / 2)]);
    if (naf_b[i] < 0) r = msub(r, b_odd[static_cast<std::size_t>(-naf_b[i] / 2)]);
  }
  return r;
}

}  // namespace glasstls::crypto::curve25519
