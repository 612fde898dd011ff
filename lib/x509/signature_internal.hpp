// Helpers shared by the signature files of lib/x509 (not public API).
#pragma once

#include <string>
#include <string_view>

#include "glasstls/asn1/oid.hpp"
#include "glasstls/crypto/hash.hpp"

namespace glasstls::x509::detail {

/// "1.2.840.113549.1.1.4 (md5WithRSAEncryption)", or the dotted form alone for an OID with no
/// name glasstls knows.
std::string describe_oid(const asn1::Oid& oid);

/// "SHA-256" and so on, as messages print hashes.
std::string_view hash_display_name(crypto::HashAlg h);

/// md2/md4/md5WithRSAEncryption: signatures over hashes broken for collisions, refused as weak.
bool is_broken_hash_signature(const asn1::Oid& oid);

}  // namespace glasstls::x509::detail
