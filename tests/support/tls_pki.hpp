// Test PKIs for TLS tests: a root → intermediate → leaf chain for "localhost" (and 127.0.0.1,
// ::1) with the leaf key of your choice, ready as a tls::Credential, a TrustStore and PEM text
// for real peers. Keys come from DeterministicRandom, so every run makes the same keys.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/tls/credentials.hpp"
#include "glasstls/x509/trust_store.hpp"

namespace glasstls::test {

enum class LeafKey { ecdsa_p256, ecdsa_p384, rsa2048, rsa_pss2048, ed25519 };
const char* to_string(LeafKey k);

struct TestPki {
  Bytes root_der;
  std::vector<Bytes> chain_der;  // leaf, intermediate
  std::string root_pem;
  std::string chain_pem;  // leaf then intermediate
  std::string leaf_pem;
  std::string intermediate_pem;
  std::string key_pem;  // the leaf's private key (PKCS#8)
  std::shared_ptr<const tls::Credential> credential;
  std::shared_ptr<const x509::TrustStore> trust;
};

struct PkiOptions {
  LeafKey key = LeafKey::ecdsa_p256;
  /// Validity of every certificate; by default a day ago until 2049 (real peers use the real
  /// clock).
  WallTime not_before = WallTime(std::chrono::seconds(0));
  WallTime not_after = WallTime(std::chrono::seconds(0));
  std::string host = "localhost";
  std::uint64_t seed = 1;
};

/// Makes (and caches per distinct options) a PKI.
const TestPki& make_pki(const PkiOptions& options = {});

}  // namespace glasstls::test
