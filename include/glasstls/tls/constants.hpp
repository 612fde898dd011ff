// The codepoints of TLS 1.3 (RFC 8446 §4, §5, Appendix B.3) as strong enums. Each enum has a
// fixed underlying type, so a value no enumerator names — a codepoint from a newer RFC, or a
// GREASE value (RFC 8701) — is still held as itself: decoders keep unknown values rather than
// refusing them (§9.3), and the negotiation ignores what it does not know.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "glasstls/crypto/aead.hpp"
#include "glasstls/crypto/hash.hpp"

namespace glasstls::tls {

/// §5.1 ContentType.
enum class ContentType : std::uint8_t {
  invalid = 0,
  change_cipher_spec = 20,
  alert = 21,
  handshake = 22,
  application_data = 23,
};

/// §4 HandshakeType (message_hash is the synthetic message of §4.4.1).
enum class HandshakeType : std::uint8_t {
  client_hello = 1,
  server_hello = 2,
  new_session_ticket = 4,
  end_of_early_data = 5,
  encrypted_extensions = 8,
  certificate = 11,
  certificate_request = 13,
  certificate_verify = 15,
  finished = 20,
  key_update = 24,
  message_hash = 254,
};

/// §4.2 ExtensionType: those of RFC 8446, and the ones real clients send that glasstls names
/// when it prints a ClientHello (RFC 7627, 5077, 5746, 8879, ECH, ALPS).
enum class ExtensionType : std::uint16_t {
  server_name = 0,                              // RFC 6066
  max_fragment_length = 1,                      // RFC 6066
  status_request = 5,                           // RFC 6066
  supported_groups = 10,                        // RFC 8422, 7919
  ec_point_formats = 11,                        // RFC 8422 (TLS 1.2)
  signature_algorithms = 13,                    // RFC 8446
  use_srtp = 14,                                // RFC 5764
  heartbeat = 15,                               // RFC 6520
  application_layer_protocol_negotiation = 16,  // RFC 7301
  signed_certificate_timestamp = 18,            // RFC 6962
  client_certificate_type = 19,                 // RFC 7250
  server_certificate_type = 20,                 // RFC 7250
  padding = 21,                                 // RFC 7685
  extended_master_secret = 23,                  // RFC 7627 (TLS 1.2)
  compress_certificate = 27,                    // RFC 8879
  record_size_limit = 28,                       // RFC 8449
  session_ticket = 35,                          // RFC 5077 (TLS 1.2)
  pre_shared_key = 41,                          // RFC 8446
  early_data = 42,                              // RFC 8446
  supported_versions = 43,                      // RFC 8446
  cookie = 44,                                  // RFC 8446
  psk_key_exchange_modes = 45,                  // RFC 8446
  certificate_authorities = 47,                 // RFC 8446
  oid_filters = 48,                             // RFC 8446
  post_handshake_auth = 49,                     // RFC 8446
  signature_algorithms_cert = 50,               // RFC 8446
  key_share = 51,                               // RFC 8446
  application_settings = 17513,                 // ALPS (Chromium)
  encrypted_client_hello = 0xfe0d,              // ECH (draft)
  renegotiation_info = 0xff01,                  // RFC 5746 (TLS 1.2)
};

/// §4.1.2 legacy_version / §4.2.1 supported_versions values.
enum class ProtocolVersion : std::uint16_t {
  tls10 = 0x0301,
  tls11 = 0x0302,
  tls12 = 0x0303,
  tls13 = 0x0304,
};

/// §B.4 cipher suites (TLS 1.3 only; TLS 1.2 suites in a ClientHello are kept as raw values).
enum class CipherSuite : std::uint16_t {
  tls_aes_128_gcm_sha256 = 0x1301,
  tls_aes_256_gcm_sha384 = 0x1302,
  tls_chacha20_poly1305_sha256 = 0x1303,
  tls_aes_128_ccm_sha256 = 0x1304,    // named, not implemented
  tls_aes_128_ccm_8_sha256 = 0x1305,  // named, not implemented
};

/// What a TLS 1.3 suite is made of: its AEAD and its hash (HKDF and the transcript).
struct CipherSuiteInfo {
  CipherSuite suite;
  crypto::AeadAlg aead;
  crypto::HashAlg hash;
  std::string_view name;  // "TLS_AES_128_GCM_SHA256"
};
/// The suites glasstls implements; nothing for any other value.
std::optional<CipherSuiteInfo> cipher_suite_info(CipherSuite suite) noexcept;

/// §4.2.7 NamedGroup (and the hybrid of draft-ietf-tls-ecdhe-mlkem).
enum class NamedGroup : std::uint16_t {
  secp256r1 = 0x0017,
  secp384r1 = 0x0018,
  secp521r1 = 0x0019,
  x25519 = 0x001d,
  x448 = 0x001e,
  ffdhe2048 = 0x0100,
  ffdhe3072 = 0x0101,
  ffdhe4096 = 0x0102,
  ffdhe6144 = 0x0103,
  ffdhe8192 = 0x0104,
  x25519_mlkem768 = 0x11ec,
};

/// §4.2.3 SignatureScheme.
enum class SignatureScheme : std::uint16_t {
  rsa_pkcs1_sha256 = 0x0401,
  rsa_pkcs1_sha384 = 0x0501,
  rsa_pkcs1_sha512 = 0x0601,
  ecdsa_secp256r1_sha256 = 0x0403,
  ecdsa_secp384r1_sha384 = 0x0503,
  ecdsa_secp521r1_sha512 = 0x0603,
  rsa_pss_rsae_sha256 = 0x0804,
  rsa_pss_rsae_sha384 = 0x0805,
  rsa_pss_rsae_sha512 = 0x0806,
  ed25519 = 0x0807,
  ed448 = 0x0808,
  rsa_pss_pss_sha256 = 0x0809,
  rsa_pss_pss_sha384 = 0x080a,
  rsa_pss_pss_sha512 = 0x080b,
  rsa_pkcs1_sha1 = 0x0201,
  ecdsa_sha1 = 0x0203,
};

/// §4.2.9 PskKeyExchangeMode.
enum class PskKeyExchangeMode : std::uint8_t { psk_ke = 0, psk_dhe_ke = 1 };

/// §4.6.3 KeyUpdateRequest.
enum class KeyUpdateRequest : std::uint8_t { update_not_requested = 0, update_requested = 1 };

/// RFC 8701 §2: a GREASE value is 0x?A?A with both bytes equal (0x0A0A, 0x1A1A, ... 0xFAFA).
constexpr bool is_grease(std::uint16_t v) noexcept {
  return (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

// Names, as RFC 8446 and the IANA registry spell them ("client_hello", "key_share",
// "TLS_AES_128_GCM_SHA256", "x25519", "ecdsa_secp256r1_sha256"); for a value without a name,
// "GREASE(0x1a1a)" or "unknown(0x1234)".
std::string to_string(ContentType t);
std::string to_string(HandshakeType t);
std::string to_string(ExtensionType t);
std::string to_string(ProtocolVersion v);
std::string to_string(CipherSuite s);
std::string to_string(NamedGroup g);
std::string to_string(SignatureScheme s);

}  // namespace glasstls::tls
