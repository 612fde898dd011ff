// The strict DER reader: the one place glasstls turns DER bytes into values (ITU-T X.690 §10, the
// Distinguished Encoding Rules, on top of the basic rules of §8).
//
// Parsing code reads straight like the ASN.1 it follows. Errors are sticky: after the first one,
// every read returns an empty value and ok() is false, so the code checks once, at the end:
//
//     Der der(input);
//     auto cert = der.sequence("certificate");   // the whole input is one SEQUENCE
//     auto tbs = cert.sequence("tbsCertificate");
//     if (auto v = tbs.optional_explicit(0, "version")) {
//       version = v->small_integer("value");
//       v->finish();
//     }
//     ...
//     cert.finish();                             // nothing may follow signatureValue
//     if (!der.ok()) return Err(der.error());    // {offset, "certificate.tbs...", reason}
//
// Every typed read takes the field's name; the error path joins these names with dots. Every
// rule the reader enforces cites X.690. Nesting deeper than max_depth constructed values is
// rejected, so hostile input cannot exhaust the stack of any recursive caller.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "glasstls/asn1/der_error.hpp"
#include "glasstls/asn1/oid.hpp"
#include "glasstls/asn1/tag.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/core/result.hpp"

namespace glasstls::asn1 {

/// Deepest nesting of constructed values accepted (the outermost SEQUENCE is depth 1).
inline constexpr std::size_t max_depth = 32;

/// One whole TLV as it appears in the input.
struct Element {
  Tag tag;
  std::size_t offset = 0;  // absolute offset of the first (tag) byte
  ByteView encoding;       // tag, length and contents: what a signature covers (tbsCertificate)
  ByteView contents;       // the contents octets only
};

/// BIT STRING contents (X.690 §8.6): the count of unused bits in the last byte, and the bytes.
struct BitString {
  std::uint8_t unused_bits = 0;
  ByteView bytes;
  std::size_t bit_length() const noexcept { return bytes.size() * 8 - unused_bits; }
  /// Bit i in ASN.1 numbering (bit 0 is the most significant bit of the first byte); false past
  /// the end, which is what named-bit lists such as KeyUsage need.
  bool bit(std::size_t i) const noexcept {
    return i < bit_length() && ((bytes[i / 8] >> (7 - i % 8)) & 1) != 0;
  }
};

/// A character string converted to UTF-8, with the universal tag it was encoded under.
struct DerString {
  Tag tag;
  std::string utf8;
};

class DerReader;

/// Owns the input view and the first error. Not copyable: readers point back to it.
class Der {
 public:
  explicit Der(ByteView input) noexcept : input_(input) {}
  Der(const Der&) = delete;
  Der& operator=(const Der&) = delete;

  /// A reader over the whole input. Call finish() on it to reject trailing bytes.
  DerReader root();
  /// Reads the whole input as exactly one SEQUENCE named `name`; anything after it is an error.
  DerReader sequence(std::string_view name);

  bool ok() const noexcept { return !error_.has_value(); }
  /// The first error. Only meaningful when !ok().
  const DerError& error() const { return *error_; }
  /// ok() and error() as one value, for `if (auto r = der.result(); !r) return Err(r.error());`.
  Result<Unit, DerError> result() const {
    if (error_) return Err(*error_);
    return Unit{};
  }
  ByteView input() const noexcept { return input_; }

  /// Records an error unless one is already recorded (the first error is the one reported).
  void fail(std::size_t offset, std::string path, std::string reason);

 private:
  ByteView input_;
  std::optional<DerError> error_;
};

/// A cursor over the contents of one constructed value (or the whole input). Cheap to copy.
class DerReader {
 public:
  /// A reader that reads nothing (every read fails quietly). Used after an error.
  DerReader() = default;

  // ---- constructed values ----------------------------------------------------------------------
  DerReader sequence(std::string_view name);
  DerReader set(std::string_view name);
  /// [n] EXPLICIT: a constructed context tag around exactly one value. Read the value from the
  /// returned reader, then finish() it.
  DerReader explicit_tag(std::uint32_t n, std::string_view name);
  std::optional<DerReader> optional_explicit(std::uint32_t n, std::string_view name);
  /// [n] IMPLICIT of a constructed type (a SEQUENCE or SET with its tag replaced).
  DerReader implicit_constructed(std::uint32_t n, std::string_view name);
  std::optional<DerReader> optional_implicit_constructed(std::uint32_t n, std::string_view name);
  /// [n] IMPLICIT of a primitive type: the contents octets, for the caller to interpret.
  ByteView implicit_primitive(std::uint32_t n, std::string_view name);
  std::optional<ByteView> optional_implicit_primitive(std::uint32_t n, std::string_view name);
  /// [n] IMPLICIT of a string type, checked and converted like string(type, name).
  std::string implicit_string(std::uint32_t n, Tag type, std::string_view name);
  /// [n] IMPLICIT BIT STRING, checked like bit_string().
  BitString implicit_bit_string(std::uint32_t n, std::string_view name);

  // ---- any element ------------------------------------------------------------------------------
  /// The next whole TLV, whatever its tag (its contents are not checked).
  Element element(std::string_view name);
  /// The next whole TLV, which must carry `tag`.
  Element element(Tag tag, std::string_view name);
  /// The next element if it carries `tag`, otherwise nothing (and nothing is consumed).
  std::optional<Element> optional_element(Tag tag, std::string_view name);
  /// A reader over an element's contents (for an element obtained with element()).
  DerReader enter(const Element& e, std::string_view name);
  /// The tag of the next element, without consuming it; nothing at the end or after an error.
  std::optional<Tag> peek_tag();
  bool next_is(Tag tag) { return peek_tag() == tag; }

  // ---- primitive values ------------------------------------------------------------------------
  /// INTEGER as its two's-complement contents octets, checked minimal (X.690 §8.3.2).
  ByteView integer(std::string_view name);
  /// A non-negative INTEGER as an unsigned big-endian magnitude (the sign byte 0x00 removed; zero
  /// is one byte 00). Negative values are an error.
  ByteView unsigned_integer(std::string_view name);
  /// INTEGER that must fit in an int64_t.
  std::int64_t small_integer(std::string_view name);
  /// ENUMERATED (encoded like INTEGER, X.690 §8.4) that must fit in an int64_t.
  std::int64_t enumerated(std::string_view name);
  bool boolean(std::string_view name);
  /// A BOOLEAN if one comes next (for `critical BOOLEAN DEFAULT FALSE` and the like).
  std::optional<bool> optional_boolean(std::string_view name);
  void null(std::string_view name);
  Oid oid(std::string_view name);
  BitString bit_string(std::string_view name);
  /// BIT STRING with no unused bits (keys and signatures), as its bytes.
  ByteView bit_string_bytes(std::string_view name);
  ByteView octet_string(std::string_view name);
  /// Any of the string types, converted to UTF-8 (BMPString and UniversalString decoded,
  /// T61String taken as Latin-1), with the tag it was encoded under.
  DerString string(std::string_view name);
  /// A string of exactly this universal type (tags::utf8_string, tags::ia5_string, ...).
  std::string string(Tag type, std::string_view name);
  WallTime utc_time(std::string_view name);
  WallTime generalized_time(std::string_view name);
  /// RFC 5280 Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }. Either is
  /// accepted on read (real roots use GeneralizedTime before 2050).
  WallTime time(std::string_view name);

  // ---- position and errors ---------------------------------------------------------------------
  bool at_end() const noexcept { return pos_ >= end_; }
  /// Checks that every byte at this level has been read ("trailing bytes" otherwise).
  void finish();
  bool ok() const noexcept { return der_ != nullptr && der_->ok(); }
  /// Absolute offset of the next unread byte.
  std::size_t offset() const noexcept { return pos_; }
  const std::string& path() const noexcept { return path_; }
  /// Records a semantic error found by the caller (e.g. "version must be v3") for field `name`
  /// of this reader, at absolute `offset` (use an Element's offset).
  void fail(std::size_t at, std::string_view name, std::string reason);

 private:
  friend class Der;
  DerReader(Der* der, std::size_t begin, std::size_t end, std::string path, std::size_t depth)
      : der_(der), pos_(begin), end_(end), path_(std::move(path)), depth_(depth) {}

  std::string child_path(std::string_view name) const;
  // Reads the next TLV header and checks its tag; records the error and returns nothing on any
  // problem. Does not look inside the contents.
  std::optional<Element> next(std::string_view name, std::optional<Tag> expected);
  DerReader child(const Element& e, std::string_view name);
  void fail_element(const Element& e, std::string_view name, std::size_t byte_index,
                    std::string reason);
  std::int64_t to_int64(const Element& e, std::string_view name);
  BitString check_bit_string(const Element& e, std::string_view name);
  std::string check_string(const Element& e, Tag type, std::string_view name);
  WallTime check_time(const Element& e, Tag type, std::string_view name);

  Der* der_ = nullptr;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  std::string path_;
  std::size_t depth_ = 0;
};

/// Checks that `der` is exactly one well-formed DER TLV tree: every header strict, nesting at
/// most max_depth, no trailing bytes, and the contents of every universal primitive type it
/// knows (BOOLEAN, INTEGER, ENUMERATED, NULL, OID, BIT STRING, the string types, UTCTime,
/// GeneralizedTime) valid. Paths in errors are child indexes: "der[0][2]".
Result<Unit, DerError> validate_der(ByteView der);

}  // namespace glasstls::asn1
