// Randomness: one interface, two sources.
//
//  * SystemRandom reads the kernel's CSPRNG with getrandom(2). It never fails quietly: if the
//    kernel cannot provide randomness the process aborts, because every key made afterwards would
//    be predictable.
//  * DeterministicRandom produces a repeatable stream from a seed (SHA-256 in counter mode), so
//    tests, replays and the annotated walkthrough print the same bytes on every run. Never use it
//    for real keys.
#pragma once

#include <array>
#include <cstdint>

#include "glasstls/core/bytes.hpp"

namespace glasstls::crypto {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  /// Fills `out` with random bytes.
  virtual void fill(MutableByteView out) = 0;
};

class SystemRandom final : public RandomSource {
 public:
  void fill(MutableByteView out) override;
};

/// The process-wide system source (stateless, so sharing it is safe).
RandomSource& system_random();

class DeterministicRandom final : public RandomSource {
 public:
  /// Any seed; the stream is SHA-256(seed_hash || counter_be64), 32 bytes per counter value.
  explicit DeterministicRandom(ByteView seed);
  explicit DeterministicRandom(std::uint64_t seed);
  ~DeterministicRandom() override;
  void fill(MutableByteView out) override;

 private:
  std::array<std::uint8_t, 32> seed_hash_{};
  std::uint64_t counter_ = 0;
  std::array<std::uint8_t, 32> block_{};
  std::size_t used_ = 32;  // bytes of block_ already handed out
};

}  // namespace glasstls::crypto
