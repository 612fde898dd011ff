// parse_certificate: the TBSCertificate of RFC 5280 §4.1, field by field, on the strict DER
// reader. Parsing checks form only; trust is decided in verify.hpp.
#include "glasstls/x509/certificate.hpp"

#include <chrono>
#include <string>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "x509/extensions_internal.hpp"
#include "x509/signature_internal.hpp"

namespace glasstls::x509 {
namespace {

using asn1::DerReader;

// RFC 5280 §4.1.2.2: "Conforming CAs MUST NOT use serialNumber values longer than 20 octets."
constexpr std::size_t kMaxSerialOctets = 20;

// Version ::= INTEGER { v1(0), v2(1), v3(2) }, [0] EXPLICIT, DEFAULT v1 (RFC 5280 §4.1.2.1).
void read_version(DerReader& tbs, Certificate& c) {
  c.version = 1;
  const std::size_t at = tbs.offset();
  auto v = tbs.optional_explicit(0, "version");
  if (!v) return;
  const std::int64_t value = v->small_integer("value");
  v->finish();
  if (!tbs.ok()) return;
  if (value == 0) {
    // X.690 §11.5: a value equal to its DEFAULT is omitted in DER.
    tbs.fail(at, "version", "version v1 must be omitted (DEFAULT v1, X.690 §11.5)");
  } else if (value == 1 || value == 2) {
    c.version = static_cast<int>(value) + 1;
  } else {
    tbs.fail(at, "version",
             "unknown version value " + std::to_string(value) +
                 " (RFC 5280 §4.1.2.1: 0, 1 or 2 for v1, v2, v3)");
  }
}

// CertificateSerialNumber ::= INTEGER (RFC 5280 §4.1.2.2). Zero and negative serials are
// accepted: the RFC requires CAs to use positive ones, but real certificates break that rule and
// "Certificate users SHOULD be prepared to gracefully handle such certificates". Longer than 20
// octets is refused.
void read_serial(DerReader& tbs, Certificate& c) {
  const std::size_t at = tbs.offset();
  const ByteView serial = tbs.integer("serialNumber");
  if (!tbs.ok()) return;
  if (serial.size() > kMaxSerialOctets) {
    tbs.fail(at, "serialNumber",
             "serialNumber is " + std::to_string(serial.size()) +
                 " octets, more than the 20 RFC 5280 §4.1.2.2 allows");
    return;
  }
  c.serial = to_bytes(serial);
}

// Validity ::= SEQUENCE { notBefore Time, notAfter Time } (RFC 5280 §4.1.2.5); the reader applies
// the UTCTime century rule (§4.1.2.5.1) and tolerates GeneralizedTime before 2050.
void read_validity(DerReader& tbs, Certificate& c) {
  DerReader v = tbs.sequence("validity");
  c.validity.not_before = v.time("notBefore");
  c.validity.not_after = v.time("notAfter");
  v.finish();
}

// One Extension (RFC 5280 §4.1.2.9), decoded into `c` when glasstls knows it.
void read_extension(DerReader& list, std::size_t index, const Bytes& der, Certificate& c) {
  auto ext = detail::read_extension(
      list, "extension[" + std::to_string(index) + "]", der, c.extensions,
      [&c](const asn1::Oid& id, DerReader& r) { return detail::decode_known_extension(id, r, c); });
  if (ext) c.extensions.push_back(std::move(*ext));
}

// extensions [3] EXPLICIT Extensions OPTIONAL, Extensions ::= SEQUENCE SIZE (1..MAX) OF
// Extension; only in v3 (RFC 5280 §4.1.2.9).
void read_extensions(DerReader& tbs, const Bytes& der, Certificate& c) {
  const std::size_t at = tbs.offset();
  auto wrapper = tbs.optional_explicit(3, "extensions");
  if (!wrapper) return;
  if (c.version != 3) {
    tbs.fail(at, "extensions",
             "extensions present in a v" + std::to_string(c.version) +
                 " certificate (RFC 5280 §4.1.2.9: v3 only)");
    return;
  }
  const std::size_t list_at = wrapper->offset();
  DerReader list = wrapper->sequence("extensions");
  if (list.ok() && list.at_end()) {
    wrapper->fail(list_at, "extensions",
                  "Extensions must hold at least one extension (RFC 5280 §4.1: SIZE (1..MAX))");
    return;
  }
  for (std::size_t i = 0; list.ok() && !list.at_end(); ++i) read_extension(list, i, der, c);
  wrapper->finish();
}

// issuerUniqueID [1] IMPLICIT UniqueIdentifier OPTIONAL,
// subjectUniqueID [2] IMPLICIT UniqueIdentifier OPTIONAL: read (as BIT STRINGs) and ignored, and
// allowed only in v2 and v3 (RFC 5280 §4.1.2.8).
void read_unique_ids(DerReader& tbs, const Certificate& c) {
  const char* names[] = {"", "issuerUniqueID", "subjectUniqueID"};
  for (std::uint32_t n = 1; n <= 2; ++n) {
    const std::size_t at = tbs.offset();
    if (!tbs.next_is(asn1::Tag::context(n, false))) continue;
    (void)tbs.implicit_bit_string(n, names[n]);
    if (tbs.ok() && c.version == 1)
      tbs.fail(at, names[n],
               std::string(names[n]) + " in a v1 certificate (RFC 5280 §4.1.2.8: v2 or v3 only)");
  }
}

void read_tbs(DerReader& tbs, const Bytes& der, Certificate& c) {
  read_version(tbs, c);
  read_serial(tbs, c);
  // The signature field is compared with the outer signatureAlgorithm by the caller.
  c.signature_algorithm = read_signature_algorithm(tbs, "signature");
  const std::size_t issuer_at = tbs.offset();
  c.issuer = read_name(tbs, "issuer");
  // RFC 5280 §4.1.2.4: "The issuer field MUST contain a non-empty distinguished name (DN)."
  if (tbs.ok() && c.issuer.empty())
    tbs.fail(issuer_at, "issuer", "issuer is an empty name (RFC 5280 §4.1.2.4)");
  read_validity(tbs, c);
  c.subject = read_name(tbs, "subject");
  c.public_key = read_public_key(tbs, "subjectPublicKeyInfo");
  read_unique_ids(tbs, c);
  read_extensions(tbs, der, c);
  tbs.finish();
}

// A Certificate with every field at its default. The key is given a placeholder explicitly: with
// GCC, PublicKey's variant is not default constructible (its first alternative is a nested struct
// with default member initializers, which the variant sees before they are complete), so
// `Certificate c;` does not compile. The other fields take their defaults, which
// -Wmissing-field-initializers would flag one by one.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
Certificate empty_certificate() {
  return Certificate{.public_key = PublicKey{.key = PublicKey::Ed25519{}}};
}
#pragma GCC diagnostic pop

}  // namespace

// ---- parsing -----------------------------------------------------------------------------------

Result<Certificate, CertificateParseError> parse_certificate(ByteView input) {
  Certificate c = empty_certificate();
  c.der = to_bytes(input);
  asn1::Der der(c.der);  // every view and offset below is into c.der
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }; nothing may
  // follow it (Der::sequence rejects trailing bytes).
  DerReader cert = der.sequence("certificate");
  const asn1::Element tbs_element = cert.element(asn1::tags::sequence, "tbsCertificate");
  DerReader tbs = cert.enter(tbs_element, "tbsCertificate");
  c.tbs_offset = tbs_element.offset;
  c.tbs_size = tbs_element.encoding.size();
  read_tbs(tbs, c.der, c);

  c.signature = detail::read_outer_signature(cert, c.signature_algorithm,
                                             "tbsCertificate.signature", "RFC 5280 §4.1.1.2");
  cert.finish();
  if (!der.ok()) return Err(CertificateParseError{der.error(), 0});
  return c;
}

Result<std::vector<Certificate>, CertificateParseError> parse_certificates_pem(
    std::string_view text) {
  auto blocks = asn1::pem_decode_all(text);
  if (!blocks) {
    const asn1::PemError& e = blocks.error();
    return Err(CertificateParseError{asn1::DerError{0, "pem", e.reason}, e.line});
  }
  std::vector<Certificate> certs;
  for (const asn1::PemBlock& block : *blocks) {
    if (block.label != "CERTIFICATE") continue;  // keys, CRLs, ... are not ours to read
    auto c = parse_certificate(block.der);
    if (!c) return Err(CertificateParseError{c.error().der, block.line});
    certs.push_back(std::move(c).value());
  }
  return certs;
}

std::string CertificateParseError::to_string() const {
  if (pem_line == 0) return der.to_string();
  return "PEM block at line " + std::to_string(pem_line) + ": " + der.to_string();
}

// ---- Validity and Certificate ------------------------------------------------------------------

bool Validity::no_expiry() const noexcept {
  // RFC 5280 §4.1.2.5: GeneralizedTime 99991231235959Z, "no well-defined expiration date".
  using namespace std::chrono;
  constexpr auto end = sys_days{year{9999} / December / 31} + hours{23} + minutes{59} + seconds{59};
  return not_after == WallTime{end};
}

const Extension* Certificate::unknown_critical_extension() const {
  for (const Extension& e : extensions)
    if (e.critical && !e.understood) return &e;
  return nullptr;
}

bool Certificate::self_issued() const {
  return names_match(issuer, subject);
}

std::string Certificate::fingerprint_sha256() const {
  const auto digest = crypto::Sha256::hash(der);
  return hex_encode(digest);
}

}  // namespace glasstls::x509
