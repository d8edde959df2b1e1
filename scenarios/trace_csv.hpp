#pragma once
/// \file
/// Recorded arrival times as a CSV, one call per row, for trace replay:
///
///     time,call_type
///     07:00:12,retail
///     07:00:40,business
///
/// `time` is a clock time "HH:MM:SS", "HH:MM" or "D HH:MM:SS" (day D >= 1); the optional
/// `call_type` column lets one file feed every call type. Rows may come in any order (the
/// loader sorts the times). Read by hand like the forecasts: every problem is a
/// ScenarioError "FILE:LINE: what is wrong; what is valid". See docs/scenario.md.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace callsim::scenarios {

/// Seconds after midnight of day 1 in a trace time: "H:MM", "H:MM:SS" or "H:MM:SS.fff"
/// (hours 0..23 in one or two digits, minutes and seconds in two), optionally preceded by
/// a day "D " (D >= 1, day 1 = the day the simulation starts). Spaces around are ignored.
/// nullopt when malformed or out of range.
std::optional<double> parse_trace_time(std::string_view text);

/// One recorded call.
struct TraceCall {
  double clock;           ///< seconds after midnight of day 1
  std::string call_type;  ///< empty when the file has no call_type column
  int line;               ///< the file line, for messages
};

/// A trace file whose every row has been checked, in file order.
struct TraceCsv {
  std::string path;
  bool has_call_type = false;  ///< the header is time,call_type
  std::vector<TraceCall> calls;
};

/// Checks and reads `text`; messages name the file `path`. Throws ScenarioError.
TraceCsv parse_trace_csv(std::string_view text, const std::string& path);

}  // namespace callsim::scenarios
