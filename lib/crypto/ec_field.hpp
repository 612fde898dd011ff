// Arithmetic modulo an odd prime m of exactly 64·N bits, in Montgomery form (internal header).
//
// Used four times: the base fields of P-256 and P-384 (m = p) and their scalar fields (m = n).
//
// REPRESENTATION. N little-endian 64-bit limbs. An element a is stored as ā = a·R mod m with
// R = 2^(64N) (Montgomery form), always fully reduced: 0 <= ā < m. Then
//     mul(ā, b̄) = ā·b̄·R⁻¹ mod m = (a·b)·R mod m,
// the Montgomery form of the product, and additions work unchanged. to_montgomery(a) = mul(a, R²)
// and from_montgomery(ā) = mul(ā, 1) convert at the edges.
//
// MULTIPLICATION is Montgomery's method in the "finely integrated product scanning" order (FIPS;
// Koç, Acar and Kaliski, "Analyzing and Comparing Montgomery Multiplication Algorithms", IEEE
// Micro 1996): the result is built column by column, and column k collects every a[j]·b[k−j] and
// q[j]·m[k−j] in a three-word accumulator. In the first N columns q[k] = (low word)·(−m⁻¹) mod
// 2^64 is chosen to clear the low word; the high N words are then (a·b + Q·m)/R < 2m, and one
// conditional subtraction of m finishes. (The row-by-row order of the same algorithm, CIOS,
// compiled to about twice as many instructions.)
//
// Every function is constant time: the only data-dependent choice, the final subtraction, is a
// mask select. The modulus is a template constant, so the compiler sees its limbs (P-256's p has
// limbs 0 and 2^64 − 1, which fold away).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "glasstls/core/ct.hpp"

#ifndef GLASSTLS_PORTABLE_BUILD
#define GLASSTLS_PORTABLE_BUILD 0
#endif

namespace glasstls::crypto::ec {

__extension__ typedef unsigned __int128 u128;  // GCC/Clang extension: 64x64 -> 128 products

// The limb loops below have trip counts known at compile time; GCC's -O2 keeps them as loops,
// which measured 3–4x slower than straight-line code for these 4- and 6-limb operations. So in
// optimised builds every loop is unrolled and every small function forced inline. Not under the
// sanitizers: there the instrumented straight-line code of each point formula made one file take
// minutes and gigabytes to compile, and speed does not matter.
#if defined(__OPTIMIZE__) && !defined(__SANITIZE_ADDRESS__)
#define GLASSTLS_EC_UNROLL _Pragma("GCC unroll 16")
#define GLASSTLS_EC_INLINE [[gnu::always_inline]]
#else
#define GLASSTLS_EC_UNROLL
#define GLASSTLS_EC_INLINE
#endif

template <std::size_t N>
using Limbs = std::array<std::uint64_t, N>;

/// All ones if bit (0 or 1) is set. Behind ct's value barrier at run time, so the compiler cannot
/// turn the masked selects below back into branches; plain arithmetic during constant evaluation.
GLASSTLS_EC_INLINE constexpr std::uint64_t mask_of_bit(std::uint64_t bit) noexcept {
  if (std::is_constant_evaluated()) return 0 - (bit & 1);
  return ct::mask_from_bit(bit);
}

// Carry and borrow chains. On x86-64 the _addcarry/_subborrow intrinsics become one adc/sbb each;
// GCC's code for the same chains written with 128-bit integers is about three times longer.
// The 128-bit versions stay for other machines and for constant evaluation.

/// a + b + carry_in; carry_out is 0 or 1.
GLASSTLS_EC_INLINE constexpr std::uint64_t add_carry(std::uint64_t a, std::uint64_t b,
                                                        std::uint8_t carry_in,
                                                        std::uint8_t& carry_out) noexcept {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) {
    unsigned long long r;
    carry_out = _addcarry_u64(carry_in, a, b, &r);
    return r;
  }
#endif
  const u128 t = static_cast<u128>(a) + b + carry_in;
  carry_out = static_cast<std::uint8_t>(t >> 64);
  return static_cast<std::uint64_t>(t);
}

/// a − b − borrow_in; borrow_out is 0 or 1.
GLASSTLS_EC_INLINE constexpr std::uint64_t sub_borrow(std::uint64_t a, std::uint64_t b,
                                                         std::uint8_t borrow_in,
                                                         std::uint8_t& borrow_out) noexcept {
#if defined(__x86_64__)
  if (!std::is_constant_evaluated()) {
    unsigned long long r;
    borrow_out = _subborrow_u64(borrow_in, a, b, &r);
    return r;
  }
#endif
  const u128 t = static_cast<u128>(a) - b - borrow_in;
  borrow_out = static_cast<std::uint8_t>((t >> 64) & 1);
  return static_cast<std::uint64_t>(t);
}

/// Parses big-endian hex (spaces allowed, as the RFCs print constants) into limbs at compile time.
template <std::size_t N>
consteval Limbs<N> limbs_from_hex(std::string_view hex) {
  Limbs<N> out{};
  std::size_t bit = 0;
  for (std::size_t i = hex.size(); i-- > 0;) {
    const char c = hex[i];
    std::uint64_t v = 0;
    if (c >= '0' && c <= '9') {
      v = static_cast<std::uint64_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      v = static_cast<std::uint64_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      v = static_cast<std::uint64_t>(c - 'A' + 10);
    } else if (c == ' ') {
      continue;
    } else {
      throw "limbs_from_hex: not a hex digit";  // a compile error in a consteval context
    }
    if (bit >= 64 * N) throw "limbs_from_hex: constant too long";
    out[bit / 64] |= v << (bit % 64);
    bit += 4;
  }
  return out;
}

/// −m⁻¹ mod 2^64 for odd m0, by Newton's iteration x ← x·(2 − m0·x), which doubles the number of
/// correct low bits each step (x = m0 is right to 3 bits for odd m0).
constexpr std::uint64_t neg_inverse_mod_2_64(std::uint64_t m0) {
  std::uint64_t x = m0;
  for (int i = 0; i < 5; ++i) x *= 2 - m0 * x;
  return 0 - x;
}

/// A modulus of N limbs and its Montgomery constants, all computed at compile time.
template <std::size_t N, const Limbs<N>& M>
struct Modulus {
  static constexpr std::size_t kLimbs = N;
  static constexpr std::size_t kBytes = 8 * N;
  static constexpr const Limbs<N>& m = M;
  static constexpr std::uint64_t m_inv = neg_inverse_mod_2_64(M[0]);

  /// 2^k mod m by repeated doubling (compile time only).
  static constexpr Limbs<N> power_of_two(std::size_t k) {
    Limbs<N> x{};
    x[0] = 1;
    for (std::size_t i = 0; i < k; ++i) {
      // x = 2x mod m; x < m < 2^(64N), so 2x < 2^(64N+1) and one subtraction suffices.
      std::uint64_t top = x[N - 1] >> 63;
      for (std::size_t j = N; j-- > 1;) x[j] = (x[j] << 1) | (x[j - 1] >> 63);
      x[0] <<= 1;
      bool ge = top != 0;
      if (!ge) {
        ge = true;
        for (std::size_t j = N; j-- > 0;) {
          if (x[j] != M[j]) {
            ge = x[j] > M[j];
            break;
          }
        }
      }
      if (ge) {
        std::uint64_t borrow = 0;
        for (std::size_t j = 0; j < N; ++j) {
          const u128 d = static_cast<u128>(x[j]) - M[j] - borrow;
          x[j] = static_cast<std::uint64_t>(d);
          borrow = static_cast<std::uint64_t>(d >> 64) & 1;
        }
      }
    }
    return x;
  }
  /// R mod m: the Montgomery form of 1.
  static constexpr Limbs<N> one = power_of_two(64 * N);
  /// R² mod m: multiplying by it converts into Montgomery form.
  static constexpr Limbs<N> r_squared = power_of_two(128 * N);
};

/// A three-word accumulator (c2:c1:c0) for sums of 128-bit products.
///
/// Two implementations of add_product(), chosen by the template parameter. The portable one is
/// C++ with 128-bit integers: the reference. The x86-64 one (kAsm) is the four instructions
/// `mul; add; adc; adc $0` in inline assembly: GCC compiles the portable version to about twice
/// as many instructions (it moves each carry flag through a byte register), and field
/// multiplication measured 1.6x faster in assembly. The registry (ec.hpp) picks between the two
/// at run time; GLASSTLS_PORTABLE=1 forces the portable one.
template <bool kAsm>
struct Accumulator {
  std::uint64_t c0 = 0, c1 = 0, c2 = 0;
  GLASSTLS_EC_INLINE constexpr void add_product(std::uint64_t x, std::uint64_t y) noexcept {
#if defined(__x86_64__) && !GLASSTLS_PORTABLE_BUILD
    if (kAsm && !std::is_constant_evaluated()) {
      std::uint64_t lo = x, hi;
      __asm__("mulq %[y]\n\t"
              "addq %[lo], %[c0]\n\t"
              "adcq %[hi], %[c1]\n\t"
              "adcq $0, %[c2]"
              : [c0] "+r"(c0), [c1] "+r"(c1), [c2] "+r"(c2), [lo] "+&a"(lo), [hi] "=&d"(hi)
              : [y] "rm"(y)
              : "cc");
      return;
    }
#endif
    add_wide(static_cast<u128>(x) * y);
  }
  /// Adds 2·x·y (the cross products of a square), multiplying once.
  GLASSTLS_EC_INLINE constexpr void add_product_twice(std::uint64_t x, std::uint64_t y) noexcept {
#if defined(__x86_64__) && !GLASSTLS_PORTABLE_BUILD
    if (kAsm && !std::is_constant_evaluated()) {
      std::uint64_t lo = x, hi;
      __asm__("mulq %[y]\n\t"
              "addq %[lo], %[c0]\n\t"
              "adcq %[hi], %[c1]\n\t"
              "adcq $0, %[c2]\n\t"
              "addq %[lo], %[c0]\n\t"
              "adcq %[hi], %[c1]\n\t"
              "adcq $0, %[c2]"
              : [c0] "+r"(c0), [c1] "+r"(c1), [c2] "+r"(c2), [lo] "+&a"(lo), [hi] "=&d"(hi)
              : [y] "rm"(y)
              : "cc");
      return;
    }
#endif
    const u128 p = static_cast<u128>(x) * y;
    add_wide(p);
    add_wide(p);
  }
  /// Adds a 128-bit value into (c1:c0), the carry into c2 (the portable add_product's body).
  GLASSTLS_EC_INLINE constexpr void add_wide(u128 p) noexcept {
    std::uint8_t carry = 0;
    c0 = add_carry(c0, static_cast<std::uint64_t>(p), 0, carry);
    c1 = add_carry(c1, static_cast<std::uint64_t>(p >> 64), carry, carry);
    c2 += carry;
  }
  /// Adds w·2^64 (w into the middle word).
  GLASSTLS_EC_INLINE constexpr void add_high(std::uint64_t w) noexcept {
    std::uint8_t carry = 0;
    c1 = add_carry(c1, w, 0, carry);
    c2 += carry;
  }
  /// Drops c0 (already consumed) and moves down one word.
  GLASSTLS_EC_INLINE constexpr void shift() noexcept {
    c0 = c1;
    c1 = c2;
    c2 = 0;
  }
};

/// Field operations for a Modulus (all static; elements are Limbs in Montgomery form). kAsm
/// selects the accumulator (above); everything else is shared.
template <class Mod, bool kAsm = false>
struct Field {
  using Accumulator = ec::Accumulator<kAsm>;
  static constexpr std::size_t N = Mod::kLimbs;
  using Fe = Limbs<N>;

  /// out = a + b mod m. Inputs < m.
  GLASSTLS_EC_INLINE static constexpr Fe add(const Fe& a, const Fe& b) noexcept {
    Fe sum{};
    std::uint8_t carry = 0;
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) sum[i] = add_carry(a[i], b[i], carry, carry);
    return reduce_once(sum, carry);
  }

  /// out = a − b mod m. Inputs < m.
  GLASSTLS_EC_INLINE static constexpr Fe sub(const Fe& a, const Fe& b) noexcept {
    Fe d{};
    std::uint8_t borrow = 0;
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) d[i] = sub_borrow(a[i], b[i], borrow, borrow);
    // If it went negative, add m back: d + (m & mask).
    const std::uint64_t mask = mask_of_bit(borrow);
    std::uint8_t carry = 0;
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) d[i] = add_carry(d[i], Mod::m[i] & mask, carry, carry);
    return d;
  }

  GLASSTLS_EC_INLINE static constexpr Fe neg(const Fe& a) noexcept { return sub(Fe{}, a); }

  /// Montgomery product a·b·R⁻¹ mod m. Inputs < m.
  ///
  /// Product scanning with the reduction interleaved ("finely integrated product scanning",
  /// FIPS, in Koç et al.): column k of the result collects every a[j]·b[k−j] and q[j]·m[k−j] in
  /// a three-word accumulator. At each of the first N columns q[k] is chosen to clear the low
  /// word, so the low N words of a·b + q·m are zero and the high N words are the result, < 2m.
  /// Written this way each product costs a multiply and three additions; the row-by-row
  /// (CIOS) form of the same algorithm compiled to about twice as many instructions.
  GLASSTLS_EC_INLINE static constexpr Fe mul(const Fe& a, const Fe& b) noexcept {
    Accumulator acc;
    std::uint64_t q[N] = {};
    GLASSTLS_EC_UNROLL
    for (std::size_t k = 0; k < N; ++k) {
      GLASSTLS_EC_UNROLL
      for (std::size_t j = 0; j < k; ++j) {
        acc.add_product(a[j], b[k - j]);
        add_modulus_product(acc, q[j], k - j);
      }
      acc.add_product(a[k], b[0]);
      q[k] = acc.c0 * Mod::m_inv;
      add_modulus_product(acc, q[k], 0);  // the low word is now zero
      acc.shift();
    }
    Fe r{};
    GLASSTLS_EC_UNROLL
    for (std::size_t k = N; k < 2 * N - 1; ++k) {
      GLASSTLS_EC_UNROLL
      for (std::size_t j = k - N + 1; j < N; ++j) {
        acc.add_product(a[j], b[k - j]);
        add_modulus_product(acc, q[j], k - j);
      }
      r[k - N] = acc.c0;
      acc.shift();
    }
    r[N - 1] = acc.c0;
    return reduce_once(r, static_cast<std::uint8_t>(acc.c1));
  }

  /// mul(a, a) with each cross product a[i]·a[j] (i ≠ j) computed once and added twice: 10
  /// multiplications instead of 16 for four limbs, 21 instead of 36 for six.
  GLASSTLS_EC_INLINE static constexpr Fe sqr(const Fe& a) noexcept {
    Accumulator acc;
    std::uint64_t q[N] = {};
    GLASSTLS_EC_UNROLL
    for (std::size_t k = 0; k < N; ++k) {
      add_square_column(acc, a, k);
      GLASSTLS_EC_UNROLL
      for (std::size_t j = 0; j < k; ++j) add_modulus_product(acc, q[j], k - j);
      q[k] = acc.c0 * Mod::m_inv;
      add_modulus_product(acc, q[k], 0);
      acc.shift();
    }
    Fe r{};
    GLASSTLS_EC_UNROLL
    for (std::size_t k = N; k < 2 * N - 1; ++k) {
      add_square_column(acc, a, k);
      GLASSTLS_EC_UNROLL
      for (std::size_t j = k - N + 1; j < N; ++j) add_modulus_product(acc, q[j], k - j);
      r[k - N] = acc.c0;
      acc.shift();
    }
    r[N - 1] = acc.c0;
    return reduce_once(r, static_cast<std::uint8_t>(acc.c1));
  }

  /// Montgomery form of a plain value a < m.
  static constexpr Fe to_montgomery(const Fe& a) noexcept { return mul(a, Mod::r_squared); }
  /// The plain value of a Montgomery-form element.
  static constexpr Fe from_montgomery(const Fe& a) noexcept {
    Fe one{};
    one[0] = 1;
    return mul(a, one);
  }

  /// a^e for a public exponent e (its bits may steer branches; a's may not). Left-to-right with a
  /// fixed 4-bit window: 15 table products, then per window 4 squarings and one product.
  static Fe pow_public(const Fe& a, const Limbs<N>& e) noexcept {
    Fe table[16];
    table[0] = Mod::one;
    for (std::size_t i = 1; i < 16; ++i) table[i] = mul(table[i - 1], a);
    Fe r = Mod::one;
    for (std::size_t w = 16 * N; w-- > 0;) {
      r = sqr(sqr(sqr(sqr(r))));
      const std::size_t digit = (e[w / 16] >> (4 * (w % 16))) & 15;
      if (digit != 0) r = mul(r, table[digit]);  // public exponent: branching is fine
    }
    return r;
  }

  /// a⁻¹ = a^(m−2) (Fermat; m is prime). Constant time in a, whatever its size; 0 maps to 0.
  static Fe invert(const Fe& a) noexcept {
    static constexpr Limbs<N> m_minus_2 = [] {
      Limbs<N> e = Mod::m;
      e[0] -= 2;  // m is odd and > 2, so limb 0 >= 1... and m[0] >= 3 for our moduli
      return e;
    }();
    return pow_public(a, m_minus_2);
  }

  /// All ones if a == 0.
  static std::uint64_t is_zero(const Fe& a) noexcept {
    std::uint64_t acc = 0;
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) acc |= a[i];
    return ct::is_zero(acc);
  }
  /// All ones if a == b.
  static std::uint64_t equal(const Fe& a, const Fe& b) noexcept {
    std::uint64_t acc = 0;
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) acc |= a[i] ^ b[i];
    return ct::is_zero(acc);
  }
  /// mask ? a : b.
  GLASSTLS_EC_INLINE static Fe select(std::uint64_t mask, const Fe& a, const Fe& b) noexcept {
    Fe r{};
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) r[i] = ct::select(mask, a[i], b[i]);
    return r;
  }

  /// All ones if the plain value a (not Montgomery) is < m. Constant time.
  static std::uint64_t less_than_modulus(const Fe& a) noexcept {
    std::uint64_t borrow = 0;
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) {
      const u128 t = static_cast<u128>(a[i]) - Mod::m[i] - borrow;
      borrow = static_cast<std::uint64_t>(t >> 64) & 1;
    }
    return ct::mask_from_bit(borrow);
  }

  /// Big-endian bytes (exactly 8N) to limbs, no reduction.
  static Fe from_bytes(const std::uint8_t* in) noexcept {
    Fe r{};
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) {
      std::uint64_t v = 0;
      GLASSTLS_EC_UNROLL
      for (std::size_t k = 0; k < 8; ++k) v = (v << 8) | in[8 * i + k];
      r[N - 1 - i] = v;
    }
    return r;
  }
  /// Limbs to big-endian bytes (exactly 8N).
  static void to_bytes(std::uint8_t* out, const Fe& a) noexcept {
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) {
      const std::uint64_t v = a[N - 1 - i];
      GLASSTLS_EC_UNROLL
      for (std::size_t k = 0; k < 8; ++k) out[8 * i + k] = static_cast<std::uint8_t>(v >> (56 - 8 * k));
    }
  }

 private:
  /// acc += Σ a[i]·a[j] over i + j = k: the pairs i < j twice, a[k/2]² once.
  GLASSTLS_EC_INLINE static constexpr void add_square_column(Accumulator& acc, const Fe& a,
                                                                std::size_t k) noexcept {
    const std::size_t lo = k < N ? 0 : k - N + 1;
    GLASSTLS_EC_UNROLL
    for (std::size_t i = lo; 2 * i < k; ++i) acc.add_product_twice(a[i], a[k - i]);
    if (k % 2 == 0) acc.add_product(a[k / 2], a[k / 2]);
  }

  /// acc += q·m[i]. The limb index is a constant once the loops are unrolled, so the special
  /// limbs of P-256's p fold away: m[2] = 0 adds nothing, and with m[0] = 2^64 − 1 and
  /// −m⁻¹ = 1 (so q = c0), q·m[0] + c0 = q·2^64 is just q added one word up.
  GLASSTLS_EC_INLINE static constexpr void add_modulus_product(Accumulator& acc,
                                                                  std::uint64_t q,
                                                                  std::size_t i) noexcept {
    if (Mod::m[i] == 0) return;
    if (i == 0 && Mod::m[0] == ~std::uint64_t{0} && Mod::m_inv == 1) {
      acc.c0 = 0;
      acc.add_high(q);
      return;
    }
    acc.add_product(q, Mod::m[i]);
  }

  /// value = top_carry·2^(64N) + x, known < 2m: returns value − m if value >= m, else x.
  GLASSTLS_EC_INLINE static constexpr Fe reduce_once(const Fe& x,
                                                        std::uint8_t top_carry) noexcept {
    Fe diff{};
    std::uint8_t borrow = 0;
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) diff[i] = sub_borrow(x[i], Mod::m[i], borrow, borrow);
    // Keep x when the subtraction borrowed past the carry word: top_carry − borrow < 0.
    const std::uint64_t keep_x = mask_of_bit(borrow & ~top_carry & 1);
    Fe r{};
    GLASSTLS_EC_UNROLL
    for (std::size_t i = 0; i < N; ++i) r[i] = diff[i] ^ (keep_x & (x[i] ^ diff[i]));
    return r;
  }
};

}  // namespace glasstls::crypto::ec
