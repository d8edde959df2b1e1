#pragma once
/// \file
/// Quantities with units, as planners write them: durations ("20s", "5min", "1.5h", "2d")
/// and rates ("1000/h", "16.7/min", "0.3/s"). Everything inside callsim is in seconds.

#include <optional>
#include <string_view>

namespace callsim::scenarios {

/// Seconds in a duration such as "20s", "5min", "1.5h" or "1d" (number, optional spaces,
/// unit s|min|h|d). nullopt when malformed or unit-less. Negative values parse (the caller
/// decides whether they are allowed).
std::optional<double> parse_duration(std::string_view text);

/// Events per second in a rate such as "1000/h", "16.7/min", "0.5/s" or "24000/d".
/// nullopt when malformed or unit-less.
std::optional<double> parse_rate(std::string_view text);

/// For messages: "a number followed by a unit: s, min, h or d (e.g. 20s, 5min, 1.5h)".
inline constexpr std::string_view kDurationHelp = "a number followed by a unit: s, min, h or d (e.g. 20s, 5min, 1.5h)";
/// For messages: "calls per unit of time: /s, /min, /h or /d (e.g. 1000/h, 16.7/min)".
inline constexpr std::string_view kRateHelp = "calls per unit of time: /s, /min, /h or /d (e.g. 1000/h, 16.7/min)";

}  // namespace callsim::scenarios
