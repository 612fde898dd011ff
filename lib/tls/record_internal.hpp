// Internal to lib/tls: what record protection (record.cpp) and record framing (record_reader.cpp)
// share — writing the 5-byte record header and knowing the content types of RFC 8446 §5.1.
#pragma once

#include <cstddef>
#include <cstdint>

#include "glasstls/tls/constants.hpp"

namespace glasstls::tls::detail {

/// §5.1 TLSPlaintext / §5.2 TLSCiphertext header: type, legacy_record_version, uint16 length.
inline void put_header(std::uint8_t* out, ContentType type, std::uint16_t version,
                       std::size_t length) {
  out[0] = static_cast<std::uint8_t>(type);
  out[1] = static_cast<std::uint8_t>(version >> 8);
  out[2] = static_cast<std::uint8_t>(version);
  out[3] = static_cast<std::uint8_t>(length >> 8);
  out[4] = static_cast<std::uint8_t>(length);
}

/// The four content types TLS 1.3 uses (§5.1); anything else is unexpected_message.
inline bool is_known_content_type(std::uint8_t t) noexcept {
  switch (static_cast<ContentType>(t)) {
    case ContentType::change_cipher_spec:
    case ContentType::alert:
    case ContentType::handshake:
    case ContentType::application_data:
      return true;
    case ContentType::invalid:
      return false;
  }
  return false;
}

}  // namespace glasstls::tls::detail
