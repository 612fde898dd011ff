# Part B of X.509: signature algorithms, public keys and verify_signature (signature*.cpp), the
# signing key, and the certificate builder (builder*.cpp).
list(APPEND GLASSTLS_SOURCES
  x509/signature.cpp
  x509/signature_key.cpp
  x509/signature_verify.cpp
  x509/signing_key.cpp
  x509/builder.cpp
  x509/builder_extensions.cpp
  x509/builder_helpers.cpp
)
