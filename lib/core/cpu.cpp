// CPU feature detection: CPUID leaves 1 and 7 (Intel SDM Vol. 2A, "CPUID"), and XGETBV to check
// that the operating system saves the wider registers on a context switch. A CPU may support AVX
// while the OS does not enable it; then AVX code would crash, so both must agree.
#include "glasstls/core/cpu.hpp"

#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace glasstls {

namespace {

constexpr bool bit(std::uint32_t reg, int n) { return ((reg >> n) & 1u) != 0; }

CpuFeatures detect() {
  CpuFeatures f;
#if defined(__x86_64__) || defined(__i386__)
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return f;
  f.ssse3 = bit(ecx, 9);
  f.sse41 = bit(ecx, 19);
  f.pclmulqdq = bit(ecx, 1);
  f.aesni = bit(ecx, 25);
  const bool osxsave = bit(ecx, 27);
  const bool cpu_avx = bit(ecx, 28);

  std::uint64_t xcr0 = 0;
  if (osxsave) {
    std::uint32_t lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    xcr0 = (std::uint64_t{hi} << 32) | lo;
  }
  const bool os_avx = (xcr0 & 0x6) == 0x6;        // XMM (bit 1) and YMM (bit 2) state
  const bool os_avx512 = (xcr0 & 0xe6) == 0xe6;   // plus opmask, ZMM_Hi256, Hi16_ZMM (bits 5-7)
  f.avx = cpu_avx && os_avx;

  unsigned max_leaf = __get_cpuid_max(0, nullptr);
  if (max_leaf >= 7) {
    __cpuid_count(7, 0, eax, ebx, ecx, edx);
    f.avx2 = f.avx && bit(ebx, 5);
    f.bmi2 = bit(ebx, 8);
    f.adx = bit(ebx, 19);
    f.sha_ni = bit(ebx, 29);
    f.avx512f = os_avx512 && bit(ebx, 16);
    f.avx512bw = f.avx512f && bit(ebx, 30);
    f.avx512ifma = f.avx512f && bit(ebx, 21);
    f.avx512vl = f.avx512f && bit(ebx, 31);
    f.vaes = f.avx && bit(ecx, 9);
    f.vpclmulqdq = f.avx && bit(ecx, 10);
  }
#endif
  return f;
}

}  // namespace

const CpuFeatures& cpu_features() {
  static const CpuFeatures features = detect();
  return features;
}

bool portable_forced() {
  static const bool forced = [] {
    const char* v = std::getenv("GLASSTLS_PORTABLE");
    return v != nullptr && *v != '\0' && std::strcmp(v, "0") != 0;
  }();
  return forced;
}

std::string CpuFeatures::to_string() const {
  std::string s;
  auto add = [&s](bool on, const char* name) {
    if (!on) return;
    if (!s.empty()) s += ' ';
    s += name;
  };
  add(ssse3, "ssse3");
  add(sse41, "sse4.1");
  add(aesni, "aesni");
  add(pclmulqdq, "pclmulqdq");
  add(sha_ni, "sha_ni");
  add(avx, "avx");
  add(avx2, "avx2");
  add(bmi2, "bmi2");
  add(adx, "adx");
  add(avx512f, "avx512f");
  add(avx512vl, "avx512vl");
  add(avx512bw, "avx512bw");
  add(avx512ifma, "avx512ifma");
  add(vaes, "vaes");
  add(vpclmulqdq, "vpclmulqdq");
  return s;
}

}  // namespace glasstls
