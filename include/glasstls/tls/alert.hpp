// TLS alerts (RFC 8446 §6) and the one error type of the TLS layer. Every failure the wire layer
// and the state machines detect is a TlsError: the alert the peer will be sent, a reason a person
// can act on, and the RFC section that says so — chosen in one place, where the check is.
//
//     if (length > kMaxPlaintext + 1)
//       return Err(tls_error(AlertDescription::record_overflow, "inner plaintext of 16386 bytes",
//                            "RFC 8446 §5.4"));
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace glasstls::tls {

/// §6: AlertLevel. In TLS 1.3 every alert but close_notify and user_canceled is fatal, whatever
/// level it is sent with (§6: "the AlertLevel field ... is implicit in the type").
enum class AlertLevel : std::uint8_t { warning = 1, fatal = 2 };

/// §6 AlertDescription (the wire values).
enum class AlertDescription : std::uint8_t {
  close_notify = 0,
  unexpected_message = 10,
  bad_record_mac = 20,
  record_overflow = 22,
  handshake_failure = 40,
  bad_certificate = 42,
  unsupported_certificate = 43,
  certificate_revoked = 44,
  certificate_expired = 45,
  certificate_unknown = 46,
  illegal_parameter = 47,
  unknown_ca = 48,
  access_denied = 49,
  decode_error = 50,
  decrypt_error = 51,
  protocol_version = 70,
  insufficient_security = 71,
  internal_error = 80,
  inappropriate_fallback = 86,
  user_canceled = 90,
  missing_extension = 109,
  unsupported_extension = 110,
  unrecognized_name = 112,
  bad_certificate_status_response = 113,
  unknown_psk_identity = 115,
  certificate_required = 116,
  no_application_protocol = 120,
};

/// "handshake_failure" and so on: the names of §6; "alert(N)" for a value §6 does not list.
std::string_view to_string(AlertDescription alert) noexcept;
/// The description for a wire value, when §6 lists it.
std::optional<AlertDescription> alert_from_value(std::uint8_t value) noexcept;
/// close_notify and user_canceled are the closure alerts (§6.1); every other alert is an error
/// alert and terminates the connection (§6.2).
bool is_closure_alert(AlertDescription alert) noexcept;

/// An error of the TLS layer: the alert to send (or that was received), the reason, the section.
struct TlsError {
  AlertDescription alert = AlertDescription::internal_error;
  std::string reason;        // "ServerHello.cipher_suite 0x1304 was not offered"
  std::string_view section;  // "RFC 8446 §4.1.3" (a string literal)

  /// "illegal_parameter: ServerHello.cipher_suite 0x1304 was not offered (RFC 8446 §4.1.3)".
  std::string to_string() const;
};

/// Builds a TlsError; `section` must be a string literal (it is kept as a view).
inline TlsError tls_error(AlertDescription alert, std::string reason, std::string_view section) {
  return TlsError{alert, std::move(reason), section};
}

}  // namespace glasstls::tls
