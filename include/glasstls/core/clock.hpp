// Clock: where glasstls reads time. Certificates ask for wall time (validity), tickets for wall
// time (age), the timeline for monotonic time, and the cost breakdown for thread CPU time.
// Tests use FixedClock so certificate checks and replays do not depend on today's date.
#pragma once

#include <chrono>
#include <cstdint>

namespace glasstls {

using WallTime = std::chrono::sys_seconds;       // seconds since 1970-01-01T00:00:00Z (UTC)
using Nanoseconds = std::chrono::nanoseconds;

class Clock {
 public:
  virtual ~Clock() = default;
  /// UTC wall-clock time, whole seconds.
  virtual WallTime wall_time() const = 0;
  /// A steady clock for measuring intervals (CLOCK_MONOTONIC).
  virtual Nanoseconds monotonic() const = 0;
  /// CPU time consumed by the calling thread (CLOCK_THREAD_CPUTIME_ID).
  virtual Nanoseconds thread_cpu_time() const = 0;
};

/// The real clocks of this machine.
class SystemClock final : public Clock {
 public:
  WallTime wall_time() const override;
  Nanoseconds monotonic() const override;
  Nanoseconds thread_cpu_time() const override;
};

/// The shared real clock.
const Clock& system_clock();

/// A clock that says what it is told. monotonic() and thread_cpu_time() advance only through
/// advance(), so timings printed in tests are reproducible.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(WallTime now) noexcept : base_(now) {}
  /// Convenience: FixedClock from a calendar date and time (UTC).
  static FixedClock at(int year, unsigned month, unsigned day, unsigned hour = 0,
                       unsigned minute = 0, unsigned second = 0);

  WallTime wall_time() const override {
    return base_ + std::chrono::floor<std::chrono::seconds>(elapsed_ - elapsed_at_base_);
  }
  Nanoseconds monotonic() const override { return elapsed_; }
  Nanoseconds thread_cpu_time() const override { return elapsed_; }

  void set(WallTime now) noexcept {
    base_ = now;
    elapsed_at_base_ = elapsed_;
  }
  /// Moves every clock forward by d (wall time by whole seconds as they accumulate).
  void advance(Nanoseconds d) noexcept { elapsed_ += d; }

 private:
  WallTime base_;
  Nanoseconds elapsed_{0};
  Nanoseconds elapsed_at_base_{0};
};

}  // namespace glasstls
