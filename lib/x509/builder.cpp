// CertificateBuilder (see builder.hpp): the setters, the TBSCertificate, and the signing.
// The extensions are encoded in builder_extensions.cpp.
#include "glasstls/x509/builder.hpp"

#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/crypto/hash.hpp"

namespace glasstls::x509 {
namespace {

Err<CertificateParseError> build_error(std::string field, std::string reason) {
  return Err(CertificateParseError{
      asn1::DerError{0, "builder." + std::move(field), std::move(reason)}, 0});
}

GeneralName dns_name(std::string name) {
  GeneralName n;
  n.kind = GeneralName::Kind::dns;
  n.text = std::move(name);
  return n;
}

GeneralName ip_name(Bytes address) {
  GeneralName n;
  n.kind = GeneralName::Kind::ip;
  n.ip = std::move(address);
  return n;
}

// Writes a Name: its DER as kept, or (for a Name assembled by hand) encoded from its attributes.
void write_name(asn1::DerWriter& w, const Name& name) {
  if (!name.der.empty()) {
    w.raw(name.der);
    return;
  }
  w.sequence([&](asn1::DerWriter& rdns) {
    for (const Rdn& rdn : name.rdns) {
      rdns.set([&](asn1::DerWriter& set) {
        for (const Attribute& a : rdn) {
          set.sequence([&](asn1::DerWriter& atv) {
            atv.oid(a.type);
            // Strings through the writer's checks (a '@' in a PrintableString fails the build);
            // other values as their contents.
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

}  // namespace

// ---- setters ------------------------------------------------------------------------------------

CertificateBuilder& CertificateBuilder::version(int v) {
  version_ = v;
  return *this;
}
CertificateBuilder& CertificateBuilder::serial(ByteView magnitude) {
  serial_ = to_bytes(magnitude);
  return *this;
}
CertificateBuilder& CertificateBuilder::serial(std::uint64_t value) {
  Bytes b(8);
  for (std::size_t i = 0; i < 8; ++i) b[i] = static_cast<std::uint8_t>(value >> (56 - 8 * i));
  serial_ = std::move(b);
  return *this;
}
CertificateBuilder& CertificateBuilder::issuer(Name name) {
  issuer_ = std::move(name);
  self_signed_ = false;
  return *this;
}
CertificateBuilder& CertificateBuilder::issuer(const Certificate& issuer_certificate) {
  issuer_ = issuer_certificate.subject;
  issuer_key_id_ = issuer_certificate.subject_key_id;
  self_signed_ = false;
  return *this;
}
CertificateBuilder& CertificateBuilder::self_signed() {
  self_signed_ = true;
  issuer_.reset();
  issuer_key_id_.reset();
  return *this;
}
CertificateBuilder& CertificateBuilder::subject(Name name) {
  subject_ = std::move(name);
  return *this;
}
CertificateBuilder& CertificateBuilder::validity(WallTime not_before, WallTime not_after) {
  validity_ = {not_before, not_after};
  return *this;
}
CertificateBuilder& CertificateBuilder::public_key(const PublicKey& key) {
  spki_ = key.spki_der;
  return *this;
}
CertificateBuilder& CertificateBuilder::public_key_der(Bytes spki_der) {
  spki_ = std::move(spki_der);
  return *this;
}
CertificateBuilder& CertificateBuilder::basic_constraints(bool ca,
                                                          std::optional<std::uint64_t> path_len,
                                                          bool critical) {
  basic_constraints_ = {true, critical};
  ca_ = ca;
  path_len_ = path_len;
  return *this;
}
CertificateBuilder& CertificateBuilder::key_usage(std::uint16_t bits, bool critical) {
  key_usage_ = {true, critical};
  key_usage_bits_ = bits;
  return *this;
}
CertificateBuilder& CertificateBuilder::ext_key_usage(std::vector<asn1::Oid> purposes,
                                                      bool critical) {
  ext_key_usage_ = {true, critical};
  purposes_ = std::move(purposes);
  return *this;
}
CertificateBuilder& CertificateBuilder::add_dns_name(std::string name) {
  san_.push_back(dns_name(std::move(name)));
  return *this;
}
CertificateBuilder& CertificateBuilder::add_ip_address(Bytes address) {
  san_.push_back(ip_name(std::move(address)));
  return *this;
}
CertificateBuilder& CertificateBuilder::san_critical(bool critical) {
  san_critical_ = critical;
  return *this;
}
CertificateBuilder& CertificateBuilder::permit_dns(std::string name) {
  name_constraints_.permitted.push_back(dns_name(std::move(name)));
  return *this;
}
CertificateBuilder& CertificateBuilder::exclude_dns(std::string name) {
  name_constraints_.excluded.push_back(dns_name(std::move(name)));
  return *this;
}
CertificateBuilder& CertificateBuilder::permit_ip(Bytes address_and_mask) {
  name_constraints_.permitted.push_back(ip_name(std::move(address_and_mask)));
  return *this;
}
CertificateBuilder& CertificateBuilder::exclude_ip(Bytes address_and_mask) {
  name_constraints_.excluded.push_back(ip_name(std::move(address_and_mask)));
  return *this;
}
CertificateBuilder& CertificateBuilder::subject_key_id(Bytes id) {
  subject_key_id_ = std::move(id);
  no_subject_key_id_ = false;
  return *this;
}
CertificateBuilder& CertificateBuilder::no_subject_key_id() {
  no_subject_key_id_ = true;
  return *this;
}
CertificateBuilder& CertificateBuilder::authority_key_id(Bytes id) {
  authority_key_id_ = std::move(id);
  no_authority_key_id_ = false;
  return *this;
}
CertificateBuilder& CertificateBuilder::no_authority_key_id() {
  no_authority_key_id_ = true;
  return *this;
}
CertificateBuilder& CertificateBuilder::add_crl_distribution_point(std::string uri) {
  crl_uris_.push_back(std::move(uri));
  return *this;
}
CertificateBuilder& CertificateBuilder::add_ocsp_uri(std::string uri) {
  aia_.ocsp.push_back(std::move(uri));
  return *this;
}
CertificateBuilder& CertificateBuilder::add_ca_issuers_uri(std::string uri) {
  aia_.ca_issuers.push_back(std::move(uri));
  return *this;
}
CertificateBuilder& CertificateBuilder::must_staple() {
  must_staple_ = true;
  return *this;
}
CertificateBuilder& CertificateBuilder::raw_extension(const asn1::Oid& id, Bytes value,
                                                      bool critical) {
  raw_.push_back({id, std::move(value), critical});
  return *this;
}
CertificateBuilder& CertificateBuilder::outer_signature_algorithm_override(Bytes der) {
  outer_algorithm_override_ = std::move(der);
  return *this;
}
CertificateBuilder& CertificateBuilder::signature_algorithm_override(Bytes der) {
  algorithm_override_ = std::move(der);
  return *this;
}
CertificateBuilder& CertificateBuilder::corrupt_signature() {
  corrupt_signature_ = true;
  return *this;
}

// ---- encoding -----------------------------------------------------------------------------------

// RFC 5280 §4.1:
//   TBSCertificate ::= SEQUENCE {
//        version         [0]  EXPLICIT Version DEFAULT v1,
//        serialNumber         CertificateSerialNumber,
//        signature            AlgorithmIdentifier,
//        issuer               Name,
//        validity             Validity,
//        subject              Name,
//        subjectPublicKeyInfo SubjectPublicKeyInfo,
//        ...
//        extensions      [3]  EXPLICIT Extensions OPTIONAL }
Result<Bytes, CertificateParseError> CertificateBuilder::tbs_der(const SigningKey& issuer_key,
                                                                 ByteView algorithm_der) const {
  if (version_ != 1 && version_ != 3) return build_error("version", "version must be 1 or 3");
  if (!subject_) return build_error("subject", "no subject name was set");
  if (!self_signed_ && !issuer_)
    return build_error("issuer", "no issuer name was set (or self_signed())");
  if (!validity_) return build_error("validity", "no validity period was set");
  if (!spki_ || spki_->empty())
    return build_error("subjectPublicKeyInfo", "no subject public key was set");
  const Name& issuer_name = self_signed_ ? *subject_ : *issuer_;

  const std::vector<RawExtension> exts =
      version_ == 3 ? extensions(issuer_key) : std::vector<RawExtension>{};
  // (Key identifiers, written by default in v3, are simply left out of a v1 certificate.)
  const bool asked_for_extensions =
      basic_constraints_.present || key_usage_.present || ext_key_usage_.present || !san_.empty() ||
      !name_constraints_.permitted.empty() || !name_constraints_.excluded.empty() ||
      !crl_uris_.empty() || !aia_.ocsp.empty() || !aia_.ca_issuers.empty() || must_staple_ ||
      !raw_.empty();
  if (version_ == 1 && asked_for_extensions) {
    return build_error("extensions",
                       "a version 1 certificate cannot carry extensions (RFC 5280 §4.1.2.9)");
  }

  // Default serial: 16 bytes of SHA-256 over the subject, key and validity, top bit cleared so
  // the INTEGER is positive (§4.1.2.2: "MUST be a positive integer", at most 20 octets), and
  // distinct for distinct certificates.
  Bytes serial;
  if (serial_) {
    serial = *serial_;
  } else {
    crypto::Hash h(crypto::HashAlg::sha256);
    h.update(issuer_name.der);
    h.update(subject_->der);
    h.update(*spki_);
    std::uint8_t times[16] = {};
    const std::int64_t seconds[2] = {validity_->first.time_since_epoch().count(),
                                     validity_->second.time_since_epoch().count()};
    for (std::size_t i = 0; i < 16; ++i)
      times[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(seconds[i / 8]) >>
                                           (56 - 8 * (i % 8)));
    h.update(ByteView(times, sizeof times));
    const crypto::Digest d = h.finish();
    serial.assign(d.bytes.begin(), d.bytes.begin() + 16);
    serial[0] = static_cast<std::uint8_t>((serial[0] & 0x7f) | 0x40);  // positive, 16 octets
  }

  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& tbs) {
    // Version ::= INTEGER { v1(0), v2(1), v3(2) }; v1 is the DEFAULT, so omitted (X.690 §11.5).
    if (version_ == 3) tbs.explicit_tag(0, [&](asn1::DerWriter& v) { v.integer(2); });
    tbs.unsigned_integer(serial);
    tbs.raw(algorithm_der);
    write_name(tbs, issuer_name);
    // Validity ::= SEQUENCE { notBefore Time, notAfter Time }; Time is UTCTime through 2049 and
    // GeneralizedTime from 2050 (§4.1.2.5).
    tbs.sequence([&](asn1::DerWriter& v) {
      v.time(validity_->first);
      v.time(validity_->second);
    });
    write_name(tbs, *subject_);
    tbs.raw(*spki_);
    // Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
    // Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE,
    //                          extnValue OCTET STRING }   (§4.1)
    if (!exts.empty()) {
      tbs.explicit_tag(3, [&](asn1::DerWriter& x) {
        x.sequence([&](asn1::DerWriter& list) {
          for (const RawExtension& e : exts) {
            list.sequence([&](asn1::DerWriter& ext) {
              ext.oid(e.id);
              if (e.critical) ext.boolean(true);
              ext.octet_string(e.value);
            });
          }
        });
      });
    }
  });
  if (!w.ok()) return build_error("tbsCertificate", w.error());
  return w.take();
}

Result<Bytes, CertificateParseError> CertificateBuilder::sign_der(
    const SigningKey& issuer_key) const {
  const Bytes key_algorithm = issuer_key.algorithm().der;
  const Bytes& tbs_algorithm = algorithm_override_ ? *algorithm_override_ : key_algorithm;
  auto tbs = tbs_der(issuer_key, tbs_algorithm);
  if (!tbs) return Err(tbs.error());

  Bytes signature = issuer_key.sign(*tbs);
  if (corrupt_signature_ && !signature.empty()) signature[signature.size() / 2] ^= 0x01;

  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
  // (RFC 5280 §4.1.1)
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& cert) {
    cert.raw(*tbs);
    cert.raw(outer_algorithm_override_ ? *outer_algorithm_override_ : tbs_algorithm);
    cert.bit_string(signature);
  });
  if (!w.ok()) return build_error("certificate", w.error());
  return w.take();
}

Result<Certificate, CertificateParseError> CertificateBuilder::sign(
    const SigningKey& issuer_key) const {
  auto der = sign_der(issuer_key);
  if (!der) return Err(der.error());
  return parse_certificate(*der);
}

}  // namespace glasstls::x509
