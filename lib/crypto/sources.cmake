# Hashes, MAC, KDF, randomness, and the implementation registry.
list(APPEND GLASSTLS_SOURCES
)
