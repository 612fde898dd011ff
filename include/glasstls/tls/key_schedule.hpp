// The TLS 1.3 key schedule (RFC 8446 §7.1): every secret of a connection, derived in order from
// an optional pre-shared key, the (EC)DHE shared secret and the transcript hash at fixed points.
//
//              0
//              |
//              v
//    PSK ->  HKDF-Extract = Early Secret ------> binder_key, client_early_traffic_secret,
//              |                                 early_exporter_master_secret
//              v
//        Derive-Secret(., "derived", "")
//              |
//              v
//    (EC)DHE -> HKDF-Extract = Handshake Secret -> client/server_handshake_traffic_secret
//              |
//              v
//        Derive-Secret(., "derived", "")
//              |
//              v
//    0 -> HKDF-Extract = Master Secret ---------> client/server_application_traffic_secret_0,
//                                                 exporter_master_secret,
//                                                 resumption_master_secret
//
// The three stages are three types, EarlySecret → HandshakeSecret → MasterSecret, and each can
// only be made from the one before it, so the order of the figure is the only order that
// compiles. Each derived secret comes back as a Secret; from a traffic secret come the record
// keys (§7.3), from any handshake secret the Finished key (§4.4.4), from an application traffic
// secret its KeyUpdate successor (§7.2), and from the resumption master secret a ticket's PSK
// (§4.6.1). One table (secret_info) holds every secret's HKDF label and its SSLKEYLOGFILE name.
//
//     auto early = EarlySecret::without_psk(HashAlg::sha256);
//     auto handshake = early.handshake_secret(x25519_shared_secret);
//     Secret c_hs = handshake.client_handshake_traffic_secret(transcript_hash_ch_sh);
//     TrafficKeys keys = traffic_keys(c_hs, AeadAlg::aes_128_gcm);
//
// All secrets are wiped when destroyed. Transcript hashes are public; secrets never reach a
// branch or an index.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/aead.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/tls/alert.hpp"

namespace glasstls::tls {

// ---- HKDF-Expand-Label and Derive-Secret (§7.1) ----------------------------------------------

/// §7.1:
///
///     HKDF-Expand-Label(Secret, Label, Context, Length) =
///          HKDF-Expand(Secret, HkdfLabel, Length)
///
///     struct {
///         uint16 length = Length;
///         opaque label<7..255> = "tls13 " + Label;
///         opaque context<0..255> = Context;
///     } HkdfLabel;
///
/// Fills `out` (Length = out.size()). Returns false, writing nothing, when a field does not fit
/// its vector ("tls13 " + label over 255 bytes, context over 255, out over 65535 or
/// 255 * HashLen bytes).
[[nodiscard]] bool hkdf_expand_label(crypto::HashAlg hash, ByteView secret, std::string_view label,
                                     ByteView context, MutableByteView out);

/// The HkdfLabel structure above, encoded (the `info` of HKDF-Expand; RFC 8448 prints it).
/// Nothing when a field does not fit.
std::optional<Bytes> hkdf_label(std::uint16_t length, std::string_view label, ByteView context);

// ---- Secrets ---------------------------------------------------------------------------------

/// HashLen bytes of keying material tied to the hash that made them. Wiped when destroyed.
class Secret {
 public:
  /// Copies `bytes` (at most crypto::kMaxDigestSize, normally digest_size(hash)).
  Secret(crypto::HashAlg hash, ByteView bytes);

  crypto::HashAlg hash() const noexcept { return hash_; }
  ByteView view() const noexcept { return value_.view(); }
  std::size_t size() const noexcept { return value_.size; }

 private:
  crypto::HashAlg hash_;
  crypto::Digest value_;  // crypto::Digest wipes itself on destruction
};

/// §7.1 Derive-Secret(Secret, Label, Messages) = HKDF-Expand-Label(Secret, Label,
/// Transcript-Hash(Messages), Hash.length). Takes the transcript hash already computed
/// (Transcript::current()); it must be HashLen bytes. The label is one of the secret_info() labels
/// or "derived".
Secret derive_secret(const Secret& secret, std::string_view label, ByteView transcript_hash);

/// Every secret the key schedule names (§7.1), in the order it is derived.
enum class SecretKind : std::uint8_t {
  external_binder_key,           // "ext binder"
  resumption_binder_key,         // "res binder"
  client_early_traffic,          // "c e traffic"
  early_exporter_master,         // "e exp master"
  client_handshake_traffic,      // "c hs traffic"
  server_handshake_traffic,      // "s hs traffic"
  client_application_traffic_0,  // "c ap traffic"
  server_application_traffic_0,  // "s ap traffic"
  exporter_master,               // "exp master"
  resumption_master,             // "res master"
};

/// One row of the secret table.
struct SecretInfo {
  SecretKind kind;
  std::string_view name;          // "client_handshake_traffic_secret", as RFC 8446 §7.1 calls it
  std::string_view hkdf_label;    // "c hs traffic" (HKDF-Expand-Label prepends "tls13 ")
  std::string_view keylog_label;  // "CLIENT_HANDSHAKE_TRAFFIC_SECRET"; empty when never logged
};

/// The table: the only place the labels and key-log names are written down.
std::span<const SecretInfo> secret_table() noexcept;
/// The row for one secret.
const SecretInfo& secret_info(SecretKind kind) noexcept;

/// An SSLKEYLOGFILE line (draft-ietf-tls-keylogfile §3): "<LABEL> <client_random> <secret>", both
/// values in lower-case hex, no newline. Nothing for a secret that is not logged (binder keys,
/// the resumption master secret) or a client_random that is not 32 bytes.
std::optional<std::string> keylog_line(SecretKind kind, ByteView client_random,
                                       const Secret& secret);

// ---- The three stages (§7.1) -----------------------------------------------------------------

class HandshakeSecret;
class MasterSecret;

/// §4.2.11: the binder key's label says where the PSK came from.
enum class PskKind : std::uint8_t {
  external,    // provisioned outside TLS: "ext binder"
  resumption,  // from a NewSessionTicket: "res binder"
};

/// Early Secret = HKDF-Extract(salt = 0, IKM = PSK).
class EarlySecret {
 public:
  /// From a pre-shared key (external, or resumption_psk() of an earlier connection).
  static EarlySecret from_psk(crypto::HashAlg hash, ByteView psk);
  /// §7.1: "If a given secret is not available, then the 0-value consisting of a string of
  /// Hash.length bytes set to zeros is used": the PSK of a full handshake.
  static EarlySecret without_psk(crypto::HashAlg hash);

  /// binder_key = Derive-Secret(Early Secret, "ext binder" | "res binder", "") (§7.1; the
  /// Messages are empty, so the context is Hash("")).
  Secret binder_key(PskKind kind) const;
  /// client_early_traffic_secret = Derive-Secret(., "c e traffic", ClientHello).
  Secret client_early_traffic_secret(ByteView client_hello_hash) const;
  /// early_exporter_master_secret = Derive-Secret(., "e exp master", ClientHello).
  Secret early_exporter_master_secret(ByteView client_hello_hash) const;

  /// Handshake Secret = HKDF-Extract(salt = Derive-Secret(., "derived", ""), IKM = (EC)DHE).
  HandshakeSecret handshake_secret(ByteView shared_secret) const;
  /// The same with HashLen zero bytes as the (EC)DHE input: psk_ke mode (§4.2.9), no key share.
  HandshakeSecret handshake_secret_without_ecdhe() const;

  crypto::HashAlg hash() const noexcept { return secret_.hash(); }
  /// The Early Secret itself (what RFC 8448 prints as `secret` after extract "early").
  const Secret& secret() const noexcept { return secret_; }

 private:
  explicit EarlySecret(Secret secret) : secret_(std::move(secret)) {}
  Secret secret_;
};

/// Handshake Secret: the keys that protect the rest of the handshake.
class HandshakeSecret {
 public:
  /// Derive-Secret(., "c hs traffic", ClientHello...ServerHello).
  Secret client_handshake_traffic_secret(ByteView hash_through_server_hello) const;
  /// Derive-Secret(., "s hs traffic", ClientHello...ServerHello).
  Secret server_handshake_traffic_secret(ByteView hash_through_server_hello) const;

  /// Master Secret = HKDF-Extract(salt = Derive-Secret(., "derived", ""), IKM = 0).
  MasterSecret master_secret() const;

  crypto::HashAlg hash() const noexcept { return secret_.hash(); }
  const Secret& secret() const noexcept { return secret_; }

 private:
  friend class EarlySecret;  // the only way to make one
  explicit HandshakeSecret(Secret secret) : secret_(std::move(secret)) {}
  Secret secret_;
};

/// Master Secret: application traffic, exporters, resumption.
class MasterSecret {
 public:
  /// Derive-Secret(., "c ap traffic", ClientHello...server Finished).
  Secret client_application_traffic_secret_0(ByteView hash_through_server_finished) const;
  /// Derive-Secret(., "s ap traffic", ClientHello...server Finished).
  Secret server_application_traffic_secret_0(ByteView hash_through_server_finished) const;
  /// Derive-Secret(., "exp master", ClientHello...server Finished).
  Secret exporter_master_secret(ByteView hash_through_server_finished) const;
  /// Derive-Secret(., "res master", ClientHello...client Finished).
  Secret resumption_master_secret(ByteView hash_through_client_finished) const;

  crypto::HashAlg hash() const noexcept { return secret_.hash(); }
  const Secret& secret() const noexcept { return secret_; }

 private:
  friend class HandshakeSecret;  // the only way to make one
  explicit MasterSecret(Secret secret) : secret_(std::move(secret)) {}
  Secret secret_;
};

// ---- What the secrets are used for -----------------------------------------------------------

/// A record-protection key and IV (§7.3). Wiped when destroyed.
struct TrafficKeys {
  crypto::AeadAlg aead = crypto::AeadAlg::aes_128_gcm;
  std::array<std::uint8_t, 32> key_bytes{};  // the first crypto::aead_key_size(aead) are the key
  std::array<std::uint8_t, crypto::kAeadNonceSize> iv{};

  TrafficKeys() = default;
  TrafficKeys(const TrafficKeys&) = default;
  TrafficKeys& operator=(const TrafficKeys&) = default;
  ~TrafficKeys();

  ByteView key() const noexcept { return ByteView(key_bytes.data(), crypto::aead_key_size(aead)); }
};

/// §7.3: [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length),
///       [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length) with iv_length 12.
TrafficKeys traffic_keys(const Secret& traffic_secret, crypto::AeadAlg aead);

/// §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length). BaseKey is the
/// sender's handshake traffic secret (or a binder key, §4.2.11.2).
Secret finished_key(const Secret& base_key);
/// §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*,
/// CertificateVerify*)). `transcript_hash` is that hash.
crypto::Digest finished_verify_data(const Secret& base_key, ByteView transcript_hash);
/// Recomputes verify_data and compares it with `received` in constant time. §4.4.4: a mismatch is
/// a decrypt_error; a verify_data that is not Hash.length bytes is a decode_error.
[[nodiscard]] Result<Unit, TlsError> verify_finished(const Secret& base_key,
                                                     ByteView transcript_hash, ByteView received);

/// §4.2.11.2: a PSK binder is computed "in the same way as the Finished message ... but with the
/// BaseKey being the binder_key", over the hash of the ClientHello truncated before the binders.
crypto::Digest psk_binder(const Secret& binder_key, ByteView truncated_client_hello_hash);
/// Checks a received binder in constant time; a mismatch is a decrypt_error (§6.2, §4.2.11).
[[nodiscard]] Result<Unit, TlsError> verify_psk_binder(const Secret& binder_key,
                                                       ByteView truncated_client_hello_hash,
                                                       ByteView received);

/// §7.2: application_traffic_secret_N+1 =
///           HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length).
Secret next_application_traffic_secret(const Secret& current);

/// §4.6.1: the PSK a ticket stands for,
///     HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length).
/// Fails (internal_error) for a nonce over 255 bytes, which §4.6.1's ticket_nonce<0..255> forbids.
[[nodiscard]] Result<Secret, TlsError> resumption_psk(const Secret& resumption_master_secret,
                                                      ByteView ticket_nonce);

/// §7.5: TLS-Exporter(label, context_value, key_length) =
///           HKDF-Expand-Label(Derive-Secret(Secret, label, ""), "exporter",
///                             Hash(context_value), key_length)
/// with Secret the exporter_master_secret (or, for 0-RTT, the early_exporter_master_secret).
/// No context and an empty context are the same (§7.5). Fails (internal_error) when the label is
/// over 249 bytes or key_length over 255 * HashLen.
[[nodiscard]] Result<Bytes, TlsError> export_keying_material(const Secret& exporter_master_secret,
                                                             std::string_view label,
                                                             ByteView context_value,
                                                             std::size_t key_length);

}  // namespace glasstls::tls
