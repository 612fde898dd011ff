// Subject public keys (RFC 5280 §4.1.2.7) of the kinds glasstls verifies with:
//
//     SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
//                                         subjectPublicKey BIT STRING }
//
// rsaEncryption (RFC 3279 §2.3.1), id-RSASSA-PSS (RFC 4055 §3.1), id-ecPublicKey with a named
// curve (RFC 5480 §2.1.1, §2.2) and id-Ed25519 (RFC 8410 §3, §4). The key inside the BIT STRING
// is decoded by the crypto layer's readers; their errors are moved to the certificate's byte
// offsets and field path, so a bad modulus reads like any other certificate error.
#include <string>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "glasstls/x509/signature.hpp"
#include "x509/signature_internal.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;

// Bits in a big-endian magnitude (leading zero bytes ignored).
std::size_t magnitude_bits(ByteView v) {
  std::size_t i = 0;
  while (i < v.size() && v[i] == 0) ++i;
  if (i == v.size()) return 0;
  std::size_t bits = (v.size() - i - 1) * 8;
  for (std::uint8_t top = v[i]; top != 0; top >>= 1) ++bits;
  return bits;
}

}  // namespace

PublicKey read_public_key(asn1::DerReader& reader, std::string_view field) {
  // Spelled out: GCC 12 finds PublicKey not default-constructible (the nested Rsa's member
  // initialisers are not yet parsed when std::variant asks), see the report on signature.hpp.
  PublicKey result{PublicKey::Rsa{}, {}};
  const asn1::Element spki_element = reader.element(asn1::tags::sequence, field);
  if (!reader.ok()) return result;
  result.spki_der = to_bytes(spki_element.encoding);
  asn1::DerReader spki = reader.enter(spki_element, field);

  // RFC 5280 §4.1.1.2 AlgorithmIdentifier.
  asn1::DerReader alg = spki.sequence("algorithm");
  const std::size_t oid_at = alg.offset();
  const asn1::Oid oid = alg.oid("algorithm");
  if (!alg.ok()) return result;
  const std::size_t params_at = alg.offset();

  enum class Which { rsa, rsa_pss, ec, ed25519, unsupported } which = Which::rsa;
  PublicKey::Unsupported unsupported{oid, std::nullopt};
  crypto::EcCurve curve = crypto::EcCurve::p256;
  std::optional<crypto::RsaPssParams> pss_params;
  if (oid == oids::rsaEncryption) {
    // RFC 3279 §2.3.1: "The parameters field MUST have ASN.1 type NULL for this algorithm
    // identifier."
    if (alg.next_is(asn1::tags::null)) {
      alg.null("parameters");
    } else {
      alg.fail(params_at, "parameters", "rsaEncryption parameters must be NULL (RFC 3279 §2.3.1)");
    }
  } else if (oid == oids::id_RSASSA_PSS) {
    // RFC 4055 §3.1: "The parameters may be either absent or present when used as subject
    // public key information." Present, they restrict the signatures the key may make (§3.3).
    which = Which::rsa_pss;
    if (!alg.at_end()) pss_params = crypto::read_rsassa_pss_params(alg, "parameters");
  } else if (oid == oids::id_ecPublicKey) {
    // RFC 5480 §2.1.1: the parameters MUST be present, and in PKIX a namedCurve. A named curve
    // other than P-256/P-384 (P-521, brainpool, ...) is a key glasstls cannot use, not an error.
    which = Which::ec;
    if (alg.next_is(asn1::tags::oid)) {
      asn1::DerReader probe = alg;
      const asn1::Oid named = probe.oid("parameters");
      if (probe.ok() && named != oids::secp256r1 && named != oids::secp384r1) {
        which = Which::unsupported;
        unsupported.curve = alg.oid("parameters");
      }
    }
    if (which == Which::ec) curve = crypto::read_ec_parameters(alg, "parameters");
  } else if (oid == oids::id_Ed25519) {
    // RFC 8410 §3: "For all of the OIDs, the parameters MUST be absent."
    which = Which::ed25519;
    if (!alg.at_end())
      alg.fail(params_at, "parameters",
               "the parameters of id-Ed25519 must be absent (RFC 8410 §3)");
  } else {
    // DSA, GOST, X25519 in a certificate, ...: kept by OID so the certificate still parses;
    // nothing can be verified with it. Parameters: one element, unread (RFC 5280 §4.1.1.2).
    (void)oid_at;
    which = Which::unsupported;
    if (!alg.at_end()) alg.element("parameters");
  }
  alg.finish();

  if (which == Which::unsupported) {
    spki.bit_string("subjectPublicKey");  // any BIT STRING: its meaning is the algorithm's
    spki.finish();
    result.key = unsupported;
    return result;
  }

  // subjectPublicKey: a BIT STRING whose bytes are the key (no unused bits for any of these).
  const std::size_t bits_tag_at = spki.offset();
  const ByteView bits = spki.bit_string_bytes("subjectPublicKey");
  spki.finish();
  if (!spki.ok()) return result;
  // Absolute offset of the key's first byte: the BIT STRING's contents start after its header and
  // the unused-bits byte.
  const std::size_t bits_at =
      spki_element.offset + static_cast<std::size_t>(bits.data() - spki_element.encoding.data());

  switch (which) {
    case Which::rsa:
    case Which::rsa_pss: {
      // RFC 3279 §2.3.1: the BIT STRING holds RSAPublicKey ::= SEQUENCE { modulus, exponent }.
      auto parts = crypto::parse_rsa_public_key_pkcs1_der(bits);
      if (!parts) {
        spki.fail(bits_at + parts.error().offset, "subjectPublicKey." + parts.error().path,
                  parts.error().reason);
        return result;
      }
      PublicKey::Rsa rsa;
      rsa.key = std::move(*parts);
      rsa.pss_only = which == Which::rsa_pss;
      rsa.pss_params = pss_params;
      result.key = std::move(rsa);
      break;
    }
    case Which::ec: {
      // RFC 5480 §2.2: the ECPoint; glasstls accepts the uncompressed form only, validated.
      auto point = crypto::EcPublicKey::from_uncompressed(curve, bits);
      if (!point) {
        spki.fail(bits_tag_at, "subjectPublicKey",
                  "not a valid " + std::string(crypto::ec_curve_name(curve)) +
                      " public key: " + std::string(crypto::ec_error_message(point.error())));
        return result;
      }
      result.key = *point;
      break;
    }
    case Which::unsupported:
      break;  // returned above
    case Which::ed25519: {
      // RFC 8410 §4: the 32-byte public key, as is.
      if (bits.size() != 32) {
        spki.fail(
            bits_tag_at, "subjectPublicKey",
            "an Ed25519 public key is 32 bytes (RFC 8410 §4), not " + std::to_string(bits.size()));
        return result;
      }
      PublicKey::Ed25519 ed;
      std::copy(bits.begin(), bits.end(), ed.key.begin());
      result.key = ed;
      break;
    }
  }
  return result;
}

std::string PublicKey::to_string() const {
  if (const auto* rsa = std::get_if<Rsa>(&key)) {
    return std::string(rsa->pss_only ? "RSA-PSS " : "RSA ") +
           std::to_string(magnitude_bits(rsa->key.n));
  }
  if (const auto* ec = std::get_if<crypto::EcPublicKey>(&key))
    return "EC " + std::string(crypto::ec_curve_name(ec->curve()));
  if (const auto* other = std::get_if<Unsupported>(&key)) {
    std::string s = "unsupported " + detail::describe_oid(other->algorithm);
    if (other->curve) s += " on curve " + detail::describe_oid(*other->curve);
    return s;
  }
  return "Ed25519";
}

}  // namespace glasstls::x509
