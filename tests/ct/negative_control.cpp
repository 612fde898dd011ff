// Negative control for the constant-time harness: a deliberately secret-dependent branch and a
// secret-indexed table read. Built only for this test. Under valgrind the harness MUST report
// them; the CTest entry passes only if memcheck's report appears, proving the harness catches
// what it claims to.
#include <array>
#include <cstdint>
#include <cstdio>

#include "ct_harness.hpp"

namespace glasstls::cttest {
std::vector<Check>& checks() {
  static std::vector<Check> all;
  return all;
}
void fail(const char*, const char*) {}
}  // namespace glasstls::cttest

// noinline + volatile results keep the compiler from folding the leak away.
[[gnu::noinline]] static int leaky_compare(const std::uint8_t* a, const std::uint8_t* b, int n) {
  for (int i = 0; i < n; ++i)
    if (a[i] != b[i]) return 0;  // early exit: the classic timing leak
  return 1;
}

[[gnu::noinline]] static std::uint8_t leaky_lookup(std::uint8_t secret_index) {
  static const std::array<std::uint8_t, 256> table = [] {
    std::array<std::uint8_t, 256> t{};
    for (int i = 0; i < 256; ++i) t[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i * 7);
    return t;
  }();
  return table[secret_index];  // T-table AES leaks exactly like this
}

int main() {
  std::uint8_t key[16] = {1, 2, 3};
  std::uint8_t guess[16] = {1, 2, 4};
  glasstls::cttest::secret(key, sizeof key);
  volatile int r = leaky_compare(key, guess, 16);
  volatile std::uint8_t v = leaky_lookup(key[0]);
  std::printf("negative control ran (%d, %d)\n", static_cast<int>(r), static_cast<int>(v));
  return 0;
}
