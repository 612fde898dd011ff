// Revocation statuses from CRLs (RFC 5280 §6.3) and OCSP responses (RFC 6960 §3.2, §4.2.2.2):
// which inputs may be believed about a certificate, and what they say. The rules are listed in
// revocation.hpp; each check below cites the step it implements. Every input set aside leaves a
// note saying why, so "unknown" is always explained.
#include "glasstls/x509/revocation.hpp"

#include <algorithm>
#include <utility>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/hash.hpp"
#include "glasstls/x509/builder.hpp"
#include "revocation_internal.hpp"
#include "verify_internal.hpp"

namespace glasstls::x509 {

std::string_view to_string(RevocationPolicy policy) noexcept {
  switch (policy) {
    case RevocationPolicy::off:
      return "off";
    case RevocationPolicy::soft_fail:
      return "soft-fail";
    case RevocationPolicy::hard_fail:
      return "hard-fail";
  }
  return "unknown";
}

std::string_view to_string(RevocationState state) noexcept {
  switch (state) {
    case RevocationState::not_checked:
      return "not checked";
    case RevocationState::good:
      return "good";
    case RevocationState::revoked:
      return "revoked";
    case RevocationState::unknown:
      return "unknown";
  }
  return "unknown";
}

namespace {

using detail::format_time;

bool is_ca(const Certificate& cert) {
  return cert.basic_constraints && cert.basic_constraints->ca;
}

RevocationStatus unknown_because(std::string note) {
  RevocationStatus s;
  s.state = RevocationState::unknown;
  s.notes.push_back(std::move(note));
  return s;
}

// Two GeneralNames name the same thing: URIs and DNS names by exact text (RFC 5280 §6.3.3 (b)
// compares distribution point names; CAs write them identically in both places), directory
// names by §7.1, addresses by bytes.
bool same_general_name(const GeneralName& a, const GeneralName& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case GeneralName::Kind::directory:
      return names_match(a.directory, b.directory);
    case GeneralName::Kind::ip:
      return a.ip == b.ip;
    case GeneralName::Kind::other:
      return false;
    default:
      return a.text == b.text;
  }
}

bool any_shared(const std::vector<GeneralName>& a, const std::vector<GeneralName>& b) {
  for (const GeneralName& x : a) {
    for (const GeneralName& y : b) {
      if (same_general_name(x, y)) return true;
    }
  }
  return false;
}

// `base` with one more RDN: the directory name a nameRelativeToCRLIssuer stands for.
GeneralName relative_to(const Name& base, const Rdn& rdn) {
  GeneralName g;
  g.kind = GeneralName::Kind::directory;
  g.directory.rdns = base.rdns;
  g.directory.rdns.push_back(rdn);
  return g;
}

// The names of a certificate's distribution point (§4.2.1.13): its fullName; or its
// nameRelativeToCRLIssuer appended to the CRL issuer's name (the point's cRLIssuer directory
// name when it has one, else the certificate's issuer); or, with no point name, its cRLIssuer.
std::vector<GeneralName> point_names(const DistributionPoint& dp, const Certificate& cert) {
  if (!dp.full_name.empty()) return dp.full_name;
  if (dp.relative_name) {
    const Name* base = &cert.issuer;
    for (const GeneralName& g : dp.crl_issuer) {
      if (g.kind == GeneralName::Kind::directory) base = &g.directory;
    }
    return {relative_to(*base, *dp.relative_name)};
  }
  return dp.crl_issuer;
}

// RFC 5280 §6.3.3 (b)(2): does the CRL's issuingDistributionPoint cover `cert`? Empty when it
// does; else the reason it does not.
std::string scope_mismatch(const Crl& crl, const IssuingDistributionPoint& idp,
                           const Certificate& cert) {
  if (idp.only_attribute_certs) return "it covers only attribute certificates";
  if (idp.only_user_certs && is_ca(cert)) return "it covers only end-entity certificates";
  if (idp.only_ca_certs && !is_ca(cert)) return "it covers only CA certificates";
  std::vector<GeneralName> idp_names = idp.full_name;
  if (idp.relative_name) idp_names.push_back(relative_to(crl.issuer, *idp.relative_name));
  if (idp_names.empty()) return {};
  // (b)(2)(i): one of the IDP's names matches a name of one of the certificate's distribution
  // points. A certificate without cRLDistributionPoints is not covered by a CRL scoped to a
  // point.
  for (const DistributionPoint& dp : cert.crl_distribution_points) {
    if (any_shared(idp_names, point_names(dp, cert))) return {};
  }
  return cert.crl_distribution_points.empty()
             ? "it is scoped to a distribution point and the certificate names none"
             : "its distribution point is not one the certificate names";
}

// The entry for `cert` in an indirect CRL: entries after a certificateIssuer extension belong to
// that issuer until the next one (RFC 5280 §5.3.3); before any, to the CRL's issuer.
const RevokedEntry* find_entry(const Crl& crl, const Certificate& cert, bool indirect) {
  if (!indirect) return crl.find(cert.serial);
  bool ours = true;  // the CRL issuer's name equals cert.issuer (checked by the caller)
  for (const RevokedEntry& e : crl.revoked) {
    if (!e.certificate_issuer.empty()) {
      ours = false;
      for (const GeneralName& n : e.certificate_issuer) {
        if (n.kind == GeneralName::Kind::directory && names_match(n.directory, cert.issuer)) {
          ours = true;
        }
      }
    }
    if (ours && e.serial == cert.serial) return &e;
  }
  return nullptr;
}

std::string extension_name(const Extension& e) {
  const std::string_view name = asn1::oid_name(e.id);
  return name.empty() ? e.id.to_dotted() : std::string(name);
}

std::string crl_label(const Crl& crl) {
  return "the CRL of '" + crl.issuer.to_string() + "' (thisUpdate " + format_time(crl.this_update) +
         ")";
}

// The responder's key hash of a ResponderID byKey: SHA-1 of the subjectPublicKey bits, which is
// §4.2.1.2 method 1's key identifier.
bool responder_is(const OcspResponderId& id, const Certificate& cert) {
  if (id.by_name) return names_match(*id.by_name, cert.subject);
  if (id.by_key) return *id.by_key == key_identifier(cert.public_key.spki_der);
  return false;
}

// §3.2 (1): the SingleResponse about this certificate (its CertID made with any hash), or nullptr.
const OcspSingleResponse* single_about(const OcspResponse& response, const Certificate& cert,
                                       const Certificate& issuer) {
  for (const OcspSingleResponse& candidate : response.responses) {
    if (candidate.cert_id == make_ocsp_cert_id(cert, issuer, candidate.cert_id.hash)) {
      return &candidate;
    }
  }
  return nullptr;
}

bool valid_at(const Certificate& cert, WallTime now) {
  return cert.validity.not_before <= now &&
         (cert.validity.no_expiry() || now <= cert.validity.not_after);
}

}  // namespace

// ---- CRLs: RFC 5280 §6.3.3 ----------------------------------------------------------------------

namespace {

// What one CRL says about one certificate: nothing (with the note saying why), or usable — then
// complete or not, and the certificate's entry if it has one.
struct CrlAssessment {
  bool usable = false;
  bool complete = false;
  const RevokedEntry* entry = nullptr;  // usable only; removeFromCRL entries included
  std::string note;
};

// (f), (g): the CRL verifies with a key allowed to sign CRLs (§4.2.1.3 cRLSign) under the CRL
// issuer's name: the certificate's issuer first, then `more` (validated by the caller). Empty
// when one does; else why the issuer's key does not.
std::string signer_problem(const Crl& crl, const Certificate& issuer,
                           const detail::CrlSignerSource* more, const SignaturePolicy& policy) {
  auto try_signer = [&](const Certificate& signer) -> std::string {
    if (!names_match(signer.subject, crl.issuer)) return "it is not named as the CRL's issuer";
    if (signer.key_usage && !signer.key_usage->has(KeyUsage::crl_sign)) {
      return "the issuer's keyUsage lacks cRLSign, so it may not sign CRLs";
    }
    if (auto r = verify_signature(signer.public_key, crl.signature_algorithm, crl.tbs(),
                                  crl.signature, policy);
        !r.ok()) {
      return "its signature does not verify with the issuer's key (" +
             std::string(to_string(r.error())) + ")";
    }
    return {};
  };
  std::string problem = try_signer(issuer);
  if (problem.empty() || !more || !*more) return problem;
  for (const Certificate* signer : (*more)()) {
    if (try_signer(*signer).empty()) return {};
  }
  return problem + ", nor with another validated CRL-signing certificate of that name";
}

CrlAssessment assess_crl(const Crl& crl, const Certificate& cert, const Certificate& issuer,
                         const detail::CrlSignerSource* more_signers, WallTime now,
                         const SignaturePolicy& policy) {
  CrlAssessment a;
  const std::string label = crl_label(crl);
  // (b)(1): the CRL issuer is the certificate's issuer (indirect CRLs from another authority are
  // not supported: their issuer would need a path of its own).
  if (!names_match(crl.issuer, cert.issuer)) {
    a.note = label + ": issued by another authority than the certificate's issuer '" +
             cert.issuer.to_string() + "'";
    return a;
  }
  if (std::string problem = signer_problem(crl, issuer, more_signers, policy); !problem.empty()) {
    a.note = label + ": " + problem;
    return a;
  }
  // §5.2, §5.3: a critical extension glasstls cannot process makes the whole CRL unusable.
  if (const Extension* e = crl.unknown_critical_extension()) {
    a.note = label + ": it has a critical extension glasstls cannot process (" +
             extension_name(*e) + ")";
    return a;
  }
  for (const RevokedEntry& entry : crl.revoked) {
    if (const Extension* e = entry.unknown_critical_extension()) {
      a.note = label + ": an entry has a critical extension glasstls cannot process (" +
               extension_name(*e) + ")";
      return a;
    }
  }
  // (a): the CRL is current. An expired CRL says nothing about today (§5.1.2.5).
  if (crl.this_update > now) {
    a.note = label + ": not valid until its thisUpdate";
    return a;
  }
  if (crl.next_update && now > *crl.next_update) {
    a.note = label + ": expired on " + format_time(*crl.next_update) + " (its nextUpdate)";
    return a;
  }
  // (b)(2): the CRL's scope covers the certificate.
  a.complete = true;
  std::string incomplete_because;
  if (crl.issuing_distribution_point) {
    const IssuingDistributionPoint& idp = *crl.issuing_distribution_point;
    if (std::string why = scope_mismatch(crl, idp, cert); !why.empty()) {
      a.note = label + ": it does not cover this certificate: " + why;
      return a;
    }
    if (idp.only_some_reasons) {
      a.complete = false;
      incomplete_because = "a partial CRL (onlySomeReasons)";
    }
    if (idp.indirect_crl) {
      a.complete = false;
      incomplete_because = "an indirect CRL";
    }
  }
  if (crl.delta_crl_indicator) {
    a.complete = false;
    incomplete_because = "a delta CRL";
  }
  a.usable = true;
  const bool indirect =
      crl.issuing_distribution_point && crl.issuing_distribution_point->indirect_crl;
  a.entry = find_entry(crl, cert, indirect);
  const bool revokes = a.entry && a.entry->reason != CrlReason::remove_from_crl;
  if (!revokes && !a.complete) {
    a.note = label + ": it does not list the certificate, but as " + incomplete_because +
             " it cannot say the certificate is not revoked";
  } else {
    a.note = label;
  }
  return a;
}

// (i): the status one usable CRL gives. removeFromCRL undoes an earlier revocation (in delta
// CRLs, §5.3.1); it never revokes.
RevocationStatus status_from(const Crl& crl, const CrlAssessment& a) {
  if (!a.usable) return unknown_because(a.note);
  if (a.entry && a.entry->reason != CrlReason::remove_from_crl) {
    RevocationStatus s;
    s.state = RevocationState::revoked;
    s.source = RevocationSource::crl;
    s.revocation_time = a.entry->revocation_date;
    s.reason = a.entry->reason;
    s.this_update = crl.this_update;
    s.next_update = crl.next_update;
    s.notes.push_back(a.note);
    return s;
  }
  if (!a.complete) return unknown_because(a.note);
  RevocationStatus s;
  s.state = RevocationState::good;
  s.source = RevocationSource::crl;
  s.this_update = crl.this_update;
  s.next_update = crl.next_update;
  s.notes.push_back(a.note);
  return s;
}

// Compares two CRL numbers (INTEGER contents octets, non-negative): <0, 0, >0.
int compare_crl_numbers(ByteView a, ByteView b) {
  while (!a.empty() && a.front() == 0) a = a.subspan(1);
  while (!b.empty() && b.front() == 0) b = b.subspan(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

// §5.2.4, §5.3.1: a usable delta CRL, based on `base` or an earlier CRL and newer than it, that
// takes the certificate off hold (a removeFromCRL entry).
bool hold_released(const Crl& base, const std::vector<std::pair<const Crl*, CrlAssessment>>& all) {
  if (!base.crl_number) return false;
  for (const auto& [delta, a] : all) {
    if (!a.usable || !delta->delta_crl_indicator || !delta->crl_number) continue;
    if (compare_crl_numbers(*delta->delta_crl_indicator, *base.crl_number) > 0) continue;
    if (compare_crl_numbers(*delta->crl_number, *base.crl_number) <= 0) continue;
    if (a.entry && a.entry->reason == CrlReason::remove_from_crl) return true;
  }
  return false;
}

}  // namespace

RevocationStatus check_crl(const Crl& crl, const Certificate& cert, const Certificate& issuer,
                           WallTime now, const SignaturePolicy& policy) {
  return status_from(crl, assess_crl(crl, cert, issuer, nullptr, now, policy));
}

// ---- OCSP: RFC 6960 §3.2 and §4.2.2.2
// ------------------------------------------------------------

RevocationStatus check_ocsp(const OcspResponse& response, const Certificate& cert,
                            const Certificate& issuer, WallTime now, const SignaturePolicy& policy,
                            std::chrono::seconds clock_skew) {
  if (response.status != OcspResponseStatus::successful) {
    return unknown_because("the OCSP responder answered " +
                           std::string(to_string(response.status)));
  }
  const OcspSingleResponse* single = single_about(response, cert, issuer);
  const std::string label = "the OCSP response produced at " + format_time(response.produced_at);
  if (!single) return unknown_because(label + ": it is about other certificates");

  // §3.2 (2), (3), §4.2.2.2: the signer is the issuing CA, or a responder the CA delegated to
  // (issued directly by the CA, with id-kp-OCSPSigning). The ResponderID names the signer.
  const PublicKey* signer_key = nullptr;
  std::string signer_notes;
  if (responder_is(response.responder_id, issuer)) {
    signer_key = &issuer.public_key;
  } else {
    for (const Certificate& c : response.certs) {
      if (!responder_is(response.responder_id, c)) continue;
      const std::string who = "the responder '" + c.subject.to_string() + "'";
      std::string problem;
      if (!names_match(c.issuer, issuer.subject)) {
        problem = who + " was not issued by the certificate's issuer";
      } else if (!verify_signature(issuer.public_key, c.signature_algorithm, c.tbs(), c.signature,
                                   policy)
                      .ok()) {
        problem = who + "'s certificate is not signed by the certificate's issuer";
      } else if (!c.ext_key_usage || !c.ext_key_usage->has(asn1::oids::id_kp_OCSPSigning)) {
        problem = who + " lacks id-kp-OCSPSigning in extKeyUsage, so the CA did not delegate " +
                  "OCSP to it";
      } else if (!valid_at(c, now)) {
        problem = who + "'s certificate is outside its validity period";
      } else if (c.key_usage && !c.key_usage->has(KeyUsage::digital_signature)) {
        problem = who + "'s keyUsage lacks digitalSignature";
      } else if (c.unknown_critical_extension() != nullptr) {
        problem = who + "'s certificate has a critical extension glasstls cannot process";
      }
      if (problem.empty()) {
        signer_key = &c.public_key;
        break;
      }
      signer_notes += (signer_notes.empty() ? "" : "; ") + problem;
    }
  }
  if (!signer_key) {
    return unknown_because(label + ": " +
                           (signer_notes.empty()
                                ? "signed by neither the certificate's issuer nor a responder "
                                  "certificate included in the response"
                                : signer_notes));
  }
  if (auto r = verify_signature(*signer_key, response.signature_algorithm, response.tbs(),
                                response.signature, policy);
      !r.ok()) {
    return unknown_because(label + ": its signature does not verify (" +
                           std::string(to_string(r.error())) + ")");
  }
  // §4.2.2.1: thisUpdate not in the future (within the skew), nextUpdate not in the past.
  if (single->this_update > now + clock_skew) {
    return unknown_because(label + ": its thisUpdate " + format_time(single->this_update) +
                           " is in the future");
  }
  if (single->next_update && now > *single->next_update) {
    return unknown_because(label + ": stale since " + format_time(*single->next_update) +
                           " (its nextUpdate)");
  }
  RevocationStatus s;
  s.source = RevocationSource::ocsp;
  s.this_update = single->this_update;
  s.next_update = single->next_update;
  s.notes.push_back(label);
  switch (single->status) {
    case OcspCertStatus::good:
      s.state = RevocationState::good;
      break;
    case OcspCertStatus::revoked:
      s.state = RevocationState::revoked;
      s.revocation_time = single->revocation_time;
      s.reason = single->revocation_reason;
      break;
    case OcspCertStatus::unknown:
      // "unknown" is the responder not knowing the certificate: never good.
      s.state = RevocationState::unknown;
      s.source = RevocationSource::none;
      s.notes.back() += ": the responder does not know this certificate (status unknown)";
      break;
  }
  return s;
}

// ---- Both
// -----------------------------------------------------------------------------------------

namespace detail {

RevocationStatus check_revocation(const Certificate& cert, const Certificate& issuer,
                                  const CrlSignerSource& more_signers, WallTime now,
                                  const RevocationOptions& options, const SignaturePolicy& policy) {
  std::optional<RevocationStatus> revoked, good;
  std::vector<std::string> notes;
  auto consider = [&](RevocationStatus s) {
    if (s.state == RevocationState::revoked) {
      if (!revoked) revoked = std::move(s);
    } else if (s.state == RevocationState::good) {
      if (!good) good = std::move(s);
    } else {
      for (auto& n : s.notes) notes.push_back(std::move(n));
    }
  };

  // CRLs from the certificate's issuer (the rest are about other certificates: no note).
  std::optional<std::vector<const Certificate*>> signers;  // fetched once, when first needed
  const CrlSignerSource cached_signers = [&]() {
    if (!signers) signers = more_signers ? more_signers() : std::vector<const Certificate*>{};
    return *signers;
  };
  std::vector<std::pair<const Crl*, CrlAssessment>> assessed;
  for (const Crl& crl : options.crls) {
    if (!names_match(crl.issuer, cert.issuer)) continue;
    assessed.emplace_back(&crl, assess_crl(crl, cert, issuer, &cached_signers, now, policy));
  }
  for (const auto& [crl, a] : assessed) {
    RevocationStatus s = status_from(*crl, a);
    // A complete CRL's certificateHold entry released by a newer delta CRL: not revoked.
    if (s.state == RevocationState::revoked && a.complete &&
        a.entry->reason == CrlReason::certificate_hold && hold_released(*crl, assessed)) {
      s = RevocationStatus{};
      s.state = RevocationState::good;
      s.source = RevocationSource::crl;
      s.this_update = crl->this_update;
      s.next_update = crl->next_update;
      s.notes.push_back(a.note + ", its certificateHold released by a delta CRL");
    }
    consider(std::move(s));
  }
  // §6.3.3 (reasons_mask): partial CRLs (onlySomeReasons) that do not list the certificate and
  // together cover every reason say it is not revoked, as one complete CRL would.
  if (!good) {
    std::uint16_t covered = 0;
    std::string which;
    for (const auto& [crl, a] : assessed) {
      const auto& idp = crl->issuing_distribution_point;
      if (!a.usable || crl->delta_crl_indicator || !idp || !idp->only_some_reasons ||
          idp->indirect_crl) {
        continue;
      }
      if (a.entry && a.entry->reason != CrlReason::remove_from_crl) continue;
      covered = static_cast<std::uint16_t>(covered | *idp->only_some_reasons);
      which += (which.empty() ? "" : " and ") + crl_label(*crl);
    }
    constexpr std::uint16_t all_reasons = 0x1FE;  // ReasonFlags bits 1..8
    if ((covered & all_reasons) == all_reasons) {
      RevocationStatus s;
      s.state = RevocationState::good;
      s.source = RevocationSource::crl;
      s.notes.push_back(which + ", partial CRLs that together cover every reason");
      consider(std::move(s));
    }
  }
  for (const OcspResponse& response : options.ocsp) {
    // Likewise only responses about this certificate (or failed ones, which might have been).
    if (response.status == OcspResponseStatus::successful &&
        !single_about(response, cert, issuer)) {
      continue;
    }
    consider(check_ocsp(response, cert, issuer, now, policy, options.ocsp_clock_skew));
  }
  if (revoked) return std::move(*revoked);
  if (good) return std::move(*good);
  RevocationStatus s;
  s.state = RevocationState::unknown;
  s.notes = std::move(notes);
  if (s.notes.empty()) {
    s.notes.push_back("no CRL or OCSP response from the issuer '" + cert.issuer.to_string() +
                      "' was supplied");
  }
  return s;
}

}  // namespace detail

RevocationStatus check_revocation(const Certificate& cert, const Certificate& issuer, WallTime now,
                                  const RevocationOptions& options, const SignaturePolicy& policy) {
  return detail::check_revocation(cert, issuer, nullptr, now, options, policy);
}

std::string describe(const RevocationStatus& status) {
  const std::string source = status.source == RevocationSource::crl    ? "the CRL"
                             : status.source == RevocationSource::ocsp ? "OCSP"
                                                                       : "";
  switch (status.state) {
    case RevocationState::not_checked:
      return "not checked";
    case RevocationState::good:
      return "good (" + (status.notes.empty() ? source : status.notes.front()) + ")";
    case RevocationState::revoked: {
      std::string s = "revoked";
      if (status.revocation_time) s += " on " + format_time(*status.revocation_time);
      if (status.reason) s += " (" + std::string(to_string(*status.reason)) + ")";
      s += ", according to " + (status.notes.empty() ? source : status.notes.front());
      return s;
    }
    case RevocationState::unknown: {
      std::string s = "unknown: ";
      for (std::size_t i = 0; i < status.notes.size(); ++i) {
        if (i) s += "; ";
        s += status.notes[i];
      }
      return s;
    }
  }
  return "unknown";
}

}  // namespace glasstls::x509
