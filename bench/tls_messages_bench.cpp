// TLS 1.3 handshake message codecs (RFC 8446 §4): decoding and encoding a browser-sized
// ClientHello (2048 bytes: an X25519MLKEM768 key share of 1216 bytes plus x25519, GREASE values,
// ALPN, signature algorithms, padding), the largest message a server decodes before it has a key.
//
//   glasstls/tls13/client_hello_decode/2048   decode_handshake: every length checked, each known
//                                             extension decoded once, unknown ones kept raw.
//   glasstls/tls13/client_hello_encode/2048   encode(ClientHello) from the decoded struct.
#include <benchmark/benchmark.h>

#include "bench.hpp"
#include "glasstls/tls/messages.hpp"

namespace glasstls::bench {
namespace {

using namespace glasstls::tls;

tls::ClientHello browser_hello() {
  ClientHello ch;
  ch.random.fill(0x42);
  ch.legacy_session_id = input(32, 1);
  ch.cipher_suites = {
      static_cast<CipherSuite>(0x3a3a),    CipherSuite::tls_aes_128_gcm_sha256,
      CipherSuite::tls_aes_256_gcm_sha384, CipherSuite::tls_chacha20_poly1305_sha256,
      static_cast<CipherSuite>(0xc02b),    static_cast<CipherSuite>(0xc02f)};
  auto add = [&](Result<Extension, TlsError> e) {
    if (e) ch.extensions.push_back(std::move(e).value());
  };
  ch.extensions.push_back({static_cast<ExtensionType>(0x0a0a), {}});  // GREASE
  add(to_extension(ServerName{"www.example.com"}));
  add(to_extension(SupportedGroups{{static_cast<NamedGroup>(0x5a5a), NamedGroup::x25519_mlkem768,
                                    NamedGroup::x25519, NamedGroup::secp256r1}}));
  add(to_extension(ProtocolNameList{{"h2", "http/1.1"}}));
  add(to_extension(CertificateStatusRequest{}));
  add(to_extension(SignatureSchemeList{
      {SignatureScheme::ecdsa_secp256r1_sha256, SignatureScheme::rsa_pss_rsae_sha256,
       SignatureScheme::rsa_pkcs1_sha256, SignatureScheme::ecdsa_secp384r1_sha384,
       SignatureScheme::rsa_pss_rsae_sha384, SignatureScheme::rsa_pkcs1_sha384,
       SignatureScheme::rsa_pss_rsae_sha512, SignatureScheme::rsa_pkcs1_sha512}}));
  add(to_extension(KeyShareClientHello{{{static_cast<NamedGroup>(0x5a5a), Bytes{0}},
                                        {NamedGroup::x25519_mlkem768, input(1216, 2)},
                                        {NamedGroup::x25519, input(32, 3)}}}));
  add(to_extension(PskKeyExchangeModes{{PskKeyExchangeMode::psk_dhe_ke}}));
  add(to_extension(SupportedVersionsClientHello{
      {static_cast<ProtocolVersion>(0x7a7a), ProtocolVersion::tls13, ProtocolVersion::tls12}}));
  ch.extensions.push_back({ExtensionType::encrypted_client_hello, input(200, 4)});
  ch.extensions.push_back({static_cast<ExtensionType>(0xfafa), Bytes{0}});  // GREASE
  // Padding (RFC 7685) up to a 2048-byte message.
  const auto unpadded = encode(ch);
  const std::size_t size = unpadded ? unpadded->size() + 4 : 2048;
  ch.extensions.push_back({ExtensionType::padding, Bytes(size < 2048 ? 2048 - size : 0, 0)});
  return ch;
}

void bm_client_hello_decode(benchmark::State& state) {
  const auto message = encode(browser_hello());
  if (!message || !decode_handshake(*message)) {
    state.SkipWithError("the browser ClientHello does not round-trip");
    return;
  }
  for (auto _ : state) {
    auto m = decode_handshake(*message);
    benchmark::DoNotOptimize(m);
  }
  set_bytes(state, message->size());
}

void bm_client_hello_encode(benchmark::State& state) {
  const ClientHello ch = browser_hello();
  const auto probe = encode(ch);
  if (!probe) {
    state.SkipWithError("the browser ClientHello does not encode");
    return;
  }
  for (auto _ : state) {
    auto m = encode(ch);
    benchmark::DoNotOptimize(m);
  }
  set_bytes(state, probe->size());
}

}  // namespace

void register_tls_messages_benchmarks() {
  benchmark::RegisterBenchmark("glasstls/tls13/client_hello_decode/2048", bm_client_hello_decode);
  benchmark::RegisterBenchmark("glasstls/tls13/client_hello_encode/2048", bm_client_hello_encode);
}

}  // namespace glasstls::bench
