// HMAC, RFC 2104 §2:
//     HMAC(K, text) = H(K ^ opad, H(K ^ ipad, text))
// where K is the key padded with zeros to the hash's block size B (a key longer than B is first
// replaced by H(K)), ipad is the byte 0x36 repeated B times and opad is 0x5c repeated B times.
#include "glasstls/crypto/hmac.hpp"

#include <algorithm>
#include <array>

#include "glasstls/core/ct.hpp"

namespace glasstls::crypto {

namespace {

Hash keyed_hash(HashAlg alg, ByteView padded_key, std::uint8_t pad_byte) {
  // RFC 2104 §2 steps (2)/(5): XOR the B-byte key with ipad or opad, and hash it first.
  std::array<std::uint8_t, kMaxBlockSize> block{};
  for (std::size_t i = 0; i < padded_key.size(); ++i) {
    block[i] = static_cast<std::uint8_t>(padded_key[i] ^ pad_byte);
  }
  Hash h(alg);
  h.update(ByteView(block.data(), padded_key.size()));
  ct::secure_wipe(block.data(), block.size());
  return h;
}

Hash make_keyed(HashAlg alg, ByteView key, std::uint8_t pad_byte) {
  const std::size_t b = block_size(alg);
  // RFC 2104 §2 step (1): append zeros to K to make a B-byte string; keys longer than B are
  // hashed first ("applications that use keys longer than B bytes will first hash the key").
  std::array<std::uint8_t, kMaxBlockSize> padded{};
  if (key.size() > b) {
    Digest hashed = Hash::hash(alg, key);
    std::copy_n(hashed.bytes.begin(), hashed.size, padded.begin());
  } else {
    std::copy(key.begin(), key.end(), padded.begin());
  }
  Hash h = keyed_hash(alg, ByteView(padded.data(), b), pad_byte);
  ct::secure_wipe(padded.data(), padded.size());
  return h;
}

}  // namespace

Hmac::Hmac(HashAlg alg, ByteView key)
    : keyed_inner_(make_keyed(alg, key, 0x36)),
      keyed_outer_(make_keyed(alg, key, 0x5c)),
      inner_(keyed_inner_) {}

void Hmac::update(ByteView data) {
  inner_.update(data);
}

Digest Hmac::finish() {
  // Steps (3)-(4): H(K ^ ipad || text) is the inner digest...
  const Digest inner_digest = inner_.finish();
  // ...steps (6)-(7): the tag is H(K ^ opad || inner digest).
  Hash outer = keyed_outer_;
  outer.update(inner_digest.view());
  inner_ = keyed_inner_;  // ready for the next message under the same key
  return outer.finish();
}

Digest hmac(HashAlg alg, ByteView key, ByteView data) {
  Hmac mac(alg, key);
  mac.update(data);
  return mac.finish();
}

bool hmac_verify(HashAlg alg, ByteView key, ByteView data, ByteView expected_tag) {
  const Digest tag = hmac(alg, key, data);
  // Lengths are public: a wrong-length tag is rejected at once; equal lengths compare in time
  // independent of the contents.
  if (expected_tag.size() != tag.size) {
    return false;
  }
  return ct::memory_equal(tag.view(), expected_tag);
}

}  // namespace glasstls::crypto
