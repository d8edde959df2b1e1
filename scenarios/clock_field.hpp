#pragma once
/// \file
/// Clock times written in a scenario (shift starts and ends, breaks, opening hours): "HH:MM"
/// on day 1, the day on which the simulation starts at `time.start`, or "D HH:MM" for day D
/// = 1..7 (as in forecasts), so that a period past midnight is written "22:00" to "2 06:00";
/// ends may be "24:00". Values are seconds after midnight of day 1; simulation time is that
/// minus time.start.

#include <string>
#include <string_view>

#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// Whether a clock time ends a period ("24:00" is then valid).
enum class ClockRole { START, END };

/// The clock time at `entry`, seconds after midnight of day 1.
double read_clock(const Reporter& reporter, const Entry& entry, std::string_view path, ClockRole role);

/// For messages: "07:00", "24:00" (midnight ending day 1), "day 2 06:00" (later).
std::string clock_text(double clock_seconds);

/// A hint for a period whose end is not after its start: when the end read on the next day
/// would be after the start, " (a period past midnight ends on the next day: KEY: D HH:MM)",
/// else "".
std::string next_day_hint(double start, double end, std::string_view key);

}  // namespace callsim::scenarios::detail
