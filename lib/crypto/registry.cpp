// The registry listing: one line per implementation of every primitive. A primitive with
// several implementations adds its table here.
#include "glasstls/core/registry.hpp"

#include "glasstls/crypto/aead.hpp"
#include "glasstls/crypto/aes.hpp"
#include "glasstls/crypto/chacha20.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/crypto/poly1305.hpp"
#include "glasstls/crypto/sha1.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "glasstls/crypto/sha512.hpp"
#include "glasstls/crypto/x25519.hpp"

namespace glasstls {

std::vector<ImplementationInfo> list_implementations() {
  std::vector<ImplementationInfo> out;
  append_implementations(out, "sha1", crypto::sha1_implementations(), crypto::sha1_default());
  append_implementations(out, "sha256", crypto::sha256_implementations(), crypto::sha256_default());
  append_implementations(out, "sha512", crypto::sha512_implementations(), crypto::sha512_default());
  append_implementations(out, "aes", crypto::aes_implementations(), crypto::aes_default());
  append_implementations(out, "aes_gcm", crypto::aes_gcm_implementations(),
                         crypto::aead_default(crypto::AeadAlg::aes_128_gcm));
  append_implementations(out, "chacha20", crypto::chacha20_implementations(),
                         crypto::chacha20_default());
  append_implementations(out, "poly1305", crypto::poly1305_implementations(),
                         crypto::poly1305_default());
  append_implementations(out, "chacha20_poly1305", crypto::chacha20_poly1305_implementations(),
                         crypto::aead_default(crypto::AeadAlg::chacha20_poly1305));
  append_implementations(out, "x25519", crypto::x25519_implementations(), crypto::x25519_default());
  append_implementations(out, "ec_p256_p384", crypto::ec_implementations(), crypto::ec_default());
  append_implementations(out, "ed25519", crypto::ed25519_implementations(),
                         crypto::ed25519_default());
  return out;
}

}  // namespace glasstls
