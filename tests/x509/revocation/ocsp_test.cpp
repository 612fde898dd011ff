// parse_ocsp_response and make_ocsp_cert_id (RFC 6960 §4.2.1, §4.1.1):
//  * a known answer made by the OpenSSL 3.0 command line, every field checked, and its CertID
//    recomputed from the certificates;
//  * malformed responses: every strict prefix, and each strictness rule with the offset and path
//    of its error.
#include <algorithm>
#include <chrono>

#include <gtest/gtest.h>

#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "glasstls/x509/ocsp.hpp"
#include "support/test_support.hpp"

namespace glasstls::x509 {
namespace {

namespace oids = asn1::oids;
using glasstls::test::hex;

WallTime at(int y, unsigned mo, unsigned d, unsigned h = 0, unsigned mi = 0, unsigned s = 0) {
  using namespace std::chrono;
  return sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) + seconds(s);
}

// Made by hand in /tmp with OpenSSL 3.0.19 on 2026-11-27 (an indented line continues the one
// before it):
//   openssl ecparam -name prime256v1 -genkey -noout -out ca.key
//   openssl req -x509 -new -key ca.key -subj "/CN=OCSP KA CA" -days 3650 -sha256
//       -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
//       -out ca.pem
//   openssl ecparam -name prime256v1 -genkey -noout -out leaf.key
//   openssl req -new -key leaf.key -subj "/CN=leaf.example" -out leaf.csr
//   openssl x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -set_serial 0x1001 -days 365
//       -sha256 -out leaf.pem
//   printf 'R\t301231000000Z\t250301120000Z,keyCompromise\t1001\tunknown\t/CN=leaf.example\n'
//       > index.txt
//   openssl ocsp -issuer ca.pem -cert leaf.pem -reqout req.der          (SHA-1 CertID, nonce)
//   openssl ocsp -index index.txt -rsigner ca.pem -rkey ca.key -CA ca.pem -reqin req.der
//       -respout resp.der -ndays 7
// resp.der: a revoked (keyCompromise) answer about serial 0x1001, signed by the CA with
// ecdsa-with-SHA256, the CA certificate in certs, the request's nonce echoed.
const Bytes kResponse =
    hex("308202dd0a0100a08202d6308202d206092b0601050507300101048202c3308202bf3081cca117301531133011"
        "060355"
        "04030c0a4f435350204b41204341180f32303236313132373132343034395a307b3079303b300906052b0e0302"
        "1a0500"
        "04149b3baa3d336f4ef64206c807484f31f95100f55c0414a04ab6737f21178fc71fe218d55cfeea7a875f9202"
        "021001"
        "a116180f32303235303330313132303030305aa0030a0101180f32303236313132373132343034395aa011180f"
        "323032"
        "36313230343132343034395aa1233021301f06092b0601050507300102041204106738ec04e42d3db47539b850"
        "d1f6dd"
        "34300a06082a8648ce3d0403020347003044022003253cd84e5a6c97f866813ad1ea15e9ebbbbfaf7d16adcbcb"
        "cbd374"
        "a70e0000022062817392eaa86bd4b9644081548b745c46357e4bbc90d2e1d42a7b68d445056fa0820197308201"
        "933082"
        "018f30820135a00302010202146c4a5af75dfb88af2d42ec025b72607954442092300a06082a8648ce3d040302"
        "301531"
        "13301106035504030c0a4f435350204b41204341301e170d3236313132373132343034355a170d333631313234"
        "313234"
        "3034355a30153113301106035504030c0a4f435350204b412043413059301306072a8648ce3d020106082a8648"
        "ce3d03"
        "010703420004fde115d16e8894204420c5f8d994dab51b54ecaa4c533572d0cd0b93dc01d96f3c0f65dc6a68db"
        "3733e1"
        "e179cfde9b15d61f5a4033495c41fc9b074a6248f0d4a3633061301d0603551d0e04160414a04ab6737f21178f"
        "c71fe2"
        "18d55cfeea7a875f92301f0603551d23041830168014a04ab6737f21178fc71fe218d55cfeea7a875f92300f06"
        "03551d"
        "130101ff040530030101ff300e0603551d0f0101ff040403020106300a06082a8648ce3d040302034800304502"
        "2100b2"
        "f2bb786ecb7ba14f5337e84c89368dcca6d40accd885056be7d620fc27c111022026e172c7a1acf234acbc19c7"
        "a70152"
        "1a94fdbca5c2279bf9a69eb2565084e08c");
// leaf.pem as DER (`openssl x509 -in leaf.pem -outform der`): a v1 certificate, serial 0x1001.
const Bytes kLeaf =
    hex("308201153081bb02021001300a06082a8648ce3d04030230153113301106035504030c0a4f435350204b412043"
        "41301e"
        "170d3236313132373132343034355a170d3237313132373132343034355a30173115301306035504030c0c6c65"
        "61662e"
        "6578616d706c653059301306072a8648ce3d020106082a8648ce3d0301070342000451a5d700995119232d4bee"
        "a70d14"
        "4d4fd9d9ebb20676cc42bc8d27cf619bdc7529dec3dd518a65b1a9c4400705998a867cc28cddfda25aa961de0f"
        "124ba1"
        "630e300a06082a8648ce3d0403020349003046022100c29316c0fe5209b2dd27fc75db67a949bf277b3b2c32f4"
        "ea3327"
        "afd6b249685a0221009d77bae82f747fc8d3d18c2178e30c7ced21f0bb5c54a25a1be2b489f3bb5e8b");

// Where `needle` first occurs in `hay` (the test's way of naming a byte it then mutates).
std::size_t find_bytes(const Bytes& hay, const Bytes& needle, std::size_t from = 0) {
  const auto it = std::search(hay.begin() + static_cast<std::ptrdiff_t>(from), hay.end(),
                              needle.begin(), needle.end());
  EXPECT_NE(it, hay.end()) << "pattern not found";
  return static_cast<std::size_t>(it - hay.begin());
}

void expect_error(const Bytes& der, std::size_t offset, const std::string& path,
                  const std::string& reason_part) {
  auto r = parse_ocsp_response(der);
  ASSERT_FALSE(r) << "parsed";
  EXPECT_EQ(r.error().der.offset, offset) << r.error().to_string();
  EXPECT_EQ(r.error().der.path, path) << r.error().to_string();
  EXPECT_NE(r.error().der.reason.find(reason_part), std::string::npos) << r.error().to_string();
}

const std::string kBasic = "ocspResponse.responseBytes.responseBytes.response.basicOCSPResponse";
const std::string kTbs = kBasic + ".tbsResponseData";

// ---- known answer -------------------------------------------------------------------------------

TEST(OcspKnownAnswer, OpensslResponseEveryField) {
  auto r = parse_ocsp_response(kResponse);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->status, OcspResponseStatus::successful);
  EXPECT_EQ(r->der, kResponse);
  // tbsResponseData is the SEQUENCE "30 81 cc" 34 bytes in: 4 (OCSPResponse header) + 3
  // (responseStatus) + 4 ([0]) + 4 (ResponseBytes) + 11 (responseType) + 4 (OCTET STRING) + 4
  // (BasicOCSPResponse header); 3 + 0xcc bytes long.
  EXPECT_EQ(r->tbs_offset, 34u);
  EXPECT_EQ(r->tbs_size, 3u + 0xcc);
  EXPECT_EQ(r->tbs()[0], 0x30);
  EXPECT_EQ(r->version, 1);
  ASSERT_TRUE(r->responder_id.by_name);
  EXPECT_FALSE(r->responder_id.by_key);
  EXPECT_EQ(r->responder_id.by_name->to_string(), "CN=OCSP KA CA");
  EXPECT_EQ(r->produced_at, at(2026, 11, 27, 12, 40, 49));

  ASSERT_EQ(r->responses.size(), 1u);
  const OcspSingleResponse& s = r->responses[0];
  EXPECT_EQ(s.cert_id.hash, crypto::HashAlg::sha1);
  EXPECT_EQ(s.cert_id.issuer_name_hash, hex("9b3baa3d336f4ef64206c807484f31f95100f55c"));
  EXPECT_EQ(s.cert_id.issuer_key_hash, hex("a04ab6737f21178fc71fe218d55cfeea7a875f92"));
  EXPECT_EQ(s.cert_id.serial, hex("1001"));
  EXPECT_EQ(s.status, OcspCertStatus::revoked);
  EXPECT_EQ(s.revocation_time, at(2025, 3, 1, 12, 0, 0));
  EXPECT_EQ(s.revocation_reason, CrlReason::key_compromise);
  EXPECT_EQ(s.this_update, at(2026, 11, 27, 12, 40, 49));
  EXPECT_EQ(s.next_update, at(2026, 12, 4, 12, 40, 49));  // -ndays 7
  EXPECT_TRUE(s.extensions.empty());

  ASSERT_EQ(r->extensions.size(), 1u);
  EXPECT_EQ(r->extensions[0].id, oids::id_pkix_ocsp_nonce);
  EXPECT_FALSE(r->extensions[0].critical);
  EXPECT_EQ(r->extensions[0].value, hex("04106738ec04e42d3db47539b850d1f6dd34"));
  EXPECT_EQ(r->nonce, hex("6738ec04e42d3db47539b850d1f6dd34"));  // the OCTET STRING's contents

  EXPECT_EQ(r->signature_algorithm.kind, SignatureAlgorithm::Kind::ecdsa);
  EXPECT_EQ(r->signature_algorithm.hash, crypto::HashAlg::sha256);
  EXPECT_EQ(r->signature.size(), 0x46u);
  ASSERT_EQ(r->certs.size(), 1u);
  const Certificate& ca = r->certs[0];
  EXPECT_EQ(ca.subject.to_string(), "CN=OCSP KA CA");
  EXPECT_EQ(ca.subject_key_id, hex("a04ab6737f21178fc71fe218d55cfeea7a875f92"));

  // RFC 6960 §4.2.1: the signature is over tbsResponseData, by the CA's key here.
  EXPECT_TRUE(verify_signature(ca.public_key, r->signature_algorithm, r->tbs(), r->signature));
  Bytes other_tbs = to_bytes(r->tbs());
  other_tbs.back() ^= 1;
  EXPECT_FALSE(verify_signature(ca.public_key, r->signature_algorithm, other_tbs, r->signature));
}

TEST(OcspKnownAnswer, CertIdRecomputedFromTheCertificates) {
  auto r = parse_ocsp_response(kResponse);
  ASSERT_TRUE(r) << r.error().to_string();
  auto leaf = parse_certificate(kLeaf);
  ASSERT_TRUE(leaf) << leaf.error().to_string();
  const Certificate& ca = r->certs[0];
  // §4.1.1: SHA-1 over the leaf's issuer Name DER and over the CA's subjectPublicKey bits — the
  // latter equals the CA's method-1 subjectKeyIdentifier.
  const OcspCertId id = make_ocsp_cert_id(*leaf, ca);
  EXPECT_EQ(id, r->responses[0].cert_id);
  EXPECT_EQ(id.issuer_key_hash, *ca.subject_key_id);
  EXPECT_EQ(r->find(id), &r->responses[0]);

  // SHA-256 values (openssl dgst -sha256 over the issuer Name DER and over the key bits).
  const OcspCertId id256 = make_ocsp_cert_id(*leaf, ca, crypto::HashAlg::sha256);
  EXPECT_EQ(id256.hash, crypto::HashAlg::sha256);
  const auto name_digest =
      crypto::Sha256::hash(hex("30153113301106035504030c0a4f435350204b41204341"));
  EXPECT_EQ(id256.issuer_name_hash, to_bytes(name_digest));
  EXPECT_EQ(id256.issuer_key_hash.size(), 32u);
  EXPECT_EQ(id256.serial, hex("1001"));
  EXPECT_EQ(r->find(id256), nullptr);  // the response's CertID is SHA-1
  OcspCertId wrong_serial = id;
  wrong_serial.serial = hex("1002");
  EXPECT_EQ(r->find(wrong_serial), nullptr);
}

TEST(OcspKnownAnswer, Names) {
  EXPECT_EQ(to_string(OcspResponseStatus::successful), "successful");
  EXPECT_EQ(to_string(OcspResponseStatus::malformed_request), "malformedRequest");
  EXPECT_EQ(to_string(OcspResponseStatus::internal_error), "internalError");
  EXPECT_EQ(to_string(OcspResponseStatus::try_later), "tryLater");
  EXPECT_EQ(to_string(OcspResponseStatus::sig_required), "sigRequired");
  EXPECT_EQ(to_string(OcspResponseStatus::unauthorized), "unauthorized");
  EXPECT_EQ(to_string(OcspCertStatus::good), "good");
  EXPECT_EQ(to_string(OcspCertStatus::revoked), "revoked");
  EXPECT_EQ(to_string(OcspCertStatus::unknown), "unknown");
}

// ---- malformed ----------------------------------------------------------------------------------

TEST(OcspMalformed, EveryStrictPrefixIsRejected) {
  for (std::size_t n = 0; n < kResponse.size(); ++n) {
    const Bytes prefix(kResponse.begin(), kResponse.begin() + static_cast<std::ptrdiff_t>(n));
    auto r = parse_ocsp_response(prefix);
    ASSERT_FALSE(r) << "prefix of " << n << " bytes parsed";
    // The outer SEQUENCE is cut short: the error is at its header.
    EXPECT_EQ(r.error().der.offset, 0u) << n << ": " << r.error().to_string();
    EXPECT_EQ(r.error().der.path, "ocspResponse") << n;
  }
  // Trailing bytes after the one OCSPResponse.
  Bytes longer = kResponse;
  longer.push_back(0);
  expect_error(longer, kResponse.size(), "ocspResponse", "");
}

TEST(OcspMalformed, SuccessfulWithoutResponseBytes) {
  // RFC 6960 §4.2.1: a successful response carries its answer in responseBytes.
  expect_error(hex("30030a0100"), 5, "ocspResponse.responseBytes", "must carry responseBytes");
}

TEST(OcspMalformed, ErrorStatusWithResponseBytes) {
  Bytes der = kResponse;
  ASSERT_EQ(der[6], 0x00);  // responseStatus value
  der[6] = 0x03;            // tryLater
  expect_error(der, 7, "ocspResponse.responseBytes", "tryLater response must not carry");
}

TEST(OcspMalformed, StatusValues) {
  expect_error(hex("30030a0104"), 2, "ocspResponse.responseStatus", "unknown OCSPResponseStatus 4");
  expect_error(hex("30030a0107"), 2, "ocspResponse.responseStatus", "unknown OCSPResponseStatus 7");
  expect_error(hex("3003020101"), 2, "ocspResponse.responseStatus", "");  // INTEGER, not ENUMERATED
}

TEST(OcspMalformed, UnknownResponseType) {
  Bytes der = kResponse;
  const std::size_t oid_at = find_bytes(der, hex("06092b0601050507300101"));
  EXPECT_EQ(oid_at, 15u);
  der[oid_at + 10] = 0x07;  // id-pkix-ocsp.7
  expect_error(der, oid_at, "ocspResponse.responseBytes.responseBytes.responseType",
               "unsupported responseType 1.3.6.1.5.5.7.48.1.7");
}

TEST(OcspMalformed, EmbeddedCertificateErrorIsAtItsOffsetInTheResponse) {
  Bytes der = kResponse;
  const std::size_t cert_at = find_bytes(der, hex("308201933082018f"));
  const std::size_t version_at = find_bytes(der, hex("a003020102"), cert_at);
  der[version_at + 4] = 0x05;  // version v6
  expect_error(der, version_at,
               kBasic + ".certs.certs.certificate[0].certificate.tbsCertificate.version",
               "unknown version value 5");
}

TEST(OcspMalformed, ResponseOctetStringMustHoldExactlyOneBasicResponse) {
  // An OCTET STRING holding a BasicOCSPResponse followed by a stray NULL.
  auto r = parse_ocsp_response(kResponse);
  ASSERT_TRUE(r);
  const std::size_t basic_at = 30;  // after "04 82 02 c3"
  const Bytes basic(kResponse.begin() + basic_at, kResponse.end());
  asn1::DerWriter w;
  w.sequence([&](asn1::DerWriter& resp) {
    resp.enumerated(0);
    resp.explicit_tag(0, [&](asn1::DerWriter& x) {
      x.sequence([&](asn1::DerWriter& rb) {
        rb.oid(oids::id_pkix_ocsp_basic);
        Bytes two = basic;
        two.push_back(0x05);
        two.push_back(0x00);
        rb.octet_string(two);
      });
    });
  });
  const Bytes der = w.take();
  expect_error(der, der.size() - 2, kBasic, "");
}

// A response written field by field (byKey responder, one revoked SingleResponse, an unchecked
// dummy signature), so each rule can be broken alone by changing one member.
struct Hand {
  bool explicit_version = false;
  std::size_t name_hash_len = 20;
  std::int64_t reason = 1;
  asn1::Oid hash = oids::id_sha1;
  // The nonce extension's extnValue contents, as given (no responseExtensions when absent).
  std::optional<Bytes> nonce_extn_value = std::nullopt;
  Bytes der() const {
    asn1::DerWriter basic;
    basic.sequence([&](asn1::DerWriter& b) {
      b.sequence([&](asn1::DerWriter& tbs) {
        if (explicit_version) tbs.explicit_tag(0, [](asn1::DerWriter& v) { v.integer(0); });
        tbs.explicit_tag(2, [](asn1::DerWriter& k) { k.octet_string(Bytes(20, 0x11)); });
        tbs.generalized_time(at(2026, 1, 1));
        tbs.sequence([&](asn1::DerWriter& list) {
          list.sequence([&](asn1::DerWriter& s) {
            s.sequence([&](asn1::DerWriter& id) {
              id.sequence([&](asn1::DerWriter& alg) { alg.oid(hash); });  // no NULL
              id.octet_string(Bytes(name_hash_len, 0x22));
              id.octet_string(Bytes(20, 0x33));
              id.integer(0x1234);
            });
            s.implicit_constructed(1, [&](asn1::DerWriter& info) {
              info.generalized_time(at(2025, 6, 1));
              info.explicit_tag(0, [&](asn1::DerWriter& e) { e.enumerated(reason); });
            });
            s.generalized_time(at(2026, 1, 1));
          });
        });
        if (nonce_extn_value) {
          tbs.explicit_tag(1, [&](asn1::DerWriter& x) {
            x.sequence([&](asn1::DerWriter& list) {
              list.sequence([&](asn1::DerWriter& ext) {
                ext.oid(oids::id_pkix_ocsp_nonce);
                ext.octet_string(*nonce_extn_value);
              });
            });
          });
        }
      });
      b.sequence([](asn1::DerWriter& alg) { alg.oid(oids::ecdsa_with_SHA256); });
      b.bit_string(hex("3006020101020101"));
    });
    asn1::DerWriter w;
    w.sequence([&](asn1::DerWriter& resp) {
      resp.enumerated(0);
      resp.explicit_tag(0, [&](asn1::DerWriter& x) {
        x.sequence([&](asn1::DerWriter& rb) {
          rb.oid(oids::id_pkix_ocsp_basic);
          rb.octet_string(basic.data());
        });
      });
    });
    return w.take();
  }
};

TEST(OcspMalformed, HandMadeBaselineParses) {
  // Parameters absent (RFC 5754 §2) in the CertID hash, byKey responder, revoked with a reason.
  auto r = parse_ocsp_response(Hand{}.der());
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->responder_id.by_key, Bytes(20, 0x11));
  ASSERT_EQ(r->responses.size(), 1u);
  EXPECT_EQ(r->responses[0].cert_id.serial, hex("1234"));
  EXPECT_EQ(r->responses[0].revocation_reason, CrlReason::key_compromise);
  EXPECT_FALSE(r->nonce);
  EXPECT_TRUE(r->certs.empty());
}

TEST(OcspMalformed, ExplicitV1VersionIsRefused) {
  // X.690 §11.5: DEFAULT v1 must be absent in DER.
  const Bytes der = Hand{.explicit_version = true}.der();
  expect_error(der, find_bytes(der, hex("a003020100")), kTbs + ".version", "must be omitted");
}

TEST(OcspMalformed, CertIdHashOfWrongLength) {
  const Bytes der = Hand{.name_hash_len = 19}.der();
  expect_error(der, find_bytes(der, hex("0413222222")),
               kTbs + ".responses.singleResponse[0].certID.issuerNameHash",
               "19 octets, but a sha1 digest is 20");
}

TEST(OcspMalformed, ReasonSevenIsRefused) {
  // RFC 5280 §5.3.1: value 7 is not used.
  const Bytes der = Hand{.reason = 7}.der();
  expect_error(der, find_bytes(der, hex("a0030a0107")),
               kTbs + ".responses.singleResponse[0].certStatus.revoked.revocationReason",
               "unknown CRLReason value 7");
  EXPECT_TRUE(parse_ocsp_response(Hand{.reason = 10}.der()));
  EXPECT_FALSE(parse_ocsp_response(Hand{.reason = 11}.der()));
}

TEST(OcspMalformed, CertIdHashOutsideTheFourIsRefused) {
  const Bytes der = Hand{.hash = oids::id_sha224}.der();
  expect_error(der, find_bytes(der, hex("0609608648016503040204")),
               kTbs + ".responses.singleResponse[0].certID.hashAlgorithm.algorithm",
               "unsupported CertID hash 2.16.840.1.101.3.4.2.4");
  // SHA-256 with 20-byte hashes: the length must follow the algorithm.
  const Bytes short256 = Hand{.hash = oids::id_sha256}.der();
  expect_error(short256, find_bytes(short256, hex("0414222222")),
               kTbs + ".responses.singleResponse[0].certID.issuerNameHash",
               "20 octets, but a sha256 digest is 32");
}

TEST(OcspMalformed, NonceWithAndWithoutItsOctetString) {
  // RFC 8954 §2.1: extnValue holds an OCTET STRING with the nonce; the contents are kept.
  auto wrapped = parse_ocsp_response(Hand{.nonce_extn_value = hex("0403aabbcc")}.der());
  ASSERT_TRUE(wrapped) << wrapped.error().to_string();
  EXPECT_EQ(wrapped->nonce, hex("aabbcc"));
  // Older responders put the bare bytes there: kept as they are.
  auto bare = parse_ocsp_response(Hand{.nonce_extn_value = hex("aabbcc")}.der());
  ASSERT_TRUE(bare) << bare.error().to_string();
  EXPECT_EQ(bare->nonce, hex("aabbcc"));
  auto longer = parse_ocsp_response(Hand{.nonce_extn_value = hex("0402aabbcc")}.der());
  ASSERT_TRUE(longer) << longer.error().to_string();
  EXPECT_EQ(longer->nonce, hex("0402aabbcc"));  // not exactly one OCTET STRING: raw
}

}  // namespace
}  // namespace glasstls::x509
