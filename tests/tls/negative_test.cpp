// One test per alert path of the TLS 1.3 handshake (RFC 8446 §6.2 and the section of each rule):
// a real client and a real server talk over memory, and the test breaks one thing between them —
// a hello edited by a TestHook before it is encoded, a record cut or flipped on the way, or the
// server's encrypted flight opened with its handshake key (read from an Observer), rearranged or
// altered message by message, and sealed again — then checks that
//   1. the side that detects the fault fails with the alert the RFC names (error()->alert), and
//   2. its peer, fed the bytes the failing side sent, reads that same alert (its error()->alert) —
//      including the plaintext alert of a client that aborts on the ServerHello, which reaches a
//      server already expecting protected records.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "glasstls/tls/config.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/extensions.hpp"
#include "glasstls/tls/key_schedule.hpp"
#include "glasstls/tls/messages.hpp"
#include "glasstls/tls/observer.hpp"
#include "glasstls/tls/record.hpp"
#include "support/test_support.hpp"
#include "support/tls_pki.hpp"

namespace glasstls::tls {
namespace {

using AD = AlertDescription;
using test::LeafKey;

// ---- Plumbing -----------------------------------------------------------------------------------

/// Hooks as std::functions (TestHooks takes plain function pointers and a context).
struct HookFns {
  std::function<void(ClientHello&)> client_hello;
  std::function<void(ServerHello&)> server_hello;
  std::function<void(EncryptedExtensions&)> encrypted_extensions;
};
void call_client_hello(ClientHello& m, void* ctx) {
  auto* f = static_cast<HookFns*>(ctx);
  if (f->client_hello) f->client_hello(m);
}
void call_server_hello(ServerHello& m, void* ctx) {
  auto* f = static_cast<HookFns*>(ctx);
  if (f->server_hello) f->server_hello(m);
}
void call_encrypted_extensions(EncryptedExtensions& m, void* ctx) {
  auto* f = static_cast<HookFns*>(ctx);
  if (f->encrypted_extensions) f->encrypted_extensions(m);
}

/// Keeps the handshake traffic secrets a connection derives (the suite is pinned to
/// TLS_AES_128_GCM_SHA256, so they are SHA-256 secrets).
class SecretTap final : public Observer {
 public:
  void on_secret(SecretKind kind, ByteView, const Secret& secret) override {
    secrets[kind] = Bytes(secret.view().begin(), secret.view().end());
  }
  RecordProtection protection(SecretKind kind) const {
    auto it = secrets.find(kind);
    EXPECT_NE(it, secrets.end()) << "secret not derived";
    const Bytes bytes = it == secrets.end() ? Bytes(32) : it->second;
    const TrafficKeys keys =
        traffic_keys(Secret(crypto::HashAlg::sha256, bytes), crypto::AeadAlg::aes_128_gcm);
    return RecordProtection::create(crypto::AeadAlg::aes_128_gcm, keys.key(), keys.iv).value();
  }
  std::map<SecretKind, Bytes> secrets;
};

/// Whole records (5-byte header ‖ fragment) of a byte stream.
std::vector<Bytes> split_records(const Bytes& stream) {
  std::vector<Bytes> out;
  std::size_t off = 0;
  while (off + 5 <= stream.size()) {
    const std::size_t len = (std::size_t{stream[off + 3]} << 8) | stream[off + 4];
    const std::size_t end = std::min(stream.size(), off + 5 + len);
    out.emplace_back(stream.begin() + static_cast<std::ptrdiff_t>(off),
                     stream.begin() + static_cast<std::ptrdiff_t>(end));
    off = end;
  }
  return out;
}

/// Whole handshake messages (type(1) ‖ uint24 length ‖ body) of concatenated handshake bytes.
std::vector<Bytes> split_messages(const Bytes& data) {
  std::vector<Bytes> out;
  std::size_t off = 0;
  while (off + 4 <= data.size()) {
    const std::size_t len =
        (std::size_t{data[off + 1]} << 16) | (std::size_t{data[off + 2]} << 8) | data[off + 3];
    const std::size_t end = std::min(data.size(), off + 4 + len);
    out.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(off),
                     data.begin() + static_cast<std::ptrdiff_t>(end));
    off = end;
  }
  return out;
}

Bytes join(const std::vector<Bytes>& parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

/// A plaintext handshake record carrying `message` (§5.1).
Bytes plaintext_record(const Bytes& message, std::uint16_t version = 0x0303) {
  return write_plaintext_records(ContentType::handshake, message, kMaxPlaintext, version);
}

template <typename T>
Bytes must(Result<T, TlsError> r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().to_string());
  if (!r.ok()) return {};
  return Bytes(std::move(r).value());
}

/// The server's first flight taken apart: its plaintext records (ServerHello) and the handshake
/// messages of its encrypted records (EncryptedExtensions, Certificate, CertificateVerify,
/// Finished), opened with the server's handshake key.
struct ServerFlight {
  Bytes plaintext;
  std::vector<Bytes> messages;
};

// ---- The fixture: a client and a server about to talk -------------------------------------------

class Negative : public ::testing::Test {
 protected:
  void SetUp() override { use_pki(LeafKey::ecdsa_p256); }

  void use_pki(LeafKey key) {
    const auto& pki = test::make_pki({.key = key});
    cc = std::make_shared<ClientConfig>();
    cc->trust_store = pki.trust;
    sc = std::make_shared<ServerConfig>();
    sc->credentials.push_back(pki.credential);
    // One suite, so the tests know the record protection; no §D.4 dummy records to step over.
    cc->policy.cipher_suites = {CipherSuite::tls_aes_128_gcm_sha256};
    cc->policy.middlebox_compatibility = false;
    sc->policy.middlebox_compatibility = false;
  }

  /// Builds both connections from the configs and hooks as they are now.
  void build() {
    client_hooks = {call_client_hello, nullptr, nullptr, &client_fns};
    server_hooks = {nullptr, call_server_hello, call_encrypted_extensions, &server_fns};
    ConnectionOptions co;
    co.hooks = &client_hooks;
    co.observer = &client_tap;
    ConnectionOptions so;
    so.hooks = &server_hooks;
    so.observer = &server_tap;
    client.emplace(Connection::client(cc, "localhost", co).value());
    server.emplace(Connection::server(sc, so).value());
  }

  /// client.start(), and the ClientHello record(s) it queued.
  Bytes start() {
    build();
    EXPECT_TRUE(client->start().ok());
    return client->take_output();
  }

  /// Starts and hands the ClientHello to the server; true if the server took it.
  bool server_receive_first_hello() {
    const Bytes ch = start();
    return server->receive(ch).ok();
  }

  /// Starts, hands the ClientHello to the server, and takes its flight apart.
  ServerFlight server_flight() {
    const Bytes ch = start();
    EXPECT_TRUE(server->receive(ch).ok()) << server->error()->to_string();
    ServerFlight f;
    Bytes handshake;
    RecordProtection hs = server_tap.protection(SecretKind::server_handshake_traffic);
    for (const Bytes& rec : split_records(server->take_output())) {
      if (rec[0] != static_cast<std::uint8_t>(ContentType::application_data)) {
        f.plaintext.insert(f.plaintext.end(), rec.begin(), rec.end());
        continue;
      }
      auto opened = hs.open(rec);
      EXPECT_TRUE(opened.ok());
      if (opened.ok()) {
        EXPECT_EQ(opened->type, ContentType::handshake);
        handshake.insert(handshake.end(), opened->content.begin(), opened->content.end());
      }
    }
    f.messages = split_messages(handshake);
    EXPECT_EQ(f.messages.size(), 4u)
        << "EncryptedExtensions, Certificate, CertificateVerify, Finished";
    return f;
  }

  /// The flight's messages sealed again under the server's handshake key (one record), after the
  /// plaintext ServerHello.
  Bytes reseal(const ServerFlight& f) {
    RecordProtection hs = server_tap.protection(SecretKind::server_handshake_traffic);
    Bytes out = f.plaintext;
    const Bytes rec = must(hs.seal(ContentType::handshake, join(f.messages)));
    out.insert(out.end(), rec.begin(), rec.end());
    return out;
  }

  /// `detector` failed with `alert`, and its peer, given what the detector sent, reads it too.
  void expect_alert(Connection& detector, Connection& peer, AD alert) {
    ASSERT_TRUE(detector.failed()) << "the fault went unnoticed";
    ASSERT_TRUE(detector.error().has_value());
    EXPECT_EQ(detector.error()->alert, alert)
        << "expected " << to_string(alert) << ", got " << detector.error()->to_string();
    const Bytes sent = detector.take_output();
    ASSERT_FALSE(sent.empty()) << "no alert was sent";
    EXPECT_FALSE(peer.receive(sent).ok());
    ASSERT_TRUE(peer.error().has_value()) << "the peer did not notice the alert";
    EXPECT_EQ(peer.error()->alert, alert)
        << "the peer read " << peer.error()->to_string() << " instead of " << to_string(alert);
  }

  /// Client and server exchange everything until neither has more to say (bounded).
  void pump() {
    for (int round = 0; round < 32; ++round) {
      bool moved = false;
      for (auto [from, to] : {std::pair{&*client, &*server}, std::pair{&*server, &*client}}) {
        const Bytes out = from->take_output();
        if (out.empty() || to->failed()) continue;
        moved = true;
        (void)to->receive(out);
      }
      if (!moved) return;
    }
    ADD_FAILURE() << "pump did not settle";
  }

  /// A HelloRetryRequest round: the client shares x25519 only, the server wants P-256.
  void want_hello_retry_request() {
    cc->policy.groups = {NamedGroup::x25519, NamedGroup::secp256r1};
    cc->policy.key_share_groups = {NamedGroup::x25519};
    sc->policy.groups = {NamedGroup::secp256r1};
  }

  std::shared_ptr<ClientConfig> cc;
  std::shared_ptr<ServerConfig> sc;
  HookFns client_fns, server_fns;
  TestHooks client_hooks, server_hooks;
  SecretTap client_tap, server_tap;
  std::optional<Connection> client, server;
};

enum Flight : std::size_t { kEE = 0, kCert = 1, kCV = 2, kFin = 3 };

// ---- The baseline: the tampering machinery itself changes nothing -------------------------------

TEST_F(Negative, ResealedUnchangedFlightIsAccepted) {
  const ServerFlight f = server_flight();
  ASSERT_TRUE(client->receive(reseal(f)).ok()) << client->error()->to_string();
  EXPECT_TRUE(client->handshake_complete());
  ASSERT_TRUE(server->receive(client->take_output()).ok());
  EXPECT_TRUE(server->handshake_complete());
}

// ---- decode_error: malformed messages
// -------------------------------------------------------------------------------------------------

TEST_F(Negative, TruncatedClientHelloIsDecodeError) {
  // The ClientHello minus its last byte, with the handshake and record lengths fixed up: the
  // extensions block now claims one byte more than there is (§4.1.2, §6.2 decode_error).
  const Bytes record = start();
  Bytes message(record.begin() + 5, record.end() - 1);
  const std::size_t len = message.size() - 4;
  message[1] = static_cast<std::uint8_t>(len >> 16);
  message[2] = static_cast<std::uint8_t>(len >> 8);
  message[3] = static_cast<std::uint8_t>(len);
  EXPECT_FALSE(server->receive(plaintext_record(message, 0x0301)).ok());
  expect_alert(*server, *client, AD::decode_error);
}

TEST_F(Negative, MalformedEncryptedExtensionsIsDecodeError) {
  // struct { Extension extensions<0..2^16-1>; } with a length of 5 and one byte behind it.
  ServerFlight f = server_flight();
  f.messages[kEE] = test::hex("08 00 00 03 00 05 00");
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::decode_error);
}

TEST_F(Negative, EmptyCertificateIsDecodeError) {
  // §4.4.2.4: "If the server supplies an empty Certificate message, the client MUST abort the
  // handshake with a "decode_error" alert."
  ServerFlight f = server_flight();
  f.messages[kCert] = must(encode(Certificate{}));
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::decode_error);
}

TEST_F(Negative, UnparseableCertificateIsBadCertificate) {
  // §4.4.2.4 / §6.2: a certificate that cannot be parsed is bad_certificate.
  ServerFlight f = server_flight();
  Certificate c;
  c.certificate_list.push_back({test::hex("30 03 02 01 00"), {}});
  f.messages[kCert] = must(encode(c));
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::bad_certificate);
}

// ---- unexpected_message: messages out of order (Appendix A)
// -------------------------------------------------------------------------------------------------

TEST_F(Negative, CertificateBeforeEncryptedExtensionsIsUnexpectedMessage) {
  ServerFlight f = server_flight();
  std::swap(f.messages[kEE], f.messages[kCert]);
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::unexpected_message);
}

TEST_F(Negative, ServerFinishedFirstIsUnexpectedMessage) {
  ServerFlight f = server_flight();
  f.messages = {f.messages[kFin]};
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::unexpected_message);
}

TEST_F(Negative, CertificateVerifyBeforeCertificateIsUnexpectedMessage) {
  ServerFlight f = server_flight();
  std::swap(f.messages[kCert], f.messages[kCV]);
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::unexpected_message);
}

TEST_F(Negative, FinishedAsTheFirstClientMessageIsUnexpectedMessage) {
  (void)start();
  Finished fin;
  fin.verify_data = Bytes(32, 0x5a);
  EXPECT_FALSE(server->receive(plaintext_record(must(encode(fin)), 0x0301)).ok());
  expect_alert(*server, *client, AD::unexpected_message);
}

TEST_F(Negative, SecondHelloRetryRequestIsUnexpectedMessage) {
  // §4.1.4: "If a client receives a second HelloRetryRequest in the same connection ..., it MUST
  // abort the handshake with an "unexpected_message" alert."
  want_hello_retry_request();
  const Bytes ch1 = start();
  ASSERT_TRUE(server->receive(ch1).ok());
  const Bytes hrr = server->take_output();
  ASSERT_TRUE(client->receive(hrr).ok()) << client->error()->to_string();
  ASSERT_TRUE(client->summary().hello_retry_request);
  (void)client->take_output();  // the second ClientHello, never delivered
  EXPECT_FALSE(client->receive(hrr).ok());
  expect_alert(*client, *server, AD::unexpected_message);
}

// ---- decrypt_error: Finished and CertificateVerify that do not verify
// -------------------------------------------------------------------------------------------------

TEST_F(Negative, BadServerFinishedIsDecryptError) {
  ServerFlight f = server_flight();
  f.messages[kFin].back() ^= 0x01;
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::decrypt_error);
}

TEST_F(Negative, BadClientFinishedIsDecryptError) {
  const ServerFlight f = server_flight();
  ASSERT_TRUE(client->receive(reseal(f)).ok());
  // The client's Finished, opened with its handshake key, altered, sealed again.
  const Bytes out = client->take_output();
  RecordProtection open_key = client_tap.protection(SecretKind::client_handshake_traffic);
  auto opened = open_key.open(out);
  ASSERT_TRUE(opened.ok());
  ASSERT_EQ(opened->type, ContentType::handshake);
  opened->content.back() ^= 0x80;
  RecordProtection seal_key = client_tap.protection(SecretKind::client_handshake_traffic);
  EXPECT_FALSE(server->receive(must(seal_key.seal(ContentType::handshake, opened->content))).ok());
  expect_alert(*server, *client, AD::decrypt_error);
}

TEST_F(Negative, BadCertificateVerifySignatureIsDecryptError) {
  use_pki(LeafKey::ed25519);
  ServerFlight f = server_flight();
  f.messages[kCV].back() ^= 0x01;  // the last byte of the 64-byte Ed25519 signature
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::decrypt_error);
}

TEST_F(Negative, CertificateVerifySchemeNotOfferedIsIllegalParameter) {
  // §4.4.3: the algorithm "MUST be one offered in the client's signature_algorithms".
  cc->policy.signature_schemes = {SignatureScheme::ecdsa_secp256r1_sha256};
  ServerFlight f = server_flight();
  f.messages[kCV][4] = 0x05;  // ecdsa_secp384r1_sha384 (0x0503), not offered
  f.messages[kCV][5] = 0x03;
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, CertificateVerifyWithPkcs1IsIllegalParameter) {
  // §4.4.3: "RSA signatures MUST use an RSASSA-PSS algorithm" — even when the client lists a
  // PKCS#1 scheme (for certificates, §4.2.3), a CertificateVerify may not use it.
  use_pki(LeafKey::rsa2048);
  client_fns.client_hello = [](ClientHello& ch) {
    for (Extension& e : ch.extensions) {
      if (e.type != ExtensionType::signature_algorithms) continue;
      auto list = decode_signature_algorithms(e.data).value();
      list.schemes.push_back(SignatureScheme::rsa_pkcs1_sha256);
      e = to_extension(list).value();
    }
  };
  ServerFlight f = server_flight();
  ASSERT_EQ(f.messages[kCV][4], 0x08) << "the server signed with RSA-PSS";
  f.messages[kCV][4] = 0x04;  // rsa_pkcs1_sha256 (0x0401)
  f.messages[kCV][5] = 0x01;
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, CertificateVerifySchemeOfAnotherCurveIsIllegalParameter) {
  // §4.2.3: ECDSA schemes bind the curve; a P-256 key cannot answer ecdsa_secp384r1_sha384, even
  // though the client offered that scheme.
  ServerFlight f = server_flight();
  ASSERT_EQ(f.messages[kCV][4], 0x04);
  ASSERT_EQ(f.messages[kCV][5], 0x03);  // ecdsa_secp256r1_sha256
  f.messages[kCV][4] = 0x05;            // ecdsa_secp384r1_sha384
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, UnsolicitedCertificateEntryExtensionIsUnsupportedExtension) {
  // §4.4.2: CertificateEntry extensions must answer extensions of the ClientHello; the client
  // asked for no OCSP status (status_request).
  ServerFlight f = server_flight();
  Certificate c = decode_certificate(ByteView(f.messages[kCert]).subspan(4), Limits{}).value();
  c.certificate_list.front().extensions.push_back(
      Extension{ExtensionType::status_request, test::hex("01 00 00 01 00")});
  f.messages[kCert] = must(encode(c));
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::unsupported_extension);
}

TEST_F(Negative, ApplicationDataBeforeFinishedIsUnexpectedMessage) {
  // No early data, and none before the server's Finished: application data in the middle of the
  // handshake is out of order (§2, Appendix A.1).
  const ServerFlight f = server_flight();
  RecordProtection hs = server_tap.protection(SecretKind::server_handshake_traffic);
  Bytes wire = f.plaintext;
  const Bytes rec = must(hs.seal(ContentType::application_data, test::hex("68 69")));
  wire.insert(wire.end(), rec.begin(), rec.end());
  EXPECT_FALSE(client->receive(wire).ok());
  expect_alert(*client, *server, AD::unexpected_message);
}

// ---- Records: bad_record_mac, record_overflow
// -------------------------------------------------------------------------------------------------

TEST_F(Negative, TamperedRecordIsBadRecordMac) {
  const ServerFlight f = server_flight();
  Bytes wire = reseal(f);
  wire[wire.size() - 20] ^= 0x01;  // a ciphertext byte of the protected record
  EXPECT_FALSE(client->receive(wire).ok());
  expect_alert(*client, *server, AD::bad_record_mac);
}

TEST_F(Negative, OversizedPlaintextRecordIsRecordOverflow) {
  // §5.1: "The length MUST NOT exceed 2^14 bytes."
  (void)start();
  Bytes rec = {0x16, 0x03, 0x01, 0x40, 0x01};
  rec.resize(5 + 0x4001, 0x00);
  EXPECT_FALSE(server->receive(rec).ok());
  expect_alert(*server, *client, AD::record_overflow);
}

TEST_F(Negative, OversizedProtectedRecordIsRecordOverflow) {
  // §5.2: "The length MUST NOT exceed 2^14 + 256 bytes."
  const ServerFlight f = server_flight();
  Bytes wire = f.plaintext;  // the ServerHello: the client now has handshake keys
  const std::size_t len = (1u << 14) + 257;
  const Bytes header = {0x17, 0x03, 0x03, static_cast<std::uint8_t>(len >> 8),
                        static_cast<std::uint8_t>(len)};
  wire.insert(wire.end(), header.begin(), header.end());
  wire.resize(wire.size() + len, 0x00);
  EXPECT_FALSE(client->receive(wire).ok());
  expect_alert(*client, *server, AD::record_overflow);
}

// ---- ServerHello: what was not offered
// -------------------------------------------------------------------------------------------------

TEST_F(Negative, ServerHelloWithUnofferedSuiteIsIllegalParameter) {
  // §4.1.3: "A client which receives a cipher suite that was not offered MUST abort the handshake
  // with an "illegal_parameter" alert."
  server_fns.server_hello = [](ServerHello& sh) {
    sh.cipher_suite = CipherSuite::tls_aes_256_gcm_sha384;
  };
  const ServerFlight f = server_flight();
  EXPECT_FALSE(client->receive(f.plaintext).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, ServerHelloWithUnofferedExtensionIsUnsupportedExtension) {
  // §4.2: "If an implementation receives an extension which it recognizes and which it did not
  // request ... it MUST abort the handshake with an "unsupported_extension" alert."
  server_fns.server_hello = [](ServerHello& sh) {
    sh.extensions.push_back(to_extension(ProtocolNameList{{"h2"}}).value());
  };
  const ServerFlight f = server_flight();
  EXPECT_FALSE(client->receive(f.plaintext).ok());
  expect_alert(*client, *server, AD::unsupported_extension);
}

TEST_F(Negative, ServerHelloKeyShareForAnotherGroupIsIllegalParameter) {
  // §4.2.8: the server's share must be for a group the client sent a share for (x25519 here).
  cc->policy.groups = {NamedGroup::x25519, NamedGroup::secp256r1};
  server_fns.server_hello = [](ServerHello& sh) {
    for (Extension& e : sh.extensions) {
      if (e.type != ExtensionType::key_share) continue;
      Bytes point(65, 0x00);
      point[0] = 0x04;
      e = to_extension(KeyShareServerHello{{NamedGroup::secp256r1, point}}).value();
    }
  };
  const ServerFlight f = server_flight();
  EXPECT_FALSE(client->receive(f.plaintext).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, ServerHelloWithSmallOrderX25519ShareIsIllegalParameter) {
  // §7.4.2: an all-zero X25519 shared secret (here from the point u = 0) MUST be refused; glasstls
  // treats it as a bad key share.
  server_fns.server_hello = [](ServerHello& sh) {
    for (Extension& e : sh.extensions) {
      if (e.type != ExtensionType::key_share) continue;
      e = to_extension(KeyShareServerHello{{NamedGroup::x25519, Bytes(32, 0x00)}}).value();
    }
  };
  const ServerFlight f = server_flight();
  EXPECT_FALSE(client->receive(f.plaintext).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, ServerHelloWithWrongSessionIdEchoIsIllegalParameter) {
  // §4.1.3: "A client which receives a legacy_session_id_echo field that does not match what it
  // sent in the ClientHello MUST abort the handshake with an "illegal_parameter" alert."
  server_fns.server_hello = [](ServerHello& sh) { sh.legacy_session_id_echo = Bytes(32, 0x11); };
  const ServerFlight f = server_flight();
  EXPECT_FALSE(client->receive(f.plaintext).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, SupportedVersionsSelectingTls12IsIllegalParameter) {
  // §4.2.1: a selected_version the client did not offer "MUST" be refused with
  // "illegal_parameter".
  server_fns.server_hello = [](ServerHello& sh) {
    for (Extension& e : sh.extensions) {
      if (e.type == ExtensionType::supported_versions) e.data = {0x03, 0x03};
    }
  };
  const ServerFlight f = server_flight();
  EXPECT_FALSE(client->receive(f.plaintext).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, DowngradeSentinelIsIllegalParameter) {
  // §4.1.3: a TLS 1.3 client that sees DOWNGRD\x01 (TLS 1.2) or DOWNGRD\x00 (1.1 and below) at
  // the end of ServerHello.random "MUST abort the handshake with an "illegal_parameter" alert".
  for (std::uint8_t last : {std::uint8_t{0x01}, std::uint8_t{0x00}}) {
    SCOPED_TRACE(static_cast<int>(last));
    server_fns.server_hello = [last](ServerHello& sh) {
      std::erase_if(sh.extensions,
                    [](const Extension& e) { return e.type == ExtensionType::supported_versions; });
      const std::uint8_t sentinel[8] = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, last};
      std::copy(std::begin(sentinel), std::end(sentinel), sh.random.begin() + 24);
    };
    const ServerFlight f = server_flight();
    EXPECT_FALSE(client->receive(f.plaintext).ok());
    expect_alert(*client, *server, AD::illegal_parameter);
  }
}

TEST_F(Negative, ServerHelloChoosingTls12IsProtocolVersion) {
  // No supported_versions and no sentinel: the server chose TLS 1.2, which glasstls does not speak.
  server_fns.server_hello = [](ServerHello& sh) {
    std::erase_if(sh.extensions,
                  [](const Extension& e) { return e.type == ExtensionType::supported_versions; });
  };
  const ServerFlight f = server_flight();
  EXPECT_FALSE(client->receive(f.plaintext).ok());
  expect_alert(*client, *server, AD::protocol_version);
}

// ---- HelloRetryRequest
// -------------------------------------------------------------------------------------------------

/// Sets the HelloRetryRequest's selected_group.
std::function<void(ServerHello&)> select_group(NamedGroup g) {
  return [g](ServerHello& sh) {
    if (!sh.is_hello_retry_request()) return;
    for (Extension& e : sh.extensions) {
      if (e.type == ExtensionType::key_share)
        e = to_extension(KeyShareHelloRetryRequest{g}).value();
    }
  };
}

TEST_F(Negative, HelloRetryRequestForUnofferedGroupIsIllegalParameter) {
  // §4.2.8: the selected_group must be in the client's supported_groups.
  want_hello_retry_request();
  server_fns.server_hello = select_group(NamedGroup::secp384r1);
  ASSERT_TRUE(server_receive_first_hello());
  EXPECT_FALSE(client->receive(server->take_output()).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, HelloRetryRequestForAlreadySharedGroupIsIllegalParameter) {
  // §4.2.8: "... and not a group for which the client already provided a key share".
  want_hello_retry_request();
  server_fns.server_hello = select_group(NamedGroup::x25519);
  ASSERT_TRUE(server_receive_first_hello());
  EXPECT_FALSE(client->receive(server->take_output()).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, HelloRetryRequestThatChangesNothingIsIllegalParameter) {
  // §4.1.4: a HelloRetryRequest that "would not result in any change in the ClientHello".
  want_hello_retry_request();
  server_fns.server_hello = [](ServerHello& sh) {
    std::erase_if(sh.extensions, [](const Extension& e) {
      return e.type == ExtensionType::key_share || e.type == ExtensionType::cookie;
    });
  };
  ASSERT_TRUE(server_receive_first_hello());
  EXPECT_FALSE(client->receive(server->take_output()).ok());
  expect_alert(*client, *server, AD::illegal_parameter);
}

TEST_F(Negative, HelloRetryRequestWithUnofferedExtensionIsUnsupportedExtension) {
  // §4.2: only the cookie may come unasked in a HelloRetryRequest.
  want_hello_retry_request();
  server_fns.server_hello = [](ServerHello& sh) {
    if (sh.is_hello_retry_request()) {
      sh.extensions.push_back(to_extension(ProtocolNameList{{"h2"}}).value());
    }
  };
  ASSERT_TRUE(server_receive_first_hello());
  EXPECT_FALSE(client->receive(server->take_output()).ok());
  expect_alert(*client, *server, AD::unsupported_extension);
}

TEST_F(Negative, ServerHelloChangingTheRetrySuiteIsIllegalParameter) {
  // §4.1.4: the ServerHello's cipher suite must be the one of the HelloRetryRequest.
  want_hello_retry_request();
  cc->policy.cipher_suites = {CipherSuite::tls_aes_128_gcm_sha256,
                              CipherSuite::tls_chacha20_poly1305_sha256};
  server_fns.server_hello = [](ServerHello& sh) {
    if (!sh.is_hello_retry_request()) sh.cipher_suite = CipherSuite::tls_chacha20_poly1305_sha256;
  };
  ASSERT_TRUE(server_receive_first_hello());
  ASSERT_TRUE(client->receive(server->take_output()).ok());
  ASSERT_TRUE(server->receive(client->take_output()).ok()) << server->error()->to_string();
  const std::vector<Bytes> records = split_records(server->take_output());
  ASSERT_FALSE(records.empty());
  EXPECT_FALSE(client->receive(records.front()).ok());  // the ServerHello
  expect_alert(*client, *server, AD::illegal_parameter);
}

/// The second ClientHello of a HelloRetryRequest round, decoded, for a test to alter.
ClientHello second_client_hello(const Bytes& record) {
  EXPECT_EQ(record.at(0), 0x16);
  return decode_client_hello(ByteView(record).subspan(9)).value();
}

TEST_F(Negative, SecondClientHelloChangingSuitesIsIllegalParameter) {
  // §4.1.2: the second ClientHello may change only key_share, cookie, early_data,
  // pre_shared_key and padding.
  want_hello_retry_request();
  cc->policy.cipher_suites = {CipherSuite::tls_aes_128_gcm_sha256,
                              CipherSuite::tls_chacha20_poly1305_sha256};
  ASSERT_TRUE(server_receive_first_hello());
  ASSERT_TRUE(client->receive(server->take_output()).ok());
  ClientHello ch2 = second_client_hello(client->take_output());
  ch2.cipher_suites.pop_back();
  EXPECT_FALSE(server->receive(plaintext_record(must(encode(ch2)))).ok());
  expect_alert(*server, *client, AD::illegal_parameter);
}

TEST_F(Negative, SecondClientHelloDroppingAnExtensionIsIllegalParameter) {
  // §4.1.2: server_name may not disappear from the second ClientHello.
  want_hello_retry_request();
  ASSERT_TRUE(server_receive_first_hello());
  ASSERT_TRUE(client->receive(server->take_output()).ok());
  ClientHello ch2 = second_client_hello(client->take_output());
  std::erase_if(ch2.extensions,
                [](const Extension& e) { return e.type == ExtensionType::server_name; });
  EXPECT_FALSE(server->receive(plaintext_record(must(encode(ch2)))).ok());
  expect_alert(*server, *client, AD::illegal_parameter);
}

TEST_F(Negative, SecondClientHelloWithWrongCookieIsIllegalParameter) {
  // §4.2.2: the client echoes the cookie; a different one is refused.
  want_hello_retry_request();
  ASSERT_TRUE(server_receive_first_hello());
  ASSERT_TRUE(client->receive(server->take_output()).ok());
  ClientHello ch2 = second_client_hello(client->take_output());
  bool had_cookie = false;
  for (Extension& e : ch2.extensions) {
    if (e.type != ExtensionType::cookie) continue;
    auto cookie = decode_cookie(e.data).value();
    cookie.cookie.back() ^= 0x01;
    e = to_extension(cookie).value();
    had_cookie = true;
  }
  ASSERT_TRUE(had_cookie);
  EXPECT_FALSE(server->receive(plaintext_record(must(encode(ch2)))).ok());
  expect_alert(*server, *client, AD::illegal_parameter);
}

// ---- ClientHello: versions and mandatory extensions
// -------------------------------------------------------------------------------------------------

TEST_F(Negative, ClientHelloWithoutTls13IsProtocolVersion) {
  client_fns.client_hello = [](ClientHello& ch) {
    for (Extension& e : ch.extensions) {
      if (e.type == ExtensionType::supported_versions) {
        e = to_extension(SupportedVersionsClientHello{{ProtocolVersion::tls12}}).value();
      }
    }
  };
  EXPECT_FALSE(server->receive(start()).ok());
  expect_alert(*server, *client, AD::protocol_version);
}

TEST_F(Negative, ClientHelloWithoutSignatureAlgorithmsIsMissingExtension) {
  // §9.2: without pre_shared_key a ClientHello MUST carry signature_algorithms.
  client_fns.client_hello = [](ClientHello& ch) {
    std::erase_if(ch.extensions,
                  [](const Extension& e) { return e.type == ExtensionType::signature_algorithms; });
  };
  EXPECT_FALSE(server->receive(start()).ok());
  expect_alert(*server, *client, AD::missing_extension);
}

TEST_F(Negative, ClientHelloWithoutSupportedGroupsIsMissingExtension) {
  // §9.2: ... and supported_groups (with key_share).
  client_fns.client_hello = [](ClientHello& ch) {
    std::erase_if(ch.extensions,
                  [](const Extension& e) { return e.type == ExtensionType::supported_groups; });
  };
  EXPECT_FALSE(server->receive(start()).ok());
  expect_alert(*server, *client, AD::missing_extension);
}

TEST_F(Negative, PreSharedKeyWithoutPskModesIsMissingExtension) {
  // §4.2.9: a pre_shared_key offer without psk_key_exchange_modes aborts the handshake, even on a
  // server (like glasstls today) that would otherwise ignore the PSK.
  client_fns.client_hello = [](ClientHello& ch) {
    OfferedPsks psks;
    psks.identities.push_back(PskIdentity{Bytes(16, 0x42), 0});
    psks.binders.push_back(Bytes(32, 0));
    ch.extensions.push_back(to_extension(psks).value());  // last, as §4.2.11 requires
  };
  EXPECT_FALSE(server->receive(start()).ok());
  expect_alert(*server, *client, AD::missing_extension);
}

TEST_F(Negative, IgnoredPreSharedKeyStillGivesAFullHandshake) {
  // glasstls issues no tickets: a PSK offer (with its modes) is ignored and the handshake goes
  // on with a certificate (§4.2.11: the server "MAY ignore" it).
  client_fns.client_hello = [](ClientHello& ch) {
    ch.extensions.push_back(
        to_extension(PskKeyExchangeModes{{PskKeyExchangeMode::psk_dhe_ke}}).value());
    OfferedPsks psks;
    psks.identities.push_back(PskIdentity{Bytes(16, 0x42), 0});
    psks.binders.push_back(Bytes(32, 0));
    ch.extensions.push_back(to_extension(psks).value());
  };
  ASSERT_TRUE(server->receive(start()).ok()) << server->error()->to_string();
  EXPECT_EQ(server->state(), State::WaitFinished);
}

TEST_F(Negative, ClientHelloWithoutKeyShareIsMissingExtension) {
  // §9.2: "If containing a "supported_groups" extension, it MUST also contain a "key_share"
  // extension, and vice versa."
  client_fns.client_hello = [](ClientHello& ch) {
    std::erase_if(ch.extensions,
                  [](const Extension& e) { return e.type == ExtensionType::key_share; });
  };
  EXPECT_FALSE(server->receive(start()).ok());
  expect_alert(*server, *client, AD::missing_extension);
}

TEST_F(Negative, UnknownClientHelloValuesAreIgnored) {
  // §9.3: a server MUST ignore unrecognized cipher suites, groups, signature schemes and
  // extensions (GREASE values here, RFC 8701), and the handshake goes on.
  client_fns.client_hello = [](ClientHello& ch) {
    ch.cipher_suites.insert(ch.cipher_suites.begin(), static_cast<CipherSuite>(0x0a0a));
    for (Extension& e : ch.extensions) {
      if (e.type == ExtensionType::supported_groups) {
        auto g = decode_supported_groups(e.data).value();
        g.groups.insert(g.groups.begin(), static_cast<NamedGroup>(0x1a1a));
        e = to_extension(g).value();
      } else if (e.type == ExtensionType::signature_algorithms) {
        auto s = decode_signature_algorithms(e.data).value();
        s.schemes.insert(s.schemes.begin(), static_cast<SignatureScheme>(0x0a0a));
        e = to_extension(s).value();
      } else if (e.type == ExtensionType::key_share) {
        auto k = decode_key_share_client_hello(e.data).value();
        k.client_shares.insert(k.client_shares.begin(),
                               KeyShareEntry{static_cast<NamedGroup>(0x1a1a), Bytes{0x00}});
        e = to_extension(k).value();
      }
    }
    ch.extensions.insert(ch.extensions.begin(),
                         Extension{static_cast<ExtensionType>(0x2a2a), Bytes{}});
    ch.extensions.insert(ch.extensions.begin() + 1,
                         Extension{static_cast<ExtensionType>(0x3a3a), Bytes{0x00}});
  };
  build();
  ASSERT_TRUE(client->start().ok());
  pump();
  ASSERT_TRUE(server->handshake_complete()) << server->error()->to_string();
  ASSERT_TRUE(client->handshake_complete()) << client->error()->to_string();
  EXPECT_EQ(server->summary().suite, CipherSuite::tls_aes_128_gcm_sha256);
  EXPECT_EQ(server->summary().group, NamedGroup::x25519);
}

// ---- EncryptedExtensions: what was not offered
// -------------------------------------------------------------------------------------------------

TEST_F(Negative, UnsolicitedExtensionInEncryptedExtensionsIsUnsupportedExtension) {
  // §4.2: ALPN was never offered, so the server may not answer it.
  server_fns.encrypted_extensions = [](EncryptedExtensions& ee) {
    ee.extensions.push_back(to_extension(ProtocolNameList{{"http/1.1"}}).value());
  };
  const ServerFlight f = server_flight();
  EXPECT_FALSE(client->receive(reseal(f)).ok());
  expect_alert(*client, *server, AD::unsupported_extension);
}

}  // namespace
}  // namespace glasstls::tls
