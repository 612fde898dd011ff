// Helpers shared by the P-256/P-384 tests: the curve constants typed in from the standard, fixed-
// width big-endian numbers, uncompressed points from hex coordinates, small DER builders for
// hand-made signatures, and a reader that tells which "[P-256,SHA-256]" section of a CAVP file a
// record belongs to (test::read_rsp accumulates bracketed headers, so it cannot say).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/hash.hpp"
#include "support/test_support.hpp"

namespace glasstls::ectest {

using crypto::EcCurve;
using crypto::HashAlg;

inline constexpr EcCurve kCurves[] = {EcCurve::p256, EcCurve::p384};
inline constexpr HashAlg kHashes[] = {HashAlg::sha1, HashAlg::sha256, HashAlg::sha384,
                                      HashAlg::sha512};

/// The domain parameters a test needs, as printed in RFC 5903 §3.1 (P-256) and §3.2 (P-384)
/// (the same values as FIPS 186-4 §D.1.2.3 and §D.1.2.4).
struct CurveConstants {
  const char* p;   // the field prime
  const char* n;   // the group order
  const char* gx;  // the generator
  const char* gy;
};

inline const CurveConstants& constants(EcCurve curve) {
  // clang-format off
  // RFC 5903 §3.1, "256-Bit Random ECP Group".
  static const CurveConstants p256{
      "FFFFFFFF 00000001 00000000 00000000 00000000 FFFFFFFF FFFFFFFF FFFFFFFF",
      "FFFFFFFF 00000000 FFFFFFFF FFFFFFFF BCE6FAAD A7179E84 F3B9CAC2 FC632551",
      "6B17D1F2 E12C4247 F8BCE6E5 63A440F2 77037D81 2DEB33A0 F4A13945 D898C296",
      "4FE342E2 FE1A7F9B 8EE7EB4A 7C0F9E16 2BCE3357 6B315ECE CBB64068 37BF51F5"};
  // RFC 5903 §3.2, "384-Bit Random ECP Group".
  static const CurveConstants p384{
      "FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE"
      "FFFFFFFF 00000000 00000000 FFFFFFFF",
      "FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF C7634D81 F4372DDF"
      "581A0DB2 48B0A77A ECEC196A CCC52973",
      "AA87CA22 BE8B0537 8EB1C71E F320AD74 6E1D3B62 8BA79B98 59F741E0 82542A38"
      "5502F25D BF55296C 3A545E38 72760AB7",
      "3617DE4A 96262C6F 5D9E98BF 9292DC29 F8F41DBD 289A147C E9DA3113 B5F0B8C0"
      "0A60B1CE 1D7E819D 7A431D7C 90EA0E5F"};
  // clang-format on
  return curve == EcCurve::p256 ? p256 : p384;
}

inline Bytes p_of(EcCurve c) {
  return test::hex(constants(c).p);
}
inline Bytes n_of(EcCurve c) {
  return test::hex(constants(c).n);
}

/// A hex number as exactly `size` big-endian bytes (CAVP files sometimes drop a leading zero
/// digit). nullopt when the value needs more than `size` bytes.
inline std::optional<Bytes> fixed_opt(std::string_view h, std::size_t size) {
  std::string digits;
  for (char ch : h)
    if (ch != ' ' && ch != '\n' && ch != '\t' && ch != ':') digits.push_back(ch);
  if (digits.size() % 2 != 0) digits.insert(digits.begin(), '0');
  Bytes b = test::hex(digits);
  std::size_t lead = 0;
  while (lead < b.size() && b[lead] == 0) ++lead;
  if (b.size() - lead > size) return std::nullopt;
  Bytes out(size, 0);
  std::copy(b.begin() + static_cast<std::ptrdiff_t>(lead), b.end(),
            out.end() - static_cast<std::ptrdiff_t>(b.size() - lead));
  return out;
}
inline Bytes fixed(std::string_view h, std::size_t size) {
  auto v = fixed_opt(h, size);
  EXPECT_TRUE(v.has_value()) << "value wider than " << size << " bytes: " << h;
  return v ? *v : Bytes(size, 0);
}

/// The big-endian number v + delta, same width, wrapping modulo 2^(8·width).
inline Bytes add_small(ByteView v, int delta) {
  Bytes out(v.begin(), v.end());
  if (delta >= 0) {
    unsigned carry = static_cast<unsigned>(delta);
    for (std::size_t i = out.size(); i-- > 0 && carry != 0;) {
      const unsigned sum = out[i] + carry;
      out[i] = static_cast<std::uint8_t>(sum);
      carry = sum >> 8;
    }
  } else {
    unsigned borrow = static_cast<unsigned>(-delta);
    for (std::size_t i = out.size(); i-- > 0 && borrow != 0;) {
      const unsigned take = borrow & 0xff;
      const bool under = out[i] < take;
      out[i] = static_cast<std::uint8_t>(out[i] - take);
      borrow = (borrow >> 8) + (under ? 1u : 0u);
    }
  }
  return out;
}

/// 04 ‖ X ‖ Y with each coordinate exactly ec_scalar_size(curve) bytes.
inline Bytes point(EcCurve curve, std::string_view x_hex, std::string_view y_hex) {
  const std::size_t size = crypto::ec_scalar_size(curve);
  Bytes out{0x04};
  const Bytes x = fixed(x_hex, size), y = fixed(y_hex, size);
  out.insert(out.end(), x.begin(), x.end());
  out.insert(out.end(), y.begin(), y.end());
  return out;
}
inline Bytes point(ByteView x, ByteView y) {
  Bytes out{0x04};
  out.insert(out.end(), x.begin(), x.end());
  out.insert(out.end(), y.begin(), y.end());
  return out;
}
inline Bytes generator(EcCurve curve) {
  return point(curve, constants(curve).gx, constants(curve).gy);
}

/// A private key from hex; fails the test (and returns a key from scalar 1) if it is refused.
inline crypto::EcPrivateKey key_from_hex(EcCurve curve, std::string_view d_hex) {
  auto k = crypto::EcPrivateKey::from_scalar(curve, fixed(d_hex, crypto::ec_scalar_size(curve)));
  EXPECT_TRUE(k.ok()) << "from_scalar refused " << d_hex;
  if (k.ok()) return *k;
  Bytes one(crypto::ec_scalar_size(curve), 0);
  one.back() = 1;
  return crypto::EcPrivateKey::from_scalar(curve, one).value();
}

/// Lower-case hex of a typed value (for comparisons with EXPECT_EQ on strings).
inline std::string lower_hex(std::string_view h) {
  return hex_encode(test::hex(h));
}

// ---- DER (X.690 §8.3, §8.9: INTEGER and SEQUENCE, short-form lengths only) ------------------

/// The minimal DER INTEGER of a non-negative big-endian magnitude.
inline Bytes der_integer(ByteView magnitude) {
  std::size_t lead = 0;
  while (lead < magnitude.size() && magnitude[lead] == 0) ++lead;
  const ByteView v = magnitude.subspan(lead);
  // Zero is the single content octet 00; a value with its top bit set needs a 00 in front.
  const bool pad = v.empty() || (v[0] & 0x80) != 0;
  Bytes out;
  out.reserve(v.size() + 3);
  out.push_back(0x02);
  out.push_back(static_cast<std::uint8_t>(v.size() + (pad ? 1 : 0)));
  if (pad) out.push_back(0x00);
  out.insert(out.end(), v.begin(), v.end());
  return out;
}
/// A TLV with a short-form length.
inline Bytes der_tlv(std::uint8_t tag, ByteView content) {
  Bytes out;
  out.reserve(content.size() + 2);
  out.push_back(tag);
  out.push_back(static_cast<std::uint8_t>(content.size()));
  out.insert(out.end(), content.begin(), content.end());
  return out;
}
inline Bytes cat(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}
/// SEQUENCE { r INTEGER, s INTEGER } from magnitudes (RFC 3279 §2.2.3 Ecdsa-Sig-Value).
inline Bytes der_signature(ByteView r, ByteView s) {
  return der_tlv(0x30, cat(der_integer(r), der_integer(s)));
}

/// An EcdsaSignature from fixed-width r and s.
inline crypto::EcdsaSignature signature(ByteView r, ByteView s) {
  crypto::EcdsaSignature sig;
  sig.size = r.size();
  std::copy(r.begin(), r.end(), sig.r.begin());
  std::copy(s.begin(), s.end(), sig.s.begin());
  return sig;
}

// ---- CAVP files ---------------------------------------------------------------------------

/// "SHA-256" (as CAVP section headers write it) to a HashAlg; nullopt for SHA-224, which glasstls
/// does not implement.
inline std::optional<HashAlg> hash_from_cavp(std::string_view name) {
  if (name == "SHA-1") return HashAlg::sha1;
  if (name == "SHA-256") return HashAlg::sha256;
  if (name == "SHA-384") return HashAlg::sha384;
  if (name == "SHA-512") return HashAlg::sha512;
  return std::nullopt;
}
inline std::optional<EcCurve> curve_from_cavp(std::string_view name) {
  if (name == "P-256") return EcCurve::p256;
  if (name == "P-384") return EcCurve::p384;
  return std::nullopt;
}

/// A record with the curve and hash named by the last curve header ("[P-256]" or
/// "[P-256,SHA-384]") above it; other headers ("[B.4.2 Key Pair ...]") are ignored.
struct CavpRecord {
  const test::RspRecord* record = nullptr;
  std::string curve;  // "P-256", "K-233", ...
  std::string hash;   // "SHA-384", or empty when the header names no hash
};

inline bool looks_like_curve(std::string_view s) {
  return s.size() >= 5 && (s[0] == 'P' || s[0] == 'K' || s[0] == 'B') && s[1] == '-' &&
         s[2] >= '0' && s[2] <= '9';
}

/// The records of `records` (read from `file`) paired with their curve headers.
inline std::vector<CavpRecord> with_curve_headers(const std::filesystem::path& file,
                                                  const std::vector<test::RspRecord>& records) {
  // (line number, header text) of every curve header, in file order.
  std::vector<std::pair<std::size_t, std::string>> headers;
  std::ifstream in(file);
  std::string line;
  std::size_t lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.size() < 2 || line.front() != '[' || line.back() != ']') continue;
    const std::string inner = line.substr(1, line.size() - 2);
    if (looks_like_curve(inner)) headers.emplace_back(lineno, inner);
  }
  std::vector<CavpRecord> out;
  std::size_t h = 0;
  std::string current;
  for (const auto& r : records) {
    while (h < headers.size() && headers[h].first < r.line) current = headers[h++].second;
    CavpRecord c;
    c.record = &r;
    const auto comma = current.find(',');
    c.curve = current.substr(0, comma);
    if (comma != std::string::npos) c.hash = current.substr(comma + 1);
    out.push_back(std::move(c));
  }
  return out;
}

/// A file under the shared shelf's vectors/ folder, if present.
inline std::optional<std::filesystem::path> shelf_file(const char* relative) {
  auto dir = test::shared_vectors_dir();
  if (!dir) return std::nullopt;
  auto f = *dir / relative;
  if (!std::filesystem::exists(f)) return std::nullopt;
  return f;
}
/// A file under python3-cryptography-vectors' tree, if present.
inline std::optional<std::filesystem::path> pyca_file(const char* relative) {
  auto dir = test::pyca_vectors_dir();
  if (!dir) return std::nullopt;
  auto f = *dir / relative;
  if (!std::filesystem::exists(f)) return std::nullopt;
  return f;
}

}  // namespace glasstls::ectest
