// X.509 path validation benchmarks, each glasstls/... with an openssl/... twin doing the same work:
//
//   */x509/verify_chain_ecdsa  leaf + intermediate + root, all ECDSA P-256 with SHA-256;
//   */x509/verify_chain_rsa    the same shape with 2048-bit RSA PKCS#1 v1.5 SHA-256 signatures
//                              (root and intermediate keys RSA; the leaf's own key is P-256, which
//                              verification never uses).
//
// The chains are minted once by our builder and parsed once on both sides. Per iteration:
//   ours:    verify_chain(leaf, {intermediate}, store, options) — path building, two signature
//            checks (the anchor's own is not checked), validity, CA, key usage, EKU, hostname;
//   openssl: X509_STORE_CTX_new + init(store, leaf, untrusted) + X509_verify_cert + free, with
//            the same time (X509_VERIFY_PARAM_set_time), host, purpose sslserver and
//            X509_V_FLAG_X509_STRICT, so it also checks two signatures.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "bench.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/verify.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#endif

namespace glasstls::bench {
namespace {

using x509::Certificate;
using x509::CertificateBuilder;
using x509::SigningKey;

WallTime day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d));
}

Certificate must(Result<Certificate, x509::CertificateParseError> r) {
  if (!r.ok()) {
    std::fprintf(stderr, "x509_verify_bench: builder failed: %s\n", r.error().to_string().c_str());
    std::abort();
  }
  return std::move(r).value();
}

struct Chain {
  std::optional<Certificate> root, inter, leaf;
};

// Root → intermediate → leaf for "www.example.com", valid 2025–2035.
Chain mint(const SigningKey& root_key, const SigningKey& inter_key, const SigningKey& leaf_key) {
  Chain c;
  CertificateBuilder root;
  root.subject(x509::make_name("Bench Root"))
      .self_signed()
      .validity(day(2025, 1, 1), day(2035, 1, 1))
      .public_key(root_key.public_key())
      .basic_constraints(true)
      .key_usage(x509::KeyUsage::key_cert_sign | x509::KeyUsage::crl_sign);
  c.root = must(root.sign(root_key));
  CertificateBuilder inter;
  inter.subject(x509::make_name("Bench Intermediate"))
      .issuer(*c.root)
      .validity(day(2025, 1, 1), day(2035, 1, 1))
      .public_key(inter_key.public_key())
      .basic_constraints(true, 0)
      .key_usage(x509::KeyUsage::key_cert_sign | x509::KeyUsage::crl_sign);
  c.inter = must(inter.sign(root_key));
  CertificateBuilder leaf;
  leaf.subject(x509::make_name("www.example.com"))
      .issuer(*c.inter)
      .validity(day(2025, 1, 1), day(2035, 1, 1))
      .public_key(leaf_key.public_key())
      .key_usage(x509::KeyUsage::digital_signature)
      .ext_key_usage({asn1::oids::id_kp_serverAuth})
      .add_dns_name("www.example.com");
  c.leaf = must(leaf.sign(inter_key));
  return c;
}

const Chain& ecdsa_chain() {
  static const Chain chain = [] {
    crypto::DeterministicRandom rng(71);
    const SigningKey a = SigningKey::generate_ec(crypto::EcCurve::p256, rng);
    const SigningKey b = SigningKey::generate_ec(crypto::EcCurve::p256, rng);
    const SigningKey c = SigningKey::generate_ec(crypto::EcCurve::p256, rng);
    return mint(a, b, c);
  }();
  return chain;
}

const Chain& rsa_chain() {
  static const Chain chain = [] {
    crypto::DeterministicRandom rng(72);
    auto a = SigningKey::generate_rsa(2048, rng);
    auto b = SigningKey::generate_rsa(2048, rng);
    if (!a.ok() || !b.ok()) std::abort();
    const SigningKey c = SigningKey::generate_ec(crypto::EcCurve::p256, rng);
    return mint(*a, *b, c);
  }();
  return chain;
}

const WallTime kNow = day(2026, 6, 1);

void bm_verify_chain(benchmark::State& state, const Chain& (*chain)()) {
  const Chain& c = chain();
  x509::TrustStore store;
  store.add(*c.root);
  const std::vector<Certificate> untrusted{*c.inter};
  const FixedClock clock(kNow);
  x509::VerifyOptions options(clock);
  options.host = "www.example.com";
  for (auto _ : state) {
    x509::VerifyResult r = x509::verify_chain(*c.leaf, untrusted, store, options);
    if (!r.ok()) {
      state.SkipWithError(r.diagnosis->message.c_str());
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}

#if GLASSTLS_HAVE_OPENSSL
X509* to_openssl(const Certificate& c) {
  const unsigned char* p = c.der.data();
  X509* x = d2i_X509(nullptr, &p, static_cast<long>(c.der.size()));
  if (x == nullptr) std::abort();
  return x;
}

void bm_openssl_verify_chain(benchmark::State& state, const Chain& (*chain)()) {
  const Chain& c = chain();
  X509* root = to_openssl(*c.root);
  X509* inter = to_openssl(*c.inter);
  X509* leaf = to_openssl(*c.leaf);
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, root);
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  sk_X509_push(untrusted, inter);
  X509_VERIFY_PARAM* param = X509_VERIFY_PARAM_new();
  X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(kNow.time_since_epoch().count()));
  X509_VERIFY_PARAM_set1_host(param, "www.example.com", 0);
  X509_VERIFY_PARAM_set_purpose(param, X509_PURPOSE_SSL_SERVER);
  X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_X509_STRICT);
  for (auto _ : state) {
    X509_STORE_CTX* ctx = X509_STORE_CTX_new();
    X509_STORE_CTX_init(ctx, store, leaf, untrusted);
    X509_VERIFY_PARAM_set1(X509_STORE_CTX_get0_param(ctx), param);
    const int ok = X509_verify_cert(ctx);
    X509_STORE_CTX_free(ctx);
    if (ok != 1) {
      state.SkipWithError("X509_verify_cert refused the chain");
      break;
    }
  }
  X509_VERIFY_PARAM_free(param);
  sk_X509_free(untrusted);
  X509_STORE_free(store);
  X509_free(leaf);
  X509_free(inter);
  X509_free(root);
}
#endif

}  // namespace

void register_x509_verify_benchmarks() {
  benchmark::RegisterBenchmark("glasstls/x509/verify_chain_ecdsa", bm_verify_chain, &ecdsa_chain);
  benchmark::RegisterBenchmark("glasstls/x509/verify_chain_rsa", bm_verify_chain, &rsa_chain);
#if GLASSTLS_HAVE_OPENSSL
  benchmark::RegisterBenchmark("openssl/x509/verify_chain_ecdsa", bm_openssl_verify_chain,
                               &ecdsa_chain);
  benchmark::RegisterBenchmark("openssl/x509/verify_chain_rsa", bm_openssl_verify_chain,
                               &rsa_chain);
#endif
}

}  // namespace glasstls::bench
