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

# Symmetric encryption (AEAD). The wrapper is here; each family lists its own files.
list(APPEND GLASSTLS_SOURCES crypto/aead.cpp)

# Key files: the shared error type; each family lists its readers and writers.
list(APPEND GLASSTLS_SOURCES crypto/key_parse_error.cpp)
include(crypto/aes_gcm_sources.cmake)
include(crypto/chacha20_poly1305_sources.cmake)
include(crypto/rsa_sources.cmake)
include(crypto/rsa_key_io_sources.cmake)
include(crypto/curve25519_sources.cmake)
include(crypto/ec_sources.cmake)
