// Differential: verify_chain with the hard-fail revocation policy against `openssl verify
// -crl_check_all` on the same files, for a matrix of CRL situations minted by our builders —
// good, revoked leaf, revoked intermediate, on hold, removeFromCRL, missing, expired, not yet
// valid, signed by the wrong key, issuer without cRLSign, unknown critical extensions, and
// issuingDistributionPoint scopes. `-crl_check_all` makes OpenSSL require a current CRL for
// every certificate below the anchor, which is what hard-fail means; both verdicts must agree,
// and where they agree on "no", the reason must be the one the case is about.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/x509/revocation_builder.hpp"
#include "glasstls/x509/verify.hpp"
#include "support/test_support.hpp"
#include "x509/signature/openssl_cli.hpp"
#include "x509/verify/test_pki.hpp"

namespace glasstls::x509 {
namespace {

using test_pki::at;

struct Pki {
  SigningKey root_key = test_pki::key(201), ca_key = test_pki::key(202),
             leaf_key = test_pki::key(203), other_key = test_pki::key(204);
  Certificate root = test_pki::sign(test_pki::root("CRL Diff Root", root_key), root_key);
  Certificate ca = test_pki::sign(test_pki::intermediate("CRL Diff CA", root, ca_key), root_key);
  Certificate leaf = test_pki::sign(test_pki::leaf("crl.example", ca, leaf_key)
                                        .serial(0x4242)
                                        .add_crl_distribution_point("http://crl.example/ca.crl"),
                                    ca_key);

  CrlBuilder root_crl() const {
    CrlBuilder b;
    b.issuer(root).this_update(at(2026, 5, 31)).next_update(at(2026, 6, 7)).crl_number(1);
    return b;
  }
  CrlBuilder ca_crl() const {
    CrlBuilder b;
    b.issuer(ca).this_update(at(2026, 5, 31)).next_update(at(2026, 6, 7)).crl_number(1);
    return b;
  }
};

struct Case {
  std::string name;
  std::vector<std::pair<CrlBuilder, const SigningKey*>> crls;
  std::optional<Certificate> ca_override;  // a different intermediate (same key)
  bool valid = false;
  std::optional<VerifyError> error;  // ours, when refused
  std::string openssl_says;          // a phrase of OpenSSL's output, when refused
  std::string openssl_flags;         // more options for `openssl verify`
};

TEST(OpensslVerifyCrl, VerdictsAgreeWithCrlCheckAll) {
  GLASSTLS_REQUIRE_PEER(openssl_cli::available(), "the openssl command line is not installed");
  const Pki p;
  const asn1::Oid private_oid = asn1::Oid::from_arcs({1, 3, 6, 1, 4, 1, 99999, 7});
  const Certificate ca_no_crl_sign = test_pki::sign(
      test_pki::intermediate("CRL Diff CA", p.root, p.ca_key).key_usage(KeyUsage::key_cert_sign),
      p.root_key);

  auto idp = [](auto fill) {
    IssuingDistributionPoint d;
    fill(d);
    return d;
  };
  GeneralName uri;
  uri.kind = GeneralName::Kind::uri;
  uri.text = "http://crl.example/ca.crl";
  GeneralName other_uri = uri;
  other_uri.text = "http://crl.example/other.crl";

  std::vector<Case> cases;
  auto add = [&](std::string name, CrlBuilder ca_crl, bool valid,
                 std::optional<VerifyError> error = {}, std::string openssl_says = {},
                 const SigningKey* ca_signer = nullptr) {
    Case c;
    c.name = std::move(name);
    c.crls.emplace_back(p.root_crl(), &p.root_key);
    c.crls.emplace_back(std::move(ca_crl), ca_signer ? ca_signer : &p.ca_key);
    c.valid = valid;
    c.error = error;
    c.openssl_says = std::move(openssl_says);
    cases.push_back(std::move(c));
  };
  add("good", p.ca_crl().revoke(test::hex("01"), at(2026, 5, 1)), true);
  add("leaf_revoked", p.ca_crl().revoke(p.leaf, at(2026, 5, 1), CrlReason::key_compromise), false,
      VerifyError::revoked, "certificate revoked");
  add("leaf_on_hold", p.ca_crl().revoke(p.leaf, at(2026, 5, 1), CrlReason::certificate_hold), false,
      VerifyError::revoked, "certificate revoked");
  add("remove_from_crl_entry",
      p.ca_crl().revoke(p.leaf, at(2026, 5, 1), CrlReason::remove_from_crl), true);
  add("expired_crl", p.ca_crl().this_update(at(2026, 5, 1)).next_update(at(2026, 5, 8)), false,
      VerifyError::revocation_unknown, "CRL has expired");
  add("future_crl", p.ca_crl().this_update(at(2026, 6, 2)).next_update(at(2026, 6, 9)), false,
      VerifyError::revocation_unknown, "CRL is not yet valid");
  add("wrong_signer", p.ca_crl(), false, VerifyError::revocation_unknown, "CRL signature failure",
      &p.other_key);
  add("unknown_critical_crl_extension",
      p.ca_crl().raw_extension(private_oid, test::hex("0500"), true), false,
      VerifyError::revocation_unknown, "unhandled critical CRL extension");
  add("unknown_noncritical_crl_extension",
      p.ca_crl().raw_extension(private_oid, test::hex("0500"), false), true);
  add("only_ca_certs_scope",
      p.ca_crl().issuing_distribution_point(idp([](auto& d) { d.only_ca_certs = true; })), false,
      VerifyError::revocation_unknown, "different CRL scope");
  add("only_user_certs_scope",
      p.ca_crl().issuing_distribution_point(idp([](auto& d) { d.only_user_certs = true; })), true);
  add("matching_distribution_point",
      p.ca_crl().issuing_distribution_point(idp([&](auto& d) { d.full_name = {uri}; })), true);
  add("other_distribution_point",
      p.ca_crl().issuing_distribution_point(idp([&](auto& d) { d.full_name = {other_uri}; })),
      false, VerifyError::revocation_unknown, "different CRL scope");
  add("no_next_update", p.ca_crl().no_next_update(), true);
  add("partial_crl_only_some_reasons", p.ca_crl().issuing_distribution_point(idp([](auto& d) {
    d.only_some_reasons = reason_flags::key_compromise;
  })),
      false, VerifyError::revocation_unknown, "unable to get certificate CRL");
  {
    Case c;
    c.name = "intermediate_revoked";
    c.crls.emplace_back(p.root_crl().revoke(p.ca, at(2026, 5, 2), CrlReason::ca_compromise),
                        &p.root_key);
    c.crls.emplace_back(p.ca_crl(), &p.ca_key);
    c.error = VerifyError::revoked;
    c.openssl_says = "certificate revoked";
    cases.push_back(std::move(c));
  }
  // Delta CRLs (OpenSSL reads them with -use_deltas, and only for a base CRL carrying a
  // freshestCRL extension, RFC 5280 §5.2.6): one revoking the leaf after the base CRL, and one
  // releasing a hold the base CRL lists.
  auto tlv = [](std::uint8_t tag, const Bytes& contents) {
    Bytes out(contents.size() + 2);  // short lengths only
    out[0] = tag;
    out[1] = static_cast<std::uint8_t>(contents.size());
    std::copy(contents.begin(), contents.end(), out.begin() + 2);
    return out;
  };
  const Bytes freshest = tlv(
      0x30, tlv(0x30, tlv(0xa0, tlv(0xa0, tlv(0x86, to_bytes("http://crl.example/delta.crl"))))));
  {
    Case c;
    c.name = "delta_revokes";
    c.crls.emplace_back(p.root_crl(), &p.root_key);
    c.crls.emplace_back(p.ca_crl().raw_extension(asn1::oids::id_ce_freshestCRL, freshest, false),
                        &p.ca_key);
    c.crls.emplace_back(p.ca_crl().crl_number(2).delta_of(1).revoke(p.leaf, at(2026, 5, 31, 6),
                                                                    CrlReason::key_compromise),
                        &p.ca_key);
    c.error = VerifyError::revoked;
    c.openssl_says = "certificate revoked";
    c.openssl_flags = "-use_deltas ";
    cases.push_back(std::move(c));
  }
  {
    Case c;
    c.name = "delta_releases_hold";
    c.crls.emplace_back(p.root_crl(), &p.root_key);
    c.crls.emplace_back(p.ca_crl()
                            .revoke(p.leaf, at(2026, 5, 1), CrlReason::certificate_hold)
                            .raw_extension(asn1::oids::id_ce_freshestCRL, freshest, false),
                        &p.ca_key);
    c.crls.emplace_back(p.ca_crl().crl_number(2).delta_of(1).revoke(p.leaf, at(2026, 5, 31, 6),
                                                                    CrlReason::remove_from_crl),
                        &p.ca_key);
    c.valid = true;
    c.openssl_flags = "-use_deltas ";
    cases.push_back(std::move(c));
  }
  {
    Case c;
    c.name = "missing_ca_crl";
    c.crls.emplace_back(p.root_crl(), &p.root_key);
    c.error = VerifyError::revocation_unknown;
    c.openssl_says = "unable to get certificate CRL";
    cases.push_back(std::move(c));
  }
  {
    Case c;
    c.name = "issuer_without_crl_sign";
    c.crls.emplace_back(p.root_crl(), &p.root_key);
    c.crls.emplace_back(p.ca_crl(), &p.ca_key);
    c.ca_override = ca_no_crl_sign;
    c.error = VerifyError::revocation_unknown;
    c.openssl_says = "key usage does not include CRL signing";
    cases.push_back(std::move(c));
  }

  const FixedClock clock(test_pki::now());
  const std::string attime = std::to_string(test_pki::now().time_since_epoch().count());
  int agreed = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    openssl_cli::ScratchDir dir;
    ASSERT_TRUE(dir.ok());
    const Certificate& ca = c.ca_override ? *c.ca_override : p.ca;
    std::vector<Crl> crls;
    std::string crl_text;
    for (const auto& [builder, key] : c.crls) {
      auto der = builder.sign_der(*key);
      ASSERT_TRUE(der.ok()) << der.error().to_string();
      auto crl = parse_crl(*der);
      ASSERT_TRUE(crl.ok()) << crl.error().to_string();
      crls.push_back(std::move(crl).value());
      crl_text += crl_pem(*der);
    }
    dir.write("root.pem", certificate_pem(p.root.der));
    dir.write("ca.pem", certificate_pem(ca.der));
    dir.write("leaf.pem", certificate_pem(p.leaf.der));
    dir.write("crls.pem", crl_text);

    TrustStore store;
    store.add(p.root);
    VerifyOptions options(clock);
    options.host = "crl.example";
    options.revocation.policy = RevocationPolicy::hard_fail;
    options.revocation.crls = crls;
    const std::vector<Certificate> intermediates{ca};
    const VerifyResult ours = verify_chain(p.leaf, intermediates, store, options);

    const openssl_cli::Run theirs = dir.openssl(
        "verify -x509_strict -purpose sslserver -verify_hostname crl.example -crl_check_all "
        "-CRLfile crls.pem -CAfile root.pem -untrusted ca.pem " +
        c.openssl_flags + "-attime " + attime + " leaf.pem");
    const bool openssl_ok = theirs.status == 0;

    EXPECT_EQ(ours.ok(), c.valid) << (ours.ok() ? "verified" : ours.diagnosis->message);
    EXPECT_EQ(openssl_ok, c.valid) << theirs.output;
    if (!ours.ok() && c.error) {
      EXPECT_EQ(ours.diagnosis->error, *c.error) << ours.diagnosis->message;
    }
    if (!openssl_ok && !c.openssl_says.empty()) {
      EXPECT_NE(theirs.output.find(c.openssl_says), std::string::npos) << theirs.output;
    }
    if (ours.ok() == openssl_ok) ++agreed;
  }
  std::printf("openssl verify -crl_check_all: %d of %zu CRL cases agree\n", agreed, cases.size());
  EXPECT_EQ(agreed, static_cast<int>(cases.size()));
}

}  // namespace
}  // namespace glasstls::x509
