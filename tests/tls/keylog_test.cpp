// KeyLogFile: SSLKEYLOGFILE lines (draft-ietf-tls-keylogfile §3) appended to a file created with
// mode 0600, never through a symbolic link, and only when asked.
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "glasstls/tls/keylog.hpp"
#include "support/test_support.hpp"

namespace glasstls::tls {
namespace {

namespace fs = std::filesystem;
using test::hex;

// RFC 8448 §3: the ClientHello's random and the client handshake traffic secret.
const Bytes kClientRandom = hex(
    "cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83 02 4d ec"
    " e7");
const Bytes kClientHandshakeTrafficSecret = hex(
    "b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f 3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a"
    " 21");

struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("glasstls-keylog-" + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string read(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(KeyLogFile, WritesTheNssLineForRfc8448sHandshakeSecret) {
  TempDir dir;
  const fs::path file = dir.path / "keys.log";
  const mode_t old_umask = ::umask(0);  // the mode must not depend on the caller's umask
  auto log = KeyLogFile::open(file);
  ::umask(old_umask);
  ASSERT_TRUE(log.ok()) << log.error();
  const Secret secret(crypto::HashAlg::sha256, kClientHandshakeTrafficSecret);
  ASSERT_TRUE(log->write(SecretKind::client_handshake_traffic, kClientRandom, secret).ok());
  EXPECT_EQ(read(file),
            "CLIENT_HANDSHAKE_TRAFFIC_SECRET "
            "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7 "
            "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21\n");
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(KeyLogFile, AppendsAndRefusesWhatItCannotLog) {
  TempDir dir;
  const fs::path file = dir.path / "keys.log";
  { std::ofstream(file) << "# earlier line\n"; }
  auto log = KeyLogFile::open(file);
  ASSERT_TRUE(log.ok()) << log.error();
  const Secret secret(crypto::HashAlg::sha256, kClientHandshakeTrafficSecret);
  ASSERT_TRUE(log->write(SecretKind::server_application_traffic_0, kClientRandom, secret).ok());
  const std::string text = read(file);
  EXPECT_EQ(text.rfind("# earlier line\nSERVER_TRAFFIC_SECRET_0 cb34", 0), 0u) << text;
  // Binder keys have no key-log label; a client random must be 32 bytes.
  auto binder = log->write(SecretKind::resumption_binder_key, kClientRandom, secret);
  ASSERT_FALSE(binder.ok());
  EXPECT_NE(binder.error().find("not written"), std::string::npos) << binder.error();
  EXPECT_FALSE(log->write(SecretKind::client_handshake_traffic, hex("0102"), secret).ok());
  EXPECT_EQ(read(file), text);  // nothing more was written
}

TEST(KeyLogFile, RefusesASymbolicLinkAndReportsErrors) {
  TempDir dir;
  const fs::path target = dir.path / "elsewhere";
  const fs::path link = dir.path / "keys.log";
  fs::create_symlink(target, link);
  auto log = KeyLogFile::open(link);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().find("a symbolic link; refusing to follow it"), std::string::npos)
      << log.error();
  EXPECT_FALSE(fs::exists(target));
  auto missing_dir = KeyLogFile::open(dir.path / "no" / "such" / "dir.log");
  ASSERT_FALSE(missing_dir.ok());
  EXPECT_NE(missing_dir.error().find("No such file or directory"), std::string::npos)
      << missing_dir.error();
}

TEST(KeyLogFile, FromTheEnvironmentOnlyWhenSet) {
  TempDir dir;
  ::unsetenv("SSLKEYLOGFILE");
  EXPECT_FALSE(KeyLogFile::from_environment().has_value());
  ::setenv("SSLKEYLOGFILE", "", 1);
  EXPECT_FALSE(KeyLogFile::from_environment().has_value());
  const fs::path file = dir.path / "env.log";
  ::setenv("SSLKEYLOGFILE", file.c_str(), 1);
  auto log = KeyLogFile::from_environment();
  ::unsetenv("SSLKEYLOGFILE");
  ASSERT_TRUE(log.has_value());
  ASSERT_TRUE(log->ok()) << log->error();
  EXPECT_EQ((*log)->path(), file);
  EXPECT_TRUE(fs::exists(file));
}

}  // namespace
}  // namespace glasstls::tls
