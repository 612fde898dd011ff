// Result<T, E>: a value or an error, the return type of every fallible glasstls function.
//
// C++20 has no std::expected (that is C++23), so glasstls carries this small one. The public API
// of the protocol core never throws; errors are values the caller must look at ([[nodiscard]]).
#pragma once

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace glasstls {

/// Wraps an error value so that Result<T, E> can be built from it unambiguously.
template <class E>
struct Err {
  E error;
};
template <class E>
Err(E) -> Err<E>;

template <class T, class E>
class [[nodiscard]] Result {
 public:
  Result(const T& value) : v_(std::in_place_index<0>, value) {}           // NOLINT: implicit
  Result(T&& value) : v_(std::in_place_index<0>, std::move(value)) {}     // NOLINT: implicit
  template <class F, class = std::enable_if_t<std::is_convertible_v<F, E>>>
  Result(Err<F> e) : v_(std::in_place_index<1>, std::move(e.error)) {}   // NOLINT: implicit

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const E& error() const& { assert(!ok()); return std::get<1>(v_); }
  E&& error() && { assert(!ok()); return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, E> v_;
};

/// For functions that return nothing but may fail.
struct Unit {};

}  // namespace glasstls
