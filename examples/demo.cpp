// glasstls_demo — the main demo (README quick start, command 1).
//
// For now it shows the foundation a TLS 1.3 handshake stands on:
//   1. which implementation of each primitive this CPU runs (portable reference or accelerated);
//   2. SHA-256, the hash behind TLS_AES_128_GCM_SHA256's transcript and key schedule;
//   3. HMAC, the keyed hash behind every Finished message;
//   4. HKDF, the extract-then-expand function the whole TLS 1.3 key schedule is built from,
//      checked against RFC 5869 and RFC 8448's first key-schedule step;
//   5. X25519, the Diffie-Hellman key exchange of the explainer's step 4;
//   6. ECDSA on P-256, the signature most web certificates carry and the server's proof that it
//      holds the certificate's key (CertificateVerify), checked against RFC 6979;
//   7. AES-256-GCM, the symmetric encryption every byte travels under after the handshake.
//
// Usage: glasstls_demo [--step]
//   --step pauses for Enter between sections, but only when stdin is a terminal: piped or from
//   /dev/null it never waits.
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/core/cpu.hpp"
#include "glasstls/core/registry.hpp"
#include "glasstls/crypto/aead.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/hkdf.hpp"
#include "glasstls/crypto/hmac.hpp"
#include "glasstls/crypto/sha256.hpp"
#include "glasstls/crypto/x25519.hpp"

using namespace glasstls;

namespace {

bool g_step = false;

void section(const char* title) {
  if (g_step && isatty(STDIN_FILENO)) {
    std::printf("\n[press Enter]");
    std::fflush(stdout);
    int c;
    while ((c = std::getchar()) != '\n' && c != EOF) {
    }
  }
  std::printf("\n== %s ==\n", title);
}

std::string show(ByteView b) { return hex_encode(b); }

// Hex typed into the demo from an RFC; the literals are fixed, so a bad one is a bug here.
Bytes test_hex(std::string_view h) { return hex_decode(h).value_or(Bytes{}); }

bool show_check(const char* what, ByteView got, std::string_view expected_hex) {
  const bool ok = hex_encode(got) == expected_hex;
  std::printf("  %-28s %s\n  %-28s %s\n", what, show(got).c_str(), "",
              ok ? "(matches the published value)" : "(DOES NOT MATCH the published value!)");
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--step") == 0) {
      g_step = true;
    } else {
      std::fprintf(stderr, "usage: %s [--step]\n", argv[0]);
      return 2;
    }
  }
  bool all_ok = true;

  std::printf("glasstls demo: the building blocks of a TLS 1.3 handshake\n");

  section("1. This machine");
  std::printf("  CPU features: %s\n", cpu_features().to_string().c_str());
  std::printf("  GLASSTLS_PORTABLE forces portable code: %s\n", portable_forced() ? "yes" : "no");
  std::printf("  %-18s %-14s %-10s %-9s %s\n", "primitive", "impl", "kind", "runs here", "");
  for (const auto& i : list_implementations()) {
    std::printf("  %-18.*s %-14.*s %-10s %-9s %s\n", static_cast<int>(i.primitive.size()),
                i.primitive.data(), static_cast<int>(i.name.size()), i.name.data(),
                i.portable ? "reference" : "optimised", i.available ? "yes" : "no",
                i.active ? "<- active" : "");
  }

  section("2. SHA-256 (FIPS 180-4): a fingerprint of the handshake transcript");
  std::printf("  SHA-256(\"abc\"), FIPS 180-4 / NIST example, with every implementation:\n");
  for (const auto& impl : crypto::sha256_implementations()) {
    if (!impl.available()) continue;
    crypto::Sha256 h(impl);
    h.update(as_bytes("abc"));
    const std::string label = "  [" + std::string(impl.name) + "]";
    all_ok &= show_check(label.c_str(), h.finish(),
                         "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
  // A rough feel for speed; real measurements live in bench/ (glasstls_bench).
  Bytes mib(1 << 20, 0x61);
  for (const auto& impl : crypto::sha256_implementations()) {
    if (!impl.available()) continue;
    crypto::Sha256 h(impl);
    const auto t0 = system_clock().monotonic();
    for (int i = 0; i < 16; ++i) h.update(mib);
    (void)h.finish();
    const double s = std::chrono::duration<double>(system_clock().monotonic() - t0).count();
    std::printf("  [%.*s] hashed 16 MiB in %.1f ms (about %.0f MB/s)\n",
                static_cast<int>(impl.name.size()), impl.name.data(), s * 1e3, 16.777216 / s);
  }

  section("3. HMAC-SHA-256 (RFC 2104): the keyed hash behind every Finished message");
  {
    // RFC 4231 §4.3, test case 2: key "Jefe".
    const auto tag = crypto::hmac(crypto::HashAlg::sha256, as_bytes("Jefe"),
                                  as_bytes("what do ya want for nothing?"));
    all_ok &= show_check("HMAC(\"Jefe\", ...)", tag.view(),
                         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    std::printf("  hmac_verify with the right tag: %s; with one bit flipped: %s\n",
                crypto::hmac_verify(crypto::HashAlg::sha256, as_bytes("Jefe"),
                                    as_bytes("what do ya want for nothing?"), tag.view())
                    ? "accepted" : "rejected",
                [&] {
                  Bytes bad(tag.view().begin(), tag.view().end());
                  bad[7] ^= 0x10;
                  return crypto::hmac_verify(crypto::HashAlg::sha256, as_bytes("Jefe"),
                                             as_bytes("what do ya want for nothing?"), bad)
                             ? "accepted" : "rejected";
                }());
  }

  section("4. HKDF (RFC 5869): how TLS 1.3 turns one shared secret into many keys");
  {
    // RFC 5869 Appendix A.1.
    const Bytes ikm(22, 0x0b);
    const Bytes salt{0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c};
    const Bytes info{0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9};
    const auto prk = crypto::hkdf_extract(crypto::HashAlg::sha256, salt, ikm);
    all_ok &= show_check("Extract -> PRK", prk.view(),
                         "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
    Bytes okm(42);
    if (!crypto::hkdf_expand(crypto::HashAlg::sha256, prk.view(), info, okm)) all_ok = false;
    all_ok &= show_check("Expand(PRK, info, 42) -> OKM", okm,
                         "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                         "34007208d5b887185865");

    std::printf("\n  The first step of the TLS 1.3 key schedule (RFC 8446 §7.1) is\n"
                "  Early Secret = HKDF-Extract(salt = 0, IKM = 32 zero bytes) when no PSK is used.\n"
                "  RFC 8448 §3 prints it; glasstls computes it:\n");
    const Bytes zeros(32, 0);
    const auto early = crypto::hkdf_extract(crypto::HashAlg::sha256, {}, zeros);
    all_ok &= show_check("Early Secret", early.view(),
                         "33ad0a1c607ec03b09e6cd9893680ce210adf300aa1f2660e1b22e10f170f92a");
  }

  section("5. X25519 (RFC 7748): Diffie-Hellman key exchange");
  {
    // RFC 7748 §6.1: Alice and Bob each keep a private key and send only X25519(key, 9).
    const Bytes a = test_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    const Bytes b = test_hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    const auto alice_pub = crypto::x25519_public_key(std::span<const std::uint8_t, 32>(a.data(), 32));
    const auto bob_pub = crypto::x25519_public_key(std::span<const std::uint8_t, 32>(b.data(), 32));
    all_ok &= show_check("Alice sends", alice_pub,
                         "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    all_ok &= show_check("Bob sends", bob_pub,
                         "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    const auto k_alice = crypto::x25519(std::span<const std::uint8_t, 32>(a.data(), 32), bob_pub);
    const auto k_bob = crypto::x25519(std::span<const std::uint8_t, 32>(b.data(), 32), alice_pub);
    if (k_alice.ok() && k_bob.ok()) {
      all_ok &= show_check("Alice computes", *k_alice,
                           "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
      all_ok &= show_check("Bob computes", *k_bob,
                           "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
      std::printf("  Someone who saw both public values still cannot compute the secret.\n");
    } else {
      all_ok = false;
    }
  }

  section("6. ECDSA P-256 (FIPS 186-5, RFC 6979): who signed this?");
  {
    // RFC 6979 §A.2.5: a P-256 key pair and the deterministic signature of "sample" with SHA-256.
    auto key = crypto::EcPrivateKey::from_scalar(
        crypto::EcCurve::p256,
        test_hex("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721"));
    if (key.ok()) {
      all_ok &= show_check("public key x", key->public_key().x(),
                           "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6");
      const crypto::Digest digest = crypto::Hash::hash(crypto::HashAlg::sha256, as_bytes("sample"));
      const auto sig = crypto::ecdsa_sign_digest(*key, crypto::HashAlg::sha256, digest.view());
      all_ok &= show_check("signature r", sig.r_view(),
                           "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716");
      all_ok &= show_check("signature s", sig.s_view(),
                           "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8");
      const Bytes der = crypto::encode_ecdsa_signature_der(sig);
      const bool good = crypto::ecdsa_verify(key->public_key(), crypto::HashAlg::sha256,
                                             as_bytes("sample"), der);
      const bool forged = crypto::ecdsa_verify(key->public_key(), crypto::HashAlg::sha256,
                                               as_bytes("sampel"), der);
      std::printf("  anyone with the public key can check it: %s; for another message: %s\n",
                  good ? "valid" : "INVALID", forged ? "VALID (wrong!)" : "invalid");
      all_ok &= good && !forged;
    } else {
      all_ok = false;
    }
  }

  section("7. AES-256-GCM (NIST SP 800-38D): what every byte travels under afterwards");
  {
    // McGrew-Viega GCM specification, Test Case 14: all-zero key, IV and one plaintext block.
    const Bytes key(32, 0), block(16, 0);
    const std::array<std::uint8_t, 12> iv{};
    std::printf("  GCM specification test case 14 (zero key, IV, block) with every implementation:\n");
    for (const auto& impl : crypto::aes_gcm_implementations()) {
      if (!impl.available()) continue;
      auto aead = crypto::Aead::create(crypto::AeadAlg::aes_256_gcm, key, impl);
      Bytes out(block.size() + crypto::kAeadTagSize);
      if (!aead.ok() || aead->seal(iv, {}, block, out) != crypto::AeadStatus::ok) {
        all_ok = false;
        continue;
      }
      const std::string label = "  [" + std::string(impl.name) + "] C || T";
      all_ok &= show_check(label.c_str(), out,
                           "cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919");
    }

    // A request as the explainer's timeline sends it, under a key derived with HKDF.
    Bytes traffic_key(32);
    const auto prk = crypto::hkdf_extract(crypto::HashAlg::sha256, as_bytes("demo salt"),
                                          as_bytes("a shared secret from key exchange"));
    (void)crypto::hkdf_expand(crypto::HashAlg::sha256, prk.view(), as_bytes("demo key"), traffic_key);
    auto aead = crypto::Aead::create(crypto::AeadAlg::aes_256_gcm, traffic_key);
    const std::string_view request = "GET /page HTTP/1.1";
    const std::array<std::uint8_t, 5> header{0x17, 0x03, 0x03, 0x00, 0x22};  // the record header is the AAD
    std::array<std::uint8_t, 12> nonce{};
    nonce[11] = 1;
    Bytes record(request.size() + crypto::kAeadTagSize);
    if (aead.ok() && aead->seal(nonce, header, as_bytes(request), record) == crypto::AeadStatus::ok) {
      std::printf("\n  \"%.*s\" sealed with AES-256-GCM (%.*s):\n    %s\n",
                  static_cast<int>(request.size()), request.data(),
                  static_cast<int>(aead->implementation().name.size()),
                  aead->implementation().name.data(), hex_encode(record).c_str());
      Bytes opened(request.size());
      const auto st = aead->open(nonce, header, record, opened);
      std::printf("  opened: \"%s\" (%.*s)\n", std::string(opened.begin(), opened.end()).c_str(),
                  static_cast<int>(to_string(st).size()), to_string(st).data());
      all_ok &= st == crypto::AeadStatus::ok;
      record[3] ^= 0x01;  // one bit changed on the wire
      const auto bad = aead->open(nonce, header, record, opened);
      std::printf("  one bit flipped in transit: %.*s\n", static_cast<int>(to_string(bad).size()),
                  to_string(bad).data());
      all_ok &= bad == crypto::AeadStatus::authentication_failed;
    } else {
      all_ok = false;
    }
  }

  section("Summary");
  std::printf("  %s\n", all_ok ? "every value matched its RFC or NIST reference"
                                : "SOME VALUES DID NOT MATCH: see above");
  return all_ok ? 0 : 1;
}
