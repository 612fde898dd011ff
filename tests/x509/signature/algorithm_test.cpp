// Signature AlgorithmIdentifiers (RFC 5280 §4.1.1.2): every supported one written and read back,
// the parameter rules of RFC 4055 §5 (NULL or absent), RFC 5758 §3.2 and RFC 8410 §6 (absent),
// RFC 4055 §3.1 (PSS parameters present), and unsupported OIDs named in the error.
#include <gtest/gtest.h>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/x509/signing_key.hpp"
#include "support/test_support.hpp"
#include "x509/signature/test_keys.hpp"

namespace glasstls::x509 {
namespace {

using Kind = SignatureAlgorithm::Kind;
using crypto::HashAlg;

// Reads one AlgorithmIdentifier that must fill the whole input.
Result<SignatureAlgorithm, asn1::DerError> read(ByteView der) {
  asn1::Der input(der);
  asn1::DerReader root = input.root();
  SignatureAlgorithm alg = read_signature_algorithm(root, "signatureAlgorithm");
  root.finish();
  if (!input.ok()) return Err(input.error());
  return alg;
}

Bytes write(const SignatureAlgorithm& alg) {
  asn1::DerWriter w;
  write_signature_algorithm(w, alg);
  return w.take();
}

struct Expected {
  Kind kind;
  HashAlg hash;
  const char* der_hex;
  const char* name;
};

// The encodings, from the OIDs of RFC 4055 §5 and RFC 3279 §2.2.1 (pkcs-1 5, 11, 12, 13 with
// NULL), RFC 5758 §3.2 and RFC 3279 §2.2.3 (ansi-X9-62 signatures, no parameters) and RFC 8410
// §3 (1.3.101.112, no parameters).
const Expected kExpected[] = {
    {Kind::rsa_pkcs1, HashAlg::sha1, "300d06092a864886f70d0101050500", "sha1WithRSAEncryption"},
    {Kind::rsa_pkcs1, HashAlg::sha256, "300d06092a864886f70d01010b0500", "sha256WithRSAEncryption"},
    {Kind::rsa_pkcs1, HashAlg::sha384, "300d06092a864886f70d01010c0500", "sha384WithRSAEncryption"},
    {Kind::rsa_pkcs1, HashAlg::sha512, "300d06092a864886f70d01010d0500", "sha512WithRSAEncryption"},
    {Kind::ecdsa, HashAlg::sha1, "300906072a8648ce3d0401", "ecdsa-with-SHA1"},
    {Kind::ecdsa, HashAlg::sha256, "300a06082a8648ce3d040302", "ecdsa-with-SHA256"},
    {Kind::ecdsa, HashAlg::sha384, "300a06082a8648ce3d040303", "ecdsa-with-SHA384"},
    {Kind::ecdsa, HashAlg::sha512, "300a06082a8648ce3d040304", "ecdsa-with-SHA512"},
    {Kind::ed25519, HashAlg::sha512, "300506032b6570", "Ed25519"},
};

TEST(SignatureAlgorithm, EverySupportedOneRoundTrips) {
  for (const Expected& e : kExpected) {
    SCOPED_TRACE(e.name);
    const SignatureAlgorithm made = make_signature_algorithm(e.kind, e.hash);
    EXPECT_EQ(hex_encode(made.der), e.der_hex);
    EXPECT_EQ(write(made), made.der);
    EXPECT_EQ(made.to_string(), e.name);
    auto back = read(test::hex(e.der_hex));
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(back->kind, e.kind);
    EXPECT_EQ(back->hash, e.hash);
    EXPECT_EQ(back->der, made.der);
    EXPECT_EQ(back->to_string(), e.name);
  }
}

// RFC 4055 §5: "the parameters MUST be NULL. Implementations MUST accept the parameters being
// absent as well as present." The DER is kept as it came (for the outer == inner comparison),
// and the writer always writes NULL.
TEST(SignatureAlgorithm, RsaPkcs1AcceptsAbsentParametersButWritesNull) {
  const Bytes absent = test::hex("300b06092a864886f70d01010b");
  auto alg = read(absent);
  ASSERT_TRUE(alg.ok()) << alg.error().to_string();
  EXPECT_EQ(alg->kind, Kind::rsa_pkcs1);
  EXPECT_EQ(alg->hash, HashAlg::sha256);
  EXPECT_EQ(alg->der, absent);
  EXPECT_EQ(hex_encode(write(*alg)), "300d06092a864886f70d01010b0500");
}

TEST(SignatureAlgorithm, RsaPkcs1RefusesOtherParameters) {
  auto alg = read(test::hex("300e06092a864886f70d01010b020100"));  // INTEGER 0 as parameters
  ASSERT_FALSE(alg.ok());
  EXPECT_EQ(alg.error().offset, 13u);
  EXPECT_EQ(alg.error().path, "signatureAlgorithm.parameters");
  EXPECT_NE(alg.error().reason.find("NULL or absent (RFC 4055 §5)"), std::string::npos)
      << alg.error().reason;
}

// RFC 5758 §3.2: "the encoding MUST omit the parameters field".
TEST(SignatureAlgorithm, EcdsaRefusesNullParameters) {
  auto alg = read(test::hex("300c06082a8648ce3d0403020500"));
  ASSERT_FALSE(alg.ok());
  EXPECT_EQ(alg.error().offset, 12u);
  EXPECT_EQ(alg.error().path, "signatureAlgorithm.parameters");
  EXPECT_NE(alg.error().reason.find("ecdsa-with-SHA256 must be absent"), std::string::npos)
      << alg.error().reason;
}

// RFC 8410 §6: "When used to identify signature algorithms, the parameters MUST be absent."
TEST(SignatureAlgorithm, Ed25519RefusesParameters) {
  auto alg = read(test::hex("300706032b65700500"));
  ASSERT_FALSE(alg.ok());
  EXPECT_EQ(alg.error().offset, 7u);
  EXPECT_NE(alg.error().reason.find("RFC 8410 §6"), std::string::npos) << alg.error().reason;
}

// The RSASSA-PSS identifier for SHA-256, MGF1-SHA-256, salt 32 (RFC 4055 §3.1, hash identifiers
// with NULL per §2.1): what CAs (and OpenSSL) write for PSS certificates.
constexpr const char* kPssSha256 =
    "3041"
    "06092a864886f70d01010a"                                        // id-RSASSA-PSS
    "3034"                                                          // RSASSA-PSS-params
    "a00f300d06096086480165030402010500"                            // [0] sha256Identifier
    "a11c301a06092a864886f70d010108300d06096086480165030402010500"  // [1] mgf1 with SHA-256
    "a203020120";                                                   // [2] saltLength 32

TEST(SignatureAlgorithm, PssWithParameters) {
  const SignatureAlgorithm made = make_rsa_pss_algorithm({HashAlg::sha256, HashAlg::sha256, 32});
  EXPECT_EQ(hex_encode(made.der), kPssSha256);
  auto alg = read(test::hex(kPssSha256));
  ASSERT_TRUE(alg.ok()) << alg.error().to_string();
  EXPECT_EQ(alg->kind, Kind::rsa_pss);
  EXPECT_EQ(alg->hash, HashAlg::sha256);
  EXPECT_EQ(alg->pss.hash, HashAlg::sha256);
  EXPECT_EQ(alg->pss.mgf1_hash, HashAlg::sha256);
  EXPECT_EQ(alg->pss.salt_length, 32u);
  EXPECT_EQ(alg->to_string(), "RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32)");
  EXPECT_EQ(write(*alg), test::hex(kPssSha256));

  // Mixed hashes and salts survive the round trip.
  for (const crypto::RsaPssParams p : {crypto::RsaPssParams{HashAlg::sha384, HashAlg::sha512, 0},
                                       crypto::RsaPssParams{HashAlg::sha512, HashAlg::sha256, 64},
                                       crypto::RsaPssParams{HashAlg::sha1, HashAlg::sha1, 20}}) {
    auto back = read(make_rsa_pss_algorithm(p).der);
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(back->pss.hash, p.hash);
    EXPECT_EQ(back->pss.mgf1_hash, p.mgf1_hash);
    EXPECT_EQ(back->pss.salt_length, p.salt_length);
  }
}

TEST(SignatureAlgorithm, PssDefaultsFromAnEmptyParameterSequence) {
  // RFC 4055 §3.1: every field absent means SHA-1, MGF1-SHA-1, salt 20, trailer 1.
  auto alg = read(test::hex("300d06092a864886f70d01010a3000"));
  ASSERT_TRUE(alg.ok()) << alg.error().to_string();
  EXPECT_EQ(alg->hash, HashAlg::sha1);
  EXPECT_EQ(alg->to_string(), "RSASSA-PSS (SHA-1, MGF1-SHA-1, salt 20)");
}

TEST(SignatureAlgorithm, PssRequiresParameters) {
  // RFC 4055 §3.1: "The parameters MUST be present when used in the algorithm identifier
  // associated with a signature value."
  auto alg = read(test::hex("300b06092a864886f70d01010a"));
  ASSERT_FALSE(alg.ok());
  EXPECT_EQ(alg.error().offset, 13u);
  EXPECT_EQ(alg.error().path, "signatureAlgorithm.parameters");
  EXPECT_NE(alg.error().reason.find("MUST be present"), std::string::npos);

  // A trailerField other than 1 is refused by the crypto layer's PSS reader.
  auto bad = read(test::hex("301206092a864886f70d01010a3005a303020102"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().reason.find("trailerField must be 1"), std::string::npos)
      << bad.error().reason;
}

TEST(SignatureAlgorithm, UnsupportedOidsAreKeptAndNamed) {
  // Algorithms glasstls does not implement parse as Kind::unsupported with their OID (so a
  // certificate using one still parses, and path validation can name it); verify_signature then
  // refuses them: MD2/MD5 as weak, the others as unsupported.
  struct Case {
    const char* der_hex;
    const char* named;
    SignatureError error;
  };
  const Case cases[] = {
      {"300d06092a864886f70d0101040500", "1.2.840.113549.1.1.4 (md5WithRSAEncryption)",
       SignatureError::weak_algorithm},
      {"300d06092a864886f70d0101020500", "1.2.840.113549.1.1.2 (md2WithRSAEncryption)",
       SignatureError::weak_algorithm},
      {"300d06092a864886f70d01010e0500", "1.2.840.113549.1.1.14 (sha224WithRSAEncryption)",
       SignatureError::unsupported},
      {"300906072a8648ce380403", "1.2.840.10040.4.3 (id-dsa-with-sha1)",
       SignatureError::unsupported},
      {"300a06082a8648ce3d040301", "1.2.840.10045.4.3.1 (ecdsa-with-SHA224)",
       SignatureError::unsupported},
      {"300506032b6571", "1.3.101.113 (id-Ed448)", SignatureError::unsupported},
      {"300606042a030405", "1.2.3.4.5", SignatureError::unsupported},
  };
  const PublicKey rsa = test_keys::rsa_pkcs1().public_key();
  for (const Case& c : cases) {
    SCOPED_TRACE(c.der_hex);
    const Bytes der = test::hex(c.der_hex);
    auto alg = read(der);
    ASSERT_TRUE(alg.ok()) << alg.error().to_string();
    EXPECT_EQ(alg->kind, SignatureAlgorithm::Kind::unsupported);
    EXPECT_EQ(alg->to_string(), c.named);
    EXPECT_EQ(alg->der, der);
    auto verdict = verify_signature(rsa, *alg, as_bytes("data"), Bytes(256, 1));
    ASSERT_FALSE(verdict.ok());
    EXPECT_EQ(verdict.error(), c.error);
    asn1::DerWriter w;  // written back as it was read
    write_signature_algorithm(w, *alg);
    EXPECT_EQ(w.take(), der);
  }
  // Parameters are still one element at most.
  EXPECT_FALSE(read(test::hex("300a06042a03040505000500")).ok());
}

TEST(SignatureAlgorithm, EveryStrictPrefixIsRefused) {
  for (const Expected& e : kExpected) {
    const Bytes der = test::hex(e.der_hex);
    for (std::size_t n = 0; n < der.size(); ++n)
      EXPECT_FALSE(read(ByteView(der.data(), n)).ok()) << e.name << " prefix " << n;
  }
  const Bytes pss = test::hex(kPssSha256);
  for (std::size_t n = 0; n < pss.size(); ++n)
    EXPECT_FALSE(read(ByteView(pss.data(), n)).ok()) << "PSS prefix " << n;
}

TEST(SignatureAlgorithm, NotASequence) {
  auto alg = read(test::hex("06092a864886f70d01010b"));
  ASSERT_FALSE(alg.ok());
  EXPECT_EQ(alg.error().offset, 0u);
  EXPECT_EQ(alg.error().path, "signatureAlgorithm");
}

}  // namespace
}  // namespace glasstls::x509
