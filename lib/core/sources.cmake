# Foundation utilities: bytes, hex, base64, constant-time helpers, CPU features, time.
list(APPEND GLASSTLS_SOURCES
  core/hex.cpp
  core/byte_reader.cpp
  core/byte_writer.cpp
  core/ct.cpp
  core/cpu.cpp
  core/clock.cpp
)
