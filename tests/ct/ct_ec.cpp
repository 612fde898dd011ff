// Constant-time checks for P-256 and P-384 (portable arithmetic): with the private scalar, the
// nonce and the message to sign marked secret, run
//   * EcPrivateKey::from_scalar (the range check 1 ≤ d ≤ n−1 and the fixed-base [d]G),
//   * EcPrivateKey::generate with a random source whose output is secret (rejection sampling),
//   * ecdh (the variable-base [d]Q and the conversion to affine x),
//   * ecdsa_sign (hash, RFC 6979 nonce, [k]G, k⁻¹, s = k⁻¹(e + r·d), DER encoding),
//   * detail::rfc6979_nonce and detail::ecdsa_sign_digest_with_nonce with a secret k,
//   * and every registered implementation's EcOps (public_point, shared_x, sign) directly, so the
//     x86-64 assembly field is checked too when GLASSTLS_PORTABLE=1 picks the portable one.
// Outputs (public keys, shared secrets, signatures) are declassified here before they are
// compared with the known answers of RFC 6979 §A.2.5/§A.2.6 and RFC 5903 §8.1/§8.2; verdicts the
// library reveals (scalar in range, r and s nonzero) must be declassified inside the library.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "crypto/ecdsa_internal.hpp"
#include "ct_harness.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/crypto/random.hpp"

using namespace glasstls;
using crypto::EcCurve;
using crypto::HashAlg;
using glasstls::cttest::declassify;
using glasstls::cttest::secret;

namespace {

Bytes h(std::string_view s) {
  return hex_decode_lenient(s).value();
}

// RFC 6979 §A.2.5 / §A.2.6: the private key x, its public Ux, and the SHA-256 signature (r, s)
// of "sample". RFC 5903 §8.1 / §8.2: the initiator's key i, the responder's public (grx, gry) and
// the shared x-coordinate girx.
struct Known {
  EcCurve curve;
  const char* x;
  const char* ux;
  const char* r_sample_sha256;
  const char* s_sample_sha256;
  const char* k_sample_sha256;
  const char* i;
  const char* grx;
  const char* gry;
  const char* girx;
};

// clang-format off
const Known kP256{
    EcCurve::p256,
    "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
    "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
    "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
    "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8",
    "A6E3C57DD01ABE90086538398355DD4C3B17AA873382B0F24D6129493D8AAD60",
    "C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433",
    "D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63",
    "56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB",
    "D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE"};

const Known kP384{
    EcCurve::p384,
    "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D8"
    "96D5724E4C70A825F872C9EA60D2EDF5",
    "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64"
    "DEF8F0EA9055866064A254515480BC13",
    "21B13D1E013C7FA1392D03C5F99AF8B30C570C6F98D4EA8E354B63A21D3DAA33"
    "BDE1E888E63355D92FA2B3C36D8FB2CD",
    "F3AA443FB107745BF4BD77CB3891674632068A10CA67E3D45DB2266FA7D1FEEB"
    "EFDC63ECCD1AC42EC0CB8668A4FA0AB0",
    "180AE9F9AEC5438A44BC159A1FCB277C7BE54FA20E7CF404B490650A8ACC414E"
    "375572342863C899F9F2EDF9747A9B60",
    "099F3C70 34D4A2C6 99884D73 A375A67F 7624EF7C 6B3C0F16 0647B674 14DCE655"
    "E35B5380 41E649EE 3FAEF896 783AB194",
    "E558DBEF 53EECDE3 D3FCCFC1 AEA08A89 A987475D 12FD950D 83CFA417 32BC509D"
    "0D1AC43A 0336DEF9 6FDA41D0 774A3571",
    "DCFBEC7A ACF31964 72169E83 8430367F 66EEBE3C 6E70C416 DD5F0C68 759DD1FF"
    "F83FA401 42209DFF 5EAAD96D B9E6386C",
    "11187331 C279962D 93D60424 3FD592CB 9D0A926F 422E4718 7521287E 7156C5C4"
    "D6031355 69B9E9D0 9CF5D4A2 70F59746"};
// clang-format on

bool same(ByteView a, ByteView b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

/// A private key whose scalar bytes are secret from the start: from_scalar runs on them.
crypto::EcPrivateKey secret_key(const char* check, EcCurve curve, const char* d_hex) {
  Bytes d = h(d_hex);
  secret(d.data(), d.size());
  auto key = crypto::EcPrivateKey::from_scalar(curve, d);
  bool ok = key.ok();
  declassify(ok);
  if (!ok) {
    cttest::fail(check, "from_scalar refused a valid scalar");
    Bytes one(crypto::ec_scalar_size(curve), 0);
    one.back() = 1;
    return crypto::EcPrivateKey::from_scalar(curve, one).value();
  }
  return *key;
}

void from_scalar_check(const char* check, const Known& k) {
  const auto key = secret_key(check, k.curve, k.x);
  const ByteView pub = key.public_key().uncompressed();
  declassify(pub.data(), pub.size());  // a public key is public
  if (!same(key.public_key().x(), h(k.ux))) cttest::fail(check, "wrong public key");
}

void ecdh_check(const char* check, const Known& k) {
  const auto key = secret_key(check, k.curve, k.i);
  Bytes peer{0x04};
  const Bytes grx = h(k.grx), gry = h(k.gry);
  peer.insert(peer.end(), grx.begin(), grx.end());
  peer.insert(peer.end(), gry.begin(), gry.end());
  auto shared = crypto::ecdh(key, peer);
  bool ok = shared.ok();
  declassify(ok);
  if (!ok) return cttest::fail(check, "ecdh refused a valid peer");
  declassify(shared->bytes.data(), shared->bytes.size());  // only to compare with the answer
  if (!same(shared->view(), h(k.girx))) cttest::fail(check, "wrong shared secret");
}

void sign_check(const char* check, const Known& k) {
  const auto key = secret_key(check, k.curve, k.x);
  std::array<std::uint8_t, 6> msg{'s', 'a', 'm', 'p', 'l', 'e'};
  secret(msg.data(), msg.size());
  Bytes der = crypto::ecdsa_sign(key, HashAlg::sha256, msg);
  declassify(der.data(), der.size());  // a signature is public
  auto sig = crypto::parse_ecdsa_signature_der(k.curve, der);
  if (!sig.ok()) return cttest::fail(check, "ecdsa_sign produced DER that does not parse");
  if (!same(sig->r_view(), h(k.r_sample_sha256)) || !same(sig->s_view(), h(k.s_sample_sha256)))
    cttest::fail(check, "wrong signature");
}

void nonce_check(const char* check, const Known& k) {
  const auto key = secret_key(check, k.curve, k.x);
  auto digest = crypto::Hash::hash(HashAlg::sha256, as_bytes("sample"));
  secret(digest.bytes.data(), digest.bytes.size());  // the hash of a secret message
  auto nonce = crypto::detail::rfc6979_nonce(key, HashAlg::sha256, digest.view());
  const std::size_t size = crypto::ec_scalar_size(k.curve);
  // Sign with that secret k.
  auto sig = crypto::detail::ecdsa_sign_digest_with_nonce(key, digest.view(),
                                                          ByteView(nonce.data(), size));
  bool ok = sig.has_value();
  declassify(ok);
  if (!ok) return cttest::fail(check, "signing with the RFC 6979 nonce failed");
  declassify(*sig);
  if (!same(sig->r_view(), h(k.r_sample_sha256)) || !same(sig->s_view(), h(k.s_sample_sha256)))
    cttest::fail(check, "wrong signature");
  declassify(nonce.data(), size);  // only to compare with the RFC's k
  if (!same(ByteView(nonce.data(), size), h(k.k_sample_sha256))) cttest::fail(check, "wrong k");
}

/// A random source whose output memcheck treats as secret.
class SecretRandom final : public crypto::RandomSource {
 public:
  explicit SecretRandom(std::uint64_t seed) : inner_(seed) {}
  void fill(MutableByteView out) override {
    inner_.fill(out);
    secret(out.data(), out.size());
  }

 private:
  crypto::DeterministicRandom inner_;
};

void generate_check(const char* check, EcCurve curve) {
  SecretRandom rng(0xEC);
  for (int i = 0; i < 2; ++i) {
    const auto key = crypto::EcPrivateKey::generate(curve, rng);
    const ByteView pub = key.public_key().uncompressed();
    declassify(pub.data(), pub.size());
    // The public key must be the point of the (still secret) scalar; from_scalar recomputes it.
    auto again = crypto::EcPrivateKey::from_scalar(curve, key.scalar());
    bool ok = again.ok();
    declassify(ok);
    if (!ok) return cttest::fail(check, "a generated scalar is out of range");
    const ByteView pub2 = again->public_key().uncompressed();
    declassify(pub2.data(), pub2.size());
    if (!same(pub, pub2)) cttest::fail(check, "generate and from_scalar disagree");
  }
}

/// One implementation's EcOps (the arithmetic under the API) with secret d, k and digest, so the
/// x86-64 assembly field is checked even when GLASSTLS_PORTABLE=1 makes the API use the portable
/// one.
void ops_check(const char* check, const crypto::EcImplementation& impl, const Known& k) {
  const std::size_t size = crypto::ec_scalar_size(k.curve);
  Bytes d = h(k.x);
  secret(d.data(), d.size());
  std::array<std::uint8_t, 2 * crypto::kEcMaxScalarSize> xy{};
  impl.ops.public_point(k.curve, xy.data(), d.data());
  declassify(xy.data(), xy.size());
  if (!same(ByteView(xy.data(), size), h(k.ux))) cttest::fail(check, "public_point: wrong key");

  Bytes i = h(k.i);
  secret(i.data(), i.size());
  const Bytes peer = [&] {
    Bytes p = h(k.grx);
    const Bytes y = h(k.gry);
    p.insert(p.end(), y.begin(), y.end());
    return p;
  }();
  std::array<std::uint8_t, crypto::kEcMaxScalarSize> x{};
  bool ok = impl.ops.shared_x(k.curve, x.data(), i.data(), peer.data());
  declassify(ok);
  declassify(x.data(), x.size());
  if (!ok || !same(ByteView(x.data(), size), h(k.girx))) cttest::fail(check, "shared_x: wrong");

  auto digest = crypto::Hash::hash(HashAlg::sha256, as_bytes("sample"));
  secret(digest.bytes.data(), digest.bytes.size());
  Bytes nonce = h(k.k_sample_sha256);
  secret(nonce.data(), nonce.size());
  crypto::EcdsaSignature sig;
  ok = impl.ops.sign(k.curve, sig, d.data(), digest.view(), nonce.data());
  declassify(ok);
  declassify(sig);
  if (!ok || !same(sig.r_view(), h(k.r_sample_sha256)) || !same(sig.s_view(), h(k.s_sample_sha256)))
    cttest::fail(check, "sign: wrong signature");
}

}  // namespace

GLASSTLS_CT_CHECK(ec_every_implementation_ops_secret_scalar_nonce_digest) {
  for (const auto& impl : crypto::ec_implementations()) {
    if (!impl.available()) continue;
    std::printf("    %.*s\n", static_cast<int>(impl.name.size()), impl.name.data());
    std::fflush(stdout);
    ops_check("ec_every_implementation_ops_secret_scalar_nonce_digest", impl, kP256);
    ops_check("ec_every_implementation_ops_secret_scalar_nonce_digest", impl, kP384);
  }
}

GLASSTLS_CT_CHECK(ec_p256_from_scalar_secret_scalar) {
  from_scalar_check("ec_p256_from_scalar_secret_scalar", kP256);
}
GLASSTLS_CT_CHECK(ec_p384_from_scalar_secret_scalar) {
  from_scalar_check("ec_p384_from_scalar_secret_scalar", kP384);
}
GLASSTLS_CT_CHECK(ec_p256_generate_secret_randomness) {
  generate_check("ec_p256_generate_secret_randomness", EcCurve::p256);
}
GLASSTLS_CT_CHECK(ec_p384_generate_secret_randomness) {
  generate_check("ec_p384_generate_secret_randomness", EcCurve::p384);
}
GLASSTLS_CT_CHECK(ec_p256_ecdh_secret_scalar) {
  ecdh_check("ec_p256_ecdh_secret_scalar", kP256);
}
GLASSTLS_CT_CHECK(ec_p384_ecdh_secret_scalar) {
  ecdh_check("ec_p384_ecdh_secret_scalar", kP384);
}
GLASSTLS_CT_CHECK(ec_p256_ecdsa_sign_secret_key_and_message) {
  sign_check("ec_p256_ecdsa_sign_secret_key_and_message", kP256);
}
GLASSTLS_CT_CHECK(ec_p384_ecdsa_sign_secret_key_and_message) {
  sign_check("ec_p384_ecdsa_sign_secret_key_and_message", kP384);
}
GLASSTLS_CT_CHECK(ec_p256_rfc6979_nonce_and_sign_with_secret_k) {
  nonce_check("ec_p256_rfc6979_nonce_and_sign_with_secret_k", kP256);
}
GLASSTLS_CT_CHECK(ec_p384_rfc6979_nonce_and_sign_with_secret_k) {
  nonce_check("ec_p384_rfc6979_nonce_and_sign_with_secret_k", kP384);
}
