// parse_crl: the CertificateList of RFC 5280 §5.1, field by field, on the strict DER reader, with
// the CRL extensions of §5.2 and the entry extensions of §5.3.
//
//     CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
//     TBSCertList ::= SEQUENCE {
//        version Version OPTIONAL,                 -- if present, MUST be v2 (INTEGER 1)
//        signature AlgorithmIdentifier, issuer Name,
//        thisUpdate Time, nextUpdate Time OPTIONAL,
//        revokedCertificates SEQUENCE OF SEQUENCE {
//             userCertificate CertificateSerialNumber, revocationDate Time,
//             crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
//        crlExtensions [0] EXPLICIT Extensions OPTIONAL }
//
// Parsing checks form only; whether a CRL may be used for a certificate is revocation.hpp's
// question. Error paths read like "CertificateList.tbsCertList.revokedCertificates[3]
// .crlEntryExtensions[0]" and offsets count from the CRL's first byte.
#include "glasstls/x509/crl.hpp"

#include <algorithm>
#include <string>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "x509/extensions_internal.hpp"
#include "x509/name_internal.hpp"
#include "x509/signature_internal.hpp"

namespace glasstls::x509 {
namespace {

using asn1::DerReader;
namespace oids = asn1::oids;

// RFC 5280 §4.1.2.2 (which §5.1.2.6 refers to): serials are at most 20 octets; §5.2.3: so are
// CRL numbers.
constexpr std::size_t kMaxSerialOctets = 20;
constexpr std::size_t kMaxCrlNumberOctets = 20;

std::string indexed(std::string_view field, std::size_t i) {
  return std::string(field) + "[" + std::to_string(i) + "]";
}

// ---- CRL extensions (§5.2) ---------------------------------------------------------------------

// §5.2.3 CRLNumber ::= INTEGER (0..MAX), at most 20 octets; §5.2.4 BaseCRLNumber ::= CRLNumber.
Bytes decode_crl_number(DerReader& value, std::string_view field) {
  const std::size_t at = value.offset();
  const ByteView n = value.integer(field);
  value.finish();
  if (!value.ok()) return {};
  if ((n[0] & 0x80) != 0) {
    value.fail(at, field, "CRL number is negative (RFC 5280 §5.2.3: INTEGER (0..MAX))");
    return {};
  }
  if (n.size() > kMaxCrlNumberOctets) {
    value.fail(at, field,
               "CRL number is " + std::to_string(n.size()) +
                   " octets, more than the 20 RFC 5280 §5.2.3 allows");
    return {};
  }
  return to_bytes(n);
}

// A BOOLEAN DEFAULT FALSE under an IMPLICIT tag: present only as TRUE (0xFF) in DER.
bool read_default_false(DerReader& seq, std::uint32_t n, std::string_view field) {
  const std::size_t at = seq.offset();
  const auto contents = seq.optional_implicit_primitive(n, field);
  if (!contents || !seq.ok()) return false;
  if (contents->size() != 1) {
    seq.fail(at, field, "BOOLEAN must be one octet (X.690 §8.2.1)");
  } else if ((*contents)[0] == 0x00) {
    seq.fail(at, field, "FALSE must be omitted in DER (DEFAULT FALSE, X.690 §11.5)");
  } else if ((*contents)[0] != 0xff) {
    seq.fail(at, field, "BOOLEAN TRUE must be 0xFF in DER (X.690 §11.1)");
  }
  return seq.ok();
}

// §5.2.5 IssuingDistributionPoint ::= SEQUENCE {
//      distributionPoint          [0] DistributionPointName OPTIONAL,
//      onlyContainsUserCerts      [1] BOOLEAN DEFAULT FALSE,
//      onlyContainsCACerts        [2] BOOLEAN DEFAULT FALSE,
//      onlySomeReasons            [3] ReasonFlags OPTIONAL,
//      indirectCRL                [4] BOOLEAN DEFAULT FALSE,
//      onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
//   DistributionPointName ::= CHOICE { fullName [0] GeneralNames,
//                                      nameRelativeToCRLIssuer [1] RelativeDistinguishedName }
IssuingDistributionPoint decode_issuing_distribution_point(DerReader& value) {
  IssuingDistributionPoint idp;
  const std::size_t at = value.offset();
  DerReader seq = value.sequence("issuingDistributionPoint");
  // §5.2.5: "Conforming CRL issuers MUST NOT issue CRLs where the DER encoding of the issuing
  // distribution point extension is an empty sequence."
  if (seq.ok() && seq.at_end()) {
    value.fail(at, "issuingDistributionPoint", "is an empty SEQUENCE (RFC 5280 §5.2.5)");
    return idp;
  }
  // [0] is EXPLICIT because DistributionPointName is a CHOICE (X.680 §31.2.7).
  if (auto name = seq.optional_explicit(0, "distributionPoint")) {
    const std::size_t full_at = name->offset();
    if (auto full = name->optional_implicit_constructed(0, "fullName")) {
      idp.full_name = detail::read_general_names(*full, "name", full_at);
    } else {
      DerReader rdn = name->implicit_constructed(1, "nameRelativeToCRLIssuer");
      if (rdn.ok() && rdn.at_end()) {
        name->fail(full_at, "nameRelativeToCRLIssuer",
                   "an RDN must hold at least one attribute (X.501: SET SIZE (1..MAX))");
      } else if (rdn.ok()) {
        idp.relative_name = detail::read_rdn_members(rdn);
      }
    }
    name->finish();
  }
  idp.only_user_certs = read_default_false(seq, 1, "onlyContainsUserCerts");
  const std::size_t ca_at = seq.offset();
  idp.only_ca_certs = read_default_false(seq, 2, "onlyContainsCACerts");
  // ReasonFlags, a named-bit list: bit i is flag i (reason_flags in crl.hpp).
  if (seq.next_is(asn1::Tag::context(3, false))) {
    const asn1::BitString bits = seq.implicit_bit_string(3, "onlySomeReasons");
    if (seq.ok()) {
      std::uint16_t flags = 0;
      for (std::size_t i = 0; i < 9; ++i)
        if (bits.bit(i)) flags = static_cast<std::uint16_t>(flags | (1u << i));
      idp.only_some_reasons = flags;
    }
  }
  idp.indirect_crl = read_default_false(seq, 4, "indirectCRL");
  const std::size_t attr_at = seq.offset();
  idp.only_attribute_certs = read_default_false(seq, 5, "onlyContainsAttributeCerts");
  seq.finish();
  // §5.2.5: "at most one of onlyContainsUserCerts, onlyContainsCACerts, and
  // onlyContainsAttributeCerts may be set to TRUE." The error points at the second one set.
  const int only =
      int{idp.only_user_certs} + int{idp.only_ca_certs} + int{idp.only_attribute_certs};
  if (seq.ok() && only > 1) {
    const bool ca_second = idp.only_user_certs && idp.only_ca_certs;
    const std::size_t second = ca_second ? ca_at : attr_at;
    const char* field = ca_second ? "onlyContainsCACerts" : "onlyContainsAttributeCerts";
    seq.fail(second, field,
             "more than one of onlyContainsUserCerts, onlyContainsCACerts and "
             "onlyContainsAttributeCerts is TRUE (RFC 5280 §5.2.5)");
  }
  value.finish();
  return idp;
}

// Decodes one CRL extension glasstls understands into `crl`; false for any other.
bool decode_crl_extension(const asn1::Oid& id, DerReader& value, Crl& crl) {
  if (id == oids::id_ce_authorityKeyIdentifier) {  // §5.2.1
    crl.authority_key_id = detail::decode_authority_key_identifier(value);
  } else if (id == oids::id_ce_issuerAltName) {  // §5.2.2: kept raw, understood
    (void)value.element("issuerAltName");
    value.finish();
  } else if (id == oids::id_ce_cRLNumber) {  // §5.2.3
    crl.crl_number = decode_crl_number(value, "cRLNumber");
  } else if (id == oids::id_ce_deltaCRLIndicator) {  // §5.2.4
    crl.delta_crl_indicator = decode_crl_number(value, "baseCRLNumber");
  } else if (id == oids::id_ce_issuingDistributionPoint) {  // §5.2.5
    crl.issuing_distribution_point = decode_issuing_distribution_point(value);
  } else if (id == oids::id_ce_freshestCRL) {  // §5.2.6: the syntax of cRLDistributionPoints
    crl.freshest_crl = detail::decode_crl_distribution_points(value);
  } else if (id == oids::id_pe_authorityInfoAccess) {  // §5.2.7: checked, not kept
    (void)detail::decode_authority_info_access(value);
  } else {
    return false;
  }
  return true;
}

// ---- CRL entry extensions (§5.3) ---------------------------------------------------------------

bool decode_entry_extension(const asn1::Oid& id, DerReader& value, RevokedEntry& entry) {
  if (id == oids::id_ce_cRLReasons) {
    // §5.3.1 CRLReason ::= ENUMERATED { unspecified (0), ..., aACompromise (10) }; 7 unused.
    const std::size_t at = value.offset();
    const std::int64_t v = value.enumerated("reasonCode");
    value.finish();
    if (!value.ok()) return true;
    entry.reason = crl_reason_from_value(v);
    if (!entry.reason)
      value.fail(at, "reasonCode",
                 "unknown CRLReason " + std::to_string(v) + " (RFC 5280 §5.3.1: 0-6 and 8-10)");
  } else if (id == oids::id_ce_invalidityDate) {
    // §5.3.2 InvalidityDate ::= GeneralizedTime
    entry.invalidity_date = value.generalized_time("invalidityDate");
    value.finish();
  } else if (id == oids::id_ce_certificateIssuer) {
    // §5.3.3 CertificateIssuer ::= GeneralNames
    const std::size_t at = value.offset();
    DerReader seq = value.sequence("certificateIssuer");
    entry.certificate_issuer = detail::read_general_names(seq, "name", at);
    value.finish();
  } else if (id == oids::id_ce_holdInstructionCode) {
    // §5.3 (RFC 3280 §5.3.2) HoldInstructionCode ::= OBJECT IDENTIFIER: kept raw.
    (void)value.oid("holdInstructionCode");
    value.finish();
  } else {
    return false;
  }
  return true;
}

// ---- Extensions, shared by both lists ----------------------------------------------------------

// Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
// Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE,
//                          extnValue OCTET STRING }
// `parent` reads the SEQUENCE OF; each extension is named field[i] under parent's path. `decode`
// decodes one known extnValue and says whether it knew it.
template <class Decode>
std::vector<Extension> read_extension_list(DerReader& parent, std::string_view field,
                                           const Bytes& der, Decode&& decode) {
  std::vector<Extension> out;
  const asn1::Element list_element = parent.element(asn1::tags::sequence, field);
  DerReader list = parent.enter(list_element, "");
  if (list.ok() && list.at_end()) {
    parent.fail(list_element.offset, field,
                "Extensions must hold at least one extension (RFC 5280 §4.1: SIZE (1..MAX))");
    return out;
  }
  for (std::size_t i = 0; list.ok() && !list.at_end(); ++i) {
    const std::string name = indexed(field, i);
    auto ext = detail::read_extension(list, name, der, out, decode);
    if (!ext) break;
    out.push_back(std::move(*ext));
  }
  return out;
}

// ---- TBSCertList -------------------------------------------------------------------------------

// version Version OPTIONAL -- if present, MUST be v2 (§5.1.2.1). Version ::= INTEGER
// { v1(0), v2(1), v3(2) }, untagged here (unlike in a certificate).
void read_version(DerReader& tbs, Crl& c) {
  c.version = 1;
  if (!tbs.next_is(asn1::tags::integer)) return;
  const std::size_t at = tbs.offset();
  const std::int64_t value = tbs.small_integer("version");
  if (!tbs.ok()) return;
  if (value != 1) {
    tbs.fail(at, "version",
             "version value " + std::to_string(value) +
                 " (RFC 5280 §5.1.2.1: when present it MUST be 1, v2)");
    return;
  }
  c.version = 2;
}

// revokedCertificates SEQUENCE OF SEQUENCE { userCertificate, revocationDate,
//                                            crlEntryExtensions Extensions OPTIONAL } OPTIONAL
void read_revoked(DerReader& tbs, const Bytes& der, Crl& c) {
  if (!tbs.next_is(asn1::tags::sequence)) return;
  // The list's reader keeps tbs's path, so that entries are "revokedCertificates[i]".
  const asn1::Element element = tbs.element(asn1::tags::sequence, "revokedCertificates");
  DerReader list = tbs.enter(element, "");
  // §5.1.2.6: "When there are no revoked certificates, the revoked certificates list MUST be
  // absent." (`openssl ca -gencrl` leaves it out, as it should.)
  if (list.ok() && list.at_end()) {
    tbs.fail(element.offset, "revokedCertificates",
             "empty revokedCertificates (RFC 5280 §5.1.2.6: it MUST be absent when empty)");
    return;
  }
  for (std::size_t i = 0; list.ok() && !list.at_end(); ++i) {
    DerReader entry = list.sequence(indexed("revokedCertificates", i));
    RevokedEntry r;
    // CertificateSerialNumber, kept as encoded: PKITS revokes negative serials, and a CRL must
    // be able to name whatever serial a certificate carries.
    const std::size_t serial_at = entry.offset();
    const ByteView serial = entry.integer("userCertificate");
    if (entry.ok() && serial.size() > kMaxSerialOctets)
      entry.fail(serial_at, "userCertificate",
                 "serial is " + std::to_string(serial.size()) +
                     " octets, more than the 20 RFC 5280 §4.1.2.2 allows");
    r.serial = to_bytes(serial);
    r.revocation_date = entry.time("revocationDate");
    if (entry.ok() && !entry.at_end()) {
      const std::size_t ext_at = entry.offset();
      // §5.3: entry extensions only in v2 CRLs.
      if (c.version != 2) {
        entry.fail(ext_at, "crlEntryExtensions",
                   "entry extensions in a v1 CRL (RFC 5280 §5.1.2.1: they require v2)");
        return;
      }
      r.extensions = read_extension_list(
          entry, "crlEntryExtensions", der,
          [&](const asn1::Oid& id, DerReader& v) { return decode_entry_extension(id, v, r); });
    }
    entry.finish();
    c.revoked.push_back(std::move(r));
  }
}

// crlExtensions [0] EXPLICIT Extensions OPTIONAL (§5.1.2.7: v2 only).
void read_crl_extensions(DerReader& tbs, const Bytes& der, Crl& c) {
  if (!tbs.next_is(asn1::Tag::context(0, true))) return;
  const asn1::Element wrapper = tbs.element("crlExtensions");
  if (c.version != 2) {
    tbs.fail(wrapper.offset, "crlExtensions",
             "CRL extensions in a v1 CRL (RFC 5280 §5.1.2.1: they require v2)");
    return;
  }
  DerReader inner = tbs.enter(wrapper, "");
  c.extensions = read_extension_list(
      inner, "crlExtensions", der,
      [&](const asn1::Oid& id, DerReader& v) { return decode_crl_extension(id, v, c); });
  inner.finish();
}

void read_tbs(DerReader& tbs, const Bytes& der, Crl& c) {
  read_version(tbs, c);
  // Compared with the outer signatureAlgorithm by the caller (§5.1.2.2).
  c.signature_algorithm = read_signature_algorithm(tbs, "signature");
  const std::size_t issuer_at = tbs.offset();
  c.issuer = read_name(tbs, "issuer");
  // §5.1.2.3: "The issuer field MUST contain a non-empty X.500 distinguished name (DN)."
  if (tbs.ok() && c.issuer.empty())
    tbs.fail(issuer_at, "issuer", "issuer is an empty name (RFC 5280 §5.1.2.3)");
  c.this_update = tbs.time("thisUpdate");  // §5.1.2.4
  if (tbs.next_is(asn1::tags::utc_time) || tbs.next_is(asn1::tags::generalized_time))
    c.next_update = tbs.time("nextUpdate");  // §5.1.2.5
  read_revoked(tbs, der, c);
  read_crl_extensions(tbs, der, c);
  tbs.finish();
}

}  // namespace

// ---- CrlReason ---------------------------------------------------------------------------------

std::string_view to_string(CrlReason reason) noexcept {
  switch (reason) {
    case CrlReason::unspecified:
      return "unspecified";
    case CrlReason::key_compromise:
      return "keyCompromise";
    case CrlReason::ca_compromise:
      return "cACompromise";
    case CrlReason::affiliation_changed:
      return "affiliationChanged";
    case CrlReason::superseded:
      return "superseded";
    case CrlReason::cessation_of_operation:
      return "cessationOfOperation";
    case CrlReason::certificate_hold:
      return "certificateHold";
    case CrlReason::remove_from_crl:
      return "removeFromCRL";
    case CrlReason::privilege_withdrawn:
      return "privilegeWithdrawn";
    case CrlReason::aa_compromise:
      return "aACompromise";
  }
  return "unknown";
}

std::optional<CrlReason> crl_reason_from_value(std::int64_t value) noexcept {
  // §5.3.1: value 7 is not used.
  if (value < 0 || value > 10 || value == 7) return std::nullopt;
  return static_cast<CrlReason>(value);
}

// ---- parsing -----------------------------------------------------------------------------------

Result<Crl, CertificateParseError> parse_crl(ByteView input) {
  Crl c;
  c.der = to_bytes(input);
  asn1::Der der(c.der);  // every view and offset below is into c.der
  DerReader list = der.sequence("CertificateList");
  const asn1::Element tbs_element = list.element(asn1::tags::sequence, "tbsCertList");
  DerReader tbs = list.enter(tbs_element, "tbsCertList");
  c.tbs_offset = tbs_element.offset;
  c.tbs_size = tbs_element.encoding.size();
  read_tbs(tbs, c.der, c);

  c.signature = detail::read_outer_signature(list, c.signature_algorithm, "tbsCertList.signature",
                                             "RFC 5280 §5.1.1.2");  // and §5.1.1.3
  list.finish();
  if (!der.ok()) return Err(CertificateParseError{der.error(), 0});
  return c;
}

Result<std::vector<Crl>, CertificateParseError> parse_crls_pem(std::string_view text) {
  auto blocks = asn1::pem_decode_all(text);
  if (!blocks) {
    const asn1::PemError& e = blocks.error();
    return Err(CertificateParseError{asn1::DerError{0, "pem", e.reason}, e.line});
  }
  std::vector<Crl> crls;
  for (const asn1::PemBlock& block : *blocks) {
    if (block.label != "X509 CRL") continue;  // RFC 7468 §6
    auto c = parse_crl(block.der);
    if (!c) return Err(CertificateParseError{c.error().der, block.line});
    crls.push_back(std::move(c).value());
  }
  return crls;
}

std::string crl_pem(ByteView der) {
  return asn1::pem_encode("X509 CRL", der);
}

// ---- RevokedEntry and Crl ----------------------------------------------------------------------

const Extension* RevokedEntry::unknown_critical_extension() const {
  for (const Extension& e : extensions)
    if (e.critical && !e.understood) return &e;
  return nullptr;
}

const Extension* Crl::unknown_critical_extension() const {
  for (const Extension& e : extensions)
    if (e.critical && !e.understood) return &e;
  return nullptr;
}

const RevokedEntry* Crl::find(ByteView serial) const {
  for (const RevokedEntry& r : revoked)
    if (std::equal(r.serial.begin(), r.serial.end(), serial.begin(), serial.end())) return &r;
  return nullptr;
}

std::string Crl::fingerprint_sha256() const {
  const auto digest = crypto::Sha256::hash(der);
  return hex_encode(digest);
}

}  // namespace glasstls::x509
