// Alert names (RFC 8446 §6) and TlsError's sentence.
#include "glasstls/tls/alert.hpp"

namespace glasstls::tls {

std::string_view to_string(AlertDescription alert) noexcept {
  switch (alert) {
    case AlertDescription::close_notify:
      return "close_notify";
    case AlertDescription::unexpected_message:
      return "unexpected_message";
    case AlertDescription::bad_record_mac:
      return "bad_record_mac";
    case AlertDescription::record_overflow:
      return "record_overflow";
    case AlertDescription::handshake_failure:
      return "handshake_failure";
    case AlertDescription::bad_certificate:
      return "bad_certificate";
    case AlertDescription::unsupported_certificate:
      return "unsupported_certificate";
    case AlertDescription::certificate_revoked:
      return "certificate_revoked";
    case AlertDescription::certificate_expired:
      return "certificate_expired";
    case AlertDescription::certificate_unknown:
      return "certificate_unknown";
    case AlertDescription::illegal_parameter:
      return "illegal_parameter";
    case AlertDescription::unknown_ca:
      return "unknown_ca";
    case AlertDescription::access_denied:
      return "access_denied";
    case AlertDescription::decode_error:
      return "decode_error";
    case AlertDescription::decrypt_error:
      return "decrypt_error";
    case AlertDescription::protocol_version:
      return "protocol_version";
    case AlertDescription::insufficient_security:
      return "insufficient_security";
    case AlertDescription::internal_error:
      return "internal_error";
    case AlertDescription::inappropriate_fallback:
      return "inappropriate_fallback";
    case AlertDescription::user_canceled:
      return "user_canceled";
    case AlertDescription::missing_extension:
      return "missing_extension";
    case AlertDescription::unsupported_extension:
      return "unsupported_extension";
    case AlertDescription::unrecognized_name:
      return "unrecognized_name";
    case AlertDescription::bad_certificate_status_response:
      return "bad_certificate_status_response";
    case AlertDescription::unknown_psk_identity:
      return "unknown_psk_identity";
    case AlertDescription::certificate_required:
      return "certificate_required";
    case AlertDescription::no_application_protocol:
      return "no_application_protocol";
  }
  return "alert(unlisted)";
}

std::optional<AlertDescription> alert_from_value(std::uint8_t value) noexcept {
  const auto alert = static_cast<AlertDescription>(value);
  if (to_string(alert) == "alert(unlisted)") return std::nullopt;
  return alert;
}

bool is_closure_alert(AlertDescription alert) noexcept {
  return alert == AlertDescription::close_notify || alert == AlertDescription::user_canceled;
}

std::string TlsError::to_string() const {
  std::string out(tls::to_string(alert));
  out += ": ";
  out += reason;
  if (!section.empty()) {
    out += " (";
    out += section;
    out += ")";
  }
  return out;
}

}  // namespace glasstls::tls
