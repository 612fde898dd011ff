// Modular exponentiation with AVX-512 IFMA (52-bit multiply-accumulate, vpmadd52luq/huq) for
// the RSA CRT halves: 512-, 1024-, 1536- and 2048-bit moduli (8, 16, 24, 32 limbs of 64 bits).
// Internal header. Same contract as Montgomery::exp_ct: constant time in base, exponent and
// modulus; the table is read in full and selected by masks.
#pragma once

#include <cstddef>
#include <span>

#include "crypto/bignum.hpp"

namespace glasstls::crypto::bn {

/// True when this build has the IFMA path, the CPU and OS can run it, and GLASSTLS_PORTABLE is
/// not set.
bool ifma_exp_available() noexcept;
/// True when exp_ct_ifma handles an L-limb modulus.
bool ifma_exp_supports(std::size_t L) noexcept;
/// out = base^exp mod m (fully reduced). base < m; rr = 2^(128·L) mod m (Montgomery::rr()).
void exp_ct_ifma(std::span<Limb> out, std::span<const Limb> base, std::span<const Limb> exp,
                 std::size_t exp_bits, std::span<const Limb> m, std::span<const Limb> rr);
/// Two such exponentiations at once (the CRT halves), interleaved to hide latency. Both moduli
/// must have the same limb count.
void exp_ct_ifma_x2(std::span<Limb> out1, std::span<const Limb> base1, std::span<const Limb> exp1,
                    std::size_t exp_bits1, std::span<const Limb> m1, std::span<const Limb> rr1,
                    std::span<Limb> out2, std::span<const Limb> base2, std::span<const Limb> exp2,
                    std::size_t exp_bits2, std::span<const Limb> m2, std::span<const Limb> rr2);

}  // namespace glasstls::crypto::bn
