// The TLS 1.3 key schedule of one full handshake (RFC 8446 §7.1), with an OpenSSL twin:
//   glasstls/tls13/key_schedule_full   openssl/tls13/key_schedule_full
// Each iteration derives, for SHA-256: the Early Secret (no PSK), the Handshake Secret, both
// handshake traffic secrets with their keys, IVs and Finished keys, the Master Secret, both
// application traffic secrets with their keys and IVs, the exporter and resumption master
// secrets — 3 extracts and 18 expands. Inputs are RFC 8448 §3's x25519 shared secret and
// transcript hashes, so both sides are checked against its resumption master secret first.
// The OpenSSL side uses EVP_KDF "HKDF" in EXTRACT_ONLY / EXPAND_ONLY mode with the HkdfLabel
// bytes built by hand, one context reused (as in hash_bench.cpp).
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "bench.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/tls/key_schedule.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#endif

namespace glasstls::bench {
namespace {

using crypto::AeadAlg;
using crypto::HashAlg;

using Hash32 = std::array<std::uint8_t, 32>;

// RFC 8448 §3: the x25519 shared secret, Transcript-Hash(ClientHello..ServerHello),
// (..server Finished), (..client Finished), and the resumption master secret they lead to.
constexpr Hash32 kShared = {0x8b, 0xd4, 0x05, 0x4f, 0xb5, 0x5b, 0x9d, 0x63, 0xfd, 0xfb, 0xac,
                            0xf9, 0xf0, 0x4b, 0x9f, 0x0d, 0x35, 0xe6, 0xd6, 0x3f, 0x53, 0x75,
                            0x63, 0xef, 0xd4, 0x62, 0x72, 0x90, 0x0f, 0x89, 0x49, 0x2d};
constexpr Hash32 kHashServerHello = {
    0x86, 0x0c, 0x06, 0xed, 0xc0, 0x78, 0x58, 0xee, 0x8e, 0x78, 0xf0, 0xe7, 0x42, 0x8c, 0x58, 0xed,
    0xd6, 0xb4, 0x3f, 0x2c, 0xa3, 0xe6, 0xe9, 0x5f, 0x02, 0xed, 0x06, 0x3c, 0xf0, 0xe1, 0xca, 0xd8};
constexpr Hash32 kHashServerFinished = {
    0x96, 0x08, 0x10, 0x2a, 0x0f, 0x1c, 0xcc, 0x6d, 0xb6, 0x25, 0x0b, 0x7b, 0x7e, 0x41, 0x7b, 0x1a,
    0x00, 0x0e, 0xaa, 0xda, 0x3d, 0xaa, 0xe4, 0x77, 0x7a, 0x76, 0x86, 0xc9, 0xff, 0x83, 0xdf, 0x13};
constexpr Hash32 kHashClientFinished = {
    0x20, 0x91, 0x45, 0xa9, 0x6e, 0xe8, 0xe2, 0xa1, 0x22, 0xff, 0x81, 0x00, 0x47, 0xcc, 0x95, 0x26,
    0x84, 0x65, 0x8d, 0x60, 0x49, 0xe8, 0x64, 0x29, 0x42, 0x6d, 0xb8, 0x7c, 0x54, 0xad, 0x14, 0x3d};
constexpr Hash32 kResumptionMaster = {
    0x7d, 0xf2, 0x35, 0xf2, 0x03, 0x1d, 0x2a, 0x05, 0x12, 0x87, 0xd0, 0x2b, 0x02, 0x41, 0xb0, 0xbf,
    0xda, 0xf8, 0x6c, 0xc8, 0x56, 0x23, 0x1f, 0x2d, 0x5a, 0xba, 0x46, 0xc4, 0x34, 0xec, 0x19, 0x6c};

bool same(ByteView a, const Hash32& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), b.size()) == 0;
}

// ---- glasstls --------------------------------------------------------------------------------

// One handshake's schedule; returns the resumption master secret (for the check).
tls::Secret glasstls_schedule() {
  using namespace tls;
  const EarlySecret early = EarlySecret::without_psk(HashAlg::sha256);
  const HandshakeSecret hs = early.handshake_secret(kShared);
  const Secret c_hs = hs.client_handshake_traffic_secret(kHashServerHello);
  const Secret s_hs = hs.server_handshake_traffic_secret(kHashServerHello);
  const TrafficKeys c_hs_keys = traffic_keys(c_hs, AeadAlg::aes_128_gcm);
  const TrafficKeys s_hs_keys = traffic_keys(s_hs, AeadAlg::aes_128_gcm);
  const Secret c_fin = finished_key(c_hs);
  const Secret s_fin = finished_key(s_hs);
  const MasterSecret ms = hs.master_secret();
  const Secret c_ap = ms.client_application_traffic_secret_0(kHashServerFinished);
  const Secret s_ap = ms.server_application_traffic_secret_0(kHashServerFinished);
  const TrafficKeys c_ap_keys = traffic_keys(c_ap, AeadAlg::aes_128_gcm);
  const TrafficKeys s_ap_keys = traffic_keys(s_ap, AeadAlg::aes_128_gcm);
  const Secret exp = ms.exporter_master_secret(kHashServerFinished);
  benchmark::DoNotOptimize(c_hs_keys.key_bytes.data());
  benchmark::DoNotOptimize(s_hs_keys.key_bytes.data());
  benchmark::DoNotOptimize(c_ap_keys.key_bytes.data());
  benchmark::DoNotOptimize(s_ap_keys.key_bytes.data());
  benchmark::DoNotOptimize(c_fin.view().data());
  benchmark::DoNotOptimize(s_fin.view().data());
  benchmark::DoNotOptimize(exp.view().data());
  return ms.resumption_master_secret(kHashClientFinished);
}

void bm_key_schedule_full(benchmark::State& state) {
  if (!same(glasstls_schedule().view(), kResumptionMaster)) {
    state.SkipWithError("resumption master secret differs from RFC 8448 §3");
    return;
  }
  for (auto _ : state) {
    const tls::Secret res = glasstls_schedule();
    benchmark::DoNotOptimize(res.view().data());
  }
}

// ---- OpenSSL twin ----------------------------------------------------------------------------

#if GLASSTLS_HAVE_OPENSSL

class OpensslHkdf {
 public:
  OpensslHkdf() : kdf_(EVP_KDF_fetch(nullptr, "HKDF", nullptr)), ctx_(EVP_KDF_CTX_new(kdf_)) {}
  ~OpensslHkdf() {
    EVP_KDF_CTX_free(ctx_);
    EVP_KDF_free(kdf_);
  }
  OpensslHkdf(const OpensslHkdf&) = delete;
  OpensslHkdf& operator=(const OpensslHkdf&) = delete;

  // HKDF-Extract(salt, ikm) into 32 bytes.
  bool extract(const std::uint8_t* salt, const std::uint8_t* ikm, std::uint8_t* out) {
    int mode = EVP_KDF_HKDF_MODE_EXTRACT_ONLY;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest_, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(ikm), 32),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<std::uint8_t*>(salt), 32),
        OSSL_PARAM_construct_end()};
    return EVP_KDF_derive(ctx_, out, 32, params) == 1;
  }

  // HKDF-Expand-Label(secret, label, context, length), the HkdfLabel built by hand (§7.1).
  bool expand_label(const std::uint8_t* secret, std::string_view label, const std::uint8_t* context,
                    std::size_t context_len, std::uint8_t* out, std::size_t length) {
    std::array<std::uint8_t, 2 + 1 + 255 + 1 + 255> info{};
    std::size_t n = 0;
    info[n++] = static_cast<std::uint8_t>(length >> 8);
    info[n++] = static_cast<std::uint8_t>(length);
    info[n++] = static_cast<std::uint8_t>(6 + label.size());
    std::memcpy(info.data() + n, "tls13 ", 6);
    n += 6;
    std::memcpy(info.data() + n, label.data(), label.size());
    n += label.size();
    info[n++] = static_cast<std::uint8_t>(context_len);
    if (context_len != 0) std::memcpy(info.data() + n, context, context_len);
    n += context_len;
    int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
    OSSL_PARAM params[] = {OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
                           OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest_, 0),
                           OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
                                                             const_cast<std::uint8_t*>(secret), 32),
                           OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, info.data(), n),
                           OSSL_PARAM_construct_end()};
    return EVP_KDF_derive(ctx_, out, length, params) == 1;
  }

 private:
  char digest_[7] = "SHA256";
  EVP_KDF* kdf_;
  EVP_KDF_CTX* ctx_;
};

// The same derivations as glasstls_schedule(); returns false if OpenSSL failed.
bool openssl_schedule(OpensslHkdf& h, Hash32& resumption_master) {
  Hash32 zeros{}, empty_hash{}, early{}, derived{}, hs{}, c_hs{}, s_hs{}, c_fin{}, s_fin{}, ms{},
      c_ap{}, s_ap{}, exp{};
  std::array<std::uint8_t, 16> key{};
  std::array<std::uint8_t, 12> iv{};
  unsigned int len = 0;
  bool ok = EVP_Digest(nullptr, 0, empty_hash.data(), &len, EVP_sha256(), nullptr) == 1;
  ok &= h.extract(zeros.data(), zeros.data(), early.data());
  ok &= h.expand_label(early.data(), "derived", empty_hash.data(), 32, derived.data(), 32);
  ok &= h.extract(derived.data(), kShared.data(), hs.data());
  ok &= h.expand_label(hs.data(), "c hs traffic", kHashServerHello.data(), 32, c_hs.data(), 32);
  ok &= h.expand_label(hs.data(), "s hs traffic", kHashServerHello.data(), 32, s_hs.data(), 32);
  for (const Hash32* secret : {&c_hs, &s_hs}) {
    ok &= h.expand_label(secret->data(), "key", nullptr, 0, key.data(), key.size());
    ok &= h.expand_label(secret->data(), "iv", nullptr, 0, iv.data(), iv.size());
    benchmark::DoNotOptimize(key.data());
    benchmark::DoNotOptimize(iv.data());
  }
  ok &= h.expand_label(c_hs.data(), "finished", nullptr, 0, c_fin.data(), 32);
  ok &= h.expand_label(s_hs.data(), "finished", nullptr, 0, s_fin.data(), 32);
  ok &= h.expand_label(hs.data(), "derived", empty_hash.data(), 32, derived.data(), 32);
  ok &= h.extract(derived.data(), zeros.data(), ms.data());
  ok &= h.expand_label(ms.data(), "c ap traffic", kHashServerFinished.data(), 32, c_ap.data(), 32);
  ok &= h.expand_label(ms.data(), "s ap traffic", kHashServerFinished.data(), 32, s_ap.data(), 32);
  for (const Hash32* secret : {&c_ap, &s_ap}) {
    ok &= h.expand_label(secret->data(), "key", nullptr, 0, key.data(), key.size());
    ok &= h.expand_label(secret->data(), "iv", nullptr, 0, iv.data(), iv.size());
    benchmark::DoNotOptimize(key.data());
    benchmark::DoNotOptimize(iv.data());
  }
  ok &= h.expand_label(ms.data(), "exp master", kHashServerFinished.data(), 32, exp.data(), 32);
  ok &= h.expand_label(ms.data(), "res master", kHashClientFinished.data(), 32,
                       resumption_master.data(), 32);
  benchmark::DoNotOptimize(c_fin.data());
  benchmark::DoNotOptimize(s_fin.data());
  benchmark::DoNotOptimize(exp.data());
  return ok;
}

void bm_openssl_key_schedule_full(benchmark::State& state) {
  OpensslHkdf h;
  Hash32 res{};
  if (!openssl_schedule(h, res) || !same(res, kResumptionMaster)) {
    state.SkipWithError("OpenSSL resumption master secret differs from RFC 8448 §3");
    return;
  }
  for (auto _ : state) {
    openssl_schedule(h, res);
    benchmark::DoNotOptimize(res.data());
  }
}

#endif  // GLASSTLS_HAVE_OPENSSL

}  // namespace

void register_tls_key_schedule_benchmarks() {
  benchmark::RegisterBenchmark("glasstls/tls13/key_schedule_full", bm_key_schedule_full);
#if GLASSTLS_HAVE_OPENSSL
  benchmark::RegisterBenchmark("openssl/tls13/key_schedule_full", bm_openssl_key_schedule_full);
#endif
}

}  // namespace glasstls::bench
