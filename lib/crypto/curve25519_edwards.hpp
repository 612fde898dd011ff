// The twisted Edwards curve edwards25519 (RFC 7748 §4.1, RFC 8032 §5.1), internal header:
//     -x^2 + y^2 = 1 + d·x^2·y^2   over GF(2^255 - 19),  d = -121665/121666.
// It is birationally equivalent to curve25519 (X25519's Montgomery curve) by u = (1 + y)/(1 - y),
// so X25519 key generation can use the fast Edwards fixed-base multiplication too.
//
// Formulas: "extended twisted Edwards coordinates", Hisil, Wong, Carter, Dawson, "Twisted Edwards
// Curves Revisited" (Asiacrypt 2008), as listed in the Explicit-Formulas Database under
// add-2008-hwcd-3 and dbl-2008-hwcd with a = -1; RFC 8032 §5.1.4 gives the same ones.
#pragma once

#include <cstdint>

#include "crypto/curve25519_field.hpp"

namespace glasstls::crypto::curve25519 {

/// (X : Y : Z : T) with x = X/Z, y = Y/Z, x·y = T/Z. Every coordinate's limbs are < 2^52 (they are
/// all mul/square outputs), which the formulas below rely on.
struct Point {
  Fe X, Y, Z, T;
};

/// An affine point prepared for mixed addition: (y + x, y - x, 2·d·x·y), Z = 1 implied.
struct Precomp {
  Fe ypx, ymx, xy2d;
};

/// A projective point prepared for addition: (Y + X, Y - X, 2·Z, 2·d·T).
struct Cached {
  Fe ypx, ymx, z2, t2d;
};

inline constexpr Point kIdentity{kZero, kOne, kOne, kZero};

/// d and 2d (RFC 8032 §5.1, Table 1: d = 370957059346694393431380835087545651895421138798432190163
/// 88785533085940283555), and sqrt(-1) = 2^((p-1)/4) (RFC 8032 §5.1.3), in radix 2^51.
extern const Fe kD;
extern const Fe kD2;
extern const Fe kSqrtM1;
/// The base point B (RFC 8032 §5.1, Table 1), y = 4/5.
extern const Point kBase;

Point dbl(const Point& p) noexcept;
Point add(const Point& p, const Cached& q) noexcept;
Point sub(const Point& p, const Cached& q) noexcept;
Point madd(const Point& p, const Precomp& q) noexcept;
Point msub(const Point& p, const Precomp& q) noexcept;
Cached to_cached(const Point& p) noexcept;
/// Normalises to Z = 1 (one inversion). Constant time.
Precomp to_precomp(const Point& p) noexcept;

/// [a]B for a 32-byte little-endian scalar with a[31] <= 127 (clamped or reduced mod L).
/// Constant time: a signed 4-bit window over a table of 32 × 8 multiples of B (built once, at
/// first use), every table entry read at every step.
Point scalarmult_base(const std::uint8_t a[32]) noexcept;

/// RFC 8032 §5.1.2 encoding: y, with x's low bit in bit 255. Constant time.
void encode(std::uint8_t out[32], const Point& p) noexcept;

/// RFC 8032 §5.1.3 decoding, variable time (for public keys and signatures): false if y >= p,
/// if x^2 has no square root (not on the curve), or if x = 0 with the sign bit set.
bool decode_vartime(Point& out, const std::uint8_t in[32]) noexcept;

/// [a]A + [b]B, variable time (signature verification only: every input is public).
/// a and b are 32-byte little-endian scalars below 2^253.
Point double_scalarmult_vartime(const std::uint8_t a[32], const Point& A,
                                const std::uint8_t b[32]) noexcept;

/// The Montgomery u-coordinate (1 + y)/(1 - y) = (Z + Y)/(Z - Y) of an Edwards point (RFC 7748
/// §4.1); 0 for the identity. Constant time.
void to_montgomery_u(std::uint8_t out[32], const Point& p) noexcept;

}  // namespace glasstls::crypto::curve25519
