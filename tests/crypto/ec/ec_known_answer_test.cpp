// P-256 and P-384 known answers typed in from the standards:
//   * RFC 6979 §A.2.5 (P-256) and §A.2.6 (P-384): the key pair, then for "sample" and "test" the
//     nonce k and the signature (r, s) with SHA-1, SHA-256, SHA-384 and SHA-512. The SHA-224
//     cases are left out: glasstls has no SHA-224 (TLS 1.3 never uses it).
//   * RFC 5903 §8.1 and §8.2: ECDH between an initiator (i) and a responder (r), both directions.
//   * A few NIST CAVP records (file and line cited at each), so this executable checks the
//     primitives even where the shared reference shelf is absent.
#include <gtest/gtest.h>

#include <string>

#include "crypto/ecdsa_internal.hpp"
#include "ec_rfc_vectors.hpp"
#include "ec_test_util.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/hash.hpp"

namespace glasstls::ectest {
namespace {

void check_rfc6979(const Rfc6979Key& kp, std::span<const Rfc6979Case> cases) {
  const std::size_t size = crypto::ec_scalar_size(kp.curve);
  const auto key = key_from_hex(kp.curve, kp.x);
  // The public key U = xG.
  EXPECT_EQ(hex_encode(key.public_key().x()), lower_hex(kp.ux));
  EXPECT_EQ(hex_encode(key.public_key().y()), lower_hex(kp.uy));
  EXPECT_EQ(hex_encode(key.scalar()), lower_hex(kp.x));

  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(crypto::ec_curve_name(kp.curve)) + " " +
                 std::string(crypto::hash_name(c.hash)) + " \"" + c.message + "\"");
    const auto digest = crypto::Hash::hash(c.hash, as_bytes(c.message));

    // RFC 6979 §3.2: the nonce on its own.
    const auto k = crypto::detail::rfc6979_nonce(key, c.hash, digest.view());
    EXPECT_EQ(hex_encode(ByteView(k.data(), size)), lower_hex(c.k));

    // Signing with that k by hand, then through the digest API, then through the message API.
    const Bytes k_bytes = test::hex(c.k);
    const auto with_k = crypto::detail::ecdsa_sign_digest_with_nonce(key, digest.view(), k_bytes);
    ASSERT_TRUE(with_k.has_value());
    EXPECT_EQ(with_k->size, size);
    EXPECT_EQ(hex_encode(with_k->r_view()), lower_hex(c.r));
    EXPECT_EQ(hex_encode(with_k->s_view()), lower_hex(c.s));

    const auto sig = crypto::ecdsa_sign_digest(key, c.hash, digest.view());
    EXPECT_EQ(sig.size, size);
    EXPECT_EQ(hex_encode(sig.r_view()), lower_hex(c.r));
    EXPECT_EQ(hex_encode(sig.s_view()), lower_hex(c.s));

    const Bytes der = crypto::ecdsa_sign(key, c.hash, as_bytes(c.message));
    EXPECT_EQ(der, der_signature(test::hex(c.r), test::hex(c.s)));
    auto parsed = crypto::parse_ecdsa_signature_der(kp.curve, der);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(hex_encode(parsed->r_view()), lower_hex(c.r));
    EXPECT_EQ(hex_encode(parsed->s_view()), lower_hex(c.s));
    EXPECT_EQ(crypto::encode_ecdsa_signature_der(sig), der);

    // And the verifier accepts it, both ways in.
    EXPECT_TRUE(crypto::ecdsa_verify(key.public_key(), c.hash, as_bytes(c.message), der));
    EXPECT_TRUE(crypto::ecdsa_verify_digest(key.public_key(), digest.view(), sig));
    // The other message of the pair does not verify.
    const char* other = std::string_view(c.message) == "sample" ? "test" : "sample";
    EXPECT_FALSE(crypto::ecdsa_verify(key.public_key(), c.hash, as_bytes(other), der));
  }
}

TEST(EcRfc6979, P256AppendixA25) {
  check_rfc6979(kRfc6979P256Key, kRfc6979P256);
}
TEST(EcRfc6979, P384AppendixA26) {
  check_rfc6979(kRfc6979P384Key, kRfc6979P384);
}

TEST(EcRfc5903, EcdhBothDirections) {
  for (const auto& c : kRfc5903) {
    SCOPED_TRACE(std::string(crypto::ec_curve_name(c.curve)));
    const auto i = key_from_hex(c.curve, c.i);
    const auto r = key_from_hex(c.curve, c.r);
    // g^i and g^r.
    EXPECT_EQ(hex_encode(i.public_key().uncompressed()), hex_encode(point(c.curve, c.gix, c.giy)));
    EXPECT_EQ(hex_encode(r.public_key().uncompressed()), hex_encode(point(c.curve, c.grx, c.gry)));
    // The shared secret girx, from either side, through the bytes and the validated-key APIs.
    auto ir = crypto::ecdh(i, point(c.curve, c.grx, c.gry));
    auto ri = crypto::ecdh(r, point(c.curve, c.gix, c.giy));
    ASSERT_TRUE(ir.ok());
    ASSERT_TRUE(ri.ok());
    EXPECT_EQ(hex_encode(ir->view()), lower_hex(c.girx));
    EXPECT_EQ(hex_encode(ri->view()), lower_hex(c.girx));
    auto ir2 = crypto::ecdh(i, r.public_key());
    ASSERT_TRUE(ir2.ok());
    EXPECT_EQ(hex_encode(ir2->view()), lower_hex(c.girx));
  }
}

// ---- NIST CAVP records typed in -----------------------------------------------------------

// nist-cavp/ecccdhtestvectors/KAS_ECC_CDH_PrimitiveTest.txt, [P-256] COUNT = 0 (line 414) and
// [P-384] COUNT = 0 (line 617): our public key from dIUT, and ZIUT from the peer's QCAVS.
struct KasRecord {
  EcCurve curve;
  const char *qcavsx, *qcavsy, *diut, *qiutx, *qiuty, *ziut;
};
// clang-format off
const KasRecord kKas[] = {
    {EcCurve::p256,
     "700c48f77f56584c5cc632ca65640db91b6bacce3a4df6b42ce7cc838833d287",
     "db71e509e3fd9b060ddb20ba5c51dcc5948d46fbf640dfe0441782cab85fa4ac",
     "7d7dc5f71eb29ddaf80d6214632eeae03d9058af1fb6d22ed80badb62bc1a534",
     "ead218590119e8876b29146ff89ca61770c4edbbf97d38ce385ed281d8a6b230",
     "28af61281fd35e2fa7002523acc85a429cb06ee6648325389f59edfce1405141",
     "46fc62106420ff012e54a434fbdd2d25ccc5852060561e68040dd7778997bd7b"},
    {EcCurve::p384,
     "a7c76b970c3b5fe8b05d2838ae04ab47697b9eaf52e764592efda27fe7513272"
     "734466b400091adbf2d68c58e0c50066",
     "ac68f19f2e1cb879aed43a9969b91a0839c4c38a49749b661efedf243451915e"
     "d0905a32b060992b468c64766fc8437a",
     "3cc3122a68f0d95027ad38c067916ba0eb8c38894d22e1b15618b6818a661774"
     "ad463b205da88cf699ab4d43c9cf98a1",
     "9803807f2f6d2fd966cdd0290bd410c0190352fbec7ff6247de1302df86f25d3"
     "4fe4a97bef60cff548355c015dbb3e5f",
     "ba26ca69ec2f5b5d9dad20cc9da711383a9dbe34ea3fa5a2af75b46502629ad5"
     "4dd8b7d73a8abb06a3a3be47d650cc99",
     "5f9d29dc5e31a163060356213669c8ce132e22f57c9a04f40ba7fcead493b457"
     "e5621e766c40a2e3d4d6a04b25e533f1"},
};
// clang-format on

TEST(EcCavpTyped, KasEccCdhCount0) {
  for (const auto& k : kKas) {
    SCOPED_TRACE(std::string(crypto::ec_curve_name(k.curve)));
    const auto key = key_from_hex(k.curve, k.diut);
    EXPECT_EQ(hex_encode(key.public_key().uncompressed()),
              hex_encode(point(k.curve, k.qiutx, k.qiuty)));
    auto z = crypto::ecdh(key, point(k.curve, k.qcavsx, k.qcavsy));
    ASSERT_TRUE(z.ok());
    EXPECT_EQ(hex_encode(z->view()), lower_hex(k.ziut));
  }
}

// nist-cavp/186-3ecdsatestvectors/SigVer.rsp. Msg is the message before hashing.
struct SigVerRecord {
  EcCurve curve;
  HashAlg hash;
  const char *msg, *qx, *qy, *r, *s;
  bool pass;
};
// clang-format off
const SigVerRecord kSigVer[] = {
    // [P-256,SHA-256], line 987: Result = P (0 ).
    {EcCurve::p256, HashAlg::sha256,
     "e1130af6a38ccb412a9c8d13e15dbfc9e69a16385af3c3f1e5da954fd5e7c45fd75e2b8c36699228e92840c0"
     "562fbf3772f07e17f1add56588dd45f7450e1217ad239922dd9c32695dc71ff2424ca0dec1321aa47064a044"
     "b7fe3c2b97d03ce470a592304c5ef21eed9f93da56bb232d1eeb0035f9bf0dfafdcc4606272b20a3",
     "e424dc61d4bb3cb7ef4344a7f8957a0c5134e16f7a67c074f82e6e12f49abf3c",
     "970eed7aa2bc48651545949de1dddaf0127e5965ac85d1243d6f60e7dfaee927",
     "bf96b99aa49c705c910be33142017c642ff540c76349b9dab72f981fd9347f4f",
     "17c55095819089c2e03b9cd415abdf12444e323075d98f31920b9e0f57ec871c", true},
    // [P-256,SHA-256], line 966: Result = F (3 - S changed).
    {EcCurve::p256, HashAlg::sha256,
     "e4796db5f785f207aa30d311693b3702821dff1168fd2e04c0836825aefd850d9aa60326d88cde1a23c77453"
     "51392ca2288d632c264f197d05cd424a30336c19fd09bb229654f0222fcb881a4b35c290a093ac159ce13409"
     "111ff0358411133c24f5b8e2090d6db6558afc36f06ca1f6ef779785adba68db27a409859fc4c4a0",
     "87f8f2b218f49845f6f10eec3877136269f5c1a54736dbdf69f89940cad41555",
     "e15f369036f49842fac7a86c8a2b0557609776814448b8f5e84aa9f4395205e9",
     "d19ff48b324915576416097d2544f7cbdf8768b1454ad20e0baac50e211f23b0",
     "a3e81e59311cdfff2d4784949f7a2cb50ba6c3a91fa54710568e61aca3e847c6", false},
    // [P-384,SHA-384], line 1508: Result = P (0 ).
    {EcCurve::p384, HashAlg::sha384,
     "9dd789ea25c04745d57a381f22de01fb0abd3c72dbdefd44e43213c189583eef85ba662044da3de2dd8670e6"
     "325154480155bbeebb702c75781ac32e13941860cb576fe37a05b757da5b5b418f6dd7c30b042e40f4395a34"
     "2ae4dce05634c33625e2bc524345481f7e253d9551266823771b251705b4a85166022a37ac28f1bd",
     "cb908b1fd516a57b8ee1e14383579b33cb154fece20c5035e2b3765195d1951d75bd78fb23e00fef37d7d064"
     "fd9af144",
     "cd99c46b5857401ddcff2cf7cf822121faf1cbad9a011bed8c551f6f59b2c360f79bfbe32adbcaa09583bdfd"
     "f7c374bb",
     "33f64fb65cd6a8918523f23aea0bbcf56bba1daca7aff817c8791dc92428d605ac629de2e847d43cee55ba9e"
     "4a0e83ba",
     "4428bb478a43ac73ecd6de51ddf7c28ff3c2441625a081714337dd44fea8011bae71959a10947b6ea33f77e1"
     "28d3c6ae", true},
};
// clang-format on

TEST(EcCavpTyped, SigVerRecords) {
  for (const auto& v : kSigVer) {
    SCOPED_TRACE(std::string(crypto::ec_curve_name(v.curve)) + " expected " + (v.pass ? "P" : "F"));
    auto q = crypto::EcPublicKey::from_uncompressed(v.curve, point(v.curve, v.qx, v.qy));
    ASSERT_TRUE(q.ok());
    const Bytes msg = test::hex(v.msg);
    const Bytes der = der_signature(test::hex(v.r), test::hex(v.s));
    EXPECT_EQ(crypto::ecdsa_verify(*q, v.hash, msg, der), v.pass);
    const auto digest = crypto::Hash::hash(v.hash, msg);
    const std::size_t size = crypto::ec_scalar_size(v.curve);
    EXPECT_EQ(crypto::ecdsa_verify_digest(*q, digest.view(),
                                          signature(fixed(v.r, size), fixed(v.s, size))),
              v.pass);
  }
}

// nist-cavp/186-3ecdsatestvectors/SigGen.txt, [P-256,SHA-256], the record at line 614: the
// signature with the file's k, and the key pair.
TEST(EcCavpTyped, SigGenRecordWithGivenNonce) {
  const EcCurve curve = EcCurve::p256;
  const Bytes msg = test::hex(
      "5905238877c77421f73e43ee3da6f2d9e2ccad5fc942dcec0cbd25482935faaf416983fe165b1a045ee2bcd2"
      "e6dca3bdf46c4310a7461f9a37960ca672d3feb5473e253605fb1ddfd28065b53cb5858a8ad28175bf9bd386"
      "a5e471ea7a65c17cc934a9d791e91491eb3754d03799790fe2d308d16146d5c9b0d0debd97d79ce8");
  const auto key =
      key_from_hex(curve, "519b423d715f8b581f4fa8ee59f4771a5b44c8130b4e3eacca54a56dda72b464");
  EXPECT_EQ(hex_encode(key.public_key().x()),
            "1ccbe91c075fc7f4f033bfa248db8fccd3565de94bbfb12f3c59ff46c271bf83");
  EXPECT_EQ(hex_encode(key.public_key().y()),
            "ce4014c68811f9a21a1fdb2c0e6113e06db7ca93b7404e78dc7ccd5ca89a4ca9");
  const Bytes k = test::hex("94a1bbb14b906a61a280f245f9e93c7f3b4a6247824f5d33b9670787642a68de");
  const auto digest = crypto::Hash::hash(HashAlg::sha256, msg);
  const auto sig = crypto::detail::ecdsa_sign_digest_with_nonce(key, digest.view(), k);
  ASSERT_TRUE(sig.has_value());
  EXPECT_EQ(hex_encode(sig->r_view()),
            "f3ac8061b514795b8843e3d6629527ed2afd6b1f6a555a7acabb5e6f79c8c2ac");
  EXPECT_EQ(hex_encode(sig->s_view()),
            "8bf77819ca05a6b2786c76262bf7371cef97b218e96f175a3ccdda2acc058903");
  EXPECT_TRUE(crypto::ecdsa_verify_digest(key.public_key(), digest.view(), *sig));
}

// ---- Small facts of the API -----------------------------------------------------------------

TEST(EcApi, SizesNamesAndMessages) {
  EXPECT_EQ(crypto::ec_curve_name(EcCurve::p256), "P-256");
  EXPECT_EQ(crypto::ec_curve_name(EcCurve::p384), "P-384");
  EXPECT_EQ(crypto::ec_scalar_size(EcCurve::p256), 32u);
  EXPECT_EQ(crypto::ec_scalar_size(EcCurve::p384), 48u);
  EXPECT_EQ(crypto::ec_point_size(EcCurve::p256), 65u);
  EXPECT_EQ(crypto::ec_point_size(EcCurve::p384), 97u);
  using E = crypto::EcError;
  for (E e : {E::wrong_length, E::not_uncompressed, E::point_at_infinity,
              E::coordinate_out_of_range, E::not_on_curve, E::scalar_out_of_range,
              E::shared_secret_at_infinity, E::signature_malformed, E::signature_out_of_range})
    EXPECT_FALSE(crypto::ec_error_message(e).empty()) << static_cast<int>(e);
}

}  // namespace
}  // namespace glasstls::ectest
