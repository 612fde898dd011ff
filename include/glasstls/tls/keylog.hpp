// Key logging in the NSS SSLKEYLOGFILE format (draft-ietf-tls-keylogfile), so Wireshark can
// decrypt a capture of a glasstls connection — the explainer's handshake, seen on the wire.
//
// It is an explicit opt-in: nothing is ever logged unless the application opens a KeyLogFile and
// hands it to its connections. Anyone holding the file can decrypt the traffic it covers, so the
// file is created readable by its owner only (mode 0600), and a symbolic link in its place is
// refused rather than followed. The examples open it from the SSLKEYLOGFILE environment variable,
// as curl does; the library never reads that variable by itself.
//
//     auto log = tls::KeyLogFile::open("/tmp/keys.log");
//     if (log) log->write(SecretKind::client_handshake_traffic, client_random, c_hs);
//     // CLIENT_HANDSHAKE_TRAFFIC_SECRET 5a0f...e7 b3ed...21
//
// A KeyLogFile may be shared by connections on several threads: each line is one append (O_APPEND
// and a single write()), so lines never interleave.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "glasstls/core/bytes.hpp"
#include "glasstls/core/result.hpp"
#include "glasstls/tls/key_schedule.hpp"

namespace glasstls::tls {

class KeyLogFile {
 public:
  /// Opens `path` for appending, creating it with mode 0600. Errors name the path and the
  /// system's reason ("/tmp/keys.log: a symbolic link; refusing to follow it").
  [[nodiscard]] static Result<KeyLogFile, std::string> open(const std::filesystem::path& path);
  /// open() on $SSLKEYLOGFILE; nothing when the variable is unset or empty. For programs (the
  /// examples), never called by the library itself.
  [[nodiscard]] static std::optional<Result<KeyLogFile, std::string>> from_environment();

  KeyLogFile(KeyLogFile&& other) noexcept;
  KeyLogFile& operator=(KeyLogFile&& other) noexcept;
  KeyLogFile(const KeyLogFile&) = delete;
  KeyLogFile& operator=(const KeyLogFile&) = delete;
  ~KeyLogFile();

  /// Appends "<LABEL> <client_random> <secret>\n" (keylog_line). Secrets the format has no label
  /// for (binder keys, the resumption master secret) are not written: an error says so, as it
  /// does for a failed write. The line buffer is wiped afterwards.
  Result<Unit, std::string> write(SecretKind kind, ByteView client_random, const Secret& secret);

  const std::filesystem::path& path() const noexcept { return path_; }

 private:
  KeyLogFile(int fd, std::filesystem::path path) noexcept : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::filesystem::path path_;
};

}  // namespace glasstls::tls
