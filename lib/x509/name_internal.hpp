// Internal to lib/x509: the normalised form of a Name that RFC 5280 §7.1 comparison uses, shared
// by names_match (name.cpp) and the trust store's subject index (trust_store.cpp), so that the
// index and the comparison can never disagree.
#pragma once

#include <string>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/x509/name.hpp"

namespace glasstls::x509::detail {

/// An attribute value prepared for comparison (RFC 5280 §7.1, with the RFC 4518 steps glasstls
/// applies): PrintableString and UTF8String values are ASCII case-folded, leading and trailing
/// spaces are removed and internal runs of spaces collapse to one; every other type keeps its
/// tag and exact bytes. The result starts with a one-letter kind so that a folded string never
/// equals a raw value by accident.
std::string comparable_value(const Attribute& a);

/// A key for the whole Name: equal keys if and only if names_match() is true. Each RDN's
/// attributes are sorted, since an RDN is a SET and its members have no order.
std::string comparable_name(const Name& n);

/// The AttributeTypeAndValues of one RelativeDistinguishedName, read from a reader positioned
/// inside its SET (or an IMPLICIT-tagged copy of it, as nameRelativeToCRLIssuer is) to its end.
Rdn read_rdn_members(asn1::DerReader& set);

}  // namespace glasstls::x509::detail
