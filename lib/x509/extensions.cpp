// Decoders for the certificate extensions glasstls understands (RFC 5280 §4.2, RFC 7633), one
// function per extension, each following the ASN.1 quoted above it.
#include "glasstls/x509/extensions.hpp"

#include <algorithm>
#include <string>

#include "glasstls/asn1/oid_table.hpp"
#include "x509/extensions_internal.hpp"
#include "x509/name_internal.hpp"

namespace glasstls::x509 {

bool ExtKeyUsage::has(const asn1::Oid& purpose) const {
  return std::find(purposes.begin(), purposes.end(), purpose) != purposes.end();
}

bool ExtKeyUsage::any() const {
  return has(asn1::oids::anyExtendedKeyUsage);
}

bool TlsFeature::must_staple() const {
  // RFC 7633 §4.2.3: status_request (TLS extension 5) in the feature list asks for a stapled
  // OCSP response.
  return std::find(features.begin(), features.end(), std::uint16_t{5}) != features.end();
}

namespace detail {
namespace {

std::string indexed(std::string_view field, std::size_t i) {
  return std::string(field) + "[" + std::to_string(i) + "]";
}

// A SEQUENCE SIZE (1..MAX): an empty one is an error at the SEQUENCE's tag.
bool require_non_empty(asn1::DerReader& outer, asn1::DerReader& seq, std::size_t at,
                       std::string_view field, std::string_view rule) {
  if (seq.ok() && seq.at_end()) {
    outer.fail(at, field, "must hold at least one element (" + std::string(rule) + ")");
    return false;
  }
  return seq.ok();
}

std::uint16_t low_bits(const asn1::BitString& bits, std::size_t count) {
  std::uint16_t v = 0;
  for (std::size_t i = 0; i < count; ++i)
    if (bits.bit(i)) v = static_cast<std::uint16_t>(v | (1u << i));
  return v;
}

}  // namespace

// ---- GeneralName -------------------------------------------------------------------------------

// §4.2.1.6 GeneralName ::= CHOICE {
//      otherName [0] OtherName, rfc822Name [1] IA5String, dNSName [2] IA5String,
//      x400Address [3] ORAddress, directoryName [4] Name, ediPartyName [5] EDIPartyName,
//      uniformResourceIdentifier [6] IA5String, iPAddress [7] OCTET STRING,
//      registeredID [8] OBJECT IDENTIFIER }
// (the module uses IMPLICIT tags, except for directoryName: Name is a CHOICE, so [4] is EXPLICIT)
GeneralName read_general_name(asn1::DerReader& r, std::string_view field, GeneralNameUse use) {
  GeneralName g;
  const std::size_t at = r.offset();
  const std::optional<asn1::Tag> tag = r.peek_tag();
  if (!tag) {
    (void)r.element(field);  // records "no bytes left" (or the header error)
    return g;
  }
  if (tag->cls != asn1::TagClass::context) {
    r.fail(at, field, "GeneralName must carry a context-specific tag, found " + tag->to_string());
    return g;
  }
  g.tag = tag->number;
  switch (tag->number) {
    case 1:
    case 2:
    case 6: {
      g.kind = tag->number == 1   ? GeneralName::Kind::email
               : tag->number == 2 ? GeneralName::Kind::dns
                                  : GeneralName::Kind::uri;
      g.text = r.implicit_string(tag->number, asn1::tags::ia5_string, field);
      // IA5String admits NUL; a name with one inside would compare as a shorter name in C
      // code, the classic "www.bank.com\0.evil.com" attack, so it is refused.
      if (r.ok() && g.text.find('\0') != std::string::npos)
        r.fail(at, field, "name contains a NUL character");
      break;
    }
    case 4: {
      g.kind = GeneralName::Kind::directory;
      asn1::DerReader inner = r.explicit_tag(4, field);
      g.directory = read_name(inner, "directoryName");
      inner.finish();
      break;
    }
    case 7: {
      g.kind = GeneralName::Kind::ip;
      const ByteView ip = r.implicit_primitive(7, field);
      if (!r.ok()) break;
      const bool constraint = use == GeneralNameUse::constraint;
      const std::size_t v4 = constraint ? 8 : 4, v6 = constraint ? 32 : 16;
      if (ip.size() != v4 && ip.size() != v6) {
        // §4.2.1.6: 4 octets for IPv4, 16 for IPv6; §4.2.1.10: twice that with the mask.
        r.fail(at, field,
               "iPAddress must be " + std::to_string(v4) + " or " + std::to_string(v6) +
                   " octets, found " + std::to_string(ip.size()) +
                   (constraint ? " (RFC 5280 §4.2.1.10)" : " (RFC 5280 §4.2.1.6)"));
        break;
      }
      g.ip = to_bytes(ip);
      break;
    }
    default:
      // otherName, x400Address, ediPartyName, registeredID and unknown tags: kept by tag number
      // so that name constraints can fail closed on them.
      g.kind = GeneralName::Kind::other;
      (void)r.element(field);
      break;
  }
  return g;
}

std::vector<GeneralName> read_general_names(asn1::DerReader& seq, std::string_view field,
                                            std::size_t start_offset) {
  std::vector<GeneralName> names;
  if (seq.ok() && seq.at_end()) {
    seq.fail(start_offset, "", "GeneralNames must hold at least one name (RFC 5280 §4.2.1.6)");
    return names;
  }
  for (std::size_t i = 0; seq.ok() && !seq.at_end(); ++i)
    names.push_back(read_general_name(seq, indexed(field, i), GeneralNameUse::name));
  return names;
}

// ---- the extensions ----------------------------------------------------------------------------

// §4.2.1.9 BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
//                                         pathLenConstraint INTEGER (0..MAX) OPTIONAL }
BasicConstraints decode_basic_constraints(asn1::DerReader& value) {
  BasicConstraints bc;
  asn1::DerReader seq = value.sequence("basicConstraints");
  const std::size_t ca_at = seq.offset();
  if (auto ca = seq.optional_boolean("cA")) {
    // X.690 §11.5: a value equal to its DEFAULT is not encoded in DER.
    if (!*ca) seq.fail(ca_at, "cA", "cA FALSE must be omitted in DER (DEFAULT FALSE, X.690 §11.5)");
    bc.ca = *ca;
  }
  if (seq.ok() && !seq.at_end()) {
    const std::size_t at = seq.offset();
    const ByteView n = seq.unsigned_integer("pathLenConstraint");
    if (seq.ok() && n.size() > 8) {
      seq.fail(at, "pathLenConstraint", "pathLenConstraint does not fit in 64 bits");
    } else if (seq.ok()) {
      std::uint64_t v = 0;
      for (std::uint8_t b : n) v = (v << 8) | b;
      bc.path_len = v;
    }
  }
  seq.finish();
  value.finish();
  return bc;
}

// §4.2.1.3 KeyUsage ::= BIT STRING { digitalSignature (0), ..., decipherOnly (8) }
KeyUsage decode_key_usage(asn1::DerReader& value) {
  KeyUsage ku;
  const std::size_t at = value.offset();
  // X.690 §11.2.2 says a named-bit list is encoded without trailing zero bits, but roots in the
  // system bundle break it (Trustwave Global ECC P256/P384 encode keyCertSign|cRLSign as
  // 03 02 00 06), and OpenSSL, Go and NSS read them; so trailing zero bits are tolerated here.
  // The unused bits themselves must still be zero (X.690 §11.2.1, checked by the reader).
  const asn1::BitString bits = value.bit_string("keyUsage");
  if (!value.ok()) return ku;
  // §4.2.1.3: "When the keyUsage extension appears in a certificate, at least one of the bits
  // MUST be set to 1."
  if (bits.bit_length() == 0) {
    value.fail(at, "keyUsage", "keyUsage has no bit set (RFC 5280 §4.2.1.3)");
    return ku;
  }
  ku.bits = low_bits(bits, 9);
  value.finish();
  return ku;
}

// §4.2.1.12 ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId
ExtKeyUsage decode_ext_key_usage(asn1::DerReader& value) {
  ExtKeyUsage eku;
  const std::size_t at = value.offset();
  asn1::DerReader seq = value.sequence("extKeyUsage");
  if (!require_non_empty(value, seq, at, "extKeyUsage", "RFC 5280 §4.2.1.12: SIZE (1..MAX)"))
    return eku;
  for (std::size_t i = 0; seq.ok() && !seq.at_end(); ++i)
    eku.purposes.push_back(seq.oid(indexed("keyPurposeId", i)));
  value.finish();
  return eku;
}

// §4.2.1.6 SubjectAltName ::= GeneralNames
SubjectAltName decode_subject_alt_name(asn1::DerReader& value) {
  SubjectAltName san;
  const std::size_t at = value.offset();
  asn1::DerReader seq = value.sequence("subjectAltName");
  san.names = read_general_names(seq, "name", at);
  value.finish();
  return san;
}

namespace {

// §4.2.1.10 GeneralSubtrees ::= SEQUENCE SIZE (1..MAX) OF GeneralSubtree
//           GeneralSubtree ::= SEQUENCE { base GeneralName,
//                                         minimum [0] BaseDistance DEFAULT 0,
//                                         maximum [1] BaseDistance OPTIONAL }
std::vector<GeneralName> read_subtrees(asn1::DerReader& subtrees, std::size_t at,
                                       std::string_view field) {
  std::vector<GeneralName> out;
  if (subtrees.ok() && subtrees.at_end()) {
    subtrees.fail(at, "",
                  std::string(field) + " must hold at least one subtree (RFC 5280 §4.2.1.10)");
    return out;
  }
  for (std::size_t i = 0; subtrees.ok() && !subtrees.at_end(); ++i) {
    asn1::DerReader st = subtrees.sequence(indexed("subtree", i));
    GeneralName base = read_general_name(st, "base", GeneralNameUse::constraint);
    // §4.2.1.10: "Within this profile, the minimum and maximum fields are not used with any
    // name forms, thus, the minimum MUST be zero, and maximum MUST be absent."
    const std::size_t min_at = st.offset();
    if (auto minimum = st.optional_implicit_primitive(0, "minimum")) {
      if (st.ok() && !(minimum->size() == 1 && (*minimum)[0] == 0))
        st.fail(min_at, "minimum", "minimum must be 0 (RFC 5280 §4.2.1.10)");
    }
    const std::size_t max_at = st.offset();
    if (st.optional_implicit_primitive(1, "maximum"))
      st.fail(max_at, "maximum", "maximum must be absent (RFC 5280 §4.2.1.10)");
    st.finish();
    out.push_back(std::move(base));
  }
  return out;
}

}  // namespace

// §4.2.1.10 NameConstraints ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL,
//                                          excludedSubtrees  [1] GeneralSubtrees OPTIONAL }
NameConstraints decode_name_constraints(asn1::DerReader& value) {
  NameConstraints nc;
  const std::size_t at = value.offset();
  asn1::DerReader seq = value.sequence("nameConstraints");
  const std::size_t p_at = seq.offset();
  if (auto permitted = seq.optional_implicit_constructed(0, "permittedSubtrees"))
    nc.permitted = read_subtrees(*permitted, p_at, "permittedSubtrees");
  const std::size_t e_at = seq.offset();
  if (auto excluded = seq.optional_implicit_constructed(1, "excludedSubtrees"))
    nc.excluded = read_subtrees(*excluded, e_at, "excludedSubtrees");
  seq.finish();
  // §4.2.1.10: "Conforming CAs MUST NOT issue certificates where name constraints is an empty
  // sequence. That is, either the permittedSubtrees field or the excludedSubtrees MUST be
  // present."
  if (seq.ok() && nc.permitted.empty() && nc.excluded.empty())
    value.fail(at, "nameConstraints",
               "neither permittedSubtrees nor excludedSubtrees is present (RFC 5280 §4.2.1.10)");
  value.finish();
  return nc;
}

// §4.2.1.1 AuthorityKeyIdentifier ::= SEQUENCE {
//      keyIdentifier             [0] KeyIdentifier           OPTIONAL,
//      authorityCertIssuer       [1] GeneralNames            OPTIONAL,
//      authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
AuthorityKeyIdentifier decode_authority_key_identifier(asn1::DerReader& value) {
  AuthorityKeyIdentifier aki;
  asn1::DerReader seq = value.sequence("authorityKeyIdentifier");
  if (auto id = seq.optional_implicit_primitive(0, "keyIdentifier")) aki.key_id = to_bytes(*id);
  const std::size_t issuer_at = seq.offset();
  if (auto issuer = seq.optional_implicit_constructed(1, "authorityCertIssuer"))
    aki.issuer = read_general_names(*issuer, "name", issuer_at);
  const std::size_t serial_at = seq.offset();
  if (auto serial = seq.optional_implicit_primitive(2, "authorityCertSerialNumber"))
    aki.serial = to_bytes(*serial);
  seq.finish();
  // §4.2.1.1 (ASN.1 comment): authorityCertIssuer and authorityCertSerialNumber MUST both be
  // present or both be absent.
  if (seq.ok() && aki.issuer.empty() != !aki.serial.has_value())
    seq.fail(aki.serial ? serial_at : issuer_at, "",
             "authorityCertIssuer and authorityCertSerialNumber must both be present or both "
             "absent (RFC 5280 §4.2.1.1)");
  value.finish();
  return aki;
}

// §4.2.1.2 SubjectKeyIdentifier ::= KeyIdentifier ::= OCTET STRING
Bytes decode_subject_key_identifier(asn1::DerReader& value) {
  Bytes id = to_bytes(value.octet_string("subjectKeyIdentifier"));
  value.finish();
  return id;
}

// §4.2.1.13 CRLDistributionPoints ::= SEQUENCE SIZE (1..MAX) OF DistributionPoint
//   DistributionPoint ::= SEQUENCE { distributionPoint [0] DistributionPointName OPTIONAL,
//                                    reasons [1] ReasonFlags OPTIONAL,
//                                    cRLIssuer [2] GeneralNames OPTIONAL }
//   DistributionPointName ::= CHOICE { fullName [0] GeneralNames,
//                                      nameRelativeToCRLIssuer [1] RelativeDistinguishedName }
std::vector<DistributionPoint> decode_crl_distribution_points(asn1::DerReader& value) {
  std::vector<DistributionPoint> points;
  const std::size_t at = value.offset();
  asn1::DerReader seq = value.sequence("cRLDistributionPoints");
  if (!require_non_empty(value, seq, at, "cRLDistributionPoints",
                         "RFC 5280 §4.2.1.13: SIZE (1..MAX)"))
    return points;
  for (std::size_t i = 0; seq.ok() && !seq.at_end(); ++i) {
    DistributionPoint dp;
    const std::size_t dp_at = seq.offset();
    asn1::DerReader d = seq.sequence(indexed("distributionPoint", i));
    bool has_name = false;
    // [0] is EXPLICIT because DistributionPointName is a CHOICE (X.680 §31.2.7).
    if (auto name = d.optional_explicit(0, "distributionPoint")) {
      has_name = true;
      const std::size_t full_at = name->offset();
      if (auto full = name->optional_implicit_constructed(0, "fullName")) {
        dp.full_name = read_general_names(*full, "name", full_at);
      } else {
        asn1::DerReader rdn = name->implicit_constructed(1, "nameRelativeToCRLIssuer");
        if (rdn.ok() && rdn.at_end()) {
          name->fail(full_at, "nameRelativeToCRLIssuer",
                     "an RDN must hold at least one attribute (X.501: SET SIZE (1..MAX))");
        } else if (rdn.ok()) {
          dp.relative_name = read_rdn_members(rdn);
        }
      }
      name->finish();
    }
    // ReasonFlags: a named-bit list like KeyUsage (trailing zero bits tolerated likewise).
    if (d.next_is(asn1::Tag::context(1, false))) {
      const asn1::BitString bits = d.implicit_bit_string(1, "reasons");
      if (d.ok()) dp.reasons = low_bits(bits, 9);
    }
    const std::size_t issuer_at = d.offset();
    if (auto issuer = d.optional_implicit_constructed(2, "cRLIssuer"))
      dp.crl_issuer = read_general_names(*issuer, "name", issuer_at);
    d.finish();
    // §4.2.1.13: "either distributionPoint or cRLIssuer MUST be present."
    if (d.ok() && !has_name && dp.crl_issuer.empty())
      seq.fail(dp_at, indexed("distributionPoint", i),
               "neither distributionPoint nor cRLIssuer is present (RFC 5280 §4.2.1.13)");
    points.push_back(std::move(dp));
  }
  value.finish();
  return points;
}

// §4.2.2.1 AuthorityInfoAccessSyntax ::= SEQUENCE SIZE (1..MAX) OF AccessDescription
//          AccessDescription ::= SEQUENCE { accessMethod OBJECT IDENTIFIER,
//                                           accessLocation GeneralName }
AuthorityInfoAccess decode_authority_info_access(asn1::DerReader& value) {
  AuthorityInfoAccess aia;
  const std::size_t at = value.offset();
  asn1::DerReader seq = value.sequence("authorityInfoAccess");
  if (!require_non_empty(value, seq, at, "authorityInfoAccess", "RFC 5280 §4.2.2.1: SIZE (1..MAX)"))
    return aia;
  for (std::size_t i = 0; seq.ok() && !seq.at_end(); ++i) {
    asn1::DerReader ad = seq.sequence(indexed("accessDescription", i));
    const asn1::Oid method = ad.oid("accessMethod");
    const GeneralName location = read_general_name(ad, "accessLocation", GeneralNameUse::name);
    ad.finish();
    if (!ad.ok() || location.kind != GeneralName::Kind::uri) continue;  // only URIs are used
    if (method == asn1::oids::id_ad_ocsp) aia.ocsp.push_back(location.text);
    if (method == asn1::oids::id_ad_caIssuers) aia.ca_issuers.push_back(location.text);
  }
  value.finish();
  return aia;
}

// RFC 7633 §6: Features ::= SEQUENCE OF INTEGER (each a TLS ExtensionType, 0..65535)
TlsFeature decode_tls_feature(asn1::DerReader& value) {
  TlsFeature tf;
  asn1::DerReader seq = value.sequence("tlsFeature");
  for (std::size_t i = 0; seq.ok() && !seq.at_end(); ++i) {
    const std::size_t at = seq.offset();
    const std::int64_t v = seq.small_integer(indexed("feature", i));
    if (seq.ok() && (v < 0 || v > 0xffff)) {
      seq.fail(at, indexed("feature", i), "TLS extension type outside 0..65535 (RFC 7633 §6)");
      break;
    }
    tf.features.push_back(static_cast<std::uint16_t>(v));
  }
  value.finish();
  return tf;
}

bool decode_known_extension(const asn1::Oid& id, asn1::DerReader& value, Certificate& cert) {
  namespace o = asn1::oids;
  if (id == o::id_ce_basicConstraints) {
    cert.basic_constraints = decode_basic_constraints(value);
  } else if (id == o::id_ce_keyUsage) {
    cert.key_usage = decode_key_usage(value);
  } else if (id == o::id_ce_extKeyUsage) {
    cert.ext_key_usage = decode_ext_key_usage(value);
  } else if (id == o::id_ce_subjectAltName) {
    cert.subject_alt_name = decode_subject_alt_name(value);
  } else if (id == o::id_ce_nameConstraints) {
    cert.name_constraints = decode_name_constraints(value);
  } else if (id == o::id_ce_authorityKeyIdentifier) {
    cert.authority_key_id = decode_authority_key_identifier(value);
  } else if (id == o::id_ce_subjectKeyIdentifier) {
    cert.subject_key_id = decode_subject_key_identifier(value);
  } else if (id == o::id_ce_cRLDistributionPoints) {
    cert.crl_distribution_points = decode_crl_distribution_points(value);
  } else if (id == o::id_pe_authorityInfoAccess) {
    cert.authority_info_access = decode_authority_info_access(value);
  } else if (id == o::id_pe_tlsfeature) {
    cert.tls_feature = decode_tls_feature(value);
  } else {
    return false;
  }
  return true;
}

}  // namespace detail
namespace detail {

std::optional<Extension> read_extension(
    asn1::DerReader& list, std::string_view field, const Bytes& whole,
    const std::vector<Extension>& earlier,
    const std::function<bool(const asn1::Oid&, asn1::DerReader&)>& decode) {
  auto label = [](const asn1::Oid& id) {
    const std::string_view name = asn1::oid_name(id);
    return name.empty() ? id.to_dotted() : std::string(name);
  };
  Extension ext;
  ext.offset = list.offset();
  asn1::DerReader e = list.sequence(field);
  ext.id = e.oid("extnID");
  const std::size_t critical_at = e.offset();
  if (auto critical = e.optional_boolean("critical")) {
    if (!*critical)
      e.fail(critical_at, "critical",
             "critical FALSE must be omitted in DER (DEFAULT FALSE, X.690 §11.5)");
    ext.critical = *critical;
  }
  const asn1::Element value = e.element(asn1::tags::octet_string, "extnValue");
  e.finish();
  if (!e.ok()) return std::nullopt;

  // RFC 5280 §4.2: "A certificate MUST NOT include more than one instance of a particular
  // extension" (§5.2 and §5.3 follow it for CRLs). The error points at the second one.
  for (const Extension& first : earlier) {
    if (first.id == ext.id) {
      list.fail(ext.offset, field,
                "duplicate extension " + label(ext.id) + " (first at byte " +
                    std::to_string(first.offset) + "; RFC 5280 §4.2)");
      return std::nullopt;
    }
  }

  ext.value = to_bytes(value.contents);
  // The extnValue holds DER of its own: decode it with a reader of its own, then report any
  // error at its position in the whole document.
  asn1::Der inner(value.contents);
  asn1::DerReader r = inner.root();
  ext.understood = decode(ext.id, r);
  if (!inner.ok()) {
    const asn1::DerError& err = inner.error();
    const auto base = static_cast<std::size_t>(value.contents.data() - whole.data());
    std::string path = "extnValue(" + label(ext.id) + ")";
    if (!err.path.empty()) path += "." + err.path;
    e.fail(base + err.offset, path, err.reason);
    return std::nullopt;
  }
  return ext;
}

}  // namespace detail

}  // namespace glasstls::x509
