// The inside of a Connection, shared by connection.cpp (records, alerts, events, application
// data), client.cpp (RFC 8446 Appendix A.1) and server.cpp (Appendix A.2).
#pragma once

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "glasstls/core/clock.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/crypto/x25519.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/handshake_proof.hpp"
#include "glasstls/tls/handshake_reassembly.hpp"
#include "glasstls/tls/key_schedule.hpp"
#include "glasstls/tls/keylog.hpp"
#include "glasstls/tls/messages.hpp"
#include "glasstls/tls/observer.hpp"
#include "glasstls/tls/record.hpp"
#include "glasstls/tls/transcript.hpp"

namespace glasstls::tls::detail {

/// Thrown inside a handler to end the handshake with an alert; caught at the Connection's
/// boundary, where the alert is sent. (Handlers stay linear: check, fail, go on.)
struct Abort {
  TlsError error;
};
[[noreturn]] inline void fail(AlertDescription alert, std::string reason, std::string_view section) {
  throw Abort{tls_error(alert, std::move(reason), section)};
}
/// Unwraps a Result or aborts with its error.
template <typename T>
T take(Result<T, TlsError> r) {
  if (!r.ok()) throw Abort{std::move(r).error()};
  return std::move(r).value();
}

/// Whether a list holds a value (offered suites, groups, extension types, ALPN names).
template <typename T>
bool contains(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

/// One ephemeral (EC)DHE key pair (§4.2.8).
struct KeyShare {
  NamedGroup group{};
  std::variant<crypto::X25519KeyPair, crypto::EcPrivateKey> key;
  Bytes public_bytes;  // the KeyShareEntry.key_exchange we send
};
bool group_supported(NamedGroup group) noexcept;
KeyShare generate_key_share(NamedGroup group, crypto::RandomSource& rng);
/// §4.2.8.1/§4.2.8.2: the shared secret with the peer's key_exchange; a malformed or invalid
/// share is illegal_parameter, an all-zero X25519 output too (§7.4.2).
Bytes agree(const KeyShare& share, ByteView peer_key_exchange);

/// §4.4.2.4 / §6.2: the alert a certificate verdict calls for.
std::string describe(const x509::Diagnosis& d);

}  // namespace glasstls::tls::detail

namespace glasstls::tls {

struct Connection::Impl {
  Impl(Role r, const Policy& p, const ConnectionOptions& o);

  // ---- What the connection is.
  Role role;
  const Policy& policy;
  std::shared_ptr<const ClientConfig> client_config;
  std::shared_ptr<const ServerConfig> server_config;
  ConnectionOptions options;
  crypto::RandomSource& rng;
  const Clock& clock;

  // ---- Where it is.
  State state = State::Start;
  std::optional<ConnectedProof> connected;  // present exactly when the handshake is done
  std::optional<TlsError> error;
  HandshakeSummary summary;
  bool close_sent = false;
  bool close_received = false;

  // ---- Bytes in and out.
  RecordReader reader;
  HandshakeReassembler reassembler;
  Bytes pending_input;  // bytes the reader could not take yet (or step mode)
  std::size_t pending_offset = 0;
  Bytes output;
  std::deque<Event> events;
  std::optional<RecordProtection> read_protection;
  std::optional<RecordProtection> write_protection;
  bool ccs_sent = false;
  Bytes pending_handshake;  // protected handshake bytes waiting to be sealed (flush_handshake)

  // ---- The handshake's state.
  Transcript transcript;
  std::optional<CipherSuiteInfo> suite;
  Random client_random{};
  Random server_random{};
  Bytes session_id;
  std::vector<detail::KeyShare> key_shares;
  std::optional<HandshakeSecret> handshake_secret;
  std::optional<MasterSecret> master_secret;
  std::optional<Secret> client_handshake_traffic;
  std::optional<Secret> server_handshake_traffic;
  std::optional<Secret> client_application_traffic;
  std::optional<Secret> server_application_traffic;

  // client
  std::string server_name;
  std::optional<Bytes> server_ip;  // the name was an IP literal
  ClientHello client_hello;        // the last one sent
  std::vector<ExtensionType> offered;
  std::vector<SignatureScheme> offered_schemes;
  bool hello_retry_seen = false;
  std::optional<CipherSuite> hrr_suite;
  bool certificate_requested = false;
  Bytes certificate_request_context;
  std::optional<x509::PublicKey> peer_key;
  std::optional<ChainVerified> chain_proof;
  std::optional<CertificateVerified> certificate_verify_proof;

  // server
  bool hello_retry_sent = false;
  bool early_data_offered = false;  // the ClientHello carried early_data, which is ignored
  std::size_t early_data_skipped = 0;
  ClientHello first_client_hello;
  NamedGroup hrr_group{};
  Bytes hrr_cookie;
  const Credential* credential = nullptr;
  SignatureScheme scheme{};

  // ---- connection.cpp: the machinery.
  void set_state(State next);
  void connect(ConnectedProof proof);
  /// Handles buffered input: everything (normal mode) or one step.
  Result<bool, TlsError> process(bool one_message);
  bool process_one();
  void handle_record(const Record& record);
  void handle_alert(ByteView content);
  bool skip_early_data(const Record& record);
  void handle_handshake_message(const HandshakeBytes& message);
  void send_alert(AlertDescription alert);
  void fail_with(TlsError e, bool send);
  void send_handshake(ByteView message);  // protected or not, by the current write keys
  void send_plaintext_handshake(ByteView message, std::uint16_t record_version);
  void send_change_cipher_spec();
  void flush_handshake();
  void append_record(ContentType outer, ContentType inner, ByteView wire, bool protected_record);
  void install_read(const Secret& secret);
  void install_write(const Secret& secret);
  void secret_derived(SecretKind kind, const Secret& secret);
  void message_seen(Direction dir, HandshakeType type, ByteView message);
  void add_to_transcript(Direction dir, HandshakeType type, ByteView message);
  crypto::Digest transcript_hash();
  /// The key schedule's steps both roles take (§7.1), and our Finished (§4.4.4).
  void derive_handshake_secrets(Bytes& shared_secret);
  void derive_application_secrets();
  void send_finished(const Secret& base_key);
  void handle_key_update(const KeyUpdate& ku);

  // ---- Observers, at no cost when unset.
  struct Timer {
    Timer(Impl& c, CryptoOpKind k, std::string_view d, std::size_t b = 0);
    ~Timer();
    Impl& conn;
    CryptoOpKind kind;
    std::string detail;  // copied only when an observer is set
    std::size_t bytes;
    Nanoseconds start_mono{0};
    Nanoseconds start_cpu{0};
  };

  // ---- client.cpp (RFC 8446 Appendix A.1).
  void client_start();
  void client_handle(const HandshakeBytes& message);
  void client_server_hello(const ServerHello& sh, ByteView raw);
  void client_hello_retry_request(const ServerHello& hrr, ByteView raw);
  void client_encrypted_extensions(const EncryptedExtensions& ee, ByteView raw);
  void client_certificate_request(const CertificateRequest& cr, ByteView raw);
  void client_certificate(const Certificate& c, ByteView raw);
  void client_certificate_verify(const CertificateVerify& cv, ByteView raw);
  void client_finished(const Finished& f, ByteView raw);
  void client_new_session_ticket(const NewSessionTicket& t);
  void client_send_hello(std::uint16_t record_version);
  void client_check_server_extensions(const ExtensionList& list, HandshakeType where,
                                      bool hello_retry_request);

  // ---- server.cpp (RFC 8446 Appendix A.2).
  void server_handle(const HandshakeBytes& message);
  void server_client_hello(const ClientHello& ch, ByteView raw);
  void server_send_hello_retry_request(const ClientHello& ch, ByteView raw, CipherSuite suite,
                                       NamedGroup group);
  void server_check_second_client_hello(const ClientHello& ch);
  void server_finished(const Finished& f, ByteView raw);
};

}  // namespace glasstls::tls
