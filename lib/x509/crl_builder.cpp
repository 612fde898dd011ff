// CrlBuilder (see revocation_builder.hpp): a CertificateList of RFC 5280 §5.1 written on the DER
// writer, with the CRL extensions of §5.2 and the entry extensions of §5.3, then signed.
//
//     TBSCertList ::= SEQUENCE {
//        version Version OPTIONAL,                 -- v2 (INTEGER 1) when present
//        signature AlgorithmIdentifier, issuer Name,
//        thisUpdate Time, nextUpdate Time OPTIONAL,
//        revokedCertificates SEQUENCE OF SEQUENCE {
//             userCertificate CertificateSerialNumber, revocationDate Time,
//             crlEntryExtensions Extensions OPTIONAL } OPTIONAL,
//        crlExtensions [0] EXPLICIT Extensions OPTIONAL }
//
// Extensions are written in a fixed order — authorityKeyIdentifier, cRLNumber,
// deltaCRLIndicator, issuingDistributionPoint, then the raw ones as added; entry extensions as
// reasonCode, invalidityDate, then the raw ones.
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/revocation_builder.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using asn1::DerWriter;

Err<CertificateParseError> build_error(std::string field, std::string reason) {
  return Err(CertificateParseError{
      asn1::DerError{0, "builder." + std::move(field), std::move(reason)}, 0});
}

// An INTEGER's contents octets from an unsigned magnitude (X.690 §8.3: minimal, with a 0x00 sign
// octet when the top bit is set; zero is one 0x00 octet).
Bytes integer_contents(ByteView magnitude) {
  std::size_t first = 0;
  while (first < magnitude.size() && magnitude[first] == 0) ++first;
  const bool sign_octet = first == magnitude.size() || (magnitude[first] & 0x80) != 0;
  Bytes out(magnitude.size() - first + (sign_octet ? 1 : 0), 0);
  // (A loop rather than insert(): GCC 12 warns a false stringop-overread on the latter.)
  for (std::size_t i = first, o = sign_octet ? 1 : 0; i < magnitude.size(); ++i, ++o)
    out[o] = magnitude[i];
  return out;
}

Bytes integer_contents(std::uint64_t value) {
  Bytes be(8);
  for (std::size_t i = 0; i < 8; ++i) be[i] = static_cast<std::uint8_t>(value >> (56 - 8 * i));
  return integer_contents(be);
}

template <class Fill>
Bytes encode(Fill&& fill) {
  DerWriter w;
  fill(w);
  return w.take();
}

// Name: its DER as kept, or (a Name put together by hand) RDNSequence from its attributes.
void write_name(DerWriter& w, const Name& name) {
  if (!name.der.empty()) {
    w.raw(name.der);
    return;
  }
  w.sequence([&](DerWriter& rdns) {
    for (const Rdn& rdn : name.rdns) {
      rdns.set([&](DerWriter& set) {
        for (const Attribute& a : rdn) {
          set.sequence([&](DerWriter& atv) {
            atv.oid(a.type);
            if (asn1::is_string_type(a.value_tag)) {
              atv.string(a.value_tag, a.utf8);
            } else {
              atv.primitive(a.value_tag, a.raw);
            }
          });
        }
      });
    }
  });
}

// GeneralName (RFC 5280 §4.2.1.6; IMPLICIT tags, except directoryName [4], a CHOICE: EXPLICIT).
void write_general_name(DerWriter& w, const GeneralName& name) {
  switch (name.kind) {
    case GeneralName::Kind::email:
      w.implicit_primitive(1, as_bytes(name.text));
      break;
    case GeneralName::Kind::dns:
      w.implicit_primitive(2, as_bytes(name.text));
      break;
    case GeneralName::Kind::directory:
      w.explicit_tag(4, [&](DerWriter& t) { write_name(t, name.directory); });
      break;
    case GeneralName::Kind::uri:
      w.implicit_primitive(6, as_bytes(name.text));
      break;
    case GeneralName::Kind::ip:
      w.implicit_primitive(7, name.ip);
      break;
    case GeneralName::Kind::other:
      break;  // no contents kept to write
  }
}

// ReasonFlags ::= BIT STRING as a DER named-bit list: trailing zero bits dropped (X.690
// §11.2.2). Returns the BIT STRING contents (unused-bits octet, then the bytes).
Bytes reason_flags_contents(std::uint16_t bits) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < 16; ++i)
    if (((static_cast<unsigned>(bits) >> i) & 1u) != 0) count = i + 1;
  Bytes out(1 + (count + 7) / 8, 0);
  out[0] = static_cast<std::uint8_t>((out.size() - 1) * 8 - count);
  for (std::size_t i = 0; i < count; ++i)
    if (((static_cast<unsigned>(bits) >> i) & 1u) != 0)
      out[1 + i / 8] |= static_cast<std::uint8_t>(0x80u >> (i % 8));
  return out;
}

// §5.2.5 IssuingDistributionPoint ::= SEQUENCE { distributionPoint [0] DistributionPointName
//   OPTIONAL, onlyContainsUserCerts [1] BOOLEAN DEFAULT FALSE, onlyContainsCACerts [2] ...,
//   onlySomeReasons [3] ReasonFlags OPTIONAL, indirectCRL [4] ..., onlyContainsAttributeCerts [5]
//   ... }; a BOOLEAN equal to its DEFAULT is left out (X.690 §11.5), TRUE is 0xFF (§11.1).
Bytes idp_value(const IssuingDistributionPoint& idp) {
  static const std::uint8_t kTrue[] = {0xff};
  return encode([&](DerWriter& w) {
    w.sequence([&](DerWriter& s) {
      if (!idp.full_name.empty()) {
        s.explicit_tag(0, [&](DerWriter& dpn) {
          dpn.implicit_constructed(0, [&](DerWriter& names) {
            for (const GeneralName& n : idp.full_name) write_general_name(names, n);
          });
        });
      }
      if (idp.only_user_certs) s.implicit_primitive(1, kTrue);
      if (idp.only_ca_certs) s.implicit_primitive(2, kTrue);
      if (idp.only_some_reasons)
        s.implicit_primitive(3, reason_flags_contents(*idp.only_some_reasons));
      if (idp.indirect_crl) s.implicit_primitive(4, kTrue);
      if (idp.only_attribute_certs) s.implicit_primitive(5, kTrue);
    });
  });
}

struct Ext {
  asn1::Oid id;
  Bytes value;
  bool critical = false;
};

// Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
// Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
void write_extensions(DerWriter& w, const std::vector<Ext>& exts) {
  w.sequence([&](DerWriter& list) {
    for (const Ext& e : exts) {
      list.sequence([&](DerWriter& ext) {
        ext.oid(e.id);
        if (e.critical) ext.boolean(true);
        ext.octet_string(e.value);
      });
    }
  });
}

}  // namespace

// ---- setters ------------------------------------------------------------------------------------

CrlBuilder& CrlBuilder::version(int v) {
  version_ = v;
  return *this;
}
CrlBuilder& CrlBuilder::issuer(const Certificate& issuer_certificate) {
  issuer_ = issuer_certificate.subject;
  issuer_key_id_ = issuer_certificate.subject_key_id;
  return *this;
}
CrlBuilder& CrlBuilder::issuer(Name name) {
  issuer_ = std::move(name);
  issuer_key_id_.reset();
  return *this;
}
CrlBuilder& CrlBuilder::this_update(WallTime t) {
  this_update_ = t;
  return *this;
}
CrlBuilder& CrlBuilder::next_update(WallTime t) {
  next_update_ = t;
  no_next_update_ = false;
  return *this;
}
CrlBuilder& CrlBuilder::no_next_update() {
  no_next_update_ = true;
  return *this;
}
CrlBuilder& CrlBuilder::crl_number(std::uint64_t n) {
  crl_number_ = n;
  return *this;
}
CrlBuilder& CrlBuilder::delta_of(std::uint64_t base_crl_number) {
  delta_base_ = base_crl_number;
  return *this;
}
CrlBuilder& CrlBuilder::issuing_distribution_point(IssuingDistributionPoint idp) {
  idp_ = std::move(idp);
  return *this;
}
CrlBuilder& CrlBuilder::no_authority_key_id() {
  no_authority_key_id_ = true;
  return *this;
}
CrlBuilder& CrlBuilder::revoke(ByteView serial_magnitude, WallTime when,
                               std::optional<CrlReason> reason,
                               std::optional<WallTime> invalidity_date) {
  entries_.push_back({integer_contents(serial_magnitude), when, reason, invalidity_date, {}});
  return *this;
}
CrlBuilder& CrlBuilder::revoke(const Certificate& cert, WallTime when,
                               std::optional<CrlReason> reason,
                               std::optional<WallTime> invalidity_date) {
  // The serial exactly as the certificate encodes it (even a negative or non-minimal one), so
  // that Crl::find(cert.serial) finds it.
  entries_.push_back({cert.serial, when, reason, invalidity_date, {}});
  return *this;
}
CrlBuilder& CrlBuilder::raw_entry_extension(const asn1::Oid& id, Bytes value, bool critical) {
  // With no entry yet, a placeholder entry with an empty serial records the mistake; sign_der
  // refuses it.
  if (entries_.empty()) entries_.push_back({});
  entries_.back().raw.push_back({id, std::move(value), critical});
  return *this;
}
CrlBuilder& CrlBuilder::raw_extension(const asn1::Oid& id, Bytes value, bool critical) {
  raw_.push_back({id, std::move(value), critical});
  return *this;
}
CrlBuilder& CrlBuilder::corrupt_signature() {
  corrupt_signature_ = true;
  return *this;
}

// ---- encoding -----------------------------------------------------------------------------------

Result<Bytes, CertificateParseError> CrlBuilder::sign_der(const SigningKey& key) const {
  if (version_ != 1 && version_ != 2) return build_error("version", "version must be 1 or 2");
  if (!issuer_) return build_error("issuer", "no issuer was set");
  if (!this_update_) return build_error("thisUpdate", "no thisUpdate was set");
  for (const Entry& e : entries_)
    if (e.serial.empty())
      return build_error("revokedCertificates", "raw_entry_extension() before any revoke()");

  // §5.2: CRL extensions, in the fixed order.
  std::vector<Ext> exts;
  // §5.2.1 authorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] KeyIdentifier OPTIONAL, ... }
  // (non-critical): the issuer certificate's subjectKeyIdentifier, else §4.2.1.2 method 1 over
  // the signing key. Default in v2; simply left out of a v1 CRL.
  if (version_ == 2 && !no_authority_key_id_) {
    const Bytes id = issuer_key_id_ ? *issuer_key_id_ : key_identifier(key.public_key().spki_der);
    exts.push_back({oids::id_ce_authorityKeyIdentifier, encode([&](DerWriter& w) {
                      w.sequence([&](DerWriter& s) { s.implicit_primitive(0, id); });
                    }),
                    false});
  }
  // §5.2.3 CRLNumber ::= INTEGER (0..MAX) (non-critical).
  if (crl_number_) {
    exts.push_back({oids::id_ce_cRLNumber, encode([&](DerWriter& w) {
                      w.primitive(asn1::tags::integer, integer_contents(*crl_number_));
                    }),
                    false});
  }
  // §5.2.4 BaseCRLNumber ::= CRLNumber ("This extension MUST be marked critical").
  if (delta_base_) {
    exts.push_back({oids::id_ce_deltaCRLIndicator, encode([&](DerWriter& w) {
                      w.primitive(asn1::tags::integer, integer_contents(*delta_base_));
                    }),
                    true});
  }
  // §5.2.5: "this extension MUST be marked critical".
  if (idp_) exts.push_back({oids::id_ce_issuingDistributionPoint, idp_value(*idp_), true});
  for (const RawExtension& r : raw_) exts.push_back({r.id, r.value, r.critical});

  bool entry_extensions = false;
  for (const Entry& e : entries_)
    entry_extensions = entry_extensions || e.reason || e.invalidity_date || !e.raw.empty();
  if (version_ == 1 && (!exts.empty() || entry_extensions))
    return build_error("crlExtensions",
                       "a version 1 CRL cannot carry extensions (RFC 5280 §5.1.2.1)");

  const Bytes algorithm = key.algorithm().der;
  DerWriter tbs_writer;
  tbs_writer.sequence([&](DerWriter& tbs) {
    if (version_ == 2) tbs.integer(1);  // Version v2(1), untagged (§5.1.2.1)
    tbs.raw(algorithm);
    write_name(tbs, *issuer_);
    // Time: UTCTime through 2049, GeneralizedTime from 2050 (§5.1.2.4, §5.1.2.5).
    tbs.time(*this_update_);
    if (next_update_ && !no_next_update_) tbs.time(*next_update_);
    if (!entries_.empty()) {
      tbs.sequence([&](DerWriter& list) {
        for (const Entry& e : entries_) {
          list.sequence([&](DerWriter& entry) {
            entry.primitive(asn1::tags::integer, e.serial);  // userCertificate
            entry.time(e.when);                              // revocationDate
            std::vector<Ext> entry_exts;
            // §5.3.1 CRLReason ::= ENUMERATED (non-critical)
            if (e.reason) {
              entry_exts.push_back({oids::id_ce_cRLReasons, encode([&](DerWriter& w) {
                                      w.enumerated(static_cast<std::int64_t>(*e.reason));
                                    }),
                                    false});
            }
            // §5.3.2 InvalidityDate ::= GeneralizedTime (non-critical)
            if (e.invalidity_date) {
              entry_exts.push_back(
                  {oids::id_ce_invalidityDate,
                   encode([&](DerWriter& w) { w.generalized_time(*e.invalidity_date); }), false});
            }
            for (const RawExtension& r : e.raw) entry_exts.push_back({r.id, r.value, r.critical});
            if (!entry_exts.empty()) write_extensions(entry, entry_exts);
          });
        }
      });
    }
    if (!exts.empty()) tbs.explicit_tag(0, [&](DerWriter& x) { write_extensions(x, exts); });
  });
  if (!tbs_writer.ok()) return build_error("tbsCertList", tbs_writer.error());
  const Bytes tbs = tbs_writer.take();

  Bytes signature = key.sign(tbs);
  if (corrupt_signature_ && !signature.empty()) signature[signature.size() / 2] ^= 0x01;

  // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
  DerWriter w;
  w.sequence([&](DerWriter& list) {
    list.raw(tbs);
    list.raw(algorithm);
    list.bit_string(signature);
  });
  if (!w.ok()) return build_error("CertificateList", w.error());
  return w.take();
}

Result<Crl, CertificateParseError> CrlBuilder::sign(const SigningKey& key) const {
  auto der = sign_der(key);
  if (!der) return Err(der.error());
  return parse_crl(*der);
}

}  // namespace glasstls::x509
