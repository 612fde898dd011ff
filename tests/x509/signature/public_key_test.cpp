// SubjectPublicKeyInfo reading (RFC 5280 §4.1.2.7): every kind written by the crypto layer's key
// writers reads back as the same key, and every malformed or unsupported form is refused with the
// byte offset (absolute, even inside the BIT STRING), the field path and the rule.
#include <gtest/gtest.h>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "support/test_support.hpp"
#include "x509/signature/test_keys.hpp"

namespace glasstls::x509 {
namespace {

using crypto::HashAlg;

// Reads a SubjectPublicKeyInfo placed after a 3-byte INTEGER inside an outer SEQUENCE, so the
// offsets in errors must be absolute: shift(spki) more than inside the SPKI itself (the outer
// header, 2 to 4 bytes by X.690 §8.1.3, and the INTEGER).
std::size_t shift(ByteView spki) {
  const std::size_t contents = spki.size() + 3;
  return (contents < 128 ? 2 : contents < 256 ? 3 : 4) + 3;
}
Result<PublicKey, asn1::DerError> read_shifted(ByteView spki) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {
    s.integer(1);
    s.raw(spki);
  });
  const Bytes wrapped = w.take();
  asn1::Der input(wrapped);
  asn1::DerReader outer = input.sequence("outer");
  outer.small_integer("n");
  PublicKey key = read_public_key(outer, "subjectPublicKeyInfo");
  outer.finish();
  if (!input.ok()) return Err(input.error());
  return key;
}

TEST(PublicKey, EveryKindFromOurWriters) {
  struct Case {
    SigningKey key;
    const char* text;
  };
  const Case cases[] = {
      {test_keys::rsa_pkcs1(), "RSA 2048"},
      {test_keys::rsa_pss({HashAlg::sha256, HashAlg::sha256, 32}, RsaPssKeyForm::pss_unrestricted),
       "RSA-PSS 2048"},
      {test_keys::ec(crypto::EcCurve::p256), "EC P-256"},
      {test_keys::ec(crypto::EcCurve::p384), "EC P-384"},
      {test_keys::ed25519(), "Ed25519"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const Bytes spki = c.key.spki_der();
    auto key = read_shifted(spki);
    ASSERT_TRUE(key.ok()) << key.error().to_string();
    EXPECT_EQ(key->to_string(), c.text);
    EXPECT_EQ(key->spki_der, spki);
    EXPECT_EQ(c.key.public_key().spki_der, spki);
    EXPECT_EQ(key->key.index(), c.key.public_key().key.index());
  }
}

TEST(PublicKey, RsaDetails) {
  const crypto::RsaPublicKeyParts parts = test_keys::rsa2048().public_key().to_parts();
  auto plain = read_shifted(crypto::write_rsa_spki_der(parts));
  ASSERT_TRUE(plain.ok());
  const auto& rsa = std::get<PublicKey::Rsa>(plain->key);
  EXPECT_EQ(rsa.key.n, parts.n);
  EXPECT_EQ(rsa.key.e, parts.e);
  EXPECT_FALSE(rsa.pss_only);
  EXPECT_FALSE(rsa.pss_params.has_value());

  // RFC 4055 §3.1: id-RSASSA-PSS with parameters restricts the key.
  const crypto::RsaPssParams restriction{HashAlg::sha384, HashAlg::sha384, 48};
  auto pss = read_shifted(crypto::write_rsa_spki_der(parts, true, restriction));
  ASSERT_TRUE(pss.ok()) << pss.error().to_string();
  const auto& r = std::get<PublicKey::Rsa>(pss->key);
  EXPECT_TRUE(r.pss_only);
  ASSERT_TRUE(r.pss_params.has_value());
  EXPECT_EQ(r.pss_params->hash, HashAlg::sha384);
  EXPECT_EQ(r.pss_params->salt_length, 48u);
  EXPECT_EQ(pss->to_string(), "RSA-PSS 2048");
}

TEST(PublicKey, EcAndEd25519Details) {
  const SigningKey ec = test_keys::ec(crypto::EcCurve::p384);
  const PublicKey ec_key = ec.public_key();
  const auto& point = std::get<crypto::EcPublicKey>(ec_key.key);
  EXPECT_EQ(point.curve(), crypto::EcCurve::p384);
  EXPECT_EQ(point.uncompressed().size(), 97u);

  const SigningKey ed = test_keys::ed25519();
  const Bytes spki = ed.spki_der();
  // RFC 8410 §4: 30 2a 30 05 06 03 2b 65 70 03 21 00 ‖ 32-byte key.
  ASSERT_EQ(spki.size(), 44u);
  EXPECT_EQ(hex_encode(ByteView(spki.data(), 12)), "302a300506032b6570032100");
  const PublicKey ed_key = ed.public_key();
  const auto& key = std::get<PublicKey::Ed25519>(ed_key.key);
  EXPECT_TRUE(std::equal(key.key.begin(), key.key.end(), spki.begin() + 12));
}

struct Bad {
  const char* what;
  Bytes spki;
  std::size_t offset;  // inside the SPKI
  const char* path;    // after "outer.subjectPublicKeyInfo"
  const char* reason;  // a substring
};

void expect_refused(const Bad& b) {
  SCOPED_TRACE(b.what);
  auto key = read_shifted(b.spki);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().offset, b.offset + shift(b.spki));
  EXPECT_EQ(key.error().path, std::string("outer.subjectPublicKeyInfo") + b.path);
  EXPECT_NE(key.error().reason.find(b.reason), std::string::npos) << key.error().reason;
}

TEST(PublicKey, MalformedAndUnsupportedKeys) {
  const Bytes ed = test_keys::ed25519().spki_der();  // 30 2a 30 05 06 03 2b6570 03 21 00 key
  Bytes x25519 = ed;
  x25519[8] = 0x6e;  // 1.3.101.110: id-X25519, a key-agreement key
  Bytes ed_short = test::hex("3029300506032b6570032000");
  ed_short.insert(ed_short.end(), ed.begin() + 12, ed.end() - 1);
  Bytes ed_null = test::hex("302c300706032b65700500032100");
  ed_null.insert(ed_null.end(), ed.begin() + 12, ed.end());

  const Bytes p256 = test_keys::ec(crypto::EcCurve::p256).spki_der();
  // 30 59 30 13 06 07 2a8648ce3d0201 06 08 2a8648ce3d030107 03 42 00 04 X Y
  Bytes off_curve = p256;
  off_curve.back() ^= 0x01;
  Bytes p521;  // id-ecPublicKey on secp521r1, with a P-256 point
  {
    asn1::DerWriter w;
    w.sequence([&](asn1::DerWriter& s) {
      s.sequence([&](asn1::DerWriter& a) {
        a.oid(asn1::Oid::from_arcs({1, 2, 840, 10045, 2, 1}));
        a.oid(asn1::Oid::from_arcs({1, 3, 132, 0, 35}));  // secp521r1
      });
      s.bit_string(ByteView(p256.data() + 26, p256.size() - 26));
    });
    p521 = w.take();
  }

  const crypto::RsaPublicKeyParts parts = test_keys::rsa2048().public_key().to_parts();
  Bytes rsa_absent;  // rsaEncryption without its NULL
  {
    asn1::DerWriter w;
    w.sequence([&](asn1::DerWriter& s) {
      s.sequence([&](asn1::DerWriter& a) {
        a.oid(asn1::Oid::from_arcs({1, 2, 840, 113549, 1, 1, 1}));
      });
      s.bit_string(crypto::write_rsa_public_key_pkcs1_der(parts));
    });
    rsa_absent = w.take();
  }
  Bytes rsa_garbage;  // the BIT STRING holds 30 03 02 01 ff: a negative modulus, no exponent
  {
    asn1::DerWriter w;
    w.sequence([&](asn1::DerWriter& s) {
      s.sequence([&](asn1::DerWriter& a) {
        a.oid(asn1::Oid::from_arcs({1, 2, 840, 113549, 1, 1, 1}));
        a.null();
      });
      s.bit_string(test::hex("3003020105"));
    });
    rsa_garbage = w.take();
  }

  const Bad cases[] = {
      {"Ed25519 key of 31 bytes", ed_short, 9, ".subjectPublicKey", "32 bytes (RFC 8410 §4)"},
      {"Ed25519 with NULL parameters", ed_null, 9, ".algorithm.parameters", "RFC 8410 §3"},
      {"EC point off the curve", off_curve, 23, ".subjectPublicKey",
       "not a valid P-256 public key"},
      // (A 2048-bit key's SPKI has a 4-byte header.)
      {"rsaEncryption without NULL", rsa_absent, 17, ".algorithm.parameters",
       "must be NULL (RFC 3279 §2.3.1)"},
      // The RSAPublicKey's error comes from inside the BIT STRING: 2 (SPKI header) + 15
      // (algorithm) + 3 (BIT STRING header and unused-bits byte) + its own offset (the end of its
      // contents, where the exponent is missing: 5).
      {"RSAPublicKey without exponent", rsa_garbage, 25,
       ".subjectPublicKey.rsaPublicKey.publicExponent", "no bytes left"},
  };
  for (const Bad& b : cases) expect_refused(b);

  // Keys glasstls cannot use parse as PublicKey::Unsupported, named by OID (and curve), so the
  // certificate holding one still parses; nothing verifies with them.
  auto x = read_shifted(x25519);
  ASSERT_TRUE(x.ok()) << x.error().to_string();
  ASSERT_TRUE(std::holds_alternative<PublicKey::Unsupported>(x->key));
  EXPECT_EQ(x->to_string(), "unsupported 1.3.101.110 (id-X25519)");
  auto big = read_shifted(p521);
  ASSERT_TRUE(big.ok()) << big.error().to_string();
  EXPECT_EQ(big->to_string(),
            "unsupported 1.2.840.10045.2.1 (id-ecPublicKey) on curve 1.3.132.0.35 (secp521r1)");
  const SignatureAlgorithm ecdsa =
      make_signature_algorithm(SignatureAlgorithm::Kind::ecdsa, HashAlg::sha256);
  EXPECT_EQ(verify_signature(*big, ecdsa, as_bytes("data"), Bytes(8, 0)).error(),
            SignatureError::key_algorithm_mismatch);
}

TEST(PublicKey, EveryStrictPrefixIsRefused) {
  for (const Bytes& spki : {test_keys::ec(crypto::EcCurve::p256).spki_der(),
                            test_keys::ed25519().spki_der(), test_keys::rsa_pkcs1().spki_der()}) {
    for (std::size_t n = 0; n < spki.size(); ++n)
      EXPECT_FALSE(read_shifted(ByteView(spki.data(), n)).ok()) << "prefix " << n;
  }
}

}  // namespace
}  // namespace glasstls::x509
