# TLS 1.3 (RFC 8446), the wire layer: alerts and codepoints, the presentation-language
# reader/writer, record protection and framing, handshake reassembly, the key schedule and the
# transcript hash, and the handshake message and extension codecs.
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
)

# The handshake (issue 10): the state machines and what they use. Guarded while the files land.
foreach(_f credentials socket connection connection_common client server handshake_checks)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/${_f}.cpp)
    list(APPEND GLASSTLS_SOURCES tls/${_f}.cpp)
  endif()
endforeach()
