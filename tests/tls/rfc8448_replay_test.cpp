// RFC 8448's handshakes replayed byte for byte, from both sides (issue 10, "Tests").
//
// A trace is deterministic once every random choice is pinned, so the test hands a Connection
// exactly what the trace's endpoints drew, in the order glasstls draws it:
//
//   client:  ClientHello.random (32) ‖ legacy_session_id (32, §D.4 compatibility mode only)
//            ‖ the x25519 private key (32) ‖ after a HelloRetryRequest the new share's key
//            (P-256: one 32-byte candidate scalar, FIPS 186-5 §A.2.2)
//   server:  [nothing for a HelloRetryRequest] ServerHello.random (32) ‖ its key share's private
//            key (32) ‖ the RSA-PSS salt of CertificateVerify (Hash.length = 32, RFC 8446 §4.2.3)
//
// RFC 8448 prints the private keys but neither the randoms (read here from the printed hellos)
// nor the PSS salt, which is recovered from the printed CertificateVerify: s^e mod n gives the
// encoded message EM, and undoing EMSA-PSS (RFC 8017 §9.1.2) gives DB = PS ‖ 0x01 ‖ salt.
//
// The trace's endpoints are not glasstls: the client offers codepoints glasstls does not implement
// (renegotiation_info, session_ticket, record_size_limit, ffdhe groups, PKCS#1 schemes, ...) and
// the server answers with extensions of its own choosing. The TestHooks make our hellos and
// EncryptedExtensions carry exactly the trace's codepoints, in the trace's order, while every
// value glasstls computes (random, session id, key shares, server_name, supported_versions, the
// echoed cookie) is kept from glasstls — so a wrong key or a wrong random still shows as a byte
// that differs. (The HelloRetryRequest's cookie is the trace server's opaque state, §4.2.2, so the
// server hook puts the trace's cookie there.)
//
// Then: the client is fed the trace's server records and must send the trace's client records
// (ClientHello, [change_cipher_spec], Finished), deriving the trace's secrets; the server is fed
// the trace's client records and must send the trace's server records (ServerHello or
// HelloRetryRequest, [change_cipher_spec], the encrypted flight EncryptedExtensions..Finished),
// then reach Connected on the client's Finished. For §3 the rest of the trace follows: the
// NewSessionTicket, application data both ways and close_notify. The trace's certificate is the
// client's only trust anchor, checked at a FixedClock inside its validity (it expired 2026-07-30).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "glasstls/core/clock.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/crypto/rsa.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "glasstls/tls/config.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/credentials.hpp"
#include "glasstls/tls/messages.hpp"
#include "glasstls/tls/observer.hpp"
#include "glasstls/x509/certificate.hpp"
#include "glasstls/x509/trust_store.hpp"
#include "rfc8448_vectors.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

namespace v = rfc8448;

// ---- Pieces of the trace ------------------------------------------------------------------------

/// A slice of a byte string, copied.
Bytes slice(const Bytes& b, std::size_t offset, std::size_t length) {
  EXPECT_LE(offset + length, b.size());
  if (offset + length > b.size()) return {};
  return Bytes(b.begin() + static_cast<std::ptrdiff_t>(offset),
               b.begin() + static_cast<std::ptrdiff_t>(offset + length));
}

Bytes concat(std::initializer_list<const Bytes*> parts) {
  Bytes out;
  for (const Bytes* p : parts) out.insert(out.end(), p->begin(), p->end());
  return out;
}

// §4.1.2 / §4.1.3: a hello message is type(1) ‖ length(3) ‖ legacy_version(2) ‖ random(32) ‖
// legacy_session_id<0..32> (length byte at offset 38).
Bytes hello_random(const Bytes& hello) {
  return slice(hello, 6, 32);
}
Bytes hello_session_id(const Bytes& hello) {
  return slice(hello, 39, hello.at(38));
}

/// The body of a handshake message (its 4-byte header removed).
ByteView body(const Bytes& message) {
  return ByteView(message).subspan(4);
}

/// RFC 8448 §3 Certificate: type(1) length(3) ‖ context<0..255> (empty) ‖ list length(3) ‖
/// cert_data length(3) ‖ the DER certificate "CN=rsa" the server uses in every example.
Bytes trace_certificate_der() {
  const Bytes& m = v::s3::kCertificate;
  const std::size_t length = (std::size_t{m.at(8)} << 16) | (std::size_t{m.at(9)} << 8) | m.at(10);
  return slice(m, 11, length);
}

/// RFC 8448 §2's RSA key as the server's credential (written as PKCS#8 PEM, then read back as
/// a Credential, as a server would load its key file).
std::shared_ptr<const Credential> trace_credential() {
  crypto::RsaPrivateKeyParts parts;
  parts.n = v::kRsaModulus;
  parts.e = v::kRsaPublicExponent;
  parts.d = v::kRsaPrivateExponent;
  parts.p = v::kRsaPrime1;
  parts.q = v::kRsaPrime2;
  parts.dp = v::kRsaExponent1;
  parts.dq = v::kRsaExponent2;
  parts.qinv = v::kRsaCoefficient;
  const std::string pem = crypto::write_rsa_private_key_pem(parts);
  auto cred =
      Credential::from_der({trace_certificate_der()},
                           ByteView(reinterpret_cast<const std::uint8_t*>(pem.data()), pem.size()));
  EXPECT_TRUE(cred.ok()) << (cred.ok() ? "" : cred.error());
  if (!cred.ok()) return nullptr;
  return std::make_shared<const Credential>(std::move(cred).value());
}

/// The PSS salt of a printed CertificateVerify (rsa_pss_rsae_sha256, 1024-bit key).
///   RFC 8017 §8.1.2 RSAVP1: m = s^e mod n, EM = I2OSP(m, emLen), emLen = k = 128 (emBits 1023).
///   §9.1.2: EM = maskedDB (emLen − hLen − 1) ‖ H (hLen) ‖ 0xbc; DB = maskedDB ⊕ MGF1(H);
///   clear the top 8·emLen − emBits = 1 bit; DB = PS (zeros) ‖ 0x01 ‖ salt (sLen = hLen).
Bytes recover_pss_salt(const Bytes& certificate_verify) {
  // CertificateVerify: header(4) ‖ algorithm(2) = 0x0804 ‖ signature<0..2^16-1>.
  EXPECT_EQ(certificate_verify.at(4), 0x08);
  EXPECT_EQ(certificate_verify.at(5), 0x04);
  const std::size_t sig_length =
      (std::size_t{certificate_verify.at(6)} << 8) | certificate_verify.at(7);
  const Bytes signature = slice(certificate_verify, 8, sig_length);
  auto key = crypto::RsaPublicKey::from_parts({v::kRsaModulus, v::kRsaPublicExponent});
  EXPECT_TRUE(key.ok());
  if (!key.ok()) return {};
  auto em = crypto::rsa_public_op(*key, signature);
  EXPECT_TRUE(em.ok());
  if (!em.ok()) return {};
  const std::size_t h_len = 32;
  const std::size_t em_len = em->size();
  EXPECT_EQ(em_len, 128u);
  EXPECT_EQ(em->back(), 0xbc) << "EMSA-PSS trailer";
  const std::size_t db_len = em_len - h_len - 1;
  const Bytes masked_db = slice(*em, 0, db_len);
  const Bytes h = slice(*em, db_len, h_len);
  // RFC 8017 §B.2.1 MGF1: T = Hash(mgfSeed ‖ C) for C = 0, 1, ... (4-byte big-endian counter).
  Bytes mask;
  for (std::uint32_t counter = 0; mask.size() < db_len && counter < 16; ++counter) {
    Bytes block = h;
    for (int shift = 24; shift >= 0; shift -= 8) {
      block.push_back(static_cast<std::uint8_t>(counter >> shift));
    }
    const crypto::Digest d = crypto::Hash::hash(crypto::HashAlg::sha256, block);
    mask.insert(mask.end(), d.view().begin(), d.view().end());
  }
  Bytes db(db_len);
  for (std::size_t i = 0; i < db_len; ++i) db[i] = masked_db[i] ^ mask[i];
  db[0] &= 0x7f;
  const std::size_t ps_len = db_len - h_len - 1;
  for (std::size_t i = 0; i < ps_len; ++i) EXPECT_EQ(db[i], 0) << "PS byte " << i;
  EXPECT_EQ(db[ps_len], 0x01) << "DB separator";
  return slice(db, ps_len + 1, h_len);
}

// ---- Deterministic injectables ------------------------------------------------------------------

/// Hands out the scripted byte strings in order; a draw of another size, or one too many, fails
/// the test (the draw order is part of what is tested).
class ScriptedRandom final : public crypto::RandomSource {
 public:
  explicit ScriptedRandom(std::vector<Bytes> script) : script_(std::move(script)) {}
  void fill(MutableByteView out) override {
    std::fill(out.begin(), out.end(), std::uint8_t{0});
    if (next_ >= script_.size()) {
      ADD_FAILURE() << "unscripted draw #" << next_ << " of " << out.size() << " bytes";
      ++next_;
      return;
    }
    const Bytes& b = script_[next_];
    EXPECT_EQ(b.size(), out.size()) << "draw #" << next_ << " has the wrong size";
    std::copy_n(b.begin(), std::min(b.size(), out.size()), out.begin());
    ++next_;
  }
  std::size_t draws() const { return next_; }
  std::size_t scripted() const { return script_.size(); }

 private:
  std::vector<Bytes> script_;
  std::size_t next_ = 0;
};

/// Records every secret the connection derives.
class SecretRecorder final : public Observer {
 public:
  void on_secret(SecretKind kind, ByteView, const Secret& secret) override {
    secrets[kind] = Bytes(secret.view().begin(), secret.view().end());
  }
  std::map<SecretKind, Bytes> secrets;
};

/// Inside the trace certificate's validity (2016-07-30 .. 2026-07-30, printed in its DER).
FixedClock trace_clock() {
  return FixedClock::at(2019, 1, 1);
}

// ---- Hooks: the trace's codepoints, glasstls's values -------------------------------------------

/// The trace's extension list, in the trace's order, where each extension whose type is in
/// `ours_types` is replaced by the one glasstls built (which must exist). Every extension glasstls
/// built must appear in the trace: an extension the trace lacks would be a real difference.
ExtensionList merge(const ExtensionList& ours, const ExtensionList& trace,
                    std::initializer_list<ExtensionType> ours_types) {
  for (const Extension& e : ours) {
    EXPECT_NE(find_extension(trace, e.type), nullptr)
        << "glasstls sends extension " << static_cast<int>(e.type) << ", the trace does not";
  }
  ExtensionList out;
  for (const Extension& t : trace) {
    const bool keep_ours =
        std::find(ours_types.begin(), ours_types.end(), t.type) != ours_types.end();
    const Extension* mine = find_extension(ours, t.type);
    if (keep_ours) {
      EXPECT_NE(mine, nullptr) << "glasstls did not build extension " << static_cast<int>(t.type);
      if (mine != nullptr) out.push_back(*mine);
    } else {
      out.push_back(t);
    }
  }
  return out;
}

struct ClientHookData {
  ClientHello trace;                        // the trace's (first) ClientHello
  std::optional<ClientHello> trace_second;  // §5: the trace's second ClientHello
};

void edit_client_hello(ClientHello& ch, void* ctx) {
  const auto& data = *static_cast<ClientHookData*>(ctx);
  // The hook runs for each ClientHello; the second one (after a HelloRetryRequest) is the one
  // that carries the cookie (§4.2.2).
  const bool second = find_extension(ch.extensions, ExtensionType::cookie) != nullptr;
  if (second && !data.trace_second.has_value()) {
    ADD_FAILURE() << "an unexpected second ClientHello";
    return;
  }
  const ClientHello& trace = second ? *data.trace_second : data.trace;
  // The trace client's suite order (0x1301, 0x1303, 0x1302) and its extension codepoints (and, in
  // §5's second ClientHello, its padding to 512 bytes, RFC 7685); glasstls's random, session id,
  // SNI, key share, supported_versions and echoed cookie.
  ch.cipher_suites = trace.cipher_suites;
  ch.extensions = merge(ch.extensions, trace.extensions,
                        {ExtensionType::server_name, ExtensionType::key_share,
                         ExtensionType::supported_versions, ExtensionType::cookie});
}

struct ServerHookData {
  std::optional<ServerHello> hello_retry_request;  // §5 only
  ServerHello server_hello;
  EncryptedExtensions encrypted_extensions;
};

void edit_server_hello(ServerHello& sh, void* ctx) {
  const auto& data = *static_cast<ServerHookData*>(ctx);
  if (sh.is_hello_retry_request()) {
    ASSERT_TRUE(data.hello_retry_request.has_value()) << "an unexpected HelloRetryRequest";
    // §5: the cookie is the trace server's own opaque state (§4.2.2), so it is the trace's;
    // key_share (the selected group) and supported_versions are glasstls's, in the trace's order.
    sh.extensions = merge(sh.extensions, data.hello_retry_request->extensions,
                          {ExtensionType::key_share, ExtensionType::supported_versions});
    return;
  }
  sh.extensions = merge(sh.extensions, data.server_hello.extensions,
                        {ExtensionType::key_share, ExtensionType::supported_versions});
}

void edit_encrypted_extensions(EncryptedExtensions& ee, void* ctx) {
  const auto& data = *static_cast<ServerHookData*>(ctx);
  // The trace server also announces its supported_groups (§4.2.7) and record_size_limit
  // (RFC 8449), which glasstls does not send; server_name's acknowledgement is glasstls's.
  ee.extensions =
      merge(ee.extensions, data.encrypted_extensions.extensions, {ExtensionType::server_name});
}

// ---- One trace ----------------------------------------------------------------------------------

struct Trace {
  const char* section;
  bool compatibility_mode;
  const Bytes& client_key;  // the x25519 private key of the first ClientHello
  const Bytes& client_hello;
  const Bytes& client_hello_record;
  const Bytes& server_key;  // the private key of the ServerHello's share
  const Bytes& server_hello;
  const Bytes& server_hello_record;
  const Bytes& server_ccs_record;  // empty unless compatibility mode
  const Bytes& encrypted_extensions;
  const Bytes& certificate_verify;
  const Bytes& server_flight_record;
  const Bytes& client_ccs_record;  // empty unless compatibility mode
  const Bytes& client_finished_record;
  const Bytes& c_hs;
  const Bytes& s_hs;
  const Bytes& c_ap;
  const Bytes& s_ap;
  const Bytes& exp;
};

const Bytes kNone;

Trace section3() {
  using namespace v::s3;
  return {"RFC 8448 §3",
          false,
          kClientX25519Private,
          kClientHello,
          kClientHelloRecord,
          kServerX25519Private,
          kServerHello,
          kServerHelloRecord,
          kNone,
          kEncryptedExtensions,
          kCertificateVerify,
          kServerFlightRecord,
          kNone,
          kClientFinishedRecord,
          kClientHandshakeTraffic,
          kServerHandshakeTraffic,
          kClientApplicationTraffic,
          kServerApplicationTraffic,
          kExporterMaster};
}

Trace section7() {
  using namespace v::s7;
  return {"RFC 8448 §7",
          true,
          kClientX25519Private,
          kClientHello,
          kClientHelloRecord,
          kServerX25519Private,
          kServerHello,
          kServerHelloRecord,
          kServerChangeCipherSpecRecord,
          kEncryptedExtensions,
          kCertificateVerify,
          kServerFlightRecord,
          kClientChangeCipherSpecRecord,
          kClientFinishedRecord,
          kClientHandshakeTraffic,
          kServerHandshakeTraffic,
          kClientApplicationTraffic,
          kServerApplicationTraffic,
          kExporterMaster};
}

/// The five secrets of §7.1 a connection reports (c hs, s hs, c ap, s ap, exp master).
void expect_secrets(const SecretRecorder& r, const Bytes& c_hs, const Bytes& s_hs,
                    const Bytes& c_ap, const Bytes& s_ap, const Bytes& exp) {
  auto get = [&](SecretKind k) {
    auto it = r.secrets.find(k);
    return it == r.secrets.end() ? Bytes{} : it->second;
  };
  EXPECT_EQ(get(SecretKind::client_handshake_traffic), c_hs) << "c hs traffic";
  EXPECT_EQ(get(SecretKind::server_handshake_traffic), s_hs) << "s hs traffic";
  EXPECT_EQ(get(SecretKind::client_application_traffic_0), c_ap) << "c ap traffic";
  EXPECT_EQ(get(SecretKind::server_application_traffic_0), s_ap) << "s ap traffic";
  EXPECT_EQ(get(SecretKind::exporter_master), exp) << "exp master";
}
void expect_secrets(const SecretRecorder& r, const Trace& t) {
  expect_secrets(r, t.c_hs, t.s_hs, t.c_ap, t.s_ap, t.exp);
}

/// The trace's client configuration: its certificate as the only anchor. The certificate's only
/// name is CN=rsa (no subjectAltName) while the trace's client sends SNI "server", so the name
/// check is switched off for the replay only; the chain, its dates and the signature are still
/// checked. Its key is RSA-1024, below the default floor of 2048 bits: lowered for the replay.
std::shared_ptr<ClientConfig> trace_client_config(bool compatibility_mode) {
  auto config = std::make_shared<ClientConfig>();
  auto cert = x509::parse_certificate(trace_certificate_der());
  EXPECT_TRUE(cert.ok());
  auto store = std::make_shared<x509::TrustStore>();
  if (cert.ok()) {
    // Checked rather than assumed: the certificate names "rsa", not "server".
    EXPECT_FALSE(cert->subject_alt_name.has_value());
    store->add(std::move(cert).value());
  }
  config->trust_store = store;
  config->policy.insecure_skip_hostname_check = true;
  config->policy.certificate_signatures.min_rsa_modulus_bits = 1024;
  config->policy.middlebox_compatibility = compatibility_mode;
  config->policy.key_share_groups = {NamedGroup::x25519};
  return config;
}

std::shared_ptr<ServerConfig> trace_server_config(std::vector<NamedGroup> groups) {
  auto config = std::make_shared<ServerConfig>();
  config->credentials.push_back(trace_credential());
  config->policy.groups = std::move(groups);
  return config;
}

/// Hands `bytes` to a connection all at once (chunk 0) or `chunk` bytes at a time.
bool feed(Connection& c, const Bytes& bytes, std::size_t chunk) {
  if (chunk == 0) return c.receive(bytes).ok();
  for (std::size_t i = 0; i < bytes.size(); i += chunk) {
    if (!c.receive(ByteView(bytes).subspan(i, std::min(chunk, bytes.size() - i))).ok()) {
      return false;
    }
  }
  return true;
}

/// What a test checks once a replayed connection is Connected.
using AfterHandshake = std::function<void(Connection&)>;

void replay_client(const Trace& t, std::size_t chunk = 0, const AfterHandshake& after = {}) {
  SCOPED_TRACE(t.section);
  ClientHookData hook_data{decode_client_hello(body(t.client_hello)).value(), std::nullopt};
  TestHooks hooks;
  hooks.edit_client_hello = edit_client_hello;
  hooks.ctx = &hook_data;
  std::vector<Bytes> script = {hello_random(t.client_hello)};
  if (t.compatibility_mode) script.push_back(hello_session_id(t.client_hello));
  script.push_back(t.client_key);
  ScriptedRandom random(script);
  FixedClock clock = trace_clock();
  SecretRecorder recorder;
  ConnectionOptions options;
  options.random = &random;
  options.clock = &clock;
  options.observer = &recorder;
  options.hooks = &hooks;

  auto client =
      Connection::client(trace_client_config(t.compatibility_mode), "server", options).value();
  ASSERT_TRUE(client.start().ok());
  EXPECT_EQ(client.take_output(), t.client_hello_record) << "the ClientHello record";
  ASSERT_TRUE(feed(client, t.server_hello_record, chunk)) << client.error()->to_string();
  EXPECT_FALSE(client.has_output());
  if (!t.server_ccs_record.empty()) {
    ASSERT_TRUE(feed(client, t.server_ccs_record, chunk));
  }
  ASSERT_TRUE(feed(client, t.server_flight_record, chunk)) << client.error()->to_string();
  ASSERT_TRUE(client.handshake_complete());
  EXPECT_EQ(client.take_output(), concat({&t.client_ccs_record, &t.client_finished_record}))
      << "[change_cipher_spec ‖] the client Finished record";
  EXPECT_EQ(random.draws(), random.scripted());
  expect_secrets(recorder, t);
  EXPECT_EQ(client.summary().suite, CipherSuite::tls_aes_128_gcm_sha256);
  EXPECT_EQ(client.summary().group, NamedGroup::x25519);
  EXPECT_EQ(client.summary().scheme, SignatureScheme::rsa_pss_rsae_sha256);
  ASSERT_TRUE(client.summary().verification.has_value());
  EXPECT_TRUE(client.summary().verification->ok());
  if (after) after(client);
}

void replay_server(const Trace& t, std::size_t chunk = 0, const AfterHandshake& after = {}) {
  SCOPED_TRACE(t.section);
  ServerHookData hook_data;
  hook_data.server_hello = decode_server_hello(body(t.server_hello)).value();
  hook_data.encrypted_extensions =
      decode_encrypted_extensions(body(t.encrypted_extensions)).value();
  TestHooks hooks;
  hooks.edit_server_hello = edit_server_hello;
  hooks.edit_encrypted_extensions = edit_encrypted_extensions;
  hooks.ctx = &hook_data;
  ScriptedRandom random(
      {hello_random(t.server_hello), t.server_key, recover_pss_salt(t.certificate_verify)});
  FixedClock clock = trace_clock();
  SecretRecorder recorder;
  ConnectionOptions options;
  options.random = &random;
  options.clock = &clock;
  options.observer = &recorder;
  options.hooks = &hooks;

  auto server = Connection::server(trace_server_config({NamedGroup::x25519}), options).value();
  ASSERT_TRUE(server.start().ok());
  ASSERT_TRUE(feed(server, t.client_hello_record, chunk)) << server.error()->to_string();
  EXPECT_EQ(server.take_output(),
            concat({&t.server_hello_record, &t.server_ccs_record, &t.server_flight_record}))
      << "ServerHello [‖ change_cipher_spec] ‖ the encrypted flight";
  EXPECT_FALSE(server.handshake_complete());
  if (!t.client_ccs_record.empty()) {
    ASSERT_TRUE(feed(server, t.client_ccs_record, chunk));
  }
  ASSERT_TRUE(feed(server, t.client_finished_record, chunk)) << server.error()->to_string();
  EXPECT_TRUE(server.handshake_complete());
  EXPECT_EQ(server.state(), State::Connected);
  EXPECT_FALSE(server.has_output());
  EXPECT_EQ(random.draws(), random.scripted());
  expect_secrets(recorder, t);
  EXPECT_EQ(server.summary().server_name, "server");
  if (after) after(server);
}

// ---- The salt recovery itself -------------------------------------------------------------------

TEST(Rfc8448Replay, RecoveredSaltReproducesThePrintedSignature) {
  // Signing the §3 CertificateVerify content with the recovered salt must give the printed
  // signature bit for bit (RSA-PSS is deterministic once the salt is fixed).
  const auto cred = trace_credential();
  ASSERT_NE(cred, nullptr);
  const Bytes salt = recover_pss_salt(v::s3::kCertificateVerify);
  ASSERT_EQ(salt.size(), 32u);
  // Transcript-Hash(ClientHello ‖ ServerHello ‖ EncryptedExtensions ‖ Certificate), §4.4.3.
  const Bytes transcript = concat({&v::s3::kClientHello, &v::s3::kServerHello,
                                   &v::s3::kEncryptedExtensions, &v::s3::kCertificate});
  const crypto::Digest h = crypto::Hash::hash(crypto::HashAlg::sha256, transcript);
  const Bytes content = certificate_verify_content(Signer::server, h.view());
  ScriptedRandom random({salt});
  auto signature = cred->sign(SignatureScheme::rsa_pss_rsae_sha256, content, random);
  ASSERT_TRUE(signature.ok()) << signature.error().to_string();
  EXPECT_EQ(*signature, slice(v::s3::kCertificateVerify, 8, 128));
}

// ---- §3 simple 1-RTT handshake ------------------------------------------------------------------

TEST(Rfc8448Replay, Section3ClientSendsTheTraceBytes) {
  replay_client(section3());
}
TEST(Rfc8448Replay, Section3ServerSendsTheTraceBytes) {
  replay_server(section3());
}

TEST(Rfc8448Replay, Section3RecordsFedOneByteAtATime) {
  replay_client(section3(), 1);
  replay_server(section3(), 1);
}

std::vector<Event> events(Connection& c) {
  std::vector<Event> out;
  while (auto e = c.next_event()) out.push_back(std::move(*e));
  return out;
}

TEST(Rfc8448Replay, Section3ClientAfterTheHandshake) {
  // The rest of §3 as the client sees it: the server's NewSessionTicket (set aside until
  // resumption lands), its application data, the client's application data and close_notify —
  // sealed byte for byte as the trace prints them — and the server's close_notify.
  replay_client(section3(), 0, [](Connection& client) {
    using namespace v::s3;
    auto e = events(client);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].kind, Event::Kind::handshake_complete);
    ASSERT_TRUE(client.receive(kNewSessionTicketRecord).ok()) << client.error()->to_string();
    EXPECT_EQ(client.summary().new_session_tickets_ignored, 1u);
    ASSERT_TRUE(client.receive(kServerApplicationDataRecord).ok());
    e = events(client);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].kind, Event::Kind::application_data);
    EXPECT_EQ(e[0].data, kServerApplicationData);
    ASSERT_TRUE(client.send(kClientApplicationData).ok());
    EXPECT_EQ(client.take_output(), kClientApplicationDataRecord);
    client.close();
    EXPECT_EQ(client.take_output(), kClientAlertRecord);
    ASSERT_TRUE(client.receive(kServerAlertRecord).ok());
    e = events(client);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].kind, Event::Kind::closed);
    EXPECT_EQ(client.state(), State::Closed);
  });
}

TEST(Rfc8448Replay, Section3ServerAfterTheHandshake) {
  // The server reads the client's application data and close_notify. (Its own later records
  // cannot match the trace: the trace's server sends a NewSessionTicket first, which glasstls
  // does not, so its sequence numbers differ.)
  replay_server(section3(), 0, [](Connection& server) {
    using namespace v::s3;
    (void)events(server);
    ASSERT_TRUE(server.receive(kClientApplicationDataRecord).ok()) << server.error()->to_string();
    auto e = events(server);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].kind, Event::Kind::application_data);
    EXPECT_EQ(e[0].data, kClientApplicationData);
    ASSERT_TRUE(server.receive(kClientAlertRecord).ok());
    e = events(server);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].kind, Event::Kind::closed);
  });
}

// ---- §7 compatibility mode ----------------------------------------------------------------------

TEST(Rfc8448Replay, Section7ClientSendsTheTraceBytes) {
  replay_client(section7());
}
TEST(Rfc8448Replay, Section7ServerSendsTheTraceBytes) {
  replay_server(section7());
}

// ---- §5 HelloRetryRequest -----------------------------------------------------------------------

TEST(Rfc8448Replay, Section5ServerSendsTheTraceBytes) {
  using namespace v::s5;
  ServerHookData hook_data;
  hook_data.hello_retry_request = decode_server_hello(body(kHelloRetryRequest)).value();
  hook_data.server_hello = decode_server_hello(body(kServerHello)).value();
  hook_data.encrypted_extensions = decode_encrypted_extensions(body(kEncryptedExtensions)).value();
  TestHooks hooks;
  hooks.edit_server_hello = edit_server_hello;
  hooks.edit_encrypted_extensions = edit_encrypted_extensions;
  hooks.ctx = &hook_data;
  // A HelloRetryRequest draws nothing; then the ServerHello's random, the P-256 scalar, the salt.
  ScriptedRandom random(
      {hello_random(kServerHello), kServerP256Private, recover_pss_salt(kCertificateVerify)});
  FixedClock clock = trace_clock();
  SecretRecorder recorder;
  ConnectionOptions options;
  options.random = &random;
  options.clock = &clock;
  options.observer = &recorder;
  options.hooks = &hooks;
  // "The server, however, prefers P-256" (§5): it supports P-256 only, so the client's x25519
  // share cannot be used and a HelloRetryRequest asks for P-256.
  auto server = Connection::server(trace_server_config({NamedGroup::secp256r1}), options).value();

  ASSERT_TRUE(server.receive(kClientHello1Record).ok()) << server.error()->to_string();
  EXPECT_EQ(server.take_output(), kHelloRetryRequestRecord) << "the HelloRetryRequest record";
  EXPECT_EQ(random.draws(), 0u);
  ASSERT_TRUE(server.receive(kClientHello2Record).ok()) << server.error()->to_string();
  EXPECT_EQ(server.take_output(), concat({&kServerHelloRecord, &kServerFlightRecord}))
      << "ServerHello ‖ the encrypted flight";
  ASSERT_TRUE(server.receive(kClientFinishedRecord).ok()) << server.error()->to_string();
  EXPECT_TRUE(server.handshake_complete());
  EXPECT_EQ(random.draws(), random.scripted());
  EXPECT_TRUE(server.summary().hello_retry_request);
  EXPECT_EQ(server.summary().group, NamedGroup::secp256r1);
  expect_secrets(recorder, kClientHandshakeTraffic, kServerHandshakeTraffic,
                 kClientApplicationTraffic, kServerApplicationTraffic, kExporterMaster);
}

TEST(Rfc8448Replay, Section5ClientSendsTheTraceBytes) {
  using namespace v::s5;
  // The hook sees both ClientHellos: the second gets the trace's extension order (the cookie
  // after signature_algorithms) and its padding extension.
  ClientHookData hook_data{decode_client_hello(body(kClientHello1)).value(),
                           decode_client_hello(body(kClientHello2)).value()};
  TestHooks hooks;
  hooks.edit_client_hello = edit_client_hello;
  hooks.ctx = &hook_data;
  // The random, the x25519 key of the first ClientHello, the P-256 key of the second.
  ScriptedRandom random({hello_random(kClientHello1), kClientX25519Private, kClientP256Private});
  FixedClock clock = trace_clock();
  SecretRecorder recorder;
  ConnectionOptions options;
  options.random = &random;
  options.clock = &clock;
  options.observer = &recorder;
  options.hooks = &hooks;
  auto client = Connection::client(trace_client_config(false), "server", options).value();

  ASSERT_TRUE(client.start().ok());
  EXPECT_EQ(client.take_output(), kClientHello1Record) << "the first ClientHello record";
  ASSERT_TRUE(client.receive(kHelloRetryRequestRecord).ok()) << client.error()->to_string();
  EXPECT_EQ(client.take_output(), kClientHello2Record) << "the second ClientHello record";
  ASSERT_TRUE(client.receive(kServerHelloRecord).ok()) << client.error()->to_string();
  ASSERT_TRUE(client.receive(kServerFlightRecord).ok()) << client.error()->to_string();
  ASSERT_TRUE(client.handshake_complete());
  EXPECT_EQ(client.take_output(), kClientFinishedRecord) << "the client Finished record";
  EXPECT_EQ(random.draws(), random.scripted());
  EXPECT_TRUE(client.summary().hello_retry_request);
  EXPECT_EQ(client.summary().group, NamedGroup::secp256r1);
  expect_secrets(recorder, kClientHandshakeTraffic, kServerHandshakeTraffic,
                 kClientApplicationTraffic, kServerApplicationTraffic, kExporterMaster);
}

}  // namespace
}  // namespace glasstls::tls
