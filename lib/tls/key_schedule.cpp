// The TLS 1.3 key schedule, RFC 8446 §7.1: HKDF-Expand-Label, Derive-Secret, the three extract
// stages and what is expanded from them (§4.4.4 Finished keys, §4.6.1 resumption PSKs, §7.2
// KeyUpdate, §7.3 traffic keys, §7.5 exporters).
#include "glasstls/tls/key_schedule.hpp"

#include <algorithm>
#include <cassert>

#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/hkdf.hpp"
#include "glasstls/crypto/hmac.hpp"
#include "glasstls/tls/wire.hpp"

namespace glasstls::tls {
namespace {

using crypto::HashAlg;

// §7.1: "opaque label<7..255> = "tls13 " + Label;"
constexpr std::string_view kLabelPrefix = "tls13 ";
constexpr std::size_t kMaxLabel = 255;
constexpr std::size_t kMaxContext = 255;

// The labels of expansions that are not secrets of the table (those live in secret_table()).
constexpr std::string_view kDerived = "derived";            // §7.1, between the stages
constexpr std::string_view kKey = "key";                    // §7.3
constexpr std::string_view kIv = "iv";                      // §7.3
constexpr std::string_view kFinished = "finished";          // §4.4.4
constexpr std::string_view kTrafficUpdate = "traffic upd";  // §7.2
constexpr std::string_view kResumption = "resumption";      // §4.6.1
constexpr std::string_view kExporter = "exporter";          // §7.5

// The secret table (§7.1 names and labels; draft-ietf-tls-keylogfile §3 key-log names). Binder
// keys and the resumption master secret have no key-log name: the draft defines none.
constexpr SecretInfo kSecretTable[] = {
    {SecretKind::external_binder_key, "binder_key (external)", "ext binder", ""},
    {SecretKind::resumption_binder_key, "binder_key (resumption)", "res binder", ""},
    {SecretKind::client_early_traffic, "client_early_traffic_secret", "c e traffic",
     "CLIENT_EARLY_TRAFFIC_SECRET"},
    {SecretKind::early_exporter_master, "early_exporter_master_secret", "e exp master",
     "EARLY_EXPORTER_SECRET"},
    {SecretKind::client_handshake_traffic, "client_handshake_traffic_secret", "c hs traffic",
     "CLIENT_HANDSHAKE_TRAFFIC_SECRET"},
    {SecretKind::server_handshake_traffic, "server_handshake_traffic_secret", "s hs traffic",
     "SERVER_HANDSHAKE_TRAFFIC_SECRET"},
    {SecretKind::client_application_traffic_0, "client_application_traffic_secret_0",
     "c ap traffic", "CLIENT_TRAFFIC_SECRET_0"},
    {SecretKind::server_application_traffic_0, "server_application_traffic_secret_0",
     "s ap traffic", "SERVER_TRAFFIC_SECRET_0"},
    {SecretKind::exporter_master, "exporter_master_secret", "exp master", "EXPORTER_SECRET"},
    {SecretKind::resumption_master, "resumption_master_secret", "res master", ""},
};

// Hash(""), the context of every Derive-Secret with empty Messages (binder keys, "derived",
// the exporter's inner step). Not secret.
crypto::Digest empty_hash(HashAlg hash) {
  return crypto::Hash::hash(hash, ByteView());
}

// HKDF-Expand-Label to one HashLen secret. Every caller passes a table label or a constant above
// and a context of at most HashLen bytes, so the expansion cannot fail.
Secret expand_to_secret(const Secret& secret, std::string_view label, ByteView context) {
  const HashAlg hash = secret.hash();
  crypto::Digest out;
  out.size = crypto::digest_size(hash);
  const bool ok = hkdf_expand_label(hash, secret.view(), label, context,
                                    MutableByteView(out.bytes.data(), out.size));
  assert(ok);
  (void)ok;
  return Secret(hash, out.view());  // `out` is wiped by its destructor
}

// Derive-Secret for a secret of the table.
Secret derive(const Secret& secret, SecretKind kind, ByteView transcript_hash) {
  return derive_secret(secret, secret_info(kind).hkdf_label, transcript_hash);
}

// Derive-Secret(., "derived", "") then HKDF-Extract(salt = that, IKM = ikm): the step from one
// stage to the next (§7.1 figure).
Secret next_stage(const Secret& previous, ByteView ikm) {
  const HashAlg hash = previous.hash();
  const Secret salt = derive_secret(previous, kDerived, empty_hash(hash).view());
  const crypto::Digest extracted = crypto::hkdf_extract(hash, salt.view(), ikm);
  return Secret(hash, extracted.view());
}

// HashLen zero bytes: the "0" inputs of the §7.1 figure.
ByteView zeros(HashAlg hash) {
  static constexpr std::array<std::uint8_t, crypto::kMaxDigestSize> kZeros{};
  return ByteView(kZeros.data(), crypto::digest_size(hash));
}

}  // namespace

// ---- HKDF-Expand-Label and Derive-Secret -----------------------------------------------------

std::optional<Bytes> hkdf_label(std::uint16_t length, std::string_view label, ByteView context) {
  // §7.1: label<7..255> holds "tls13 " + Label; context<0..255>.
  if (label.size() > kMaxLabel - kLabelPrefix.size() || context.size() > kMaxContext) {
    return std::nullopt;
  }
  WireWriter w;
  w.u16(length);                    // uint16 length = Length;
  w.vector(1, [&](WireWriter& v) {  // opaque label<7..255> = "tls13 " + Label;
    v.bytes(as_bytes(kLabelPrefix));
    v.bytes(as_bytes(label));
  });
  w.opaque(1, context);  // opaque context<0..255> = Context;
  if (!w.ok()) return std::nullopt;
  return w.take();
}

bool hkdf_expand_label(HashAlg hash, ByteView secret, std::string_view label, ByteView context,
                       MutableByteView out) {
  // HkdfLabel.length is a uint16; HKDF-Expand itself stops at 255 * HashLen (RFC 5869 §2.3).
  if (out.size() > 0xffff || out.size() > 255 * crypto::digest_size(hash)) return false;
  const auto info = hkdf_label(static_cast<std::uint16_t>(out.size()), label, context);
  if (!info) return false;
  return crypto::hkdf_expand(hash, secret, *info, out);
}

Secret::Secret(HashAlg hash, ByteView bytes) : hash_(hash) {
  assert(bytes.size() <= value_.bytes.size());
  const std::size_t n = std::min(bytes.size(), value_.bytes.size());
  std::copy_n(bytes.begin(), n, value_.bytes.begin());
  value_.size = n;
}

Secret derive_secret(const Secret& secret, std::string_view label, ByteView transcript_hash) {
  // §7.1: Derive-Secret(Secret, Label, Messages) =
  //           HKDF-Expand-Label(Secret, Label, Transcript-Hash(Messages), Hash.length)
  assert(transcript_hash.size() == crypto::digest_size(secret.hash()));
  return expand_to_secret(secret, label, transcript_hash);
}

// ---- The secret table --------------------------------------------------------------------------

std::span<const SecretInfo> secret_table() noexcept {
  return kSecretTable;
}

const SecretInfo& secret_info(SecretKind kind) noexcept {
  // The table is in enum order (checked by the tests), so the enum value is the row.
  return kSecretTable[static_cast<std::size_t>(kind)];
}

std::optional<std::string> keylog_line(SecretKind kind, ByteView client_random,
                                       const Secret& secret) {
  const SecretInfo& info = secret_info(kind);
  // draft-ietf-tls-keylogfile §3: client_random is the 32-byte Random of the ClientHello.
  if (info.keylog_label.empty() || client_random.size() != 32) return std::nullopt;
  std::string line(info.keylog_label);
  line += ' ';
  line += hex_encode(client_random);
  line += ' ';
  line += hex_encode(secret.view());
  return line;
}

// ---- The stages ---------------------------------------------------------------------------------

EarlySecret EarlySecret::from_psk(HashAlg hash, ByteView psk) {
  // §7.1: Early Secret = HKDF-Extract(salt = 0, IKM = PSK); an empty salt is HashLen zeros
  // (RFC 5869 §2.2).
  const crypto::Digest extracted = crypto::hkdf_extract(hash, ByteView(), psk);
  return EarlySecret(Secret(hash, extracted.view()));
}

EarlySecret EarlySecret::without_psk(HashAlg hash) {
  return from_psk(hash, zeros(hash));
}

Secret EarlySecret::binder_key(PskKind kind) const {
  // §7.1: Derive-Secret(., "ext binder" | "res binder", "") = binder_key.
  const SecretKind which = kind == PskKind::external ? SecretKind::external_binder_key
                                                     : SecretKind::resumption_binder_key;
  return derive(secret_, which, empty_hash(hash()).view());
}

Secret EarlySecret::client_early_traffic_secret(ByteView client_hello_hash) const {
  return derive(secret_, SecretKind::client_early_traffic, client_hello_hash);
}

Secret EarlySecret::early_exporter_master_secret(ByteView client_hello_hash) const {
  return derive(secret_, SecretKind::early_exporter_master, client_hello_hash);
}

HandshakeSecret EarlySecret::handshake_secret(ByteView shared_secret) const {
  return HandshakeSecret(next_stage(secret_, shared_secret));
}

HandshakeSecret EarlySecret::handshake_secret_without_ecdhe() const {
  return HandshakeSecret(next_stage(secret_, zeros(hash())));
}

Secret HandshakeSecret::client_handshake_traffic_secret(ByteView hash_through_server_hello) const {
  return derive(secret_, SecretKind::client_handshake_traffic, hash_through_server_hello);
}

Secret HandshakeSecret::server_handshake_traffic_secret(ByteView hash_through_server_hello) const {
  return derive(secret_, SecretKind::server_handshake_traffic, hash_through_server_hello);
}

MasterSecret HandshakeSecret::master_secret() const {
  // §7.1: "0 -> HKDF-Extract = Master Secret": the IKM is HashLen zero bytes (not an empty
  // string, which HMAC would treat differently).
  return MasterSecret(next_stage(secret_, zeros(hash())));
}

Secret MasterSecret::client_application_traffic_secret_0(
    ByteView hash_through_server_finished) const {
  return derive(secret_, SecretKind::client_application_traffic_0, hash_through_server_finished);
}

Secret MasterSecret::server_application_traffic_secret_0(
    ByteView hash_through_server_finished) const {
  return derive(secret_, SecretKind::server_application_traffic_0, hash_through_server_finished);
}

Secret MasterSecret::exporter_master_secret(ByteView hash_through_server_finished) const {
  return derive(secret_, SecretKind::exporter_master, hash_through_server_finished);
}

Secret MasterSecret::resumption_master_secret(ByteView hash_through_client_finished) const {
  return derive(secret_, SecretKind::resumption_master, hash_through_client_finished);
}

// ---- Uses of the secrets ------------------------------------------------------------------------

TrafficKeys::~TrafficKeys() {
  ct::secure_wipe(key_bytes.data(), key_bytes.size());
  ct::secure_wipe(iv.data(), iv.size());
}

TrafficKeys traffic_keys(const Secret& traffic_secret, crypto::AeadAlg aead) {
  // §7.3: [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)
  //       [sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)
  // §5.3: iv_length is max(8 bytes, N_MIN) = 12 for every AEAD TLS 1.3 defines.
  TrafficKeys keys;
  keys.aead = aead;
  const HashAlg hash = traffic_secret.hash();
  const bool key_ok =
      hkdf_expand_label(hash, traffic_secret.view(), kKey, ByteView(),
                        MutableByteView(keys.key_bytes.data(), crypto::aead_key_size(aead)));
  const bool iv_ok = hkdf_expand_label(hash, traffic_secret.view(), kIv, ByteView(), keys.iv);
  assert(key_ok && iv_ok);
  (void)key_ok;
  (void)iv_ok;
  return keys;
}

Secret finished_key(const Secret& base_key) {
  // §4.4.4: finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length)
  return expand_to_secret(base_key, kFinished, ByteView());
}

crypto::Digest finished_verify_data(const Secret& base_key, ByteView transcript_hash) {
  // §4.4.4: verify_data = HMAC(finished_key, Transcript-Hash(Handshake Context, Certificate*,
  //                                                          CertificateVerify*))
  const Secret key = finished_key(base_key);
  return crypto::hmac(base_key.hash(), key.view(), transcript_hash);
}

Result<Unit, TlsError> verify_finished(const Secret& base_key, ByteView transcript_hash,
                                       ByteView received) {
  // §4.4.4: opaque verify_data[Hash.length]. The length is public (it is the message length).
  if (received.size() != crypto::digest_size(base_key.hash())) {
    return Err(tls_error(AlertDescription::decode_error,
                         "Finished.verify_data is " + std::to_string(received.size()) +
                             " bytes, Hash.length is " +
                             std::to_string(crypto::digest_size(base_key.hash())),
                         "RFC 8446 §4.4.4"));
  }
  const crypto::Digest expected = finished_verify_data(base_key, transcript_hash);
  // §4.4.4: "Recipients of Finished messages MUST verify that the contents are correct and if
  // incorrect MUST terminate the connection with a "decrypt_error" alert." Constant time: only the
  // verdict is revealed.
  if (!ct::memory_equal(expected.view(), received)) {
    return Err(tls_error(AlertDescription::decrypt_error,
                         "Finished.verify_data does not match the transcript", "RFC 8446 §4.4.4"));
  }
  return Unit{};
}

crypto::Digest psk_binder(const Secret& binder_key, ByteView truncated_client_hello_hash) {
  // §4.2.11.2: "computed in the same way as the Finished message (Section 4.4.4) but with the
  // BaseKey being the binder_key".
  return finished_verify_data(binder_key, truncated_client_hello_hash);
}

Result<Unit, TlsError> verify_psk_binder(const Secret& binder_key,
                                         ByteView truncated_client_hello_hash, ByteView received) {
  const crypto::Digest expected = psk_binder(binder_key, truncated_client_hello_hash);
  // §6.2 decrypt_error: "unable to ... validate a Finished message or a PSK binder". A binder of
  // another length is simply wrong: memory_equal answers false for it without looking at bytes.
  if (!ct::memory_equal(expected.view(), received)) {
    return Err(tls_error(AlertDescription::decrypt_error,
                         "pre_shared_key binder does not match the truncated ClientHello",
                         "RFC 8446 §4.2.11.2"));
  }
  return Unit{};
}

Secret next_application_traffic_secret(const Secret& current) {
  // §7.2: application_traffic_secret_N+1 =
  //           HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length)
  return expand_to_secret(current, kTrafficUpdate, ByteView());
}

Result<Secret, TlsError> resumption_psk(const Secret& resumption_master_secret,
                                        ByteView ticket_nonce) {
  // §4.6.1: opaque ticket_nonce<0..255>;
  if (ticket_nonce.size() > kMaxContext) {
    return Err(
        tls_error(AlertDescription::internal_error,
                  "ticket_nonce of " + std::to_string(ticket_nonce.size()) + " bytes; at most 255",
                  "RFC 8446 §4.6.1"));
  }
  // §4.6.1: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length)
  return expand_to_secret(resumption_master_secret, kResumption, ticket_nonce);
}

Result<Bytes, TlsError> export_keying_material(const Secret& exporter_master_secret,
                                               std::string_view label, ByteView context_value,
                                               std::size_t key_length) {
  const HashAlg hash = exporter_master_secret.hash();
  if (label.size() > kMaxLabel - kLabelPrefix.size()) {
    return Err(tls_error(AlertDescription::internal_error,
                         "exporter label of " + std::to_string(label.size()) +
                             " bytes; at most 249 fit HkdfLabel.label",
                         "RFC 8446 §7.1"));
  }
  if (key_length > 255 * crypto::digest_size(hash) || key_length > 0xffff) {
    return Err(tls_error(
        AlertDescription::internal_error,
        "exporter key_length " + std::to_string(key_length) + " exceeds 255 * Hash.length",
        "RFC 8446 §7.5"));
  }
  // §7.5: HKDF-Expand-Label(Derive-Secret(Secret, label, ""), "exporter", Hash(context_value),
  //                         key_length)
  const Secret per_label = derive_secret(exporter_master_secret, label, empty_hash(hash).view());
  const crypto::Digest context_hash = crypto::Hash::hash(hash, context_value);
  Bytes out(key_length);
  const bool ok = hkdf_expand_label(hash, per_label.view(), kExporter, context_hash.view(), out);
  assert(ok);
  (void)ok;
  return out;
}

}  // namespace glasstls::tls
