// A TLS 1.3 connection, client or server (RFC 8446), without I/O: the caller feeds the bytes it
// received, takes the bytes to send, and reads events. Sockets live elsewhere (socket.hpp); the
// same connection runs over memory in tests and in handshake_demo.
//
//     auto client = Connection::client(config, "example.com").value();
//     client.start();                                   // queues the ClientHello
//     write(fd, client.take_output());
//     client.receive(bytes_read);                       // ServerHello ... Finished
//     while (auto event = client.next_event()) { ... }  // handshake_complete, application_data ...
//
// The state machine follows RFC 8446 Appendix A; each message has one handling function that cites
// its section. A fatal error stops the connection for good: the alert is queued in the output (send
// it, then close the transport), error() tells what happened and why, in full.
//
// Step mode (ConnectionOptions::step_mode): receive() only buffers, and each step() handles at most
// one handshake message — a learner sees the state change message by message.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/tls/alert.hpp"
#include "glasstls/tls/config.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/x509/verify.hpp"

namespace glasstls::tls {

enum class Role : std::uint8_t { client, server };
std::string_view to_string(Role r) noexcept;

/// RFC 8446 Appendix A. The client walks Start → WaitServerHello → WaitEncryptedExtensions →
/// WaitCertificateOrCertificateRequest → WaitCertificateVerify → WaitFinished → Connected. The
/// server walks Start → RecvdClientHello → Negotiated → WaitFinished → Connected (back to Start
/// after a HelloRetryRequest; WaitFlight2 when a client certificate would come).
enum class State : std::uint8_t {
  Start,
  WaitServerHello,
  WaitEncryptedExtensions,
  WaitCertificateOrCertificateRequest,
  WaitCertificate,
  WaitCertificateVerify,
  WaitFinished,
  RecvdClientHello,
  Negotiated,
  WaitFlight2,
  Connected,
  Closed,  // close_notify received (and sent, or to be sent)
  Failed,  // a fatal alert was sent or received
};
/// "WaitServerHello"; appendix_a_name gives the RFC's spelling, "WAIT_SH".
std::string_view to_string(State s) noexcept;
std::string_view appendix_a_name(State s) noexcept;

/// What the application learns from a connection.
struct Event {
  enum class Kind : std::uint8_t {
    handshake_complete,  // Finished verified both ways (the server: the client's Finished)
    application_data,    // data holds the bytes
    alert_received,      // a warning alert other than close_notify; alert holds it
    closed,              // the peer sent close_notify
    failed,              // a fatal alert was sent or received; see Connection::error()
  };
  Kind kind;
  Bytes data;
  std::optional<AlertDescription> alert;
};
std::string_view to_string(Event::Kind k) noexcept;

/// What the handshake negotiated and saw, filled in as it goes.
struct HandshakeSummary {
  std::optional<CipherSuite> suite;
  std::optional<NamedGroup> group;
  std::optional<SignatureScheme> scheme;  // the server's CertificateVerify scheme
  std::optional<std::string> alpn;
  std::optional<std::string> server_name;  // sent (client) or received (server) SNI
  bool hello_retry_request = false;
  std::vector<Bytes> peer_certificates;  // client: the server's chain as sent, leaf first
  /// Client: the validator's verdict in full (chain built, revocation, diagnosis).
  std::optional<x509::VerifyResult> verification;
  std::size_t new_session_tickets_ignored = 0;
};

class Connection {
 public:
  /// A client for `server_name` (a DNS name, or an IP literal which is checked against the
  /// certificate's IP addresses and never sent as SNI).
  [[nodiscard]] static Result<Connection, TlsError> client(
      std::shared_ptr<const ClientConfig> config, std::string_view server_name,
      const ConnectionOptions& options = {});
  [[nodiscard]] static Result<Connection, TlsError> server(
      std::shared_ptr<const ServerConfig> config, const ConnectionOptions& options = {});

  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  Role role() const noexcept;
  State state() const noexcept;

  /// Client: builds the ClientHello and queues it. Server: nothing to do.
  [[nodiscard]] Result<Unit, TlsError> start();

  /// Feeds bytes received from the peer and handles every complete record (step mode: only
  /// buffers). A fatal error is returned, its alert queued in the output, and the connection
  /// is Failed from then on.
  [[nodiscard]] Result<Unit, TlsError> receive(ByteView bytes);
  /// Handles at most one handshake message, or one other record. True if it made progress.
  [[nodiscard]] Result<bool, TlsError> step();
  /// The transport reached end of file. A missing close_notify is reported (truncation) and the
  /// connection ends; a clean close returns success.
  [[nodiscard]] Result<Unit, TlsError> end_of_input();

  /// Bytes to send to the peer, oldest first; the buffer is emptied.
  Bytes take_output();
  bool has_output() const noexcept;
  /// The next event, oldest first.
  std::optional<Event> next_event();

  /// Sends application data (Connected only), cut into records of at most 2^14 bytes.
  [[nodiscard]] Result<Unit, TlsError> send(ByteView data);
  /// Queues close_notify (§6.1); nothing more may be sent.
  void close();

  bool handshake_complete() const noexcept;
  bool failed() const noexcept;
  /// The fatal error that ended the connection (sent or received alert, reason, RFC section).
  const std::optional<TlsError>& error() const noexcept;
  const HandshakeSummary& summary() const noexcept;
  /// The connection's client_random (after start()/the ClientHello).
  ByteView client_random() const noexcept;

 private:
  struct Impl;
  explicit Connection(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

/// The alert a certificate verdict maps to (RFC 8446 §6.2): expired → certificate_expired, unknown
/// issuer or untrusted root → unknown_ca, revoked → certificate_revoked, unsupported algorithms →
/// unsupported_certificate, the rest → bad_certificate.
AlertDescription alert_for(x509::VerifyError error) noexcept;

}  // namespace glasstls::tls
