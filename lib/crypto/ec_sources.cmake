# NIST P-256 and P-384: Montgomery field and scalar arithmetic (ec_field.hpp), the curve
# constants (ec_curves.hpp), complete point formulas and scalar multiplication (ec_group.hpp),
# the operations of one implementation (ec_backend.hpp, registered in ec_backends.cpp), then
# ECDH and keys (ec.cpp), ECDSA (ecdsa.cpp) and SEC1/PKCS#8/SPKI key files (ec_key_io.cpp).
list(APPEND GLASSTLS_SOURCES
  crypto/ec_backends.cpp
  crypto/ec.cpp
  crypto/ecdsa.cpp
  crypto/ec_key_io.cpp
)
