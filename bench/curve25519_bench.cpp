// X25519 and Ed25519 benchmarks:
//   */x25519/keygen             public key from a private key (ours: the fixed-base Edwards method)
//   */x25519/derive             one shared secret from a fixed private key and peer public key
//   */x25519/keygen_and_shared  what a TLS client does per handshake: a key pair, then the secret
//   */ed25519/sign              a 64-byte message (about a CertificateVerify content's hash size)
//   */ed25519/verify            the same signature
// OpenSSL twins, the cheapest path EVP offers for each:
//   keygen: EVP_PKEY_new_raw_private_key + EVP_PKEY_get_raw_public_key (OpenSSL computes the
//           public key when the key object is made);
//   derive: one EVP_PKEY_CTX set up once (derive_init + set_peer), EVP_PKEY_derive per iteration
//           — OpenSSL's derive only;
//   keygen_and_shared: the keygen twin, then a new ctx with derive_init, set_peer, derive;
//   sign / verify: one EVP_MD_CTX reused, EVP_DigestSignInit / EVP_DigestVerifyInit (with the
//           key made once) + EVP_DigestSign / EVP_DigestVerify per iteration (Ed25519 is one-shot,
//           so the init is needed each time).
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>

#include "bench.hpp"
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/crypto/x25519.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/evp.h>
#endif

namespace glasstls::bench {
namespace {

std::array<std::uint8_t, 32> bytes32(std::uint8_t seed) {
  std::array<std::uint8_t, 32> a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<std::uint8_t>(i * 97 + seed);
  return a;
}

std::array<std::uint8_t, 64> message() {
  std::array<std::uint8_t, 64> m{};
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = static_cast<std::uint8_t>(i * 13 + 1);
  return m;
}

// ---- glasstls --------------------------------------------------------------------------------

void bm_x25519_keygen(benchmark::State& state) {
  auto k = bytes32(1);
  for (auto _ : state) {
    auto pub = crypto::x25519_public_key(k);
    benchmark::DoNotOptimize(pub);
    k[0] = static_cast<std::uint8_t>(k[0] + 1);
  }
}

void bm_x25519_derive(benchmark::State& state) {
  const auto k = bytes32(1);
  const auto peer = crypto::x25519_public_key(bytes32(2));
  for (auto _ : state) {
    auto s = crypto::x25519(k, peer);
    benchmark::DoNotOptimize(s);
  }
}

void bm_x25519_keygen_and_shared(benchmark::State& state) {
  auto k = bytes32(1);
  const auto peer = crypto::x25519_public_key(bytes32(2));
  for (auto _ : state) {
    auto pub = crypto::x25519_public_key(k);
    auto s = crypto::x25519(k, peer);
    benchmark::DoNotOptimize(pub);
    benchmark::DoNotOptimize(s);
    k[0] = static_cast<std::uint8_t>(k[0] + 1);
  }
}

void bm_ed25519_sign(benchmark::State& state) {
  const auto seed = bytes32(3);
  const auto pub = crypto::ed25519_public_key(seed);
  const auto msg = message();
  for (auto _ : state) {
    auto sig = crypto::ed25519_sign(seed, pub, msg);
    benchmark::DoNotOptimize(sig);
  }
}

void bm_ed25519_verify(benchmark::State& state) {
  const auto seed = bytes32(3);
  const auto pub = crypto::ed25519_public_key(seed);
  const auto msg = message();
  const auto sig = crypto::ed25519_sign(seed, pub, msg);
  for (auto _ : state) {
    bool ok = crypto::ed25519_verify(sig, pub, msg);
    benchmark::DoNotOptimize(ok);
    if (!ok) state.SkipWithError("verify failed");
  }
}

// ---- OpenSSL ---------------------------------------------------------------------------------

#if GLASSTLS_HAVE_OPENSSL
void bm_openssl_x25519_keygen(benchmark::State& state) {
  auto k = bytes32(1);
  for (auto _ : state) {
    EVP_PKEY* p = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, k.data(), k.size());
    std::array<std::uint8_t, 32> pub{};
    std::size_t len = pub.size();
    EVP_PKEY_get_raw_public_key(p, pub.data(), &len);
    benchmark::DoNotOptimize(pub);
    EVP_PKEY_free(p);
    k[0] = static_cast<std::uint8_t>(k[0] + 1);
  }
}

void bm_openssl_x25519_derive(benchmark::State& state) {
  const auto k = bytes32(1);
  const auto peer_bytes = crypto::x25519_public_key(bytes32(2));
  EVP_PKEY* p = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, k.data(), k.size());
  EVP_PKEY* peer =
      EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, peer_bytes.data(), peer_bytes.size());
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(p, nullptr);
  if (EVP_PKEY_derive_init(ctx) != 1 || EVP_PKEY_derive_set_peer(ctx, peer) != 1)
    state.SkipWithError("derive setup failed");
  for (auto _ : state) {
    std::array<std::uint8_t, 32> s{};
    std::size_t len = s.size();
    EVP_PKEY_derive(ctx, s.data(), &len);
    benchmark::DoNotOptimize(s);
  }
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(peer);
  EVP_PKEY_free(p);
}

void bm_openssl_x25519_keygen_and_shared(benchmark::State& state) {
  auto k = bytes32(1);
  const auto peer_bytes = crypto::x25519_public_key(bytes32(2));
  EVP_PKEY* peer =
      EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nullptr, peer_bytes.data(), peer_bytes.size());
  for (auto _ : state) {
    EVP_PKEY* p = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nullptr, k.data(), k.size());
    std::array<std::uint8_t, 32> pub{}, s{};
    std::size_t len = pub.size();
    EVP_PKEY_get_raw_public_key(p, pub.data(), &len);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(p, nullptr);
    EVP_PKEY_derive_init(ctx);
    EVP_PKEY_derive_set_peer(ctx, peer);
    len = s.size();
    EVP_PKEY_derive(ctx, s.data(), &len);
    benchmark::DoNotOptimize(pub);
    benchmark::DoNotOptimize(s);
    EVP_PKEY_CTX_free(ctx);
    EVP_PKEY_free(p);
    k[0] = static_cast<std::uint8_t>(k[0] + 1);
  }
  EVP_PKEY_free(peer);
}

void bm_openssl_ed25519_sign(benchmark::State& state) {
  const auto seed = bytes32(3);
  const auto msg = message();
  EVP_PKEY* p = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  for (auto _ : state) {
    std::array<std::uint8_t, 64> sig{};
    std::size_t len = sig.size();
    EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, p);
    EVP_DigestSign(ctx, sig.data(), &len, msg.data(), msg.size());
    benchmark::DoNotOptimize(sig);
  }
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(p);
}

void bm_openssl_ed25519_verify(benchmark::State& state) {
  const auto seed = bytes32(3);
  const auto pub = crypto::ed25519_public_key(seed);
  const auto msg = message();
  const auto sig = crypto::ed25519_sign(seed, pub, msg);
  EVP_PKEY* p = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, pub.data(), pub.size());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  for (auto _ : state) {
    EVP_DigestVerifyInit(ctx, nullptr, nullptr, nullptr, p);
    int ok = EVP_DigestVerify(ctx, sig.data(), sig.size(), msg.data(), msg.size());
    benchmark::DoNotOptimize(ok);
    if (ok != 1) state.SkipWithError("verify failed");
  }
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(p);
}
#endif

}  // namespace

void register_curve25519_benchmarks() {
  benchmark::RegisterBenchmark("glasstls/x25519/keygen", bm_x25519_keygen);
  benchmark::RegisterBenchmark("glasstls/x25519/derive", bm_x25519_derive);
  benchmark::RegisterBenchmark("glasstls/x25519/keygen_and_shared", bm_x25519_keygen_and_shared);
  benchmark::RegisterBenchmark("glasstls/ed25519/sign", bm_ed25519_sign);
  benchmark::RegisterBenchmark("glasstls/ed25519/verify", bm_ed25519_verify);
#if GLASSTLS_HAVE_OPENSSL
  benchmark::RegisterBenchmark("openssl/x25519/keygen", bm_openssl_x25519_keygen);
  benchmark::RegisterBenchmark("openssl/x25519/derive", bm_openssl_x25519_derive);
  benchmark::RegisterBenchmark("openssl/x25519/keygen_and_shared",
                               bm_openssl_x25519_keygen_and_shared);
  benchmark::RegisterBenchmark("openssl/ed25519/sign", bm_openssl_ed25519_sign);
  benchmark::RegisterBenchmark("openssl/ed25519/verify", bm_openssl_ed25519_verify);
#endif
}

}  // namespace glasstls::bench
