// The presentation language of RFC 8446 §3 on bytes: big-endian integers (uint8, uint16, uint24,
// uint32), fixed-length opaque fields, and vectors <floor..ceiling> with a length prefix of 1, 2
// or 3 bytes. Every handshake message, extension and record header is read and written with
// these two classes, so bounds and length checks live in one place.
//
//     WireReader r(body, "ServerHello");
//     auto version = r.u16("legacy_version");
//     ByteView random = r.bytes(32, "random");
//     ByteView session_id = r.vector(1, 0, 32, "legacy_session_id_echo");
//     WireReader exts = r.sub(2, 6, 65535, "extensions");
//     r.finish();
//     if (!r.ok()) return Err(*r.error());   // decode_error: "ServerHello.random: 12 bytes
//                                            // left, 32 needed (at byte 6)"
//
// The first error sticks and is shared by a reader and every sub-reader made from it: later reads
// return zeros and empty views, so a decoder reads straight through and checks ok() once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/tls/alert.hpp"

namespace glasstls::tls {

/// Reads from a view: the bytes must outlive the reader and every view it returns.
class WireReader {
 public:
  /// A reader over `data`, named `what` in errors ("ClientHello"). Offsets in errors count from
  /// `base_offset` (e.g. 4, for a handshake body after its header).
  explicit WireReader(ByteView data, std::string_view what = "message",
                      std::size_t base_offset = 0);

  std::uint8_t u8(std::string_view field);
  std::uint16_t u16(std::string_view field);
  std::uint32_t u24(std::string_view field);
  std::uint32_t u32(std::string_view field);
  /// A fixed-length opaque field (opaque random[32]).
  ByteView bytes(std::size_t n, std::string_view field);
  /// opaque field<floor..ceiling>: a `prefix`-byte length (1, 2 or 3), then that many bytes,
  /// which must lie within [floor, ceiling]. Returns the contents.
  ByteView vector(int prefix, std::size_t floor, std::size_t ceiling, std::string_view field);
  /// The same vector, as a reader over its contents (for vectors of structures); errors inside
  /// it name "what.field" and count offsets from this reader's base.
  WireReader sub(int prefix, std::size_t floor, std::size_t ceiling, std::string_view field);
  /// The rest of the input (e.g. an extension body read elsewhere).
  ByteView rest();

  bool at_end() const noexcept { return pos_ >= end_; }
  std::size_t remaining() const noexcept { return end_ - pos_; }
  /// The offset of the next byte, counted from the base.
  std::size_t offset() const noexcept { return base_ + pos_; }

  /// Requires that everything was read (decode_error "N trailing bytes" otherwise).
  void finish();
  /// Records a failure at the current offset: "what.field: reason (at byte N)". The first
  /// failure wins; `alert` defaults to decode_error (§6.2), illegal_parameter for a value that
  /// decodes but is not allowed.
  void fail(std::string_view field, std::string_view reason,
            AlertDescription alert = AlertDescription::decode_error,
            std::string_view section = "RFC 8446 §3");

  bool ok() const noexcept { return !error_->has_value(); }
  const std::optional<TlsError>& error() const noexcept { return *error_; }
  Result<Unit, TlsError> result() const;
  /// The name errors use for this reader ("ClientHello.extensions").
  const std::string& what() const noexcept { return what_; }

 private:
  WireReader(ByteView data, std::string what, std::size_t base_offset,
             std::shared_ptr<std::optional<TlsError>> error);
  bool need(std::size_t n, std::string_view field);

  ByteView data_;
  std::size_t pos_ = 0, end_ = 0, base_ = 0;
  std::string what_;
  std::shared_ptr<std::optional<TlsError>> error_;
};

class WireWriter {
 public:
  void u8(std::uint8_t v);
  void u16(std::uint16_t v);
  void u24(std::uint32_t v);
  void u32(std::uint32_t v);
  void bytes(ByteView b);
  /// opaque<..> with a `prefix`-byte length (1, 2 or 3).
  void opaque(int prefix, ByteView contents);
  /// A vector whose contents `fill(*this)` writes; its `prefix`-byte length is patched in after.
  /// Contents too long for the prefix make the writer fail (ok() false), never wrap.
  template <class Fill>
  void vector(int prefix, Fill&& fill) {
    const std::size_t at = begin_vector(prefix);
    fill(*this);
    end_vector(prefix, at);
  }

  bool ok() const noexcept { return ok_; }
  const Bytes& data() const noexcept { return out_; }
  std::size_t size() const noexcept { return out_.size(); }
  Bytes take() noexcept { return std::move(out_); }

 private:
  std::size_t begin_vector(int prefix);
  void end_vector(int prefix, std::size_t at);

  Bytes out_;
  bool ok_ = true;
};

}  // namespace glasstls::tls
