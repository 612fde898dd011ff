# RSA key files (include/glasstls/crypto/rsa_key_io.hpp): PKCS#1, PKCS#8, SubjectPublicKeyInfo,
# RSASSA-PSS parameters, DER and PEM.
list(APPEND GLASSTLS_SOURCES
  crypto/rsa_key_io_pkcs1.cpp
  crypto/rsa_key_io_pss.cpp
  crypto/rsa_key_io_pkcs8.cpp
  crypto/rsa_key_io_pem.cpp
)
