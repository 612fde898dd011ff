// The diagnoses: every sentence verify_chain can say, one function per VerifyError. Each names the
// certificate at fault by its subject and says what to look at.
#include <chrono>
#include <cstdio>

#include "glasstls/asn1/oid_table.hpp"
#include "verify_internal.hpp"

namespace glasstls::x509 {

std::string_view to_string(VerifyError error) noexcept {
  switch (error) {
    case VerifyError::expired:
      return "expired";
    case VerifyError::not_yet_valid:
      return "not_yet_valid";
    case VerifyError::hostname_mismatch:
      return "hostname_mismatch";
    case VerifyError::self_signed_untrusted:
      return "self_signed_untrusted";
    case VerifyError::unknown_issuer:
      return "unknown_issuer";
    case VerifyError::bad_signature:
      return "bad_signature";
    case VerifyError::not_a_ca:
      return "not_a_ca";
    case VerifyError::path_length_exceeded:
      return "path_length_exceeded";
    case VerifyError::key_usage_not_allowed:
      return "key_usage_not_allowed";
    case VerifyError::ext_key_usage_not_allowed:
      return "ext_key_usage_not_allowed";
    case VerifyError::name_constraint_violated:
      return "name_constraint_violated";
    case VerifyError::weak_algorithm:
      return "weak_algorithm";
    case VerifyError::unsupported_algorithm:
      return "unsupported_algorithm";
    case VerifyError::unknown_critical_extension:
      return "unknown_critical_extension";
    case VerifyError::too_deep:
      return "too_deep";
    case VerifyError::too_many_signature_checks:
      return "too_many_signature_checks";
    case VerifyError::revoked:
      return "revoked";
    case VerifyError::revocation_unknown:
      return "revocation_unknown";
    case VerifyError::malformed:
      return "malformed";
  }
  return "unknown";
}

Diagnosis malformed_diagnosis(std::size_t index, const CertificateParseError& error) {
  Diagnosis d;
  d.error = VerifyError::malformed;
  d.index = index;
  d.message = "certificate " + std::to_string(index) + " is malformed: " + error.to_string();
  return d;
}

namespace detail {
namespace {

Diagnosis make(VerifyError error, std::size_t index, const Certificate& cert, std::string message) {
  Diagnosis d;
  d.error = error;
  d.index = index;
  d.subject = cert.subject.to_string();
  d.message = std::move(message);
  return d;
}

// "23 days", "1 day", "5 hours", "40 seconds": how far apart two times are, roughly.
std::string span_in_words(std::chrono::seconds s) {
  const auto count = s.count() < 0 ? -s.count() : s.count();
  auto plural = [](long long n, const char* unit) {
    return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  if (count >= 86400) return plural(count / 86400, "day");
  if (count >= 3600) return plural(count / 3600, "hour");
  if (count >= 60) return plural(count / 60, "minute");
  return plural(count, "second");
}

std::string purpose_words(Purpose purpose) {
  if (purpose == Purpose::crl_signer) return "signing CRLs";
  return purpose == Purpose::server ? "TLS server authentication (id-kp-serverAuth)"
                                    : "TLS client authentication (id-kp-clientAuth)";
}

}  // namespace

std::string format_time(WallTime t) {
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(t - day);
  char buf[48];
  std::snprintf(
      buf, sizeof buf, "%04d-%02u-%02u %02lld:%02lld:%02lld UTC", int(ymd.year()),
      unsigned(ymd.month()), unsigned(ymd.day()), static_cast<long long>(hms.hours().count()),
      static_cast<long long>(hms.minutes().count()), static_cast<long long>(hms.seconds().count()));
  return buf;
}

std::string quoted_subject(const Certificate& cert) {
  if (cert.subject.empty())
    return "with an empty subject (SHA-256 " + cert.fingerprint_sha256() + ")";
  return "'" + cert.subject.to_string() + "'";
}

Diagnosis diagnose_expired(std::size_t index, const Certificate& cert, WallTime now) {
  // RFC 5280 §6.1.3 (a)(2): the validity period must include the current time.
  return make(VerifyError::expired, index, cert,
              "certificate " + quoted_subject(cert) + " expired on " +
                  format_time(cert.validity.not_after) + ", " +
                  span_in_words(now - cert.validity.not_after) + " ago");
}

Diagnosis diagnose_not_yet_valid(std::size_t index, const Certificate& cert, WallTime now) {
  return make(VerifyError::not_yet_valid, index, cert,
              "certificate " + quoted_subject(cert) + " is not valid until " +
                  format_time(cert.validity.not_before) + ", in " +
                  span_in_words(cert.validity.not_before - now));
}

Diagnosis diagnose_hostname(const Certificate& leaf, std::string_view reference,
                            const HostnameCheck& check) {
  return make(VerifyError::hostname_mismatch, 0, leaf,
              "hostname mismatch: " + check.reason + "; the name checked was '" +
                  std::string(reference) + "'");
}

Diagnosis diagnose_untrusted_root(std::size_t index, const Certificate& cert) {
  return make(VerifyError::self_signed_untrusted, index, cert,
              "certificate " + quoted_subject(cert) +
                  " is self-signed and not in the trust store (an untrusted root)");
}

Diagnosis diagnose_unknown_issuer(std::size_t index, const Certificate& cert) {
  return make(VerifyError::unknown_issuer, index, cert,
              "certificate " + quoted_subject(cert) + " was issued by '" + cert.issuer.to_string() +
                  "', which is neither in the trust store nor among the supplied certificates "
                  "(a missing intermediate?)");
}

Diagnosis diagnose_signature(std::size_t index, const Certificate& cert, const Certificate& issuer,
                             SignatureError error) {
  const std::string alg = cert.signature_algorithm.to_string();
  const std::string key = issuer.public_key.to_string();
  switch (error) {
    case SignatureError::weak_algorithm:
      return make(VerifyError::weak_algorithm, index, cert,
                  "certificate " + quoted_subject(cert) + " is signed with " + alg +
                      " (issuer key " + key + "), which the signature policy refuses as weak");
    case SignatureError::unsupported:
      return make(VerifyError::unsupported_algorithm, index, cert,
                  "certificate " + quoted_subject(cert) + " is signed with " + alg +
                      " (issuer key " + key + "), a combination glasstls does not support");
    case SignatureError::key_algorithm_mismatch:
    case SignatureError::invalid:
      break;
  }
  return make(VerifyError::bad_signature, index, cert,
              "the signature on certificate " + quoted_subject(cert) + " (" + alg +
                  ") does not verify with the " + key + " key of its issuer " +
                  quoted_subject(issuer) + " (" + std::string(to_string(error)) + ")");
}

Diagnosis diagnose_not_a_ca(std::size_t index, const Certificate& cert, std::string_view why) {
  return make(VerifyError::not_a_ca, index, cert,
              "certificate " + quoted_subject(cert) +
                  " issued a certificate but is not a CA: " + std::string(why));
}

Diagnosis diagnose_path_length(std::size_t index, const Certificate& cert, std::uint64_t allowed,
                               std::size_t found) {
  return make(VerifyError::path_length_exceeded, index, cert,
              "certificate " + quoted_subject(cert) + " allows " + std::to_string(allowed) +
                  " intermediate CA certificate(s) below it (pathLenConstraint), but the chain "
                  "has " +
                  std::to_string(found));
}

Diagnosis diagnose_key_usage(std::size_t index, const Certificate& cert, std::string_view needed) {
  return make(VerifyError::key_usage_not_allowed, index, cert,
              "certificate " + quoted_subject(cert) + " has a keyUsage extension without " +
                  std::string(needed));
}

Diagnosis diagnose_ext_key_usage(std::size_t index, const Certificate& cert, Purpose purpose) {
  std::string listed;
  if (cert.ext_key_usage) {
    for (const asn1::Oid& p : cert.ext_key_usage->purposes) {
      if (!listed.empty()) listed += ", ";
      const std::string_view name = asn1::oid_name(p);
      listed += name.empty() ? p.to_dotted() : std::string(name);
    }
  }
  return make(VerifyError::ext_key_usage_not_allowed, index, cert,
              "certificate " + quoted_subject(cert) + " is not allowed for " +
                  purpose_words(purpose) + ": its extKeyUsage lists " + listed);
}

Diagnosis diagnose_name_constraint(std::size_t index, const Certificate& cert,
                                   const Certificate& ca, std::string_view detail) {
  return make(VerifyError::name_constraint_violated, index, cert,
              "certificate " + quoted_subject(cert) + " violates the name constraints of " +
                  quoted_subject(ca) + ": " + std::string(detail));
}

Diagnosis diagnose_critical_extension(std::size_t index, const Certificate& cert,
                                      const Extension& extension) {
  const std::string_view name = asn1::oid_name(extension.id);
  return make(VerifyError::unknown_critical_extension, index, cert,
              "certificate " + quoted_subject(cert) +
                  " has a critical extension glasstls does "
                  "not process (" +
                  (name.empty() ? extension.id.to_dotted() : std::string(name)) + ", at byte " +
                  std::to_string(extension.offset) +
                  "); RFC 5280 §4.2 requires "
                  "rejecting it");
}

Diagnosis diagnose_too_deep(std::size_t index, const Certificate& cert, std::size_t max_depth) {
  return make(VerifyError::too_deep, index, cert,
              "no trusted chain found within " + std::to_string(max_depth) +
                  " intermediate certificates above " + quoted_subject(cert));
}

Diagnosis diagnose_too_many_signature_checks(std::size_t index, const Certificate& cert,
                                             std::size_t max_checks) {
  return make(VerifyError::too_many_signature_checks, index, cert,
              "gave up looking for a chain after " + std::to_string(max_checks) +
                  " signature checks (the last certificate tried was " + quoted_subject(cert) +
                  ")");
}

Diagnosis diagnose_revoked(std::size_t index, const Certificate& cert,
                           const RevocationStatus& status) {
  // RFC 5280 §6.1.3 (a)(3): the certificate is not revoked.
  return make(VerifyError::revoked, index, cert,
              "certificate " + quoted_subject(cert) + " was " + describe(status));
}

Diagnosis diagnose_revocation_unknown(std::size_t index, const Certificate& cert,
                                      const RevocationStatus& status) {
  return make(VerifyError::revocation_unknown, index, cert,
              "the revocation status of certificate " + quoted_subject(cert) +
                  " is unknown and the policy is hard-fail: " + describe(status).substr(9));
}

}  // namespace detail
}  // namespace glasstls::x509
