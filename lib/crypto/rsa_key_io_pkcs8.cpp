// RSA keys inside the algorithm-tagged containers: PKCS#8 / OneAsymmetricKey (RFC 5958 §2) for
// private keys and SubjectPublicKeyInfo (RFC 5280 §4.1) for public keys.
#include <cstdint>
#include <string>
#include <utility>

#include "crypto/rsa_key_io_internal.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"

namespace glasstls::crypto {
namespace {

using asn1::DerReader;
using asn1::DerWriter;

// A key nested in the bytes of a BIT STRING or an OCTET STRING (the RSAPublicKey in
// SubjectPublicKeyInfo.subjectPublicKey or OneAsymmetricKey.publicKey, the RSAPrivateKey in
// OneAsymmetricKey.privateKey). The DER reader does not step into primitive strings, so the bytes
// get a reader of their own, and its error, if any, is moved to the outer input: offset shifted
// by where the bytes sit, path prefixed with the string's field name.
template <class Read>
auto read_nested(DerReader& outer, ByteView input, ByteView bytes, std::string_view name,
                 std::string_view inner_name, Read read) {
  decltype(read(std::declval<DerReader&>(), inner_name)) value{};
  if (!outer.ok()) return value;
  asn1::Der inner(bytes);
  DerReader root = inner.root();
  value = read(root, inner_name);
  if (inner.ok() && !root.at_end()) {
    root.fail(
        root.offset(), inner_name,
        "trailing bytes after the " + std::string(inner_name) + " inside " + std::string(name));
  }
  if (!inner.ok()) {
    const auto base = static_cast<std::size_t>(bytes.data() - input.data());
    const asn1::DerError& e = inner.error();
    outer.fail(base + e.offset, std::string(name) + "." + e.path, e.reason);
  }
  return value;
}

RsaPublicKeyParts read_rsa_public_key_in_bits(DerReader& outer, ByteView input, ByteView bits,
                                              std::string_view name) {
  return read_nested(outer, input, bits, name, "rsaPublicKey", rsa_io::read_rsa_public_key);
}

}  // namespace

// RFC 5958 §2 (module DEFINITIONS IMPLICIT TAGS, §5):
//   OneAsymmetricKey ::= SEQUENCE {
//     version                   Version,
//     privateKeyAlgorithm       PrivateKeyAlgorithmIdentifier,
//     privateKey                PrivateKey,
//     attributes            [0] Attributes OPTIONAL,
//     ...,
//     [[2: publicKey        [1] PublicKey OPTIONAL ]],
//     ...
//   }
//   Version ::= INTEGER { v1(0), v2(1) } (v1, ..., v2)
//   PrivateKey ::= OCTET STRING     -- here the DER of an RSAPrivateKey (RFC 8017 A.1.2)
//   PublicKey ::= BIT STRING        -- here the DER of an RSAPublicKey (RFC 8017 A.1.1)
//   Attributes ::= SET OF Attribute { { OneAsymmetricKeyAttributes } }
// PKCS#8's PrivateKeyInfo (RFC 5208) is the same structure with version v1 and no publicKey.
Result<RsaPrivateKeyInfo, KeyParseError> parse_rsa_private_key_pkcs8_der(ByteView der) {
  asn1::Der input(der);
  DerReader seq = input.sequence("privateKeyInfo");
  const std::size_t version_at = seq.offset();
  const std::int64_t version = seq.small_integer("version");
  if (seq.ok() && version != 0 && version != 1) {
    seq.fail(version_at, "version",
             "OneAsymmetricKey version must be v1 (0) or v2 (1), not " + std::to_string(version) +
                 " (RFC 5958 §2)");
  }

  RsaPrivateKeyInfo info;
  const rsa_io::RsaKeyAlgorithm alg = rsa_io::read_rsa_key_algorithm(seq, "privateKeyAlgorithm");
  info.pss = alg.pss;
  info.pss_params = alg.pss_params;

  const ByteView private_key = seq.octet_string("privateKey");
  info.key = read_nested(seq, der, private_key, "privateKey", "rsaPrivateKey",
                         rsa_io::read_rsa_private_key);

  if (auto attributes = seq.optional_implicit_constructed(0, "attributes")) {
    // RFC 5958 §2: Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF ... }
    // (RFC 5912). None matters for an RSA key; their form is checked and they are skipped.
    while (attributes->ok() && !attributes->at_end()) {
      DerReader attribute = attributes->sequence("attribute");
      (void)attribute.oid("attrType");
      (void)attribute.set("attrValues");
      attribute.finish();
    }
  }

  const std::size_t public_key_at = seq.offset();
  const bool has_public_key = seq.ok() && seq.next_is(asn1::Tag::context(1, false));
  if (has_public_key) {
    // RFC 5958 §2: "If publicKey is present, then version is set to v2 else version is set to
    // v1." The public key must be the private key's own.
    if (version != 1) {
      seq.fail(public_key_at, "publicKey",
               "publicKey is only allowed in a version v2 (1) key (RFC 5958 §2)");
    }
    const asn1::BitString bits = seq.implicit_bit_string(1, "publicKey");
    if (seq.ok() && bits.unused_bits != 0) {
      seq.fail(public_key_at, "publicKey",
               "publicKey must hold whole bytes (0 unused bits) for an RSA key");
    }
    const RsaPublicKeyParts pub = read_rsa_public_key_in_bits(seq, der, bits.bytes, "publicKey");
    if (seq.ok() && (pub.n != info.key.n || pub.e != info.key.e)) {
      seq.fail(public_key_at, "publicKey",
               "publicKey does not match the private key's modulus and public exponent");
    }
  } else if (seq.ok() && version == 1) {
    seq.fail(public_key_at, "publicKey", "a version v2 (1) key must carry publicKey (RFC 5958 §2)");
  }
  seq.finish();  // RFC 5958 leaves room for future fields; glasstls knows none, so none may follow
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  return info;
}

// RFC 5280 §4.1:
//   SubjectPublicKeyInfo  ::=  SEQUENCE  {
//        algorithm            AlgorithmIdentifier,
//        subjectPublicKey     BIT STRING  }
// RFC 3279 §2.3.1: for rsaEncryption the BIT STRING holds the DER of an RSAPublicKey; RFC 4055
// §1.2 does the same for id-RSASSA-PSS.
Result<RsaPublicKeyInfo, KeyParseError> parse_rsa_spki_der(ByteView der) {
  asn1::Der input(der);
  DerReader seq = input.sequence("subjectPublicKeyInfo");
  RsaPublicKeyInfo info;
  const rsa_io::RsaKeyAlgorithm alg = rsa_io::read_rsa_key_algorithm(seq, "algorithm");
  info.pss = alg.pss;
  info.pss_params = alg.pss_params;
  const ByteView bits = seq.bit_string_bytes("subjectPublicKey");  // 0 unused bits required
  info.key = read_rsa_public_key_in_bits(seq, der, bits, "subjectPublicKey");
  seq.finish();
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  return info;
}

Bytes write_rsa_private_key_pkcs8_der(const RsaPrivateKeyParts& key,
                                      std::optional<RsaPssParams> pss, bool pss_key) {
  // Version v1 and no attributes: PKCS#8 PrivateKeyInfo, which every reader understands.
  DerWriter header;  // public fields: version and privateKeyAlgorithm
  header.integer(0);
  rsa_io::write_rsa_key_algorithm(header, pss_key, pss);

  rsa_io::SecretBytes rsa_private_key(write_rsa_private_key_pkcs1_der(key));
  rsa_io::SecretBytes body;
  body.bytes().reserve(header.data().size() + rsa_private_key.view().size() + 8);
  rsa_io::append_secret(body.bytes(), header.data());
  rsa_io::append_secret_element(body.bytes(), asn1::tags::octet_string, rsa_private_key.view());
  Bytes out;
  rsa_io::append_secret_element(out, asn1::tags::sequence, body.view());
  return out;
}

Bytes write_rsa_spki_der(const RsaPublicKeyParts& key, bool pss_key,
                         std::optional<RsaPssParams> pss) {
  DerWriter w;
  w.sequence([&](DerWriter& spki) {
    rsa_io::write_rsa_key_algorithm(spki, pss_key, pss);
    spki.bit_string(write_rsa_public_key_pkcs1_der(key));
  });
  return w.take();
}

}  // namespace glasstls::crypto
