// Run-time choice among the four hashes: a std::variant of the concrete classes.
#include "glasstls/crypto/hash.hpp"

#include <algorithm>

#include "glasstls/core/ct.hpp"

namespace glasstls::crypto {

std::size_t digest_size(HashAlg alg) noexcept {
  switch (alg) {
    case HashAlg::sha1:
      return Sha1::kDigestSize;
    case HashAlg::sha256:
      return Sha256::kDigestSize;
    case HashAlg::sha384:
      return Sha384::kDigestSize;
    case HashAlg::sha512:
      return Sha512::kDigestSize;
  }
  return 0;
}

std::size_t block_size(HashAlg alg) noexcept {
  switch (alg) {
    case HashAlg::sha1:
      return Sha1::kBlockSize;
    case HashAlg::sha256:
      return Sha256::kBlockSize;
    case HashAlg::sha384:
      return Sha384::kBlockSize;
    case HashAlg::sha512:
      return Sha512::kBlockSize;
  }
  return 0;
}

std::string_view hash_name(HashAlg alg) noexcept {
  switch (alg) {
    case HashAlg::sha1:
      return "sha1";
    case HashAlg::sha256:
      return "sha256";
    case HashAlg::sha384:
      return "sha384";
    case HashAlg::sha512:
      return "sha512";
  }
  return "unknown";
}

Digest::~Digest() {
  ct::secure_wipe(bytes.data(), bytes.size());
}

namespace {

std::variant<Sha1, Sha256, Sha384, Sha512> make_state(HashAlg alg) {
  switch (alg) {
    case HashAlg::sha1:
      return Sha1();
    case HashAlg::sha256:
      return Sha256();
    case HashAlg::sha384:
      return Sha384();
    case HashAlg::sha512:
      return Sha512();
  }
  return Sha256();
}

}  // namespace

Hash::Hash(HashAlg alg) : alg_(alg), state_(make_state(alg)) {}

void Hash::update(ByteView data) {
  std::visit([&](auto& h) { h.update(data); }, state_);
}

Digest Hash::finish() {
  Digest out;
  std::visit(
      [&](auto& h) {
        auto d = h.finish();
        std::copy(d.begin(), d.end(), out.bytes.begin());
        out.size = d.size();
        ct::secure_wipe(d.data(), d.size());
      },
      state_);
  return out;
}

Digest Hash::hash(HashAlg alg, ByteView data) {
  Hash h(alg);
  h.update(data);
  return h.finish();
}

}  // namespace glasstls::crypto
