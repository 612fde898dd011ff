// Small DER builders for the parsing tests: names, extensions and whole certificates assembled
// field by field with the DerWriter, so each test can break exactly one rule of RFC 5280 §4.1.
// The signature is never checked by the parser, so it is a fixed filler.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/core/bytes.hpp"

namespace glasstls::x509::test {

/// One AttributeTypeAndValue: the type, the universal tag of the value and its contents octets
/// (for string types, the characters as that type encodes them).
struct Atv {
  asn1::Oid type;
  asn1::Tag tag;
  std::string contents;
};

/// Name ::= SEQUENCE OF SET OF AttributeTypeAndValue, RDNs in encoding order.
inline Bytes name_der(const std::vector<std::vector<Atv>>& rdns) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& seq) {
    for (const auto& rdn : rdns) {
      seq.set([&](asn1::DerWriter& set) {
        for (const Atv& a : rdn) {
          set.sequence([&](asn1::DerWriter& atv) {
            atv.oid(a.type);
            atv.primitive(a.tag, as_bytes(a.contents));
          });
        }
      });
    }
  });
  return w.take();
}

/// CN=<cn> as a one-RDN name.
inline Bytes cn_name(const std::string& cn) {
  return name_der({{{asn1::oids::id_at_commonName, asn1::tags::utf8_string, cn}}});
}

/// Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
inline Bytes extension_der(const asn1::Oid& id, ByteView value,
                           std::optional<bool> critical = std::nullopt) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& e) {
    e.oid(id);
    if (critical) e.boolean(*critical);
    e.octet_string(value);
  });
  return w.take();
}

/// An Ed25519 AlgorithmIdentifier (RFC 8410 §3: parameters absent).
inline Bytes ed25519_alg() {
  asn1::DerWriter w;
  w.sequence([](asn1::DerWriter& a) { a.oid(asn1::oids::id_Ed25519); });
  return w.take();
}

/// sha256WithRSAEncryption, with NULL parameters or without (RFC 4055 §5 allows both on read).
inline Bytes rsa_sha256_alg(bool with_null) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& a) {
    a.oid(asn1::oids::sha256WithRSAEncryption);
    if (with_null) a.null();
  });
  return w.take();
}

/// The Ed25519 public key of RFC 8032 §7.1 TEST 1 as a SubjectPublicKeyInfo (RFC 8410 §4).
inline Bytes ed25519_spki() {
  const std::uint8_t key[32] = {0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe,
                                0xd3, 0xc9, 0x64, 0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6,
                                0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a};
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {
    s.raw(ed25519_alg());
    s.bit_string(ByteView(key, 32));
  });
  return w.take();
}

/// A primitive element from a tag and literal contents (times given as text, for instance).
inline Bytes prim(asn1::Tag tag, ByteView contents) {
  asn1::DerWriter w;
  w.primitive(tag, contents);
  return w.take();
}
inline Bytes prim(asn1::Tag tag, const std::string& text) {
  return prim(tag, as_bytes(text));
}

/// Validity ::= SEQUENCE { notBefore Time, notAfter Time }, each given as a whole element.
inline Bytes validity_der(const Bytes& not_before, const Bytes& not_after) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& v) {
    v.raw(not_before);
    v.raw(not_after);
  });
  return w.take();
}

/// A certificate, field by field. Every field is a whole pre-encoded element so a test can
/// replace any one of them with something malformed.
struct CertSpec {
  std::optional<std::int64_t> version = 2;  // nullopt: omitted (v1)
  Bytes serial = prim(asn1::tags::integer, Bytes{0x01});
  Bytes inner_alg = ed25519_alg();
  Bytes issuer = cn_name("glasstls test CA");
  Bytes validity = validity_der(prim(asn1::tags::utc_time, "250101000000Z"),
                                prim(asn1::tags::utc_time, "350101000000Z"));
  Bytes subject = cn_name("leaf.example");
  Bytes spki = ed25519_spki();
  std::optional<Bytes> issuer_unique_id;         // [1] IMPLICIT BIT STRING contents
  std::optional<Bytes> subject_unique_id;        // [2]
  std::optional<std::vector<Bytes>> extensions;  // each a whole Extension
  Bytes outer_alg = ed25519_alg();
  Bytes signature_contents = Bytes(65, 0x00);  // BIT STRING contents: unused-bits byte + 64
  Bytes trailing;                              // bytes after the certificate

  Bytes tbs() const {
    asn1::DerWriter w;
    w.sequence([&](asn1::DerWriter& t) {
      if (version) t.explicit_tag(0, [&](asn1::DerWriter& v) { v.integer(*version); });
      t.raw(serial);
      t.raw(inner_alg);
      t.raw(issuer);
      t.raw(validity);
      t.raw(subject);
      t.raw(spki);
      if (issuer_unique_id) t.implicit_primitive(1, *issuer_unique_id);
      if (subject_unique_id) t.implicit_primitive(2, *subject_unique_id);
      if (extensions) {
        t.explicit_tag(3, [&](asn1::DerWriter& x) {
          x.sequence([&](asn1::DerWriter& list) {
            for (const Bytes& e : *extensions) list.raw(e);
          });
        });
      }
    });
    return w.take();
  }

  Bytes der() const {
    asn1::DerWriter w;
    w.sequence([&](asn1::DerWriter& c) {
      c.raw(tbs());
      c.raw(outer_alg);
      c.primitive(asn1::tags::bit_string, signature_contents);
    });
    Bytes out = w.take();
    out.insert(out.end(), trailing.begin(), trailing.end());
    return out;
  }
};

/// Where `needle` first occurs in `hay` (for asserting error offsets); npos if absent.
inline std::size_t find_bytes(const Bytes& hay, const Bytes& needle) {
  if (needle.empty() || needle.size() > hay.size()) return static_cast<std::size_t>(-1);
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i)
    if (std::equal(needle.begin(), needle.end(), hay.begin() + static_cast<std::ptrdiff_t>(i)))
      return i;
  return static_cast<std::size_t>(-1);
}

}  // namespace glasstls::x509::test

namespace glasstls::x509::test {
/// Hex to bytes for DER typed into a test (aborts on a typo).
inline Bytes hex_bytes(std::string_view h) {
  auto b = hex_decode_lenient(h);
  if (!b) std::abort();
  return *b;
}
}  // namespace glasstls::x509::test
