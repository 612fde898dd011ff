// RSASSA-PSS parameters (RFC 4055 §3.1) and the AlgorithmIdentifier of an RSA key (RFC 3279
// §2.3.1 rsaEncryption, RFC 4055 §3.1 id-RSASSA-PSS), read and written.
#include <cstdint>
#include <string>

#include "crypto/rsa_key_io_internal.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"

namespace glasstls::crypto {
namespace {

using asn1::DerReader;
using asn1::DerWriter;
namespace oids = asn1::oids;

// "1.2.840.10045.2.1 (id-ecPublicKey)", or just the dotted form for an OID glasstls has no name
// for.
std::string describe(const asn1::Oid& oid) {
  std::string s = oid.to_dotted();
  if (std::string_view name = asn1::oid_name(oid); !name.empty()) {
    s += " (";
    s += name;
    s += ')';
  }
  return s;
}

const asn1::Oid& hash_oid(HashAlg h) {
  switch (h) {
    case HashAlg::sha1:
      return oids::id_sha1;
    case HashAlg::sha256:
      return oids::id_sha256;
    case HashAlg::sha384:
      return oids::id_sha384;
    case HashAlg::sha512:
      return oids::id_sha512;
  }
  return oids::id_sha256;  // unreachable: every enumerator is handled above
}

// RFC 4055 §2.1: HashAlgorithm ::= AlgorithmIdentifier, one of sha1Identifier ... sha512Identifier,
// whose parameters are NULL or absent ("All implementations MUST accept both NULL and absent
// parameters as legal and equivalent encodings"). SHA-224 is in RFC 4055 but not in HashAlg.
HashAlg read_hash_algorithm(DerReader& r, std::string_view name) {
  DerReader alg = r.sequence(name);
  const std::size_t oid_at = alg.offset();
  const asn1::Oid oid = alg.oid("algorithm");
  if (alg.ok() && !alg.at_end()) {
    if (alg.next_is(asn1::tags::null)) {
      alg.null("parameters");
    } else {
      alg.fail(alg.offset(), "parameters",
               "the parameters of hash algorithm " + describe(oid) +
                   " must be NULL or absent (RFC 4055 §2.1)");
    }
  }
  alg.finish();
  if (!alg.ok()) return HashAlg::sha1;
  if (oid == oids::id_sha1) return HashAlg::sha1;
  if (oid == oids::id_sha256) return HashAlg::sha256;
  if (oid == oids::id_sha384) return HashAlg::sha384;
  if (oid == oids::id_sha512) return HashAlg::sha512;
  if (oid == oids::id_sha224) {
    alg.fail(oid_at, "algorithm",
             "SHA-224 (" + describe(oid) +
                 ") is not supported in RSASSA-PSS parameters; glasstls supports SHA-1, SHA-256, "
                 "SHA-384 and SHA-512");
  } else {
    alg.fail(oid_at, "algorithm",
             "unsupported hash algorithm " + describe(oid) +
                 " in RSASSA-PSS parameters; RFC 4055 §2.1 allows SHA-1, SHA-224, SHA-256, "
                 "SHA-384 and SHA-512 (glasstls: all but SHA-224)");
  }
  return HashAlg::sha1;
}

// sha1Identifier etc. (RFC 4055 §2.1) as written: with the NULL parameter, the form RFC 4055
// uses in the PSS and OAEP definitions and the form OpenSSL writes.
void write_hash_identifier(DerWriter& w, HashAlg h) {
  w.sequence([&](DerWriter& alg) {
    alg.oid(hash_oid(h));
    alg.null();
  });
}

}  // namespace

// RFC 4055 §3.1 (module DEFINITIONS EXPLICIT TAGS, §7):
//   RSASSA-PSS-params  ::=  SEQUENCE  {
//      hashAlgorithm      [0] HashAlgorithm DEFAULT sha1Identifier,
//      maskGenAlgorithm   [1] MaskGenAlgorithm DEFAULT mgf1SHA1Identifier,
//      saltLength         [2] INTEGER DEFAULT 20,
//      trailerField       [3] INTEGER DEFAULT 1  }
// Absent fields take their DEFAULT (RsaPssParams' initial values). RFC 4055 §3.1 also requires
// verifiers to accept a field explicitly present with its default value, so that is accepted.
RsaPssParams read_rsassa_pss_params(DerReader& reader, std::string_view name) {
  RsaPssParams params;
  DerReader seq = reader.sequence(name);
  if (auto hash = seq.optional_explicit(0, "hashAlgorithm")) {
    params.hash = read_hash_algorithm(*hash, "");
    hash->finish();
  }
  if (auto mask = seq.optional_explicit(1, "maskGenAlgorithm")) {
    // RFC 4055 §2.2: MGF1 is the only mask generation function; its parameters field is the
    // HashAlgorithm MGF1 uses.
    DerReader mgf = mask->sequence("");
    const std::size_t oid_at = mgf.offset();
    const asn1::Oid oid = mgf.oid("algorithm");
    if (mgf.ok() && oid != oids::id_mgf1) {
      mgf.fail(oid_at, "algorithm",
               "unsupported mask generation function " + describe(oid) +
                   "; RFC 4055 §2.2 allows only id-mgf1 (1.2.840.113549.1.1.8)");
    }
    params.mgf1_hash = read_hash_algorithm(mgf, "parameters");
    mgf.finish();
    mask->finish();
  }
  if (auto salt = seq.optional_explicit(2, "saltLength")) {
    const std::size_t at = salt->offset();
    const std::int64_t v = salt->small_integer("");
    if (salt->ok() && v < 0)
      salt->fail(at, "", "saltLength must not be negative (RFC 4055 §3.1: an octet count)");
    if (salt->ok()) params.salt_length = static_cast<std::size_t>(v);
    salt->finish();
  }
  if (auto trailer = seq.optional_explicit(3, "trailerField")) {
    const std::size_t at = trailer->offset();
    const std::int64_t v = trailer->small_integer("");
    if (trailer->ok() && v != 1) {
      trailer->fail(at, "",
                    "PSS parameters: trailerField must be 1 (the 0xBC trailer, RFC 4055 §3.1), "
                    "not " +
                        std::to_string(v));
    }
    trailer->finish();
  }
  seq.finish();  // a field out of order, or an unknown one, is left over here
  return params;
}

Result<RsaPssParams, KeyParseError> parse_rsassa_pss_params_der(ByteView params_der) {
  asn1::Der input(params_der);
  DerReader root = input.root();
  RsaPssParams params = read_rsassa_pss_params(root, "rsassaPssParams");
  if (input.ok() && !root.at_end())
    root.fail(root.offset(), "rsassaPssParams", "trailing bytes after RSASSA-PSS-params");
  if (!input.ok()) return Err(KeyParseError::from_der(input.error()));
  return params;
}

Bytes write_rsassa_pss_params_der(const RsaPssParams& params) {
  // DER (X.690 §11.5): a field equal to its DEFAULT is omitted. RFC 4055 §3.1 says the same for
  // signers ("MUST omit the hashAlgorithm field when SHA-1 is used", and likewise for the others).
  DerWriter w;
  w.sequence([&](DerWriter& seq) {
    if (params.hash != HashAlg::sha1)
      seq.explicit_tag(0, [&](DerWriter& t) { write_hash_identifier(t, params.hash); });
    if (params.mgf1_hash != HashAlg::sha1) {
      seq.explicit_tag(1, [&](DerWriter& t) {
        t.sequence([&](DerWriter& mgf) {
          mgf.oid(oids::id_mgf1);
          write_hash_identifier(mgf, params.mgf1_hash);
        });
      });
    }
    if (params.salt_length != 20)
      seq.explicit_tag(
          2, [&](DerWriter& t) { t.integer(static_cast<std::int64_t>(params.salt_length)); });
    // trailerField is always 1, its DEFAULT: never written.
  });
  return w.take();
}

namespace rsa_io {

// RFC 5280 §4.1.1.2:
//   AlgorithmIdentifier  ::=  SEQUENCE  {
//        algorithm               OBJECT IDENTIFIER,
//        parameters              ANY DEFINED BY algorithm OPTIONAL  }
RsaKeyAlgorithm read_rsa_key_algorithm(DerReader& r, std::string_view name) {
  RsaKeyAlgorithm result;
  DerReader alg = r.sequence(name);
  const std::size_t oid_at = alg.offset();
  const asn1::Oid oid = alg.oid("algorithm");
  if (!alg.ok()) return result;
  if (oid == oids::rsaEncryption) {
    // RFC 3279 §2.3.1: "The parameters field MUST have ASN.1 type NULL for this algorithm
    // identifier."
    if (alg.next_is(asn1::tags::null)) {
      alg.null("parameters");
    } else {
      alg.fail(alg.offset(), "parameters",
               "rsaEncryption parameters must be NULL (RFC 3279 §2.3.1)");
    }
  } else if (oid == oids::id_RSASSA_PSS) {
    // RFC 4055 §3.1: "The parameters may be either absent or present when used as subject
    // public key information."; present means RSASSA-PSS-params (a SEQUENCE).
    result.pss = true;
    if (!alg.at_end()) {
      if (alg.next_is(asn1::tags::sequence)) {
        result.pss_params = read_rsassa_pss_params(alg, "parameters");
      } else {
        alg.fail(alg.offset(), "parameters",
                 "id-RSASSA-PSS parameters must be absent or RSASSA-PSS-params (RFC 4055 §3.1)");
      }
    }
  } else {
    alg.fail(oid_at, "algorithm",
             "unsupported key algorithm " + describe(oid) +
                 "; an RSA key is rsaEncryption (1.2.840.113549.1.1.1) or id-RSASSA-PSS "
                 "(1.2.840.113549.1.1.10)");
  }
  alg.finish();
  return result;
}

void write_rsa_key_algorithm(DerWriter& w, bool pss, const std::optional<RsaPssParams>& params) {
  w.sequence([&](DerWriter& alg) {
    if (pss || params) {
      alg.oid(oids::id_RSASSA_PSS);  // RFC 4055 §3.1; absent parameters: unrestricted
      if (params) alg.raw(write_rsassa_pss_params_der(*params));
    } else {
      alg.oid(oids::rsaEncryption);  // RFC 3279 §2.3.1
      alg.null();
    }
  });
}

}  // namespace rsa_io
}  // namespace glasstls::crypto
