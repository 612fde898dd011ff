// CPU features, detected once (CPUID, plus XGETBV to confirm the OS saves AVX/AVX-512 state).
//
// This is the only global mutable state in glasstls: a function-local static filled on first use.
#pragma once

#include <string>

namespace glasstls {

struct CpuFeatures {
  bool sse41 = false;
  bool ssse3 = false;
  bool aesni = false;       // AES-NI round instructions
  bool pclmulqdq = false;   // carry-less multiply (GHASH)
  bool sha_ni = false;      // SHA-256 extensions (SHA-NI)
  bool avx = false;         // AVX with OS support (XCR0 bits 1,2)
  bool avx2 = false;
  bool bmi2 = false;
  bool adx = false;
  bool avx512f = false;     // AVX-512 foundation with OS support (XCR0 bits 5,6,7)
  bool avx512vl = false;
  bool avx512bw = false;
  bool avx512ifma = false;  // 52-bit integer multiply-add (big-number arithmetic)
  bool vaes = false;        // vector AES (256/512-bit)
  bool vpclmulqdq = false;  // vector carry-less multiply

  /// The detected features as a space-separated list, e.g. "aesni pclmulqdq sha_ni avx2".
  std::string to_string() const;
};

/// What this CPU and OS can run. Computed once; thread-safe.
const CpuFeatures& cpu_features();

/// True when the environment variable GLASSTLS_PORTABLE is set to a non-empty value other than
/// "0": every primitive's default implementation is then its portable one. Read once.
bool portable_forced();

}  // namespace glasstls
