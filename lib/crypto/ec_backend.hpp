// The EcOps of one field implementation (internal header): keys, ECDH and the ECDSA equations on
// top of ec_group.hpp, for both curves. ec_backends.cpp instantiates it twice (portable and
// x86-64 assembly) for the registry; ec.cpp and ecdsa.cpp call it through EcOps.
#pragma once

#include <algorithm>

#include "ec_group.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/ec.hpp"

namespace glasstls::crypto::ec {

/// bits2int (RFC 6979 §2.3.2) for an order of exactly 8·size bits: the leftmost `size` bytes of
/// a longer string, or a shorter string as a number (left-padded with zeros). This is also
/// FIPS 186-5's truncation of the hash to the order's length (§6.4.1 step 3).
inline std::array<std::uint8_t, kEcMaxScalarSize> bits2int(ByteView bits, std::size_t size) {
  std::array<std::uint8_t, kEcMaxScalarSize> out{};
  if (bits.size() >= size) {
    std::copy_n(bits.begin(), size, out.begin());
  } else {
    std::copy(bits.begin(), bits.end(),
              out.begin() + static_cast<std::ptrdiff_t>(size - bits.size()));
  }
  return out;
}

/// x − n when x >= n, else x; for x < 2n (true of truncated hashes and of x-coordinates on both
/// curves, since n > 2^(8·size − 1) and p < 2n). Constant time.
template <class G>
typename G::Fe reduce_mod_order(const typename G::Fe& x) noexcept {
  typename G::Fe diff{};
  std::uint8_t borrow = 0;
  for (std::size_t i = 0; i < G::N; ++i)
    diff[i] = sub_borrow(x[i], G::Curve::ScalarMod::m[i], borrow, borrow);
  return G::F::select(ct::mask_from_bit(borrow), x, diff);
}

template <bool Asm>
struct Backend {
  template <class Fn>
  static decltype(auto) with_group(EcCurve curve, Fn&& fn) {
    if (curve == EcCurve::p256) return fn(Group<P256<Asm>>{});
    return fn(Group<P384<Asm>>{});
  }

  static void public_point(EcCurve curve, std::uint8_t* xy, const std::uint8_t* d) {
    with_group(curve, [&](auto group) {
      using G = decltype(group);
      std::uint64_t inf = 0;
      G::encode_xy(xy, G::to_affine(G::mul_base_ct(d), inf));
    });
  }

  static bool shared_x(EcCurve curve, std::uint8_t* x, const std::uint8_t* d,
                       const std::uint8_t* q_xy) {
    return with_group(curve, [&](auto group) {
      using G = decltype(group);
      typename G::Affine q;
      bool too_big = false;
      G::decode_xy(q_xy, q, too_big);  // validated by the caller; this converts it
      std::uint64_t inf = 0;
      const auto a = G::to_affine(G::mul_ct(G::from_affine(q), d), inf);
      G::F::to_bytes(x, G::F::from_montgomery(a.x));
      return ct::declassify_value(inf) == 0;
    });
  }

  // FIPS 186-5 §6.4.1 steps 3–11 with nonce k:
  //   e = leftmost bits of the digest, R = [k]G, r = x(R) mod n, s = k⁻¹·(e + r·d) mod n.
  // Reveals only whether r or s came out 0 (and r and s themselves).
  static bool sign(EcCurve curve, EcdsaSignature& sig, const std::uint8_t* d_bytes,
                   ByteView digest, const std::uint8_t* k_bytes) {
    return with_group(curve, [&](auto group) {
      using G = decltype(group);
      using F = typename G::F;
      using S = typename G::S;
      std::uint64_t inf = 0;
      const auto a = G::to_affine(G::mul_base_ct(k_bytes), inf);
      const auto r = reduce_mod_order<G>(F::from_montgomery(a.x));
      sig.size = G::kBytes;
      F::to_bytes(sig.r.data(), r);
      ct::declassify(sig.r.data(), sig.size);  // r is part of the signature
      if (ct::declassify_value(S::is_zero(r)) != 0) return false;

      // s = k⁻¹·(e + r·d), in Montgomery form throughout. k⁻¹ = k^(n−2): its running time does
      // not depend on k's value or length (the Minerva attacks timed inversions that did).
      const auto e_bytes = bits2int(digest, G::kBytes);
      const auto e = reduce_mod_order<G>(F::from_bytes(e_bytes.data()));
      const auto d = F::from_bytes(d_bytes);
      const auto k = F::from_bytes(k_bytes);
      const auto k_inv = S::invert(S::to_montgomery(k));
      const auto sum = S::add(S::to_montgomery(e), S::mul(S::to_montgomery(r), S::to_montgomery(d)));
      const auto s = S::from_montgomery(S::mul(k_inv, sum));
      F::to_bytes(sig.s.data(), s);
      ct::declassify(sig.s.data(), sig.size);
      return ct::declassify_value(S::is_zero(s)) == 0;
    });
  }

  // FIPS 186-5 §6.4.2 steps 3–9: w = s⁻¹, u1 = e·w, u2 = r·w, R = [u1]G + [u2]Q, and accept
  // when R ≠ ∞ and x(R) mod n = r.
  static bool verify(EcCurve curve, const std::uint8_t* q_xy, ByteView digest,
                     const EcdsaSignature& sig) {
    return with_group(curve, [&](auto group) {
      using G = decltype(group);
      using F = typename G::F;
      using S = typename G::S;
      typename G::Affine q;
      bool too_big = false;
      if (!G::decode_xy(q_xy, q, too_big)) return false;

      const auto r = F::from_bytes(sig.r.data());
      const auto s = F::from_bytes(sig.s.data());
      const auto e_bytes = bits2int(digest, G::kBytes);
      const auto e = reduce_mod_order<G>(F::from_bytes(e_bytes.data()));
      const auto w = S::invert(S::to_montgomery(s));
      std::uint8_t u1[G::kBytes], u2[G::kBytes];
      F::to_bytes(u1, S::from_montgomery(S::mul(S::to_montgomery(e), w)));
      F::to_bytes(u2, S::from_montgomery(S::mul(S::to_montgomery(r), w)));
      const auto big_r = G::mul_double_vartime(u1, G::from_affine(q), u2);
      if (F::is_zero(big_r.z)) return false;  // R = ∞

      // x(R) mod n = r without an inversion: x(R) = X/Z lies in [0, p), so x(R) mod n = r means
      // x(R) = r, or x(R) = r + n when r + n < p. Compare X with r·Z and (r + n)·Z.
      if (F::equal(big_r.x, F::mul(F::to_montgomery(r), big_r.z))) return true;
      typename G::Fe r_plus_n{};
      std::uint8_t carry = 0;
      for (std::size_t i = 0; i < G::N; ++i)
        r_plus_n[i] = add_carry(r[i], G::Curve::ScalarMod::m[i], carry, carry);
      if (carry != 0 || F::less_than_modulus(r_plus_n) == 0) return false;
      return F::equal(big_r.x, F::mul(F::to_montgomery(r_plus_n), big_r.z)) != 0;
    });
  }

  static constexpr EcOps ops{&public_point, &shared_x, &sign, &verify};
};

}  // namespace glasstls::crypto::ec
