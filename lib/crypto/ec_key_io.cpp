// NIST P-256 / P-384 key files: SEC1 ECPrivateKey (RFC 5915), PKCS#8 / OneAsymmetricKey
// (RFC 5958) and SubjectPublicKeyInfo (RFC 5480), as DER and PEM. The arithmetic checks (d in
// [1, n−1], points on the curve) are ec.hpp's; this file checks the encoding around them.
#include "glasstls/crypto/ec_key_io.hpp"

#include <cassert>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/core/ct.hpp"

namespace glasstls::crypto {
namespace {

using asn1::DerReader;
using asn1::DerWriter;

constexpr std::string_view kSec1Label = "EC PRIVATE KEY";
constexpr std::string_view kParametersLabel = "EC PARAMETERS";
constexpr std::string_view kPkcs8Label = "PRIVATE KEY";
constexpr std::string_view kEncryptedLabel = "ENCRYPTED PRIVATE KEY";
constexpr std::string_view kSpkiLabel = "PUBLIC KEY";

// "1.3.132.0.35 (secp521r1)", or just the dotted form for an OID without a name.
std::string oid_text(const asn1::Oid& oid) {
  std::string s = oid.to_dotted();
  if (const std::string_view name = asn1::oid_name(oid); !name.empty())
    s += " (" + std::string(name) + ")";
  return s;
}

std::string curve_text(EcCurve curve) {
  return std::string(ec_curve_name(curve));
}

// Wipes a buffer that held secret DER, over its whole capacity.
void wipe(Bytes& b) noexcept {
  b.resize(b.capacity());
  ct::secure_wipe(b.data(), b.size());
  b.clear();
}

// ---- points -------------------------------------------------------------------------------------

std::string hex_byte(std::uint8_t b) {
  constexpr char kDigits[] = "0123456789abcdef";
  return std::string("0x") + kDigits[b >> 4] + kDigits[b & 15];
}

// Checks an ECPoint (RFC 5480 §2.2) carried in a BIT STRING as the public key of `curve`, and
// records why it is refused in `r`, at `at` (the BIT STRING's offset), on field `name`. The form
// and length are checked here, to say what was found; EcPublicKey::from_uncompressed then checks
// the arithmetic (coordinates below p, on the curve).
std::optional<EcPublicKey> read_point(DerReader& r, std::size_t at, std::string_view name,
                                      EcCurve curve, const asn1::BitString& bits) {
  if (!r.ok()) return std::nullopt;
  // RFC 5480 §2.2: the ECPoint's octets become the BIT STRING's bits one for one.
  if (bits.unused_bits != 0) {
    r.fail(at, name,
           "the BIT STRING holding an EC point must have 0 unused bits, not " +
               std::to_string(bits.unused_bits) + " (RFC 5480 §2.2)");
    return std::nullopt;
  }
  const ByteView p = bits.bytes;
  const std::size_t want = ec_point_size(curve);
  std::string problem;
  if (p.empty()) {
    problem = "the EC point is empty";
  } else if (p[0] == 0x02 || p[0] == 0x03) {
    // RFC 5480 §2.2 lets an implementation support only the uncompressed form (and RFC 8446
    // §4.2.8.2 allows nothing else in TLS 1.3).
    problem = "compressed EC points (first byte " + hex_byte(p[0]) +
              ") are not supported; the point must be uncompressed, 04 ‖ X ‖ Y (RFC 5480 §2.2)";
  } else if (p[0] == 0x06 || p[0] == 0x07) {
    problem = "the hybrid point form (first byte " + hex_byte(p[0]) +
              ") MUST NOT be used (RFC 5480 §2.2)";
  } else if (p.size() == 1 && p[0] == 0x00) {
    problem = "the point at infinity is not a public key (SEC 1 v2 §3.2.2.1)";
  } else if (p[0] != 0x04) {
    problem = "an EC point's first byte must be 04 (uncompressed), not " + hex_byte(p[0]) +
              " (RFC 5480 §2.2)";
  } else if (p.size() != want) {
    problem = "an uncompressed " + curve_text(curve) + " point is " + std::to_string(want) +
              " bytes (04 ‖ X ‖ Y), not " + std::to_string(p.size());
  }
  if (!problem.empty()) {
    r.fail(at, name, std::move(problem));
    return std::nullopt;
  }
  auto key = EcPublicKey::from_uncompressed(curve, p);
  if (key) return *key;
  switch (key.error()) {
    case EcError::coordinate_out_of_range:
      problem = "a coordinate of the EC point is not below the field prime p (SEC 1 v2 §2.3.4)";
      break;
    case EcError::not_on_curve:
      problem = "the EC point is not on " + curve_text(curve) + " (SP 800-56A r3 §5.6.2.3.4)";
      break;
    default:
      problem = std::string(ec_error_message(key.error()));
      break;
  }
  r.fail(at, name, std::move(problem));
  return std::nullopt;
}

// ---- algorithm identifier -----------------------------------------------------------------------

// RFC 5480 §2.1.1:
//   AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
//   id-ecPublicKey OBJECT IDENTIFIER ::= {
//     iso(1) member-body(2) us(840) ansi-X9-62(10045) keyType(2) 1 }
//   "The parameter for id-ecPublicKey is as follows and MUST always be present: ECParameters"
// The restricted identifiers of §2.1.2 (id-ecDH, id-ecMQV) are refused like any other algorithm.
EcCurve read_ec_key_algorithm(DerReader& outer, std::string_view name) {
  DerReader alg = outer.sequence(name);
  const std::size_t at = alg.offset();
  const asn1::Oid oid = alg.oid("algorithm");
  if (alg.ok() && oid != asn1::oids::id_ecPublicKey) {
    alg.fail(at, "algorithm",
             "algorithm is " + oid_text(oid) +
                 ", not id-ecPublicKey (1.2.840.10045.2.1, RFC 5480 §2.1.1)");
  }
  const EcCurve curve = read_ec_parameters(alg, "parameters");
  alg.finish();
  return curve;
}

void write_ec_key_algorithm(DerWriter& w, EcCurve curve) {
  w.sequence([&](DerWriter& alg) {
    alg.oid(asn1::oids::id_ecPublicKey);
    alg.oid(ec_curve_oid(curve));
  });
}

// ---- ECPrivateKey -------------------------------------------------------------------------------

// RFC 5915 §3 (module DEFINITIONS EXPLICIT TAGS, Appendix A):
//   ECPrivateKey ::= SEQUENCE {
//     version        INTEGER { ecPrivkeyVer1(1) } (ecPrivkeyVer1),
//     privateKey     OCTET STRING,
//     parameters [0] ECParameters {{ NamedCurve }} OPTIONAL,
//     publicKey  [1] BIT STRING OPTIONAL
//   }
// Reads the fields from `seq`, the reader over the SEQUENCE's contents. `known` is the curve named
// outside the structure (PKCS#8's privateKeyAlgorithm), if any. Returns the key when `seq` is ok.
std::optional<EcPrivateKey> read_ec_private_key(DerReader& seq, std::optional<EcCurve> known) {
  const std::size_t version_at = seq.offset();
  const std::int64_t version = seq.small_integer("version");
  if (seq.ok() && version != 1) {
    seq.fail(version_at, "version",
             "ECPrivateKey version must be ecPrivkeyVer1 (1), not " + std::to_string(version) +
                 " (RFC 5915 §3)");
  }
  const std::size_t private_at = seq.offset();
  const ByteView d = seq.octet_string("privateKey");

  std::optional<EcCurve> curve = known;
  const std::size_t parameters_at = seq.offset();
  if (auto parameters = seq.optional_explicit(0, "parameters")) {
    const EcCurve named = read_ec_parameters(*parameters, "");  // path: ecPrivateKey.parameters
    parameters->finish();
    if (parameters->ok() && known && named != *known) {
      seq.fail(parameters_at, "parameters",
               "parameters [0] names " + curve_text(named) + " but the privateKeyAlgorithm names " +
                   curve_text(*known) + "; they must agree");
    }
    curve = named;
  } else if (seq.ok() && !known) {
    seq.fail(parameters_at, "parameters",
             "parameters [0] is missing and nothing else names the curve (RFC 5915 §3: "
             "implementations MUST always include it)");
  }

  // RFC 5915 §3: privateKey is "an octet string of length ceiling (log2(n)/8)", I2OSP of d —
  // exactly the scalar size, leading zeros kept. SEC 1 v2 §3.2.1: 1 ≤ d ≤ n−1.
  std::optional<EcPrivateKey> key;
  if (seq.ok() && d.size() != ec_scalar_size(*curve)) {
    seq.fail(private_at, "privateKey",
             "a " + curve_text(*curve) + " privateKey must be exactly " +
                 std::to_string(ec_scalar_size(*curve)) + " bytes (RFC 5915 §3), not " +
                 std::to_string(d.size()));
  } else if (seq.ok()) {
    auto k = EcPrivateKey::from_scalar(*curve, d);
    if (k) {
      key.emplace(*k);
    } else {
      seq.fail(private_at, "privateKey",
               "the private key is 0 or not below the group order n; it must lie in [1, n−1] "
               "(SEC 1 v2 §3.2.1)");
    }
  }

  // RFC 5915 §3: publicKey "contains the elliptic curve public key associated with the private
  // key in question": it must be the point [d]G computed from privateKey.
  if (auto pub = seq.optional_explicit(1, "publicKey")) {
    const std::size_t bits_at = pub->offset();
    const asn1::BitString bits = pub->bit_string("");
    pub->finish();
    if (key) {
      const auto point = read_point(*pub, bits_at, "", *curve, bits);
      if (point && !(*point == key->public_key()))
        pub->fail(bits_at, "", "publicKey does not match the private key");
    }
  }
  seq.finish();
  if (!seq.ok()) key.reset();
  return key;
}

// ---- writing secrets ----------------------------------------------------------------------------
// A private key's DER is built in one buffer reserved at its final size: a vector that grows frees
// its old block without wiping it. Only public pieces (OIDs, the public point) go through
// DerWriter.

// DER length octets (X.690 §8.1.3): one byte below 128, else 0x81 or 0x82 and the length.
std::size_t length_size(std::size_t n) {
  return n < 0x80 ? 1 : n < 0x100 ? 2 : 3;
}
void append_length(Bytes& out, std::size_t n) {
  if (n >= 0x100) {
    out.push_back(0x82);
    out.push_back(static_cast<std::uint8_t>(n >> 8));
  } else if (n >= 0x80) {
    out.push_back(0x81);
  }
  out.push_back(static_cast<std::uint8_t>(n & 0xff));
}
void append(Bytes& out, ByteView data) {
  out.insert(out.end(), data.begin(), data.end());
}

// The ECPrivateKey of `key`, measured before it is written:
//   30 len  02 01 01  04 len <d>  [a0 len 06 len <curve OID>]  a1 len 03 len 00 04 <X> <Y>
struct Sec1Layout {
  Bytes parameters;       // [0] EXPLICIT namedCurve, or empty when left out
  Bytes public_key;       // [1] EXPLICIT BIT STRING
  std::size_t body = 0;   // bytes inside the SEQUENCE
  std::size_t total = 0;  // the whole ECPrivateKey
};

Sec1Layout sec1_layout(const EcPrivateKey& key, bool with_parameters) {
  Sec1Layout l;
  if (with_parameters) {
    DerWriter w;
    w.explicit_tag(0, [&](DerWriter& p) { p.oid(ec_curve_oid(key.curve())); });
    l.parameters = w.take();
  }
  DerWriter w;
  w.explicit_tag(1, [&](DerWriter& p) { p.bit_string(key.public_key().uncompressed()); });
  l.public_key = w.take();
  const std::size_t d = key.scalar().size();
  l.body = 3 + (1 + length_size(d) + d) + l.parameters.size() + l.public_key.size();
  l.total = 1 + length_size(l.body) + l.body;
  return l;
}

// Appends the ECPrivateKey to `out`, which has room for it already (no reallocation).
void append_sec1(Bytes& out, const Sec1Layout& l, const EcPrivateKey& key) {
  [[maybe_unused]] const std::size_t capacity = out.capacity();
  out.push_back(0x30);
  append_length(out, l.body);
  const std::uint8_t version[] = {0x02, 0x01, 0x01};  // INTEGER 1: ecPrivkeyVer1
  append(out, version);
  out.push_back(0x04);  // OCTET STRING privateKey
  append_length(out, key.scalar().size());
  append(out, key.scalar());
  append(out, l.parameters);
  append(out, l.public_key);
  assert(out.capacity() == capacity);
}

// ---- PEM ----------------------------------------------------------------------------------------

KeyParseError pem_error(std::size_t line, std::string reason) {
  return KeyParseError{0, "pem", std::move(reason), line};
}

template <class T>
Result<T, KeyParseError> at_pem_line(Result<T, KeyParseError> r, std::size_t line) {
  if (r.ok()) return r;
  KeyParseError e = r.error();
  e.pem_line = line;
  return Err(std::move(e));
}

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

// Wipes every decoded block when it goes out of scope, on every path.
struct WipeBlocks {
  std::vector<asn1::PemBlock>& blocks;
  ~WipeBlocks() {
    for (asn1::PemBlock& b : blocks) wipe(b.der);
  }
};

// The DER of an "EC PARAMETERS" block: one ECParameters (SEC 1 v2 §C.2; RFC 5480 §2.1.1).
Result<EcCurve, KeyParseError> parse_ec_parameters_der(ByteView der) {
  asn1::Der input(der);
  DerReader root = input.root();
  const EcCurve curve = read_ec_parameters(root, "ecParameters");
  if (root.ok() && !root.at_end())
    root.fail(root.offset(), "ecParameters", "trailing bytes after the ECParameters");
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  return curve;
}

// The private-key PEM readers: `sec1` accepts "EC PRIVATE KEY" (optionally after "EC
// PARAMETERS"), `pkcs8` accepts "PRIVATE KEY".
Result<EcPrivateKey, KeyParseError> read_private_key_pem(std::string_view text, bool sec1,
                                                         bool pkcs8) {
  const std::string what = "an EC private key labelled " +
                           (sec1 && pkcs8 ? quoted(kSec1Label) + " or " + quoted(kPkcs8Label)
                                          : quoted(sec1 ? kSec1Label : kPkcs8Label));
  auto decoded = asn1::pem_decode_all(text);
  if (!decoded) return Err(pem_error(decoded.error().line, decoded.error().reason));
  std::vector<asn1::PemBlock>& blocks = *decoded;
  const WipeBlocks wiper{blocks};
  if (blocks.empty()) return Err(pem_error(1, "no PEM block found; expected " + what));

  // `openssl ecparam -genkey` without -noout writes the curve in a block of its own first.
  std::optional<EcCurve> parameters_curve;
  std::size_t index = 0;
  if (sec1 && blocks[0].label == kParametersLabel) {
    auto curve = at_pem_line(parse_ec_parameters_der(blocks[0].der), blocks[0].line);
    if (!curve) return Err(curve.error());
    parameters_curve = *curve;
    index = 1;
    if (blocks.size() == 1) {
      return Err(pem_error(blocks[0].line, "an " + quoted(kParametersLabel) +
                                               " block holds no key; expected an " +
                                               quoted(kSec1Label) + " block after it"));
    }
    if (blocks[1].label != kSec1Label) {
      return Err(pem_error(blocks[1].line, "after an " + quoted(kParametersLabel) +
                                               " block the key must be labelled " +
                                               quoted(kSec1Label) + ", not " +
                                               quoted(blocks[1].label)));
    }
  }
  if (blocks.size() > index + 1) {
    return Err(pem_error(blocks[index + 1].line, "expected exactly one key block (" + what +
                                                     "), found another block after it"));
  }

  const asn1::PemBlock& block = blocks[index];
  if (sec1 && block.label == kSec1Label) {
    auto key = at_pem_line(parse_ec_private_key_sec1_der(block.der), block.line);
    if (key && parameters_curve && key->curve() != *parameters_curve) {
      return Err(KeyParseError{0, "ecParameters",
                               "the " + quoted(kParametersLabel) + " block names " +
                                   curve_text(*parameters_curve) + " but the key is a " +
                                   curve_text(key->curve()) + " key",
                               blocks[0].line});
    }
    return key;
  }
  if (pkcs8 && block.label == kPkcs8Label)
    return at_pem_line(parse_ec_private_key_pkcs8_der(block.der), block.line);
  if (block.label == kEncryptedLabel) {
    return Err(pem_error(block.line, "encrypted private keys (" + quoted(kEncryptedLabel) +
                                         ", RFC 7468 §11) are not supported; decrypt the key "
                                         "first"));
  }
  return Err(pem_error(block.line, "PEM label " + quoted(block.label) + " is not " + what));
}

}  // namespace

// ---- curves -------------------------------------------------------------------------------------

asn1::Oid ec_curve_oid(EcCurve curve) noexcept {
  return curve == EcCurve::p256 ? asn1::oids::secp256r1 : asn1::oids::secp384r1;
}

std::optional<EcCurve> ec_curve_from_oid(const asn1::Oid& oid) noexcept {
  if (oid == asn1::oids::secp256r1) return EcCurve::p256;
  if (oid == asn1::oids::secp384r1) return EcCurve::p384;
  return std::nullopt;
}

// RFC 5480 §2.1.1:
//   ECParameters ::= CHOICE {
//     namedCurve         OBJECT IDENTIFIER
//     -- implicitCurve   NULL
//     -- specifiedCurve  SpecifiedECDomain
//   }
//     -- implicitCurve and specifiedCurve MUST NOT be used in PKIX.
EcCurve read_ec_parameters(asn1::DerReader& reader, std::string_view name) {
  const std::size_t at = reader.offset();
  const std::optional<asn1::Tag> tag = reader.peek_tag();
  if (!reader.ok()) return EcCurve::p256;
  if (!tag) {
    reader.fail(at, name,
                "ECParameters naming the curve is missing (RFC 5480 §2.1.1: it MUST always be "
                "present)");
  } else if (*tag == asn1::tags::null) {
    reader.fail(at, name,
                "implicitCurve (NULL) parameters are not accepted; the curve must be named by "
                "OID (RFC 5480 §2.1.1: implicitCurve MUST NOT be used)");
  } else if (*tag == asn1::tags::sequence) {
    reader.fail(at, name,
                "specifiedCurve (explicit curve parameters) is not accepted; the curve must be "
                "named by OID (RFC 5480 §2.1.1: specifiedCurve MUST NOT be used)");
  } else if (*tag != asn1::tags::oid) {
    reader.fail(at, name,
                "ECParameters must be a namedCurve OBJECT IDENTIFIER (RFC 5480 §2.1.1), not " +
                    tag->to_string());
  } else {
    const asn1::Oid oid = reader.oid(name);
    if (!reader.ok()) return EcCurve::p256;
    if (const std::optional<EcCurve> curve = ec_curve_from_oid(oid)) return *curve;
    reader.fail(at, name,
                "unsupported named curve " + oid_text(oid) +
                    "; glasstls supports P-256 (secp256r1) and P-384 (secp384r1)");
  }
  return EcCurve::p256;
}

// ---- readers ------------------------------------------------------------------------------------

Result<EcPrivateKey, KeyParseError> parse_ec_private_key_sec1_der(ByteView der) {
  asn1::Der input(der);
  DerReader seq = input.sequence("ecPrivateKey");
  std::optional<EcPrivateKey> key = read_ec_private_key(seq, std::nullopt);
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  assert(key);
  return std::move(*key);
}

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
//   PrivateKey ::= OCTET STRING     -- here the DER of an ECPrivateKey (RFC 5915 §3)
//   PublicKey ::= BIT STRING        -- here the ECPoint (RFC 5480 §2.2)
// PKCS#8's PrivateKeyInfo (RFC 5208) is the same with version v1 and no publicKey.
Result<EcPrivateKey, KeyParseError> parse_ec_private_key_pkcs8_der(ByteView der) {
  asn1::Der input(der);
  DerReader seq = input.sequence("privateKeyInfo");
  const std::size_t version_at = seq.offset();
  const std::int64_t version = seq.small_integer("version");
  if (seq.ok() && version != 0 && version != 1) {
    seq.fail(version_at, "version",
             "OneAsymmetricKey version must be v1 (0) or v2 (1), not " + std::to_string(version) +
                 " (RFC 5958 §2)");
  }
  const EcCurve curve = read_ec_key_algorithm(seq, "privateKeyAlgorithm");

  // The ECPrivateKey inside the privateKey OCTET STRING gets a reader of its own; its error, if
  // any, moves to the outer input (offset shifted by where the bytes sit, path prefixed).
  const ByteView private_key = seq.octet_string("privateKey");
  std::optional<EcPrivateKey> key;
  if (seq.ok()) {
    asn1::Der inner(private_key);
    DerReader ec = inner.sequence("ecPrivateKey");
    key = read_ec_private_key(ec, curve);
    if (!inner.ok()) {
      const auto base = static_cast<std::size_t>(private_key.data() - der.data());
      seq.fail(base + inner.error().offset, "privateKey." + inner.error().path,
               inner.error().reason);
    }
  }

  if (auto attributes = seq.optional_implicit_constructed(0, "attributes")) {
    // RFC 5958 §2: Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF ... }.
    // None matters for an EC key; their form is checked and they are skipped.
    while (attributes->ok() && !attributes->at_end()) {
      DerReader attribute = attributes->sequence("attribute");
      (void)attribute.oid("attrType");
      (void)attribute.set("attrValues");
      attribute.finish();
    }
  }

  const std::size_t public_at = seq.offset();
  if (seq.ok() && seq.next_is(asn1::Tag::context(1, false))) {
    // RFC 5958 §2: "If publicKey is present, then version is set to v2 else version is set to
    // v1." It must be the private key's own point.
    if (version != 1) {
      seq.fail(public_at, "publicKey",
               "publicKey is only allowed in a version v2 (1) key (RFC 5958 §2)");
    }
    const asn1::BitString bits = seq.implicit_bit_string(1, "publicKey");
    const auto point = read_point(seq, public_at, "publicKey", curve, bits);
    if (point && key && !(*point == key->public_key()))
      seq.fail(public_at, "publicKey", "publicKey does not match the private key");
  } else if (seq.ok() && version == 1) {
    seq.fail(public_at, "publicKey", "a version v2 (1) key must carry publicKey (RFC 5958 §2)");
  }
  seq.finish();  // RFC 5958 leaves room for future fields; glasstls knows none, so none may follow
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  assert(key);
  return std::move(*key);
}

// RFC 5280 §4.1 SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
//   subjectPublicKey BIT STRING }; RFC 5480 §2.2: the BIT STRING holds the ECPoint.
Result<EcPublicKey, KeyParseError> parse_ec_spki_der(ByteView der) {
  asn1::Der input(der);
  DerReader seq = input.sequence("subjectPublicKeyInfo");
  const EcCurve curve = read_ec_key_algorithm(seq, "algorithm");
  const std::size_t at = seq.offset();
  const asn1::BitString bits = seq.bit_string("subjectPublicKey");
  std::optional<EcPublicKey> key = read_point(seq, at, "subjectPublicKey", curve, bits);
  seq.finish();
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  assert(key);
  return *key;
}

Result<EcPrivateKey, KeyParseError> parse_ec_private_key_sec1_pem(std::string_view text) {
  return read_private_key_pem(text, /*sec1=*/true, /*pkcs8=*/false);
}

Result<EcPrivateKey, KeyParseError> parse_ec_private_key_pkcs8_pem(std::string_view text) {
  return read_private_key_pem(text, /*sec1=*/false, /*pkcs8=*/true);
}

Result<EcPrivateKey, KeyParseError> parse_ec_private_key_pem(std::string_view text) {
  return read_private_key_pem(text, /*sec1=*/true, /*pkcs8=*/true);
}

Result<EcPublicKey, KeyParseError> parse_ec_public_key_pem(std::string_view text) {
  auto decoded = asn1::pem_decode_all(text);
  if (!decoded) return Err(pem_error(decoded.error().line, decoded.error().reason));
  std::vector<asn1::PemBlock>& blocks = *decoded;
  const WipeBlocks wiper{blocks};  // in case the caller passed a private key by mistake
  const std::string what = "an EC public key labelled " + quoted(kSpkiLabel);
  if (blocks.empty()) return Err(pem_error(1, "no PEM block found; expected " + what));
  if (blocks.size() > 1) {
    return Err(pem_error(blocks[1].line, "expected exactly one PEM block (" + what + "), found " +
                                             std::to_string(blocks.size())));
  }
  const asn1::PemBlock& block = blocks[0];
  if (block.label != kSpkiLabel)
    return Err(pem_error(block.line, "PEM label " + quoted(block.label) + " is not " + what));
  return at_pem_line(parse_ec_spki_der(block.der), block.line);
}

// ---- writers ------------------------------------------------------------------------------------

Bytes write_ec_private_key_sec1_der(const EcPrivateKey& key) {
  const Sec1Layout layout = sec1_layout(key, /*with_parameters=*/true);
  Bytes out;
  out.reserve(layout.total);
  append_sec1(out, layout, key);
  return out;
}

Bytes write_ec_private_key_pkcs8_der(const EcPrivateKey& key) {
  // 30 len  02 01 00  30 len <id-ecPublicKey> <namedCurve>  04 len <ECPrivateKey without [0]>
  DerWriter header;  // the public fields: version v1 and privateKeyAlgorithm
  header.integer(0);
  write_ec_key_algorithm(header, key.curve());
  const Sec1Layout inner = sec1_layout(key, /*with_parameters=*/false);
  const std::size_t body = header.data().size() + 1 + length_size(inner.total) + inner.total;
  Bytes out;
  out.reserve(1 + length_size(body) + body);
  out.push_back(0x30);
  append_length(out, body);
  append(out, header.data());
  out.push_back(0x04);
  append_length(out, inner.total);
  append_sec1(out, inner, key);
  return out;
}

Bytes write_ec_spki_der(const EcPublicKey& key) {
  DerWriter w;
  w.sequence([&](DerWriter& spki) {
    write_ec_key_algorithm(spki, key.curve());
    spki.bit_string(key.uncompressed());
  });
  return w.take();
}

std::string write_ec_private_key_pem(const EcPrivateKey& key, EcPrivateKeyPem form) {
  Bytes der = form == EcPrivateKeyPem::sec1 ? write_ec_private_key_sec1_der(key)
                                            : write_ec_private_key_pkcs8_der(key);
  std::string pem = asn1::pem_encode(form == EcPrivateKeyPem::sec1 ? kSec1Label : kPkcs8Label, der);
  wipe(der);
  return pem;
}

std::string write_ec_public_key_pem(const EcPublicKey& key) {
  return asn1::pem_encode(kSpkiLabel, write_ec_spki_der(key));
}

}  // namespace glasstls::crypto
