// RSA (RFC 8017, PKCS #1 v2.2): keys in memory, key generation, and the three schemes TLS and
// X.509 need — RSASSA-PSS (TLS 1.3 CertificateVerify), RSASSA-PKCS1-v1_5 (certificate
// signatures) and RSAES-OAEP.
//
//     auto key = crypto::RsaPrivateKey::from_parts(parts).value();
//     auto sig = crypto::rsa_pss_sign(key, crypto::HashAlg::sha256, message, rng).value();
//     bool ok = crypto::rsa_pss_verify(key.public_key(), crypto::HashAlg::sha256, message, sig).ok();
//
// Private-key operations are constant time (Montgomery arithmetic, fixed-window exponentiation
// with masked table reads, CRT), blinded with a fresh random r per operation, and check their
// result with the public key before releasing anything (fault attacks). Public-key operations
// are variable time in the public exponent only. Nothing reads global settings: every function
// takes the RsaPolicy it should enforce.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/crypto/rsa_key.hpp"

namespace glasstls::crypto {

/// What the caller is willing to accept. Passed explicitly to every operation.
struct RsaPolicy {
  std::size_t min_modulus_bits = 2048;  // keys below this are refused (key_too_small)
  std::size_t max_modulus_bits = 8192;  // the arithmetic's limit; above is key_too_large
  bool allow_sha1 = false;              // SHA-1 signatures (legacy certificates only)
};

/// The arithmetic's hard limits (the policy narrows them).
inline constexpr std::size_t kRsaMinModulusBits = 1024;
inline constexpr std::size_t kRsaMaxModulusBits = 8192;

namespace detail {
struct RsaPublicState;
struct RsaPrivateState;
}  // namespace detail

/// An RSA public key (n, e), validated: n odd, 1024..8192 bits; e odd, 3 <= e < 2^32.
class RsaPublicKey {
 public:
  [[nodiscard]] static Result<RsaPublicKey, RsaError> from_parts(const RsaPublicKeyParts& parts);
  RsaPublicKeyParts to_parts() const;
  std::size_t modulus_bits() const noexcept;
  /// k in RFC 8017: the length in bytes of signatures and ciphertexts.
  std::size_t modulus_bytes() const noexcept;

  RsaPublicKey(const RsaPublicKey&);
  RsaPublicKey& operator=(const RsaPublicKey&);
  RsaPublicKey(RsaPublicKey&&) noexcept;
  RsaPublicKey& operator=(RsaPublicKey&&) noexcept;
  ~RsaPublicKey();

  const detail::RsaPublicState& state() const noexcept { return *state_; }

 private:
  explicit RsaPublicKey(std::unique_ptr<detail::RsaPublicState> s);
  std::unique_ptr<detail::RsaPublicState> state_;
};

/// An RSA private key in CRT form, validated (p·q = n, dP = d mod (p−1), dQ = d mod (q−1),
/// qInv·q ≡ 1 mod p, e·dP ≡ 1 mod (p−1), e·dQ ≡ 1 mod (q−1)). Secrets are wiped on destruction.
class RsaPrivateKey {
 public:
  [[nodiscard]] static Result<RsaPrivateKey, RsaError> from_parts(const RsaPrivateKeyParts& parts);
  /// From (n, e, d) only, as NIST CAVP files give keys: p and q are recovered with the
  /// probabilistic method of NIST SP 800-56B Rev. 2 Appendix C.2, then checked as above.
  [[nodiscard]] static Result<RsaPrivateKey, RsaError> from_n_e_d(ByteView n, ByteView e,
                                                                  ByteView d);
  /// A fresh key of `bits` (2048, 3072 or 4096) with e = 65537 (FIPS 186-5 §A.1.3-style probable
  /// primes: trial division, then Miller–Rabin). Deterministic for a DeterministicRandom.
  [[nodiscard]] static Result<RsaPrivateKey, RsaError> generate(std::size_t bits,
                                                                RandomSource& rng);

  RsaPrivateKeyParts to_parts() const;
  const RsaPublicKey& public_key() const noexcept { return *public_; }
  std::size_t modulus_bits() const noexcept { return public_->modulus_bits(); }

  RsaPrivateKey(RsaPrivateKey&&) noexcept;
  RsaPrivateKey& operator=(RsaPrivateKey&&) noexcept;
  ~RsaPrivateKey();

  const detail::RsaPrivateState& state() const noexcept { return *state_; }

 private:
  RsaPrivateKey(std::unique_ptr<detail::RsaPrivateState> s, std::unique_ptr<RsaPublicKey> pub);
  std::unique_ptr<detail::RsaPrivateState> state_;
  std::unique_ptr<RsaPublicKey> public_;
};

// ---- RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) -------------------------------------------------------

/// Signs H(message). `rng` supplies the blinding factor.
[[nodiscard]] Result<Bytes, RsaError> rsa_pkcs1_sign(const RsaPrivateKey& key, HashAlg hash,
                                                     ByteView message, RandomSource& rng,
                                                     const RsaPolicy& policy = {});
/// Signs a digest computed by the caller (digest.size() must be the hash's output size).
[[nodiscard]] Result<Bytes, RsaError> rsa_pkcs1_sign_digest(const RsaPrivateKey& key, HashAlg hash,
                                                            ByteView digest, RandomSource& rng,
                                                            const RsaPolicy& policy = {});
[[nodiscard]] Result<Unit, RsaError> rsa_pkcs1_verify(const RsaPublicKey& key, HashAlg hash,
                                                      ByteView message, ByteView signature,
                                                      const RsaPolicy& policy = {});
[[nodiscard]] Result<Unit, RsaError> rsa_pkcs1_verify_digest(const RsaPublicKey& key, HashAlg hash,
                                                             ByteView digest, ByteView signature,
                                                             const RsaPolicy& policy = {});

// ---- RSASSA-PSS (RFC 8017 §8.1, EMSA-PSS §9.1) -----------------------------------------------

/// Signs with MGF1 over the same hash and a random salt as long as the digest (RFC 8446 §4.2.3).
[[nodiscard]] Result<Bytes, RsaError> rsa_pss_sign(const RsaPrivateKey& key, HashAlg hash,
                                                   ByteView message, RandomSource& rng,
                                                   const RsaPolicy& policy = {});
/// Signs a precomputed digest (mHash), salt from `rng`, salt length = digest length.
[[nodiscard]] Result<Bytes, RsaError> rsa_pss_sign_digest(const RsaPrivateKey& key, HashAlg hash,
                                                          ByteView digest, RandomSource& rng,
                                                          const RsaPolicy& policy = {});
/// Signs with a caller-chosen salt (known-answer tests; any length that fits).
[[nodiscard]] Result<Bytes, RsaError> rsa_pss_sign_with_salt(const RsaPrivateKey& key,
                                                             HashAlg hash, ByteView message,
                                                             ByteView salt, RandomSource& rng,
                                                             const RsaPolicy& policy = {});
/// Verifies with MGF1 over the same hash and salt length = digest length (TLS 1.3).
[[nodiscard]] Result<Unit, RsaError> rsa_pss_verify(const RsaPublicKey& key, HashAlg hash,
                                                    ByteView message, ByteView signature,
                                                    const RsaPolicy& policy = {});
[[nodiscard]] Result<Unit, RsaError> rsa_pss_verify_digest(const RsaPublicKey& key, HashAlg hash,
                                                           ByteView digest, ByteView signature,
                                                           const RsaPolicy& policy = {});
/// Verifies under explicit RFC 4055 parameters (hash, MGF1 hash, exact salt length).
[[nodiscard]] Result<Unit, RsaError> rsa_pss_verify(const RsaPublicKey& key,
                                                    const RsaPssParams& params, ByteView message,
                                                    ByteView signature,
                                                    const RsaPolicy& policy = {});

// ---- RSAES-OAEP (RFC 8017 §7.1), MGF1, SHA-256 by default ------------------------------------

[[nodiscard]] Result<Bytes, RsaError> rsa_oaep_encrypt(const RsaPublicKey& key, ByteView plaintext,
                                                       RandomSource& rng, ByteView label = {},
                                                       HashAlg hash = HashAlg::sha256,
                                                       const RsaPolicy& policy = {});
/// Every failure is the same RsaError::decryption_failed, decided once at the end (Manger 2001;
/// Kario's Marvin attack, 2023): the decoding runs in constant time.
[[nodiscard]] Result<Bytes, RsaError> rsa_oaep_decrypt(const RsaPrivateKey& key,
                                                       ByteView ciphertext, RandomSource& rng,
                                                       ByteView label = {},
                                                       HashAlg hash = HashAlg::sha256,
                                                       const RsaPolicy& policy = {});

// ---- Raw primitives (RFC 8017 §5.2) ----------------------------------------------------------

/// RSAVP1 / RSAEP: s^e mod n. `input` is modulus_bytes() long and < n, else message_too_long.
[[nodiscard]] Result<Bytes, RsaError> rsa_public_op(const RsaPublicKey& key, ByteView input);
/// RSASP1 / RSADP: m^d mod n with CRT, blinding and the fault check.
[[nodiscard]] Result<Bytes, RsaError> rsa_private_op(const RsaPrivateKey& key, ByteView input,
                                                     RandomSource& rng);

namespace detail {
/// TEST-ONLY hooks (global, not thread-safe). They act only in a library built with
/// GLASSTLS_TEST_HOOKS (on when the tests are built; `-DGLASSTLS_BUILD_TESTS=OFF` turns them off,
/// and then setting them does nothing). rsa_test_hooks_active() says which.
/// The fault hook may corrupt the CRT half m1 = c^dP mod p (little-endian limbs) to simulate a
/// Bellcore-style fault; the blinding observer sees each blinded input r^e·m mod n (big-endian).
using RsaFaultHook = void (*)(std::span<std::uint64_t> m1_limbs);
using RsaBlindingObserver = void (*)(ByteView blinded_input);
bool rsa_test_hooks_active() noexcept;
void set_rsa_fault_hook_for_testing(RsaFaultHook hook) noexcept;
void set_rsa_blinding_observer_for_testing(RsaBlindingObserver observer) noexcept;
/// TEST-ONLY: calls fn(pointer, bytes) on every buffer of the key that holds a secret (d, p, q,
/// dP, dQ, qInv and the Montgomery constants of p and q), so the valgrind constant-time harness
/// can mark them secret.
void visit_rsa_secrets_for_testing(const RsaPrivateKey& key, void (*fn)(const void*, std::size_t));
}  // namespace detail

}  // namespace glasstls::crypto
