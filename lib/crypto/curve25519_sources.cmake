# Curve25519: the field GF(2^255 - 19), edwards25519, scalars mod L, X25519 (RFC 7748),
# Ed25519 (RFC 8032) and their RFC 8410 key files.
list(APPEND GLASSTLS_SOURCES
  crypto/curve25519_field.cpp
  crypto/curve25519_edwards.cpp
  crypto/curve25519_scalar.cpp
  crypto/x25519.cpp
  crypto/ed25519.cpp
  crypto/curve25519_key_io.cpp
)
