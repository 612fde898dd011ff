// Record framing (RFC 8446 §5.1 and the ChangeCipherSpec rule of §5): RecordReader splits a byte
// stream of any chunking into records, and the writers fragment a message into records of at most
// 2^14 bytes (or a peer's record_size_limit, RFC 8449).
#include <algorithm>
#include <string>

#include "glasstls/tls/record.hpp"
#include "record_internal.hpp"

namespace glasstls::tls {

// ---- RecordReader ------------------------------------------------------------------------------

std::string_view to_string(StreamEnd end) noexcept {
  switch (end) {
    case StreamEnd::clean_close:
      return "clean close";
    case StreamEnd::truncated:
      return "truncated (no close_notify)";
    case StreamEnd::truncated_mid_record:
      return "truncated inside a record";
  }
  return "?";
}

std::size_t RecordReader::feed(ByteView bytes) {
  const std::size_t take = std::min(bytes.size(), kCapacity - std::min(kCapacity, buffer_.size()));
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
  return take;
}

Result<std::optional<Record>, TlsError> RecordReader::next() {
  while (true) {
    if (failed_) return Err(*failed_);
    if (buffer_.size() < kRecordHeaderSize) return std::optional<Record>{};
    const std::uint8_t type = buffer_[0];
    // legacy_record_version "MUST be ignored for all purposes" (§5.1).
    const std::size_t length = (std::size_t{buffer_[3]} << 8) | buffer_[4];
    // §5: "If a TLS implementation receives an unexpected record type, it MUST terminate the
    // connection with an "unexpected_message" alert."
    if (!detail::is_known_content_type(type)) {
      failed_ = tls_error(AlertDescription::unexpected_message,
                          "record of unknown content type " + std::to_string(type), "RFC 8446 §5");
      continue;
    }
    // application_data records are TLSCiphertext (§5.2: at most 2^14 + 256 bytes); the others
    // are TLSPlaintext (§5.1: "The length MUST NOT exceed 2^14 bytes. An endpoint that receives a
    // record that exceeds this length MUST terminate the connection with a "record_overflow"
    // alert.").
    const bool ciphertext = static_cast<ContentType>(type) == ContentType::application_data;
    const std::size_t limit = ciphertext ? kMaxCiphertext : kMaxPlaintext;
    if (length > limit) {
      failed_ = tls_error(AlertDescription::record_overflow,
                          std::string(ciphertext ? "TLSCiphertext" : "TLSPlaintext") + " of " +
                              std::to_string(length) + " bytes, more than " +
                              (ciphertext ? "2^14 + 256" : "2^14"),
                          ciphertext ? "RFC 8446 §5.2" : "RFC 8446 §5.1");
      continue;
    }
    if (buffer_.size() < kRecordHeaderSize + length) return std::optional<Record>{};

    Record rec;
    rec.type = static_cast<ContentType>(type);
    const auto end = buffer_.begin() + static_cast<std::ptrdiff_t>(kRecordHeaderSize + length);
    rec.bytes.assign(buffer_.begin(), end);
    buffer_.erase(buffer_.begin(), end);

    // Records that carry nothing cost the peer nothing; Limits::max_empty_records bounds a run.
    const bool empty = length == 0 || rec.type == ContentType::change_cipher_spec;
    empty_in_a_row_ = empty ? empty_in_a_row_ + 1 : 0;
    if (empty_in_a_row_ > limits_.max_empty_records) {
      failed_ = tls_error(AlertDescription::unexpected_message,
                          std::to_string(empty_in_a_row_) +
                              " records in a row without content (ChangeCipherSpec or empty)",
                          "RFC 8446 §5.1");
      continue;
    }
    if (rec.type != ContentType::change_cipher_spec) return std::optional<Record>(std::move(rec));

    // §5: "An implementation may receive an unencrypted record of type change_cipher_spec
    // consisting of the single byte value 0x01 at any time after the first ClientHello message
    // has been sent or received and before the peer's Finished message has been received and
    // MUST simply drop it without further processing. ... An implementation which receives any
    // other change_cipher_spec value ... MUST abort the handshake with an "unexpected_message"
    // alert. If an implementation detects a change_cipher_spec record received before the first
    // ClientHello message or after the peer's Finished message, it MUST be treated as an
    // unexpected record type".
    if (rec.fragment().size() != 1 || rec.fragment()[0] != 0x01) {
      failed_ = tls_error(AlertDescription::unexpected_message,
                          "ChangeCipherSpec of " + std::to_string(rec.fragment().size()) +
                              " bytes, not the single byte 0x01",
                          "RFC 8446 §5");
      continue;
    }
    if (!handshake_in_progress_) {
      failed_ = tls_error(AlertDescription::unexpected_message,
                          "ChangeCipherSpec outside the handshake", "RFC 8446 §5");
      continue;
    }
    ++ccs_dropped_;  // dropped; look for the next record
  }
}

StreamEnd RecordReader::end_of_stream() const noexcept {
  if (!buffer_.empty()) return StreamEnd::truncated_mid_record;
  return close_notify_ ? StreamEnd::clean_close : StreamEnd::truncated;
}

TlsError RecordReader::truncation_error() const {
  // §6.1: "Each party MUST send a "close_notify" alert before closing its write side of the
  // connection"; data after the last record is lost to a truncation attack otherwise.
  const StreamEnd end = end_of_stream();
  return tls_error(
      AlertDescription::close_notify,
      "connection closed without close_notify: " + std::string(to_string(end)) +
          (buffer_.empty() ? ""
                           : " (" + std::to_string(buffer_.size()) + " bytes of a partial record)"),
      "RFC 8446 §6.1");
}

// ---- Writers -----------------------------------------------------------------------------------

std::size_t max_fragment_for_record_size_limit(std::uint16_t record_size_limit) noexcept {
  // RFC 8449 §4: "the record size limit ... includes the content type and padding"; values below
  // 64 are invalid and never reach here, but 0 is still kept from underflowing.
  const std::size_t limit = record_size_limit;
  return std::min(kMaxPlaintext, limit == 0 ? 0 : limit - 1);
}

Bytes write_plaintext_records(ContentType type, ByteView data, std::size_t max_fragment,
                              std::uint16_t legacy_record_version) {
  // §5.1: "The record layer fragments information blocks into TLSPlaintext records carrying data
  // in chunks of 2^14 bytes or less."
  max_fragment = std::clamp<std::size_t>(max_fragment, 1, kMaxPlaintext);
  Bytes out;
  out.reserve(data.size() + (data.size() / max_fragment + 1) * kRecordHeaderSize);
  for (std::size_t at = 0; at < data.size(); at += max_fragment) {
    const std::size_t n = std::min(max_fragment, data.size() - at);
    std::array<std::uint8_t, kRecordHeaderSize> header{};
    detail::put_header(header.data(), type, legacy_record_version, n);
    out.insert(out.end(), header.begin(), header.end());
    const auto from = data.begin() + static_cast<std::ptrdiff_t>(at);
    out.insert(out.end(), from, from + static_cast<std::ptrdiff_t>(n));
  }
  return out;
}

Result<Bytes, TlsError> seal_records(RecordProtection& protection, ContentType type, ByteView data,
                                     std::size_t max_fragment, Padding padding) {
  max_fragment = std::clamp<std::size_t>(max_fragment, 1, kMaxPlaintext);
  Bytes out;
  // §5.1: "Zero-length fragments of Application Data MAY be sent".
  if (data.empty() && type == ContentType::application_data)
    return protection.seal(type, data, padding, max_fragment + 1);
  for (std::size_t at = 0; at < data.size(); at += max_fragment) {
    const std::size_t n = std::min(max_fragment, data.size() - at);
    auto rec = protection.seal(type, data.subspan(at, n), padding, max_fragment + 1);
    if (!rec) return Err(std::move(rec).error());
    out.insert(out.end(), rec->begin(), rec->end());
  }
  return out;
}

}  // namespace glasstls::tls
