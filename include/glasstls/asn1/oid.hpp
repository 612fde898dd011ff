// Oid: an ASN.1 OBJECT IDENTIFIER, stored as its DER content octets (X.690 §8.19).
//
// Storing the encoded bytes makes comparison a memcmp, makes Oid usable as a map key, and lets
// named constants be built at compile time from the arcs exactly as the RFCs print them:
//
//     constexpr Oid rsa = Oid::from_arcs({1, 2, 840, 113549, 1, 1, 1});
//
// The table of named OIDs glasstls knows is in oid_table.hpp.
#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "glasstls/core/bytes.hpp"

namespace glasstls::asn1 {

class Oid {
 public:
  /// Longest content encoding glasstls stores. Real-world OIDs are far shorter (a 128-bit UUID
  /// arc under 2.25 takes 20 bytes); the reader rejects longer ones with a clear reason.
  static constexpr std::size_t max_size = 63;

  constexpr Oid() = default;

  /// Builds an OID from its arcs at compile time. An invalid list (fewer than two arcs, first arc
  /// above 2, second arc above 39 under arcs 0 and 1, too long) fails to compile.
  static consteval Oid from_arcs(std::initializer_list<std::uint64_t> arcs) {
    Oid o;
    if (arcs.size() < 2) throw "an OID needs at least two arcs";
    auto it = arcs.begin();
    const std::uint64_t first = *it++;
    const std::uint64_t second = *it++;
    if (first > 2 || (first < 2 && second > 39)) throw "bad first or second arc";
    o.append_subidentifier(first * 40 + second);  // X.690 §8.19.4
    for (; it != arcs.end(); ++it) o.append_subidentifier(*it);
    return o;
  }

  /// Wraps DER content octets after checking them (non-empty, minimal subidentifiers, last byte
  /// ends a subidentifier, at most max_size bytes). Nothing on any violation.
  static std::optional<Oid> from_der_contents(ByteView contents);

  /// Parses "1.2.840.113549": at least two arcs, decimal without leading zeros, each arc below
  /// 2^64, first arc 0..2, second arc 0..39 under arcs 0 and 1.
  static std::optional<Oid> from_dotted(std::string_view dotted);

  /// "1.2.840.113549.1.1.11". Arcs of any size are printed exactly (2.25.<uuid> included).
  std::string to_dotted() const;

  /// The DER content octets (no tag or length).
  ByteView der_contents() const noexcept { return ByteView(bytes_.data(), size_); }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

  friend constexpr bool operator==(const Oid&, const Oid&) = default;
  friend constexpr auto operator<=>(const Oid&, const Oid&) = default;

 private:
  // X.690 §8.19.2: base 128, most significant group first, bit 8 set on all but the last byte.
  constexpr void append_subidentifier(std::uint64_t v) {
    std::uint8_t groups[10] = {};
    std::size_t n = 0;
    do {
      groups[n++] = static_cast<std::uint8_t>(v & 0x7f);
      v >>= 7;
    } while (v != 0);
    if (size_ + n > max_size) throw "OID too long";
    while (n > 1) bytes_[size_++] = static_cast<std::uint8_t>(groups[--n] | 0x80);
    bytes_[size_++] = groups[0];
  }

  // Member order matters for the defaulted comparisons: size first, then bytes. Unused bytes are
  // always zero so the defaulted operators see equal OIDs as equal.
  std::uint8_t size_ = 0;
  std::array<std::uint8_t, max_size> bytes_{};
};

}  // namespace glasstls::asn1
