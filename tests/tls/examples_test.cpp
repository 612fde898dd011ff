// Smoke test of the examples as a user runs them: https_server (started once, --port 0, with a
// chain and key written to a temporary directory) serves https_get processes, TlsStream clients
// speaking HTTP/1.0 and 1.1 by hand, several clients at once, and clients that misbehave — garbage
// instead of a ClientHello, an untrusted certificate, silence — after which it must keep serving.
// Each connection's key=value log line is checked too. Then https_server runs once per key form
// the issue names (RSA PKCS#1, PKCS#8 and RSA-PSS, ECDSA P-256 SEC1 and P-384 PKCS#8, Ed25519),
// with keys and certificates made by the openssl CLI.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/tls/config.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/socket.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/trust_store.hpp"
#include "support/test_support.hpp"

extern char** environ;

namespace glasstls::tls {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using SteadyClock = std::chrono::steady_clock;

const fs::path kExamples = GLASSTLS_EXAMPLES_DIR;

// ---- processes -------------------------------------------------------------------------------

struct Finished {
  int exit_code = -1;  // -1: killed after the timeout, or did not start
  std::string out, err;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Starts `argv` with stdout and stderr redirected to files (or stdout to a pipe when out_fd is
// given); returns its pid, or -1.
pid_t spawn(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err,
            int* stdout_pipe = nullptr) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  int fds[2] = {-1, -1};
  if (stdout_pipe) {
    if (::pipe2(fds, O_CLOEXEC) != 0) return -1;
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  } else {
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  }
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (stdout_pipe) {
    ::close(fds[1]);
    *stdout_pipe = fds[0];
  }
  return rc == 0 ? pid : -1;
}

// Waits for `pid` at most `timeout`, then kills it (SIGKILL) and reaps it.
int wait_for(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = SteadyClock::now() + timeout;
  int status = 0;
  while (SteadyClock::now() < deadline) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0) return -1;
    std::this_thread::sleep_for(10ms);
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

// ---- the server, once for the suite ----------------------------------------------------------

class ExamplesTest : public ::testing::Test {
 protected:
  static inline fs::path dir_;
  static inline pid_t server_pid_ = -1;
  static inline int server_out_ = -1;
  static inline std::string server_text_;  // all of the server's stdout so far
  static inline std::uint16_t port_ = 0;
  static inline std::string setup_error_;

  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/glasstls-examples-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) {
      setup_error_ = "mkdtemp failed";
      return;
    }
    dir_ = tmpl;
    write_pki();
    fs::create_directories(dir_ / "www" / "sub");
    std::ofstream(dir_ / "www" / "hello.txt") << "hello from a file\n";
    std::ofstream(dir_ / "secret.txt") << "outside the root\n";

    const std::vector<std::string> argv = {(kExamples / "https_server").string(),
                                           "--cert",
                                           (dir_ / "chain.pem").string(),
                                           "--key",
                                           (dir_ / "key.pem").string(),
                                           "--bind",
                                           "127.0.0.1",
                                           "--port",
                                           "0",
                                           "--root",
                                           (dir_ / "www").string(),
                                           "--timeout",
                                           "2",
                                           "--max-connections",
                                           "8"};
    server_pid_ = spawn(argv, {}, dir_ / "server.err", &server_out_);
    if (server_pid_ < 0) {
      setup_error_ = "cannot start " + argv[0];
      return;
    }
    const auto line = wait_for_line({"listening on 127.0.0.1:"}, 0, 10s);
    if (!line) {
      setup_error_ = "no 'listening on' line; stderr: " + read_file(dir_ / "server.err");
      return;
    }
    port_ = static_cast<std::uint16_t>(std::stoul(line->substr(line->rfind(':') + 1)));
  }

  static void TearDownTestSuite() {
    if (server_pid_ > 0) {
      ::kill(server_pid_, SIGTERM);
      wait_for(server_pid_, 5s);
      server_pid_ = -1;
    }
    if (server_out_ >= 0) ::close(server_out_);
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  void SetUp() override {
    ASSERT_TRUE(fs::exists(kExamples / "https_server")) << kExamples << " has no https_server";
    ASSERT_TRUE(setup_error_.empty()) << setup_error_;
    ASSERT_NE(port_, 0);
  }

  // Root (self-signed CA) and a P-256 leaf for localhost and 127.0.0.1, from a day ago to 2049.
  static void write_pki() {
    crypto::DeterministicRandom rng(0xe7a3);
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const WallTime not_before = now - std::chrono::hours(24);
    const WallTime not_after = std::chrono::sys_days(std::chrono::year(2049) / 1 / 1);
    const auto root_key = x509::SigningKey::generate_ec(crypto::EcCurve::p256, rng);
    auto root = x509::CertificateBuilder()
                    .subject(x509::make_name("glasstls examples test root"))
                    .self_signed()
                    .validity(not_before, not_after)
                    .public_key(root_key.public_key())
                    .basic_constraints(true)
                    .key_usage(x509::KeyUsage::key_cert_sign | x509::KeyUsage::crl_sign)
                    .sign_der(root_key);
    const auto leaf_private = crypto::EcPrivateKey::generate(crypto::EcCurve::p256, rng);
    auto root_cert = x509::parse_certificate(root.value());
    auto leaf = x509::CertificateBuilder()
                    .subject(x509::make_name("localhost"))
                    .issuer(root_cert.value())
                    .validity(not_before, not_after)
                    .public_key(x509::SigningKey::ecdsa(leaf_private).public_key())
                    .basic_constraints(false)
                    .key_usage(x509::KeyUsage::digital_signature)
                    .ext_key_usage({asn1::oids::id_kp_serverAuth})
                    .add_dns_name("localhost")
                    .add_ip_address(*x509::ip_address_bytes("127.0.0.1"))
                    .sign_der(root_key);
    std::ofstream(dir_ / "root.pem") << x509::certificate_pem(root.value());
    std::ofstream(dir_ / "chain.pem") << x509::certificate_pem(leaf.value());
    std::ofstream(dir_ / "key.pem") << crypto::write_ec_private_key_pem(leaf_private);
    fs::permissions(dir_ / "key.pem", fs::perms::owner_read | fs::perms::owner_write);
  }

  // Reads the server's stdout until a line (from line number `from` on) contains every one of
  // `needles`, or the timeout passes.
  static std::optional<std::string> wait_for_line(const std::vector<std::string>& needles,
                                                  std::size_t from,
                                                  std::chrono::milliseconds timeout) {
    const auto deadline = SteadyClock::now() + timeout;
    for (;;) {
      const auto lines = server_lines();
      for (std::size_t i = from; i < lines.size(); ++i) {
        bool all = true;
        for (const auto& n : needles) all = all && lines[i].find(n) != std::string::npos;
        if (all) return lines[i];
      }
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd p{server_out_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(std::min<long>(left.count(), 100))) > 0) {
        std::array<char, 4096> buffer{};
        const ssize_t n = ::read(server_out_, buffer.data(), buffer.size());
        if (n > 0) server_text_.append(buffer.data(), static_cast<std::size_t>(n));
        if (n == 0) std::this_thread::sleep_for(50ms);  // the server died: no more lines
      }
    }
  }

  // Complete lines of the server's stdout so far.
  static std::vector<std::string> server_lines() {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t nl; (nl = server_text_.find('\n', start)) != std::string::npos; start = nl + 1)
      lines.push_back(server_text_.substr(start, nl - start));
    return lines;
  }

  // Drains what the server printed so far; the number of lines, as the `from` of a later wait.
  static std::size_t mark() {
    (void)wait_for_line({"\x01never"}, 0, 50ms);
    return server_lines().size();
  }

  // Runs https_get against the server; the URL path is appended to https://localhost:PORT.
  static Finished https_get(const std::string& path, bool with_cafile = true) {
    static std::atomic<int> counter{0};
    const std::string tag = std::to_string(++counter);
    std::vector<std::string> argv = {(kExamples / "https_get").string()};
    if (with_cafile) argv.insert(argv.end(), {"--cafile", (dir_ / "root.pem").string()});
    argv.insert(argv.end(),
                {"--alpn", "http/1.1", "--connect", "127.0.0.1:" + std::to_string(port_),
                 "https://localhost:" + std::to_string(port_) + path});
    Finished f;
    const pid_t pid = spawn(argv, dir_ / ("get" + tag + ".out"), dir_ / ("get" + tag + ".err"));
    if (pid < 0) return f;
    f.exit_code = wait_for(pid, 20s);
    f.out = read_file(dir_ / ("get" + tag + ".out"));
    f.err = read_file(dir_ / ("get" + tag + ".err"));
    return f;
  }

  // A TLS client in this process, for hand-written HTTP.
  static TlsStream connect_tls() {
    auto config = std::make_shared<ClientConfig>();
    auto store = x509::TrustStore::from_file(dir_ / "root.pem");
    EXPECT_TRUE(store.ok());
    config->trust_store = std::make_shared<const x509::TrustStore>(std::move(store).value());
    config->alpn = {"http/1.1"};
    auto tcp = TcpStream::connect("127.0.0.1", port_, 5s);
    EXPECT_TRUE(tcp.ok());
    auto connection = Connection::client(config, "localhost");
    EXPECT_TRUE(connection.ok());
    return TlsStream(std::move(tcp).value(), std::move(connection).value(), {5s, 5s});
  }
};

// Reads until `count` HTTP responses with Content-Length bodies have arrived, or the end.
std::string read_responses(TlsStream& tls, int count, bool& clean_close) {
  std::string all;
  std::array<std::uint8_t, 4096> buffer{};
  clean_close = false;
  for (int i = 0; i < 1000; ++i) {
    int complete = 0;
    std::size_t at = 0;
    for (;;) {  // count complete responses in `all`
      const std::size_t head_end = all.find("\r\n\r\n", at);
      if (head_end == std::string::npos) break;
      const std::size_t cl = all.find("Content-Length: ", at);
      if (cl == std::string::npos || cl > head_end) break;
      const std::size_t length = std::stoul(all.substr(cl + 16));
      if (all.size() < head_end + 4 + length) break;
      at = head_end + 4 + length;
      ++complete;
    }
    if (complete >= count) return all;
    auto n = tls.read(buffer);
    if (!n) return all;
    if (*n == 0) {
      clean_close = true;
      return all;
    }
    all.append(reinterpret_cast<const char*>(buffer.data()), *n);
  }
  return all;
}

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1))
    ++count;
  return count;
}

// ---- tests -----------------------------------------------------------------------------------

TEST_F(ExamplesTest, HttpsGetFetchesTheBuiltInPage) {
  const std::size_t from = mark();
  const Finished f = https_get("/");
  EXPECT_EQ(f.exit_code, 0) << f.err;
  EXPECT_NE(f.out.find("Hello from glasstls"), std::string::npos) << f.out;
  EXPECT_NE(f.err.find("suite=TLS_"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("group=x25519"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("scheme=ecdsa_secp256r1_sha256"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("alpn=http/1.1"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("verification: ok"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("HTTP/1.1 200 OK"), std::string::npos) << f.err;
  const auto line = wait_for_line({"peer=127.0.0.1:", "result=ok"}, from, 10s);
  ASSERT_TRUE(line.has_value()) << server_text_;
  for (const char* key : {"sni=localhost", "suite=TLS_", "group=x25519",
                          "scheme=ecdsa_secp256r1_sha256", "alpn=http/1.1", "requests=1"})
    EXPECT_NE(line->find(key), std::string::npos) << key << " missing in: " << *line;
}

TEST_F(ExamplesTest, ServesFilesUnderTheRootOnly) {
  const Finished file = https_get("/hello.txt");
  EXPECT_EQ(file.exit_code, 0) << file.err;
  EXPECT_EQ(file.out, "hello from a file\n");
  const Finished missing = https_get("/nothing-here.txt");
  EXPECT_EQ(missing.exit_code, 3) << missing.err;
  EXPECT_NE(missing.err.find("404"), std::string::npos) << missing.err;
  for (const char* path : {"/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt"}) {
    const Finished t = https_get(path);
    EXPECT_EQ(t.exit_code, 3) << path << ": " << t.err;
    EXPECT_NE(t.err.find("403"), std::string::npos) << path << ": " << t.err;
    EXPECT_EQ(t.out.find("outside the root"), std::string::npos) << path;
  }
}

TEST_F(ExamplesTest, Http11KeepsTheConnectionAliveUntilConnectionClose) {
  TlsStream tls = connect_tls();
  const std::string get = "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n\r\n";
  ASSERT_TRUE(tls.write(as_bytes(get + get)).ok());  // two pipelined requests
  bool closed = false;
  const std::string two = read_responses(tls, 2, closed);
  EXPECT_EQ(occurrences(two, "HTTP/1.1 200 OK"), 2u) << two;
  EXPECT_EQ(occurrences(two, "Connection: keep-alive"), 2u) << two;
  EXPECT_FALSE(closed);
  ASSERT_TRUE(
      tls.write(as_bytes("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")).ok());
  const std::string last = read_responses(tls, 2, closed);  // no second one: read to the end
  EXPECT_EQ(occurrences(last, "HTTP/1.1 200 OK"), 1u) << last;
  EXPECT_NE(last.find("Connection: close"), std::string::npos) << last;
  EXPECT_TRUE(closed) << "the server did not end with close_notify";
  (void)tls.close();
}

TEST_F(ExamplesTest, Http10ClosesAfterOneResponse) {
  TlsStream tls = connect_tls();
  ASSERT_TRUE(tls.write(as_bytes("GET /hello.txt HTTP/1.0\r\n\r\n")).ok());
  bool closed = false;
  const std::string all = read_responses(tls, 2, closed);
  EXPECT_EQ(occurrences(all, "200 OK"), 1u) << all;
  EXPECT_NE(all.find("hello from a file\n"), std::string::npos) << all;
  EXPECT_TRUE(closed);
  (void)tls.close();
}

TEST_F(ExamplesTest, GarbageIsRefusedAndTheServerKeepsServing) {
  const std::size_t from = mark();
  {
    auto tcp = TcpStream::connect("127.0.0.1", port_, 5s);
    ASSERT_TRUE(tcp.ok());
    ASSERT_TRUE(tcp->write_all(as_bytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"), 5s).ok());
    std::array<std::uint8_t, 64> buffer{};
    auto n = tcp->read(buffer, 5s);
    ASSERT_TRUE(n.ok()) << n.error().to_string();
    ASSERT_GE(*n, 1u);
    EXPECT_EQ(buffer[0], 21) << "expected an alert record (RFC 8446 §5.1)";
  }
  const auto line = wait_for_line({"result=handshake_failed", "alert="}, from, 10s);
  EXPECT_TRUE(line.has_value()) << server_text_;
  const Finished f = https_get("/");
  EXPECT_EQ(f.exit_code, 0) << f.err;
}

TEST_F(ExamplesTest, UntrustedCertificateFailsWithTheDiagnosis) {
  const std::size_t from = mark();
  const Finished f = https_get("/", /*with_cafile=*/false);  // the system roots do not know ours
  EXPECT_EQ(f.exit_code, 1) << f.err;
  EXPECT_NE(f.err.find("unknown_ca"), std::string::npos) << f.err;
  EXPECT_NE(f.err.find("verification: failed"), std::string::npos) << f.err;
  const auto line = wait_for_line({"alert=unknown_ca"}, from, 10s);
  EXPECT_TRUE(line.has_value()) << server_text_;
  EXPECT_EQ(https_get("/").exit_code, 0);
}

TEST_F(ExamplesTest, SeveralClientsAtOnceAndAnIdleOne) {
  const std::size_t from = mark();
  // A client that connects and says nothing holds a slot until --timeout (2 s) passes...
  auto idle = TcpStream::connect("127.0.0.1", port_, 5s);
  ASSERT_TRUE(idle.ok());
  // ...while four https_get run at once.
  std::vector<std::thread> threads;
  std::array<Finished, 4> results;
  for (std::size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&results, i] { results[i] = https_get("/hello.txt"); });
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "hello from a file\n");
  }
  const auto line = wait_for_line({"result=timeout"}, from, 10s);
  EXPECT_TRUE(line.has_value()) << server_text_;
}

// ---- key files made by OpenSSL ---------------------------------------------------------------
// https_server loads every key form the issue names, made here by an independent tool (the openssl
// CLI): a self-signed certificate per key, served, and fetched by https_get with that certificate
// as its trust anchor. The scheme the server signed with is read back from https_get's report.

struct KeyForm {
  const char* name;
  std::vector<std::string> genkey;  // openssl arguments writing the key to OUT
  const char* scheme;               // what the CertificateVerify must use
};

class ServerKeyFiles : public ::testing::TestWithParam<KeyForm> {};

TEST_P(ServerKeyFiles, ServedAndFetched) {
  const KeyForm& form = GetParam();
  const bool have_openssl = ::system("openssl version >/dev/null 2>&1") == 0;
  GLASSTLS_REQUIRE_PEER(have_openssl, "the openssl CLI is not installed");
  char tmpl[] = "/tmp/glasstls-keyform-XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const fs::path dir = tmpl;
  auto openssl = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "/usr/bin/openssl");
    const pid_t pid = spawn(args, dir / "openssl.out", dir / "openssl.err");
    return pid < 0 ? -1 : wait_for(pid, 60s);
  };
  std::vector<std::string> genkey = form.genkey;
  for (auto& a : genkey) {
    if (a == "OUT") a = (dir / "key.pem").string();
  }
  ASSERT_EQ(openssl(genkey), 0) << read_file(dir / "openssl.err");
  ASSERT_EQ(openssl({"req", "-x509", "-key", (dir / "key.pem").string(), "-out",
                     (dir / "cert.pem").string(), "-days", "30", "-subj", "/CN=localhost",
                     "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"}),
            0)
      << read_file(dir / "openssl.err");

  int server_out = -1;
  const pid_t server = spawn({(kExamples / "https_server").string(), "--cert",
                              (dir / "cert.pem").string(), "--key", (dir / "key.pem").string(),
                              "--port", "0", "--timeout", "2"},
                             {}, dir / "server.err", &server_out);
  ASSERT_GT(server, 0);
  // The port, from "listening on 127.0.0.1:PORT" (bounded wait).
  std::string text;
  const auto deadline = SteadyClock::now() + 10s;
  while (text.find('\n') == std::string::npos && SteadyClock::now() < deadline) {
    pollfd p{server_out, POLLIN, 0};
    if (::poll(&p, 1, 100) > 0) {
      std::array<char, 256> buffer{};
      const ssize_t n = ::read(server_out, buffer.data(), buffer.size());
      if (n <= 0) break;
      text.append(buffer.data(), static_cast<std::size_t>(n));
    }
  }
  const auto at = text.find("listening on 127.0.0.1:");
  Finished got;
  if (at != std::string::npos) {
    const std::string port = text.substr(at + 23, text.find('\n', at) - at - 23);
    const pid_t get = spawn({(kExamples / "https_get").string(), "--cafile",
                             (dir / "cert.pem").string(), "https://localhost:" + port + "/"},
                            dir / "get.out", dir / "get.err");
    got.exit_code = get < 0 ? -1 : wait_for(get, 20s);
    got.out = read_file(dir / "get.out");
    got.err = read_file(dir / "get.err");
  }
  ::kill(server, SIGTERM);
  wait_for(server, 5s);
  ::close(server_out);
  ASSERT_NE(at, std::string::npos) << text << read_file(dir / "server.err");
  EXPECT_EQ(got.exit_code, 0) << got.err;
  EXPECT_NE(got.err.find(std::string("scheme=") + form.scheme), std::string::npos) << got.err;
  EXPECT_NE(got.out.find("Hello from glasstls"), std::string::npos);
  std::error_code ec;
  fs::remove_all(dir, ec);
}

INSTANTIATE_TEST_SUITE_P(
    OpenSsl, ServerKeyFiles,
    ::testing::Values(
        KeyForm{"rsa_pkcs8", {"genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "OUT"},
                "rsa_pss_rsae_sha256"},
        KeyForm{"rsa_pkcs1", {"genrsa", "-traditional", "-out", "OUT", "2048"}, "rsa_pss_rsae_sha256"},
        KeyForm{"rsa_pss", {"genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "OUT"},
                "rsa_pss_pss_sha256"},
        KeyForm{"ec_p256_sec1", {"ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "OUT"},
                "ecdsa_secp256r1_sha256"},
        KeyForm{"ec_p384_pkcs8", {"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "OUT"},
                "ecdsa_secp384r1_sha384"},
        KeyForm{"ed25519", {"genpkey", "-algorithm", "ED25519", "-out", "OUT"}, "ed25519"}),
    [](const auto& p) { return std::string(p.param.name); });

}  // namespace
}  // namespace glasstls::tls
