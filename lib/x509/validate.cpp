// The checks on one complete path, RFC 5280 §6.1 as the web PKI applies it. The path builder
// (verify.cpp) has verified every signature already; this file looks at each certificate from the
// anchor down to the leaf (§6.1.3 processes certificates in that order), then at the hostname.
//
// The trust anchor is the last certificate of the path. Following the trust store's contract
// (trust_store.hpp), its validity is checked and its signature is not. Its basicConstraints,
// keyUsage, extKeyUsage and nameConstraints are honoured when present (RFC 5937 "trust anchor
// constraints", as OpenSSL and browsers do), but a v1 anchor without extensions is a CA.
#include "glasstls/asn1/oid_table.hpp"
#include "name_constraints.hpp"
#include "verify_internal.hpp"

namespace glasstls::x509::detail {
namespace {

namespace oids = asn1::oids;

// RFC 5280 §6.1.3 (a)(2), §4.1.2.5: notBefore <= now <= notAfter (both inclusive).
std::optional<Diagnosis> check_validity(std::size_t index, const Certificate& cert, WallTime now) {
  if (now < cert.validity.not_before) return diagnose_not_yet_valid(index, cert, now);
  if (now > cert.validity.not_after) return diagnose_expired(index, cert, now);
  return std::nullopt;
}

// RFC 5280 §6.1.4 (k): an issuer must be a CA. §4.2.1.9: cA TRUE in a basicConstraints
// extension. A v1 or v2 certificate has no extensions, so as an intermediate it is never a CA
// (OpenSSL accepts only self-signed v1 certificates as CAs, and glasstls only as anchors).
std::optional<Diagnosis> check_is_ca(std::size_t index, const Certificate& cert, bool anchor) {
  if (cert.basic_constraints) {
    if (!cert.basic_constraints->ca)
      return diagnose_not_a_ca(index, cert, "its basicConstraints has cA FALSE");
    return std::nullopt;
  }
  if (anchor) return std::nullopt;  // an anchor is a name and a key (RFC 5280 §6.1.1 (d))
  if (cert.version < 3) {
    return diagnose_not_a_ca(index, cert,
                             "it is a version " + std::to_string(cert.version) +
                                 " certificate, which cannot be an intermediate CA");
  }
  return diagnose_not_a_ca(index, cert, "it has no basicConstraints extension");
}

// RFC 5280 §6.1.4 (n) and §4.2.1.3: a keyUsage extension, when present, must allow keyCertSign
// for a certificate that signs certificates.
std::optional<Diagnosis> check_issuer_key_usage(std::size_t index, const Certificate& cert) {
  if (cert.key_usage && !cert.key_usage->has(KeyUsage::key_cert_sign)) {
    return diagnose_key_usage(index, cert, "keyCertSign, yet it signed a certificate");
  }
  return std::nullopt;
}

const asn1::Oid& purpose_oid(Purpose purpose) {
  return purpose == Purpose::server ? oids::id_kp_serverAuth : oids::id_kp_clientAuth;
}

// RFC 5280 §4.2.1.12. The leaf: no extKeyUsage, or one naming the purpose (anyExtendedKeyUsage
// alone is not enough for a TLS certificate: CA/Browser Forum Baseline Requirements §7.1.2.7.10;
// OpenSSL refuses it too). An issuer: its extKeyUsage, when present, constrains the certificates
// below it and must name the purpose or anyExtendedKeyUsage (the "EKU chaining" browsers apply).
std::optional<Diagnosis> check_ext_key_usage(std::size_t index, const Certificate& cert,
                                             Purpose purpose, bool is_leaf) {
  if (!cert.ext_key_usage || purpose == Purpose::crl_signer) return std::nullopt;
  if (cert.ext_key_usage->has(purpose_oid(purpose))) return std::nullopt;
  if (!is_leaf && cert.ext_key_usage->any()) return std::nullopt;
  return diagnose_ext_key_usage(index, cert, purpose);
}

}  // namespace

std::optional<Diagnosis> validate_path(const Path& path, const VerifyOptions& options) {
  const WallTime now = options.at.wall_time();
  const std::size_t anchor_index = path.size() - 1;
  // RFC 5280 §6.1.2 (k): max_path_length starts at n and each CA may lower it. Here it is
  // checked per CA: the non-self-issued intermediates below certificate i must be at most its
  // pathLenConstraint (§4.2.1.9; §6.1.4 (l): self-issued ones do not count, nor does the leaf).
  for (std::size_t i = anchor_index + 1; i-- > 0;) {
    const Certificate& cert = *path[i];
    const bool is_leaf = (i == 0);
    const bool is_anchor = (i == anchor_index);

    if (auto d = check_validity(i, cert, now)) return d;

    // RFC 5280 §4.2: "A certificate-using system MUST reject the certificate if it encounters a
    // critical extension it does not recognize".
    if (const Extension* ext = cert.unknown_critical_extension()) {
      return diagnose_critical_extension(i, cert, *ext);
    }

    if (!is_leaf) {
      if (auto d = check_is_ca(i, cert, is_anchor)) return d;
      if (auto d = check_issuer_key_usage(i, cert)) return d;
      if (cert.basic_constraints && cert.basic_constraints->path_len) {
        std::size_t below = 0;
        for (std::size_t j = 1; j < i; ++j) {
          if (!path[j]->self_issued()) ++below;
        }
        if (below > *cert.basic_constraints->path_len) {
          return diagnose_path_length(i, cert, *cert.basic_constraints->path_len, below);
        }
      }
      // RFC 5280 §6.1.4 (g) and §6.1.3 (b)-(c): this CA's subtrees apply to every certificate
      // below it. §6.1.3 (b): "If certificate i is self-issued and it is not the final
      // certificate in the path, skip this step for certificate i" — its subject and its
      // subjectAltName alike (as OpenSSL does); the leaf is never exempt.
      if (cert.name_constraints) {
        for (std::size_t j = i; j-- > 0;) {
          if (j != 0 && path[j]->self_issued()) continue;
          if (auto v = check_name_constraints(*path[j], *cert.name_constraints, false)) {
            return diagnose_name_constraint(j, *path[j], cert, *v);
          }
        }
      }
    } else if (options.purpose == Purpose::crl_signer) {
      if (cert.key_usage && !cert.key_usage->has(KeyUsage::crl_sign)) {
        return diagnose_key_usage(0, cert, "cRLSign, which a CRL issuer's certificate needs");
      }
    } else if (cert.key_usage && !cert.key_usage->has(KeyUsage::digital_signature)) {
      // RFC 8446 §4.4.2.2: a TLS 1.3 peer signs the handshake (CertificateVerify), so a keyUsage
      // extension on its certificate must allow digitalSignature.
      return diagnose_key_usage(0, cert,
                                "digitalSignature, which a TLS 1.3 peer needs to sign "
                                "its handshake (RFC 8446 §4.4.2.2)");
    }
    if (auto d = check_ext_key_usage(i, cert, options.purpose, is_leaf)) return d;
  }

  // RFC 9525 §6: the identity check, on the leaf, once the path is otherwise valid.
  const Certificate& leaf = *path[0];
  if (options.host) {
    const HostnameCheck check = check_host(leaf, *options.host);
    if (!check.matched) return diagnose_hostname(leaf, *options.host, check);
  }
  if (options.ip) {
    const HostnameCheck check = check_ip_address(leaf, *options.ip);
    if (!check.matched) return diagnose_hostname(leaf, ip_address_to_string(*options.ip), check);
  }
  return std::nullopt;
}

}  // namespace glasstls::x509::detail
