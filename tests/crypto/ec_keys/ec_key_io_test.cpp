// EC key files (glasstls/crypto/ec_key_io.hpp): the RFC 6979 keys encode to exactly the bytes the
// OpenSSL command line wrote, OpenSSL's files parse back to the same scalar and point, the
// "EC PARAMETERS" block of `openssl ecparam -genkey` is accepted, and every writer round-trips
// through every reader for both curves.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ec_key_test_data.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/random.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

using ec_key_test::FixedKey;
using ec_key_test::kP256;
using ec_key_test::kP384;
using test::hex;

constexpr const FixedKey* kFixedKeys[] = {&kP256, &kP384};

EcPrivateKey fixed_private_key(const FixedKey& k) {
  auto key = EcPrivateKey::from_scalar(k.curve, hex(k.d));
  EXPECT_TRUE(key.ok());
  return *key;
}

Bytes view_bytes(ByteView v) {
  return Bytes(v.begin(), v.end());
}

void expect_fixed_key(const FixedKey& k, const EcPrivateKey& key) {
  EXPECT_EQ(key.curve(), k.curve);
  EXPECT_EQ(view_bytes(key.scalar()), hex(k.d));
  EXPECT_EQ(view_bytes(key.public_key().x()), hex(k.ux));
  EXPECT_EQ(view_bytes(key.public_key().y()), hex(k.uy));
}

void expect_fixed_public_key(const FixedKey& k, const EcPublicKey& key) {
  EXPECT_EQ(key.curve(), k.curve);
  EXPECT_EQ(view_bytes(key.x()), hex(k.ux));
  EXPECT_EQ(view_bytes(key.y()), hex(k.uy));
}

TEST(EcKeyIo, CurveOids) {
  // RFC 5480 §2.1.1.1: secp256r1 { 1 2 840 10045 3 1 7 }, secp384r1 { 1 3 132 0 34 }.
  EXPECT_EQ(ec_curve_oid(EcCurve::p256).to_dotted(), "1.2.840.10045.3.1.7");
  EXPECT_EQ(ec_curve_oid(EcCurve::p384).to_dotted(), "1.3.132.0.34");
  EXPECT_EQ(ec_curve_from_oid(asn1::oids::secp256r1), EcCurve::p256);
  EXPECT_EQ(ec_curve_from_oid(asn1::oids::secp384r1), EcCurve::p384);
  EXPECT_FALSE(ec_curve_from_oid(asn1::oids::secp521r1).has_value());
  EXPECT_FALSE(ec_curve_from_oid(asn1::oids::id_ecPublicKey).has_value());
}

TEST(EcKeyIo, Rfc6979KeysEncodeExactlyAsOpenSslWroteThem) {
  for (const FixedKey* k : kFixedKeys) {
    SCOPED_TRACE(std::string(ec_curve_name(k->curve)));
    const EcPrivateKey key = fixed_private_key(*k);
    expect_fixed_key(*k, key);  // [d]G is RFC 6979's U
    EXPECT_EQ(write_ec_private_key_sec1_der(key), hex(k->sec1_der));
    EXPECT_EQ(write_ec_private_key_pkcs8_der(key), hex(k->pkcs8_der));
    EXPECT_EQ(write_ec_spki_der(key.public_key()), hex(k->spki_der));
    EXPECT_EQ(write_ec_private_key_pem(key, EcPrivateKeyPem::sec1), k->sec1_pem);
    EXPECT_EQ(write_ec_private_key_pem(key, EcPrivateKeyPem::pkcs8), k->pkcs8_pem);
    EXPECT_EQ(write_ec_private_key_pem(key), k->pkcs8_pem);  // PKCS#8 is the default
    EXPECT_EQ(write_ec_public_key_pem(key.public_key()), k->spki_pem);
  }
}

TEST(EcKeyIo, OpenSslFilesParseToTheRfc6979Keys) {
  for (const FixedKey* k : kFixedKeys) {
    SCOPED_TRACE(std::string(ec_curve_name(k->curve)));
    {
      auto key = parse_ec_private_key_sec1_der(hex(k->sec1_der));
      ASSERT_TRUE(key) << key.error().to_string();
      expect_fixed_key(*k, *key);
    }
    {
      auto key = parse_ec_private_key_pkcs8_der(hex(k->pkcs8_der));
      ASSERT_TRUE(key) << key.error().to_string();
      expect_fixed_key(*k, *key);
    }
    {
      auto key = parse_ec_spki_der(hex(k->spki_der));
      ASSERT_TRUE(key) << key.error().to_string();
      expect_fixed_public_key(*k, *key);
    }
    {
      auto key = parse_ec_private_key_sec1_pem(k->sec1_pem);
      ASSERT_TRUE(key) << key.error().to_string();
      expect_fixed_key(*k, *key);
    }
    {
      auto key = parse_ec_private_key_pkcs8_pem(k->pkcs8_pem);
      ASSERT_TRUE(key) << key.error().to_string();
      expect_fixed_key(*k, *key);
    }
    for (std::string_view pem : {k->sec1_pem, k->pkcs8_pem}) {
      auto key = parse_ec_private_key_pem(pem);
      ASSERT_TRUE(key) << key.error().to_string();
      expect_fixed_key(*k, *key);
    }
    {
      auto key = parse_ec_public_key_pem(k->spki_pem);
      ASSERT_TRUE(key) << key.error().to_string();
      expect_fixed_public_key(*k, *key);
    }
  }
}

TEST(EcKeyIo, EcParametersBlockBeforeTheKeyIsAccepted) {
  // What `openssl ecparam -genkey -name prime256v1` writes: the curve, then the key.
  const std::string p256 =
      std::string(ec_key_test::kEcParametersP256Pem) + std::string(kP256.sec1_pem);
  const std::string p384 =
      std::string(ec_key_test::kEcParametersP384Pem) + std::string(kP384.sec1_pem);
  for (auto parse : {parse_ec_private_key_sec1_pem, parse_ec_private_key_pem}) {
    auto a = parse(p256);
    ASSERT_TRUE(a) << a.error().to_string();
    expect_fixed_key(kP256, *a);
    auto b = parse(p384);
    ASSERT_TRUE(b) << b.error().to_string();
    expect_fixed_key(kP384, *b);
  }
  // Text around and between the blocks is ignored (RFC 7468 §3), as with any PEM file.
  auto c = parse_ec_private_key_pem("key for test\n" + p256 + "\n-- end\n");
  ASSERT_TRUE(c) << c.error().to_string();
  expect_fixed_key(kP256, *c);
}

// OneAsymmetricKey forms OpenSSL does not write but RFC 5958 and RFC 5915 allow: version v2 with
// publicKey [1], and an inner ECPrivateKey that repeats the curve in parameters [0].
TEST(EcKeyIo, Pkcs8VariantsAreAccepted) {
  for (const FixedKey* k : kFixedKeys) {
    SCOPED_TRACE(std::string(ec_curve_name(k->curve)));
    const EcPrivateKey key = fixed_private_key(*k);
    const Bytes sec1 = write_ec_private_key_sec1_der(key);  // with [0] and [1]
    // v1, the inner ECPrivateKey with parameters [0] naming the same curve.
    {
      asn1::DerWriter w;
      w.sequence([&](asn1::DerWriter& s) {
        s.integer(0);
        s.sequence([&](asn1::DerWriter& alg) {
          alg.oid(asn1::oids::id_ecPublicKey);
          alg.oid(ec_curve_oid(k->curve));
        });
        s.octet_string(sec1);
      });
      auto back = parse_ec_private_key_pkcs8_der(w.data());
      ASSERT_TRUE(back) << back.error().to_string();
      expect_fixed_key(*k, *back);
    }
    // v2 with publicKey [1] IMPLICIT BIT STRING: 81 len 00 04 X Y.
    {
      Bytes bits{0x00};
      const ByteView point = key.public_key().uncompressed();
      bits.insert(bits.end(), point.begin(), point.end());
      asn1::DerWriter w;
      w.sequence([&](asn1::DerWriter& s) {
        s.integer(1);
        s.sequence([&](asn1::DerWriter& alg) {
          alg.oid(asn1::oids::id_ecPublicKey);
          alg.oid(ec_curve_oid(k->curve));
        });
        s.octet_string(sec1);
        s.implicit_primitive(1, bits);
      });
      auto back = parse_ec_private_key_pkcs8_der(w.data());
      ASSERT_TRUE(back) << back.error().to_string();
      expect_fixed_key(*k, *back);
    }
  }
}

// RFC 5915 §3: publicKey is OPTIONAL (SHOULD be present): a SEC1 key without it parses, the
// public key being computed.
TEST(EcKeyIo, Sec1WithoutPublicKeyIsAccepted) {
  for (const FixedKey* k : kFixedKeys) {
    SCOPED_TRACE(std::string(ec_curve_name(k->curve)));
    asn1::DerWriter w;
    w.sequence([&](asn1::DerWriter& s) {
      s.integer(1);
      s.octet_string(hex(k->d));
      s.explicit_tag(0, [&](asn1::DerWriter& p) { p.oid(ec_curve_oid(k->curve)); });
    });
    auto key = parse_ec_private_key_sec1_der(w.data());
    ASSERT_TRUE(key) << key.error().to_string();
    expect_fixed_key(*k, *key);
  }
}

// Scalars with leading zero bytes keep them: privateKey is always the full I2OSP length.
TEST(EcKeyIo, SmallScalarsKeepTheirLeadingZeros) {
  for (EcCurve curve : {EcCurve::p256, EcCurve::p384}) {
    SCOPED_TRACE(std::string(ec_curve_name(curve)));
    Bytes one(ec_scalar_size(curve), 0x00);
    one.back() = 0x01;
    auto key = EcPrivateKey::from_scalar(curve, one);
    ASSERT_TRUE(key);
    const Bytes sec1 = write_ec_private_key_sec1_der(*key);
    // 30 len(1 or 2) 02 01 01 04 <size> 00 .. 00 01
    const std::size_t d_at = curve == EcCurve::p256 ? 7 : 8;
    ASSERT_GT(sec1.size(), d_at + one.size());
    EXPECT_EQ(sec1[d_at - 1], one.size());
    EXPECT_EQ(Bytes(sec1.begin() + static_cast<std::ptrdiff_t>(d_at),
                    sec1.begin() + static_cast<std::ptrdiff_t>(d_at + one.size())),
              one);
    auto back = parse_ec_private_key_sec1_der(sec1);
    ASSERT_TRUE(back) << back.error().to_string();
    EXPECT_EQ(view_bytes(back->scalar()), one);
  }
}

TEST(EcKeyIo, RandomKeysRoundTripThroughEveryForm) {
  DeterministicRandom rng(std::uint64_t{5915});
  for (EcCurve curve : {EcCurve::p256, EcCurve::p384}) {
    SCOPED_TRACE(std::string(ec_curve_name(curve)));
    for (int i = 0; i < 16; ++i) {
      const EcPrivateKey key = EcPrivateKey::generate(curve, rng);
      const Bytes d = view_bytes(key.scalar());
      const Bytes point = view_bytes(key.public_key().uncompressed());
      auto check = [&](const Result<EcPrivateKey, KeyParseError>& r) {
        ASSERT_TRUE(r) << r.error().to_string();
        EXPECT_EQ(r->curve(), curve);
        EXPECT_EQ(view_bytes(r->scalar()), d);
        EXPECT_EQ(view_bytes(r->public_key().uncompressed()), point);
      };
      check(parse_ec_private_key_sec1_der(write_ec_private_key_sec1_der(key)));
      check(parse_ec_private_key_pkcs8_der(write_ec_private_key_pkcs8_der(key)));
      for (auto form : {EcPrivateKeyPem::sec1, EcPrivateKeyPem::pkcs8})
        check(parse_ec_private_key_pem(write_ec_private_key_pem(key, form)));
      check(parse_ec_private_key_sec1_pem(write_ec_private_key_pem(key, EcPrivateKeyPem::sec1)));
      check(parse_ec_private_key_pkcs8_pem(write_ec_private_key_pem(key, EcPrivateKeyPem::pkcs8)));

      auto pub = parse_ec_spki_der(write_ec_spki_der(key.public_key()));
      ASSERT_TRUE(pub) << pub.error().to_string();
      EXPECT_TRUE(*pub == key.public_key());
      auto pub_pem = parse_ec_public_key_pem(write_ec_public_key_pem(key.public_key()));
      ASSERT_TRUE(pub_pem) << pub_pem.error().to_string();
      EXPECT_TRUE(*pub_pem == key.public_key());
    }
  }
}

// read_ec_parameters, the piece the X.509 layer uses, reads one ECParameters from a larger input
// and leaves the reader after it.
TEST(EcKeyIo, ReadEcParametersInsideALargerStructure) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {
    s.oid(asn1::oids::secp384r1);
    s.integer(7);
  });
  asn1::Der der(w.data());
  asn1::DerReader seq = der.sequence("outer");
  const EcCurve curve = read_ec_parameters(seq, "parameters");
  EXPECT_EQ(seq.small_integer("after"), 7);
  seq.finish();
  ASSERT_TRUE(der.ok()) << der.error().reason;
  EXPECT_EQ(curve, EcCurve::p384);
}

}  // namespace
}  // namespace glasstls::crypto
