// RFC 8448's example handshakes, message by message: every handshake message printed in §3 (and
// §4's resumption ClientHello, §5's HelloRetryRequest exchange) is decoded, its fields checked
// against the trace, and re-encoded byte for byte. The messages the handshake replay also uses
// come from rfc8448_vectors.hpp.
#include <gtest/gtest.h>

#include "glasstls/tls/messages.hpp"
#include "rfc8448_vectors.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

using test::hex;

// RFC 8448 §3: the ClientHello.
const Bytes& kClientHello = rfc8448::s3::kClientHello;
// RFC 8448 §3: the ServerHello.
const Bytes& kServerHello = rfc8448::s3::kServerHello;
// RFC 8448 §3: the server's encrypted flight (EncryptedExtensions, Certificate,
// CertificateVerify, Finished), as the "payload" of its handshake record.
const Bytes kServerFlight = hex(R"(
    08 00 00 24 00 22 00 0a 00 14 00 12 00 1d 00 17
    00 18 00 19 01 00 01 01 01 02 01 03 01 04 00 1c
    00 02 40 01 00 00 00 00 0b 00 01 b9 00 00 01 b5
    00 01 b0 30 82 01 ac 30 82 01 15 a0 03 02 01 02
    02 01 02 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b
    05 00 30 0e 31 0c 30 0a 06 03 55 04 03 13 03 72
    73 61 30 1e 17 0d 31 36 30 37 33 30 30 31 32 33
    35 39 5a 17 0d 32 36 30 37 33 30 30 31 32 33 35
    39 5a 30 0e 31 0c 30 0a 06 03 55 04 03 13 03 72
    73 61 30 81 9f 30 0d 06 09 2a 86 48 86 f7 0d 01
    01 01 05 00 03 81 8d 00 30 81 89 02 81 81 00 b4
    bb 49 8f 82 79 30 3d 98 08 36 39 9b 36 c6 98 8c
    0c 68 de 55 e1 bd b8 26 d3 90 1a 24 61 ea fd 2d
    e4 9a 91 d0 15 ab bc 9a 95 13 7a ce 6c 1a f1 9e
    aa 6a f9 8c 7c ed 43 12 09 98 e1 87 a8 0e e0 cc
    b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44 9a 6d 38 e2
    2a 5f da 43 08 46 74 80 30 53 0e f0 46 1c 8c a9
    d9 ef bf ae 8e a6 d1 d0 3e 2b d1 93 ef f0 ab 9a
    80 02 c4 74 28 a6 d3 5a 8d 88 d7 9f 7f 1e 3f 02
    03 01 00 01 a3 1a 30 18 30 09 06 03 55 1d 13 04
    02 30 00 30 0b 06 03 55 1d 0f 04 04 03 02 05 a0
    30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 03
    81 81 00 85 aa d2 a0 e5 b9 27 6b 90 8c 65 f7 3a
    72 67 17 06 18 a5 4c 5f 8a 7b 33 7d 2d f7 a5 94
    36 54 17 f2 ea e8 f8 a5 8c 8f 81 72 f9 31 9c f3
    6b 7f d6 c5 5b 80 f2 1a 03 01 51 56 72 60 96 fd
    33 5e 5e 67 f2 db f1 02 70 2e 60 8c ca e6 be c1
    fc 63 a4 2a 99 be 5c 3e b7 10 7c 3c 54 e9 b9 eb
    2b d5 20 3b 1c 3b 84 e0 a8 b2 f7 59 40 9b a3 ea
    c9 d9 1d 40 2d cc 0c c8 f8 96 12 29 ac 91 87 b4
    2b 4d e1 00 00 0f 00 00 84 08 04 00 80 5a 74 7c
    5d 88 fa 9b d2 e5 5a b0 85 a6 10 15 b7 21 1f 82
    4c d4 84 14 5a b3 ff 52 f1 fd a8 47 7b 0b 7a bc
    90 db 78 e2 d3 3a 5c 14 1a 07 86 53 fa 6b ef 78
    0c 5e a2 48 ee aa a7 85 c4 f3 94 ca b6 d3 0b be
    8d 48 59 ee 51 1f 60 29 57 b1 54 11 ac 02 76 71
    45 9e 46 44 5c 9e a5 8c 18 1e 81 8e 95 b8 c3 fb
    0b f3 27 84 09 d3 be 15 2a 3d a5 04 3e 06 3d da
    65 cd f5 ae a2 0d 53 df ac d4 2f 74 f3 14 00 00
    20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de
    da 4a b4 2c 30 95 72 cb 7f ff ee 54 54 b7 8f 07
    18
  )");
// RFC 8448 §3: the client Finished.
const Bytes kClientFinished = hex(R"(
    14 00 00 20 a8 ec 43 6d 67 76 34 ae 52 5a c1 fc
    eb e1 1a 03 9e c1 76 94 fa c6 e9 85 27 b6 42 f2
    ed d5 ce 61
  )");
// RFC 8448 §3: the NewSessionTicket.
const Bytes kNewSessionTicket = hex(R"(
    04 00 00 c9 00 00 00 1e fa d6 aa c5 02 00 00 00
    b2 2c 03 5d 82 93 59 ee 5f f7 af 4e c9 00 00 00
    00 26 2a 64 94 dc 48 6d 2c 8a 34 cb 33 fa 90 bf
    1b 00 70 ad 3c 49 88 83 c9 36 7c 09 a2 be 78 5a
    bc 55 cd 22 60 97 a3 a9 82 11 72 83 f8 2a 03 a1
    43 ef d3 ff 5d d3 6d 64 e8 61 be 7f d6 1d 28 27
    db 27 9c ce 14 50 77 d4 54 a3 66 4d 4e 6d a4 d2
    9e e0 37 25 a6 a4 da fc d0 fc 67 d2 ae a7 05 29
    51 3e 3d a2 67 7f a5 90 6c 5b 3f 7d 8f 92 f2 28
    bd a4 0d da 72 14 70 f9 fb f2 97 b5 ae a6 17 64
    6f ac 5c 03 27 2e 97 07 27 c6 21 a7 91 41 ef 5f
    7d e6 50 5e 5b fb c3 88 e9 33 43 69 40 93 93 4a
    e4 d3 57 00 08 00 2a 00 04 00 00 04 00
  )");
// RFC 8448 §4: the resumption ClientHello with pre_shared_key and its binder.
const Bytes kResumedClientHello = hex(R"(
    01 00 01 fc 03 03 1b c3 ce b6 bb e3 9c ff 93 83
    55 b5 a5 0a db 6d b2 1b 7a 6a f6 49 d7 b4 bc 41
    9d 78 76 48 7d 95 00 00 06 13 01 13 03 13 02 01
    00 01 cd 00 00 00 0b 00 09 00 00 06 73 65 72 76
    65 72 ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00
    17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00
    33 00 26 00 24 00 1d 00 20 e4 ff b6 8a c0 5f 8d
    96 c9 9d a2 66 98 34 6c 6b e1 64 82 ba dd da fe
    05 1a 66 b4 f1 8d 66 8f 0b 00 2a 00 00 00 2b 00
    03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03
    02 03 08 04 08 05 08 06 04 01 05 01 06 01 02 01
    04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c
    00 02 40 01 00 15 00 57 00 00 00 00 00 00 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
    29 00 dd 00 b8 00 b2 2c 03 5d 82 93 59 ee 5f f7
    af 4e c9 00 00 00 00 26 2a 64 94 dc 48 6d 2c 8a
    34 cb 33 fa 90 bf 1b 00 70 ad 3c 49 88 83 c9 36
    7c 09 a2 be 78 5a bc 55 cd 22 60 97 a3 a9 82 11
    72 83 f8 2a 03 a1 43 ef d3 ff 5d d3 6d 64 e8 61
    be 7f d6 1d 28 27 db 27 9c ce 14 50 77 d4 54 a3
    66 4d 4e 6d a4 d2 9e e0 37 25 a6 a4 da fc d0 fc
    67 d2 ae a7 05 29 51 3e 3d a2 67 7f a5 90 6c 5b
    3f 7d 8f 92 f2 28 bd a4 0d da 72 14 70 f9 fb f2
    97 b5 ae a6 17 64 6f ac 5c 03 27 2e 97 07 27 c6
    21 a7 91 41 ef 5f 7d e6 50 5e 5b fb c3 88 e9 33
    43 69 40 93 93 4a e4 d3 57 fa d6 aa cb 00 21 20
    3a dd 4f b2 d8 fd f8 22 a0 ca 3c f7 67 8e f5 e8
    8d ae 99 01 41 c5 92 4d 57 bb 6f a3 1b 9e 5f 9d
  )");
// RFC 8448 §5: the first ClientHello.
const Bytes& kHrrClientHello1 = rfc8448::s5::kClientHello1;
// RFC 8448 §5: the HelloRetryRequest.
const Bytes& kHelloRetryRequest = rfc8448::s5::kHelloRetryRequest;
// RFC 8448 §5: the second ClientHello (with the cookie).
const Bytes& kHrrClientHello2 = rfc8448::s5::kClientHello2;

/// Decodes one whole message, requires it to re-encode to the same bytes, returns it.
template <class T>
T decode_exactly(ByteView message, std::size_t hash_length = 0) {
  auto decoded = decode_handshake(message, hash_length);
  EXPECT_TRUE(decoded.ok()) << decoded.error().to_string();
  if (!decoded.ok()) return T{};
  EXPECT_TRUE(std::holds_alternative<T>(*decoded));
  if (!std::holds_alternative<T>(*decoded)) return T{};
  auto again = encode(*decoded);
  EXPECT_TRUE(again.ok());
  if (again.ok()) {
    EXPECT_EQ(hex_encode(*again), hex_encode(message));
  }
  return std::get<T>(*decoded);
}

/// Splits a run of handshake messages by their headers.
std::vector<Bytes> split_messages(ByteView run) {
  std::vector<Bytes> out;
  std::size_t at = 0;
  while (at + 4 <= run.size() && out.size() < 16) {
    const std::size_t length = (std::size_t{run[at + 1]} << 16) | (run[at + 2] << 8) | run[at + 3];
    if (at + 4 + length > run.size()) break;
    out.emplace_back(run.begin() + static_cast<std::ptrdiff_t>(at),
                     run.begin() + static_cast<std::ptrdiff_t>(at + 4 + length));
    at += 4 + length;
  }
  EXPECT_EQ(at, run.size());
  return out;
}

template <class T>
T value_of(Result<T, TlsError> r) {
  EXPECT_TRUE(r.ok()) << r.error().to_string();
  return r.ok() ? std::move(r).value() : T{};
}

const Extension& must_find(const ExtensionList& list, ExtensionType type) {
  static const Extension kNone{};
  const Extension* e = find_extension(list, type);
  EXPECT_NE(e, nullptr) << to_string(type);
  return e ? *e : kNone;
}

TEST(Rfc8448Simple, ClientHello) {
  const auto ch = decode_exactly<ClientHello>(kClientHello);
  EXPECT_EQ(ch.legacy_version, 0x0303);
  EXPECT_EQ(hex_encode(ch.random),
            "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7");
  EXPECT_TRUE(ch.legacy_session_id.empty());
  EXPECT_EQ(ch.cipher_suites, (std::vector<CipherSuite>{CipherSuite::tls_aes_128_gcm_sha256,
                                                        CipherSuite::tls_chacha20_poly1305_sha256,
                                                        CipherSuite::tls_aes_256_gcm_sha384}));
  // RFC 8448 §3: the extensions in order, including two TLS 1.2 ones kept raw.
  std::vector<ExtensionType> types;
  for (const Extension& e : ch.extensions) types.push_back(e.type);
  using ET = ExtensionType;
  EXPECT_EQ(types, (std::vector<ET>{ET::server_name, ET::renegotiation_info, ET::supported_groups,
                                    ET::session_ticket, ET::key_share, ET::supported_versions,
                                    ET::signature_algorithms, ET::psk_key_exchange_modes,
                                    ET::record_size_limit}));
  EXPECT_EQ(value_of(decode_server_name(must_find(ch.extensions, ET::server_name).data)).host_name,
            "server");
  const auto groups =
      value_of(decode_supported_groups(must_find(ch.extensions, ET::supported_groups).data));
  EXPECT_EQ(groups.groups,
            (std::vector<NamedGroup>{
                NamedGroup::x25519, NamedGroup::secp256r1, NamedGroup::secp384r1,
                NamedGroup::secp521r1, NamedGroup::ffdhe2048, NamedGroup::ffdhe3072,
                NamedGroup::ffdhe4096, NamedGroup::ffdhe6144, NamedGroup::ffdhe8192}));
  const auto shares =
      value_of(decode_key_share_client_hello(must_find(ch.extensions, ET::key_share).data));
  ASSERT_EQ(shares.client_shares.size(), 1u);
  EXPECT_EQ(shares.client_shares[0].group, NamedGroup::x25519);
  // RFC 8448 §3: the client's x25519 public key.
  EXPECT_EQ(shares.client_shares[0].key_exchange,
            hex("99 38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69 "
                "1e 52 9a af 2c"));
  const auto versions = value_of(decode_supported_versions_client_hello(
      must_find(ch.extensions, ET::supported_versions).data));
  EXPECT_EQ(versions.versions, std::vector<ProtocolVersion>{ProtocolVersion::tls13});
  const auto sigs = value_of(
      decode_signature_algorithms(must_find(ch.extensions, ET::signature_algorithms).data));
  ASSERT_EQ(sigs.schemes.size(), 15u);
  EXPECT_EQ(sigs.schemes.front(), SignatureScheme::ecdsa_secp256r1_sha256);
  EXPECT_EQ(sigs.schemes.back(), static_cast<SignatureScheme>(0x0202));  // dsa_sha1, kept raw
  const auto modes = value_of(
      decode_psk_key_exchange_modes(must_find(ch.extensions, ET::psk_key_exchange_modes).data));
  EXPECT_EQ(modes.modes, std::vector<PskKeyExchangeMode>{PskKeyExchangeMode::psk_dhe_ke});
  EXPECT_EQ(value_of(decode_record_size_limit(must_find(ch.extensions, ET::record_size_limit).data))
                .limit,
            0x4001);
  EXPECT_TRUE(must_find(ch.extensions, ET::session_ticket).data.empty());
}

TEST(Rfc8448Simple, ServerHello) {
  const auto sh = decode_exactly<ServerHello>(kServerHello);
  EXPECT_FALSE(sh.is_hello_retry_request());
  EXPECT_EQ(hex_encode(sh.random),
            "a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928");
  EXPECT_EQ(sh.cipher_suite, CipherSuite::tls_aes_128_gcm_sha256);
  ASSERT_EQ(sh.extensions.size(), 2u);
  const auto share = value_of(decode_key_share_server_hello(sh.extensions[0].data));
  EXPECT_EQ(share.server_share.group, NamedGroup::x25519);
  // RFC 8448 §3: the server's x25519 public key.
  EXPECT_EQ(share.server_share.key_exchange,
            hex("c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 "
                "b0 4e 75 1f 0f"));
  EXPECT_EQ(
      value_of(decode_supported_versions_server_hello(sh.extensions[1].data)).selected_version,
      ProtocolVersion::tls13);
}

TEST(Rfc8448Simple, ServerEncryptedFlight) {
  const auto messages = split_messages(kServerFlight);
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0].size(), 40u);   // RFC 8448 §3: EncryptedExtensions (40 octets)
  EXPECT_EQ(messages[1].size(), 445u);  // Certificate (445 octets)
  EXPECT_EQ(messages[2].size(), 136u);  // CertificateVerify (136 octets)
  EXPECT_EQ(messages[3].size(), 36u);   // Finished (36 octets)

  const auto ee = decode_exactly<EncryptedExtensions>(messages[0]);
  ASSERT_EQ(ee.extensions.size(), 3u);
  EXPECT_EQ(ee.extensions[0].type, ExtensionType::supported_groups);
  EXPECT_EQ(value_of(decode_supported_groups(ee.extensions[0].data)).groups.size(), 9u);
  EXPECT_EQ(ee.extensions[1].type, ExtensionType::record_size_limit);
  EXPECT_EQ(value_of(decode_record_size_limit(ee.extensions[1].data)).limit, 0x4001);
  EXPECT_EQ(ee.extensions[2].type, ExtensionType::server_name);
  EXPECT_FALSE(value_of(decode_server_name(ee.extensions[2].data)).host_name);

  const auto cert = decode_exactly<Certificate>(messages[1]);
  EXPECT_TRUE(cert.certificate_request_context.empty());
  ASSERT_EQ(cert.certificate_list.size(), 1u);
  EXPECT_EQ(cert.certificate_list[0].cert_data.size(), 0x1b0u);
  EXPECT_EQ(hex_encode(ByteView(cert.certificate_list[0].cert_data).first(4)), "308201ac");
  EXPECT_TRUE(cert.certificate_list[0].extensions.empty());

  const auto cv = decode_exactly<CertificateVerify>(messages[2]);
  EXPECT_EQ(cv.algorithm, SignatureScheme::rsa_pss_rsae_sha256);
  ASSERT_EQ(cv.signature.size(), 128u);
  EXPECT_EQ(hex_encode(ByteView(cv.signature).first(4)), "5a747c5d");

  const auto fin = decode_exactly<Finished>(messages[3], 32);
  // RFC 8448 §3: the server's verify_data.
  const Bytes expected = hex(
      "9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c 30 95 72 cb 7f ff ee 54 54 b7 8f "
      "07 18");
  EXPECT_TRUE(finished_matches(fin, expected));
  Bytes wrong = expected;
  wrong[31] ^= 1;
  EXPECT_FALSE(finished_matches(fin, wrong));
  EXPECT_FALSE(finished_matches(fin, ByteView(expected).first(31)));
}

TEST(Rfc8448Simple, ClientFinished) {
  const auto fin = decode_exactly<Finished>(kClientFinished, 32);
  // RFC 8448 §3: the client's verify_data.
  EXPECT_TRUE(finished_matches(
      fin, hex("a8 ec 43 6d 67 76 34 ae 52 5a c1 fc eb e1 1a 03 9e c1 76 94 fa c6 e9 85 27 b6 42 "
               "f2 ed d5 ce 61")));
  // A SHA-384 suite's Finished is 48 bytes: 32 is a malformed message there.
  auto wrong_size = decode_handshake(kClientFinished, 48);
  ASSERT_FALSE(wrong_size.ok());
  EXPECT_EQ(wrong_size.error().alert, AlertDescription::decode_error);
}

TEST(Rfc8448Simple, NewSessionTicket) {
  const auto nst = decode_exactly<NewSessionTicket>(kNewSessionTicket);
  EXPECT_EQ(nst.ticket_lifetime, 30u);
  EXPECT_EQ(nst.ticket_age_add, 0xfad6aac5u);
  EXPECT_EQ(nst.ticket_nonce, hex("00 00"));
  EXPECT_EQ(nst.ticket.size(), 0xb2u);
  ASSERT_EQ(nst.extensions.size(), 1u);
  const auto early =
      value_of(decode_early_data(nst.extensions[0].data, HandshakeType::new_session_ticket));
  EXPECT_EQ(early.max_early_data_size, 1024u);
}

TEST(Rfc8448Resumed, ClientHelloWithPskAndBinder) {
  const auto ch = decode_exactly<ClientHello>(kResumedClientHello);
  ASSERT_FALSE(ch.extensions.empty());
  ASSERT_EQ(ch.extensions.back().type, ExtensionType::pre_shared_key);
  const auto psks = value_of(decode_offered_psks(ch.extensions.back().data));
  ASSERT_EQ(psks.identities.size(), 1u);
  EXPECT_EQ(psks.identities[0].identity.size(), 0xb2u);  // the §3 ticket
  // ticket_age_add (0xfad6aac5, from §3's NewSessionTicket) plus the age in milliseconds.
  EXPECT_EQ(psks.identities[0].obfuscated_ticket_age, 0xfad6aacbu);
  ASSERT_EQ(psks.binders.size(), 1u);
  // RFC 8448 §4: the binder.
  EXPECT_EQ(psks.binders[0],
            hex("3a dd 4f b2 d8 fd f8 22 a0 ca 3c f7 67 8e f5 e8 8d ae 99 01 41 c5 92 4d 57 bb 6f "
                "a3 1b 9e 5f 9d"));
  ASSERT_NE(find_extension(ch.extensions, ExtensionType::early_data), nullptr);
  // RFC 8448 §4 prints the truncated ClientHello the binder covers: 477 octets.
  auto offset = client_hello_binders_offset(kResumedClientHello);
  ASSERT_TRUE(offset.ok()) << offset.error().to_string();
  EXPECT_EQ(*offset, 477u);
  // Patching the same binder back in is the identity; another binder lands at the end.
  Bytes patched = kResumedClientHello;
  ASSERT_TRUE(patch_client_hello_binders(patched, std::vector<Bytes>{psks.binders[0]}).ok());
  EXPECT_EQ(patched, kResumedClientHello);
  const Bytes other(32, 0x5a);
  ASSERT_TRUE(patch_client_hello_binders(patched, std::vector<Bytes>{other}).ok());
  EXPECT_EQ(Bytes(patched.begin(), patched.begin() + 477),
            Bytes(kResumedClientHello.begin(), kResumedClientHello.begin() + 477));
  EXPECT_EQ(Bytes(patched.end() - 32, patched.end()), other);
  // A binder of the wrong size is refused.
  EXPECT_FALSE(patch_client_hello_binders(patched, std::vector<Bytes>{Bytes(48, 1)}).ok());
  // §3's ClientHello has no pre_shared_key.
  auto none = client_hello_binders_offset(kClientHello);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().alert, AlertDescription::missing_extension);
}

TEST(Rfc8448HelloRetryRequest, FirstClientHello) {
  const auto ch = decode_exactly<ClientHello>(kHrrClientHello1);
  const auto shares = value_of(
      decode_key_share_client_hello(must_find(ch.extensions, ExtensionType::key_share).data));
  ASSERT_EQ(shares.client_shares.size(), 1u);
  EXPECT_EQ(shares.client_shares[0].group, NamedGroup::x25519);
}

TEST(Rfc8448HelloRetryRequest, HelloRetryRequest) {
  const auto hrr = decode_exactly<ServerHello>(kHelloRetryRequest);
  EXPECT_TRUE(hrr.is_hello_retry_request());
  // §4.1.3: the special random is SHA-256("HelloRetryRequest"), as RFC 8448 §5 shows.
  EXPECT_EQ(hex_encode(hrr.random),
            "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
  EXPECT_EQ(hrr.cipher_suite, CipherSuite::tls_aes_128_gcm_sha256);
  const auto selected = value_of(decode_key_share_hello_retry_request(
      must_find(hrr.extensions, ExtensionType::key_share).data));
  EXPECT_EQ(selected.selected_group, NamedGroup::secp256r1);
  const auto cookie =
      value_of(decode_cookie(must_find(hrr.extensions, ExtensionType::cookie).data));
  EXPECT_EQ(cookie.cookie.size(), 0x72u);
  EXPECT_EQ(value_of(decode_supported_versions_server_hello(
                         must_find(hrr.extensions, ExtensionType::supported_versions).data))
                .selected_version,
            ProtocolVersion::tls13);
}

TEST(Rfc8448HelloRetryRequest, SecondClientHello) {
  const auto ch = decode_exactly<ClientHello>(kHrrClientHello2);
  const auto shares = value_of(
      decode_key_share_client_hello(must_find(ch.extensions, ExtensionType::key_share).data));
  ASSERT_EQ(shares.client_shares.size(), 1u);
  EXPECT_EQ(shares.client_shares[0].group, NamedGroup::secp256r1);
  EXPECT_EQ(shares.client_shares[0].key_exchange.size(), 65u);
  // §4.1.2: the second ClientHello echoes the HelloRetryRequest's cookie.
  const auto hrr = decode_server_hello(ByteView(kHelloRetryRequest).subspan(4));
  ASSERT_TRUE(hrr.ok());
  EXPECT_EQ(must_find(ch.extensions, ExtensionType::cookie).data,
            must_find(hrr->extensions, ExtensionType::cookie).data);
  EXPECT_EQ(ch.random, value_of(decode_client_hello(ByteView(kHrrClientHello1).subspan(4))).random);
}

}  // namespace
}  // namespace glasstls::tls
