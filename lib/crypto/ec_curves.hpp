// The constants of P-256 and P-384 (internal header), typed from RFC 5903 §3.1 and §3.2, which
// reprint the NIST curves (FIPS 186-5 / SP 800-186). Both are y² = x³ − 3x + b over GF(p), with a
// base point G of prime order n and cofactor 1.
#pragma once

#include "glasstls/crypto/ec.hpp"
#include "ec_field.hpp"

namespace glasstls::crypto::ec {

namespace p256_constants {
// p = 2^256 − 2^224 + 2^192 + 2^96 − 1
inline constexpr Limbs<4> p = limbs_from_hex<4>(
    "FFFFFFFF 00000001 00000000 00000000 00000000 FFFFFFFF FFFFFFFF FFFFFFFF");
inline constexpr Limbs<4> n = limbs_from_hex<4>(
    "FFFFFFFF 00000000 FFFFFFFF FFFFFFFF BCE6FAAD A7179E84 F3B9CAC2 FC632551");
inline constexpr Limbs<4> b = limbs_from_hex<4>(
    "5AC635D8 AA3A93E7 B3EBBD55 769886BC 651D06B0 CC53B0F6 3BCE3C3E 27D2604B");
inline constexpr Limbs<4> gx = limbs_from_hex<4>(
    "6B17D1F2 E12C4247 F8BCE6E5 63A440F2 77037D81 2DEB33A0 F4A13945 D898C296");
inline constexpr Limbs<4> gy = limbs_from_hex<4>(
    "4FE342E2 FE1A7F9B 8EE7EB4A 7C0F9E16 2BCE3357 6B315ECE CBB64068 37BF51F5");
}  // namespace p256_constants

namespace p384_constants {
// p = 2^384 − 2^128 − 2^96 + 2^32 − 1
inline constexpr Limbs<6> p = limbs_from_hex<6>(
    "FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE"
    "FFFFFFFF 00000000 00000000 FFFFFFFF");
inline constexpr Limbs<6> n = limbs_from_hex<6>(
    "FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF C7634D81 F4372DDF"
    "581A0DB2 48B0A77A ECEC196A CCC52973");
inline constexpr Limbs<6> b = limbs_from_hex<6>(
    "B3312FA7 E23EE7E4 988E056B E3F82D19 181D9C6E FE814112 0314088F 5013875A"
    "C656398D 8A2ED19D 2A85C8ED D3EC2AEF");
inline constexpr Limbs<6> gx = limbs_from_hex<6>(
    "AA87CA22 BE8B0537 8EB1C71E F320AD74 6E1D3B62 8BA79B98 59F741E0 82542A38"
    "5502F25D BF55296C 3A545E38 72760AB7");
inline constexpr Limbs<6> gy = limbs_from_hex<6>(
    "3617DE4A 96262C6F 5D9E98BF 9292DC29 F8F41DBD 289A147C E9DA3113 B5F0B8C0"
    "0A60B1CE 1D7E819D 7A431D7C 90EA0E5F");
}  // namespace p384_constants

/// A curve as the templates in ec_group.hpp see it: the two fields and the constants, the
/// field ones already in Montgomery form.
template <std::size_t N, const Limbs<N>& P, const Limbs<N>& Order, const Limbs<N>& B,
          const Limbs<N>& Gx, const Limbs<N>& Gy, EcCurve Id, bool Asm>
struct CurveParams {
  static constexpr EcCurve kId = Id;
  static constexpr std::size_t kLimbs = N;
  static constexpr std::size_t kBytes = 8 * N;  // field elements and scalars alike
  using FieldMod = Modulus<N, P>;
  using ScalarMod = Modulus<N, Order>;
  using F = Field<FieldMod, Asm>;   // coordinates
  using S = Field<ScalarMod, Asm>;  // scalars mod n
  static constexpr Limbs<N> b = F::to_montgomery(B);
  static constexpr Limbs<N> gx = F::to_montgomery(Gx);
  static constexpr Limbs<N> gy = F::to_montgomery(Gy);
};

/// Asm: use the x86-64 assembly accumulator in field multiplication (see ec_field.hpp).
template <bool Asm>
using P256 = CurveParams<4, p256_constants::p, p256_constants::n, p256_constants::b,
                         p256_constants::gx, p256_constants::gy, EcCurve::p256, Asm>;
template <bool Asm>
using P384 = CurveParams<6, p384_constants::p, p384_constants::n, p384_constants::b,
                         p384_constants::gx, p384_constants::gy, EcCurve::p384, Asm>;

}  // namespace glasstls::crypto::ec
