// Sizes fixed by RFC 8446 and the resource bounds glasstls adds so that no peer can make it
// buffer without limit. The bounds are one value (Limits) a connection is configured with; the
// defaults are generous for real peers (a browser's ~2 KB ClientHello, certificate chains of a
// few KB) and small enough that a hostile peer costs little.
#pragma once

#include <cstddef>

namespace glasstls::tls {

/// §5.1: TLSPlaintext.fragment is at most 2^14 bytes.
inline constexpr std::size_t kMaxPlaintext = std::size_t{1} << 14;
/// §5.4: TLSInnerPlaintext (content, the type byte, padding) is at most 2^14 + 1 bytes.
inline constexpr std::size_t kMaxInnerPlaintext = kMaxPlaintext + 1;
/// §5.2: TLSCiphertext.encrypted_record is at most 2^14 + 256 bytes.
inline constexpr std::size_t kMaxCiphertext = kMaxPlaintext + 256;
/// §5.1: ContentType (1), legacy_record_version (2), length (2).
inline constexpr std::size_t kRecordHeaderSize = 5;
/// §4: msg_type (1) and a uint24 length.
inline constexpr std::size_t kHandshakeHeaderSize = 4;

struct Limits {
  /// The largest handshake message accepted (header excluded). A Certificate message carries the
  /// whole chain, so this is the real cap on chains; 2^24 - 1 is what the wire allows.
  std::size_t max_handshake_message = 128 * 1024;
  /// The most certificates in a Certificate message (leaf included).
  std::size_t max_certificate_chain_length = 10;
  /// The most bytes of certificate data (all cert_data fields together), as OpenSSL's default
  /// max_cert_list.
  std::size_t max_certificate_chain_bytes = 100 * 1024;
  /// The most consecutive records that carry no progress (empty handshake or application_data
  /// fragments, or ChangeCipherSpec records), against a peer that sends only those.
  std::size_t max_empty_records = 32;
};

}  // namespace glasstls::tls
