# Part D: revocation — CRLs (RFC 5280 §5), OCSP responses (RFC 6960), their builders, and the
# status checks path validation uses (RFC 5280 §6.3).
list(APPEND GLASSTLS_SOURCES
  x509/crl.cpp
  x509/crl_builder.cpp
  x509/ocsp.cpp
  x509/ocsp_builder.cpp
  x509/revocation.cpp
)
