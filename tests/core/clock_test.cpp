#include <gtest/gtest.h>

#include "glasstls/core/clock.hpp"

namespace glasstls {
namespace {

TEST(Clock, FixedClockFromCalendar) {
  // 2019-01-01T00:00:00Z is 1546300800 seconds after the epoch.
  auto c = FixedClock::at(2019, 1, 1);
  EXPECT_EQ(c.wall_time().time_since_epoch().count(), 1546300800);
  c.advance(std::chrono::milliseconds(1500));
  EXPECT_EQ(c.wall_time().time_since_epoch().count(), 1546300801);
  c.advance(std::chrono::milliseconds(600));  // 2.1 s in total
  EXPECT_EQ(c.wall_time().time_since_epoch().count(), 1546300802);
  EXPECT_EQ(c.monotonic(), std::chrono::milliseconds(2100));
  c.set(WallTime(std::chrono::seconds(100)));
  EXPECT_EQ(c.wall_time().time_since_epoch().count(), 100);
}

TEST(Clock, SystemClockMovesForward) {
  const auto& c = system_clock();
  const auto a = c.monotonic();
  const auto b = c.monotonic();
  EXPECT_LE(a, b);
  // Any date after this code was written.
  EXPECT_GT(c.wall_time().time_since_epoch().count(), 1700000000);
  EXPECT_GE(c.thread_cpu_time().count(), 0);
}

}  // namespace
}  // namespace glasstls
