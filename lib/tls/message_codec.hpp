// Internal helpers shared by the handshake message codecs (client_hello.cpp, server_hello.cpp,
// handshake_messages.cpp, messages.cpp): run a body decoder strictly, and wrap an encoded body in
// its §4 handshake header.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "glasstls/tls/limits.hpp"
#include "glasstls/tls/messages.hpp"
#include "glasstls/tls/wire.hpp"

namespace glasstls::tls::detail {

/// Runs `read` over a message body (offsets in errors count from byte 4, after the header),
/// requires it consumed everything (decode_error "N trailing bytes"), returns the value or the
/// first error.
template <class T, class Read>
Result<T, TlsError> decode_body(ByteView body, std::string_view what, Read&& read) {
  WireReader r(body, what, kHandshakeHeaderSize);
  T value = read(r);
  r.finish();
  if (!r.ok()) return Err(*r.error());
  return value;
}

/// Encodes a body with `fill` and prepends the header; internal_error if a vector overflowed.
template <class Fill>
Result<Bytes, TlsError> encode_message(HandshakeType type, Fill&& fill) {
  WireWriter w;
  w.u8(static_cast<std::uint8_t>(type));
  w.vector(3, fill);
  if (!w.ok())
    return Err(tls_error(AlertDescription::internal_error,
                         to_string(type) + ": a vector is too long for its length prefix",
                         "RFC 8446 §3"));
  return w.take();
}

}  // namespace glasstls::tls::detail
