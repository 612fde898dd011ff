// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2 with EMSA-PKCS1-v1_5, §9.2), and the helpers every RSA scheme
// shares: policy checks, DigestInfo prefixes, MGF1.
#include <array>

#include "crypto/rsa_internal.hpp"

namespace glasstls::crypto {

namespace detail {

ByteView digest_info_prefix(HashAlg hash) noexcept {
  // RFC 8017 §9.2 note 1: the DER encoding T of DigestInfo is this prefix followed by H.
  static constexpr std::array<std::uint8_t, 15> kSha1 = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                                          0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
  static constexpr std::array<std::uint8_t, 19> kSha256 = {
      0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
      0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
  static constexpr std::array<std::uint8_t, 19> kSha384 = {
      0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
      0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
  static constexpr std::array<std::uint8_t, 19> kSha512 = {
      0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
      0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};
  switch (hash) {
    case HashAlg::sha1: return kSha1;
    case HashAlg::sha256: return kSha256;
    case HashAlg::sha384: return kSha384;
    case HashAlg::sha512: return kSha512;
  }
  return {};
}

std::optional<RsaError> check_policy(const RsaPublicKey& key, const RsaPolicy& policy) {
  if (key.modulus_bits() < policy.min_modulus_bits) return RsaError::key_too_small;
  if (key.modulus_bits() > policy.max_modulus_bits) return RsaError::key_too_large;
  return std::nullopt;
}

std::optional<RsaError> check_hash(HashAlg hash, const RsaPolicy& policy) {
  if (hash == HashAlg::sha1 && !policy.allow_sha1) return RsaError::hash_not_allowed;
  return std::nullopt;
}

void mgf1_xor(HashAlg hash, ByteView seed, MutableByteView out) {
  // RFC 8017 §B.2.1: T = Hash(seed || C(0)) || Hash(seed || C(1)) || ..., C a 4-byte counter.
  std::size_t done = 0;
  for (std::uint32_t counter = 0; done < out.size(); ++counter) {
    const std::array<std::uint8_t, 4> c = {
        static_cast<std::uint8_t>(counter >> 24), static_cast<std::uint8_t>(counter >> 16),
        static_cast<std::uint8_t>(counter >> 8), static_cast<std::uint8_t>(counter)};
    Hash h(hash);
    h.update(seed);
    h.update(c);
    const Digest d = h.finish();
    for (std::size_t i = 0; i < d.size && done < out.size(); ++i) out[done++] ^= d.bytes[i];
  }
}

}  // namespace detail

namespace {

// EMSA-PKCS1-v1_5 (RFC 8017 §9.2): EM = 0x00 || 0x01 || PS (0xff, at least 8) || 0x00 || T.
std::optional<Bytes> emsa_pkcs1_encode(HashAlg hash, ByteView digest, std::size_t k) {
  const ByteView prefix = detail::digest_info_prefix(hash);
  const std::size_t t_len = prefix.size() + digest.size();
  if (k < t_len + 11) return std::nullopt;  // §9.2 step 4: "intended encoded message length too short"
  Bytes em(k, 0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[k - t_len - 1] = 0x00;
  std::copy(prefix.begin(), prefix.end(), em.begin() + static_cast<std::ptrdiff_t>(k - t_len));
  std::copy(digest.begin(), digest.end(), em.end() - static_cast<std::ptrdiff_t>(digest.size()));
  return em;
}

}  // namespace

Result<Bytes, RsaError> rsa_pkcs1_sign_digest(const RsaPrivateKey& key, HashAlg hash,
                                              ByteView digest, RandomSource& rng,
                                              const RsaPolicy& policy) {
  if (auto e = detail::check_policy(key.public_key(), policy)) return Err(*e);
  if (auto e = detail::check_hash(hash, policy)) return Err(*e);
  if (digest.size() != digest_size(hash)) return Err(RsaError::message_too_long);
  auto em = emsa_pkcs1_encode(hash, digest, key.public_key().modulus_bytes());
  if (!em) return Err(RsaError::message_too_long);
  return rsa_private_op(key, *em, rng);  // §8.2.1 step 2: RSASP1
}

Result<Bytes, RsaError> rsa_pkcs1_sign(const RsaPrivateKey& key, HashAlg hash, ByteView message,
                                       RandomSource& rng, const RsaPolicy& policy) {
  const Digest d = Hash::hash(hash, message);
  return rsa_pkcs1_sign_digest(key, hash, d.view(), rng, policy);
}

Result<Unit, RsaError> rsa_pkcs1_verify_digest(const RsaPublicKey& key, HashAlg hash,
                                               ByteView digest, ByteView signature,
                                               const RsaPolicy& policy) {
  if (auto e = detail::check_policy(key, policy)) return Err(*e);
  if (auto e = detail::check_hash(hash, policy)) return Err(*e);
  const std::size_t k = key.modulus_bytes();
  // §8.2.2 step 1: the signature is exactly k bytes.
  if (signature.size() != k || digest.size() != digest_size(hash))
    return Err(RsaError::invalid_signature);
  auto em = rsa_public_op(key, signature);  // step 2: RSAVP1 (fails when s >= n)
  if (!em.ok()) return Err(RsaError::invalid_signature);
  // Step 3: re-encode what we expect and compare the whole block — never parse the received EM
  // (parsing invites Bleichenbacher's 2006 e = 3 forgery and its relatives).
  auto expected = emsa_pkcs1_encode(hash, digest, k);
  if (!expected || !ct::memory_equal(*expected, *em)) return Err(RsaError::invalid_signature);
  return Unit{};
}

Result<Unit, RsaError> rsa_pkcs1_verify(const RsaPublicKey& key, HashAlg hash, ByteView message,
                                        ByteView signature, const RsaPolicy& policy) {
  const Digest d = Hash::hash(hash, message);
  return rsa_pkcs1_verify_digest(key, hash, d.view(), signature, policy);
}

}  // namespace glasstls::crypto
