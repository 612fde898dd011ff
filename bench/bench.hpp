// Shared declarations for glasstls_bench: each bench/*.cpp file defines one register_* function
// that main() calls before running. Benchmark names are "glasstls/<what>/<size>", with an
// "openssl/<what>/<size>" twin and, for accelerated primitives, "glasstls/<what>/<size>/portable".
#pragma once

#include <benchmark/benchmark.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/aead.hpp"

namespace glasstls::bench {

/// A deterministic n-byte input (the same bytes on the glasstls and OpenSSL sides).
inline std::vector<std::uint8_t> input(std::size_t n, std::uint8_t seed = 7) {
  std::vector<std::uint8_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint8_t>(i * 131 + seed);
  return v;
}

/// Reports throughput: per_iteration bytes were processed in each iteration.
inline void set_bytes(benchmark::State& state, std::size_t per_iteration) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(per_iteration));
}

/// A fresh nonce per record, as TLS does (IV XOR sequence number, RFC 8446 §5.3).
inline void next_nonce(std::array<std::uint8_t, 12>& nonce, std::uint64_t seq) {
  store_be64(nonce.data() + 4, 0x0123456789abcdefULL ^ seq);
}

/// Seals `size`-byte records with one expanded key and a fresh nonce per record (aead_bench.cpp).
void bm_aead_seal(benchmark::State& state, crypto::AeadAlg alg, std::size_t size,
                  const crypto::AeadImplementation* impl);

/// SHA-256, SHA-384, HMAC-SHA-256, HKDF-SHA-256 (hash_bench.cpp).
void register_hash_benchmarks();
/// AES-128/256-GCM seal and open (aes_gcm_bench.cpp).
void register_aes_gcm_benchmarks();
/// ChaCha20-Poly1305 seal (chacha20_poly1305_bench.cpp).
void register_chacha20_poly1305_benchmarks();
/// RSA-2048/3072/4096 PSS sign and verify; RSA-2048 PKCS#1 v1.5 and OAEP (rsa_bench.cpp).
void register_rsa_benchmarks();
/// X25519 keygen/derive/keygen_and_shared, Ed25519 sign/verify (curve25519_bench.cpp).
void register_curve25519_benchmarks();
void register_ec_benchmarks();
/// X.509 certificate parsing of a typical leaf (x509_parse_bench.cpp).
void register_x509_parse_benchmarks();
/// X.509 path validation, leaf + intermediate + root, ECDSA and RSA (x509_verify_bench.cpp).
void register_x509_verify_benchmarks();
/// CRL and OCSP checks: parse, signature, status lookup (x509_revocation_bench.cpp).
void register_x509_revocation_benchmarks();
/// TLS 1.3 record seal/open through RecordProtection, AES-256-GCM (tls_record_bench.cpp).
void register_tls_record_benchmarks();
/// The TLS 1.3 key schedule of one handshake (tls_key_schedule_bench.cpp).
void register_tls_key_schedule_benchmarks();
/// TLS 1.3 ClientHello decode and encode, 2 KB browser-shaped (tls_messages_bench.cpp).
void register_tls_messages_benchmarks();
/// TLS 1.3 full handshakes (ECDSA P-256, RSA-2048), 16 KiB bulk records, heap bytes per
/// connection, in memory (tls_handshake_bench.cpp).
void register_tls_handshake_benchmarks();

}  // namespace glasstls::bench
