// OBJECT IDENTIFIER conversions between DER contents and dotted decimal (X.690 §8.19).
#include "glasstls/asn1/oid.hpp"

#include <algorithm>
#include <vector>

#include "asn1/der_rules.hpp"

namespace glasstls::asn1 {

namespace {

// A non-negative integer of any size in base 10^9 limbs (least significant first), just enough
// arithmetic to print subidentifiers that do not fit in 64 bits (2.25.<128-bit UUID>).
class Decimal {
 public:
  static constexpr std::uint32_t base = 1000000000;

  void mul_add(std::uint32_t m, std::uint32_t a) {
    std::uint64_t carry = a;
    for (auto& limb : limbs_) {
      const std::uint64_t v = std::uint64_t{limb} * m + carry;
      limb = static_cast<std::uint32_t>(v % base);
      carry = v / base;
    }
    while (carry != 0) {
      limbs_.push_back(static_cast<std::uint32_t>(carry % base));
      carry /= base;
    }
  }
  // True if the value is below `x` (x < base).
  bool less_than(std::uint32_t x) const {
    return limbs_.empty() || (limbs_.size() == 1 && limbs_[0] < x);
  }
  std::uint32_t small_value() const { return limbs_.empty() ? 0 : limbs_[0]; }
  // Subtracts x (x < base); the value must be at least x.
  void subtract(std::uint32_t x) {
    std::uint64_t borrow = x;
    for (auto& limb : limbs_) {
      if (limb >= borrow) {
        limb = static_cast<std::uint32_t>(limb - borrow);
        break;
      }
      limb = static_cast<std::uint32_t>(std::uint64_t{limb} + base - borrow);
      borrow = 1;
    }
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  }
  std::string to_string() const {
    if (limbs_.empty()) return "0";
    std::string s = std::to_string(limbs_.back());
    for (std::size_t i = limbs_.size() - 1; i-- > 0;) {
      std::string part = std::to_string(limbs_[i]);
      s += std::string(9 - part.size(), '0') + part;
    }
    return s;
  }

 private:
  std::vector<std::uint32_t> limbs_;
};

}  // namespace

std::optional<Oid> Oid::from_der_contents(ByteView contents) {
  if (detail::check_oid(contents) || contents.size() > max_size) return std::nullopt;
  Oid o;
  std::copy(contents.begin(), contents.end(), o.bytes_.begin());
  o.size_ = static_cast<std::uint8_t>(contents.size());
  return o;
}

std::string Oid::to_dotted() const {
  std::string out;
  Decimal sub;
  bool first = true;
  for (std::size_t i = 0; i < size_; ++i) {
    sub.mul_add(128, bytes_[i] & 0x7fu);
    if ((bytes_[i] & 0x80) != 0) continue;
    if (first) {
      // X.690 §8.19.4: the first subidentifier is 40 * arc1 + arc2, with arc1 in 0..2.
      first = false;
      if (sub.less_than(80)) {
        const std::uint32_t v = sub.small_value();
        out = std::to_string(v / 40) + "." + std::to_string(v % 40);
      } else {
        sub.subtract(80);
        out = "2." + sub.to_string();
      }
    } else {
      out += "." + sub.to_string();
    }
    sub = Decimal();
  }
  return out;
}

std::optional<Oid> Oid::from_dotted(std::string_view dotted) {
  std::vector<std::uint64_t> arcs;
  std::size_t i = 0;
  while (true) {
    const std::size_t start = i;
    std::uint64_t v = 0;
    while (i < dotted.size() && dotted[i] >= '0' && dotted[i] <= '9') {
      const auto d = static_cast<std::uint64_t>(dotted[i] - '0');
      if (v > (~std::uint64_t{0} - d) / 10) return std::nullopt;  // arc does not fit in 64 bits
      v = v * 10 + d;
      ++i;
    }
    if (i == start) return std::nullopt;                             // empty arc
    if (dotted[start] == '0' && i - start > 1) return std::nullopt;  // leading zero
    arcs.push_back(v);
    if (i == dotted.size()) break;
    if (dotted[i] != '.') return std::nullopt;
    ++i;
  }
  if (arcs.size() < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39)) return std::nullopt;
  if (arcs[1] > ~std::uint64_t{0} - 80) return std::nullopt;

  Bytes enc;
  auto put = [&](std::uint64_t v) {
    std::uint8_t groups[10];
    std::size_t n = 0;
    do {
      groups[n++] = static_cast<std::uint8_t>(v & 0x7f);
      v >>= 7;
    } while (v != 0);
    while (n > 1) enc.push_back(static_cast<std::uint8_t>(groups[--n] | 0x80));
    enc.push_back(groups[0]);
  };
  put(arcs[0] * 40 + arcs[1]);
  for (std::size_t k = 2; k < arcs.size(); ++k) put(arcs[k]);
  return from_der_contents(enc);
}

}  // namespace glasstls::asn1
