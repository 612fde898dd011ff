// The TLS 1.3 record layer (RFC 8446 §5): framing a byte stream into records, and protecting
// records with the traffic keys of one direction.
//
//     struct {                                   struct {
//         ContentType type;                          opaque content[TLSPlaintext.length];
//         ProtocolVersion legacy_record_version;     ContentType type;
//         uint16 length;                             uint8 zeros[length_of_padding];
//         opaque fragment[TLSPlaintext.length];  } TLSInnerPlaintext;              (§5.2)
//     } TLSPlaintext;                    (§5.1)
//
//     struct {
//         ContentType opaque_type = application_data; /* 23 */
//         ProtocolVersion legacy_record_version = 0x0303; /* TLS v1.2 */
//         uint16 length;
//         opaque encrypted_record[TLSCiphertext.length];
//     } TLSCiphertext;                                                       (§5.2)
//
// Three pieces, each usable alone (sans-I/O: bytes in, bytes out):
//
//   RecordReader      bytes from the transport → whole records (header + fragment), with the
//                     §5.1/§5.2 length limits, unknown types refused and ChangeCipherSpec dropped
//   RecordProtection  one direction's AEAD, IV and sequence number: seal() builds a
//                     TLSCiphertext, open() checks and strips one (§5.2–§5.4), usage limits (§5.5)
//   write_plaintext_records / seal_records
//                     a message of any size → records of at most 2^14 bytes of content
//
//     RecordReader reader;
//     std::size_t taken = reader.feed(bytes_from_socket);   // keep bytes[taken..] for later
//     for (;;) {
//       auto rec = reader.next();                 // Result<optional<Record>, TlsError>
//       if (!rec) return send_alert(rec.error());
//       if (!rec->has_value()) break;             // need more bytes
//       auto inner = read_protection.open((*rec)->bytes);   // {type, content} or an alert
//     }
//     if (eof) reader.end_of_stream();            // clean_close, or truncated (§6.1)
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/aead.hpp"
#include "glasstls/tls/alert.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/tls/limits.hpp"

namespace glasstls::tls {

class RecordProtection;
namespace detail {
/// Where the content type is in a TLSInnerPlaintext: the last non-zero byte (§5.4).
struct ContentTypePosition {
  bool found;
  std::size_t index;
};
/// Finds it in time that depends only on inner.size() until the position itself is declassified.
ContentTypePosition find_content_type(ByteView inner) noexcept;
/// Tests only: moves the sequence number and the record count to `next`, as if `next` records
/// had been protected (to reach the §5.3 wrap or the §5.5 limit without 2^64 records).
void set_sequence_number(RecordProtection& protection, std::uint64_t next) noexcept;
}  // namespace detail

/// §5.5 "Limits on Key Usage": how many records one key may protect before a KeyUpdate (§4.6.3).
struct AeadUsageLimit {
  crypto::AeadAlg alg;
  /// Records after which the key must not be used again.
  std::uint64_t max_records;
  /// Records after which key_update_needed() turns true (7/8 of the limit), leaving room for
  /// the KeyUpdate round trip.
  std::uint64_t update_at;
};
/// The one table of §5.5 limits, one row per AEAD glasstls implements.
std::span<const AeadUsageLimit> aead_usage_limits() noexcept;
/// The row for `alg`.
const AeadUsageLimit& aead_usage_limit(crypto::AeadAlg alg) noexcept;

/// How many zero bytes seal() appends after the content type (§5.4: "padding" to hide lengths).
/// The caller chooses; seal() never pads beyond the inner-plaintext limit it is given.
class Padding {
 public:
  /// No padding (the default).
  static constexpr Padding none() noexcept { return Padding(Kind::none, 0); }
  /// Pads content + type byte up to the next multiple of `n` (n = 0 or 1 means none).
  static constexpr Padding to_multiple_of(std::size_t n) noexcept {
    return Padding(Kind::multiple, n);
  }
  /// Appends exactly `n` zero bytes.
  static constexpr Padding fixed(std::size_t n) noexcept { return Padding(Kind::fixed, n); }

  constexpr Padding() noexcept = default;
  /// The padding for `content_length` bytes of content, clamped so that content, the type byte
  /// and the padding fit in `max_inner` bytes.
  std::size_t amount(std::size_t content_length,
                     std::size_t max_inner = kMaxInnerPlaintext) const noexcept;

 private:
  enum class Kind : std::uint8_t { none, multiple, fixed };
  constexpr Padding(Kind kind, std::size_t n) noexcept : kind_(kind), n_(n) {}
  Kind kind_ = Kind::none;
  std::size_t n_ = 0;
};

/// One record's content after open(): the real content type and the content, padding removed.
struct OpenedRecord {
  ContentType type = ContentType::invalid;
  Bytes content;
};

/// The protection of one direction of a connection under one traffic key (§5.2, §5.3): the AEAD
/// keyed with [sender]_write_key, the 12-byte [sender]_write_iv, and the 64-bit sequence number
/// that starts at 0 for every key. A connection holds two (read and write) and replaces each on a
/// key change. The key schedule is not in here: the caller passes the derived key and IV.
/// The IV is wiped on destruction; the AEAD wipes its keyed state itself.
class RecordProtection {
 public:
  static constexpr std::size_t kIvSize = crypto::kAeadNonceSize;

  /// Keys `alg` with `key` (aead_key_size(alg) bytes) and takes the 12-byte `iv`. Wrong lengths
  /// are internal_error: they come from our own key schedule, never from the peer.
  static Result<RecordProtection, TlsError> create(crypto::AeadAlg alg, ByteView key, ByteView iv);
  /// The same with a particular AEAD implementation (tests and benchmarks).
  static Result<RecordProtection, TlsError> create(crypto::AeadAlg alg, ByteView key, ByteView iv,
                                                   const crypto::AeadImplementation& impl);

  RecordProtection(RecordProtection&& other) noexcept;
  RecordProtection& operator=(RecordProtection&& other) noexcept;
  RecordProtection(const RecordProtection&) = delete;
  RecordProtection& operator=(const RecordProtection&) = delete;
  ~RecordProtection();

  /// Builds one whole TLSCiphertext record (header ‖ encrypted_record) carrying `content` of
  /// `type`, padded as `padding` says within `max_inner` bytes of TLSInnerPlaintext (2^14 + 1, or
  /// a peer's record_size_limit, RFC 8449 §4), and uses up one sequence number.
  /// Errors (all internal_error: the caller broke a rule of §5): content longer than
  /// max_inner - 1, a zero-length handshake record (§5.1; application data may be empty), the
  /// sequence numbers used up (§5.3) or the §5.5 limit reached.
  [[nodiscard]] Result<Bytes, TlsError> seal(ContentType type, ByteView content,
                                             Padding padding = Padding::none(),
                                             std::size_t max_inner = kMaxInnerPlaintext);

  /// Checks and decrypts one whole TLSCiphertext record (5-byte header ‖ encrypted_record),
  /// strips the padding and returns the real content type and content. Uses up one sequence
  /// number on success. Errors: opaque_type not application_data or an inner type that may not
  /// be protected → unexpected_message (§5, §5.2); length field not matching → decode_error;
  /// encrypted_record over 2^14 + 256 or inner plaintext over 2^14 + 1 → record_overflow (§5.2,
  /// §5.4); authentication failure → bad_record_mac (§5.2); an all-zero inner plaintext →
  /// unexpected_message (§5.4); sequence numbers used up → internal_error (§5.3).
  [[nodiscard]] Result<OpenedRecord, TlsError> open(ByteView record);

  crypto::AeadAlg alg() const noexcept { return aead_.alg(); }
  /// The sequence number the next record will use (§5.3).
  std::uint64_t sequence_number() const noexcept { return seq_; }
  /// Records protected (or opened) under this key so far.
  std::uint64_t records() const noexcept { return records_; }
  /// True once this key is close to its §5.5 limit: the connection should send a KeyUpdate
  /// (§4.6.3) — for a read key, one with request_update = update_requested.
  bool key_update_needed() const noexcept;

 private:
  RecordProtection(crypto::Aead aead, ByteView iv) noexcept;
  /// §5.3: the 64-bit sequence number, big-endian, left-padded with zeros to 12 bytes and XORed
  /// with the IV.
  std::array<std::uint8_t, kIvSize> nonce() const noexcept;
  /// Refuses a record when no sequence number is left (§5.3).
  Result<Unit, TlsError> check_sequence() const;
  void advance() noexcept;
  friend void detail::set_sequence_number(RecordProtection&, std::uint64_t) noexcept;

  crypto::Aead aead_;
  std::array<std::uint8_t, kIvSize> iv_{};
  std::uint64_t seq_ = 0;
  std::uint64_t records_ = 0;
  bool exhausted_ = false;  // sequence number 2^64 - 1 has been used
};

/// One record as it came off the wire: the whole record (5-byte header and fragment).
struct Record {
  ContentType type = ContentType::invalid;
  Bytes bytes;

  ByteView header() const noexcept { return ByteView(bytes).first(kRecordHeaderSize); }
  ByteView fragment() const noexcept { return ByteView(bytes).subspan(kRecordHeaderSize); }
};

/// How a byte stream ended (§6.1): after close_notify, or cut off — a truncation attack or a
/// crash — which the application must not mistake for the end of the data.
enum class StreamEnd : std::uint8_t {
  clean_close,           // close_notify was received, no partial record pending
  truncated,             // EOF at a record boundary, without close_notify
  truncated_mid_record,  // EOF inside a record
};
std::string_view to_string(StreamEnd end) noexcept;

/// Splits the incoming byte stream into records (§5.1). It buffers at most one record (the
/// largest TLSCiphertext, 5 + 2^14 + 256 bytes): feed() takes what fits and says how much.
/// ChangeCipherSpec records are checked and dropped here (§5); everything else is returned whole,
/// to be opened by a RecordProtection (application_data) or handled as plaintext.
class RecordReader {
 public:
  /// The most bytes buffered at once: one maximal TLSCiphertext.
  static constexpr std::size_t kCapacity = kRecordHeaderSize + kMaxCiphertext;

  explicit RecordReader(const Limits& limits = {}) : limits_(limits) {}

  /// Buffers bytes from the transport; returns how many it took (fewer than given when the buffer
  /// is full — call next() until it returns nothing, then feed the rest).
  std::size_t feed(ByteView bytes);
  /// The next complete record, nothing when more bytes are needed, or the error that ends the
  /// connection (after which the reader stays failed).
  [[nodiscard]] Result<std::optional<Record>, TlsError> next();

  /// §5: a ChangeCipherSpec record is allowed only between the first ClientHello and the peer's
  /// Finished. The handshake sets this; outside it every ChangeCipherSpec is unexpected_message.
  void set_handshake_in_progress(bool in_progress) noexcept {
    handshake_in_progress_ = in_progress;
  }
  /// The caller decrypted a close_notify alert (§6.1): EOF after it is a clean close.
  void set_close_notify_received() noexcept { close_notify_ = true; }
  /// What an EOF from the transport now means.
  StreamEnd end_of_stream() const noexcept;
  /// The TlsError a caller reports for a truncated stream (§6.1: close_notify missing); its alert
  /// is close_notify, as nothing can be sent on a closed transport anyway.
  TlsError truncation_error() const;

  std::size_t buffered() const noexcept { return buffer_.size(); }
  /// ChangeCipherSpec records dropped so far (§5: "MUST simply drop it").
  std::size_t change_cipher_specs_dropped() const noexcept { return ccs_dropped_; }

 private:
  Limits limits_;
  Bytes buffer_;
  std::optional<TlsError> failed_;
  bool handshake_in_progress_ = false;
  bool close_notify_ = false;
  std::size_t empty_in_a_row_ = 0;
  std::size_t ccs_dropped_ = 0;
};

/// The most content bytes per record for a record_size_limit (RFC 8449 §4: in TLS 1.3 the limit
/// counts the whole TLSInnerPlaintext, so the content may be limit - 1 bytes), never above 2^14.
std::size_t max_fragment_for_record_size_limit(std::uint16_t record_size_limit) noexcept;

/// Writes `data` as TLSPlaintext records of `type`, each with at most `max_fragment` (≤ 2^14)
/// bytes (§5.1). `legacy_record_version` is 0x0303, or 0x0301 for an initial ClientHello (§5.1).
/// Empty data gives no records (§5.1: no zero-length handshake fragments).
Bytes write_plaintext_records(ContentType type, ByteView data,
                              std::size_t max_fragment = kMaxPlaintext,
                              std::uint16_t legacy_record_version = 0x0303);

/// Seals `data` as consecutive TLSCiphertext records of at most `max_fragment` (≤ 2^14) content
/// bytes each, padding each as `padding` says within max_fragment + 1 bytes of inner plaintext.
/// Empty application data gives one empty record; other empty data gives none.
[[nodiscard]] Result<Bytes, TlsError> seal_records(RecordProtection& protection, ContentType type,
                                                   ByteView data,
                                                   std::size_t max_fragment = kMaxPlaintext,
                                                   Padding padding = Padding::none());

}  // namespace glasstls::tls
