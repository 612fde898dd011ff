# DER reader and writer, OIDs, PEM.
list(APPEND GLASSTLS_SOURCES
  asn1/der_error.cpp
  asn1/der_rules.cpp
  asn1/der_strings.cpp
  asn1/der_time.cpp
  asn1/der_reader.cpp
  asn1/validate_der.cpp
  asn1/der_writer.cpp
  asn1/oid.cpp
  asn1/oid_table.cpp
  asn1/base64.cpp
  asn1/pem.cpp
)
