# ChaCha20, Poly1305 and their AEAD (RFC 8439): portable constant-time reference and accelerated paths.
list(APPEND GLASSTLS_SOURCES
  crypto/chacha20.cpp
  crypto/chacha20_portable.cpp
  crypto/chacha20_avx2.cpp
  crypto/chacha20_avx512.cpp
  crypto/poly1305.cpp
  crypto/poly1305_portable.cpp
  crypto/poly1305_radix44.cpp
  crypto/poly1305_radix64.cpp
  crypto/chacha20_poly1305.cpp
)
