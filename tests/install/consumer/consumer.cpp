// Prints SHA-256("abc") (FIPS 180-4 example; expected ba7816bf...15ad) using the installed library.
#include <cstdio>

#include <glasstls/core/bytes.hpp>
#include <glasstls/crypto/sha256.hpp>

int main() {
  const auto digest = glasstls::crypto::Sha256::hash(glasstls::as_bytes("abc"));
  std::printf("%s\n", glasstls::hex_encode(digest).c_str());
  return 0;
}
