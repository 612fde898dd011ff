// Support for the interop tests: test certificates shown to real TLS peers, and a harness that runs
// those peers (openssl s_server / s_client, gnutls-serv / gnutls-cli, curl, python's ssl) as child
// processes on 127.0.0.1.
//
// The certificates (minted with x509::CertificateBuilder, written as PEM into a scratch directory
// that is removed when the test binary ends):
//
//     roots.pem      RSA root + ECDSA root: the trust anchors handed to every peer
//     rsa/           RSA-2048 root → RSA-2048 intermediate → RSA-2048 leaf
//     ecdsa/         ECDSA P-256 root → P-256 intermediate → P-256 leaf
//     ed25519/       the ECDSA root and intermediate → an Ed25519 leaf (RFC 8410)
//     expired/       the ECDSA root and intermediate → a P-256 leaf whose notAfter has passed
//     untrusted/     a root absent from roots.pem → a P-256 leaf
//
// Each directory holds root.pem, inter.pem, leaf.pem, chain.pem (leaf then intermediate, as sent
// in a TLS Certificate message, RFC 8446 §4.4.2) and key.pem (the leaf's private key, PKCS#8).
// Leaves carry subjectAltName DNS:localhost, IP:127.0.0.1 and IP:::1, keyUsage digitalSignature
// and extKeyUsage serverAuth (RFC 5280 §4.2.1.3, §4.2.1.6, §4.2.1.12). Peers check dates against
// the real clock, so validity runs from a day ago to 2049 (UTCTime, RFC 5280 §4.1.2.5).
//
// The harness: every peer runs under `timeout -k 2 SECONDS` (so nothing outlives a crashed test),
// its stdout and stderr go to a log file the test reads, and only the PID this harness started is
// ever signalled. Ports are picked at run time (bind port 0 and read it back).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "glasstls/core/bytes.hpp"

namespace glasstls::tls::interop {

using Milliseconds = std::chrono::milliseconds;

// ---- certificates ------------------------------------------------------------------------------

/// One chain as files for peers and as DER/PEM for glasstls.
struct ChainFiles {
  std::string name;  // "rsa", "ecdsa", ...
  std::filesystem::path dir;
  std::filesystem::path root_pem, inter_pem, leaf_pem, chain_pem, key_pem;
  std::vector<Bytes> chain_der;  // leaf, intermediate
  std::string chain_pem_text;    // leaf, intermediate
  std::string root_pem_text;
  std::string key_pem_text;  // secret-ish (a test key), wiped on destruction anyway
  ChainFiles() = default;
  ChainFiles(const ChainFiles&) = delete;
  ChainFiles& operator=(const ChainFiles&) = delete;
  ~ChainFiles();
};

struct Pki {
  std::filesystem::path dir;
  std::filesystem::path roots_pem;  // the trusted roots (RSA and ECDSA)
  std::string roots_pem_text;
  ChainFiles rsa, ecdsa, ed25519, expired, untrusted;
};

/// The test PKI, minted on first use (RSA key generation takes a moment) and removed from disk
/// when the test binary exits. Aborts the binary if the builder fails: a broken fixture is no
/// result.
const Pki& pki();

// ---- processes ---------------------------------------------------------------------------------

/// True if `program` is found on PATH (or is an executable path).
bool have_program(std::string_view program);

/// A child process started by this harness: `timeout -k 2 SECONDS argv...`, stdout and stderr
/// appended to `log`, stdin from `stdin_file` (or /dev/null).
class PeerProcess {
 public:
  [[nodiscard]] static std::unique_ptr<PeerProcess> start(
      const std::vector<std::string>& argv, const std::filesystem::path& log,
      std::chrono::seconds timeout, const std::optional<std::filesystem::path>& stdin_file = {});
  ~PeerProcess();
  PeerProcess(const PeerProcess&) = delete;
  PeerProcess& operator=(const PeerProcess&) = delete;

  /// Waits at most `max` for the process to exit; its exit code (124 when `timeout` killed it,
  /// 128+signal when it died of a signal), or nothing if it is still running.
  std::optional<int> wait(Milliseconds max);
  /// SIGTERM to our PID (timeout(1) passes it on to the peer), then SIGKILL if it lingers; reaps.
  void stop();
  bool running() const noexcept { return !exit_code_.has_value(); }
  /// The log so far.
  std::string log() const;
  /// Polls the log until it contains `needle`, at most `max`; false if it never did or the
  /// process exited first.
  bool wait_for_log(std::string_view needle, Milliseconds max);
  const std::string& command_line() const noexcept { return command_line_; }

 private:
  PeerProcess() = default;
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
  std::filesystem::path log_;
  std::string command_line_;
};

/// Runs a command to completion (bounded by `timeout`), returning its exit code and log.
struct RunResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};
RunResult run(const std::vector<std::string>& argv, std::chrono::seconds timeout,
              const std::optional<std::string>& stdin_text = {});

/// A free TCP port on 127.0.0.1 (bound to 0, read back, released). Another process may take it
/// before the peer binds: callers retry (bounded) when the peer fails to listen.
std::uint16_t pick_free_port();

/// A fresh file name in the PKI's scratch directory ("s_server-3.log").
std::filesystem::path scratch_file(std::string_view stem);

/// Counts the occurrences of `needle` in `text`.
std::size_t count(std::string_view text, std::string_view needle);

/// RFC 8446 §4.1.3: a HelloRetryRequest is a ServerHello whose random is SHA-256 of
/// "HelloRetryRequest": CF21AD74 E59A6111 BE1D8C02 1E65B891 C2A21116 7ABB8C5E 079E09E2 C8A8339C.
/// OpenSSL's -trace prints the first four bytes as gmt_unix_time and the rest as random_bytes.
inline constexpr std::string_view kHrrRandomTail =
    "E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C";

}  // namespace glasstls::tls::interop
