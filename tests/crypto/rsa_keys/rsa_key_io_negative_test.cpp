// RSA key files that must be refused, each with an error that says where (offset and path) and
// why: truncation, trailing bytes, wrong PEM labels, multi-prime keys, negative or zero numbers,
// other key algorithms, and every rule of RFC 4055 §3.1's PSS parameters.
#include <cstdint>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "rsa_key_test_data.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

using rsa_key_test::kPssSha256Params;
using rsa_key_test::rfc8448_key;
using test::hex;

// RFC 7468 §10 Figure 12 and §13 Figure 15: an EC private key (PKCS#8) and an EC public key
// (SubjectPublicKeyInfo), both under id-ecPublicKey.
constexpr const char* kRfc7468EcPrivateKey =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGEAgEAMBAGByqGSM49AgEGBSuBBAAKBG0wawIBAQQgVcB/UNPxalR9zDYAjQIf\n"
    "jojUDiQuGnSJrFEEzZPT/92hRANCAASc7UJtgnF/abqWM60T3XNJEzBv5ez9TdwK\n"
    "H0M6xpM2q+53wmsN/eYLdgtjgBd3DBmHtPilCkiFICXyaA8z9LkJ\n"
    "-----END PRIVATE KEY-----\n";
constexpr const char* kRfc7468EcPublicKey =
    "-----BEGIN PUBLIC KEY-----\n"
    "MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEn1LlwLN/KBYQRVH6HfIMTzfEqJOVztLe\n"
    "kLchp2hi78cCaMY81FBlYs8J9l7krc+M4aBeCGYFjba+hiXttJWPL7ydlE+5UG4U\n"
    "Nkn3Eos8EiZByi9DVsyfy9eejh+8AXgp\n"
    "-----END PUBLIC KEY-----\n";

// Checks that parsing fails with an error at `offset`, on `path`, whose reason contains `words`.
template <class R>
void expect_error(const R& result, std::size_t offset, const std::string& path,
                  const std::string& words) {
  ASSERT_FALSE(result.ok());
  const KeyParseError& e = result.error();
  EXPECT_EQ(e.offset, offset) << e.to_string();
  EXPECT_EQ(e.path, path) << e.to_string();
  EXPECT_NE(e.reason.find(words), std::string::npos) << e.to_string();
}

// ---- every strict prefix, and trailing bytes ----------------------------------------------------

template <class Parse>
void expect_prefixes_rejected(const Bytes& der, Parse parse) {
  for (std::size_t n = 0; n < der.size(); ++n) {
    auto r = parse(ByteView(der.data(), n));
    ASSERT_FALSE(r.ok()) << "prefix of " << n << " bytes accepted";
    EXPECT_FALSE(r.error().path.empty()) << r.error().to_string();
    EXPECT_LE(r.error().offset, n) << r.error().to_string();
  }
  ASSERT_TRUE(parse(der).ok());
  Bytes longer = der;
  longer.push_back(0x00);
  auto r = parse(longer);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, der.size()) << r.error().to_string();
  EXPECT_NE(r.error().reason.find("trailing"), std::string::npos) << r.error().to_string();
}

TEST(RsaKeyIoNegative, EveryStrictPrefixAndTrailingByteRejected) {
  const RsaPrivateKeyParts key = rfc8448_key();
  const RsaPssParams pss{HashAlg::sha256, HashAlg::sha256, 32};
  expect_prefixes_rejected(write_rsa_private_key_pkcs1_der(key), parse_rsa_private_key_pkcs1_der);
  expect_prefixes_rejected(write_rsa_private_key_pkcs8_der(key), parse_rsa_private_key_pkcs8_der);
  expect_prefixes_rejected(write_rsa_private_key_pkcs8_der(key, pss),
                           parse_rsa_private_key_pkcs8_der);
  expect_prefixes_rejected(write_rsa_public_key_pkcs1_der(key.public_parts()),
                           parse_rsa_public_key_pkcs1_der);
  expect_prefixes_rejected(write_rsa_spki_der(key.public_parts()), parse_rsa_spki_der);
  expect_prefixes_rejected(write_rsa_spki_der(key.public_parts(), true, pss), parse_rsa_spki_der);
  expect_prefixes_rejected(hex(kPssSha256Params), parse_rsassa_pss_params_der);
}

TEST(RsaKeyIoNegative, TrailingBytesInsideContainers) {
  // An RSAPublicKey followed by one more byte inside the SPKI's BIT STRING: the error is placed
  // in the whole input (offset of the stray byte) and named through the BIT STRING.
  const Bytes inner = hex("30 06 02 01 0b 02 01 03 00");
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {
    s.raw(hex("30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00"));
    s.bit_string(inner);
  });
  // 30 1b | 30 0d ... (15 bytes) | 03 0a 00 | 30 06 02 01 0b 02 01 03 | 00
  expect_error(parse_rsa_spki_der(w.data()), 2 + 15 + 3 + 8,
               "subjectPublicKeyInfo.subjectPublicKey.rsaPublicKey", "trailing");
}

// ---- PEM ----------------------------------------------------------------------------------------

TEST(RsaKeyIoNegative, WrongPemLabels) {
  const RsaPrivateKeyParts key = rfc8448_key();
  const Bytes der = write_rsa_private_key_pkcs1_der(key);
  {
    auto r = parse_rsa_private_key_pem(asn1::pem_encode("CERTIFICATE", der));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().path, "pem");
    EXPECT_EQ(r.error().pem_line, 1u);
    EXPECT_NE(r.error().reason.find("\"CERTIFICATE\""), std::string::npos) << r.error().reason;
    EXPECT_NE(r.error().reason.find("\"RSA PRIVATE KEY\""), std::string::npos);
  }
  {  // A public key where a private key is expected, and the other way round.
    auto r = parse_rsa_private_key_pem(write_rsa_public_key_pem(key.public_parts()));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().reason.find("\"PUBLIC KEY\""), std::string::npos) << r.error().reason;
    auto s = parse_rsa_public_key_pem(write_rsa_private_key_pem(key));
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().reason.find("\"PRIVATE KEY\" is not"), std::string::npos)
        << s.error().reason;
  }
  {  // Label and contents disagree: PKCS#1 DER under the PKCS#8 label.
    auto r = parse_rsa_private_key_pem(asn1::pem_encode("PRIVATE KEY", der));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().pem_line, 1u);
    EXPECT_EQ(r.error().path, "privateKeyInfo.privateKeyAlgorithm");
    EXPECT_NE(r.error().to_string().find("PEM block at line 1: "), std::string::npos);
  }
  {
    auto r = parse_rsa_private_key_pem(asn1::pem_encode("ENCRYPTED PRIVATE KEY", der));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().reason.find("not supported"), std::string::npos) << r.error().reason;
  }
  {
    auto r = parse_rsa_private_key_pem("no key here\n");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().reason.find("no PEM block"), std::string::npos) << r.error().reason;
  }
  {
    const std::string two = write_rsa_private_key_pem(key) + write_rsa_private_key_pem(key);
    auto r = parse_rsa_private_key_pem(two);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().reason.find("exactly one"), std::string::npos) << r.error().reason;
  }
  {  // A PEM-level error (BEGIN without END) is reported with its line.
    auto r = parse_rsa_public_key_pem("\n-----BEGIN PUBLIC KEY-----\nAAAA\n");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().path, "pem");
    EXPECT_EQ(r.error().pem_line, 2u);
  }
}

// ---- RSAPrivateKey and RSAPublicKey ------------------------------------------------------------

TEST(RsaKeyIoNegative, MultiPrimeAndUnknownVersions) {
  Bytes der = write_rsa_private_key_pkcs1_der(rfc8448_key());
  ASSERT_EQ(Bytes(der.begin() + 4, der.begin() + 7), hex("02 01 00"));
  der[6] = 1;  // version multi(1)
  expect_error(parse_rsa_private_key_pkcs1_der(der), 4, "rsaPrivateKey.version",
               "multi-prime RSA keys are not supported");
  der[6] = 2;
  expect_error(parse_rsa_private_key_pkcs1_der(der), 4, "rsaPrivateKey.version",
               "must be 0 (two-prime)");
}

TEST(RsaKeyIoNegative, OtherPrimeInfosWithVersionZero) {
  // A two-prime key with something after coefficient (as otherPrimeInfos would be).
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {
    s.integer(0);
    for (int i = 0; i < 8; ++i) s.integer(3);
    s.sequence([&](asn1::DerWriter&) {});
  });
  expect_error(parse_rsa_private_key_pkcs1_der(w.data()), 2 + 3 + 8 * 3,
               "rsaPrivateKey.otherPrimeInfos", "otherPrimeInfos");
}

TEST(RsaKeyIoNegative, NegativeAndZeroNumbers) {
  // RSAPublicKey { modulus -32767 (02 02 80 01), publicExponent 3 }.
  expect_error(parse_rsa_public_key_pkcs1_der(hex("30 07 02 02 80 01 02 01 03")), 2,
               "rsaPublicKey.modulus", "negative");
  expect_error(parse_rsa_public_key_pkcs1_der(hex("30 06 02 01 0b 02 01 00")), 5,
               "rsaPublicKey.publicExponent", "zero");
  // A negative prime in an RSAPrivateKey.
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {
    s.integer(0);
    for (int i = 0; i < 3; ++i) s.integer(7);
    s.integer(-7);  // prime1
    for (int i = 0; i < 4; ++i) s.integer(7);
  });
  expect_error(parse_rsa_private_key_pkcs1_der(w.data()), 2 + 3 + 3 * 3, "rsaPrivateKey.prime1",
               "negative");
  // Non-minimal INTEGER (X.690 §8.3.2), caught by the DER layer.
  auto r = parse_rsa_public_key_pkcs1_der(hex("30 07 02 02 00 0b 02 01 03"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "rsaPublicKey.modulus");
}

// ---- algorithm identifiers ----------------------------------------------------------------------

TEST(RsaKeyIoNegative, EcKeysNameTheirAlgorithm) {
  auto r = parse_rsa_private_key_pem(kRfc7468EcPrivateKey);
  ASSERT_FALSE(r.ok());
  // 30 81 84 | 02 01 00 | 30 10 | 06 07 2a 86 48 ce 3d 02 01 ...: the OID is at byte 8.
  EXPECT_EQ(r.error().offset, 8u);
  EXPECT_EQ(r.error().path, "privateKeyInfo.privateKeyAlgorithm.algorithm");
  EXPECT_NE(r.error().reason.find("unsupported key algorithm 1.2.840.10045.2.1 (id-ecPublicKey)"),
            std::string::npos)
      << r.error().reason;
  auto s = parse_rsa_public_key_pem(kRfc7468EcPublicKey);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().offset, 4u);
  EXPECT_EQ(s.error().path, "subjectPublicKeyInfo.algorithm.algorithm");
  EXPECT_NE(s.error().reason.find("1.2.840.10045.2.1 (id-ecPublicKey)"), std::string::npos);
}

Bytes spki_with_algorithm(const Bytes& algorithm_identifier) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {
    s.raw(algorithm_identifier);
    s.bit_string(hex("30 06 02 01 0b 02 01 03"));
  });
  return w.take();
}

TEST(RsaKeyIoNegative, AlgorithmParameters) {
  // rsaEncryption without its NULL (RFC 3279 §2.3.1).
  expect_error(
      parse_rsa_spki_der(spki_with_algorithm(hex("30 0b 06 09 2a 86 48 86 f7 0d 01 01 01"))), 15,
      "subjectPublicKeyInfo.algorithm.parameters", "must be NULL");
  // id-RSASSA-PSS with NULL instead of absent or RSASSA-PSS-params (RFC 4055 §3.1).
  expect_error(
      parse_rsa_spki_der(spki_with_algorithm(hex("30 0d 06 09 2a 86 48 86 f7 0d 01 01 0a 05 00"))),
      15, "subjectPublicKeyInfo.algorithm.parameters", "absent or RSASSA-PSS-params");
  // The same rules hold in PKCS#8.
  Bytes pkcs8 = write_rsa_private_key_pkcs8_der(rfc8448_key());
  ASSERT_EQ(pkcs8[19], 0x01);
  pkcs8[19] = 0x0b;  // the last OID byte of rsaEncryption: now sha256WithRSAEncryption
  expect_error(parse_rsa_private_key_pkcs8_der(pkcs8), 9,
               "privateKeyInfo.privateKeyAlgorithm.algorithm", "sha256WithRSAEncryption");
}

TEST(RsaKeyIoNegative, SpkiBitStringWithUnusedBits) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {
    s.raw(hex("30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00"));
    s.bit_string(hex("30 06 02 01 0b 02 01 02"), 1);
  });
  auto r = parse_rsa_spki_der(w.data());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "subjectPublicKeyInfo.subjectPublicKey");
}

// ---- PKCS#8 versions and publicKey --------------------------------------------------------------

Bytes pkcs8_with(std::int64_t version, const std::optional<RsaPublicKeyParts>& pub) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {
    s.integer(version);
    s.raw(hex("30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00"));
    s.octet_string(write_rsa_private_key_pkcs1_der(rfc8448_key()));
    if (pub) {
      Bytes bits{0x00};
      const Bytes der = write_rsa_public_key_pkcs1_der(*pub);
      bits.insert(bits.end(), der.begin(), der.end());
      s.implicit_primitive(1, bits);
    }
  });
  return w.take();
}

TEST(RsaKeyIoNegative, Pkcs8VersionsAndPublicKey) {
  const RsaPublicKeyParts pub = rfc8448_key().public_parts();
  const std::size_t end = 4 + 3 + 15 + 4 + 608;  // where publicKey starts
  ASSERT_TRUE(parse_rsa_private_key_pkcs8_der(pkcs8_with(1, pub)).ok());
  expect_error(parse_rsa_private_key_pkcs8_der(pkcs8_with(2, std::nullopt)), 4,
               "privateKeyInfo.version", "v1 (0) or v2 (1)");
  expect_error(parse_rsa_private_key_pkcs8_der(pkcs8_with(0, pub)), end, "privateKeyInfo.publicKey",
               "only allowed in a version v2");
  expect_error(parse_rsa_private_key_pkcs8_der(pkcs8_with(1, std::nullopt)), end,
               "privateKeyInfo.publicKey", "must carry publicKey");
  RsaPublicKeyParts other = pub;
  other.e = hex("03");
  expect_error(parse_rsa_private_key_pkcs8_der(pkcs8_with(1, other)), end,
               "privateKeyInfo.publicKey", "does not match");
}

TEST(RsaKeyIoNegative, Pkcs8InnerErrorsAreLocatedInTheWholeInput) {
  Bytes der = write_rsa_private_key_pkcs8_der(rfc8448_key());
  // 30 82 02 76 | 02 01 00 | AlgorithmIdentifier (15) | 04 82 02 60 | 30 82 02 5c | 02 01 00
  const std::size_t version_at = 4 + 3 + 15 + 4 + 4;
  ASSERT_EQ(der[version_at + 2], 0x00);
  der[version_at + 2] = 0x01;
  expect_error(parse_rsa_private_key_pkcs8_der(der), version_at,
               "privateKeyInfo.privateKey.rsaPrivateKey.version", "multi-prime");
}

// ---- RSASSA-PSS-params --------------------------------------------------------------------------

TEST(RsaKeyIoNegative, PssTrailerFieldMustBeOne) {
  expect_error(parse_rsassa_pss_params_der(hex("30 05 a3 03 02 01 02")), 4,
               "rsassaPssParams.trailerField", "trailerField must be 1");
}

TEST(RsaKeyIoNegative, PssUnsupportedHashes) {
  // hashAlgorithm [0] sha224Identifier: in RFC 4055 §2.1, not in glasstls.
  expect_error(
      parse_rsassa_pss_params_der(hex("30 11 a0 0f 30 0d 06 09 60 86 48 01 65 03 04 02 04 05 00")),
      6, "rsassaPssParams.hashAlgorithm.algorithm", "SHA-224");
  // MD5 (1.2.840.113549.2.5) as the hash, and as MGF1's hash.
  expect_error(
      parse_rsassa_pss_params_der(hex("30 10 a0 0e 30 0c 06 08 2a 86 48 86 f7 0d 02 05 05 00")), 6,
      "rsassaPssParams.hashAlgorithm.algorithm", "unsupported hash algorithm 1.2.840.113549.2.5");
  expect_error(parse_rsassa_pss_params_der(hex("30 1d a1 1b 30 19 06 09 2a 86 48 86 f7 0d 01 01 08"
                                               " 30 0c 06 08 2a 86 48 86 f7 0d 02 05 05 00")),
               19, "rsassaPssParams.maskGenAlgorithm.parameters.algorithm", "1.2.840.113549.2.5");
}

TEST(RsaKeyIoNegative, PssMaskGenerationMustBeMgf1) {
  // maskGenAlgorithm [1] { id-RSAES-OAEP (pkcs-1 7), sha256Identifier }: not id-mgf1.
  expect_error(parse_rsassa_pss_params_der(hex("30 1e a1 1c 30 1a 06 09 2a 86 48 86 f7 0d 01 01 07"
                                               " 30 0d 06 09 60 86 48 01 65 03 04 02 01 05 00")),
               6, "rsassaPssParams.maskGenAlgorithm.algorithm", "only id-mgf1");
  // id-mgf1 without its hash parameter.
  auto r = parse_rsassa_pss_params_der(hex("30 0f a1 0d 30 0b 06 09 2a 86 48 86 f7 0d 01 01 08"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "rsassaPssParams.maskGenAlgorithm.parameters");
}

TEST(RsaKeyIoNegative, PssHashParametersMustBeNullOrAbsent) {
  // sha256 with parameters INTEGER 0.
  expect_error(parse_rsassa_pss_params_der(
                   hex("30 12 a0 10 30 0e 06 09 60 86 48 01 65 03 04 02 01 02 01 00")),
               17, "rsassaPssParams.hashAlgorithm.parameters", "NULL or absent");
  // The same inside MGF1.
  expect_error(parse_rsassa_pss_params_der(hex("30 1f a1 1d 30 1b 06 09 2a 86 48 86 f7 0d 01 01 08"
                                               " 30 0e 06 09 60 86 48 01 65 03 04 02 01 02 01 00")),
               30, "rsassaPssParams.maskGenAlgorithm.parameters.parameters", "NULL or absent");
}

TEST(RsaKeyIoNegative, PssFieldsOutOfOrderOrNegativeSalt) {
  // saltLength [2] before hashAlgorithm [0]: the [0] is left over.
  auto r = parse_rsassa_pss_params_der(
      hex("30 16 a2 03 02 01 20 a0 0f 30 0d 06 09 60 86 48 01 65 03 04 02 01 05 00"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().offset, 7u) << r.error().to_string();
  expect_error(parse_rsassa_pss_params_der(hex("30 05 a2 03 02 01 ff")), 4,
               "rsassaPssParams.saltLength", "negative");
  // A [2] that is not EXPLICIT (primitive context tag): rejected by tag.
  EXPECT_FALSE(parse_rsassa_pss_params_der(hex("30 03 82 01 20")).ok());
}

TEST(RsaKeyIoNegative, PssParamsInsideSpkiAreLocatedInTheWholeInput) {
  // id-RSASSA-PSS with params whose trailerField is 2.
  const Bytes spki =
      spki_with_algorithm(hex("30 12 06 09 2a 86 48 86 f7 0d 01 01 0a 30 05 a3 03 02 01 02"));
  expect_error(parse_rsa_spki_der(spki), 2 + 2 + 11 + 4,
               "subjectPublicKeyInfo.algorithm.parameters.trailerField", "trailerField must be 1");
}

}  // namespace
}  // namespace glasstls::crypto
