// Configuration of TLS 1.3 clients and servers: one Policy with safe defaults, and the loudly named
// knobs a teacher may turn to show what goes wrong without them.
//
// Thread-safety contract:
//   - ClientConfig, ServerConfig, Policy, Credential and x509::TrustStore are immutable once a
//     connection uses them; share them (std::shared_ptr<const ...>) across threads freely.
//   - A Connection is used by one thread at a time. Its ConnectionOptions (random source, clock,
//     observer, key log) belong to that connection while it runs: do not share a
//     DeterministicRandom between connections that run concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "glasstls/core/clock.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/tls/credentials.hpp"
#include "glasstls/tls/limits.hpp"
#include "glasstls/x509/crl.hpp"
#include "glasstls/x509/ocsp.hpp"
#include "glasstls/x509/revocation.hpp"
#include "glasstls/x509/signature.hpp"
#include "glasstls/x509/trust_store.hpp"

namespace glasstls::tls {

class KeyLogFile;
class Observer;
struct ClientHello;
struct ServerHello;
struct EncryptedExtensions;

/// The knobs of the crypto, certificate and revocation layers, gathered with safe defaults.
struct Policy {
  /// Offered (client) or accepted (server) suites, in preference order.
  std::vector<CipherSuite> cipher_suites = {CipherSuite::tls_aes_128_gcm_sha256,
                                            CipherSuite::tls_aes_256_gcm_sha384,
                                            CipherSuite::tls_chacha20_poly1305_sha256};
  /// Supported (EC)DHE groups, in preference order.
  std::vector<NamedGroup> groups = {NamedGroup::x25519, NamedGroup::secp256r1,
                                    NamedGroup::secp384r1};
  /// Client: the groups it sends a key share for in its first ClientHello (a subset of groups).
  std::vector<NamedGroup> key_share_groups = {NamedGroup::x25519};
  /// CertificateVerify schemes offered (client) or accepted for signing (server), in preference
  /// order.
  std::vector<SignatureScheme> signature_schemes = {
      SignatureScheme::ecdsa_secp256r1_sha256, SignatureScheme::ecdsa_secp384r1_sha384,
      SignatureScheme::ed25519,                SignatureScheme::rsa_pss_rsae_sha256,
      SignatureScheme::rsa_pss_rsae_sha384,    SignatureScheme::rsa_pss_rsae_sha512,
      SignatureScheme::rsa_pss_pss_sha256,     SignatureScheme::rsa_pss_pss_sha384,
      SignatureScheme::rsa_pss_pss_sha512};
  /// Certificate signatures: SHA-1 refused, RSA keys of at least 2048 bits (also applied to the
  /// CertificateVerify key).
  x509::SignaturePolicy certificate_signatures{};
  /// Revocation: soft-fail by default (a revoked certificate is refused; no answer is tolerated).
  x509::RevocationPolicy revocation = x509::RevocationPolicy::soft_fail;
  std::size_t max_chain_depth = 8;
  /// Resource bounds of the wire layer.
  Limits limits{};
  /// §D.4 middlebox compatibility mode: a client sends a 32-byte legacy_session_id and both sides
  /// send a dummy change_cipher_spec record. On by default, as browsers do.
  bool middlebox_compatibility = true;

  // ---- Insecure knobs, for teaching only. Each one turns a check off.
  /// Client: accept any certificate chain (the CertificateVerify signature is still checked
  /// against the leaf's key — that proves key possession, not identity).
  bool insecure_skip_certificate_verification = false;
  /// Client: accept a valid chain issued for another name.
  bool insecure_skip_hostname_check = false;
};

/// Test hooks: edit a message before it is encoded, to make a peer send exactly the codepoints of
/// a published trace (RFC 8448) or a deliberately wrong message in a negative test. Never set them
/// in production: nothing checks what they do.
/// edit_client_hello is called for each ClientHello (the second one, after a HelloRetryRequest,
/// already carries the cookie and the new key share); edit_server_hello for the ServerHello and for
/// a HelloRetryRequest.
struct TestHooks {
  void (*edit_client_hello)(ClientHello& ch, void* ctx) = nullptr;
  void (*edit_server_hello)(ServerHello& sh, void* ctx) = nullptr;
  void (*edit_encrypted_extensions)(EncryptedExtensions& ee, void* ctx) = nullptr;
  void* ctx = nullptr;
};

struct ClientConfig {
  Policy policy;
  /// Trust anchors. Null means the system's roots (read once per process, when first needed).
  std::shared_ptr<const x509::TrustStore> trust_store;
  /// CRLs and OCSP responses to consult while verifying the server's chain.
  std::vector<x509::Crl> crls;
  std::vector<x509::OcspResponse> ocsp_responses;
  /// ALPN protocols offered, in preference order ("h2", "http/1.1"); none when empty.
  std::vector<std::string> alpn;
  /// Sends server_name (RFC 6066) when the server name is a DNS name; never for an IP literal.
  bool send_sni = true;

  /// A config that trusts the system's roots (the store is read once per process).
  [[nodiscard]] static Result<ClientConfig, std::string> with_system_roots();
};

struct ServerConfig {
  Policy policy;
  /// Chains and keys; the first that can sign with a scheme the client offers is used.
  std::vector<std::shared_ptr<const Credential>> credentials;
  /// ALPN protocols accepted, in the server's preference order.
  std::vector<std::string> alpn;
  /// RFC 7301 §3.2: when the client offers ALPN and none matches, refuse with
  /// no_application_protocol (true) or continue without ALPN (false).
  bool alpn_required = false;
  /// Send a cookie in a HelloRetryRequest (§4.2.2) and require it back.
  bool hello_retry_request_cookie = true;
};

/// Per-connection injectables: everything that makes a run non-deterministic, and the observers.
/// Every pointer is borrowed and must outlive the connection; null means the default.
struct ConnectionOptions {
  crypto::RandomSource* random = nullptr;  // null: the system's getrandom
  const Clock* clock = nullptr;            // null: the system clock
  Observer* observer = nullptr;            // null: nothing is observed, at no cost
  KeyLogFile* key_log = nullptr;           // null: no SSLKEYLOGFILE lines (explicit opt-in)
  const TestHooks* hooks = nullptr;
  /// Step mode: receive() only buffers; each step() handles at most one handshake message.
  bool step_mode = false;
};

}  // namespace glasstls::tls
