#include <gtest/gtest.h>

#include "glasstls/core/cpu.hpp"

namespace glasstls {
namespace {

TEST(Cpu, FeaturesAreConsistent) {
  const auto& f = cpu_features();
  // Implications the detection code must respect: OS-enabled wider state implies narrower.
  EXPECT_TRUE(!f.avx2 || f.avx);
  EXPECT_TRUE(!f.avx512vl || f.avx512f);
  EXPECT_TRUE(!f.vaes || f.avx);
  EXPECT_EQ(&cpu_features(), &f);  // detected once
  std::printf("cpu features: %s\n", f.to_string().c_str());
}

}  // namespace
}  // namespace glasstls
