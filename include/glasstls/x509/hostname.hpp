// Server identity checks (RFC 9525): does a certificate cover the DNS name or IP address the
// client meant to reach? Only the subjectAltName is consulted, never the subject's commonName
// (RFC 9525 §6.1.1 and §6.2: a CN-ID is not a reference identifier any more).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/x509/certificate.hpp"

namespace glasstls::x509 {

/// Parses an IP address as a user types it: IPv4 dotted-quad (RFC 791 text form: exactly four
/// decimal numbers 0–255, no leading zeros) or IPv6 text (RFC 4291 §2.2: eight hex groups, one
/// "::", an optional dotted-quad tail; no zone index). Returns the 4 or 16 octets an iPAddress
/// subjectAltName holds, or nothing when the text is not an address.
std::optional<Bytes> parse_ip_address(std::string_view text);

/// The text form of 4 or 16 address octets: dotted-quad, or IPv6 in RFC 5952 §4 canonical form
/// (lower case, no leading zeros, the longest run of two or more zero groups written "::").
/// Other lengths print as hex with a note, so a message never hides a malformed value.
std::string ip_address_to_string(ByteView ip);

/// A DNS name in the "preferred name syntax" (RFC 1034 §3.5, RFC 5890 §2.3.1 for A-labels):
/// letters, digits and hyphens, labels of 1–63 characters not starting or ending with a hyphen,
/// at most 253 characters, one optional trailing dot. With `allow_wildcard`, the left-most label
/// may be exactly "*" (and then at least two labels must follow it, see dns_name_matches).
bool is_valid_dns_name(std::string_view name, bool allow_wildcard);

/// RFC 9525 §6.3: does one presented dNSName match one reference DNS name? Labels compare as
/// case-insensitive ASCII (A-labels as given, "xn--..."); one trailing dot on either side is
/// ignored; a presented "*" is allowed only as the entire left-most label, matches exactly one
/// label, and needs at least two labels after it ("*.com" is refused). An invalid presented or
/// reference name never matches.
bool dns_name_matches(std::string_view presented, std::string_view reference);

/// The outcome of a hostname or IP address check, with what a "hostname mismatch" message needs.
struct HostnameCheck {
  bool matched = false;
  /// Every DNS and IP subjectAltName of the certificate, as text, in certificate order.
  std::vector<std::string> covered;
  /// When not matched: why, in a sentence ("the certificate covers a.example, b.example",
  /// "'a..example' is not a valid DNS name", "the certificate has no subjectAltName").
  std::string reason;
};

/// RFC 9525 §6.3: matches a reference DNS name against the certificate's dNSName entries.
/// A reference that is an IP address literal is refused (RFC 9525 §7.4: classify consistently;
/// use check_ip_address).
HostnameCheck check_dns_name(const Certificate& cert, std::string_view reference);

/// RFC 9525 §6.4: matches 4 or 16 reference octets against the iPAddress entries, octet for
/// octet. DNS entries are never consulted, even when they spell the same address.
HostnameCheck check_ip_address(const Certificate& cert, ByteView reference);

/// A host as a user types it: an IP literal is checked as an address, anything else as a DNS
/// name.
HostnameCheck check_host(const Certificate& cert, std::string_view host);

}  // namespace glasstls::x509
