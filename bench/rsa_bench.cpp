// RSA benchmarks, SHA-256 throughout:
//   */rsa{2048,3072,4096}/{sign_pss,verify_pss}
//   */rsa2048/{sign_pkcs1,verify_pkcs1,encrypt_oaep,decrypt_oaep}
// Signing and verifying work on a fixed 32-byte digest on both sides (glasstls' *_sign_digest /
// *_verify_digest; OpenSSL's EVP_PKEY_sign / EVP_PKEY_verify take a digest), OAEP on a 32-byte
// message. Keys are generated once at start (by OpenSSL when present, else by glasstls) and the
// same key is used on both sides; each OpenSSL twin sets up its EVP_PKEY_CTX once.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "bench.hpp"
#include "glasstls/crypto/rsa.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#endif

namespace glasstls::bench {
namespace {

using crypto::HashAlg;

enum class Op { sign_pss, verify_pss, sign_pkcs1, verify_pkcs1, encrypt_oaep, decrypt_oaep };

struct BenchKey {
  std::optional<crypto::RsaPrivateKey> ours;
#if GLASSTLS_HAVE_OPENSSL
  EVP_PKEY* ossl = nullptr;  // lives for the whole process
#endif
};

#if GLASSTLS_HAVE_OPENSSL
Bytes get_bn(EVP_PKEY* pkey, const char* name) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(pkey, name, &bn);
  Bytes out(static_cast<std::size_t>(BN_num_bytes(bn)));
  BN_bn2bin(bn, out.data());
  BN_clear_free(bn);
  return out;
}
#endif

BenchKey& key_of_size(int bits) {
  static std::map<int, BenchKey> keys;
  auto& k = keys[bits];
  if (k.ours) return k;
#if GLASSTLS_HAVE_OPENSSL
  k.ossl = EVP_RSA_gen(static_cast<unsigned>(bits));
  crypto::RsaPrivateKeyParts p;
  p.n = get_bn(k.ossl, OSSL_PKEY_PARAM_RSA_N);
  p.e = get_bn(k.ossl, OSSL_PKEY_PARAM_RSA_E);
  p.d = get_bn(k.ossl, OSSL_PKEY_PARAM_RSA_D);
  p.p = get_bn(k.ossl, OSSL_PKEY_PARAM_RSA_FACTOR1);
  p.q = get_bn(k.ossl, OSSL_PKEY_PARAM_RSA_FACTOR2);
  p.dp = get_bn(k.ossl, OSSL_PKEY_PARAM_RSA_EXPONENT1);
  p.dq = get_bn(k.ossl, OSSL_PKEY_PARAM_RSA_EXPONENT2);
  p.qinv = get_bn(k.ossl, OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
  k.ours.emplace(std::move(crypto::RsaPrivateKey::from_parts(p).value()));
#else
  crypto::DeterministicRandom rng(static_cast<std::uint64_t>(bits));
  k.ours.emplace(std::move(crypto::RsaPrivateKey::generate(static_cast<std::size_t>(bits), rng).value()));
#endif
  return k;
}

const crypto::Digest& fixed_digest() {
  static const crypto::Digest d = crypto::Hash::hash(HashAlg::sha256, as_bytes("glasstls rsa bench"));
  return d;
}

void bm_glasstls(benchmark::State& state, int bits, Op op) {
  const auto& key = *key_of_size(bits).ours;
  const auto& pub = key.public_key();
  crypto::DeterministicRandom rng(1);
  const ByteView digest = fixed_digest().view();
  const Bytes pss_sig = crypto::rsa_pss_sign_digest(key, HashAlg::sha256, digest, rng).value();
  const Bytes pkcs1_sig = crypto::rsa_pkcs1_sign_digest(key, HashAlg::sha256, digest, rng).value();
  const Bytes message(32, 0x61);
  const Bytes ciphertext = crypto::rsa_oaep_encrypt(pub, message, rng).value();
  for (auto _ : state) {
    bool ok = true;
    switch (op) {
      case Op::sign_pss: ok = crypto::rsa_pss_sign_digest(key, HashAlg::sha256, digest, rng).ok(); break;
      case Op::verify_pss: ok = crypto::rsa_pss_verify_digest(pub, HashAlg::sha256, digest, pss_sig).ok(); break;
      case Op::sign_pkcs1: ok = crypto::rsa_pkcs1_sign_digest(key, HashAlg::sha256, digest, rng).ok(); break;
      case Op::verify_pkcs1: ok = crypto::rsa_pkcs1_verify_digest(pub, HashAlg::sha256, digest, pkcs1_sig).ok(); break;
      case Op::encrypt_oaep: ok = crypto::rsa_oaep_encrypt(pub, message, rng).ok(); break;
      case Op::decrypt_oaep: ok = crypto::rsa_oaep_decrypt(key, ciphertext, rng).ok(); break;
    }
    if (!ok) state.SkipWithError("operation failed");
    benchmark::ClobberMemory();
  }
}

#if GLASSTLS_HAVE_OPENSSL
void bm_openssl(benchmark::State& state, int bits, Op op) {
  EVP_PKEY* pkey = key_of_size(bits).ossl;
  const ByteView digest = fixed_digest().view();
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(pkey, nullptr);
  const bool pss = op == Op::sign_pss || op == Op::verify_pss;
  const bool oaep = op == Op::encrypt_oaep || op == Op::decrypt_oaep;
  auto configure = [&](EVP_PKEY_CTX* c) {
    if (oaep) {
      EVP_PKEY_CTX_set_rsa_padding(c, RSA_PKCS1_OAEP_PADDING);
      EVP_PKEY_CTX_set_rsa_oaep_md(c, EVP_sha256());
      EVP_PKEY_CTX_set_rsa_mgf1_md(c, EVP_sha256());
    } else {
      EVP_PKEY_CTX_set_rsa_padding(c, pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING);
      EVP_PKEY_CTX_set_signature_md(c, EVP_sha256());
      if (pss) EVP_PKEY_CTX_set_rsa_pss_saltlen(c, RSA_PSS_SALTLEN_DIGEST);
    }
  };
  // A signature / ciphertext to verify / decrypt, made by a separate context.
  Bytes blob(static_cast<std::size_t>(bits / 8));
  std::size_t blob_len = blob.size();
  const Bytes message(32, 0x61);
  {
    EVP_PKEY_CTX* c = EVP_PKEY_CTX_new(pkey, nullptr);
    if (oaep) {
      EVP_PKEY_encrypt_init(c);
      configure(c);
      EVP_PKEY_encrypt(c, blob.data(), &blob_len, message.data(), message.size());
    } else {
      EVP_PKEY_sign_init(c);
      configure(c);
      EVP_PKEY_sign(c, blob.data(), &blob_len, digest.data(), digest.size());
    }
    EVP_PKEY_CTX_free(c);
  }
  switch (op) {
    case Op::sign_pss: case Op::sign_pkcs1: EVP_PKEY_sign_init(ctx); break;
    case Op::verify_pss: case Op::verify_pkcs1: EVP_PKEY_verify_init(ctx); break;
    case Op::encrypt_oaep: EVP_PKEY_encrypt_init(ctx); break;
    case Op::decrypt_oaep: EVP_PKEY_decrypt_init(ctx); break;
  }
  configure(ctx);
  Bytes out(static_cast<std::size_t>(bits / 8));
  for (auto _ : state) {
    std::size_t len = out.size();
    int rc = 0;
    switch (op) {
      case Op::sign_pss: case Op::sign_pkcs1:
        rc = EVP_PKEY_sign(ctx, out.data(), &len, digest.data(), digest.size()); break;
      case Op::verify_pss: case Op::verify_pkcs1:
        rc = EVP_PKEY_verify(ctx, blob.data(), blob_len, digest.data(), digest.size()); break;
      case Op::encrypt_oaep:
        rc = EVP_PKEY_encrypt(ctx, out.data(), &len, message.data(), message.size()); break;
      case Op::decrypt_oaep:
        rc = EVP_PKEY_decrypt(ctx, out.data(), &len, blob.data(), blob_len); break;
    }
    if (rc != 1) state.SkipWithError("OpenSSL operation failed");
    benchmark::ClobberMemory();
  }
  EVP_PKEY_CTX_free(ctx);
}
#endif

void register_one(int bits, const char* what, Op op) {
  const std::string name = "rsa" + std::to_string(bits) + "/" + what;
  benchmark::RegisterBenchmark(("glasstls/" + name).c_str(), bm_glasstls, bits, op);
#if GLASSTLS_HAVE_OPENSSL
  benchmark::RegisterBenchmark(("openssl/" + name).c_str(), bm_openssl, bits, op);
#endif
}

}  // namespace

void register_rsa_benchmarks() {
  for (int bits : {2048, 3072, 4096}) {
    register_one(bits, "sign_pss", Op::sign_pss);
    register_one(bits, "verify_pss", Op::verify_pss);
  }
  register_one(2048, "sign_pkcs1", Op::sign_pkcs1);
  register_one(2048, "verify_pkcs1", Op::verify_pkcs1);
  register_one(2048, "encrypt_oaep", Op::encrypt_oaep);
  register_one(2048, "decrypt_oaep", Op::decrypt_oaep);
}

}  // namespace glasstls::bench
