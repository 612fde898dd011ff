// The TLS 1.3 server, RFC 8446 Appendix A.2:
//
//                              START <-----+
//               Recv ClientHello |         | Send HelloRetryRequest
//                                v         |
//                             RECVD_CH ----+
//                                | Select parameters
//                                v
//                             NEGOTIATED
//                                | Send ServerHello
//                                | K_send = handshake
//                                | Send EncryptedExtensions
//                                | [Send CertificateRequest]
// Can send                       | [Send Certificate + CertificateVerify]
// app data                       | Send Finished
// after   -->                    | K_send = application
// here                  +--------+--------+
//              No 0-RTT |                 | 0-RTT
//                       |                 |
//   K_recv = handshake  |                 | K_recv = early data
// [Skip decrypt errors] |    +------> WAIT_EOED -+
//                       |    |       Recv |      | Recv EndOfEarlyData
//                       |    | early data |      | K_recv = handshake
//                       |    +------------+      |
//                       |                        |
//                       +> WAIT_FLIGHT2 <--------+
//                                |
//                       +--------+--------+
//               No auth |                 | Client auth
//                       |                 |
//                       |                 v
//                       |             WAIT_CERT
//                       |        Recv |       | Recv Certificate
//                       |       empty |       v
//                       | Certificate |    WAIT_CV
//                       |             |       | Recv
//                       |             v       | CertificateVerify
//                       +-> WAIT_FINISHED <---+
//                                | Recv Finished
//                                | K_recv = application
//                                v
//                            CONNECTED
//
// glasstls's server authenticates with a certificate, asks for no client certificate and accepts
// no early data, so it goes from NEGOTIATED straight to WAIT_FINISHED.
#include <algorithm>
#include <string>

#include "connection_internal.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/tls/credentials.hpp"

namespace glasstls::tls {

using detail::fail;
using detail::take;

namespace {

using detail::contains;

/// §4.1.2: the extensions a second ClientHello may change.
bool may_change_after_retry(ExtensionType t) {
  return t == ExtensionType::key_share || t == ExtensionType::cookie ||
         t == ExtensionType::early_data || t == ExtensionType::pre_shared_key ||
         t == ExtensionType::padding;
}

}  // namespace

void Connection::Impl::server_handle(const HandshakeBytes& m) {
  auto wrong = [&](std::string_view expected) {
    fail(AlertDescription::unexpected_message,
         "received " + tls::to_string(m.type) + " in state " + std::string(to_string(state)) +
             " (expected " + std::string(expected) + ")",
         "RFC 8446 §4, Appendix A.2");
  };
  switch (state) {
    case State::Start:
      if (m.type != HandshakeType::client_hello) wrong("client_hello");
      server_client_hello(take(decode_client_hello(m.body())), m.bytes);
      return;
    case State::WaitFinished:
      if (m.type != HandshakeType::finished) wrong("finished");
      server_finished(take(decode_finished(m.body(), crypto::digest_size(suite->hash))), m.bytes);
      return;
    case State::Connected:
    case State::Closed:
      if (m.type == HandshakeType::key_update) {
        handle_key_update(take(decode_key_update(m.body())));
        return;
      }
      wrong("key_update");
      return;
    default:
      wrong("nothing");
  }
}

// ---------------------------------------------------------------------------------------------
// §4.1.2 ClientHello: check it, select the parameters (§4.1.1), answer.

void Connection::Impl::server_client_hello(const ClientHello& ch, ByteView raw) {
  set_state(State::RecvdClientHello);
  reader.set_handshake_in_progress(true);
  if (!offers_tls13(ch)) {
    // §4.2.1 / Appendix D: glasstls speaks TLS 1.3 only.
    fail(AlertDescription::protocol_version,
         "the ClientHello does not offer TLS 1.3 in supported_versions", "RFC 8446 §4.2.1");
  }
  if (hello_retry_sent) server_check_second_client_hello(ch);
  // §4.2.10: glasstls accepts no 0-RTT data (it issues no tickets); early data is skipped.
  early_data_offered = early_data_offered ||
                       find_extension(ch.extensions, ExtensionType::early_data) != nullptr;

  const Extension* sig_ext = find_extension(ch.extensions, ExtensionType::signature_algorithms);
  const Extension* groups_ext = find_extension(ch.extensions, ExtensionType::supported_groups);
  const Extension* ks_ext = find_extension(ch.extensions, ExtensionType::key_share);
  const bool has_psk = find_extension(ch.extensions, ExtensionType::pre_shared_key) != nullptr;
  // §9.2: the mandatory-to-implement extensions.
  if (!has_psk && sig_ext == nullptr) {
    fail(AlertDescription::missing_extension,
         "a ClientHello without pre_shared_key must carry signature_algorithms", "RFC 8446 §9.2");
  }
  if (!has_psk && groups_ext == nullptr) {
    fail(AlertDescription::missing_extension,
         "a ClientHello without pre_shared_key must carry supported_groups", "RFC 8446 §9.2");
  }
  if (has_psk && find_extension(ch.extensions, ExtensionType::psk_key_exchange_modes) == nullptr) {
    // §4.2.9: "If clients offer "pre_shared_key" without a "psk_key_exchange_modes" extension,
    // servers MUST abort the handshake."
    fail(AlertDescription::missing_extension,
         "pre_shared_key offered without psk_key_exchange_modes", "RFC 8446 §4.2.9");
  }
  if ((groups_ext == nullptr) != (ks_ext == nullptr)) {
    fail(AlertDescription::missing_extension,
         "supported_groups and key_share must come together", "RFC 8446 §9.2");
  }
  // glasstls does no PSK yet: a pre_shared_key offer is ignored, so the checks above are all
  // that stand (§4.2.11: "the server ... MAY ignore").
  const auto client_groups = take(decode_supported_groups(groups_ext->data)).groups;
  const auto client_shares = take(decode_key_share_client_hello(ks_ext->data)).client_shares;
  const auto client_schemes = take(decode_signature_algorithms(sig_ext->data)).schemes;
  for (const KeyShareEntry& e : client_shares) {
    // §4.2.8: "Clients MUST NOT offer any KeyShareEntry values for groups not listed in the
    // client's supported_groups extension. Servers MAY check for violations".
    if (!contains(client_groups, e.group)) {
      fail(AlertDescription::illegal_parameter,
           "a key share for " + tls::to_string(e.group) + ", which supported_groups does not list",
           "RFC 8446 §4.2.8");
    }
  }

  // §4.1.1: the server selects. Unknown values in the client's lists are simply never chosen
  // (§9.3).
  std::optional<CipherSuiteInfo> chosen_suite;
  for (CipherSuite s : policy.cipher_suites) {
    if (contains(ch.cipher_suites, s) && cipher_suite_info(s).has_value()) {
      chosen_suite = cipher_suite_info(s);
      break;
    }
  }
  if (!chosen_suite) {
    fail(AlertDescription::handshake_failure, "no cipher suite in common with the client",
         "RFC 8446 §4.1.1");
  }
  // A group the client sent a share for, in the server's order; else the first group both
  // support, asked for with a HelloRetryRequest.
  std::optional<NamedGroup> share_group;
  std::optional<NamedGroup> retry_group;
  for (NamedGroup g : policy.groups) {
    if (!detail::group_supported(g) || !contains(client_groups, g)) continue;
    if (!retry_group) retry_group = g;
    const bool has_share = std::any_of(client_shares.begin(), client_shares.end(),
                                       [&](const KeyShareEntry& e) { return e.group == g; });
    if (has_share) {
      share_group = g;
      break;
    }
  }
  if (!share_group && !retry_group) {
    fail(AlertDescription::handshake_failure, "no key exchange group in common with the client",
         "RFC 8446 §4.1.1");
  }
  // The credential and the CertificateVerify scheme (§4.4.2.2, §4.2.3).
  credential = nullptr;
  for (const auto& cred : server_config->credentials) {
    if (auto s = cred->choose_scheme(client_schemes, policy.signature_schemes)) {
      credential = cred.get();
      scheme = *s;
      break;
    }
  }
  if (credential == nullptr) {
    fail(AlertDescription::handshake_failure,
         "no certificate of this server can sign with a scheme the client offers",
         "RFC 8446 §4.4.2.2");
  }
  if (!share_group) {
    if (hello_retry_sent) {
      fail(AlertDescription::illegal_parameter,
           "the second ClientHello still has no usable key share", "RFC 8446 §4.1.4");
    }
    server_send_hello_retry_request(ch, raw, chosen_suite->suite, *retry_group);
    return;
  }

  // RFC 6066 §3: the name the client asked for (glasstls serves one identity for all names).
  bool sni_received = false;
  if (const Extension* e = find_extension(ch.extensions, ExtensionType::server_name)) {
    const ServerName sn = take(decode_server_name(e->data));
    if (sn.host_name.has_value()) {
      summary.server_name = sn.host_name;
      sni_received = true;
    }
  }
  // RFC 7301 §3.2: the server's first preference the client also offers.
  std::optional<std::string> alpn;
  if (const Extension* e = find_extension(ch.extensions,
                                          ExtensionType::application_layer_protocol_negotiation)) {
    const auto offered_protocols = take(decode_alpn(e->data)).protocols;
    for (const std::string& p : server_config->alpn) {
      if (contains(offered_protocols, p)) {
        alpn = p;
        break;
      }
    }
    if (!alpn && server_config->alpn_required) {
      fail(AlertDescription::no_application_protocol,
           "none of the client's ALPN protocols is served here", "RFC 7301 §3.2");
    }
  }

  suite = chosen_suite;
  client_random = ch.random;
  session_id = ch.legacy_session_id;
  summary.suite = suite->suite;
  summary.group = *share_group;
  summary.scheme = scheme;
  summary.alpn = alpn;
  if (!hello_retry_sent) take(transcript.set_hash(suite->hash));
  add_to_transcript(Direction::received, HandshakeType::client_hello, raw);
  set_state(State::Negotiated);

  // ---- ServerHello (§4.1.3). Randomness in a fixed order: the random, the key share, then
  // the CertificateVerify signature's (RSA-PSS salt).
  rng.fill(MutableByteView(server_random));
  detail::KeyShare share;
  {
    Timer t(*this, CryptoOpKind::key_share_generate, tls::to_string(*share_group));
    share = detail::generate_key_share(*share_group, rng);
  }
  const KeyShareEntry* peer = nullptr;
  for (const KeyShareEntry& e : client_shares) {
    if (e.group == *share_group) {
      peer = &e;
      break;
    }
  }
  Bytes shared;
  {
    Timer t(*this, CryptoOpKind::key_share_agree, tls::to_string(*share_group));
    shared = detail::agree(share, peer->key_exchange);
  }
  ServerHello sh;
  sh.random = server_random;
  sh.legacy_session_id_echo = session_id;
  sh.cipher_suite = suite->suite;
  sh.extensions.push_back(take(to_extension(KeyShareServerHello{{*share_group, share.public_bytes}})));
  sh.extensions.push_back(
      take(to_extension(SupportedVersionsServerHello{ProtocolVersion::tls13})));
  if (options.hooks != nullptr && options.hooks->edit_server_hello != nullptr) {
    options.hooks->edit_server_hello(sh, options.hooks->ctx);
  }
  const Bytes sh_bytes = take(encode(sh));
  add_to_transcript(Direction::sent, HandshakeType::server_hello, sh_bytes);
  send_plaintext_handshake(sh_bytes, 0x0303);
  // §D.4: after its first handshake message, when the client asked for compatibility mode.
  if (policy.middlebox_compatibility && !session_id.empty()) send_change_cipher_spec();

  derive_handshake_secrets(shared);
  install_write(*server_handshake_traffic);

  // ---- EncryptedExtensions (§4.3.1).
  EncryptedExtensions ee;
  if (sni_received) ee.extensions.push_back(Extension{ExtensionType::server_name, {}});
  if (alpn) ee.extensions.push_back(take(to_extension(ProtocolNameList{{*alpn}})));
  if (options.hooks != nullptr && options.hooks->edit_encrypted_extensions != nullptr) {
    options.hooks->edit_encrypted_extensions(ee, options.hooks->ctx);
  }
  const Bytes ee_bytes = take(encode(ee));
  add_to_transcript(Direction::sent, HandshakeType::encrypted_extensions, ee_bytes);
  send_handshake(ee_bytes);

  // ---- Certificate (§4.4.2).
  Certificate cert;
  for (const Bytes& der : credential->chain()) cert.certificate_list.push_back({der, {}});
  const Bytes cert_bytes = take(encode(cert));
  add_to_transcript(Direction::sent, HandshakeType::certificate, cert_bytes);
  send_handshake(cert_bytes);

  // ---- CertificateVerify (§4.4.3).
  CertificateVerify cv;
  cv.algorithm = scheme;
  {
    const crypto::Digest h = transcript_hash();
    const Bytes content = certificate_verify_content(Signer::server, h.view());
    Timer t(*this, CryptoOpKind::sign, tls::to_string(scheme));
    cv.signature = take(credential->sign(scheme, content, rng));
  }
  const Bytes cv_bytes = take(encode(cv));
  add_to_transcript(Direction::sent, HandshakeType::certificate_verify, cv_bytes);
  send_handshake(cv_bytes);

  // ---- Finished (§4.4.4), then the application secrets.
  send_finished(*server_handshake_traffic);
  derive_application_secrets();
  install_write(*server_application_traffic);
  install_read(*client_handshake_traffic);
  set_state(State::WaitFinished);
}

// ---------------------------------------------------------------------------------------------
// §4.1.4 HelloRetryRequest

void Connection::Impl::server_send_hello_retry_request(const ClientHello& ch, ByteView raw,
                                                       CipherSuite chosen, NamedGroup group) {
  suite = cipher_suite_info(chosen);
  ServerHello hrr;
  hrr.random = kHelloRetryRequestRandom;
  hrr.legacy_session_id_echo = ch.legacy_session_id;
  hrr.cipher_suite = chosen;
  hrr.extensions.push_back(
      take(to_extension(SupportedVersionsServerHello{ProtocolVersion::tls13})));
  hrr.extensions.push_back(take(to_extension(KeyShareHelloRetryRequest{group})));
  if (server_config->hello_retry_request_cookie) {
    // §4.2.2: a cookie the client must echo. glasstls keeps its state, so the cookie is simply
    // the hash of the first ClientHello — a stateless server would put that state in it.
    const crypto::Digest d = crypto::Hash::hash(suite->hash, raw);
    hrr.extensions.push_back(take(to_extension(Cookie{Bytes(d.view().begin(), d.view().end())})));
  }
  if (options.hooks != nullptr && options.hooks->edit_server_hello != nullptr) {
    options.hooks->edit_server_hello(hrr, options.hooks->ctx);
  }
  hrr_group = group;
  if (const Extension* ks = find_extension(hrr.extensions, ExtensionType::key_share)) {
    hrr_group = take(decode_key_share_hello_retry_request(ks->data)).selected_group;
  }
  hrr_cookie.clear();
  if (const Extension* c = find_extension(hrr.extensions, ExtensionType::cookie)) {
    hrr_cookie = take(decode_cookie(c->data)).cookie;
  }
  // §4.4.1: ClientHello1 is replaced by message_hash in the transcript.
  take(transcript.set_hash(suite->hash));
  add_to_transcript(Direction::received, HandshakeType::client_hello, raw);
  take(transcript.replace_client_hello1_with_message_hash());
  const Bytes bytes = take(encode(hrr));
  add_to_transcript(Direction::sent, HandshakeType::server_hello, bytes);
  send_plaintext_handshake(bytes, 0x0303);
  if (policy.middlebox_compatibility && !ch.legacy_session_id.empty()) send_change_cipher_spec();
  hello_retry_sent = true;
  first_client_hello = ch;
  summary.hello_retry_request = true;
  set_state(State::Start);
}

/// §4.1.2: the second ClientHello repeats the first, except that it replaces key_share with a
/// single share for the selected group, removes early_data, adds the cookie, updates
/// pre_shared_key and optionally changes padding.
void Connection::Impl::server_check_second_client_hello(const ClientHello& ch) {
  const ClientHello& first = first_client_hello;
  auto changed = [](std::string_view what) {
    fail(AlertDescription::illegal_parameter,
         "the second ClientHello changed " + std::string(what) + " (only key_share, cookie, "
                                                                  "early_data, pre_shared_key and "
                                                                  "padding may change)",
         "RFC 8446 §4.1.2");
  };
  if (ch.legacy_version != first.legacy_version) changed("legacy_version");
  if (ch.random != first.random) changed("random");
  if (ch.legacy_session_id != first.legacy_session_id) changed("legacy_session_id");
  if (ch.cipher_suites != first.cipher_suites) changed("cipher_suites");
  ExtensionList a, b;
  for (const Extension& e : first.extensions) {
    if (!may_change_after_retry(e.type)) a.push_back(e);
  }
  for (const Extension& e : ch.extensions) {
    if (!may_change_after_retry(e.type)) b.push_back(e);
  }
  if (a != b) changed("its extensions");
  if (find_extension(ch.extensions, ExtensionType::early_data) != nullptr) {
    changed("early_data (it must be removed)");
  }
  const Extension* ks = find_extension(ch.extensions, ExtensionType::key_share);
  if (ks == nullptr) {
    fail(AlertDescription::missing_extension, "the second ClientHello has no key_share",
         "RFC 8446 §4.1.2");
  }
  const auto shares = take(decode_key_share_client_hello(ks->data)).client_shares;
  if (shares.size() != 1 || shares.front().group != hrr_group) {
    fail(AlertDescription::illegal_parameter,
         "the second ClientHello must carry exactly one key share, for " +
             tls::to_string(hrr_group),
         "RFC 8446 §4.2.8");
  }
  if (!hrr_cookie.empty()) {
    const Extension* c = find_extension(ch.extensions, ExtensionType::cookie);
    if (c == nullptr) {
      fail(AlertDescription::missing_extension,
           "the second ClientHello does not echo the HelloRetryRequest's cookie",
           "RFC 8446 §4.2.2");
    }
    if (take(decode_cookie(c->data)).cookie != hrr_cookie) {
      fail(AlertDescription::illegal_parameter,
           "the second ClientHello's cookie differs from the one sent", "RFC 8446 §4.2.2");
    }
  }
}

// ---------------------------------------------------------------------------------------------
// §4.4.4 the client's Finished

void Connection::Impl::server_finished(const Finished& f, ByteView raw) {
  std::optional<FinishedVerified> proof;
  {
    const crypto::Digest h = transcript_hash();
    Timer t(*this, CryptoOpKind::finished, "verify client Finished");
    proof = take(HandshakeChecks::finished(*client_handshake_traffic, h.view(), f));
  }
  add_to_transcript(Direction::received, HandshakeType::finished, raw);
  install_read(*client_application_traffic);
  handshake_secret.reset();
  client_handshake_traffic.reset();
  server_handshake_traffic.reset();
  connect(ConnectedProof::server(*proof));
}

}  // namespace glasstls::tls
