// Internal: the Poly1305 implementations behind the registry table in poly1305.cpp.
#pragma once

#include <cstddef>
#include <cstdint>

namespace glasstls::crypto::detail {

/// Five 26-bit limbs (poly1305_portable.cpp).
void poly1305_init_portable(void* state, const std::uint8_t key[32]);
void poly1305_blocks_portable(void* state, const std::uint8_t* data, std::size_t nblocks,
                              std::uint32_t pad_bit);
void poly1305_finish_portable(void* state, std::uint8_t tag[16]);

/// 44/44/42-bit limbs, 128-bit products, four blocks per loop (poly1305_radix44.cpp).
void poly1305_init_radix44(void* state, const std::uint8_t key[32]);
void poly1305_blocks_radix44(void* state, const std::uint8_t* data, std::size_t nblocks,
                             std::uint32_t pad_bit);
void poly1305_finish_radix44(void* state, std::uint8_t tag[16]);

/// 64-bit limbs with 128-bit products, one block per loop (poly1305_radix64.cpp).
void poly1305_init_radix64(void* state, const std::uint8_t key[32]);
void poly1305_blocks_radix64(void* state, const std::uint8_t* data, std::size_t nblocks,
                             std::uint32_t pad_bit);
void poly1305_finish_radix64(void* state, std::uint8_t tag[16]);

}  // namespace glasstls::crypto::detail
