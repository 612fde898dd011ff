// The registry listing: one line per implementation of every primitive. A primitive with
// several implementations adds its table here.
#include "glasstls/core/registry.hpp"

#include "glasstls/crypto/sha1.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "glasstls/crypto/sha512.hpp"

namespace glasstls {

std::vector<ImplementationInfo> list_implementations() {
  std::vector<ImplementationInfo> out;
  append_implementations(out, "sha1", crypto::sha1_implementations(), crypto::sha1_default());
  append_implementations(out, "sha256", crypto::sha256_implementations(), crypto::sha256_default());
  append_implementations(out, "sha512", crypto::sha512_implementations(), crypto::sha512_default());
  return out;
}

}  // namespace glasstls
