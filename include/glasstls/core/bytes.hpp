// Byte buffers and views used across glasstls.
//
// glasstls uses `std::uint8_t` for bytes everywhere (never std::byte, never char): it prints as a
// number in a debugger, converts without casts in arithmetic, and matches the RFCs' `uint8`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace glasstls {

/// An owned, growable byte string.
using Bytes = std::vector<std::uint8_t>;
/// A read-only view of bytes someone else owns.
using ByteView = std::span<const std::uint8_t>;
/// A writable view of bytes someone else owns.
using MutableByteView = std::span<std::uint8_t>;

/// Views the characters of a string as bytes (no copy).
inline ByteView as_bytes(std::string_view s) noexcept {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

/// Copies a view into an owned buffer.
inline Bytes to_bytes(ByteView v) { return Bytes(v.begin(), v.end()); }
inline Bytes to_bytes(std::string_view s) { return to_bytes(as_bytes(s)); }

/// Lower-case hexadecimal, two digits per byte, no separators.
std::string hex_encode(ByteView data);

/// Strict hex decoding: an even number of hex digits (either case), nothing else.
/// Returns nothing on any other character or an odd count.
std::optional<Bytes> hex_decode(std::string_view hex);

/// Lenient hex for test vectors copied from RFCs: ignores spaces, tabs, newlines and ':'.
std::optional<Bytes> hex_decode_lenient(std::string_view hex);

}  // namespace glasstls
