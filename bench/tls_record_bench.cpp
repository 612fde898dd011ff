// TLS 1.3 record protection (RFC 8446 §5.2, §5.3), AES-256-GCM, 16384-byte records:
//   glasstls/tls13/record_seal/16384   RecordProtection::seal: header, inner plaintext (content ‖
//                                      type byte), nonce = IV XOR sequence number, AEAD, a fresh
//                                      sequence number per record, a new record buffer each time
//   glasstls/tls13/record_open/16384   RecordProtection::open of a genuine record: checks, AEAD,
//                                      the constant-time scan for the content type
// The openssl/... twins do the same work with EVP: one EVP_CIPHER_CTX keyed once, per record the
// nonce IV XOR seq, the 5-byte header as AAD, content plus the appended inner content-type byte
// encrypted (opened: decrypted, tag checked, last non-zero byte found), output into a buffer.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <vector>

#include "bench.hpp"
#include "glasstls/core/endian.hpp"
#include "glasstls/tls/record.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/evp.h>
#endif

namespace glasstls::bench {
namespace {

using crypto::AeadAlg;
using tls::ContentType;
using tls::RecordProtection;

constexpr std::size_t kSize = 16384;
constexpr AeadAlg kAlg = AeadAlg::aes_256_gcm;

std::vector<std::uint8_t> iv() {
  return input(12, 3);
}

void bm_record_seal(benchmark::State& state) {
  auto w = RecordProtection::create(kAlg, input(32, 1), iv());
  const auto pt = input(kSize);
  if (!w.ok()) {
    state.SkipWithError("setup failed");
    return;
  }
  for (auto _ : state) {
    auto rec = w->seal(ContentType::application_data, pt);
    if (!rec.ok()) state.SkipWithError("seal failed");
    benchmark::DoNotOptimize(rec->data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, kSize);
}

// Each iteration opens the record sealed under the next sequence number (sealed beforehand in a
// ring of 64 records; the reader's sequence number goes back to 0 every 64 records).
void bm_record_open(benchmark::State& state) {
  constexpr std::size_t kRing = 64;
  const auto key = input(32, 1);
  const auto pt = input(kSize);
  std::vector<Bytes> records;
  {
    auto w = RecordProtection::create(kAlg, key, iv());
    for (std::size_t i = 0; i < kRing && w.ok(); ++i) {
      auto rec = w->seal(ContentType::application_data, pt);
      if (rec.ok()) records.push_back(std::move(rec).value());
    }
  }
  if (records.size() != kRing) {
    state.SkipWithError("setup failed");
    return;
  }
  auto r = RecordProtection::create(kAlg, key, iv());
  std::size_t i = 0;
  for (auto _ : state) {
    if (i == kRing) {
      tls::detail::set_sequence_number(*r, 0);  // replay the ring from sequence number 0
      i = 0;
    }
    auto out = r->open(records[i++]);
    if (!out.ok()) state.SkipWithError("open failed");
    benchmark::DoNotOptimize(out->content.data());
    benchmark::ClobberMemory();
  }
  set_bytes(state, kSize);
}

#if GLASSTLS_HAVE_OPENSSL

void nonce_for(std::array<std::uint8_t, 12>& nonce, const std::vector<std::uint8_t>& base,
               std::uint64_t seq) {
  std::array<std::uint8_t, 8> s{};
  store_be64(s.data(), seq);
  for (std::size_t k = 0; k < 12; ++k) nonce[k] = base[k];
  for (std::size_t k = 0; k < 8; ++k) nonce[4 + k] ^= s[k];
}

void bm_openssl_record_seal(benchmark::State& state) {
  const auto key = input(32, 1);
  const auto base = iv();
  const auto pt = input(kSize);
  const std::size_t inner = kSize + 1, ct_len = inner + 16;
  std::vector<std::uint8_t> in(inner), rec(5 + ct_len);
  std::copy(pt.begin(), pt.end(), in.begin());
  in[kSize] = 23;  // the inner content type
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key.data(), nullptr);
  std::array<std::uint8_t, 12> nonce{};
  std::uint64_t seq = 0;
  for (auto _ : state) {
    nonce_for(nonce, base, seq++);
    rec[0] = 23;
    rec[1] = 3;
    rec[2] = 3;
    rec[3] = static_cast<std::uint8_t>(ct_len >> 8);
    rec[4] = static_cast<std::uint8_t>(ct_len);
    int len = 0, fin = 0;
    EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce.data());
    EVP_EncryptUpdate(ctx, nullptr, &len, rec.data(), 5);
    EVP_EncryptUpdate(ctx, rec.data() + 5, &len, in.data(), static_cast<int>(inner));
    EVP_EncryptFinal_ex(ctx, rec.data() + 5 + len, &fin);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, rec.data() + 5 + inner);
    benchmark::DoNotOptimize(rec.data());
    benchmark::ClobberMemory();
  }
  EVP_CIPHER_CTX_free(ctx);
  set_bytes(state, kSize);
}

void bm_openssl_record_open(benchmark::State& state) {
  constexpr std::size_t kRing = 64;
  const auto key = input(32, 1);
  const auto base = iv();
  std::vector<Bytes> records;
  {
    auto w = RecordProtection::create(kAlg, key, base);  // the same records glasstls opens
    for (std::size_t i = 0; i < kRing && w.ok(); ++i) {
      auto rec = w->seal(ContentType::application_data, input(kSize));
      if (rec.ok()) records.push_back(std::move(rec).value());
    }
  }
  if (records.size() != kRing) {
    state.SkipWithError("setup failed");
    return;
  }
  const std::size_t inner = kSize + 1;
  std::vector<std::uint8_t> out(inner);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key.data(), nullptr);
  std::array<std::uint8_t, 12> nonce{};
  std::uint64_t seq = 0;
  for (auto _ : state) {
    const Bytes& rec = records[seq % kRing];
    nonce_for(nonce, base, seq % kRing);
    ++seq;
    int len = 0, fin = 0;
    EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, nonce.data());
    EVP_DecryptUpdate(ctx, nullptr, &len, rec.data(), 5);
    EVP_DecryptUpdate(ctx, out.data(), &len, rec.data() + 5, static_cast<int>(inner));
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16,
                        const_cast<std::uint8_t*>(rec.data() + 5 + inner));
    if (EVP_DecryptFinal_ex(ctx, out.data() + len, &fin) != 1) state.SkipWithError("open failed");
    std::size_t type_at = inner;  // the last non-zero byte is the content type (§5.4)
    while (type_at > 0 && out[type_at - 1] == 0) --type_at;
    benchmark::DoNotOptimize(type_at);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  EVP_CIPHER_CTX_free(ctx);
  set_bytes(state, kSize);
}

#endif  // GLASSTLS_HAVE_OPENSSL

}  // namespace

void register_tls_record_benchmarks() {
  benchmark::RegisterBenchmark("glasstls/tls13/record_seal/16384", bm_record_seal);
#if GLASSTLS_HAVE_OPENSSL
  benchmark::RegisterBenchmark("openssl/tls13/record_seal/16384", bm_openssl_record_seal);
#endif
  benchmark::RegisterBenchmark("glasstls/tls13/record_open/16384", bm_record_open);
#if GLASSTLS_HAVE_OPENSSL
  benchmark::RegisterBenchmark("openssl/tls13/record_open/16384", bm_openssl_record_open);
#endif
}

}  // namespace glasstls::bench
