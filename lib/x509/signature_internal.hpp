// Helpers shared by the signature files of lib/x509 (not public API).
#pragma once

#include <string>
#include <string_view>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/oid.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/x509/signature.hpp"

namespace glasstls::x509::detail {

/// "1.2.840.113549.1.1.4 (md5WithRSAEncryption)", or the dotted form alone for an OID with no
/// name glasstls knows.
std::string describe_oid(const asn1::Oid& oid);

/// "SHA-256" and so on, as messages print hashes.
std::string_view hash_display_name(crypto::HashAlg h);

/// md2/md4/md5WithRSAEncryption: signatures over hashes broken for collisions, refused as weak.
bool is_broken_hash_signature(const asn1::Oid& oid);

/// The two fields after a signed structure (a certificate's or a CRL's): signatureAlgorithm,
/// which "MUST contain the same algorithm identifier as the signature field" inside the signed
/// part (RFC 5280 §4.1.1.2, §5.1.1.2) — compared as encoded, byte for byte — and signatureValue,
/// a BIT STRING of whole bytes. `inner` is the algorithm read from the signed part, `inner_field`
/// its name in messages ("tbsCertificate.signature"), `rule` the section. Returns the signature;
/// errors go into `outer`.
Bytes read_outer_signature(asn1::DerReader& outer, const SignatureAlgorithm& inner,
                           std::string_view inner_field, std::string_view rule);

}  // namespace glasstls::x509::detail
