// The builder's free helpers: names from (type, text) pairs, IP address text, PEM output and the
// RFC 5280 §4.2.1.2 key identifier.

#include <string>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/hostname.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;

// X.680 §41.4, Table 10: PrintableString is A–Z, a–z, 0–9, space and ' ( ) + , - . / : = ?
bool printable(std::string_view s) {
  for (const char c : s) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    std::string_view(" '()+,-./:=?").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

// The string type a value of attribute `type` is written in.
asn1::Tag value_tag(const asn1::Oid& type, std::string_view value) {
  // RFC 5280 Appendix A.1: X520countryName is PrintableString (SIZE (2)); emailAddress is
  // IA5String; domainComponent is IA5String (RFC 4519 §2.4).
  if (type == oids::id_at_countryName) return asn1::tags::printable_string;
  if (type == oids::id_emailAddress || type == oids::id_domainComponent)
    return asn1::tags::ia5_string;
  // RFC 5280 §4.1.2.4: UTF8String, except that PrintableString may be used for values it can
  // hold (as most CAs do).
  return printable(value) ? asn1::tags::printable_string : asn1::tags::utf8_string;
}

}  // namespace

Name make_name(const std::vector<std::pair<asn1::Oid, std::string>>& attributes) {
  Name name;
  // RDNSequence ::= SEQUENCE OF RelativeDistinguishedName (RFC 5280 §4.1.2.4), one SET of one
  // AttributeTypeAndValue per attribute.
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& rdns) {
    for (const auto& [type, value] : attributes) {
      const asn1::Tag tag = value_tag(type, value);
      rdns.set([&](asn1::DerWriter& rdn) {
        rdn.sequence([&](asn1::DerWriter& atv) {
          atv.oid(type);
          atv.string(tag, value);
        });
      });
      Attribute attribute;
      attribute.type = type;
      attribute.value_tag = tag;
      attribute.raw = to_bytes(value);  // all three types hold ASCII or UTF-8 as given
      attribute.utf8 = value;
      name.rdns.push_back(Rdn{attribute});
    }
  });
  // A value the writer cannot encode (a non-ASCII emailAddress) leaves `der` empty; the builder
  // then encodes the Name from its attributes and reports the writer's reason.
  if (w.ok()) name.der = w.take();
  return name;
}

Name make_name(std::string_view common_name) {
  return make_name({{oids::id_at_commonName, std::string(common_name)}});
}

std::optional<Bytes> ip_address_bytes(std::string_view text) {
  return parse_ip_address(text);  // the hostname checker's parser: one reading of IP text
}

std::string certificate_pem(ByteView der) {
  return asn1::pem_encode("CERTIFICATE", der);
}

Bytes key_identifier(ByteView spki_der) {
  // RFC 5280 §4.2.1.2 (1): "the 160-bit SHA-1 hash of the value of the BIT STRING
  // subjectPublicKey (excluding the tag, length, and number of unused bits)".
  asn1::Der der(spki_der);
  asn1::DerReader spki = der.sequence("subjectPublicKeyInfo");
  spki.element(asn1::tags::sequence, "algorithm");
  const asn1::BitString bits = spki.bit_string("subjectPublicKey");
  spki.finish();
  if (!der.ok()) return {};
  const crypto::Digest d = crypto::Hash::hash(crypto::HashAlg::sha1, bits.bytes);
  return to_bytes(d.view());
}

}  // namespace glasstls::x509
