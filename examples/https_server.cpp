// https_server — the explainer's server side as a command: it proves who it is with a certificate
// chain and a key, agrees on keys with each client over TLS 1.3, and serves files over HTTP/1.x
// inside the encrypted connection. curl, openssl s_client, gnutls-cli, Python and browsers talk
// to it; the interop tests drive it.
//
// Usage:
//   https_server --cert CHAIN.pem --key KEY.pem [--bind 127.0.0.1] [--port 8443] [--root DIR]
//                [--max-connections 32] [--timeout SECONDS]
//
//   --cert             the chain, leaf first, then intermediates (PEM)
//   --key              the leaf's private key: RSA (PKCS#1, PKCS#8, RSASSA-PSS), ECDSA P-256 or
//                      P-384 (SEC1 or PKCS#8), Ed25519 (PKCS#8)
//   --bind, --port     where to listen (port 0: the kernel picks one; the line "listening on
//                      ADDRESS:PORT" on stdout says which)
//   --root             serve files under DIR ("/" is DIR/index.html if it exists); without it,
//                      only the built-in page at "/"
//   --max-connections  connections served at once, one thread each (more wait in the backlog)
//   --timeout          seconds a client may take for its handshake, or stay idle between
//                      requests (default 10)
//
// What it speaks: TLS 1.3 only, ALPN "http/1.1" (never h2: this server does not speak HTTP/2;
// a client offering only other protocols continues without ALPN), HTTP/1.0 and HTTP/1.1 GET and
// HEAD. HTTP/1.1 connections stay open for more requests unless the client says
// "Connection: close"; HTTP/1.0 connections close after one response unless the client asked for
// "Connection: keep-alive". Every connection ends with close_notify (RFC 8446 §6.1).
//
// One line per connection on stdout, key=value, values with spaces quoted:
//   peer=127.0.0.1:50312 sni=localhost suite=TLS_AES_128_GCM_SHA256 group=x25519
//   scheme=ecdsa_secp256r1_sha256 alpn=http/1.1 hrr=no requests=2 result=ok
//   peer=127.0.0.1:50320 suite=- group=- scheme=- alpn=- hrr=no requests=0 result=handshake_failed
//   alert=protocol_version reason="..."
// Whatever a client does wrong (a bad handshake, garbage, silence) ends that connection only.
// SSLKEYLOGFILE, when set, names a file the traffic secrets are appended to (NSS key log format,
// for Wireshark), as curl does.
#include <algorithm>
#include <array>
#include <cctype>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "glasstls/tls/config.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/credentials.hpp"
#include "glasstls/tls/keylog.hpp"
#include "glasstls/tls/socket.hpp"
#include "http_text.hpp"

using namespace glasstls;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxRequestHead = 16 * 1024;       // a larger request head gets 431
constexpr std::size_t kMaxRequestBody = 1024 * 1024;     // bodies are read and discarded
constexpr std::size_t kMaxRequestsPerConnection = 1000;  // then the server closes

void usage() {
  std::fputs(
      "usage: https_server --cert CHAIN.pem --key KEY.pem [--bind 127.0.0.1] [--port 8443]\n"
      "                    [--root DIR] [--max-connections 32] [--timeout SECONDS]\n",
      stderr);
}

struct Arguments {
  std::string cert, key, bind = "127.0.0.1";
  std::uint16_t port = 8443;
  std::optional<fs::path> root;
  unsigned max_connections = 32;
  unsigned timeout_seconds = 10;
};

std::optional<unsigned long> parse_number(const std::string& text, unsigned long max) {
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const unsigned long v = std::stoul(text);
  if (v > max) return std::nullopt;
  return v;
}

std::optional<Arguments> parse_arguments(int argc, char** argv) {
  Arguments a;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) {
      std::fprintf(stderr, "https_server: %s: unknown option or missing value\n", arg.c_str());
      return std::nullopt;
    }
    const std::string value = argv[++i];
    if (arg == "--cert") {
      a.cert = value;
    } else if (arg == "--key") {
      a.key = value;
    } else if (arg == "--bind") {
      a.bind = value;
    } else if (arg == "--root") {
      a.root = value;
    } else if (arg == "--port" || arg == "--max-connections" || arg == "--timeout") {
      const unsigned long max = arg == "--port" ? 65535 : 100'000;
      const auto n = parse_number(value, max);
      if (!n || (arg != "--port" && *n == 0)) {
        std::fprintf(stderr, "https_server: %s: bad number '%s'\n", arg.c_str(), value.c_str());
        return std::nullopt;
      }
      if (arg == "--port") a.port = static_cast<std::uint16_t>(*n);
      if (arg == "--max-connections") a.max_connections = static_cast<unsigned>(*n);
      if (arg == "--timeout") a.timeout_seconds = static_cast<unsigned>(*n);
    } else {
      std::fprintf(stderr, "https_server: unknown option %s\n", arg.c_str());
      return std::nullopt;
    }
  }
  if (a.cert.empty() || a.key.empty()) {
    std::fputs("https_server: --cert and --key are required\n", stderr);
    return std::nullopt;
  }
  return a;
}

// ---- logging ---------------------------------------------------------------------------------

std::mutex log_mutex;

// One line on stdout, flushed, never interleaved with another thread's.
void log_line(const std::string& line) {
  const std::lock_guard<std::mutex> lock(log_mutex);
  std::fputs((line + "\n").c_str(), stdout);
  std::fflush(stdout);
}

// A value for key=value: as is, or quoted (with " and \ escaped) if it has spaces or quotes.
std::string log_value(std::string_view v) {
  if (v.empty()) return "-";
  if (v.find_first_of(" \"\\=\t\r\n") == std::string_view::npos) return std::string(v);
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  }
  return out + "\"";
}

template <class T>
std::string name_or_dash(const std::optional<T>& v) {
  return v ? tls::to_string(*v) : std::string("-");
}

std::string parameters(const tls::HandshakeSummary& s) {
  return "sni=" + log_value(s.server_name.value_or("")) + " suite=" + name_or_dash(s.suite) +
         " group=" + name_or_dash(s.group) + " scheme=" + name_or_dash(s.scheme) +
         " alpn=" + log_value(s.alpn.value_or("")) +
         " hrr=" + (s.hello_retry_request ? "yes" : "no");
}

// ---- HTTP ------------------------------------------------------------------------------------

struct Request {
  std::string method, target, version;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return std::nullopt;
  }
};

using glasstls::examples::lower;
using glasstls::examples::trim;

// RFC 9112 §3 request-line and §5 field lines; nothing if malformed.
std::optional<Request> parse_request(std::string_view head) {
  Request r;
  std::size_t eol = head.find("\r\n");
  const std::string_view line = head.substr(0, eol);
  const std::size_t s1 = line.find(' ');
  const std::size_t s2 = s1 == std::string_view::npos ? s1 : line.find(' ', s1 + 1);
  if (s2 == std::string_view::npos || line.find(' ', s2 + 1) != std::string_view::npos)
    return std::nullopt;
  r.method = std::string(line.substr(0, s1));
  r.target = std::string(line.substr(s1 + 1, s2 - s1 - 1));
  r.version = std::string(line.substr(s2 + 1));
  if (r.method.empty() || r.target.empty() || r.version.rfind("HTTP/1.", 0) != 0)
    return std::nullopt;
  while (eol != std::string_view::npos && eol + 2 < head.size()) {
    const std::size_t start = eol + 2;
    eol = head.find("\r\n", start);
    const std::string_view field = head.substr(start, eol - start);
    if (field.empty()) break;
    const std::size_t colon = field.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    r.headers.emplace_back(lower(std::string(field.substr(0, colon))),
                           trim(field.substr(colon + 1)));
  }
  return r;
}

bool header_has_token(const std::optional<std::string>& value, std::string_view token) {
  if (!value) return false;
  const std::string v = lower(*value);
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t comma = v.find(',', start);
    if (comma == std::string::npos) comma = v.size();
    if (trim(std::string_view(v).substr(start, comma - start)) == token) return true;
    start = comma + 1;
  }
  return false;
}

std::string content_type(const fs::path& file) {
  const std::string ext = lower(file.extension().string());
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  if (ext == ".css") return "text/css";
  if (ext == ".js") return "text/javascript";
  if (ext == ".json") return "application/json";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".svg") return "image/svg+xml";
  return "application/octet-stream";
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

enum class Lookup { file, builtin, not_found, forbidden, bad_request };

// Maps a request target to a file under `root`. Refused: a target not starting with "/", a
// ".." segment (raw or percent-encoded), NUL or backslash, and any path that leaves the root once
// symbolic links are resolved.
Lookup resolve_target(const std::optional<fs::path>& root, std::string_view target, fs::path& out) {
  target = target.substr(0, target.find_first_of("?#"));
  if (target.empty() || target.front() != '/') return Lookup::bad_request;
  std::string decoded;
  for (std::size_t i = 0; i < target.size(); ++i) {
    if (target[i] != '%') {
      decoded += target[i];
      continue;
    }
    if (i + 2 >= target.size()) return Lookup::bad_request;
    const int hi = hex_digit(target[i + 1]), lo = hex_digit(target[i + 2]);
    if (hi < 0 || lo < 0) return Lookup::bad_request;
    decoded += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  if (decoded.find('\0') != std::string::npos || decoded.find('\\') != std::string::npos)
    return Lookup::forbidden;
  fs::path relative;
  std::size_t start = 1;
  while (start <= decoded.size()) {
    std::size_t slash = decoded.find('/', start);
    if (slash == std::string::npos) slash = decoded.size();
    const std::string segment = decoded.substr(start, slash - start);
    if (segment == "..") return Lookup::forbidden;
    if (!segment.empty() && segment != ".") relative /= segment;
    start = slash + 1;
  }
  if (!root) return relative.empty() ? Lookup::builtin : Lookup::not_found;

  std::error_code ec;
  const fs::path base = fs::canonical(*root, ec);
  if (ec) return Lookup::not_found;
  fs::path candidate = base / relative;
  if (fs::is_directory(candidate, ec)) candidate /= "index.html";
  const fs::path resolved = fs::weakly_canonical(candidate, ec);
  if (ec) return Lookup::not_found;
  // Still under the root after symbolic links are followed?
  const auto [root_end, unused] =
      std::mismatch(base.begin(), base.end(), resolved.begin(), resolved.end());
  (void)unused;
  if (root_end != base.end()) return Lookup::forbidden;
  if (!fs::is_regular_file(resolved, ec))
    return relative.empty() ? Lookup::builtin : Lookup::not_found;
  out = resolved;
  return Lookup::file;
}

std::string builtin_page(const tls::HandshakeSummary& s, const std::string& peer) {
  return "<!doctype html>\n<html><head><title>glasstls</title></head><body>\n"
         "<h1>Hello from glasstls</h1>\n"
         "<p>This page came to " +
         peer +
         " over TLS 1.3.</p>\n<ul>\n"
         "<li>cipher suite: " +
         name_or_dash(s.suite) +
         "</li>\n"
         "<li>key exchange group: " +
         name_or_dash(s.group) +
         "</li>\n"
         "<li>signature scheme: " +
         name_or_dash(s.scheme) +
         "</li>\n"
         "<li>ALPN: " +
         s.alpn.value_or("-") +
         "</li>\n"
         "<li>HelloRetryRequest: " +
         (s.hello_retry_request ? "yes" : "no") +
         "</li>\n"
         "</ul>\n</body></html>\n";
}

// ---- one connection --------------------------------------------------------------------------

struct Shared {
  std::shared_ptr<const tls::ServerConfig> config;
  tls::KeyLogFile* key_log = nullptr;
  std::optional<fs::path> root;
  std::chrono::milliseconds timeout{10'000};
};

// What a connection's request loop ended with.
struct Outcome {
  std::string result = "ok";
  std::optional<tls::IoError> error;
};

Outcome result_of(const tls::IoError& e, bool in_handshake) {
  Outcome o;
  o.error = e;
  switch (e.kind) {
    case tls::IoError::Kind::tls:
      o.result = in_handshake ? "handshake_failed" : "tls_error";
      break;
    case tls::IoError::Kind::timeout:
      o.result = "timeout";
      break;
    case tls::IoError::Kind::truncated:
      o.result = "truncated";
      break;
    case tls::IoError::Kind::closed:
      o.result = "closed";
      break;
    case tls::IoError::Kind::system:
      o.result = "io_error";
      break;
  }
  return o;
}

Result<Unit, tls::IoError> send_text(tls::TlsStream& tls, const std::string& text) {
  return tls.write(as_bytes(text));
}

Result<Unit, tls::IoError> respond(tls::TlsStream& tls, int status, std::string_view reason,
                                   const std::string& type, const std::string& body,
                                   bool keep_alive, bool head_only) {
  std::string response = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) +
                         "\r\nServer: glasstls-https_server\r\nContent-Type: " + type +
                         "\r\nContent-Length: " + std::to_string(body.size()) +
                         "\r\nConnection: " + (keep_alive ? "keep-alive" : "close") + "\r\n\r\n";
  if (!head_only) response += body;
  return send_text(tls, response);
}

Result<Unit, tls::IoError> send_file(tls::TlsStream& tls, const fs::path& file, bool keep_alive,
                                     bool head_only) {
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (!in || ec)
    return respond(tls, 404, "Not Found", "text/plain", "not found\n", keep_alive, head_only);
  if (auto h = send_text(
          tls, "HTTP/1.1 200 OK\r\nServer: glasstls-https_server\r\nContent-Type: " +
                   content_type(file) + "\r\nContent-Length: " + std::to_string(size) +
                   "\r\nConnection: " + (keep_alive ? "keep-alive" : "close") + "\r\n\r\n");
      !h)
    return h;
  if (head_only) return Unit{};
  std::array<char, 16 * 1024> chunk{};
  std::uintmax_t left = size;  // the length announced; a file that shrank ends the connection
  while (left > 0 && in) {
    in.read(chunk.data(),
            static_cast<std::streamsize>(std::min<std::uintmax_t>(chunk.size(), left)));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    if (auto w = tls.write(ByteView(reinterpret_cast<const std::uint8_t*>(chunk.data()), got)); !w)
      return w;
    left -= got;
  }
  if (left != 0)
    return Err(
        tls::IoError{tls::IoError::Kind::system, EIO, "read " + file.string(), std::nullopt});
  return Unit{};
}

// Serves requests until the client closes, asks to close, or does something wrong.
Outcome serve_requests(tls::TlsStream& tls, const Shared& shared, const std::string& peer,
                       std::size_t& requests) {
  std::string buffer;  // bytes received and not yet used (pipelined requests stay here)
  std::array<std::uint8_t, 16 * 1024> chunk{};
  while (requests < kMaxRequestsPerConnection) {
    // Read a request head, bounded by kMaxRequestHead.
    std::size_t end = buffer.find("\r\n\r\n");
    while (end == std::string::npos) {
      if (buffer.size() > kMaxRequestHead) {
        (void)respond(tls, 431, "Request Header Fields Too Large", "text/plain", "too large\n",
                      false, false);
        return Outcome{"bad_request", std::nullopt};
      }
      auto n = tls.read(chunk);
      if (!n) {
        // Idle between requests: a timeout or the client going away ends the connection.
        if (buffer.empty() && requests > 0 && n.error().kind == tls::IoError::Kind::timeout)
          return Outcome{"idle_timeout", std::nullopt};
        return result_of(n.error(), false);
      }
      if (*n == 0) {  // close_notify
        return buffer.empty() ? Outcome{} : Outcome{"incomplete_request", std::nullopt};
      }
      buffer.append(reinterpret_cast<const char*>(chunk.data()), *n);
      end = buffer.find("\r\n\r\n");
    }
    const auto request = parse_request(std::string_view(buffer).substr(0, end + 2));
    buffer.erase(0, end + 4);
    ++requests;
    if (!request) {
      (void)respond(tls, 400, "Bad Request", "text/plain", "bad request\n", false, false);
      return Outcome{"bad_request", std::nullopt};
    }
    // RFC 9112 §9.3: HTTP/1.1 persists unless "close"; HTTP/1.0 only with "keep-alive".
    const auto connection = request->header("connection");
    const bool http11 = request->version == "HTTP/1.1";
    bool keep_alive = http11 ? !header_has_token(connection, "close")
                             : header_has_token(connection, "keep-alive");
    if (requests >= kMaxRequestsPerConnection) keep_alive = false;

    // A request body is read and discarded (RFC 9112 §6); chunked bodies are not supported.
    if (request->header("transfer-encoding")) {
      (void)respond(tls, 501, "Not Implemented", "text/plain", "chunked requests unsupported\n",
                    false, false);
      return Outcome{"bad_request", std::nullopt};
    }
    if (const auto length = request->header("content-length")) {
      const auto n = parse_number(*length, kMaxRequestBody);
      if (!n) {
        (void)respond(tls, 413, "Content Too Large", "text/plain", "body too large\n", false,
                      false);
        return Outcome{"bad_request", std::nullopt};
      }
      while (buffer.size() < *n) {
        auto got = tls.read(chunk);
        if (!got) return result_of(got.error(), false);
        if (*got == 0) return Outcome{"incomplete_request", std::nullopt};
        buffer.append(reinterpret_cast<const char*>(chunk.data()), *got);
      }
      buffer.erase(0, *n);
    }

    const bool head_only = request->method == "HEAD";
    Result<Unit, tls::IoError> sent = Unit{};
    fs::path file;
    if (request->method != "GET" && !head_only) {
      sent = respond(tls, 405, "Method Not Allowed", "text/plain", "GET and HEAD only\n",
                     keep_alive, false);
    } else {
      switch (resolve_target(shared.root, request->target, file)) {
        case Lookup::file:
          sent = send_file(tls, file, keep_alive, head_only);
          break;
        case Lookup::builtin:
          sent = respond(tls, 200, "OK", "text/html; charset=utf-8",
                         builtin_page(tls.connection().summary(), peer), keep_alive, head_only);
          break;
        case Lookup::not_found:
          sent = respond(tls, 404, "Not Found", "text/plain", "not found\n", keep_alive, head_only);
          break;
        case Lookup::forbidden:
          sent = respond(tls, 403, "Forbidden", "text/plain", "forbidden\n", keep_alive, head_only);
          break;
        case Lookup::bad_request:
          sent = respond(tls, 400, "Bad Request", "text/plain", "bad request\n", false, head_only);
          keep_alive = false;
          break;
      }
    }
    if (!sent) return result_of(sent.error(), false);
    if (!keep_alive) return Outcome{};
  }
  return Outcome{};
}

void serve_connection(tls::TcpStream tcp, const Shared& shared) {
  const std::string peer = tcp.peer_address();
  tls::ConnectionOptions options;
  options.key_log = shared.key_log;
  auto connection = tls::Connection::server(shared.config, options);
  if (!connection) {
    log_line("peer=" + peer +
             " result=internal_error reason=" + log_value(connection.error().to_string()));
    return;
  }
  tls::TlsStream tls(std::move(tcp), std::move(connection).value(),
                     tls::TlsStreamTimeouts{shared.timeout, shared.timeout});
  std::size_t requests = 0;
  Outcome outcome;
  if (auto hs = tls.handshake(); !hs) {
    outcome = result_of(hs.error(), true);
  } else {
    outcome = serve_requests(tls, shared, peer, requests);
  }
  // Our close_notify (RFC 8446 §6.1) unless the connection already failed; then wait briefly for
  // the client's FIN, so the kernel does not answer its last bytes with a reset that could
  // destroy our final response in flight.
  if (!tls.connection().failed())
    (void)tls.close();
  else
    (void)tls.tcp().shutdown_write();
  std::array<std::uint8_t, 4096> sink{};
  for (int i = 0; i < 64; ++i) {
    auto n = tls.tcp().read(sink, std::chrono::milliseconds(250));
    if (!n || *n == 0) break;
  }

  std::string line = "peer=" + peer + " " + parameters(tls.connection().summary()) +
                     " requests=" + std::to_string(requests) + " result=" + outcome.result;
  if (outcome.error) {
    if (outcome.error->tls)
      line += " alert=" + std::string(tls::to_string(outcome.error->tls->alert));
    line += " reason=" + log_value(outcome.error->to_string());
  }
  log_line(line);
}

}  // namespace

int main(int argc, char** argv) {
  // Sockets already send with MSG_NOSIGNAL; this also covers stdout, should the reader of the
  // log go away: the server keeps serving.
  std::signal(SIGPIPE, SIG_IGN);
  const auto args = parse_arguments(argc, argv);
  if (!args) {
    usage();
    return 2;
  }
  auto credential = tls::Credential::from_pem_files(args->cert, args->key);
  if (!credential) {
    std::fprintf(stderr, "https_server: %s\n", credential.error().c_str());
    return 2;
  }
  if (args->root && !fs::is_directory(*args->root)) {
    std::fprintf(stderr, "https_server: --root %s is not a directory\n", args->root->c_str());
    return 2;
  }
  std::optional<tls::KeyLogFile> key_log;
  if (auto opened = tls::KeyLogFile::from_environment()) {
    if (!*opened) {
      std::fprintf(stderr, "https_server: SSLKEYLOGFILE: %s\n", opened->error().c_str());
      return 2;
    }
    key_log.emplace(std::move(*opened).value());
    std::fprintf(stderr, "https_server: logging TLS secrets to %s\n", key_log->path().c_str());
  }

  auto config = std::make_shared<tls::ServerConfig>();
  config->credentials.push_back(
      std::make_shared<const tls::Credential>(std::move(credential).value()));
  config->alpn = {"http/1.1"};  // never h2: this server speaks HTTP/1.x only
  Shared shared{config, key_log ? &*key_log : nullptr, args->root,
                std::chrono::milliseconds(
                    static_cast<std::chrono::milliseconds::rep>(args->timeout_seconds) * 1000)};

  auto listener = tls::TcpListener::bind(args->bind, args->port);
  if (!listener) {
    std::fprintf(stderr, "https_server: %s\n", listener.error().to_string().c_str());
    return 1;
  }
  log_line("listening on " + listener->local_address());

  // A thread per connection, at most max_connections at once: the accept loop waits for a free
  // slot, and the kernel's backlog holds the clients that arrive meanwhile.
  std::mutex slots_mutex;
  std::condition_variable slot_free;
  unsigned active = 0;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(slots_mutex);
      slot_free.wait(lock, [&] { return active < args->max_connections; });
      ++active;
    }
    auto tcp = listener->accept();
    if (!tcp) {
      {
        const std::lock_guard<std::mutex> lock(slots_mutex);
        --active;
      }
      std::fprintf(stderr, "https_server: %s\n", tcp.error().to_string().c_str());
      // Out of descriptors or memory: give the running connections time to finish.
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    std::thread([&shared, &slots_mutex, &slot_free, &active,
                 tcp = std::move(tcp).value()]() mutable {
      serve_connection(std::move(tcp), shared);
      {
        const std::lock_guard<std::mutex> lock(slots_mutex);
        --active;
      }
      slot_free.notify_one();
    }).detach();
  }
}
