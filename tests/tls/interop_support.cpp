// The interop tests' certificates and peer processes (see interop_support.hpp).
#include "interop_support.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>
#include <thread>
#include <utility>

#include "glasstls/asn1/oid_table.hpp"
#include "glasstls/core/ct.hpp"
#include "glasstls/crypto/curve25519_key_io.hpp"
#include "glasstls/crypto/ec.hpp"
#include "glasstls/crypto/ec_key_io.hpp"
#include "glasstls/crypto/ed25519.hpp"
#include "glasstls/crypto/random.hpp"
#include "glasstls/crypto/rsa.hpp"
#include "glasstls/crypto/rsa_key_io.hpp"
#include "glasstls/x509/builder.hpp"
#include "glasstls/x509/extensions.hpp"
#include "glasstls/x509/signing_key.hpp"

extern char** environ;

namespace glasstls::tls::interop {
namespace {

using std::chrono::floor;
using std::chrono::hours;
using std::chrono::seconds;

[[noreturn]] void fixture_failure(const std::string& what) {
  std::fprintf(stderr, "interop fixture: %s\n", what.c_str());
  std::abort();
}

void write_file(const std::filesystem::path& file, std::string_view text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) fixture_failure("cannot write " + file.string());
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A key as the builder signs with it, and as a PEM file a peer loads.
struct KeyPair {
  x509::SigningKey signing;
  std::string pem;
};

KeyPair make_rsa_key(std::uint64_t seed) {
  crypto::DeterministicRandom rng(seed);
  auto key = crypto::RsaPrivateKey::generate(2048, rng);
  if (!key.ok()) fixture_failure("RSA-2048 key generation failed");
  auto parts = key->to_parts();
  std::string pem = crypto::write_rsa_private_key_pem(parts);
  return KeyPair{x509::SigningKey::rsa_pkcs1(std::move(key).value()), std::move(pem)};
}

KeyPair make_p256_key(std::uint64_t seed) {
  crypto::DeterministicRandom rng(seed);
  auto key = crypto::EcPrivateKey::generate(crypto::EcCurve::p256, rng);
  return KeyPair{x509::SigningKey::ecdsa(key), crypto::write_ec_private_key_pem(key)};
}

KeyPair make_ed25519_key(std::uint64_t seed) {
  crypto::DeterministicRandom rng(seed);
  crypto::Ed25519KeyPair pair = crypto::ed25519_generate(rng);
  auto file_key = crypto::curve25519_private_key(crypto::Curve25519KeyType::ed25519, pair.seed);
  return KeyPair{x509::SigningKey::ed25519(pair.seed),
                 crypto::write_curve25519_private_key_pem(file_key)};
}

x509::Certificate sign(const x509::CertificateBuilder& builder, const x509::SigningKey& key) {
  auto cert = builder.sign(key);
  if (!cert.ok()) fixture_failure("the certificate builder failed: " + cert.error().to_string());
  return std::move(cert).value();
}

// RFC 5280 §4.2.1.9 / §4.2.1.3: a CA certificate is cA=TRUE (critical) with keyCertSign.
x509::Certificate make_root(const std::string& cn, const KeyPair& key, WallTime from,
                            WallTime until) {
  x509::CertificateBuilder b;
  b.subject(x509::make_name(cn))
      .self_signed()
      .validity(from, until)
      .public_key(key.signing.public_key())
      .basic_constraints(true)
      .key_usage(x509::KeyUsage::key_cert_sign | x509::KeyUsage::crl_sign);
  return sign(b, key.signing);
}

x509::Certificate make_intermediate(const std::string& cn, const KeyPair& key,
                                    const x509::Certificate& issuer, const KeyPair& issuer_key,
                                    WallTime from, WallTime until) {
  x509::CertificateBuilder b;
  b.subject(x509::make_name(cn))
      .issuer(issuer)
      .validity(from, until)
      .public_key(key.signing.public_key())
      .basic_constraints(true, 0)
      .key_usage(x509::KeyUsage::key_cert_sign | x509::KeyUsage::crl_sign);
  return sign(b, issuer_key.signing);
}

// A TLS server leaf for localhost, 127.0.0.1 and ::1 (RFC 5280 §4.2.1.6, §4.2.1.12).
x509::Certificate make_leaf(const KeyPair& key, const x509::Certificate& issuer,
                            const KeyPair& issuer_key, WallTime from, WallTime until) {
  x509::CertificateBuilder b;
  b.subject(x509::make_name("localhost"))
      .issuer(issuer)
      .validity(from, until)
      .public_key(key.signing.public_key())
      .key_usage(x509::KeyUsage::digital_signature)
      .ext_key_usage({asn1::oids::id_kp_serverAuth})
      .add_dns_name("localhost")
      .add_ip_address(*x509::ip_address_bytes("127.0.0.1"))
      .add_ip_address(*x509::ip_address_bytes("::1"));
  return sign(b, issuer_key.signing);
}

void write_chain(ChainFiles& out, const std::filesystem::path& base, std::string name,
                 const x509::Certificate& root, const x509::Certificate& inter,
                 const x509::Certificate& leaf, const KeyPair& leaf_key) {
  out.name = std::move(name);
  out.dir = base / out.name;
  std::filesystem::create_directories(out.dir);
  out.root_pem = out.dir / "root.pem";
  out.inter_pem = out.dir / "inter.pem";
  out.leaf_pem = out.dir / "leaf.pem";
  out.chain_pem = out.dir / "chain.pem";
  out.key_pem = out.dir / "key.pem";
  out.root_pem_text = x509::certificate_pem(root.der);
  const std::string inter_text = x509::certificate_pem(inter.der);
  const std::string leaf_text = x509::certificate_pem(leaf.der);
  out.chain_pem_text = leaf_text + inter_text;
  out.chain_der = {leaf.der, inter.der};
  out.key_pem_text = leaf_key.pem;
  write_file(out.root_pem, out.root_pem_text);
  write_file(out.inter_pem, inter_text);
  write_file(out.leaf_pem, leaf_text);
  write_file(out.chain_pem, out.chain_pem_text);
  write_file(out.key_pem, out.key_pem_text);
  std::filesystem::permissions(
      out.key_pem, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

// Owns the PKI; removes its directory at exit (unless GLASSTLS_KEEP_INTEROP_DIR is set, for
// looking at the peers' logs after a failure).
struct PkiHolder {
  std::unique_ptr<Pki> pki;
  ~PkiHolder() {
    if (pki && std::getenv("GLASSTLS_KEEP_INTEROP_DIR") == nullptr) {
      std::error_code ec;
      std::filesystem::remove_all(pki->dir, ec);
    }
  }
};

std::unique_ptr<Pki> mint_pki() {
  auto p = std::make_unique<Pki>();
  std::string templ = (std::filesystem::temp_directory_path() / "glasstls-interop-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) fixture_failure("mkdtemp failed");
  p->dir = templ;

  const WallTime now = floor<seconds>(std::chrono::system_clock::now());
  const WallTime from = now - hours(24);
  const WallTime until = std::chrono::sys_days(std::chrono::year(2049) / 12 / 31);

  // RSA-2048 throughout.
  KeyPair rsa_root_key = make_rsa_key(1001), rsa_inter_key = make_rsa_key(1002),
          rsa_leaf_key = make_rsa_key(1003);
  auto rsa_root = make_root("glasstls interop RSA Root", rsa_root_key, from, until);
  auto rsa_inter = make_intermediate("glasstls interop RSA Intermediate", rsa_inter_key, rsa_root,
                                     rsa_root_key, from, until);
  auto rsa_leaf = make_leaf(rsa_leaf_key, rsa_inter, rsa_inter_key, from, until);
  write_chain(p->rsa, p->dir, "rsa", rsa_root, rsa_inter, rsa_leaf, rsa_leaf_key);

  // ECDSA P-256 throughout; its root and intermediate also issue the Ed25519 and expired leaves.
  KeyPair ec_root_key = make_p256_key(2001), ec_inter_key = make_p256_key(2002),
          ec_leaf_key = make_p256_key(2003);
  auto ec_root = make_root("glasstls interop ECDSA Root", ec_root_key, from, until);
  auto ec_inter = make_intermediate("glasstls interop ECDSA Intermediate", ec_inter_key, ec_root,
                                    ec_root_key, from, until);
  auto ec_leaf = make_leaf(ec_leaf_key, ec_inter, ec_inter_key, from, until);
  write_chain(p->ecdsa, p->dir, "ecdsa", ec_root, ec_inter, ec_leaf, ec_leaf_key);

  KeyPair ed_leaf_key = make_ed25519_key(3001);
  auto ed_leaf = make_leaf(ed_leaf_key, ec_inter, ec_inter_key, from, until);
  write_chain(p->ed25519, p->dir, "ed25519", ec_root, ec_inter, ed_leaf, ed_leaf_key);

  // RFC 5280 §4.1.2.5: expired yesterday (valid for the 30 days before).
  KeyPair expired_key = make_p256_key(4001);
  auto expired_leaf =
      make_leaf(expired_key, ec_inter, ec_inter_key, now - hours(24 * 31), now - hours(24));
  write_chain(p->expired, p->dir, "expired", ec_root, ec_inter, expired_leaf, expired_key);

  // A whole chain under a root nobody trusts.
  KeyPair rogue_root_key = make_p256_key(5001), rogue_inter_key = make_p256_key(5002),
          rogue_leaf_key = make_p256_key(5003);
  auto rogue_root = make_root("glasstls interop Untrusted Root", rogue_root_key, from, until);
  auto rogue_inter = make_intermediate("glasstls interop Untrusted Intermediate", rogue_inter_key,
                                       rogue_root, rogue_root_key, from, until);
  auto rogue_leaf = make_leaf(rogue_leaf_key, rogue_inter, rogue_inter_key, from, until);
  write_chain(p->untrusted, p->dir, "untrusted", rogue_root, rogue_inter, rogue_leaf,
              rogue_leaf_key);

  p->roots_pem = p->dir / "roots.pem";
  p->roots_pem_text = p->rsa.root_pem_text + p->ecdsa.root_pem_text;
  write_file(p->roots_pem, p->roots_pem_text);
  return p;
}

std::atomic<unsigned> g_scratch_counter{0};

std::string shell_quote_for_display(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& a : argv) {
    if (!line.empty()) line += ' ';
    line += a.find(' ') == std::string::npos ? a : "'" + a + "'";
  }
  return line;
}

}  // namespace

ChainFiles::~ChainFiles() {
  ct::secure_wipe(key_pem_text.data(), key_pem_text.size());
}

const Pki& pki() {
  static PkiHolder holder{mint_pki()};
  return *holder.pki;
}

bool have_program(std::string_view program) {
  if (program.find('/') != std::string_view::npos) {
    return ::access(std::string(program).c_str(), X_OK) == 0;
  }
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const std::string candidate = dir + "/" + std::string(program);
    if (::access(candidate.c_str(), X_OK) == 0) return true;
  }
  return false;
}

std::unique_ptr<PeerProcess> PeerProcess::start(
    const std::vector<std::string>& argv, const std::filesystem::path& log,
    std::chrono::seconds timeout, const std::optional<std::filesystem::path>& stdin_file) {
  std::vector<std::string> full = {"timeout", "-k", "2", std::to_string(timeout.count())};
  full.insert(full.end(), argv.begin(), argv.end());
  std::vector<char*> cargv;
  for (auto& a : full) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string in = stdin_file ? stdin_file->string() : std::string("/dev/null");
  const std::string out = log.string();
  posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  // The peer must not inherit our sockets: a listener or connection kept open in a child would
  // hold a port or hide our close from the other side.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);

  auto process = std::unique_ptr<PeerProcess>(new PeerProcess());
  process->log_ = log;
  process->command_line_ = shell_quote_for_display(full);
  pid_t pid = -1;
  const int rc = ::posix_spawnp(&pid, "timeout", &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return nullptr;
  process->pid_ = pid;
  return process;
}

PeerProcess::~PeerProcess() {
  stop();
}

std::optional<int> PeerProcess::wait(Milliseconds max) {
  if (exit_code_) return exit_code_;
  const auto deadline = std::chrono::steady_clock::now() + max;
  // Bounded: one poll every 10 ms until the deadline.
  while (true) {
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status)
                                     : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
      return exit_code_;
    }
    if (r < 0) {  // not our child any more (cannot happen unless reaped elsewhere)
      exit_code_ = -1;
      return exit_code_;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(Milliseconds(10));
  }
}

void PeerProcess::stop() {
  if (pid_ <= 0 || exit_code_) return;
  ::kill(pid_, SIGTERM);
  if (wait(Milliseconds(3000))) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  exit_code_ = 128 + SIGKILL;
}

std::string PeerProcess::log() const {
  return read_file(log_);
}

bool PeerProcess::wait_for_log(std::string_view needle, Milliseconds max) {
  const auto deadline = std::chrono::steady_clock::now() + max;
  while (std::chrono::steady_clock::now() < deadline) {
    if (log().find(needle) != std::string::npos) return true;
    if (wait(Milliseconds(0))) return log().find(needle) != std::string::npos;
    std::this_thread::sleep_for(Milliseconds(20));
  }
  return false;
}

RunResult run(const std::vector<std::string>& argv, std::chrono::seconds timeout,
              const std::optional<std::string>& stdin_text) {
  const auto log = scratch_file("run");
  std::optional<std::filesystem::path> in;
  if (stdin_text) {
    in = scratch_file("stdin");
    write_file(*in, *stdin_text);
  }
  auto process = PeerProcess::start(argv, log, timeout, in);
  RunResult result;
  if (!process) {
    result.output = "could not start " + argv.front();
    return result;
  }
  const auto code =
      process->wait(std::chrono::duration_cast<Milliseconds>(timeout) + Milliseconds(4000));
  if (!code) process->stop();
  result.exit_code = code ? *code : -1;
  result.output = process->log();
  return result;
}

std::uint16_t pick_free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

std::filesystem::path scratch_file(std::string_view stem) {
  const unsigned n = g_scratch_counter.fetch_add(1);
  return pki().dir / (std::string(stem) + "-" + std::to_string(n) + ".log");
}

std::size_t count(std::string_view text, std::string_view needle) {
  if (needle.empty()) return 0;
  std::size_t n = 0;
  for (std::size_t pos = text.find(needle); pos != std::string_view::npos;
       pos = text.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

}  // namespace glasstls::tls::interop
