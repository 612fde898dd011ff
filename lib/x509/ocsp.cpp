// parse_ocsp_response and make_ocsp_cert_id: the OCSP response of RFC 6960 §4.2.1, field by
// field, on the strict DER reader.
//
//     OCSPResponse ::= SEQUENCE {
//        responseStatus  OCSPResponseStatus,                 -- ENUMERATED 0..6, 4 unused
//        responseBytes   [0] EXPLICIT ResponseBytes OPTIONAL }
//     ResponseBytes ::= SEQUENCE {
//        responseType    OBJECT IDENTIFIER,                  -- id-pkix-ocsp-basic
//        response        OCTET STRING }                      -- DER of a BasicOCSPResponse
//
// The BasicOCSPResponse sits inside an OCTET STRING, so it is read with a reader of its own and
// every offset (errors, tbs_offset) is shifted back to its place in the whole OCSPResponse. The
// ResponseData, SingleResponse and CertID structures are in ocsp.hpp's header comment.
//
// Parsing checks form only: whether the signer may speak for the issuer, and whether the dates
// are current, is revocation.hpp's business.
#include "glasstls/x509/ocsp.hpp"

#include <string>

#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/oid_table.hpp"

namespace glasstls::x509 {
namespace {

using asn1::DerReader;
namespace oids = asn1::oids;

std::string oid_label(const asn1::Oid& id) {
  const std::string_view name = asn1::oid_name(id);
  return name.empty() ? id.to_dotted() : id.to_dotted() + " (" + std::string(name) + ")";
}

// The hash algorithms a CertID may name (ocsp.hpp: SHA-1, the RFC 6960 default, and SHA-2).
std::optional<crypto::HashAlg> hash_from_oid(const asn1::Oid& id) {
  if (id == oids::id_sha1) return crypto::HashAlg::sha1;
  if (id == oids::id_sha256) return crypto::HashAlg::sha256;
  if (id == oids::id_sha384) return crypto::HashAlg::sha384;
  if (id == oids::id_sha512) return crypto::HashAlg::sha512;
  return std::nullopt;
}

// Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension (RFC 5280 §4.1, imported by RFC 6960
// §4.2.1), kept raw: RFC 6960 defines none that changes how a response parses. Each extension at
// most once; `critical FALSE` must be omitted (DEFAULT, X.690 §11.5).
std::vector<Extension> read_raw_extensions(DerReader& wrapper, std::string_view field) {
  std::vector<Extension> out;
  const std::size_t list_at = wrapper.offset();
  DerReader list = wrapper.sequence(field);
  if (list.ok() && list.at_end()) {
    wrapper.fail(list_at, field,
                 "Extensions must hold at least one extension (RFC 5280 §4.1: SIZE (1..MAX))");
    return out;
  }
  for (std::size_t i = 0; list.ok() && !list.at_end(); ++i) {
    const std::string name = "extension[" + std::to_string(i) + "]";
    Extension ext;
    ext.offset = list.offset();
    DerReader e = list.sequence(name);
    ext.id = e.oid("extnID");
    const std::size_t critical_at = e.offset();
    if (auto critical = e.optional_boolean("critical")) {
      if (!*critical)
        e.fail(critical_at, "critical",
               "critical FALSE must be omitted in DER (DEFAULT FALSE, X.690 §11.5)");
      ext.critical = *critical;
    }
    ext.value = to_bytes(e.octet_string("extnValue"));
    e.finish();
    if (!e.ok()) break;
    for (const Extension& earlier : out) {
      if (earlier.id == ext.id) {
        list.fail(ext.offset, name,
                  "duplicate extension " + oid_label(ext.id) + " (first at byte " +
                      std::to_string(earlier.offset) + ")");
        return out;
      }
    }
    out.push_back(std::move(ext));
  }
  wrapper.finish();
  return out;
}

// CertID ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, issuerNameHash OCTET STRING,
//                       issuerKeyHash OCTET STRING, serialNumber CertificateSerialNumber }
// (RFC 6960 §4.1.1). The hash's parameters are NULL or absent: RFC 5754 §2 says absent, but
// responders (OpenSSL among them) write NULL, so both are read.
OcspCertId read_cert_id(DerReader& single) {
  OcspCertId id;
  DerReader c = single.sequence("certID");
  DerReader alg = c.sequence("hashAlgorithm");
  const std::size_t oid_at = alg.offset();
  const asn1::Oid oid = alg.oid("algorithm");
  if (!alg.at_end()) alg.null("parameters");
  alg.finish();
  if (!c.ok()) return id;
  const auto hash = hash_from_oid(oid);
  if (!hash) {
    alg.fail(oid_at, "algorithm",
             "unsupported CertID hash " + oid_label(oid) + " (SHA-1, SHA-256, SHA-384, SHA-512)");
    return id;
  }
  id.hash = *hash;
  // Each hash must be as long as the digest it claims to be.
  const std::size_t want = crypto::digest_size(*hash);
  auto read_hash = [&](const char* field) {
    const std::size_t at = c.offset();
    const ByteView value = c.octet_string(field);
    if (c.ok() && value.size() != want) {
      c.fail(at, field,
             std::string(field) + " is " + std::to_string(value.size()) + " octets, but a " +
                 std::string(crypto::hash_name(*hash)) + " digest is " + std::to_string(want) +
                 " (RFC 6960 §4.1.1)");
    }
    return to_bytes(value);
  };
  id.issuer_name_hash = read_hash("issuerNameHash");
  id.issuer_key_hash = read_hash("issuerKeyHash");
  id.serial = to_bytes(c.integer("serialNumber"));
  c.finish();
  return id;
}

// CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo,
//                         unknown [2] IMPLICIT UnknownInfo }      UnknownInfo ::= NULL
// RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime,
//                            revocationReason [0] EXPLICIT CRLReason OPTIONAL }
void read_cert_status(DerReader& single, OcspSingleResponse& s) {
  const std::size_t at = single.offset();
  const auto tag = single.peek_tag();
  if (!single.ok()) return;
  auto empty_null = [&](std::uint32_t n, const char* name) {
    const ByteView contents = single.implicit_primitive(n, name);
    if (single.ok() && !contents.empty())
      single.fail(at, name, "a NULL must have empty contents (X.690 §8.8.2)");
  };
  if (tag == asn1::Tag::context(0, false)) {
    empty_null(0, "certStatus.good");
    s.status = OcspCertStatus::good;
  } else if (tag == asn1::Tag::context(2, false)) {
    empty_null(2, "certStatus.unknown");
    s.status = OcspCertStatus::unknown;
  } else if (tag == asn1::Tag::context(1, true)) {
    s.status = OcspCertStatus::revoked;
    DerReader r = single.implicit_constructed(1, "certStatus.revoked");
    s.revocation_time = r.generalized_time("revocationTime");
    const std::size_t reason_at = r.offset();
    if (auto reason = r.optional_explicit(0, "revocationReason")) {
      const std::int64_t value = reason->enumerated("value");
      reason->finish();
      if (r.ok()) {
        s.revocation_reason = crl_reason_from_value(value);  // crl.hpp: 7 and >10 refused
        if (!s.revocation_reason)
          r.fail(reason_at, "revocationReason",
                 "unknown CRLReason value " + std::to_string(value) +
                     " (RFC 5280 §5.3.1: 0-6 and 8-10)");
      }
    }
    r.finish();
  } else {
    single.fail(at, "certStatus",
                "expected good [0], revoked [1] or unknown [2], found " +
                    (tag ? tag->to_string() : std::string("nothing")) + " (RFC 6960 §4.2.1)");
  }
}

// SingleResponse ::= SEQUENCE { certID CertID, certStatus CertStatus,
//    thisUpdate GeneralizedTime, nextUpdate [0] EXPLICIT GeneralizedTime OPTIONAL,
//    singleExtensions [1] EXPLICIT Extensions OPTIONAL }
OcspSingleResponse read_single_response(DerReader& list, std::size_t index) {
  OcspSingleResponse s;
  DerReader single = list.sequence("singleResponse[" + std::to_string(index) + "]");
  s.cert_id = read_cert_id(single);
  read_cert_status(single, s);
  s.this_update = single.generalized_time("thisUpdate");
  if (auto next = single.optional_explicit(0, "nextUpdate")) {
    s.next_update = next->generalized_time("value");
    next->finish();
  }
  if (auto ext = single.optional_explicit(1, "singleExtensions"))
    s.extensions = read_raw_extensions(*ext, "singleExtensions");
  single.finish();
  return s;
}

// ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash }, EXPLICIT tags (RFC 6960's
// module is DEFINITIONS EXPLICIT TAGS); KeyHash ::= OCTET STRING, the SHA-1 of the responder's
// subjectPublicKey bits.
OcspResponderId read_responder_id(DerReader& tbs) {
  OcspResponderId id;
  const std::size_t at = tbs.offset();
  if (auto by_name = tbs.optional_explicit(1, "responderID.byName")) {
    id.by_name = read_name(*by_name, "name");
    by_name->finish();
  } else if (auto by_key = tbs.optional_explicit(2, "responderID.byKey")) {
    const std::size_t key_at = by_key->offset();
    const ByteView hash = by_key->octet_string("keyHash");
    by_key->finish();
    if (tbs.ok() && hash.size() != 20)
      by_key->fail(key_at, "keyHash",
                   "KeyHash is " + std::to_string(hash.size()) +
                       " octets, not a SHA-1 hash (RFC 6960 §4.2.1)");
    id.by_key = to_bytes(hash);
  } else if (tbs.ok()) {
    const auto tag = tbs.peek_tag();
    tbs.fail(at, "responderID",
             "expected byName [1] or byKey [2], found " +
                 (tag ? tag->to_string() : std::string("nothing")) + " (RFC 6960 §4.2.1)");
  }
  return id;
}

// ResponseData ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, responderID ResponderID,
//    producedAt GeneralizedTime, responses SEQUENCE OF SingleResponse,
//    responseExtensions [1] EXPLICIT Extensions OPTIONAL }
void read_response_data(DerReader& tbs, OcspResponse& r) {
  const std::size_t version_at = tbs.offset();
  if (auto v = tbs.optional_explicit(0, "version")) {
    const std::int64_t value = v->small_integer("value");
    v->finish();
    if (tbs.ok()) {
      // X.690 §11.5: a value equal to its DEFAULT is omitted in DER; v1 (0) is the only version.
      tbs.fail(version_at, "version",
               value == 0 ? "version v1 must be omitted (DEFAULT v1, X.690 §11.5)"
                          : "unknown version value " + std::to_string(value) +
                                " (RFC 6960 §4.2.1: only v1)");
    }
  }
  r.responder_id = read_responder_id(tbs);
  r.produced_at = tbs.generalized_time("producedAt");
  DerReader list = tbs.sequence("responses");
  for (std::size_t i = 0; list.ok() && !list.at_end(); ++i)
    r.responses.push_back(read_single_response(list, i));
  if (auto ext = tbs.optional_explicit(1, "responseExtensions"))
    r.extensions = read_raw_extensions(*ext, "responseExtensions");
  tbs.finish();

  // RFC 6960 §4.4.1: the nonce's extnValue is (by practice, and RFC 8954) an OCTET STRING
  // holding the nonce; older responders put the bare bytes there, which are kept as they are.
  for (const Extension& e : r.extensions) {
    if (e.id != oids::id_pkix_ocsp_nonce) continue;
    asn1::Der inner(e.value);
    DerReader root = inner.root();
    const ByteView value = root.octet_string("nonce");
    root.finish();
    r.nonce = inner.ok() ? to_bytes(value) : e.value;
  }
}

// certs [0] EXPLICIT SEQUENCE OF Certificate: each parsed whole; an error inside one is reported
// at its offset in the response.
void read_certs(DerReader& basic, OcspResponse& r) {
  auto wrapper = basic.optional_explicit(0, "certs");
  if (!wrapper) return;
  DerReader list = wrapper->sequence("certs");
  for (std::size_t i = 0; list.ok() && !list.at_end(); ++i) {
    const std::string name = "certificate[" + std::to_string(i) + "]";
    const asn1::Element e = list.element(asn1::tags::sequence, name);
    if (!list.ok()) break;
    auto cert = parse_certificate(e.encoding);
    if (!cert) {
      const asn1::DerError& err = cert.error().der;
      list.fail(e.offset + err.offset, name + (err.path.empty() ? "" : "." + err.path), err.reason);
      break;
    }
    r.certs.push_back(std::move(cert).value());
  }
  wrapper->finish();
}

// BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData,
//    signatureAlgorithm AlgorithmIdentifier, signature BIT STRING,
//    certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
// read from its own Der (the OCTET STRING's contents); offsets here are within that.
void read_basic_response(asn1::Der& der, OcspResponse& r, std::size_t base) {
  DerReader basic = der.sequence("basicOCSPResponse");
  const asn1::Element tbs_element = basic.element(asn1::tags::sequence, "tbsResponseData");
  DerReader tbs = basic.enter(tbs_element, "tbsResponseData");
  r.tbs_offset = base + tbs_element.offset;
  r.tbs_size = tbs_element.encoding.size();
  read_response_data(tbs, r);
  r.signature_algorithm = read_signature_algorithm(basic, "signatureAlgorithm");
  r.signature = to_bytes(basic.bit_string_bytes("signature"));
  read_certs(basic, r);
  basic.finish();
}

// ResponseBytes ::= SEQUENCE { responseType OBJECT IDENTIFIER, response OCTET STRING }
void read_response_bytes(DerReader& wrapper, OcspResponse& r) {
  DerReader bytes = wrapper.sequence("responseBytes");
  const std::size_t type_at = bytes.offset();
  const asn1::Oid type = bytes.oid("responseType");
  if (bytes.ok() && type != oids::id_pkix_ocsp_basic) {
    // RFC 6960 §4.2.1: "OCSP responders SHALL be capable of producing responses of the
    // id-pkix-ocsp-basic response type"; it is the only type defined, and the only one read.
    bytes.fail(
        type_at, "responseType",
        "unsupported responseType " + oid_label(type) + " (RFC 6960 §4.2.1: id-pkix-ocsp-basic)");
    return;
  }
  const asn1::Element octets = bytes.element(asn1::tags::octet_string, "response");
  bytes.finish();
  wrapper.finish();
  if (!bytes.ok()) return;

  // "The value for response SHALL be the DER encoding of BasicOCSPResponse": exactly one.
  const auto base = static_cast<std::size_t>(octets.contents.data() - r.der.data());
  asn1::Der inner(octets.contents);
  read_basic_response(inner, r, base);
  if (!inner.ok()) {
    const asn1::DerError& err = inner.error();
    bytes.fail(base + err.offset, "response" + (err.path.empty() ? "" : "." + err.path),
               err.reason);
  }
}

}  // namespace

// ---- parsing -----------------------------------------------------------------------------------

Result<OcspResponse, CertificateParseError> parse_ocsp_response(ByteView input) {
  OcspResponse r;
  r.der = to_bytes(input);
  asn1::Der der(r.der);  // every offset below is into r.der
  DerReader resp = der.sequence("ocspResponse");

  // OCSPResponseStatus ::= ENUMERATED { successful (0), malformedRequest (1), internalError (2),
  //    tryLater (3), -- (4) is not used -- sigRequired (5), unauthorized (6) }
  const std::size_t status_at = resp.offset();
  const std::int64_t status = resp.enumerated("responseStatus");
  if (resp.ok() && (status < 0 || status == 4 || status > 6)) {
    resp.fail(
        status_at, "responseStatus",
        "unknown OCSPResponseStatus " + std::to_string(status) + " (RFC 6960 §4.2.1: 0-3, 5, 6)");
  }
  r.status = static_cast<OcspResponseStatus>(status);

  const std::size_t bytes_at = resp.offset();
  auto bytes = resp.optional_explicit(0, "responseBytes");
  if (resp.ok()) {
    // RFC 6960 §4.2.1: "If the value of responseStatus is one of the error conditions, the
    // responseBytes field is not set." A successful response is useless without them.
    if (r.status == OcspResponseStatus::successful && !bytes) {
      resp.fail(bytes_at, "responseBytes",
                "a successful response must carry responseBytes (RFC 6960 §4.2.1)");
    } else if (r.status != OcspResponseStatus::successful && bytes) {
      resp.fail(bytes_at, "responseBytes",
                std::string("a ") + std::string(to_string(r.status)) +
                    " response must not carry responseBytes (RFC 6960 §4.2.1)");
    } else if (bytes) {
      read_response_bytes(*bytes, r);
    }
  }
  resp.finish();
  if (!der.ok()) return Err(CertificateParseError{der.error(), 0});
  return r;
}

// ---- CertID ------------------------------------------------------------------------------------

OcspCertId make_ocsp_cert_id(const Certificate& cert, const Certificate& issuer,
                             crypto::HashAlg hash) {
  OcspCertId id;
  id.hash = hash;
  // RFC 6960 §4.1.1: issuerNameHash "is the hash of the issuer's distinguished name (DN). The
  // hash shall be calculated over the DER encoding of the issuer's name field in the certificate
  // being checked."
  id.issuer_name_hash = to_bytes(crypto::Hash::hash(hash, cert.issuer.der).view());
  // issuerKeyHash "is the hash of the issuer's public key. The hash shall be calculated over the
  // value (excluding tag and length) of the subject public key field in the issuer's
  // certificate" — the BIT STRING's bytes after the unused-bits octet, as for RFC 5280 §4.2.1.2.
  asn1::Der der(issuer.public_key.spki_der);
  DerReader spki = der.sequence("subjectPublicKeyInfo");
  spki.element(asn1::tags::sequence, "algorithm");
  const asn1::BitString bits = spki.bit_string("subjectPublicKey");
  spki.finish();
  if (der.ok()) id.issuer_key_hash = to_bytes(crypto::Hash::hash(hash, bits.bytes).view());
  id.serial = cert.serial;
  return id;
}

const OcspSingleResponse* OcspResponse::find(const OcspCertId& id) const {
  for (const OcspSingleResponse& s : responses)
    if (s.cert_id == id) return &s;
  return nullptr;
}

// ---- names -------------------------------------------------------------------------------------

std::string_view to_string(OcspResponseStatus status) noexcept {
  switch (status) {
    case OcspResponseStatus::successful:
      return "successful";
    case OcspResponseStatus::malformed_request:
      return "malformedRequest";
    case OcspResponseStatus::internal_error:
      return "internalError";
    case OcspResponseStatus::try_later:
      return "tryLater";
    case OcspResponseStatus::sig_required:
      return "sigRequired";
    case OcspResponseStatus::unauthorized:
      return "unauthorized";
  }
  return "unknown status";
}

std::string_view to_string(OcspCertStatus status) noexcept {
  switch (status) {
    case OcspCertStatus::good:
      return "good";
    case OcspCertStatus::revoked:
      return "revoked";
    case OcspCertStatus::unknown:
      return "unknown";
  }
  return "?";
}

}  // namespace glasstls::x509
