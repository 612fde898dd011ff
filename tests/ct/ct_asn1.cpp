// Constant-time checks for base64, which PEM uses to carry private keys. Only the base64 text is
// secret here: PEM's line and boundary handling reveals the text's layout, which is public
// (documented in glasstls/asn1/pem.hpp).
#include <array>
#include <cstdint>

#include "ct_harness.hpp"
#include "glasstls/asn1/base64.hpp"

using namespace glasstls;
using glasstls::cttest::declassify;
using glasstls::cttest::secret;

GLASSTLS_CT_CHECK(base64_of_secret) {
  std::array<std::uint8_t, 67> key{};  // 67 bytes: the encoding ends in one '=' pad
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i * 29 + 3);
  secret(std::span(key));
  std::string text = asn1::base64_encode(key);
  secret(text.data(), text.size());
  auto back = asn1::base64_decode(text);
  declassify(&back, sizeof back);
  if (!back) {
    cttest::fail("base64_of_secret", "round trip failed");
    return;
  }
  declassify(back->data(), back->size());
  declassify(std::span(key));
  if (*back != Bytes(key.begin(), key.end())) cttest::fail("base64_of_secret", "wrong round trip");
}
