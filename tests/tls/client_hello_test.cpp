// A browser's ClientHello: a ~2 KB hello shaped like Chromium's (as ../shared/PEERS.md describes
// it), assembled here with WireWriter — GREASE values (RFC 8701) in cipher suites, groups,
// versions, signature algorithms, key shares and extensions; shuffled extension order; an
// X25519MLKEM768 key share of 1216 bytes plus x25519; ALPN h2 and http/1.1; ECH GREASE;
// compress_certificate; application_settings; padding. It must decode with every GREASE and
// unknown entry kept raw, and re-encode byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>

#include "glasstls/tls/messages.hpp"
#include "glasstls/tls/wire.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

using test::hex;
using ET = ExtensionType;

struct RawExt {
  std::uint16_t type;
  Bytes data;
};

Bytes build(const std::function<void(WireWriter&)>& fill) {
  WireWriter w;
  fill(w);
  EXPECT_TRUE(w.ok());
  return w.take();
}

/// RFC 8701 §2: GREASE values 0x?A?A; `i` picks one of the sixteen.
std::uint16_t grease(unsigned i) {
  const auto nibble = static_cast<std::uint16_t>(i % 16);
  return static_cast<std::uint16_t>((nibble << 12) | 0x0a00 | (nibble << 4) | 0x0a);
}

/// The whole message (header included) of a Chromium-shaped hello, shuffled with `seed`.
Bytes chromium_client_hello(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<RawExt> middle;
  middle.push_back({0x0000, build([](WireWriter& w) {  // server_name (RFC 6066 §3)
                      w.vector(2, [](WireWriter& l) {
                        l.u8(0);
                        l.opaque(2, as_bytes("www.example.com"));
                      });
                    })});
  middle.push_back({0x0017, {}});                      // extended_master_secret
  middle.push_back({0xff01, hex("00")});               // renegotiation_info
  middle.push_back({0x000a, build([](WireWriter& w) {  // supported_groups
                      w.vector(2, [](WireWriter& l) {
                        for (std::uint16_t g :
                             {grease(3), std::uint16_t{0x11ec}, std::uint16_t{0x001d},
                              std::uint16_t{0x0017}, std::uint16_t{0x0018}})
                          l.u16(g);
                      });
                    })});
  middle.push_back({0x000b, hex("01 00")});            // ec_point_formats (TLS 1.2)
  middle.push_back({0x0023, {}});                      // session_ticket (TLS 1.2)
  middle.push_back({0x0010, build([](WireWriter& w) {  // ALPN (RFC 7301)
                      w.vector(2, [](WireWriter& l) {
                        l.opaque(1, as_bytes("h2"));
                        l.opaque(1, as_bytes("http/1.1"));
                      });
                    })});
  middle.push_back({0x0005, hex("01 0000 0000")});     // status_request, OCSP
  middle.push_back({0x000d, build([](WireWriter& w) {  // signature_algorithms
                      w.vector(2, [](WireWriter& l) {
                        for (std::uint16_t s :
                             {grease(5), std::uint16_t{0x0403}, std::uint16_t{0x0804},
                              std::uint16_t{0x0401}, std::uint16_t{0x0503}, std::uint16_t{0x0805},
                              std::uint16_t{0x0501}, std::uint16_t{0x0806}, std::uint16_t{0x0601}})
                          l.u16(s);
                      });
                    })});
  middle.push_back({0x0012, {}});                           // signed_certificate_timestamp
  const Bytes mlkem_share = test::random_bytes(rng, 1216);  // X25519MLKEM768: 1184 + 32 bytes
  const Bytes x25519_share = test::random_bytes(rng, 32);
  middle.push_back({0x0033, build([&](WireWriter& w) {  // key_share
                      w.vector(2, [&](WireWriter& l) {
                        l.u16(grease(3));
                        l.opaque(2, hex("00"));  // GREASE key share: one zero byte
                        l.u16(0x11ec);
                        l.opaque(2, mlkem_share);
                        l.u16(0x001d);
                        l.opaque(2, x25519_share);
                      });
                    })});
  middle.push_back({0x002d, hex("01 01")});            // psk_key_exchange_modes: psk_dhe_ke
  middle.push_back({0x002b, build([](WireWriter& w) {  // supported_versions
                      w.vector(1, [](WireWriter& l) {
                        l.u16(grease(9));
                        l.u16(0x0304);
                        l.u16(0x0303);
                      });
                    })});
  middle.push_back({0x001b, hex("02 0002")});                    // compress_certificate: brotli
  middle.push_back({0x4469, hex("0003 02 6832")});               // application_settings: h2
  middle.push_back({0xfe0d, build([&](WireWriter& w) {           // ECH GREASE (outer ClientHello)
                      w.u8(0);                                   // ECHClientHelloType outer
                      w.u16(0x0001);                             // HKDF-SHA256
                      w.u16(0x0001);                             // AES-128-GCM
                      w.u8(static_cast<std::uint8_t>(rng()));    // config_id
                      w.opaque(2, test::random_bytes(rng, 32));  // enc
                      w.opaque(2, test::random_bytes(rng, 144 + rng() % 97));  // payload
                    })});
  std::shuffle(middle.begin(), middle.end(), rng);

  std::vector<RawExt> exts;
  exts.push_back({grease(1), {}});  // Chromium: a GREASE extension first ...
  exts.insert(exts.end(), middle.begin(), middle.end());
  exts.push_back({grease(11), hex("00")});  // ... and one, non-empty, near the end

  const Bytes random = test::random_bytes(rng, 32);
  const Bytes session_id = test::random_bytes(rng, 32);
  auto body_without_padding = [&](std::size_t padding) {
    return build([&](WireWriter& w) {
      w.u16(0x0303);
      w.bytes(random);
      w.opaque(1, session_id);
      w.vector(2, [](WireWriter& l) {
        for (std::uint16_t s :
             {grease(7), std::uint16_t{0x1301}, std::uint16_t{0x1302}, std::uint16_t{0x1303},
              std::uint16_t{0xc02b}, std::uint16_t{0xc02f}, std::uint16_t{0xc02c},
              std::uint16_t{0xc030}, std::uint16_t{0xcca9}, std::uint16_t{0xcca8},
              std::uint16_t{0xc013}, std::uint16_t{0xc014}, std::uint16_t{0x009c},
              std::uint16_t{0x009d}, std::uint16_t{0x002f}, std::uint16_t{0x0035}})
          l.u16(s);
      });
      w.opaque(1, hex("00"));
      w.vector(2, [&](WireWriter& l) {
        for (const RawExt& e : exts) {
          l.u16(e.type);
          l.opaque(2, e.data);
        }
        l.u16(0x0015);  // padding (RFC 7685): zero bytes up to the target size
        l.opaque(2, Bytes(padding, 0));
      });
    });
  };
  // Pad the message to 2048 bytes (header included), as a ~2 KB browser hello.
  const std::size_t unpadded = 4 + body_without_padding(0).size();
  const Bytes body = body_without_padding(unpadded < 2048 ? 2048 - unpadded : 0);
  return build([&](WireWriter& w) {
    w.u8(1);
    w.opaque(3, body);
  });
}

TEST(BrowserClientHello, GreaseHeavyChromiumHelloDecodesAndReEncodes) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    SCOPED_TRACE(seed);
    const Bytes message = chromium_client_hello(seed);
    EXPECT_EQ(message.size(), 2048u);
    auto decoded = decode_handshake(message);
    ASSERT_TRUE(decoded.ok()) << decoded.error().to_string();
    const auto& ch = std::get<ClientHello>(*decoded);

    // GREASE cipher suite kept as its value, TLS 1.2 suites too.
    ASSERT_EQ(ch.cipher_suites.size(), 16u);
    EXPECT_TRUE(is_grease(static_cast<std::uint16_t>(ch.cipher_suites[0])));
    EXPECT_EQ(ch.cipher_suites[1], CipherSuite::tls_aes_128_gcm_sha256);
    EXPECT_EQ(ch.cipher_suites[15], static_cast<CipherSuite>(0x0035));
    EXPECT_EQ(ch.legacy_session_id.size(), 32u);

    // GREASE extensions kept raw, first and before the padding.
    ASSERT_EQ(ch.extensions.size(), 19u);
    EXPECT_TRUE(is_grease(static_cast<std::uint16_t>(ch.extensions.front().type)));
    EXPECT_TRUE(is_grease(static_cast<std::uint16_t>(ch.extensions[17].type)));
    EXPECT_EQ(ch.extensions[17].data, hex("00"));
    EXPECT_EQ(ch.extensions.back().type, ET::padding);

    const Extension* groups_ext = find_extension(ch.extensions, ET::supported_groups);
    ASSERT_NE(groups_ext, nullptr);
    auto groups = decode_supported_groups(groups_ext->data);
    ASSERT_TRUE(groups.ok());
    ASSERT_EQ(groups->groups.size(), 5u);
    EXPECT_TRUE(is_grease(static_cast<std::uint16_t>(groups->groups[0])));
    EXPECT_EQ(groups->groups[1], NamedGroup::x25519_mlkem768);

    auto shares = decode_key_share_client_hello(find_extension(ch.extensions, ET::key_share)->data);
    ASSERT_TRUE(shares.ok()) << shares.error().to_string();
    ASSERT_EQ(shares->client_shares.size(), 3u);
    EXPECT_TRUE(is_grease(static_cast<std::uint16_t>(shares->client_shares[0].group)));
    EXPECT_EQ(shares->client_shares[0].key_exchange, hex("00"));
    EXPECT_EQ(shares->client_shares[1].group, NamedGroup::x25519_mlkem768);
    EXPECT_EQ(shares->client_shares[1].key_exchange.size(), 1216u);
    EXPECT_EQ(shares->client_shares[2].group, NamedGroup::x25519);
    EXPECT_EQ(shares->client_shares[2].key_exchange.size(), 32u);

    auto versions = decode_supported_versions_client_hello(
        find_extension(ch.extensions, ET::supported_versions)->data);
    ASSERT_TRUE(versions.ok());
    ASSERT_EQ(versions->versions.size(), 3u);
    EXPECT_TRUE(is_grease(static_cast<std::uint16_t>(versions->versions[0])));
    EXPECT_EQ(versions->versions[1], ProtocolVersion::tls13);

    auto sigs =
        decode_signature_algorithms(find_extension(ch.extensions, ET::signature_algorithms)->data);
    ASSERT_TRUE(sigs.ok());
    EXPECT_TRUE(is_grease(static_cast<std::uint16_t>(sigs->schemes[0])));

    auto alpn = decode_alpn(
        find_extension(ch.extensions, ET::application_layer_protocol_negotiation)->data);
    ASSERT_TRUE(alpn.ok());
    EXPECT_EQ(alpn->protocols, (std::vector<std::string>{"h2", "http/1.1"}));
    auto sni = decode_server_name(find_extension(ch.extensions, ET::server_name)->data);
    ASSERT_TRUE(sni.ok());
    EXPECT_EQ(sni->host_name, "www.example.com");

    // Extensions glasstls does not decode are kept as raw bytes.
    const Extension* ech = find_extension(ch.extensions, ET::encrypted_client_hello);
    ASSERT_NE(ech, nullptr);
    EXPECT_GT(ech->data.size(), 144u + 32u);
    ASSERT_NE(find_extension(ch.extensions, ET::compress_certificate), nullptr);
    EXPECT_EQ(find_extension(ch.extensions, ET::compress_certificate)->data, hex("02 0002"));
    ASSERT_NE(find_extension(ch.extensions, ET::application_settings), nullptr);

    // Byte for byte.
    auto again = encode(ch);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, message);
  }
}

TEST(BrowserClientHello, ShuffledOrdersAreAllKept) {
  // Two seeds give two orders; each re-encodes to itself, so order is preserved, not normalised.
  const Bytes a = chromium_client_hello(100), b = chromium_client_hello(101);
  auto da = decode_handshake(a), db = decode_handshake(b);
  ASSERT_TRUE(da.ok() && db.ok());
  std::vector<ET> order_a, order_b;
  for (const auto& e : std::get<ClientHello>(*da).extensions) order_a.push_back(e.type);
  for (const auto& e : std::get<ClientHello>(*db).extensions) order_b.push_back(e.type);
  EXPECT_NE(order_a, order_b);
  EXPECT_EQ(*encode(*da), a);
  EXPECT_EQ(*encode(*db), b);
}

TEST(BrowserClientHello, BuiltFromTypedExtensions) {
  // A client builds its hello from typed extensions; the decoder reads them back.
  ClientHello ch;
  ch.random.fill(0x42);
  ch.legacy_session_id = Bytes(32, 0x07);
  ch.cipher_suites = {CipherSuite::tls_aes_128_gcm_sha256,
                      CipherSuite::tls_chacha20_poly1305_sha256};
  ch.extensions.push_back(*to_extension(ServerName{"localhost"}));
  ch.extensions.push_back(*to_extension(SupportedVersionsClientHello{{ProtocolVersion::tls13}}));
  ch.extensions.push_back(*to_extension(SupportedGroups{{NamedGroup::x25519}}));
  ch.extensions.push_back(*to_extension(KeyShareClientHello{{{NamedGroup::x25519, Bytes(32, 9)}}}));
  ch.extensions.push_back(*to_extension(
      SignatureSchemeList{{SignatureScheme::ed25519, SignatureScheme::ecdsa_secp256r1_sha256}}));
  ch.extensions.push_back(*to_extension(PskKeyExchangeModes{{PskKeyExchangeMode::psk_dhe_ke}}));
  ch.extensions.push_back(*to_extension(EarlyDataIndication{}));
  OfferedPsks psks;
  psks.identities.push_back({Bytes(40, 3), 1234});
  psks.binders.push_back(Bytes(32, 0));  // placeholder
  ch.extensions.push_back(*to_extension(psks));
  auto message = encode(ch);
  ASSERT_TRUE(message.ok());
  auto back = decode_handshake(*message);
  ASSERT_TRUE(back.ok()) << back.error().to_string();
  EXPECT_EQ(std::get<ClientHello>(*back), ch);
  // §4.2.11.2: the binders list (2 + 1 + 32 bytes) ends the message.
  auto offset = client_hello_binders_offset(*message);
  ASSERT_TRUE(offset.ok());
  EXPECT_EQ(*offset, message->size() - 35);
  ASSERT_TRUE(patch_client_hello_binders(*message, std::vector<Bytes>{Bytes(32, 0xee)}).ok());
  auto patched = decode_handshake(*message);
  ASSERT_TRUE(patched.ok());
  auto patched_psks = decode_offered_psks(std::get<ClientHello>(*patched).extensions.back().data);
  ASSERT_TRUE(patched_psks.ok());
  EXPECT_EQ(patched_psks->binders[0], Bytes(32, 0xee));
}

}  // namespace
}  // namespace glasstls::tls
