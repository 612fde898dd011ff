// PKCS#1 key syntax (RFC 8017 Appendix A.1): RSAPublicKey and RSAPrivateKey, read and written;
// plus the pieces every RSA key format shares (errors, positive integers, writing secrets).
#include <algorithm>
#include <string>

#include "crypto/rsa_key_io_internal.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"

namespace glasstls::crypto {

namespace rsa_io {

ByteView read_positive_integer(asn1::DerReader& r, std::string_view name) {
  const std::size_t at = r.offset();
  ByteView c = r.integer(name);  // checks the minimal two's-complement form, X.690 §8.3.2
  if (!r.ok() || c.empty()) return {};
  // RFC 8017 A.1.1 and A.1.2 declare these fields INTEGER, but they are the positive numbers
  // of §3.1 and §3.2 (n, e, d, primes, CRT exponents and coefficient).
  if ((c[0] & 0x80) != 0) {
    r.fail(at, name, "must be a positive integer (RFC 8017 §3), but the INTEGER is negative");
    return {};
  }
  if (c.size() > 1 && c[0] == 0x00) c = c.subspan(1);  // the sign byte, not part of the number
  if (c.size() == 1 && c[0] == 0x00) {
    r.fail(at, name, "must be a positive integer (RFC 8017 §3), but the INTEGER is zero");
    return {};
  }
  return c;
}

RsaPublicKeyParts read_rsa_public_key(asn1::DerReader& r, std::string_view name) {
  // RFC 8017 A.1.1:
  //   RSAPublicKey ::= SEQUENCE {
  //       modulus           INTEGER,  -- n
  //       publicExponent    INTEGER   -- e
  //   }
  RsaPublicKeyParts key;
  asn1::DerReader seq = r.sequence(name);
  key.n = to_bytes(read_positive_integer(seq, "modulus"));
  key.e = to_bytes(read_positive_integer(seq, "publicExponent"));
  seq.finish();
  return key;
}

RsaPrivateKeyParts read_rsa_private_key(asn1::DerReader& r, std::string_view name) {
  // RFC 8017 A.1.2:
  //   RSAPrivateKey ::= SEQUENCE {
  //       version           Version,
  //       modulus           INTEGER,  -- n
  //       publicExponent    INTEGER,  -- e
  //       privateExponent   INTEGER,  -- d
  //       prime1            INTEGER,  -- p
  //       prime2            INTEGER,  -- q
  //       exponent1         INTEGER,  -- d mod (p-1)
  //       exponent2         INTEGER,  -- d mod (q-1)
  //       coefficient       INTEGER,  -- (inverse of q) mod p
  //       otherPrimeInfos   OtherPrimeInfos OPTIONAL
  //   }
  //   Version ::= INTEGER { two-prime(0), multi(1) }
  RsaPrivateKeyParts key;
  asn1::DerReader seq = r.sequence(name);
  const std::size_t version_at = seq.offset();
  const std::int64_t version = seq.small_integer("version");
  if (seq.ok() && version == 1) {
    // RFC 8017 A.1.2: version is multi(1) exactly when otherPrimeInfos is present.
    seq.fail(version_at, "version",
             "multi-prime RSA keys are not supported (version 1, RFC 8017 A.1.2); only "
             "two-prime keys (version 0)");
  } else if (seq.ok() && version != 0) {
    seq.fail(version_at, "version",
             "RSAPrivateKey version must be 0 (two-prime), not " + std::to_string(version) +
                 " (RFC 8017 A.1.2)");
  }
  key.n = to_bytes(read_positive_integer(seq, "modulus"));
  key.e = to_bytes(read_positive_integer(seq, "publicExponent"));
  key.d = to_bytes(read_positive_integer(seq, "privateExponent"));
  key.p = to_bytes(read_positive_integer(seq, "prime1"));
  key.q = to_bytes(read_positive_integer(seq, "prime2"));
  key.dp = to_bytes(read_positive_integer(seq, "exponent1"));
  key.dq = to_bytes(read_positive_integer(seq, "exponent2"));
  key.qinv = to_bytes(read_positive_integer(seq, "coefficient"));
  if (seq.ok() && !seq.at_end()) {
    seq.fail(seq.offset(), "otherPrimeInfos",
             "a version 0 (two-prime) key must end after coefficient; otherPrimeInfos belongs "
             "to multi-prime keys (RFC 8017 A.1.2)");
  }
  seq.finish();
  return key;
}

// ---- writing secrets ----------------------------------------------------------------------------

void append_secret(Bytes& out, ByteView data) {
  if (out.capacity() - out.size() < data.size()) {
    Bytes bigger;
    bigger.reserve(std::max(2 * out.capacity(), out.size() + data.size()));
    bigger.insert(bigger.end(), out.begin(), out.end());
    SecretBytes::wipe(out);
    out.swap(bigger);  // `bigger` now holds the old, wiped block
  }
  out.insert(out.end(), data.begin(), data.end());  // fits: no reallocation
}

void append_secret_element(Bytes& out, asn1::Tag tag, ByteView contents) {
  // A fresh writer puts the header in first, then the contents in one insert: any reallocation
  // copies header bytes only, so the writer's final buffer is the only copy of the secret.
  asn1::DerWriter w;
  w.primitive(tag, contents);
  SecretBytes encoded(w.take());
  append_secret(out, encoded.view());
}

void append_secret_integer(Bytes& out, ByteView magnitude) {
  // X.690 §8.3: two's complement, minimal; a 0x00 sign byte when the top bit is set, and a
  // single 00 for zero. The same rule as DerWriter::unsigned_integer, without its temporary.
  std::size_t skip = 0;
  while (skip < magnitude.size() && magnitude[skip] == 0) ++skip;
  const ByteView m = magnitude.subspan(skip);
  SecretBytes contents;
  contents.bytes().reserve(m.size() + 1);
  if (m.empty() || (m[0] & 0x80) != 0) contents.bytes().push_back(0x00);
  contents.bytes().insert(contents.bytes().end(), m.begin(), m.end());
  append_secret_element(out, asn1::tags::integer, contents.view());
}

}  // namespace rsa_io

// ---- public entry points ------------------------------------------------------------------------

Result<RsaPublicKeyParts, KeyParseError> parse_rsa_public_key_pkcs1_der(ByteView der) {
  asn1::Der input(der);
  asn1::DerReader root = input.root();
  RsaPublicKeyParts key = rsa_io::read_rsa_public_key(root, "rsaPublicKey");
  if (input.ok() && !root.at_end())
    root.fail(root.offset(), "rsaPublicKey", "trailing bytes after the RSAPublicKey");
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  return key;
}

Result<RsaPrivateKeyParts, KeyParseError> parse_rsa_private_key_pkcs1_der(ByteView der) {
  asn1::Der input(der);
  asn1::DerReader root = input.root();
  RsaPrivateKeyParts key = rsa_io::read_rsa_private_key(root, "rsaPrivateKey");
  if (input.ok() && !root.at_end())
    root.fail(root.offset(), "rsaPrivateKey", "trailing bytes after the RSAPrivateKey");
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  return key;
}

Bytes write_rsa_public_key_pkcs1_der(const RsaPublicKeyParts& key) {
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& s) {  // RFC 8017 A.1.1 RSAPublicKey
    s.unsigned_integer(key.n);
    s.unsigned_integer(key.e);
  });
  return w.take();
}

Bytes write_rsa_private_key_pkcs1_der(const RsaPrivateKeyParts& key) {
  // RFC 8017 A.1.2 RSAPrivateKey, version two-prime(0). Built with the secret-writing helpers so
  // no copy of d, p, q or the CRT values is freed unwiped.
  const Bytes* const fields[] = {&key.n, &key.e,  &key.d,  &key.p,
                                 &key.q, &key.dp, &key.dq, &key.qinv};
  std::size_t size = 3;                                 // version: 02 01 00
  for (const Bytes* f : fields) size += f->size() + 6;  // tag, up to 4 length octets, sign byte
  rsa_io::SecretBytes body;
  body.bytes().reserve(size);
  rsa_io::append_secret_integer(body.bytes(), Bytes{0});  // version two-prime(0)
  for (const Bytes* f : fields) rsa_io::append_secret_integer(body.bytes(), *f);
  Bytes out;
  rsa_io::append_secret_element(out, asn1::tags::sequence, body.view());
  return out;
}

}  // namespace glasstls::crypto
