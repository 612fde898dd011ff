// Constant-time checks for the hashes, HMAC and HKDF (portable implementations): hashing secret
// input, keying HMAC with a secret key, verifying a tag, and deriving keys must not branch on or
// index by any secret byte.
#include <array>
#include <cstdint>

#include "ct_harness.hpp"
#include "glasstls/crypto/hkdf.hpp"
#include "glasstls/crypto/hmac.hpp"
#include "glasstls/crypto/sha1.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "glasstls/crypto/sha512.hpp"

using namespace glasstls;
using glasstls::cttest::declassify;
using glasstls::cttest::secret;

namespace {
std::array<std::uint8_t, 200> secret_input() {
  std::array<std::uint8_t, 200> a{};
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<std::uint8_t>(i * 131 + 7);
  secret(std::span(a));
  return a;
}
}  // namespace

GLASSTLS_CT_CHECK(sha256_portable_on_secret_input) {
  auto in = secret_input();
  crypto::Sha256 h(*crypto::sha256_implementation("portable"));
  h.update(std::span(in).first(77));  // partial block buffered, then whole blocks
  h.update(std::span(in).subspan(77));
  auto d = h.finish();
  declassify(d);
}

GLASSTLS_CT_CHECK(sha1_sha384_sha512_on_secret_input) {
  auto in = secret_input();
  auto a = crypto::Sha1::hash(in);
  auto b = crypto::Sha384::hash(in);
  auto c = crypto::Sha512::hash(in);
  declassify(a);
  declassify(b);
  declassify(c);
}

GLASSTLS_CT_CHECK(hmac_with_secret_key) {
  auto key = secret_input();
  for (auto alg : {crypto::HashAlg::sha256, crypto::HashAlg::sha384}) {
    // A short key (padded) and a long one (hashed first).
    auto t1 = crypto::hmac(alg, std::span(key).first(32), as_bytes("message"));
    auto t2 = crypto::hmac(alg, key, as_bytes("message"));
    declassify(t1);
    declassify(t2);
  }
}

GLASSTLS_CT_CHECK(hmac_verify_secret_tag) {
  auto key = secret_input();
  const auto msg = as_bytes("finished");
  auto tag = crypto::hmac(crypto::HashAlg::sha256, std::span(key).first(32), msg);
  // The received tag differs from the expected one in its last byte only: an early-exit compare
  // would branch on the secret expected tag.
  Bytes received(tag.view().begin(), tag.view().end());
  received.back() ^= 1;
  secret(received.data(), received.size());
  bool ok = crypto::hmac_verify(crypto::HashAlg::sha256, std::span(key).first(32), msg, received);
  declassify(ok);
  if (ok) cttest::fail("hmac_verify_secret_tag", "accepted a wrong tag");
  bool ok2 = crypto::hmac_verify(crypto::HashAlg::sha256, std::span(key).first(32), msg, tag.view());
  declassify(ok2);
  if (!ok2) cttest::fail("hmac_verify_secret_tag", "rejected the right tag");
}

GLASSTLS_CT_CHECK(hkdf_extract_and_expand_secret) {
  auto ikm = secret_input();
  auto prk = crypto::hkdf_extract(crypto::HashAlg::sha256, as_bytes("salt"), std::span(ikm).first(32));
  std::array<std::uint8_t, 80> okm{};
  bool ok = crypto::hkdf_expand(crypto::HashAlg::sha256, prk.view(), as_bytes("tls13 key"), okm);
  declassify(ok);
  declassify(okm);
  if (!ok) cttest::fail("hkdf_extract_and_expand_secret", "expand refused 80 bytes");
}
