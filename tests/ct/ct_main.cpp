// Runs every registered constant-time check. Under valgrind (see tests/ct/CMakeLists.txt) any
// secret-dependent branch or index makes memcheck report an error and the run exit non-zero.
// An argument runs only the checks whose names contain it (ct_harness tls_), for quick reruns.
#include <cstdlib>
#include <cstring>

#include "ct_harness.hpp"

namespace glasstls::cttest {

std::vector<Check>& checks() {
  static std::vector<Check> all;
  return all;
}

static int failures = 0;
void fail(const char* check, const char* what) {
  std::fprintf(stderr, "FAILED %s: %s\n", check, what);
  ++failures;
}

}  // namespace glasstls::cttest

int main(int argc, char** argv) {
  using namespace glasstls::cttest;
  const char* only = argc > 1 ? argv[1] : nullptr;
  const bool under_valgrind = RUNNING_ON_VALGRIND != 0;
  std::printf("constant-time harness: %zu checks%s\n", checks().size(),
              under_valgrind ? " (under valgrind)" : " (NOT under valgrind: timing is unchecked)");
  for (const auto& c : checks()) {
    if (only != nullptr && std::strstr(c.name, only) == nullptr) continue;
    std::printf("  %s\n", c.name);
    std::fflush(stdout);
    c.fn();
  }
  const unsigned errors = under_valgrind ? VALGRIND_COUNT_ERRORS : 0;
  std::printf("%u valgrind errors, %d wrong answers\n", errors, failures);
  return (errors == 0 && failures == 0) ? 0 : 1;
}
