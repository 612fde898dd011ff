// The registry of EC implementations: the same templates compiled with the portable field
// arithmetic and with the x86-64 assembly accumulator (ec_field.hpp).
#include "ec_backend.hpp"

namespace glasstls::crypto {
namespace {

bool always_available() { return true; }

constexpr EcImplementation kImplementations[] = {
#if defined(__x86_64__) && !GLASSTLS_PORTABLE_BUILD
    EcImplementation{"x86_64", false, &always_available, ec::Backend<true>::ops},
#endif
    EcImplementation{"portable", true, &always_available, ec::Backend<false>::ops},
};

}  // namespace

std::span<const EcImplementation> ec_implementations() { return kImplementations; }

const EcImplementation& ec_default() {
  static const EcImplementation& chosen = choose_default(ec_implementations());
  return chosen;
}

const EcImplementation* ec_implementation(std::string_view name) {
  return find_implementation(ec_implementations(), name);
}

}  // namespace glasstls::crypto
