// The handshake header (RFC 8446 §4) and the dispatcher that decodes a whole message by its type.
//
//     struct {
//         HandshakeType msg_type;    /* handshake type */
//         uint24 length;             /* remaining bytes in message */
//         select (Handshake.msg_type) { ... };
//     } Handshake;
#include <type_traits>

#include "message_codec.hpp"

namespace glasstls::tls {

Result<HandshakeHeader, TlsError> decode_handshake_header(ByteView data) {
  WireReader r(data, "Handshake");
  HandshakeHeader h;
  h.type = static_cast<HandshakeType>(r.u8("msg_type"));
  h.length = r.u24("length");
  if (!r.ok()) return Err(*r.error());
  return h;
}

Result<Bytes, TlsError> encode_handshake(HandshakeType type, ByteView body) {
  return detail::encode_message(type, [&](WireWriter& w) { w.bytes(body); });
}

HandshakeType handshake_type(const HandshakeMessage& message) noexcept {
  return std::visit(
      [](const auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, ClientHello>)
          return HandshakeType::client_hello;
        else if constexpr (std::is_same_v<T, ServerHello>)
          return HandshakeType::server_hello;
        else if constexpr (std::is_same_v<T, EndOfEarlyData>)
          return HandshakeType::end_of_early_data;
        else if constexpr (std::is_same_v<T, EncryptedExtensions>)
          return HandshakeType::encrypted_extensions;
        else if constexpr (std::is_same_v<T, CertificateRequest>)
          return HandshakeType::certificate_request;
        else if constexpr (std::is_same_v<T, Certificate>)
          return HandshakeType::certificate;
        else if constexpr (std::is_same_v<T, CertificateVerify>)
          return HandshakeType::certificate_verify;
        else if constexpr (std::is_same_v<T, Finished>)
          return HandshakeType::finished;
        else if constexpr (std::is_same_v<T, NewSessionTicket>)
          return HandshakeType::new_session_ticket;
        else
          return HandshakeType::key_update;
      },
      message);
}

Result<Bytes, TlsError> encode(const HandshakeMessage& m) {
  return std::visit([](const auto& x) { return encode(x); }, m);
}

namespace {
template <class T>
Result<HandshakeMessage, TlsError> widen(Result<T, TlsError> r) {
  if (!r) return Err(std::move(r).error());
  return HandshakeMessage(std::move(r).value());
}
}  // namespace

Result<HandshakeMessage, TlsError> decode_handshake(ByteView message, std::size_t hash_length) {
  auto header = decode_handshake_header(message);
  if (!header) return Err(std::move(header).error());
  const ByteView body = message.subspan(kHandshakeHeaderSize);
  // §4: the length says how many bytes follow; a message is exactly that long.
  if (body.size() != header->length)
    return Err(tls_error(AlertDescription::decode_error,
                         to_string(header->type) + ": length field " +
                             std::to_string(header->length) + " but " +
                             std::to_string(body.size()) + " body bytes",
                         "RFC 8446 §4"));
  using HT = HandshakeType;
  switch (header->type) {
    case HT::client_hello:
      return widen(decode_client_hello(body));
    case HT::server_hello:
      return widen(decode_server_hello(body));
    case HT::end_of_early_data:
      return widen(decode_end_of_early_data(body));
    case HT::encrypted_extensions:
      return widen(decode_encrypted_extensions(body));
    case HT::certificate_request:
      return widen(decode_certificate_request(body));
    case HT::certificate:
      return widen(decode_certificate(body));
    case HT::certificate_verify:
      return widen(decode_certificate_verify(body));
    case HT::finished:
      return widen(decode_finished(body, hash_length));
    case HT::new_session_ticket:
      return widen(decode_new_session_ticket(body));
    case HT::key_update:
      return widen(decode_key_update(body));
    default:
      // §4: a message type TLS 1.3 does not send (message_hash is never on the wire).
      return Err(tls_error(AlertDescription::unexpected_message,
                           "handshake message of type " + to_string(header->type), "RFC 8446 §4"));
  }
}

}  // namespace glasstls::tls
