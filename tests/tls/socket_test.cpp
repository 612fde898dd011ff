// The POSIX socket adapter (socket.hpp) over real loopback sockets: TCP streams and listeners
// (port 0, timeouts, end of file, a reset peer without SIGPIPE), then TlsStream client ↔ server
// in two threads with certificates minted by x509::CertificateBuilder: data both ways, a large
// transfer, a clean close (close_notify, RFC 8446 §6.1), a truncated close, timeouts, garbage
// instead of a ClientHello, and an untrusted certificate refused with its alert.
#include "glasstls/tls/socket.hpp"
#include "support/tls_pki.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/tls/config.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/credentials.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/trust_store.hpp"

namespace glasstls::tls {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

// ---- fixtures --------------------------------------------------------------------------------

// Server and client configs over the shared test PKI (localhost / 127.0.0.1, a day ago to 2049).
struct Pki {
  std::shared_ptr<const ServerConfig> server;
  std::shared_ptr<const ClientConfig> client;
  std::shared_ptr<const ClientConfig> client_trusting_nothing;
};

const Pki& pki() {
  // The shared test PKI (tests/support/tls_pki.hpp): root → intermediate → P-256 leaf.
  static const Pki p = [] {
    const test::TestPki& made = test::make_pki();
    auto server = std::make_shared<ServerConfig>();
    server->credentials.push_back(made.credential);
    server->alpn = {"http/1.1"};
    auto client = std::make_shared<ClientConfig>();
    client->trust_store = made.trust;
    client->alpn = {"http/1.1"};
    auto nothing = std::make_shared<ClientConfig>();
    nothing->trust_store = std::make_shared<x509::TrustStore>(x509::TrustStore{});
    return Pki{server, client, nothing};
  }();
  return p;
}

// A listener on 127.0.0.1 with a port the kernel picked.
TcpListener listen_loopback() {
  auto listener = TcpListener::bind("127.0.0.1", 0);
  EXPECT_TRUE(listener.ok()) << (listener.ok() ? "" : listener.error().to_string());
  return std::move(listener).value();
}

// A connected pair of TCP streams over loopback.
std::pair<TcpStream, TcpStream> tcp_pair() {
  TcpListener listener = listen_loopback();
  auto client = TcpStream::connect("127.0.0.1", listener.port(), 5s);
  EXPECT_TRUE(client.ok()) << (client.ok() ? "" : client.error().to_string());
  auto server = listener.accept(5s);
  EXPECT_TRUE(server.ok()) << (server.ok() ? "" : server.error().to_string());
  return {std::move(client).value(), std::move(server).value()};
}

TlsStream make_client(TcpStream tcp, std::shared_ptr<const ClientConfig> config,
                      TlsStreamTimeouts timeouts = {5s, 5s}) {
  auto connection = Connection::client(std::move(config), "localhost");
  EXPECT_TRUE(connection.ok());
  return TlsStream(std::move(tcp), std::move(connection).value(), timeouts);
}

TlsStream make_server(TcpStream tcp, TlsStreamTimeouts timeouts = {5s, 5s}) {
  auto connection = Connection::server(pki().server);
  EXPECT_TRUE(connection.ok());
  return TlsStream(std::move(tcp), std::move(connection).value(), timeouts);
}

// Reads until close_notify (read() returns 0) or an error; at most `limit` bytes.
Result<std::string, IoError> read_all(TlsStream& tls, std::size_t limit) {
  std::string out;
  std::array<std::uint8_t, 4096> buffer{};
  while (out.size() <= limit) {
    auto n = tls.read(buffer);
    if (!n) return Err(std::move(n).error());
    if (*n == 0) return out;
    out.append(reinterpret_cast<const char*>(buffer.data()), *n);
  }
  return out;
}

std::string text(ByteView b) {
  return std::string(b.begin(), b.end());
}

// ---- TCP -------------------------------------------------------------------------------------

TEST(TcpTest, PortZeroPicksAPortThatAcceptsConnections) {
  TcpListener listener = listen_loopback();
  EXPECT_NE(listener.port(), 0);
  EXPECT_EQ(listener.local_address(), "127.0.0.1:" + std::to_string(listener.port()));
  auto client = TcpStream::connect("127.0.0.1", listener.port(), 5s);
  ASSERT_TRUE(client.ok());
  auto server = listener.accept(5s);
  ASSERT_TRUE(server.ok());
  EXPECT_EQ(server->peer_address().rfind("127.0.0.1:", 0), 0u) << server->peer_address();
}

TEST(TcpTest, DataBothWaysThenEndOfFile) {
  auto [client, server] = tcp_pair();
  ASSERT_TRUE(client.write_all(as_bytes("hello server"), 5s).ok());
  std::array<std::uint8_t, 64> buffer{};
  auto n = server.read(buffer, 5s);
  ASSERT_TRUE(n.ok());
  // Loopback delivers a 12-byte write in one segment.
  EXPECT_EQ(text(ByteView(buffer.data(), *n)), "hello server");
  ASSERT_TRUE(server.write_all(as_bytes("hello client"), 5s).ok());
  n = client.read(buffer, 5s);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(text(ByteView(buffer.data(), *n)), "hello client");
  ASSERT_TRUE(client.shutdown_write().ok());
  n = server.read(buffer, 5s);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0u);  // end of file
}

TEST(TcpTest, ReadTimesOut) {
  auto [client, server] = tcp_pair();
  std::array<std::uint8_t, 16> buffer{};
  const auto start = SteadyClock::now();
  auto n = client.read(buffer, 150ms);
  const auto elapsed = SteadyClock::now() - start;
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().kind, IoError::Kind::timeout) << n.error().to_string();
  EXPECT_GE(elapsed, 140ms);
  EXPECT_LT(elapsed, 5s);
}

TEST(TcpTest, AcceptTimesOut) {
  TcpListener listener = listen_loopback();
  const auto start = SteadyClock::now();
  auto s = listener.accept(100ms);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, IoError::Kind::timeout);
  EXPECT_LT(SteadyClock::now() - start, 5s);
}

TEST(TcpTest, ConnectionRefusedIsASystemError) {
  std::uint16_t port = 0;
  {
    TcpListener listener = listen_loopback();
    port = listener.port();
  }  // closed: nobody listens there now (the kernel does not hand it out again this soon)
  auto s = TcpStream::connect("127.0.0.1", port, 5s);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, IoError::Kind::system);
  EXPECT_EQ(s.error().errno_value, ECONNREFUSED) << s.error().to_string();
  EXPECT_NE(s.error().to_string().find("connect 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << s.error().to_string();
}

TEST(TcpTest, WritingToAResetPeerFailsWithoutSigpipe) {
  auto [client, server] = tcp_pair();
  // SO_LINGER 0: close() sends a reset instead of a FIN.
  const linger hard{1, 0};
  ASSERT_EQ(::setsockopt(server.fd(), SOL_SOCKET, SO_LINGER, &hard, sizeof hard), 0);
  server.close();
  // The first write may land before the reset is seen; a later one must fail with EPIPE or
  // ECONNRESET — and SIGPIPE (default action: terminate) must not be raised.
  bool failed = false;
  for (int i = 0; i < 50 && !failed; ++i) {
    auto w = client.write_all(as_bytes("are you there?"), 1s);
    if (!w) {
      failed = true;
      EXPECT_EQ(w.error().kind, IoError::Kind::system);
      EXPECT_TRUE(w.error().errno_value == EPIPE || w.error().errno_value == ECONNRESET)
          << w.error().to_string();
    } else {
      std::this_thread::sleep_for(10ms);
    }
  }
  EXPECT_TRUE(failed);
}

// ---- TLS over sockets ------------------------------------------------------------------------

TEST(TlsStreamTest, HandshakeDataBothWaysAndCleanClose) {
  auto [client_tcp, server_tcp] = tcp_pair();
  std::optional<std::string> server_got;
  std::optional<std::string> server_rest;
  std::thread server_thread([&, tcp = std::move(server_tcp)]() mutable {
    TlsStream server = make_server(std::move(tcp));
    if (auto hs = server.handshake(); !hs) {
      ADD_FAILURE() << "server handshake: " << hs.error().to_string();
      return;
    }
    std::array<std::uint8_t, 64> buffer{};
    auto n = server.read(buffer);
    if (!n) {
      ADD_FAILURE() << n.error().to_string();
      return;
    }
    server_got = text(ByteView(buffer.data(), *n));
    EXPECT_TRUE(server.write(as_bytes("pong")).ok());
    // The client closes next: read() reports its close_notify as 0 bytes.
    auto rest = read_all(server, 1024);
    if (rest)
      server_rest = *rest;
    else
      ADD_FAILURE() << rest.error().to_string();
    EXPECT_TRUE(server.peer_closed());
    EXPECT_TRUE(server.close().ok());
  });

  TlsStream client = make_client(std::move(client_tcp), pki().client);
  auto hs = client.handshake();
  ASSERT_TRUE(hs.ok()) << hs.error().to_string();
  EXPECT_TRUE(client.connection().handshake_complete());
  EXPECT_EQ(client.connection().summary().alpn, std::optional<std::string>("http/1.1"));
  ASSERT_TRUE(client.write(as_bytes("ping")).ok());
  std::array<std::uint8_t, 64> buffer{};
  auto n = client.read(buffer);
  ASSERT_TRUE(n.ok()) << n.error().to_string();
  EXPECT_EQ(text(ByteView(buffer.data(), *n)), "pong");
  ASSERT_TRUE(client.close().ok());
  // The server answers our close_notify with its own: a clean end, 0 bytes.
  auto end = client.read(buffer);
  ASSERT_TRUE(end.ok()) << end.error().to_string();
  EXPECT_EQ(*end, 0u);
  EXPECT_TRUE(client.peer_closed());
  server_thread.join();
  EXPECT_EQ(server_got, std::optional<std::string>("ping"));
  EXPECT_EQ(server_rest, std::optional<std::string>(""));
}

TEST(TlsStreamTest, AMegabyteEachWay) {
  auto [client_tcp, server_tcp] = tcp_pair();
  std::string payload(1 << 20, '\0');
  for (std::size_t i = 0; i < payload.size(); ++i)
    payload[i] = static_cast<char>((i * 131 + i / 977) & 0xff);
  std::optional<std::string> server_got;
  std::thread server_thread([&, tcp = std::move(server_tcp)]() mutable {
    TlsStream server = make_server(std::move(tcp));
    auto got = read_all(server, payload.size() + 1);  // until the client's close_notify
    if (!got) {
      ADD_FAILURE() << got.error().to_string();
      return;
    }
    server_got = std::move(got).value();
    EXPECT_TRUE(server.write(as_bytes(payload)).ok());  // 64 records of 2^14 bytes
    EXPECT_TRUE(server.close().ok());
  });
  TlsStream client = make_client(std::move(client_tcp), pki().client);
  ASSERT_TRUE(client.write(as_bytes(payload)).ok());  // write() runs the handshake first
  ASSERT_TRUE(client.close().ok());
  auto back = read_all(client, payload.size() + 1);
  server_thread.join();
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_TRUE(*back == payload) << "received " << back->size() << " bytes";
  ASSERT_TRUE(server_got.has_value());
  EXPECT_TRUE(*server_got == payload) << "server received " << server_got->size() << " bytes";
}

TEST(TlsStreamTest, EndOfFileWithoutCloseNotifyIsTruncation) {
  auto [client_tcp, server_tcp] = tcp_pair();
  std::thread server_thread([tcp = std::move(server_tcp)]() mutable {
    TlsStream server = make_server(std::move(tcp));
    ASSERT_TRUE(server.handshake().ok());
    ASSERT_TRUE(server.write(as_bytes("partial")).ok());
    // An attacker's FIN: the TCP connection ends without close_notify.
    EXPECT_TRUE(server.tcp().shutdown_write().ok());
    std::array<std::uint8_t, 16> sink{};
    (void)server.tcp().read(sink, 5s);  // until the client gives up
  });
  TlsStream client = make_client(std::move(client_tcp), pki().client);
  auto got = read_all(client, 1024);
  client.tcp().close();
  server_thread.join();
  ASSERT_FALSE(got.ok()) << "a truncated stream read as a clean end";
  EXPECT_EQ(got.error().kind, IoError::Kind::truncated) << got.error().to_string();
  EXPECT_TRUE(got.error().tls.has_value());
}

TEST(TlsStreamTest, HandshakeTimesOutWhenTheServerIsSilent) {
  auto [client_tcp, server_tcp] = tcp_pair();  // nobody speaks TLS on the server side
  TlsStream client = make_client(std::move(client_tcp), pki().client, {300ms, 300ms});
  const auto start = SteadyClock::now();
  auto hs = client.handshake();
  const auto elapsed = SteadyClock::now() - start;
  ASSERT_FALSE(hs.ok());
  EXPECT_EQ(hs.error().kind, IoError::Kind::timeout) << hs.error().to_string();
  EXPECT_GE(elapsed, 280ms);
  EXPECT_LT(elapsed, 5s);
}

TEST(TlsStreamTest, ReadTimesOutWhenNoDataComes) {
  auto [client_tcp, server_tcp] = tcp_pair();
  std::thread server_thread([tcp = std::move(server_tcp)]() mutable {
    TlsStream server = make_server(std::move(tcp));
    ASSERT_TRUE(server.handshake().ok());
    auto got = read_all(server, 16);  // until the client closes
    EXPECT_TRUE(got.ok()) << got.error().to_string();
    (void)server.close();
  });
  TlsStream client = make_client(std::move(client_tcp), pki().client, {5s, 200ms});
  ASSERT_TRUE(client.handshake().ok());
  std::array<std::uint8_t, 16> buffer{};
  auto n = client.read(buffer);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().kind, IoError::Kind::timeout) << n.error().to_string();
  EXPECT_TRUE(client.close().ok());
  server_thread.join();
}

TEST(TlsStreamTest, GarbageInsteadOfClientHelloGetsAnAlert) {
  auto [client_tcp, server_tcp] = tcp_pair();
  std::optional<IoError> server_error;
  std::thread server_thread([&, tcp = std::move(server_tcp)]() mutable {
    TlsStream server = make_server(std::move(tcp));
    auto hs = server.handshake();
    if (!hs) server_error = hs.error();
  });
  ASSERT_TRUE(client_tcp.write_all(as_bytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"), 5s).ok());
  // The server answers with an alert record: ContentType alert (21), RFC 8446 §5.1 / §6.
  std::array<std::uint8_t, 64> buffer{};
  auto n = client_tcp.read(buffer, 5s);
  server_thread.join();
  ASSERT_TRUE(server_error.has_value()) << "the server accepted garbage";
  EXPECT_EQ(server_error->kind, IoError::Kind::tls) << server_error->to_string();
  ASSERT_TRUE(server_error->tls.has_value());
  ASSERT_TRUE(n.ok()) << n.error().to_string();
  ASSERT_GE(*n, 7u) << "no alert record";
  EXPECT_EQ(buffer[0], 21);
  EXPECT_EQ(buffer[6], static_cast<std::uint8_t>(server_error->tls->alert));
}

TEST(TlsStreamTest, UntrustedCertificateIsRefusedWithUnknownCa) {
  auto [client_tcp, server_tcp] = tcp_pair();
  std::optional<IoError> server_error;
  std::thread server_thread([&, tcp = std::move(server_tcp)]() mutable {
    TlsStream server = make_server(std::move(tcp));
    auto hs = server.handshake();
    if (!hs) server_error = hs.error();
  });
  TlsStream client = make_client(std::move(client_tcp), pki().client_trusting_nothing);
  auto hs = client.handshake();
  server_thread.join();
  ASSERT_FALSE(hs.ok());
  EXPECT_EQ(hs.error().kind, IoError::Kind::tls);
  ASSERT_TRUE(hs.error().tls.has_value());
  EXPECT_EQ(hs.error().tls->alert, AlertDescription::unknown_ca) << hs.error().to_string();
  ASSERT_TRUE(client.connection().summary().verification.has_value());
  EXPECT_FALSE(client.connection().summary().verification->ok());
  // The server received the client's alert.
  ASSERT_TRUE(server_error.has_value());
  ASSERT_TRUE(server_error->tls.has_value()) << server_error->to_string();
  EXPECT_EQ(server_error->tls->alert, AlertDescription::unknown_ca) << server_error->to_string();
}

TEST(IoErrorTest, ToStringNamesTheLayer) {
  const IoError timeout{IoError::Kind::timeout, 0, "read", std::nullopt};
  EXPECT_EQ(timeout.to_string(), "read: timed out");
  const IoError refused{IoError::Kind::system, ECONNREFUSED, "connect 127.0.0.1:1", std::nullopt};
  EXPECT_EQ(refused.to_string(), "connect 127.0.0.1:1: Connection refused");
  const IoError tls{IoError::Kind::tls, 0, "handshake",
                    tls_error(AlertDescription::bad_record_mac, "tag mismatch", "RFC 8446 §5.2")};
  EXPECT_EQ(tls.to_string(), "handshake: bad_record_mac: tag mismatch (RFC 8446 §5.2)");
  EXPECT_EQ(to_string(IoError::Kind::truncated), "truncated");
}

}  // namespace
}  // namespace glasstls::tls
