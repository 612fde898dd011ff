// Internal to lib/x509: the decoders for each extension glasstls understands (extensions.cpp).
//
// Each decoder reads one extnValue, given a reader over the extnValue's contents (a DER value of
// its own), reads it whole and calls finish() on the reader; errors go into the reader with the
// field path inside the extension. parse_certificate() then shifts the offset to the position of
// the extnValue in the certificate. Tests call the decoders directly on hand-made DER.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/x509/certificate.hpp"
#include "glasstls/x509/extensions.hpp"

namespace glasstls::x509::detail {

/// Where a GeneralName appears: iPAddress is 4 or 16 bytes in names, 8 or 32 (address and mask)
/// in name constraints (RFC 5280 §4.2.1.10).
enum class GeneralNameUse { name, constraint };

/// §4.2.1.6 GeneralName (one element).
GeneralName read_general_name(asn1::DerReader& r, std::string_view field, GeneralNameUse use);
/// §4.2.1.6 GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName, the elements of a reader
/// already positioned inside the SEQUENCE (or an IMPLICIT-tagged copy of it).
std::vector<GeneralName> read_general_names(asn1::DerReader& seq, std::string_view field,
                                            std::size_t start_offset);

BasicConstraints decode_basic_constraints(asn1::DerReader& value);
KeyUsage decode_key_usage(asn1::DerReader& value);
ExtKeyUsage decode_ext_key_usage(asn1::DerReader& value);
SubjectAltName decode_subject_alt_name(asn1::DerReader& value);
NameConstraints decode_name_constraints(asn1::DerReader& value);
AuthorityKeyIdentifier decode_authority_key_identifier(asn1::DerReader& value);
Bytes decode_subject_key_identifier(asn1::DerReader& value);
std::vector<DistributionPoint> decode_crl_distribution_points(asn1::DerReader& value);
AuthorityInfoAccess decode_authority_info_access(asn1::DerReader& value);
TlsFeature decode_tls_feature(asn1::DerReader& value);

/// One Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE,
/// extnValue OCTET STRING } (RFC 5280 §4.1.2.9; CRLs and their entries use the same form, §5.2,
/// §5.3), read from `list` as `field`. Refuses an explicit critical FALSE (DER) and an extension
/// whose extnID is already in `earlier` (§4.2: at most one instance per list), then hands the
/// extnValue — DER of its own — to `decode(id, reader)`, which says whether it knew the
/// extension; decode errors are reported at their offset in `whole` (the document's bytes).
/// Nothing on error (recorded in `list`).
std::optional<Extension> read_extension(
    asn1::DerReader& list, std::string_view field, const Bytes& whole,
    const std::vector<Extension>& earlier,
    const std::function<bool(const asn1::Oid&, asn1::DerReader&)>& decode);

/// Decodes `id`'s value into the matching field of `cert` when glasstls understands it; returns
/// false (reading nothing) for any other extension.
bool decode_known_extension(const asn1::Oid& id, asn1::DerReader& value, Certificate& cert);

}  // namespace glasstls::x509::detail
