// ChaCha20-Poly1305 benchmarks (RFC 8439), shaped like TLS records:
//   */chacha20_poly1305_seal/{16,1024,16384}   seal one record: a new 12-byte nonce per iteration,
//                                              a 5-byte AAD (the TLS record header), output into
//                                              a preallocated buffer; key set up once
//   glasstls/chacha20_poly1305_seal/<size>/<impl>   the same with each other table entry
//                                              ("portable" always; "avx2", "poly64" where runnable)
//   glasstls/chacha20/16384/<impl>, glasstls/poly1305/16384/<impl>   the two halves alone
// The OpenSSL twin keeps one EVP_CIPHER_CTX keyed once and per record only sets the nonce
// (EVP_EncryptInit_ex with just the IV), then update / final / get-tag — the same work.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "bench.hpp"
#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/aead.hpp"
#include "glasstls/crypto/chacha20.hpp"
#include "glasstls/crypto/poly1305.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/evp.h>
#endif

namespace glasstls::bench {
namespace {

// ---- glasstls --------------------------------------------------------------------------------

void bm_chacha20(benchmark::State& state, std::size_t size,
                 const crypto::ChaCha20Implementation* impl) {
  const auto key = input(32, 1);
  const auto nonce = input(12, 2);
  const auto pt = input(size);
  std::vector<std::uint8_t> out(size);
  for (auto _ : state) {
    impl->ops.xor_stream(key.data(), nonce.data(), 1, pt.data(), out.data(), size);
    benchmark::DoNotOptimize(out.data());
  }
  set_bytes(state, size);
}

void bm_poly1305(benchmark::State& state, std::size_t size,
                 const crypto::Poly1305Implementation* impl) {
  const auto key = input(32, 1);
  const auto msg = input(size);
  for (auto _ : state) {
    auto tag = crypto::Poly1305::mac(std::span<const std::uint8_t, 32>(key.data(), 32), msg, *impl);
    benchmark::DoNotOptimize(tag);
  }
  set_bytes(state, size);
}

// ---- OpenSSL twin ----------------------------------------------------------------------------

#if GLASSTLS_HAVE_OPENSSL

void bm_openssl_seal(benchmark::State& state, std::size_t size) {
  const auto key = input(32, 1);
  const auto pt = input(size);
  const std::array<std::uint8_t, 5> aad = {0x17, 0x03, 0x03, 0x40, 0x11};
  std::vector<std::uint8_t> out(size + 16);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, EVP_chacha20_poly1305(), nullptr, key.data(), nullptr);
  std::array<std::uint8_t, 12> nonce{};
  std::uint64_t seq = 0;
  for (auto _ : state) {
    next_nonce(nonce, seq++);
    int len = 0;
    EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce.data());
    EVP_EncryptUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size()));
    EVP_EncryptUpdate(ctx, out.data(), &len, pt.data(), static_cast<int>(pt.size()));
    EVP_EncryptFinal_ex(ctx, out.data() + len, &len);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, out.data() + size);
    benchmark::DoNotOptimize(out.data());
  }
  EVP_CIPHER_CTX_free(ctx);
  set_bytes(state, size);
}

#endif  // GLASSTLS_HAVE_OPENSSL

}  // namespace

void register_chacha20_poly1305_benchmarks() {
  const auto& fastest = crypto::aead_default(crypto::AeadAlg::chacha20_poly1305);
  for (std::size_t size : {std::size_t{16}, std::size_t{1024}, std::size_t{16384}}) {
    const std::string suffix = "chacha20_poly1305_seal/" + std::to_string(size);
    benchmark::RegisterBenchmark(("glasstls/" + suffix).c_str(), bm_aead_seal,
                                 crypto::AeadAlg::chacha20_poly1305, size, &fastest);
#if GLASSTLS_HAVE_OPENSSL
    benchmark::RegisterBenchmark(("openssl/" + suffix).c_str(), bm_openssl_seal, size);
#endif
    for (const auto& impl : crypto::chacha20_poly1305_implementations()) {
      if (&impl == &fastest || !impl.available()) continue;
      benchmark::RegisterBenchmark(("glasstls/" + suffix + "/" + std::string(impl.name)).c_str(),
                                   bm_aead_seal, crypto::AeadAlg::chacha20_poly1305, size,
                                   &impl);
    }
  }
  for (const auto& impl : crypto::chacha20_implementations()) {
    if (!impl.available()) continue;
    benchmark::RegisterBenchmark(("glasstls/chacha20/16384/" + std::string(impl.name)).c_str(),
                                 bm_chacha20, std::size_t{16384}, &impl);
  }
  for (const auto& impl : crypto::poly1305_implementations()) {
    benchmark::RegisterBenchmark(("glasstls/poly1305/16384/" + std::string(impl.name)).c_str(),
                                 bm_poly1305, std::size_t{16384}, &impl);
  }
}

}  // namespace glasstls::bench
