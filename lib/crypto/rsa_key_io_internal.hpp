// Pieces shared by the RSA key file readers and writers (rsa_key_io_*.cpp). Internal.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

#include "glasstls/asn1/der_error.hpp"
#include "glasstls/asn1/der_reader.hpp"
#include "glasstls/asn1/der_writer.hpp"
#include "glasstls/core/bytes.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/rsa_key.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"

namespace glasstls::crypto::rsa_io {

/// A byte buffer holding secret DER, wiped (its whole capacity) when it goes away. Reserve the
/// final size up front: a vector that grows frees its old block without wiping it.
class SecretBytes {
 public:
  SecretBytes() = default;
  explicit SecretBytes(Bytes b) noexcept : b_(std::move(b)) {}
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes() { wipe(b_); }

  static void wipe(Bytes& b) noexcept {
    b.resize(b.capacity());
    ct::secure_wipe(b.data(), b.size());
    b.clear();
  }

  Bytes& bytes() noexcept { return b_; }
  ByteView view() const noexcept { return b_; }
  /// Hands the bytes to the caller, who becomes responsible for wiping them.
  Bytes release() noexcept { return std::move(b_); }

 private:
  Bytes b_;
};

/// One RFC 8017 A.1 INTEGER that must be positive (modulus, exponents, primes, coefficient):
/// recorded as an error if negative or zero. Returns the magnitude without a sign byte.
ByteView read_positive_integer(asn1::DerReader& r, std::string_view name);

/// RFC 8017 A.1.1 RSAPublicKey, read as the next element of `r`.
RsaPublicKeyParts read_rsa_public_key(asn1::DerReader& r, std::string_view name);
/// RFC 8017 A.1.2 RSAPrivateKey (version 0), read as the next element of `r`.
RsaPrivateKeyParts read_rsa_private_key(asn1::DerReader& r, std::string_view name);

/// What an RSA key's AlgorithmIdentifier said.
struct RsaKeyAlgorithm {
  bool pss = false;
  std::optional<RsaPssParams> pss_params;
};
/// AlgorithmIdentifier (RFC 5280 §4.1.1.2) for an RSA key: rsaEncryption with NULL parameters
/// (RFC 3279 §2.3.1) or id-RSASSA-PSS with absent or present parameters (RFC 4055 §3.1).
RsaKeyAlgorithm read_rsa_key_algorithm(asn1::DerReader& r, std::string_view name);
/// The matching writer.
void write_rsa_key_algorithm(asn1::DerWriter& w, bool pss, const std::optional<RsaPssParams>& p);

// ---- writing secrets ----------------------------------------------------------------------------
// DerWriter builds each element in vectors that grow and are freed unwiped, fine for public values.
// For a private key, each secret element is written on its own (whose only growth happens before
// the secret bytes go in) and gathered with append_secret, which never leaves a copy behind.

/// Appends `data` to `out`; when `out` must grow, the old block is wiped before it is freed.
void append_secret(Bytes& out, ByteView data);
/// Appends the DER of INTEGER `magnitude` (an unsigned big-endian number) to `out`.
void append_secret_integer(Bytes& out, ByteView magnitude);
/// Appends the DER element `tag` with `contents` to `out`.
void append_secret_element(Bytes& out, asn1::Tag tag, ByteView contents);

}  // namespace glasstls::crypto::rsa_io
