// OcspResponseBuilder (see revocation_builder.hpp): a BasicOCSPResponse (RFC 6960 §4.2.1) written
// on the DER writer, signed over its tbsResponseData, and wrapped in a successful OCSPResponse.
//
//     OCSPResponse ::= SEQUENCE { responseStatus ENUMERATED { successful (0) },
//        responseBytes [0] EXPLICIT SEQUENCE { responseType id-pkix-ocsp-basic,
//                                              response OCTET STRING (BasicOCSPResponse) } }
//
// Every time is a GeneralizedTime (§4.2.1: producedAt, thisUpdate, nextUpdate, revocationTime).
#include <cstdint>
#include <string>

#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/revocation_builder.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;

Err<CertificateParseError> build_error(std::string field, std::string reason) {
  return Err(CertificateParseError{
      asn1::DerError{0, "builder." + std::move(field), std::move(reason)}, 0});
}

// A Name as kept (its DER), or encoded from its attributes when it was assembled by hand.
void write_name(asn1::DerWriter& w, const Name& name) {
  if (!name.der.empty()) {
    w.raw(name.der);
    return;
  }
  w.sequence([&](asn1::DerWriter& rdns) {
    for (const Rdn& rdn : name.rdns) {
      rdns.set([&](asn1::DerWriter& set) {
        for (const Attribute& a : rdn) {
          set.sequence([&](asn1::DerWriter& atv) {
            atv.oid(a.type);
            if (asn1::is_string_type(a.value_tag)) {
              atv.string(a.value_tag, a.utf8);
            } else {
              atv.primitive(a.value_tag, a.raw);
            }
          });
        }
      });
    }
  });
}

// CertID ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, issuerNameHash OCTET STRING,
//                       issuerKeyHash OCTET STRING, serialNumber CertificateSerialNumber }
// (§4.1.1). The hash's parameters are written as NULL, as OpenSSL and most responders do.
void write_cert_id(asn1::DerWriter& w, const OcspCertId& id) {
  w.sequence([&](asn1::DerWriter& c) {
    c.sequence([&](asn1::DerWriter& alg) {
      switch (id.hash) {
        case crypto::HashAlg::sha1:
          alg.oid(oids::id_sha1);
          break;
        case crypto::HashAlg::sha256:
          alg.oid(oids::id_sha256);
          break;
        case crypto::HashAlg::sha384:
          alg.oid(oids::id_sha384);
          break;
        case crypto::HashAlg::sha512:
          alg.oid(oids::id_sha512);
          break;
      }
      alg.null();
    });
    c.octet_string(id.issuer_name_hash);
    c.octet_string(id.issuer_key_hash);
    // The serial's contents octets as the certificate encoded them (two's complement).
    c.primitive(asn1::tags::integer, id.serial);
  });
}

}  // namespace

// ---- setters ------------------------------------------------------------------------------------

OcspResponseBuilder& OcspResponseBuilder::responder(const Certificate& responder_certificate,
                                                    bool include_certificate) {
  by_name_ = responder_certificate.subject;
  by_key_.reset();
  if (include_certificate) certs_.push_back(responder_certificate.der);
  return *this;
}
OcspResponseBuilder& OcspResponseBuilder::responder_by_key(const Certificate& responder_certificate,
                                                           bool include_certificate) {
  // §4.2.1: KeyHash "SHA-1 hash of responder's public key (excluding the tag and length
  // fields)" — the same bytes as an RFC 5280 §4.2.1.2 method-1 key identifier.
  by_key_ = key_identifier(responder_certificate.public_key.spki_der);
  by_name_.reset();
  if (include_certificate) certs_.push_back(responder_certificate.der);
  return *this;
}
OcspResponseBuilder& OcspResponseBuilder::responder_name(Name name) {
  by_name_ = std::move(name);
  by_key_.reset();
  return *this;
}
OcspResponseBuilder& OcspResponseBuilder::add_certificate(const Certificate& cert) {
  certs_.push_back(cert.der);
  return *this;
}
OcspResponseBuilder& OcspResponseBuilder::produced_at(WallTime t) {
  produced_at_ = t;
  return *this;
}
OcspResponseBuilder& OcspResponseBuilder::add(const Certificate& cert, const Certificate& issuer,
                                              OcspCertStatus status, WallTime this_update,
                                              std::optional<WallTime> next_update,
                                              std::optional<WallTime> revocation_time,
                                              std::optional<CrlReason> reason,
                                              crypto::HashAlg hash) {
  return add(make_ocsp_cert_id(cert, issuer, hash), status, this_update, next_update,
             revocation_time, reason);
}
OcspResponseBuilder& OcspResponseBuilder::add(const OcspCertId& id, OcspCertStatus status,
                                              WallTime this_update,
                                              std::optional<WallTime> next_update,
                                              std::optional<WallTime> revocation_time,
                                              std::optional<CrlReason> reason) {
  singles_.push_back({id, status, this_update, next_update, revocation_time, reason});
  return *this;
}
OcspResponseBuilder& OcspResponseBuilder::nonce(Bytes value) {
  nonce_ = std::move(value);
  return *this;
}
OcspResponseBuilder& OcspResponseBuilder::corrupt_signature() {
  corrupt_signature_ = true;
  return *this;
}

// ---- encoding -----------------------------------------------------------------------------------

Result<Bytes, CertificateParseError> OcspResponseBuilder::sign_der(const SigningKey& key) const {
  if (!by_name_ && !by_key_)
    return build_error("responderID", "no responder was set (responder() or responder_by_key())");
  if (singles_.empty())
    return build_error("responses", "no SingleResponse was added (RFC 6960 §4.2.1)");
  const WallTime produced = produced_at_ ? *produced_at_ : singles_.front().this_update;
  const SignatureAlgorithm algorithm = key.algorithm();

  // ResponseData ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1 (omitted: DER),
  //    responderID ResponderID, producedAt GeneralizedTime, responses SEQUENCE OF SingleResponse,
  //    responseExtensions [1] EXPLICIT Extensions OPTIONAL }
  asn1::DerWriter tbs_writer;
  tbs_writer.sequence([&](asn1::DerWriter& tbs) {
    // ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash } (EXPLICIT tags)
    if (by_name_) {
      tbs.explicit_tag(1, [&](asn1::DerWriter& n) { write_name(n, *by_name_); });
    } else {
      tbs.explicit_tag(2, [&](asn1::DerWriter& k) { k.octet_string(*by_key_); });
    }
    tbs.generalized_time(produced);
    tbs.sequence([&](asn1::DerWriter& list) {
      for (const Single& s : singles_) {
        // SingleResponse ::= SEQUENCE { certID, certStatus, thisUpdate,
        //    nextUpdate [0] EXPLICIT GeneralizedTime OPTIONAL, singleExtensions (none here) }
        list.sequence([&](asn1::DerWriter& single) {
          write_cert_id(single, s.id);
          switch (s.status) {
            case OcspCertStatus::good:  // good [0] IMPLICIT NULL
              single.implicit_primitive(0, {});
              break;
            case OcspCertStatus::unknown:  // unknown [2] IMPLICIT UnknownInfo (NULL)
              single.implicit_primitive(2, {});
              break;
            case OcspCertStatus::revoked:
              // revoked [1] IMPLICIT RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime,
              //    revocationReason [0] EXPLICIT CRLReason OPTIONAL }
              single.implicit_constructed(1, [&](asn1::DerWriter& info) {
                info.generalized_time(s.revocation_time ? *s.revocation_time : s.this_update);
                if (s.reason) {
                  info.explicit_tag(0, [&](asn1::DerWriter& r) {
                    r.enumerated(static_cast<std::int64_t>(*s.reason));
                  });
                }
              });
              break;
          }
          single.generalized_time(s.this_update);
          if (s.next_update)
            single.explicit_tag(0, [&](asn1::DerWriter& n) { n.generalized_time(*s.next_update); });
        });
      }
    });
    if (nonce_) {
      // §4.4.1 nonce: extnValue is an OCTET STRING holding the nonce (RFC 8954 §2.1).
      tbs.explicit_tag(1, [&](asn1::DerWriter& x) {
        x.sequence([&](asn1::DerWriter& list) {
          list.sequence([&](asn1::DerWriter& ext) {
            ext.oid(oids::id_pkix_ocsp_nonce);
            asn1::DerWriter value;
            value.octet_string(*nonce_);
            ext.octet_string(value.data());
          });
        });
      });
    }
  });
  if (!tbs_writer.ok()) return build_error("tbsResponseData", tbs_writer.error());
  const Bytes tbs = tbs_writer.take();

  Bytes signature = key.sign(tbs);
  if (corrupt_signature_ && !signature.empty()) signature[signature.size() / 2] ^= 0x01;

  // BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature BIT STRING,
  //    certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
  asn1::DerWriter basic;
  basic.sequence([&](asn1::DerWriter& b) {
    b.raw(tbs);
    b.raw(algorithm.der);
    b.bit_string(signature);
    if (!certs_.empty()) {
      b.explicit_tag(0, [&](asn1::DerWriter& x) {
        x.sequence([&](asn1::DerWriter& list) {
          for (const Bytes& cert : certs_) list.raw(cert);
        });
      });
    }
  });
  if (!basic.ok()) return build_error("basicOCSPResponse", basic.error());

  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& resp) {
    resp.enumerated(static_cast<std::int64_t>(OcspResponseStatus::successful));
    resp.explicit_tag(0, [&](asn1::DerWriter& x) {
      x.sequence([&](asn1::DerWriter& rb) {
        rb.oid(oids::id_pkix_ocsp_basic);
        rb.octet_string(basic.data());
      });
    });
  });
  if (!w.ok()) return build_error("ocspResponse", w.error());
  return w.take();
}

Result<OcspResponse, CertificateParseError> OcspResponseBuilder::sign(const SigningKey& key) const {
  auto der = sign_der(key);
  if (!der) return Err(der.error());
  return parse_ocsp_response(*der);
}

Bytes OcspResponseBuilder::error_response(OcspResponseStatus status) {
  // §4.2.1: "If the value of responseStatus is one of the error conditions, the responseBytes
  // field is not set" — and an error response is not signed.
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& resp) { resp.enumerated(static_cast<std::int64_t>(status)); });
  return w.take();
}

}  // namespace glasstls::x509
