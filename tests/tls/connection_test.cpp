// Client and server connections talking over memory (RFC 8446): every suite × group × signature
// scheme, HelloRetryRequest with and without a cookie, ALPN, records fed one byte at a time, step
// mode walking Appendix A's states, certificate failures and their alerts, closure, the observers.
#include "glasstls/tls/connection.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "glasstls/tls/messages.hpp"
#include "glasstls/tls/observer.hpp"
#include "support/tls_pki.hpp"

namespace glasstls::tls {
namespace {

using AD = AlertDescription;
using test::LeafKey;

std::shared_ptr<ClientConfig> client_config(const test::TestPki& pki) {
  auto c = std::make_shared<ClientConfig>();
  c->trust_store = pki.trust;
  return c;
}

std::shared_ptr<ServerConfig> server_config(const test::TestPki& pki) {
  auto s = std::make_shared<ServerConfig>();
  s->credentials.push_back(pki.credential);
  return s;
}

/// Moves bytes both ways until neither side has anything to say (bounded). `chunk` bytes at a time
/// (0: everything at once).
void pump(Connection& client, Connection& server, std::size_t chunk = 0) {
  for (int round = 0; round < 64; ++round) {
    bool moved = false;
    for (auto [from, to] : {std::pair{&client, &server}, std::pair{&server, &client}}) {
      Bytes out = from->take_output();
      if (out.empty()) continue;
      moved = true;
      if (to->failed()) continue;
      if (chunk == 0) {
        (void)to->receive(out);
      } else {
        for (std::size_t i = 0; i < out.size() && !to->failed(); i += chunk) {
          (void)to->receive(ByteView(out).subspan(i, std::min(chunk, out.size() - i)));
        }
      }
    }
    if (!moved) return;
  }
  ADD_FAILURE() << "pump did not settle in 64 rounds";
}

std::vector<Event> events(Connection& c) {
  std::vector<Event> out;
  while (auto e = c.next_event()) out.push_back(std::move(*e));
  return out;
}

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

/// Application data both ways after a handshake, then close_notify both ways.
void exchange_and_close(Connection& client, Connection& server) {
  (void)events(client);
  (void)events(server);
  ASSERT_TRUE(client.send(text("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")).ok());
  pump(client, server);
  auto se = events(server);
  ASSERT_EQ(se.size(), 1u);
  EXPECT_EQ(se[0].kind, Event::Kind::application_data);
  EXPECT_EQ(se[0].data, text("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"));
  ASSERT_TRUE(server.send(text("HTTP/1.1 200 OK\r\n\r\nhello")).ok());
  server.close();
  pump(client, server);
  auto ce = events(client);
  ASSERT_EQ(ce.size(), 2u);
  EXPECT_EQ(ce[0].data, text("HTTP/1.1 200 OK\r\n\r\nhello"));
  EXPECT_EQ(ce[1].kind, Event::Kind::closed);
  client.close();
  pump(client, server);
  EXPECT_EQ(client.state(), State::Closed);
  EXPECT_EQ(server.state(), State::Closed);
  EXPECT_TRUE(client.end_of_input().ok());
  EXPECT_TRUE(server.end_of_input().ok());
}

// ---- every suite × group × scheme ------------------------------------------------------------

struct Combo {
  CipherSuite suite;
  NamedGroup group;
  LeafKey key;
};

class EveryCombination : public ::testing::TestWithParam<std::tuple<CipherSuite, NamedGroup, LeafKey>> {};

TEST_P(EveryCombination, HandshakeAndData) {
  const auto [suite, group, key] = GetParam();
  const auto& pki = test::make_pki({.key = key});
  auto cc = client_config(pki);
  cc->policy.cipher_suites = {suite};
  cc->policy.groups = {group};
  cc->policy.key_share_groups = {group};
  auto sc = server_config(pki);
  auto client = Connection::client(cc, "localhost").value();
  auto server = Connection::server(sc).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(client.handshake_complete()) << client.error()->to_string();
  ASSERT_TRUE(server.handshake_complete()) << server.error()->to_string();
  EXPECT_EQ(client.summary().suite, suite);
  EXPECT_EQ(server.summary().suite, suite);
  EXPECT_EQ(client.summary().group, group);
  EXPECT_EQ(server.summary().group, group);
  EXPECT_EQ(client.summary().scheme, server.summary().scheme);
  EXPECT_FALSE(client.summary().hello_retry_request);
  const SignatureScheme expected = key == LeafKey::ecdsa_p256   ? SignatureScheme::ecdsa_secp256r1_sha256
                                   : key == LeafKey::ecdsa_p384 ? SignatureScheme::ecdsa_secp384r1_sha384
                                   : key == LeafKey::ed25519    ? SignatureScheme::ed25519
                                   : key == LeafKey::rsa2048    ? SignatureScheme::rsa_pss_rsae_sha256
                                                                : SignatureScheme::rsa_pss_pss_sha256;
  EXPECT_EQ(client.summary().scheme, expected);
  ASSERT_TRUE(client.summary().verification.has_value());
  EXPECT_TRUE(client.summary().verification->ok());
  EXPECT_EQ(client.summary().peer_certificates.size(), 2u);
  exchange_and_close(client, server);
}

INSTANTIATE_TEST_SUITE_P(
    Tls13, EveryCombination,
    ::testing::Combine(::testing::Values(CipherSuite::tls_aes_128_gcm_sha256,
                                         CipherSuite::tls_aes_256_gcm_sha384,
                                         CipherSuite::tls_chacha20_poly1305_sha256),
                       ::testing::Values(NamedGroup::x25519, NamedGroup::secp256r1,
                                         NamedGroup::secp384r1),
                       ::testing::Values(LeafKey::ecdsa_p256, LeafKey::ecdsa_p384,
                                         LeafKey::ed25519, LeafKey::rsa2048,
                                         LeafKey::rsa_pss2048)),
    [](const auto& p) {
      std::string name = to_string(std::get<0>(p.param)) + "_" +
                         to_string(std::get<1>(p.param)) + "_" +
                         test::to_string(std::get<2>(p.param));
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

// ---- HelloRetryRequest, ALPN, one byte at a time ---------------------------------------------

TEST(Connection, HelloRetryRequestWithCookie) {
  const auto& pki = test::make_pki();
  auto cc = client_config(pki);
  cc->policy.key_share_groups = {NamedGroup::x25519};
  auto sc = server_config(pki);
  sc->policy.groups = {NamedGroup::secp384r1, NamedGroup::secp256r1};
  auto client = Connection::client(cc, "localhost").value();
  auto server = Connection::server(sc).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(client.handshake_complete()) << client.error()->to_string();
  ASSERT_TRUE(server.handshake_complete());
  EXPECT_TRUE(client.summary().hello_retry_request);
  EXPECT_TRUE(server.summary().hello_retry_request);
  EXPECT_EQ(client.summary().group, NamedGroup::secp384r1);
  exchange_and_close(client, server);
}

TEST(Connection, HelloRetryRequestWithoutCookieNorCompatibilityMode) {
  const auto& pki = test::make_pki();
  auto cc = client_config(pki);
  cc->policy.key_share_groups = {NamedGroup::secp256r1};
  cc->policy.middlebox_compatibility = false;
  auto sc = server_config(pki);
  sc->policy.groups = {NamedGroup::x25519};
  sc->hello_retry_request_cookie = false;
  auto client = Connection::client(cc, "localhost").value();
  auto server = Connection::server(sc).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(client.handshake_complete()) << client.error()->to_string();
  EXPECT_TRUE(client.summary().hello_retry_request);
  EXPECT_EQ(server.summary().group, NamedGroup::x25519);
}

TEST(Connection, AlpnPicksTheServersPreference) {
  const auto& pki = test::make_pki();
  auto cc = client_config(pki);
  cc->alpn = {"h2", "http/1.1"};
  auto sc = server_config(pki);
  sc->alpn = {"http/1.1", "h2"};
  auto client = Connection::client(cc, "localhost").value();
  auto server = Connection::server(sc).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(client.handshake_complete());
  EXPECT_EQ(client.summary().alpn, "http/1.1");
  EXPECT_EQ(server.summary().alpn, "http/1.1");
  EXPECT_EQ(server.summary().server_name, "localhost");
}

TEST(Connection, AlpnMismatchRequiredIsNoApplicationProtocol) {
  const auto& pki = test::make_pki();
  auto cc = client_config(pki);
  cc->alpn = {"h2"};
  auto sc = server_config(pki);
  sc->alpn = {"http/1.1"};
  sc->alpn_required = true;
  auto client = Connection::client(cc, "localhost").value();
  auto server = Connection::server(sc).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(server.failed());
  EXPECT_EQ(server.error()->alert, AD::no_application_protocol);
  ASSERT_TRUE(client.failed());
  EXPECT_EQ(client.error()->alert, AD::no_application_protocol);
}

TEST(Connection, RecordsFedOneByteAtATime) {
  const auto& pki = test::make_pki({.key = LeafKey::rsa2048});
  auto cc = client_config(pki);
  cc->policy.key_share_groups = {NamedGroup::secp256r1};
  auto sc = server_config(pki);
  sc->policy.groups = {NamedGroup::x25519};
  auto client = Connection::client(cc, "localhost").value();
  auto server = Connection::server(sc).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server, 1);
  ASSERT_TRUE(client.handshake_complete()) << client.error()->to_string();
  ASSERT_TRUE(server.handshake_complete()) << server.error()->to_string();
  EXPECT_TRUE(client.summary().hello_retry_request);
  (void)events(client);
  (void)events(server);
  Bytes big(40000);
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<std::uint8_t>(i * 7);
  ASSERT_TRUE(client.send(big).ok());
  pump(client, server, 1);
  Bytes got;
  for (const Event& e : events(server)) got.insert(got.end(), e.data.begin(), e.data.end());
  EXPECT_EQ(got, big);
}

TEST(Connection, IpLiteralIsCheckedAndNeverSentAsSni) {
  const auto& pki = test::make_pki();  // iPAddress names 127.0.0.1 and ::1
  for (const char* name : {"127.0.0.1", "::1", "[::1]"}) {
    auto client = Connection::client(client_config(pki), name).value();
    auto server = Connection::server(server_config(pki)).value();
    ASSERT_TRUE(client.start().ok());
    pump(client, server);
    ASSERT_TRUE(client.handshake_complete()) << name << ": " << client.error()->to_string();
    EXPECT_FALSE(server.summary().server_name.has_value()) << name;
  }
  // An address the certificate does not name is refused.
  auto client = Connection::client(client_config(pki), "127.0.0.2").value();
  auto server = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(client.failed());
  EXPECT_EQ(client.error()->alert, AD::bad_certificate);
}

// ---- step mode and the states of Appendix A --------------------------------------------------

class StateRecorder : public Observer {
 public:
  void on_state_change(State, State to) override { states.push_back(to); }
  void on_handshake_message(Direction d, HandshakeType t, ByteView) override {
    messages.push_back(std::string(to_string(d)) + " " + to_string(t));
  }
  void on_secret(SecretKind k, ByteView, const Secret&) override { secrets.push_back(k); }
  void on_crypto(const CryptoOp& op) override { ops.push_back(op.kind); }
  std::vector<State> states;
  std::vector<std::string> messages;
  std::vector<SecretKind> secrets;
  std::vector<CryptoOpKind> ops;
};

TEST(Connection, StepModeWalksAppendixAOneMessageAtATime) {
  const auto& pki = test::make_pki();
  StateRecorder rec;
  ConnectionOptions opts;
  opts.step_mode = true;
  opts.observer = &rec;
  auto client = Connection::client(client_config(pki), "localhost", opts).value();
  auto server = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(server.receive(client.take_output()).ok());
  ASSERT_TRUE(client.receive(server.take_output()).ok());
  EXPECT_EQ(client.state(), State::WaitServerHello);  // step mode: only buffered
  const std::vector<State> expected = {State::WaitEncryptedExtensions,
                                       State::WaitCertificateOrCertificateRequest,
                                       State::WaitCertificateVerify, State::WaitFinished,
                                       State::Connected};
  for (State s : expected) {
    auto r = client.step();
    ASSERT_TRUE(r.ok()) << r.error().to_string();
    EXPECT_TRUE(r.value());
    EXPECT_EQ(client.state(), s);
  }
  EXPECT_FALSE(client.step().value());
  ASSERT_TRUE(server.receive(client.take_output()).ok());
  EXPECT_TRUE(server.handshake_complete());
  EXPECT_EQ(rec.states.front(), State::WaitServerHello);
  EXPECT_EQ(rec.messages.front(), "sent client_hello");
  EXPECT_EQ(rec.messages.back(), "sent finished");
  EXPECT_EQ(rec.messages.size(), 7u);
  EXPECT_EQ(rec.secrets.size(), 5u);
  EXPECT_FALSE(rec.ops.empty());
  EXPECT_EQ(appendix_a_name(State::WaitCertificateOrCertificateRequest), "WAIT_CERT_CR");
}

// ---- certificate failures and their alerts ---------------------------------------------------

void expect_refused(const test::TestPki& server_pki, const test::TestPki& trusted,
                    std::string_view name, AD alert, x509::VerifyError error) {
  auto client = Connection::client(client_config(trusted), name).value();
  auto server = Connection::server(server_config(server_pki)).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(client.failed());
  EXPECT_EQ(client.error()->alert, alert) << client.error()->to_string();
  ASSERT_TRUE(client.summary().verification.has_value());
  ASSERT_TRUE(client.summary().verification->diagnosis.has_value());
  EXPECT_EQ(client.summary().verification->diagnosis->error, error);
  // The server hears about it.
  ASSERT_TRUE(server.failed());
  EXPECT_EQ(server.error()->alert, alert);
  EXPECT_FALSE(client.handshake_complete());
}

TEST(Connection, WrongHostIsBadCertificate) {
  const auto& pki = test::make_pki();
  expect_refused(pki, pki, "example.com", AD::bad_certificate, x509::VerifyError::hostname_mismatch);
}

TEST(Connection, UntrustedRootIsUnknownCa) {
  const auto& pki = test::make_pki();
  const auto& other = test::make_pki({.seed = 2});
  expect_refused(pki, other, "localhost", AD::unknown_ca, x509::VerifyError::unknown_issuer);
}

TEST(Connection, ExpiredIsCertificateExpired) {
  const auto& expired = test::make_pki({.not_before = WallTime(std::chrono::seconds(1500000000)),
                                        .not_after = WallTime(std::chrono::seconds(1600000000))});
  expect_refused(expired, expired, "localhost", AD::certificate_expired,
                 x509::VerifyError::expired);
}

TEST(Connection, InsecureKnobsAcceptWhatTheChecksRefuse) {
  const auto& pki = test::make_pki();
  const auto& other = test::make_pki({.seed = 2});
  auto cc = client_config(other);
  cc->policy.insecure_skip_certificate_verification = true;
  auto client = Connection::client(cc, "example.com").value();
  auto server = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  EXPECT_TRUE(client.handshake_complete());
  ASSERT_TRUE(client.summary().verification.has_value());
  EXPECT_FALSE(client.summary().verification->ok());  // what would have failed is still told
}

TEST(Connection, NoCommonSuiteIsHandshakeFailure) {
  const auto& pki = test::make_pki();
  auto cc = client_config(pki);
  cc->policy.cipher_suites = {CipherSuite::tls_aes_128_gcm_sha256};
  auto sc = server_config(pki);
  sc->policy.cipher_suites = {CipherSuite::tls_chacha20_poly1305_sha256};
  auto client = Connection::client(cc, "localhost").value();
  auto server = Connection::server(sc).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(server.failed());
  EXPECT_EQ(server.error()->alert, AD::handshake_failure);
  EXPECT_EQ(client.error()->alert, AD::handshake_failure);
}

TEST(Connection, TamperedRecordIsBadRecordMac) {
  const auto& pki = test::make_pki();
  auto client = Connection::client(client_config(pki), "localhost").value();
  auto server = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(client.handshake_complete());
  ASSERT_TRUE(client.send(text("hello")).ok());
  Bytes rec = client.take_output();
  rec.back() ^= 1;
  auto r = server.receive(rec);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().alert, AD::bad_record_mac);
  EXPECT_TRUE(server.failed());
  // The alert goes out, protected, and the client reads it.
  ASSERT_TRUE(client.receive(server.take_output()).ok() == false);
  EXPECT_EQ(client.error()->alert, AD::bad_record_mac);
}

TEST(Connection, PlaintextAlertDuringTheHandshakeIsThePeersReason) {
  // OpenSSL sends the alert refusing our certificate before it switches its write key.
  const auto& pki = test::make_pki();
  auto client = Connection::client(client_config(pki), "localhost").value();
  auto server = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(client.start().ok());
  ASSERT_TRUE(server.receive(client.take_output()).ok());
  ASSERT_EQ(server.state(), State::WaitFinished);
  (void)server.take_output();
  const Bytes alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x30};  // fatal unknown_ca
  auto r = server.receive(alert);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().alert, AD::unknown_ca);
  EXPECT_FALSE(server.has_output());  // nothing is sent back to a fatal alert
  // After the handshake a plaintext alert is out of place.
  auto c2 = Connection::client(client_config(pki), "localhost").value();
  auto s2 = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(c2.start().ok());
  pump(c2, s2);
  ASSERT_TRUE(s2.handshake_complete());
  EXPECT_EQ(s2.receive(alert).error().alert, AD::unexpected_message);
}

TEST(Connection, IgnoredEarlyDataIsSkipped) {
  // §4.2.10: a client offering 0-RTT to a server that ignores it: the records the server cannot
  // read with the handshake key are skipped, within a bound.
  const auto& pki = test::make_pki();
  TestHooks hooks;
  hooks.edit_client_hello = [](ClientHello& ch, void*) {
    ch.extensions.push_back(Extension{ExtensionType::early_data, {}});
  };
  ConnectionOptions copts;
  copts.hooks = &hooks;
  auto client = Connection::client(client_config(pki), "localhost", copts).value();
  auto server = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(client.start().ok());
  Bytes flight = client.take_output();
  Bytes early = {0x17, 0x03, 0x03, 0x00, 0x20};
  early.resize(5 + 0x20, 0xAB);  // undecryptable 0-RTT record
  flight.insert(flight.end(), early.begin(), early.end());
  ASSERT_TRUE(server.receive(flight).ok());
  ASSERT_TRUE(server.receive(early).ok());  // read with the handshake key: fails, skipped
  // The client, not expecting early data to be accepted, gets no early_data back: it finishes.
  ASSERT_TRUE(client.receive(server.take_output()).ok()) << client.error()->to_string();
  ASSERT_TRUE(server.receive(client.take_output()).ok());
  EXPECT_TRUE(server.handshake_complete());
  // Past the bound, it is bad_record_mac.
  auto c2 = Connection::client(client_config(pki), "localhost", copts).value();
  auto s2 = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(c2.start().ok());
  ASSERT_TRUE(s2.receive(c2.take_output()).ok());
  Bytes big = {0x17, 0x03, 0x03, 0x40, 0x00};
  big.resize(5 + 0x4000, 0xCD);
  Result<Unit, TlsError> r = Unit{};
  for (int i = 0; i < 8 && r.ok(); ++i) r = s2.receive(big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().alert, AD::bad_record_mac);
}

TEST(Connection, DefaultTrustIsTheSystemStore) {
  // No trust_store configured: the system's roots, which do not include the test root.
  const auto& pki = test::make_pki();
  auto client = Connection::client(std::make_shared<ClientConfig>(), "localhost").value();
  auto server = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(client.failed());
  EXPECT_EQ(client.error()->alert, AD::unknown_ca) << client.error()->to_string();
}

TEST(Connection, ChangeCipherSpecBeforeTheClientHelloIsUnexpected) {
  // §5: the dummy record is tolerated only after the first ClientHello.
  const auto& pki = test::make_pki();
  auto server = Connection::server(server_config(pki)).value();
  const Bytes ccs = {0x14, 0x03, 0x03, 0x00, 0x01, 0x01};
  auto r = server.receive(ccs);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().alert, AD::unexpected_message);
  // After it, in the middle of the handshake, it is dropped.
  auto client = Connection::client(client_config(pki), "localhost").value();
  auto s2 = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(client.start().ok());
  Bytes flight = client.take_output();
  flight.insert(flight.end(), ccs.begin(), ccs.end());
  ASSERT_TRUE(s2.receive(flight).ok());
  ASSERT_TRUE(client.receive(s2.take_output()).ok());
  ASSERT_TRUE(s2.receive(client.take_output()).ok());
  EXPECT_TRUE(s2.handshake_complete());
  // After the Finished it is unexpected again.
  EXPECT_EQ(s2.receive(ccs).error().alert, AD::unexpected_message);
}

TEST(Connection, TruncationWithoutCloseNotifyIsReported) {
  const auto& pki = test::make_pki();
  auto client = Connection::client(client_config(pki), "localhost").value();
  auto server = Connection::server(server_config(pki)).value();
  ASSERT_TRUE(client.start().ok());
  pump(client, server);
  ASSERT_TRUE(client.handshake_complete());
  EXPECT_FALSE(client.end_of_input().ok());
}

TEST(Connection, SendBeforeHandshakeIsRefused) {
  const auto& pki = test::make_pki();
  auto client = Connection::client(client_config(pki), "localhost").value();
  ASSERT_TRUE(client.start().ok());
  EXPECT_FALSE(client.send(text("early")).ok());
}

}  // namespace
}  // namespace glasstls::tls
