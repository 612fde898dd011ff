// The AEAD wrapper: length and buffer checks, the one constant-time tag comparison, and the
// wipe-on-failure rule, done here once for every implementation (RFC 5116 §2.2: decryption
// returns either the plaintext or FAIL, never both).
#include "glasstls/crypto/aead.hpp"

#include <cassert>
#include <cstring>
#include <functional>

#include "glasstls/core/ct.hpp"

namespace glasstls::crypto {

std::size_t aead_key_size(AeadAlg alg) noexcept {
  switch (alg) {
    case AeadAlg::aes_128_gcm: return 16;
    case AeadAlg::aes_256_gcm: return 32;
    case AeadAlg::chacha20_poly1305: return 32;
  }
  return 0;
}

std::string_view aead_name(AeadAlg alg) noexcept {
  switch (alg) {
    case AeadAlg::aes_128_gcm: return "AES-128-GCM";
    case AeadAlg::aes_256_gcm: return "AES-256-GCM";
    case AeadAlg::chacha20_poly1305: return "ChaCha20-Poly1305";
  }
  return "?";
}

std::uint64_t aead_max_plaintext(AeadAlg alg) noexcept {
  switch (alg) {
    case AeadAlg::aes_128_gcm:
    case AeadAlg::aes_256_gcm:
      // SP 800-38D §5.2.1.1: len(P) <= 2^39 - 256 bits, i.e. 2^32 - 2 blocks of 16 bytes (the
      // 32-bit counter starts at 2 for the first plaintext block).
      return (std::uint64_t{1} << 36) - 32;
    case AeadAlg::chacha20_poly1305:
      // RFC 8439 §2.8: P_MAX = 274,877,906,880 bytes (the 32-bit block counter starts at 1).
      return (std::uint64_t{1} << 38) - 64;
  }
  return 0;
}

std::string_view to_string(AeadStatus s) noexcept {
  switch (s) {
    case AeadStatus::ok: return "ok";
    case AeadStatus::bad_key_length: return "key has the wrong length for this algorithm";
    case AeadStatus::bad_output_length: return "output buffer has the wrong length";
    case AeadStatus::overlapping_buffers:
      return "output overlaps input without being exactly in place";
    case AeadStatus::message_too_long: return "message longer than one nonce may protect";
    case AeadStatus::authentication_failed: return "authentication failed (tag mismatch)";
  }
  return "?";
}

std::span<const AeadImplementation> aead_implementations(AeadAlg alg) {
  return alg == AeadAlg::chacha20_poly1305 ? chacha20_poly1305_implementations()
                                           : aes_gcm_implementations();
}

const AeadImplementation& aead_default(AeadAlg alg) {
  static const AeadImplementation& gcm = choose_default(aes_gcm_implementations());
  static const AeadImplementation& chacha = choose_default(chacha20_poly1305_implementations());
  return alg == AeadAlg::chacha20_poly1305 ? chacha : gcm;
}

const AeadImplementation* aead_implementation(AeadAlg alg, std::string_view name) {
  return find_implementation(aead_implementations(alg), name);
}

Result<Aead, AeadStatus> Aead::create(AeadAlg alg, ByteView key) {
  return create(alg, key, aead_default(alg));
}

Result<Aead, AeadStatus> Aead::create(AeadAlg alg, ByteView key, const AeadImplementation& impl) {
  if (key.size() != aead_key_size(alg)) return Err(AeadStatus::bad_key_length);
  Aead a(alg, impl);
  impl.ops.init(a.state_.data(), key.data(), key.size());
  return a;
}

Aead::Aead(Aead&& other) noexcept : alg_(other.alg_), impl_(other.impl_), state_(other.state_) {
  ct::secure_wipe(other.state_.data(), other.state_.size());
}

Aead& Aead::operator=(Aead&& other) noexcept {
  if (this != &other) {
    alg_ = other.alg_;
    impl_ = other.impl_;
    state_ = other.state_;
    ct::secure_wipe(other.state_.data(), other.state_.size());
  }
  return *this;
}

Aead::~Aead() { ct::secure_wipe(state_.data(), state_.size()); }

namespace {

// "Exactly in place or disjoint" (the addresses are public, so comparing them is fine).
bool in_place_or_disjoint(const std::uint8_t* in, std::size_t in_len, const std::uint8_t* out,
                          std::size_t out_len) {
  if (in == out || in_len == 0 || out_len == 0) return true;
  const std::less<const std::uint8_t*> lt;
  return !lt(in, out + out_len) || !lt(out, in + in_len);
}

}  // namespace

AeadStatus Aead::seal_detached(Nonce nonce, ByteView aad, ByteView plaintext, MutableByteView out,
                               Tag tag) const noexcept {
  if (out.size() != plaintext.size()) return AeadStatus::bad_output_length;
  if (plaintext.size() > aead_max_plaintext(alg_)) return AeadStatus::message_too_long;
  if (!in_place_or_disjoint(plaintext.data(), plaintext.size(), out.data(), out.size()) ||
      !in_place_or_disjoint(plaintext.data(), plaintext.size(), tag.data(), tag.size()))
    return AeadStatus::overlapping_buffers;
  impl_->ops.seal(state_.data(), nonce.data(), aad.data(), aad.size(), plaintext.data(),
                  plaintext.size(), out.data(), tag.data());
  return AeadStatus::ok;
}

AeadStatus Aead::seal(Nonce nonce, ByteView aad, ByteView plaintext,
                      MutableByteView out) const noexcept {
  if (out.size() != plaintext.size() + kAeadTagSize) return AeadStatus::bad_output_length;
  // The tag goes right after the ciphertext; in place means out starts where plaintext does.
  return seal_detached(nonce, aad, plaintext, out.first(plaintext.size()),
                       out.subspan(plaintext.size()).first<kAeadTagSize>());
}

AeadStatus Aead::open_detached(Nonce nonce, ByteView aad, ByteView ciphertext,
                               std::span<const std::uint8_t, kAeadTagSize> tag,
                               MutableByteView out) const noexcept {
  if (out.size() != ciphertext.size()) return AeadStatus::bad_output_length;
  if (ciphertext.size() > aead_max_plaintext(alg_)) return AeadStatus::message_too_long;
  if (!in_place_or_disjoint(ciphertext.data(), ciphertext.size(), out.data(), out.size()))
    return AeadStatus::overlapping_buffers;
  // Copy the received tag first: with in-place decryption of a combined buffer the caller's tag
  // bytes sit right after the ciphertext and must not be read after plaintext is written.
  std::array<std::uint8_t, kAeadTagSize> received;
  std::memcpy(received.data(), tag.data(), kAeadTagSize);
  std::array<std::uint8_t, kAeadTagSize> expected;
  impl_->ops.open(state_.data(), nonce.data(), aad.data(), aad.size(), ciphertext.data(),
                  ciphertext.size(), out.data(), expected.data());
  // One constant-time comparison; the verdict is public, the tags are not.
  const std::uint64_t match = ct::declassify_value(ct::memory_equal_mask(expected, received));
  ct::secure_wipe(expected.data(), expected.size());
  if (match == 0) {
    ct::secure_wipe(out.data(), out.size());  // no unauthenticated plaintext is left behind
    return AeadStatus::authentication_failed;
  }
  return AeadStatus::ok;
}

AeadStatus Aead::open(Nonce nonce, ByteView aad, ByteView in, MutableByteView out) const noexcept {
  if (in.size() < kAeadTagSize) return AeadStatus::authentication_failed;
  const std::size_t len = in.size() - kAeadTagSize;
  return open_detached(nonce, aad, in.first(len), in.subspan(len).first<kAeadTagSize>(), out);
}

}  // namespace glasstls::crypto
