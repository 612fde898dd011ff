# RSA (RFC 8017): multi-precision arithmetic, Montgomery, keys, key generation, PKCS#1 v1.5,
# PSS and OAEP. (The key file formats, rsa_key_io*.cpp, are listed by their own file.)
list(APPEND GLASSTLS_SOURCES
  crypto/bignum.cpp
  crypto/montgomery.cpp
  crypto/montgomery_ifma.cpp
  crypto/rsa_key.cpp
  crypto/rsa.cpp
  crypto/rsa_pkcs1.cpp
  crypto/rsa_pss.cpp
  crypto/rsa_oaep.cpp
  crypto/rsa_keygen.cpp
)
