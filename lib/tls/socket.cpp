// The POSIX socket adapter: TcpStream, TcpListener and the TlsStream pump (see socket.hpp).
//
// Every wait is a poll(2) bounded by a deadline; sockets are non-blocking, so recv and send never
// block after poll said "ready" (a spurious wakeup just loops back to poll). send uses
// MSG_NOSIGNAL: a peer that reset the connection gives EPIPE instead of killing us with SIGPIPE.
#include "glasstls/tls/socket.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <utility>

#include "glasstls/core/ct.hpp"

namespace glasstls::tls {

namespace {

using SteadyClock = std::chrono::steady_clock;
using Deadline = SteadyClock::time_point;

IoError system_error(std::string context, int err) {
  return IoError{IoError::Kind::system, err, std::move(context), std::nullopt};
}
IoError timeout_error(std::string context) {
  return IoError{IoError::Kind::timeout, 0, std::move(context), std::nullopt};
}

// Milliseconds left until `deadline` for poll(): 0 when it has passed, capped so the int cannot
// overflow (a long wait just polls again).
int poll_timeout(Deadline deadline) {
  const auto left = std::chrono::duration_cast<Milliseconds>(deadline - SteadyClock::now());
  if (left.count() <= 0) return 0;
  return static_cast<int>(std::min<Milliseconds::rep>(left.count() + 1, 60'000));
}

// Waits until `fd` is ready for `events`, or the deadline passes (false). Errors are errno.
Result<bool, int> wait_ready(int fd, short events, Deadline deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int timeout = poll_timeout(deadline);
    const int n = ::poll(&p, 1, timeout);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Err(errno);
    }
    // POLLERR/POLLHUP count as ready: the following recv/send reports what happened.
    if (n > 0) return true;
    if (SteadyClock::now() >= deadline) return false;
  }
}

bool set_nonblocking(int fd) {
  const int flags = ::fcntl(fd, F_GETFL);
  return flags >= 0 && ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

// "127.0.0.1:443" or "[::1]:443".
std::string format_address(const sockaddr_storage& address) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(address);
    ::inet_ntop(AF_INET, &a.sin_addr, text.data(), static_cast<socklen_t>(text.size()));
    return std::string(text.data()) + ":" + std::to_string(ntohs(a.sin_port));
  }
  if (address.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(address);
    ::inet_ntop(AF_INET6, &a.sin6_addr, text.data(), static_cast<socklen_t>(text.size()));
    return "[" + std::string(text.data()) + "]:" + std::to_string(ntohs(a.sin6_port));
  }
  return "?";
}

std::uint16_t address_port(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET)
    return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  if (address.ss_family == AF_INET6)
    return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  return 0;
}

// "host:port", with brackets around an IPv6 literal.
std::string host_port(std::string_view host, std::uint16_t port) {
  const bool v6 = host.find(':') != std::string_view::npos;
  return (v6 ? "[" + std::string(host) + "]" : std::string(host)) + ":" + std::to_string(port);
}

struct AddrInfoDeleter {
  void operator()(addrinfo* a) const noexcept { ::freeaddrinfo(a); }
};
using AddrInfoPtr = std::unique_ptr<addrinfo, AddrInfoDeleter>;

// getaddrinfo for TCP; the error names the host.
Result<AddrInfoPtr, IoError> resolve(std::string_view host, std::uint16_t port, int flags,
                                     const std::string& context) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  hints.ai_flags = flags;
  addrinfo* list = nullptr;
  const std::string host_text(host);
  const std::string port_text = std::to_string(port);
  const int rc = ::getaddrinfo(host_text.c_str(), port_text.c_str(), &hints, &list);
  if (rc != 0) {
    const int err = rc == EAI_SYSTEM ? errno : 0;
    return Err(IoError{IoError::Kind::system, err,
                       context + ": cannot resolve '" + host_text + "': " + ::gai_strerror(rc),
                       std::nullopt});
  }
  return AddrInfoPtr(list);
}

}  // namespace

// ---- IoError ---------------------------------------------------------------------------------

std::string_view to_string(IoError::Kind kind) noexcept {
  switch (kind) {
    case IoError::Kind::system:
      return "system";
    case IoError::Kind::timeout:
      return "timeout";
    case IoError::Kind::closed:
      return "closed";
    case IoError::Kind::tls:
      return "tls";
    case IoError::Kind::truncated:
      return "truncated";
  }
  return "unknown";
}

std::string IoError::to_string() const {
  switch (kind) {
    case Kind::system:
      // resolve() already put gai_strerror's words in the context.
      return errno_value != 0 ? context + ": " + std::strerror(errno_value) : context;
    case Kind::timeout:
      return context + ": timed out";
    case Kind::closed:
      return context + ": the peer closed the connection";
    case Kind::tls:
      return context + ": " + (tls ? tls->to_string() : std::string("TLS failure"));
    case Kind::truncated:
      // The TLS layer's reason already says what was missing; its alert is not one sent.
      if (tls)
        return context + ": truncated: " + tls->reason +
               (tls->section.empty() ? std::string() : " (" + std::string(tls->section) + ")");
      return context + ": truncated: end of file without close_notify (RFC 8446 §6.1)";
  }
  return context;
}

// ---- TcpStream -------------------------------------------------------------------------------

Result<TcpStream, IoError> TcpStream::connect(std::string_view host, std::uint16_t port,
                                              Milliseconds timeout) {
  const std::string context = "connect " + host_port(host, port);
  const Deadline deadline = SteadyClock::now() + timeout;
  auto addresses = resolve(host, port, AI_ADDRCONFIG, context);
  if (!addresses) return Err(std::move(addresses).error());

  IoError last = system_error(context, ECONNREFUSED);
  for (const addrinfo* a = addresses->get(); a != nullptr; a = a->ai_next) {
    TcpStream stream(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
    if (!stream.is_open() || !set_nonblocking(stream.fd_)) {
      last = system_error(context, errno);
      continue;
    }
    // A non-blocking connect returns EINPROGRESS; writability then means done, and SO_ERROR
    // says how it went.
    if (::connect(stream.fd_, a->ai_addr, a->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        last = system_error(context, errno);
        continue;
      }
      auto ready = wait_ready(stream.fd_, POLLOUT, deadline);
      if (!ready) {
        last = system_error(context, ready.error());
        continue;
      }
      if (!*ready) return Err(timeout_error(context));
      int so_error = 0;
      socklen_t len = sizeof so_error;
      if (::getsockopt(stream.fd_, SOL_SOCKET, SO_ERROR, &so_error, &len) != 0) so_error = errno;
      if (so_error != 0) {
        last = system_error(context, so_error);
        continue;
      }
    }
    const int one = 1;
    ::setsockopt(stream.fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return stream;
  }
  return Err(std::move(last));
}

TcpStream::TcpStream(TcpStream&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

TcpStream& TcpStream::operator=(TcpStream&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

TcpStream::~TcpStream() {
  close();
}

void TcpStream::close() noexcept {
  if (fd_ >= 0) ::close(std::exchange(fd_, -1));
}

Result<std::size_t, IoError> TcpStream::read(MutableByteView buffer, Milliseconds timeout) {
  if (fd_ < 0) return Err(system_error("read", EBADF));
  const Deadline deadline = SteadyClock::now() + timeout;
  for (;;) {
    const ssize_t n = ::recv(fd_, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return Err(system_error("read", errno));
    auto ready = wait_ready(fd_, POLLIN, deadline);
    if (!ready) return Err(system_error("read", ready.error()));
    if (!*ready) return Err(timeout_error("read"));
  }
}

Result<Unit, IoError> TcpStream::write_all(ByteView data, Milliseconds timeout) {
  if (fd_ < 0) return Err(system_error("write", EBADF));
  const Deadline deadline = SteadyClock::now() + timeout;
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n =
        ::send(fd_, data.data() + done, data.size() - done, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n >= 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return Err(system_error("write", errno));
    auto ready = wait_ready(fd_, POLLOUT, deadline);
    if (!ready) return Err(system_error("write", ready.error()));
    if (!*ready) return Err(timeout_error("write"));
  }
  return Unit{};
}

Result<Unit, IoError> TcpStream::shutdown_write() {
  if (fd_ < 0) return Err(system_error("shutdown", EBADF));
  if (::shutdown(fd_, SHUT_WR) != 0) return Err(system_error("shutdown", errno));
  return Unit{};
}

std::string TcpStream::peer_address() const {
  sockaddr_storage address{};
  socklen_t len = sizeof address;
  if (fd_ < 0 || ::getpeername(fd_, reinterpret_cast<sockaddr*>(&address), &len) != 0) return "?";
  return format_address(address);
}

// ---- TcpListener -----------------------------------------------------------------------------

Result<TcpListener, IoError> TcpListener::bind(std::string_view host, std::uint16_t port,
                                               int backlog) {
  const std::string context = "bind " + host_port(host, port);
  auto addresses = resolve(host, port, AI_PASSIVE, context);
  if (!addresses) return Err(std::move(addresses).error());
  const addrinfo* a = addresses->get();
  const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
  if (fd < 0) return Err(system_error(context, errno));
  TcpListener listener(fd, 0);
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0) return Err(system_error(context, errno));
  if (::listen(fd, backlog) != 0) return Err(system_error(context, errno));
  if (!set_nonblocking(fd)) return Err(system_error(context, errno));
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len) != 0)
    return Err(system_error(context, errno));
  listener.port_ = address_port(bound);
  return listener;
}

TcpListener::TcpListener(TcpListener&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), port_(other.port_) {}

TcpListener& TcpListener::operator=(TcpListener&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    port_ = other.port_;
  }
  return *this;
}

TcpListener::~TcpListener() {
  close();
}

void TcpListener::close() noexcept {
  if (fd_ >= 0) ::close(std::exchange(fd_, -1));
}

std::string TcpListener::local_address() const {
  sockaddr_storage address{};
  socklen_t len = sizeof address;
  if (fd_ < 0 || ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &len) != 0) return "?";
  return format_address(address);
}

Result<TcpStream, IoError> TcpListener::accept(std::optional<Milliseconds> timeout) {
  if (fd_ < 0) return Err(system_error("accept", EBADF));
  // No timeout: wait in slices of a minute, for ever.
  const bool forever = !timeout.has_value();
  Deadline deadline = SteadyClock::now() + (forever ? Milliseconds(60'000) : *timeout);
  for (;;) {
    const int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd >= 0) {
      const int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      return TcpStream(fd);
    }
    // A connection reset before accept (ECONNABORTED) and the transient errors accept(2) lists
    // for Linux are not the listener's fault: try again.
    if (errno == EINTR || errno == ECONNABORTED || errno == EPROTO) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return Err(system_error("accept", errno));
    auto ready = wait_ready(fd_, POLLIN, deadline);
    if (!ready) return Err(system_error("accept", ready.error()));
    if (!*ready) {
      if (!forever) return Err(timeout_error("accept"));
      deadline = SteadyClock::now() + Milliseconds(60'000);
    }
  }
}

// ---- TlsStream -------------------------------------------------------------------------------

TlsStream::TlsStream(TcpStream tcp, Connection connection, TlsStreamTimeouts timeouts) noexcept
    : tcp_(std::move(tcp)), connection_(std::move(connection)), timeouts_(timeouts) {}

TlsStream::TlsStream(TlsStream&&) noexcept = default;
TlsStream& TlsStream::operator=(TlsStream&&) noexcept = default;

TlsStream::~TlsStream() {
  // Application data may be secret too: leave none of it behind in freed memory.
  ct::secure_wipe(pending_.data(), pending_.size());
}

IoError TlsStream::tls_failure(std::string_view context, const TlsError& error) {
  // The connection queued its alert (RFC 8446 §6.2: the sender of a fatal alert closes the
  // connection after it); send it, briefly, and report the error whether or not that worked.
  if (connection_.has_output()) {
    const Bytes alert = connection_.take_output();
    (void)tcp_.write_all(alert, Milliseconds(1'000));
  }
  return IoError{IoError::Kind::tls, 0, std::string(context), error};
}

Result<Unit, IoError> TlsStream::flush(Deadline deadline, std::string_view context) {
  while (connection_.has_output()) {
    const Bytes out = connection_.take_output();
    const auto left = std::max(
        Milliseconds(0), std::chrono::duration_cast<Milliseconds>(deadline - SteadyClock::now()));
    if (auto written = tcp_.write_all(out, left); !written) {
      IoError e = std::move(written).error();
      e.context = std::string(context) + " (" + e.context + ")";
      return Err(std::move(e));
    }
  }
  return Unit{};
}

Result<Unit, IoError> TlsStream::drain_events(std::string_view context) {
  while (auto event = connection_.next_event()) {
    switch (event->kind) {
      case Event::Kind::handshake_complete:
        handshake_done_ = true;
        break;
      case Event::Kind::application_data:
        if (pending_offset_ == pending_.size()) {
          ct::secure_wipe(pending_.data(), pending_.size());
          pending_.clear();
          pending_offset_ = 0;
        }
        pending_.insert(pending_.end(), event->data.begin(), event->data.end());
        ct::secure_wipe(event->data.data(), event->data.size());
        break;
      case Event::Kind::alert_received:
        // A warning alert (user_canceled): RFC 8446 §6.1 says a close_notify follows; nothing
        // to do until then.
        break;
      case Event::Kind::closed:
        peer_closed_ = true;
        break;
      case Event::Kind::failed: {
        const TlsError error = connection_.error().value_or(
            tls_error(AlertDescription::internal_error, "the connection failed", "RFC 8446 §6.2"));
        return Err(tls_failure(context, error));
      }
    }
  }
  return Unit{};
}

Result<Unit, IoError> TlsStream::pump(Deadline deadline, std::string_view context) {
  std::array<std::uint8_t, 16 * 1024> buffer{};
  const auto left = std::max(
      Milliseconds(0), std::chrono::duration_cast<Milliseconds>(deadline - SteadyClock::now()));
  auto n = tcp_.read(buffer, left);
  if (!n) {
    IoError e = std::move(n).error();
    e.context = std::string(context) + (e.kind == IoError::Kind::timeout ? "" : " (read)");
    return Err(std::move(e));
  }
  if (*n == 0) {
    // End of file. The connection decides whether that was clean (close_notify seen) or a
    // truncation (RFC 8446 §6.1: "Each party MUST send a close_notify alert before closing its
    // write side of the connection").
    eof_ = true;
    auto end = connection_.end_of_input();
    // Before the handshake completed there is no data to truncate: the peer just went away.
    if (!handshake_done_)
      return Err(IoError{IoError::Kind::closed, 0, std::string(context),
                         end ? std::nullopt : std::optional<TlsError>(std::move(end).error())});
    if (!end) {
      return Err(
          IoError{IoError::Kind::truncated, 0, std::string(context), std::move(end).error()});
    }
    if (auto events = drain_events(context); !events) return events;
    if (!peer_closed_) {
      return Err(IoError{IoError::Kind::closed, 0, std::string(context), std::nullopt});
    }
    return Unit{};
  }
  auto received = connection_.receive(ByteView(buffer.data(), *n));
  ct::secure_wipe(buffer.data(), *n);
  if (!received) {
    // Take the events anyway (application data before the failure is not lost to the caller).
    (void)drain_events(context);
    return Err(tls_failure(context, received.error()));
  }
  return drain_events(context);
}

Result<Unit, IoError> TlsStream::handshake() {
  const Deadline deadline = SteadyClock::now() + timeouts_.handshake;
  if (!started_) {
    started_ = true;
    if (auto start = connection_.start(); !start)
      return Err(tls_failure("handshake", start.error()));
  }
  // Bounded by the deadline: each iteration either writes, or waits for bytes until it passes.
  while (!handshake_done_) {
    if (auto flushed = flush(deadline, "handshake"); !flushed) return flushed;
    if (connection_.failed()) {
      const TlsError error = connection_.error().value_or(
          tls_error(AlertDescription::internal_error, "the connection failed", "RFC 8446 §6.2"));
      return Err(tls_failure("handshake", error));
    }
    if (handshake_done_ || connection_.handshake_complete()) break;
    if (eof_ || peer_closed_)
      return Err(IoError{IoError::Kind::closed, 0, "handshake", std::nullopt});
    if (auto pumped = pump(deadline, "handshake"); !pumped) return pumped;
  }
  handshake_done_ = true;
  // The client's last flight (its Finished) goes out now.
  return flush(deadline, "handshake");
}

Result<std::size_t, IoError> TlsStream::read(MutableByteView buffer) {
  if (!handshake_done_) {
    if (auto hs = handshake(); !hs) return Err(std::move(hs).error());
  }
  const Deadline deadline = SteadyClock::now() + timeouts_.io;
  // Bounded by the deadline: every pass reads the socket once or returns.
  while (pending_offset_ == pending_.size()) {
    if (peer_closed_) return std::size_t{0};
    if (eof_) return Err(IoError{IoError::Kind::closed, 0, "read", std::nullopt});
    if (auto pumped = pump(deadline, "read"); !pumped) return Err(std::move(pumped).error());
    // A post-handshake message (a KeyUpdate) may have queued an answer.
    if (auto flushed = flush(deadline, "read"); !flushed) return Err(std::move(flushed).error());
  }
  const std::size_t n = std::min(buffer.size(), pending_.size() - pending_offset_);
  std::copy_n(pending_.begin() + static_cast<std::ptrdiff_t>(pending_offset_), n, buffer.begin());
  pending_offset_ += n;
  return n;
}

Result<Unit, IoError> TlsStream::write(ByteView data) {
  if (!handshake_done_) {
    if (auto hs = handshake(); !hs) return hs;
  }
  if (auto sent = connection_.send(data); !sent) return Err(tls_failure("write", sent.error()));
  return flush(SteadyClock::now() + timeouts_.io, "write");
}

Result<Unit, IoError> TlsStream::close() {
  if (!tcp_.is_open()) return Unit{};
  connection_.close();
  if (auto flushed = flush(SteadyClock::now() + timeouts_.io, "close"); !flushed) return flushed;
  return tcp_.shutdown_write();
}

}  // namespace glasstls::tls
