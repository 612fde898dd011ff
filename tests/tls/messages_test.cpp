// Handshake messages (RFC 8446 §4): the header, the dispatcher, and each strictness rule of the
// decoders — with the alert every refusal must carry.
#include <gtest/gtest.h>

#include "glasstls/tls/messages.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

using test::hex;

/// A minimal valid TLS 1.3 ClientHello body with `extensions_hex` as its extension block
/// contents (the 2-byte block length is computed here).
Bytes client_hello_body(std::string_view extensions_hex,
                        std::string_view compression_hex = "01 00") {
  const Bytes exts = hex(extensions_hex);
  Bytes body = hex("0303");
  body.insert(body.end(), 32, 0x11);                             // random
  for (std::uint8_t b : hex("00 0002 1301")) body.push_back(b);  // session id, suites
  for (std::uint8_t b : hex(compression_hex)) body.push_back(b);
  body.push_back(static_cast<std::uint8_t>(exts.size() >> 8));
  body.push_back(static_cast<std::uint8_t>(exts.size()));
  body.insert(body.end(), exts.begin(), exts.end());
  return body;
}

// supported_versions {TLS 1.3} and an empty key_share: 8+ bytes of extensions.
constexpr std::string_view kBasicExtensions = "002b 0003 02 0304  0033 0002 0000";

void expect_alert(const TlsError& e, AlertDescription alert, std::string_view section = {}) {
  EXPECT_EQ(e.alert, alert) << e.to_string();
  if (!section.empty()) {
    EXPECT_EQ(e.section, section) << e.to_string();
  }
}

TEST(HandshakeHeader, ReadsTypeAndUint24Length) {
  auto h = decode_handshake_header(hex("0b 01 02 03"));
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->type, HandshakeType::certificate);
  EXPECT_EQ(h->length, 0x010203u);
  auto short_header = decode_handshake_header(hex("0b 00 00"));
  ASSERT_FALSE(short_header.ok());
  expect_alert(short_header.error(), AlertDescription::decode_error);
  auto m = encode_handshake(HandshakeType::key_update, hex("01"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*m, hex("18 000001 01"));
}

TEST(Dispatcher, LengthMustMatchTheBody) {
  auto too_long = decode_handshake(hex("18 000002 01"));  // says 2, has 1
  ASSERT_FALSE(too_long.ok());
  expect_alert(too_long.error(), AlertDescription::decode_error, "RFC 8446 §4");
  auto too_short = decode_handshake(hex("18 000001 01 00"));
  ASSERT_FALSE(too_short.ok());
  expect_alert(too_short.error(), AlertDescription::decode_error);
}

TEST(Dispatcher, RefusesTypesTls13DoesNotSend) {
  for (std::uint8_t type : {0, 3, 6, 12, 14, 16, 21, 22, 25, 254, 255}) {
    Bytes m = {type, 0, 0, 0};
    auto r = decode_handshake(m);
    ASSERT_FALSE(r.ok()) << int(type);
    expect_alert(r.error(), AlertDescription::unexpected_message, "RFC 8446 §4");
  }
}

TEST(Dispatcher, HandshakeTypeOfEachMessage) {
  EXPECT_EQ(handshake_type(HandshakeMessage(ClientHello{})), HandshakeType::client_hello);
  EXPECT_EQ(handshake_type(HandshakeMessage(ServerHello{})), HandshakeType::server_hello);
  EXPECT_EQ(handshake_type(HandshakeMessage(EndOfEarlyData{})), HandshakeType::end_of_early_data);
  EXPECT_EQ(handshake_type(HandshakeMessage(EncryptedExtensions{})),
            HandshakeType::encrypted_extensions);
  EXPECT_EQ(handshake_type(HandshakeMessage(CertificateRequest{})),
            HandshakeType::certificate_request);
  EXPECT_EQ(handshake_type(HandshakeMessage(Certificate{})), HandshakeType::certificate);
  EXPECT_EQ(handshake_type(HandshakeMessage(CertificateVerify{})),
            HandshakeType::certificate_verify);
  EXPECT_EQ(handshake_type(HandshakeMessage(Finished{})), HandshakeType::finished);
  EXPECT_EQ(handshake_type(HandshakeMessage(NewSessionTicket{})),
            HandshakeType::new_session_ticket);
  EXPECT_EQ(handshake_type(HandshakeMessage(KeyUpdate{})), HandshakeType::key_update);
}

TEST(ClientHelloStrict, AcceptsTheMinimalHello) {
  auto ch = decode_client_hello(client_hello_body(kBasicExtensions));
  ASSERT_TRUE(ch.ok()) << ch.error().to_string();
  EXPECT_EQ(ch->extensions.size(), 2u);
}

TEST(ClientHelloStrict, CompressionMustBeExactlyNull) {
  // §4.1.2: exactly one byte, zero; anything else is illegal_parameter.
  for (std::string_view bad : {"01 01", "02 00 01", "02 01 00"}) {
    auto ch = decode_client_hello(client_hello_body(kBasicExtensions, bad));
    ASSERT_FALSE(ch.ok()) << bad;
    expect_alert(ch.error(), AlertDescription::illegal_parameter, "RFC 8446 §4.1.2");
  }
  // An empty vector is below the floor of <1..2^8-1>: decode_error.
  auto empty = decode_client_hello(client_hello_body(kBasicExtensions, "00"));
  ASSERT_FALSE(empty.ok());
  expect_alert(empty.error(), AlertDescription::decode_error);
}

TEST(ClientHelloStrict, ExtensionBlockFloorIsEight) {
  // extensions<8..2^16-1>: one 7-byte extension block is too short.
  auto ch = decode_client_hello(client_hello_body("002b 0003 02 0304"));
  ASSERT_FALSE(ch.ok());
  expect_alert(ch.error(), AlertDescription::decode_error);
  EXPECT_NE(ch.error().reason.find("extensions"), std::string::npos) << ch.error().reason;
}

TEST(ClientHelloStrict, DuplicateExtensionIsIllegalParameter) {
  auto ch = decode_client_hello(client_hello_body("002b 0003 02 0304  002b 0003 02 0304"));
  ASSERT_FALSE(ch.ok());
  expect_alert(ch.error(), AlertDescription::illegal_parameter, "RFC 8446 §4.2");
  // Also for unknown types (GREASE twice).
  auto grease = decode_client_hello(client_hello_body("0a0a 0000 0a0a 0001 00"));
  ASSERT_FALSE(grease.ok());
  expect_alert(grease.error(), AlertDescription::illegal_parameter, "RFC 8446 §4.2");
}

TEST(ClientHelloStrict, PreSharedKeyMustBeLast) {
  // A pre_shared_key (one 1-byte identity, one 32-byte binder) followed by another extension.
  std::string psk = "0029 002c 0007 0001 aa 00000000 0021 20";
  for (int i = 0; i < 32; ++i) psk += " 00";
  auto last = decode_client_hello(client_hello_body(std::string(kBasicExtensions) + " " + psk));
  ASSERT_TRUE(last.ok()) << last.error().to_string();
  auto not_last = decode_client_hello(client_hello_body(psk + " " + std::string(kBasicExtensions)));
  ASSERT_FALSE(not_last.ok());
  expect_alert(not_last.error(), AlertDescription::illegal_parameter, "RFC 8446 §4.2.11");
}

TEST(ClientHelloStrict, MalformedKnownExtensionIsRefused) {
  // supported_versions with an odd-length list.
  auto ch = decode_client_hello(client_hello_body("002b 0004 03 0304 03  0033 0002 0000"));
  ASSERT_FALSE(ch.ok());
  expect_alert(ch.error(), AlertDescription::decode_error);
  EXPECT_NE(ch.error().reason.find("supported_versions"), std::string::npos) << ch.error().reason;
}

TEST(ClientHelloStrict, TrailingBytesAndOddSuites) {
  Bytes body = client_hello_body(kBasicExtensions);
  body.push_back(0);
  auto trailing = decode_client_hello(body);
  ASSERT_FALSE(trailing.ok());
  expect_alert(trailing.error(), AlertDescription::decode_error);
  EXPECT_NE(trailing.error().reason.find("trailing"), std::string::npos);
  // cipher_suites<2..2^16-2> of 3 bytes.
  Bytes odd = hex("0303");
  odd.insert(odd.end(), 32, 0);
  for (std::uint8_t b : hex("00 0003 130113 0100 0008 002b000302 0304 0000")) odd.push_back(b);
  ASSERT_FALSE(decode_client_hello(odd).ok());
  // A session id of 33 bytes is above <0..32>.
  Bytes long_id = hex("0303");
  long_id.insert(long_id.end(), 32, 0);
  long_id.push_back(33);
  long_id.insert(long_id.end(), 33, 0);
  auto r = decode_client_hello(long_id);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().reason.find("legacy_session_id"), std::string::npos);
}

TEST(ServerHelloStrict, CompressionMethodZeroAndHrrForms) {
  // §4.1.3: legacy_compression_method 1.
  Bytes sh = hex("0303");
  sh.insert(sh.end(), 32, 0x22);
  for (std::uint8_t b : hex("00 1301 01 0006 002b 0002 0304")) sh.push_back(b);
  auto r = decode_server_hello(sh);
  ASSERT_FALSE(r.ok());
  expect_alert(r.error(), AlertDescription::illegal_parameter, "RFC 8446 §4.1.3");

  // A HelloRetryRequest's key_share is the 2-byte selected_group; a ServerHello's is an entry.
  ServerHello hrr;
  hrr.random = kHelloRetryRequestRandom;
  hrr.cipher_suite = CipherSuite::tls_aes_128_gcm_sha256;
  hrr.extensions.push_back(*to_extension(SupportedVersionsServerHello{ProtocolVersion::tls13}));
  hrr.extensions.push_back(*to_extension(KeyShareHelloRetryRequest{NamedGroup::secp256r1}));
  auto encoded = encode(hrr);
  ASSERT_TRUE(encoded.ok());
  auto back = decode_handshake(*encoded);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_TRUE(std::get<ServerHello>(*back).is_hello_retry_request());
  // The same bytes with an ordinary random: a 2-byte key_share is a truncated KeyShareEntry.
  Bytes as_sh = *encoded;
  as_sh[6] ^= 0xff;
  auto refused = decode_handshake(as_sh);
  ASSERT_FALSE(refused.ok());
  expect_alert(refused.error(), AlertDescription::decode_error);
}

TEST(MessagesStrict, EachBodyFloorAndValue) {
  // EndOfEarlyData is empty.
  EXPECT_TRUE(decode_end_of_early_data({}).ok());
  EXPECT_FALSE(decode_end_of_early_data(hex("00")).ok());
  // KeyUpdate: §4.6.3, values other than 0 and 1 are illegal_parameter.
  EXPECT_EQ(decode_key_update(hex("01"))->request_update, KeyUpdateRequest::update_requested);
  auto ku = decode_key_update(hex("02"));
  ASSERT_FALSE(ku.ok());
  expect_alert(ku.error(), AlertDescription::illegal_parameter, "RFC 8446 §4.6.3");
  EXPECT_FALSE(decode_key_update({}).ok());
  // CertificateRequest: extensions<2..2^16-1>, so an empty block is refused.
  auto cr = decode_certificate_request(hex("00 0000"));
  ASSERT_FALSE(cr.ok());
  expect_alert(cr.error(), AlertDescription::decode_error);
  auto cr_ok = decode_certificate_request(hex("02 abcd 0008 000d 0004 0002 0804"));
  ASSERT_TRUE(cr_ok.ok()) << cr_ok.error().to_string();
  EXPECT_EQ(cr_ok->certificate_request_context, hex("abcd"));
  // Certificate: cert_data<1..2^24-1> — an empty certificate is refused.
  EXPECT_FALSE(decode_certificate(hex("00 000005 000000 0000")).ok());
  auto empty_chain = decode_certificate(hex("00 000000"));
  ASSERT_TRUE(empty_chain.ok());
  EXPECT_TRUE(empty_chain->certificate_list.empty());
  // NewSessionTicket: ticket<1..2^16-1>.
  EXPECT_FALSE(decode_new_session_ticket(hex("00000001 00000002 00 0000 0000")).ok());
  // Finished: verify_data must be Hash.length bytes.
  EXPECT_FALSE(decode_finished({}).ok());
  EXPECT_TRUE(decode_finished(Bytes(48, 1), 48).ok());
  EXPECT_FALSE(decode_finished(Bytes(47, 1), 48).ok());
  // CertificateVerify: signature<0..2^16-1> with its length matching.
  EXPECT_FALSE(decode_certificate_verify(hex("0804 0003 aabb")).ok());
}

TEST(MessagesStrict, UnknownExtensionsAreKeptInOrderAndReEncoded) {
  const Bytes body =
      client_hello_body("fe02 0003 010203  002b 0003 02 0304  7a7a 0000  0033 0002 0000");
  auto ch = decode_client_hello(body);
  ASSERT_TRUE(ch.ok()) << ch.error().to_string();
  ASSERT_EQ(ch->extensions.size(), 4u);
  EXPECT_EQ(ch->extensions[0].type, static_cast<ExtensionType>(0xfe02));
  EXPECT_EQ(ch->extensions[0].data, hex("010203"));
  EXPECT_EQ(ch->extensions[2].type, static_cast<ExtensionType>(0x7a7a));
  auto again = encode(*ch);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Bytes(again->begin() + 4, again->end()), body);
}

TEST(CertificateVerifyContent, Section443Layout) {
  const Bytes hash(32, 0xab);
  const Bytes server = certificate_verify_content(Signer::server, hash);
  const std::string_view ctx = "TLS 1.3, server CertificateVerify";
  ASSERT_EQ(server.size(), 64 + ctx.size() + 1 + 32);
  for (std::size_t i = 0; i < 64; ++i) ASSERT_EQ(server[i], 0x20) << i;
  EXPECT_EQ(std::string(server.begin() + 64, server.begin() + 64 + 33), ctx);
  EXPECT_EQ(server[64 + 33], 0x00);
  EXPECT_EQ(Bytes(server.end() - 32, server.end()), hash);
  const Bytes client = certificate_verify_content(Signer::client, hash);
  EXPECT_EQ(std::string(client.begin() + 64, client.begin() + 64 + 33),
            "TLS 1.3, client CertificateVerify");
  // §4.4.3's worked example starts the same way: 64 × 0x20 then "TLS 1.3, server ...".
  EXPECT_EQ(hex_encode(ByteView(server).subspan(60, 12)), "20202020544c5320312e332c");
}

}  // namespace
}  // namespace glasstls::tls

namespace glasstls::tls {
namespace {

// §4.1.2 binds legacy_compression_methods to {0} in a TLS 1.3 ClientHello only: an older
// client's hello (no supported_versions with 1.3) still decodes, so the server can answer it with
// protocol_version (§4.2.1) rather than illegal_parameter.
TEST(ClientHelloCompression, OnlyATls13HelloMustOfferNullAlone) {
  const Bytes tls13 = client_hello_body(kBasicExtensions, "02 01 00");
  auto refused = decode_client_hello(tls13);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().alert, AlertDescription::illegal_parameter);
  EXPECT_EQ(refused.error().section, "RFC 8446 §4.1.2");
  // The same hello offering only TLS 1.2 (supported_versions {0x0303}).
  const Bytes tls12 = client_hello_body("002b 0003 02 0303  0033 0002 0000", "02 01 00");
  auto decoded = decode_client_hello(tls12);
  ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
  EXPECT_FALSE(offers_tls13(*decoded));
  auto ok13 = decode_client_hello(client_hello_body(kBasicExtensions));
  ASSERT_TRUE(ok13.ok()) << ok13.error().to_string();
  EXPECT_TRUE(offers_tls13(*ok13));
}

// Limits (limits.hpp): a Certificate message with more certificates, or more certificate bytes,
// than configured is refused with bad_certificate before anything else looks at it.
TEST(CertificateLimits, ChainLengthAndSize) {
  Limits limits;
  limits.max_certificate_chain_length = 2;
  limits.max_certificate_chain_bytes = 10;
  // certificate_request_context "", list of entries {cert_data (3 bytes), extensions ""}.
  const Bytes two = hex("00 000010  000003 aabbcc 0000  000003 ddeeff 0000");
  ASSERT_TRUE(decode_certificate(two, limits).ok());
  const Bytes three = hex("00 000016  000003 aabbcc 0000  000003 ddeeff 0000  000001 11 0000");
  auto too_many = decode_certificate(three, limits);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().alert, AlertDescription::bad_certificate);
  EXPECT_NE(too_many.error().reason.find("more than 2 certificates"), std::string::npos)
      << too_many.error().to_string();
  const Bytes big = hex("00 000010  00000b 0102030405060708090a0b 0000");
  auto too_big = decode_certificate(big, limits);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().alert, AlertDescription::bad_certificate);
  // The defaults accept both.
  EXPECT_TRUE(decode_certificate(three).ok());
  EXPECT_TRUE(decode_certificate(big).ok());
}

}  // namespace
}  // namespace glasstls::tls
