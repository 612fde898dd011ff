// Credentials and CertificateVerify signatures (RFC 8446 §4.4.2, §4.4.3, §4.2.3).
//
// The CertificateVerify message proves that the sender holds the private key of the leaf it just
// sent in Certificate:
//
//     struct {
//         SignatureScheme algorithm;
//         opaque signature<0..2^16-1>;
//     } CertificateVerify;                                   (§4.4.3)
//
// `signature` covers 64 spaces, a context string, a zero byte and the transcript hash (see
// certificate_verify_content in messages.hpp). This file holds the two halves:
//
//  * the verifier's rules (verify_certificate_verify): the scheme was offered, is allowed in
//    TLS 1.3 handshake signatures, fits the certificate's key, and the signature verifies;
//  * the signer's side (Credential): reading a chain and its key from PEM or DER, checking that
//    they belong together, and signing with one of the schemes the key can answer.
//
// Which scheme fits which key (§4.2.3):
//
//   certificate key                 scheme family        extra rule
//   RSA under rsaEncryption         rsa_pss_rsae_*       MGF1 = hash, salt length = hash length
//   RSA under id-RSASSA-PSS         rsa_pss_pss_*        the same; key parameters, if any, equal
//   EC P-256 / P-384                ecdsa_secp256r1_sha256 / ecdsa_secp384r1_sha384 (curve bound)
//   Ed25519                         ed25519              PureEdDSA
//   anything                        rsa_pkcs1_*, *_sha1  never in a CertificateVerify (§4.4.3)
#include "glasstls/tls/credentials.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <utility>
#include <variant>

#include "glasstls/asn1/pem.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/curve25519_key_io.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/crypto/rsa.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "glasstls/x509/certificate.hpp"

namespace glasstls::tls {

using AD = AlertDescription;
using Family = SignatureSchemeInfo::Family;
using crypto::EcCurve;
using crypto::HashAlg;

// ---- the scheme table ----------------------------------------------------------------------

namespace {

// §4.2.3 SignatureScheme, one row per codepoint glasstls can describe. rsa_pkcs1_* and the SHA-1
// schemes exist for certificate signatures only: "not defined for use in signed TLS handshake
// messages" (§4.2.3), "RSA signatures MUST use an RSASSA-PSS algorithm" and "The SHA-1 algorithm
// MUST NOT be used in any signatures of CertificateVerify messages" (§4.4.3).
// ecdsa_secp521r1_sha512 is described (its curve is not one glasstls implements, so no key can
// ever fit it); ed448 is not (Ed448 is not implemented and the Family enum has no entry for it).
constexpr std::array<SignatureSchemeInfo, 15> kSchemes{{
    {SignatureScheme::ecdsa_secp256r1_sha256, Family::ecdsa, HashAlg::sha256, EcCurve::p256, true},
    {SignatureScheme::ecdsa_secp384r1_sha384, Family::ecdsa, HashAlg::sha384, EcCurve::p384, true},
    {SignatureScheme::ecdsa_secp521r1_sha512, Family::ecdsa, HashAlg::sha512, std::nullopt, true},
    {SignatureScheme::ed25519, Family::ed25519, HashAlg::sha512, std::nullopt, true},
    {SignatureScheme::rsa_pss_rsae_sha256, Family::rsa_pss_rsae, HashAlg::sha256, std::nullopt,
     true},
    {SignatureScheme::rsa_pss_rsae_sha384, Family::rsa_pss_rsae, HashAlg::sha384, std::nullopt,
     true},
    {SignatureScheme::rsa_pss_rsae_sha512, Family::rsa_pss_rsae, HashAlg::sha512, std::nullopt,
     true},
    {SignatureScheme::rsa_pss_pss_sha256, Family::rsa_pss_pss, HashAlg::sha256, std::nullopt, true},
    {SignatureScheme::rsa_pss_pss_sha384, Family::rsa_pss_pss, HashAlg::sha384, std::nullopt, true},
    {SignatureScheme::rsa_pss_pss_sha512, Family::rsa_pss_pss, HashAlg::sha512, std::nullopt, true},
    {SignatureScheme::rsa_pkcs1_sha256, Family::rsa_pkcs1, HashAlg::sha256, std::nullopt, false},
    {SignatureScheme::rsa_pkcs1_sha384, Family::rsa_pkcs1, HashAlg::sha384, std::nullopt, false},
    {SignatureScheme::rsa_pkcs1_sha512, Family::rsa_pkcs1, HashAlg::sha512, std::nullopt, false},
    {SignatureScheme::rsa_pkcs1_sha1, Family::rsa_pkcs1, HashAlg::sha1, std::nullopt, false},
    {SignatureScheme::ecdsa_sha1, Family::ecdsa, HashAlg::sha1, std::nullopt, false},
}};

// The schemes glasstls verifies, best first: the mandatory ECDSA P-256 (§9.1), the other
// elliptic-curve schemes, then RSA-PSS (rsaEncryption keys are far more common than PSS keys).
constexpr std::array<SignatureScheme, 9> kSupported{
    SignatureScheme::ecdsa_secp256r1_sha256,
    SignatureScheme::ecdsa_secp384r1_sha384,
    SignatureScheme::ed25519,
    SignatureScheme::rsa_pss_rsae_sha256,
    SignatureScheme::rsa_pss_rsae_sha384,
    SignatureScheme::rsa_pss_rsae_sha512,
    SignatureScheme::rsa_pss_pss_sha256,
    SignatureScheme::rsa_pss_pss_sha384,
    SignatureScheme::rsa_pss_pss_sha512,
};

constexpr std::array<SignatureScheme, 3> kRsae{SignatureScheme::rsa_pss_rsae_sha256,
                                               SignatureScheme::rsa_pss_rsae_sha384,
                                               SignatureScheme::rsa_pss_rsae_sha512};
constexpr std::array<SignatureScheme, 3> kPss{SignatureScheme::rsa_pss_pss_sha256,
                                              SignatureScheme::rsa_pss_pss_sha384,
                                              SignatureScheme::rsa_pss_pss_sha512};

bool contains(std::span<const SignatureScheme> list, SignatureScheme s) noexcept {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// §4.2.3: "If the corresponding public key's parameters are present, then the parameters in the
// signature MUST be identical to those in the public key" — and a TLS 1.3 PSS signature always
// uses MGF1 over the scheme's hash and a salt as long as that hash.
bool pss_params_allow(const std::optional<crypto::RsaPssParams>& params, HashAlg hash) noexcept {
  if (!params) return true;
  return params->hash == hash && params->mgf1_hash == hash &&
         params->salt_length == crypto::digest_size(hash);
}

// RFC 8017 §9.1.1 step 3: EMSA-PSS needs emLen >= hLen + sLen + 2, with emLen = ceil((modBits -
// 1) / 8) and sLen = hLen here. A 1024-bit key, for one, cannot make a SHA-512 PSS signature.
bool pss_fits_modulus(std::size_t modulus_bits, HashAlg hash) noexcept {
  const std::size_t em_len = (modulus_bits - 1 + 7) / 8;
  return em_len >= 2 * crypto::digest_size(hash) + 2;
}

std::string scheme_name(SignatureScheme s) {
  return to_string(s);
}

}  // namespace

std::optional<SignatureSchemeInfo> signature_scheme_info(SignatureScheme scheme) noexcept {
  for (const SignatureSchemeInfo& info : kSchemes) {
    if (info.scheme == scheme) return info;
  }
  return std::nullopt;
}

std::span<const SignatureScheme> supported_certificate_verify_schemes() noexcept {
  return kSupported;
}

// ---- the verifier ----------------------------------------------------------------------------

namespace {

TlsError does_not_fit(SignatureScheme scheme, const x509::PublicKey& key, std::string_view why) {
  return tls_error(AD::illegal_parameter,
                   "CertificateVerify.algorithm " + scheme_name(scheme) +
                       " does not fit the certificate's key (" + key.to_string() +
                       "): " + std::string(why),
                   "RFC 8446 §4.4.3, §4.2.3");
}

TlsError bad_signature(SignatureScheme scheme, const x509::PublicKey& key) {
  // §4.4.3: "If the verification fails, the receiver MUST terminate the handshake with a
  // "decrypt_error" alert."
  return tls_error(AD::decrypt_error,
                   "the CertificateVerify signature (" + scheme_name(scheme) +
                       ") does not verify with the certificate's key (" + key.to_string() + ")",
                   "RFC 8446 §4.4.3");
}

Result<Unit, TlsError> verify_rsa(const x509::RsaSubjectKey& rsa, const x509::PublicKey& key,
                                  const SignatureSchemeInfo& info, ByteView content,
                                  ByteView signature, const x509::SignaturePolicy& policy) {
  // §4.2.3: rsa_pss_rsae_* keys "MUST use the rsaEncryption OID", rsa_pss_pss_* keys "MUST use
  // the RSASSA-PSS OID".
  if (info.family != Family::rsa_pss_rsae && info.family != Family::rsa_pss_pss)
    return Err(does_not_fit(info.scheme, key, "an RSA key answers only RSA-PSS schemes"));
  if (rsa.pss_only && info.family != Family::rsa_pss_pss)
    return Err(does_not_fit(info.scheme, key,
                            "a key filed under id-RSASSA-PSS needs an rsa_pss_pss_* scheme"));
  if (!rsa.pss_only && info.family == Family::rsa_pss_pss)
    return Err(does_not_fit(info.scheme, key,
                            "a key filed under rsaEncryption needs an rsa_pss_rsae_* scheme"));
  if (!pss_params_allow(rsa.pss_params, info.hash))
    return Err(does_not_fit(info.scheme, key,
                            "the key's RSASSA-PSS parameters differ from the scheme's (MGF1 with "
                            "the same hash, salt as long as the hash)"));

  auto public_key = crypto::RsaPublicKey::from_parts(rsa.key);
  if (!public_key) {
    if (public_key.error() == crypto::RsaError::key_too_small) {
      return Err(tls_error(AD::insufficient_security,
                           "the certificate's RSA key is too small to be used at all",
                           "RFC 8446 §6.2"));
    }
    return Err(tls_error(AD::unsupported_certificate,
                         "the certificate's RSA key cannot be used: " +
                             std::string(crypto::to_string(public_key.error())),
                         "RFC 8446 §6.2"));
  }
  // A key below the policy's minimum: the peer authenticated with parameters weaker than we
  // accept. §6.2 defines insufficient_security as "returned instead of handshake_failure when a
  // negotiation has failed specifically because the server requires parameters more secure than
  // those supported by the client" — worded from the server's side, but it is the alert for "the
  // parameters are too weak for me", which says more than illegal_parameter (nothing is
  // malformed) or bad_certificate (the certificate itself may be fine under another policy).
  if (public_key->modulus_bits() < policy.min_rsa_modulus_bits) {
    return Err(tls_error(
        AD::insufficient_security,
        "the certificate's RSA key has " + std::to_string(public_key->modulus_bits()) +
            " bits; the policy requires at least " + std::to_string(policy.min_rsa_modulus_bits),
        "RFC 8446 §6.2"));
  }
  crypto::RsaPolicy rsa_policy;
  rsa_policy.min_modulus_bits = policy.min_rsa_modulus_bits;
  rsa_policy.allow_sha1 = false;
  // §4.2.3: MGF1 over the scheme's hash, salt length = hash length; rsa_pss_verify checks exactly
  // that form.
  if (!crypto::rsa_pss_verify(*public_key, info.hash, content, signature, rsa_policy))
    return Err(bad_signature(info.scheme, key));
  return Unit{};
}

}  // namespace

Result<Unit, TlsError> verify_certificate_verify(const x509::PublicKey& key, SignatureScheme scheme,
                                                 ByteView content, ByteView signature,
                                                 std::span<const SignatureScheme> offered,
                                                 const x509::SignaturePolicy& policy) {
  // §4.4.3: the algorithm "MUST be one offered in the client's "signature_algorithms" extension"
  // (for a client's CertificateVerify: in the CertificateRequest's).
  if (!contains(offered, scheme)) {
    return Err(tls_error(AD::illegal_parameter,
                         "CertificateVerify.algorithm " + scheme_name(scheme) +
                             " was not offered in signature_algorithms",
                         "RFC 8446 §4.4.3"));
  }
  // §4.4.3: "RSA signatures MUST use an RSASSA-PSS algorithm" and "The SHA-1 algorithm MUST NOT
  // be used in any signatures of CertificateVerify messages".
  const std::optional<SignatureSchemeInfo> info = signature_scheme_info(scheme);
  if (!info || !info->allowed_in_certificate_verify) {
    return Err(tls_error(AD::illegal_parameter,
                         "CertificateVerify.algorithm " + scheme_name(scheme) +
                             (info ? " is not allowed in a TLS 1.3 CertificateVerify (PKCS#1 v1.5 "
                                     "and SHA-1 are for certificates only)"
                                   : " is not a scheme glasstls implements"),
                         "RFC 8446 §4.4.3, §4.2.3"));
  }

  // §4.4.3: "the signature algorithm MUST be compatible with the key in the sender's end-entity
  // certificate."
  if (const auto* rsa = std::get_if<x509::RsaSubjectKey>(&key.key))
    return verify_rsa(*rsa, key, *info, content, signature, policy);

  if (const auto* ec = std::get_if<crypto::EcPublicKey>(&key.key)) {
    // §4.2.3 ECDSA algorithms: "the corresponding curve": the scheme names the curve, and the
    // signature is a DER ECDSA-Sig-Value.
    if (info->family != Family::ecdsa)
      return Err(does_not_fit(scheme, key, "an EC key answers only ECDSA schemes"));
    if (info->curve != ec->curve())
      return Err(does_not_fit(scheme, key, "ECDSA schemes bind the curve"));
    if (!crypto::ecdsa_verify(*ec, info->hash, content, signature))
      return Err(bad_signature(scheme, key));
    return Unit{};
  }

  if (const auto* ed = std::get_if<x509::Ed25519SubjectKey>(&key.key)) {
    // §4.2.3 EdDSA algorithms: PureEdDSA (RFC 8032 §5.1), no prehash.
    if (info->family != Family::ed25519)
      return Err(does_not_fit(scheme, key, "an Ed25519 key answers only the ed25519 scheme"));
    if (!crypto::ed25519_verify(signature, ed->key, content))
      return Err(bad_signature(scheme, key));
    return Unit{};
  }

  return Err(does_not_fit(scheme, key, "glasstls cannot verify signatures of this key type"));
}

// ---- the credential --------------------------------------------------------------------------

namespace {

/// The RSA private key (a struct of its own so the variant below names its role).
struct RsaSigner {
  crypto::RsaPrivateKey key;
};

/// A private key file as given: PEM text, or PKCS#8 DER.
struct KeyInput {
  bool pem = true;
  ByteView bytes;
  std::string_view text() const {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }
};

bool looks_like_pem(ByteView bytes) {
  static constexpr std::string_view kBegin = "-----BEGIN ";
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return text.find(kBegin) != std::string_view::npos;
}

/// The bit length of an unsigned big-endian magnitude without leading zero bytes (a public value).
std::size_t magnitude_bits(const Bytes& n) noexcept {
  if (n.empty()) return 0;
  return n.size() * 8 - static_cast<std::size_t>(std::countl_zero(n[0]));
}

/// What the key file holds, when it is not what the leaf needs: "an EC P-256 key", or nothing.
std::optional<std::string> identify_key(const KeyInput& in) {
  if (in.pem) {
    if (auto rsa = crypto::parse_rsa_private_key_pem(in.text()))
      return "an RSA " + std::to_string(magnitude_bits(rsa->key.n)) + " key";
    if (auto ec = crypto::parse_ec_private_key_pem(in.text()))
      return "an EC " + std::string(crypto::ec_curve_name(ec->curve())) + " key";
    if (auto c = crypto::parse_curve25519_private_key_pem(in.text()))
      return c->type == crypto::Curve25519KeyType::ed25519 ? "an Ed25519 key" : "an X25519 key";
  } else {
    if (auto rsa = crypto::parse_rsa_private_key_pkcs8_der(in.bytes))
      return "an RSA " + std::to_string(magnitude_bits(rsa->key.n)) + " key";
    if (auto ec = crypto::parse_ec_private_key_pkcs8_der(in.bytes))
      return "an EC " + std::string(crypto::ec_curve_name(ec->curve())) + " key";
    if (auto c = crypto::parse_curve25519_private_key_der(in.bytes))
      return c->type == crypto::Curve25519KeyType::ed25519 ? "an Ed25519 key" : "an X25519 key";
  }
  return std::nullopt;
}

/// The error for a key file that does not parse as the kind the leaf needs.
std::string wrong_key(const KeyInput& in, std::string_view key_name, const x509::PublicKey& leaf,
                      std::string_view wanted, const crypto::KeyParseError& error) {
  if (std::optional<std::string> what = identify_key(in)) {
    return std::string(key_name) + " holds " + *what + ", but the leaf certificate's key is " +
           leaf.to_string();
  }
  return std::string(key_name) + ": not " + std::string(wanted) +
         " private key: " + error.to_string();
}

std::string mismatch(std::string_view key_name, const x509::PublicKey& leaf) {
  return std::string(key_name) +
         " does not belong to the leaf certificate: its public key differs "
         "from the certificate's (" +
         leaf.to_string() + ")";
}

}  // namespace

namespace {

using PrivateKey = std::variant<RsaSigner, crypto::EcPrivateKey, crypto::Curve25519PrivateKey>;

struct LoadedKey {
  PrivateKey key;
  std::vector<SignatureScheme> schemes;
  std::string description;
};

/// Everything a Credential holds, checked: the chain, the leaf's public key, and its private key.
struct CredentialParts {
  std::vector<Bytes> chain;
  x509::PublicKey public_key;
  LoadedKey loaded;
};

Result<LoadedKey, std::string> load_rsa_key(const KeyInput& in, std::string_view key_name,
                                            const x509::PublicKey& leaf,
                                            const x509::RsaSubjectKey& leaf_rsa) {
  auto info = in.pem ? crypto::parse_rsa_private_key_pem(in.text())
                     : crypto::parse_rsa_private_key_pkcs8_der(in.bytes);
  if (!info) return Err(wrong_key(in, key_name, leaf, "an RSA", info.error()));
  // The public parts (n, e) are public: comparing them with == is fine.
  if (info->key.n != leaf_rsa.key.n || info->key.e != leaf_rsa.key.e)
    return Err(mismatch(key_name, leaf));
  auto key = crypto::RsaPrivateKey::from_parts(info->key);
  if (!key) {
    return Err(std::string(key_name) +
               ": the RSA key is not usable: " + std::string(crypto::to_string(key.error())));
  }
  // The schemes come from how the certificate files the key, which is what the peer checks
  // against (§4.2.3); a PSS restriction in the key file narrows them further.
  std::vector<SignatureScheme> schemes;
  const std::size_t bits = key->modulus_bits();
  for (std::size_t i = 0; i < kRsae.size(); ++i) {
    const SignatureScheme s = leaf_rsa.pss_only ? kPss[i] : kRsae[i];
    const HashAlg hash = signature_scheme_info(s)->hash;
    if (pss_params_allow(leaf_rsa.pss_params, hash) && pss_params_allow(info->pss_params, hash) &&
        pss_fits_modulus(bits, hash))
      schemes.push_back(s);
  }
  if (schemes.empty()) {
    return Err(std::string(key_name) +
               ": the RSASSA-PSS parameters of the certificate or key allow no TLS 1.3 scheme "
               "(RFC 8446 §4.2.3 needs MGF1 over the signing hash and a salt as long as the hash)");
  }
  std::string description =
      "RSA " + std::to_string(bits) + (leaf_rsa.pss_only ? " (RSASSA-PSS)" : " (rsaEncryption)");
  return LoadedKey{PrivateKey(std::in_place_type<RsaSigner>, RsaSigner{std::move(*key)}),
                   std::move(schemes), std::move(description)};
}

Result<LoadedKey, std::string> load_ec_key(const KeyInput& in, std::string_view key_name,
                                           const x509::PublicKey& leaf,
                                           const crypto::EcPublicKey& leaf_ec) {
  auto key = in.pem ? crypto::parse_ec_private_key_pem(in.text())
                    : crypto::parse_ec_private_key_pkcs8_der(in.bytes);
  if (!key) return Err(wrong_key(in, key_name, leaf, "an EC", key.error()));
  if (!(key->public_key() == leaf_ec)) return Err(mismatch(key_name, leaf));
  // §4.2.3: the ECDSA scheme names the key's curve.
  const SignatureScheme scheme = key->curve() == EcCurve::p256
                                     ? SignatureScheme::ecdsa_secp256r1_sha256
                                     : SignatureScheme::ecdsa_secp384r1_sha384;
  std::string description = "ECDSA " + std::string(crypto::ec_curve_name(key->curve()));
  return LoadedKey{
      PrivateKey(std::in_place_type<crypto::EcPrivateKey>, *key), {scheme}, std::move(description)};
}

Result<LoadedKey, std::string> load_ed25519_key(const KeyInput& in, std::string_view key_name,
                                                const x509::PublicKey& leaf,
                                                const x509::Ed25519SubjectKey& leaf_ed) {
  auto key = in.pem ? crypto::parse_curve25519_private_key_pem(in.text())
                    : crypto::parse_curve25519_private_key_der(in.bytes);
  if (!key) return Err(wrong_key(in, key_name, leaf, "an Ed25519", key.error()));
  if (key->type != crypto::Curve25519KeyType::ed25519) {
    return Err(std::string(key_name) +
               " holds an X25519 key (key exchange only), but the leaf certificate's key is " +
               leaf.to_string());
  }
  if (key->public_key != leaf_ed.key) return Err(mismatch(key_name, leaf));
  return LoadedKey{PrivateKey(std::in_place_type<crypto::Curve25519PrivateKey>, *key),
                   {SignatureScheme::ed25519},
                   "Ed25519"};
}

}  // namespace

struct Credential::Impl {
  std::vector<Bytes> chain;
  x509::PublicKey public_key;
  // RsaPrivateKey, EcPrivateKey and Curve25519PrivateKey each wipe their secrets when destroyed.
  PrivateKey key;
  std::vector<SignatureScheme> schemes;
  std::string description;

  explicit Impl(CredentialParts&& parts)
      : chain(std::move(parts.chain)),
        public_key(std::move(parts.public_key)),
        key(std::move(parts.loaded.key)),
        schemes(std::move(parts.loaded.schemes)),
        description(std::move(parts.loaded.description)) {}
};

Credential::Credential(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Credential::Credential(Credential&&) noexcept = default;
Credential& Credential::operator=(Credential&&) noexcept = default;
Credential::~Credential() = default;

std::span<const Bytes> Credential::chain() const noexcept {
  return impl_->chain;
}
const x509::PublicKey& Credential::public_key() const noexcept {
  return impl_->public_key;
}
std::span<const SignatureScheme> Credential::schemes() const noexcept {
  return impl_->schemes;
}
bool Credential::can_sign(SignatureScheme scheme) const noexcept {
  return contains(impl_->schemes, scheme);
}
std::string Credential::key_description() const {
  return impl_->description;
}

std::optional<SignatureScheme> Credential::choose_scheme(
    std::span<const SignatureScheme> offered, std::span<const SignatureScheme> allowed) const {
  // §4.4.3: the scheme "MUST be one offered in the client's "signature_algorithms" extension"
  // and "compatible with the key in the sender's end-entity certificate". The peer's order is
  // its preference (§4.2.3: "in descending order of preference").
  for (const SignatureScheme s : offered) {
    if (contains(allowed, s) && can_sign(s)) return s;
  }
  return std::nullopt;
}

Result<Bytes, TlsError> Credential::sign(SignatureScheme scheme, ByteView content,
                                         crypto::RandomSource& rng) const {
  if (!can_sign(scheme)) {
    return Err(tls_error(AD::internal_error,
                         "asked to sign with " + scheme_name(scheme) + ", which the key (" +
                             impl_->description + ") cannot answer",
                         "RFC 8446 §4.4.3"));
  }
  const SignatureSchemeInfo info = *signature_scheme_info(scheme);

  if (const auto* rsa = std::get_if<RsaSigner>(&impl_->key)) {
    // §4.2.3: RSASSA-PSS, MGF1 over the same hash, "The length of the Salt MUST be equal to the
    // length of the output of the digest algorithm". The salt is exactly the next Hash.length
    // bytes of `rng` (so a replay can inject it); the blinding factor comes from the system source
    // and leaves `rng` untouched.
    std::array<std::uint8_t, crypto::kMaxDigestSize> salt{};
    const auto salt_view = std::span(salt).first(crypto::digest_size(info.hash));
    rng.fill(salt_view);
    crypto::RsaPolicy policy;
    policy.min_modulus_bits = crypto::kRsaMinModulusBits;  // our own key: the peer decides
    auto signature = crypto::rsa_pss_sign_with_salt(rsa->key, info.hash, content, salt_view,
                                                    crypto::system_random(), policy);
    ct::secure_wipe(std::span(salt));
    if (!signature) {
      return Err(
          tls_error(AD::internal_error,
                    "RSA-PSS signing failed: " + std::string(crypto::to_string(signature.error())),
                    "RFC 8446 §4.4.3"));
    }
    return std::move(*signature);
  }
  if (const auto* ec = std::get_if<crypto::EcPrivateKey>(&impl_->key)) {
    // ECDSA with an RFC 6979 nonce: draws nothing. The signature is DER (§4.2.3).
    return crypto::ecdsa_sign(*ec, info.hash, content);
  }
  const auto& ed = std::get<crypto::Curve25519PrivateKey>(impl_->key);
  const crypto::Ed25519Signature signature =
      crypto::ed25519_sign(ed.private_key, ed.public_key, content);
  return Bytes(signature.begin(), signature.end());
}

namespace {

/// The common path of every factory: `chain_name` and `key_name` say where the inputs came from
/// ("the certificate chain PEM", a file name) so errors point at the right one.
Result<CredentialParts, std::string> load_parts(std::vector<Bytes> chain, KeyInput key_input,
                                                std::string_view chain_name,
                                                std::string_view key_name) {
  // §4.4.2: "The sender's certificate MUST come in the first CertificateEntry in the list."
  if (chain.empty()) return Err(std::string(chain_name) + ": no certificate found");
  std::optional<x509::PublicKey> leaf_key;
  for (std::size_t i = 0; i < chain.size(); ++i) {
    auto cert = x509::parse_certificate(chain[i]);
    if (!cert) {
      return Err(std::string(chain_name) + ": certificate " + std::to_string(i + 1) +
                 (i == 0 ? " (the leaf)" : "") + " does not parse: " + cert.error().to_string());
    }
    if (i == 0) leaf_key = std::move(cert->public_key);
  }
  const x509::PublicKey& leaf = *leaf_key;

  Result<LoadedKey, std::string> loaded = Err(std::string());
  if (const auto* rsa = std::get_if<x509::RsaSubjectKey>(&leaf.key)) {
    loaded = load_rsa_key(key_input, key_name, leaf, *rsa);
  } else if (const auto* ec = std::get_if<crypto::EcPublicKey>(&leaf.key)) {
    loaded = load_ec_key(key_input, key_name, leaf, *ec);
  } else if (const auto* ed = std::get_if<x509::Ed25519SubjectKey>(&leaf.key)) {
    loaded = load_ed25519_key(key_input, key_name, leaf, *ed);
  } else {
    return Err(std::string(chain_name) + ": the leaf certificate's key (" + leaf.to_string() +
               ") cannot sign a TLS 1.3 CertificateVerify");
  }
  if (!loaded) return Err(std::move(loaded).error());
  return CredentialParts{std::move(chain), leaf, std::move(*loaded)};
}

Result<std::vector<Bytes>, std::string> read_chain_pem(std::string_view text,
                                                       std::string_view chain_name) {
  auto blocks = asn1::pem_decode_all(text);
  if (!blocks) return Err(std::string(chain_name) + ": " + blocks.error().to_string());
  std::vector<Bytes> chain;
  for (asn1::PemBlock& block : *blocks) {
    if (block.label == "CERTIFICATE") {
      chain.push_back(std::move(block.der));
    } else {
      // A key pasted into the chain file: do not leave its bytes behind.
      ct::secure_wipe(std::span(block.der));
    }
  }
  return chain;
}

Result<CredentialParts, std::string> from_pem_named(std::string_view chain_pem,
                                                    std::string_view key_pem,
                                                    std::string_view chain_name,
                                                    std::string_view key_name) {
  auto chain = read_chain_pem(chain_pem, chain_name);
  if (!chain) return Err(std::move(chain).error());
  if (!looks_like_pem(as_bytes(key_pem)))
    return Err(std::string(key_name) + ": no PEM block (-----BEGIN ...-----) found");
  return load_parts(std::move(*chain), KeyInput{true, as_bytes(key_pem)}, chain_name, key_name);
}

Result<std::string, std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Err(path.string() + ": cannot open: " + std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return Err(path.string() + ": read error");
  return text;
}

}  // namespace

Result<Credential, std::string> Credential::from_pem(std::string_view chain_pem,
                                                     std::string_view key_pem) {
  auto parts =
      from_pem_named(chain_pem, key_pem, "the certificate chain PEM", "the private key PEM");
  if (!parts) return Err(std::move(parts).error());
  return Credential(std::make_unique<Impl>(std::move(*parts)));
}

Result<Credential, std::string> Credential::from_pem_files(const std::filesystem::path& chain_file,
                                                           const std::filesystem::path& key_file) {
  auto chain_text = read_file(chain_file);
  if (!chain_text) return Err(std::move(chain_text).error());
  auto key_text = read_file(key_file);
  if (!key_text) return Err(std::move(key_text).error());
  auto parts = from_pem_named(*chain_text, *key_text, chain_file.string(), key_file.string());
  // The key file's text is a secret: wipe it before the string frees its buffer.
  ct::secure_wipe(key_text->data(), key_text->size());
  if (!parts) return Err(std::move(parts).error());
  return Credential(std::make_unique<Impl>(std::move(*parts)));
}

Result<Credential, std::string> Credential::from_der(std::vector<Bytes> chain_der,
                                                     ByteView key_pem_or_der) {
  const KeyInput input{looks_like_pem(key_pem_or_der), key_pem_or_der};
  auto parts = load_parts(std::move(chain_der), input, "the certificate chain",
                          input.pem ? "the private key PEM" : "the private key DER");
  if (!parts) return Err(std::move(parts).error());
  return Credential(std::make_unique<Impl>(std::move(*parts)));
}

}  // namespace glasstls::tls
