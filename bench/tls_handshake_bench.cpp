// Whole TLS 1.3 connections (RFC 8446), in memory, each glasstls/... with an openssl/... twin that
// does the same work through libssl:
//
//   */tls13/handshake/x25519_ecdsa_p256  one full handshake per iteration: a client and a server
//   */tls13/handshake/x25519_rsa2048     are created, bytes are pumped between them until both
//                                        report the handshake complete, both are destroyed.
//                                        x25519 key exchange only, TLS_AES_128_GCM_SHA256, the
//                                        server proves itself with an ECDSA P-256 (CertificateVerify
//                                        ecdsa_secp256r1_sha256) resp. RSA-2048 leaf (rsa_pss_rsae_
//                                        sha256); the client validates the chain against the root
//                                        and checks the name "localhost" (SNI sent); no tickets
//                                        (glasstls sends none; OpenSSL: SSL_CTX_set_num_tickets(0)),
//                                        no session cache, middlebox compatibility on (both
//                                        defaults). Real clock, system randomness.
//   */tls13/bulk/aes_256_gcm_16k         after one handshake with TLS_AES_256_GCM_SHA384 (not
//                                        timed), per iteration the client seals 16 KiB of
//                                        application data (one record), the bytes move, the server
//                                        opens it and hands it to the application — one thread.
//   */tls13/memory/connection            the ECDSA handshake above, with every heap allocation
//                                        counted: the counter heap_bytes is the live heap of an
//                                        established client+server pair divided by two, i.e. per
//                                        connection (pair_heap_bytes is the pair's total).
//
// The PKI: a root → leaf chain for "localhost" minted once by x509::CertificateBuilder (root and
// leaf keys of the same kind: ECDSA P-256 resp. RSA-2048; valid from a day ago until 2049), the
// root in the client's trust store, the leaf (DER) and its PKCS#8 key handed to both libraries.
// The configs (glasstls ClientConfig/ServerConfig, OpenSSL SSL_CTX) are built once, outside the
// timed loops and outside the memory measurement.
//
// How memory is counted (both libraries the same way). Every heap block of the process goes
// through this file: glasstls's via a replacement of the global operator new/delete (all forms,
// aligned ones included), OpenSSL's via CRYPTO_set_mem_functions, installed by a static
// initializer of this file before OpenSSL allocates anything. A block's size is what the allocator
// handed out, malloc_usable_size() (so the allocator's rounding is included, for both). Only while
// a measurement window is open are sizes added on allocation and subtracted on free: the window
// opens right before the two connections are created and closes once both have completed the
// handshake, their output was taken and their events drained, so it reads the net growth of the
// live heap that the pair holds. The transport is not part of a connection: glasstls has none, and
// the OpenSSL pair's four memory BIOs (grown to the size of a flight while pumping) are swapped
// for fresh empty ones before the window closes — what remains is what a socket BIO would cost.
// One warm-up handshake runs before the first window, so lazily built caches (OpenSSL's provider
// and algorithm caches) are not charged to a connection. Needs glibc (malloc_usable_size);
// elsewhere the memory rows are not registered.
#include <benchmark/benchmark.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <vector>

#include "bench.hpp"
#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/core/clock.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/crypto/rsa.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/trust_store.hpp"

#include "glasstls/tls/config.hpp"
#include "glasstls/tls/connection.hpp"
#include "glasstls/tls/credentials.hpp"

#if GLASSTLS_HAVE_OPENSSL_SSL
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#endif

#if defined(__GLIBC__)
#include <malloc.h>
#define GLASSTLS_BENCH_COUNT_HEAP 1
#else
#define GLASSTLS_BENCH_COUNT_HEAP 0
#endif

// ---- heap accounting ---------------------------------------------------------------------------

namespace glasstls::bench::heap {
namespace {

// The benchmarks run on one thread; atomics keep the counters sound if a library thread allocates.
std::atomic<bool> g_counting{false};
std::atomic<std::int64_t> g_live{0};

inline void on_alloc([[maybe_unused]] void* p) noexcept {
#if GLASSTLS_BENCH_COUNT_HEAP
  if (p != nullptr && g_counting.load(std::memory_order_relaxed))
    g_live.fetch_add(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
#endif
}

inline void on_free([[maybe_unused]] void* p) noexcept {
#if GLASSTLS_BENCH_COUNT_HEAP
  if (p != nullptr && g_counting.load(std::memory_order_relaxed))
    g_live.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
#endif
}

// Not inlined: GCC would otherwise see operator delete's free() meet operator new's block in the
// callers of this file and warn (-Wmismatched-new-delete) about what is, here, the right pairing.
[[gnu::noinline]] void* allocate(std::size_t n) noexcept {
  void* p = std::malloc(n == 0 ? 1 : n);
  on_alloc(p);
  return p;
}

[[gnu::noinline]] void* allocate_aligned(std::size_t n, std::align_val_t al) noexcept {
  const auto a = static_cast<std::size_t>(al);
  const std::size_t rounded = ((n == 0 ? 1 : n) + a - 1) / a * a;  // aligned_alloc wants a multiple
  void* p = std::aligned_alloc(a, rounded);
  on_alloc(p);
  return p;
}

[[gnu::noinline]] void release(void* p) noexcept {
  on_free(p);
  std::free(p);
}

/// A measurement window: the net growth of the live heap between construction and close().
class Window {
 public:
  Window() noexcept {
    g_live.store(0, std::memory_order_relaxed);
    g_counting.store(true, std::memory_order_relaxed);
  }
  ~Window() { g_counting.store(false, std::memory_order_relaxed); }
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;
  std::int64_t close() noexcept {
    g_counting.store(false, std::memory_order_relaxed);
    return g_live.load(std::memory_order_relaxed);
  }
};

}  // namespace
}  // namespace glasstls::bench::heap

// Replacements of the global allocation functions ([new.delete]); every form so that no block
// escapes the count, the aligned ones included (AEAD states are 64-byte aligned).
void* operator new(std::size_t n) {
  void* p = glasstls::bench::heap::allocate(n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new[](std::size_t n) {
  void* p = glasstls::bench::heap::allocate(n);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  return glasstls::bench::heap::allocate(n);
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  return glasstls::bench::heap::allocate(n);
}
void* operator new(std::size_t n, std::align_val_t al) {
  void* p = glasstls::bench::heap::allocate_aligned(n, al);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new[](std::size_t n, std::align_val_t al) {
  void* p = glasstls::bench::heap::allocate_aligned(n, al);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return glasstls::bench::heap::allocate_aligned(n, al);
}
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return glasstls::bench::heap::allocate_aligned(n, al);
}
void operator delete(void* p) noexcept { glasstls::bench::heap::release(p); }
void operator delete[](void* p) noexcept { glasstls::bench::heap::release(p); }
void operator delete(void* p, std::size_t) noexcept { glasstls::bench::heap::release(p); }
void operator delete[](void* p, std::size_t) noexcept { glasstls::bench::heap::release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept {
  glasstls::bench::heap::release(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  glasstls::bench::heap::release(p);
}
void operator delete(void* p, std::align_val_t) noexcept { glasstls::bench::heap::release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { glasstls::bench::heap::release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  glasstls::bench::heap::release(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  glasstls::bench::heap::release(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  glasstls::bench::heap::release(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  glasstls::bench::heap::release(p);
}

#if GLASSTLS_HAVE_OPENSSL_SSL
namespace glasstls::bench::heap {
namespace {

void* openssl_malloc(std::size_t n, const char*, int) { return allocate(n); }
void* openssl_realloc(void* p, std::size_t n, const char*, int) {
  on_free(p);  // counted as a free of the old block and an allocation of the new one
  void* q = std::realloc(p, n == 0 ? 1 : n);
  if (q == nullptr) {
    on_alloc(p);  // realloc failed: the old block lives on
    return nullptr;
  }
  on_alloc(q);
  return q;
}
void openssl_free(void* p, const char*, int) { release(p); }

// CRYPTO_set_mem_functions only works before OpenSSL's first allocation, hence a static
// initializer (nothing in the other bench files calls OpenSSL before main()).
const bool g_openssl_counted =
    CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) == 1;

}  // namespace
}  // namespace glasstls::bench::heap
#endif

// ---- the PKI and configurations ----------------------------------------------------------------

namespace glasstls::bench {
namespace {

using x509::Certificate;
using x509::CertificateBuilder;
using x509::SigningKey;

constexpr std::size_t kBulkSize = 16384;
// One protected record of 16 KiB (RFC 8446 §5.2): 5-byte header, the data, the inner content type
// byte, the 16-byte AEAD tag.
constexpr std::size_t kBulkRecordSize = 5 + kBulkSize + 1 + 16;
constexpr int kMaxRounds = 16;  // a handshake needs 2 round trips; anything more is a failure
const char* const kHost = "localhost";

enum class LeafKind { ecdsa_p256, rsa2048 };

/// A root → leaf chain for "localhost" and the leaf's PKCS#8 private key.
struct Pki {
  Bytes root_der;
  Bytes leaf_der;
  Bytes leaf_key_pkcs8;  // secret: wiped on destruction
  Pki() = default;
  Pki(const Pki&) = delete;
  Pki& operator=(const Pki&) = delete;
  ~Pki() { ct::secure_wipe(std::span<std::uint8_t>(leaf_key_pkcs8)); }
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "tls_handshake_bench: %s\n", what.c_str());
  std::abort();
}

Bytes must(Result<Bytes, x509::CertificateParseError> r) {
  if (!r.ok()) die("builder failed: " + r.error().to_string());
  return std::move(r).value();
}

Certificate must(Result<Certificate, x509::CertificateParseError> r) {
  if (!r.ok()) die("builder failed: " + r.error().to_string());
  return std::move(r).value();
}

std::unique_ptr<Pki> mint(LeafKind kind) {
  // Keys from a fixed seed (the same keys every run); the handshakes themselves use the system
  // source. Valid from a day ago (real peers use the real clock) until 2049 (UTCTime).
  crypto::DeterministicRandom rng(kind == LeafKind::ecdsa_p256 ? 101 : 102);
  const WallTime not_before = system_clock().wall_time() - std::chrono::hours(24);
  const WallTime not_after =
      std::chrono::sys_days(std::chrono::year(2049) / std::chrono::month(1) / std::chrono::day(1));

  auto pki = std::make_unique<Pki>();
  std::optional<SigningKey> root_key, leaf_key;
  if (kind == LeafKind::ecdsa_p256) {
    root_key = SigningKey::ecdsa(crypto::EcPrivateKey::generate(crypto::EcCurve::p256, rng));
    const auto leaf = crypto::EcPrivateKey::generate(crypto::EcCurve::p256, rng);
    pki->leaf_key_pkcs8 = crypto::write_ec_private_key_pkcs8_der(leaf);
    leaf_key = SigningKey::ecdsa(leaf);
  } else {
    auto root = crypto::RsaPrivateKey::generate(2048, rng);
    auto leaf = crypto::RsaPrivateKey::generate(2048, rng);
    if (!root.ok() || !leaf.ok()) die("RSA key generation failed");
    pki->leaf_key_pkcs8 = crypto::write_rsa_private_key_pkcs8_der(leaf->to_parts());
    root_key = SigningKey::rsa_pkcs1(std::move(root).value());
    leaf_key = SigningKey::rsa_pkcs1(std::move(leaf).value());
  }

  CertificateBuilder root;
  root.subject(x509::make_name("glasstls bench root"))
      .self_signed()
      .validity(not_before, not_after)
      .public_key(root_key->public_key())
      .basic_constraints(true)
      .key_usage(x509::KeyUsage::key_cert_sign | x509::KeyUsage::crl_sign);
  const Certificate root_cert = must(root.sign(*root_key));
  pki->root_der = root_cert.der;

  CertificateBuilder leaf;
  leaf.subject(x509::make_name(kHost))
      .issuer(root_cert)
      .validity(not_before, not_after)
      .public_key(leaf_key->public_key())
      .key_usage(x509::KeyUsage::digital_signature)
      .ext_key_usage({asn1::oids::id_kp_serverAuth})
      .add_dns_name(kHost);
  pki->leaf_der = must(leaf.sign_der(*root_key));
  return pki;
}

// Each minted on first use (two RSA key generations take a while).
const Pki& ecdsa_pki() {
  static const std::unique_ptr<Pki> p = mint(LeafKind::ecdsa_p256);
  return *p;
}
const Pki& rsa_pki() {
  static const std::unique_ptr<Pki> p = mint(LeafKind::rsa2048);
  return *p;
}
const Pki& pki(LeafKind kind) {
  return kind == LeafKind::ecdsa_p256 ? ecdsa_pki() : rsa_pki();
}

// ---- glasstls ----------------------------------------------------------------------------------

using tls::CipherSuite;
using tls::Connection;

struct GlasstlsConfigs {
  std::shared_ptr<const tls::ClientConfig> client;
  std::shared_ptr<const tls::ServerConfig> server;
};

/// x25519 only, one suite; the client trusts the root and checks the name.
GlasstlsConfigs glasstls_configs(LeafKind kind, CipherSuite suite) {
  const Pki& p = pki(kind);
  tls::Policy policy;
  policy.cipher_suites = {suite};
  policy.groups = {tls::NamedGroup::x25519};
  policy.key_share_groups = {tls::NamedGroup::x25519};

  auto store = std::make_shared<x509::TrustStore>();
  auto root = x509::parse_certificate(p.root_der);
  if (!root.ok()) die("root does not parse: " + root.error().to_string());
  store->add(std::move(root).value());
  auto client = std::make_shared<tls::ClientConfig>();
  client->policy = policy;
  client->trust_store = std::move(store);

  auto credential = tls::Credential::from_der({p.leaf_der}, p.leaf_key_pkcs8);
  if (!credential.ok()) die("Credential::from_der: " + credential.error());
  auto server = std::make_shared<tls::ServerConfig>();
  server->policy = policy;
  server->credentials.push_back(std::make_shared<tls::Credential>(std::move(credential).value()));
  return {std::move(client), std::move(server)};
}

/// A client and a server that have completed the handshake, their events drained.
struct GlasstlsPair {
  Connection client;
  Connection server;
};

void drain_events(Connection& c) {
  for (int i = 0; i < 64 && c.next_event(); ++i) {
  }
}

/// Creates both sides and pumps bytes until both report the handshake complete.
std::optional<GlasstlsPair> glasstls_handshake(const GlasstlsConfigs& cfg, std::string* why) {
  auto client = Connection::client(cfg.client, kHost);
  auto server = Connection::server(cfg.server);
  if (!client.ok() || !server.ok()) {
    *why = "Connection::client/server: " +
           (client.ok() ? server.error() : client.error()).to_string();
    return std::nullopt;
  }
  if (auto r = client->start(); !r.ok()) {
    *why = "start: " + r.error().to_string();
    return std::nullopt;
  }
  for (int round = 0; round < kMaxRounds; ++round) {
    if (client->has_output()) {
      if (auto r = server->receive(client->take_output()); !r.ok()) {
        *why = "server: " + r.error().to_string();
        return std::nullopt;
      }
    }
    if (server->has_output()) {
      if (auto r = client->receive(server->take_output()); !r.ok()) {
        *why = "client: " + r.error().to_string();
        return std::nullopt;
      }
    }
    if (client->handshake_complete() && server->handshake_complete() && !client->has_output() &&
        !server->has_output()) {
      drain_events(*client);
      drain_events(*server);
      return GlasstlsPair{std::move(client).value(), std::move(server).value()};
    }
  }
  *why = "the handshake did not complete in " + std::to_string(kMaxRounds) + " rounds";
  return std::nullopt;
}

/// Checks once, outside the timed loop, that the handshake negotiated what the name says.
bool glasstls_check(const GlasstlsPair& pair, CipherSuite suite, tls::SignatureScheme scheme,
                    std::string* why) {
  const auto& s = pair.client.summary();
  if (s.suite != suite || s.group != tls::NamedGroup::x25519 || s.scheme != scheme ||
      !s.verification || !s.verification->ok()) {
    *why = "unexpected negotiation (suite, group, scheme or chain verdict)";
    return false;
  }
  return true;
}

tls::SignatureScheme scheme_of(LeafKind kind) {
  return kind == LeafKind::ecdsa_p256 ? tls::SignatureScheme::ecdsa_secp256r1_sha256
                                      : tls::SignatureScheme::rsa_pss_rsae_sha256;
}

void bm_glasstls_handshake(benchmark::State& state, LeafKind kind) {
  const GlasstlsConfigs cfg = glasstls_configs(kind, CipherSuite::tls_aes_128_gcm_sha256);
  std::string why;
  {
    auto first = glasstls_handshake(cfg, &why);
    if (!first || !glasstls_check(*first, CipherSuite::tls_aes_128_gcm_sha256, scheme_of(kind),
                                  &why)) {
      state.SkipWithError(why.c_str());
      return;
    }
  }
  for (auto _ : state) {
    auto pair = glasstls_handshake(cfg, &why);
    if (!pair) {
      state.SkipWithError(why.c_str());
      break;
    }
    benchmark::DoNotOptimize(pair->client.handshake_complete());
  }
}

void bm_glasstls_bulk(benchmark::State& state) {
  const GlasstlsConfigs cfg =
      glasstls_configs(LeafKind::ecdsa_p256, CipherSuite::tls_aes_256_gcm_sha384);
  std::string why;
  auto pair = glasstls_handshake(cfg, &why);
  if (!pair || !glasstls_check(*pair, CipherSuite::tls_aes_256_gcm_sha384,
                               scheme_of(LeafKind::ecdsa_p256), &why)) {
    state.SkipWithError(why.c_str());
    return;
  }
  const Bytes data = input(kBulkSize);
  for (auto _ : state) {
    if (!pair->client.send(data).ok()) {
      state.SkipWithError("send failed");
      break;
    }
    const Bytes wire = pair->client.take_output();
    if (wire.size() != kBulkRecordSize || !pair->server.receive(wire).ok()) {
      state.SkipWithError("not one 16 KiB record, or receive failed");
      break;
    }
    auto event = pair->server.next_event();
    if (!event || event->kind != tls::Event::Kind::application_data ||
        event->data.size() != kBulkSize) {
      state.SkipWithError("the server did not read one 16 KiB record");
      break;
    }
    benchmark::DoNotOptimize(event->data.data());
  }
  set_bytes(state, kBulkSize);
}

#if GLASSTLS_BENCH_COUNT_HEAP
void bm_glasstls_memory(benchmark::State& state) {
  const GlasstlsConfigs cfg =
      glasstls_configs(LeafKind::ecdsa_p256, CipherSuite::tls_aes_128_gcm_sha256);
  std::string why;
  if (!glasstls_handshake(cfg, &why)) {  // warm-up
    state.SkipWithError(why.c_str());
    return;
  }
  std::int64_t total = 0;
  for (auto _ : state) {
    heap::Window window;
    auto pair = glasstls_handshake(cfg, &why);
    const std::int64_t bytes = window.close();
    if (!pair) {
      state.SkipWithError(why.c_str());
      break;
    }
    if (bytes <= 0) {  // two connections hold keys and buffers: nothing counted means no hooks
      state.SkipWithError("the heap count saw nothing: the allocation hooks are not in place");
      break;
    }
    total += bytes;
  }
  const auto n = static_cast<double>(state.iterations());
  if (n > 0) {
    state.counters["pair_heap_bytes"] = benchmark::Counter(static_cast<double>(total) / n);
    state.counters["heap_bytes"] = benchmark::Counter(static_cast<double>(total) / n / 2);
  }
}
#endif

// ---- OpenSSL -----------------------------------------------------------------------------------

#if GLASSTLS_HAVE_OPENSSL_SSL
struct SslCtxDeleter {
  void operator()(SSL_CTX* c) const { SSL_CTX_free(c); }
};
struct SslDeleter {
  void operator()(SSL* s) const { SSL_free(s); }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, SslCtxDeleter>;
using SslPtr = std::unique_ptr<SSL, SslDeleter>;

struct OpensslCtxs {
  SslCtxPtr client;
  SslCtxPtr server;
};

std::string openssl_errors() {
  std::string out;
  for (unsigned long e = ERR_get_error(); e != 0; e = ERR_get_error()) {
    std::array<char, 256> buf{};
    ERR_error_string_n(e, buf.data(), buf.size());
    out += std::string(buf.data()) + "; ";
  }
  return out;
}

/// TLS 1.3 only, one suite, X25519 only, no session cache (glasstls has none).
SSL_CTX* new_ctx(const char* suite) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_method());
  if (ctx == nullptr || SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) != 1 ||
      SSL_CTX_set_ciphersuites(ctx, suite) != 1 || SSL_CTX_set1_groups_list(ctx, "X25519") != 1)
    die("SSL_CTX setup: " + openssl_errors());
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  return ctx;
}

OpensslCtxs openssl_ctxs(LeafKind kind, const char* suite) {
  const Pki& p = pki(kind);
  OpensslCtxs ctxs{SslCtxPtr(new_ctx(suite)), SslCtxPtr(new_ctx(suite))};

  // Server: the same leaf and key, no tickets.
  SSL_CTX* s = ctxs.server.get();
  const unsigned char* kp = p.leaf_key_pkcs8.data();
  EVP_PKEY* key = d2i_AutoPrivateKey(nullptr, &kp, static_cast<long>(p.leaf_key_pkcs8.size()));
  if (key == nullptr ||
      SSL_CTX_use_certificate_ASN1(s, static_cast<int>(p.leaf_der.size()), p.leaf_der.data()) !=
          1 ||
      SSL_CTX_use_PrivateKey(s, key) != 1 || SSL_CTX_check_private_key(s) != 1 ||
      SSL_CTX_set_num_tickets(s, 0) != 1)
    die("server SSL_CTX: " + openssl_errors());
  EVP_PKEY_free(key);

  // Client: verifies the chain against the root (the name is set per SSL).
  SSL_CTX* c = ctxs.client.get();
  const unsigned char* rp = p.root_der.data();
  X509* root = d2i_X509(nullptr, &rp, static_cast<long>(p.root_der.size()));
  if (root == nullptr || X509_STORE_add_cert(SSL_CTX_get_cert_store(c), root) != 1)
    die("client SSL_CTX: " + openssl_errors());
  X509_free(root);
  SSL_CTX_set_verify(c, SSL_VERIFY_PEER, nullptr);
  return ctxs;
}

/// Two SSLs, each reading from one memory BIO and writing to another; we move the bytes.
struct OpensslPair {
  SslPtr client;
  SslPtr server;
};

SslPtr new_ssl(SSL_CTX* ctx) {
  SSL* ssl = SSL_new(ctx);
  BIO* in = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(BIO_s_mem());
  if (ssl == nullptr || in == nullptr || out == nullptr) die("SSL_new: " + openssl_errors());
  SSL_set_bio(ssl, in, out);  // the SSL owns both
  return SslPtr(ssl);
}

/// Moves what `from` wrote to what `to` reads. False on a BIO failure.
bool move_bytes(SSL* from, SSL* to) {
  std::array<unsigned char, 4096> buf;
  BIO* src = SSL_get_wbio(from);
  BIO* dst = SSL_get_rbio(to);
  // Bounded: a flight or a record is far below 64 × 4 KiB.
  for (int i = 0; i < 64 && BIO_ctrl_pending(src) > 0; ++i) {
    const int n = BIO_read(src, buf.data(), static_cast<int>(buf.size()));
    if (n <= 0 || BIO_write(dst, buf.data(), n) != n) return false;
  }
  return BIO_ctrl_pending(src) == 0;
}

/// SSL_do_handshake's result is 1 (done) or a wait for more bytes; anything else is a failure.
bool handshake_step(SSL* ssl, bool* done) {
  const int r = SSL_do_handshake(ssl);
  if (r == 1) {
    *done = true;
    return true;
  }
  const int e = SSL_get_error(ssl, r);
  return e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE;
}

std::optional<OpensslPair> openssl_handshake(const OpensslCtxs& ctxs, std::string* why) {
  OpensslPair pair{new_ssl(ctxs.client.get()), new_ssl(ctxs.server.get())};
  SSL* c = pair.client.get();
  SSL* s = pair.server.get();
  SSL_set_connect_state(c);
  SSL_set_accept_state(s);
  if (SSL_set_tlsext_host_name(c, kHost) != 1 || SSL_set1_host(c, kHost) != 1) {
    *why = "SSL_set1_host: " + openssl_errors();
    return std::nullopt;
  }
  bool client_done = false;
  bool server_done = false;
  for (int round = 0; round < kMaxRounds; ++round) {
    if (!handshake_step(c, &client_done) || !move_bytes(c, s) ||
        !handshake_step(s, &server_done) || !move_bytes(s, c)) {
      *why = "handshake failed: " + openssl_errors();
      return std::nullopt;
    }
    if (client_done && server_done) return pair;
  }
  *why = "the handshake did not complete in " + std::to_string(kMaxRounds) + " rounds";
  return std::nullopt;
}

bool openssl_check(const OpensslPair& pair, const char* suite, std::string* why) {
  SSL* c = pair.client.get();
  const SSL_CIPHER* cipher = SSL_get_current_cipher(c);
  if (cipher == nullptr || std::string(SSL_CIPHER_get_name(cipher)) != suite ||
      SSL_get_negotiated_group(c) != NID_X25519 || SSL_get_verify_result(c) != X509_V_OK ||
      SSL_version(c) != TLS1_3_VERSION) {
    *why = "unexpected negotiation (suite, group, version or chain verdict)";
    return false;
  }
  return true;
}

void bm_openssl_handshake(benchmark::State& state, LeafKind kind) {
  const char* suite = "TLS_AES_128_GCM_SHA256";
  const OpensslCtxs ctxs = openssl_ctxs(kind, suite);
  std::string why;
  {
    auto first = openssl_handshake(ctxs, &why);
    if (!first || !openssl_check(*first, suite, &why)) {
      state.SkipWithError(why.c_str());
      return;
    }
  }
  for (auto _ : state) {
    auto pair = openssl_handshake(ctxs, &why);
    if (!pair) {
      state.SkipWithError(why.c_str());
      break;
    }
    benchmark::DoNotOptimize(pair->client.get());
  }
}

void bm_openssl_bulk(benchmark::State& state) {
  const char* suite = "TLS_AES_256_GCM_SHA384";
  const OpensslCtxs ctxs = openssl_ctxs(LeafKind::ecdsa_p256, suite);
  std::string why;
  auto pair = openssl_handshake(ctxs, &why);
  if (!pair || !openssl_check(*pair, suite, &why)) {
    state.SkipWithError(why.c_str());
    return;
  }
  SSL* c = pair->client.get();
  SSL* s = pair->server.get();
  const Bytes data = input(kBulkSize);
  Bytes received(kBulkSize);
  for (auto _ : state) {
    if (SSL_write(c, data.data(), static_cast<int>(kBulkSize)) != static_cast<int>(kBulkSize) ||
        BIO_ctrl_pending(SSL_get_wbio(c)) != kBulkRecordSize || !move_bytes(c, s) ||
        SSL_read(s, received.data(), static_cast<int>(kBulkSize)) != static_cast<int>(kBulkSize)) {
      state.SkipWithError(("not one 16 KiB record, or SSL_write/SSL_read failed: " +
                           openssl_errors())
                              .c_str());
      break;
    }
    benchmark::DoNotOptimize(received.data());
  }
  set_bytes(state, kBulkSize);
}

#if GLASSTLS_BENCH_COUNT_HEAP
/// Swaps the SSL's memory BIOs for fresh empty ones: the transport is not the connection's.
void detach_transport(SSL* ssl) {
  BIO* in = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(BIO_s_mem());
  if (in == nullptr || out == nullptr) die("BIO_new: " + openssl_errors());
  SSL_set_bio(ssl, in, out);  // frees the old pair
}

void bm_openssl_memory(benchmark::State& state) {
  if (!heap::g_openssl_counted) {
    state.SkipWithError("CRYPTO_set_mem_functions came too late: OpenSSL had allocated already");
    return;
  }
  const char* suite = "TLS_AES_128_GCM_SHA256";
  const OpensslCtxs ctxs = openssl_ctxs(LeafKind::ecdsa_p256, suite);
  std::string why;
  if (!openssl_handshake(ctxs, &why)) {  // warm-up: OpenSSL's lazily built caches
    state.SkipWithError(why.c_str());
    return;
  }
  std::int64_t total = 0;
  for (auto _ : state) {
    heap::Window window;
    auto pair = openssl_handshake(ctxs, &why);
    if (pair) {
      detach_transport(pair->client.get());
      detach_transport(pair->server.get());
    }
    const std::int64_t bytes = window.close();
    if (!pair) {
      state.SkipWithError(why.c_str());
      break;
    }
    if (bytes <= 0) {  // two connections hold keys and buffers: nothing counted means no hooks
      state.SkipWithError("the heap count saw nothing: the allocation hooks are not in place");
      break;
    }
    total += bytes;
  }
  const auto n = static_cast<double>(state.iterations());
  if (n > 0) {
    state.counters["pair_heap_bytes"] = benchmark::Counter(static_cast<double>(total) / n);
    state.counters["heap_bytes"] = benchmark::Counter(static_cast<double>(total) / n / 2);
  }
}
#endif
#endif  // GLASSTLS_HAVE_OPENSSL_SSL

}  // namespace

void register_tls_handshake_benchmarks() {
  benchmark::RegisterBenchmark("glasstls/tls13/handshake/x25519_ecdsa_p256", bm_glasstls_handshake,
                               LeafKind::ecdsa_p256);
  benchmark::RegisterBenchmark("glasstls/tls13/handshake/x25519_rsa2048", bm_glasstls_handshake,
                               LeafKind::rsa2048);
  benchmark::RegisterBenchmark("glasstls/tls13/bulk/aes_256_gcm_16k", bm_glasstls_bulk);
#if GLASSTLS_BENCH_COUNT_HEAP
  benchmark::RegisterBenchmark("glasstls/tls13/memory/connection", bm_glasstls_memory);
#endif
#if GLASSTLS_HAVE_OPENSSL_SSL
  benchmark::RegisterBenchmark("openssl/tls13/handshake/x25519_ecdsa_p256", bm_openssl_handshake,
                               LeafKind::ecdsa_p256);
  benchmark::RegisterBenchmark("openssl/tls13/handshake/x25519_rsa2048", bm_openssl_handshake,
                               LeafKind::rsa2048);
  benchmark::RegisterBenchmark("openssl/tls13/bulk/aes_256_gcm_16k", bm_openssl_bulk);
#if GLASSTLS_BENCH_COUNT_HEAP
  benchmark::RegisterBenchmark("openssl/tls13/memory/connection", bm_openssl_memory);
#endif
#endif
}

}  // namespace glasstls::bench
