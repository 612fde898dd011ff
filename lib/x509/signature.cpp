// Signature algorithm identifiers (RFC 5280 §4.1.1.2): reading, writing and naming them.
//
//     AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
//
// Each supported algorithm has its parameter rule from its RFC, cited where it is checked. The
// public keys are in signature_key.cpp, the verification in signature_verify.cpp.
#include <algorithm>
#include <string>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "glasstls/x509/signature.hpp"
#include "x509/signature_internal.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using Kind = SignatureAlgorithm::Kind;
using crypto::HashAlg;

// Legacy signature algorithms glasstls refuses, named so the error says what was met. The OIDs
// are from RFC 3279 §2.2.1 (md2/md5WithRSAEncryption, pkcs-1 2 and 4; md4 is pkcs-1 3 from
// RFC 2313), §2.2.2 (id-dsa-with-sha1) and RFC 5758 §3.1 (id-dsa-with-sha224/sha256).
constexpr asn1::Oid kMd2WithRsa = asn1::Oid::from_arcs({1, 2, 840, 113549, 1, 1, 2});
constexpr asn1::Oid kMd4WithRsa = asn1::Oid::from_arcs({1, 2, 840, 113549, 1, 1, 3});
constexpr asn1::Oid kMd5WithRsa = asn1::Oid::from_arcs({1, 2, 840, 113549, 1, 1, 4});
constexpr asn1::Oid kDsaWithSha1 = asn1::Oid::from_arcs({1, 2, 840, 10040, 4, 3});
constexpr asn1::Oid kDsaWithSha224 = asn1::Oid::from_arcs({2, 16, 840, 1, 101, 3, 4, 3, 1});
constexpr asn1::Oid kDsaWithSha256 = asn1::Oid::from_arcs({2, 16, 840, 1, 101, 3, 4, 3, 2});

std::string_view legacy_name(const asn1::Oid& oid) {
  if (oid == kMd2WithRsa) return "md2WithRSAEncryption";
  if (oid == kMd4WithRsa) return "md4WithRSAEncryption";
  if (oid == kMd5WithRsa) return "md5WithRSAEncryption";
  if (oid == kDsaWithSha1) return "id-dsa-with-sha1";
  if (oid == kDsaWithSha224) return "id-dsa-with-sha224";
  if (oid == kDsaWithSha256) return "id-dsa-with-sha256";
  return "";
}

// The hash of a PKCS#1 v1.5 or ECDSA signature OID; nothing for any other OID.
struct KnownAlgorithm {
  asn1::Oid oid;
  Kind kind;
  HashAlg hash;
  std::string_view name;
};
constexpr KnownAlgorithm kKnown[] = {
    {oids::sha1WithRSAEncryption, Kind::rsa_pkcs1, HashAlg::sha1, "sha1WithRSAEncryption"},
    {oids::sha256WithRSAEncryption, Kind::rsa_pkcs1, HashAlg::sha256, "sha256WithRSAEncryption"},
    {oids::sha384WithRSAEncryption, Kind::rsa_pkcs1, HashAlg::sha384, "sha384WithRSAEncryption"},
    {oids::sha512WithRSAEncryption, Kind::rsa_pkcs1, HashAlg::sha512, "sha512WithRSAEncryption"},
    {oids::ecdsa_with_SHA1, Kind::ecdsa, HashAlg::sha1, "ecdsa-with-SHA1"},
    {oids::ecdsa_with_SHA256, Kind::ecdsa, HashAlg::sha256, "ecdsa-with-SHA256"},
    {oids::ecdsa_with_SHA384, Kind::ecdsa, HashAlg::sha384, "ecdsa-with-SHA384"},
    {oids::ecdsa_with_SHA512, Kind::ecdsa, HashAlg::sha512, "ecdsa-with-SHA512"},
    {oids::id_RSASSA_PSS, Kind::rsa_pss, HashAlg::sha256, "RSASSA-PSS"},
    {oids::id_Ed25519, Kind::ed25519, HashAlg::sha512, "Ed25519"},
};

const KnownAlgorithm* find_by_oid(const asn1::Oid& oid) {
  for (const KnownAlgorithm& k : kKnown)
    if (k.oid == oid) return &k;
  return nullptr;
}

const KnownAlgorithm* find_by_kind(Kind kind, HashAlg hash) {
  for (const KnownAlgorithm& k : kKnown)
    if (k.kind == kind && (k.hash == hash || kind == Kind::rsa_pss || kind == Kind::ed25519))
      return &k;
  return nullptr;
}

std::string_view pretty_hash(HashAlg h) {
  switch (h) {
    case HashAlg::sha1:
      return "SHA-1";
    case HashAlg::sha256:
      return "SHA-256";
    case HashAlg::sha384:
      return "SHA-384";
    case HashAlg::sha512:
      return "SHA-512";
  }
  return "?";
}

}  // namespace

namespace detail {

Bytes read_outer_signature(asn1::DerReader& outer, const SignatureAlgorithm& inner,
                           std::string_view inner_field, std::string_view rule) {
  asn1::DerReader probe = outer;
  const asn1::Element element = probe.element("signatureAlgorithm");
  const SignatureAlgorithm outer_alg = read_signature_algorithm(outer, "signatureAlgorithm");
  if (outer.ok()) {
    const ByteView inner_der = inner.der;
    const bool same = inner_der.size() == element.encoding.size() &&
                      std::equal(inner_der.begin(), inner_der.end(), element.encoding.begin());
    if (!same) {
      outer.fail(element.offset, "signatureAlgorithm",
                 "differs from " + std::string(inner_field) + " (" + std::string(rule) +
                     ": they MUST be the same): " + outer_alg.to_string() + " vs " +
                     inner.to_string());
    }
  }
  // signatureValue BIT STRING: whole bytes only (every signature glasstls knows is).
  return to_bytes(outer.bit_string_bytes("signatureValue"));
}

std::string describe_oid(const asn1::Oid& oid) {
  std::string s = oid.to_dotted();
  std::string_view name = asn1::oid_name(oid);
  if (name.empty()) name = legacy_name(oid);
  if (!name.empty()) {
    s += " (";
    s += name;
    s += ')';
  }
  return s;
}

bool is_broken_hash_signature(const asn1::Oid& oid) {
  return oid == kMd2WithRsa || oid == kMd4WithRsa || oid == kMd5WithRsa;
}

std::string_view hash_display_name(HashAlg h) {
  return pretty_hash(h);
}

}  // namespace detail

std::string SignatureAlgorithm::to_string() const {
  if (kind == Kind::rsa_pss) {
    return "RSASSA-PSS (" + std::string(pretty_hash(pss.hash)) + ", MGF1-" +
           std::string(pretty_hash(pss.mgf1_hash)) + ", salt " + std::to_string(pss.salt_length) +
           ")";
  }
  if (kind == Kind::unsupported) return detail::describe_oid(oid);
  if (const KnownAlgorithm* k = find_by_kind(kind, hash)) return std::string(k->name);
  return "unknown signature algorithm";
}

SignatureAlgorithm read_signature_algorithm(asn1::DerReader& reader, std::string_view field) {
  SignatureAlgorithm result;
  const asn1::Element element = reader.element(asn1::tags::sequence, field);
  if (!reader.ok()) return result;
  result.der = to_bytes(element.encoding);
  asn1::DerReader alg = reader.enter(element, field);
  const std::size_t oid_at = alg.offset();
  const asn1::Oid oid = alg.oid("algorithm");
  if (!alg.ok()) return result;

  result.oid = oid;
  const KnownAlgorithm* known = find_by_oid(oid);
  if (known == nullptr) {
    // Not an algorithm glasstls implements (DSA, MD5 with RSA, GOST, ...): kept, so the
    // certificate still parses and path validation can name what it cannot check. The
    // parameters are "ANY DEFINED BY algorithm" (RFC 5280 §4.1.1.2): one element, unread.
    (void)oid_at;
    result.kind = Kind::unsupported;
    if (!alg.at_end()) alg.element("parameters");
    alg.finish();
    return result;
  }
  result.kind = known->kind;
  result.hash = known->hash;
  const std::size_t params_at = alg.offset();
  switch (known->kind) {
    case Kind::rsa_pkcs1:
      // RFC 4055 §5 (and RFC 3279 §2.2.1 for SHA-1): "the parameters MUST be NULL.
      // Implementations MUST accept the parameters being absent as well as present."
      if (!alg.at_end()) {
        if (alg.next_is(asn1::tags::null)) {
          alg.null("parameters");
        } else {
          alg.fail(params_at, "parameters",
                   "the parameters of " + std::string(known->name) +
                       " must be NULL or absent (RFC 4055 §5)");
        }
      }
      break;
    case Kind::rsa_pss:
      // RFC 4055 §3.1: "The parameters MUST be present when used in the algorithm identifier
      // associated with a signature value."
      if (alg.at_end()) {
        alg.fail(params_at, "parameters",
                 "id-RSASSA-PSS as a signature algorithm must carry RSASSA-PSS-params "
                 "(RFC 4055 §3.1: the parameters MUST be present)");
      } else {
        result.pss = crypto::read_rsassa_pss_params(alg, "parameters");
        result.hash = result.pss.hash;
      }
      break;
    case Kind::ecdsa:
      // RFC 5758 §3.2 (and RFC 3279 §2.2.3 for SHA-1): "the encoding MUST omit the parameters
      // field".
      if (!alg.at_end()) {
        alg.fail(params_at, "parameters",
                 "the parameters of " + std::string(known->name) +
                     " must be absent (RFC 5758 §3.2: the encoding MUST omit the parameters)");
      }
      break;
    case Kind::ed25519:
      // RFC 8410 §6: "When used to identify signature algorithms, the parameters MUST be
      // absent."
      if (!alg.at_end()) {
        alg.fail(params_at, "parameters",
                 "the parameters of id-Ed25519 must be absent (RFC 8410 §6)");
      }
      break;
    case Kind::unsupported:
      break;  // not in the table of known algorithms
  }
  alg.finish();
  return result;
}

void write_signature_algorithm(asn1::DerWriter& writer, const SignatureAlgorithm& alg) {
  if (alg.kind == Kind::unsupported) {
    writer.raw(alg.der);  // as it was read
    return;
  }
  writer.sequence([&](asn1::DerWriter& seq) {
    switch (alg.kind) {
      case Kind::rsa_pkcs1:
        // RFC 4055 §5: the parameters MUST be NULL (what is written; absent is only accepted).
        seq.oid(find_by_kind(Kind::rsa_pkcs1, alg.hash)->oid);
        seq.null();
        break;
      case Kind::rsa_pss:
        // RFC 4055 §3.1: parameters present, fields at their DEFAULT omitted.
        seq.oid(oids::id_RSASSA_PSS);
        seq.raw(crypto::write_rsassa_pss_params_der(alg.pss));
        break;
      case Kind::ecdsa:
        seq.oid(find_by_kind(Kind::ecdsa, alg.hash)->oid);  // RFC 5758 §3.2: no parameters
        break;
      case Kind::ed25519:
        seq.oid(oids::id_Ed25519);  // RFC 8410 §6: no parameters
        break;
      case Kind::unsupported:
        break;  // handled above
    }
  });
}

namespace {

// The OID write_signature_algorithm writes for an algorithm glasstls implements.
asn1::Oid algorithm_oid(const SignatureAlgorithm& alg) {
  switch (alg.kind) {
    case Kind::rsa_pss:
      return oids::id_RSASSA_PSS;
    case Kind::ed25519:
      return oids::id_Ed25519;
    case Kind::unsupported:
      return alg.oid;
    case Kind::rsa_pkcs1:
    case Kind::ecdsa:
      break;
  }
  return find_by_kind(alg.kind, alg.hash)->oid;
}

}  // namespace

SignatureAlgorithm make_signature_algorithm(Kind kind, HashAlg hash) {
  SignatureAlgorithm alg;
  alg.kind = kind;
  alg.hash = kind == Kind::ed25519 ? HashAlg::sha512 : hash;
  if (kind == Kind::rsa_pss) {
    // RFC 8446 §4.2.3's choice: MGF1 over the same hash, salt as long as the digest.
    alg.pss = crypto::RsaPssParams{hash, hash, crypto::digest_size(hash)};
  }
  asn1::DerWriter w;
  write_signature_algorithm(w, alg);
  alg.der = w.take();
  alg.oid = algorithm_oid(alg);
  return alg;
}

SignatureAlgorithm make_rsa_pss_algorithm(const crypto::RsaPssParams& params) {
  SignatureAlgorithm alg;
  alg.kind = Kind::rsa_pss;
  alg.hash = params.hash;
  alg.pss = params;
  asn1::DerWriter w;
  write_signature_algorithm(w, alg);
  alg.der = w.take();
  alg.oid = oids::id_RSASSA_PSS;
  return alg;
}

}  // namespace glasstls::x509
