// ServerHello and HelloRetryRequest (RFC 8446 §4.1.3, §4.1.4).
//
//     struct {
//         ProtocolVersion legacy_version = 0x0303;    /* TLS v1.2 */
//         Random random;
//         opaque legacy_session_id_echo<0..32>;
//         CipherSuite cipher_suite;
//         uint8 legacy_compression_method = 0;
//         Extension extensions<6..2^16-1>;
//     } ServerHello;
//
// A HelloRetryRequest has the same structure; its random is SHA-256("HelloRetryRequest")
// (kHelloRetryRequestRandom), and its key_share carries only the selected group (§4.2.8).
#include <algorithm>

#include "message_codec.hpp"

namespace glasstls::tls {

Result<ServerHello, TlsError> decode_server_hello(ByteView body) {
  return detail::decode_body<ServerHello>(body, "ServerHello", [](WireReader& r) {
    ServerHello sh;
    sh.legacy_version = r.u16("legacy_version");
    const ByteView random = r.bytes(32, "random");
    if (r.ok()) std::copy(random.begin(), random.end(), sh.random.begin());
    sh.legacy_session_id_echo = to_bytes(r.vector(1, 0, 32, "legacy_session_id_echo"));
    sh.cipher_suite = static_cast<CipherSuite>(r.u16("cipher_suite"));
    const std::uint8_t compression = r.u8("legacy_compression_method");
    // §4.1.3: "legacy_compression_method: A single byte which MUST have the value 0."
    if (r.ok() && compression != 0)
      r.fail("legacy_compression_method", "is " + std::to_string(compression) + ", not 0",
             AlertDescription::illegal_parameter, "RFC 8446 §4.1.3");
    sh.extensions = detail::read_extension_block(r, 6, 65535, HandshakeType::server_hello,
                                                 sh.is_hello_retry_request());
    return sh;
  });
}

Result<Bytes, TlsError> encode(const ServerHello& m) {
  return detail::encode_message(HandshakeType::server_hello, [&](WireWriter& w) {
    w.u16(m.legacy_version);
    w.bytes(m.random);
    w.opaque(1, m.legacy_session_id_echo);
    w.u16(static_cast<std::uint16_t>(m.cipher_suite));
    w.u8(0);  // §4.1.3: legacy_compression_method
    detail::write_extension_block(w, m.extensions);
  });
}

}  // namespace glasstls::tls
