# Part D: revocation — CRLs (RFC 5280 §5), OCSP responses (RFC 6960), their builders, and the
# status checks path validation uses (RFC 5280 §6.3).
foreach(file crl.cpp crl_builder.cpp ocsp.cpp ocsp_builder.cpp revocation.cpp)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/${file})
    list(APPEND GLASSTLS_SOURCES x509/${file})
  endif()
endforeach()
