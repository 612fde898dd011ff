# Hashes, MAC, KDF, randomness, and the implementation registry.
list(APPEND GLASSTLS_SOURCES
  crypto/sha1.cpp
  crypto/sha256.cpp
  crypto/sha256_portable.cpp
  crypto/sha256_shani.cpp
  crypto/sha512.cpp
  crypto/hash.cpp
  crypto/hmac.cpp
  crypto/hkdf.cpp
  crypto/random.cpp
  crypto/registry.cpp
)
