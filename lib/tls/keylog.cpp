// KeyLogFile: an append-only file of SSLKEYLOGFILE lines, created 0600, never through a symlink.
#include "glasstls/tls/keylog.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "glasstls/core/ct.hpp"

namespace glasstls::tls {

Result<KeyLogFile, std::string> KeyLogFile::open(const std::filesystem::path& path) {
  // O_NOFOLLOW: a symbolic link planted where the log is expected (a shared /tmp) would send the
  // secrets elsewhere; open fails with ELOOP instead. O_CLOEXEC: child processes do not inherit
  // it. Mode 0600 applies when the file is created (an existing file keeps its mode).
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    if (err == ELOOP) return Err(path.string() + ": a symbolic link; refusing to follow it");
    return Err(path.string() + ": " + std::strerror(err));
  }
  return KeyLogFile(fd, path);
}

std::optional<Result<KeyLogFile, std::string>> KeyLogFile::from_environment() {
  const char* value = std::getenv("SSLKEYLOGFILE");
  if (value == nullptr || *value == '\0') return std::nullopt;
  return open(value);
}

KeyLogFile::KeyLogFile(KeyLogFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

KeyLogFile& KeyLogFile::operator=(KeyLogFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

KeyLogFile::~KeyLogFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<Unit, std::string> KeyLogFile::write(SecretKind kind, ByteView client_random,
                                            const Secret& secret) {
  std::optional<std::string> line = keylog_line(kind, client_random, secret);
  if (!line) {
    return Err(std::string(secret_info(kind).name) +
               ": not written (the key log format has no label for it, or the client random is "
               "not 32 bytes)");
  }
  line->push_back('\n');
  // One write() on an O_APPEND descriptor: the line lands whole at the end of the file, even
  // with other threads or processes appending too.
  const ssize_t n = ::write(fd_, line->data(), line->size());
  const int err = errno;
  const bool whole = n == static_cast<ssize_t>(line->size());
  ct::secure_wipe(line->data(), line->size());
  if (!whole) {
    return Err(path_.string() + ": " + (n < 0 ? std::strerror(err) : "short write"));
  }
  return Unit{};
}

}  // namespace glasstls::tls
