#include "glasstls/core/ct.hpp"

#include <cstring>

// Only the header is used (client requests are inline asm), so this is no runtime dependency.
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define GLASSTLS_HAVE_MEMCHECK 1
#endif

namespace glasstls::ct {

void conditional_swap(std::uint64_t mask, std::span<std::uint64_t> a,
                      std::span<std::uint64_t> b) noexcept {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) conditional_swap(mask, a[i], b[i]);
}

void conditional_copy(std::uint64_t mask, std::span<std::uint8_t> dst,
                      std::span<const std::uint8_t> src) noexcept {
  const auto m = static_cast<std::uint8_t>(mask);
  for (std::size_t i = 0; i < dst.size() && i < src.size(); ++i)
    dst[i] = select8(m, src[i], dst[i]);
}

std::uint64_t memory_equal_mask(std::span<const std::uint8_t> a,
                                std::span<const std::uint8_t> b) noexcept {
  if (a.size() != b.size()) return 0;  // lengths are public
  // Accumulate every difference; look at the total only once, at the end.
  std::uint64_t diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<std::uint64_t>(a[i] ^ b[i]);
  return is_zero(diff);
}

void declassify(const void* data, std::size_t len) noexcept {
#if GLASSTLS_HAVE_MEMCHECK
  (void)VALGRIND_MAKE_MEM_DEFINED(data, len);
#else
  (void)data;
  (void)len;
#endif
}

void secure_wipe(void* data, std::size_t len) noexcept {
  if (len == 0) return;
  std::memset(data, 0, len);
  // The compiler must assume this statement reads the buffer (the "memory" clobber), so the
  // memset above is not a dead store it may delete.
  __asm__ __volatile__("" : : "r"(data) : "memory");
}

}  // namespace glasstls::ct
