// OpenSSL objects with their free functions attached, and the EVP_MD of a HashAlg: what every
// differential test against OpenSSL's libcrypto needs. Include only where GLASSTLS_HAVE_OPENSSL.
#pragma once

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>

#include <memory>

#include "glasstls/crypto/hash.hpp"

namespace glasstls::test {

/// unique_ptr with an OpenSSL free function as its deleter.
template <class T, void (*Free)(T*)>
struct OpenSslFree {
  void operator()(T* p) const { Free(p); }
};
template <class T, void (*Free)(T*)>
using OpenSslPtr = std::unique_ptr<T, OpenSslFree<T, Free>>;

using Pkey = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using PkeyCtx = OpenSslPtr<EVP_PKEY_CTX, EVP_PKEY_CTX_free>;
using MdCtx = OpenSslPtr<EVP_MD_CTX, EVP_MD_CTX_free>;
using Bn = OpenSslPtr<BIGNUM, BN_clear_free>;
using EcGroup = OpenSslPtr<EC_GROUP, EC_GROUP_free>;
using EcPoint = OpenSslPtr<EC_POINT, EC_POINT_free>;

/// OpenSSL's digest for one of ours.
inline const EVP_MD* evp_md(crypto::HashAlg h) {
  switch (h) {
    case crypto::HashAlg::sha1:
      return EVP_sha1();
    case crypto::HashAlg::sha256:
      return EVP_sha256();
    case crypto::HashAlg::sha384:
      return EVP_sha384();
    case crypto::HashAlg::sha512:
      return EVP_sha512();
  }
  return nullptr;
}

}  // namespace glasstls::test
