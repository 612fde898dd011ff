// Internal to lib/x509: the pieces of verify_chain. verify.cpp builds paths; validate.cpp checks a
// complete path (RFC 5280 §6.1); diagnosis.cpp writes each failure's sentence, so every message
// the verifier can produce is in one file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/asn1/oid.hpp"
#include "glasstls/x509/hostname.hpp"
#include "glasstls/x509/verify.hpp"

namespace glasstls::x509::detail {

/// A candidate path: leaf first, anchor last. The pointers refer to the caller's certificates.
using Path = std::vector<const Certificate*>;

/// The RFC 5280 §6.1 checks on a complete path whose signatures the path builder has already
/// verified: validity, critical extensions, basicConstraints, pathLenConstraint, keyUsage,
/// extKeyUsage, name constraints (from the anchor down, as §6.1.3 processes them), then the
/// hostname. Nothing when the path is valid.
std::optional<Diagnosis> validate_path(const Path& path, const VerifyOptions& options);

// ---- diagnosis.cpp: one function per VerifyError, each writing its sentence -------------------

/// "2024-05-01 12:00:00 UTC".
std::string format_time(WallTime t);
/// "'CN=example.com'" (or the fingerprint when the subject is empty).
std::string quoted_subject(const Certificate& cert);

Diagnosis diagnose_expired(std::size_t index, const Certificate& cert, WallTime now);
Diagnosis diagnose_not_yet_valid(std::size_t index, const Certificate& cert, WallTime now);
Diagnosis diagnose_hostname(const Certificate& leaf, std::string_view reference,
                            const HostnameCheck& check);
Diagnosis diagnose_untrusted_root(std::size_t index, const Certificate& cert);
Diagnosis diagnose_unknown_issuer(std::size_t index, const Certificate& cert);
Diagnosis diagnose_signature(std::size_t index, const Certificate& cert, const Certificate& issuer,
                             SignatureError error);
Diagnosis diagnose_not_a_ca(std::size_t index, const Certificate& cert, std::string_view why);
Diagnosis diagnose_path_length(std::size_t index, const Certificate& cert, std::uint64_t allowed,
                               std::size_t found);
Diagnosis diagnose_key_usage(std::size_t index, const Certificate& cert, std::string_view needed);
Diagnosis diagnose_ext_key_usage(std::size_t index, const Certificate& cert, Purpose purpose);
Diagnosis diagnose_name_constraint(std::size_t index, const Certificate& cert,
                                   const Certificate& ca, std::string_view detail);
Diagnosis diagnose_critical_extension(std::size_t index, const Certificate& cert,
                                      const Extension& extension);
Diagnosis diagnose_too_deep(std::size_t index, const Certificate& cert, std::size_t max_depth);
Diagnosis diagnose_too_many_signature_checks(std::size_t index, const Certificate& cert,
                                             std::size_t max_checks);
Diagnosis diagnose_revoked(std::size_t index, const Certificate& cert,
                           const RevocationStatus& status);
Diagnosis diagnose_revocation_unknown(std::size_t index, const Certificate& cert,
                                      const RevocationStatus& status);

}  // namespace glasstls::x509::detail
