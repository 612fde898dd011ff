// Each extension decoder (RFC 5280 §4.2, RFC 7633) on good values and on values that break one
// rule, with the error's offset (inside the extnValue) and path.
#include <functional>

#include <gtest/gtest.h>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "x509/extensions_internal.hpp"
#include "x509/parse/der_builders.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using asn1::DerWriter;
using test::hex_bytes;

template <class Decode>
auto decode_ok(const Bytes& der, Decode decode) {
  asn1::Der d(der);
  auto r = d.root();
  auto v = decode(r);
  EXPECT_TRUE(d.ok()) << d.error().to_string();
  return v;
}

template <class Decode>
asn1::DerError decode_error(const Bytes& der, Decode decode) {
  asn1::Der d(der);
  auto r = d.root();
  (void)decode(r);
  EXPECT_FALSE(d.ok()) << "decoded without error: " << hex_encode(der);
  return d.ok() ? asn1::DerError{} : d.error();
}

Bytes write(const std::function<void(DerWriter&)>& fill) {
  DerWriter w;
  fill(w);
  EXPECT_TRUE(w.ok()) << w.error();
  return w.take();
}

bool contains(const std::string& s, std::string_view part) {
  return s.find(part) != std::string::npos;
}

// ---- basicConstraints (§4.2.1.9) ----------------------------------------------------------------

TEST(BasicConstraints, Decodes) {
  auto bc = decode_ok(hex_bytes("3000"), detail::decode_basic_constraints);
  EXPECT_FALSE(bc.ca);
  EXPECT_FALSE(bc.path_len);
  bc = decode_ok(hex_bytes("3003 0101ff"), detail::decode_basic_constraints);
  EXPECT_TRUE(bc.ca);
  EXPECT_FALSE(bc.path_len);
  bc = decode_ok(hex_bytes("3006 0101ff 020100"), detail::decode_basic_constraints);
  EXPECT_EQ(bc.path_len, 0u);
  bc = decode_ok(hex_bytes("3007 0101ff 02020100"), detail::decode_basic_constraints);
  EXPECT_EQ(bc.path_len, 256u);
}

TEST(BasicConstraints, Rejects) {
  // cA FALSE written out: DER omits a DEFAULT value (X.690 §11.5).
  auto e = decode_error(hex_bytes("3003 010100"), detail::decode_basic_constraints);
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(e.path, "basicConstraints.cA");
  // Negative pathLenConstraint.
  e = decode_error(hex_bytes("3006 0101ff 0201ff"), detail::decode_basic_constraints);
  EXPECT_EQ(e.offset, 5u);
  EXPECT_EQ(e.path, "basicConstraints.pathLenConstraint");
  // A pathLenConstraint of 2^72.
  e = decode_error(hex_bytes("300f 0101ff 020a01000000000000000000"),
                   detail::decode_basic_constraints);
  EXPECT_TRUE(contains(e.reason, "64 bits")) << e.reason;
  // Trailing field, and bytes after the SEQUENCE.
  e = decode_error(hex_bytes("3009 0101ff 020101 020101"), detail::decode_basic_constraints);
  EXPECT_EQ(e.offset, 8u);
  e = decode_error(hex_bytes("3000 00"), detail::decode_basic_constraints);
  EXPECT_EQ(e.offset, 2u);
  // Wrong outer tag.
  e = decode_error(hex_bytes("3100"), detail::decode_basic_constraints);
  EXPECT_EQ(e.offset, 0u);
  EXPECT_EQ(e.path, "basicConstraints");
}

// ---- keyUsage (§4.2.1.3) ------------------------------------------------------------------------

TEST(KeyUsage, Decodes) {
  // digitalSignature (bit 0) and keyEncipherment (bit 2): 101 then 5 unused bits.
  auto ku = decode_ok(hex_bytes("030205a0"), detail::decode_key_usage);
  EXPECT_TRUE(ku.has(KeyUsage::digital_signature));
  EXPECT_TRUE(ku.has(KeyUsage::key_encipherment));
  EXPECT_FALSE(ku.has(KeyUsage::key_cert_sign));
  EXPECT_EQ(ku.bits, KeyUsage::digital_signature | KeyUsage::key_encipherment);
  // keyCertSign (5) and cRLSign (6): 0000011 then 1 unused bit.
  ku = decode_ok(hex_bytes("03020106"), detail::decode_key_usage);
  EXPECT_EQ(ku.bits, KeyUsage::key_cert_sign | KeyUsage::crl_sign);
  // decipherOnly (8) needs a second byte.
  ku = decode_ok(hex_bytes("0303078080"), detail::decode_key_usage);
  EXPECT_EQ(ku.bits, KeyUsage::digital_signature | KeyUsage::decipher_only);
}

// Trailing zero bits break X.690 §11.2.2 but real roots have them (see extensions.cpp): read.
TEST(KeyUsage, ToleratesTrailingZeroBits) {
  const auto ku = decode_ok(hex_bytes("03020006"), detail::decode_key_usage);
  EXPECT_EQ(ku.bits, KeyUsage::key_cert_sign | KeyUsage::crl_sign);
}

TEST(KeyUsage, Rejects) {
  // No bit at all (§4.2.1.3).
  auto e = decode_error(hex_bytes("030100"), detail::decode_key_usage);
  EXPECT_EQ(e.offset, 0u);
  EXPECT_EQ(e.path, "keyUsage");
  EXPECT_TRUE(contains(e.reason, "4.2.1.3")) << e.reason;
  // Unused bits not zero (X.690 §11.2.1), reported at the last byte.
  e = decode_error(hex_bytes("030205a1"), detail::decode_key_usage);
  EXPECT_EQ(e.offset, 3u);
  // Not a BIT STRING.
  e = decode_error(hex_bytes("0401a0"), detail::decode_key_usage);
  EXPECT_EQ(e.offset, 0u);
}

// ---- extKeyUsage (§4.2.1.12) --------------------------------------------------------------------

TEST(ExtKeyUsage, Decodes) {
  const Bytes der = write([](DerWriter& w) {
    w.sequence([](DerWriter& s) {
      s.oid(oids::id_kp_serverAuth);
      s.oid(oids::id_kp_clientAuth);
    });
  });
  const auto eku = decode_ok(der, detail::decode_ext_key_usage);
  EXPECT_EQ(eku.purposes.size(), 2u);
  EXPECT_TRUE(eku.has(oids::id_kp_serverAuth));
  EXPECT_TRUE(eku.has(oids::id_kp_clientAuth));
  EXPECT_FALSE(eku.has(oids::id_kp_codeSigning));
  EXPECT_FALSE(eku.any());
  const auto any = decode_ok(write([](DerWriter& w) {
                               w.sequence([](DerWriter& s) { s.oid(oids::anyExtendedKeyUsage); });
                             }),
                             detail::decode_ext_key_usage);
  EXPECT_TRUE(any.any());
}

TEST(ExtKeyUsage, Rejects) {
  auto e = decode_error(hex_bytes("3000"), detail::decode_ext_key_usage);
  EXPECT_EQ(e.offset, 0u);
  EXPECT_TRUE(contains(e.reason, "at least one")) << e.reason;
  e = decode_error(hex_bytes("3003 020101"), detail::decode_ext_key_usage);
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(e.path, "extKeyUsage.keyPurposeId[0]");
}

// ---- subjectAltName (§4.2.1.6) ------------------------------------------------------------------

TEST(SubjectAltName, DecodesEveryForm) {
  const Bytes der = write([](DerWriter& w) {
    w.sequence([](DerWriter& s) {
      s.implicit_primitive(2, as_bytes("www.example.com"));
      s.implicit_primitive(7, Bytes{192, 0, 2, 1});
      s.implicit_primitive(7, Bytes(16, 0x20));
      s.implicit_primitive(1, as_bytes("a@example.com"));
      s.implicit_primitive(6, as_bytes("https://example.com/"));
      s.explicit_tag(4, [](DerWriter& n) { n.raw(test::cn_name("dir")); });
      s.implicit_constructed(0, [](DerWriter& o) {  // otherName
        o.oid(asn1::Oid::from_arcs({1, 2, 3}));
        o.explicit_tag(0, [](DerWriter& v) { v.utf8_string("x"); });
      });
      s.implicit_primitive(8, asn1::Oid::from_arcs({1, 2, 3}).der_contents());  // registeredID
    });
  });
  const auto san = decode_ok(der, detail::decode_subject_alt_name);
  ASSERT_EQ(san.names.size(), 8u);
  EXPECT_EQ(san.names[0].kind, GeneralName::Kind::dns);
  EXPECT_EQ(san.names[0].text, "www.example.com");
  EXPECT_EQ(san.names[1].kind, GeneralName::Kind::ip);
  EXPECT_EQ(san.names[1].ip, (Bytes{192, 0, 2, 1}));
  EXPECT_EQ(san.names[2].ip.size(), 16u);
  EXPECT_EQ(san.names[3].kind, GeneralName::Kind::email);
  EXPECT_EQ(san.names[3].text, "a@example.com");
  EXPECT_EQ(san.names[4].kind, GeneralName::Kind::uri);
  EXPECT_EQ(san.names[5].kind, GeneralName::Kind::directory);
  EXPECT_EQ(san.names[5].directory.to_string(), "CN=dir");
  EXPECT_EQ(san.names[6].kind, GeneralName::Kind::other);
  EXPECT_EQ(san.names[6].tag, 0u);
  EXPECT_EQ(san.names[7].kind, GeneralName::Kind::other);
  EXPECT_EQ(san.names[7].tag, 8u);
}

TEST(SubjectAltName, Rejects) {
  // Empty GeneralNames (SIZE (1..MAX)).
  auto e = decode_error(hex_bytes("3000"), detail::decode_subject_alt_name);
  EXPECT_EQ(e.offset, 0u);
  // A NUL inside a dNSName: "a\0.evil".
  e = decode_error(hex_bytes("3009 8207 61002e6576696c"), detail::decode_subject_alt_name);
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(e.path, "subjectAltName.name[0]");
  EXPECT_TRUE(contains(e.reason, "NUL")) << e.reason;
  // A dNSName byte outside IA5 (UTF-8 'é'), reported at that byte.
  e = decode_error(hex_bytes("3005 8203 61c3a9"), detail::decode_subject_alt_name);
  EXPECT_EQ(e.offset, 5u);
  EXPECT_TRUE(contains(e.reason, "IA5String")) << e.reason;
  // An iPAddress of 5 octets.
  e = decode_error(hex_bytes("3007 8705 0102030405"), detail::decode_subject_alt_name);
  EXPECT_EQ(e.offset, 2u);
  EXPECT_TRUE(contains(e.reason, "4 or 16")) << e.reason;
  // A universal tag where a GeneralName belongs.
  e = decode_error(hex_bytes("3003 160161"), detail::decode_subject_alt_name);
  EXPECT_EQ(e.offset, 2u);
  EXPECT_TRUE(contains(e.reason, "context-specific")) << e.reason;
  // A constructed [2]: dNSName must be primitive.
  e = decode_error(hex_bytes("3005 a203 160161"), detail::decode_subject_alt_name);
  EXPECT_EQ(e.offset, 2u);
  // directoryName holding something that is not a Name.
  e = decode_error(hex_bytes("3005 a403 020101"), detail::decode_subject_alt_name);
  EXPECT_EQ(e.path, "subjectAltName.name[0].directoryName");
  EXPECT_EQ(e.offset, 4u);
}

// ---- nameConstraints (§4.2.1.10) ----------------------------------------------------------------

Bytes subtree(const std::function<void(DerWriter&)>& base,
              const std::function<void(DerWriter&)>& extra = {}) {
  return write([&](DerWriter& w) {
    w.sequence([&](DerWriter& s) {
      base(s);
      if (extra) extra(s);
    });
  });
}

TEST(NameConstraints, Decodes) {
  const Bytes der = write([](DerWriter& w) {
    w.sequence([](DerWriter& s) {
      s.implicit_constructed(0, [](DerWriter& p) {
        p.raw(subtree([](DerWriter& g) { g.implicit_primitive(2, as_bytes("example.com")); }));
        p.raw(subtree([](DerWriter& g) {
          g.implicit_primitive(7, Bytes{10, 0, 0, 0, 255, 0, 0, 0});
        }));
      });
      s.implicit_constructed(1, [](DerWriter& x) {
        x.raw(subtree([](DerWriter& g) { g.implicit_primitive(2, as_bytes("bad.example.com")); },
                      [](DerWriter& g) { g.implicit_primitive(0, Bytes{0}); }));  // minimum 0
        x.raw(subtree([](DerWriter& g) { g.implicit_primitive(7, Bytes(32, 0)); }));
      });
    });
  });
  const auto nc = decode_ok(der, detail::decode_name_constraints);
  ASSERT_EQ(nc.permitted.size(), 2u);
  ASSERT_EQ(nc.excluded.size(), 2u);
  EXPECT_EQ(nc.permitted[0].text, "example.com");
  EXPECT_EQ(nc.permitted[1].ip.size(), 8u);
  EXPECT_EQ(nc.excluded[0].text, "bad.example.com");
  EXPECT_EQ(nc.excluded[1].ip.size(), 32u);
}

TEST(NameConstraints, Rejects) {
  // An empty NameConstraints SEQUENCE.
  auto e = decode_error(hex_bytes("3000"), detail::decode_name_constraints);
  EXPECT_EQ(e.offset, 0u);
  EXPECT_TRUE(contains(e.reason, "4.2.1.10")) << e.reason;
  // An empty permittedSubtrees.
  e = decode_error(hex_bytes("3002 a000"), detail::decode_name_constraints);
  EXPECT_EQ(e.offset, 2u);
  // An IPv4 constraint without its mask (4 octets, not 8).
  e = decode_error(hex_bytes("3008 a006 3004 87020a00"), detail::decode_name_constraints);
  EXPECT_EQ(e.offset, 6u);  // the iPAddress element
  // minimum 1.
  e = decode_error(hex_bytes("300b a009 3007 8202 6161 800101"), detail::decode_name_constraints);
  EXPECT_EQ(e.offset, 10u);
  EXPECT_EQ(e.path, "nameConstraints.permittedSubtrees.subtree[0].minimum");
  // maximum present.
  e = decode_error(hex_bytes("300b a009 3007 8202 6161 810101"), detail::decode_name_constraints);
  EXPECT_EQ(e.offset, 10u);
  EXPECT_EQ(e.path, "nameConstraints.permittedSubtrees.subtree[0].maximum");
}

// ---- key identifiers (§4.2.1.1, §4.2.1.2) -------------------------------------------------------

TEST(KeyIdentifiers, Decode) {
  const auto aki =
      decode_ok(hex_bytes("3006 8004 01020304"), detail::decode_authority_key_identifier);
  EXPECT_EQ(aki.key_id, (Bytes{1, 2, 3, 4}));
  EXPECT_TRUE(aki.issuer.empty());
  EXPECT_FALSE(aki.serial);
  const Bytes full = write([](DerWriter& w) {
    w.sequence([](DerWriter& s) {
      s.implicit_constructed(1, [](DerWriter& g) {
        g.explicit_tag(4, [](DerWriter& n) { n.raw(test::cn_name("root")); });
      });
      s.implicit_primitive(2, Bytes{0x05});
    });
  });
  const auto aki2 = decode_ok(full, detail::decode_authority_key_identifier);
  EXPECT_FALSE(aki2.key_id);
  ASSERT_EQ(aki2.issuer.size(), 1u);
  EXPECT_EQ(aki2.issuer[0].directory.to_string(), "CN=root");
  EXPECT_EQ(aki2.serial, (Bytes{0x05}));
  EXPECT_EQ(decode_ok(hex_bytes("0403 aabbcc"), detail::decode_subject_key_identifier),
            (Bytes{0xaa, 0xbb, 0xcc}));
}

TEST(KeyIdentifiers, Reject) {
  // authorityCertSerialNumber without authorityCertIssuer (§4.2.1.1).
  auto e = decode_error(hex_bytes("3003 820105"), detail::decode_authority_key_identifier);
  EXPECT_EQ(e.offset, 2u);
  EXPECT_TRUE(contains(e.reason, "both")) << e.reason;
  // Out of order fields: [2] before [0] leaves [0] unread.
  e = decode_error(hex_bytes("3006 820105 800101"), detail::decode_authority_key_identifier);
  EXPECT_EQ(e.offset, 5u);
  e = decode_error(hex_bytes("0303 00aabb"), detail::decode_subject_key_identifier);
  EXPECT_EQ(e.offset, 0u);
  EXPECT_EQ(e.path, "subjectKeyIdentifier");
}

// ---- cRLDistributionPoints (§4.2.1.13) ----------------------------------------------------------

TEST(CrlDistributionPoints, Decode) {
  const Bytes der = write([](DerWriter& w) {
    w.sequence([](DerWriter& s) {
      s.sequence([](DerWriter& dp) {
        dp.explicit_tag(0, [](DerWriter& n) {
          n.implicit_constructed(0, [](DerWriter& g) {
            g.implicit_primitive(6, as_bytes("http://crl.example/ca.crl"));
          });
        });
        dp.implicit_primitive(1, Bytes{0x05, 0x60});  // keyCompromise (1), cACompromise (2)
      });
      s.sequence([](DerWriter& dp) {
        dp.implicit_constructed(2, [](DerWriter& g) {
          g.explicit_tag(4, [](DerWriter& n) { n.raw(test::cn_name("crl issuer")); });
        });
      });
    });
  });
  const auto points = decode_ok(der, detail::decode_crl_distribution_points);
  ASSERT_EQ(points.size(), 2u);
  ASSERT_EQ(points[0].full_name.size(), 1u);
  EXPECT_EQ(points[0].full_name[0].text, "http://crl.example/ca.crl");
  EXPECT_EQ(points[0].reasons, std::uint16_t{(1u << 1) | (1u << 2)});
  EXPECT_TRUE(points[1].full_name.empty());
  ASSERT_EQ(points[1].crl_issuer.size(), 1u);
}

TEST(CrlDistributionPoints, NameRelativeToCrlIssuer) {
  // distributionPoint [0] { nameRelativeToCRLIssuer [1] { SEQUENCE { CN, "CRL1" } } }: one RDN,
  // which revocation checking appends to the CRL issuer's name (RFC 5280 §4.2.1.13).
  const Bytes der = hex_bytes("3013 3011 a00f a10d 300b 0603550403 0c04 43524c31");
  const auto points = decode_ok(der, detail::decode_crl_distribution_points);
  ASSERT_EQ(points.size(), 1u);
  EXPECT_TRUE(points[0].full_name.empty());
  ASSERT_TRUE(points[0].relative_name.has_value());
  ASSERT_EQ(points[0].relative_name->size(), 1u);
  EXPECT_EQ((*points[0].relative_name)[0].type, asn1::oids::id_at_commonName);
  EXPECT_EQ((*points[0].relative_name)[0].utf8, "CRL1");
  // An empty RDN is refused (X.501: SET SIZE (1..MAX)).
  const auto e =
      decode_error(hex_bytes("3006 3004 a002 a100"), detail::decode_crl_distribution_points);
  EXPECT_EQ(e.path,
            "cRLDistributionPoints.distributionPoint[0].distributionPoint.nameRelativeToCRLIssuer");
}

TEST(CrlDistributionPoints, Reject) {
  // A DistributionPoint with neither distributionPoint nor cRLIssuer.
  auto e = decode_error(hex_bytes("3002 3000"), detail::decode_crl_distribution_points);
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(e.path, "cRLDistributionPoints.distributionPoint[0]");
  // No points at all.
  e = decode_error(hex_bytes("3000"), detail::decode_crl_distribution_points);
  EXPECT_EQ(e.offset, 0u);
  // fullName with a bad GeneralName (a universal tag).
  e = decode_error(hex_bytes("3009 3007 a005 a003 160161"), detail::decode_crl_distribution_points);
  EXPECT_EQ(e.offset, 8u);
}

// ---- authorityInfoAccess (§4.2.2.1) -------------------------------------------------------------

TEST(AuthorityInfoAccess, Decode) {
  const Bytes der = write([](DerWriter& w) {
    w.sequence([](DerWriter& s) {
      s.sequence([](DerWriter& ad) {
        ad.oid(oids::id_ad_ocsp);
        ad.implicit_primitive(6, as_bytes("http://ocsp.example"));
      });
      s.sequence([](DerWriter& ad) {
        ad.oid(oids::id_ad_caIssuers);
        ad.implicit_primitive(6, as_bytes("http://ca.example/ca.der"));
      });
      s.sequence([](DerWriter& ad) {  // a directoryName location: read, not listed
        ad.oid(oids::id_ad_caIssuers);
        ad.explicit_tag(4, [](DerWriter& n) { n.raw(test::cn_name("x")); });
      });
    });
  });
  const auto aia = decode_ok(der, detail::decode_authority_info_access);
  EXPECT_EQ(aia.ocsp, (std::vector<std::string>{"http://ocsp.example"}));
  EXPECT_EQ(aia.ca_issuers, (std::vector<std::string>{"http://ca.example/ca.der"}));
}

TEST(AuthorityInfoAccess, Reject) {
  auto e = decode_error(hex_bytes("3000"), detail::decode_authority_info_access);
  EXPECT_EQ(e.offset, 0u);
  // accessLocation missing.
  e = decode_error(hex_bytes("300c 300a 06082b06010505073001"),
                   detail::decode_authority_info_access);
  EXPECT_EQ(e.offset, 14u);
  EXPECT_EQ(e.path, "authorityInfoAccess.accessDescription[0].accessLocation");
}

// ---- TLS Feature (RFC 7633) ---------------------------------------------------------------------

TEST(TlsFeature, Decode) {
  const auto tf = decode_ok(hex_bytes("3003 020105"), detail::decode_tls_feature);
  EXPECT_EQ(tf.features, (std::vector<std::uint16_t>{5}));
  EXPECT_TRUE(tf.must_staple());
  const auto other = decode_ok(hex_bytes("3003 020111"), detail::decode_tls_feature);
  EXPECT_FALSE(other.must_staple());
}

TEST(TlsFeature, Reject) {
  auto e = decode_error(hex_bytes("3005 0203011170"), detail::decode_tls_feature);
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(e.path, "tlsFeature.feature[0]");
  e = decode_error(hex_bytes("3003 0201ff"), detail::decode_tls_feature);
  EXPECT_EQ(e.offset, 2u);
}

}  // namespace
}  // namespace glasstls::x509
