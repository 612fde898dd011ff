# DER reader and writer, OIDs, PEM.
list(APPEND GLASSTLS_SOURCES
)
