// The implementation registry: every primitive lists its implementations (portable first in
// reading order, fastest first in choosing order), and says which one is active.
//
// Nothing here is a global switch. A primitive's default is chosen once from the CPU features and
// GLASSTLS_PORTABLE; tests and benchmarks that want a particular implementation ask for it by name
// and get an object (a table of function pointers) they pass to the algorithm explicitly:
//
//     const auto* impl = crypto::sha256_implementation("portable");
//     crypto::Sha256 h(*impl);
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "glasstls/core/cpu.hpp"

namespace glasstls {

/// One implementation of a primitive. `Ops` is the primitive's table of functions.
template <class Ops>
struct Implementation {
  std::string_view name;      // "portable", "sha_ni", "aesni", ...
  bool portable;              // true for the plain C++ reference a learner reads first
  bool (*available)();        // can this CPU run it? (always true for portable code)
  Ops ops;
};

/// Picks the default from a primitive's table, which is ordered fastest first and ends with the
/// portable implementation: the first available one, or the first portable one when
/// GLASSTLS_PORTABLE=1. Call once and cache the result.
template <class Ops>
const Implementation<Ops>& choose_default(std::span<const Implementation<Ops>> table) {
  const bool portable_only = portable_forced();
  for (const auto& impl : table) {
    if (portable_only && !impl.portable) continue;
    if (impl.available()) return impl;
  }
  return table.back();
}

/// Looks an implementation up by name; nullptr if there is none by that name or this CPU cannot
/// run it.
template <class Ops>
const Implementation<Ops>* find_implementation(std::span<const Implementation<Ops>> table,
                                               std::string_view name) {
  for (const auto& impl : table)
    if (impl.name == name) return impl.available() ? &impl : nullptr;
  return nullptr;
}

/// A row of the registry listing, for `glasstls_demo --implementations`, tests and benchmarks.
struct ImplementationInfo {
  std::string_view primitive;  // "sha256", "aes", ...
  std::string_view name;
  bool portable;
  bool available;
  bool active;                 // the one chosen by default
};

/// Every implementation of every primitive the library has.
std::vector<ImplementationInfo> list_implementations();

/// Helper for the primitives' listing functions.
template <class Ops>
void append_implementations(std::vector<ImplementationInfo>& out, std::string_view primitive,
                            std::span<const Implementation<Ops>> table,
                            const Implementation<Ops>& active) {
  for (const auto& impl : table)
    out.push_back({primitive, impl.name, impl.portable, impl.available(), &impl == &active});
}

}  // namespace glasstls
