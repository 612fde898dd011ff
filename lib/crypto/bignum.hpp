// Multi-precision unsigned integers for RSA: little-endian vectors of 64-bit limbs whose length is
// fixed by the modulus they belong to (never trimmed, so run time depends only on public sizes).
//
// Internal header (lib/crypto). Every function here is constant time in the values of its
// arguments unless its name ends in _vartime; those are only used on public values or on values
// that are uniformly random and independent of any secret (see rsa.cpp, blinding).
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <span>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/ct.hpp"

namespace glasstls::crypto::bn {

/// An allocator that zeroes memory before giving it back, so every limb vector (and every
/// temporary) is wiped when it dies, on every path.
template <class T>
struct WipingAllocator {
  using value_type = T;
  WipingAllocator() = default;
  template <class U>
  WipingAllocator(const WipingAllocator<U>&) noexcept {}  // NOLINT: rebinding
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept {
    ct::secure_wipe(p, n * sizeof(T));
    ::operator delete(p);
  }
  template <class U>
  bool operator==(const WipingAllocator<U>&) const noexcept { return true; }
};

using Limb = std::uint64_t;
using Limbs = std::vector<Limb, WipingAllocator<Limb>>;
__extension__ typedef unsigned __int128 u128;  // GCC/Clang extension: 64×64→128 products

/// The largest modulus handled: 8192 bits.
inline constexpr std::size_t kMaxLimbs = 128;

/// Limbs needed for `bits` bits.
inline constexpr std::size_t limbs_for_bits(std::size_t bits) { return (bits + 63) / 64; }

/// Big-endian bytes to `n_limbs` limbs. The value must fit (leading bytes beyond the limbs must
/// be zero; they are checked, the check's verdict is returned). Constant time in the bytes.
[[nodiscard]] bool from_bytes(Limbs& out, ByteView be, std::size_t n_limbs);
/// Limbs to exactly `out.size()` big-endian bytes (the value must fit).
void to_bytes(MutableByteView out, std::span<const Limb> a);
/// Limbs to big-endian bytes without leading zeros (variable time: public values or key export).
Bytes to_bytes_trimmed_vartime(std::span<const Limb> a);

/// Number of significant bits (variable time: public values only).
std::size_t bit_length_vartime(std::span<const Limb> a);

/// r = a + b over r.size() limbs (a, b zero-extended); returns the carry out (0 or 1).
Limb add(std::span<Limb> r, std::span<const Limb> a, std::span<const Limb> b);
/// r = a - b over r.size() limbs; returns the borrow out (0 or 1).
Limb sub(std::span<Limb> r, std::span<const Limb> a, std::span<const Limb> b);
/// r = a · b, r.size() == a.size() + b.size() (schoolbook; constant time).
void mul(std::span<Limb> r, std::span<const Limb> a, std::span<const Limb> b);
/// r = a · w for a single limb w, r.size() == a.size() + 1.
void mul_limb(std::span<Limb> r, std::span<const Limb> a, Limb w);
/// All ones if a < b (same length), constant time.
Limb less_than_mask(std::span<const Limb> a, std::span<const Limb> b);
/// All ones if a == b (same length), constant time.
Limb equal_mask(std::span<const Limb> a, std::span<const Limb> b);
/// All ones if a == 0.
Limb is_zero_mask(std::span<const Limb> a);
/// dst = mask ? src : dst.
void select(Limb mask, std::span<Limb> dst, std::span<const Limb> src);

/// r = a mod m for any m > 0 (even moduli too), by shifting a in bit by bit and subtracting m
/// under a mask (the "bitwise shift-subtract with masks" method). r.size() == m.size(). Constant
/// time in a and m; cost a.size()·64·m.size(). Used where Montgomery cannot be (even moduli) or
/// where speed does not matter (key checks, key generation).
void mod_ct(std::span<Limb> r, std::span<const Limb> a, std::span<const Limb> m);
/// x mod m for one limb, constant time (64 shift-subtract steps; m < 2^63).
Limb mod_limb_ct(std::span<const Limb> a, Limb m);

/// r = a^-1 mod m for odd m, a < m (binary extended Euclid, VARIABLE TIME). Returns false if
/// gcd(a, m) != 1. r.size() == m.size().
[[nodiscard]] bool inverse_odd_vartime(std::span<Limb> r, std::span<const Limb> a,
                                       std::span<const Limb> m);
/// gcd(a, b) (binary, VARIABLE TIME), result in r (r.size() == max size).
void gcd_vartime(std::span<Limb> r, std::span<const Limb> a, std::span<const Limb> b);

}  // namespace glasstls::crypto::bn
