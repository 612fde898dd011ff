// The two random sources declared in glasstls/crypto/random.hpp.
#include "glasstls/crypto/random.hpp"

#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "glasstls/core/ct.hpp"
#include "glasstls/core/endian.hpp"
#include "glasstls/crypto/sha256.hpp"

namespace glasstls::crypto {

void SystemRandom::fill(MutableByteView out) {
  // getrandom(2) returns at most 33554431 bytes per call and may return fewer than asked (or fail
  // with EINTR) when a signal arrives, so ask in modest chunks and loop until done.
  constexpr std::size_t kChunk = 256;
  std::size_t done = 0;
  while (done < out.size()) {
    const std::size_t want = std::min(kChunk, out.size() - done);
    const ssize_t got = getrandom(out.data() + done, want, 0);
    if (got < 0) {
      if (errno == EINTR) {
        continue;
      }
      std::fprintf(stderr,
                   "glasstls: getrandom failed (%s); refusing to continue without "
                   "randomness\n",
                   std::strerror(errno));
      std::abort();
    }
    done += static_cast<std::size_t>(got);
  }
}

RandomSource& system_random() {
  static SystemRandom source;
  return source;
}

DeterministicRandom::DeterministicRandom(ByteView seed) : seed_hash_(Sha256::hash(seed)) {}

DeterministicRandom::DeterministicRandom(std::uint64_t seed) {
  // The 8 big-endian bytes of the number are the seed.
  std::uint8_t bytes[8];
  store_be64(bytes, seed);
  seed_hash_ = Sha256::hash(ByteView(bytes, sizeof bytes));
}

DeterministicRandom::~DeterministicRandom() {
  ct::secure_wipe(seed_hash_.data(), seed_hash_.size());
  ct::secure_wipe(block_.data(), block_.size());
}

void DeterministicRandom::fill(MutableByteView out) {
  std::size_t done = 0;
  while (done < out.size()) {
    if (used_ == block_.size()) {
      // block i = SHA-256(seed_hash || be64(i)), i = 0, 1, 2, ...
      std::uint8_t counter[8];
      store_be64(counter, counter_++);
      Sha256 h;
      h.update(seed_hash_);
      h.update(ByteView(counter, sizeof counter));
      block_ = h.finish();
      used_ = 0;
    }
    const std::size_t take = std::min(block_.size() - used_, out.size() - done);
    std::copy_n(block_.begin() + static_cast<std::ptrdiff_t>(used_), take,
                out.begin() + static_cast<std::ptrdiff_t>(done));
    used_ += take;
    done += take;
  }
}

}  // namespace glasstls::crypto
