#include "support/tls_pki.hpp"

#include <map>
#include <mutex>
#include <stdexcept>
#include <tuple>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/crypto/curve25519_key_io.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/crypto/rsa.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/signing_key.hpp"

namespace glasstls::test {

const char* to_string(LeafKey k) {
  switch (k) {
    case LeafKey::ecdsa_p256: return "ecdsa_p256";
    case LeafKey::ecdsa_p384: return "ecdsa_p384";
    case LeafKey::rsa2048: return "rsa2048";
    case LeafKey::rsa_pss2048: return "rsa_pss2048";
    case LeafKey::ed25519: return "ed25519";
  }
  return "?";
}

namespace {

struct LeafKeyPair {
  x509::PublicKey public_key;
  std::string private_pem;
};

const crypto::RsaPrivateKey& rsa_key(std::uint64_t seed) {
  static std::mutex m;
  static std::map<std::uint64_t, std::unique_ptr<crypto::RsaPrivateKey>> cache;
  std::lock_guard lock(m);
  auto& slot = cache[seed];
  if (!slot) {
    crypto::DeterministicRandom rng(seed * 7919 + 17);
    slot = std::make_unique<crypto::RsaPrivateKey>(
        crypto::RsaPrivateKey::generate(2048, rng).value());
  }
  return *slot;
}

LeafKeyPair leaf_key(LeafKey kind, std::uint64_t seed) {
  crypto::DeterministicRandom rng(seed * 1000 + static_cast<std::uint64_t>(kind));
  switch (kind) {
    case LeafKey::ecdsa_p256:
    case LeafKey::ecdsa_p384: {
      const auto curve = kind == LeafKey::ecdsa_p256 ? crypto::EcCurve::p256 : crypto::EcCurve::p384;
      const crypto::EcPrivateKey key = crypto::EcPrivateKey::generate(curve, rng);
      return {x509::SigningKey::ecdsa(key).public_key(),
              crypto::write_ec_private_key_pem(key, crypto::EcPrivateKeyPem::pkcs8)};
    }
    case LeafKey::ed25519: {
      const crypto::Ed25519KeyPair pair = crypto::ed25519_generate(rng);
      const crypto::Curve25519PrivateKey key =
          crypto::curve25519_private_key(crypto::Curve25519KeyType::ed25519, pair.seed);
      return {x509::SigningKey::ed25519(pair.seed).public_key(),
              crypto::write_curve25519_private_key_pem(key)};
    }
    case LeafKey::rsa2048: {
      const auto& key = rsa_key(seed);
      auto copy = crypto::RsaPrivateKey::from_parts(key.to_parts()).value();
      return {x509::SigningKey::rsa_pkcs1(std::move(copy)).public_key(),
              crypto::write_rsa_private_key_pem(key.to_parts(), crypto::RsaPrivateKeyPem::pkcs8)};
    }
    case LeafKey::rsa_pss2048: {
      const auto& key = rsa_key(seed);
      auto copy = crypto::RsaPrivateKey::from_parts(key.to_parts()).value();
      auto sk = x509::SigningKey::rsa_pss(std::move(copy),
                                          crypto::RsaPssParams{crypto::HashAlg::sha256,
                                                               crypto::HashAlg::sha256, 32},
                                          x509::RsaPssKeyForm::pss_unrestricted)
                    .value();
      return {sk.public_key(), crypto::write_rsa_pss_private_key_pem(key.to_parts(), std::nullopt)};
    }
  }
  throw std::logic_error("unknown key kind");
}

TestPki build(const PkiOptions& o) {
  WallTime nb = o.not_before;
  WallTime na = o.not_after;
  if (nb == WallTime(std::chrono::seconds(0)) && na == WallTime(std::chrono::seconds(0))) {
    nb = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) -
         std::chrono::hours(24);
    na = WallTime(std::chrono::seconds(2524607999));  // 2049-12-31T23:59:59Z
  }
  crypto::DeterministicRandom rng(o.seed * 31 + 5);
  const x509::SigningKey root_key = x509::SigningKey::generate_ec(crypto::EcCurve::p256, rng);
  const x509::SigningKey inter_key = x509::SigningKey::generate_ec(crypto::EcCurve::p256, rng);
  const auto ca_usage = static_cast<std::uint16_t>(x509::KeyUsage::key_cert_sign | x509::KeyUsage::crl_sign);
  const x509::Certificate root = x509::CertificateBuilder()
                                     .subject(x509::make_name("glasstls test root " + std::to_string(o.seed)))
                                     .self_signed()
                                     .validity(nb, na)
                                     .public_key(root_key.public_key())
                                     .basic_constraints(true)
                                     .key_usage(ca_usage)
                                     .sign(root_key)
                                     .value();
  const x509::Certificate inter = x509::CertificateBuilder()
                                      .subject(x509::make_name("glasstls test intermediate " + std::to_string(o.seed)))
                                      .issuer(root)
                                      .validity(nb, na)
                                      .public_key(inter_key.public_key())
                                      .basic_constraints(true, 0)
                                      .key_usage(ca_usage)
                                      .sign(root_key)
                                      .value();
  const LeafKeyPair leaf_pair = leaf_key(o.key, o.seed);
  const bool rsa_encipher = o.key == LeafKey::rsa2048;
  x509::CertificateBuilder leaf_builder;
  leaf_builder.subject(x509::make_name(o.host))
      .issuer(inter)
      .validity(nb, na)
      .public_key(leaf_pair.public_key)
      .basic_constraints(false)
      .key_usage(rsa_encipher ? static_cast<std::uint16_t>(x509::KeyUsage::digital_signature |
                                                           x509::KeyUsage::key_encipherment)
                              : static_cast<std::uint16_t>(x509::KeyUsage::digital_signature))
      .ext_key_usage({asn1::oids::id_kp_serverAuth})
      .add_dns_name(o.host);
  if (o.host == "localhost") {
    leaf_builder.add_ip_address(*x509::ip_address_bytes("127.0.0.1"));
    leaf_builder.add_ip_address(*x509::ip_address_bytes("::1"));
  }
  const x509::Certificate leaf = leaf_builder.sign(inter_key).value();

  TestPki p;
  p.root_der = root.der;
  p.chain_der = {leaf.der, inter.der};
  p.root_pem = x509::certificate_pem(root.der);
  p.leaf_pem = x509::certificate_pem(leaf.der);
  p.intermediate_pem = x509::certificate_pem(inter.der);
  p.chain_pem = p.leaf_pem + p.intermediate_pem;
  p.key_pem = leaf_pair.private_pem;
  auto cred = tls::Credential::from_pem(p.chain_pem, p.key_pem);
  if (!cred.ok()) throw std::runtime_error("test credential: " + cred.error());
  p.credential = std::make_shared<const tls::Credential>(std::move(cred).value());
  auto store = x509::TrustStore::from_pem(p.root_pem);
  if (!store.ok()) throw std::runtime_error("test trust store");
  p.trust = std::make_shared<const x509::TrustStore>(std::move(store).value());
  return p;
}

}  // namespace

const TestPki& make_pki(const PkiOptions& options) {
  static std::mutex m;
  static std::map<std::tuple<int, std::int64_t, std::int64_t, std::string, std::uint64_t>,
                  std::unique_ptr<TestPki>>
      cache;
  const auto key = std::make_tuple(static_cast<int>(options.key),
                                   options.not_before.time_since_epoch().count(),
                                   options.not_after.time_since_epoch().count(), options.host,
                                   options.seed);
  std::lock_guard lock(m);
  auto& slot = cache[key];
  if (!slot) slot = std::make_unique<TestPki>(build(options));
  return *slot;
}

}  // namespace glasstls::test
