// Name constraints, RFC 5280 §4.2.1.10: the subtree tests one by one, then whole certificates
// against a CA's permitted and excluded subtrees (§6.1.3 (b)).
#include <gtest/gtest.h>

#include <initializer_list>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/hostname.hpp"
#include "support/test_support.hpp"
#include "x509/name_constraints.hpp"

namespace glasstls::x509 {
namespace {

using detail::check_name_constraints;
using detail::directory_in_subtree;
using detail::dns_in_subtree;
using detail::email_in_subtree;
using detail::ip_in_subtree;
using detail::uri_in_subtree;
namespace oids = asn1::oids;

GeneralName text_name(GeneralName::Kind kind, std::string text) {
  GeneralName n;
  n.kind = kind;
  n.text = std::move(text);
  return n;
}
GeneralName dns(std::string text) {
  return text_name(GeneralName::Kind::dns, std::move(text));
}
GeneralName ip(std::string_view text) {
  GeneralName n;
  n.kind = GeneralName::Kind::ip;
  n.ip = parse_ip_address(text).value();
  return n;
}
// "192.0.2.0/24" style: address || mask, as a nameConstraints iPAddress holds it.
GeneralName subnet(std::string_view address, std::string_view mask) {
  GeneralName n;
  n.kind = GeneralName::Kind::ip;
  n.ip = parse_ip_address(address).value();
  const Bytes m = parse_ip_address(mask).value();
  n.ip.insert(n.ip.end(), m.begin(), m.end());
  return n;
}
GeneralName directory(Name name) {
  GeneralName n;
  n.kind = GeneralName::Kind::directory;
  n.directory = std::move(name);
  return n;
}

Certificate leaf(Name subject, std::initializer_list<GeneralName> sans) {
  Certificate c;
  c.subject = std::move(subject);
  if (sans.size() != 0) c.subject_alt_name = SubjectAltName{{sans.begin(), sans.end()}};
  return c;
}

TEST(DnsInSubtree, NameItselfOrLabelsAddedToTheLeft) {
  // RFC 5280 §4.2.1.10: "any DNS name that can be constructed by simply adding zero or more
  // labels to the left-hand side of the name satisfies the name constraint."
  EXPECT_TRUE(dns_in_subtree("example.com", "example.com"));
  EXPECT_TRUE(dns_in_subtree("www.example.com", "example.com"));
  EXPECT_TRUE(dns_in_subtree("a.b.EXAMPLE.com", "Example.COM"));
  EXPECT_FALSE(dns_in_subtree("badexample.com", "example.com"));
  EXPECT_FALSE(dns_in_subtree("example.com.evil", "example.com"));
  EXPECT_FALSE(dns_in_subtree("com", "example.com"));
  EXPECT_TRUE(dns_in_subtree("example.com.", "example.com"));
  // The leading-dot form (as OpenSSL reads it): only names below.
  EXPECT_TRUE(dns_in_subtree("www.example.com", ".example.com"));
  EXPECT_FALSE(dns_in_subtree("example.com", ".example.com"));
  EXPECT_FALSE(dns_in_subtree("wwwexample.com", ".example.com"));
  // An empty constraint covers every name.
  EXPECT_TRUE(dns_in_subtree("anything.example", ""));
}

TEST(EmailInSubtree, MailboxHostOrDomain) {
  // RFC 5280 §4.2.1.10: a mailbox, a host, or a domain with a leading period.
  EXPECT_TRUE(email_in_subtree("root@example.com", "root@example.com"));
  EXPECT_TRUE(email_in_subtree("root@EXAMPLE.com", "root@example.com"));
  EXPECT_FALSE(email_in_subtree("Root@example.com", "root@example.com"));
  EXPECT_TRUE(email_in_subtree("anyone@example.com", "example.com"));
  EXPECT_FALSE(email_in_subtree("anyone@mail.example.com", "example.com"));
  EXPECT_TRUE(email_in_subtree("anyone@mail.example.com", ".example.com"));
  EXPECT_FALSE(email_in_subtree("anyone@example.com", ".example.com"));
  EXPECT_FALSE(email_in_subtree("not-a-mailbox", "example.com"));
}

TEST(UriInSubtree, HostPartOnly) {
  EXPECT_TRUE(uri_in_subtree("http://host.example.com/path", "host.example.com"));
  EXPECT_TRUE(uri_in_subtree("https://user@host.example.com:8443/?q#f", "host.example.com"));
  EXPECT_FALSE(uri_in_subtree("http://a.host.example.com/", "host.example.com"));
  EXPECT_TRUE(uri_in_subtree("http://a.host.example.com/", ".example.com"));
  EXPECT_FALSE(uri_in_subtree("http://example.com/", ".example.com"));
  EXPECT_FALSE(uri_in_subtree("urn:isbn:0451450523", "example.com"));
  EXPECT_FALSE(uri_in_subtree("http://[2001:db8::1]/", "example.com"));
}

TEST(IpInSubtree, AddressAndMask) {
  // RFC 5280 §4.2.1.10: 192.0.2.0/24 is C0 00 02 00 FF FF FF 00.
  const Bytes net24 = test::hex("c0000200 ffffff00");
  EXPECT_TRUE(ip_in_subtree(test::hex("c0000201"), net24));
  EXPECT_TRUE(ip_in_subtree(test::hex("c00002ff"), net24));
  EXPECT_FALSE(ip_in_subtree(test::hex("c0000301"), net24));
  const Bytes net6 = subnet("2001:db8::", "ffff:ffff::").ip;
  EXPECT_TRUE(ip_in_subtree(parse_ip_address("2001:db8:1::5").value(), net6));
  EXPECT_FALSE(ip_in_subtree(parse_ip_address("2001:db9::5").value(), net6));
  // Families never mix, and malformed constraint lengths match nothing.
  EXPECT_FALSE(ip_in_subtree(test::hex("c0000201"), net6));
  EXPECT_FALSE(ip_in_subtree(parse_ip_address("::ffff:192.0.2.1").value(), net24));
  EXPECT_FALSE(ip_in_subtree(test::hex("c0000201"), test::hex("c0000200ffffff")));
}

TEST(DirectoryInSubtree, RdnPrefix) {
  const Name org =
      make_name({{oids::id_at_countryName, "US"}, {oids::id_at_organizationName, "Example"}});
  const Name person = make_name({{oids::id_at_countryName, "US"},
                                 {oids::id_at_organizationName, "example"},
                                 {oids::id_at_commonName, "Alice"}});
  const Name other = make_name({{oids::id_at_countryName, "US"},
                                {oids::id_at_organizationName, "Other"},
                                {oids::id_at_commonName, "Alice"}});
  EXPECT_TRUE(directory_in_subtree(person, org));  // §7.1 comparison: case folded
  EXPECT_TRUE(directory_in_subtree(org, org));
  EXPECT_FALSE(directory_in_subtree(other, org));
  EXPECT_FALSE(directory_in_subtree(org, person));  // the constraint is longer than the name
}

TEST(CheckNameConstraints, PermittedDnsSubtree) {
  NameConstraints nc;
  nc.permitted = {dns("example.com")};
  EXPECT_FALSE(check_name_constraints(leaf({}, {dns("www.example.com")}), nc, false));
  const auto v =
      check_name_constraints(leaf({}, {dns("www.example.com"), dns("evil.example")}), nc, false);
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, "subjectAltName dNSName 'evil.example' is outside every permitted dNSName subtree");
  // A form with no constraint of its own is unconstrained (§4.2.1.10).
  EXPECT_FALSE(check_name_constraints(leaf({}, {ip("192.0.2.1")}), nc, false));
}

TEST(CheckNameConstraints, ExcludedWins) {
  NameConstraints nc;
  nc.permitted = {dns("example.com")};
  nc.excluded = {dns("secret.example.com")};
  EXPECT_FALSE(check_name_constraints(leaf({}, {dns("www.example.com")}), nc, false));
  const auto v = check_name_constraints(leaf({}, {dns("db.secret.example.com")}), nc, false);
  ASSERT_TRUE(v);
  EXPECT_EQ(*v,
            "subjectAltName dNSName 'db.secret.example.com' is in the excluded subtree "
            "dNSName 'secret.example.com'");
  // A wildcard that could stand for an excluded name is refused too.
  EXPECT_TRUE(check_name_constraints(leaf({}, {dns("*.example.com")}), nc, false));
  EXPECT_FALSE(check_name_constraints(leaf({}, {dns("*.www.example.com")}), nc, false));
}

TEST(CheckNameConstraints, IpSubtrees) {
  NameConstraints nc;
  nc.permitted = {subnet("192.0.2.0", "255.255.255.0")};
  nc.excluded = {subnet("192.0.2.128", "255.255.255.128")};
  EXPECT_FALSE(check_name_constraints(leaf({}, {ip("192.0.2.1")}), nc, false));
  const auto outside = check_name_constraints(leaf({}, {ip("198.51.100.1")}), nc, false);
  ASSERT_TRUE(outside);
  EXPECT_EQ(*outside,
            "subjectAltName iPAddress 198.51.100.1 is outside every permitted iPAddress subtree");
  const auto excluded = check_name_constraints(leaf({}, {ip("192.0.2.200")}), nc, false);
  ASSERT_TRUE(excluded);
  EXPECT_EQ(*excluded,
            "subjectAltName iPAddress 192.0.2.200 is in the excluded subtree iPAddress "
            "192.0.2.128/255.255.255.128");
  // IPv4 and IPv6 are one form (iPAddress): an IPv6 name is outside the permitted IPv4 subtree.
  EXPECT_TRUE(check_name_constraints(leaf({}, {ip("2001:db8::1")}), nc, false));
}

TEST(CheckNameConstraints, SubjectDnUnlessSelfIssuedIntermediate) {
  NameConstraints nc;
  nc.permitted = {directory(
      make_name({{oids::id_at_countryName, "US"}, {oids::id_at_organizationName, "Example"}}))};
  const Name inside = make_name({{oids::id_at_countryName, "US"},
                                 {oids::id_at_organizationName, "Example"},
                                 {oids::id_at_commonName, "host"}});
  const Name outside =
      make_name({{oids::id_at_countryName, "US"}, {oids::id_at_organizationName, "Other"}});
  EXPECT_FALSE(check_name_constraints(leaf(inside, {}), nc, false));
  EXPECT_TRUE(check_name_constraints(leaf(outside, {}), nc, false));
  // RFC 5280 §6.1.3 (b): a self-issued intermediate's subject is not checked.
  EXPECT_FALSE(check_name_constraints(leaf(outside, {}), nc, true));
  // An empty subject is not a name to check.
  EXPECT_FALSE(check_name_constraints(leaf({}, {}), nc, false));
  // The subject CN is not read as a host name: a DNS constraint ignores it.
  NameConstraints dns_only;
  dns_only.permitted = {dns("example.com")};
  EXPECT_FALSE(check_name_constraints(leaf(make_name("evil.example"), {}), dns_only, false));
}

TEST(CheckNameConstraints, SubjectEmailAddressIsAnRfc822Name) {
  NameConstraints nc;
  nc.permitted = {text_name(GeneralName::Kind::email, "example.com")};
  EXPECT_FALSE(check_name_constraints(
      leaf(make_name({{oids::id_emailAddress, "a@example.com"}}), {}), nc, false));
  EXPECT_TRUE(check_name_constraints(
      leaf(make_name({{oids::id_emailAddress, "a@evil.example"}}), {}), nc, false));
}

TEST(CheckNameConstraints, UnevaluatedFormsFailClosed) {
  GeneralName other_constraint;
  other_constraint.kind = GeneralName::Kind::other;
  other_constraint.tag = 0;  // otherName
  GeneralName other_name = other_constraint;
  NameConstraints nc;
  nc.excluded = {other_constraint};
  const auto v = check_name_constraints(leaf({}, {other_name}), nc, false);
  ASSERT_TRUE(v);
  EXPECT_EQ(*v,
            "subjectAltName GeneralName [0]: glasstls cannot evaluate GeneralName constraints, "
            "so it fails closed");
  // With no name of that form in the certificate, the constraint has nothing to apply to.
  EXPECT_FALSE(check_name_constraints(leaf({}, {dns("example.com")}), nc, false));
  // An x400Address [3] name is not constrained by an otherName [0] constraint.
  other_name.tag = 3;
  EXPECT_FALSE(check_name_constraints(leaf({}, {other_name}), nc, false));
}

}  // namespace
}  // namespace glasstls::x509
