// Constant-time helpers: the one small header every secret-handling function builds on.
//
// CONTRACT
//  * A "mask" is a uint64_t (or uint32_t / uint8_t in the narrow variants) that is either all ones
//    (true) or all zeros (false). Functions taking a mask assume this and never branch on it.
//  * No function here branches on, or indexes memory by, any argument's value, and none divides.
//    Run times depend only on the lengths passed in.
//  * value_barrier() hides a value from the optimiser (an empty asm statement that claims to
//    change it), so the compiler cannot prove a mask is 0/1 and turn the arithmetic back into a
//    branch. Every mask-producing function passes its result through it.
//  * Lengths are public. Only contents are secret.
//  * When an algorithm deliberately reveals a value derived from secrets (the final "tag valid?"
//    verdict, a public key computed from a private one), it says so with declassify(). That is the
//    only way a secret-derived value may reach a branch.
//
// These are the rules the valgrind harness (tests/ct) checks: it marks secrets "undefined" and
// memcheck reports any branch or address that depends on them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace glasstls::ct {

/// Returns x unchanged, but the compiler can no longer reason about its value.
template <class T>
[[gnu::always_inline]] inline T value_barrier(T x) noexcept {
  __asm__("" : "+r"(x));
  return x;
}

/// All ones if bit 0 of `bit` is set, else zero. `bit` must be 0 or 1.
inline std::uint64_t mask_from_bit(std::uint64_t bit) noexcept {
  return value_barrier(0 - (bit & 1));
}

/// All ones if x != 0.
inline std::uint64_t is_nonzero(std::uint64_t x) noexcept {
  // (x | -x) has its top bit set exactly when x != 0.
  return mask_from_bit((x | (0 - x)) >> 63);
}
/// All ones if x == 0.
inline std::uint64_t is_zero(std::uint64_t x) noexcept { return ~is_nonzero(x); }
/// All ones if a == b.
inline std::uint64_t equal(std::uint64_t a, std::uint64_t b) noexcept { return is_zero(a ^ b); }

/// All ones if a < b (unsigned).
inline std::uint64_t less_than(std::uint64_t a, std::uint64_t b) noexcept {
  // The borrow out of the subtraction a - b (Hacker's Delight 2nd ed., §2-13): the top bit of
  // (~a & b) | ((~a | b) & (a - b)) is set exactly when a < b as unsigned numbers.
  return mask_from_bit(((~a & b) | ((~a | b) & (a - b))) >> 63);
}
/// All ones if a >= b (unsigned).
inline std::uint64_t greater_or_equal(std::uint64_t a, std::uint64_t b) noexcept {
  return ~less_than(a, b);
}

/// mask ? a : b, for a mask that is all ones or all zeros.
inline std::uint64_t select(std::uint64_t mask, std::uint64_t a, std::uint64_t b) noexcept {
  return b ^ (mask & (a ^ b));
}
inline std::uint32_t select32(std::uint32_t mask, std::uint32_t a, std::uint32_t b) noexcept {
  return b ^ (mask & (a ^ b));
}
inline std::uint8_t select8(std::uint8_t mask, std::uint8_t a, std::uint8_t b) noexcept {
  return static_cast<std::uint8_t>(b ^ (mask & (a ^ b)));
}

/// If mask is all ones, swaps a and b; otherwise leaves them. The same instructions run either way.
inline void conditional_swap(std::uint64_t mask, std::uint64_t& a, std::uint64_t& b) noexcept {
  const std::uint64_t t = mask & (a ^ b);
  a ^= t;
  b ^= t;
}

/// Swaps two equal-length arrays under a mask, word by word.
void conditional_swap(std::uint64_t mask, std::span<std::uint64_t> a, std::span<std::uint64_t> b) noexcept;

/// dst = mask ? src : dst, byte by byte (lengths must be equal).
void conditional_copy(std::uint64_t mask, std::span<std::uint8_t> dst,
                      std::span<const std::uint8_t> src) noexcept;

/// Compares two equal-length buffers in time that depends only on the length.
/// Returns all ones if equal. Different lengths are public information and give zero at once.
std::uint64_t memory_equal_mask(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept;


/// Marks bytes derived from secrets as public from here on. It changes nothing at run time; when
/// valgrind's header was present at build time it tells memcheck (via a client request, a few
/// no-op instructions outside valgrind) so the constant-time harness accepts branches on it.
void declassify(const void* data, std::size_t len) noexcept;

/// declassify() for one value, returned for convenience: `if (ct::declassify_value(ok)) ...`.
template <class T>
inline T declassify_value(T v) noexcept {
  declassify(&v, sizeof v);
  return v;
}

/// Convenience: true if the buffers are equal, compared in constant time. Use this for tag and MAC
/// checks (Finished, binders): the verdict is what the check reveals, so it is declassified here
/// and the caller may branch on it.
inline bool memory_equal(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) noexcept {
  return declassify_value(memory_equal_mask(a, b)) != 0;
}

/// Overwrites memory with zeros in a way the optimiser may not remove (it cannot see that the
/// buffer is dead afterwards, because the barrier claims to read it).
void secure_wipe(void* data, std::size_t len) noexcept;

template <class T, std::size_t N>
inline void secure_wipe(std::span<T, N> s) noexcept {
  secure_wipe(s.data(), s.size_bytes());
}

}  // namespace glasstls::ct
