// Montgomery arithmetic modulo an odd number (Montgomery, "Modular multiplication without trial
// division", Math. Comp. 44, 1985), sized to the modulus: R = 2^(64·L) for an L-limb modulus.
//
// Internal header (lib/crypto). Everything here is constant time in the operands (the modulus
// included: an RSA prime is a secret), except exp_public_vartime, whose *exponent* drives
// branches and which is therefore only given public exponents.
#pragma once

#include <cstddef>
#include <span>

#include "crypto/bignum.hpp"

namespace glasstls::crypto::bn {

class Montgomery {
 public:
  /// `m` must be odd and its top limb non-zero; m.size() limbs.
  explicit Montgomery(std::span<const Limb> m);

  std::size_t limbs() const noexcept { return m_.size(); }
  std::span<const Limb> modulus() const noexcept { return m_; }
  /// R² mod m, the constant that moves a number into Montgomery form.
  std::span<const Limb> rr() const noexcept { return rr_; }

  /// out = a·b·R^-1 mod m, fully reduced, for a·b < m·R (e.g. a < R and b < m). out may alias.
  void mul(std::span<Limb> out, std::span<const Limb> a, std::span<const Limb> b) const;
  /// out = a·R mod m (a < R).
  void to_mont(std::span<Limb> out, std::span<const Limb> a) const { mul(out, a, rr_); }
  /// out = a·R^-1 mod m.
  void from_mont(std::span<Limb> out, std::span<const Limb> a) const;

  /// out = x mod m for an x of any length, constant time (Horner's rule in Montgomery form,
  /// one limb-block of x at a time; no division).
  void reduce(std::span<Limb> out, std::span<const Limb> x) const;
  /// out = (a + b) mod m and (a - b) mod m for a, b < m.
  void add_mod(std::span<Limb> out, std::span<const Limb> a, std::span<const Limb> b) const;
  void sub_mod(std::span<Limb> out, std::span<const Limb> a, std::span<const Limb> b) const;

  /// out = base^exp mod m with base < m, exp of any length; constant time in base, exp and m.
  /// Fixed 5-bit windows over exp_bits bits (public), table read by masks. Runs the AVX-512 IFMA
  /// version (montgomery_ifma.cpp) for 8/16/24/32-limb moduli when the CPU has it.
  void exp_ct(std::span<Limb> out, std::span<const Limb> base, std::span<const Limb> exp,
              std::size_t exp_bits) const;
  /// out = base^exp mod m, square-and-multiply; VARIABLE TIME IN exp (public exponents only).
  /// Two exponentiations at once, out1 = base1^exp1 mod this, out2 = base2^exp2 mod other: with
  /// IFMA and equal sizes they run interleaved; otherwise one after the other.
  void exp_ct_pair(std::span<Limb> out1, std::span<const Limb> base1, std::span<const Limb> exp1,
                   std::size_t exp_bits1, const Montgomery& other, std::span<Limb> out2,
                   std::span<const Limb> base2, std::span<const Limb> exp2,
                   std::size_t exp_bits2) const;
  void exp_public_vartime(std::span<Limb> out, std::span<const Limb> base,
                          std::span<const Limb> exp) const;

  /// Calls fn(pointer, bytes) on each internal buffer (test-only: the constant-time harness
  /// marks a secret modulus's derived values secret through this).
  template <class Fn>
  void visit_buffers(Fn fn) const {
    fn(m_.data(), m_.size() * sizeof(Limb));
    fn(&m0inv_, sizeof m0inv_);
    fn(rr_.data(), rr_.size() * sizeof(Limb));
    fn(one_.data(), one_.size() * sizeof(Limb));
  }

 private:
  Limbs m_;
  Limb m0inv_ = 0;  // -m^-1 mod 2^64
  Limbs rr_;    // R² mod m
  Limbs one_;   // R mod m (1 in Montgomery form)
  // The multiplication routine unrolled for this limb count (chosen once, by public size).
  void (*mul_fn_)(Limb*, const Limb*, const Limb*, const Limb*, Limb, std::size_t);
  // Whether montgomery_ifma.cpp handles this size (exp_ct then uses it when the CPU has IFMA
  // and GLASSTLS_PORTABLE is not set; the portable code below is the reference).
  bool use_ifma_ = false;

 public:
  /// Whether exp_ct on this modulus takes the AVX-512 IFMA path.
  bool uses_ifma() const noexcept;
};

}  // namespace glasstls::crypto::bn
