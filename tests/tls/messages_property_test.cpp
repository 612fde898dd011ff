// Property tests for the message and extension codecs, over seeded random contents:
//  * encode → decode gives the same value back, and re-encodes to the same bytes;
//  * every strict prefix of an encoded message is refused;
//  * random byte mutations never crash (the asan build runs this), and whatever still decodes
//    re-encodes to exactly the mutated bytes (the decoders keep everything; nothing is lost).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "glasstls/tls/messages.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

using ET = ExtensionType;

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  std::size_t size(std::size_t lo, std::size_t hi) { return lo + rng_() % (hi - lo + 1); }
  Bytes bytes(std::size_t lo, std::size_t hi) { return test::random_bytes(rng_, size(lo, hi)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(rng_()); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(rng_()); }
  bool coin() { return rng_() & 1; }
  std::string text(std::size_t lo, std::size_t hi) {
    std::string s(size(lo, hi), 'a');
    for (char& c : s) c = static_cast<char>('a' + rng_() % 26);
    return s;
  }
  template <class E>
  std::vector<E> u16_list(std::size_t lo, std::size_t hi) {
    std::vector<E> v(size(lo, hi));
    for (E& e : v) e = static_cast<E>(u16());
    return v;
  }

  Extension ext(Result<Extension, TlsError> r) {
    EXPECT_TRUE(r.ok());
    return r.ok() ? std::move(r).value() : Extension{};
  }

  /// A random extension list valid in `message`: some known extensions in their form for that
  /// message, some unknown ones (types no codec reads), in random order, no type twice.
  ExtensionList extensions(HandshakeType message, bool hrr = false) {
    using HT = HandshakeType;
    ExtensionList out;
    auto maybe = [&](Extension e) {
      if (coin()) out.push_back(std::move(e));
    };
    if (message == HT::client_hello) {
      maybe(ext(to_extension(ServerName{text(1, 40)})));
      maybe(ext(to_extension(SupportedGroups{u16_list<NamedGroup>(1, 8)})));
      maybe(ext(to_extension(SignatureSchemeList{u16_list<SignatureScheme>(1, 8)})));
      KeyShareClientHello ks;
      for (std::size_t i = size(0, 3); i > 0; --i)
        ks.client_shares.push_back({static_cast<NamedGroup>(0x0100 * i + 1), bytes(1, 100)});
      maybe(ext(to_extension(ks)));
      maybe(ext(to_extension(PskKeyExchangeModes{{PskKeyExchangeMode::psk_dhe_ke}})));
      maybe(ext(to_extension(ProtocolNameList{{text(1, 10), text(1, 10)}})));
      maybe(ext(to_extension(CertificateStatusRequest{{bytes(1, 20)}, bytes(0, 10)})));
      maybe(ext(to_extension(Cookie{bytes(1, 50)})));
      maybe(ext(to_extension(EarlyDataIndication{})));
      maybe(ext(to_extension(PostHandshakeAuth{})));
      maybe(ext(to_extension(CertificateAuthorities{{bytes(1, 30)}})));
    } else if (message == HT::server_hello && hrr) {
      maybe(ext(to_extension(KeyShareHelloRetryRequest{static_cast<NamedGroup>(u16())})));
      maybe(ext(to_extension(Cookie{bytes(1, 50)})));
    } else if (message == HT::server_hello) {
      maybe(ext(to_extension(KeyShareServerHello{{NamedGroup::x25519, bytes(1, 65)}})));
      maybe(ext(to_extension(ServerPreSharedKey{u16()})));
    } else if (message == HT::encrypted_extensions) {
      maybe(ext(to_extension(ServerName{})));
      maybe(ext(to_extension(RecordSizeLimit{static_cast<std::uint16_t>(64 + u16() % 16000)})));
      maybe(ext(to_extension(ProtocolNameList{{text(1, 10)}})));
      maybe(ext(to_extension(EarlyDataIndication{})));
    } else if (message == HT::certificate_request) {
      out.push_back(ext(to_extension(SignatureSchemeList{u16_list<SignatureScheme>(1, 6)})));
      maybe(ext(to_extension(OidFilters{{{bytes(1, 9), bytes(0, 20)}}})));
      maybe(ext(to_extension(CertificateAuthorities{{bytes(1, 30), bytes(1, 30)}})));
    } else if (message == HT::certificate) {
      maybe(ext(to_extension(CertificateStatus{bytes(1, 60)})));
    } else if (message == HT::new_session_ticket) {
      maybe(ext(to_extension(EarlyDataIndication{u32()})));
    }
    // Versions, so the ServerHello block reaches its floor of 6 and ClientHello's of 8.
    if (message == HT::client_hello)
      out.push_back(ext(to_extension(SupportedVersionsClientHello{{ProtocolVersion::tls13}})));
    if (message == HT::server_hello)
      out.push_back(ext(to_extension(SupportedVersionsServerHello{ProtocolVersion::tls13})));
    // Unknown types (in a ClientHello only: elsewhere the §4.2 table is the state machine's).
    if (message == HT::client_hello)
      for (std::size_t i = size(0, 3); i > 0; --i)
        out.push_back({static_cast<ET>(0xf000 + i * 16 + size(0, 15)), bytes(0, 30)});
    std::shuffle(out.begin(), out.end(), rng_);
    if (message == HT::client_hello && coin()) {
      OfferedPsks psks;
      for (std::size_t i = size(1, 3); i > 0; --i) {
        psks.identities.push_back({bytes(1, 60), u32()});
        psks.binders.push_back(bytes(32, 48));
      }
      out.push_back(ext(to_extension(psks)));  // §4.2.11: last
    }
    return out;
  }

  HandshakeMessage message(int kind) {
    using HT = HandshakeType;
    switch (kind) {
      case 0: {
        ClientHello m;
        for (auto& b : m.random) b = static_cast<std::uint8_t>(rng_());
        m.legacy_session_id = bytes(0, 32);
        m.cipher_suites = u16_list<CipherSuite>(1, 20);
        m.extensions = extensions(HT::client_hello);
        return m;
      }
      case 1: {
        ServerHello m;
        const bool hrr = coin();
        for (auto& b : m.random) b = static_cast<std::uint8_t>(rng_());
        if (hrr) m.random = kHelloRetryRequestRandom;
        m.legacy_session_id_echo = bytes(0, 32);
        m.cipher_suite = static_cast<CipherSuite>(u16());
        m.extensions = extensions(HT::server_hello, hrr);
        return m;
      }
      case 2:
        return EndOfEarlyData{};
      case 3:
        return EncryptedExtensions{extensions(HT::encrypted_extensions)};
      case 4:
        return CertificateRequest{bytes(0, 20), extensions(HT::certificate_request)};
      case 5: {
        Certificate m;
        m.certificate_request_context = bytes(0, 8);
        for (std::size_t i = size(0, 4); i > 0; --i)
          m.certificate_list.push_back({bytes(1, 300), extensions(HT::certificate)});
        return m;
      }
      case 6:
        return CertificateVerify{static_cast<SignatureScheme>(u16()), bytes(0, 300)};
      case 7:
        return Finished{bytes(32, 32)};
      case 8:
        return NewSessionTicket{u32(), u32(), bytes(0, 255), bytes(1, 300),
                                extensions(HT::new_session_ticket)};
      default:
        return KeyUpdate{coin() ? KeyUpdateRequest::update_requested
                                : KeyUpdateRequest::update_not_requested};
    }
  }

  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

constexpr int kKinds = 10;

TEST(MessageProperties, RoundTripEveryMessageType) {
  Gen gen(0x7153);
  for (int round = 0; round < 60; ++round) {
    for (int kind = 0; kind < kKinds; ++kind) {
      const HandshakeMessage m = gen.message(kind);
      auto encoded = encode(m);
      ASSERT_TRUE(encoded.ok()) << encoded.error().to_string();
      auto decoded = decode_handshake(*encoded);
      ASSERT_TRUE(decoded.ok()) << "kind " << kind << ": " << decoded.error().to_string();
      EXPECT_EQ(handshake_type(*decoded), handshake_type(m));
      EXPECT_TRUE(*decoded == m) << "kind " << kind;
      auto again = encode(*decoded);
      ASSERT_TRUE(again.ok());
      EXPECT_EQ(*again, *encoded);
    }
  }
}

TEST(MessageProperties, EveryStrictPrefixIsRefused) {
  Gen gen(0x9e3779b9);
  for (int round = 0; round < 6; ++round) {
    for (int kind = 0; kind < kKinds; ++kind) {
      const auto encoded = encode(gen.message(kind));
      ASSERT_TRUE(encoded.ok());
      for (std::size_t n = 0; n < encoded->size(); ++n) {
        // As a whole message (the header's length no longer matches) ...
        ASSERT_FALSE(decode_handshake(ByteView(*encoded).first(n)).ok()) << kind << " " << n;
        // ... and relabelled as a whole message of that length, so each body decoder must
        // refuse the cut on its own: inner lengths still count the bytes that were cut.
        if (n < 4) continue;
        Bytes relabelled(encoded->begin(), encoded->begin() + static_cast<std::ptrdiff_t>(n));
        const std::size_t len = n - 4;
        relabelled[1] = static_cast<std::uint8_t>(len >> 16);
        relabelled[2] = static_cast<std::uint8_t>(len >> 8);
        relabelled[3] = static_cast<std::uint8_t>(len);
        auto r = decode_handshake(relabelled, kind == 7 ? 32 : 0);  // Finished: Hash.length
        EXPECT_FALSE(r.ok()) << "kind " << kind << " prefix " << n;
      }
    }
  }
}

TEST(MessageProperties, MutationsNeverCrashAndDecodedMeansFaithful) {
  Gen gen(0xfeedface);
  int decoded_after_mutation = 0, refused = 0;
  for (int round = 0; round < 3000; ++round) {
    const int kind = round % kKinds;
    auto encoded = encode(gen.message(kind));
    ASSERT_TRUE(encoded.ok());
    Bytes m = *encoded;
    const std::size_t flips = gen.size(1, 4);
    for (std::size_t i = 0; i < flips; ++i) {
      const std::size_t at = gen.size(0, m.size() - 1);
      m[at] = static_cast<std::uint8_t>(gen.coin() ? m[at] ^ (1u << gen.size(0, 7)) : gen.u16());
    }
    if (gen.size(0, 9) == 0) m.resize(gen.size(0, m.size()));  // sometimes truncate too
    auto r = decode_handshake(m, kind == 7 ? 32 : 0);
    if (r.ok()) {
      ++decoded_after_mutation;
      auto again = encode(*r);
      ASSERT_TRUE(again.ok());
      EXPECT_EQ(*again, m) << "kind " << kind;  // nothing dropped, nothing normalised
    } else {
      ++refused;
      EXPECT_FALSE(r.error().reason.empty());
    }
  }
  // Both outcomes occur (a mutation inside opaque data decodes; one in a length does not).
  EXPECT_GT(decoded_after_mutation, 100);
  EXPECT_GT(refused, 100);
}

TEST(ExtensionProperties, RoundTripEachTypedExtension) {
  Gen gen(0x5eed);
  auto check = [](const auto& value, auto decode) {
    auto e = to_extension(value);
    ASSERT_TRUE(e.ok());
    auto back = decode(ByteView(e->data));
    ASSERT_TRUE(back.ok()) << back.error().to_string();
    EXPECT_TRUE(*back == value);
    for (std::size_t n = 0; n < e->data.size(); ++n) {
      // A strict prefix of a non-empty body never decodes to the same value.
      auto cut = decode(ByteView(e->data).first(n));
      EXPECT_TRUE(!cut.ok() || !(*cut == value)) << to_string(e->type) << " prefix " << n;
    }
  };
  for (int round = 0; round < 40; ++round) {
    check(ServerName{gen.text(1, 60)}, decode_server_name);
    check(SupportedGroups{gen.u16_list<NamedGroup>(1, 30)}, decode_supported_groups);
    check(SignatureSchemeList{gen.u16_list<SignatureScheme>(1, 30)}, decode_signature_algorithms);
    KeyShareClientHello ks;
    for (std::size_t i = gen.size(0, 4); i > 0; --i)
      ks.client_shares.push_back({static_cast<NamedGroup>(i), gen.bytes(1, 1216)});
    check(ks, decode_key_share_client_hello);
    check(KeyShareServerHello{{static_cast<NamedGroup>(gen.u16()), gen.bytes(1, 200)}},
          decode_key_share_server_hello);
    check(KeyShareHelloRetryRequest{static_cast<NamedGroup>(gen.u16())},
          decode_key_share_hello_retry_request);
    check(SupportedVersionsClientHello{gen.u16_list<ProtocolVersion>(1, 127)},
          decode_supported_versions_client_hello);
    check(SupportedVersionsServerHello{static_cast<ProtocolVersion>(gen.u16())},
          decode_supported_versions_server_hello);
    PskKeyExchangeModes modes;
    for (std::size_t i = gen.size(1, 5); i > 0; --i)
      modes.modes.push_back(static_cast<PskKeyExchangeMode>(gen.size(0, 255)));
    check(modes, decode_psk_key_exchange_modes);
    OfferedPsks psks;
    for (std::size_t i = gen.size(1, 4); i > 0; --i) {
      psks.identities.push_back({gen.bytes(1, 200), gen.u32()});
      psks.binders.push_back(gen.bytes(32, 255));
    }
    check(psks, decode_offered_psks);
    check(ServerPreSharedKey{gen.u16()}, decode_server_pre_shared_key);
    check(Cookie{gen.bytes(1, 300)}, decode_cookie);
    ProtocolNameList alpn;
    for (std::size_t i = gen.size(1, 5); i > 0; --i) alpn.protocols.push_back(gen.text(1, 255));
    check(alpn, decode_alpn);
    CertificateStatusRequest sr;
    for (std::size_t i = gen.size(0, 3); i > 0; --i) sr.responder_ids.push_back(gen.bytes(1, 40));
    sr.request_extensions = gen.bytes(0, 40);
    check(sr, decode_status_request);
    check(CertificateStatus{gen.bytes(1, 500)}, decode_certificate_status);
    check(RecordSizeLimit{static_cast<std::uint16_t>(64 + gen.size(0, 0xffff - 64))},
          decode_record_size_limit);
    CertificateAuthorities cas;
    for (std::size_t i = gen.size(1, 4); i > 0; --i) cas.authorities.push_back(gen.bytes(1, 100));
    check(cas, decode_certificate_authorities);
    OidFilters filters;
    for (std::size_t i = gen.size(0, 4); i > 0; --i)
      filters.filters.push_back({gen.bytes(1, 20), gen.bytes(0, 50)});
    check(filters, decode_oid_filters);
    const auto ed = EarlyDataIndication{gen.u32()};
    check(ed, [](ByteView d) { return decode_early_data(d, HandshakeType::new_session_ticket); });
  }
}

TEST(ExtensionProperties, MutatedExtensionBodiesNeverCrash) {
  Gen gen(0xabad1dea);
  std::vector<Extension> samples;
  for (int kind : {0, 3, 4, 5}) {
    auto m = gen.message(kind);
    std::visit(
        [&](const auto& msg) {
          if constexpr (requires { msg.extensions; })
            samples.insert(samples.end(), msg.extensions.begin(), msg.extensions.end());
        },
        m);
  }
  ASSERT_FALSE(samples.empty());
  int checked = 0;
  for (int round = 0; round < 2000; ++round) {
    Extension e = samples[static_cast<std::size_t>(round) % samples.size()];
    if (!e.data.empty())
      e.data[gen.size(0, e.data.size() - 1)] ^= static_cast<std::uint8_t>(1 + gen.size(0, 254));
    for (auto message : {HandshakeType::client_hello, HandshakeType::server_hello,
                         HandshakeType::certificate, HandshakeType::new_session_ticket}) {
      (void)check_extension(e, message);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 8000);
}

}  // namespace
}  // namespace glasstls::tls
