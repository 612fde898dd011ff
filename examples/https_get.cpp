// https_get — the explainer's browser side as a command: it finds the server, checks its
// certificate chain and name against trusted roots, agrees on keys over TLS 1.3, then sends an
// encrypted GET and prints what comes back.
//
// Usage:
//   https_get [--cafile ROOTS.pem] [--alpn PROTOCOL]... [--connect HOST:PORT] URL
//
//   URL        https://HOST[:PORT][/PATH]; HOST (a DNS name, sent as SNI, or an IP literal, which
//              is never sent as SNI) is what the certificate must name
//   --cafile   the trust anchors (default: the system's roots)
//   --alpn     a protocol to offer in ALPN, e.g. http/1.1; repeatable (default: no ALPN)
//   --connect  open the TCP connection to HOST:PORT instead of the URL's host (as curl's
//              --connect-to): the certificate is still checked against the URL's host
//
// The body goes to stdout (Content-Length, chunked and read-until-close bodies); on stderr, the
// negotiated parameters (suite, group, scheme, ALPN, HelloRetryRequest), the verification verdict
// and the status line. SSLKEYLOGFILE, when set, names a file the traffic secrets are appended to.
//
// Exit status: 0 a response with a status below 400; 1 a connection, TLS or certificate failure
// (stderr says which alert and why, and the certificate diagnosis in full), or a malformed or
// truncated response; 2 bad arguments or unreadable files; 3 a response with status 400 or more
// (its body is still printed).
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/tls/config.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/keylog.hpp"
#include "glasstls/tls/socket.hpp"
#include "glasstls/x509/trust_store.hpp"
#include "http_text.hpp"

using namespace glasstls;

namespace {

constexpr int exit_ok = 0, exit_failure = 1, exit_usage = 2, exit_http_error = 3;
constexpr std::size_t kMaxResponseHead = 64 * 1024;
constexpr auto kConnectTimeout = std::chrono::milliseconds(10'000);

void usage() {
  std::fputs(
      "usage: https_get [--cafile ROOTS.pem] [--alpn PROTOCOL]... [--connect HOST:PORT] URL\n",
      stderr);
}

struct Url {
  std::string host;  // without brackets
  std::uint16_t port = 443;
  std::string path = "/";
};

std::optional<std::uint16_t> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  const unsigned long v = std::stoul(std::string(text));
  if (v == 0 || v > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(v);
}

// "HOST:PORT" or "[V6]:PORT" into host and port.
std::optional<std::pair<std::string, std::uint16_t>> parse_host_port(std::string_view text) {
  std::string host;
  std::string_view rest;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = std::string(text.substr(1, close - 1));
    rest = text.substr(close + 1);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::pair(std::string(text), std::uint16_t{443});
    host = std::string(text.substr(0, colon));
    rest = text.substr(colon);
  }
  if (host.empty()) return std::nullopt;
  if (rest.empty()) return std::pair(host, std::uint16_t{443});
  if (rest.front() != ':') return std::nullopt;
  const auto port = parse_port(rest.substr(1));
  if (!port) return std::nullopt;
  return std::pair(host, *port);
}

std::optional<Url> parse_url(std::string_view text) {
  constexpr std::string_view scheme = "https://";
  if (text.substr(0, scheme.size()) != scheme) return std::nullopt;
  text.remove_prefix(scheme.size());
  const std::size_t slash = text.find_first_of("/?#");
  const std::string_view authority = text.substr(0, slash);
  if (authority.find('@') != std::string_view::npos) return std::nullopt;  // no userinfo
  const auto host_port = parse_host_port(authority);
  if (!host_port) return std::nullopt;
  Url url;
  url.host = host_port->first;
  url.port = host_port->second;
  if (slash != std::string_view::npos) {
    std::string_view path = text.substr(slash);
    path = path.substr(0, path.find('#'));  // the fragment stays with the client
    url.path = path.front() == '/' ? std::string(path) : "/" + std::string(path);
  }
  // Request targets must be printable ASCII without spaces (RFC 9112 §3.2).
  for (char c : url.path)
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f)
      return std::nullopt;
  return url;
}

// ---- the response ----------------------------------------------------------------------------

using glasstls::examples::lower;
using glasstls::examples::trim;

// Buffered reads from the TLS stream.
class Reader {
 public:
  explicit Reader(tls::TlsStream& tls) : tls_(tls) {}
  std::string buffer;
  bool closed = false;  // the server's close_notify arrived

  // Reads more into the buffer; false at close_notify; the error otherwise.
  Result<bool, tls::IoError> fill() {
    std::array<std::uint8_t, 16 * 1024> chunk{};
    auto n = tls_.read(chunk);
    if (!n) return Err(std::move(n).error());
    if (*n == 0) {
      closed = true;
      return false;
    }
    buffer.append(reinterpret_cast<const char*>(chunk.data()), *n);
    return true;
  }

 private:
  tls::TlsStream& tls_;
};

struct Failure {
  std::string message;
};

// Writes bytes of the body to stdout.
void emit(std::string_view bytes) {
  std::fwrite(bytes.data(), 1, bytes.size(), stdout);
}

std::string describe(const tls::IoError& e) {
  return e.to_string();
}

// Reads until `terminator` is in the buffer (bounded by `limit`); its position.
Result<std::size_t, Failure> read_until(Reader& r, std::string_view terminator, std::size_t limit) {
  for (;;) {
    const std::size_t at = r.buffer.find(terminator);
    if (at != std::string::npos) return at;
    if (r.buffer.size() > limit) return Err(Failure{"response line or header too long"});
    auto more = r.fill();
    if (!more) return Err(Failure{describe(more.error())});
    if (!*more) return Err(Failure{"the server closed the connection mid-response"});
  }
}

// RFC 9112 §7.1: chunk-size [; ext] CRLF data CRLF ... 0 CRLF trailers CRLF.
Result<Unit, Failure> read_chunked(Reader& r) {
  for (;;) {
    auto line_end = read_until(r, "\r\n", 4096);
    if (!line_end) return Err(std::move(line_end).error());
    std::string size_text = trim(std::string_view(r.buffer).substr(0, *line_end));
    size_text = size_text.substr(0, size_text.find(';'));
    r.buffer.erase(0, *line_end + 2);
    if (size_text.empty() || size_text.size() > 15 ||
        !std::all_of(size_text.begin(), size_text.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }))
      return Err(Failure{"malformed chunk size '" + size_text + "'"});
    std::size_t left = std::stoull(size_text, nullptr, 16);
    if (left == 0) {
      // Trailer fields, up to the empty line.
      for (;;) {
        auto end = read_until(r, "\r\n", 64 * 1024);
        if (!end) return Err(std::move(end).error());
        const bool empty = *end == 0;
        r.buffer.erase(0, *end + 2);
        if (empty) return Unit{};
      }
    }
    while (left > 0) {
      if (r.buffer.empty()) {
        auto more = r.fill();
        if (!more) return Err(Failure{describe(more.error())});
        if (!*more) return Err(Failure{"the server closed the connection inside a chunk"});
      }
      const std::size_t n = std::min(left, r.buffer.size());
      emit(std::string_view(r.buffer).substr(0, n));
      r.buffer.erase(0, n);
      left -= n;
    }
    auto crlf = read_until(r, "\r\n", 2);
    if (!crlf || *crlf != 0) return Err(Failure{"chunk data not followed by CRLF"});
    r.buffer.erase(0, 2);
  }
}

Result<Unit, Failure> read_length(Reader& r, std::size_t length) {
  std::size_t left = length;
  while (left > 0) {
    if (r.buffer.empty()) {
      auto more = r.fill();
      if (!more) return Err(Failure{describe(more.error())});
      if (!*more)
        return Err(Failure{"the server closed the connection after " +
                           std::to_string(length - left) + " of " + std::to_string(length) +
                           " bytes"});
    }
    const std::size_t n = std::min(left, r.buffer.size());
    emit(std::string_view(r.buffer).substr(0, n));
    r.buffer.erase(0, n);
    left -= n;
  }
  return Unit{};
}

// A body delimited by the end of the connection: only close_notify ends it cleanly (a TCP end
// of file without it is a truncation, RFC 8446 §6.1, and an error here).
Result<Unit, Failure> read_to_close(Reader& r) {
  for (;;) {
    emit(r.buffer);
    r.buffer.clear();
    auto more = r.fill();
    if (!more) return Err(Failure{describe(more.error())});
    if (!*more) return Unit{};
  }
}

struct Response {
  int status = 0;
  std::string status_line;
};

// Reads the status line and headers, then the body to stdout.
Result<Response, Failure> read_response(Reader& r) {
  Response response;
  std::vector<std::pair<std::string, std::string>> headers;
  // 1xx interim responses (RFC 9110 §15.2) come before the final one; a bounded number.
  for (int interim = 0;; ++interim) {
    if (interim > 8) return Err(Failure{"too many interim (1xx) responses"});
    auto end = read_until(r, "\r\n\r\n", kMaxResponseHead);
    if (!end) return Err(std::move(end).error());
    const std::string head = r.buffer.substr(0, *end + 2);
    r.buffer.erase(0, *end + 4);
    const std::size_t eol = head.find("\r\n");
    response.status_line = head.substr(0, eol);
    // RFC 9112 §4: HTTP-version SP 3DIGIT SP [reason-phrase]
    const std::string& s = response.status_line;
    if (s.size() < 12 || s.rfind("HTTP/1.", 0) != 0 || s[8] != ' ' ||
        !std::isdigit(static_cast<unsigned char>(s[9])) ||
        !std::isdigit(static_cast<unsigned char>(s[10])) ||
        !std::isdigit(static_cast<unsigned char>(s[11])))
      return Err(Failure{"malformed status line '" + s + "'"});
    response.status = std::stoi(s.substr(9, 3));
    headers.clear();
    std::size_t start = eol + 2;
    while (start < head.size()) {
      const std::size_t next = head.find("\r\n", start);
      const std::string field = head.substr(start, next - start);
      start = next == std::string::npos ? head.size() : next + 2;
      const std::size_t colon = field.find(':');
      if (colon == std::string::npos) return Err(Failure{"malformed header line '" + field + "'"});
      headers.emplace_back(lower(field.substr(0, colon)),
                           trim(std::string_view(field).substr(colon + 1)));
    }
    if (response.status >= 200 || response.status == 101) break;
  }
  std::fprintf(stderr, "http: %s\n", response.status_line.c_str());

  auto header = [&](std::string_view name) -> std::optional<std::string> {
    for (const auto& [k, v] : headers)
      if (k == name) return v;
    return std::nullopt;
  };
  // RFC 9112 §6.3: no body for 204 and 304; chunked wins over Content-Length; else to close.
  if (response.status == 204 || response.status == 304) return response;
  if (const auto te = header("transfer-encoding")) {
    if (lower(*te).find("chunked") == std::string::npos)
      return Err(Failure{"unsupported transfer-encoding '" + *te + "'"});
    if (auto body = read_chunked(r); !body) return Err(std::move(body).error());
    return response;
  }
  if (const auto length = header("content-length")) {
    if (length->empty() || length->size() > 15 ||
        !std::all_of(length->begin(), length->end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
      return Err(Failure{"malformed content-length '" + *length + "'"});
    if (auto body = read_length(r, std::stoull(*length)); !body)
      return Err(std::move(body).error());
    return response;
  }
  if (auto body = read_to_close(r); !body) return Err(std::move(body).error());
  return response;
}

template <class T>
std::string name_or_dash(const std::optional<T>& v) {
  return v ? tls::to_string(*v) : std::string("-");
}

void print_parameters(const tls::HandshakeSummary& s) {
  std::fprintf(stderr, "tls: version=TLSv1.3 suite=%s group=%s scheme=%s alpn=%s hrr=%s\n",
               name_or_dash(s.suite).c_str(), name_or_dash(s.group).c_str(),
               name_or_dash(s.scheme).c_str(), s.alpn.value_or("-").c_str(),
               s.hello_retry_request ? "yes" : "no");
}

void print_verification(const tls::HandshakeSummary& s) {
  if (!s.verification) {
    std::fputs("verification: not reached\n", stderr);
    return;
  }
  const x509::VerifyResult& v = *s.verification;
  if (v.ok()) {
    std::string chain;
    for (const auto& cert : v.chain)
      chain += (chain.empty() ? "" : " <- ") + cert.subject.to_string();
    std::fprintf(stderr, "verification: ok (chain: %s)\n", chain.c_str());
  } else {
    const x509::Diagnosis& d = *v.diagnosis;
    std::fprintf(stderr, "verification: failed: %s: %s (certificate %zu, %s)\n",
                 std::string(x509::to_string(d.error)).c_str(), d.message.c_str(), d.index,
                 d.subject.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::optional<std::string> cafile, connect_to, url_text;
  std::vector<std::string> alpn;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--cafile" || arg == "--alpn" || arg == "--connect") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "https_get: %s needs a value\n", arg.c_str());
        usage();
        return exit_usage;
      }
      const std::string value = argv[++i];
      if (arg == "--cafile") cafile = value;
      if (arg == "--alpn") alpn.push_back(value);
      if (arg == "--connect") connect_to = value;
    } else if (!arg.empty() && arg.front() != '-' && !url_text) {
      url_text = arg;
    } else {
      std::fprintf(stderr, "https_get: unexpected argument %s\n", arg.c_str());
      usage();
      return exit_usage;
    }
  }
  if (!url_text) {
    usage();
    return exit_usage;
  }
  const auto url = parse_url(*url_text);
  if (!url) {
    std::fprintf(stderr, "https_get: not an https URL: %s\n", url_text->c_str());
    return exit_usage;
  }
  std::string tcp_host = url->host;
  std::uint16_t tcp_port = url->port;
  if (connect_to) {
    const auto hp = parse_host_port(*connect_to);
    if (!hp) {
      std::fprintf(stderr, "https_get: --connect wants HOST:PORT, not %s\n", connect_to->c_str());
      return exit_usage;
    }
    tcp_host = hp->first;
    tcp_port = hp->second;
  }

  // Trust: --cafile, or the system's roots.
  tls::ClientConfig config;
  if (cafile) {
    auto store = x509::TrustStore::from_file(*cafile);
    if (!store) {
      std::fprintf(stderr, "https_get: --cafile: %s\n", store.error().to_string().c_str());
      return exit_usage;
    }
    config.trust_store = std::make_shared<const x509::TrustStore>(std::move(store).value());
  } else {
    auto system = tls::ClientConfig::with_system_roots();
    if (!system) {
      std::fprintf(stderr, "https_get: system trust store: %s\n", system.error().c_str());
      return exit_usage;
    }
    config = std::move(system).value();
  }
  config.alpn = alpn;

  std::optional<tls::KeyLogFile> key_log;
  if (auto opened = tls::KeyLogFile::from_environment()) {
    if (!*opened) {
      std::fprintf(stderr, "https_get: SSLKEYLOGFILE: %s\n", opened->error().c_str());
      return exit_usage;
    }
    key_log.emplace(std::move(*opened).value());
  }
  tls::ConnectionOptions options;
  options.key_log = key_log ? &*key_log : nullptr;

  auto connection = tls::Connection::client(
      std::make_shared<const tls::ClientConfig>(std::move(config)), url->host, options);
  if (!connection) {
    std::fprintf(stderr, "https_get: %s\n", connection.error().to_string().c_str());
    return exit_usage;
  }
  auto tcp = tls::TcpStream::connect(tcp_host, tcp_port, kConnectTimeout);
  if (!tcp) {
    std::fprintf(stderr, "https_get: %s\n", tcp.error().to_string().c_str());
    return exit_failure;
  }
  std::fprintf(stderr, "https_get: connected to %s (server name %s)\n", tcp->peer_address().c_str(),
               url->host.c_str());
  tls::TlsStream tls(std::move(tcp).value(), std::move(connection).value());

  if (auto hs = tls.handshake(); !hs) {
    const tls::IoError& e = hs.error();
    std::fprintf(stderr, "https_get: handshake failed: %s\n", e.to_string().c_str());
    if (e.tls)
      std::fprintf(stderr, "alert: %s\n", std::string(tls::to_string(e.tls->alert)).c_str());
    print_verification(tls.connection().summary());
    return exit_failure;
  }
  print_parameters(tls.connection().summary());
  print_verification(tls.connection().summary());

  // RFC 9112 §3.2.2: Host carries the port when it is not the scheme's default.
  const bool v6 = url->host.find(':') != std::string::npos;
  std::string host_header = v6 ? "[" + url->host + "]" : url->host;
  if (url->port != 443) host_header += ":" + std::to_string(url->port);
  const std::string request = "GET " + url->path + " HTTP/1.1\r\nHost: " + host_header +
                              "\r\nUser-Agent: glasstls-https_get\r\nAccept: */*\r\n"
                              "Connection: close\r\n\r\n";
  if (auto sent = tls.write(as_bytes(request)); !sent) {
    std::fprintf(stderr, "https_get: %s\n", sent.error().to_string().c_str());
    return exit_failure;
  }
  Reader reader(tls);
  auto response = read_response(reader);
  std::fflush(stdout);
  if (!response) {
    std::fprintf(stderr, "https_get: %s\n", response.error().message.c_str());
    return exit_failure;
  }
  (void)tls.close();
  return response->status >= 400 ? exit_http_error : exit_ok;
}
