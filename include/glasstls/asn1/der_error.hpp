// DerError: what went wrong while reading DER, and exactly where.
#pragma once

#include <cstddef>
#include <string>

namespace glasstls::asn1 {

struct DerError {
  /// Byte offset in the whole input: the first byte (tag) of the offending element, or the
  /// offending byte itself for errors about one byte (a bad character, trailing bytes).
  std::size_t offset = 0;
  /// Dotted field path from the names the parsing code passed, e.g.
  /// "certificate.tbsCertificate.validity.notBefore".
  std::string path;
  /// One human sentence with the rule broken, e.g.
  /// "length uses long form for a value below 128 (X.690 §10.1)".
  std::string reason;

  /// "certificate.tbsCertificate.validity.notBefore at byte 152: <reason>"
  std::string to_string() const;
};

}  // namespace glasstls::asn1
