// Base64 (RFC 4648 §4), the encoding inside PEM. It lives beside PEM because PEM is its only
// user for now.
//
// PEM carries private keys, so both directions work by arithmetic on each character: no table
// indexed by a secret value and no branch on one. The decoder accumulates "something was wrong"
// in a mask and branches once, on the final public verdict. The padding count is treated as public
// (it only gives the decoded length, which the caller learns anyway).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "glasstls/core/bytes.hpp"

namespace glasstls::asn1 {

/// Standard alphabet, '=' padding, no line breaks.
std::string base64_encode(ByteView data);

/// Strict decoding: length a multiple of 4, padding present and correct, only alphabet
/// characters (no whitespace), and the unused low bits of the last character zero
/// (RFC 4648 §3.5). Nothing on any violation.
std::optional<Bytes> base64_decode(std::string_view text);

}  // namespace glasstls::asn1
