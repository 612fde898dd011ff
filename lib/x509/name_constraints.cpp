// Name constraints, RFC 5280 §4.2.1.10 and §6.1.3 (b)-(c). See name_constraints.hpp.
#include "name_constraints.hpp"

#include <vector>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/hostname.hpp"

namespace glasstls::x509::detail {
namespace {

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool ends_with_ignoring_case(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         equal_ignoring_case(s.substr(s.size() - suffix.size()), suffix);
}

std::string_view strip_trailing_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

// "host" covers host and everything below it; ".domain" only what is below it.
bool host_in_domain(std::string_view host, std::string_view constraint) {
  if (!constraint.empty() && constraint.front() == '.')
    return ends_with_ignoring_case(host, constraint);
  if (equal_ignoring_case(host, constraint)) return true;
  return host.size() > constraint.size() && ends_with_ignoring_case(host, constraint) &&
         host[host.size() - constraint.size() - 1] == '.';
}

const char* form_name(GeneralName::Kind kind) {
  switch (kind) {
    case GeneralName::Kind::dns:
      return "dNSName";
    case GeneralName::Kind::ip:
      return "iPAddress";
    case GeneralName::Kind::email:
      return "rfc822Name";
    case GeneralName::Kind::uri:
      return "uniformResourceIdentifier";
    case GeneralName::Kind::directory:
      return "directoryName";
    case GeneralName::Kind::other:
      return "GeneralName";
  }
  return "GeneralName";
}

std::string describe(const GeneralName& n) {
  switch (n.kind) {
    case GeneralName::Kind::dns:
    case GeneralName::Kind::email:
    case GeneralName::Kind::uri:
      return std::string(form_name(n.kind)) + " '" + n.text + "'";
    case GeneralName::Kind::ip: {
      if (n.ip.size() == 8 || n.ip.size() == 32) {
        const std::size_t half = n.ip.size() / 2;
        return "iPAddress " + ip_address_to_string(ByteView(n.ip).first(half)) + "/" +
               ip_address_to_string(ByteView(n.ip).subspan(half));
      }
      return "iPAddress " + ip_address_to_string(n.ip);
    }
    case GeneralName::Kind::directory:
      return "directoryName '" + n.directory.to_string() + "'";
    case GeneralName::Kind::other:
      return "GeneralName [" + std::to_string(n.tag) + "]";
  }
  return "GeneralName";
}

bool same_form(const GeneralName& a, const GeneralName& b) {
  if (a.kind != b.kind) return false;
  return a.kind != GeneralName::Kind::other || a.tag == b.tag;
}

// Is the name inside the subtree? Returns nothing when glasstls cannot tell (a form it does not
// evaluate), so the caller fails closed.
std::optional<bool> in_subtree(const GeneralName& name, const GeneralName& subtree) {
  switch (name.kind) {
    case GeneralName::Kind::dns:
      return dns_in_subtree(name.text, subtree.text);
    case GeneralName::Kind::email:
      return email_in_subtree(name.text, subtree.text);
    case GeneralName::Kind::uri:
      return uri_in_subtree(name.text, subtree.text);
    case GeneralName::Kind::ip:
      return ip_in_subtree(name.ip, subtree.ip);
    case GeneralName::Kind::directory:
      return directory_in_subtree(name.directory, subtree.directory);
    case GeneralName::Kind::other:
      return std::nullopt;
  }
  return std::nullopt;
}

// A wildcard dNSName "*.example.com" stands for every name one label below example.com, so an
// excluded subtree below example.com ("bad.example.com") may overlap it: refuse that too.
bool wildcard_overlaps(const GeneralName& name, const GeneralName& excluded) {
  if (name.kind != GeneralName::Kind::dns || name.text.size() < 2 ||
      name.text.substr(0, 2) != "*.") {
    return false;
  }
  const std::string_view base = strip_trailing_dot(std::string_view(name.text).substr(2));
  std::string_view c = strip_trailing_dot(excluded.text);
  if (!c.empty() && c.front() == '.') c.remove_prefix(1);
  return c.size() > base.size() && ends_with_ignoring_case(c, base) &&
         c[c.size() - base.size() - 1] == '.';
}

std::optional<std::string> check_one(const GeneralName& name, const NameConstraints& nc,
                                     std::string_view where) {
  // RFC 5280 §6.1.3 (b): excluded subtrees first; any match is a violation.
  for (const GeneralName& ex : nc.excluded) {
    if (!same_form(name, ex)) continue;
    const std::optional<bool> inside = in_subtree(name, ex);
    if (!inside) {
      return std::string(where) + " " + describe(name) + ": glasstls cannot evaluate " +
             form_name(name.kind) + " constraints, so it fails closed";
    }
    if (*inside || wildcard_overlaps(name, ex)) {
      return std::string(where) + " " + describe(name) + " is in the excluded subtree " +
             describe(ex);
    }
  }
  // RFC 5280 §6.1.3 (b): when subtrees of this form are permitted, the name must be in one.
  bool constrained = false;
  for (const GeneralName& p : nc.permitted) {
    if (!same_form(name, p)) continue;
    constrained = true;
    const std::optional<bool> inside = in_subtree(name, p);
    if (!inside) {
      return std::string(where) + " " + describe(name) + ": glasstls cannot evaluate " +
             form_name(name.kind) + " constraints, so it fails closed";
    }
    if (*inside) return std::nullopt;
  }
  if (constrained) {
    return std::string(where) + " " + describe(name) + " is outside every permitted " +
           form_name(name.kind) + " subtree";
  }
  return std::nullopt;
}

}  // namespace

bool dns_in_subtree(std::string_view name, std::string_view constraint) {
  name = strip_trailing_dot(name);
  constraint = strip_trailing_dot(constraint);
  if (constraint.empty()) return true;  // an empty constraint covers every name
  return host_in_domain(name, constraint);
}

bool email_in_subtree(std::string_view mailbox, std::string_view constraint) {
  const std::size_t at = mailbox.rfind('@');
  if (at == std::string_view::npos) return false;  // not a mailbox: in no subtree
  const std::string_view host = mailbox.substr(at + 1);
  const std::size_t c_at = constraint.rfind('@');
  if (c_at != std::string_view::npos) {
    // A particular mailbox: local parts compare exactly, hosts case-insensitively.
    return mailbox.substr(0, at) == constraint.substr(0, c_at) &&
           equal_ignoring_case(host, constraint.substr(c_at + 1));
  }
  if (!constraint.empty() && constraint.front() == '.')
    return ends_with_ignoring_case(host, constraint);
  return equal_ignoring_case(host, constraint);  // all mailboxes on that host
}

bool uri_in_subtree(std::string_view uri, std::string_view constraint) {
  // RFC 3986 §3.2: the host sits after "scheme://", before the port, path, query or fragment,
  // and after any "userinfo@".
  const std::size_t scheme_end = uri.find("://");
  if (scheme_end == std::string_view::npos) return false;
  std::string_view rest = uri.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos)
    rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() == '[') return false;  // an IPv6 literal is not a host name
  rest = rest.substr(0, rest.find(':'));
  if (rest.empty()) return false;
  if (!constraint.empty() && constraint.front() == '.')
    return ends_with_ignoring_case(rest, constraint);
  return equal_ignoring_case(rest, constraint);  // RFC 5280 §4.2.1.10: "host" is that host only
}

bool ip_in_subtree(ByteView ip, ByteView constraint) {
  if (constraint.size() != 2 * ip.size() || (ip.size() != 4 && ip.size() != 16)) return false;
  const ByteView address = constraint.first(ip.size());
  const ByteView mask = constraint.subspan(ip.size());
  for (std::size_t i = 0; i < ip.size(); ++i) {
    if ((ip[i] & mask[i]) != (address[i] & mask[i])) return false;
  }
  return true;
}

bool directory_in_subtree(const Name& name, const Name& constraint) {
  if (constraint.rdns.size() > name.rdns.size()) return false;
  Name prefix;
  prefix.rdns.assign(name.rdns.begin(),
                     name.rdns.begin() + static_cast<std::ptrdiff_t>(constraint.rdns.size()));
  return names_match(prefix, constraint);
}

std::optional<std::string> check_name_constraints(const Certificate& cert,
                                                  const NameConstraints& constraints,
                                                  bool skip_subject) {
  if (!skip_subject && !cert.subject.empty()) {
    GeneralName subject;
    subject.kind = GeneralName::Kind::directory;
    subject.directory = cert.subject;
    if (auto v = check_one(subject, constraints, "subject")) return v;
    // RFC 5280 §4.2.1.10: rfc822Name constraints also apply to emailAddress attributes of the
    // subject (glasstls applies them whether or not a subjectAltName is present, as OpenSSL does).
    for (const Rdn& rdn : cert.subject.rdns) {
      for (const Attribute& a : rdn) {
        if (!(a.type == asn1::oids::id_emailAddress)) continue;
        GeneralName email;
        email.kind = GeneralName::Kind::email;
        email.text = a.utf8;
        if (auto v = check_one(email, constraints, "subject emailAddress")) return v;
      }
    }
  }
  if (cert.subject_alt_name) {
    for (const GeneralName& n : cert.subject_alt_name->names) {
      if (auto v = check_one(n, constraints, "subjectAltName")) return v;
    }
  }
  return std::nullopt;
}

}  // namespace glasstls::x509::detail
