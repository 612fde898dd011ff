// Two small text helpers the HTTP examples (https_server, https_get) share for reading header
// fields (RFC 9110 §5: field names are case-insensitive; values are trimmed of spaces and tabs).
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace glasstls::examples {

/// ASCII lower case, for comparing field names.
inline std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// A field value without surrounding spaces, tabs and the line's CR (RFC 9112 §5.1).
inline std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

}  // namespace glasstls::examples
