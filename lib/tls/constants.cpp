// Names of the TLS 1.3 codepoints, and what each implemented cipher suite is made of.
#include "glasstls/tls/constants.hpp"

#include <cstdio>

namespace glasstls::tls {
namespace {

std::string hex4(std::uint16_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%04x", v);
  return buf;
}

// "GREASE(0x1a1a)" or "unknown(0x1234)" for a 16-bit value without a name.
std::string unnamed16(std::uint16_t v) {
  return (is_grease(v) ? "GREASE(" : "unknown(") + hex4(v) + ")";
}

}  // namespace

std::optional<CipherSuiteInfo> cipher_suite_info(CipherSuite suite) noexcept {
  switch (suite) {
    case CipherSuite::tls_aes_128_gcm_sha256:
      return CipherSuiteInfo{suite, crypto::AeadAlg::aes_128_gcm, crypto::HashAlg::sha256,
                             "TLS_AES_128_GCM_SHA256"};
    case CipherSuite::tls_aes_256_gcm_sha384:
      return CipherSuiteInfo{suite, crypto::AeadAlg::aes_256_gcm, crypto::HashAlg::sha384,
                             "TLS_AES_256_GCM_SHA384"};
    case CipherSuite::tls_chacha20_poly1305_sha256:
      return CipherSuiteInfo{suite, crypto::AeadAlg::chacha20_poly1305, crypto::HashAlg::sha256,
                             "TLS_CHACHA20_POLY1305_SHA256"};
    default:
      return std::nullopt;
  }
}

std::string to_string(ContentType t) {
  switch (t) {
    case ContentType::invalid:
      return "invalid";
    case ContentType::change_cipher_spec:
      return "change_cipher_spec";
    case ContentType::alert:
      return "alert";
    case ContentType::handshake:
      return "handshake";
    case ContentType::application_data:
      return "application_data";
  }
  return "unknown(" + std::to_string(static_cast<unsigned>(t)) + ")";
}

std::string to_string(HandshakeType t) {
  switch (t) {
    case HandshakeType::client_hello:
      return "client_hello";
    case HandshakeType::server_hello:
      return "server_hello";
    case HandshakeType::new_session_ticket:
      return "new_session_ticket";
    case HandshakeType::end_of_early_data:
      return "end_of_early_data";
    case HandshakeType::encrypted_extensions:
      return "encrypted_extensions";
    case HandshakeType::certificate:
      return "certificate";
    case HandshakeType::certificate_request:
      return "certificate_request";
    case HandshakeType::certificate_verify:
      return "certificate_verify";
    case HandshakeType::finished:
      return "finished";
    case HandshakeType::key_update:
      return "key_update";
    case HandshakeType::message_hash:
      return "message_hash";
  }
  return "unknown(" + std::to_string(static_cast<unsigned>(t)) + ")";
}

std::string to_string(ExtensionType t) {
  switch (t) {
    case ExtensionType::server_name:
      return "server_name";
    case ExtensionType::max_fragment_length:
      return "max_fragment_length";
    case ExtensionType::status_request:
      return "status_request";
    case ExtensionType::supported_groups:
      return "supported_groups";
    case ExtensionType::ec_point_formats:
      return "ec_point_formats";
    case ExtensionType::signature_algorithms:
      return "signature_algorithms";
    case ExtensionType::use_srtp:
      return "use_srtp";
    case ExtensionType::heartbeat:
      return "heartbeat";
    case ExtensionType::application_layer_protocol_negotiation:
      return "application_layer_protocol_negotiation";
    case ExtensionType::signed_certificate_timestamp:
      return "signed_certificate_timestamp";
    case ExtensionType::client_certificate_type:
      return "client_certificate_type";
    case ExtensionType::server_certificate_type:
      return "server_certificate_type";
    case ExtensionType::padding:
      return "padding";
    case ExtensionType::extended_master_secret:
      return "extended_master_secret";
    case ExtensionType::compress_certificate:
      return "compress_certificate";
    case ExtensionType::record_size_limit:
      return "record_size_limit";
    case ExtensionType::session_ticket:
      return "session_ticket";
    case ExtensionType::pre_shared_key:
      return "pre_shared_key";
    case ExtensionType::early_data:
      return "early_data";
    case ExtensionType::supported_versions:
      return "supported_versions";
    case ExtensionType::cookie:
      return "cookie";
    case ExtensionType::psk_key_exchange_modes:
      return "psk_key_exchange_modes";
    case ExtensionType::certificate_authorities:
      return "certificate_authorities";
    case ExtensionType::oid_filters:
      return "oid_filters";
    case ExtensionType::post_handshake_auth:
      return "post_handshake_auth";
    case ExtensionType::signature_algorithms_cert:
      return "signature_algorithms_cert";
    case ExtensionType::key_share:
      return "key_share";
    case ExtensionType::application_settings:
      return "application_settings";
    case ExtensionType::encrypted_client_hello:
      return "encrypted_client_hello";
    case ExtensionType::renegotiation_info:
      return "renegotiation_info";
  }
  return unnamed16(static_cast<std::uint16_t>(t));
}

std::string to_string(ProtocolVersion v) {
  switch (v) {
    case ProtocolVersion::tls10:
      return "TLS 1.0";
    case ProtocolVersion::tls11:
      return "TLS 1.1";
    case ProtocolVersion::tls12:
      return "TLS 1.2";
    case ProtocolVersion::tls13:
      return "TLS 1.3";
  }
  return unnamed16(static_cast<std::uint16_t>(v));
}

std::string to_string(CipherSuite s) {
  if (auto info = cipher_suite_info(s)) return std::string(info->name);
  switch (s) {
    case CipherSuite::tls_aes_128_ccm_sha256:
      return "TLS_AES_128_CCM_SHA256";
    case CipherSuite::tls_aes_128_ccm_8_sha256:
      return "TLS_AES_128_CCM_8_SHA256";
    default:
      return unnamed16(static_cast<std::uint16_t>(s));
  }
}

std::string to_string(NamedGroup g) {
  switch (g) {
    case NamedGroup::secp256r1:
      return "secp256r1";
    case NamedGroup::secp384r1:
      return "secp384r1";
    case NamedGroup::secp521r1:
      return "secp521r1";
    case NamedGroup::x25519:
      return "x25519";
    case NamedGroup::x448:
      return "x448";
    case NamedGroup::ffdhe2048:
      return "ffdhe2048";
    case NamedGroup::ffdhe3072:
      return "ffdhe3072";
    case NamedGroup::ffdhe4096:
      return "ffdhe4096";
    case NamedGroup::ffdhe6144:
      return "ffdhe6144";
    case NamedGroup::ffdhe8192:
      return "ffdhe8192";
    case NamedGroup::x25519_mlkem768:
      return "X25519MLKEM768";
  }
  return unnamed16(static_cast<std::uint16_t>(g));
}

std::string to_string(SignatureScheme s) {
  switch (s) {
    case SignatureScheme::rsa_pkcs1_sha256:
      return "rsa_pkcs1_sha256";
    case SignatureScheme::rsa_pkcs1_sha384:
      return "rsa_pkcs1_sha384";
    case SignatureScheme::rsa_pkcs1_sha512:
      return "rsa_pkcs1_sha512";
    case SignatureScheme::ecdsa_secp256r1_sha256:
      return "ecdsa_secp256r1_sha256";
    case SignatureScheme::ecdsa_secp384r1_sha384:
      return "ecdsa_secp384r1_sha384";
    case SignatureScheme::ecdsa_secp521r1_sha512:
      return "ecdsa_secp521r1_sha512";
    case SignatureScheme::rsa_pss_rsae_sha256:
      return "rsa_pss_rsae_sha256";
    case SignatureScheme::rsa_pss_rsae_sha384:
      return "rsa_pss_rsae_sha384";
    case SignatureScheme::rsa_pss_rsae_sha512:
      return "rsa_pss_rsae_sha512";
    case SignatureScheme::ed25519:
      return "ed25519";
    case SignatureScheme::ed448:
      return "ed448";
    case SignatureScheme::rsa_pss_pss_sha256:
      return "rsa_pss_pss_sha256";
    case SignatureScheme::rsa_pss_pss_sha384:
      return "rsa_pss_pss_sha384";
    case SignatureScheme::rsa_pss_pss_sha512:
      return "rsa_pss_pss_sha512";
    case SignatureScheme::rsa_pkcs1_sha1:
      return "rsa_pkcs1_sha1";
    case SignatureScheme::ecdsa_sha1:
      return "ecdsa_sha1";
  }
  return unnamed16(static_cast<std::uint16_t>(s));
}

}  // namespace glasstls::tls
