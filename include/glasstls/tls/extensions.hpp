// TLS 1.3 extensions (RFC 8446 §4.2): the raw Extension every message carries, and a typed struct
// with a codec for each extension glasstls understands.
//
//     struct {
//         ExtensionType extension_type;
//         opaque extension_data<0..2^16-1>;
//     } Extension;
//
// A message keeps its extensions as a list of raw Extensions in the order received, so that an
// unknown extension (or a GREASE one, RFC 8701) survives untouched and a re-encode is byte for byte
// the input. The typed view of a known extension is decoded on demand with its decode_* function
// (the message decoders run the same functions once, so a malformed known extension is refused
// when its message is decoded); to send one, build the struct and call to_extension().
//
// Several extensions have a different body in different messages (key_share, supported_versions,
// pre_shared_key, early_data, server_name, status_request): each form has its own struct.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/tls/alert.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/tls/wire.hpp"

namespace glasstls::tls {

/// One extension as on the wire: its type (known or not) and its undecoded extension_data.
struct Extension {
  ExtensionType type{};
  Bytes data;
  friend bool operator==(const Extension&, const Extension&) = default;
};
/// An extension block, in wire order (§4.2: no type appears twice).
using ExtensionList = std::vector<Extension>;

/// The first extension of `type`, or nullptr.
const Extension* find_extension(const ExtensionList& list, ExtensionType type) noexcept;

/// §4.2's table: may an extension of `type` appear in a message of `message`? (CH, SH, EE, CT,
/// CR, NST; HelloRetryRequest has its own function). Types the table does not list are allowed
/// only in a ClientHello, where §4.2 says unknown extensions are ignored; a peer's response must
/// not carry one (§4.2: "unsupported_extension").
bool allowed_in(ExtensionType type, HandshakeType message) noexcept;
/// §4.2's "HRR" column: key_share, cookie, supported_versions (and ECH's confirmation).
bool allowed_in_hello_retry_request(ExtensionType type) noexcept;

// ---- server_name (RFC 6066 §3) -------------------------------------------------------------
//   struct { NameType name_type; select (name_type) { case host_name: HostName; } name; }
//       ServerName;                      (host_name(0); HostName is opaque<1..2^16-1>)
//   struct { ServerName server_name_list<1..2^16-1> } ServerNameList;
/// The client's form carries one host name; the server acknowledges with an empty body
/// (RFC 6066 §3: "the extension_data field of this extension SHALL be empty"), host_name unset.
struct ServerName {
  std::optional<std::string> host_name;
  friend bool operator==(const ServerName&, const ServerName&) = default;
};

// ---- supported_groups (§4.2.7) -------------------------------------------------------------
//   struct { NamedGroup named_group_list<2..2^16-1>; } NamedGroupList;
struct SupportedGroups {
  std::vector<NamedGroup> groups;
  friend bool operator==(const SupportedGroups&, const SupportedGroups&) = default;
};

// ---- signature_algorithms, signature_algorithms_cert (§4.2.3) -------------------------------
//   struct { SignatureScheme supported_signature_algorithms<2..2^16-2>; } SignatureSchemeList;
struct SignatureSchemeList {
  std::vector<SignatureScheme> schemes;
  friend bool operator==(const SignatureSchemeList&, const SignatureSchemeList&) = default;
};

// ---- key_share (§4.2.8) --------------------------------------------------------------------
//   struct { NamedGroup group; opaque key_exchange<1..2^16-1>; } KeyShareEntry;
struct KeyShareEntry {
  NamedGroup group{};
  Bytes key_exchange;
  friend bool operator==(const KeyShareEntry&, const KeyShareEntry&) = default;
};
//   struct { KeyShareEntry client_shares<0..2^16-1>; } KeyShareClientHello;
struct KeyShareClientHello {
  std::vector<KeyShareEntry> client_shares;
  friend bool operator==(const KeyShareClientHello&, const KeyShareClientHello&) = default;
};
//   struct { KeyShareEntry server_share; } KeyShareServerHello;
struct KeyShareServerHello {
  KeyShareEntry server_share;
  friend bool operator==(const KeyShareServerHello&, const KeyShareServerHello&) = default;
};
//   struct { NamedGroup selected_group; } KeyShareHelloRetryRequest;
struct KeyShareHelloRetryRequest {
  NamedGroup selected_group{};
  friend bool operator==(const KeyShareHelloRetryRequest&,
                         const KeyShareHelloRetryRequest&) = default;
};

// ---- supported_versions (§4.2.1) -----------------------------------------------------------
//   ClientHello:        ProtocolVersion versions<2..254>;
//   ServerHello / HRR:  ProtocolVersion selected_version;
struct SupportedVersionsClientHello {
  std::vector<ProtocolVersion> versions;
  friend bool operator==(const SupportedVersionsClientHello&,
                         const SupportedVersionsClientHello&) = default;
};
struct SupportedVersionsServerHello {
  ProtocolVersion selected_version{};
  friend bool operator==(const SupportedVersionsServerHello&,
                         const SupportedVersionsServerHello&) = default;
};

// ---- psk_key_exchange_modes (§4.2.9) -------------------------------------------------------
//   struct { PskKeyExchangeMode ke_modes<1..255>; } PskKeyExchangeModes;
struct PskKeyExchangeModes {
  std::vector<PskKeyExchangeMode> modes;
  friend bool operator==(const PskKeyExchangeModes&, const PskKeyExchangeModes&) = default;
};

// ---- pre_shared_key (§4.2.11) --------------------------------------------------------------
//   struct { opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age; } PskIdentity;
//   opaque PskBinderEntry<32..255>;
//   struct { PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>; } OfferedPsks;
struct PskIdentity {
  Bytes identity;
  std::uint32_t obfuscated_ticket_age = 0;
  friend bool operator==(const PskIdentity&, const PskIdentity&) = default;
};
struct OfferedPsks {
  std::vector<PskIdentity> identities;
  std::vector<Bytes> binders;  // one per identity, in the same order
  friend bool operator==(const OfferedPsks&, const OfferedPsks&) = default;
};
//   ServerHello: uint16 selected_identity;
struct ServerPreSharedKey {
  std::uint16_t selected_identity = 0;
  friend bool operator==(const ServerPreSharedKey&, const ServerPreSharedKey&) = default;
};

// ---- early_data (§4.2.10) ------------------------------------------------------------------
//   struct {} Empty;  struct { select (Handshake.msg_type) {
//       case new_session_ticket: uint32 max_early_data_size;
//       case client_hello: Empty;  case encrypted_extensions: Empty; }; } EarlyDataIndication;
struct EarlyDataIndication {
  std::optional<std::uint32_t> max_early_data_size;  // set exactly in NewSessionTicket
  friend bool operator==(const EarlyDataIndication&, const EarlyDataIndication&) = default;
};

// ---- cookie (§4.2.2) -----------------------------------------------------------------------
//   struct { opaque cookie<1..2^16-1>; } Cookie;
struct Cookie {
  Bytes cookie;
  friend bool operator==(const Cookie&, const Cookie&) = default;
};

// ---- application_layer_protocol_negotiation (RFC 7301 §3.1) --------------------------------
//   opaque ProtocolName<1..2^8-1>;  struct { ProtocolName protocol_name_list<2..2^16-1> }
//       ProtocolNameList;
struct ProtocolNameList {
  std::vector<std::string> protocols;  // "h2", "http/1.1" (bytes kept as they are)
  friend bool operator==(const ProtocolNameList&, const ProtocolNameList&) = default;
};

// ---- status_request (RFC 6066 §8, RFC 8446 §4.4.2.1) ---------------------------------------
//   struct { CertificateStatusType status_type;   (ocsp(1))
//            select (status_type) { case ocsp: OCSPStatusRequest; } request;
//   } CertificateStatusRequest;
//   struct { ResponderID responder_id_list<0..2^16-1>; Extensions request_extensions; }
//       OCSPStatusRequest;     (opaque ResponderID<1..2^16-1>; opaque Extensions<0..2^16-1>)
/// In a ClientHello. A CertificateRequest carries the extension with an empty body (§4.4.2.1).
struct CertificateStatusRequest {
  std::vector<Bytes> responder_ids;  // DER ResponderID each
  Bytes request_extensions;          // DER Extensions, possibly empty
  friend bool operator==(const CertificateStatusRequest&,
                         const CertificateStatusRequest&) = default;
};
//   struct { CertificateStatusType status_type; select (status_type) {
//       case ocsp: OCSPResponse; } response; } CertificateStatus;
//   (opaque OCSPResponse<1..2^24-1>)
/// In a CertificateEntry's extensions (§4.4.2.1): the stapled OCSP response.
struct CertificateStatus {
  Bytes ocsp_response;  // DER OCSPResponse
  friend bool operator==(const CertificateStatus&, const CertificateStatus&) = default;
};

// ---- record_size_limit (RFC 8449 §4) -------------------------------------------------------
//   uint16 RecordSizeLimit;
struct RecordSizeLimit {
  std::uint16_t limit = 0;
  friend bool operator==(const RecordSizeLimit&, const RecordSizeLimit&) = default;
};

// ---- certificate_authorities (§4.2.4) ------------------------------------------------------
//   opaque DistinguishedName<1..2^16-1>;
//   struct { DistinguishedName authorities<3..2^16-1>; } CertificateAuthoritiesExtension;
struct CertificateAuthorities {
  std::vector<Bytes> authorities;  // DER Name each
  friend bool operator==(const CertificateAuthorities&, const CertificateAuthorities&) = default;
};

// ---- oid_filters (§4.2.5) ------------------------------------------------------------------
//   struct { opaque certificate_extension_oid<1..2^8-1>;
//            opaque certificate_extension_values<0..2^16-1>; } OIDFilter;
//   struct { OIDFilter filters<0..2^16-1>; } OIDFilterExtension;
struct OidFilter {
  Bytes certificate_extension_oid;     // DER OID contents
  Bytes certificate_extension_values;  // DER extension value(s)
  friend bool operator==(const OidFilter&, const OidFilter&) = default;
};
struct OidFilters {
  std::vector<OidFilter> filters;
  friend bool operator==(const OidFilters&, const OidFilters&) = default;
};

// ---- post_handshake_auth (§4.2.6) ----------------------------------------------------------
//   struct {} PostHandshakeAuth;
struct PostHandshakeAuth {
  friend bool operator==(const PostHandshakeAuth&, const PostHandshakeAuth&) = default;
};

// ---- Decoders: the extension_data of each form. Strict: bounds from the RFC structures, no
// trailing bytes (decode_error), values the RFC forbids refused (illegal_parameter).
[[nodiscard]] Result<ServerName, TlsError> decode_server_name(ByteView data);
[[nodiscard]] Result<SupportedGroups, TlsError> decode_supported_groups(ByteView data);
[[nodiscard]] Result<SignatureSchemeList, TlsError> decode_signature_algorithms(ByteView data);
[[nodiscard]] Result<KeyShareClientHello, TlsError> decode_key_share_client_hello(ByteView data);
[[nodiscard]] Result<KeyShareServerHello, TlsError> decode_key_share_server_hello(ByteView data);
[[nodiscard]] Result<KeyShareHelloRetryRequest, TlsError> decode_key_share_hello_retry_request(
    ByteView data);
[[nodiscard]] Result<SupportedVersionsClientHello, TlsError> decode_supported_versions_client_hello(
    ByteView data);
[[nodiscard]] Result<SupportedVersionsServerHello, TlsError> decode_supported_versions_server_hello(
    ByteView data);
[[nodiscard]] Result<PskKeyExchangeModes, TlsError> decode_psk_key_exchange_modes(ByteView data);
[[nodiscard]] Result<OfferedPsks, TlsError> decode_offered_psks(ByteView data);
[[nodiscard]] Result<ServerPreSharedKey, TlsError> decode_server_pre_shared_key(ByteView data);
/// `message` says which form: new_session_ticket has the uint32, the others are empty.
[[nodiscard]] Result<EarlyDataIndication, TlsError> decode_early_data(ByteView data,
                                                                      HandshakeType message);
[[nodiscard]] Result<Cookie, TlsError> decode_cookie(ByteView data);
[[nodiscard]] Result<ProtocolNameList, TlsError> decode_alpn(ByteView data);
[[nodiscard]] Result<CertificateStatusRequest, TlsError> decode_status_request(ByteView data);
[[nodiscard]] Result<CertificateStatus, TlsError> decode_certificate_status(ByteView data);
[[nodiscard]] Result<RecordSizeLimit, TlsError> decode_record_size_limit(ByteView data);
[[nodiscard]] Result<CertificateAuthorities, TlsError> decode_certificate_authorities(
    ByteView data);
[[nodiscard]] Result<OidFilters, TlsError> decode_oid_filters(ByteView data);
[[nodiscard]] Result<PostHandshakeAuth, TlsError> decode_post_handshake_auth(ByteView data);

// ---- Encoders: each builds the Extension to put in a message's list. They fail (internal_error)
// only when a list is too long for its length prefix.
[[nodiscard]] Result<Extension, TlsError> to_extension(const ServerName& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const SupportedGroups& v);
/// `type` is signature_algorithms or signature_algorithms_cert (the same structure).
[[nodiscard]] Result<Extension, TlsError> to_extension(
    const SignatureSchemeList& v, ExtensionType type = ExtensionType::signature_algorithms);
[[nodiscard]] Result<Extension, TlsError> to_extension(const KeyShareClientHello& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const KeyShareServerHello& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const KeyShareHelloRetryRequest& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const SupportedVersionsClientHello& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const SupportedVersionsServerHello& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const PskKeyExchangeModes& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const OfferedPsks& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const ServerPreSharedKey& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const EarlyDataIndication& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const Cookie& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const ProtocolNameList& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const CertificateStatusRequest& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const CertificateStatus& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const RecordSizeLimit& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const CertificateAuthorities& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const OidFilters& v);
[[nodiscard]] Result<Extension, TlsError> to_extension(const PostHandshakeAuth& v);

/// Decodes a known extension in the form `message` uses (`hello_retry_request` for the HRR forms
/// of key_share and supported_versions), and discards the value: the check the message decoders
/// run on every known extension §4.2 allows in that message. Unknown types pass.
[[nodiscard]] Result<Unit, TlsError> check_extension(const Extension& ext, HandshakeType message,
                                                     bool hello_retry_request = false);

namespace detail {
/// Reads `Extension extensions<floor..2^16-1>` (ceiling 2^16-2 for NewSessionTicket): refuses a
/// type seen twice (§4.2, illegal_parameter) and runs check_extension on each extension §4.2
/// allows in `message`. Errors go to `r`.
ExtensionList read_extension_block(WireReader& r, std::size_t floor, std::size_t ceiling,
                                   HandshakeType message, bool hello_retry_request = false);
/// Writes an extension block with its 2-byte length.
void write_extension_block(WireWriter& w, const ExtensionList& list);
}  // namespace detail

}  // namespace glasstls::tls
