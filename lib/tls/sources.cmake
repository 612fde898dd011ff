# TLS 1.3 (RFC 8446). The wire layer: alerts and codepoints, the presentation-language
# reader/writer, record protection and framing, handshake reassembly, the key schedule and the
# transcript hash, and the handshake message and extension codecs. Then the handshake.
list(APPEND GLASSTLS_SOURCES
  tls/alert.cpp
  tls/constants.cpp
  tls/wire.cpp
  tls/record.cpp
  tls/record_reader.cpp
  tls/handshake_reassembly.cpp
  tls/key_schedule.cpp
  tls/transcript.cpp
  tls/messages.cpp
  tls/extensions.cpp
  tls/client_hello.cpp
  tls/server_hello.cpp
  tls/handshake_messages.cpp
  tls/keylog.cpp
  # The handshake (RFC 8446 Appendix A): credentials and CertificateVerify, the proofs, the
  # connection machinery, the client and the server, and the POSIX socket adapter.
  tls/credentials.cpp
  tls/handshake_checks.cpp
  tls/connection.cpp
  tls/client.cpp
  tls/server.cpp
  tls/socket.cpp
)
