// X.501 distinguished names as certificates carry them (RFC 5280 §4.1.2.4):
//
//     Name ::= CHOICE { rdnSequence RDNSequence }
//     RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
//     RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
//     AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue }
//
// A Name keeps its exact DER (for byte comparisons and for CRL/OCSP issuer hashes) and the decoded
// attributes (for printing and for RFC 5280 §7.1 comparison).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/oid.hpp"
#include "glasstls/asn1/tag.hpp"
#include "glasstls/core/bytes.hpp"

namespace glasstls::x509 {

/// One AttributeTypeAndValue.
struct Attribute {
  asn1::Oid type;
  /// The universal tag the value was encoded under (PrintableString, UTF8String, T61String,
  /// BMPString, IA5String, ...). Values that are not strings keep their tag and `raw`.
  asn1::Tag value_tag;
  /// The value's contents octets, exactly as encoded.
  Bytes raw;
  /// The value decoded to UTF-8 (BMPString and UniversalString decoded, T61String read as
  /// Latin-1); empty for non-string values.
  std::string utf8;
};

/// A RelativeDistinguishedName: usually one attribute, sometimes several (multi-valued RDN).
using Rdn = std::vector<Attribute>;

struct Name {
  /// The whole Name element (tag, length, contents) as it appeared in the certificate.
  Bytes der;
  /// The RDNs in encoding order (most significant first: C, O, ..., CN).
  std::vector<Rdn> rdns;

  bool empty() const noexcept { return rdns.empty(); }

  /// RFC 4514 string form: RDNs in reverse order separated by ',', multi-valued RDN members by
  /// '+', short names (CN, O, OU, C, L, ST, STREET, DC, UID) where RFC 4514 §3 has them, else the
  /// dotted OID; values escaped per §2.4 (including leading/trailing space and '#'), control
  /// characters and invalid UTF-8 written as \XX hex escapes; non-string values as '#' + hex DER.
  std::string to_string() const;

  /// The first value of an attribute type, e.g. the subject's commonName; empty if absent.
  std::string first(const asn1::Oid& type) const;
};

/// Reads a Name at the reader's position (errors go into the reader, with offset and path).
Name read_name(asn1::DerReader& reader, std::string_view field);

/// RFC 5280 §7.1 name comparison, the rule for chaining issuer to subject: the same number of
/// RDNs in the same order, each with the same attributes (members of a multi-valued RDN in any
/// order: an RDN is a SET), values equal after ASCII case folding and whitespace normalisation
/// (leading and trailing spaces removed, internal runs collapsed to one) when both are
/// PrintableString or UTF8String; other string types compare byte for byte.
bool names_match(const Name& a, const Name& b);

}  // namespace glasstls::x509
