// Constant-time checks for RSA (portable arithmetic): the private-key operation with every secret
// of the key marked (CRT exponentiations with a secret exponent and a secret-derived base,
// Montgomery reduction of secrets mod p and q, CRT recombination, unblinding, the fault check),
// PKCS#1 v1.5 and PSS signing, and OAEP decryption end to end, valid and invalid. Uses RFC 8448's
// 1024-bit key (§2) so valgrind stays quick: a handful of operations.
#include <cstdint>

#include "ct_harness.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/crypto/rsa.hpp"

using namespace glasstls;
using glasstls::cttest::declassify;
using glasstls::cttest::secret;

namespace {

crypto::RsaPrivateKeyParts rfc8448_parts() {
  auto h = [](const char* s) { return hex_decode_lenient(s).value(); };
  crypto::RsaPrivateKeyParts k;
  // RFC 8448 §2, the server's RSA key (values as printed there).
  k.n = h("b4bb498f8279303d980836399b36c6988c0c68de55e1bdb826d3901a2461eafd2de49a91d015abbc9a95137ace6c1af19eaa6af98c7ced43120998e187a80ee0ccb0524b1b018c3e0b63264d449a6d38e22a5fda430846748030530ef0461c8ca9d9efbfae8ea6d1d03e2bd193eff0ab9a8002c47428a6d35a8d88d79f7f1e3f");
  k.e = h("010001");
  k.d = h("04dea705d43a6ea7209dd8072111a83c81e322a59278b33480641eaf7c0a6985b8e31c44f6de62e1b4c2309f6126e77b7c41e923314bbfa3881305dc1217f16c819ce538e922f369828d0e57195d8c8488460207b2faa726bcf708bbd7db7f679f893492fc2a622e08970aac441ce4e0c3088df25ae679233df8a3bda2ff9941");
  k.p = h("e435fb7cc83737756dacea96ab7f59a2cc1069db7deb190e17e33a532b273f30a327aa0aaabc58cd67466af9845fadc675fe094af92c4bd1f2c1bc33dd2e0515");
  k.q = h("cabd3bc0e0438664c8d4cc9f99977a94d9bbfead8e43870abae3f7eb8b4e0eee8af1d9b4719ba6196cf2cbbaeeebf8b3490afe9e9ffa74a88aa51fc645629303");
  k.dp = h("3f57345c27fe1b687e6e761627b78b1b826433dd760fa0bea6a6acf39490aa1b47cda4869d68f584dd5b5029bd32093b8258661fe715025e5d70a45a08d3d319");
  k.dq = h("183da01363bd2f2885cacbdc9964bf4764f1517636f86401286f71893c52ccfe40a6c23d0d086b47c6fb10d8fd1041e04def7e9a40ce957c417794e10412d139");
  k.qinv = h("839ca9a085e4286b2c90e466997a2c681f21339aa3477814e4dec11833050ed50dd13cc038048a43c59b2acc416889c037665fe5afa605969f8c01dfa5ca969d");
  return k;
}

crypto::RsaPolicy policy_1024() {
  crypto::RsaPolicy p;
  p.min_modulus_bits = 1024;
  return p;
}

void mark_secret(const void* p, std::size_t n) { secret(p, n); }

crypto::RsaPrivateKey secret_key() {
  auto key = std::move(crypto::RsaPrivateKey::from_parts(rfc8448_parts()).value());
  crypto::detail::visit_rsa_secrets_for_testing(key, &mark_secret);
  return key;
}

}  // namespace

GLASSTLS_CT_CHECK(rsa_private_op_crt_with_secret_key) {
  auto key = secret_key();
  crypto::DeterministicRandom rng(1);
  Bytes input(128, 0x42);  // a public input below n (0x42... < 0xb4...)
  auto out = crypto::rsa_private_op(key, input, rng);
  bool ok = out.ok();
  declassify(ok);
  if (!ok) return cttest::fail("rsa_private_op_crt_with_secret_key", "private op failed");
  declassify(out->data(), out->size());  // a signature is public
}

GLASSTLS_CT_CHECK(rsa_pkcs1_and_pss_sign_with_secret_key) {
  auto key = secret_key();
  crypto::DeterministicRandom rng(2);
  auto a = crypto::rsa_pkcs1_sign(key, crypto::HashAlg::sha256, as_bytes("m"), rng, policy_1024());
  auto b = crypto::rsa_pss_sign(key, crypto::HashAlg::sha256, as_bytes("m"), rng, policy_1024());
  bool ok = a.ok() && b.ok();
  declassify(ok);
  if (!ok) return cttest::fail("rsa_pkcs1_and_pss_sign_with_secret_key", "sign failed");
  declassify(a->data(), a->size());
  declassify(b->data(), b->size());
}

GLASSTLS_CT_CHECK(rsa_oaep_decrypt_valid_and_invalid) {
  auto key = secret_key();
  crypto::DeterministicRandom rng(3);
  const Bytes pt = {1, 2, 3, 4, 5};
  auto c = crypto::rsa_oaep_encrypt(key.public_key(), pt, rng, {}, crypto::HashAlg::sha256, policy_1024());
  if (!c.ok()) return cttest::fail("rsa_oaep_decrypt_valid_and_invalid", "encrypt failed");
  // Valid: the verdict, then the plaintext (and its length), are released.
  auto p = crypto::rsa_oaep_decrypt(key, *c, rng, {}, crypto::HashAlg::sha256, policy_1024());
  bool ok = p.ok();
  declassify(ok);
  if (!ok) return cttest::fail("rsa_oaep_decrypt_valid_and_invalid", "valid ciphertext refused");
  declassify(p->data(), p->size());
  if (*p != pt) cttest::fail("rsa_oaep_decrypt_valid_and_invalid", "wrong plaintext");
  // Invalid (a different label, so lHash mismatches): only the verdict leaves.
  auto q = crypto::rsa_oaep_decrypt(key, *c, rng, as_bytes("other label"), crypto::HashAlg::sha256,
                                    policy_1024());
  bool bad = !q.ok();
  declassify(bad);
  if (!bad) cttest::fail("rsa_oaep_decrypt_valid_and_invalid", "wrong label accepted");
}
