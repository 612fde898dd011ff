#include "glasstls/core/clock.hpp"

#include <time.h>

namespace glasstls {

namespace {
Nanoseconds read_clock(clockid_t id) {
  timespec ts{};
  clock_gettime(id, &ts);
  return std::chrono::seconds(ts.tv_sec) + Nanoseconds(ts.tv_nsec);
}
}  // namespace

WallTime SystemClock::wall_time() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}
Nanoseconds SystemClock::monotonic() const { return read_clock(CLOCK_MONOTONIC); }
Nanoseconds SystemClock::thread_cpu_time() const { return read_clock(CLOCK_THREAD_CPUTIME_ID); }

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

FixedClock FixedClock::at(int year, unsigned month, unsigned day, unsigned hour, unsigned minute,
                          unsigned second) {
  using namespace std::chrono;
  const sys_days date = year_month_day{std::chrono::year{year}, std::chrono::month{month},
                                       std::chrono::day{day}};
  return FixedClock(date + hours{hour} + minutes{minute} + seconds{second});
}

}  // namespace glasstls
