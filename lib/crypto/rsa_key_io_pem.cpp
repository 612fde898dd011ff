// PEM front ends for RSA keys (RFC 7468): the label says which DER structure is inside.
//   "RSA PRIVATE KEY"  PKCS#1 RSAPrivateKey   (RFC 7468 §1 notes this legacy OpenSSL label)
//   "PRIVATE KEY"      PKCS#8                 (RFC 7468 §10)
//   "PUBLIC KEY"       SubjectPublicKeyInfo   (RFC 7468 §13)
//   "RSA PUBLIC KEY"   PKCS#1 RSAPublicKey
#include <string>
#include <vector>

#include "crypto/rsa_key_io_internal.hpp"
#include "glasstls/asn1/pem.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"

namespace glasstls::crypto {
namespace {

constexpr std::string_view kPkcs1Private = "RSA PRIVATE KEY";
constexpr std::string_view kPkcs8Private = "PRIVATE KEY";
constexpr std::string_view kPkcs8Encrypted = "ENCRYPTED PRIVATE KEY";
constexpr std::string_view kSpki = "PUBLIC KEY";
constexpr std::string_view kPkcs1Public = "RSA PUBLIC KEY";

KeyParseError pem_error(std::size_t line, std::string reason) {
  return KeyParseError{0, "pem", std::move(reason), line};
}

// Wipes every decoded block when it goes out of scope: a private key's DER must not outlive
// the parse, on any path.
struct WipeBlocks {
  std::vector<asn1::PemBlock>& blocks;
  ~WipeBlocks() {
    for (asn1::PemBlock& b : blocks) rsa_io::SecretBytes::wipe(b.der);
  }
};

// The one block a key file must hold, or the error saying what was found instead.
Result<std::size_t, KeyParseError> single_block(const std::vector<asn1::PemBlock>& blocks,
                                                std::string_view what) {
  if (blocks.empty()) return Err(pem_error(1, "no PEM block found; expected " + std::string(what)));
  if (blocks.size() > 1) {
    return Err(pem_error(blocks[1].line, "expected exactly one PEM block (" + std::string(what) +
                                             "), found " + std::to_string(blocks.size())));
  }
  return std::size_t{0};
}

std::string quoted(std::string_view s) {
  return "\"" + std::string(s) + "\"";
}

}  // namespace

Result<RsaPrivateKeyInfo, KeyParseError> parse_rsa_private_key_pem(std::string_view text) {
  auto decoded = asn1::pem_decode_all(text);
  if (!decoded) return Err(pem_error(decoded.error().line, decoded.error().reason));
  std::vector<asn1::PemBlock>& blocks = *decoded;
  const WipeBlocks wipe{blocks};
  const std::string what =
      "an RSA private key labelled " + quoted(kPkcs1Private) + " or " + quoted(kPkcs8Private);
  auto index = single_block(blocks, what);
  if (!index) return Err(index.error());
  const asn1::PemBlock& block = blocks[*index];

  if (block.label == kPkcs1Private) {
    auto key = parse_rsa_private_key_pkcs1_der(block.der);
    if (!key) {
      KeyParseError e = key.error();
      e.pem_line = block.line;
      return Err(std::move(e));
    }
    RsaPrivateKeyInfo info;
    info.key = std::move(*key);
    return info;
  }
  if (block.label == kPkcs8Private) {
    auto info = parse_rsa_private_key_pkcs8_der(block.der);
    if (!info) {
      KeyParseError e = info.error();
      e.pem_line = block.line;
      return Err(std::move(e));
    }
    return std::move(*info);
  }
  if (block.label == kPkcs8Encrypted) {
    return Err(
        pem_error(block.line, "encrypted private keys (" + quoted(kPkcs8Encrypted) +
                                  ", RFC 7468 §11) are not supported; decrypt the key first"));
  }
  return Err(pem_error(block.line, "PEM label " + quoted(block.label) + " is not " + what));
}

Result<RsaPublicKeyInfo, KeyParseError> parse_rsa_public_key_pem(std::string_view text) {
  auto decoded = asn1::pem_decode_all(text);
  if (!decoded) return Err(pem_error(decoded.error().line, decoded.error().reason));
  std::vector<asn1::PemBlock>& blocks = *decoded;
  const WipeBlocks wipe{blocks};  // in case the caller passed a private key by mistake
  const std::string what =
      "an RSA public key labelled " + quoted(kSpki) + " or " + quoted(kPkcs1Public);
  auto index = single_block(blocks, what);
  if (!index) return Err(index.error());
  const asn1::PemBlock& block = blocks[*index];

  if (block.label == kSpki) {
    auto info = parse_rsa_spki_der(block.der);
    if (!info) {
      KeyParseError e = info.error();
      e.pem_line = block.line;
      return Err(std::move(e));
    }
    return std::move(*info);
  }
  if (block.label == kPkcs1Public) {
    auto key = parse_rsa_public_key_pkcs1_der(block.der);
    if (!key) {
      KeyParseError e = key.error();
      e.pem_line = block.line;
      return Err(std::move(e));
    }
    RsaPublicKeyInfo info;
    info.key = std::move(*key);
    return info;
  }
  return Err(pem_error(block.line, "PEM label " + quoted(block.label) + " is not " + what));
}

std::string write_rsa_private_key_pem(const RsaPrivateKeyParts& key, RsaPrivateKeyPem form) {
  if (form == RsaPrivateKeyPem::pkcs1) {
    rsa_io::SecretBytes der(write_rsa_private_key_pkcs1_der(key));
    return asn1::pem_encode(kPkcs1Private, der.view());
  }
  rsa_io::SecretBytes der(write_rsa_private_key_pkcs8_der(key));
  return asn1::pem_encode(kPkcs8Private, der.view());
}

std::string write_rsa_pss_private_key_pem(const RsaPrivateKeyParts& key,
                                          std::optional<RsaPssParams> pss) {
  rsa_io::SecretBytes der(write_rsa_private_key_pkcs8_der(key, pss, /*pss_key=*/true));
  return asn1::pem_encode(kPkcs8Private, der.view());
}

std::string write_rsa_public_key_pem(const RsaPublicKeyParts& key, RsaPublicKeyPem form) {
  if (form == RsaPublicKeyPem::pkcs1)
    return asn1::pem_encode(kPkcs1Public, write_rsa_public_key_pkcs1_der(key));
  return asn1::pem_encode(kSpki, write_rsa_spki_der(key));
}

std::string write_rsa_pss_public_key_pem(const RsaPublicKeyParts& key,
                                         std::optional<RsaPssParams> pss) {
  return asn1::pem_encode(kSpki, write_rsa_spki_der(key, /*pss_key=*/true, pss));
}

}  // namespace glasstls::crypto
