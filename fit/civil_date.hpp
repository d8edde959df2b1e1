#pragma once
/// \file
/// Calendar dates of call logs: the proleptic Gregorian calendar (H. Hinnant's
/// days-from-civil algorithm), enough to name a log's days and their weekdays without the
/// C library's time zones.

#include <optional>
#include <string>
#include <string_view>

namespace callsim::fit {

struct CivilDate {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31, valid for the month

  /// Days since 1970-01-01 (negative before).
  [[nodiscard]] long long days_since_epoch() const;
  /// 0 = Sunday .. 6 = Saturday.
  [[nodiscard]] int weekday() const;
  /// "YYYY-MM-DD".
  [[nodiscard]] std::string iso() const;
  /// The date `days` days later.
  [[nodiscard]] CivilDate plus_days(long long days) const;
};

/// The date written "YYYY-MM-DD"; nullopt when malformed or not a real date (2023-02-29).
std::optional<CivilDate> parse_iso_date(std::string_view text);

/// A real date from its parts; nullopt when it does not exist.
std::optional<CivilDate> make_date(int year, int month, int day);

}  // namespace callsim::fit
