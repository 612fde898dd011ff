// Hash, HMAC and HKDF benchmarks, each with an OpenSSL twin doing the same work:
//   */sha256/{64,1024,16384}, */sha384/16384   one-shot hash of a fixed buffer per iteration
//   */hmac_sha256/1024                          keyed MAC of 1 KiB (key setup included)
//   */hkdf_sha256                                extract + one 32-byte expand
// OpenSSL contexts (EVP_MD_CTX, EVP_MAC_CTX, EVP_KDF_CTX) are created once and reused, so the
// twins measure the algorithm rather than allocation.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "bench.hpp"
#include "glasstls/crypto/hkdf.hpp"
#include "glasstls/crypto/hmac.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "glasstls/crypto/sha512.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#endif

namespace glasstls::bench {
namespace {

using crypto::HashAlg;

// ---- glasstls --------------------------------------------------------------------------------

void bm_sha256(benchmark::State& state, std::size_t size,
               const crypto::Sha256Implementation* impl) {
  const auto data = input(size);
  crypto::Sha256 h(*impl);
  for (auto _ : state) {
    h.update(data);
    auto d = h.finish();
    benchmark::DoNotOptimize(d);
  }
  set_bytes(state, size);
}

void bm_sha384(benchmark::State& state, std::size_t size) {
  const auto data = input(size);
  for (auto _ : state) {
    auto d = crypto::Sha384::hash(data);
    benchmark::DoNotOptimize(d);
  }
  set_bytes(state, size);
}

void bm_hmac_sha256(benchmark::State& state, std::size_t size) {
  const auto data = input(size);
  const auto key = input(32);
  for (auto _ : state) {
    auto tag = crypto::hmac(HashAlg::sha256, key, data);
    benchmark::DoNotOptimize(tag);
  }
  set_bytes(state, size);
}

void bm_hkdf_sha256(benchmark::State& state) {
  const auto salt = input(32);
  const auto ikm = input(32);
  const auto info = input(20);
  std::array<std::uint8_t, 32> out{};
  for (auto _ : state) {
    const auto prk = crypto::hkdf_extract(HashAlg::sha256, salt, ikm);
    bool ok = crypto::hkdf_expand(HashAlg::sha256, prk.view(), info, out);
    benchmark::DoNotOptimize(ok);
    benchmark::DoNotOptimize(out);
  }
}

// ---- OpenSSL twins ---------------------------------------------------------------------------

#if GLASSTLS_HAVE_OPENSSL

void bm_openssl_digest(benchmark::State& state, const char* name, std::size_t size) {
  const auto data = input(size);
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  for (auto _ : state) {
    EVP_DigestInit_ex(ctx, md, nullptr);
    EVP_DigestUpdate(ctx, data.data(), data.size());
    EVP_DigestFinal_ex(ctx, out, &len);
    benchmark::DoNotOptimize(out);
  }
  EVP_MD_CTX_free(ctx);
  EVP_MD_free(md);
  set_bytes(state, size);
}

void bm_openssl_hmac_sha256(benchmark::State& state, std::size_t size) {
  const auto data = input(size);
  const auto key = input(32);
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_end()};
  EVP_MAC_CTX_set_params(ctx, params);
  unsigned char out[EVP_MAX_MD_SIZE];
  std::size_t len = 0;
  for (auto _ : state) {
    EVP_MAC_init(ctx, key.data(), key.size(), nullptr);  // re-key, as glasstls does
    EVP_MAC_update(ctx, data.data(), data.size());
    EVP_MAC_final(ctx, out, &len, sizeof out);
    benchmark::DoNotOptimize(out);
  }
  EVP_MAC_CTX_free(ctx);
  EVP_MAC_free(mac);
  set_bytes(state, size);
}

void bm_openssl_hkdf_sha256(benchmark::State& state) {
  auto salt = input(32);
  auto ikm = input(32);
  auto info = input(20);
  EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "HKDF", nullptr);
  EVP_KDF_CTX* ctx = EVP_KDF_CTX_new(kdf);
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ikm.data(), ikm.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt.data(), salt.size()),
      OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), info.size()),
      OSSL_PARAM_construct_end()};
  EVP_KDF_CTX_set_params(ctx, params);  // mode defaults to extract-then-expand
  std::array<std::uint8_t, 32> out{};
  for (auto _ : state) {
    EVP_KDF_derive(ctx, out.data(), out.size(), nullptr);
    benchmark::DoNotOptimize(out);
  }
  EVP_KDF_CTX_free(ctx);
  EVP_KDF_free(kdf);
}

#endif  // GLASSTLS_HAVE_OPENSSL

}  // namespace

void register_hash_benchmarks() {
  const auto* portable = crypto::sha256_implementation("portable");
  const auto* fastest = &crypto::sha256_default();
  for (std::size_t size : {std::size_t{64}, std::size_t{1024}, std::size_t{16384}}) {
    const std::string suffix = "sha256/" + std::to_string(size);
    benchmark::RegisterBenchmark(("glasstls/" + suffix).c_str(), bm_sha256, size, fastest);
#if GLASSTLS_HAVE_OPENSSL
    benchmark::RegisterBenchmark(("openssl/" + suffix).c_str(), bm_openssl_digest, "SHA256", size);
#endif
    benchmark::RegisterBenchmark(("glasstls/" + suffix + "/portable").c_str(), bm_sha256, size,
                                 portable);
  }

  benchmark::RegisterBenchmark("glasstls/sha384/16384", bm_sha384, std::size_t{16384});
  benchmark::RegisterBenchmark("glasstls/hmac_sha256/1024", bm_hmac_sha256, std::size_t{1024});
  benchmark::RegisterBenchmark("glasstls/hkdf_sha256", bm_hkdf_sha256);
#if GLASSTLS_HAVE_OPENSSL
  benchmark::RegisterBenchmark("openssl/sha384/16384", bm_openssl_digest, "SHA384",
                               std::size_t{16384});
  benchmark::RegisterBenchmark("openssl/hmac_sha256/1024", bm_openssl_hmac_sha256,
                               std::size_t{1024});
  benchmark::RegisterBenchmark("openssl/hkdf_sha256", bm_openssl_hkdf_sha256);
#endif
}

}  // namespace glasstls::bench
