// RSASSA-PSS (RFC 8017 §8.1) with EMSA-PSS (§9.1) and MGF1 (§B.2.1). TLS 1.3 signs
// CertificateVerify with it (RFC 8446 §4.2.3: salt length = digest length, MGF1 = the same hash).
#include <array>

#include "crypto/rsa_internal.hpp"

namespace glasstls::crypto {

namespace {

constexpr std::array<std::uint8_t, 8> kZeros{};

// H = Hash(M') with M' = (0x)00 00 00 00 00 00 00 00 || mHash || salt  (§9.1.1 steps 5-6).
Digest hash_m_prime(HashAlg hash, ByteView m_hash, ByteView salt) {
  Hash h(hash);
  h.update(kZeros);
  h.update(m_hash);
  h.update(salt);
  return h.finish();
}

// EMSA-PSS-ENCODE (§9.1.1) into an emLen-byte EM, emBits = modBits − 1.
Result<Bytes, RsaError> pss_encode(HashAlg hash, ByteView m_hash, ByteView salt,
                                   std::size_t mod_bits) {
  const std::size_t em_bits = mod_bits - 1;
  const std::size_t em_len = (em_bits + 7) / 8;
  const std::size_t h_len = digest_size(hash);
  if (em_len < h_len + salt.size() + 2) return Err(RsaError::message_too_long);  // step 3
  const Digest H = hash_m_prime(hash, m_hash, salt);
  // Steps 7-8: DB = PS (zeros) || 0x01 || salt, emLen − hLen − 1 bytes.
  const std::size_t db_len = em_len - h_len - 1;
  Bytes em(em_len, 0);
  em[db_len - salt.size() - 1] = 0x01;
  std::copy(salt.begin(), salt.end(), em.begin() + static_cast<std::ptrdiff_t>(db_len - salt.size()));
  // Steps 9-10: maskedDB = DB xor MGF1(H, db_len).
  detail::mgf1_xor(hash, H.view(), MutableByteView(em).first(db_len));
  // Step 11: clear the leftmost 8·emLen − emBits bits.
  em[0] &= static_cast<std::uint8_t>(0xff >> (8 * em_len - em_bits));
  // Step 12: EM = maskedDB || H || 0xbc.
  std::copy(H.view().begin(), H.view().end(), em.begin() + static_cast<std::ptrdiff_t>(db_len));
  em[em_len - 1] = 0xbc;
  return em;
}

// EMSA-PSS-VERIFY (§9.1.2). All inputs are public, so early returns are fine here.
bool pss_verify(HashAlg hash, HashAlg mgf_hash, ByteView m_hash, ByteView em_in,
                std::size_t salt_len, std::size_t mod_bits) {
  const std::size_t em_bits = mod_bits - 1;
  const std::size_t em_len = (em_bits + 7) / 8;
  const std::size_t h_len = digest_size(hash);
  // §8.1.2 step 2.c: EM = I2OSP(m, emLen); when emLen < k the extra leading byte must be zero.
  if (em_in.size() < em_len) return false;
  for (std::size_t i = 0; i + em_len < em_in.size(); ++i)
    if (em_in[i] != 0) return false;
  const ByteView em = em_in.subspan(em_in.size() - em_len);
  if (em_len < h_len + salt_len + 2) return false;     // step 3
  if (em[em_len - 1] != 0xbc) return false;            // step 4
  const std::size_t db_len = em_len - h_len - 1;       // step 5
  const ByteView H = em.subspan(db_len, h_len);
  const std::uint8_t top_mask = static_cast<std::uint8_t>(0xff >> (8 * em_len - em_bits));
  if ((em[0] & ~top_mask) != 0) return false;          // step 6: leftmost bits zero
  Bytes db(em.begin(), em.begin() + static_cast<std::ptrdiff_t>(db_len));
  detail::mgf1_xor(mgf_hash, H, db);                   // steps 7-8
  db[0] &= top_mask;                                   // step 9
  const std::size_t ps_len = db_len - salt_len - 1;    // step 10: zeros then 0x01
  for (std::size_t i = 0; i < ps_len; ++i)
    if (db[i] != 0) return false;
  if (db[ps_len] != 0x01) return false;
  const ByteView salt = ByteView(db).subspan(db_len - salt_len);  // step 11
  const Digest H2 = hash_m_prime(hash, m_hash, salt);              // steps 12-13
  return ct::memory_equal(H2.view(), H);                           // step 14
}

Result<Bytes, RsaError> sign_impl(const RsaPrivateKey& key, HashAlg hash, ByteView m_hash,
                                  ByteView salt, RandomSource& rng, const RsaPolicy& policy) {
  if (auto e = detail::check_policy(key.public_key(), policy)) return Err(*e);
  if (auto e = detail::check_hash(hash, policy)) return Err(*e);
  if (m_hash.size() != digest_size(hash)) return Err(RsaError::message_too_long);
  auto em = pss_encode(hash, m_hash, salt, key.modulus_bits());
  if (!em.ok()) return Err(em.error());
  // §8.1.1 step 2: m = OS2IP(EM), s = RSASP1(K, m) — EM may be one byte shorter than k.
  Bytes padded(key.public_key().modulus_bytes() - em->size(), 0);
  padded.insert(padded.end(), em->begin(), em->end());
  return rsa_private_op(key, padded, rng);
}

Result<Unit, RsaError> verify_impl(const RsaPublicKey& key, HashAlg hash, HashAlg mgf_hash,
                                   ByteView m_hash, std::size_t salt_len, ByteView signature,
                                   const RsaPolicy& policy) {
  if (auto e = detail::check_policy(key, policy)) return Err(*e);
  if (auto e = detail::check_hash(hash, policy)) return Err(*e);
  if (auto e = detail::check_hash(mgf_hash, policy)) return Err(*e);
  if (signature.size() != key.modulus_bytes()) return Err(RsaError::invalid_signature);  // §8.1.2 step 1
  auto em = rsa_public_op(key, signature);
  if (!em.ok()) return Err(RsaError::invalid_signature);
  if (!pss_verify(hash, mgf_hash, m_hash, *em, salt_len, key.modulus_bits()))
    return Err(RsaError::invalid_signature);
  return Unit{};
}

}  // namespace

Result<Bytes, RsaError> rsa_pss_sign_digest(const RsaPrivateKey& key, HashAlg hash,
                                            ByteView digest, RandomSource& rng,
                                            const RsaPolicy& policy) {
  std::array<std::uint8_t, kMaxDigestSize> salt{};
  const auto s = std::span(salt).first(digest_size(hash));
  rng.fill(s);
  return sign_impl(key, hash, digest, s, rng, policy);
}

Result<Bytes, RsaError> rsa_pss_sign(const RsaPrivateKey& key, HashAlg hash, ByteView message,
                                     RandomSource& rng, const RsaPolicy& policy) {
  const Digest d = Hash::hash(hash, message);
  return rsa_pss_sign_digest(key, hash, d.view(), rng, policy);
}

Result<Bytes, RsaError> rsa_pss_sign_with_salt(const RsaPrivateKey& key, HashAlg hash,
                                               ByteView message, ByteView salt, RandomSource& rng,
                                               const RsaPolicy& policy) {
  const Digest d = Hash::hash(hash, message);
  return sign_impl(key, hash, d.view(), salt, rng, policy);
}

Result<Unit, RsaError> rsa_pss_verify_digest(const RsaPublicKey& key, HashAlg hash,
                                             ByteView digest, ByteView signature,
                                             const RsaPolicy& policy) {
  if (digest.size() != digest_size(hash)) return Err(RsaError::invalid_signature);
  return verify_impl(key, hash, hash, digest, digest_size(hash), signature, policy);
}

Result<Unit, RsaError> rsa_pss_verify(const RsaPublicKey& key, HashAlg hash, ByteView message,
                                      ByteView signature, const RsaPolicy& policy) {
  const Digest d = Hash::hash(hash, message);
  return rsa_pss_verify_digest(key, hash, d.view(), signature, policy);
}

Result<Unit, RsaError> rsa_pss_verify(const RsaPublicKey& key, const RsaPssParams& params,
                                      ByteView message, ByteView signature,
                                      const RsaPolicy& policy) {
  const Digest d = Hash::hash(params.hash, message);
  return verify_impl(key, params.hash, params.mgf1_hash, d.view(), params.salt_length, signature,
                     policy);
}

}  // namespace glasstls::crypto
