// The TLS 1.3 client, RFC 8446 Appendix A.1:
//
//                               START <----+
//                Send ClientHello |        | Recv HelloRetryRequest
//           [K_send = early data] |        |
//                                 v        |
//            /                 WAIT_SH ----+
//            |                    | Recv ServerHello
//            |                    | K_recv = handshake
//        Can |                    V
//       send |                 WAIT_EE
//      early |                    | Recv EncryptedExtensions
//       data |           +--------+--------+
//            |     Using |                 | Using certificate
//            |       PSK |                 v
//            |           |            WAIT_CERT_CR
//            |           |        Recv |       | Recv CertificateRequest
//            |           | Certificate |       v
//            |           |             |    WAIT_CERT
//            |           |             |       | Recv Certificate
//            |           |             v       v
//            |           |              WAIT_CV
//            |           |                 | Recv CertificateVerify
//            |           +> WAIT_FINISHED <+
//            |                  | Recv Finished
//            \                  | [Send EndOfEarlyData]
//                               | K_send = handshake
//                               | [Send Certificate [+ CertificateVerify]]
//     Can send                  | Send Finished
//     app data   -->            | K_send = K_recv = application
//     after here                v
//                           CONNECTED
//
// One function per message received; each cites the section whose rules it applies. glasstls's
// client authenticates servers by certificate only (no PSK yet), sends no early data, and answers
// a CertificateRequest with an empty Certificate (it has no client certificate yet).
#include <algorithm>
#include <string>

#include "connection_internal.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/tls/credentials.hpp"
#include "glasstls/x509/verify.hpp"

namespace glasstls::tls {

using detail::fail;
using detail::take;

namespace {

std::shared_ptr<const x509::TrustStore> system_roots();

using detail::contains;

/// §4.1.3: the last 8 bytes of ServerHello.random a TLS 1.3 server writes when it negotiates
/// TLS 1.2 ("DOWNGRD\x01") or TLS 1.1 and below ("DOWNGRD\x00").
bool has_downgrade_sentinel(const Random& random) {
  static constexpr std::uint8_t kSentinel[7] = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44};
  return std::equal(std::begin(kSentinel), std::end(kSentinel), random.begin() + 24) &&
         (random[31] == 0x01 || random[31] == 0x00);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// §4.1.2 ClientHello

void Connection::Impl::client_start() {
  const ClientConfig& cfg = *client_config;
  // Randomness is drawn in a fixed order (the deterministic tests rely on it): the random, the
  // legacy_session_id (compatibility mode), then each key share's private key.
  rng.fill(MutableByteView(client_random));
  if (policy.middlebox_compatibility) {
    // §D.4: a non-empty session id makes the handshake look like a TLS 1.2 resumption.
    session_id.resize(32);
    rng.fill(MutableByteView(session_id));
  }

  ClientHello ch;
  ch.random = client_random;
  ch.legacy_session_id = session_id;
  for (CipherSuite s : policy.cipher_suites) {
    if (cipher_suite_info(s).has_value()) ch.cipher_suites.push_back(s);
  }
  if (ch.cipher_suites.empty()) {
    fail(AlertDescription::internal_error, "the policy allows no cipher suite glasstls implements",
         "RFC 8446 §4.1.2");
  }
  // RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName".
  if (cfg.send_sni && !server_ip.has_value() && !server_name.empty()) {
    ch.extensions.push_back(take(to_extension(ServerName{server_name})));
    summary.server_name = server_name;
  }
  SupportedGroups groups;
  for (NamedGroup g : policy.groups) {
    if (detail::group_supported(g)) groups.groups.push_back(g);
  }
  if (groups.groups.empty()) {
    fail(AlertDescription::internal_error, "the policy allows no group glasstls implements",
         "RFC 8446 §4.2.7");
  }
  ch.extensions.push_back(take(to_extension(groups)));
  SignatureSchemeList schemes;
  const auto known = supported_certificate_verify_schemes();
  for (SignatureScheme s : policy.signature_schemes) {
    if (std::find(known.begin(), known.end(), s) != known.end()) schemes.schemes.push_back(s);
  }
  ch.extensions.push_back(take(to_extension(schemes)));
  if (!cfg.alpn.empty()) {
    ch.extensions.push_back(take(to_extension(ProtocolNameList{cfg.alpn})));
  }
  KeyShareClientHello shares;
  for (NamedGroup g : policy.key_share_groups) {
    if (!contains(groups.groups, g)) continue;  // §4.2.8: only groups in supported_groups
    Timer t(*this, CryptoOpKind::key_share_generate, tls::to_string(g));
    key_shares.push_back(detail::generate_key_share(g, rng));
    shares.client_shares.push_back(KeyShareEntry{g, key_shares.back().public_bytes});
  }
  ch.extensions.push_back(take(to_extension(shares)));
  ch.extensions.push_back(
      take(to_extension(SupportedVersionsClientHello{{ProtocolVersion::tls13}})));

  if (options.hooks != nullptr && options.hooks->edit_client_hello != nullptr) {
    options.hooks->edit_client_hello(ch, options.hooks->ctx);
  }
  client_hello = std::move(ch);
  // §5.1: the initial ClientHello may carry record version 0x0301 for compatibility.
  client_send_hello(0x0301);
  reader.set_handshake_in_progress(true);
  set_state(State::WaitServerHello);
}

void Connection::Impl::client_send_hello(std::uint16_t record_version) {
  // What was offered is what the ServerHello may answer (§4.2), read from the hello as sent.
  offered.clear();
  for (const Extension& e : client_hello.extensions) offered.push_back(e.type);
  offered_schemes.clear();
  if (const Extension* e = find_extension(client_hello.extensions,
                                          ExtensionType::signature_algorithms)) {
    offered_schemes = take(decode_signature_algorithms(e->data)).schemes;
  }
  const Bytes message = take(encode(client_hello));
  add_to_transcript(Direction::sent, HandshakeType::client_hello, message);
  send_plaintext_handshake(message, record_version);
}

// ---------------------------------------------------------------------------------------------
// Dispatch

void Connection::Impl::client_handle(const HandshakeBytes& m) {
  const std::size_t hash_length = suite.has_value() ? crypto::digest_size(suite->hash) : 0;
  auto wrong = [&](std::string_view expected) {
    fail(AlertDescription::unexpected_message,
         "received " + tls::to_string(m.type) + " in state " + std::string(to_string(state)) +
             " (expected " + std::string(expected) + ")",
         "RFC 8446 §4, Appendix A.1");
  };
  switch (state) {
    case State::WaitServerHello: {
      if (m.type != HandshakeType::server_hello) wrong("server_hello");
      const ServerHello sh = take(decode_server_hello(m.body()));
      if (sh.is_hello_retry_request()) {
        client_hello_retry_request(sh, m.bytes);
      } else {
        client_server_hello(sh, m.bytes);
      }
      return;
    }
    case State::WaitEncryptedExtensions:
      if (m.type != HandshakeType::encrypted_extensions) wrong("encrypted_extensions");
      client_encrypted_extensions(take(decode_encrypted_extensions(m.body())), m.bytes);
      return;
    case State::WaitCertificateOrCertificateRequest:
      if (m.type == HandshakeType::certificate_request) {
        client_certificate_request(take(decode_certificate_request(m.body())), m.bytes);
        return;
      }
      if (m.type != HandshakeType::certificate) wrong("certificate or certificate_request");
      client_certificate(take(decode_certificate(m.body(), policy.limits)), m.bytes);
      return;
    case State::WaitCertificate:
      if (m.type != HandshakeType::certificate) wrong("certificate");
      client_certificate(take(decode_certificate(m.body(), policy.limits)), m.bytes);
      return;
    case State::WaitCertificateVerify:
      if (m.type != HandshakeType::certificate_verify) wrong("certificate_verify");
      client_certificate_verify(take(decode_certificate_verify(m.body())), m.bytes);
      return;
    case State::WaitFinished:
      if (m.type != HandshakeType::finished) wrong("finished");
      client_finished(take(decode_finished(m.body(), hash_length)), m.bytes);
      return;
    case State::Connected:
    case State::Closed:
      // §4.6: after the handshake a server may send NewSessionTicket and KeyUpdate.
      if (m.type == HandshakeType::new_session_ticket) {
        client_new_session_ticket(take(decode_new_session_ticket(m.body())));
        return;
      }
      if (m.type == HandshakeType::key_update) {
        handle_key_update(take(decode_key_update(m.body())));
        return;
      }
      wrong("new_session_ticket or key_update");
      return;
    default:
      wrong("nothing");
  }
}

/// §4.2: every extension in a server's message must answer one the client sent (except the
/// HelloRetryRequest's cookie, §4.2.2), and must be one §4.2's table allows in that message.
void Connection::Impl::client_check_server_extensions(const ExtensionList& list,
                                                      HandshakeType where,
                                                      bool hello_retry_request) {
  for (const Extension& e : list) {
    const bool solicited = contains(offered, e.type) ||
                           (hello_retry_request && e.type == ExtensionType::cookie);
    if (!solicited) {
      fail(AlertDescription::unsupported_extension,
           tls::to_string(where) + (hello_retry_request ? " (HelloRetryRequest)" : "") +
               " carries " + tls::to_string(e.type) + ", which the ClientHello did not offer",
           "RFC 8446 §4.2");
    }
    const bool allowed = hello_retry_request ? allowed_in_hello_retry_request(e.type)
                                             : allowed_in(e.type, where);
    if (!allowed) {
      fail(AlertDescription::illegal_parameter,
           tls::to_string(e.type) + " is not allowed in " + tls::to_string(where) +
               (hello_retry_request ? " (HelloRetryRequest)" : ""),
           "RFC 8446 §4.2");
    }
  }
}

namespace {

/// §4.1.3, §4.2.1, §4.1.4: the checks a ServerHello and a HelloRetryRequest share.
void check_server_hello_common(const ServerHello& sh, const ClientHello& ch) {
  const Extension* versions = find_extension(sh.extensions, ExtensionType::supported_versions);
  if (versions == nullptr) {
    // The server chose TLS 1.2 or older. §4.1.3: a TLS 1.3 server that was offered 1.3 marks
    // such a downgrade in its random; a client seeing the mark MUST abort with
    // illegal_parameter. Without it, glasstls (TLS 1.3 only) refuses the older version.
    if (has_downgrade_sentinel(sh.random)) {
      fail(AlertDescription::illegal_parameter,
           "ServerHello.random ends with the downgrade sentinel DOWNGRD: an attacker may have "
           "removed TLS 1.3 from the ClientHello",
           "RFC 8446 §4.1.3");
    }
    fail(AlertDescription::protocol_version,
         "the server chose a version older than TLS 1.3 (no supported_versions in ServerHello)",
         "RFC 8446 §4.2.1");
  }
  const auto selected = take(decode_supported_versions_server_hello(versions->data));
  if (selected.selected_version != ProtocolVersion::tls13) {
    fail(AlertDescription::illegal_parameter,
         "supported_versions selects " + tls::to_string(selected.selected_version) +
             ", which the client did not offer",
         "RFC 8446 §4.2.1");
  }
  if (sh.legacy_version != 0x0303) {
    fail(AlertDescription::illegal_parameter, "ServerHello.legacy_version must be 0x0303",
         "RFC 8446 §4.1.3");
  }
  if (sh.legacy_session_id_echo != ch.legacy_session_id) {
    fail(AlertDescription::illegal_parameter,
         "legacy_session_id_echo does not match the ClientHello's legacy_session_id",
         "RFC 8446 §4.1.3");
  }
  if (!contains(ch.cipher_suites, sh.cipher_suite) || !cipher_suite_info(sh.cipher_suite)) {
    fail(AlertDescription::illegal_parameter,
         "the server selected cipher suite " + tls::to_string(sh.cipher_suite) +
             ", which the client did not offer",
         "RFC 8446 §4.1.3");
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// §4.1.4 HelloRetryRequest

void Connection::Impl::client_hello_retry_request(const ServerHello& hrr, ByteView raw) {
  if (hello_retry_seen) {
    // §4.1.4: "If a client receives a second HelloRetryRequest in the same connection ..., it
    // MUST abort the handshake with an "unexpected_message" alert."
    fail(AlertDescription::unexpected_message, "a second HelloRetryRequest", "RFC 8446 §4.1.4");
  }
  check_server_hello_common(hrr, client_hello);
  client_check_server_extensions(hrr.extensions, HandshakeType::server_hello, true);
  const Extension* ks = find_extension(hrr.extensions, ExtensionType::key_share);
  const Extension* cookie = find_extension(hrr.extensions, ExtensionType::cookie);
  if (ks == nullptr && cookie == nullptr) {
    // §4.1.4: a HelloRetryRequest that "would not result in any change in the ClientHello".
    fail(AlertDescription::illegal_parameter,
         "HelloRetryRequest asks for neither a key share nor a cookie", "RFC 8446 §4.1.4");
  }
  hello_retry_seen = true;
  hrr_suite = hrr.cipher_suite;
  suite = cipher_suite_info(hrr.cipher_suite);
  summary.hello_retry_request = true;
  summary.suite = suite->suite;

  // §4.4.1: the transcript restarts from message_hash(ClientHello1), then the HRR.
  take(transcript.set_hash(suite->hash));
  take(transcript.replace_client_hello1_with_message_hash());
  add_to_transcript(Direction::received, HandshakeType::server_hello, raw);

  // §4.1.2: the second ClientHello is the first with only these changes.
  ClientHello ch2 = client_hello;
  if (ks != nullptr) {
    const NamedGroup group = take(decode_key_share_hello_retry_request(ks->data)).selected_group;
    const auto offered_groups = take(decode_supported_groups(
        find_extension(client_hello.extensions, ExtensionType::supported_groups)->data));
    // §4.2.8: the selected_group must be in supported_groups and not a group the client already
    // sent a share for.
    if (!contains(offered_groups.groups, group) || !detail::group_supported(group)) {
      fail(AlertDescription::illegal_parameter,
           "HelloRetryRequest selects " + tls::to_string(group) +
               ", which is not in the ClientHello's supported_groups",
           "RFC 8446 §4.2.8");
    }
    for (const auto& share : key_shares) {
      if (share.group == group) {
        fail(AlertDescription::illegal_parameter,
             "HelloRetryRequest selects " + tls::to_string(group) +
                 ", for which the ClientHello already carried a key share",
             "RFC 8446 §4.2.8");
      }
    }
    key_shares.clear();
    {
      Timer t(*this, CryptoOpKind::key_share_generate, tls::to_string(group));
      key_shares.push_back(detail::generate_key_share(group, rng));
    }
    KeyShareClientHello shares{{KeyShareEntry{group, key_shares.back().public_bytes}}};
    for (Extension& e : ch2.extensions) {
      if (e.type == ExtensionType::key_share) e = take(to_extension(shares));
    }
  }
  // §4.2.2: the cookie is echoed in the second ClientHello; early_data is removed.
  std::erase_if(ch2.extensions, [](const Extension& e) {
    return e.type == ExtensionType::early_data || e.type == ExtensionType::cookie;
  });
  if (cookie != nullptr) {
    // Placed before pre_shared_key, which must stay last (§4.2.11); glasstls sends none.
    ch2.extensions.push_back(Extension{ExtensionType::cookie, cookie->data});
  }
  // §D.4: in compatibility mode, the dummy change_cipher_spec precedes the second flight.
  if (policy.middlebox_compatibility) send_change_cipher_spec();
  if (options.hooks != nullptr && options.hooks->edit_client_hello != nullptr) {
    options.hooks->edit_client_hello(ch2, options.hooks->ctx);
  }
  client_hello = std::move(ch2);
  client_send_hello(0x0303);
  set_state(State::WaitServerHello);
}

// ---------------------------------------------------------------------------------------------
// §4.1.3 ServerHello

void Connection::Impl::client_server_hello(const ServerHello& sh, ByteView raw) {
  check_server_hello_common(sh, client_hello);
  if (hrr_suite.has_value() && sh.cipher_suite != *hrr_suite) {
    // §4.1.4: the ServerHello's suite must be the one the HelloRetryRequest named.
    fail(AlertDescription::illegal_parameter,
         "ServerHello selects " + tls::to_string(sh.cipher_suite) +
             " after a HelloRetryRequest that selected " + tls::to_string(*hrr_suite),
         "RFC 8446 §4.1.4");
  }
  client_check_server_extensions(sh.extensions, HandshakeType::server_hello, false);
  const Extension* ks = find_extension(sh.extensions, ExtensionType::key_share);
  if (ks == nullptr) {
    // Without a PSK, key_share is the only way to a shared secret (§4.2.8, §9.2).
    fail(AlertDescription::missing_extension, "ServerHello carries no key_share",
         "RFC 8446 §4.2.8");
  }
  const KeyShareEntry server_share = take(decode_key_share_server_hello(ks->data)).server_share;
  const detail::KeyShare* mine = nullptr;
  for (const auto& share : key_shares) {
    if (share.group == server_share.group) mine = &share;
  }
  if (mine == nullptr) {
    // §4.2.8: "the same group as one of the client's shares".
    fail(AlertDescription::illegal_parameter,
         "ServerHello's key share is for " + tls::to_string(server_share.group) +
             ", for which the client sent no share",
         "RFC 8446 §4.2.8");
  }

  server_random = sh.random;
  suite = cipher_suite_info(sh.cipher_suite);
  summary.suite = suite->suite;
  summary.group = server_share.group;
  if (!transcript.hash_known()) take(transcript.set_hash(suite->hash));
  add_to_transcript(Direction::received, HandshakeType::server_hello, raw);

  Bytes shared;
  {
    Timer t(*this, CryptoOpKind::key_share_agree, tls::to_string(server_share.group));
    shared = detail::agree(*mine, server_share.key_exchange);
  }
  key_shares.clear();  // §7.4: ephemeral keys are used once
  derive_handshake_secrets(shared);
  // §7.3: the server's flight from here on is protected with its handshake key.
  install_read(*server_handshake_traffic);
  install_write(*client_handshake_traffic);
  set_state(State::WaitEncryptedExtensions);
}

// ---------------------------------------------------------------------------------------------
// §4.3.1 EncryptedExtensions

void Connection::Impl::client_encrypted_extensions(const EncryptedExtensions& ee, ByteView raw) {
  client_check_server_extensions(ee.extensions, HandshakeType::encrypted_extensions, false);
  for (const Extension& e : ee.extensions) {
    if (e.type == ExtensionType::application_layer_protocol_negotiation) {
      // RFC 7301 §3.1: exactly one protocol, one the client offered.
      const auto names = take(decode_alpn(e.data));
      if (names.protocols.size() != 1 ||
          !contains(client_config->alpn, names.protocols.front())) {
        fail(AlertDescription::illegal_parameter,
             "the server's ALPN answer must be exactly one protocol the client offered",
             "RFC 7301 §3.1");
      }
      summary.alpn = names.protocols.front();
    } else if (e.type == ExtensionType::server_name && !e.data.empty()) {
      // RFC 6066 §3: the server's acknowledgement is empty.
      fail(AlertDescription::decode_error, "server_name in EncryptedExtensions must be empty",
           "RFC 6066 §3");
    }
  }
  add_to_transcript(Direction::received, HandshakeType::encrypted_extensions, raw);
  set_state(State::WaitCertificateOrCertificateRequest);
}

// ---------------------------------------------------------------------------------------------
// §4.3.2 CertificateRequest

void Connection::Impl::client_certificate_request(const CertificateRequest& cr, ByteView raw) {
  // §4.3.2: in the main handshake the context is empty.
  if (!cr.certificate_request_context.empty()) {
    fail(AlertDescription::illegal_parameter,
         "certificate_request_context must be empty during the handshake", "RFC 8446 §4.3.2");
  }
  if (find_extension(cr.extensions, ExtensionType::signature_algorithms) == nullptr) {
    fail(AlertDescription::missing_extension, "CertificateRequest without signature_algorithms",
         "RFC 8446 §4.3.2");
  }
  for (const Extension& e : cr.extensions) {
    if (!allowed_in(e.type, HandshakeType::certificate_request)) {
      fail(AlertDescription::illegal_parameter,
           tls::to_string(e.type) + " is not allowed in certificate_request", "RFC 8446 §4.2");
    }
  }
  certificate_requested = true;
  certificate_request_context = cr.certificate_request_context;
  add_to_transcript(Direction::received, HandshakeType::certificate_request, raw);
  set_state(State::WaitCertificate);
}

// ---------------------------------------------------------------------------------------------
// §4.4.2 Certificate, and the validation of §4.4.2.4

void Connection::Impl::client_certificate(const Certificate& c, ByteView raw) {
  if (!c.certificate_request_context.empty()) {
    fail(AlertDescription::illegal_parameter,
         "a server's Certificate must have an empty certificate_request_context",
         "RFC 8446 §4.4.2");
  }
  if (c.certificate_list.empty()) {
    // §4.4.2.4: "If the server supplies an empty Certificate message, the client MUST abort the
    // handshake with a "decode_error" alert."
    fail(AlertDescription::decode_error, "the server sent an empty Certificate",
         "RFC 8446 §4.4.2.4");
  }
  for (const CertificateEntry& entry : c.certificate_list) {
    for (const Extension& e : entry.extensions) {
      // §4.4.2: entry extensions must answer ClientHello extensions.
      if (!contains(offered, e.type)) {
        fail(AlertDescription::unsupported_extension,
             "a CertificateEntry carries " + tls::to_string(e.type) +
                 ", which the ClientHello did not offer",
             "RFC 8446 §4.4.2");
      }
      if (!allowed_in(e.type, HandshakeType::certificate)) {
        fail(AlertDescription::illegal_parameter,
             tls::to_string(e.type) + " is not allowed in a CertificateEntry", "RFC 8446 §4.2");
      }
    }
  }
  summary.peer_certificates.clear();
  std::vector<x509::Certificate> parsed;
  for (std::size_t i = 0; i < c.certificate_list.size(); ++i) {
    summary.peer_certificates.push_back(c.certificate_list[i].cert_data);
    auto cert = x509::parse_certificate(c.certificate_list[i].cert_data);
    if (!cert.ok()) {
      x509::VerifyResult bad;
      bad.diagnosis = x509::malformed_diagnosis(i, cert.error());
      summary.verification = bad;
      fail(AlertDescription::bad_certificate, detail::describe(*bad.diagnosis),
           "RFC 8446 §4.4.2.4");
    }
    parsed.push_back(std::move(cert).value());
  }
  peer_key = parsed.front().public_key;

  const ClientConfig& cfg = *client_config;
  std::shared_ptr<const x509::TrustStore> anchors = cfg.trust_store;
  x509::VerifyOptions vo(clock);
  if (!policy.insecure_skip_hostname_check) {
    if (server_ip.has_value()) {
      vo.ip = *server_ip;
    } else {
      vo.host = server_name;
    }
  }
  vo.purpose = x509::Purpose::server;
  vo.max_depth = policy.max_chain_depth;
  vo.signature_policy = policy.certificate_signatures;
  vo.revocation.policy = policy.revocation;
  vo.revocation.crls = cfg.crls;
  vo.revocation.ocsp = cfg.ocsp_responses;
  if (anchors == nullptr) anchors = system_roots();  // the default: the system's roots
  if (anchors == nullptr) {
    fail(AlertDescription::internal_error,
         "no trust store: the system's roots could not be read and none was configured",
         "RFC 8446 §4.4.2.4");
  }
  {
    Timer t(*this, CryptoOpKind::verify_chain, "X.509 path validation");
    summary.verification = x509::verify_chain(
        parsed.front(), std::span<const x509::Certificate>(parsed).subspan(1), *anchors, vo);
  }
  if (policy.insecure_skip_certificate_verification) {
    chain_proof = HandshakeChecks::chain_not_verified_insecure();
  } else {
    chain_proof = take(HandshakeChecks::chain(*summary.verification));
  }
  add_to_transcript(Direction::received, HandshakeType::certificate, raw);
  set_state(State::WaitCertificateVerify);
}

// ---------------------------------------------------------------------------------------------
// §4.4.3 CertificateVerify

void Connection::Impl::client_certificate_verify(const CertificateVerify& cv, ByteView raw) {
  const crypto::Digest h = transcript_hash();
  {
    Timer t(*this, CryptoOpKind::verify_signature, tls::to_string(cv.algorithm));
    certificate_verify_proof = take(HandshakeChecks::certificate_verify(
        *peer_key, cv, true, h.view(), offered_schemes, policy.certificate_signatures));
  }
  summary.scheme = cv.algorithm;
  add_to_transcript(Direction::received, HandshakeType::certificate_verify, raw);
  set_state(State::WaitFinished);
}

// ---------------------------------------------------------------------------------------------
// §4.4.4 Finished, then the client's second flight

void Connection::Impl::client_finished(const Finished& f, ByteView raw) {
  std::optional<FinishedVerified> finished_proof;
  {
    const crypto::Digest h = transcript_hash();
    Timer t(*this, CryptoOpKind::finished, "verify server Finished");
    finished_proof = take(HandshakeChecks::finished(*server_handshake_traffic, h.view(), f));
  }
  add_to_transcript(Direction::received, HandshakeType::finished, raw);
  derive_application_secrets();
  install_read(*server_application_traffic);

  // §D.4: the dummy change_cipher_spec goes before the client's encrypted flight.
  if (policy.middlebox_compatibility) send_change_cipher_spec();
  if (certificate_requested) {
    // §4.4.2: no certificate to offer: an empty Certificate, and no CertificateVerify.
    Certificate empty;
    empty.certificate_request_context = certificate_request_context;
    const Bytes msg = take(encode(empty));
    add_to_transcript(Direction::sent, HandshakeType::certificate, msg);
    send_handshake(msg);
  }
  send_finished(*client_handshake_traffic);
  install_write(*client_application_traffic);
  handshake_secret.reset();
  client_handshake_traffic.reset();
  server_handshake_traffic.reset();
  connect(ConnectedProof::client(*finished_proof, *certificate_verify_proof, *chain_proof));
}

// ---------------------------------------------------------------------------------------------
// §4.6.1 NewSessionTicket

void Connection::Impl::client_new_session_ticket(const NewSessionTicket& /*ticket*/) {
  // Resumption is a later piece of glasstls: the ticket was checked by the decoder (§4.6.1) and
  // is set aside. OpenSSL sends two after every handshake.
  ++summary.new_session_tickets_ignored;
}

// ---------------------------------------------------------------------------------------------

namespace {
/// The system's roots, read once per process (C++ guarantees the initialisation runs once, even
/// with threads); null when the system has none readable.
std::shared_ptr<const x509::TrustStore> system_roots() {
  static const auto store = []() -> std::shared_ptr<const x509::TrustStore> {
    auto s = x509::TrustStore::system();
    if (!s.ok()) return nullptr;
    return std::make_shared<const x509::TrustStore>(std::move(s).value());
  }();
  return store;
}
}  // namespace

Result<ClientConfig, std::string> ClientConfig::with_system_roots() {
  auto store = system_roots();
  if (store == nullptr) return Err(std::string("no system trust store could be read"));
  ClientConfig c;
  c.trust_store = std::move(store);
  return c;
}

}  // namespace glasstls::tls
