// Server identity checks, RFC 9525 §6. See hostname.hpp for the rules in one place.
#include "glasstls/x509/hostname.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

namespace glasstls::x509 {
namespace {

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_ldh(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// RFC 4343 §3: DNS names compare as case-insensitive ASCII.
bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// One trailing dot names the same absolute name (RFC 1034 §3.1); it is removed before labels are
// compared. A second one would leave an empty label, which is_valid_dns_name refuses.
std::string_view strip_trailing_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

std::vector<std::string_view> split_labels(std::string_view name) {
  std::vector<std::string_view> labels;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) {
      labels.push_back(name.substr(start));
      return labels;
    }
    labels.push_back(name.substr(start, dot - start));
    start = dot + 1;
  }
}

bool valid_label(std::string_view label) {
  // RFC 1034 §3.5 / RFC 1123 §2.1: 1..63 LDH characters, no hyphen at either end.
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  for (char c : label) {
    if (!is_ldh(c)) return false;  // also catches NUL, '*', '_', spaces and non-ASCII bytes
  }
  return true;
}

// --- IP address text ----------------------------------------------------------------------------

// RFC 791 dotted-quad: four decimal numbers 0..255. Leading zeros are refused because some
// parsers (inet_aton) read them as octal: "010" would be 8 there and 10 here.
std::optional<std::array<std::uint8_t, 4>> parse_ipv4(std::string_view text) {
  std::array<std::uint8_t, 4> out{};
  std::size_t part = 0, i = 0;
  while (part < 4) {
    std::size_t digits = 0;
    unsigned value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 4) {
      value = value * 10 + static_cast<unsigned>(text[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0 || digits > 3 || value > 255) return std::nullopt;
    if (digits > 1 && text[i - digits] == '0') return std::nullopt;
    out[part++] = static_cast<std::uint8_t>(value);
    if (part < 4) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != text.size()) return std::nullopt;
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 4291 §2.2: x:x:x:x:x:x:x:x with 1..4 hex digits each, "::" standing for one or more zero
// groups (at most once), and forms 2/3: the last 32 bits may be written as a dotted quad.
std::optional<std::array<std::uint8_t, 16>> parse_ipv6(std::string_view text) {
  std::array<std::uint16_t, 8> groups{};
  std::size_t count = 0;           // groups written so far
  std::optional<std::size_t> gap;  // where "::" stands, as a group index
  std::size_t i = 0;
  if (text.substr(0, 2) == "::") {
    gap = 0;
    i = 2;
    if (i == text.size()) return std::array<std::uint8_t, 16>{};  // "::" alone
  } else if (!text.empty() && text[0] == ':') {
    return std::nullopt;  // a single leading ':'
  }
  while (i < text.size()) {
    if (count >= 8) return std::nullopt;
    // A dotted-quad tail takes the last two groups.
    const std::size_t next_colon = text.find(':', i);
    const std::string_view piece = text.substr(
        i, next_colon == std::string_view::npos ? std::string_view::npos : next_colon - i);
    if (next_colon == std::string_view::npos && piece.find('.') != std::string_view::npos) {
      const auto v4 = parse_ipv4(piece);
      if (!v4 || count > 6) return std::nullopt;
      groups[count++] = static_cast<std::uint16_t>(((*v4)[0] << 8) | (*v4)[1]);
      groups[count++] = static_cast<std::uint16_t>(((*v4)[2] << 8) | (*v4)[3]);
      i = text.size();
      break;
    }
    if (piece.empty() || piece.size() > 4) return std::nullopt;
    unsigned value = 0;
    for (char c : piece) {
      const int h = hex_value(c);
      if (h < 0) return std::nullopt;
      value = value * 16 + static_cast<unsigned>(h);
    }
    groups[count++] = static_cast<std::uint16_t>(value);
    i += piece.size();
    if (i == text.size()) break;
    ++i;  // the ':'
    if (i < text.size() && text[i] == ':') {
      if (gap) return std::nullopt;  // "::" twice
      gap = count;
      ++i;
    } else if (i == text.size()) {
      return std::nullopt;  // a trailing single ':'
    }
  }
  std::array<std::uint16_t, 8> full{};
  if (gap) {
    if (count > 7) return std::nullopt;  // "::" must stand for at least one group
    const std::size_t tail = count - *gap;
    for (std::size_t k = 0; k < *gap; ++k) full[k] = groups[k];
    for (std::size_t k = 0; k < tail; ++k) full[8 - tail + k] = groups[*gap + k];
  } else {
    if (count != 8) return std::nullopt;
    full = groups;
  }
  std::array<std::uint8_t, 16> out{};
  for (std::size_t k = 0; k < 8; ++k) {
    out[2 * k] = static_cast<std::uint8_t>(full[k] >> 8);
    out[2 * k + 1] = static_cast<std::uint8_t>(full[k] & 0xff);
  }
  return out;
}

std::vector<std::string> covered_names(const Certificate& cert) {
  std::vector<std::string> names;
  if (!cert.subject_alt_name) return names;
  for (const GeneralName& n : cert.subject_alt_name->names) {
    if (n.kind == GeneralName::Kind::dns) names.push_back(n.text);
    if (n.kind == GeneralName::Kind::ip) names.push_back(ip_address_to_string(n.ip));
  }
  return names;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

std::string mismatch_reason(const HostnameCheck& check, const Certificate& cert) {
  if (!cert.subject_alt_name) {
    return "the certificate has no subjectAltName (its commonName is not consulted, RFC 9525 "
           "§6.2)";
  }
  if (check.covered.empty()) return "the certificate's subjectAltName has no DNS or IP names";
  return "the certificate covers " + join(check.covered);
}

}  // namespace

std::optional<Bytes> parse_ip_address(std::string_view text) {
  if (const auto v4 = parse_ipv4(text)) return Bytes(v4->begin(), v4->end());
  if (text.find(':') != std::string_view::npos) {
    if (const auto v6 = parse_ipv6(text)) return Bytes(v6->begin(), v6->end());
  }
  return std::nullopt;
}

std::string ip_address_to_string(ByteView ip) {
  if (ip.size() == 4) {
    return std::to_string(ip[0]) + "." + std::to_string(ip[1]) + "." + std::to_string(ip[2]) + "." +
           std::to_string(ip[3]);
  }
  if (ip.size() != 16)
    return "(" + std::to_string(ip.size()) + "-byte address " + hex_encode(ip) + ")";
  std::array<unsigned, 8> g{};
  for (std::size_t k = 0; k < 8; ++k) g[k] = (unsigned{ip[2 * k]} << 8) | ip[2 * k + 1];
  // RFC 5952 §4.2: compress the longest run of zero groups (the first on a tie), if 2 or more.
  std::size_t best_start = 8, best_len = 0;
  for (std::size_t k = 0; k < 8;) {
    if (g[k] != 0) {
      ++k;
      continue;
    }
    std::size_t end = k;
    while (end < 8 && g[end] == 0) ++end;
    if (end - k > best_len) {
      best_start = k;
      best_len = end - k;
    }
    k = end;
  }
  if (best_len < 2) best_start = 8;
  std::string out;
  for (std::size_t k = 0; k < 8; ++k) {
    if (k == best_start) {
      out += "::";
      k += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    char buf[8];
    std::snprintf(buf, sizeof buf, "%x",
                  g[k]);  // RFC 5952 §4.1, §4.3: no leading zeros, lower case
    out += buf;
  }
  return out;
}

bool is_valid_dns_name(std::string_view name, bool allow_wildcard) {
  name = strip_trailing_dot(name);
  if (name.empty() || name.size() > 253) return false;  // RFC 1035 §2.3.4
  const std::vector<std::string_view> labels = split_labels(name);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i == 0 && allow_wildcard && labels[i] == "*") {
      // RFC 9525 §6.3 rule 2 allows it here; glasstls also wants two labels after it, so a
      // wildcard cannot cover a whole top-level domain ("*.com"; see RFC 9525 §7.1).
      if (labels.size() < 3) return false;
      continue;
    }
    if (!valid_label(labels[i])) return false;
  }
  return true;
}

bool dns_name_matches(std::string_view presented, std::string_view reference) {
  // RFC 9525 §6.3: an invalid presented identifier "MUST be ignored"; an invalid reference
  // cannot be the name the client meant.
  if (!is_valid_dns_name(presented, /*allow_wildcard=*/true)) return false;
  if (!is_valid_dns_name(reference, /*allow_wildcard=*/false)) return false;
  const auto p = split_labels(strip_trailing_dot(presented));
  const auto r = split_labels(strip_trailing_dot(reference));
  // RFC 9525 §6.3: a wildcard matches exactly one label, so the label counts must agree.
  if (p.size() != r.size()) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (i == 0 && p[0] == "*") continue;  // any one valid label
    if (!equal_ignoring_case(p[i], r[i])) return false;
  }
  return true;
}

HostnameCheck check_dns_name(const Certificate& cert, std::string_view reference) {
  HostnameCheck check;
  check.covered = covered_names(cert);
  if (parse_ip_address(strip_trailing_dot(reference))) {
    check.reason = "'" + std::string(reference) +
                   "' is an IP address, not a DNS name: it is matched against iPAddress entries "
                   "only (RFC 9525 §7.4)";
    return check;
  }
  if (!is_valid_dns_name(reference, false)) {
    check.reason = "'" + std::string(reference) + "' is not a valid DNS name";
    return check;
  }
  if (cert.subject_alt_name) {
    for (const GeneralName& n : cert.subject_alt_name->names) {
      if (n.kind == GeneralName::Kind::dns && dns_name_matches(n.text, reference)) {
        check.matched = true;
        return check;
      }
    }
  }
  check.reason = mismatch_reason(check, cert);
  return check;
}

HostnameCheck check_ip_address(const Certificate& cert, ByteView reference) {
  HostnameCheck check;
  check.covered = covered_names(cert);
  if (reference.size() != 4 && reference.size() != 16) {
    check.reason = "a reference IP address must be 4 or 16 octets";
    return check;
  }
  if (cert.subject_alt_name) {
    for (const GeneralName& n : cert.subject_alt_name->names) {
      // RFC 9525 §6.4: octet-for-octet; an IPv4 address never matches its IPv6-mapped form.
      if (n.kind == GeneralName::Kind::ip && n.ip.size() == reference.size() &&
          std::equal(n.ip.begin(), n.ip.end(), reference.begin())) {
        check.matched = true;
        return check;
      }
    }
  }
  check.reason = mismatch_reason(check, cert);
  return check;
}

HostnameCheck check_host(const Certificate& cert, std::string_view host) {
  if (const auto ip = parse_ip_address(host)) return check_ip_address(cert, *ip);
  return check_dns_name(cert, host);
}

}  // namespace glasstls::x509
