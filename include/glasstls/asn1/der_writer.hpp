// DerWriter: builds DER (X.690 §10) the way the ASN.1 reads, nesting with closures:
//
//     DerWriter w;
//     w.sequence([&](DerWriter& alg) {            // AlgorithmIdentifier ::= SEQUENCE {
//       alg.oid(oids::sha256WithRSAEncryption);   //   algorithm   OBJECT IDENTIFIER,
//       alg.null();                               //   parameters  NULL }
//     });
//     if (!w.ok()) ...;  Bytes der = w.take();
//
// Each closure fills a fresh writer; its bytes are wrapped with the tag and the minimal length
// once it returns, so lengths are always right. A value that cannot be encoded (a PrintableString
// with '@', a UTCTime in 2050) makes the writer fail: ok() turns false, error() says why, and the
// output must not be used. Errors in nested writers propagate outwards.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "glasstls/asn1/oid.hpp"
#include "glasstls/asn1/tag.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"

namespace glasstls::asn1 {

class DerWriter {
 public:
  // ---- constructed values ----------------------------------------------------------------------
  template <class Fill>
  void sequence(Fill&& fill) {
    constructed(tags::sequence, std::forward<Fill>(fill));
  }
  /// SET and SET OF: the elements are sorted by their encodings, as DER requires for SET OF
  /// (X.690 §11.6); for a SET of distinct low tags this is also the tag order of §10.3.
  template <class Fill>
  void set(Fill&& fill) {
    DerWriter inner;
    fill(inner);
    wrap(tags::set, inner, /*sort_elements=*/true);
  }
  /// [n] EXPLICIT: the closure writes the one inner value.
  template <class Fill>
  void explicit_tag(std::uint32_t n, Fill&& fill) {
    constructed(Tag::context(n, true), std::forward<Fill>(fill));
  }
  /// [n] IMPLICIT of a constructed type: the closure writes the SEQUENCE's (or SET's) fields.
  template <class Fill>
  void implicit_constructed(std::uint32_t n, Fill&& fill) {
    constructed(Tag::context(n, true), std::forward<Fill>(fill));
  }
  /// Any constructed tag around what the closure writes.
  template <class Fill>
  void constructed(Tag tag, Fill&& fill) {
    DerWriter inner;
    fill(inner);
    wrap(tag, inner, /*sort_elements=*/false);
  }

  /// [n] IMPLICIT of a primitive type: the contents octets, already encoded by the caller.
  void implicit_primitive(std::uint32_t n, ByteView contents) {
    primitive(Tag::context(n, false), contents);
  }
  /// Any primitive tag with the given contents octets.
  void primitive(Tag tag, ByteView contents);
  /// A whole pre-encoded element (e.g. a tbsCertificate being signed), appended unchanged.
  void raw(ByteView encoded_element);

  // ---- primitive values ------------------------------------------------------------------------
  /// INTEGER from an unsigned big-endian magnitude: leading zeros stripped, a 0x00 sign byte
  /// added when the top bit is set (X.690 §8.3). An empty magnitude is zero.
  void unsigned_integer(ByteView magnitude);
  void integer(std::int64_t v);
  void enumerated(std::int64_t v);
  void boolean(bool v);
  void null();
  void oid(const Oid& o);
  /// BIT STRING; with unused_bits > 0 the last byte's low unused bits must already be zero.
  void bit_string(ByteView bytes, std::uint8_t unused_bits = 0);
  void octet_string(ByteView bytes);
  /// A character string of universal string type `type` from UTF-8 text: PrintableString,
  /// IA5String, NumericString and VisibleString check their alphabets, T61String is written as
  /// Latin-1, BMPString as UCS-2 and UniversalString as UCS-4 (big-endian).
  void string(Tag type, std::string_view utf8);
  void utf8_string(std::string_view s) { string(tags::utf8_string, s); }
  void printable_string(std::string_view s) { string(tags::printable_string, s); }
  void ia5_string(std::string_view s) { string(tags::ia5_string, s); }
  /// UTCTime: years 1950..2049 only.
  void utc_time(WallTime t);
  /// GeneralizedTime: years 0000..9999.
  void generalized_time(WallTime t);
  /// RFC 5280 §4.1.2.5 Time: UTCTime for 1950..2049, GeneralizedTime otherwise.
  void time(WallTime t);

  // ---- result ----------------------------------------------------------------------------------
  bool ok() const noexcept { return error_.empty(); }
  const std::string& error() const noexcept { return error_; }
  const Bytes& data() const noexcept { return out_; }
  Bytes take() noexcept { return std::move(out_); }

 private:
  void wrap(Tag tag, DerWriter& inner, bool sort_elements);
  void header(Tag tag, std::size_t length);
  void fail(std::string reason) {
    if (error_.empty()) error_ = std::move(reason);
  }

  Bytes out_;
  std::string error_;
};

}  // namespace glasstls::asn1
