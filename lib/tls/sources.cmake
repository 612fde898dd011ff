# TLS 1.3 (RFC 8446): alerts and codepoints, the presentation-language reader/writer, and — as
# their files appear — the record layer, key schedule, transcript and message codecs.
list(APPEND GLASSTLS_SOURCES
  tls/alert.cpp
  tls/constants.cpp
  tls/wire.cpp
)
foreach(file record.cpp record_reader.cpp handshake_reassembly.cpp key_schedule.cpp
             transcript.cpp messages.cpp extensions.cpp client_hello.cpp server_hello.cpp
             handshake_messages.cpp limits.cpp)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/${file})
    list(APPEND GLASSTLS_SOURCES tls/${file})
  endif()
endforeach()
