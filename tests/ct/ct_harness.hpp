// The valgrind constant-time harness.
//
// Idea (after Adam Langley's ctgrind): memcheck already reports any conditional jump, and any
// memory address, computed from *uninitialised* bytes. If we tell it that secrets are
// uninitialised, it reports exactly the secret-dependent branches and table indices we forbid.
// Results we intend to publish (a final "tag ok?" verdict, a public key) are declassified before
// the caller looks at them.
//
// Outside valgrind the client requests are no-ops, so the harness also runs as a plain program.
#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <valgrind/memcheck.h>

namespace glasstls::cttest {

/// Marks bytes as secret: memcheck will flag any branch or address that depends on them.
inline void secret(const void* p, std::size_t n) { (void)VALGRIND_MAKE_MEM_UNDEFINED(p, n); }
template <class T, std::size_t N>
void secret(std::span<T, N> s) { secret(s.data(), s.size_bytes()); }

/// Marks bytes as public again (a result the algorithm is allowed to reveal).
inline void declassify(const void* p, std::size_t n) { (void)VALGRIND_MAKE_MEM_DEFINED(p, n); }
template <class T, std::size_t N>
void declassify(std::span<T, N> s) { declassify(s.data(), s.size_bytes()); }
template <class T>
void declassify(T& v) { declassify(&v, sizeof v); }

/// One named check. Register with GLASSTLS_CT_CHECK(name) { ... } in any file of the harness.
struct Check {
  const char* name;
  void (*fn)();
};
std::vector<Check>& checks();
struct Registrar {
  Registrar(const char* name, void (*fn)()) { checks().push_back({name, fn}); }
};

/// Reports a functional failure (wrong answer) — separate from valgrind's timing findings.
void fail(const char* check, const char* what);

}  // namespace glasstls::cttest

#define GLASSTLS_CT_CHECK(id)                                                   \
  static void ct_check_##id();                                                  \
  static ::glasstls::cttest::Registrar ct_registrar_##id(#id, &ct_check_##id);  \
  static void ct_check_##id()
