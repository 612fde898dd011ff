// KeyParseError: why a key file (RSA, X25519, Ed25519, later EC) was refused, and where.
#pragma once

#include <cstddef>
#include <string>

#include "glasstls/asn1/der_error.hpp"

namespace glasstls::crypto {

/// Why a key file was refused, and where. DER problems and semantic ones ("multi-prime RSA keys
/// are not supported") carry the byte offset and dotted field path of the offending element;
/// PEM problems carry the line.
struct KeyParseError {
  /// Byte offset in the DER (for PEM input: in the decoded DER of the block).
  std::size_t offset = 0;
  /// Dotted field path, e.g. "privateKeyInfo.privateKeyAlgorithm.algorithm"; "pem" for a problem
  /// with the PEM text itself.
  std::string path;
  /// One sentence saying which rule was broken.
  std::string reason;
  /// 1-based line of the PEM block (or PEM problem) when the input was PEM; 0 for DER input.
  std::size_t pem_line = 0;

  /// "privateKeyInfo.version at byte 4: <reason>", prefixed "PEM block at line 3: " for PEM.
  std::string to_string() const;

  /// The DER reader's error (offset, path, reason) as a key error.
  static KeyParseError from_der(const asn1::DerError& e) {
    return KeyParseError{e.offset, e.path, e.reason, 0};
  }
};

}  // namespace glasstls::crypto
