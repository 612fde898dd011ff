// HMAC (RFC 4231 test cases, for SHA-256/384/512) and HKDF (RFC 5869 Appendix A), then
// properties: streaming, reuse after finish(), verify in its edge cases, expand length limits.
// All values typed from /work/shared/reference/rfc4231.txt and rfc5869.txt.
#include <gtest/gtest.h>

#include <string>

#include "glasstls/crypto/hkdf.hpp"
#include "glasstls/crypto/hmac.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

using test::hex;

struct HmacCase {
  const char* section;
  Bytes key;
  Bytes data;
  const char* sha256;
  const char* sha384;
  const char* sha512;
  std::size_t compare_bytes;  // RFC 4231 §4.6 (case 5) gives only the first 128 bits
};

std::vector<HmacCase> rfc4231_cases() {
  const Bytes key131(131, 0xaa);
  return {
      // RFC 4231 §4.2, Test Case 1.
      {"4.2", Bytes(20, 0x0b), to_bytes("Hi There"),
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
       "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
       "faea9ea9076ede7f4af152e8b2fa9cb6",
       "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
       "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
       64},
      // RFC 4231 §4.3, Test Case 2: a key shorter than the output.
      {"4.3", to_bytes("Jefe"), to_bytes("what do ya want for nothing?"),
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
       "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
       "8e2240ca5e69e2c78b3239ecfab21649",
       "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
       "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
       64},
      // RFC 4231 §4.4, Test Case 3: key and data longer than a SHA-256 block together.
      {"4.4", Bytes(20, 0xaa), Bytes(50, 0xdd),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
       "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b"
       "2a5ab39dc13814b94e3ab6e101a34f27",
       "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
       "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb",
       64},
      // RFC 4231 §4.5, Test Case 4.
      {"4.5", hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), Bytes(50, 0xcd),
       "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
       "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e"
       "6801dd23c4a7d679ccf8a386c674cffb",
       "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
       "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd",
       64},
      // RFC 4231 §4.6, Test Case 5: output truncated to 128 bits; compare that much.
      {"4.6", Bytes(20, 0x0c), to_bytes("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b",
       "3abf34c3503b2a23a46efc619baef897", "415fad6271580a531d4179bc891d87a6", 16},
      // RFC 4231 §4.7, Test Case 6: a key longer than the block (hashed first).
      {"4.7", key131, to_bytes("Test Using Larger Than Block-Size Key - Hash Key First"),
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
       "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c6"
       "0c2ef6ab4030fe8296248df163f44952",
       "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
       "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598",
       64},
      // RFC 4231 §4.8, Test Case 7: key and data both longer than the block.
      {"4.8", key131,
       to_bytes("This is a test using a larger than block-size key and a larger than block-size "
                "data. The key needs to be hashed before being used by the HMAC algorithm."),
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
       "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5"
       "a678cc31e799176d3860e6110c46523e",
       "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
       "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58",
       64},
  };
}

TEST(Hmac, Rfc4231) {
  for (const auto& c : rfc4231_cases()) {
    SCOPED_TRACE(std::string("RFC 4231 §") + c.section);
    const std::pair<HashAlg, const char*> expected[] = {
        {HashAlg::sha256, c.sha256}, {HashAlg::sha384, c.sha384}, {HashAlg::sha512, c.sha512}};
    for (const auto& [alg, tag_hex] : expected) {
      SCOPED_TRACE(std::string(hash_name(alg)));
      const Digest tag = hmac(alg, c.key, c.data);
      ASSERT_EQ(tag.size, digest_size(alg));
      const std::size_t n = std::min(c.compare_bytes, tag.size);
      EXPECT_EQ(hex_encode(tag.view().first(n)), tag_hex);
      EXPECT_TRUE(hmac_verify(alg, c.key, c.data, tag.view()));
      // RFC 4231 §4.6 truncation: the truncated tag is not the tag, so verify rejects it.
      if (n < tag.size) {
        EXPECT_FALSE(hmac_verify(alg, c.key, c.data, tag.view().first(n)));
      }
    }
  }
}

TEST(Hmac, StreamingAndReuse) {
  const Bytes key = hex("000102030405060708090a0b0c0d0e0f");
  std::string msg;
  for (int i = 0; i < 300; ++i) msg.push_back(static_cast<char>('a' + i % 26));
  for (auto alg : {HashAlg::sha1, HashAlg::sha256, HashAlg::sha384, HashAlg::sha512}) {
    SCOPED_TRACE(std::string(hash_name(alg)));
    const Digest expected = hmac(alg, key, as_bytes(msg));
    Hmac mac(alg, key);
    EXPECT_EQ(mac.alg(), alg);
    for (std::size_t step : {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{129}}) {
      for (std::size_t off = 0; off < msg.size(); off += step)
        mac.update(as_bytes(std::string_view(msg).substr(off, step)));
      // finish() resets to the keyed state, so the same object computes the next tag too.
      EXPECT_EQ(hex_encode(mac.finish().view()), hex_encode(expected.view())) << "step " << step;
    }
  }
}

TEST(Hmac, VerifyRejectsWrongTags) {
  const auto key = as_bytes("Jefe");
  const auto data = as_bytes("what do ya want for nothing?");
  const Digest tag = hmac(HashAlg::sha256, key, data);
  Bytes t = to_bytes(tag.view());
  EXPECT_TRUE(hmac_verify(HashAlg::sha256, key, data, t));
  for (std::size_t i = 0; i < t.size(); ++i) {
    Bytes bad = t;
    bad[i] ^= 0x80;
    EXPECT_FALSE(hmac_verify(HashAlg::sha256, key, data, bad)) << "byte " << i;
  }
  EXPECT_FALSE(hmac_verify(HashAlg::sha256, key, data, {}));
  EXPECT_FALSE(hmac_verify(HashAlg::sha256, key, data, ByteView(t).first(31)));
  Bytes longer = t;
  longer.push_back(0);
  EXPECT_FALSE(hmac_verify(HashAlg::sha256, key, data, longer));
  EXPECT_FALSE(hmac_verify(HashAlg::sha384, key, data, t));  // right bytes, wrong hash
}

TEST(Hmac, KeyOfExactlyBlockSizeIsNotHashed) {
  // Keys of B bytes are used as they are; B+1 bytes are hashed (RFC 2104 §2). The two tags differ,
  // and a B+1-byte key gives the same tag as its hash used as the key.
  for (auto alg : {HashAlg::sha256, HashAlg::sha512}) {
    const std::size_t b = block_size(alg);
    const Bytes k_b(b, 0x42), k_b1(b + 1, 0x42);
    const auto msg = as_bytes("m");
    EXPECT_NE(hex_encode(hmac(alg, k_b, msg).view()), hex_encode(hmac(alg, k_b1, msg).view()));
    const Digest hashed_key = Hash::hash(alg, k_b1);
    EXPECT_EQ(hex_encode(hmac(alg, k_b1, msg).view()),
              hex_encode(hmac(alg, hashed_key.view(), msg).view()));
  }
}

struct HkdfCase {
  const char* section;
  HashAlg alg;
  Bytes ikm, salt, info;
  std::size_t length;
  const char* prk;
  const char* okm;
};

std::vector<HkdfCase> rfc5869_cases() {
  const Bytes ikm80 =
      hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
          "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
          "404142434445464748494a4b4c4d4e4f");
  const Bytes salt80 =
      hex("606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
          "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
          "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
  const Bytes info80 =
      hex("b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
          "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
          "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
  return {
      {"A.1", HashAlg::sha256, Bytes(22, 0x0b), hex("000102030405060708090a0b0c"),
       hex("f0f1f2f3f4f5f6f7f8f9"), 42,
       "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
       "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
      {"A.2", HashAlg::sha256, ikm80, salt80, info80, 82,
       "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
       "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
       "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
       "cc30c58179ec3e87c14c01d5c1f3434f1d87"},
      {"A.3",
       HashAlg::sha256,
       Bytes(22, 0x0b),
       {},
       {},
       42,
       "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
       "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
      {"A.4", HashAlg::sha1, Bytes(11, 0x0b), hex("000102030405060708090a0b0c"),
       hex("f0f1f2f3f4f5f6f7f8f9"), 42, "9b6c18c432a7bf8f0e71c8eb88f4b30baa2ba243",
       "085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896"},
      {"A.5", HashAlg::sha1, ikm80, salt80, info80, 82, "8adae09a2a307059478d309b26c4115a224cfaf6",
       "0bd770a74d1160f7c9f12cd5912a06ebff6adcae899d92191fe4305673ba2ffe"
       "8fa3f1a4e5ad79f3f334b3b202b2173c486ea37ce3d397ed034c7f9dfeb15c5e"
       "927336d0441f4c4300e2cff0d0900b52d3b4"},
      {"A.6",
       HashAlg::sha1,
       Bytes(22, 0x0b),
       {},
       {},
       42,
       "da8c8a73c7fa77288ec6f5e7c297786aa0d32d01",
       "0ac1af7002b3d761d1e55298da9d0506b9ae52057220a306e07b6b87e8df21d0ea00033de03984d34918"},
      // A.7: "salt not provided (defaults to HashLen zero octets)" — passed here as empty.
      {"A.7",
       HashAlg::sha1,
       Bytes(22, 0x0c),
       {},
       {},
       42,
       "2adccada18779e7c2077ad2eb19d3f3e731385dd",
       "2c91117204d745f3500d636a62f64f0ab3bae548aa53d423b0d1f27ebba6f5e5673a081d70cce7acfc48"},
  };
}

TEST(Hkdf, Rfc5869AppendixA) {
  for (const auto& c : rfc5869_cases()) {
    SCOPED_TRACE(std::string("RFC 5869 ") + c.section);
    const Digest prk = hkdf_extract(c.alg, c.salt, c.ikm);
    EXPECT_EQ(hex_encode(prk.view()), c.prk);
    Bytes okm(c.length);
    ASSERT_TRUE(hkdf_expand(c.alg, prk.view(), c.info, okm));
    EXPECT_EQ(hex_encode(okm), c.okm);
  }
  // A.7 again with the zeros written out: an explicit HashLen-zero salt is the same thing.
  const Bytes zeros(20, 0);
  EXPECT_EQ(hex_encode(hkdf_extract(HashAlg::sha1, zeros, Bytes(22, 0x0c)).view()),
            "2adccada18779e7c2077ad2eb19d3f3e731385dd");
}

TEST(Hkdf, ExpandLengthLimits) {
  for (auto alg : {HashAlg::sha1, HashAlg::sha256, HashAlg::sha384, HashAlg::sha512}) {
    SCOPED_TRACE(std::string(hash_name(alg)));
    const std::size_t hash_len = digest_size(alg);
    const Digest prk = hkdf_extract(alg, as_bytes("salt"), as_bytes("ikm"));
    // RFC 5869 §2.3: L <= 255*HashLen.
    Bytes max(255 * hash_len, 0);
    EXPECT_TRUE(hkdf_expand(alg, prk.view(), as_bytes("info"), max));
    Bytes too_long(255 * hash_len + 1, 0x77);
    EXPECT_FALSE(hkdf_expand(alg, prk.view(), as_bytes("info"), too_long));
    EXPECT_EQ(too_long, Bytes(255 * hash_len + 1, 0x77)) << "nothing written on failure";
    Bytes empty;
    EXPECT_TRUE(hkdf_expand(alg, prk.view(), as_bytes("info"), empty));
    // Shorter outputs are prefixes of longer ones (T(1) || T(2) || ...).
    Bytes shorter(hash_len + 5);
    ASSERT_TRUE(hkdf_expand(alg, prk.view(), as_bytes("info"), shorter));
    EXPECT_EQ(shorter, Bytes(max.begin(), max.begin() + static_cast<std::ptrdiff_t>(hash_len + 5)));
  }
}

}  // namespace
}  // namespace glasstls::crypto
