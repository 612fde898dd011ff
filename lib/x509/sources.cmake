# X.509: names, signature algorithms and public keys, certificates and their extensions, the trust
# store, the certificate builder, hostname checks and path validation. Each part lists its files.
include(x509/parse_sources.cmake)
include(x509/signature_sources.cmake)
include(x509/verify_sources.cmake)
include(x509/revocation_sources.cmake)
