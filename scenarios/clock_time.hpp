#pragma once
/// \file
/// Clock times as planners write them in scenarios and forecasts: "08:30" (time of day) and
/// "2 08:30" (day 2 of a week). Values are seconds after midnight of day 1.

#include <optional>
#include <string>
#include <string_view>

namespace callsim::scenarios {

/// Seconds after midnight in "HH:MM" or "H:MM" (hours 0..23, minutes 00..59, two digits);
/// spaces around are ignored. nullopt when malformed or out of range.
std::optional<double> parse_time_of_day(std::string_view text);

/// Seconds after midnight of day 1 in "D HH:MM" (day D = 1..7, then spaces or tabs, then a
/// time of day as above). nullopt when malformed or out of range.
std::optional<double> parse_week_time(std::string_view text);

/// Seconds after midnight of day 1 in a scenario clock time: "HH:MM" (day 1) or "D HH:MM"
/// (day D = 1..7), as above; with `end_of_day`, "24:00" and "D 24:00" are accepted too
/// (midnight at the end of that day), for the ends of periods. nullopt when malformed.
std::optional<double> parse_clock(std::string_view text, bool end_of_day);

/// For messages: "08:30", "24:00" or, with `show_day`, "day 2 08:30"; seconds are added
/// ("08:30:15") only when the time is not a whole minute. `seconds` >= 0.
std::string format_clock(double seconds, bool show_day);

/// `seconds` after midnight of day 1 as a forecast or staffing CSV writes `interval_start`:
/// "07:30", or with `with_day` "1 07:30" / "2 00:30" (whole minutes, rounded).
std::string csv_clock(double seconds, bool with_day);

/// For messages: "HH:MM (e.g. 08:00)".
inline constexpr std::string_view kTimeOfDayHelp = "HH:MM (e.g. 08:00)";

}  // namespace callsim::scenarios
