// A blocking POSIX socket adapter for the sans-I/O Connection: TCP streams and listeners, and a
// TlsStream that pumps a Connection's bytes over a TcpStream. It lives outside the protocol core
// (STYLE.md habit 6): the core never sees a file descriptor, and this file never parses a record.
//
//     auto tcp = tls::TcpStream::connect("example.com", 443, 5s).value();
//     tls::TlsStream tls(std::move(tcp), tls::Connection::client(config, "example.com").value());
//     if (auto hs = tls.handshake(); !hs) std::puts(hs.error().to_string().c_str());
//     tls.write(as_bytes("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"));
//     std::array<std::uint8_t, 4096> buf;
//     while (auto n = tls.read(buf)) { if (*n == 0) break; ... }   // 0: the peer's close_notify
//     tls.close();                                                   // our close_notify, FIN
//
// Every call that waits is bounded: waits go through poll(2) with a deadline, and a call that
// runs out of time returns IoError::Kind::timeout. Writes use MSG_NOSIGNAL, so a peer that went
// away gives EPIPE, never a SIGPIPE that would kill the process.
//
// Errors: one type, IoError, for the whole adapter. Its kind says which layer failed — a system
// call (errno kept), a timeout, the peer's end of file where bytes were still needed, the TLS
// layer (the TlsError kept in full, alert and RFC section included), or a truncation attack (TCP
// end of file without close_notify, RFC 8446 §6.1). to_string() makes one line of it.
//
// Thread-safety: like a Connection, a TcpStream or TlsStream is used by one thread at a time.
// Only libc/POSIX calls are used (socket, getaddrinfo, poll, recv, send, shutdown, close).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/tls/alert.hpp"
#include "glasstls/tls/connection.hpp"

namespace glasstls::tls {

using Milliseconds = std::chrono::milliseconds;

/// What went wrong in the adapter, and in which layer.
struct IoError {
  enum class Kind : std::uint8_t {
    system,     // a system call failed: errno_value holds errno (ECONNREFUSED, EPIPE, ...)
    timeout,    // the deadline passed before the operation could finish
    closed,     // the peer closed the TCP connection during the handshake (tls may say more), or
                // read() was called again after a truncation was reported
    tls,        // the TLS layer failed (an alert sent or received): tls holds it
    truncated,  // TCP end of file without close_notify (RFC 8446 §6.1): tls holds the report
  };
  Kind kind = Kind::system;
  int errno_value = 0;
  /// What the adapter was doing: "connect 127.0.0.1:8443", "read", "handshake".
  std::string context;
  std::optional<TlsError> tls;

  /// "connect 127.0.0.1:1: Connection refused", "handshake: timed out after 5000 ms",
  /// "read: tls: bad_record_mac: ... (RFC 8446 §5.2)".
  std::string to_string() const;
};
std::string_view to_string(IoError::Kind kind) noexcept;

/// A connected TCP socket (an owned file descriptor; closed on destruction).
class TcpStream {
 public:
  /// Resolves `host` (a name or an IPv4/IPv6 literal) and connects to the first address that
  /// answers within `timeout` (the connection attempts are bounded by it; name resolution is
  /// getaddrinfo's, with the resolver's own timeouts). TCP_NODELAY is set: TLS writes
  /// whole records, and a handshake flight must not wait for Nagle's algorithm.
  [[nodiscard]] static Result<TcpStream, IoError> connect(std::string_view host, std::uint16_t port,
                                                          Milliseconds timeout);
  /// Adopts a connected socket.
  explicit TcpStream(int fd) noexcept : fd_(fd) {}
  TcpStream() noexcept = default;
  TcpStream(TcpStream&& other) noexcept;
  TcpStream& operator=(TcpStream&& other) noexcept;
  TcpStream(const TcpStream&) = delete;
  TcpStream& operator=(const TcpStream&) = delete;
  ~TcpStream();

  /// Reads what is available (at most buffer.size() bytes), waiting at most `timeout` for the
  /// first byte. 0 means the peer closed its write side (end of file).
  [[nodiscard]] Result<std::size_t, IoError> read(MutableByteView buffer, Milliseconds timeout);
  /// Writes all of `data`, waiting at most `timeout` in all (a slow reader cannot block it longer).
  [[nodiscard]] Result<Unit, IoError> write_all(ByteView data, Milliseconds timeout);
  /// shutdown(SHUT_WR): sends FIN; reading stays possible.
  [[nodiscard]] Result<Unit, IoError> shutdown_write();
  /// Closes the descriptor now (also done by the destructor).
  void close() noexcept;

  bool is_open() const noexcept { return fd_ >= 0; }
  int fd() const noexcept { return fd_; }
  /// "127.0.0.1:54321" or "[::1]:54321"; "?" if the socket has no peer.
  std::string peer_address() const;

 private:
  int fd_ = -1;
};

/// A listening TCP socket.
class TcpListener {
 public:
  /// Binds `host` (an IP literal, or "localhost") and `port` (0: the kernel picks a free port,
  /// port() reads it back) and listens. SO_REUSEADDR is set so a restarted server can bind again.
  [[nodiscard]] static Result<TcpListener, IoError> bind(std::string_view host, std::uint16_t port,
                                                         int backlog = 64);
  TcpListener(TcpListener&& other) noexcept;
  TcpListener& operator=(TcpListener&& other) noexcept;
  TcpListener(const TcpListener&) = delete;
  TcpListener& operator=(const TcpListener&) = delete;
  ~TcpListener();

  /// The bound port (the one the kernel picked when bind() was given 0).
  std::uint16_t port() const noexcept { return port_; }
  /// "127.0.0.1:8443" or "[::1]:8443".
  std::string local_address() const;
  /// Waits for a connection: forever when `timeout` is empty, else at most `timeout`.
  [[nodiscard]] Result<TcpStream, IoError> accept(std::optional<Milliseconds> timeout = {});
  void close() noexcept;

 private:
  TcpListener(int fd, std::uint16_t port) noexcept : fd_(fd), port_(port) {}
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

/// How long a TlsStream waits.
struct TlsStreamTimeouts {
  /// The whole handshake (both flights).
  Milliseconds handshake{10'000};
  /// One read() waiting for application data, one write() or close() flushing its bytes.
  Milliseconds io{30'000};
};

/// A Connection carried over a TcpStream: bytes out of take_output() are written to the socket,
/// bytes read from the socket go to receive(), and events become read() results.
class TlsStream {
 public:
  TlsStream(TcpStream tcp, Connection connection, TlsStreamTimeouts timeouts = {}) noexcept;
  TlsStream(TlsStream&&) noexcept;
  TlsStream& operator=(TlsStream&&) noexcept;
  ~TlsStream();

  /// Starts the connection (the client's ClientHello) and exchanges flights until
  /// handshake_complete, within timeouts.handshake. On a TLS failure the queued alert is sent
  /// before the error (kind tls) is returned; the TlsError is also in connection().error().
  [[nodiscard]] Result<Unit, IoError> handshake();
  /// Application data into `buffer` (at most its size), waiting up to timeouts.io for it. 0 means
  /// the peer sent close_notify (a clean end); end of file without it is kind truncated.
  [[nodiscard]] Result<std::size_t, IoError> read(MutableByteView buffer);
  /// Sends `data` as application data records and flushes them.
  [[nodiscard]] Result<Unit, IoError> write(ByteView data);
  /// Sends close_notify (RFC 8446 §6.1), then shuts down the write side of the socket. Reading
  /// what the peer still sends (its own close_notify) stays possible.
  [[nodiscard]] Result<Unit, IoError> close();

  /// True once the peer's close_notify was read.
  bool peer_closed() const noexcept { return peer_closed_; }
  Connection& connection() noexcept { return connection_; }
  const Connection& connection() const noexcept { return connection_; }
  TcpStream& tcp() noexcept { return tcp_; }

 private:
  using Deadline = std::chrono::steady_clock::time_point;
  // Writes everything the connection has queued.
  Result<Unit, IoError> flush(Deadline deadline, std::string_view context);
  // Reads once from the socket and feeds the connection; then collects its events.
  Result<Unit, IoError> pump(Deadline deadline, std::string_view context);
  // Moves the connection's events into pending_ / the flags; an error on a failed event.
  Result<Unit, IoError> drain_events(std::string_view context);
  // The connection failed: best-effort send of the queued alert, then the error.
  IoError tls_failure(std::string_view context, const TlsError& error);

  TcpStream tcp_;
  Connection connection_;
  TlsStreamTimeouts timeouts_;
  Bytes pending_;  // application data received and not yet read()
  std::size_t pending_offset_ = 0;
  bool started_ = false;
  bool handshake_done_ = false;
  bool peer_closed_ = false;
  bool eof_ = false;
};

}  // namespace glasstls::tls
