// Path building: from the leaf, through the supplied intermediates, to a trust anchor (the web-PKI
// profile of RFC 5280 §6; RFC 4158 describes the search). Depth first: at each step the
// candidates are the certificates whose subject matches the current issuer name (RFC 5280 §7.1),
// anchors first, each group ordered — never filtered — by authority/subject key identifier
// agreement. A candidate whose signature over the current certificate fails is skipped; a complete
// path goes to validate_path (validate.cpp); any failure backtracks to the next candidate. When no
// path is valid, the most relevant failure seen is reported (see Search::record).
#include <algorithm>
#include <map>
#include <utility>

#include "revocation_internal.hpp"
#include "verify_internal.hpp"

namespace glasstls::x509 {
namespace {

using detail::Path;

// How relevant a failure is, to choose the one diagnosis: a complete path that failed a check says
// most; then a signature that did not verify, the search giving up, a path too deep; a missing
// issuer says least (and the deeper it was found, the more it says).
enum Relevance : int {
  missing_issuer = 10,
  depth_exceeded = 20,
  signature_failed = 30,
  gave_up = 40,
  complete_path = 50,
};

// 0: the candidate's subjectKeyIdentifier equals the certificate's authorityKeyIdentifier;
// 1: one of them is absent; 2: both present and different (RFC 5280 §4.2.1.1: a hint only, since
// key identifiers are not authenticated; a mismatch is tried last, never skipped).
int key_id_order(const Certificate& cert, const Certificate& candidate) {
  if (!cert.authority_key_id || !cert.authority_key_id->key_id || !candidate.subject_key_id) {
    return 1;
  }
  return *cert.authority_key_id->key_id == *candidate.subject_key_id ? 0 : 2;
}

class Search {
 public:
  // `nesting` is 0 for the caller's search, 1 for the search validating a CRL signer's own
  // certificate (which looks for no further CRL signers, so the recursion stops there).
  Search(const TrustStore& anchors, std::vector<const Certificate*> pool,
         const VerifyOptions& options, int nesting = 0)
      : anchors_(anchors), pool_(std::move(pool)), options_(options), nesting_(nesting) {}

  // Extends `path_` (which ends at the certificate whose issuer is sought) until it reaches a
  // valid complete path: true, with that path in path_. False when every branch failed.
  bool extend() {
    const Certificate& cert = *path_.back();
    const std::size_t index = path_.size() - 1;

    std::vector<const Certificate*> trusted = anchors_.find_by_subject(cert.issuer);
    std::vector<const Certificate*> untrusted;
    for (const Certificate* c : pool_) {
      if (std::find(path_.begin(), path_.end(), c) != path_.end()) continue;  // no loops
      if (names_match(c->subject, cert.issuer)) untrusted.push_back(c);
    }
    auto by_key_id = [&cert](const Certificate* a, const Certificate* b) {
      return key_id_order(cert, *a) < key_id_order(cert, *b);
    };
    std::stable_sort(trusted.begin(), trusted.end(), by_key_id);
    std::stable_sort(untrusted.begin(), untrusted.end(), by_key_id);

    if (trusted.empty() && untrusted.empty()) {
      // Nothing issued this certificate. A self-issued one is a root nobody trusts.
      if (cert.self_issued()) {
        record(detail::diagnose_untrusted_root(index, cert), missing_issuer + int(index), path_);
      } else {
        record(detail::diagnose_unknown_issuer(index, cert), missing_issuer + int(index), path_);
      }
      return false;
    }

    for (const Certificate* anchor : trusted) {
      if (!signed_by(cert, *anchor)) {
        if (gave_up_) return false;
        continue;
      }
      path_.push_back(anchor);
      std::optional<Diagnosis> failure = detail::validate_path(path_, options_);
      if (!failure) failure = revocation_failure();
      if (failure) {
        record(std::move(*failure), complete_path, path_);
        path_.pop_back();
        continue;
      }
      return true;
    }

    for (const Certificate* issuer : untrusted) {
      // path_ holds the leaf and index intermediates so far; this candidate would be one more.
      if (index + 1 > options_.max_depth) {
        record(detail::diagnose_too_deep(index, cert, options_.max_depth), depth_exceeded, path_);
        continue;
      }
      if (!signed_by(cert, *issuer)) {
        if (gave_up_) return false;
        continue;
      }
      path_.push_back(issuer);
      if (extend()) return true;
      path_.pop_back();
      if (gave_up_) return false;
    }
    return false;
  }

  void start(const Certificate& leaf) { path_ = {&leaf}; }
  const Path& path() const { return path_; }
  std::size_t signature_checks() const { return checks_; }

  // The statuses of a complete path's certificates, as far as they were checked (the anchor and
  // any certificate not reached are not_checked).
  std::vector<RevocationStatus> revocation_statuses(const Path& path) const {
    std::vector<RevocationStatus> out(path.size());
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      auto it = revocation_cache_.find(std::make_pair(path[i], path[i + 1]));
      if (it != revocation_cache_.end()) out[i] = it->second;
    }
    return out;
  }
  bool revocation_checked(const Path& path) const {
    return path.size() >= 2 && revocation_cache_.count(std::make_pair(path[0], path[1])) != 0;
  }

  // The diagnosis to report and the chain it is about.
  Diagnosis take_diagnosis() { return std::move(*best_); }
  const Path& diagnosis_path() const { return best_path_; }

 private:
  // Does `issuer`'s key verify the signature on `cert`? Each pair is verified at most once, but
  // every question counts against max_signature_checks, remembered answers included: otherwise
  // certificates cross-signed many times over (same names, same keys) would let the search walk
  // exponentially many paths on a handful of cached results.
  bool signed_by(const Certificate& cert, const Certificate& issuer) {
    if (checks_ >= options_.max_signature_checks) {
      gave_up_ = true;
      record(detail::diagnose_too_many_signature_checks(path_.size() - 1, cert,
                                                        options_.max_signature_checks),
             gave_up, path_);
      return false;
    }
    ++checks_;
    const auto key = std::make_pair(&cert, &issuer);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      // RFC 5280 §6.1.3 (a)(1): the signature verifies with the working public key.
      const Result<Unit, SignatureError> r =
          verify_signature(issuer.public_key, cert.signature_algorithm, cert.tbs(), cert.signature,
                           options_.signature_policy);
      std::optional<SignatureError> error;
      if (!r.ok()) error = r.error();
      it = cache_.emplace(key, error).first;
    }
    if (!it->second) return true;
    Path attempted = path_;
    attempted.push_back(&issuer);
    record(detail::diagnose_signature(path_.size() - 1, cert, issuer, *it->second),
           signature_failed, attempted);
    return false;
  }

  // RFC 5280 §6.1.3 (a)(3) on a complete path: each certificate's revocation status under the
  // policy, from the one nearest the anchor down (a revoked CA makes everything below it moot).
  // Each (certificate, issuer) pair is checked once per search.
  std::optional<Diagnosis> revocation_failure() {
    const RevocationOptions& rev = options_.revocation;
    if (rev.policy == RevocationPolicy::off) return std::nullopt;
    const WallTime now = options_.at.wall_time();
    for (std::size_t i = path_.size() - 1; i-- > 0;) {
      const auto key = std::make_pair(path_[i], path_[i + 1]);
      auto it = revocation_cache_.find(key);
      if (it == revocation_cache_.end()) {
        const detail::CrlSignerSource more_signers = [this, i] { return crl_signers(i); };
        it = revocation_cache_
                 .emplace(key, detail::check_revocation(*path_[i], *path_[i + 1], more_signers, now,
                                                        rev, options_.signature_policy))
                 .first;
      }
      const RevocationStatus& status = it->second;
      if (status.state == RevocationState::revoked) {
        return detail::diagnose_revoked(i, *path_[i], status);
      }
      if (status.state != RevocationState::good && rev.policy == RevocationPolicy::hard_fail) {
        return detail::diagnose_revocation_unknown(i, *path_[i], status);
      }
    }
    return std::nullopt;
  }

  // RFC 5280 §6.3.3 (f): certificates other than path_[i + 1] that may have signed a CRL of
  // path_[i]'s issuer — the same CA higher in this path under another key (a self-issued key
  // rollover certificate), and, in the caller's search only, certificates of the pool with the
  // issuer's name whose own path validates (for CRL signing) to this path's anchor.
  std::vector<const Certificate*> crl_signers(std::size_t i) {
    std::vector<const Certificate*> out;
    const Name& issuer_name = path_[i]->issuer;
    for (std::size_t j = i + 2; j < path_.size(); ++j) {
      if (names_match(path_[j]->subject, issuer_name)) out.push_back(path_[j]);
    }
    if (nesting_ > 0) return out;
    for (const Certificate* c : pool_) {
      if (std::find(path_.begin(), path_.end(), c) != path_.end()) continue;
      if (!names_match(c->subject, issuer_name)) continue;
      if (c->key_usage && !c->key_usage->has(KeyUsage::crl_sign)) continue;
      const auto key = std::make_pair(c, path_.back());
      auto it = crl_signer_valid_.find(key);
      if (it == crl_signer_valid_.end()) {
        VerifyOptions nested_options = options_;
        nested_options.purpose = Purpose::crl_signer;
        nested_options.host.reset();
        nested_options.ip.reset();
        std::vector<const Certificate*> nested_pool;
        for (const Certificate* p : pool_) {
          if (p != c) nested_pool.push_back(p);
        }
        Search nested(anchors_, std::move(nested_pool), nested_options, nesting_ + 1);
        nested.start(*c);
        const bool valid = nested.extend() && nested.path().back()->der == path_.back()->der;
        it = crl_signer_valid_.emplace(key, valid).first;
      }
      if (it->second) out.push_back(c);
    }
    return out;
  }

  // Keeps the most relevant failure; among equals, the first (the preferred candidates are tried
  // first, so the first failure is about the most likely path).
  void record(Diagnosis d, int relevance, const Path& path) {
    if (best_ && relevance <= best_relevance_) return;
    best_ = std::move(d);
    best_relevance_ = relevance;
    best_path_ = path;
  }

  const TrustStore& anchors_;
  std::vector<const Certificate*> pool_;
  const VerifyOptions& options_;
  int nesting_ = 0;
  Path path_;
  std::size_t checks_ = 0;
  bool gave_up_ = false;
  std::map<std::pair<const Certificate*, const Certificate*>, std::optional<SignatureError>> cache_;
  std::map<std::pair<const Certificate*, const Certificate*>, RevocationStatus> revocation_cache_;
  // (candidate CRL signer, anchor) → whether its own path validates to that anchor.
  std::map<std::pair<const Certificate*, const Certificate*>, bool> crl_signer_valid_;
  std::optional<Diagnosis> best_;
  int best_relevance_ = 0;
  Path best_path_;
};

std::vector<Certificate> copy_chain(const Path& path) {
  std::vector<Certificate> chain;
  chain.reserve(path.size());
  for (const Certificate* c : path) chain.push_back(*c);
  return chain;
}

}  // namespace

VerifyResult verify_chain(const Certificate& leaf, std::span<const Certificate> untrusted,
                          const TrustStore& anchors, const VerifyOptions& options) {
  VerifyResult result;

  // A leaf that is itself an anchor is trusted directly (see verify.hpp): a chain of one, still
  // checked for validity, extKeyUsage and hostname by validate_path.
  for (const Certificate& anchor : anchors.anchors()) {
    if (anchor.der == leaf.der) {
      const Path path{&anchor};
      result.chain = copy_chain(path);
      result.diagnosis = detail::validate_path(path, options);
      return result;
    }
  }

  // The untrusted pool, without duplicates, without copies of the leaf, and without copies of
  // anchors (a root sent along with the chain is reached through the store instead).
  std::vector<const Certificate*> pool;
  for (const Certificate& c : untrusted) {
    if (c.der == leaf.der) continue;
    bool seen = false;
    for (const Certificate* p : pool) seen = seen || p->der == c.der;
    for (const Certificate& a : anchors.anchors()) seen = seen || a.der == c.der;
    if (!seen) pool.push_back(&c);
  }

  Search search(anchors, std::move(pool), options);
  search.start(leaf);
  const bool found = search.extend();
  result.signature_checks = search.signature_checks();
  const Path& path = found ? search.path() : search.diagnosis_path();
  result.chain = copy_chain(path);
  if (search.revocation_checked(path)) result.revocation = search.revocation_statuses(path);
  if (!found) result.diagnosis = search.take_diagnosis();
  return result;
}

}  // namespace glasstls::x509
