// Shared declarations for glasstls_bench: each bench/*.cpp file defines one register_* function
// that main() calls before running. Benchmark names are "glasstls/<what>/<size>", with an
// "openssl/<what>/<size>" twin and, for accelerated primitives, "glasstls/<what>/<size>/portable".
#pragma once

namespace glasstls::bench {

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

}  // namespace glasstls::bench
