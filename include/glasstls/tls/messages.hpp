// TLS 1.3 handshake messages (RFC 8446 §4): a struct per message with an encoder and a strict
// decoder, the 4-byte handshake header, and a dispatcher that decodes a whole message by type.
//
//     struct {
//         HandshakeType msg_type;    /* handshake type */
//         uint24 length;             /* remaining bytes in message */
//         select (Handshake.msg_type) { ... };
//     } Handshake;
//
// encode(x) returns the whole message, header included: that is what the transcript hash covers
// (§4.4.1). decode_<message>(body) reads the body after the header; decode_handshake(message)
// reads the header and dispatches. Decoders are strict: every vector within the <floor..ceiling>
// of its RFC structure, no trailing bytes (decode_error), forbidden values refused
// (illegal_parameter), no extension type twice in one block (§4.2, illegal_parameter), and each
// known extension §4.2 allows in the message decoded once to check its body. Which extensions a
// state accepts is left to the state machine (see allowed_in in extensions.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/tls/alert.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/tls/extensions.hpp"
#include "glasstls/tls/limits.hpp"

namespace glasstls::tls {

using Random = std::array<std::uint8_t, 32>;

/// §4.1.3: the ServerHello.random that marks a HelloRetryRequest, SHA-256("HelloRetryRequest").
inline constexpr Random kHelloRetryRequestRandom = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

/// §4: the 4-byte header in front of every handshake message.
struct HandshakeHeader {
  HandshakeType type{};
  std::uint32_t length = 0;  // uint24: bytes of body that follow
};
/// Reads the header from the first 4 bytes of `data` (decode_error when fewer).
[[nodiscard]] Result<HandshakeHeader, TlsError> decode_handshake_header(ByteView data);
/// Prepends the header to `body` (internal_error when the body exceeds 2^24 - 1 bytes).
[[nodiscard]] Result<Bytes, TlsError> encode_handshake(HandshakeType type, ByteView body);

//   uint16 ProtocolVersion; opaque Random[32]; uint8 CipherSuite[2];
//   struct {
//       ProtocolVersion legacy_version = 0x0303;    /* TLS v1.2 */
//       Random random;
//       opaque legacy_session_id<0..32>;
//       CipherSuite cipher_suites<2..2^16-2>;
//       opaque legacy_compression_methods<1..2^8-1>;
//       Extension extensions<8..2^16-1>;
//   } ClientHello;
/// §4.1.2. legacy_compression_methods is always {0} in TLS 1.3 and so is not a field.
struct ClientHello {
  std::uint16_t legacy_version = 0x0303;
  Random random{};
  Bytes legacy_session_id;
  std::vector<CipherSuite> cipher_suites;  // TLS 1.2 and GREASE suites kept as their values
  ExtensionList extensions;
  friend bool operator==(const ClientHello&, const ClientHello&) = default;
};

//   struct {
//       ProtocolVersion legacy_version = 0x0303;    /* TLS v1.2 */
//       Random random;
//       opaque legacy_session_id_echo<0..32>;
//       CipherSuite cipher_suite;
//       uint8 legacy_compression_method = 0;
//       Extension extensions<6..2^16-1>;
//   } ServerHello;
/// §4.1.3; also the HelloRetryRequest (§4.1.4), which is a ServerHello whose random is
/// kHelloRetryRequestRandom. legacy_compression_method must be 0 and is not a field.
struct ServerHello {
  std::uint16_t legacy_version = 0x0303;
  Random random{};
  Bytes legacy_session_id_echo;
  CipherSuite cipher_suite{};
  ExtensionList extensions;
  bool is_hello_retry_request() const noexcept { return random == kHelloRetryRequestRandom; }
  friend bool operator==(const ServerHello&, const ServerHello&) = default;
};

//   struct {} EndOfEarlyData;   (§4.5)
struct EndOfEarlyData {
  friend bool operator==(const EndOfEarlyData&, const EndOfEarlyData&) = default;
};

//   struct { Extension extensions<0..2^16-1>; } EncryptedExtensions;   (§4.3.1)
struct EncryptedExtensions {
  ExtensionList extensions;
  friend bool operator==(const EncryptedExtensions&, const EncryptedExtensions&) = default;
};

//   struct {
//       opaque certificate_request_context<0..2^8-1>;
//       Extension extensions<2..2^16-1>;
//   } CertificateRequest;   (§4.3.2)
struct CertificateRequest {
  Bytes certificate_request_context;
  ExtensionList extensions;
  friend bool operator==(const CertificateRequest&, const CertificateRequest&) = default;
};

//   struct {
//       select (certificate_type) {
//           case RawPublicKey: opaque ASN1_subjectPublicKeyInfo<1..2^24-1>;
//           case X509: opaque cert_data<1..2^24-1>;
//       };
//       Extension extensions<0..2^16-1>;
//   } CertificateEntry;
//   struct {
//       opaque certificate_request_context<0..2^8-1>;
//       CertificateEntry certificate_list<0..2^24-1>;
//   } Certificate;   (§4.4.2; glasstls uses the X509 type only)
struct CertificateEntry {
  Bytes cert_data;  // one DER X.509 certificate, not parsed here
  ExtensionList extensions;
  friend bool operator==(const CertificateEntry&, const CertificateEntry&) = default;
};
struct Certificate {
  Bytes certificate_request_context;
  std::vector<CertificateEntry> certificate_list;  // the leaf first (§4.4.2)
  friend bool operator==(const Certificate&, const Certificate&) = default;
};

//   struct { SignatureScheme algorithm; opaque signature<0..2^16-1>; } CertificateVerify;  (§4.4.3)
struct CertificateVerify {
  SignatureScheme algorithm{};
  Bytes signature;
  friend bool operator==(const CertificateVerify&, const CertificateVerify&) = default;
};

/// Whose CertificateVerify: the context string differs (§4.4.3).
enum class Signer { server, client };
/// §4.4.3: the content covered by the signature: 64 bytes of 0x20, the context string
/// ("TLS 1.3, server CertificateVerify" or "TLS 1.3, client CertificateVerify"), one 0x00 byte,
/// then the transcript hash.
Bytes certificate_verify_content(Signer signer, ByteView transcript_hash);

//   struct { opaque verify_data[Hash.length]; } Finished;   (§4.4.4)
struct Finished {
  Bytes verify_data;
  friend bool operator==(const Finished&, const Finished&) = default;
};
/// §4.4.4: "Recipients of Finished messages MUST verify that the contents are correct" — compared
/// in constant time (a MAC). Sizes are public; a length mismatch is simply false.
bool finished_matches(const Finished& received, ByteView expected) noexcept;

//   struct {
//       uint32 ticket_lifetime;
//       uint32 ticket_age_add;
//       opaque ticket_nonce<0..255>;
//       opaque ticket<1..2^16-1>;
//       Extension extensions<0..2^16-2>;
//   } NewSessionTicket;   (§4.6.1)
struct NewSessionTicket {
  std::uint32_t ticket_lifetime = 0;
  std::uint32_t ticket_age_add = 0;
  Bytes ticket_nonce;
  Bytes ticket;
  ExtensionList extensions;
  friend bool operator==(const NewSessionTicket&, const NewSessionTicket&) = default;
};

//   struct { KeyUpdateRequest request_update; } KeyUpdate;   (§4.6.3)
struct KeyUpdate {
  KeyUpdateRequest request_update = KeyUpdateRequest::update_not_requested;
  friend bool operator==(const KeyUpdate&, const KeyUpdate&) = default;
};

/// Any TLS 1.3 handshake message (message_hash is built by the transcript, never decoded).
using HandshakeMessage =
    std::variant<ClientHello, ServerHello, EndOfEarlyData, EncryptedExtensions, CertificateRequest,
                 Certificate, CertificateVerify, Finished, NewSessionTicket, KeyUpdate>;
/// The msg_type of a message.
HandshakeType handshake_type(const HandshakeMessage& message) noexcept;

// ---- Encoders: the whole message, header included (internal_error if a vector overflows).
[[nodiscard]] Result<Bytes, TlsError> encode(const ClientHello& m);
[[nodiscard]] Result<Bytes, TlsError> encode(const ServerHello& m);
[[nodiscard]] Result<Bytes, TlsError> encode(const EndOfEarlyData& m);
[[nodiscard]] Result<Bytes, TlsError> encode(const EncryptedExtensions& m);
[[nodiscard]] Result<Bytes, TlsError> encode(const CertificateRequest& m);
[[nodiscard]] Result<Bytes, TlsError> encode(const Certificate& m);
[[nodiscard]] Result<Bytes, TlsError> encode(const CertificateVerify& m);
[[nodiscard]] Result<Bytes, TlsError> encode(const Finished& m);
[[nodiscard]] Result<Bytes, TlsError> encode(const NewSessionTicket& m);
[[nodiscard]] Result<Bytes, TlsError> encode(const KeyUpdate& m);
[[nodiscard]] Result<Bytes, TlsError> encode(const HandshakeMessage& m);

// ---- Decoders of a body (the bytes after the 4-byte header).
[[nodiscard]] Result<ClientHello, TlsError> decode_client_hello(ByteView body);
/// Whether a ClientHello offers TLS 1.3 in supported_versions (§4.2.1): only such a hello is a
/// "TLS 1.3 ClientHello" whose legacy fields §4.1.2 constrains.
bool offers_tls13(const ClientHello& ch);
/// Also decodes a HelloRetryRequest (its extensions are checked in their HRR forms).
[[nodiscard]] Result<ServerHello, TlsError> decode_server_hello(ByteView body);
[[nodiscard]] Result<EndOfEarlyData, TlsError> decode_end_of_early_data(ByteView body);
[[nodiscard]] Result<EncryptedExtensions, TlsError> decode_encrypted_extensions(ByteView body);
[[nodiscard]] Result<CertificateRequest, TlsError> decode_certificate_request(ByteView body);
/// Also applies the resource bounds of `limits` (limits.hpp): at most
/// max_certificate_chain_length entries and max_certificate_chain_bytes of cert_data.
[[nodiscard]] Result<Certificate, TlsError> decode_certificate(ByteView body,
                                                               const Limits& limits = {});
[[nodiscard]] Result<CertificateVerify, TlsError> decode_certificate_verify(ByteView body);
/// `hash_length` is the negotiated suite's Hash.length; 0 accepts any non-empty verify_data.
[[nodiscard]] Result<Finished, TlsError> decode_finished(ByteView body,
                                                         std::size_t hash_length = 0);
[[nodiscard]] Result<NewSessionTicket, TlsError> decode_new_session_ticket(ByteView body);
[[nodiscard]] Result<KeyUpdate, TlsError> decode_key_update(ByteView body);

/// Decodes one whole message (header and exactly `length` body bytes) by its msg_type; an
/// unknown or out-of-place type (message_hash, TLS 1.2 types) is unexpected_message (§4).
[[nodiscard]] Result<HandshakeMessage, TlsError> decode_handshake(ByteView message,
                                                                  std::size_t hash_length = 0);

// ---- §4.2.11.2 PSK binders.
/// The length of the prefix of a whole ClientHello message (header included) that the binders
/// cover: everything before the binders list (the "truncated ClientHello"). The ClientHello must
/// end with a pre_shared_key extension (§4.2.11), else illegal_parameter / missing_extension.
[[nodiscard]] Result<std::size_t, TlsError> client_hello_binders_offset(ByteView client_hello);
/// Writes `binders` over the binder values of an encoded ClientHello (built with placeholder
/// binders of the same lengths, in order), once the truncated transcript is hashed.
[[nodiscard]] Result<Unit, TlsError> patch_client_hello_binders(MutableByteView client_hello,
                                                                std::span<const Bytes> binders);

}  // namespace glasstls::tls
