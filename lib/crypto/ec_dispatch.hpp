// Runs a generic lambda with the Group type of a run-time curve choice (internal header).
//
//     ec::with_group(curve, [&](auto group) { using G = decltype(group); ... G::mul_ct(...) ... });
#pragma once

#include "ec_group.hpp"

namespace glasstls::crypto::ec {

template <class Fn>
decltype(auto) with_group(EcCurve curve, Fn&& fn) {
  if (curve == EcCurve::p256) return fn(Group<P256>{});
  return fn(Group<P384>{});
}

}  // namespace glasstls::crypto::ec
