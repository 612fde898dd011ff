// Extensions (RFC 8446 §4.2; RFC 6066, 7301, 8449): each typed codec against hand-assembled bytes
// from the RFC structures, the bounds and forbidden values each decoder refuses, and §4.2's table.
#include <gtest/gtest.h>

#include "glasstls/tls/extensions.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

using test::hex;
using ET = ExtensionType;
using HT = HandshakeType;

/// Encodes `value`, checks the extension type and body bytes, decodes the body back with
/// `decode` and checks it is `value` again.
template <class T, class Decode>
void expect_codec(const T& value, ET type, std::string_view body_hex, Decode&& decode) {
  auto ext = to_extension(value);
  ASSERT_TRUE(ext.ok()) << ext.error().to_string();
  EXPECT_EQ(ext->type, type);
  EXPECT_EQ(hex_encode(ext->data), hex_encode(hex(body_hex)));
  auto back = decode(ByteView(ext->data));
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_TRUE(*back == value);
}

template <class R>
void expect_refused(const R& r, AlertDescription alert = AlertDescription::decode_error) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().alert, alert) << r.error().to_string();
}

TEST(Extensions, ServerName) {
  // RFC 6066 §3: list length, name_type host_name(0), HostName length, "server".
  expect_codec(ServerName{"server"}, ET::server_name, "0009 00 0006 736572766572",
               decode_server_name);
  expect_codec(ServerName{}, ET::server_name, "", decode_server_name);  // the acknowledgement
  expect_refused(decode_server_name(hex("0000")));                      // list <1..2^16-1>
  EXPECT_FALSE(check_extension(Extension{ET::server_name, {}}, HT::client_hello).ok());
  EXPECT_TRUE(check_extension(Extension{ET::server_name, {}}, HT::encrypted_extensions).ok());
  expect_refused(decode_server_name(hex("0003 00 0000")));  // HostName <1..>
  expect_refused(decode_server_name(hex("0004 01 0001 61")), AlertDescription::illegal_parameter);
  expect_refused(decode_server_name(hex("0008 00 0001 61 00 0001 62")),
                 AlertDescription::illegal_parameter);  // two host_names
}

TEST(Extensions, SupportedGroupsAndSignatureAlgorithms) {
  expect_codec(
      SupportedGroups{{NamedGroup::x25519, NamedGroup::secp256r1, static_cast<NamedGroup>(0x2a2a)}},
      ET::supported_groups, "0006 001d 0017 2a2a", decode_supported_groups);
  expect_refused(decode_supported_groups(hex("0000")));          // <2..2^16-1>
  expect_refused(decode_supported_groups(hex("0003 001d 00")));  // odd
  expect_codec(
      SignatureSchemeList{{SignatureScheme::ed25519, SignatureScheme::rsa_pss_rsae_sha256}},
      ET::signature_algorithms, "0004 0807 0804", decode_signature_algorithms);
  auto cert =
      to_extension(SignatureSchemeList{{SignatureScheme::ed25519}}, ET::signature_algorithms_cert);
  ASSERT_TRUE(cert.ok());
  EXPECT_EQ(cert->type, ET::signature_algorithms_cert);
  EXPECT_EQ(cert->data, hex("0002 0807"));
  expect_refused(decode_signature_algorithms(hex("0000")));
  expect_refused(decode_signature_algorithms(hex("0002 0807 00")));  // trailing byte
}

TEST(Extensions, KeyShareThreeForms) {
  expect_codec(
      KeyShareClientHello{
          {{NamedGroup::x25519, Bytes(32, 7)}, {NamedGroup::secp256r1, Bytes(65, 4)}}},
      ET::key_share,
      "0069 001d 0020" + hex_encode(Bytes(32, 7)) + " 0017 0041 " + hex_encode(Bytes(65, 4)),
      decode_key_share_client_hello);
  expect_codec(KeyShareClientHello{}, ET::key_share, "0000", decode_key_share_client_hello);
  expect_codec(KeyShareServerHello{{NamedGroup::x25519, hex("aabb")}}, ET::key_share,
               "001d 0002 aabb", decode_key_share_server_hello);
  expect_codec(KeyShareHelloRetryRequest{NamedGroup::secp384r1}, ET::key_share, "0018",
               decode_key_share_hello_retry_request);
  // key_exchange<1..2^16-1>.
  expect_refused(decode_key_share_server_hello(hex("001d 0000")));
  // §4.2.8: two shares for one group.
  expect_refused(decode_key_share_client_hello(hex("000a 001d 0001 aa 001d 0001 bb")),
                 AlertDescription::illegal_parameter);
}

TEST(Extensions, SupportedVersions) {
  expect_codec(SupportedVersionsClientHello{{static_cast<ProtocolVersion>(0x5a5a),
                                             ProtocolVersion::tls13, ProtocolVersion::tls12}},
               ET::supported_versions, "06 5a5a 0304 0303", decode_supported_versions_client_hello);
  expect_codec(SupportedVersionsServerHello{ProtocolVersion::tls13}, ET::supported_versions, "0304",
               decode_supported_versions_server_hello);
  expect_refused(decode_supported_versions_client_hello(hex("00")));  // <2..254>
  expect_refused(decode_supported_versions_client_hello(hex("03 0304 03")));
  expect_refused(decode_supported_versions_server_hello(hex("03")));
}

TEST(Extensions, PskModesAndPreSharedKey) {
  expect_codec(PskKeyExchangeModes{{PskKeyExchangeMode::psk_dhe_ke, PskKeyExchangeMode::psk_ke}},
               ET::psk_key_exchange_modes, "02 01 00", decode_psk_key_exchange_modes);
  expect_refused(decode_psk_key_exchange_modes(hex("00")));  // <1..255>

  OfferedPsks psks;
  psks.identities.push_back({hex("010203"), 0x11223344});
  psks.binders.push_back(Bytes(32, 0xbb));
  expect_codec(psks, ET::pre_shared_key,
               "0009 0003 010203 11223344 0021 20 " + hex_encode(Bytes(32, 0xbb)),
               decode_offered_psks);
  expect_codec(ServerPreSharedKey{3}, ET::pre_shared_key, "0003", decode_server_pre_shared_key);
  // PskBinderEntry<32..255>: a 31-byte binder.
  expect_refused(
      decode_offered_psks(hex("0009 0003 010203 11223344 0020 1f " + hex_encode(Bytes(31, 1)))));
  // §4.2.11: one binder per identity.
  expect_refused(decode_offered_psks(hex("0011 0003 010203 11223344 0002 aabb 00000000 0021 20 " +
                                         hex_encode(Bytes(32, 1)))),
                 AlertDescription::illegal_parameter);
  // identities<7..2^16-1>.
  expect_refused(decode_offered_psks(hex("0000 0021 20 " + hex_encode(Bytes(32, 1)))));
}

TEST(Extensions, EarlyDataCookieAlpn) {
  auto empty = to_extension(EarlyDataIndication{});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->data.empty());
  EXPECT_TRUE(decode_early_data({}, HT::client_hello).ok());
  expect_refused(decode_early_data(hex("00000400"), HT::encrypted_extensions));
  auto nst = decode_early_data(hex("00000400"), HT::new_session_ticket);
  ASSERT_TRUE(nst.ok());
  EXPECT_EQ(nst->max_early_data_size, 1024u);
  expect_refused(decode_early_data({}, HT::new_session_ticket));

  expect_codec(Cookie{hex("c0ffee")}, ET::cookie, "0003 c0ffee", decode_cookie);
  expect_refused(decode_cookie(hex("0000")));  // <1..2^16-1>

  // RFC 7301 §3.1: "h2" and "http/1.1".
  expect_codec(ProtocolNameList{{"h2", "http/1.1"}}, ET::application_layer_protocol_negotiation,
               "000c 02 6832 08 687474702f312e31", decode_alpn);
  expect_refused(decode_alpn(hex("0000")));        // <2..2^16-1>
  expect_refused(decode_alpn(hex("0002 00 00")));  // ProtocolName<1..2^8-1>
}

TEST(Extensions, StatusRequestForms) {
  // RFC 6066 §8: status_type ocsp(1), empty responder list, empty extensions (what browsers send).
  expect_codec(CertificateStatusRequest{}, ET::status_request, "01 0000 0000",
               decode_status_request);
  expect_codec(CertificateStatusRequest{{hex("a1a2")}, hex("3000")}, ET::status_request,
               "01 0004 0002 a1a2 0002 3000", decode_status_request);
  expect_refused(decode_status_request(hex("02 0000 0000")), AlertDescription::illegal_parameter);
  // §4.4.2.1: in a CertificateEntry, CertificateStatus carries the OCSP response.
  expect_codec(CertificateStatus{hex("30 03 0a 01 00")}, ET::status_request,
               "01 000005 3003 0a0100", decode_certificate_status);
  expect_refused(decode_certificate_status(hex("01 000000")));  // OCSPResponse<1..2^24-1>
  // In a CertificateRequest it is empty.
  EXPECT_TRUE(check_extension(Extension{ET::status_request, {}}, HT::certificate_request).ok());
  EXPECT_FALSE(
      check_extension(Extension{ET::status_request, hex("01 0000 0000")}, HT::certificate_request)
          .ok());
}

TEST(Extensions, RecordSizeLimit) {
  expect_codec(RecordSizeLimit{0x4001}, ET::record_size_limit, "4001", decode_record_size_limit);
  expect_codec(RecordSizeLimit{64}, ET::record_size_limit, "0040", decode_record_size_limit);
  // RFC 8449 §4: below 64 is illegal_parameter.
  auto r = decode_record_size_limit(hex("003f"));
  expect_refused(r, AlertDescription::illegal_parameter);
  EXPECT_EQ(r.error().section, "RFC 8449 §4");
  expect_refused(decode_record_size_limit(hex("40")));
}

TEST(Extensions, CertificateAuthoritiesOidFiltersPostHandshakeAuth) {
  expect_codec(CertificateAuthorities{{hex("3000"), hex("300b310930070603550403")}},
               ET::certificate_authorities, "0011 0002 3000 000b 300b310930070603550403",
               decode_certificate_authorities);
  expect_refused(decode_certificate_authorities(hex("0002 0000")));  // <3..2^16-1>
  expect_refused(decode_certificate_authorities(hex("0000")));
  // §4.2.5: an OID (DER contents) and its values.
  expect_codec(OidFilters{{{hex("551d25"), hex("300a06082b06010505070301")}}}, ET::oid_filters,
               "0012 03 551d25 000c 300a06082b06010505070301", decode_oid_filters);
  expect_codec(OidFilters{}, ET::oid_filters, "0000", decode_oid_filters);
  expect_refused(decode_oid_filters(hex("0003 00 0000")));  // oid<1..2^8-1>
  expect_codec(PostHandshakeAuth{}, ET::post_handshake_auth, "", decode_post_handshake_auth);
  expect_refused(decode_post_handshake_auth(hex("00")));
}

TEST(Extensions, Section42Table) {
  // RFC 8446 §4.2's table, row by row for the extensions of RFC 8446 itself.
  EXPECT_TRUE(allowed_in(ET::server_name, HT::client_hello));
  EXPECT_TRUE(allowed_in(ET::server_name, HT::encrypted_extensions));
  EXPECT_FALSE(allowed_in(ET::server_name, HT::server_hello));
  EXPECT_TRUE(allowed_in(ET::status_request, HT::certificate));
  EXPECT_TRUE(allowed_in(ET::status_request, HT::certificate_request));
  EXPECT_FALSE(allowed_in(ET::status_request, HT::encrypted_extensions));
  EXPECT_TRUE(allowed_in(ET::signature_algorithms, HT::certificate_request));
  EXPECT_FALSE(allowed_in(ET::signature_algorithms, HT::encrypted_extensions));
  EXPECT_TRUE(allowed_in(ET::key_share, HT::server_hello));
  EXPECT_FALSE(allowed_in(ET::key_share, HT::encrypted_extensions));
  EXPECT_TRUE(allowed_in(ET::pre_shared_key, HT::server_hello));
  EXPECT_FALSE(allowed_in_hello_retry_request(ET::pre_shared_key));
  EXPECT_TRUE(allowed_in(ET::early_data, HT::new_session_ticket));
  EXPECT_TRUE(allowed_in(ET::early_data, HT::encrypted_extensions));
  EXPECT_FALSE(allowed_in(ET::early_data, HT::server_hello));
  EXPECT_FALSE(allowed_in(ET::cookie, HT::server_hello));
  EXPECT_TRUE(allowed_in_hello_retry_request(ET::cookie));
  EXPECT_TRUE(allowed_in_hello_retry_request(ET::key_share));
  EXPECT_TRUE(allowed_in_hello_retry_request(ET::supported_versions));
  EXPECT_FALSE(allowed_in_hello_retry_request(ET::server_name));
  EXPECT_TRUE(allowed_in(ET::oid_filters, HT::certificate_request));
  EXPECT_FALSE(allowed_in(ET::oid_filters, HT::client_hello));
  EXPECT_TRUE(allowed_in(ET::post_handshake_auth, HT::client_hello));
  EXPECT_FALSE(allowed_in(ET::post_handshake_auth, HT::certificate_request));
  EXPECT_TRUE(allowed_in(ET::psk_key_exchange_modes, HT::client_hello));
  EXPECT_FALSE(allowed_in(ET::psk_key_exchange_modes, HT::server_hello));
  EXPECT_TRUE(allowed_in(ET::padding, HT::client_hello));
  EXPECT_FALSE(allowed_in(ET::padding, HT::encrypted_extensions));
  EXPECT_TRUE(allowed_in(ET::record_size_limit, HT::encrypted_extensions));  // RFC 8449
  // Unknown (GREASE) extensions: ignored in a ClientHello, never allowed in a response.
  EXPECT_TRUE(allowed_in(static_cast<ET>(0x1a1a), HT::client_hello));
  EXPECT_FALSE(allowed_in(static_cast<ET>(0x1a1a), HT::encrypted_extensions));
  // No extension may appear in EndOfEarlyData, Finished or KeyUpdate, which have no block.
  for (std::uint32_t t : {0u, 10u, 13u, 16u, 41u, 42u, 43u, 51u})
    EXPECT_FALSE(allowed_in(static_cast<ET>(t), HT::finished)) << t;
}

TEST(Extensions, CheckUsesTheMessagesForm) {
  // The ClientHello form of supported_versions is not valid in a ServerHello, and vice versa.
  const Extension ch_form{ET::supported_versions, hex("02 0304")};
  const Extension sh_form{ET::supported_versions, hex("0304")};
  EXPECT_TRUE(check_extension(ch_form, HT::client_hello).ok());
  EXPECT_FALSE(check_extension(ch_form, HT::server_hello).ok());
  EXPECT_TRUE(check_extension(sh_form, HT::server_hello).ok());
  EXPECT_TRUE(check_extension(sh_form, HT::server_hello, true).ok());
  EXPECT_FALSE(check_extension(sh_form, HT::client_hello).ok());
  // Unknown types pass unchecked.
  EXPECT_TRUE(
      check_extension(Extension{static_cast<ET>(0xabcd), hex("ff")}, HT::client_hello).ok());
  ExtensionList list{ch_form, Extension{ET::cookie, hex("0001 aa")}};
  ASSERT_NE(find_extension(list, ET::cookie), nullptr);
  EXPECT_EQ(find_extension(list, ET::cookie)->data, hex("0001 aa"));
  EXPECT_EQ(find_extension(list, ET::key_share), nullptr);
}

}  // namespace
}  // namespace glasstls::tls
