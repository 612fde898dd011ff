// A scratch directory for tests that drive the `openssl` command line: created under the system
// temporary directory, removed (with everything in it) when the object goes. No network: the
// commands only read and write files in it.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "glasstls/core/bytes.hpp"

namespace glasstls::x509::openssl_cli {

/// True when an `openssl` program runs.
inline bool available() {
  return std::system("openssl version > /dev/null 2>&1") == 0;
}

struct Run {
  int status = -1;     // the exit status, or -1 if the command did not exit normally
  std::string output;  // stdout and stderr together
};

class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "glasstls_x509_XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  bool ok() const { return !path_.empty(); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

  void write(const std::string& name, std::string_view text) const {
    std::ofstream(file(name), std::ios::binary) << text;
  }
  void write(const std::string& name, ByteView bytes) const {
    std::ofstream out(file(name), std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  Bytes read(const std::string& name) const {
    std::ifstream in(file(name), std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }

  /// Runs `openssl <args>` inside the directory (file names are relative to it).
  Run openssl(const std::string& args) const {
    const std::string log = file("openssl.log");
    const std::string cmd =
        "cd '" + path_.string() + "' && openssl " + args + " > '" + log + "' 2>&1";
    Run r;
    const int raw = std::system(cmd.c_str());
    if (raw != -1 && WIFEXITED(raw)) r.status = WEXITSTATUS(raw);
    std::ifstream in(log);
    r.output.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return r;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace glasstls::x509::openssl_cli
