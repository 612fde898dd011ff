// RFC 8410 key files: the §10 examples parse, round trips, and malformed files are refused.
#include <gtest/gtest.h>

#include "glasstls/crypto/curve25519_key_io.hpp"
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/crypto/x25519.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

// RFC 8410 §10.1.
constexpr std::string_view kEd25519PublicPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
    "-----END PUBLIC KEY-----\n";
// RFC 8410 §10.3, without and with an attribute and the public key.
constexpr std::string_view kEd25519PrivatePemV1 =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
    "-----END PRIVATE KEY-----\n";
constexpr std::string_view kEd25519PrivatePemV2 =
    "-----BEGIN PRIVATE KEY-----\n"
    "MHICAQEwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
    "oB8wHQYKKoZIhvcNAQkJFDEPDA1DdXJkbGUgQ2hhaXJzgSEAGb9ECWmEzf6FQbrB\n"
    "Z9w7lshQhqowtrbLDFw4rXAxZuE=\n"
    "-----END PRIVATE KEY-----\n";
// §10.3: "the value of the private key is"; §10.1's public key bytes.
constexpr std::string_view kSeed =
    "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842";
constexpr std::string_view kPublic =
    "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1";

template <std::size_t N>
bool same(const std::array<std::uint8_t, N>& a, std::string_view h) {
  const Bytes b = test::hex(h);
  return Bytes(a.begin(), a.end()) == b;
}

TEST(Curve25519KeyIo, Rfc8410Section10Examples) {
  auto pub = parse_curve25519_public_key_pem(kEd25519PublicPem);
  ASSERT_TRUE(pub.ok()) << pub.error().to_string();
  EXPECT_EQ(pub->type, Curve25519KeyType::ed25519);
  EXPECT_TRUE(same(pub->public_key, kPublic));

  auto v1 = parse_curve25519_private_key_pem(kEd25519PrivatePemV1);
  ASSERT_TRUE(v1.ok()) << v1.error().to_string();
  EXPECT_EQ(v1->type, Curve25519KeyType::ed25519);
  EXPECT_TRUE(same(v1->private_key, kSeed));
  EXPECT_TRUE(same(v1->public_key, kPublic));  // computed from the seed

  auto v2 = parse_curve25519_private_key_pem(kEd25519PrivatePemV2);
  ASSERT_TRUE(v2.ok()) << v2.error().to_string();
  EXPECT_TRUE(same(v2->private_key, kSeed));
}

TEST(Curve25519KeyIo, RoundTrips) {
  DeterministicRandom rng(std::uint64_t{8410});
  for (auto type : {Curve25519KeyType::x25519, Curve25519KeyType::ed25519}) {
    std::array<std::uint8_t, 32> raw{};
    rng.fill(raw);
    const auto key = curve25519_private_key(type, raw);
    for (bool v2 : {false, true}) {
      auto back = parse_curve25519_private_key_pem(write_curve25519_private_key_pem(key, v2));
      ASSERT_TRUE(back.ok()) << back.error().to_string();
      EXPECT_EQ(back->type, type);
      EXPECT_EQ(back->private_key, raw);
      EXPECT_EQ(back->public_key, key.public_key);
    }
    const Curve25519PublicKey pub{type, key.public_key};
    auto back = parse_curve25519_public_key_pem(write_curve25519_public_key_pem(pub));
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_EQ(back->type, type);
    EXPECT_EQ(back->public_key, key.public_key);
  }
}

TEST(Curve25519KeyIo, MalformedFilesAreRefused) {
  std::array<std::uint8_t, 32> raw{};
  raw[0] = 1;
  const auto key = curve25519_private_key(Curve25519KeyType::ed25519, raw);
  const Bytes v2 = write_curve25519_private_key_der(key, true);
  // Every strict prefix fails.
  for (std::size_t n = 0; n < v2.size(); ++n)
    EXPECT_FALSE(parse_curve25519_private_key_der(ByteView(v2).first(n)).ok()) << n;
  // A publicKey that does not match the private key.
  Bytes wrong = v2;
  wrong.back() ^= 1;
  EXPECT_FALSE(parse_curve25519_private_key_der(wrong).ok());
  // Parameters present (NULL appended to the AlgorithmIdentifier): 30 07 06 03 2b 65 70 05 00.
  const Bytes with_null = test::hex(
      "3030020100300706032b657005000422042001000000000000000000000000000000000000000000000000000000"
      "00000000");
  EXPECT_FALSE(parse_curve25519_private_key_der(with_null).ok());
  // An SPKI with 31 key bytes; one with another algorithm (id-X448, 1.3.101.111).
  EXPECT_FALSE(parse_curve25519_spki_der(
                   test::hex("3029300506032b6570032000"
                             "00000000000000000000000000000000000000000000000000000000000000"))
                   .ok());
  EXPECT_FALSE(parse_curve25519_spki_der(
                   test::hex("302a300506032b656f032100"
                             "0000000000000000000000000000000000000000000000000000000000000000"))
                   .ok());
  // The wrong PEM label.
  EXPECT_FALSE(parse_curve25519_public_key_pem(kEd25519PrivatePemV1).ok());
  EXPECT_FALSE(parse_curve25519_private_key_pem(kEd25519PublicPem).ok());
}

}  // namespace
}  // namespace glasstls::crypto
