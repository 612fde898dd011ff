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
#include "ec_dispatch.hpp"

namespace glasstls::crypto {
namespace {

using Scalar = std::array<std::uint8_t, kEcMaxScalarSize>;

/// bits2int (RFC 6979 §2.3.2) for an order of exactly 8·size bits: the leftmost `size` bytes of
/// a longer string, or a shorter string as a number (left-padded with zeros). This is also
/// FIPS 186-5's truncation of the hash to the order's length.
Scalar bits2int(ByteView bits, std::size_t size) {
  Scalar out{};
  if (bits.size() >= size) {
    std::copy_n(bits.begin(), size, out.begin());
  } else {
    std::copy(bits.begin(), bits.end(), out.begin() + static_cast<std::ptrdiff_t>(size - bits.size()));
  }
  return out;
}

/// x − n when x ≥ n, else x; x < 2n (true of hash values, and of x-coordinates, for both curves).
template <class G>
typename G::Fe reduce_mod_order(const typename G::Fe& x) {
  typename G::Fe diff{};
  std::uint64_t borrow = 0;
  for (std::size_t i = 0; i < G::N; ++i) {
    const ec::u128 t = static_cast<ec::u128>(x[i]) - G::Curve::ScalarMod::m[i] - borrow;
    diff[i] = static_cast<std::uint64_t>(t);
    borrow = static_cast<std::uint64_t>(t >> 64) & 1;
  }
  return G::F::select(ct::mask_from_bit(borrow), x, diff);
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
  G::F::to_bytes(out.data(), reduce_mod_order<G>(G::F::from_bytes(z1.data())));
  return out;
}

/// FIPS 186-5 §6.4.1 steps 3–11 with a given nonce. Constant time in d, k and e; reveals only
/// whether k was in range and whether r or s came out 0.
template <class G>
std::optional<EcdsaSignature> sign_with_nonce(ByteView d_bytes, ByteView digest, ByteView k_bytes) {
  using S = typename G::S;
  using F = typename G::F;
  const auto k = F::from_bytes(k_bytes.data());
  const std::uint64_t k_ok = S::less_than_modulus(k) & ~S::is_zero(k);
  if (ct::declassify_value(k_ok) == 0) return std::nullopt;

  // R = [k]G, r = x(R) mod n.
  std::uint64_t inf = 0;
  const auto a = G::to_affine(G::mul_base_ct(k_bytes.data()), inf);
  const auto r = reduce_mod_order<G>(F::from_montgomery(a.x));
  EcdsaSignature sig;
  sig.size = G::kBytes;
  F::to_bytes(sig.r.data(), r);
  ct::declassify(sig.r.data(), sig.size);  // r is part of the signature
  if (std::all_of(sig.r.begin(), sig.r.begin() + static_cast<std::ptrdiff_t>(sig.size),
                  [](std::uint8_t b) { return b == 0; }))
    return std::nullopt;

  // s = k⁻¹·(e + r·d) mod n, in Montgomery form throughout; k⁻¹ = k^(n−2), whose running time
  // does not depend on k's value or length (the Minerva attacks exploited inversions that did).
  const Scalar e_bytes = bits2int(digest, G::kBytes);
  const auto e = reduce_mod_order<G>(F::from_bytes(e_bytes.data()));
  const auto d = F::from_bytes(d_bytes.data());
  const auto k_inv = S::invert(S::to_montgomery(k));
  const auto sum = S::add(S::to_montgomery(e), S::mul(S::to_montgomery(r), S::to_montgomery(d)));
  auto s = S::from_montgomery(S::mul(k_inv, sum));
  F::to_bytes(sig.s.data(), s);
  ct::declassify(sig.s.data(), sig.size);
  if (std::all_of(sig.s.begin(), sig.s.begin() + static_cast<std::ptrdiff_t>(sig.size),
                  [](std::uint8_t b) { return b == 0; }))
    return std::nullopt;
  return sig;
}

/// FIPS 186-5 §6.4.2 steps 3–9 for a validated public point; r and s already in [1, n−1].
template <class G>
bool verify(const EcPublicKey& key, ByteView digest, const EcdsaSignature& sig) {
  using S = typename G::S;
  using F = typename G::F;
  typename G::Affine q;
  bool too_big = false;
  if (!G::decode_xy(key.uncompressed().data() + 1, q, too_big)) return false;

  const auto r = F::from_bytes(sig.r.data());
  const auto s = F::from_bytes(sig.s.data());
  const Scalar e_bytes = bits2int(digest, G::kBytes);
  const auto e = reduce_mod_order<G>(F::from_bytes(e_bytes.data()));

  const auto w = S::invert(S::to_montgomery(s));
  const auto u1 = S::from_montgomery(S::mul(S::to_montgomery(e), w));
  const auto u2 = S::from_montgomery(S::mul(S::to_montgomery(r), w));
  std::uint8_t u1_bytes[G::kBytes], u2_bytes[G::kBytes];
  F::to_bytes(u1_bytes, u1);
  F::to_bytes(u2_bytes, u2);
  const auto R = G::mul_double_vartime(u1_bytes, G::from_affine(q), u2_bytes);
  if (F::is_zero(R.z)) return false;  // R = ∞

  // x(R) mod n = r, checked without an inversion: x(R) = X/Z lies in [0, p), so x(R) mod n = r
  // means x(R) = r or x(R) = r + n (possible only when r + n < p). Compare X with r·Z and (r+n)·Z.
  if (F::equal(R.x, F::mul(F::to_montgomery(r), R.z))) return true;
  typename G::Fe r_plus_n{};
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < G::N; ++i) {
    const ec::u128 t = static_cast<ec::u128>(r[i]) + G::Curve::ScalarMod::m[i] + carry;
    r_plus_n[i] = static_cast<std::uint64_t>(t);
    carry = static_cast<std::uint64_t>(t >> 64);
  }
  if (carry != 0 || F::less_than_modulus(r_plus_n) == 0) return false;
  return F::equal(R.x, F::mul(F::to_montgomery(r_plus_n), R.z)) != 0;
}

/// 1 <= v <= n−1 for a big-endian scalar of the curve's size (public data).
bool scalar_in_range(EcCurve curve, ByteView v) {
  return ec::with_group(curve, [&](auto group) {
    using G = decltype(group);
    const auto limbs = G::F::from_bytes(v.data());
    return (G::S::less_than_modulus(limbs) & ~G::S::is_zero(limbs)) != 0;
  });
}

}  // namespace

namespace detail {

std::array<std::uint8_t, kEcMaxScalarSize> rfc6979_nonce(const EcPrivateKey& key, HashAlg hash,
                                                         ByteView digest) {
  return ec::with_group(key.curve(), [&](auto group) {
    using G = decltype(group);
    Scalar h1 = bits2octets<G>(digest);
    NonceGenerator gen(hash, key.scalar(), ByteView(h1.data(), G::kBytes), G::kBytes);
    for (int attempt = 0; attempt < 64; ++attempt) {
      Scalar k = gen.next();
      const auto limbs = G::F::from_bytes(k.data());
      if (ct::declassify_value(G::S::less_than_modulus(limbs) & ~G::S::is_zero(limbs)) != 0)
        return k;
    }
    std::abort();  // 64 rejections in a row: probability below 2^-2000
  });
}

std::optional<EcdsaSignature> ecdsa_sign_digest_with_nonce(const EcPrivateKey& key,
                                                           ByteView digest, ByteView k) {
  if (k.size() != ec_scalar_size(key.curve())) return std::nullopt;
  return ec::with_group(key.curve(), [&](auto group) {
    return sign_with_nonce<decltype(group)>(key.scalar(), digest, k);
  });
}

}  // namespace detail

EcdsaSignature ecdsa_sign_digest(const EcPrivateKey& key, HashAlg hash, ByteView digest) {
  return ec::with_group(key.curve(), [&](auto group) {
    using G = decltype(group);
    Scalar h1 = bits2octets<G>(digest);
    NonceGenerator gen(hash, key.scalar(), ByteView(h1.data(), G::kBytes), G::kBytes);
    // Each rejected candidate (k out of range, or r or s zero) moves the generator on (step h.3).
    for (int attempt = 0; attempt < 64; ++attempt) {
      Scalar k = gen.next();
      auto sig = sign_with_nonce<G>(key.scalar(), digest, ByteView(k.data(), G::kBytes));
      ct::secure_wipe(std::span(k));
      if (sig) return *sig;
    }
    std::abort();
  });
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
  return ec::with_group(key.curve(), [&](auto group) {
    return verify<decltype(group)>(key, digest, signature);
  });
}

bool ecdsa_verify(const EcPublicKey& key, HashAlg hash, ByteView message, ByteView der_signature) {
  auto sig = parse_ecdsa_signature_der(key.curve(), der_signature);
  if (!sig) return false;
  const Digest digest = Hash::hash(hash, message);
  return ecdsa_verify_digest(key, digest.view(), *sig);
}

}  // namespace glasstls::crypto
