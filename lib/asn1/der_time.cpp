// UTCTime and GeneralizedTime in the one form DER and RFC 5280 allow: seconds present, "Z" at
// the end, no fractions, no offsets (X.690 §11.7, §11.8; RFC 5280 §4.1.2.5.1, §4.1.2.5.2).
#include <chrono>
#include <cstdio>

#include "asn1/der_rules.hpp"

namespace glasstls::asn1::detail {

namespace {

using namespace std::chrono;

// Reads n decimal digits at c[i]; nothing if any is not a digit.
std::optional<int> digits(ByteView c, std::size_t i, std::size_t n) {
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint8_t d = c[i + k];
    if (d < '0' || d > '9') return std::nullopt;
    v = v * 10 + (d - '0');
  }
  return v;
}

}  // namespace

std::optional<Problem> decode_time(Tag type, ByteView c, WallTime& out) {
  const bool utc = type.number == 23;
  const char* name = utc ? "UTCTime" : "GeneralizedTime";
  const std::size_t want = utc ? 13 : 15;
  const std::string form = utc ? "YYMMDDHHMMSSZ" : "YYYYMMDDHHMMSSZ";
  const std::string cite =
      utc ? "(X.690 §11.8, RFC 5280 §4.1.2.5.1)" : "(X.690 §11.7, RFC 5280 §4.1.2.5.2)";

  for (std::size_t i = 0; i < c.size(); ++i) {
    if (c[i] == '.' || c[i] == ',')
      return Problem{i, std::string(name) + " must not have fractional seconds " + cite};
    if (c[i] == '+' || c[i] == '-')
      return Problem{i, std::string(name) + " must not have a time zone offset; use Z " + cite};
  }
  if (c.size() != want || c[want - 1] != 'Z')
    return Problem{whole_element, std::string(name) + " must be exactly " + form + " " + cite};

  const std::size_t y_len = utc ? 2 : 4;
  const auto year_digits = digits(c, 0, y_len);
  const auto mon = digits(c, y_len, 2);
  const auto d = digits(c, y_len + 2, 2);
  const auto h = digits(c, y_len + 4, 2);
  const auto mi = digits(c, y_len + 6, 2);
  const auto s = digits(c, y_len + 8, 2);
  if (!year_digits || !mon || !d || !h || !mi || !s)
    return Problem{whole_element,
                   std::string(name) + " must be exactly " + form + " (digits) " + cite};

  // RFC 5280 §4.1.2.5.1: YY >= 50 is 19YY, YY < 50 is 20YY.
  int y = *year_digits;
  if (utc) y += (y >= 50) ? 1900 : 2000;

  const year_month_day date{year{y}, month{static_cast<unsigned>(*mon)},
                            day{static_cast<unsigned>(*d)}};
  if (*mon < 1 || *mon > 12)
    return Problem{whole_element, std::string(name) + " has month outside 01..12"};
  if (!date.ok())
    return Problem{whole_element, std::string(name) + " has a day that is not in its month"};
  if (*h > 23) return Problem{whole_element, std::string(name) + " has hour outside 00..23"};
  if (*mi > 59) return Problem{whole_element, std::string(name) + " has minute outside 00..59"};
  if (*s > 59) return Problem{whole_element, std::string(name) + " has second outside 00..59"};
  out = sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s};
  return std::nullopt;
}

std::optional<std::string> encode_time(Tag type, WallTime t) {
  const bool utc = type.number == 23;
  const sys_days day_point = floor<days>(t);
  const year_month_day date{day_point};
  const hh_mm_ss<seconds> tod{t - day_point};
  const int y = static_cast<int>(date.year());
  if (utc ? (y < 1950 || y > 2049) : (y < 0 || y > 9999)) return std::nullopt;
  char buf[20];
  const int yy = utc ? y % 100 : y;
  std::snprintf(buf, sizeof buf, utc ? "%02d%02u%02u%02d%02d%02dZ" : "%04d%02u%02u%02d%02d%02dZ",
                yy, static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                static_cast<int>(tod.seconds().count()));
  return std::string(buf);
}

}  // namespace glasstls::asn1::detail
