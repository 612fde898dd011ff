// Revocation checks, as a client does them on receipt (issue 8): the CA's CRL or its OCSP
// response arrives as DER and is parsed, its signature checked with the CA's P-256 key, and the
// leaf's status looked up. Inputs are minted once by our builders (deterministic keys) and both
// sides work on the same bytes.
//
//   glasstls/x509/crl_check/1000:  parse_crl + check_crl on a CRL of 1000 entries that does not
//                                  list the leaf (the lookup scans every entry).
//   openssl/x509/crl_check/1000:   d2i_X509_CRL, issuer name compare, X509_CRL_verify,
//                                  nextUpdate compare, X509_CRL_get0_by_serial, X509_CRL_free.
//   glasstls/x509/ocsp_check:      parse_ocsp_response + check_ocsp (CertID hashes, signer,
//                                  signature, dates).
//   openssl/x509/ocsp_check:       d2i_OCSP_RESPONSE, OCSP_response_get1_basic, OCSP_basic_verify
//                                  (signature only: OCSP_NOVERIFY, the CA given as signer
//                                  certificate), OCSP_cert_to_id, OCSP_resp_find_status, and
//                                  thisUpdate/nextUpdate compared with the same fixed time
//                                  (OCSP_check_validity would read the real clock).
#include <benchmark/benchmark.h>

#include <chrono>

#include "bench.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/revocation.hpp"
#include "glasstls/x509/revocation_builder.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/ocsp.h>
#include <openssl/x509.h>
#endif

namespace glasstls::bench {
namespace {

using std::chrono::days;

WallTime day(int y, unsigned m, unsigned d) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d));
}

struct Inputs {
  x509::Certificate ca, leaf;
  Bytes crl_der, ocsp_der;
  WallTime now = day(2026, 6, 1);
  bool ok = false;
};

const Inputs& inputs() {
  static const Inputs in = [] {
    Inputs r;
    crypto::DeterministicRandom rng(2026);
    const x509::SigningKey ca_key = x509::SigningKey::generate_ec(crypto::EcCurve::p256, rng);
    const x509::SigningKey leaf_key = x509::SigningKey::generate_ec(crypto::EcCurve::p256, rng);
    auto ca = x509::CertificateBuilder()
                  .subject(x509::make_name("Bench Revocation CA"))
                  .self_signed()
                  .validity(day(2025, 1, 1), day(2030, 1, 1))
                  .public_key(ca_key.public_key())
                  .basic_constraints(true)
                  .key_usage(x509::KeyUsage::key_cert_sign | x509::KeyUsage::crl_sign)
                  .sign(ca_key);
    if (!ca) return r;
    auto leaf = x509::CertificateBuilder()
                    .subject(x509::make_name("www.example.com"))
                    .issuer(*ca)
                    .serial(0x123456789aULL)
                    .validity(day(2025, 1, 1), day(2027, 1, 1))
                    .public_key(leaf_key.public_key())
                    .add_dns_name("www.example.com")
                    .sign(ca_key);
    if (!leaf) return r;
    x509::CrlBuilder crl;
    crl.issuer(*ca).this_update(day(2026, 5, 31)).next_update(day(2026, 6, 7)).crl_number(42);
    for (std::uint64_t i = 1; i <= 1000; ++i) {
      crl.revoke(Bytes{0x10, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)},
                 day(2026, 1, 1) + days(i % 150), x509::CrlReason::key_compromise);
    }
    auto crl_der = crl.sign_der(ca_key);
    auto ocsp_der =
        x509::OcspResponseBuilder()
            .responder(*ca)
            .add(*leaf, *ca, x509::OcspCertStatus::good, day(2026, 5, 31), day(2026, 6, 2))
            .sign_der(ca_key);
    if (!crl_der || !ocsp_der) return r;
    r.ca = std::move(ca).value();
    r.leaf = std::move(leaf).value();
    r.crl_der = std::move(crl_der).value();
    r.ocsp_der = std::move(ocsp_der).value();
    r.ok = true;
    return r;
  }();
  return in;
}

void bm_glasstls_crl_check(benchmark::State& state) {
  const Inputs& in = inputs();
  if (!in.ok) {
    state.SkipWithError("could not mint the inputs");
    return;
  }
  for (auto _ : state) {
    auto crl = x509::parse_crl(in.crl_der);
    if (!crl) {
      state.SkipWithError("parse_crl failed");
      return;
    }
    const x509::RevocationStatus s = x509::check_crl(*crl, in.leaf, in.ca, in.now);
    if (s.state != x509::RevocationState::good) {
      state.SkipWithError("the CRL check did not say good");
      return;
    }
    benchmark::DoNotOptimize(s);
  }
  set_bytes(state, in.crl_der.size());
}

void bm_glasstls_ocsp_check(benchmark::State& state) {
  const Inputs& in = inputs();
  if (!in.ok) {
    state.SkipWithError("could not mint the inputs");
    return;
  }
  for (auto _ : state) {
    auto resp = x509::parse_ocsp_response(in.ocsp_der);
    if (!resp) {
      state.SkipWithError("parse_ocsp_response failed");
      return;
    }
    const x509::RevocationStatus s = x509::check_ocsp(*resp, in.leaf, in.ca, in.now);
    if (s.state != x509::RevocationState::good) {
      state.SkipWithError("the OCSP check did not say good");
      return;
    }
    benchmark::DoNotOptimize(s);
  }
  set_bytes(state, in.ocsp_der.size());
}

#if GLASSTLS_HAVE_OPENSSL
X509* to_x509(const Bytes& der) {
  const unsigned char* p = der.data();
  return d2i_X509(nullptr, &p, static_cast<long>(der.size()));
}

void bm_openssl_crl_check(benchmark::State& state) {
  const Inputs& in = inputs();
  X509* ca = in.ok ? to_x509(in.ca.der) : nullptr;
  X509* leaf = in.ok ? to_x509(in.leaf.der) : nullptr;
  if (ca == nullptr || leaf == nullptr) {
    state.SkipWithError("could not load the inputs");
    X509_free(ca);
    X509_free(leaf);
    return;
  }
  EVP_PKEY* ca_key = X509_get0_pubkey(ca);
  time_t now = static_cast<time_t>(in.now.time_since_epoch().count());
  for (auto _ : state) {
    const unsigned char* p = in.crl_der.data();
    X509_CRL* crl = d2i_X509_CRL(nullptr, &p, static_cast<long>(in.crl_der.size()));
    X509_REVOKED* entry = nullptr;
    const bool good = crl != nullptr &&
                      X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_subject_name(ca)) == 0 &&
                      X509_CRL_verify(crl, ca_key) == 1 &&
                      X509_cmp_time(X509_CRL_get0_nextUpdate(crl), &now) > 0 &&
                      X509_CRL_get0_by_serial(crl, &entry, X509_get_serialNumber(leaf)) == 0;
    X509_CRL_free(crl);
    if (!good) {
      state.SkipWithError("OpenSSL's CRL check did not say good");
      break;
    }
  }
  set_bytes(state, in.crl_der.size());
  X509_free(ca);
  X509_free(leaf);
}

void bm_openssl_ocsp_check(benchmark::State& state) {
  const Inputs& in = inputs();
  X509* ca = in.ok ? to_x509(in.ca.der) : nullptr;
  X509* leaf = in.ok ? to_x509(in.leaf.der) : nullptr;
  time_t now = static_cast<time_t>(in.now.time_since_epoch().count());
  X509_STORE* store = X509_STORE_new();
  STACK_OF(X509)* signers = sk_X509_new_null();
  if (ca == nullptr || leaf == nullptr || store == nullptr || signers == nullptr ||
      sk_X509_push(signers, ca) == 0) {
    state.SkipWithError("could not load the inputs");
  } else {
    for (auto _ : state) {
      const unsigned char* p = in.ocsp_der.data();
      OCSP_RESPONSE* resp = d2i_OCSP_RESPONSE(nullptr, &p, static_cast<long>(in.ocsp_der.size()));
      OCSP_BASICRESP* basic = resp != nullptr ? OCSP_response_get1_basic(resp) : nullptr;
      OCSP_CERTID* id = OCSP_cert_to_id(nullptr, leaf, ca);
      int status = -1, reason = -1;
      ASN1_GENERALIZEDTIME *revtime = nullptr, *thisupd = nullptr, *nextupd = nullptr;
      const bool good =
          basic != nullptr && id != nullptr &&
          OCSP_response_status(resp) == OCSP_RESPONSE_STATUS_SUCCESSFUL &&
          OCSP_basic_verify(basic, signers, store, OCSP_NOVERIFY | OCSP_TRUSTOTHER) == 1 &&
          OCSP_resp_find_status(basic, id, &status, &reason, &revtime, &thisupd, &nextupd) == 1 &&
          status == V_OCSP_CERTSTATUS_GOOD && X509_cmp_time(thisupd, &now) < 0 &&
          X509_cmp_time(nextupd, &now) > 0;
      OCSP_CERTID_free(id);
      OCSP_BASICRESP_free(basic);
      OCSP_RESPONSE_free(resp);
      if (!good) {
        state.SkipWithError("OpenSSL's OCSP check did not say good");
        break;
      }
    }
    set_bytes(state, in.ocsp_der.size());
  }
  sk_X509_free(signers);
  X509_STORE_free(store);
  X509_free(ca);
  X509_free(leaf);
}
#endif

}  // namespace

void register_x509_revocation_benchmarks() {
  benchmark::RegisterBenchmark("glasstls/x509/crl_check/1000", bm_glasstls_crl_check);
  benchmark::RegisterBenchmark("glasstls/x509/ocsp_check", bm_glasstls_ocsp_check);
#if GLASSTLS_HAVE_OPENSSL
  benchmark::RegisterBenchmark("openssl/x509/crl_check/1000", bm_openssl_crl_check);
  benchmark::RegisterBenchmark("openssl/x509/ocsp_check", bm_openssl_ocsp_check);
#endif
}

}  // namespace glasstls::bench
