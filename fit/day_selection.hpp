#pragma once
/// \file
/// Which days of a log a fit uses: the `--days` filter (weekdays, weekday ranges, dates and
/// date ranges), then the drop of abnormally low days (holidays, holiday eves, recording
/// gaps), which would otherwise pull every interval's mean down.

#include <cstdint>
#include <string>
#include <vector>

#include "fit/call_log.hpp"

namespace callsim::fit {

struct DroppedDay {
  std::uint32_t day;   ///< index into CallLog::days
  std::size_t calls;   ///< its logged calls
  std::string reason;  ///< why it is not used
};

struct DaySelection {
  std::vector<std::uint32_t> kept;  ///< indices into CallLog::days, in date order
  std::vector<DroppedDay> dropped;  ///< days the filter matched that were dropped as low
  double median_calls = 0;          ///< median logged calls of the matched days
};

/// The days of `log` matching `spec` and not below `low_fraction` of the matched days'
/// median of logged calls. `spec`: "all", or a comma-separated list of weekdays ("mon"),
/// weekday ranges ("sun-thu", wrapping over the week end: "fri-sun"), dates ("1999-03-02")
/// and date ranges ("1999-01-01..1999-01-31"); a day is kept when it matches one weekday
/// item (if any is given) and one date item (if any is given). Throws std::invalid_argument
/// with the fix for a malformed spec, for weekdays on a log without dates, and when no day
/// is left.
DaySelection select_days(const CallLog& log, const std::string& spec, double low_fraction);

}  // namespace callsim::fit
