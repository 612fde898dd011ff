// Hostname and IP address checks against subjectAltName, RFC 9525 §6. The certificates here are
// built field by field: only their subjectAltName and subject matter to these checks.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/hostname.hpp"
#include "support/test_support.hpp"

namespace glasstls::x509 {
namespace {

GeneralName dns(std::string text) {
  GeneralName n;
  n.kind = GeneralName::Kind::dns;
  n.text = std::move(text);
  return n;
}

GeneralName ip(std::string_view text) {
  GeneralName n;
  n.kind = GeneralName::Kind::ip;
  n.ip = parse_ip_address(text).value();
  return n;
}

Certificate with_sans(std::initializer_list<GeneralName> names) {
  Certificate c;
  c.subject_alt_name = SubjectAltName{};
  c.subject_alt_name->names.assign(names.begin(), names.end());
  return c;
}

// ---- RFC 9525 §6.3: DNS names ------------------------------------------------------------------

TEST(DnsNameMatches, ExactNamesCompareCaseInsensitively) {
  // RFC 9525 §6.3 (and RFC 4343): "WWW.BigCompany.Example" is "www.bigcompany.example".
  EXPECT_TRUE(dns_name_matches("www.bigcompany.example", "WWW.BigCompany.Example"));
  EXPECT_TRUE(dns_name_matches("WWW.EXAMPLE.COM", "www.example.com"));
  EXPECT_FALSE(dns_name_matches("www.example.com", "www.example.org"));
  EXPECT_FALSE(dns_name_matches("example.com", "www.example.com"));
  EXPECT_FALSE(dns_name_matches("www.example.com", "example.com"));
  EXPECT_FALSE(dns_name_matches("xample.com", "example.com"));
}

TEST(DnsNameMatches, OneTrailingDotOnEitherSide) {
  // RFC 1034 §3.1: a trailing dot only marks the name as absolute.
  EXPECT_TRUE(dns_name_matches("example.com.", "example.com"));
  EXPECT_TRUE(dns_name_matches("example.com", "example.com."));
  EXPECT_TRUE(dns_name_matches("example.com.", "example.com."));
  EXPECT_TRUE(dns_name_matches("*.example.com.", "a.example.com"));
  EXPECT_FALSE(dns_name_matches("example.com..", "example.com"));
  EXPECT_FALSE(dns_name_matches("example.com", "example.com.."));
}

TEST(DnsNameMatches, ALabelsCompareAsGiven) {
  // RFC 9525 §6.3: A-labels are compared as case-insensitive ASCII; glasstls does not convert
  // U-labels, so a UTF-8 reference is not a valid DNS name and matches nothing.
  EXPECT_TRUE(dns_name_matches("xn--bcher-kva.example", "XN--BCHER-KVA.example"));
  EXPECT_FALSE(dns_name_matches("xn--bcher-kva.example",
                                "b\xc3\xbc"
                                "cher.example"));
  EXPECT_FALSE(
      dns_name_matches("b\xc3\xbc"
                       "cher.example",
                       "b\xc3\xbc"
                       "cher.example"));
}

TEST(DnsNameMatches, WildcardIsOneWholeLeftMostLabel) {
  // RFC 9525 §6.3 rules 1-2: one "*", the complete content of the left-most label.
  EXPECT_TRUE(dns_name_matches("*.example.com", "a.example.com"));
  EXPECT_TRUE(dns_name_matches("*.example.com", "WWW.Example.Com"));
  EXPECT_TRUE(dns_name_matches("*.a.example.com", "b.a.example.com"));
  // "A wildcard in a presented identifier can only match one label."
  EXPECT_FALSE(dns_name_matches("*.example.com", "a.b.example.com"));
  EXPECT_FALSE(dns_name_matches("*.example.com", "example.com"));
  EXPECT_FALSE(dns_name_matches("*.example.com", ".example.com"));
  // Partial-label wildcards and wildcards elsewhere are invalid and ignored.
  EXPECT_FALSE(dns_name_matches("f*.example.com", "foo.example.com"));
  EXPECT_FALSE(dns_name_matches("*o.example.com", "foo.example.com"));
  EXPECT_FALSE(dns_name_matches("xn--*.example.com", "xn--a.example.com"));
  EXPECT_FALSE(dns_name_matches("a.*.example.com", "a.b.example.com"));
  EXPECT_FALSE(dns_name_matches("*.*.example.com", "a.b.example.com"));
  EXPECT_FALSE(dns_name_matches("**.example.com", "a.example.com"));
  EXPECT_FALSE(dns_name_matches("*", "localhost"));
  // RFC 9525 §7.1 leaves public suffixes aside; glasstls wants two labels after the wildcard.
  EXPECT_FALSE(dns_name_matches("*.com", "example.com"));
  EXPECT_FALSE(dns_name_matches("*.", "com"));
  // Wildcards in the reference are not wildcards (RFC 9525 §6.3: presented identifiers only).
  EXPECT_FALSE(dns_name_matches("a.example.com", "*.example.com"));
  EXPECT_FALSE(dns_name_matches("*.example.com", "*.example.com"));
}

TEST(DnsNameMatches, MalformedNamesNeverMatch) {
  using namespace std::string_literals;
  // A NUL inside a presented name (the 2009 "null prefix" attack) must not match its prefix or
  // its suffix.
  EXPECT_FALSE(dns_name_matches("www.bank.com\0.evil.example"s, "www.bank.com"));
  EXPECT_FALSE(dns_name_matches("www.bank.com\0.evil.example"s, "www.bank.com\0.evil.example"s));
  // Empty labels, non-LDH characters, over-long labels, hyphens at label edges.
  EXPECT_FALSE(dns_name_matches("a..example.com", "a..example.com"));
  EXPECT_FALSE(dns_name_matches(".example.com", "example.com"));
  EXPECT_FALSE(dns_name_matches("", ""));
  EXPECT_FALSE(dns_name_matches(".", "."));
  EXPECT_FALSE(dns_name_matches("a_b.example.com", "a_b.example.com"));
  EXPECT_FALSE(dns_name_matches("a b.example.com", "a b.example.com"));
  EXPECT_FALSE(dns_name_matches("-a.example.com", "-a.example.com"));
  EXPECT_FALSE(dns_name_matches("a-.example.com", "a-.example.com"));
  const std::string label63(63, 'a'), label64(64, 'a');
  EXPECT_TRUE(dns_name_matches(label63 + ".example", label63 + ".example"));
  EXPECT_FALSE(dns_name_matches(label64 + ".example", label64 + ".example"));
  std::string long_name;
  for (int i = 0; i < 5; ++i) long_name += label63 + ".";
  long_name += "example";  // 5 * 64 + 7 = 327 characters > 253
  EXPECT_FALSE(dns_name_matches(long_name, long_name));
}

TEST(IsValidDnsName, WildcardOnlyWhenAllowed) {
  EXPECT_TRUE(is_valid_dns_name("*.example.com", true));
  EXPECT_FALSE(is_valid_dns_name("*.example.com", false));
  EXPECT_FALSE(is_valid_dns_name("*.com", true));
  EXPECT_TRUE(is_valid_dns_name("a-b.example", false));
  EXPECT_TRUE(is_valid_dns_name("localhost", false));
}

// ---- IP address text ---------------------------------------------------------------------------

TEST(ParseIpAddress, Ipv4DottedQuad) {
  EXPECT_EQ(parse_ip_address("192.0.2.1"), test::hex("c0000201"));
  EXPECT_EQ(parse_ip_address("0.0.0.0"), test::hex("00000000"));
  EXPECT_EQ(parse_ip_address("255.255.255.255"), test::hex("ffffffff"));
  for (const char* bad :
       {"256.0.0.1", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "01.2.3.4", "1.2.3.04", "1..2.3",
        "1.2.3.4 ", " 1.2.3.4", "0x1.2.3.4", "1234.1.1.1", "", "a.b.c.d", "1.2.3.-4"}) {
    EXPECT_FALSE(parse_ip_address(bad).has_value()) << bad;
  }
}

TEST(ParseIpAddress, Ipv6Text) {
  // RFC 4291 §2.2 forms 1, 2 and 3.
  EXPECT_EQ(parse_ip_address("2001:db8:0:0:8:800:200c:417a"),
            test::hex("20010db8000000000008080020 0c417a"));
  EXPECT_EQ(parse_ip_address("2001:DB8::8:800:200C:417A"),
            test::hex("20010db8000000000008080020 0c417a"));
  EXPECT_EQ(parse_ip_address("::1"), test::hex("00000000000000000000000000000001"));
  EXPECT_EQ(parse_ip_address("::"), test::hex("00000000000000000000000000000000"));
  EXPECT_EQ(parse_ip_address("ff01::"), test::hex("ff010000000000000000000000000000"));
  EXPECT_EQ(parse_ip_address("::ffff:192.0.2.1"), test::hex("00000000000000000000ffffc0000201"));
  EXPECT_EQ(parse_ip_address("0:0:0:0:0:0:13.1.68.3"),
            test::hex("0000000000000000000000000d014403"));
  for (const char* bad : {":", ":::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::2",
                          "1::2:", "12345::", "g::1", "1:2:3:4:5:6:7::8", "::1.2.3",
                          "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "[::1]", "1:2:3:4:5:6:7:8:"}) {
    EXPECT_FALSE(parse_ip_address(bad).has_value()) << bad;
  }
}

TEST(IpAddressToString, Rfc5952CanonicalForm) {
  EXPECT_EQ(ip_address_to_string(test::hex("c0000201")), "192.0.2.1");
  // RFC 5952 §4.2.1 (longest run), §4.2.2 (not a single group), §4.2.3 (first of equal runs).
  EXPECT_EQ(ip_address_to_string(test::hex("20010db8000000000000000000000001")), "2001:db8::1");
  EXPECT_EQ(ip_address_to_string(test::hex("20010db8000000010001000100010001")),
            "2001:db8:0:1:1:1:1:1");
  EXPECT_EQ(ip_address_to_string(test::hex("20010db8000000000001000000000001")),
            "2001:db8::1:0:0:1");
  EXPECT_EQ(ip_address_to_string(test::hex("00000000000000000000000000000000")), "::");
  EXPECT_EQ(ip_address_to_string(test::hex("00000000000000000000000000000001")), "::1");
  EXPECT_EQ(ip_address_to_string(test::hex("fe800000000000000000000000000000")), "fe80::");
  EXPECT_EQ(ip_address_to_string(test::hex("0102")), "(2-byte address 0102)");
  // Round trip through the parser.
  for (const char* text : {"2001:db8::1", "::ffff:c000:201", "1:2:3:4:5:6:7:8", "fe80::1:2"}) {
    EXPECT_EQ(ip_address_to_string(parse_ip_address(text).value()), text);
  }
}

// ---- Whole-certificate checks ------------------------------------------------------------------

TEST(CheckHost, MatchesAnySanAndListsWhatIsCovered) {
  const Certificate cert = with_sans({dns("example.com"), dns("*.example.net"), ip("192.0.2.7")});
  EXPECT_TRUE(check_host(cert, "example.com").matched);
  EXPECT_TRUE(check_host(cert, "www.example.net").matched);
  EXPECT_TRUE(check_host(cert, "192.0.2.7").matched);
  const HostnameCheck miss = check_host(cert, "www.example.com");
  EXPECT_FALSE(miss.matched);
  EXPECT_EQ(miss.covered, (std::vector<std::string>{"example.com", "*.example.net", "192.0.2.7"}));
  EXPECT_EQ(miss.reason, "the certificate covers example.com, *.example.net, 192.0.2.7");
}

TEST(CheckHost, CommonNameIsNeverConsulted) {
  // RFC 9525 §6.2: only subjectAltName identifiers are presented identifiers now.
  Certificate cert;
  Attribute cn;
  cn.type = asn1::oids::id_at_commonName;
  cn.utf8 = "example.com";
  cn.raw = to_bytes(std::string_view("example.com"));
  cert.subject.rdns.push_back({cn});
  const HostnameCheck check = check_host(cert, "example.com");
  EXPECT_FALSE(check.matched);
  EXPECT_NE(check.reason.find("no subjectAltName"), std::string::npos) << check.reason;
  // With a SAN that does not list it, still no match.
  cert.subject_alt_name = SubjectAltName{{dns("other.example")}};
  EXPECT_FALSE(check_host(cert, "example.com").matched);
}

TEST(CheckHost, IpReferencesOnlyMatchIpSans) {
  // RFC 9525 §6.4 and §7.4: a DNS SAN spelling an address does not match an IP reference...
  const Certificate spelled = with_sans({dns("192.0.2.1")});
  EXPECT_FALSE(check_host(spelled, "192.0.2.1").matched);
  EXPECT_FALSE(check_dns_name(spelled, "192.0.2.1").matched);
  // ...and an IP SAN does not match a DNS reference.
  const Certificate by_ip = with_sans({ip("192.0.2.1"), ip("2001:db8::1")});
  EXPECT_TRUE(check_host(by_ip, "192.0.2.1").matched);
  EXPECT_TRUE(check_host(by_ip, "2001:DB8:0::1").matched);
  EXPECT_FALSE(check_host(by_ip, "192.0.2.2").matched);
  EXPECT_FALSE(check_dns_name(by_ip, "one.example").matched);
  // Octet for octet: IPv4 does not match its IPv4-mapped IPv6 form.
  EXPECT_FALSE(check_host(by_ip, "::ffff:192.0.2.1").matched);
  EXPECT_FALSE(check_ip_address(by_ip, test::hex("c00002")).matched);
}

TEST(CheckHost, InvalidReferenceIsExplained) {
  const Certificate cert = with_sans({dns("example.com")});
  const HostnameCheck check = check_host(cert, "exa mple.com");
  EXPECT_FALSE(check.matched);
  EXPECT_EQ(check.reason, "'exa mple.com' is not a valid DNS name");
  EXPECT_FALSE(check_host(with_sans({}), "example.com").matched);
  EXPECT_EQ(check_host(with_sans({}), "example.com").reason,
            "the certificate's subjectAltName has no DNS or IP names");
}

}  // namespace
}  // namespace glasstls::x509
