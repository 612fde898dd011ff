// PEM textual encoding of DER (RFC 7468): "-----BEGIN LABEL-----", base64, "-----END LABEL-----".
//
// Decoding follows the lax parser of RFC 7468 §3 (Figure 2): text before, between and after
// blocks is ignored, lines may end in CRLF, CR or LF, and whitespace inside the base64 is
// skipped. It is strict where mistakes matter: BEGIN and END labels must match and be valid
// labels, a BEGIN needs its END, and the base64 must be exact (padding, no stray characters).
// Encoding writes the strict form (§3, Figure 3): 64-character lines, LF line ends.
//
// Private keys travel in PEM. The base64 is decoded by arithmetic (base64.hpp) and whitespace is
// removed without branching on the characters; temporary copies are wiped. Finding lines and
// boundaries does branch on line breaks, blanks at line ends and leading dashes: that reveals the
// text's layout, which is formatting, not key material.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"

namespace glasstls::asn1 {

struct PemBlock {
  std::string label;  // "CERTIFICATE", "PRIVATE KEY", ...
  Bytes der;          // the decoded contents (wipe it when it is a private key)
  std::size_t line;   // 1-based line of the BEGIN boundary
};

struct PemError {
  std::size_t line;  // 1-based line where the problem is (the BEGIN line for a missing END)
  std::string reason;
  std::string to_string() const;
};

/// Every block in `text`, in order. A text without any block gives an empty list.
Result<std::vector<PemBlock>, PemError> pem_decode_all(std::string_view text);

/// Exactly one block, which must carry `expected_label`.
Result<Bytes, PemError> pem_decode_one(std::string_view text, std::string_view expected_label);

/// The strict form: BEGIN line, base64 in 64-character lines, END line, each ending in LF.
std::string pem_encode(std::string_view label, ByteView der);

}  // namespace glasstls::asn1
