// Alerts (RFC 8446 §6), codepoint names (§4, Appendix B.3, RFC 8701 GREASE) and the
// presentation-language reader/writer (§3) every TLS decoder is built on.
#include <gtest/gtest.h>

#include "glasstls/tls/alert.hpp"
#include "glasstls/tls/constants.hpp"
#include "glasstls/tls/wire.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

using test::hex;

TEST(Alert, NamesAndValuesOfSection6) {
  EXPECT_EQ(to_string(AlertDescription::handshake_failure), "handshake_failure");
  EXPECT_EQ(to_string(AlertDescription::no_application_protocol), "no_application_protocol");
  EXPECT_EQ(static_cast<int>(AlertDescription::bad_record_mac), 20);
  EXPECT_EQ(static_cast<int>(AlertDescription::certificate_required), 116);
  // Every listed value comes back; unlisted ones do not.
  int listed = 0;
  for (int v = 0; v < 256; ++v) {
    if (auto a = alert_from_value(static_cast<std::uint8_t>(v))) {
      ++listed;
      EXPECT_EQ(static_cast<int>(*a), v);
    }
  }
  EXPECT_EQ(listed, 27);  // the 27 descriptions of RFC 8446 §6
  EXPECT_FALSE(alert_from_value(21));
  EXPECT_TRUE(is_closure_alert(AlertDescription::user_canceled));
  EXPECT_FALSE(is_closure_alert(AlertDescription::decode_error));
  const TlsError e = tls_error(AlertDescription::record_overflow, "inner plaintext of 16386 bytes",
                               "RFC 8446 §5.4");
  EXPECT_EQ(e.to_string(), "record_overflow: inner plaintext of 16386 bytes (RFC 8446 §5.4)");
}

TEST(Constants, NamesAndGrease) {
  EXPECT_EQ(to_string(CipherSuite::tls_aes_256_gcm_sha384), "TLS_AES_256_GCM_SHA384");
  EXPECT_EQ(to_string(static_cast<CipherSuite>(0x1a1a)), "GREASE(0x1a1a)");
  EXPECT_EQ(to_string(static_cast<CipherSuite>(0xc02f)), "unknown(0xc02f)");
  EXPECT_EQ(to_string(NamedGroup::x25519_mlkem768), "X25519MLKEM768");
  EXPECT_EQ(to_string(ExtensionType::key_share), "key_share");
  EXPECT_EQ(to_string(HandshakeType::message_hash), "message_hash");
  EXPECT_EQ(to_string(SignatureScheme::rsa_pss_rsae_sha256), "rsa_pss_rsae_sha256");
  // RFC 8701 §2: the sixteen values 0x0A0A, 0x1A1A, ..., 0xFAFA, and nothing else.
  int grease = 0;
  for (std::uint32_t v = 0; v < 0x10000; ++v) grease += is_grease(static_cast<std::uint16_t>(v));
  EXPECT_EQ(grease, 16);
  EXPECT_TRUE(is_grease(0xfafa));
  EXPECT_FALSE(is_grease(0x0a1a));
  // Appendix B.4: each implemented suite's AEAD and hash.
  const auto info = cipher_suite_info(CipherSuite::tls_chacha20_poly1305_sha256);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->aead, crypto::AeadAlg::chacha20_poly1305);
  EXPECT_EQ(info->hash, crypto::HashAlg::sha256);
  EXPECT_FALSE(cipher_suite_info(CipherSuite::tls_aes_128_ccm_sha256));
}

TEST(Wire, ReadsIntegersAndVectors) {
  const Bytes in = hex("01 0203 040506 0708090a 03 616263 0002 aabb ff");
  WireReader r(in, "Test");
  EXPECT_EQ(r.u8("a"), 0x01);
  EXPECT_EQ(r.u16("b"), 0x0203);
  EXPECT_EQ(r.u24("c"), 0x040506u);
  EXPECT_EQ(r.u32("d"), 0x0708090au);
  EXPECT_EQ(to_bytes(r.vector(1, 1, 255, "e")), hex("616263"));
  WireReader sub = r.sub(2, 0, 65535, "f");
  EXPECT_EQ(sub.u16("g"), 0xaabb);
  sub.finish();
  EXPECT_EQ(r.bytes(1, "h")[0], 0xff);
  r.finish();
  EXPECT_TRUE(r.ok()) << r.error()->to_string();
}

TEST(Wire, ErrorsNameTheFieldAndOffsetAndStick) {
  const Bytes in = hex("0005 6162");  // a vector of 5 with 2 bytes present
  WireReader r(in, "ClientHello", 4);
  (void)r.vector(2, 0, 65535, "legacy_session_id");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error()->alert, AlertDescription::decode_error);
  EXPECT_EQ(r.error()->reason,
            "ClientHello.legacy_session_id: length 5 but only 2 bytes follow (at byte 4)");
  // Later reads return zeros and do not replace the first error.
  EXPECT_EQ(r.u16("next"), 0);
  EXPECT_NE(r.error()->reason.find("legacy_session_id"), std::string::npos);

  // Floor and ceiling.
  const Bytes short_id = hex("01 00");  // the reader views the bytes: they must outlive it
  WireReader r2(short_id, "ServerHello");
  (void)r2.vector(1, 2, 32, "legacy_session_id_echo");
  EXPECT_EQ(r2.error()->reason,
            "ServerHello.legacy_session_id_echo: length 1 outside <2..32> (at byte 0)");

  // A sub-reader's error is the parent's, named by the path, offset from the parent's base.
  const Bytes extensions = hex("0003 000102");
  WireReader r3(extensions, "EncryptedExtensions");
  WireReader exts = r3.sub(2, 0, 65535, "extensions");
  EXPECT_EQ(exts.u16("extension_type"), 0x0001);
  (void)exts.u16("length");
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.error()->reason,
            "EncryptedExtensions.extensions.length: 1 bytes left, 2 needed (at byte 4)");
}

TEST(Wire, TrailingBytesAndIllegalParameter) {
  const Bytes trailing = hex("0001 02");
  WireReader r(trailing, "KeyUpdate");
  (void)r.u16("x");
  r.finish();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error()->reason, "KeyUpdate: 1 trailing bytes (at byte 2)");

  const Bytes five = hex("05");
  WireReader r2(five, "KeyUpdate");
  const std::uint8_t v = r2.u8("request_update");
  if (v > 1) {
    r2.fail("request_update", "value 5 is not a KeyUpdateRequest",
            AlertDescription::illegal_parameter, "RFC 8446 §4.6.3");
  }
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error()->alert, AlertDescription::illegal_parameter);
  EXPECT_EQ(r2.error()->section, "RFC 8446 §4.6.3");
}

TEST(Wire, WriterPatchesLengthsAndRefusesOverflow) {
  WireWriter w;
  w.u8(1);
  w.u16(0x0203);
  w.u24(0x040506);
  w.vector(2, [](WireWriter& v) {
    v.opaque(1, hex("616263"));
    v.u32(0x0708090a);
  });
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w.data(), hex("01 0203 040506 0008 03616263 0708090a"));

  WireWriter over;
  over.opaque(1, Bytes(256, 0));
  EXPECT_FALSE(over.ok());
  WireWriter fits;
  fits.opaque(1, Bytes(255, 0));
  EXPECT_TRUE(fits.ok());
  EXPECT_EQ(fits.size(), 256u);
}

// Every strict prefix of a well-formed structure is refused, never read past.
TEST(Wire, EveryPrefixIsRefused) {
  const Bytes whole = hex("0303 0004 13011302 01 00");
  auto decode = [](ByteView b) {
    WireReader r(b, "Hello");
    (void)r.u16("version");
    WireReader suites = r.sub(2, 2, 65534, "cipher_suites");
    while (suites.ok() && !suites.at_end()) (void)suites.u16("suite");
    (void)r.vector(1, 1, 255, "compression");
    r.finish();
    return r.ok();
  };
  EXPECT_TRUE(decode(whole));
  for (std::size_t n = 0; n < whole.size(); ++n) {
    EXPECT_FALSE(decode(ByteView(whole.data(), n))) << n;
  }
}

}  // namespace
}  // namespace glasstls::tls
