# AES (FIPS 197) and GCM (NIST SP 800-38D): portable constant-time reference and accelerated paths.
list(APPEND GLASSTLS_SOURCES
  crypto/aes.cpp
  crypto/aes_portable.cpp
  crypto/aes_aesni.cpp
  crypto/ghash_portable.cpp
  crypto/gcm_portable.cpp
  crypto/gcm_aesni.cpp
  crypto/gcm_vaes.cpp
  crypto/aes_gcm.cpp
)
