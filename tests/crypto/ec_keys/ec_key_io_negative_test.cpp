// EC key files that must be refused, each with the error that says where (byte offset and dotted
// path) and why: truncation and trailing bytes, versions, curves that are unknown, implicit or
// spelled out, private scalars of the wrong length or outside [1, n−1], public keys that do not
// match, lie off the curve, are compressed or carry unused bits, PKCS#8 files whose two curves
// disagree, and PEM files with the wrong blocks.
//
// Offsets are worked out in the comments from the DER layout, e.g. for the SEC1 P-256 key:
//   30 77 | 02 01 01 @2 | 04 20 <d> @5 | a0 0a 06 08 <secp256r1> @39 (OID @41) | a1 44 @51
//   (BIT STRING 03 42 00 04 X Y @53)
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "ec_key_test_data.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

using asn1::DerWriter;
using ec_key_test::kP256;
using ec_key_test::kP384;
using test::hex;

// The group orders (RFC 5903 §3.1 and §3.2; RFC 6979 §A.2.5 and §A.2.6 print them as q).
constexpr std::string_view kP256Order =
    "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
constexpr std::string_view kP384Order =
    "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC529"
    "73";
// The P-256 field prime p (RFC 5903 §3.1).
constexpr std::string_view kP256Prime =
    "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF";

// Checks that parsing failed with an error at `offset`, on `path`, whose reason contains `words`.
template <class R>
void expect_error(const R& result, std::size_t offset, const std::string& path,
                  const std::string& words) {
  ASSERT_FALSE(result.ok()) << "accepted; expected " << path << ": " << words;
  const KeyParseError& e = result.error();
  EXPECT_EQ(e.offset, offset) << e.to_string();
  EXPECT_EQ(e.path, path) << e.to_string();
  EXPECT_NE(e.reason.find(words), std::string::npos) << e.to_string();
}

template <class R>
void expect_pem_error(const R& result, std::size_t line, const std::string& words) {
  ASSERT_FALSE(result.ok()) << "accepted; expected: " << words;
  const KeyParseError& e = result.error();
  EXPECT_EQ(e.path, "pem") << e.to_string();
  EXPECT_EQ(e.pem_line, line) << e.to_string();
  EXPECT_NE(e.reason.find(words), std::string::npos) << e.to_string();
}

// 04 ‖ X ‖ Y of a fixed key.
Bytes point_of(const ec_key_test::FixedKey& k) {
  Bytes p{0x04};
  const Bytes x = hex(k.ux);
  const Bytes y = hex(k.uy);
  p.insert(p.end(), x.begin(), x.end());
  p.insert(p.end(), y.begin(), y.end());
  return p;
}

Bytes oid_der(const asn1::Oid& oid) {
  DerWriter w;
  w.oid(oid);
  return w.take();
}

// RFC 5915 §3 ECPrivateKey with every field under the test's control.
struct Sec1 {
  std::int64_t version = 1;
  Bytes d;
  std::optional<Bytes> parameters;  // the element inside [0]
  std::optional<Bytes> point;       // the bytes of the BIT STRING inside [1]
  std::uint8_t unused_bits = 0;

  Bytes der() const {
    DerWriter w;
    w.sequence([&](DerWriter& s) {
      s.integer(version);
      s.octet_string(d);
      if (parameters) s.explicit_tag(0, [&](DerWriter& p) { p.raw(*parameters); });
      if (point) s.explicit_tag(1, [&](DerWriter& p) { p.bit_string(*point, unused_bits); });
    });
    return w.take();
  }
};

Sec1 sec1_p256() {
  return Sec1{1, hex(kP256.d), oid_der(asn1::oids::secp256r1), point_of(kP256), 0};
}

// RFC 5958 OneAsymmetricKey under id-ecPublicKey with the given parameters element.
Bytes pkcs8(std::int64_t version, const Bytes& parameters, const Bytes& ec_private_key,
            std::optional<Bytes> public_key_bits = std::nullopt) {
  DerWriter w;
  w.sequence([&](DerWriter& s) {
    s.integer(version);
    s.sequence([&](DerWriter& alg) {
      alg.oid(asn1::oids::id_ecPublicKey);
      alg.raw(parameters);
    });
    s.octet_string(ec_private_key);
    if (public_key_bits) {
      Bytes contents{0x00};  // [1] IMPLICIT BIT STRING: unused-bits byte, then the point
      contents.insert(contents.end(), public_key_bits->begin(), public_key_bits->end());
      s.implicit_primitive(1, contents);
    }
  });
  return w.take();
}

// RFC 5480 SubjectPublicKeyInfo with the given algorithm contents and BIT STRING.
Bytes spki(const Bytes& algorithm_contents, const Bytes& point, std::uint8_t unused_bits = 0) {
  DerWriter w;
  w.sequence([&](DerWriter& s) {
    s.sequence([&](DerWriter& alg) { alg.raw(algorithm_contents); });
    s.bit_string(point, unused_bits);
  });
  return w.take();
}

Bytes ec_algorithm(const asn1::Oid& curve) {
  Bytes a = oid_der(asn1::oids::id_ecPublicKey);
  const Bytes c = oid_der(curve);
  a.insert(a.end(), c.begin(), c.end());
  return a;
}

// ---- every strict prefix, and trailing bytes ----------------------------------------------------

template <class Parse>
void expect_prefixes_and_trailing_rejected(const Bytes& der, const std::string& top, Parse parse) {
  for (std::size_t n = 0; n < der.size(); ++n) {
    auto r = parse(ByteView(der.data(), n));
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes accepted";
    EXPECT_FALSE(r.error().path.empty()) << r.error().to_string();
    EXPECT_LE(r.error().offset, n) << r.error().to_string();
  }
  ASSERT_TRUE(parse(der).ok());
  Bytes longer = der;
  longer.push_back(0x00);
  expect_error(parse(longer), der.size(), top, "trailing");
}

TEST(EcKeyIoNegative, EveryStrictPrefixAndTrailingByteRejected) {
  for (const auto* k : {&kP256, &kP384}) {
    SCOPED_TRACE(std::string(ec_curve_name(k->curve)));
    expect_prefixes_and_trailing_rejected(hex(k->sec1_der), "ecPrivateKey",
                                          parse_ec_private_key_sec1_der);
    expect_prefixes_and_trailing_rejected(hex(k->pkcs8_der), "privateKeyInfo",
                                          parse_ec_private_key_pkcs8_der);
    expect_prefixes_and_trailing_rejected(hex(k->spki_der), "subjectPublicKeyInfo",
                                          parse_ec_spki_der);
  }
}

TEST(EcKeyIoNegative, TruncatedInputSaysWhatIsMissing) {
  // The SEC1 P-256 key cut after privateKey: the SEQUENCE at 0 claims 0x77 bytes, 37 follow.
  const Bytes sec1 = hex(kP256.sec1_der);
  expect_error(parse_ec_private_key_sec1_der(ByteView(sec1).first(39)), 0, "ecPrivateKey",
               "length 119 runs past the end");
  // PKCS#8 whose outer SEQUENCE is whole but whose privateKey OCTET STRING claims more than is
  // left: the first 61 bytes of OpenSSL's file, the outer length rewritten to the 58 that follow.
  Bytes p8 = hex(kP256.pkcs8_der);
  p8.resize(61);
  p8.erase(p8.begin() + 1);  // 30 81 87 → 30 3a (one-byte length form)
  p8[1] = 0x3a;
  // 30 3a | 02 01 00 @2 | 30 13 @5 | 04 6d @26: 109 bytes claimed, 32 left
  expect_error(parse_ec_private_key_pkcs8_der(p8), 26, "privateKeyInfo.privateKey",
               "runs past the end");
}

// ---- SEC1 ECPrivateKey (RFC 5915 §3) ------------------------------------------------------------

TEST(EcKeyIoNegative, Sec1WrongVersion) {
  for (std::int64_t version : {0, 2}) {
    Sec1 k = sec1_p256();
    k.version = version;
    expect_error(parse_ec_private_key_sec1_der(k.der()), 2, "ecPrivateKey.version",
                 "ecPrivkeyVer1 (1), not " + std::to_string(version));
  }
}

TEST(EcKeyIoNegative, Sec1UnknownCurve) {
  // secp521r1 is a named curve glasstls does not implement; [0] is a0 07, its OID at 41.
  Sec1 k = sec1_p256();
  k.parameters = oid_der(asn1::oids::secp521r1);
  expect_error(parse_ec_private_key_sec1_der(k.der()), 41, "ecPrivateKey.parameters",
               "unsupported named curve 1.3.132.0.35 (secp521r1)");
  // An OID that is no curve at all, without a name in glasstls' table.
  k.parameters = hex("06 03 2a 03 04");  // 1.2.3.4
  expect_error(parse_ec_private_key_sec1_der(k.der()), 41, "ecPrivateKey.parameters",
               "unsupported named curve 1.2.3.4;");
}

TEST(EcKeyIoNegative, Sec1SpecifiedAndImplicitCurve) {
  // OpenSSL's -param_enc explicit: 30 82 01 68 | version @4 | privateKey @7 | a0 81 fa @41 |
  // SpecifiedECDomain SEQUENCE @44.
  expect_error(parse_ec_private_key_sec1_der(hex(ec_key_test::kP256ExplicitSec1Der)), 44,
               "ecPrivateKey.parameters", "specifiedCurve");
  Sec1 k = sec1_p256();
  k.parameters = hex("05 00");  // implicitCurve NULL
  expect_error(parse_ec_private_key_sec1_der(k.der()), 41, "ecPrivateKey.parameters",
               "implicitCurve");
  k.parameters = hex("02 01 07");  // none of the CHOICE's alternatives
  expect_error(parse_ec_private_key_sec1_der(k.der()), 41, "ecPrivateKey.parameters",
               "must be a namedCurve OBJECT IDENTIFIER");
}

TEST(EcKeyIoNegative, Sec1WithoutParametersNamesNoCurve) {
  // The inner ECPrivateKey OpenSSL writes inside PKCS#8 is not a key file of its own: nothing
  // names the curve. [1] sits where [0] should be, at 39.
  Sec1 k = sec1_p256();
  k.parameters.reset();
  expect_error(parse_ec_private_key_sec1_der(k.der()), 39, "ecPrivateKey.parameters",
               "parameters [0] is missing");
}

TEST(EcKeyIoNegative, Sec1PrivateKeyOfWrongLength) {
  // RFC 5915 §3: exactly ceiling(log2(n)/8) bytes. 31 bytes (leading byte dropped) and 33 (a
  // sign byte added, as an INTEGER would have) are both refused, at privateKey (5).
  Sec1 k = sec1_p256();
  k.point.reset();
  k.d = hex(kP256.d);
  k.d.erase(k.d.begin());
  expect_error(parse_ec_private_key_sec1_der(k.der()), 5, "ecPrivateKey.privateKey",
               "a P-256 privateKey must be exactly 32 bytes (RFC 5915 §3), not 31");
  k.d = hex(kP256.d);
  k.d.insert(k.d.begin(), 0x00);
  expect_error(parse_ec_private_key_sec1_der(k.der()), 5, "ecPrivateKey.privateKey", "not 33");
  // A P-256-sized scalar under secp384r1.
  k.d = hex(kP256.d);
  k.parameters = oid_der(asn1::oids::secp384r1);
  expect_error(parse_ec_private_key_sec1_der(k.der()), 5, "ecPrivateKey.privateKey",
               "a P-384 privateKey must be exactly 48 bytes (RFC 5915 §3), not 32");
}

TEST(EcKeyIoNegative, Sec1ScalarOutOfRange) {
  struct Case {
    EcCurve curve;
    Bytes d;
  };
  const Bytes p256_n = hex(kP256Order);
  const Bytes p384_n = hex(kP384Order);
  Bytes p256_n_plus_1 = p256_n;
  p256_n_plus_1.back() = static_cast<std::uint8_t>(p256_n_plus_1.back() + 1);  // ..51 → ..52
  const Case cases[] = {
      {EcCurve::p256, Bytes(32, 0x00)},  // d = 0
      {EcCurve::p256, p256_n},           // d = n
      {EcCurve::p256, p256_n_plus_1},    // d = n + 1
      {EcCurve::p256, Bytes(32, 0xff)},  // d = 2^256 − 1
      {EcCurve::p384, Bytes(48, 0x00)}, {EcCurve::p384, p384_n},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(hex_encode(c.d));
    const Sec1 k{1, c.d,
                 oid_der(c.curve == EcCurve::p256 ? asn1::oids::secp256r1 : asn1::oids::secp384r1),
                 std::nullopt, 0};
    // 30 len | 02 01 01 | 04 len <d> @5 (the SEQUENCE's length fits one byte for both curves)
    expect_error(parse_ec_private_key_sec1_der(k.der()), 5, "ecPrivateKey.privateKey",
                 "must lie in [1, n−1]");
  }
  // n − 1 is the largest valid scalar.
  Bytes n_minus_1 = p256_n;
  n_minus_1.back() = static_cast<std::uint8_t>(n_minus_1.back() - 1);
  const Sec1 k{1, n_minus_1, oid_der(asn1::oids::secp256r1), std::nullopt, 0};
  auto key = parse_ec_private_key_sec1_der(k.der());
  ASSERT_TRUE(key) << key.error().to_string();
}

TEST(EcKeyIoNegative, Sec1PublicKeyMustMatch) {
  // Another valid point: the public key of d = 1, which is G.
  Bytes one(32, 0x00);
  one.back() = 1;
  auto g = EcPrivateKey::from_scalar(EcCurve::p256, one);
  ASSERT_TRUE(g);
  Sec1 k = sec1_p256();
  const ByteView g_point = g->public_key().uncompressed();
  k.point = Bytes(g_point.begin(), g_point.end());
  expect_error(parse_ec_private_key_sec1_der(k.der()), 53, "ecPrivateKey.publicKey",
               "publicKey does not match the private key");
  // A point off the curve (Y's last bit flipped).
  k.point = point_of(kP256);
  k.point->back() ^= 0x01;
  expect_error(parse_ec_private_key_sec1_der(k.der()), 53, "ecPrivateKey.publicKey",
               "not on P-256");
  // The right point, compressed: 03 ‖ X (Y is odd).
  k.point = point_of(kP256);
  k.point->resize(33);
  (*k.point)[0] = 0x03;
  expect_error(parse_ec_private_key_sec1_der(k.der()), 53, "ecPrivateKey.publicKey",
               "compressed EC points (first byte 0x03) are not supported");
}

TEST(EcKeyIoNegative, Sec1PublicKeyWithUnusedBits) {
  // P-384's Y ends in 0x20, so 1 unused bit is well-formed DER but not a whole-byte ECPoint.
  // 30 81 a4 | 02 01 01 @3 | 04 30 <d> @6 | a0 07 .. @56 | a1 64 @65 | BIT STRING @67
  const Sec1 k{1, hex(kP384.d), oid_der(asn1::oids::secp384r1), point_of(kP384), 1};
  expect_error(parse_ec_private_key_sec1_der(k.der()), 67, "ecPrivateKey.publicKey",
               "must have 0 unused bits, not 1 (RFC 5480 §2.2)");
}

// ---- SubjectPublicKeyInfo (RFC 5480) ------------------------------------------------------------
// P-256: 30 59 | 30 13 @2 | 06 07 <id-ecPublicKey> @4 | 06 08 <secp256r1> @13 | 03 42 @23
// P-384: 30 76 | 30 10 @2 | 06 07 <id-ecPublicKey> @4 | 06 05 <secp384r1> @13 | 03 62 @20

TEST(EcKeyIoNegative, SpkiPointsThatAreNotPublicKeys) {
  const Bytes alg = ec_algorithm(asn1::oids::secp256r1);
  const std::string path = "subjectPublicKeyInfo.subjectPublicKey";
  {  // off the curve
    Bytes p = point_of(kP256);
    p.back() ^= 0x01;
    expect_error(parse_ec_spki_der(spki(alg, p)), 23, path, "the EC point is not on P-256");
  }
  // compressed, as `openssl ec -conv_form compressed -pubout` writes it
  expect_error(parse_ec_spki_der(hex(ec_key_test::kP256CompressedSpkiDer)), 23, path,
               "compressed EC points (first byte 0x03) are not supported");
  {  // X = p: a coordinate outside the field
    Bytes p = point_of(kP256);
    const Bytes prime = hex(kP256Prime);
    std::copy(prime.begin(), prime.end(), p.begin() + 1);
    expect_error(parse_ec_spki_der(spki(alg, p)), 23, path, "not below the field prime p");
  }
  expect_error(parse_ec_spki_der(spki(alg, Bytes{0x00})), 23, path, "point at infinity");
  {  // hybrid form
    Bytes p = point_of(kP256);
    p[0] = 0x07;
    expect_error(parse_ec_spki_der(spki(alg, p)), 23, path, "hybrid point form (first byte 0x07)");
    p[0] = 0x05;
    expect_error(parse_ec_spki_der(spki(alg, p)), 23, path, "first byte must be 04");
  }
  {  // one byte short
    Bytes p = point_of(kP256);
    p.pop_back();
    expect_error(parse_ec_spki_der(spki(alg, p)), 23, path,
                 "an uncompressed P-256 point is 65 bytes (04 ‖ X ‖ Y), not 64");
  }
  expect_error(parse_ec_spki_der(spki(alg, Bytes{})), 23, path, "the EC point is empty");
  // Nonzero unused bits: P-384's point ends in an even byte, so 1 unused bit is valid DER.
  expect_error(parse_ec_spki_der(spki(ec_algorithm(asn1::oids::secp384r1), point_of(kP384), 1)), 20,
               path, "must have 0 unused bits, not 1");
}

TEST(EcKeyIoNegative, SpkiWrongCurveForThePoint) {
  // A P-256 point filed under secp384r1: the BIT STRING (@20) has the other curve's size.
  expect_error(parse_ec_spki_der(spki(ec_algorithm(asn1::oids::secp384r1), point_of(kP256))), 20,
               "subjectPublicKeyInfo.subjectPublicKey",
               "an uncompressed P-384 point is 97 bytes (04 ‖ X ‖ Y), not 65");
  // And a P-384 point under secp256r1 (@23).
  expect_error(parse_ec_spki_der(spki(ec_algorithm(asn1::oids::secp256r1), point_of(kP384))), 23,
               "subjectPublicKeyInfo.subjectPublicKey", "not 97");
}

TEST(EcKeyIoNegative, SpkiAlgorithmAndParameters) {
  const Bytes point = point_of(kP256);
  const std::string parameters = "subjectPublicKeyInfo.algorithm.parameters";
  // Unknown curve OID, at 13.
  expect_error(parse_ec_spki_der(spki(ec_algorithm(asn1::oids::secp521r1), point)), 13, parameters,
               "unsupported named curve 1.3.132.0.35 (secp521r1); glasstls supports P-256");
  // Parameters absent: RFC 5480 §2.1.1 says they MUST be present; the error sits at the end of
  // the AlgorithmIdentifier (13).
  expect_error(parse_ec_spki_der(spki(oid_der(asn1::oids::id_ecPublicKey), point)), 13, parameters,
               "ECParameters naming the curve is missing");
  {  // implicitCurve
    Bytes alg = oid_der(asn1::oids::id_ecPublicKey);
    alg.push_back(0x05);
    alg.push_back(0x00);
    expect_error(parse_ec_spki_der(spki(alg, point)), 13, parameters, "implicitCurve (NULL)");
  }
  // specifiedCurve, as `openssl ec -param_enc explicit -pubout` writes it:
  // 30 82 01 4b | 30 82 01 03 @4 | 06 07 <id-ecPublicKey> @8 | 30 81 f7 @17
  expect_error(parse_ec_spki_der(hex(ec_key_test::kP256ExplicitSpkiDer)), 17, parameters,
               "specifiedCurve (explicit curve parameters) is not accepted");
  {  // Another algorithm: rsaEncryption (with the curve as parameters, to isolate the check).
    Bytes alg = oid_der(asn1::oids::rsaEncryption);
    const Bytes curve = oid_der(asn1::oids::secp256r1);
    alg.insert(alg.end(), curve.begin(), curve.end());
    expect_error(parse_ec_spki_der(spki(alg, point)), 4, "subjectPublicKeyInfo.algorithm.algorithm",
                 "algorithm is 1.2.840.113549.1.1.1 (rsaEncryption), not id-ecPublicKey");
  }
  {  // Something after the namedCurve inside the AlgorithmIdentifier (05 00 at 23).
    Bytes alg = ec_algorithm(asn1::oids::secp256r1);
    alg.push_back(0x05);
    alg.push_back(0x00);
    expect_error(parse_ec_spki_der(spki(alg, point)), 23, "subjectPublicKeyInfo.algorithm",
                 "trailing bytes");
  }
}

// ---- PKCS#8 / OneAsymmetricKey (RFC 5958) -------------------------------------------------------
// OpenSSL's P-256 file: 30 81 87 | 02 01 00 @3 | 30 13 @6 (06 07 @8, 06 08 <curve> @17) |
// 04 6d @27 | ECPrivateKey @29: 30 6b | 02 01 01 @31 | 04 20 <d> @34 | a1 44 @68 | 03 42 @70

TEST(EcKeyIoNegative, Pkcs8WrongVersions) {
  Bytes outer = hex(kP256.pkcs8_der);
  outer[5] = 2;
  expect_error(parse_ec_private_key_pkcs8_der(outer), 3, "privateKeyInfo.version",
               "v1 (0) or v2 (1), not 2");
  Bytes inner = hex(kP256.pkcs8_der);
  inner[33] = 0;
  expect_error(parse_ec_private_key_pkcs8_der(inner), 31,
               "privateKeyInfo.privateKey.ecPrivateKey.version", "ecPrivkeyVer1 (1), not 0");
}

TEST(EcKeyIoNegative, Pkcs8OuterAndInnerCurvesDisagree) {
  // Outer secp256r1; inner ECPrivateKey with a 32-byte d but [0] naming secp384r1.
  //   30 4a | 02 01 00 @2 | 30 13 @5 | 04 30 @26 | inner @28: 30 2e | 02 01 01 | 04 20 <d> |
  //   a0 07 @28+39 = 67
  const Sec1 inner{1, hex(kP256.d), oid_der(asn1::oids::secp384r1), std::nullopt, 0};
  const Bytes der = pkcs8(0, oid_der(asn1::oids::secp256r1), inner.der());
  expect_error(parse_ec_private_key_pkcs8_der(der), 67,
               "privateKeyInfo.privateKey.ecPrivateKey.parameters",
               "parameters [0] names P-384 but the privateKeyAlgorithm names P-256");
}

TEST(EcKeyIoNegative, Pkcs8InnerKeyOfTheOtherCurve) {
  // Outer secp384r1 around OpenSSL's inner P-256 ECPrivateKey (no [0], 109 bytes):
  //   30 81 84 | 02 01 00 @3 | 30 10 @6 | 04 6d @24 | inner @26: 30 6b | 02 01 01 | 04 20 @31
  const Bytes p256 = hex(kP256.pkcs8_der);
  const Bytes inner(p256.begin() + 29, p256.end());
  const Bytes der = pkcs8(0, oid_der(asn1::oids::secp384r1), inner);
  expect_error(parse_ec_private_key_pkcs8_der(der), 31,
               "privateKeyInfo.privateKey.ecPrivateKey.privateKey",
               "a P-384 privateKey must be exactly 48 bytes (RFC 5915 §3), not 32");
}

TEST(EcKeyIoNegative, Pkcs8InnerProblemsAreLocatedInTheWholeFile) {
  {  // The inner publicKey off the curve: its BIT STRING is at 70.
    Bytes der = hex(kP256.pkcs8_der);
    der.back() ^= 0x01;
    expect_error(parse_ec_private_key_pkcs8_der(der), 70,
                 "privateKeyInfo.privateKey.ecPrivateKey.publicKey", "not on P-256");
  }
  {  // A byte after the ECPrivateKey inside privateKey: 30 81 88 | ... | 04 6e @27 | inner @29
     // (109 bytes) | 00 @138.
    const Bytes p256 = hex(kP256.pkcs8_der);
    Bytes inner(p256.begin() + 29, p256.end());
    inner.push_back(0x00);
    expect_error(parse_ec_private_key_pkcs8_der(pkcs8(0, oid_der(asn1::oids::secp256r1), inner)),
                 138, "privateKeyInfo.privateKey.ecPrivateKey", "trailing bytes");
  }
  {  // Not an id-ecPublicKey key at all: RFC 8410 §10.3's Ed25519 key (algorithm OID at 7).
    const Bytes ed25519 = hex(
        "302e020100300506032b657004220420d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f"
        "44755842");
    expect_error(parse_ec_private_key_pkcs8_der(ed25519), 7,
                 "privateKeyInfo.privateKeyAlgorithm.algorithm",
                 "algorithm is 1.3.101.112 (id-Ed25519), not id-ecPublicKey");
  }
  {  // An unknown curve in the outer AlgorithmIdentifier (at 17).
    Bytes der = hex(kP256.pkcs8_der);
    der[26] ^= 0x01;  // secp256r1's last arc 7 → 6: 1.2.840.10045.3.1.6
    expect_error(parse_ec_private_key_pkcs8_der(der), 17,
                 "privateKeyInfo.privateKeyAlgorithm.parameters",
                 "unsupported named curve 1.2.840.10045.3.1.6");
  }
}

TEST(EcKeyIoNegative, Pkcs8OuterPublicKey) {
  // OpenSSL's inner ECPrivateKey (109 bytes); the OneAsymmetricKey's own publicKey [1] follows
  // privateKey at 3 + 3 + 21 + 2 + 109 = 138.
  const Bytes p256 = hex(kP256.pkcs8_der);
  const Bytes inner(p256.begin() + 29, p256.end());
  const Bytes curve = oid_der(asn1::oids::secp256r1);
  expect_error(parse_ec_private_key_pkcs8_der(pkcs8(0, curve, inner, point_of(kP256))), 138,
               "privateKeyInfo.publicKey", "only allowed in a version v2 (1) key");
  expect_error(parse_ec_private_key_pkcs8_der(pkcs8(1, curve, inner)), 138,
               "privateKeyInfo.publicKey", "must carry publicKey");
  Bytes one(32, 0x00);
  one.back() = 1;
  auto g = EcPrivateKey::from_scalar(EcCurve::p256, one);
  ASSERT_TRUE(g);
  const ByteView g_point = g->public_key().uncompressed();
  expect_error(
      parse_ec_private_key_pkcs8_der(pkcs8(1, curve, inner, Bytes(g_point.begin(), g_point.end()))),
      138, "privateKeyInfo.publicKey", "publicKey does not match the private key");
  auto ok = parse_ec_private_key_pkcs8_der(pkcs8(1, curve, inner, point_of(kP256)));
  EXPECT_TRUE(ok) << ok.error().to_string();
}

// ---- PEM ----------------------------------------------------------------------------------------

TEST(EcKeyIoNegative, EcParametersBlockMustMatchAndPrecedeTheKey) {
  {  // secp384r1 parameters before a P-256 key: reported on the parameters block.
    auto r = parse_ec_private_key_pem(std::string(ec_key_test::kEcParametersP384Pem) +
                                      std::string(kP256.sec1_pem));
    expect_error(r, 0, "ecParameters",
                 "the \"EC PARAMETERS\" block names P-384 but the key is a P-256 key");
    if (!r) {
      EXPECT_EQ(r.error().pem_line, 1u);
    }
  }
  {  // Spelled-out parameters.
    auto r = parse_ec_private_key_sec1_pem(std::string(ec_key_test::kEcParametersExplicitP256Pem) +
                                           std::string(kP256.sec1_pem));
    expect_error(r, 0, "ecParameters", "specifiedCurve");
    if (!r) {
      EXPECT_EQ(r.error().pem_line, 1u);
    }
  }
  expect_pem_error(parse_ec_private_key_pem(ec_key_test::kEcParametersP256Pem), 1,
                   "block holds no key");
  // Parameters, then a PKCS#8 key (whose second BEGIN is on line 4).
  expect_pem_error(parse_ec_private_key_pem(std::string(ec_key_test::kEcParametersP256Pem) +
                                            std::string(kP256.pkcs8_pem)),
                   4, "must be labelled \"EC PRIVATE KEY\", not \"PRIVATE KEY\"");
  // The key, then the parameters: only the order openssl writes is accepted.
  expect_pem_error(parse_ec_private_key_pem(std::string(kP256.sec1_pem) +
                                            std::string(ec_key_test::kEcParametersP256Pem)),
                   6, "found another block after it");
}

TEST(EcKeyIoNegative, WrongPemBlocks) {
  expect_pem_error(parse_ec_private_key_sec1_pem(kP256.pkcs8_pem), 1,
                   "PEM label \"PRIVATE KEY\" is not an EC private key labelled \"EC PRIVATE "
                   "KEY\"");
  expect_pem_error(parse_ec_private_key_pkcs8_pem(kP256.sec1_pem), 1,
                   "PEM label \"EC PRIVATE KEY\" is not an EC private key labelled \"PRIVATE "
                   "KEY\"");
  expect_pem_error(parse_ec_private_key_pem(kP256.spki_pem), 1,
                   "PEM label \"PUBLIC KEY\" is not an EC private key labelled \"EC PRIVATE KEY\" "
                   "or \"PRIVATE KEY\"");
  expect_pem_error(parse_ec_public_key_pem(kP256.sec1_pem), 1,
                   "PEM label \"EC PRIVATE KEY\" is not an EC public key");
  expect_pem_error(parse_ec_private_key_pem("no key here\n"), 1, "no PEM block found");
  expect_pem_error(parse_ec_public_key_pem(""), 1, "no PEM block found");
  // Two keys in one file (the second BEGIN on line 6; after a public key's 4 lines, on line 5).
  expect_pem_error(
      parse_ec_private_key_pem(std::string(kP256.sec1_pem) + std::string(kP256.sec1_pem)), 6,
      "found another block after it");
  expect_pem_error(
      parse_ec_public_key_pem(std::string(kP256.spki_pem) + std::string(kP384.spki_pem)), 5,
      "expected exactly one PEM block");
  expect_pem_error(parse_ec_private_key_pem(asn1::pem_encode("ENCRYPTED PRIVATE KEY", hex("3000"))),
                   1, "encrypted private keys");
  // Label and contents disagree: a PKCS#8 body under "EC PRIVATE KEY" fails as SEC1 (the version
  // INTEGER is 0; the DER error keeps the block's line).
  auto r = parse_ec_private_key_pem(asn1::pem_encode("EC PRIVATE KEY", hex(kP256.pkcs8_der)));
  expect_error(r, 3, "ecPrivateKey.version", "ecPrivkeyVer1 (1), not 0");
  if (!r) {
    EXPECT_EQ(r.error().pem_line, 1u);
    EXPECT_EQ(
        r.error().to_string().rfind("PEM block at line 1: ecPrivateKey.version at byte 3:", 0), 0u)
        << r.error().to_string();
  }
}

}  // namespace
}  // namespace glasstls::crypto
