// AES-GCM: known answers from the GCM specification and NIST CAVP, lengths across block and
// 8-block boundaries, every implementation against the others and against a slow reference
// written here from SP 800-38D, the 32-bit counter wrap, in-place operation, and the registry.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/gcm_internal.hpp"
#include "glasstls/crypto/aead.hpp"
#include "glasstls/crypto/aes.hpp"
#include "support/test_support.hpp"

namespace glasstls::crypto {
namespace {

using test::hex;

std::vector<const AeadImplementation*> available_impls() {
  std::vector<const AeadImplementation*> v;
  for (const auto& impl : aes_gcm_implementations())
    if (impl.available()) v.push_back(&impl);
  return v;
}

AeadAlg alg_for(std::size_t key_len) {
  return key_len == 16 ? AeadAlg::aes_128_gcm : AeadAlg::aes_256_gcm;
}

struct Sealed {
  Bytes ct;
  Bytes tag;
};

Sealed seal_with(const AeadImplementation& impl, const Bytes& key, const Bytes& nonce,
                 const Bytes& aad, const Bytes& pt) {
  auto aead = Aead::create(alg_for(key.size()), key, impl);
  EXPECT_TRUE(aead.ok());
  Bytes out(pt.size() + kAeadTagSize);
  EXPECT_EQ(aead->seal(std::span<const std::uint8_t, 12>(nonce.data(), 12), aad, pt, out),
            AeadStatus::ok);
  return {Bytes(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(pt.size())),
          Bytes(out.end() - 16, out.end())};
}

// ---- known answers ----------------------------------------------------------------------------

struct Kat {
  const char* name;
  const char* key;
  const char* iv;
  const char* aad;
  const char* pt;
  const char* ct;
  const char* tag;
};

// McGrew & Viega, "The Galois/Counter Mode of Operation (GCM)", Appendix B test cases
// (/work/shared/reference/gcm-spec.txt). Cases 1-4 use AES-128 and 13-16 AES-256, all with a
// 96-bit IV. Not here: 5, 11, 17 (64-bit IV) and 6, 12, 18 (60-byte IV) — glasstls accepts only
// 96-bit nonces, as TLS 1.3 uses (RFC 8446 §5.3); and 7-12 are AES-192, which glasstls does not
// implement (no TLS 1.3 suite uses it).
const char kP60[] =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
const char kP64[] =
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
const char kA20[] = "feedfacedeadbeeffeedfacedeadbeefabaddad2";

const Kat kGcmSpec[] = {
    {"case 1", "00000000000000000000000000000000", "000000000000000000000000", "", "", "",
     "58e2fccefa7e3061367f1d57a4e7455a"},
    {"case 2", "00000000000000000000000000000000", "000000000000000000000000", "",
     "00000000000000000000000000000000", "0388dace60b6a392f328c2b971b2fe78",
     "ab6e47d42cec13bdf53a67b21257bddf"},
    {"case 3", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", "", kP64,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {"case 4", "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", kA20, kP60,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {"case 13", "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {"case 14", "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "", "00000000000000000000000000000000",
     "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
    {"case 15", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
     "cafebabefacedbaddecaf888", "", kP64,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {"case 16", "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
     "cafebabefacedbaddecaf888", kA20, kP60,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

// NIST CAVP gcmtestvectors, gcmEncryptExtIV128.rsp and gcmEncryptExtIV256.rsp, section
// [IVlen = 96] [PTlen = 0] [AADlen = 0] [Taglen = 128], Count = 0 and 1: the tag alone is
// E_K(J0) ⊕ GHASH of the length block.
const Kat kCavpEmpty[] = {
    {"CAVP 128 count 0", "11754cd72aec309bf52f7687212e8957", "3c819d9a9bed087615030b65", "", "", "",
     "250327c674aaf477aef2675748cf6971"},
    {"CAVP 128 count 1", "ca47248ac0b6f8372a97ac43508308ed", "ffd2b598feabc9019262d2be", "", "", "",
     "60d20404af527d248d893ae495707d1a"},
    {"CAVP 256 count 0", "b52c505a37d78eda5dd34f20c22540ea1b58963cf8e5bf8ffa85f9f2492505b4",
     "516c33929df5a3284ff463d7", "", "", "", "bdc1ac884d332457a1d2664f168c76f0"},
    {"CAVP 256 count 1", "5fe0861cdc2690ce69b3658c7f26f8458eec1c9243c5ba0845305d897e96ca0f",
     "770ac1a5a3d476d5d96944a1", "", "", "", "196d691e1047093ca4b3d2ef4baba216"},
};

void check_kat(const Kat& k) {
  const Bytes key = hex(k.key), iv = hex(k.iv), aad = hex(k.aad), pt = hex(k.pt);
  const Bytes ct = hex(k.ct), tag = hex(k.tag);
  for (const auto* impl : available_impls()) {
    SCOPED_TRACE(std::string(k.name) + " / " + std::string(impl->name));
    const auto sealed = seal_with(*impl, key, iv, aad, pt);
    EXPECT_EQ(sealed.ct, ct);
    EXPECT_EQ(sealed.tag, tag);
    // Open, out of place and in place.
    auto aead = Aead::create(alg_for(key.size()), key, *impl);
    Bytes record = ct;
    record.insert(record.end(), tag.begin(), tag.end());
    Bytes out(pt.size());
    const auto nonce = std::span<const std::uint8_t, 12>(iv.data(), 12);
    EXPECT_EQ(aead->open(nonce, aad, record, out), AeadStatus::ok);
    EXPECT_EQ(out, pt);
    Bytes buf = ct;
    std::array<std::uint8_t, 16> t{};
    std::copy(tag.begin(), tag.end(), t.begin());
    EXPECT_EQ(aead->open_detached(nonce, aad, buf, t, buf), AeadStatus::ok);
    EXPECT_EQ(buf, pt);
    // One flipped tag bit is refused.
    record.back() ^= 0x80;
    EXPECT_EQ(aead->open(nonce, aad, record, out), AeadStatus::authentication_failed);
  }
}

TEST(AesGcmKat, GcmSpecificationTestCases) {
  for (const auto& k : kGcmSpec) check_kat(k);
}

TEST(AesGcmKat, CavpEmptyPlaintextAndAad) {
  for (const auto& k : kCavpEmpty) check_kat(k);
}

// ---- a slow reference, straight from SP 800-38D ------------------------------------------------

// §6.3 Algorithm 1: X·Y bit by bit, R = 11100001 ‖ 0^120.
std::array<std::uint8_t, 16> ref_mul(const std::array<std::uint8_t, 16>& x,
                                     const std::array<std::uint8_t, 16>& y) {
  std::array<std::uint8_t, 16> z{}, v = y;
  for (int i = 0; i < 128; ++i) {
    if ((x[i / 8] >> (7 - i % 8)) & 1)
      for (int j = 0; j < 16; ++j) z[j] ^= v[j];
    const bool lsb = v[15] & 1;
    for (int j = 15; j > 0; --j) v[j] = static_cast<std::uint8_t>((v[j] >> 1) | (v[j - 1] << 7));
    v[0] >>= 1;
    if (lsb) v[0] ^= 0xe1;
  }
  return z;
}

// §6.2: inc32 increments the rightmost 32 bits as an integer modulo 2^32; the rest is unchanged.
void ref_inc32(std::array<std::uint8_t, 16>& cb) {
  for (int j = 15; j >= 12; --j)
    if (++cb[j] != 0) break;
}

// §7.1 GCM-AE with a given pre-counter block j0 (for a 96-bit IV, j0 = IV ‖ 0^31 ‖ 1).
Sealed ref_seal(const Bytes& key, std::array<std::uint8_t, 16> j0, const Bytes& aad,
                const Bytes& pt) {
  const auto& aes = *aes_implementation("portable");
  std::array<std::uint8_t, 16> h{}, zero{};
  aes.ops.encrypt_block(key.data(), key.size(), zero.data(), h.data());
  Sealed r;
  r.ct.resize(pt.size());
  auto cb = j0;
  for (std::size_t i = 0; i < pt.size(); i += 16) {
    ref_inc32(cb);
    std::array<std::uint8_t, 16> ks{};
    aes.ops.encrypt_block(key.data(), key.size(), cb.data(), ks.data());
    for (std::size_t j = i; j < std::min(pt.size(), i + 16); ++j) r.ct[j] = pt[j] ^ ks[j - i];
  }
  std::array<std::uint8_t, 16> y{};
  auto absorb = [&](const Bytes& d) {
    for (std::size_t i = 0; i < d.size(); i += 16) {
      for (std::size_t j = i; j < std::min(d.size(), i + 16); ++j) y[j - i] ^= d[j];
      y = ref_mul(y, h);
    }
  };
  absorb(aad);
  absorb(r.ct);
  Bytes len_block(16);
  const std::uint64_t abits = aad.size() * 8, cbits = pt.size() * 8;
  for (int j = 0; j < 8; ++j) {
    len_block[static_cast<std::size_t>(7 - j)] = static_cast<std::uint8_t>(abits >> (8 * j));
    len_block[static_cast<std::size_t>(15 - j)] = static_cast<std::uint8_t>(cbits >> (8 * j));
  }
  absorb(len_block);
  std::array<std::uint8_t, 16> ek{};
  aes.ops.encrypt_block(key.data(), key.size(), j0.data(), ek.data());
  r.tag.resize(16);
  for (int j = 0; j < 16; ++j)
    r.tag[static_cast<std::size_t>(j)] =
        y[static_cast<std::size_t>(j)] ^ ek[static_cast<std::size_t>(j)];
  return r;
}

Bytes pattern(std::size_t n, unsigned seed) {
  Bytes b(n);
  for (std::size_t i = 0; i < n; ++i)
    b[i] = static_cast<std::uint8_t>(i * 7 + seed * 131 + (i >> 8));
  return b;
}

TEST(AesGcmReference, SlowReferenceMatchesGcmSpecCase4) {
  std::array<std::uint8_t, 16> j0{};
  const Bytes iv = hex("cafebabefacedbaddecaf888");
  std::copy(iv.begin(), iv.end(), j0.begin());
  j0[15] = 1;
  const auto r = ref_seal(hex("feffe9928665731c6d6a8f9467308308"), j0, hex(kA20), hex(kP60));
  EXPECT_EQ(r.tag, hex("5bc94fbc3221a5db94fae95ae7121a47"));
}

// ---- lengths and boundaries ---------------------------------------------------------------------

// Every plaintext length 0..300 (1-, 4- and 8-block boundaries, partial final blocks) with AAD
// lengths that vary alongside, each implementation against the slow reference.
TEST(AesGcmLengths, EveryLengthUpTo300AgainstReference) {
  for (std::size_t key_len : {std::size_t{16}, std::size_t{32}}) {
    const Bytes key = pattern(key_len, 1);
    const Bytes nonce = pattern(12, 2);
    std::array<std::uint8_t, 16> j0{};
    std::copy(nonce.begin(), nonce.end(), j0.begin());
    j0[15] = 1;
    for (std::size_t len = 0; len <= 300; ++len) {
      const Bytes pt = pattern(len, 3);
      const Bytes aad = pattern((len * 7) % 41, 4);
      const auto want = ref_seal(key, j0, aad, pt);
      for (const auto* impl : available_impls()) {
        const auto got = seal_with(*impl, key, nonce, aad, pt);
        ASSERT_EQ(got.ct, want.ct) << impl->name << " len " << len << " key " << key_len;
        ASSERT_EQ(got.tag, want.tag) << impl->name << " len " << len << " key " << key_len;
      }
    }
  }
}

// AAD lengths 0..300 (the AAD has its own 8-block and tail paths) with a few plaintext lengths.
TEST(AesGcmLengths, EveryAadLengthUpTo300) {
  const auto* portable = aead_implementation(AeadAlg::aes_128_gcm, "portable");
  const Bytes key = pattern(16, 5), nonce = pattern(12, 6);
  for (std::size_t alen = 0; alen <= 300; ++alen) {
    const Bytes aad = pattern(alen, 7);
    for (std::size_t len : {std::size_t{0}, std::size_t{5}, std::size_t{16}, std::size_t{129}}) {
      const Bytes pt = pattern(len, 8);
      const auto want = seal_with(*portable, key, nonce, aad, pt);
      for (const auto* impl : available_impls()) {
        const auto got = seal_with(*impl, key, nonce, aad, pt);
        ASSERT_EQ(got.ct, want.ct) << impl->name << " aad " << alen;
        ASSERT_EQ(got.tag, want.tag) << impl->name << " aad " << alen;
      }
    }
  }
}

// Random lengths up to 70,000 bytes: every implementation seals like the portable one, opens its
// own and the others' output, in place and out of place.
TEST(AesGcmCrossCheck, RandomInputsAllImplementationsAgree) {
  std::mt19937_64 rng(20261127);
  const auto impls = available_impls();
  const auto* portable = aead_implementation(AeadAlg::aes_256_gcm, "portable");
  for (int t = 0; t < 24; ++t) {
    const std::size_t key_len = (t % 2) ? 32 : 16;
    Bytes key(key_len), nonce(12);
    for (auto& b : key) b = static_cast<std::uint8_t>(rng());
    for (auto& b : nonce) b = static_cast<std::uint8_t>(rng());
    const std::size_t len = t < 4 ? 70000 - static_cast<std::size_t>(t) : rng() % 70001;
    const std::size_t alen = rng() % 300;
    Bytes pt(len), aad(alen);
    for (auto& b : pt) b = static_cast<std::uint8_t>(rng());
    for (auto& b : aad) b = static_cast<std::uint8_t>(rng());
    const auto want = seal_with(*portable, key, nonce, aad, pt);
    const auto n = std::span<const std::uint8_t, 12>(nonce.data(), 12);
    for (const auto* impl : impls) {
      SCOPED_TRACE(std::string(impl->name) + " len " + std::to_string(len));
      const auto got = seal_with(*impl, key, nonce, aad, pt);
      ASSERT_EQ(got.ct, want.ct);
      ASSERT_EQ(got.tag, want.tag);
      auto aead = Aead::create(alg_for(key_len), key, *impl);
      // In-place seal gives the same bytes.
      Bytes buf = pt;
      std::array<std::uint8_t, 16> tag{};
      ASSERT_EQ(aead->seal_detached(n, aad, buf, buf, tag), AeadStatus::ok);
      ASSERT_EQ(buf, want.ct);
      ASSERT_EQ(Bytes(tag.begin(), tag.end()), want.tag);
      // In-place open restores the plaintext.
      ASSERT_EQ(aead->open_detached(n, aad, buf, tag, buf), AeadStatus::ok);
      ASSERT_EQ(buf, pt);
    }
  }
}

// ---- the 32-bit counter (SP 800-38D §6.2 inc32) -----------------------------------------------

// With a 96-bit nonce the counter starts at 2 and the length limit (2^36 - 32 bytes) stops it
// before it wraps, so each implementation's seal core is driven directly with a pre-counter block
// whose last 32 bits are near 0xffffffff. The keystream must continue with counter 0 and leave
// the first 96 bits alone; the slow reference uses its own byte-wise inc32.
TEST(AesGcmCounter, LowThirtyTwoBitsWrapWithoutCarry) {
  for (std::size_t key_len : {std::size_t{16}, std::size_t{32}}) {
    const Bytes key = pattern(key_len, 9);
    const Bytes aad = pattern(13, 10);
    for (std::uint32_t start : {0xfffffff0u, 0xfffffffeu, 0xffffffffu}) {
      std::array<std::uint8_t, 16> j0{};
      for (int i = 0; i < 12; ++i)
        j0[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(0xf0 + i);
      j0[11] = 0xff;  // a carry out of the counter would change this byte
      for (int i = 0; i < 4; ++i)
        j0[static_cast<std::size_t>(12 + i)] = static_cast<std::uint8_t>(start >> (24 - 8 * i));
      for (std::size_t len : {std::size_t{40 * 16 + 5}, std::size_t{16 * 16}, std::size_t{3}}) {
        const Bytes pt = pattern(len, 11);
        const auto want = ref_seal(key, j0, aad, pt);
        for (const auto& entry : detail::gcm_seal_from_table()) {
          const auto* impl = aead_implementation(alg_for(key_len), entry.name);
          if (impl == nullptr) continue;  // not runnable on this CPU
          // The state is what Aead::create would build; make it the same way.
          alignas(64) std::array<std::uint8_t, kAeadStateSize> state{};
          impl->ops.init(state.data(), key.data(), key.size());
          Bytes ct(len);
          std::array<std::uint8_t, 16> tag{};
          entry.seal_from(state.data(), j0.data(), aad.data(), aad.size(), pt.data(), len,
                          ct.data(), tag.data());
          EXPECT_EQ(ct, want.ct) << entry.name << " start " << start << " len " << len;
          EXPECT_EQ(Bytes(tag.begin(), tag.end()), want.tag) << entry.name << " start " << start;
        }
      }
    }
  }
}

// ---- registry -----------------------------------------------------------------------------------

TEST(AesGcmRegistry, NamesInOrderAndPortableAlwaysAvailable) {
  const auto table = aes_gcm_implementations();
  ASSERT_FALSE(table.empty());
  std::vector<std::string> names;
  for (const auto& impl : table) names.emplace_back(impl.name);
  if (names.size() == 3) {
    EXPECT_EQ(names, (std::vector<std::string>{"vaes", "aesni_pclmul", "portable"}));
  } else {
    EXPECT_EQ(names, (std::vector<std::string>{"portable"}));  // a portable-only build
  }
  EXPECT_TRUE(table.back().portable);
  EXPECT_TRUE(table.back().available());
  EXPECT_NE(aead_implementation(AeadAlg::aes_128_gcm, "portable"), nullptr);
  EXPECT_NE(aead_implementation(AeadAlg::aes_256_gcm, "portable"), nullptr);
  // Each implementation's state fits and the seal-from hooks cover the same names.
  EXPECT_EQ(detail::gcm_seal_from_table().size(), table.size());
}

}  // namespace
}  // namespace glasstls::crypto
