// Revocation: the explainer's fourth question, "is it revoked?", answered from CRLs (RFC 5280 §5,
// §6.3) and OCSP responses (RFC 6960) the caller supplies. glasstls fetches nothing: a browser
// gets these from the CA's distribution points or a stapled response; a test or lab hands them in.
//
//     x509::VerifyOptions options(clock);
//     options.revocation.crls = crls;              // std::span<const Crl>
//     options.revocation.ocsp = responses;         // std::span<const OcspResponse>
//     options.revocation.policy = RevocationPolicy::hard_fail;
//     auto r = x509::verify_chain(leaf, intermediates, store, options);
//     r.revocation[0].state;                       // the leaf: good, revoked or unknown
//
// What makes a status known, per certificate C issued by I (the next certificate in the path):
//   - A CRL counts when its issuer name is I's subject, its signature verifies with I's key, I's
//     keyUsage (when present) has cRLSign, thisUpdate <= now <= nextUpdate, it has no critical
//     extension (or entry extension) glasstls does not process, and its scope covers C (an
//     issuingDistributionPoint's name matches one of C's distribution points, and its
//     onlyContainsUserCerts / onlyContainsCACerts / onlyContainsAttributeCerts fit C). An entry
//     for C's serial makes C revoked (certificateHold included; removeFromCRL means not revoked).
//     A complete CRL without the serial makes C good. A partial CRL (onlySomeReasons), an indirect
//     CRL or a delta CRL can say revoked but never good: alone they leave C unknown.
//   - An OCSP response counts when it is successful, signed by I itself or by a delegated
//     responder (a certificate issued by I, signature checked, with id-kp-OCSPSigning, valid now),
//     its ResponderID names the signer, a SingleResponse's CertID matches C and I (SHA-1, SHA-256,
//     SHA-384 or SHA-512), and thisUpdate <= now + skew, now <= nextUpdate. good, revoked (time,
//     reason) or unknown — and unknown is never good.
//   - Revoked from any usable source wins; else good from any usable source; else unknown, with
//     the reasons each unusable source was set aside.
// The anchor has no status: it is trusted by the store, not by its issuer.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/core/clock.hpp"
#include "glasstls/x509/certificate.hpp"
#include "glasstls/x509/crl.hpp"
#include "glasstls/x509/ocsp.hpp"
#include "glasstls/x509/signature.hpp"

namespace glasstls::x509 {

/// What path validation does with revocation statuses.
enum class RevocationPolicy {
  off,        // nothing is checked; every status is not_checked
  soft_fail,  // revoked is refused; unknown is tolerated (the default, and what browsers do)
  hard_fail,  // the status of every certificate below the anchor must be known and good
};
std::string_view to_string(RevocationPolicy policy) noexcept;

/// The revocation inputs and policy, part of VerifyOptions. The spans must outlive verify_chain.
struct RevocationOptions {
  RevocationPolicy policy = RevocationPolicy::soft_fail;
  std::span<const Crl> crls;
  std::span<const OcspResponse> ocsp;
  /// How far an OCSP thisUpdate may lie in the future (responder and client clocks disagree).
  std::chrono::seconds ocsp_clock_skew{300};
};

enum class RevocationState {
  not_checked,  // the policy is off, or the certificate is the anchor
  good,         // a usable complete CRL without it, or an OCSP "good"
  revoked,      // a usable CRL entry or OCSP "revoked"
  unknown,      // no usable source said good or revoked
};
std::string_view to_string(RevocationState state) noexcept;

/// Where a status came from.
enum class RevocationSource { none, crl, ocsp };

/// One certificate's status, with what decided it.
struct RevocationStatus {
  RevocationState state = RevocationState::not_checked;
  RevocationSource source = RevocationSource::none;
  std::optional<WallTime> revocation_time;  // revoked: the CRL's revocationDate / OCSP's time
  std::optional<CrlReason> reason;          // revoked: when the source gave one
  /// revoked or good: the source's thisUpdate (and nextUpdate, when it has one).
  std::optional<WallTime> this_update, next_update;
  /// unknown: why, one line per input set aside ("CRL from 'CN=CA' expired on ...", "OCSP
  /// response: signed by 'CN=Other' which is not the issuer and lacks id-kp-OCSPSigning"); or
  /// "no CRL or OCSP response names this certificate's issuer".
  std::vector<std::string> notes;
};

/// The status of `cert` (issued by `issuer`) by one CRL alone, at `now`: good / revoked / unknown
/// with the note saying why the CRL does not decide.
RevocationStatus check_crl(const Crl& crl, const Certificate& cert, const Certificate& issuer,
                           WallTime now, const SignaturePolicy& policy = {});
/// The status of `cert` (issued by `issuer`) by one OCSP response alone, at `now`.
RevocationStatus check_ocsp(const OcspResponse& response, const Certificate& cert,
                            const Certificate& issuer, WallTime now,
                            const SignaturePolicy& policy = {},
                            std::chrono::seconds clock_skew = std::chrono::seconds(300));
/// The combined status of `cert` from every CRL and OCSP response in `options` (see the file
/// comment for the rules). Ignores options.policy (does the checking even when off).
RevocationStatus check_revocation(const Certificate& cert, const Certificate& issuer, WallTime now,
                                  const RevocationOptions& options,
                                  const SignaturePolicy& policy = {});

/// "revoked on 2026-11-01 00:00:00 UTC (keyCompromise), by the CRL of thisUpdate 2026-11-02 ...";
/// "good (OCSP, thisUpdate ...)"; "unknown: <notes joined with "; ">".
std::string describe(const RevocationStatus& status);

}  // namespace glasstls::x509
