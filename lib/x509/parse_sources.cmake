# Part A: distinguished names, extensions, certificates and the trust store.
list(APPEND GLASSTLS_SOURCES
  x509/name.cpp
  x509/extensions.cpp
  x509/certificate.cpp
  x509/trust_store.cpp
)
