// ECDSA (FIPS 186-5 §6.4) over P-256 and P-384 with RFC 6979 deterministic nonces.
//
// Signing (§6.4.1), with e the hash truncated to the order's bit length:
//     k from RFC 6979, R = [k]G, r = x(R) mod n, s = k⁻¹·(e + r·d) mod n, retry if r or s is 0.
// Verification (§6.4.2):
//     w = s⁻¹, u1 = e·w, u2 = r·w, R = [u1]G + [u2]Q, valid when R ≠ ∞ and x(R) mod n = r.
#include <algorithm>
#include <cstdlib>
#include <optional>

#include "ecdsa_internal.hpp"
#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/crypto/hmac.hpp"
#include "ec_backend.hpp"

namespace glasstls::crypto {
namespace {

using Scalar = std::array<std::uint8_t, kEcMaxScalarSize>;
using ec::bits2int;

template <class Fn>
decltype(auto) with_portable_group(EcCurve curve, Fn&& fn) {
  return ec::Backend<false>::with_group(curve, std::forward<Fn>(fn));
}

/// The RFC 6979 §3.2 HMAC-DRBG, steps b–h: each next() is one candidate k (the caller rejects
/// those outside [1, n−1] and asks again, which is step h.3).
class NonceGenerator {
 public:
  NonceGenerator(HashAlg hash, ByteView x, ByteView h1_octets, std::size_t size)
      : hash_(hash), size_(size), hlen_(digest_size(hash)) {
    v_.fill(0x01);                                       // b. V = 0x01 0x01 ... 0x01
    k_.fill(0x00);                                       // c. K = 0x00 0x00 ... 0x00
    for (std::uint8_t round : {std::uint8_t{0x00}, std::uint8_t{0x01}}) {
      Hmac mac(hash_, key());                            // d./f. K = HMAC_K(V ‖ round ‖ x ‖ h1)
      mac.update(v());
      mac.update(ByteView(&round, 1));
      mac.update(x);
      mac.update(h1_octets);
      set_key(mac.finish());
      set_v(hmac(hash_, key(), v()));                    // e./g. V = HMAC_K(V)
    }
  }
  NonceGenerator(const NonceGenerator&) = delete;
  NonceGenerator& operator=(const NonceGenerator&) = delete;
  ~NonceGenerator() {
    ct::secure_wipe(std::span(k_));
    ct::secure_wipe(std::span(v_));
  }

  /// Step h: the next candidate, big-endian, `size` bytes.
  Scalar next() {
    if (!first_) {                                       // h.3 K = HMAC_K(V ‖ 0x00), V = HMAC_K(V)
      Hmac mac(hash_, key());
      mac.update(v());
      const std::uint8_t zero = 0;
      mac.update(ByteView(&zero, 1));
      set_key(mac.finish());
      set_v(hmac(hash_, key(), v()));
    }
    first_ = false;
    std::array<std::uint8_t, kEcMaxScalarSize + kMaxDigestSize> t{};
    std::size_t tlen = 0;
    while (tlen < size_) {                               // h.2 T = T ‖ HMAC_K(V) until qlen bits
      set_v(hmac(hash_, key(), v()));
      std::copy_n(v_.begin(), hlen_, t.begin() + static_cast<std::ptrdiff_t>(tlen));
      tlen += hlen_;
    }
    Scalar k = bits2int(ByteView(t.data(), tlen), size_);  // h.3 k = bits2int(T)
    ct::secure_wipe(std::span(t));
    return k;
  }

 private:
  ByteView key() const { return ByteView(k_.data(), hlen_); }
  ByteView v() const { return ByteView(v_.data(), hlen_); }
  void set_key(const Digest& d) { std::copy_n(d.bytes.begin(), hlen_, k_.begin()); }
  void set_v(const Digest& d) { std::copy_n(d.bytes.begin(), hlen_, v_.begin()); }

  HashAlg hash_;
  std::size_t size_;
  std::size_t hlen_;
  bool first_ = true;
  std::array<std::uint8_t, kMaxDigestSize> k_{};
  std::array<std::uint8_t, kMaxDigestSize> v_{};
};

/// bits2octets(h1) (RFC 6979 §2.3.4): bits2int(h1) mod n, as `size` bytes.
template <class G>
Scalar bits2octets(ByteView h1) {
  const Scalar z1 = bits2int(h1, G::kBytes);
  Scalar out{};
  G::F::to_bytes(out.data(), ec::reduce_mod_order<G>(G::F::from_bytes(z1.data())));
  return out;
}

/// 1 <= k <= n−1 for a secret big-endian scalar of the curve's size, in constant time; only the
/// verdict is revealed.
bool scalar_in_range_ct(EcCurve curve, ByteView k) {
  return with_portable_group(curve, [&](auto group) {
    using G = decltype(group);
    const auto limbs = G::F::from_bytes(k.data());
    return ct::declassify_value(G::S::less_than_modulus(limbs) & ~G::S::is_zero(limbs)) != 0;
  });
}

/// Runs the RFC 6979 generator for (key, digest) and hands each candidate k to `try_k` until it
/// returns a value. 64 refusals in a row have probability below 2^-2000: a bug, so abort.
template <class TryK>
auto first_accepted_nonce(const EcPrivateKey& key, HashAlg hash, ByteView digest, TryK&& try_k) {
  return with_portable_group(key.curve(), [&](auto group) {
    using G = decltype(group);
    Scalar h1 = bits2octets<G>(digest);
    NonceGenerator gen(hash, key.scalar(), ByteView(h1.data(), G::kBytes), G::kBytes);
    for (int attempt = 0; attempt < 64; ++attempt) {
      Scalar k = gen.next();
      auto result = try_k(ByteView(k.data(), G::kBytes));
      ct::secure_wipe(std::span(k));
      if (result) return *result;
    }
    std::abort();
  });
}

/// Signs with nonce k (big-endian, the curve's size): nullopt when k is not in [1, n−1] or r or
/// s comes out 0. Only those verdicts are revealed.
std::optional<EcdsaSignature> sign_with_nonce(const EcPrivateKey& key, ByteView digest,
                                              ByteView k) {
  if (!scalar_in_range_ct(key.curve(), k)) return std::nullopt;
  EcdsaSignature sig;
  if (!ec_default().ops.sign(key.curve(), sig, key.scalar().data(), digest, k.data()))
    return std::nullopt;
  return sig;
}

/// 1 <= v <= n−1 for a big-endian scalar of the curve's size (public data).
bool scalar_in_range(EcCurve curve, ByteView v) {
  return with_portable_group(curve, [&](auto group) {
    using G = decltype(group);
    const auto limbs = G::F::from_bytes(v.data());
    return (G::S::less_than_modulus(limbs) & ~G::S::is_zero(limbs)) != 0;
  });
}

}  // namespace

namespace detail {

std::array<std::uint8_t, kEcMaxScalarSize> rfc6979_nonce(const EcPrivateKey& key, HashAlg hash,
                                                         ByteView digest) {
  return first_accepted_nonce(key, hash, digest, [&](ByteView k) -> std::optional<Scalar> {
    if (!scalar_in_range_ct(key.curve(), k)) return std::nullopt;
    Scalar out{};
    std::copy(k.begin(), k.end(), out.begin());
    return out;
  });
}

std::optional<EcdsaSignature> ecdsa_sign_digest_with_nonce(const EcPrivateKey& key,
                                                           ByteView digest, ByteView k) {
  if (k.size() != ec_scalar_size(key.curve())) return std::nullopt;
  return sign_with_nonce(key, digest, k);
}

}  // namespace detail

EcdsaSignature ecdsa_sign_digest(const EcPrivateKey& key, HashAlg hash, ByteView digest) {
  // Each refused candidate (k out of range, or r or s zero) moves the generator on (step h.3).
  return first_accepted_nonce(key, hash, digest,
                              [&](ByteView k) { return sign_with_nonce(key, digest, k); });
}

Bytes ecdsa_sign(const EcPrivateKey& key, HashAlg hash, ByteView message) {
  const Digest digest = Hash::hash(hash, message);
  return encode_ecdsa_signature_der(ecdsa_sign_digest(key, hash, digest.view()));
}

Result<EcdsaSignature, EcError> parse_ecdsa_signature_der(EcCurve curve, ByteView der) {
  asn1::Der reader(der);
  asn1::DerReader seq = reader.sequence("Ecdsa-Sig-Value");
  const ByteView r = seq.unsigned_integer("r");
  const ByteView s = seq.unsigned_integer("s");
  seq.finish();
  if (!reader.ok()) return Err(EcError::signature_malformed);
  const std::size_t size = ec_scalar_size(curve);
  if (r.size() > size || s.size() > size) return Err(EcError::signature_out_of_range);
  EcdsaSignature sig;
  sig.size = size;
  std::copy(r.begin(), r.end(), sig.r.begin() + static_cast<std::ptrdiff_t>(size - r.size()));
  std::copy(s.begin(), s.end(), sig.s.begin() + static_cast<std::ptrdiff_t>(size - s.size()));
  if (!scalar_in_range(curve, sig.r_view()) || !scalar_in_range(curve, sig.s_view()))
    return Err(EcError::signature_out_of_range);
  return sig;
}

Bytes encode_ecdsa_signature_der(const EcdsaSignature& signature) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& seq) {
    seq.unsigned_integer(signature.r_view());
    seq.unsigned_integer(signature.s_view());
  });
  return w.take();
}

bool ecdsa_verify_digest(const EcPublicKey& key, ByteView digest, const EcdsaSignature& signature) {
  if (signature.size != ec_scalar_size(key.curve())) return false;
  if (!scalar_in_range(key.curve(), signature.r_view()) ||
      !scalar_in_range(key.curve(), signature.s_view()))
    return false;
  return ec_default().ops.verify(key.curve(), key.uncompressed().data() + 1, digest, signature);
}

bool ecdsa_verify(const EcPublicKey& key, HashAlg hash, ByteView message, ByteView der_signature) {
  auto sig = parse_ecdsa_signature_der(key.curve(), der_signature);
  if (!sig) return false;
  const Digest digest = Hash::hash(hash, message);
  return ecdsa_verify_digest(key, digest.view(), *sig);
}

}  // namespace glasstls::crypto
