// The machinery every TLS 1.3 connection shares, client or server: bytes in (records, alerts,
// handshake reassembly), bytes out (plaintext and protected records, the dummy
// change_cipher_spec), key installation, events, application data, closure, and the observers.
// The handshake messages themselves are handled in client.cpp and server.cpp.
//
// Errors inside a handler are thrown as detail::Abort and caught here, at the public boundary:
// the connection then sends the alert (§6.2), becomes Failed, and stays so. No exception ever
// leaves a public function.
#include <algorithm>
#include <utility>

#include "glasstls/core/ct.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/x509/hostname.hpp"
#include "connection_internal.hpp"

namespace glasstls::tls {

using detail::Abort;
using detail::fail;
using detail::take;

std::string_view to_string(Role r) noexcept { return r == Role::client ? "client" : "server"; }

std::string_view to_string(State s) noexcept {
  switch (s) {
    case State::Start: return "Start";
    case State::WaitServerHello: return "WaitServerHello";
    case State::WaitEncryptedExtensions: return "WaitEncryptedExtensions";
    case State::WaitCertificateOrCertificateRequest: return "WaitCertificateOrCertificateRequest";
    case State::WaitCertificate: return "WaitCertificate";
    case State::WaitCertificateVerify: return "WaitCertificateVerify";
    case State::WaitFinished: return "WaitFinished";
    case State::RecvdClientHello: return "RecvdClientHello";
    case State::Negotiated: return "Negotiated";
    case State::WaitFlight2: return "WaitFlight2";
    case State::Connected: return "Connected";
    case State::Closed: return "Closed";
    case State::Failed: return "Failed";
  }
  return "unknown";
}

std::string_view appendix_a_name(State s) noexcept {
  switch (s) {
    case State::Start: return "START";
    case State::WaitServerHello: return "WAIT_SH";
    case State::WaitEncryptedExtensions: return "WAIT_EE";
    case State::WaitCertificateOrCertificateRequest: return "WAIT_CERT_CR";
    case State::WaitCertificate: return "WAIT_CERT";
    case State::WaitCertificateVerify: return "WAIT_CV";
    case State::WaitFinished: return "WAIT_FINISHED";
    case State::RecvdClientHello: return "RECVD_CH";
    case State::Negotiated: return "NEGOTIATED";
    case State::WaitFlight2: return "WAIT_FLIGHT2";
    case State::Connected: return "CONNECTED";
    case State::Closed: return "CLOSED";
    case State::Failed: return "FAILED";
  }
  return "unknown";
}

std::string_view to_string(Event::Kind k) noexcept {
  switch (k) {
    case Event::Kind::handshake_complete: return "handshake_complete";
    case Event::Kind::application_data: return "application_data";
    case Event::Kind::alert_received: return "alert_received";
    case Event::Kind::closed: return "closed";
    case Event::Kind::failed: return "failed";
  }
  return "unknown";
}

std::string_view to_string(Direction d) noexcept { return d == Direction::sent ? "sent" : "received"; }

std::string_view to_string(CryptoOpKind k) noexcept {
  switch (k) {
    case CryptoOpKind::key_share_generate: return "key_share_generate";
    case CryptoOpKind::key_share_agree: return "key_share_agree";
    case CryptoOpKind::sign: return "sign";
    case CryptoOpKind::verify_signature: return "verify_signature";
    case CryptoOpKind::verify_chain: return "verify_chain";
    case CryptoOpKind::key_schedule: return "key_schedule";
    case CryptoOpKind::transcript_hash: return "transcript_hash";
    case CryptoOpKind::finished: return "finished";
    case CryptoOpKind::record_seal: return "record_seal";
    case CryptoOpKind::record_open: return "record_open";
  }
  return "unknown";
}

// ---------------------------------------------------------------------------------------------
// Construction

Connection::Impl::Impl(Role r, const Policy& p, const ConnectionOptions& o)
    : role(r),
      policy(p),
      options(o),
      rng(o.random != nullptr ? *o.random : crypto::system_random()),
      clock(o.clock != nullptr ? *o.clock : system_clock()),
      reader(p.limits),
      reassembler(p.limits) {
  // §5: a dummy change_cipher_spec is tolerated only once the first ClientHello has been sent or
  // received (client_start / server_client_hello turn this on) and until the Finished (connect).
}

Connection::Connection(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Connection::Connection(Connection&&) noexcept = default;
Connection& Connection::operator=(Connection&&) noexcept = default;
Connection::~Connection() = default;

Result<Connection, TlsError> Connection::client(std::shared_ptr<const ClientConfig> config,
                                                std::string_view server_name,
                                                const ConnectionOptions& options) {
  if (config == nullptr) {
    return Err(tls_error(AlertDescription::internal_error, "no client configuration", "glasstls"));
  }
  if (server_name.empty() && !config->policy.insecure_skip_certificate_verification) {
    return Err(tls_error(AlertDescription::internal_error,
                         "a client needs the server's name to check its certificate (RFC 9525)",
                         "RFC 9525 §6"));
  }
  auto impl = std::make_unique<Impl>(Role::client, config->policy, options);
  impl->client_config = std::move(config);
  impl->server_name = std::string(server_name);
  // A trailing dot names the same host; certificates never carry it.
  if (!impl->server_name.empty() && impl->server_name.back() == '.') impl->server_name.pop_back();
  // An IP literal is matched against the certificate's iPAddress names (RFC 9525 §6.2), with the
  // same parser the hostname checker uses.
  std::string_view literal = impl->server_name;
  if (literal.size() >= 2 && literal.front() == '[' && literal.back() == ']') {
    literal = literal.substr(1, literal.size() - 2);
  }
  impl->server_ip = x509::parse_ip_address(literal);
  return Connection(std::move(impl));
}

Result<Connection, TlsError> Connection::server(std::shared_ptr<const ServerConfig> config,
                                                const ConnectionOptions& options) {
  if (config == nullptr || config->credentials.empty()) {
    return Err(tls_error(AlertDescription::internal_error,
                         "a server needs at least one certificate chain and key", "RFC 8446 §4.4.2"));
  }
  auto impl = std::make_unique<Impl>(Role::server, config->policy, options);
  impl->server_config = std::move(config);
  return Connection(std::move(impl));
}

// ---------------------------------------------------------------------------------------------
// The public surface: every call catches Abort and turns it into a sent alert.

Role Connection::role() const noexcept { return impl_->role; }
State Connection::state() const noexcept { return impl_->state; }
bool Connection::handshake_complete() const noexcept { return impl_->connected.has_value(); }
bool Connection::failed() const noexcept { return impl_->state == State::Failed; }
const std::optional<TlsError>& Connection::error() const noexcept { return impl_->error; }
const HandshakeSummary& Connection::summary() const noexcept { return impl_->summary; }
ByteView Connection::client_random() const noexcept { return ByteView(impl_->client_random); }
bool Connection::has_output() const noexcept { return !impl_->output.empty(); }

Bytes Connection::take_output() { return std::exchange(impl_->output, Bytes{}); }

std::optional<Event> Connection::next_event() {
  if (impl_->events.empty()) return std::nullopt;
  Event e = std::move(impl_->events.front());
  impl_->events.pop_front();
  return e;
}

Result<Unit, TlsError> Connection::start() {
  if (impl_->state == State::Failed) return Err(*impl_->error);
  if (impl_->role == Role::server) return Unit{};
  if (impl_->state != State::Start) {
    return Err(tls_error(AlertDescription::internal_error, "start() called twice", "glasstls"));
  }
  try {
    impl_->client_start();
    impl_->flush_handshake();
  } catch (Abort& a) {
    impl_->fail_with(std::move(a.error), true);
    return Err(*impl_->error);
  }
  return Unit{};
}

Result<Unit, TlsError> Connection::receive(ByteView bytes) {
  if (impl_->state == State::Failed) return Err(*impl_->error);
  if (impl_->role == Role::client && impl_->state == State::Start) {
    return Err(tls_error(AlertDescription::internal_error, "receive() before start()", "glasstls"));
  }
  // Bytes wait in pending_input until the record reader has room for them.
  if (impl_->pending_offset == impl_->pending_input.size()) {
    impl_->pending_input.clear();
    impl_->pending_offset = 0;
  }
  impl_->pending_input.insert(impl_->pending_input.end(), bytes.begin(), bytes.end());
  if (impl_->options.step_mode) return Unit{};
  auto r = impl_->process(false);
  if (!r.ok()) return Err(std::move(r).error());
  // A fatal alert received ends the connection too.
  if (impl_->state == State::Failed) return Err(*impl_->error);
  return Unit{};
}

Result<bool, TlsError> Connection::step() {
  if (impl_->state == State::Failed) return Err(*impl_->error);
  auto r = impl_->process(true);
  if (r.ok() && impl_->state == State::Failed) return Err(*impl_->error);
  return r;
}

Result<Unit, TlsError> Connection::end_of_input() {
  Impl& c = *impl_;
  if (c.state == State::Failed) return Err(*c.error);
  // Records already received are handled first (step mode may have left some).
  auto r = c.process(false);
  if (!r.ok()) return Err(std::move(r).error());
  if (c.close_received) return Unit{};
  // §6.1: a stream that ends without close_notify may have been cut by an attacker.
  TlsError e = c.reader.truncation_error();
  c.fail_with(e, false);
  return Err(std::move(e));
}

Result<Unit, TlsError> Connection::send(ByteView data) {
  Impl& c = *impl_;
  if (c.state == State::Failed) return Err(*c.error);
  if (!c.connected.has_value() || c.close_sent) {
    return Err(tls_error(AlertDescription::internal_error,
                         c.close_sent ? "send() after close()"
                                      : "send() before the handshake completed",
                         "RFC 8446 §2"));
  }
  try {
    std::size_t offset = 0;
    // Each record carries at most 2^14 bytes (§5.1); an empty send sends nothing.
    while (offset < data.size()) {
      const std::size_t n = std::min(kMaxPlaintext, data.size() - offset);
      Bytes rec;
      {
        Impl::Timer t(c, CryptoOpKind::record_seal, "application_data", n);
        rec = take(c.write_protection->seal(ContentType::application_data, data.subspan(offset, n)));
      }
      c.append_record(ContentType::application_data, ContentType::application_data, rec, true);
      offset += n;
      if (c.write_protection->key_update_needed()) {
        // §5.5: update the sending key before the AEAD's limit is reached.
        KeyUpdate ku{KeyUpdateRequest::update_not_requested};
        const Bytes msg = take(encode(ku));
        c.message_seen(Direction::sent, HandshakeType::key_update, msg);
        c.send_handshake(msg);
        Secret& current = c.role == Role::client ? *c.client_application_traffic
                                                 : *c.server_application_traffic;
        current = next_application_traffic_secret(current);
        c.install_write(current);
      }
    }
  } catch (Abort& a) {
    c.fail_with(std::move(a.error), true);
    return Err(*c.error);
  }
  return Unit{};
}

void Connection::close() {
  Impl& c = *impl_;
  if (c.close_sent || c.state == State::Failed) return;
  c.send_alert(AlertDescription::close_notify);
  c.close_sent = true;
  if (c.close_received) c.set_state(State::Closed);
}

// ---------------------------------------------------------------------------------------------
// Input

Result<bool, TlsError> Connection::Impl::process(bool one_message) {
  bool progress = false;
  try {
    // Bounded: each round consumes a record or a message, or stops.
    for (;;) {
      if (state == State::Failed) break;
      const bool did = process_one();
      progress = progress || did;
      if (!did || one_message) break;
    }
    flush_handshake();
  } catch (Abort& a) {
    fail_with(std::move(a.error), true);
    return Err(*error);
  }
  return progress;
}

/// Handles one complete handshake message if one waits, else reads one record.
bool Connection::Impl::process_one() {
  if (auto message = reassembler.next()) {
    handle_handshake_message(*message);
    return true;
  }
  for (;;) {
    if (pending_offset < pending_input.size()) {
      pending_offset += reader.feed(ByteView(pending_input).subspan(pending_offset));
    }
    auto next = take(reader.next());
    if (!next.has_value()) return false;
    handle_record(*next);
    if (auto message = reassembler.next()) {
      handle_handshake_message(*message);
      return true;
    }
    // A handshake record holding only part of a message, or a record of another type: a record
    // of another type is progress; a partial message waits for the next record.
    if (next->type != ContentType::handshake) return true;
  }
}

void Connection::Impl::handle_record(const Record& record) {
  ContentType type = record.type;
  Bytes content;
  // §6.1: "Any data received after a closure alert has been received MUST be ignored."
  if (close_received) return;
  if (read_protection.has_value() && type == ContentType::alert && !connected.has_value() &&
      record.fragment().size() == 2) {
    // A peer that fails while processing our flight may send its alert before it switched its
    // own write key: OpenSSL does, for a certificate it refuses (its alert goes out in the clear
    // while we already read with its handshake key). RFC 8446 §6 protects alerts "as specified by
    // the current connection state", and until the handshake completes that state is ambiguous
    // from the receiving side, so a two-byte plaintext alert is accepted here — and only here —
    // to tell the application the peer's real reason.
    if (options.observer != nullptr) {
      options.observer->on_record(Direction::received, type, type, record.bytes, false);
    }
    handle_alert(record.fragment());
    return;
  }
  if (read_protection.has_value()) {
    if (type != ContentType::application_data) {
      // §5: once keys are in use only application_data records (and the dummy CCS, dropped by
      // the reader) may arrive.
      fail(AlertDescription::unexpected_message,
           "a " + tls::to_string(type) + " record arrived unprotected after keys were installed",
           "RFC 8446 §5");
    }
    OpenedRecord opened;
    {
      Timer t(*this, CryptoOpKind::record_open, crypto::aead_name(read_protection->alg()),
              record.bytes.size());
      auto r = read_protection->open(record.bytes);
      if (!r.ok() && skip_early_data(record)) return;
      opened = take(std::move(r));
    }
    type = opened.type;
    content = std::move(opened.content);
    // The plaintext is what the peer sent: from here it is parsed like any message, so it is
    // public as far as the constant-time discipline goes (the keys that protected it are not).
    ct::declassify(content.data(), content.size());
    ct::declassify(&type, sizeof type);
    if (options.observer != nullptr) {
      options.observer->on_record(Direction::received, record.type, type, record.bytes, true);
    }
  } else {
    if (type == ContentType::application_data) {
      if (skip_early_data(record)) return;
      fail(AlertDescription::unexpected_message,
           "application data before the handshake keys were installed", "RFC 8446 §5");
    }
    content.assign(record.fragment().begin(), record.fragment().end());
    if (options.observer != nullptr) {
      options.observer->on_record(Direction::received, type, type, record.bytes, false);
    }
  }
  switch (type) {
    case ContentType::handshake:
      if (close_sent && !connected.has_value()) {
        fail(AlertDescription::unexpected_message, "handshake after close_notify", "RFC 8446 §6.1");
      }
      take(reassembler.add(content));
      return;
    case ContentType::alert:
      handle_alert(content);
      return;
    case ContentType::application_data:
      if (!connected.has_value()) {
        // No early data is accepted: application data before Finished is out of order.
        fail(AlertDescription::unexpected_message,
             "application data before the handshake completed", "RFC 8446 §2");
      }
      if (!reassembler.empty()) {
        // §5.1: handshake messages may not be interleaved with other record types.
        fail(AlertDescription::unexpected_message,
             "application data inside a fragmented handshake message", "RFC 8446 §5.1");
      }
      // An empty record (allowed, §5.4) carries no event.
      if (!content.empty()) {
        events.push_back(Event{Event::Kind::application_data, std::move(content), std::nullopt});
      }
      return;
    default:
      fail(AlertDescription::unexpected_message,
           "unexpected record type " + tls::to_string(type), "RFC 8446 §5");
  }
}

/// §4.2.10: a server that ignores a client's early_data skips the 0-RTT records it cannot read —
/// those that fail to open with the handshake key, or any application_data before the second
/// ClientHello after a HelloRetryRequest — up to a bound, since glasstls never advertised a
/// max_early_data_size.
bool Connection::Impl::skip_early_data(const Record& record) {
  constexpr std::size_t kMaxSkippedEarlyData = std::size_t{1} << 16;
  if (role != Role::server || !early_data_offered || connected.has_value()) return false;
  if (record.type != ContentType::application_data) return false;
  if (early_data_skipped + record.bytes.size() > kMaxSkippedEarlyData) return false;
  early_data_skipped += record.bytes.size();
  return true;
}

void Connection::Impl::handle_alert(ByteView content) {
  //   struct { AlertLevel level; AlertDescription description; } Alert;   (§6)
  if (content.size() != 2) {
    fail(AlertDescription::decode_error, "an alert record must hold exactly 2 bytes", "RFC 8446 §6");
  }
  if (!reassembler.empty()) {
    fail(AlertDescription::unexpected_message, "an alert inside a fragmented handshake message",
         "RFC 8446 §5.1");
  }
  const auto level = static_cast<AlertLevel>(content[0]);
  const auto desc = alert_from_value(content[1]);
  if (options.observer != nullptr && desc.has_value()) {
    options.observer->on_alert(Direction::received, level, *desc);
  }
  if (desc == AlertDescription::close_notify) {
    // §6.1: the peer will send nothing more.
    close_received = true;
    reader.set_close_notify_received();
    events.push_back(Event{Event::Kind::closed, {}, AlertDescription::close_notify});
    if (connected.has_value()) {
      // Our side may still send (a half-close) until the application calls close().
      set_state(State::Closed);
      return;
    }
    // A close_notify in the middle of the handshake ends it unfinished.
    error = tls_error(AlertDescription::close_notify,
                      "the peer closed the connection during the handshake", "RFC 8446 §6.1");
    set_state(State::Failed);
    events.push_back(Event{Event::Kind::failed, {}, AlertDescription::close_notify});
    return;
  }
  if (desc == AlertDescription::user_canceled) {
    // §6.1: user_canceled is followed by close_notify; report it, wait for that.
    events.push_back(Event{Event::Kind::alert_received, {}, desc});
    return;
  }
  // §6: "Upon receiving an error alert, the TLS implementation SHOULD indicate an error to the
  // application and MUST NOT allow any further data to be sent or received" — whatever its level.
  TlsError e;
  e.alert = desc.value_or(AlertDescription::decode_error);
  e.reason = desc.has_value() ? "the peer sent a fatal alert: " + std::string(tls::to_string(*desc))
                              : "the peer sent an unknown alert " + std::to_string(content[1]);
  e.section = "RFC 8446 §6.2";
  fail_with(std::move(e), false);
}

void Connection::Impl::handle_handshake_message(const HandshakeBytes& message) {
  if (close_received) return;  // §6.1: ignored, as any data after close_notify
  // Observers see a message as it arrives, before it is judged (a refused message is shown too).
  message_seen(Direction::received, message.type, message.bytes);
  if (role == Role::client) {
    client_handle(message);
  } else {
    server_handle(message);
  }
}

void Connection::Impl::handle_key_update(const KeyUpdate& ku) {
  // §4.6.3: the sender has switched its key; follow, and answer if asked.
  if (!reassembler.empty()) {
    fail(AlertDescription::unexpected_message, "KeyUpdate not at a record boundary",
         "RFC 8446 §5.1");
  }
  Secret& peer = role == Role::client ? *server_application_traffic : *client_application_traffic;
  peer = next_application_traffic_secret(peer);
  install_read(peer);
  if (ku.request_update == KeyUpdateRequest::update_requested && !close_sent) {
    KeyUpdate answer{KeyUpdateRequest::update_not_requested};
    const Bytes msg = take(encode(answer));
    message_seen(Direction::sent, HandshakeType::key_update, msg);
    send_handshake(msg);
    Secret& own = role == Role::client ? *client_application_traffic : *server_application_traffic;
    own = next_application_traffic_secret(own);
    install_write(own);
  }
}

// ---------------------------------------------------------------------------------------------
// Output

void Connection::Impl::append_record(ContentType outer, ContentType inner, ByteView wire,
                                     bool protected_record) {
  if (options.observer != nullptr) {
    options.observer->on_record(Direction::sent, outer, inner, wire, protected_record);
  }
  output.insert(output.end(), wire.begin(), wire.end());
}

void Connection::Impl::send_plaintext_handshake(ByteView message, std::uint16_t record_version) {
  flush_handshake();
  const Bytes records = write_plaintext_records(ContentType::handshake, message, kMaxPlaintext,
                                                record_version);
  // Reported record by record for the observers.
  std::size_t off = 0;
  while (off < records.size()) {
    const std::size_t len = (std::size_t{records[off + 3]} << 8) | records[off + 4];
    append_record(ContentType::handshake, ContentType::handshake,
                  ByteView(records).subspan(off, kRecordHeaderSize + len), false);
    off += kRecordHeaderSize + len;
  }
}

void Connection::Impl::send_handshake(ByteView message) {
  if (!write_protection.has_value()) {
    send_plaintext_handshake(message, 0x0303);
    return;
  }
  // Protected handshake messages under one key are coalesced into as few records as fit
  // (§5.1 allows several messages per record): a server's whole encrypted flight —
  // EncryptedExtensions to Finished — is one record, as in RFC 8448.
  pending_handshake.insert(pending_handshake.end(), message.begin(), message.end());
}

void Connection::Impl::flush_handshake() {
  if (pending_handshake.empty() || !write_protection.has_value()) return;
  const ByteView message(pending_handshake);
  std::size_t off = 0;
  while (off < message.size()) {
    const std::size_t n = std::min(kMaxPlaintext, message.size() - off);
    Bytes rec;
    {
      Timer t(*this, CryptoOpKind::record_seal, crypto::aead_name(write_protection->alg()), n);
      rec = take(write_protection->seal(ContentType::handshake, message.subspan(off, n)));
    }
    append_record(ContentType::application_data, ContentType::handshake, rec, true);
    off += n;
  }
  pending_handshake.clear();
}

void Connection::Impl::send_change_cipher_spec() {
  // §5 / §D.4: the dummy record middleboxes expect, {0x01}, always unprotected.
  if (ccs_sent) return;
  flush_handshake();
  ccs_sent = true;
  const std::uint8_t ccs[] = {20, 0x03, 0x03, 0x00, 0x01, 0x01};
  append_record(ContentType::change_cipher_spec, ContentType::change_cipher_spec, ByteView(ccs),
                false);
}

void Connection::Impl::send_alert(AlertDescription alert) {
  const auto level = alert == AlertDescription::close_notify || alert == AlertDescription::user_canceled
                         ? AlertLevel::warning
                         : AlertLevel::fatal;
  const std::uint8_t body[2] = {static_cast<std::uint8_t>(level), static_cast<std::uint8_t>(alert)};
  if (options.observer != nullptr) options.observer->on_alert(Direction::sent, level, alert);
  if (state != State::Failed && alert == AlertDescription::close_notify) {
    try {
      flush_handshake();
    } catch (detail::Abort&) {
    }
  }
  pending_handshake.clear();
  if (write_protection.has_value()) {
    auto rec = write_protection->seal(ContentType::alert, ByteView(body));
    if (rec.ok()) append_record(ContentType::application_data, ContentType::alert, *rec, true);
  } else {
    const Bytes rec = write_plaintext_records(ContentType::alert, ByteView(body));
    append_record(ContentType::alert, ContentType::alert, rec, false);
  }
}

void Connection::Impl::fail_with(TlsError e, bool send) {
  if (state == State::Failed) return;
  // §6.2: a fatal alert, then nothing more. close_notify is never an error we send.
  if (send && !close_sent && e.alert != AlertDescription::close_notify) send_alert(e.alert);
  error = std::move(e);
  set_state(State::Failed);
  events.push_back(Event{Event::Kind::failed, {}, error->alert});
  // Secrets are of no further use.
  read_protection.reset();
  write_protection.reset();
  handshake_secret.reset();
  master_secret.reset();
  client_handshake_traffic.reset();
  server_handshake_traffic.reset();
  key_shares.clear();
}

// ---------------------------------------------------------------------------------------------
// Keys, transcript, observers

void Connection::Impl::set_state(State next) {
  if (next == state) return;
  const State from = state;
  state = next;
  if (options.observer != nullptr) options.observer->on_state_change(from, next);
}

void Connection::Impl::connect(ConnectedProof proof) {
  connected = proof;
  // What only the handshake needed is let go: an established connection keeps its keys, the
  // summary and its buffers.
  client_hello = ClientHello{};
  first_client_hello = ClientHello{};
  offered = {};
  offered_schemes = {};
  key_shares = {};
  peer_key.reset();
  transcript = Transcript{};
  reader.set_handshake_in_progress(false);
  set_state(State::Connected);
  events.push_back(Event{Event::Kind::handshake_complete, {}, std::nullopt});
}

void Connection::Impl::install_read(const Secret& secret) {
  // §5.1: a key change may not fall inside a handshake message.
  take(reassembler.key_change());
  const TrafficKeys keys = traffic_keys(secret, suite->aead);
  read_protection.reset();
  read_protection.emplace(take(RecordProtection::create(suite->aead, keys.key(), keys.iv)));
}

void Connection::Impl::install_write(const Secret& secret) {
  flush_handshake();
  const TrafficKeys keys = traffic_keys(secret, suite->aead);
  write_protection.reset();
  write_protection.emplace(take(RecordProtection::create(suite->aead, keys.key(), keys.iv)));
}

void Connection::Impl::secret_derived(SecretKind kind, const Secret& secret) {
  if (options.key_log != nullptr) {
    // A key log that cannot be written does not stop the connection (it is a debugging aid).
    (void)options.key_log->write(kind, ByteView(client_random), secret);
  }
  if (options.observer != nullptr) {
    options.observer->on_secret(kind, ByteView(client_random), secret);
  }
}

void Connection::Impl::message_seen(Direction dir, HandshakeType type, ByteView message) {
  if (options.observer != nullptr) options.observer->on_handshake_message(dir, type, message);
}

void Connection::Impl::add_to_transcript(Direction dir, HandshakeType type, ByteView message) {
  {
    Timer t(*this, CryptoOpKind::transcript_hash, tls::to_string(type), message.size());
    take(transcript.add(message));
  }
  if (dir == Direction::sent) message_seen(dir, type, message);
}

crypto::Digest Connection::Impl::transcript_hash() { return take(transcript.current()); }

void Connection::Impl::derive_handshake_secrets(Bytes& shared) {
  // §7.1: Early Secret (no PSK) → Handshake Secret with the (EC)DHE secret, then the handshake
  // traffic secrets over the transcript through ServerHello.
  {
    Timer t(*this, CryptoOpKind::key_schedule, "handshake secrets");
    handshake_secret.emplace(EarlySecret::without_psk(suite->hash).handshake_secret(shared));
    ct::secure_wipe(MutableByteView(shared));
    const crypto::Digest h = transcript_hash();
    client_handshake_traffic.emplace(handshake_secret->client_handshake_traffic_secret(h.view()));
    server_handshake_traffic.emplace(handshake_secret->server_handshake_traffic_secret(h.view()));
  }
  secret_derived(SecretKind::client_handshake_traffic, *client_handshake_traffic);
  secret_derived(SecretKind::server_handshake_traffic, *server_handshake_traffic);
}

void Connection::Impl::derive_application_secrets() {
  // §7.1: Master Secret, then the application traffic secrets and the exporter secret over the
  // transcript through the server's Finished.
  {
    Timer t(*this, CryptoOpKind::key_schedule, "application secrets");
    const crypto::Digest h = transcript_hash();
    master_secret.emplace(handshake_secret->master_secret());
    client_application_traffic.emplace(
        master_secret->client_application_traffic_secret_0(h.view()));
    server_application_traffic.emplace(
        master_secret->server_application_traffic_secret_0(h.view()));
  }
  secret_derived(SecretKind::client_application_traffic_0, *client_application_traffic);
  secret_derived(SecretKind::server_application_traffic_0, *server_application_traffic);
  const crypto::Digest h = transcript_hash();
  const Secret exporter = master_secret->exporter_master_secret(h.view());
  secret_derived(SecretKind::exporter_master, exporter);
}

void Connection::Impl::send_finished(const Secret& base_key) {
  // §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash(... up to now)).
  Finished fin;
  {
    Timer t(*this, CryptoOpKind::finished, role == Role::client ? "compute client Finished"
                                                                : "compute server Finished");
    const crypto::Digest h = transcript_hash();
    const crypto::Digest vd = finished_verify_data(base_key, h.view());
    fin.verify_data.assign(vd.view().begin(), vd.view().end());
  }
  const Bytes message = take(encode(fin));
  ct::secure_wipe(MutableByteView(fin.verify_data));
  add_to_transcript(Direction::sent, HandshakeType::finished, message);
  send_handshake(message);
}

Connection::Impl::Timer::Timer(Impl& c, CryptoOpKind k, std::string_view d, std::size_t b)
    : conn(c), kind(k), bytes(b) {
  if (conn.options.observer == nullptr) return;
  detail.assign(d);
  start_mono = conn.clock.monotonic();
  start_cpu = conn.clock.thread_cpu_time();
}

Connection::Impl::Timer::~Timer() {
  if (conn.options.observer == nullptr) return;
  CryptoOp op{kind, detail, conn.clock.monotonic() - start_mono,
              conn.clock.thread_cpu_time() - start_cpu, bytes};
  conn.options.observer->on_crypto(op);
}

// ---------------------------------------------------------------------------------------------

AlertDescription alert_for(x509::VerifyError error) noexcept {
  using E = x509::VerifyError;
  switch (error) {
    case E::expired:
    case E::not_yet_valid:
      return AlertDescription::certificate_expired;
    case E::self_signed_untrusted:
    case E::unknown_issuer:
      return AlertDescription::unknown_ca;
    case E::revoked:
      return AlertDescription::certificate_revoked;
    case E::revocation_unknown:
      return AlertDescription::certificate_unknown;
    case E::unsupported_algorithm:
    case E::unknown_critical_extension:
      return AlertDescription::unsupported_certificate;
    case E::hostname_mismatch:
    case E::bad_signature:
    case E::not_a_ca:
    case E::path_length_exceeded:
    case E::key_usage_not_allowed:
    case E::ext_key_usage_not_allowed:
    case E::name_constraint_violated:
    case E::weak_algorithm:
    case E::too_deep:
    case E::too_many_signature_checks:
    case E::malformed:
      return AlertDescription::bad_certificate;
  }
  return AlertDescription::bad_certificate;
}

}  // namespace glasstls::tls
