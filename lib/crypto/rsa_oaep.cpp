// RSAES-OAEP (RFC 8017 §7.1) with MGF1. Decryption is constant time from the private-key
// operation to the single verdict: Manger (CRYPTO 2001) showed that telling "Y != 0" apart from
// other failures decrypts; Kario's Marvin attack (2023) showed that timing alone is enough. So
// every check below produces a mask, the masks are combined, and only the combined verdict —
// then, after it, the plaintext length — is revealed.
#include <array>

#include "crypto/rsa_internal.hpp"

namespace glasstls::crypto {

Result<Bytes, RsaError> rsa_oaep_encrypt(const RsaPublicKey& key, ByteView plaintext,
                                         RandomSource& rng, ByteView label, HashAlg hash,
                                         const RsaPolicy& policy) {
  if (auto e = detail::check_policy(key, policy)) return Err(*e);
  if (auto e = detail::check_hash(hash, policy)) return Err(*e);
  const std::size_t k = key.modulus_bytes();
  const std::size_t h_len = digest_size(hash);
  // §7.1.1 step 1.b: mLen <= k − 2hLen − 2.
  if (k < 2 * h_len + 2 || plaintext.size() > k - 2 * h_len - 2)
    return Err(RsaError::message_too_long);
  // Step 2: EM = 0x00 || maskedSeed || maskedDB, DB = lHash || PS || 0x01 || M.
  Bytes em(k, 0);
  const MutableByteView seed = MutableByteView(em).subspan(1, h_len);
  const MutableByteView db = MutableByteView(em).subspan(1 + h_len);
  const Digest l_hash = Hash::hash(hash, label);
  std::copy(l_hash.view().begin(), l_hash.view().end(), db.begin());
  db[db.size() - plaintext.size() - 1] = 0x01;
  std::copy(plaintext.begin(), plaintext.end(),
            db.end() - static_cast<std::ptrdiff_t>(plaintext.size()));
  rng.fill(seed);
  detail::mgf1_xor(hash, seed, db);  // maskedDB = DB xor MGF(seed)
  detail::mgf1_xor(hash, db, seed);  // maskedSeed = seed xor MGF(maskedDB)
  auto c = rsa_public_op(key, em);   // §7.1.1 step 3: RSAEP
  ct::secure_wipe(em.data(), em.size());
  return c;
}

Result<Bytes, RsaError> rsa_oaep_decrypt(const RsaPrivateKey& key, ByteView ciphertext,
                                         RandomSource& rng, ByteView label, HashAlg hash,
                                         const RsaPolicy& policy) {
  if (auto e = detail::check_policy(key.public_key(), policy)) return Err(*e);
  if (auto e = detail::check_hash(hash, policy)) return Err(*e);
  const std::size_t k = key.public_key().modulus_bytes();
  const std::size_t h_len = digest_size(hash);
  // §7.1.2 step 1: public length checks.
  if (ciphertext.size() != k || k < 2 * h_len + 2) return Err(RsaError::decryption_failed);
  auto em_r = rsa_private_op(key, ciphertext, rng);  // step 2: RSADP (c >= n fails here, publicly)
  if (!em_r.ok()) return Err(RsaError::decryption_failed);
  Bytes& em = em_r.value();

  // Step 3: EM = Y || maskedSeed || maskedDB, unmasked in place.
  const MutableByteView seed = MutableByteView(em).subspan(1, h_len);
  const MutableByteView db = MutableByteView(em).subspan(1 + h_len);
  detail::mgf1_xor(hash, db, seed);
  detail::mgf1_xor(hash, seed, db);
  const Digest l_hash = Hash::hash(hash, label);

  std::uint64_t good = ct::is_zero(em[0]);                                   // Y = 0
  good &= ct::memory_equal_mask(l_hash.view(), ByteView(db).first(h_len));  // lHash' = lHash
  // DB = lHash' || PS (zeros) || 0x01 || M: find the first non-zero byte after lHash' by masks.
  std::uint64_t looking = ~std::uint64_t{0};  // still inside PS
  std::uint64_t msg_start = 0;
  for (std::size_t i = h_len; i < db.size(); ++i) {
    const std::uint64_t zero = ct::is_zero(db[i]);
    const std::uint64_t one = ct::equal(db[i], 1);
    msg_start = ct::select(looking & one, i + 1, msg_start);
    good &= ~(looking & ~zero & ~one);  // the first non-zero byte is not 0x01
    looking &= zero;
  }
  good &= ~looking;  // no 0x01 separator at all

  // The one public verdict; only after it is the plaintext length revealed.
  if (ct::declassify_value(good) == 0) {
    ct::secure_wipe(em.data(), em.size());
    return Err(RsaError::decryption_failed);
  }
  ct::declassify(&msg_start, sizeof msg_start);
  Bytes out(db.begin() + static_cast<std::ptrdiff_t>(msg_start), db.end());
  ct::secure_wipe(em.data(), em.size());
  return out;
}

}  // namespace glasstls::crypto
