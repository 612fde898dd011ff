// Certificate parsing: glasstls/x509/parse_certificate and its openssl/x509/parse_certificate
// twin, on the same DER bytes of a typical web leaf (678 bytes: ECDSA P-256 key and signature,
// SAN with two DNS names, keyUsage, extKeyUsage, basicConstraints, SKI/AKI, AIA, CRL
// distribution point, certificatePolicies), minted once with the openssl CLI for this file.
//
//   ours:    parse_certificate(der) — a copy of the DER, every field and extension decoded, names
//            converted to UTF-8, the P-256 point decoded and validated (on the curve).
//   openssl: d2i_X509 + X509_free — OpenSSL's decoder builds its own objects; how much of the
//            extension and key decoding it defers to first use depends on its version, so the
//            two sides do comparable but not identical work.
#include <benchmark/benchmark.h>

#include <string_view>

#include "bench.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/x509/certificate.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/x509.h>
#endif

namespace glasstls::bench {
namespace {

constexpr std::string_view kLeafPem =
    "-----BEGIN CERTIFICATE-----\n"
    "MIICojCCAkegAwIBAgIHOl8MK51+QTAKBggqhkjOPQQDAjBCMQswCQYDVQQGEwJV\n"
    "UzEXMBUGA1UECgwOZ2xhc3N0bHMgYmVuY2gxGjAYBgNVBAMMEWdsYXNzdGxzIGJl\n"
    "bmNoIENBMB4XDTI2MTEyNzEwNTI1M1oXDTI3MDIyNTEwNTI1M1owGjEYMBYGA1UE\n"
    "AwwPd3d3LmV4YW1wbGUuY29tMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFo2P\n"
    "R4D4ICOCMSuwuah8sJahnBMUEdY7A1Rhm+kXaHihUmkE9EAU/ddznCcPW8/1vdqU\n"
    "ahSDPU+pAeh/3SYkEqOCAU4wggFKMCcGA1UdEQQgMB6CD3d3dy5leGFtcGxlLmNv\n"
    "bYILZXhhbXBsZS5jb20wDgYDVR0PAQH/BAQDAgeAMB0GA1UdJQQWMBQGCCsGAQUF\n"
    "BwMBBggrBgEFBQcDAjAMBgNVHRMBAf8EAjAAMB0GA1UdDgQWBBRGzu2moFPpPWT3\n"
    "Bj69CwkNcQcNCzAfBgNVHSMEGDAWgBSCUnrUy/jx8Xpy2NJXs5c1pb/VITBdBggr\n"
    "BgEFBQcBAQRRME8wIwYIKwYBBQUHMAGGF2h0dHA6Ly9vY3NwLmV4YW1wbGUuY29t\n"
    "MCgGCCsGAQUFBzAChhxodHRwOi8vY2EuZXhhbXBsZS5jb20vY2EuZGVyMC4GA1Ud\n"
    "HwQnMCUwI6AhoB+GHWh0dHA6Ly9jcmwuZXhhbXBsZS5jb20vY2EuY3JsMBMGA1Ud\n"
    "IAQMMAowCAYGZ4EMAQIBMAoGCCqGSM49BAMCA0kAMEYCIQDOv+nPEzHhNvg+t/w8\n"
    "RU9rsjFp8ZOhM3k2XIuimbAydgIhAOw+VQl9xUSC9O7ERkW1Lb4VORT11GiY+UZC\n"
    "ugj1yxwi\n"
    "-----END CERTIFICATE-----\n";

const Bytes& leaf_der() {
  static const Bytes der = [] {
    auto d = asn1::pem_decode_one(kLeafPem, "CERTIFICATE");
    return d ? std::move(d).value() : Bytes{};
  }();
  return der;
}

void bm_glasstls_parse(benchmark::State& state) {
  const Bytes& der = leaf_der();
  if (der.empty() || !x509::parse_certificate(der)) {
    state.SkipWithError("the embedded certificate does not parse");
    return;
  }
  for (auto _ : state) {
    auto c = x509::parse_certificate(der);
    benchmark::DoNotOptimize(c);
  }
  set_bytes(state, der.size());
}

#if GLASSTLS_HAVE_OPENSSL
void bm_openssl_parse(benchmark::State& state) {
  const Bytes& der = leaf_der();
  for (auto _ : state) {
    const unsigned char* p = der.data();
    X509* x = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
    if (x == nullptr) {
      state.SkipWithError("d2i_X509 failed");
      return;
    }
    benchmark::DoNotOptimize(x);
    X509_free(x);
  }
  set_bytes(state, der.size());
}
#endif

}  // namespace

void register_x509_parse_benchmarks() {
  benchmark::RegisterBenchmark("glasstls/x509/parse_certificate", bm_glasstls_parse);
#if GLASSTLS_HAVE_OPENSSL
  benchmark::RegisterBenchmark("openssl/x509/parse_certificate", bm_openssl_parse);
#endif
}

}  // namespace glasstls::bench
