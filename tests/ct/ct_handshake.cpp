// Constant-time check of a whole TLS 1.3 handshake (RFC 8446): a client and a server Connection
// over memory, whose ephemeral private keys are secret. Everything that derives from them — the
// (EC)DHE shared secret, the key schedule, the traffic keys, record protection, the Finished MACs
// and their checks — must run without a branch or an address that depends on them.
//
// What is public is declassified where the protocol publishes it: the bytes each side puts on the
// wire (an X25519 public key is computed from the secret key and becomes public when sent), and
// the two random draws that are public by design (the client's random and legacy_session_id; the
// server's random). The credentials' long-term keys are checked by the ECDSA checks (ct_ec.cpp).
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "ct_harness.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/credentials.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/signing_key.hpp"
#include "glasstls/x509/trust_store.hpp"

using namespace glasstls;
using glasstls::cttest::declassify;
using glasstls::cttest::secret;

namespace {

/// Deterministic bytes; every draw after the first `public_draws` is marked secret.
class SecretRandom final : public crypto::RandomSource {
 public:
  SecretRandom(std::uint64_t seed, int public_draws) : inner_(seed), public_draws_(public_draws) {}
  void fill(MutableByteView out) override {
    inner_.fill(out);
    if (draws_++ >= public_draws_) secret(out.data(), out.size());
  }

 private:
  crypto::DeterministicRandom inner_;
  int public_draws_;
  int draws_ = 0;
};

constexpr const char* kName = "tls_handshake_with_secret_ephemeral_keys";

/// Moves each side's output to the other, declassified: it is on the wire.
bool pump(tls::Connection& a, tls::Connection& b) {
  for (int round = 0; round < 16; ++round) {
    bool moved = false;
    for (auto [from, to] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
      Bytes out = from->take_output();
      if (out.empty()) continue;
      declassify(out.data(), out.size());
      moved = true;
      if (!to->receive(out).ok()) return false;
    }
    if (!moved) return true;
  }
  return false;
}

}  // namespace

GLASSTLS_CT_CHECK(tls_handshake_with_secret_ephemeral_keys) {
  // A root and a leaf for "localhost" (public: certificates and their keys are not under test).
  crypto::DeterministicRandom key_rng(42);
  const x509::SigningKey root_key = x509::SigningKey::generate_ec(crypto::EcCurve::p256, key_rng);
  const crypto::EcPrivateKey leaf_key = crypto::EcPrivateKey::generate(crypto::EcCurve::p256, key_rng);
  const WallTime nb(std::chrono::seconds(1700000000));
  const WallTime na(std::chrono::seconds(2000000000));
  auto root = x509::CertificateBuilder()
                  .subject(x509::make_name("ct root"))
                  .self_signed()
                  .validity(nb, na)
                  .public_key(root_key.public_key())
                  .basic_constraints(true)
                  .sign(root_key);
  if (!root.ok()) return cttest::fail(kName, "root certificate");
  auto leaf = x509::CertificateBuilder()
                  .subject(x509::make_name("localhost"))
                  .issuer(*root)
                  .validity(nb, na)
                  .public_key(x509::SigningKey::ecdsa(leaf_key).public_key())
                  .add_dns_name("localhost")
                  .sign(root_key);
  if (!leaf.ok()) return cttest::fail(kName, "leaf certificate");
  auto credential = tls::Credential::from_pem(
      x509::certificate_pem(leaf->der),
      crypto::write_ec_private_key_pem(leaf_key, crypto::EcPrivateKeyPem::pkcs8));
  if (!credential.ok()) return cttest::fail(kName, "credential");
  auto store = x509::TrustStore::from_pem(x509::certificate_pem(root->der));
  if (!store.ok()) return cttest::fail(kName, "trust store");

  auto client_config = std::make_shared<tls::ClientConfig>();
  client_config->trust_store = std::make_shared<const x509::TrustStore>(std::move(store).value());
  auto server_config = std::make_shared<tls::ServerConfig>();
  server_config->credentials.push_back(
      std::make_shared<const tls::Credential>(std::move(credential).value()));
  const FixedClock clock = FixedClock::at(2026, 1, 1);

  // Each suite and each group: the x25519 ladder, the P-256 and P-384 ECDH, the three AEADs.
  const tls::CipherSuite suites[] = {tls::CipherSuite::tls_aes_128_gcm_sha256,
                                     tls::CipherSuite::tls_aes_256_gcm_sha384,
                                     tls::CipherSuite::tls_chacha20_poly1305_sha256};
  const tls::NamedGroup groups[] = {tls::NamedGroup::x25519, tls::NamedGroup::secp256r1,
                                    tls::NamedGroup::secp384r1};
  for (std::size_t i = 0; i < 3; ++i) {
    auto cc = std::make_shared<tls::ClientConfig>(*client_config);
    cc->policy.cipher_suites = {suites[i]};
    cc->policy.groups = {groups[i]};
    cc->policy.key_share_groups = {groups[i]};
    SecretRandom client_rng(7 + i, 2);  // random, legacy_session_id: public
    SecretRandom server_rng(9 + i, 1);  // random: public
    tls::ConnectionOptions co;
    co.random = &client_rng;
    co.clock = &clock;
    tls::ConnectionOptions so;
    so.random = &server_rng;
    so.clock = &clock;
    auto client = tls::Connection::client(cc, "localhost", co);
    auto server = tls::Connection::server(server_config, so);
    if (!client.ok() || !server.ok()) return cttest::fail(kName, "create");
    if (!client->start().ok()) return cttest::fail(kName, "start");
    if (!pump(*client, *server) || !client->handshake_complete() ||
        !server->handshake_complete()) {
      return cttest::fail(kName, "the handshake did not complete");
    }
    // Application data both ways under the secret traffic keys.
    std::array<std::uint8_t, 64> request{};
    for (std::size_t k = 0; k < request.size(); ++k) request[k] = static_cast<std::uint8_t>(k);
    if (!client->send(request).ok() || !pump(*client, *server)) return cttest::fail(kName, "data");
    bool got = false;
    while (auto e = server->next_event()) {
      if (e->kind == tls::Event::Kind::application_data) {
        declassify(e->data.data(), e->data.size());
        got = e->data.size() == request.size();
      }
    }
    if (!got) return cttest::fail(kName, "the request did not arrive");
  }
}
