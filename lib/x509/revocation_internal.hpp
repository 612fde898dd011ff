// Internal to lib/x509: the pieces of revocation checking that path validation (verify.cpp) needs
// beyond the public check_* functions — CRLs signed by a certificate other than the issuer (RFC
// 5280 §6.3.3 (f): a CRL issuer's key rollover, or a separate CRL-signing certificate), which
// only the path builder can find and validate.
#pragma once

#include <functional>
#include <vector>

#include "glasstls/x509/revocation.hpp"

namespace glasstls::x509::detail {

/// Certificates, already validated to the same trust anchor, that may have signed a CRL of the
/// issuer's name with another key. Called at most once per check, and only when some CRL does
/// not verify with the issuer's own key.
using CrlSignerSource = std::function<std::vector<const Certificate*>()>;

/// check_revocation with extra CRL signers (tried after `issuer`, each needing cRLSign when it
/// has a keyUsage extension).
RevocationStatus check_revocation(const Certificate& cert, const Certificate& issuer,
                                  const CrlSignerSource& more_signers, WallTime now,
                                  const RevocationOptions& options, const SignaturePolicy& policy);

}  // namespace glasstls::x509::detail
