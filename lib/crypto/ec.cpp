// P-256 / P-384 keys and ECDH: the public face of ec_group.hpp.
#include "glasstls/crypto/ec.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "ec_backend.hpp"

namespace glasstls::crypto {
namespace {

// Validation and range checks need no speed: they always use the portable arithmetic.
template <class Fn>
decltype(auto) with_portable_group(EcCurve curve, Fn&& fn) {
  return ec::Backend<false>::with_group(curve, std::forward<Fn>(fn));
}

}  // namespace

std::string_view ec_curve_name(EcCurve curve) noexcept {
  return curve == EcCurve::p256 ? "P-256" : "P-384";
}
std::size_t ec_scalar_size(EcCurve curve) noexcept { return curve == EcCurve::p256 ? 32 : 48; }
std::size_t ec_point_size(EcCurve curve) noexcept { return 1 + 2 * ec_scalar_size(curve); }

std::string_view ec_error_message(EcError error) noexcept {
  switch (error) {
    case EcError::wrong_length:
      return "the point or scalar has the wrong length for the curve";
    case EcError::not_uncompressed:
      return "the point is not in uncompressed form (first byte 04), the only form TLS 1.3 "
             "allows (RFC 8446 §4.2.8.2)";
    case EcError::point_at_infinity:
      return "the point is the point at infinity, which is not a valid public key";
    case EcError::coordinate_out_of_range:
      return "a coordinate of the point is not less than the field prime p";
    case EcError::not_on_curve:
      return "the point does not satisfy the curve equation y^2 = x^3 - 3x + b";
    case EcError::scalar_out_of_range:
      return "the private scalar is not in [1, n-1]";
    case EcError::shared_secret_at_infinity:
      return "the ECDH result is the point at infinity";
    case EcError::signature_malformed:
      return "the signature is not a strict DER Ecdsa-Sig-Value (RFC 3279 §2.2.3)";
    case EcError::signature_out_of_range:
      return "the signature's r or s is not in [1, n-1]";
  }
  return "unknown EC error";
}

Result<EcPublicKey, EcError> EcPublicKey::from_uncompressed(EcCurve curve, ByteView point) {
  if (point.size() == 1 && point[0] == 0x00) return Err(EcError::point_at_infinity);
  if (point.size() != ec_point_size(curve)) {
    if (!point.empty() && (point[0] == 0x02 || point[0] == 0x03) &&
        point.size() == 1 + ec_scalar_size(curve))
      return Err(EcError::not_uncompressed);
    return Err(EcError::wrong_length);
  }
  if (point[0] != 0x04) return Err(EcError::not_uncompressed);
  const auto check = with_portable_group(curve, [&](auto group) -> std::optional<EcError> {
    using G = decltype(group);
    typename G::Affine a;
    bool too_big = false;
    if (G::decode_xy(point.data() + 1, a, too_big)) return std::nullopt;
    return too_big ? EcError::coordinate_out_of_range : EcError::not_on_curve;
  });
  if (check) return Err(*check);
  EcPublicKey key;
  key.curve_ = curve;
  key.size_ = point.size();
  std::copy(point.begin(), point.end(), key.bytes_.begin());
  return key;
}

EcPrivateKey::~EcPrivateKey() { ct::secure_wipe(std::span(d_)); }

Result<EcPrivateKey, EcError> EcPrivateKey::from_scalar(EcCurve curve, ByteView d) {
  const std::size_t size = ec_scalar_size(curve);
  if (d.size() != size) return Err(EcError::wrong_length);
  EcPrivateKey key;
  const bool ok = with_portable_group(curve, [&](auto group) {
    using G = decltype(group);
    const auto limbs = G::F::from_bytes(d.data());
    // 1 <= d <= n-1, checked in constant time; only the verdict is revealed.
    const std::uint64_t in_range = G::S::less_than_modulus(limbs) & ~G::S::is_zero(limbs);
    return ct::declassify_value(in_range) != 0;
  });
  if (ok) {
    key.public_key_.bytes_[0] = 0x04;
    ec_default().ops.public_point(curve, key.public_key_.bytes_.data() + 1, d.data());
    // The public key is public: tell the constant-time checker so.
    ct::declassify(key.public_key_.bytes_.data(), 1 + 2 * size);
  }
  if (!ok) return Err(EcError::scalar_out_of_range);
  std::copy(d.begin(), d.end(), key.d_.begin());
  key.public_key_.curve_ = curve;
  key.public_key_.size_ = 1 + 2 * size;
  return key;
}

EcPrivateKey EcPrivateKey::generate(EcCurve curve, RandomSource& rng) {
  // FIPS 186-5 §A.2.2 (rejection sampling): draw a candidate of the order's bit length and retry
  // until it lies in [1, n-1]. For P-256 a retry has probability about 2^-32, for P-384 2^-190;
  // 64 failures in a row mean the random source is broken.
  std::array<std::uint8_t, kEcMaxScalarSize> candidate{};
  const std::size_t size = ec_scalar_size(curve);
  for (int attempt = 0; attempt < 64; ++attempt) {
    rng.fill(MutableByteView(candidate.data(), size));
    auto key = from_scalar(curve, ByteView(candidate.data(), size));
    if (key) {
      ct::secure_wipe(std::span(candidate));
      return std::move(*key);
    }
  }
  std::abort();
}

EcSharedSecret::~EcSharedSecret() { ct::secure_wipe(std::span(bytes)); }

Result<EcSharedSecret, EcError> ecdh(const EcPrivateKey& key, ByteView peer_uncompressed) {
  auto peer = EcPublicKey::from_uncompressed(key.curve(), peer_uncompressed);
  if (!peer) return Err(peer.error());
  return ecdh(key, *peer);
}

Result<EcSharedSecret, EcError> ecdh(const EcPrivateKey& key, const EcPublicKey& peer) {
  if (peer.curve() != key.curve()) return Err(EcError::wrong_length);
  EcSharedSecret out;
  out.size = ec_scalar_size(key.curve());
  // With a valid scalar and a validated point of prime order the result is never infinity; the
  // check is cheap insurance, and its verdict is the only thing revealed.
  const bool ok = ec_default().ops.shared_x(key.curve(), out.bytes.data(), key.scalar().data(),
                                            peer.uncompressed().data() + 1);
  if (!ok) return Err(EcError::shared_secret_at_infinity);
  return out;
}

}  // namespace glasstls::crypto
