// RFC 8410 key files for X25519 and Ed25519: PKCS#8 / OneAsymmetricKey and SubjectPublicKeyInfo.
#include "glasstls/crypto/curve25519_key_io.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/crypto/x25519.hpp"

namespace glasstls::crypto {
namespace {

using asn1::DerReader;
using asn1::DerWriter;

constexpr std::string_view kPrivateLabel = "PRIVATE KEY";
constexpr std::string_view kPublicLabel = "PUBLIC KEY";

// RFC 8410 §3:
//   AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
//   "For all of the OIDs, the parameters MUST be absent."
Curve25519KeyType read_algorithm(DerReader& outer, std::string_view name) {
  DerReader alg = outer.sequence(name);
  const std::size_t at = alg.offset();
  const asn1::Oid oid = alg.oid("algorithm");
  Curve25519KeyType type = Curve25519KeyType::x25519;
  if (alg.ok()) {
    if (oid == asn1::oids::id_X25519) {
      type = Curve25519KeyType::x25519;
    } else if (oid == asn1::oids::id_Ed25519) {
      type = Curve25519KeyType::ed25519;
    } else {
      alg.fail(at, "algorithm", "algorithm is neither id-X25519 nor id-Ed25519 (RFC 8410 §3)");
    }
  }
  if (alg.ok() && !alg.at_end())
    alg.fail(alg.offset(), "parameters", "parameters must be absent (RFC 8410 §3)");
  alg.finish();
  return type;
}

void write_algorithm(DerWriter& w, Curve25519KeyType type) {
  w.sequence([&](DerWriter& alg) {
    alg.oid(type == Curve25519KeyType::x25519 ? asn1::oids::id_X25519 : asn1::oids::id_Ed25519);
  });
}

std::array<std::uint8_t, 32> public_of(Curve25519KeyType type,
                                       std::span<const std::uint8_t, 32> private_key) {
  return type == Curve25519KeyType::x25519 ? x25519_public_key(private_key)
                                           : ed25519_public_key(private_key);
}

template <class T>
Result<T, KeyParseError> with_pem_line(Result<T, KeyParseError> r, std::size_t line) {
  if (r.ok()) return r;
  KeyParseError e = r.error();
  e.pem_line = line;
  return Err(std::move(e));
}

KeyParseError pem_problem(const asn1::PemError& e) {
  KeyParseError k;
  k.path = "pem";
  k.reason = e.reason;
  k.pem_line = e.line;
  return k;
}

}  // namespace

Curve25519PrivateKey::~Curve25519PrivateKey() {
  ct::secure_wipe(std::span(private_key));
}

Curve25519PrivateKey curve25519_private_key(Curve25519KeyType type,
                                            std::span<const std::uint8_t, 32> private_key) {
  Curve25519PrivateKey k;
  k.type = type;
  std::copy(private_key.begin(), private_key.end(), k.private_key.begin());
  k.public_key = public_of(type, private_key);
  return k;
}

// RFC 5958 §2 OneAsymmetricKey (see rsa_key_io_pkcs8.cpp for the ASN.1), with RFC 8410 §7:
//   CurvePrivateKey ::= OCTET STRING   -- inside privateKey, itself an OCTET STRING
Result<Curve25519PrivateKey, KeyParseError> parse_curve25519_private_key_der(ByteView der) {
  asn1::Der input(der);
  DerReader seq = input.sequence("privateKeyInfo");
  const std::size_t version_at = seq.offset();
  const std::int64_t version = seq.small_integer("version");
  if (seq.ok() && version != 0 && version != 1)
    seq.fail(version_at, "version",
             "OneAsymmetricKey version must be v1 (0) or v2 (1) (RFC 5958 §2)");
  Curve25519PrivateKey key;
  key.type = read_algorithm(seq, "privateKeyAlgorithm");

  const std::size_t private_at = seq.offset();
  const ByteView private_key = seq.octet_string("privateKey");
  if (seq.ok()) {
    // The nested CurvePrivateKey: 04 20 followed by the 32 key bytes, nothing else.
    asn1::Der inner(private_key);
    DerReader root = inner.root();
    const ByteView bytes = root.octet_string("curvePrivateKey");
    root.finish();
    if (!inner.ok()) {
      seq.fail(static_cast<std::size_t>(private_key.data() - der.data()) + inner.error().offset,
               "privateKey." + inner.error().path, inner.error().reason);
    } else if (bytes.size() != 32) {
      seq.fail(private_at, "privateKey.curvePrivateKey",
               "CurvePrivateKey must be 32 bytes for X25519 and Ed25519 (RFC 8410 §7), not " +
                   std::to_string(bytes.size()));
    } else {
      std::copy(bytes.begin(), bytes.end(), key.private_key.begin());
    }
  }

  if (auto attributes = seq.optional_implicit_constructed(0, "attributes")) {
    while (attributes->ok() && !attributes->at_end()) {
      DerReader attribute = attributes->sequence("attribute");
      (void)attribute.oid("attrType");
      (void)attribute.set("attrValues");
      attribute.finish();
    }
  }
  if (seq.ok()) key.public_key = public_of(key.type, key.private_key);

  const std::size_t public_at = seq.offset();
  if (seq.ok() && seq.next_is(asn1::Tag::context(1, false))) {
    if (version != 1)
      seq.fail(public_at, "publicKey",
               "publicKey is only allowed in a version v2 (1) key (RFC 5958 §2)");
    const asn1::BitString bits = seq.implicit_bit_string(1, "publicKey");
    if (seq.ok() && (bits.unused_bits != 0 || bits.bytes.size() != 32)) {
      seq.fail(public_at, "publicKey", "publicKey must be 32 whole bytes (RFC 8410 §4)");
    } else if (seq.ok() &&
               !std::equal(bits.bytes.begin(), bits.bytes.end(), key.public_key.begin())) {
      seq.fail(public_at, "publicKey", "publicKey does not match the private key");
    }
  } else if (seq.ok() && version == 1) {
    seq.fail(public_at, "publicKey", "a version v2 (1) key must carry publicKey (RFC 5958 §2)");
  }
  seq.finish();
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  return key;
}

// RFC 5280 §4.1 SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
//   subjectPublicKey BIT STRING }; RFC 8410 §4: the key bytes are the BIT STRING's contents.
Result<Curve25519PublicKey, KeyParseError> parse_curve25519_spki_der(ByteView der) {
  asn1::Der input(der);
  DerReader seq = input.sequence("subjectPublicKeyInfo");
  Curve25519PublicKey key;
  key.type = read_algorithm(seq, "algorithm");
  const std::size_t at = seq.offset();
  const ByteView bits = seq.bit_string_bytes("subjectPublicKey");
  if (seq.ok() && bits.size() != 32) {
    seq.fail(at, "subjectPublicKey",
             "an X25519 or Ed25519 public key is 32 bytes (RFC 8410 §4), not " +
                 std::to_string(bits.size()));
  } else if (seq.ok()) {
    std::copy(bits.begin(), bits.end(), key.public_key.begin());
  }
  seq.finish();
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  return key;
}

Result<Curve25519PrivateKey, KeyParseError> parse_curve25519_private_key_pem(
    std::string_view text) {
  auto blocks = asn1::pem_decode_all(text);
  if (!blocks) return Err(pem_problem(blocks.error()));
  Result<Curve25519PrivateKey, KeyParseError> out = Err(pem_problem({1, "no PEM block found"}));
  if (blocks->size() > 1) {
    out = Err(pem_problem({(*blocks)[1].line, "expected exactly one PEM block"}));
  } else if (blocks->size() == 1) {
    const asn1::PemBlock& b = blocks->front();
    if (b.label != kPrivateLabel)
      out = Err(pem_problem({b.line, "PEM label \"" + b.label + "\" is not \"PRIVATE KEY\""}));
    else
      out = with_pem_line(parse_curve25519_private_key_der(b.der), b.line);
  }
  for (auto& b : *blocks) ct::secure_wipe(b.der.data(), b.der.size());
  return out;
}

Result<Curve25519PublicKey, KeyParseError> parse_curve25519_public_key_pem(std::string_view text) {
  auto blocks = asn1::pem_decode_all(text);
  if (!blocks) return Err(pem_problem(blocks.error()));
  if (blocks->empty()) return Err(pem_problem({1, "no PEM block found"}));
  if (blocks->size() > 1)
    return Err(pem_problem({(*blocks)[1].line, "expected exactly one PEM block"}));
  const asn1::PemBlock& b = blocks->front();
  if (b.label != kPublicLabel)
    return Err(pem_problem({b.line, "PEM label \"" + b.label + "\" is not \"PUBLIC KEY\""}));
  return with_pem_line(parse_curve25519_spki_der(b.der), b.line);
}

Bytes write_curve25519_private_key_der(const Curve25519PrivateKey& key, bool include_public_key) {
  // The layout is fixed, so it is written byte by byte into a buffer reserved at its final size
  // (a growing buffer would free copies of the key without wiping them):
  //   30 len                                  OneAsymmetricKey
  //     02 01 vv                              version: 0 (v1) or 1 (v2)
  //     30 05 06 03 2b 65 6e|70               AlgorithmIdentifier: id-X25519 / id-Ed25519
  //     04 22 04 20 <32 bytes>                privateKey { CurvePrivateKey }
  //     81 21 00 <32 bytes>                   [1] publicKey (v2 only), 0 unused bits
  const std::uint8_t oid_last = key.type == Curve25519KeyType::x25519 ? 0x6e : 0x70;
  const std::size_t body = 3 + 7 + 36 + (include_public_key ? 35 : 0);
  Bytes out;
  out.reserve(2 + body);
  const std::uint8_t head[] = {0x30,
                               static_cast<std::uint8_t>(body),
                               0x02,
                               0x01,
                               static_cast<std::uint8_t>(include_public_key ? 1 : 0),
                               0x30,
                               0x05,
                               0x06,
                               0x03,
                               0x2b,
                               0x65,
                               oid_last,
                               0x04,
                               0x22,
                               0x04,
                               0x20};
  out.insert(out.end(), std::begin(head), std::end(head));
  out.insert(out.end(), key.private_key.begin(), key.private_key.end());
  if (include_public_key) {
    const std::uint8_t pub_head[] = {0x81, 0x21, 0x00};
    out.insert(out.end(), std::begin(pub_head), std::end(pub_head));
    out.insert(out.end(), key.public_key.begin(), key.public_key.end());
  }
  return out;
}

Bytes write_curve25519_spki_der(const Curve25519PublicKey& key) {
  DerWriter w;
  w.sequence([&](DerWriter& seq) {
    write_algorithm(seq, key.type);
    seq.bit_string(key.public_key);
  });
  return w.take();
}

std::string write_curve25519_private_key_pem(const Curve25519PrivateKey& key,
                                             bool include_public_key) {
  Bytes der = write_curve25519_private_key_der(key, include_public_key);
  std::string pem = asn1::pem_encode(kPrivateLabel, der);
  ct::secure_wipe(der.data(), der.size());
  return pem;
}

std::string write_curve25519_public_key_pem(const Curve25519PublicKey& key) {
  return asn1::pem_encode(kPublicLabel, write_curve25519_spki_der(key));
}

}  // namespace glasstls::crypto
