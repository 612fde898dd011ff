// Internal to lib/x509: name constraints (RFC 5280 §4.2.1.10), the subtree tests and the check of
// one certificate's names against one CA's constraints. Path validation (validate.cpp) applies
// every CA's constraints to each certificate below it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "glasstls/core/bytes.hpp"
#include "glasstls/x509/certificate.hpp"

namespace glasstls::x509::detail {

/// dNSName subtree: the constraint itself or any name formed by adding labels to its left
/// ("example.com" covers "example.com" and "www.example.com", not "badexample.com"). A leading
/// "." ("\.example.com") covers only the names below it, as OpenSSL reads it; "" covers every
/// name. Case-insensitive; one trailing dot ignored on both sides.
bool dns_in_subtree(std::string_view name, std::string_view constraint);

/// rfc822Name subtree: a full mailbox ("a@example.com") matches exactly, a host ("example.com")
/// every mailbox at that host, a "." domain (".example.com") every mailbox at hosts below it.
/// The local part compares exactly, the host case-insensitively.
bool email_in_subtree(std::string_view mailbox, std::string_view constraint);

/// uniformResourceIdentifier subtree: applied to the URI's host; "host" matches that host,
/// ".domain" hosts below it. A URI without a host part is in no subtree.
bool uri_in_subtree(std::string_view uri, std::string_view constraint);

/// iPAddress subtree: the constraint is address||mask (8 octets for IPv4, 32 for IPv6); the name
/// is inside when (name & mask) == (address & mask). Different families never match.
bool ip_in_subtree(ByteView ip, ByteView constraint);

/// directoryName subtree: the constraint's RDNs are a prefix of the name's (each compared by
/// RFC 5280 §7.1, as names_match does).
bool directory_in_subtree(const Name& name, const Name& constraint);

/// Checks every name of `cert` against one CA's `constraints` (RFC 5280 §6.1.3 (b) and (c)):
/// its DNS, IP, email, URI and directory subjectAltNames, its subject DN (unless
/// `skip_subject`, for self-issued intermediates) and subject emailAddress attributes (as
/// rfc822Name). A name of a form with constraints glasstls cannot evaluate fails closed.
/// Returns nothing when the certificate complies, else a sentence naming the name and the
/// constraint it violates.
std::optional<std::string> check_name_constraints(const Certificate& cert,
                                                  const NameConstraints& constraints,
                                                  bool skip_subject);

}  // namespace glasstls::x509::detail
