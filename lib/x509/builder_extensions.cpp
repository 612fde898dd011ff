// The builder's extensions, each encoded from the ASN.1 of RFC 5280 §4.2 (module
// PKIX1Implicit88, Appendix A.2: IMPLICIT TAGS) or RFC 7633, quoted above its encoder.
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/builder.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using asn1::DerWriter;

template <class Fill>
Bytes encode(Fill&& fill) {
  DerWriter w;
  fill(w);
  return w.take();
}

// GeneralName ::= CHOICE { rfc822Name [1] IA5String, dNSName [2] IA5String,
//   directoryName [4] Name, uniformResourceIdentifier [6] IA5String, iPAddress [7] OCTET STRING,
//   ... }   (§4.2.1.6; IMPLICIT, except directoryName, a CHOICE, which is EXPLICIT)
void write_general_name(DerWriter& w, const GeneralName& name) {
  switch (name.kind) {
    case GeneralName::Kind::email:
      w.implicit_primitive(1, as_bytes(name.text));
      break;
    case GeneralName::Kind::dns:
      w.implicit_primitive(2, as_bytes(name.text));
      break;
    case GeneralName::Kind::directory:
      w.explicit_tag(4, [&](DerWriter& t) { t.raw(name.directory.der); });
      break;
    case GeneralName::Kind::uri:
      w.implicit_primitive(6, as_bytes(name.text));
      break;
    case GeneralName::Kind::ip:
      w.implicit_primitive(7, name.ip);
      break;
    case GeneralName::Kind::other:
      break;  // never produced by the builder
  }
}

// GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree
// GeneralSubtree ::= SEQUENCE { base GeneralName, minimum [0] BaseDistance DEFAULT 0,
//                               maximum [1] BaseDistance OPTIONAL }
// minimum is 0 (its DEFAULT, so omitted) and maximum absent, as §4.2.1.10 requires.
void write_subtrees(DerWriter& w, const std::vector<GeneralName>& names) {
  for (const GeneralName& n : names)
    w.sequence([&](DerWriter& subtree) { write_general_name(subtree, n); });
}

// KeyUsage as a DER named-bit list: trailing zero bits removed (X.690 §11.2.2), the unused
// bits of the last byte counted.
Bytes key_usage_value(std::uint16_t bits) {
  // Bit i of `bits` is ASN.1 bit i: byte i / 8, mask 0x80 >> (i % 8).
  std::size_t count = 0;  // bits up to and including the highest one set
  for (std::size_t i = 0; i < 16; ++i)
    if (((static_cast<unsigned>(bits) >> i) & 1u) != 0) count = i + 1;
  Bytes bytes((count + 7) / 8, 0);
  for (std::size_t i = 0; i < count; ++i)
    if (((static_cast<unsigned>(bits) >> i) & 1u) != 0)
      bytes[i / 8] |= static_cast<std::uint8_t>(0x80u >> (i % 8));
  const auto unused = static_cast<std::uint8_t>(bytes.size() * 8 - count);
  return encode([&](DerWriter& w) { w.bit_string(bytes, unused); });
}

GeneralName uri_name(const std::string& uri) {
  GeneralName n;
  n.kind = GeneralName::Kind::uri;
  n.text = uri;
  return n;
}

}  // namespace

std::vector<CertificateBuilder::RawExtension> CertificateBuilder::extensions(
    const SigningKey& issuer_key) const {
  std::vector<RawExtension> out;

  // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
  //                                 pathLenConstraint INTEGER (0..MAX) OPTIONAL }   (§4.2.1.9)
  if (basic_constraints_.present) {
    out.push_back({oids::id_ce_basicConstraints, encode([&](DerWriter& w) {
                     w.sequence([&](DerWriter& bc) {
                       if (ca_) bc.boolean(true);  // FALSE is the DEFAULT: omitted (X.690 §11.5)
                       if (path_len_) bc.integer(static_cast<std::int64_t>(*path_len_));
                     });
                   }),
                   basic_constraints_.critical});
  }
  // KeyUsage ::= BIT STRING { digitalSignature (0), ... }   (§4.2.1.3)
  if (key_usage_.present)
    out.push_back({oids::id_ce_keyUsage, key_usage_value(key_usage_bits_), key_usage_.critical});
  // ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId   (§4.2.1.12)
  if (ext_key_usage_.present) {
    out.push_back({oids::id_ce_extKeyUsage, encode([&](DerWriter& w) {
                     w.sequence([&](DerWriter& s) {
                       for (const asn1::Oid& p : purposes_) s.oid(p);
                     });
                   }),
                   ext_key_usage_.critical});
  }
  // SubjectKeyIdentifier ::= KeyIdentifier ::= OCTET STRING   (§4.2.1.2; never critical)
  if (!no_subject_key_id_ && spki_) {
    const Bytes id = subject_key_id_ ? *subject_key_id_ : key_identifier(*spki_);
    out.push_back({oids::id_ce_subjectKeyIdentifier,
                   encode([&](DerWriter& w) { w.octet_string(id); }), false});
  }
  // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] KeyIdentifier OPTIONAL, ... }
  // (§4.2.1.1; MUST NOT be critical). For a self-signed certificate it names its own key.
  if (!no_authority_key_id_) {
    Bytes id;
    if (authority_key_id_) {
      id = *authority_key_id_;
    } else if (issuer_key_id_) {
      id = *issuer_key_id_;
    } else if (self_signed_ && subject_key_id_) {
      id = *subject_key_id_;
    } else {
      id = key_identifier(issuer_key.spki_der());
    }
    out.push_back({oids::id_ce_authorityKeyIdentifier, encode([&](DerWriter& w) {
                     w.sequence([&](DerWriter& aki) { aki.implicit_primitive(0, id); });
                   }),
                   false});
  }
  // SubjectAltName ::= GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName   (§4.2.1.6:
  // critical when the subject is empty)
  if (!san_.empty()) {
    const bool empty_subject = !subject_ || subject_->rdns.empty();
    out.push_back({oids::id_ce_subjectAltName, encode([&](DerWriter& w) {
                     w.sequence([&](DerWriter& names) {
                       for (const GeneralName& n : san_) write_general_name(names, n);
                     });
                   }),
                   san_critical_.value_or(empty_subject)});
  }
  // NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
  //                                excludedSubtrees [1] GeneralSubtrees OPTIONAL }
  // (§4.2.1.10: "Conforming CAs MUST mark this extension as critical")
  if (!name_constraints_.permitted.empty() || !name_constraints_.excluded.empty()) {
    out.push_back({oids::id_ce_nameConstraints, encode([&](DerWriter& w) {
                     w.sequence([&](DerWriter& nc) {
                       if (!name_constraints_.permitted.empty())
                         nc.implicit_constructed(0, [&](DerWriter& t) {
                           write_subtrees(t, name_constraints_.permitted);
                         });
                       if (!name_constraints_.excluded.empty())
                         nc.implicit_constructed(1, [&](DerWriter& t) {
                           write_subtrees(t, name_constraints_.excluded);
                         });
                     });
                   }),
                   true});
  }
  // CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint
  // DistributionPoint ::= SEQUENCE { distributionPoint [0] DistributionPointName OPTIONAL, ... }
  // DistributionPointName ::= CHOICE { fullName [0] GeneralNames, ... }   (§4.2.1.13)
  // [0] around a CHOICE is EXPLICIT (X.680 §31.2.7); fullName [0] GeneralNames is IMPLICIT.
  if (!crl_uris_.empty()) {
    out.push_back({oids::id_ce_cRLDistributionPoints, encode([&](DerWriter& w) {
                     w.sequence([&](DerWriter& points) {
                       for (const std::string& uri : crl_uris_) {
                         points.sequence([&](DerWriter& dp) {
                           dp.explicit_tag(0, [&](DerWriter& dpn) {
                             dpn.implicit_constructed(0, [&](DerWriter& full) {
                               write_general_name(full, uri_name(uri));
                             });
                           });
                         });
                       }
                     });
                   }),
                   false});
  }
  // AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
  // AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER, accessLocation GeneralName }
  // (§4.2.2.1: MUST NOT be critical)
  if (!aia_.ocsp.empty() || !aia_.ca_issuers.empty()) {
    out.push_back({oids::id_pe_authorityInfoAccess, encode([&](DerWriter& w) {
                     w.sequence([&](DerWriter& s) {
                       auto add = [&](const asn1::Oid& method, const std::string& uri) {
                         s.sequence([&](DerWriter& ad) {
                           ad.oid(method);
                           write_general_name(ad, uri_name(uri));
                         });
                       };
                       for (const std::string& u : aia_.ocsp) add(oids::id_ad_ocsp, u);
                       for (const std::string& u : aia_.ca_issuers) add(oids::id_ad_caIssuers, u);
                     });
                   }),
                   false});
  }
  // RFC 7633 §6: Features ::= SEQUENCE OF INTEGER; status_request is TLS extension 5.
  if (must_staple_) {
    out.push_back({oids::id_pe_tlsfeature,
                   encode([&](DerWriter& w) { w.sequence([&](DerWriter& s) { s.integer(5); }); }),
                   false});
  }
  for (const RawExtension& r : raw_) out.push_back(r);
  return out;
}

}  // namespace glasstls::x509
