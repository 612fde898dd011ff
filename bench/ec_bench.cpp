// P-256 and P-384 benchmarks, each glasstls/... with an openssl/... twin doing the same work:
//
//   */pXXX/keygen           a fresh key pair: a random scalar and its public point [d]G.
//                           ours: EcPrivateKey::generate(curve, system_random()) (getrandom(2),
//                           rejection sampling, fixed-base [d]G, affine encoding);
//                           openssl: EVP_PKEY_keygen on a context set up once for the group
//                           (OpenSSL's DRBG, then [d]G; the default provider runs no pairwise
//                           test).
//   */pXXX/ecdh             derive only, from a fixed private key and a peer point that was
//                           decoded and validated before the loop.
//                           ours: ecdh(key, const EcPublicKey&) — [d]Q, affine x;
//                           openssl: per iteration EVP_PKEY_derive_init, then
//                           EVP_PKEY_derive_set_peer_ex(ctx, peer, 0) (validate_peer = 0: no
//                           public-key check), then EVP_PKEY_derive — [d]Q, affine x.
//   */pXXX/ecdh_from_bytes  what a TLS key share costs: the peer's 04‖X‖Y bytes in, the secret out.
//                           ours: ecdh(key, bytes) — decode, range and curve-equation checks, [d]Q;
//                           openssl: EVP_PKEY_fromdata of the same bytes (EC_POINT_oct2point makes
//                           the same range and on-curve checks), then the ecdh twin above.
//   */pXXX/ecdsa_sign       a fixed 64-byte message, hashed with SHA-256 (P-256) / SHA-384 (P-384)
//                           inside, DER out. ours: ecdsa_sign (RFC 6979 nonce: a few HMACs);
//                           openssl: EVP_DigestSignInit + EVP_DigestSign per iteration (random
//                           nonce; the init is needed each time, since EVP_DigestSign finalises
//                           the digest state).
//   */pXXX/ecdsa_verify     the same message and signature. ours: ecdsa_verify (DER parse, hash,
//                           verify); openssl: EVP_DigestVerifyInit + EVP_DigestVerify.
//
// Keys are fixed: RFC 6979 §A.2.5/§A.2.6's signing keys and RFC 5903 §8.1/§8.2's ECDH pairs.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "bench.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/crypto/random.hpp"

#if GLASSTLS_HAVE_OPENSSL
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#endif

namespace glasstls::bench {
namespace {

using crypto::EcCurve;
using crypto::HashAlg;

struct CurveSetup {
  const char* sign_key;  // RFC 6979 §A.2.5 / §A.2.6, x
  const char* ecdh_key;  // RFC 5903 §8.1 / §8.2, i
  const char* peer_x;    // RFC 5903 §8.1 / §8.2, g^r = (grx, gry)
  const char* peer_y;
  HashAlg hash;
  const char* openssl_group;
};

const CurveSetup& setup(EcCurve curve) {
  // clang-format off
  static const CurveSetup p256{
      "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721",
      "C88F01F510D9AC3F70A292DAA2316DE544E9AAB8AFE84049C62A9C57862D1433",
      "D12DFB5289C8D4F81208B70270398C342296970A0BCCB74C736FC7554494BF63",
      "56FBF3CA366CC23E8157854C13C58D6AAC23F046ADA30F8353E74F33039872AB",
      HashAlg::sha256, "prime256v1"};
  static const CurveSetup p384{
      "6B9D3DAD2E1B8C1C05B19875B6659F4DE23C3B667BF297BA9AA47740787137D8"
      "96D5724E4C70A825F872C9EA60D2EDF5",
      "099F3C7034D4A2C699884D73A375A67F7624EF7C6B3C0F160647B67414DCE655"
      "E35B538041E649EE3FAEF896783AB194",
      "E558DBEF53EECDE3D3FCCFC1AEA08A89A987475D12FD950D83CFA41732BC509D"
      "0D1AC43A0336DEF96FDA41D0774A3571",
      "DCFBEC7AACF3196472169E838430367F66EEBE3C6E70C416DD5F0C68759DD1FF"
      "F83FA40142209DFF5EAAD96DB9E6386C",
      HashAlg::sha384, "secp384r1"};
  // clang-format on
  return curve == EcCurve::p256 ? p256 : p384;
}

Bytes h(const char* s) {
  return hex_decode_lenient(s).value();
}

crypto::EcPrivateKey private_key(EcCurve curve, const char* hex) {
  return crypto::EcPrivateKey::from_scalar(curve, h(hex)).value();
}
Bytes peer_point(EcCurve curve) {
  Bytes p{0x04};
  const Bytes x = h(setup(curve).peer_x), y = h(setup(curve).peer_y);
  p.insert(p.end(), x.begin(), x.end());
  p.insert(p.end(), y.begin(), y.end());
  return p;
}

// ---- glasstls --------------------------------------------------------------------------------

void bm_keygen(benchmark::State& state, EcCurve curve) {
  for (auto _ : state) {
    auto key = crypto::EcPrivateKey::generate(curve, crypto::system_random());
    benchmark::DoNotOptimize(key.public_key().uncompressed().data());
  }
}

void bm_ecdh(benchmark::State& state, EcCurve curve) {
  const auto key = private_key(curve, setup(curve).ecdh_key);
  const auto peer = crypto::EcPublicKey::from_uncompressed(curve, peer_point(curve)).value();
  for (auto _ : state) {
    auto s = crypto::ecdh(key, peer);
    if (!s.ok()) {
      state.SkipWithError("ecdh failed");
      break;
    }
    benchmark::DoNotOptimize(s->bytes);
  }
}

void bm_ecdh_from_bytes(benchmark::State& state, EcCurve curve) {
  const auto key = private_key(curve, setup(curve).ecdh_key);
  const Bytes peer = peer_point(curve);
  for (auto _ : state) {
    auto s = crypto::ecdh(key, peer);
    if (!s.ok()) {
      state.SkipWithError("ecdh failed");
      break;
    }
    benchmark::DoNotOptimize(s->bytes);
  }
}

void bm_sign(benchmark::State& state, EcCurve curve) {
  const auto key = private_key(curve, setup(curve).sign_key);
  const auto msg = input(64);
  for (auto _ : state) {
    Bytes sig = crypto::ecdsa_sign(key, setup(curve).hash, msg);
    benchmark::DoNotOptimize(sig.data());
  }
}

void bm_verify(benchmark::State& state, EcCurve curve) {
  const auto key = private_key(curve, setup(curve).sign_key);
  const auto msg = input(64);
  const Bytes sig = crypto::ecdsa_sign(key, setup(curve).hash, msg);
  for (auto _ : state) {
    bool ok = crypto::ecdsa_verify(key.public_key(), setup(curve).hash, msg, sig);
    benchmark::DoNotOptimize(ok);
    if (!ok) {
      state.SkipWithError("verify failed");
      break;
    }
  }
}

// ---- glasstls, the portable implementation (bench.hpp: ".../portable") -----------------------
// The API always runs ec_default() (the x86-64 assembly field unless GLASSTLS_PORTABLE=1), so
// these rebuild the same work from the portable implementation's EcOps:
//   keygen/portable        system_random() + public_point (the range check is left out: a random
//                          32- or 48-byte string is below n with probability > 1 − 2^-32);
//   ecdh/portable          shared_x with the validated peer — what ecdh(key, EcPublicKey) runs;
//   ecdsa_verify/portable  DER parse + hash + verify — what ecdsa_verify runs.
// (ecdsa_sign has no twin here: its RFC 6979 nonce derivation is not reachable through EcOps.)

const crypto::EcImplementation& portable() {
  return *crypto::ec_implementation("portable");
}

/// True (and the benchmark marked skipped) when the API already runs the portable code.
bool portable_is_default(benchmark::State& state) {
  if (&portable() != &crypto::ec_default()) return false;
  state.SkipWithError("the portable implementation is the default (GLASSTLS_PORTABLE=1)");
  return true;
}

void bm_keygen_portable(benchmark::State& state, EcCurve curve) {
  if (portable_is_default(state)) return;
  const std::size_t size = crypto::ec_scalar_size(curve);
  std::array<std::uint8_t, crypto::kEcMaxScalarSize> d{};
  std::array<std::uint8_t, 2 * crypto::kEcMaxScalarSize> xy{};
  for (auto _ : state) {
    crypto::system_random().fill(MutableByteView(d.data(), size));
    portable().ops.public_point(curve, xy.data(), d.data());
    benchmark::DoNotOptimize(xy);
  }
}

void bm_ecdh_portable(benchmark::State& state, EcCurve curve) {
  if (portable_is_default(state)) return;
  const Bytes d = h(setup(curve).ecdh_key);
  const Bytes peer = peer_point(curve);
  std::array<std::uint8_t, crypto::kEcMaxScalarSize> x{};
  for (auto _ : state) {
    if (!portable().ops.shared_x(curve, x.data(), d.data(), peer.data() + 1)) {
      state.SkipWithError("shared_x failed");
      break;
    }
    benchmark::DoNotOptimize(x);
  }
}

void bm_verify_portable(benchmark::State& state, EcCurve curve) {
  if (portable_is_default(state)) return;
  const auto key = private_key(curve, setup(curve).sign_key);
  const auto msg = input(64);
  const Bytes der = crypto::ecdsa_sign(key, setup(curve).hash, msg);
  const ByteView q_xy = key.public_key().uncompressed().subspan(1);
  for (auto _ : state) {
    auto sig = crypto::parse_ecdsa_signature_der(curve, der);
    const auto digest = crypto::Hash::hash(setup(curve).hash, msg);
    bool ok = sig.ok() && portable().ops.verify(curve, q_xy.data(), digest.view(), *sig);
    benchmark::DoNotOptimize(ok);
    if (!ok) {
      state.SkipWithError("verify failed");
      break;
    }
  }
}

// ---- OpenSSL ---------------------------------------------------------------------------------

#if GLASSTLS_HAVE_OPENSSL
const EVP_MD* evp_md(HashAlg hash) {
  return hash == HashAlg::sha256 ? EVP_sha256() : EVP_sha384();
}

/// An OpenSSL key from raw bytes: the group, the public point, and (when given) the scalar.
EVP_PKEY* openssl_key(EcCurve curve, ByteView point, const std::optional<Bytes>& scalar) {
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, setup(curve).openssl_group, 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  BIGNUM* d = nullptr;
  if (scalar) {
    d = BN_bin2bn(scalar->data(), static_cast<int>(scalar->size()), nullptr);
    OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d);
  }
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  EVP_PKEY* pkey = nullptr;
  if (EVP_PKEY_fromdata_init(ctx) != 1 ||
      EVP_PKEY_fromdata(ctx, &pkey, scalar ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) != 1)
    pkey = nullptr;
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  BN_clear_free(d);
  return pkey;
}

EVP_PKEY* openssl_private(EcCurve curve, const char* scalar_hex) {
  const auto ours = private_key(curve, scalar_hex);
  return openssl_key(curve, ours.public_key().uncompressed(), h(scalar_hex));
}

void bm_openssl_keygen(benchmark::State& state, EcCurve curve) {
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  if (EVP_PKEY_keygen_init(ctx) != 1 ||
      EVP_PKEY_CTX_set_group_name(ctx, setup(curve).openssl_group) != 1)
    state.SkipWithError("keygen setup failed");
  for (auto _ : state) {
    EVP_PKEY* key = nullptr;
    EVP_PKEY_keygen(ctx, &key);
    benchmark::DoNotOptimize(key);
    EVP_PKEY_free(key);
  }
  EVP_PKEY_CTX_free(ctx);
}

/// One derive with a prepared peer: init, set the peer without validating it, derive.
bool openssl_derive(EVP_PKEY_CTX* ctx, EVP_PKEY* peer, std::array<std::uint8_t, 48>& out) {
  std::size_t len = out.size();
  return EVP_PKEY_derive_init(ctx) == 1 && EVP_PKEY_derive_set_peer_ex(ctx, peer, 0) == 1 &&
         EVP_PKEY_derive(ctx, out.data(), &len) == 1;
}

void bm_openssl_ecdh(benchmark::State& state, EcCurve curve) {
  EVP_PKEY* key = openssl_private(curve, setup(curve).ecdh_key);
  EVP_PKEY* peer = openssl_key(curve, peer_point(curve), std::nullopt);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key, nullptr);
  for (auto _ : state) {
    std::array<std::uint8_t, 48> s{};
    if (!openssl_derive(ctx, peer, s)) {
      state.SkipWithError("derive failed");
      break;
    }
    benchmark::DoNotOptimize(s);
  }
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(peer);
  EVP_PKEY_free(key);
}

void bm_openssl_ecdh_from_bytes(benchmark::State& state, EcCurve curve) {
  EVP_PKEY* key = openssl_private(curve, setup(curve).ecdh_key);
  const Bytes peer_bytes = peer_point(curve);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key, nullptr);
  // The parameter list naming the group and the peer's bytes is built once; decoding them into a
  // key (EVP_PKEY_fromdata) is the per-iteration work.
  OSSL_PARAM_BLD* bld = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, setup(curve).openssl_group, 0);
  OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, peer_bytes.data(),
                                   peer_bytes.size());
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(bld);
  EVP_PKEY_CTX* decode = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  if (EVP_PKEY_fromdata_init(decode) != 1) state.SkipWithError("fromdata setup failed");
  for (auto _ : state) {
    EVP_PKEY* peer = nullptr;
    std::array<std::uint8_t, 48> s{};
    const bool ok = EVP_PKEY_fromdata(decode, &peer, EVP_PKEY_PUBLIC_KEY, params) == 1 &&
                    openssl_derive(ctx, peer, s);
    EVP_PKEY_free(peer);
    if (!ok) {
      state.SkipWithError("derive failed");
      break;
    }
    benchmark::DoNotOptimize(s);
  }
  EVP_PKEY_CTX_free(decode);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(bld);
  EVP_PKEY_CTX_free(ctx);
  EVP_PKEY_free(key);
}

void bm_openssl_sign(benchmark::State& state, EcCurve curve) {
  EVP_PKEY* key = openssl_private(curve, setup(curve).sign_key);
  const auto msg = input(64);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  for (auto _ : state) {
    std::array<std::uint8_t, 2 + 2 * (3 + crypto::kEcMaxScalarSize)> sig{};
    std::size_t len = sig.size();
    if (EVP_DigestSignInit(ctx, nullptr, evp_md(setup(curve).hash), nullptr, key) != 1 ||
        EVP_DigestSign(ctx, sig.data(), &len, msg.data(), msg.size()) != 1) {
      state.SkipWithError("sign failed");
      break;
    }
    benchmark::DoNotOptimize(sig);
  }
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
}

void bm_openssl_verify(benchmark::State& state, EcCurve curve) {
  const auto ours = private_key(curve, setup(curve).sign_key);
  const auto msg = input(64);
  const Bytes sig = crypto::ecdsa_sign(ours, setup(curve).hash, msg);
  EVP_PKEY* key = openssl_key(curve, ours.public_key().uncompressed(), std::nullopt);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  for (auto _ : state) {
    EVP_DigestVerifyInit(ctx, nullptr, evp_md(setup(curve).hash), nullptr, key);
    int ok = EVP_DigestVerify(ctx, sig.data(), sig.size(), msg.data(), msg.size());
    benchmark::DoNotOptimize(ok);
    if (ok != 1) {
      state.SkipWithError("verify failed");
      break;
    }
  }
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(key);
}
#endif

}  // namespace

void register_ec_benchmarks() {
  for (EcCurve curve : {EcCurve::p256, EcCurve::p384}) {
    const std::string c = curve == EcCurve::p256 ? "p256" : "p384";
    auto reg = [&](const std::string& side, const char* what,
                   void (*fn)(benchmark::State&, EcCurve)) {
      benchmark::RegisterBenchmark((side + "/" + c + "/" + what).c_str(), fn, curve);
    };
    reg("glasstls", "keygen", bm_keygen);
    reg("glasstls", "ecdh", bm_ecdh);
    reg("glasstls", "ecdh_from_bytes", bm_ecdh_from_bytes);
    reg("glasstls", "ecdsa_sign", bm_sign);
    reg("glasstls", "ecdsa_verify", bm_verify);
    reg("glasstls", "keygen/portable", bm_keygen_portable);
    reg("glasstls", "ecdh/portable", bm_ecdh_portable);
    reg("glasstls", "ecdsa_verify/portable", bm_verify_portable);
#if GLASSTLS_HAVE_OPENSSL
    reg("openssl", "keygen", bm_openssl_keygen);
    reg("openssl", "ecdh", bm_openssl_ecdh);
    reg("openssl", "ecdh_from_bytes", bm_openssl_ecdh_from_bytes);
    reg("openssl", "ecdsa_sign", bm_openssl_sign);
    reg("openssl", "ecdsa_verify", bm_openssl_verify);
#endif
  }
}

}  // namespace glasstls::bench
