// The extensions of RFC 8446 §4.2 (and RFC 6066, 7301, 8449 for server_name, ALPN, status_request
// and record_size_limit): a strict decoder and an encoder for each form, the §4.2 table of which
// message may carry which extension, and the extension block reader every message uses.
//
// Each decoder reads extension_data with a WireReader named after the extension, so an error
// reads "key_share.client_shares: length 0 outside <1..65535> (at byte 4)".
#include "glasstls/tls/extensions.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace glasstls::tls {
namespace {

using AD = AlertDescription;

/// Runs `read` over `data`, requires it consumed everything, returns its value or the error.
template <class T, class Read>
Result<T, TlsError> decode_all(ByteView data, std::string_view what, Read&& read) {
  WireReader r(data, what);
  T value = read(r);
  r.finish();
  if (!r.ok()) return Err(*r.error());
  return value;
}

/// Builds an Extension from what `fill` writes; internal_error when a vector overflowed.
template <class Fill>
Result<Extension, TlsError> build(ExtensionType type, Fill&& fill) {
  WireWriter w;
  fill(w);
  if (!w.ok())
    return Err(tls_error(AD::internal_error,
                         to_string(type) + ": a vector is too long for its length prefix",
                         "RFC 8446 §3"));
  return Extension{type, w.take()};
}

/// A vector of 2-byte codepoints, e.g. NamedGroup named_group_list<2..2^16-1>. Unknown values
/// (GREASE, newer codepoints) are kept as themselves.
template <class E>
std::vector<E> read_u16_list(WireReader& r, std::size_t floor, std::size_t ceiling,
                             std::string_view field) {
  WireReader list = r.sub(2, floor, ceiling, field);
  std::vector<E> out;
  if (list.remaining() % 2 != 0) {
    list.fail("", "odd length for a list of 2-byte values");
    return out;
  }
  while (list.ok() && !list.at_end()) out.push_back(static_cast<E>(list.u16("value")));
  return out;
}

template <class E>
void write_u16_list(WireWriter& w, const std::vector<E>& values) {
  w.vector(2, [&](WireWriter& v) {
    for (E e : values) v.u16(static_cast<std::uint16_t>(e));
  });
}

KeyShareEntry read_key_share_entry(WireReader& r) {
  KeyShareEntry e;
  e.group = static_cast<NamedGroup>(r.u16("group"));
  e.key_exchange = to_bytes(r.vector(2, 1, 65535, "key_exchange"));
  return e;
}

void write_key_share_entry(WireWriter& w, const KeyShareEntry& e) {
  w.u16(static_cast<std::uint16_t>(e.group));
  w.opaque(2, e.key_exchange);
}

/// A check that discards the decoded value.
template <class T>
Result<Unit, TlsError> discard(Result<T, TlsError> r) {
  if (!r) return Err(std::move(r).error());
  return Unit{};
}

}  // namespace

const Extension* find_extension(const ExtensionList& list, ExtensionType type) noexcept {
  for (const Extension& e : list)
    if (e.type == type) return &e;
  return nullptr;
}

// RFC 8446 §4.2: the table of "the messages in which each extension may appear":
// CH (ClientHello), SH (ServerHello), EE (EncryptedExtensions), CT (Certificate),
// CR (CertificateRequest), NST (NewSessionTicket) and HRR (HelloRetryRequest).
bool allowed_in(ExtensionType type, HandshakeType message) noexcept {
  using ET = ExtensionType;
  using HT = HandshakeType;
  const bool ch = message == HT::client_hello, sh = message == HT::server_hello,
             ee = message == HT::encrypted_extensions, ct = message == HT::certificate,
             cr = message == HT::certificate_request, nst = message == HT::new_session_ticket;
  switch (type) {
    case ET::server_name:                             // RFC 6066
    case ET::max_fragment_length:                     // RFC 6066
    case ET::supported_groups:                        // RFC 7919
    case ET::use_srtp:                                // RFC 5764
    case ET::heartbeat:                               // RFC 6520
    case ET::application_layer_protocol_negotiation:  // RFC 7301
    case ET::client_certificate_type:                 // RFC 7250
    case ET::server_certificate_type:                 // RFC 7250
    case ET::record_size_limit:                       // RFC 8449 §5: CH, EE
    case ET::application_settings:                    // ALPS: CH, EE
    case ET::encrypted_client_hello:                  // ECH: CH, EE (and HRR)
      return ch || ee;
    case ET::status_request:                // RFC 6066
    case ET::signed_certificate_timestamp:  // RFC 6962
      return ch || cr || ct;
    case ET::signature_algorithms:
    case ET::certificate_authorities:
    case ET::signature_algorithms_cert:
    case ET::compress_certificate:  // RFC 8879 §3: CH, CR
      return ch || cr;
    case ET::padding:  // RFC 7685
    case ET::psk_key_exchange_modes:
    case ET::post_handshake_auth:
      return ch;
    case ET::key_share:
    case ET::supported_versions:
    case ET::pre_shared_key:
      return ch || sh;  // (key_share and supported_versions also in HRR)
    case ET::early_data:
      return ch || ee || nst;
    case ET::cookie:
      return ch;  // (and HRR)
    case ET::oid_filters:
      return cr;
    default:
      // Not in the table (TLS 1.2 extensions, GREASE, newer ones): a server ignores what it does
      // not know in a ClientHello (§4.2); no response may carry it.
      return ch;
  }
}

bool allowed_in_hello_retry_request(ExtensionType type) noexcept {
  // RFC 8446 §4.2: key_share, cookie and supported_versions are marked HRR (ECH adds its
  // confirmation, draft-ietf-tls-esni §7.2.1).
  return type == ExtensionType::key_share || type == ExtensionType::cookie ||
         type == ExtensionType::supported_versions || type == ExtensionType::encrypted_client_hello;
}

// ---- server_name (RFC 6066 §3)

Result<ServerName, TlsError> decode_server_name(ByteView data) {
  if (data.empty()) return ServerName{};  // the server's acknowledgement
  return decode_all<ServerName>(data, "server_name", [](WireReader& r) {
    ServerName out;
    WireReader list = r.sub(2, 1, 65535, "server_name_list");
    while (list.ok() && !list.at_end()) {
      const std::uint8_t name_type = list.u8("name_type");
      if (!list.ok()) break;
      if (name_type != 0) {
        // RFC 6066 §3 defines host_name(0) only, and the select gives no way to skip another.
        list.fail("name_type", "unknown name type " + std::to_string(name_type),
                  AD::illegal_parameter, "RFC 6066 §3");
        break;
      }
      const ByteView host = list.vector(2, 1, 65535, "host_name");
      if (!list.ok()) break;
      if (out.host_name) {
        // RFC 6066 §3: "The ServerNameList MUST NOT contain more than one name of the same
        // name_type."
        list.fail("host_name", "a second host_name", AD::illegal_parameter, "RFC 6066 §3");
        break;
      }
      out.host_name = std::string(host.begin(), host.end());
    }
    return out;
  });
}

Result<Extension, TlsError> to_extension(const ServerName& v) {
  return build(ExtensionType::server_name, [&](WireWriter& w) {
    if (!v.host_name) return;
    w.vector(2, [&](WireWriter& list) {
      list.u8(0);  // host_name
      list.opaque(2, as_bytes(*v.host_name));
    });
  });
}

// ---- supported_groups (§4.2.7)

Result<SupportedGroups, TlsError> decode_supported_groups(ByteView data) {
  return decode_all<SupportedGroups>(data, "supported_groups", [](WireReader& r) {
    return SupportedGroups{read_u16_list<NamedGroup>(r, 2, 65535, "named_group_list")};
  });
}

Result<Extension, TlsError> to_extension(const SupportedGroups& v) {
  return build(ExtensionType::supported_groups,
               [&](WireWriter& w) { write_u16_list(w, v.groups); });
}

// ---- signature_algorithms(_cert) (§4.2.3)

Result<SignatureSchemeList, TlsError> decode_signature_algorithms(ByteView data) {
  return decode_all<SignatureSchemeList>(data, "signature_algorithms", [](WireReader& r) {
    return SignatureSchemeList{
        read_u16_list<SignatureScheme>(r, 2, 65534, "supported_signature_algorithms")};
  });
}

Result<Extension, TlsError> to_extension(const SignatureSchemeList& v, ExtensionType type) {
  return build(type, [&](WireWriter& w) { write_u16_list(w, v.schemes); });
}

// ---- key_share (§4.2.8)

Result<KeyShareClientHello, TlsError> decode_key_share_client_hello(ByteView data) {
  return decode_all<KeyShareClientHello>(data, "key_share", [](WireReader& r) {
    KeyShareClientHello out;
    WireReader list = r.sub(2, 0, 65535, "client_shares");
    while (list.ok() && !list.at_end()) {
      KeyShareEntry e = read_key_share_entry(list);
      if (!list.ok()) break;
      // §4.2.8: "Clients MUST NOT offer multiple KeyShareEntry values for the same group ...
      // Servers MAY check for violations of these rules and abort the handshake with an
      // "illegal_parameter" alert if one is violated."
      for (const KeyShareEntry& seen : out.client_shares)
        if (seen.group == e.group)
          list.fail("group", "two key shares for " + to_string(e.group), AD::illegal_parameter,
                    "RFC 8446 §4.2.8");
      out.client_shares.push_back(std::move(e));
    }
    return out;
  });
}

Result<KeyShareServerHello, TlsError> decode_key_share_server_hello(ByteView data) {
  return decode_all<KeyShareServerHello>(data, "key_share", [](WireReader& r) {
    return KeyShareServerHello{read_key_share_entry(r)};
  });
}

Result<KeyShareHelloRetryRequest, TlsError> decode_key_share_hello_retry_request(ByteView data) {
  return decode_all<KeyShareHelloRetryRequest>(data, "key_share", [](WireReader& r) {
    return KeyShareHelloRetryRequest{static_cast<NamedGroup>(r.u16("selected_group"))};
  });
}

Result<Extension, TlsError> to_extension(const KeyShareClientHello& v) {
  return build(ExtensionType::key_share, [&](WireWriter& w) {
    w.vector(2, [&](WireWriter& list) {
      for (const KeyShareEntry& e : v.client_shares) write_key_share_entry(list, e);
    });
  });
}

Result<Extension, TlsError> to_extension(const KeyShareServerHello& v) {
  return build(ExtensionType::key_share,
               [&](WireWriter& w) { write_key_share_entry(w, v.server_share); });
}

Result<Extension, TlsError> to_extension(const KeyShareHelloRetryRequest& v) {
  return build(ExtensionType::key_share,
               [&](WireWriter& w) { w.u16(static_cast<std::uint16_t>(v.selected_group)); });
}

// ---- supported_versions (§4.2.1)

Result<SupportedVersionsClientHello, TlsError> decode_supported_versions_client_hello(
    ByteView data) {
  return decode_all<SupportedVersionsClientHello>(data, "supported_versions", [](WireReader& r) {
    WireReader list = r.sub(1, 2, 254, "versions");
    SupportedVersionsClientHello out;
    if (list.remaining() % 2 != 0) list.fail("", "odd length for a list of 2-byte versions");
    while (list.ok() && !list.at_end())
      out.versions.push_back(static_cast<ProtocolVersion>(list.u16("version")));
    return out;
  });
}

Result<SupportedVersionsServerHello, TlsError> decode_supported_versions_server_hello(
    ByteView data) {
  return decode_all<SupportedVersionsServerHello>(data, "supported_versions", [](WireReader& r) {
    return SupportedVersionsServerHello{static_cast<ProtocolVersion>(r.u16("selected_version"))};
  });
}

Result<Extension, TlsError> to_extension(const SupportedVersionsClientHello& v) {
  return build(ExtensionType::supported_versions, [&](WireWriter& w) {
    w.vector(1, [&](WireWriter& list) {
      for (ProtocolVersion p : v.versions) list.u16(static_cast<std::uint16_t>(p));
    });
  });
}

Result<Extension, TlsError> to_extension(const SupportedVersionsServerHello& v) {
  return build(ExtensionType::supported_versions,
               [&](WireWriter& w) { w.u16(static_cast<std::uint16_t>(v.selected_version)); });
}

// ---- psk_key_exchange_modes (§4.2.9)

Result<PskKeyExchangeModes, TlsError> decode_psk_key_exchange_modes(ByteView data) {
  return decode_all<PskKeyExchangeModes>(data, "psk_key_exchange_modes", [](WireReader& r) {
    PskKeyExchangeModes out;
    // Unknown modes are kept: §4.2.9 has the server ignore what it does not know.
    for (std::uint8_t m : r.vector(1, 1, 255, "ke_modes"))
      out.modes.push_back(static_cast<PskKeyExchangeMode>(m));
    return out;
  });
}

Result<Extension, TlsError> to_extension(const PskKeyExchangeModes& v) {
  return build(ExtensionType::psk_key_exchange_modes, [&](WireWriter& w) {
    w.vector(1, [&](WireWriter& list) {
      for (PskKeyExchangeMode m : v.modes) list.u8(static_cast<std::uint8_t>(m));
    });
  });
}

// ---- pre_shared_key (§4.2.11)

Result<OfferedPsks, TlsError> decode_offered_psks(ByteView data) {
  return decode_all<OfferedPsks>(data, "pre_shared_key", [](WireReader& r) {
    OfferedPsks out;
    WireReader ids = r.sub(2, 7, 65535, "identities");
    while (ids.ok() && !ids.at_end()) {
      PskIdentity id;
      id.identity = to_bytes(ids.vector(2, 1, 65535, "identity"));
      id.obfuscated_ticket_age = ids.u32("obfuscated_ticket_age");
      if (ids.ok()) out.identities.push_back(std::move(id));
    }
    WireReader binders = r.sub(2, 33, 65535, "binders");
    while (binders.ok() && !binders.at_end()) {
      const ByteView b = binders.vector(1, 32, 255, "binder");
      if (binders.ok()) out.binders.push_back(to_bytes(b));
    }
    // §4.2.11: binders are "one for each value in the identities list".
    if (r.ok() && out.binders.size() != out.identities.size())
      r.fail("binders",
             std::to_string(out.binders.size()) + " binders for " +
                 std::to_string(out.identities.size()) + " identities",
             AD::illegal_parameter, "RFC 8446 §4.2.11");
    return out;
  });
}

Result<ServerPreSharedKey, TlsError> decode_server_pre_shared_key(ByteView data) {
  return decode_all<ServerPreSharedKey>(data, "pre_shared_key", [](WireReader& r) {
    return ServerPreSharedKey{r.u16("selected_identity")};
  });
}

Result<Extension, TlsError> to_extension(const OfferedPsks& v) {
  return build(ExtensionType::pre_shared_key, [&](WireWriter& w) {
    w.vector(2, [&](WireWriter& ids) {
      for (const PskIdentity& id : v.identities) {
        ids.opaque(2, id.identity);
        ids.u32(id.obfuscated_ticket_age);
      }
    });
    w.vector(2, [&](WireWriter& binders) {
      for (const Bytes& b : v.binders) binders.opaque(1, b);
    });
  });
}

Result<Extension, TlsError> to_extension(const ServerPreSharedKey& v) {
  return build(ExtensionType::pre_shared_key, [&](WireWriter& w) { w.u16(v.selected_identity); });
}

// ---- early_data (§4.2.10)

Result<EarlyDataIndication, TlsError> decode_early_data(ByteView data, HandshakeType message) {
  return decode_all<EarlyDataIndication>(data, "early_data", [&](WireReader& r) {
    EarlyDataIndication out;
    if (message == HandshakeType::new_session_ticket)
      out.max_early_data_size = r.u32("max_early_data_size");
    return out;
  });
}

Result<Extension, TlsError> to_extension(const EarlyDataIndication& v) {
  return build(ExtensionType::early_data, [&](WireWriter& w) {
    if (v.max_early_data_size) w.u32(*v.max_early_data_size);
  });
}

// ---- cookie (§4.2.2)

Result<Cookie, TlsError> decode_cookie(ByteView data) {
  return decode_all<Cookie>(data, "cookie", [](WireReader& r) {
    return Cookie{to_bytes(r.vector(2, 1, 65535, "cookie"))};
  });
}

Result<Extension, TlsError> to_extension(const Cookie& v) {
  return build(ExtensionType::cookie, [&](WireWriter& w) { w.opaque(2, v.cookie); });
}

// ---- application_layer_protocol_negotiation (RFC 7301 §3.1)

Result<ProtocolNameList, TlsError> decode_alpn(ByteView data) {
  return decode_all<ProtocolNameList>(
      data, "application_layer_protocol_negotiation", [](WireReader& r) {
        ProtocolNameList out;
        WireReader list = r.sub(2, 2, 65535, "protocol_name_list");
        while (list.ok() && !list.at_end()) {
          const ByteView name = list.vector(1, 1, 255, "protocol_name");
          if (list.ok()) out.protocols.emplace_back(name.begin(), name.end());
        }
        return out;
      });
}

Result<Extension, TlsError> to_extension(const ProtocolNameList& v) {
  return build(ExtensionType::application_layer_protocol_negotiation, [&](WireWriter& w) {
    w.vector(2, [&](WireWriter& list) {
      for (const std::string& p : v.protocols) list.opaque(1, as_bytes(p));
    });
  });
}

// ---- status_request (RFC 6066 §8, RFC 8446 §4.4.2.1)

namespace {
constexpr std::uint8_t kStatusTypeOcsp = 1;  // RFC 6066 §8: CertificateStatusType ocsp(1)

void read_status_type(WireReader& r) {
  const std::uint8_t type = r.u8("status_type");
  if (r.ok() && type != kStatusTypeOcsp)
    r.fail("status_type", "unknown CertificateStatusType " + std::to_string(type),
           AD::illegal_parameter, "RFC 6066 §8");
}
}  // namespace

Result<CertificateStatusRequest, TlsError> decode_status_request(ByteView data) {
  return decode_all<CertificateStatusRequest>(data, "status_request", [](WireReader& r) {
    CertificateStatusRequest out;
    read_status_type(r);
    WireReader ids = r.sub(2, 0, 65535, "responder_id_list");
    while (ids.ok() && !ids.at_end()) {
      const ByteView id = ids.vector(2, 1, 65535, "responder_id");
      if (ids.ok()) out.responder_ids.push_back(to_bytes(id));
    }
    out.request_extensions = to_bytes(r.vector(2, 0, 65535, "request_extensions"));
    return out;
  });
}

Result<CertificateStatus, TlsError> decode_certificate_status(ByteView data) {
  return decode_all<CertificateStatus>(data, "status_request", [](WireReader& r) {
    read_status_type(r);
    return CertificateStatus{to_bytes(r.vector(3, 1, 0xffffff, "ocsp_response"))};
  });
}

Result<Extension, TlsError> to_extension(const CertificateStatusRequest& v) {
  return build(ExtensionType::status_request, [&](WireWriter& w) {
    w.u8(kStatusTypeOcsp);
    w.vector(2, [&](WireWriter& ids) {
      for (const Bytes& id : v.responder_ids) ids.opaque(2, id);
    });
    w.opaque(2, v.request_extensions);
  });
}

Result<Extension, TlsError> to_extension(const CertificateStatus& v) {
  return build(ExtensionType::status_request, [&](WireWriter& w) {
    w.u8(kStatusTypeOcsp);
    w.opaque(3, v.ocsp_response);
  });
}

// ---- record_size_limit (RFC 8449 §4)

Result<RecordSizeLimit, TlsError> decode_record_size_limit(ByteView data) {
  return decode_all<RecordSizeLimit>(data, "record_size_limit", [](WireReader& r) {
    const std::uint16_t limit = r.u16("limit");
    // RFC 8449 §4: "An endpoint MUST treat receipt of a smaller value [than 64] as a fatal error
    // and generate an "illegal_parameter" alert."
    if (r.ok() && limit < 64)
      r.fail("limit", "record size limit " + std::to_string(limit) + " below 64",
             AD::illegal_parameter, "RFC 8449 §4");
    return RecordSizeLimit{limit};
  });
}

Result<Extension, TlsError> to_extension(const RecordSizeLimit& v) {
  return build(ExtensionType::record_size_limit, [&](WireWriter& w) { w.u16(v.limit); });
}

// ---- certificate_authorities (§4.2.4)

Result<CertificateAuthorities, TlsError> decode_certificate_authorities(ByteView data) {
  return decode_all<CertificateAuthorities>(data, "certificate_authorities", [](WireReader& r) {
    CertificateAuthorities out;
    WireReader list = r.sub(2, 3, 65535, "authorities");
    while (list.ok() && !list.at_end()) {
      const ByteView dn = list.vector(2, 1, 65535, "DistinguishedName");
      if (list.ok()) out.authorities.push_back(to_bytes(dn));
    }
    return out;
  });
}

Result<Extension, TlsError> to_extension(const CertificateAuthorities& v) {
  return build(ExtensionType::certificate_authorities, [&](WireWriter& w) {
    w.vector(2, [&](WireWriter& list) {
      for (const Bytes& dn : v.authorities) list.opaque(2, dn);
    });
  });
}

// ---- oid_filters (§4.2.5)

Result<OidFilters, TlsError> decode_oid_filters(ByteView data) {
  return decode_all<OidFilters>(data, "oid_filters", [](WireReader& r) {
    OidFilters out;
    WireReader list = r.sub(2, 0, 65535, "filters");
    while (list.ok() && !list.at_end()) {
      OidFilter f;
      f.certificate_extension_oid = to_bytes(list.vector(1, 1, 255, "certificate_extension_oid"));
      f.certificate_extension_values =
          to_bytes(list.vector(2, 0, 65535, "certificate_extension_values"));
      if (list.ok()) out.filters.push_back(std::move(f));
    }
    return out;
  });
}

Result<Extension, TlsError> to_extension(const OidFilters& v) {
  return build(ExtensionType::oid_filters, [&](WireWriter& w) {
    w.vector(2, [&](WireWriter& list) {
      for (const OidFilter& f : v.filters) {
        list.opaque(1, f.certificate_extension_oid);
        list.opaque(2, f.certificate_extension_values);
      }
    });
  });
}

// ---- post_handshake_auth (§4.2.6)

Result<PostHandshakeAuth, TlsError> decode_post_handshake_auth(ByteView data) {
  return decode_all<PostHandshakeAuth>(data, "post_handshake_auth",
                                       [](WireReader&) { return PostHandshakeAuth{}; });
}

Result<Extension, TlsError> to_extension(const PostHandshakeAuth&) {
  return build(ExtensionType::post_handshake_auth, [](WireWriter&) {});
}

// ---- the check each message decoder runs

Result<Unit, TlsError> check_extension(const Extension& ext, HandshakeType message,
                                       bool hello_retry_request) {
  using ET = ExtensionType;
  using HT = HandshakeType;
  const ByteView d = ext.data;
  switch (ext.type) {
    case ET::server_name:
      // RFC 6066 §3: a client's ServerNameList has at least one name; only the server's
      // acknowledgement is empty.
      if (message == HT::client_hello && d.empty())
        return Err(
            tls_error(AD::decode_error, "server_name: empty in a ClientHello", "RFC 6066 §3"));
      return discard(decode_server_name(d));
    case ET::supported_groups:
      return discard(decode_supported_groups(d));
    case ET::signature_algorithms:
    case ET::signature_algorithms_cert:
      return discard(decode_signature_algorithms(d));
    case ET::key_share:
      if (hello_retry_request) return discard(decode_key_share_hello_retry_request(d));
      if (message == HT::server_hello) return discard(decode_key_share_server_hello(d));
      return discard(decode_key_share_client_hello(d));
    case ET::supported_versions:
      if (hello_retry_request || message == HT::server_hello)
        return discard(decode_supported_versions_server_hello(d));
      return discard(decode_supported_versions_client_hello(d));
    case ET::psk_key_exchange_modes:
      return discard(decode_psk_key_exchange_modes(d));
    case ET::pre_shared_key:
      if (message == HT::server_hello) return discard(decode_server_pre_shared_key(d));
      return discard(decode_offered_psks(d));
    case ET::early_data:
      return discard(decode_early_data(d, message));
    case ET::cookie:
      return discard(decode_cookie(d));
    case ET::application_layer_protocol_negotiation:
      return discard(decode_alpn(d));
    case ET::status_request:
      if (message == HT::certificate) return discard(decode_certificate_status(d));
      if (message == HT::certificate_request) {
        // §4.4.2.1: the server asks for a client's OCSP response "by sending an empty
        // status_request extension in its CertificateRequest message".
        if (!d.empty())
          return Err(tls_error(AD::decode_error, "status_request in CertificateRequest not empty",
                               "RFC 8446 §4.4.2.1"));
        return Unit{};
      }
      return discard(decode_status_request(d));
    case ET::record_size_limit:
      return discard(decode_record_size_limit(d));
    case ET::certificate_authorities:
      return discard(decode_certificate_authorities(d));
    case ET::oid_filters:
      return discard(decode_oid_filters(d));
    case ET::post_handshake_auth:
      return discard(decode_post_handshake_auth(d));
    default:
      return Unit{};  // kept raw
  }
}

namespace detail {

ExtensionList read_extension_block(WireReader& r, std::size_t floor, std::size_t ceiling,
                                   HandshakeType message, bool hello_retry_request) {
  ExtensionList out;
  WireReader block = r.sub(2, floor, ceiling, "extensions");
  while (block.ok() && !block.at_end()) {
    const auto type = static_cast<ExtensionType>(block.u16("extension_type"));
    const ByteView data = block.vector(2, 0, 65535, "extension_data");
    if (!block.ok()) break;
    // §4.2: "There MUST NOT be more than one extension of the same type in a given extension
    // block."
    if (find_extension(out, type)) {
      block.fail("extension_type", "a second " + to_string(type) + " extension",
                 AD::illegal_parameter, "RFC 8446 §4.2");
      break;
    }
    out.push_back(Extension{type, to_bytes(data)});
    const bool allowed =
        hello_retry_request ? allowed_in_hello_retry_request(type) : allowed_in(type, message);
    if (allowed) {
      auto checked = check_extension(out.back(), message, hello_retry_request);
      if (!checked) {
        const TlsError& e = checked.error();
        block.fail(to_string(type), e.reason, e.alert, e.section);
        break;
      }
    }
  }
  return out;
}

void write_extension_block(WireWriter& w, const ExtensionList& list) {
  w.vector(2, [&](WireWriter& block) {
    for (const Extension& e : list) {
      block.u16(static_cast<std::uint16_t>(e.type));
      block.opaque(2, e.data);
    }
  });
}

}  // namespace detail
}  // namespace glasstls::tls
