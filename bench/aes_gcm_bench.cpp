// AES-GCM benchmarks, shaped like TLS records:
//   */aes_128_gcm_seal/{16,1024,16384}, */aes_256_gcm_seal/{16,1024,16384}
//   */aes_256_gcm_open/16384
// Each iteration protects one record: a new 12-byte nonce (a counter in its low bytes, as the
// TLS record layer's IV XOR sequence number), a 5-byte AAD (the record header), output into a
// preallocated buffer; the key is set up once. glasstls/... uses the default implementation for
// this CPU, glasstls/.../<impl> each other runnable table entry ("aesni_pclmul", "portable").
// The OpenSSL twin keeps one EVP_CIPHER_CTX keyed once and per record sets only the nonce
// (EVP_EncryptInit_ex / EVP_DecryptInit_ex with just the IV), then AAD, update, final and the
// tag — the same work TLS does.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "bench.hpp"
#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/aead.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/evp.h>
#endif

namespace glasstls::bench {
namespace {

using crypto::AeadAlg;

constexpr std::array<std::uint8_t, 5> kRecordHeader = {0x17, 0x03, 0x03, 0x40, 0x11};

// ---- glasstls --------------------------------------------------------------------------------

// Opens the same genuine record every iteration (one nonce: open does not care about reuse).
void bm_open(benchmark::State& state, AeadAlg alg, std::size_t size,
             const crypto::AeadImplementation* impl) {
  const auto key = input(crypto::aead_key_size(alg), 1);
  const auto pt = input(size);
  std::vector<std::uint8_t> record(size + crypto::kAeadTagSize), out(size);
  auto aead = crypto::Aead::create(alg, key, *impl);
  std::array<std::uint8_t, 12> nonce{};
  next_nonce(nonce, 1);
  if (!aead.ok() || aead->seal(nonce, kRecordHeader, pt, record) != crypto::AeadStatus::ok) {
    state.SkipWithError("setup failed");
    return;
  }
  for (auto _ : state) {
    auto st = aead->open(nonce, kRecordHeader, record, out);
    if (st != crypto::AeadStatus::ok) state.SkipWithError("open failed");
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, size);
}

// ---- OpenSSL twins ---------------------------------------------------------------------------

#if GLASSTLS_HAVE_OPENSSL

const EVP_CIPHER* evp_cipher(AeadAlg alg) {
  return alg == AeadAlg::aes_128_gcm ? EVP_aes_128_gcm() : EVP_aes_256_gcm();
}

void bm_openssl_seal(benchmark::State& state, AeadAlg alg, std::size_t size) {
  const auto key = input(crypto::aead_key_size(alg), 1);
  const auto pt = input(size);
  std::vector<std::uint8_t> out(size + 16);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, evp_cipher(alg), nullptr, key.data(), nullptr);  // key set up once
  std::array<std::uint8_t, 12> nonce{};
  std::uint64_t seq = 0;
  for (auto _ : state) {
    next_nonce(nonce, seq++);
    int len = 0;
    EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce.data());
    EVP_EncryptUpdate(ctx, nullptr, &len, kRecordHeader.data(), kRecordHeader.size());
    EVP_EncryptUpdate(ctx, out.data(), &len, pt.data(), static_cast<int>(pt.size()));
    int fin = 0;
    EVP_EncryptFinal_ex(ctx, out.data() + len, &fin);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, out.data() + size);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  EVP_CIPHER_CTX_free(ctx);
  set_bytes(state, size);
}

void bm_openssl_open(benchmark::State& state, AeadAlg alg, std::size_t size) {
  const auto key = input(crypto::aead_key_size(alg), 1);
  const auto pt = input(size);
  std::vector<std::uint8_t> record(size + 16), out(size);
  std::array<std::uint8_t, 12> nonce{};
  next_nonce(nonce, 1);
  {
    auto aead = crypto::Aead::create(alg, key);  // the record to open (any implementation)
    if (!aead.ok() || aead->seal(nonce, kRecordHeader, pt, record) != crypto::AeadStatus::ok) {
      state.SkipWithError("setup failed");
      return;
    }
  }
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_DecryptInit_ex(ctx, evp_cipher(alg), nullptr, key.data(), nullptr);
  for (auto _ : state) {
    int len = 0;
    EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce.data());
    EVP_DecryptUpdate(ctx, nullptr, &len, kRecordHeader.data(), kRecordHeader.size());
    EVP_DecryptUpdate(ctx, out.data(), &len, record.data(), static_cast<int>(size));
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, record.data() + size);
    int fin = 0;
    if (EVP_DecryptFinal_ex(ctx, out.data() + len, &fin) != 1) state.SkipWithError("open failed");
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  EVP_CIPHER_CTX_free(ctx);
  set_bytes(state, size);
}

#endif  // GLASSTLS_HAVE_OPENSSL

void register_one(const std::string& what, AeadAlg alg, std::size_t size, bool open) {
  const auto& fastest = crypto::aead_default(alg);
  const auto fn = open ? bm_open : bm_aead_seal;
  benchmark::RegisterBenchmark(("glasstls/" + what).c_str(), fn, alg, size, &fastest);
#if GLASSTLS_HAVE_OPENSSL
  benchmark::RegisterBenchmark(("openssl/" + what).c_str(),
                               open ? bm_openssl_open : bm_openssl_seal, alg, size);
#endif
  // Every other runnable implementation, "portable" always among them.
  for (const auto& impl : crypto::aes_gcm_implementations()) {
    if (&impl == &fastest || !impl.available()) continue;
    benchmark::RegisterBenchmark(("glasstls/" + what + "/" + std::string(impl.name)).c_str(), fn,
                                 alg, size, &impl);
  }
}

}  // namespace

void register_aes_gcm_benchmarks() {
  for (std::size_t size : {std::size_t{16}, std::size_t{1024}, std::size_t{16384}}) {
    register_one("aes_128_gcm_seal/" + std::to_string(size), AeadAlg::aes_128_gcm, size, false);
    register_one("aes_256_gcm_seal/" + std::to_string(size), AeadAlg::aes_256_gcm, size, false);
  }
  register_one("aes_256_gcm_open/16384", AeadAlg::aes_256_gcm, 16384, true);
}

}  // namespace glasstls::bench
