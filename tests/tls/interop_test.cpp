// Interop with real TLS 1.3 peers on 127.0.0.1 (issue 10): glasstls's client against
// `openssl s_server -www` and `gnutls-serv --http`, and glasstls's server against
// `openssl s_client`, `gnutls-cli`, `curl` and Python's `ssl` — each suite, each group, a
// HelloRetryRequest, ALPN, RSA / ECDSA / Ed25519 chains, and bad chains refused with the right
// alert (RFC 8446 §6.2).
//
// Every test asserts what happened on both sides: our HandshakeSummary (suite, group,
// hello_retry_request, alpn, scheme) AND the peer's own report — the s_server -www page
// ("Cipher    : TLS_AES_128_GCM_SHA256", "Shared groups: x25519"), the s_client summary ("Cipher
// is ...", "Server Temp Key: X25519"), gnutls's "- Description: (TLS1.3-X.509)-(ECDHE-X25519)-
// ...", curl's "SSL connection using TLSv1.3 / ...", Python's SSLSocket.cipher(), and for a
// HelloRetryRequest the peer's trace of the special ServerHello random (§4.1.3).
//
// Peers run under timeout(1) with logs in a scratch directory (interop_support.hpp); a peer that
// is not installed skips its tests with a printed reason (and fails them when CI=true). Set
// GLASSTLS_KEEP_INTEROP_DIR=1 to keep the logs after a run.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "glasstls/tls/config.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/tls/credentials.hpp"
#include "glasstls/tls/socket.hpp"
#include "glasstls/x509/trust_store.hpp"
#include "interop_support.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls::interop {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kRequest = "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n";
constexpr std::string_view kBody = "hello from glasstls\n";

// ---- fixtures ----------------------------------------------------------------------------------

std::shared_ptr<const x509::TrustStore> trusted_roots() {
  auto store = x509::TrustStore::from_pem(pki().roots_pem_text);
  if (!store.ok()) {  // a broken fixture is no result: stop here
    std::fprintf(stderr, "roots.pem: %s\n", store.error().to_string().c_str());
    std::abort();
  }
  return std::make_shared<const x509::TrustStore>(std::move(store).value());
}

std::shared_ptr<const Credential> credential(const ChainFiles& chain) {
  auto c = Credential::from_pem(chain.chain_pem_text, chain.key_pem_text);
  if (!c.ok()) {
    std::fprintf(stderr, "Credential::from_pem(%s): %s\n", chain.name.c_str(), c.error().c_str());
    std::abort();
  }
  return std::make_shared<const Credential>(std::move(c).value());
}

ClientConfig client_config() {
  ClientConfig config;
  config.trust_store = trusted_roots();
  return config;
}

// The OpenSSL spelling of a suite, as the -www page and s_client print it.
std::string openssl_name(CipherSuite s) {
  return std::string(cipher_suite_info(s)->name);
}

// gnutls's name of the AEAD in its "Description" line.
std::string gnutls_cipher_name(CipherSuite s) {
  switch (s) {
    case CipherSuite::tls_aes_128_gcm_sha256:
      return "AES-128-GCM";
    case CipherSuite::tls_aes_256_gcm_sha384:
      return "AES-256-GCM";
    case CipherSuite::tls_chacha20_poly1305_sha256:
      return "CHACHA20-POLY1305";
    default:
      return "?";
  }
}

struct GroupNames {
  NamedGroup group;
  std::string openssl_option;    // -groups
  std::string openssl_shared;    // the -www page's "Shared groups:"
  std::string openssl_temp_key;  // s_client's "Server Temp Key:"
  std::string gnutls_kx;         // "(ECDHE-X25519)"
  std::string gnutls_priority;   // +GROUP-...
};

const std::array<GroupNames, 3>& groups() {
  static const std::array<GroupNames, 3> g = {{
      {NamedGroup::x25519, "X25519", "x25519", "X25519, 253 bits", "ECDHE-X25519", "GROUP-X25519"},
      {NamedGroup::secp256r1, "P-256", "secp256r1", "ECDH, prime256v1, 256 bits", "ECDHE-SECP256R1",
       "GROUP-SECP256R1"},
      {NamedGroup::secp384r1, "P-384", "secp384r1", "ECDH, secp384r1, 384 bits", "ECDHE-SECP384R1",
       "GROUP-SECP384R1"},
  }};
  return g;
}

const std::array<CipherSuite, 3> kSuites = {CipherSuite::tls_aes_128_gcm_sha256,
                                            CipherSuite::tls_aes_256_gcm_sha384,
                                            CipherSuite::tls_chacha20_poly1305_sha256};

// ---- our client --------------------------------------------------------------------------------

/// What one run of our client saw.
struct ClientOutcome {
  bool handshake_ok = false;
  std::optional<IoError> io_error;
  std::optional<TlsError> tls_error;  // Connection::error()
  HandshakeSummary summary;
  std::string response;

  std::string describe() const {
    std::string s = handshake_ok ? "handshake ok" : "handshake failed";
    if (io_error) s += "; " + io_error->to_string();
    if (tls_error) s += "; error() = " + tls_error->to_string();
    return s;
  }
};

/// Connects to 127.0.0.1:port as a client for `host`, sends an HTTP/1.0 GET once connected, and
/// reads the response until close_notify, end of file or an error (each wait bounded).
ClientOutcome run_our_client(ClientConfig config, std::uint16_t port,
                             std::string_view host = "localhost") {
  ClientOutcome out;
  auto tcp = TcpStream::connect("127.0.0.1", port, 5000ms);
  if (!tcp.ok()) {
    out.io_error = tcp.error();
    return out;
  }
  auto conn = Connection::client(std::make_shared<const ClientConfig>(std::move(config)), host);
  if (!conn.ok()) {
    out.tls_error = conn.error();
    return out;
  }
  TlsStream tls(std::move(tcp).value(), std::move(conn).value(),
                TlsStreamTimeouts{Milliseconds(10'000), Milliseconds(5'000)});
  auto hs = tls.handshake();
  out.summary = tls.connection().summary();
  out.tls_error = tls.connection().error();
  if (!hs.ok()) {
    out.io_error = hs.error();
    return out;
  }
  out.handshake_ok = true;
  const ByteView request(reinterpret_cast<const std::uint8_t*>(kRequest.data()), kRequest.size());
  if (auto w = tls.write(request); !w.ok()) {
    out.io_error = w.error();
    return out;
  }
  std::array<std::uint8_t, 4096> buffer{};
  // Bounded: at most 256 reads of up to 4 KiB (the peers' pages are a few KiB).
  for (int i = 0; i < 256; ++i) {
    auto n = tls.read(buffer);
    if (!n.ok()) {
      // s_server -www and gnutls-serv close after the page; a missing close_notify is reported
      // as truncated, which the tests below tolerate once the page has arrived.
      out.io_error = n.error();
      break;
    }
    if (*n == 0) break;
    out.response.append(reinterpret_cast<const char*>(buffer.data()), *n);
  }
  (void)tls.close();
  out.summary = tls.connection().summary();
  out.tls_error = tls.connection().error();
  return out;
}

// ---- peer servers ------------------------------------------------------------------------------

/// `openssl s_server -www -trace` on a port it picks itself (-accept 127.0.0.1:0, read back from
/// its "ACCEPT 127.0.0.1:PORT" line).
struct OpensslServer {
  std::unique_ptr<PeerProcess> process;
  std::uint16_t port = 0;

  static std::optional<OpensslServer> start(const ChainFiles& chain,
                                            const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv = {"openssl",
                                     "s_server",
                                     "-accept",
                                     "127.0.0.1:0",
                                     "-tls1_3",
                                     "-cert",
                                     chain.leaf_pem.string(),
                                     "-key",
                                     chain.key_pem.string(),
                                     "-cert_chain",
                                     chain.inter_pem.string(),
                                     "-www",
                                     "-trace"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    OpensslServer s;
    s.process = PeerProcess::start(argv, scratch_file("s_server"), 60s);
    if (!s.process) return std::nullopt;
    constexpr std::string_view kAccept = "ACCEPT 127.0.0.1:";
    // Bounded: 100 polls of the log, 10 s in all, until the whole "ACCEPT ..." line is there.
    for (int i = 0; i < 100; ++i) {
      if (!s.process->wait_for_log(kAccept, 100ms)) continue;
      const std::string log = s.process->log();
      const auto at = log.find(kAccept) + kAccept.size();
      const auto end = log.find('\n', at);
      if (end == std::string::npos) continue;
      unsigned long port = 0;
      for (auto k = at; k < end && k < at + 5; ++k) {
        if (log[k] < '0' || log[k] > '9') break;
        port = port * 10 + static_cast<unsigned long>(log[k] - '0');
      }
      if (port == 0 || port > 65535) return std::nullopt;
      s.port = static_cast<std::uint16_t>(port);
      return s;
    }
    return std::nullopt;
  }
};

/// `gnutls-serv --http` on a port picked here (it cannot report one it picked): retried on a new
/// port, at most 5 times, if it fails to listen.
struct GnutlsServer {
  std::unique_ptr<PeerProcess> process;
  std::uint16_t port = 0;

  static std::optional<GnutlsServer> start(const ChainFiles& chain, const std::string& priority,
                                           const std::vector<std::string>& extra = {}) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      GnutlsServer s;
      s.port = pick_free_port();
      std::vector<std::string> argv = {"gnutls-serv",
                                       "--http",
                                       "--x509certfile",
                                       chain.chain_pem.string(),
                                       "--x509keyfile",
                                       chain.key_pem.string(),
                                       "--priority",
                                       priority,
                                       "-p",
                                       std::to_string(s.port)};
      argv.insert(argv.end(), extra.begin(), extra.end());
      s.process = PeerProcess::start(argv, scratch_file("gnutls-serv"), 60s);
      if (s.process && s.process->wait_for_log("port " + std::to_string(s.port) + "...done", 10s)) {
        return s;
      }
    }
    return std::nullopt;
  }
};

const std::string kGnutlsTls13 = "NORMAL:-VERS-ALL:+VERS-TLS1.3";

bool have_openssl() {
  return have_program("openssl");
}
bool have_gnutls_serv() {
  return have_program("gnutls-serv");
}
bool have_gnutls_cli() {
  return have_program("gnutls-cli");
}

// ---- our server --------------------------------------------------------------------------------

/// What our server saw on one connection.
struct ServerOutcome {
  bool handshake_ok = false;
  std::optional<IoError> io_error;
  std::optional<TlsError> tls_error;
  HandshakeSummary summary;
  std::string request;
};

/// Our server in a thread: accepts connections on 127.0.0.1 (a port the kernel picks), and on
/// each completes the handshake, reads one HTTP request, answers, sends close_notify and closes.
class OurServer {
 public:
  explicit OurServer(ServerConfig config)
      : config_(std::make_shared<const ServerConfig>(std::move(config))) {
    auto listener = TcpListener::bind("127.0.0.1", 0);
    if (!listener.ok()) {
      ADD_FAILURE() << "bind: " << listener.error().to_string();
      return;
    }
    port_ = listener->port();
    thread_ = std::thread([this, l = std::move(listener).value()]() mutable { serve(l); });
  }
  ~OurServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  OurServer(const OurServer&) = delete;
  OurServer& operator=(const OurServer&) = delete;

  std::uint16_t port() const { return port_; }

  /// Waits (at most `max`) until `n` connections have ended; a copy of what they saw.
  std::vector<ServerOutcome> wait_for(std::size_t n, Milliseconds max = 15s) {
    std::unique_lock lock(mutex_);
    cv_.wait_for(lock, max, [&] { return outcomes_.size() >= n; });
    return outcomes_;
  }

 private:
  void serve(TcpListener& listener) {
    // Bounded by stop_: each accept waits at most 100 ms.
    while (!stop_) {
      auto tcp = listener.accept(100ms);
      if (!tcp.ok()) continue;
      ServerOutcome outcome = handle(std::move(tcp).value());
      std::lock_guard lock(mutex_);
      outcomes_.push_back(std::move(outcome));
      cv_.notify_all();
    }
  }

  ServerOutcome handle(TcpStream tcp) {
    ServerOutcome out;
    auto conn = Connection::server(config_);
    if (!conn.ok()) {
      out.tls_error = conn.error();
      return out;
    }
    TlsStream tls(std::move(tcp), std::move(conn).value(),
                  TlsStreamTimeouts{Milliseconds(10'000), Milliseconds(5'000)});
    auto hs = tls.handshake();
    out.summary = tls.connection().summary();
    out.tls_error = tls.connection().error();
    if (!hs.ok()) {
      out.io_error = hs.error();
      return out;
    }
    out.handshake_ok = true;
    std::array<std::uint8_t, 4096> buffer{};
    // Bounded: at most 64 reads, until the blank line that ends the request's header.
    for (int i = 0; i < 64 && out.request.find("\r\n\r\n") == std::string::npos; ++i) {
      auto n = tls.read(buffer);
      if (!n.ok()) {
        out.io_error = n.error();
        break;
      }
      if (*n == 0) break;
      out.request.append(reinterpret_cast<const char*>(buffer.data()), *n);
    }
    if (out.request.find("\r\n\r\n") != std::string::npos) {
      const std::string response =
          "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
          "Content-Length: " +
          std::to_string(kBody.size()) + "\r\nConnection: close\r\n\r\n" + std::string(kBody);
      const ByteView bytes(reinterpret_cast<const std::uint8_t*>(response.data()), response.size());
      if (auto w = tls.write(bytes); !w.ok()) out.io_error = w.error();
    }
    (void)tls.close();
    // Give the client a moment to read before the socket goes (its close_notify, if any, is not
    // awaited: curl and python may just close).
    std::array<std::uint8_t, 256> drain{};
    (void)tls.tcp().read(drain, 200ms);
    out.summary = tls.connection().summary();
    out.tls_error = tls.connection().error();
    return out;
  }

  std::shared_ptr<const ServerConfig> config_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::vector<ServerOutcome> outcomes_;
};

ServerConfig server_config(const ChainFiles& chain) {
  ServerConfig config;
  config.credentials = {credential(chain)};
  return config;
}

/// `openssl s_client` against our server, sending one request (-ign_eof: it reads until our
/// close). Extra arguments go before the defaults.
RunResult s_client(std::uint16_t port, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {"openssl",     "s_client",
                                   "-connect",    "127.0.0.1:" + std::to_string(port),
                                   "-servername", "localhost",
                                   "-CAfile",     pki().roots_pem.string(),
                                   "-tls1_3",     "-verify_return_error",
                                   "-ign_eof"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv, 20s, std::string(kRequest));
}

RunResult gnutls_cli(std::uint16_t port, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {"gnutls-cli",        "--x509cafile", pki().roots_pem.string(),
                                   "--priority",        kGnutlsTls13,   "-p",
                                   std::to_string(port)};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back("localhost");
  return run(argv, 20s, std::string(kRequest));
}

RunResult curl(std::uint16_t port, const std::vector<std::string>& extra = {}) {
  const std::string p = std::to_string(port);
  std::vector<std::string> argv = {"curl",       "-sS",
                                   "-v",         "--tlsv1.3",
                                   "--max-time", "15",
                                   "--cacert",   pki().roots_pem.string(),
                                   "--resolve",  "localhost:" + p + ":127.0.0.1"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back("https://localhost:" + p + "/");
  return run(argv, 20s);
}

/// Python's ssl module: a default (verifying) context with our roots, ALPN http/1.1, one GET.
RunResult python_client(std::uint16_t port) {
  const std::string script =
      "import socket, ssl, sys\n"
      "ctx = ssl.create_default_context(cafile=sys.argv[1])\n"
      "ctx.minimum_version = ssl.TLSVersion.TLSv1_3\n"
      "ctx.set_alpn_protocols(['http/1.1'])\n"
      "try:\n"
      "    raw = socket.create_connection(('127.0.0.1', int(sys.argv[2])), timeout=10)\n"
      "    with ctx.wrap_socket(raw, server_hostname='localhost') as s:\n"
      "        print('version=%s cipher=%s alpn=%s' % (s.version(), s.cipher()[0],\n"
      "              s.selected_alpn_protocol()))\n"
      "        s.sendall(b'GET / HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n')\n"
      "        data = b''\n"
      "        for _ in range(64):\n"
      "            chunk = s.recv(4096)\n"
      "            if not chunk: break\n"
      "            data += chunk\n"
      "        print(data.decode())\n"
      "except ssl.SSLCertVerificationError as e:\n"
      "    print('verify_error=%s' % e.verify_message); sys.exit(3)\n";
  return run({"python3", "-c", script, pki().roots_pem.string(), std::to_string(port)}, 20s);
}

// ================================================================================================
// The fixtures themselves, checked by OpenSSL (independent of glasstls's TLS code).
// ================================================================================================

TEST(InteropFixtures, OpensslVerifiesTheChainsAndRefusesTheBadOnes) {
  GLASSTLS_REQUIRE_PEER(have_openssl(), "openssl CLI not on PATH");
  for (const ChainFiles* c : {&pki().rsa, &pki().ecdsa, &pki().ed25519}) {
    auto r = run({"openssl", "verify", "-x509_strict", "-purpose", "sslserver", "-verify_hostname",
                  "localhost", "-verify_ip", "127.0.0.1", "-CAfile", pki().roots_pem.string(),
                  "-untrusted", c->inter_pem.string(), c->leaf_pem.string()},
                 10s);
    EXPECT_EQ(r.exit_code, 0) << c->name << ": " << r.output;
    EXPECT_NE(r.output.find(": OK"), std::string::npos) << c->name << ": " << r.output;
  }
  auto expired = run({"openssl", "verify", "-CAfile", pki().roots_pem.string(), "-untrusted",
                      pki().expired.inter_pem.string(), pki().expired.leaf_pem.string()},
                     10s);
  EXPECT_NE(expired.exit_code, 0);
  EXPECT_NE(expired.output.find("certificate has expired"), std::string::npos) << expired.output;
  auto rogue = run({"openssl", "verify", "-CAfile", pki().roots_pem.string(), "-untrusted",
                    pki().untrusted.inter_pem.string(), pki().untrusted.leaf_pem.string()},
                   10s);
  EXPECT_NE(rogue.exit_code, 0);
  EXPECT_NE(rogue.output.find("unable to get local issuer certificate"), std::string::npos)
      << rogue.output;
}

TEST(InteropFixtures, HarnessDrivesOpensslAgainstItself) {
  // The harness (ports, logs, timeouts) on a pair of peers known to work: a failure here is in
  // the harness or the fixtures, not in glasstls.
  GLASSTLS_REQUIRE_PEER(have_openssl(), "openssl CLI not on PATH");
  auto server = OpensslServer::start(pki().ecdsa, {"-groups", "P-256"});
  ASSERT_TRUE(server.has_value()) << "s_server did not start";
  auto r = s_client(server->port, {"-groups", "X25519:P-256"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("Verification: OK"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("Shared groups: secp256r1"), std::string::npos) << r.output;
  const std::string trace = server->process->log();
  EXPECT_EQ(count(trace, "ClientHello, Length="), 2u) << trace;  // an HRR round trip
  EXPECT_NE(trace.find(kHrrRandomTail), std::string::npos) << trace;
}

// ================================================================================================
// Our client against openssl s_server -www.
// ================================================================================================

class ClientVsOpenssl : public ::testing::Test {
 protected:
  void SetUp() override { GLASSTLS_REQUIRE_PEER(have_openssl(), "openssl CLI not on PATH"); }
};

TEST_F(ClientVsOpenssl, EachCipherSuite) {
  auto server = OpensslServer::start(pki().ecdsa);
  ASSERT_TRUE(server.has_value());
  for (CipherSuite suite : kSuites) {
    SCOPED_TRACE(to_string(suite));
    ClientConfig config = client_config();
    config.policy.cipher_suites = {suite};  // RFC 8446 §4.1.2 cipher_suites
    auto out = run_our_client(std::move(config), server->port);
    ASSERT_TRUE(out.handshake_ok) << out.describe() << "\n" << server->process->log();
    EXPECT_EQ(out.summary.suite, suite);
    // The page is s_server's own report of the session.
    EXPECT_NE(out.response.find("Cipher    : " + openssl_name(suite)), std::string::npos)
        << out.response;
    EXPECT_NE(out.response.find("HTTP/1.0 200 ok"), std::string::npos);
    ASSERT_TRUE(out.summary.verification.has_value());
    EXPECT_TRUE(out.summary.verification->ok());
    EXPECT_EQ(out.summary.peer_certificates.size(), 2u);  // leaf + intermediate
    EXPECT_EQ(out.summary.scheme, SignatureScheme::ecdsa_secp256r1_sha256);
  }
}

TEST_F(ClientVsOpenssl, EachGroup) {
  auto server = OpensslServer::start(pki().ecdsa);
  ASSERT_TRUE(server.has_value());
  for (const GroupNames& g : groups()) {
    SCOPED_TRACE(g.openssl_shared);
    ClientConfig config = client_config();
    config.policy.groups = {g.group};  // RFC 8446 §4.2.7, §4.2.8
    config.policy.key_share_groups = {g.group};
    auto out = run_our_client(std::move(config), server->port);
    ASSERT_TRUE(out.handshake_ok) << out.describe() << "\n" << server->process->log();
    EXPECT_EQ(out.summary.group, g.group);
    EXPECT_FALSE(out.summary.hello_retry_request);
    EXPECT_NE(out.response.find("Shared groups: " + g.openssl_shared + "\n"), std::string::npos)
        << out.response;
  }
}

TEST_F(ClientVsOpenssl, HelloRetryRequest) {
  // RFC 8446 §4.1.4: our first ClientHello shares only x25519; the server accepts only P-256.
  auto server = OpensslServer::start(pki().ecdsa, {"-groups", "P-256"});
  ASSERT_TRUE(server.has_value());
  ClientConfig config = client_config();
  config.policy.groups = {NamedGroup::x25519, NamedGroup::secp256r1};
  config.policy.key_share_groups = {NamedGroup::x25519};
  auto out = run_our_client(std::move(config), server->port);
  const std::string trace = server->process->log();
  ASSERT_TRUE(out.handshake_ok) << out.describe() << "\n" << trace;
  EXPECT_TRUE(out.summary.hello_retry_request);
  EXPECT_EQ(out.summary.group, NamedGroup::secp256r1);
  EXPECT_NE(out.response.find("Shared groups: secp256r1"), std::string::npos) << out.response;
  // The server's trace: two ClientHellos and a ServerHello carrying the HRR random (§4.1.3).
  EXPECT_EQ(count(trace, "ClientHello, Length="), 2u) << trace;
  EXPECT_NE(trace.find(kHrrRandomTail), std::string::npos) << trace;
}

TEST_F(ClientVsOpenssl, Alpn) {
  auto server = OpensslServer::start(pki().ecdsa, {"-alpn", "http/1.1"});
  ASSERT_TRUE(server.has_value());
  ClientConfig config = client_config();
  config.alpn = {"h2", "http/1.1"};  // RFC 7301 §3.1
  auto out = run_our_client(std::move(config), server->port);
  ASSERT_TRUE(out.handshake_ok) << out.describe();
  EXPECT_EQ(out.summary.alpn, std::optional<std::string>("http/1.1"));
  const std::string log = server->process->log();
  EXPECT_NE(log.find("ALPN protocols advertised by the client: h2, http/1.1"), std::string::npos)
      << log;
  EXPECT_NE(log.find("ALPN protocols selected: http/1.1"), std::string::npos) << log;
}

TEST_F(ClientVsOpenssl, RsaAndEd25519Chains) {
  struct Case {
    const ChainFiles* chain;
    std::vector<SignatureScheme> schemes;  // what the server may sign with
  };
  const Case cases[] = {
      {&pki().rsa,
       {SignatureScheme::rsa_pss_rsae_sha256, SignatureScheme::rsa_pss_rsae_sha384,
        SignatureScheme::rsa_pss_rsae_sha512}},
      {&pki().ed25519, {SignatureScheme::ed25519}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.chain->name);
    auto server = OpensslServer::start(*c.chain);
    ASSERT_TRUE(server.has_value());
    auto out = run_our_client(client_config(), server->port);
    ASSERT_TRUE(out.handshake_ok) << out.describe() << "\n" << server->process->log();
    ASSERT_TRUE(out.summary.scheme.has_value());
    EXPECT_NE(std::find(c.schemes.begin(), c.schemes.end(), *out.summary.scheme), c.schemes.end())
        << to_string(*out.summary.scheme);
    EXPECT_EQ(out.summary.peer_certificates.size(), 2u);
    EXPECT_NE(out.response.find("HTTP/1.0 200 ok"), std::string::npos);
  }
}

TEST_F(ClientVsOpenssl, ByIpAddressWithoutSni) {
  // RFC 6066 §3: no SNI for an IP literal; the name checked is the certificate's iPAddress.
  auto server = OpensslServer::start(pki().ecdsa);
  ASSERT_TRUE(server.has_value());
  auto out = run_our_client(client_config(), server->port, "127.0.0.1");
  ASSERT_TRUE(out.handshake_ok) << out.describe();
  EXPECT_FALSE(out.summary.server_name.has_value());
  const std::string trace = server->process->log();
  EXPECT_EQ(trace.find("extension_type=server_name"), std::string::npos) << trace;
}

TEST_F(ClientVsOpenssl, BadCertificatesRefusedWithTheirAlert) {
  struct Case {
    const ChainFiles* chain;
    AlertDescription alert;
    std::string peer_sees;  // OpenSSL's text for the alert it received from us
  };
  const Case cases[] = {
      {&pki().expired, AlertDescription::certificate_expired, "SSL alert number 45"},
      {&pki().untrusted, AlertDescription::unknown_ca, "SSL alert number 48"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.chain->name);
    auto server = OpensslServer::start(*c.chain);
    ASSERT_TRUE(server.has_value());
    auto out = run_our_client(client_config(), server->port);
    EXPECT_FALSE(out.handshake_ok);
    ASSERT_TRUE(out.tls_error.has_value()) << out.describe();
    EXPECT_EQ(out.tls_error->alert, c.alert) << out.tls_error->to_string();
    ASSERT_TRUE(out.summary.verification.has_value());
    EXPECT_FALSE(out.summary.verification->ok());
    EXPECT_TRUE(server->process->wait_for_log(c.peer_sees, 3s)) << server->process->log();
  }
}

// ================================================================================================
// Our client against gnutls-serv --http.
// ================================================================================================

class ClientVsGnutls : public ::testing::Test {
 protected:
  void SetUp() override {
    GLASSTLS_REQUIRE_PEER(have_gnutls_serv(),
                          "gnutls-serv not on PATH (apt-get install gnutls-bin)");
  }
};

TEST_F(ClientVsGnutls, EachCipherSuite) {
  auto server = GnutlsServer::start(pki().ecdsa, kGnutlsTls13);
  ASSERT_TRUE(server.has_value());
  for (CipherSuite suite : kSuites) {
    SCOPED_TRACE(to_string(suite));
    ClientConfig config = client_config();
    config.policy.cipher_suites = {suite};
    auto out = run_our_client(std::move(config), server->port);
    ASSERT_TRUE(out.handshake_ok) << out.describe() << "\n" << server->process->log();
    EXPECT_EQ(out.summary.suite, suite);
    // The page's description line is gnutls's own account of the session.
    EXPECT_NE(out.response.find("(TLS1.3-X.509)"), std::string::npos) << out.response;
    EXPECT_NE(out.response.find("-(" + gnutls_cipher_name(suite) + ")"), std::string::npos)
        << out.response;
    EXPECT_NE(out.response.find("(ECDSA-SECP256R1-SHA256)"), std::string::npos);
  }
}

TEST_F(ClientVsGnutls, EachGroup) {
  auto server = GnutlsServer::start(pki().ecdsa, kGnutlsTls13);
  ASSERT_TRUE(server.has_value());
  for (const GroupNames& g : groups()) {
    SCOPED_TRACE(g.gnutls_kx);
    ClientConfig config = client_config();
    config.policy.groups = {g.group};
    config.policy.key_share_groups = {g.group};
    auto out = run_our_client(std::move(config), server->port);
    ASSERT_TRUE(out.handshake_ok) << out.describe() << "\n" << server->process->log();
    EXPECT_EQ(out.summary.group, g.group);
    EXPECT_FALSE(out.summary.hello_retry_request);
    EXPECT_NE(out.response.find("(" + g.gnutls_kx + ")"), std::string::npos) << out.response;
  }
}

TEST_F(ClientVsGnutls, HelloRetryRequestWithCookie) {
  // gnutls sends a cookie in its HelloRetryRequest (§4.2.2), which our ClientHello2 echoes.
  auto server =
      GnutlsServer::start(pki().ecdsa, kGnutlsTls13 + ":-GROUP-ALL:+GROUP-SECP256R1", {"-d", "4"});
  ASSERT_TRUE(server.has_value());
  ClientConfig config = client_config();
  config.policy.groups = {NamedGroup::x25519, NamedGroup::secp256r1};
  config.policy.key_share_groups = {NamedGroup::x25519};
  auto out = run_our_client(std::move(config), server->port);
  const std::string log = server->process->log();
  ASSERT_TRUE(out.handshake_ok) << out.describe() << "\n" << log;
  EXPECT_TRUE(out.summary.hello_retry_request);
  EXPECT_EQ(out.summary.group, NamedGroup::secp256r1);
  EXPECT_NE(log.find("requesting retry with group SECP256R1"), std::string::npos);
  EXPECT_NE(log.find("HELLO RETRY REQUEST was queued"), std::string::npos);
  EXPECT_NE(log.find("Preparing extension (Cookie/44) for 'hello retry request'"),
            std::string::npos);
  EXPECT_NE(out.response.find("(ECDHE-SECP256R1)"), std::string::npos) << out.response;
}

TEST_F(ClientVsGnutls, AlpnAndRsaChain) {
  auto server = GnutlsServer::start(pki().rsa, kGnutlsTls13, {"--alpn", "http/1.1"});
  ASSERT_TRUE(server.has_value());
  ClientConfig config = client_config();
  config.alpn = {"http/1.1"};
  auto out = run_our_client(std::move(config), server->port);
  const std::string log = server->process->log();
  ASSERT_TRUE(out.handshake_ok) << out.describe() << "\n" << log;
  EXPECT_EQ(out.summary.alpn, std::optional<std::string>("http/1.1"));
  EXPECT_NE(log.find("- Application protocol: http/1.1"), std::string::npos) << log;
  ASSERT_TRUE(out.summary.scheme.has_value());
  EXPECT_TRUE(*out.summary.scheme == SignatureScheme::rsa_pss_rsae_sha256 ||
              *out.summary.scheme == SignatureScheme::rsa_pss_rsae_sha384 ||
              *out.summary.scheme == SignatureScheme::rsa_pss_rsae_sha512)
      << to_string(*out.summary.scheme);
  EXPECT_NE(out.response.find("(RSA-PSS-RSAE-SHA"), std::string::npos) << out.response;
}

TEST_F(ClientVsGnutls, UntrustedChainRefused) {
  auto server = GnutlsServer::start(pki().untrusted, kGnutlsTls13, {"-d", "6"});
  ASSERT_TRUE(server.has_value());
  auto out = run_our_client(client_config(), server->port);
  EXPECT_FALSE(out.handshake_ok);
  ASSERT_TRUE(out.tls_error.has_value()) << out.describe();
  EXPECT_EQ(out.tls_error->alert, AlertDescription::unknown_ca) << out.tls_error->to_string();
  // gnutls-serv decrypted our alert (under the client handshake traffic key, §7.3) and says so.
  EXPECT_TRUE(
      server->process->wait_for_log("Error in handshake: A TLS fatal alert has been received", 3s))
      << server->process->log();
  EXPECT_NE(server->process->log().find("Alert[2|48]"), std::string::npos)
      << server->process->log();
}

// ================================================================================================
// Our server against openssl s_client.
// ================================================================================================

class ServerVsOpenssl : public ClientVsOpenssl {};

TEST_F(ServerVsOpenssl, EachCipherSuite) {
  OurServer server(server_config(pki().ecdsa));
  for (std::size_t i = 0; i < kSuites.size(); ++i) {
    const CipherSuite suite = kSuites[i];
    SCOPED_TRACE(to_string(suite));
    auto r = s_client(server.port(), {"-ciphersuites", openssl_name(suite)});
    auto seen = server.wait_for(i + 1);
    ASSERT_EQ(seen.size(), i + 1) << r.output;
    const ServerOutcome& o = seen.back();
    EXPECT_TRUE(o.handshake_ok) << (o.io_error ? o.io_error->to_string() : "") << "\n" << r.output;
    EXPECT_EQ(o.summary.suite, suite);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Verification: OK"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("New, TLSv1.3, Cipher is " + openssl_name(suite)), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find(std::string(kBody)), std::string::npos) << r.output;
    EXPECT_EQ(o.summary.server_name, std::optional<std::string>("localhost"));
  }
}

TEST_F(ServerVsOpenssl, EachGroup) {
  OurServer server(server_config(pki().ecdsa));
  for (std::size_t i = 0; i < groups().size(); ++i) {
    const GroupNames& g = groups()[i];
    SCOPED_TRACE(g.openssl_option);
    auto r = s_client(server.port(), {"-groups", g.openssl_option});
    auto seen = server.wait_for(i + 1);
    ASSERT_EQ(seen.size(), i + 1) << r.output;
    EXPECT_TRUE(seen.back().handshake_ok) << r.output;
    EXPECT_EQ(seen.back().summary.group, g.group);
    EXPECT_FALSE(seen.back().summary.hello_retry_request);
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Server Temp Key: " + g.openssl_temp_key), std::string::npos)
        << r.output;
  }
}

TEST_F(ServerVsOpenssl, HelloRetryRequest) {
  // The client's first share is X25519, which our server does not accept (RFC 8446 §4.1.4).
  ServerConfig config = server_config(pki().ecdsa);
  config.policy.groups = {NamedGroup::secp256r1};
  OurServer server(std::move(config));
  auto r = s_client(server.port(), {"-groups", "X25519:P-256", "-trace"});
  auto seen = server.wait_for(1);
  ASSERT_EQ(seen.size(), 1u) << r.output;
  EXPECT_TRUE(seen[0].handshake_ok) << r.output;
  EXPECT_TRUE(seen[0].summary.hello_retry_request);
  EXPECT_EQ(seen[0].summary.group, NamedGroup::secp256r1);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(kHrrRandomTail), std::string::npos) << r.output;
  EXPECT_EQ(count(r.output, "ClientHello, Length="), 2u) << r.output;
  EXPECT_NE(r.output.find("Server Temp Key: ECDH, prime256v1"), std::string::npos) << r.output;
}

TEST_F(ServerVsOpenssl, Alpn) {
  ServerConfig config = server_config(pki().ecdsa);
  config.alpn = {"http/1.1"};
  OurServer server(std::move(config));
  auto r = s_client(server.port(), {"-alpn", "h2,http/1.1"});
  auto seen = server.wait_for(1);
  ASSERT_EQ(seen.size(), 1u) << r.output;
  EXPECT_EQ(seen[0].summary.alpn, std::optional<std::string>("http/1.1"));
  EXPECT_NE(r.output.find("ALPN protocol: http/1.1"), std::string::npos) << r.output;
}

TEST_F(ServerVsOpenssl, RsaEcdsaAndEd25519Chains) {
  struct Case {
    const ChainFiles* chain;
    std::string peer_signature_type;  // s_client's "Peer signature type:"
  };
  const Case cases[] = {
      {&pki().rsa, "Peer signature type: RSA-PSS"},
      {&pki().ecdsa, "Peer signature type: ECDSA"},
      {&pki().ed25519, "Peer signature type: ed25519"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.chain->name);
    OurServer server(server_config(*c.chain));
    auto r = s_client(server.port());
    auto seen = server.wait_for(1);
    ASSERT_EQ(seen.size(), 1u) << r.output;
    EXPECT_TRUE(seen[0].handshake_ok) << r.output;
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Verification: OK"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(c.peer_signature_type), std::string::npos) << r.output;
    ASSERT_TRUE(seen[0].summary.scheme.has_value());
  }
}

TEST_F(ServerVsOpenssl, ClientRefusesBadChains) {
  struct Case {
    const ChainFiles* chain;
    std::string verify_error;  // s_client's "Verification error:"
    AlertDescription alert;    // what s_client sends us
  };
  const Case cases[] = {
      {&pki().untrusted, "unable to get local issuer certificate", AlertDescription::unknown_ca},
      {&pki().expired, "certificate has expired", AlertDescription::certificate_expired},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.chain->name);
    OurServer server(server_config(*c.chain));
    auto r = s_client(server.port());
    auto seen = server.wait_for(1);
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("Verification error: " + c.verify_error), std::string::npos)
        << r.output;
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_FALSE(seen[0].handshake_ok);
    ASSERT_TRUE(seen[0].tls_error.has_value());
    EXPECT_EQ(seen[0].tls_error->alert, c.alert) << seen[0].tls_error->to_string();
  }
}

// ================================================================================================
// Our server against gnutls-cli, curl and Python.
// ================================================================================================

class ServerVsGnutls : public ::testing::Test {
 protected:
  void SetUp() override {
    GLASSTLS_REQUIRE_PEER(have_gnutls_cli(), "gnutls-cli not on PATH (apt-get install gnutls-bin)");
  }
};

TEST_F(ServerVsGnutls, EachCipherSuiteAndGroup) {
  // gnutls-cli offers every suite and shares P-256 and x25519; our policy picks.
  for (CipherSuite suite : kSuites) {
    SCOPED_TRACE(to_string(suite));
    ServerConfig config = server_config(pki().ecdsa);
    config.policy.cipher_suites = {suite};
    OurServer server(std::move(config));
    auto r = gnutls_cli(server.port());
    auto seen = server.wait_for(1);
    ASSERT_EQ(seen.size(), 1u) << r.output;
    EXPECT_TRUE(seen[0].handshake_ok) << r.output;
    EXPECT_EQ(seen[0].summary.suite, suite);
    EXPECT_NE(r.output.find("Handshake was completed"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("The certificate is trusted"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("-(" + gnutls_cipher_name(suite) + ")"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(std::string(kBody)), std::string::npos) << r.output;
  }
  for (const GroupNames& g : groups()) {
    SCOPED_TRACE(g.gnutls_kx);
    ServerConfig config = server_config(pki().ecdsa);
    config.policy.groups = {g.group};
    OurServer server(std::move(config));
    auto r = gnutls_cli(server.port());
    auto seen = server.wait_for(1);
    ASSERT_EQ(seen.size(), 1u) << r.output;
    EXPECT_TRUE(seen[0].handshake_ok) << r.output;
    EXPECT_EQ(seen[0].summary.group, g.group);
    // gnutls-cli shares P-256 and x25519: P-384 takes a HelloRetryRequest.
    EXPECT_EQ(seen[0].summary.hello_retry_request, g.group == NamedGroup::secp384r1);
    EXPECT_NE(r.output.find("(" + g.gnutls_kx + ")"), std::string::npos) << r.output;
  }
}

TEST_F(ServerVsGnutls, AlpnRsaChainAndBadChain) {
  {
    ServerConfig config = server_config(pki().rsa);
    config.alpn = {"http/1.1"};
    OurServer server(std::move(config));
    auto r = gnutls_cli(server.port(), {"--alpn", "http/1.1"});
    auto seen = server.wait_for(1);
    ASSERT_EQ(seen.size(), 1u) << r.output;
    EXPECT_EQ(seen[0].summary.alpn, std::optional<std::string>("http/1.1"));
    EXPECT_NE(r.output.find("- Application protocol: http/1.1"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("(RSA-PSS-RSAE-SHA"), std::string::npos) << r.output;
  }
  {
    OurServer server(server_config(pki().untrusted));
    auto r = gnutls_cli(server.port());
    auto seen = server.wait_for(1);
    EXPECT_NE(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("The certificate is NOT trusted"), std::string::npos) << r.output;
    // gnutls says bad_certificate (encrypted under its handshake key, as §6 asks).
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_FALSE(seen[0].handshake_ok);
    ASSERT_TRUE(seen[0].tls_error.has_value());
    EXPECT_EQ(seen[0].tls_error->alert, AlertDescription::bad_certificate)
        << seen[0].tls_error->to_string();
  }
}

class ServerVsCurl : public ::testing::Test {
 protected:
  void SetUp() override { GLASSTLS_REQUIRE_PEER(have_program("curl"), "curl not on PATH"); }
};

TEST_F(ServerVsCurl, GetWithAlpnAndEachChain) {
  for (const ChainFiles* chain : {&pki().ecdsa, &pki().rsa}) {
    SCOPED_TRACE(chain->name);
    ServerConfig config = server_config(*chain);
    config.alpn = {"http/1.1"};  // curl offers h2 first; we speak only HTTP/1.x
    OurServer server(std::move(config));
    auto r = curl(server.port());
    auto seen = server.wait_for(1);
    ASSERT_EQ(seen.size(), 1u) << r.output;
    EXPECT_TRUE(seen[0].handshake_ok) << r.output;
    EXPECT_EQ(r.exit_code, 0) << r.output;
    ASSERT_TRUE(seen[0].summary.suite.has_value());
    EXPECT_NE(
        r.output.find("SSL connection using TLSv1.3 / " + openssl_name(*seen[0].summary.suite)),
        std::string::npos)
        << r.output;
    EXPECT_EQ(seen[0].summary.alpn, std::optional<std::string>("http/1.1"));
    EXPECT_NE(r.output.find("ALPN: server accepted http/1.1"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(std::string(kBody)), std::string::npos) << r.output;
  }
}

TEST_F(ServerVsCurl, BadChainIsExit60) {
  OurServer server(server_config(pki().expired));
  auto r = curl(server.port());
  auto seen = server.wait_for(1);
  EXPECT_EQ(r.exit_code, 60) << r.output;  // CURLE_PEER_FAILED_VERIFICATION
  EXPECT_NE(r.output.find("certificate has expired"), std::string::npos) << r.output;
  // OpenSSL (under curl) tells us why, in an alert sent before its handshake keys are in use.
  ASSERT_EQ(seen.size(), 1u);
  ASSERT_TRUE(seen[0].tls_error.has_value());
  EXPECT_EQ(seen[0].tls_error->alert, AlertDescription::certificate_expired)
      << seen[0].tls_error->to_string();
}

class ServerVsPython : public ::testing::Test {
 protected:
  void SetUp() override { GLASSTLS_REQUIRE_PEER(have_program("python3"), "python3 not on PATH"); }
};

TEST_F(ServerVsPython, SslModuleGet) {
  ServerConfig config = server_config(pki().ecdsa);
  config.alpn = {"http/1.1"};
  OurServer server(std::move(config));
  auto r = python_client(server.port());
  auto seen = server.wait_for(1);
  ASSERT_EQ(seen.size(), 1u) << r.output;
  EXPECT_EQ(r.exit_code, 0) << r.output;
  ASSERT_TRUE(seen[0].summary.suite.has_value());
  EXPECT_NE(r.output.find("version=TLSv1.3 cipher=" + openssl_name(*seen[0].summary.suite) +
                          " alpn=http/1.1"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("HTTP/1.0 200 OK"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(std::string(kBody)), std::string::npos) << r.output;
}

TEST_F(ServerVsPython, UntrustedChainRefused) {
  OurServer server(server_config(pki().untrusted));
  auto r = python_client(server.port());
  auto seen = server.wait_for(1);
  ASSERT_EQ(seen.size(), 1u);
  ASSERT_TRUE(seen[0].tls_error.has_value());
  EXPECT_EQ(seen[0].tls_error->alert, AlertDescription::unknown_ca)
      << seen[0].tls_error->to_string();
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("verify_error=unable to get local issuer certificate"), std::string::npos)
      << r.output;
}

}  // namespace
}  // namespace glasstls::tls::interop
