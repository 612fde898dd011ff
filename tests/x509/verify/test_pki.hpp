// A small PKI minted with the certificate builder for the path-validation tests: ECDSA P-256 keys
// from a seeded generator (deterministic and fast), builders preset for a root, an intermediate
// and a TLS server leaf, and one clock. Each test changes one field to break one rule.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/signing_key.hpp"

namespace glasstls::x509::test_pki {

inline WallTime at(int y, unsigned m, unsigned d, unsigned hh = 0, unsigned mm = 0,
                   unsigned ss = 0) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)) +
         std::chrono::hours(hh) + std::chrono::minutes(mm) + std::chrono::seconds(ss);
}

/// The verification time of every test: 2026-06-01 00:00:00 UTC.
inline WallTime now() {
  return at(2026, 6, 1);
}
inline WallTime default_not_before() {
  return at(2025, 1, 1);
}
inline WallTime default_not_after() {
  return at(2027, 1, 1);
}

/// A fresh P-256 key; `seed` makes it reproducible.
inline SigningKey key(std::uint64_t seed) {
  crypto::DeterministicRandom rng(seed);
  return SigningKey::generate_ec(crypto::EcCurve::p256, rng);
}

inline CertificateBuilder root(const std::string& cn, const SigningKey& k) {
  CertificateBuilder b;
  b.subject(make_name(cn))
      .self_signed()
      .validity(default_not_before(), default_not_after())
      .public_key(k.public_key())
      .basic_constraints(true)
      .key_usage(KeyUsage::key_cert_sign | KeyUsage::crl_sign);
  return b;
}

inline CertificateBuilder intermediate(const std::string& cn, const Certificate& issuer,
                                       const SigningKey& k) {
  CertificateBuilder b;
  b.subject(make_name(cn))
      .issuer(issuer)
      .validity(default_not_before(), default_not_after())
      .public_key(k.public_key())
      .basic_constraints(true)
      .key_usage(KeyUsage::key_cert_sign | KeyUsage::crl_sign);
  return b;
}

inline CertificateBuilder leaf(const std::string& dns_name, const Certificate& issuer,
                               const SigningKey& k) {
  CertificateBuilder b;
  b.subject(make_name(dns_name))
      .issuer(issuer)
      .validity(default_not_before(), default_not_after())
      .public_key(k.public_key())
      .key_usage(KeyUsage::digital_signature)
      .ext_key_usage({asn1::oids::id_kp_serverAuth})
      .add_dns_name(dns_name);
  return b;
}

/// Signs, or stops the test binary with the builder's error (a broken fixture is not a result).
inline Certificate sign(const CertificateBuilder& b, const SigningKey& issuer_key) {
  auto r = b.sign(issuer_key);
  if (!r.ok()) {
    std::fprintf(stderr, "test PKI: the builder failed: %s\n", r.error().to_string().c_str());
    std::abort();
  }
  return std::move(r).value();
}

}  // namespace glasstls::x509::test_pki
