# Part C: hostname checks (RFC 9525), name constraints, path building and validation (RFC 5280 §6),
# and the diagnoses.
list(APPEND GLASSTLS_SOURCES
  x509/hostname.cpp
  x509/name_constraints.cpp
  x509/verify.cpp
  x509/validate.cpp
  x509/diagnosis.cpp
)
