#include "glasstls/crypto/key_parse_error.hpp"

namespace glasstls::crypto {

std::string KeyParseError::to_string() const {
  std::string s;
  if (pem_line != 0) {
    if (path == "pem") return "PEM line " + std::to_string(pem_line) + ": " + reason;
    s = "PEM block at line " + std::to_string(pem_line) + ": ";
  }
  s += path.empty() ? std::string("key") : path;
  s += " at byte " + std::to_string(offset) + ": " + reason;
  return s;
}

}  // namespace glasstls::crypto
