// handshake_demo — a TLS 1.3 client and server talking in one process, narrated (README command 1).
//
// Both ends are real glasstls Connections; the "network" is two byte buffers handed back and forth.
// An Observer prints what happens, in the order of the explainer (how-https-works.md):
//
//   Step 1  Client Hello       the client's offer: suites, groups, a random, a key share
//   Step 2  Server Hello       the server's choice, its random and key share; then its certificate
//   Step 3  Certificate check  the client walks the chain to a trusted root, checks dates and name
//   Step 4  Key exchange       Diffie-Hellman on the key shares — TLS 1.3 does it inside the
//                              hellos, so everything after ServerHello is already encrypted
//   Step 5  Symmetric crypto   "GET / HTTP/1.1" and its response, sealed with AEAD records
//
// For each handshake message: who sent it, its type, its length and its first bytes; each state
// change (RFC 8446 Appendix A); each secret derived, as an SSLKEYLOGFILE line; each public-key
// operation and how long it took. Then the negotiated parameters.
//
// Everything random is fixed (DeterministicRandom seeds, a fixed calendar date), so the bytes are
// the same on every run and you can compare runs option by option. The stopwatch is real, so the
// durations are real too; --fixed-timings freezes them as well (every byte of output repeats).
//
// Usage: handshake_demo [--suite NAME] [--group NAME] [--hrr] [--rsa] [--fixed-timings]
//   --suite  TLS_AES_128_GCM_SHA256 | TLS_AES_256_GCM_SHA384 | TLS_CHACHA20_POLY1305_SHA256
//   --group  x25519 | secp256r1 | secp384r1
//   --hrr    the client sends a key share the server does not want: a HelloRetryRequest follows
//   --rsa    the server's certificate carries an RSA 2048 key instead of ECDSA P-256
// SSLKEYLOGFILE=path also appends the client's secrets to that file, as curl and browsers do.
// Never waits for input; exits non-zero if anything fails.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/crypto/rsa.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "glasstls/tls/config.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/credentials.hpp"
#include "glasstls/tls/keylog.hpp"
#include "glasstls/tls/messages.hpp"
#include "glasstls/tls/observer.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/signing_key.hpp"
#include "glasstls/x509/trust_store.hpp"

using namespace glasstls;
using namespace glasstls::tls;

namespace {

// ---- the command line --------------------------------------------------------------------------

struct Options {
  std::optional<CipherSuite> suite;
  std::optional<NamedGroup> group;
  bool hrr = false;
  bool rsa = false;
  bool fixed_timings = false;
};

/// Prints what went wrong during setup and gives nothing back: `return complain("root", why);`.
std::nullopt_t complain(const char* what, const std::string& why) {
  std::fprintf(stderr, "handshake_demo: %s: %s\n", what, why.c_str());
  return std::nullopt;
}

template <class T>
std::optional<T> by_name(std::string_view name, std::initializer_list<T> candidates) {
  for (T c : candidates) {
    if (to_string(c) == name) return c;
  }
  return std::nullopt;
}

std::optional<Options> parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--suite" && has_value) {
      o.suite = by_name(argv[++i],
                        {CipherSuite::tls_aes_128_gcm_sha256, CipherSuite::tls_aes_256_gcm_sha384,
                         CipherSuite::tls_chacha20_poly1305_sha256});
      if (!o.suite) return complain("unknown suite", argv[i]);
    } else if (arg == "--group" && has_value) {
      o.group =
          by_name(argv[++i], {NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1});
      if (!o.group) return complain("unknown group", argv[i]);
    } else if (arg == "--hrr") {
      o.hrr = true;
    } else if (arg == "--rsa") {
      o.rsa = true;
    } else if (arg == "--fixed-timings") {
      o.fixed_timings = true;
    } else {
      std::fprintf(stderr,
                   "usage: handshake_demo [--suite NAME] [--group NAME] [--hrr] [--rsa] "
                   "[--fixed-timings]\n");
      return std::nullopt;
    }
  }
  return o;
}

// ---- the clock: a fixed calendar, a real stopwatch ---------------------------------------------

/// Wall time is fixed (the certificates below are valid around it on any day you run this);
/// the monotonic and CPU clocks are the machine's, so durations are measured for real.
class DemoClock final : public Clock {
 public:
  explicit DemoClock(WallTime now) : now_(now) {}
  WallTime wall_time() const override { return now_; }
  Nanoseconds monotonic() const override { return system_clock().monotonic(); }
  Nanoseconds thread_cpu_time() const override { return system_clock().thread_cpu_time(); }

 private:
  WallTime now_;
};

// ---- the narrator
// --------------------------------------------------------------------------------

std::string first_bytes(ByteView b, std::size_t n = 16) {
  std::string s = hex_encode(b.first(std::min(n, b.size())));
  std::string spaced;
  for (std::size_t i = 0; i < s.size(); i += 2) {
    if (i != 0) spaced += ' ';
    spaced += s.substr(i, 2);
  }
  if (b.size() > n) spaced += " ...";
  return spaced;
}

std::string millis(std::chrono::nanoseconds d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f ms", static_cast<double>(d.count()) / 1e6);
  return buf;
}

/// What both observers share: which explainer steps were already announced, and the cost table.
struct Story {
  bool step2 = false, step3 = false, step4 = false;
  struct Cost {
    std::size_t count = 0;
    std::chrono::nanoseconds monotonic{0}, cpu{0};
  };
  std::map<std::pair<std::string, std::string>, Cost> costs;  // (side, kind) -> totals
};

void heading(const char* text) {
  std::printf("\n=== %s ===\n", text);
}

class Narrator final : public Observer {
 public:
  Narrator(const char* side, Story& story) : side_(side), story_(story) {}

  void on_handshake_message(Direction dir, HandshakeType type, ByteView msg) override {
    const bool client = std::strcmp(side_, "client") == 0;
    if (dir == Direction::received) return;  // each message is printed once, when it is sent
    const bool hrr = type == HandshakeType::server_hello && msg.size() >= 38 &&
                     std::equal(kHelloRetryRequestRandom.begin(), kHelloRetryRequestRandom.end(),
                                msg.begin() + 6);
    if (hrr) {
      heading("HelloRetryRequest");
      std::printf(
          "The server supports none of the groups the client sent a key share for. It\n"
          "answers with a ServerHello carrying a special random (SHA-256 of\n"
          "\"HelloRetryRequest\") and the group it wants; the client tries again.\n");
    } else if (type == HandshakeType::server_hello && !story_.step2) {
      story_.step2 = true;
      heading("Step 2: Server Hello");
      std::printf(
          "The server picks a suite and a group, sends its own random and key share. From\n"
          "here on every handshake message is encrypted with the handshake keys.\n");
    }
    const char* arrow = client ? "client ---> server" : "client <--- server";
    std::printf("  %s  %-22s %5zu bytes  %s\n", arrow,
                (hrr ? std::string("server_hello (HRR)") : to_string(type)).c_str(), msg.size(),
                first_bytes(msg).c_str());
  }

  void on_state_change(State from, State to) override {
    // The client is about to read the Certificate: that is where the explainer's step 3 starts.
    if (to == State::WaitCertificateOrCertificateRequest && !story_.step3) {
      story_.step3 = true;
      heading("Step 3: the client checks the server's certificate");
      std::printf(
          "Is it signed by a trusted CA? In its validity period? Issued for the name we\n"
          "asked for? Then CertificateVerify: did the server sign this very handshake\n"
          "with the certificate's private key?\n");
    }
    std::printf("        [%s] %s -> %s   (RFC 8446 Appendix A: %s -> %s)\n", side_,
                std::string(to_string(from)).c_str(), std::string(to_string(to)).c_str(),
                std::string(appendix_a_name(from)).c_str(),
                std::string(appendix_a_name(to)).c_str());
  }

  void on_secret(SecretKind kind, ByteView client_random, const Secret& secret) override {
    // Both sides derive the same secrets; print them once, from the client.
    if (std::strcmp(side_, "client") != 0) return;
    const std::optional<std::string> line = keylog_line(kind, client_random, secret);
    std::printf("        secret %-33s %s\n", std::string(secret_info(kind).name).c_str(),
                hex_encode(secret.view()).c_str());
    if (line) std::printf("          keylog: %s\n", line->c_str());
  }

  void on_crypto(const CryptoOp& op) override {
    Story::Cost& c = story_.costs[{side_, std::string(to_string(op.kind))}];
    ++c.count;
    c.monotonic += op.monotonic;
    c.cpu += op.thread_cpu;
    // The key exchange is step 4 of the explainer; TLS 1.3 runs it while reading the hellos.
    if (op.kind == CryptoOpKind::key_share_agree && !story_.step4) {
      story_.step4 = true;
      heading("Step 4: key exchange (already, inside the hellos)");
      std::printf(
          "TLS 1.3 does the Diffie-Hellman exchange with the hellos' key shares: each side\n"
          "combines its private value with the other's public one and both get the same\n"
          "shared secret, which never crosses the wire. The key schedule turns it into keys.\n");
    }
    // Public-key work is worth seeing one by one; hashing and records go to the table at the end.
    switch (op.kind) {
      case CryptoOpKind::key_share_generate:
      case CryptoOpKind::key_share_agree:
      case CryptoOpKind::sign:
      case CryptoOpKind::verify_signature:
      case CryptoOpKind::verify_chain:
        std::printf("        [%s] crypto: %-18s %-24s %s\n", side_,
                    std::string(to_string(op.kind)).c_str(), std::string(op.detail).c_str(),
                    millis(op.monotonic).c_str());
        break;
      default:
        break;
    }
  }

  void on_record(Direction dir, ContentType /*outer*/, ContentType inner, ByteView wire,
                 bool protected_record) override {
    // In step 5 the interesting thing is what the wire carries: show application data records.
    if (dir != Direction::sent || inner != ContentType::application_data) return;
    std::printf("        [%s] on the wire: %zu bytes%s  %s\n", side_, wire.size(),
                protected_record ? " (encrypted)" : "", first_bytes(wire, 24).c_str());
  }

  void on_alert(Direction dir, AlertLevel /*level*/, AlertDescription alert) override {
    std::printf("        [%s] alert %s: %s\n", side_, dir == Direction::sent ? "sent" : "received",
                std::string(to_string(alert)).c_str());
  }

 private:
  const char* side_;
  Story& story_;
};

// ---- the certificates --------------------------------------------------------------------------

struct Pki {
  std::shared_ptr<const x509::TrustStore> roots;
  std::shared_ptr<const Credential> server;
};

std::optional<Pki> make_pki(bool rsa, WallTime now) {
  using namespace std::chrono;
  const WallTime not_before = now - days(30), not_after = now + days(365);
  crypto::DeterministicRandom rng(as_bytes("glasstls handshake_demo keys"));

  const x509::SigningKey root_key = x509::SigningKey::generate_ec(crypto::EcCurve::p256, rng);
  auto root = x509::CertificateBuilder()
                  .subject(x509::make_name("glasstls demo root CA"))
                  .self_signed()
                  .validity(not_before, not_after)
                  .public_key(root_key.public_key())
                  .basic_constraints(true)
                  .key_usage(static_cast<std::uint16_t>(x509::KeyUsage::key_cert_sign |
                                                        x509::KeyUsage::crl_sign))
                  .sign(root_key);
  if (!root) return complain("root certificate", root.error().to_string());

  // The server's key, and its private key as the PEM text a server would read from a file.
  x509::PublicKey leaf_public;
  std::string key_pem;
  if (rsa) {
    auto key = crypto::RsaPrivateKey::generate(2048, rng);
    if (!key) return complain("RSA key", std::string(crypto::to_string(key.error())));
    key_pem = crypto::write_rsa_private_key_pem(key->to_parts());
    leaf_public = x509::SigningKey::rsa_pkcs1(std::move(*key)).public_key();
  } else {
    const crypto::EcPrivateKey key = crypto::EcPrivateKey::generate(crypto::EcCurve::p256, rng);
    key_pem = crypto::write_ec_private_key_pem(key);
    leaf_public = x509::SigningKey::ecdsa(key).public_key();
  }
  auto leaf = x509::CertificateBuilder()
                  .subject(x509::make_name("localhost"))
                  .issuer(*root)
                  .validity(not_before, not_after)
                  .public_key(leaf_public)
                  .key_usage(x509::KeyUsage::digital_signature)
                  .ext_key_usage({asn1::oids::id_kp_serverAuth})
                  .add_dns_name("localhost")
                  .sign(root_key);
  if (!leaf) return complain("server certificate", leaf.error().to_string());

  auto credential = Credential::from_pem(
      x509::certificate_pem(leaf->der) + x509::certificate_pem(root->der), key_pem);
  if (!credential) return complain("credential", credential.error());

  auto store = std::make_shared<x509::TrustStore>();
  store->add(*root);
  std::printf("root CA  : %s, valid %s\n", root->public_key.to_string().c_str(),
              "30 days before to 365 days after the demo's date");
  std::printf("server   : CN=localhost, %s, signed by the root\n",
              credential->key_description().c_str());
  return Pki{store, std::make_shared<const Credential>(std::move(*credential))};
}

// ---- moving bytes
// --------------------------------------------------------------------------------

/// Hands what `from` has to send to `to`. False if `to` refused it (its error is printed).
bool deliver(Connection& from, Connection& to, const char* to_name) {
  const Bytes bytes = from.take_output();
  if (bytes.empty()) return true;
  auto r = to.receive(bytes);
  if (!r) {
    std::printf("\n%s refused the bytes: %s\n", to_name, r.error().to_string().c_str());
    return false;
  }
  return true;
}

/// Prints the events a connection has queued; returns the application data they carried.
std::string drain_events(Connection& c, const char* name) {
  std::string data;
  while (std::optional<Event> e = c.next_event()) {
    if (e->kind == Event::Kind::application_data) {
      data.append(e->data.begin(), e->data.end());
    } else {
      std::printf("        [%s] event: %s\n", name, std::string(to_string(e->kind)).c_str());
    }
  }
  return data;
}

/// HTTP text with its CR LF line ends made visible, one line per output line.
std::string printable(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += "\\r";
    } else if (s[i] == '\n') {
      out += "\\n";
      if (i + 1 < s.size()) out += "\n                ";
    } else {
      out += s[i];
    }
  }
  return out;
}

int fail(const char* what, const Connection& a, const Connection& b) {
  std::fprintf(stderr, "handshake_demo: %s\n", what);
  for (const Connection* c : {&a, &b}) {
    if (c->error()) {
      std::fprintf(stderr, "  %s: %s\n", std::string(to_string(c->role())).c_str(),
                   c->error()->to_string().c_str());
    }
  }
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Options> opts = parse_options(argc, argv);
  if (!opts) return 2;

  // A fixed date, so the certificates made below are valid on any day this runs.
  const WallTime demo_date = FixedClock::at(2026, 1, 15, 12, 0, 0).wall_time();
  FixedClock frozen(demo_date);
  DemoClock real_stopwatch(demo_date);
  const Clock& clock = opts->fixed_timings ? static_cast<const Clock&>(frozen) : real_stopwatch;

  heading("Setup");
  const std::optional<Pki> pki = make_pki(opts->rsa, demo_date);
  if (!pki) return 1;

  auto client_config = std::make_shared<ClientConfig>();
  client_config->trust_store = pki->roots;
  client_config->alpn = {"http/1.1"};
  auto server_config = std::make_shared<ServerConfig>();
  server_config->credentials = {pki->server};
  server_config->alpn = {"http/1.1"};
  if (opts->suite) client_config->policy.cipher_suites = {*opts->suite};
  if (opts->group) {
    client_config->policy.groups = {*opts->group};
    client_config->policy.key_share_groups = {*opts->group};
  }
  if (opts->hrr) {
    // The client guesses x25519; the server only takes another group, so it must ask again.
    const NamedGroup wanted = opts->group.value_or(NamedGroup::secp256r1);
    const NamedGroup guess =
        wanted == NamedGroup::x25519 ? NamedGroup::secp256r1 : NamedGroup::x25519;
    client_config->policy.groups = {guess, wanted};
    client_config->policy.key_share_groups = {guess};
    server_config->policy.groups = {wanted};
  }
  std::printf("client   : offers %zu suite(s), groups", client_config->policy.cipher_suites.size());
  for (NamedGroup g : client_config->policy.groups) std::printf(" %s", to_string(g).c_str());
  std::printf(", key share for %s\n", to_string(client_config->policy.key_share_groups[0]).c_str());

  // Deterministic randomness, one source per side (a source belongs to one connection).
  crypto::DeterministicRandom client_random(as_bytes("glasstls handshake_demo client"));
  crypto::DeterministicRandom server_random(as_bytes("glasstls handshake_demo server"));
  Story story;
  Narrator client_narrator("client", story), server_narrator("server", story);

  std::optional<KeyLogFile> key_log;
  if (auto env = KeyLogFile::from_environment()) {
    if (!*env) {
      complain("SSLKEYLOGFILE", env->error());
      return 1;
    }
    key_log.emplace(std::move(**env));
    std::printf("SSLKEYLOGFILE: the client's secrets are also appended to %s\n",
                std::getenv("SSLKEYLOGFILE"));
  }

  ConnectionOptions client_options;
  client_options.random = &client_random;
  client_options.clock = &clock;
  client_options.observer = &client_narrator;
  client_options.key_log = key_log ? &*key_log : nullptr;
  ConnectionOptions server_options;
  server_options.random = &server_random;
  server_options.clock = &clock;
  server_options.observer = &server_narrator;

  auto client_or = Connection::client(client_config, "localhost", client_options);
  auto server_or = Connection::server(server_config, server_options);
  if (!client_or || !server_or) {
    std::fprintf(stderr, "handshake_demo: %s\n",
                 (!client_or ? client_or.error() : server_or.error()).to_string().c_str());
    return 1;
  }
  Connection& client = *client_or;
  Connection& server = *server_or;

  // ---- the handshake: flights go back and forth until both sides are done (at most 4 rounds:
  // one, plus one for a HelloRetryRequest, plus slack).
  heading("Step 1: Client Hello");
  std::printf(
      "The client offers its cipher suites, groups and signature schemes, a 32-byte\n"
      "random, and a Diffie-Hellman key share (its public value) for a group it guesses.\n");
  if (auto r = client.start(); !r) return fail("the client could not start", client, server);
  for (int round = 0; round < 4; ++round) {
    if (client.handshake_complete() && server.handshake_complete()) break;
    if (!deliver(client, server, "the server")) break;
    drain_events(server, "server");
    if (!deliver(server, client, "the client")) break;
    drain_events(client, "client");
  }
  if (!client.handshake_complete() || !server.handshake_complete()) {
    // Let the other side read the alert, if one was queued.
    (void)deliver(client, server, "the server");
    (void)deliver(server, client, "the client");
    return fail("the handshake did not complete", client, server);
  }

  heading("Negotiated");
  const HandshakeSummary& s = client.summary();
  std::printf("  cipher suite      : %s\n", s.suite ? to_string(*s.suite).c_str() : "?");
  std::printf("  key exchange group: %s\n", s.group ? to_string(*s.group).c_str() : "?");
  std::printf("  signature scheme  : %s\n", s.scheme ? to_string(*s.scheme).c_str() : "?");
  std::printf("  ALPN              : %s\n", s.alpn ? s.alpn->c_str() : "(none)");
  std::printf("  server name (SNI) : %s\n", s.server_name ? s.server_name->c_str() : "(none)");
  std::printf("  HelloRetryRequest : %s\n", s.hello_retry_request ? "yes" : "no");
  if (s.verification) {
    std::printf("  certificate chain : %zu certificate(s), %s\n", s.verification->chain.size(),
                s.verification->ok() ? "valid for localhost" : "REFUSED");
  }

  heading("Step 5: symmetric encryption");
  std::printf(
      "Both sides now hold the same application traffic keys. Each record is sealed with\n"
      "%s: unreadable and tamper-evident on the wire. A record starts with a 5-byte\n"
      "header (17 = application_data, 03 03 = the frozen legacy version, 2 length bytes),\n"
      "then the ciphertext and a 16-byte authentication tag (RFC 8446 §5.2).\n",
      s.suite ? to_string(*s.suite).c_str() : "the suite's AEAD");
  const std::string request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
  std::printf("  client sends: %s\n", printable(request).c_str());
  if (auto r = client.send(as_bytes(request)); !r) return fail("client send", client, server);
  if (!deliver(client, server, "the server")) return fail("request", client, server);
  const std::string got_request = drain_events(server, "server");
  if (got_request != request) return fail("the server read something else", client, server);
  std::printf("  server read : %zu bytes, decrypted and authenticated\n", got_request.size());

  const std::string body = "Hello from glasstls over TLS 1.3!\n";
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " +
                               std::to_string(body.size()) + "\r\n\r\n" + body;
  std::printf("  server sends: %s\n", printable(response).c_str());
  if (auto r = server.send(as_bytes(response)); !r) return fail("server send", client, server);
  if (!deliver(server, client, "the client")) return fail("response", client, server);
  const std::string got_response = drain_events(client, "client");
  if (got_response != response) return fail("the client read something else", client, server);
  std::printf("  client read : %zu bytes, decrypted and authenticated\n", got_response.size());

  // close_notify both ways (§6.1).
  client.close();
  if (!deliver(client, server, "the server")) return fail("close", client, server);
  drain_events(server, "server");
  server.close();
  if (!deliver(server, client, "the client")) return fail("close", client, server);
  drain_events(client, "client");

  heading("Where the time went");
  std::printf("  %-7s %-20s %6s %12s %12s\n", "side", "operation", "count", "wall", "cpu");
  for (const auto& [key, cost] : story.costs) {
    std::printf("  %-7s %-20s %6zu %12s %12s\n", key.first.c_str(), key.second.c_str(), cost.count,
                millis(cost.monotonic).c_str(), millis(cost.cpu).c_str());
  }
  if (opts->fixed_timings) std::printf("  (--fixed-timings: the stopwatch is frozen at zero)\n");
  std::printf("\nhandshake_demo: success\n");
  return 0;
}
