#pragma once
/// \file
/// A scenario rewritten with rostered shifts: the scenario's own YAML with some agent
/// groups given `shifts:` (docs/scenario.md, "Shifts and breaks") in place of their count,
/// staffing plan or shifts, so that `callsim run` runs a roster as is. Used by
/// `callsim roster --out`.

#include <optional>
#include <string>
#include <vector>

namespace callsim::scenarios {

/// One break wave of a shift: `count` of its agents off duty from `start` for `duration`.
struct ShiftBreakOut {
  double start = 0;     ///< clock seconds (after midnight of day 1)
  double duration = 0;  ///< seconds
  int count = 0;
};

/// `count` agents on duty from `start` to `end`, less those on break.
struct ShiftOut {
  double start = 0;  ///< clock seconds
  double end = 0;    ///< clock seconds, after start, at most 24 h later
  int count = 0;
  std::vector<ShiftBreakOut> breaks;
  std::optional<double> cost;  ///< money per agent on the shift, written as its `cost`; none: not written
};

/// The shifts of one agent group (by name) and its shrinkage (0: none written).
struct GroupShiftsOut {
  std::string group;
  std::vector<ShiftOut> shifts;
  double shrinkage = 0;
};

/// The YAML text of the scenario `scenario_text` (read from `scenario_path`) with each group
/// of `groups` given its shifts (and `shrinkage` when > 0) instead of `count`, `staffing`,
/// `shifts` and `shrinkage`, meant to be written at `out_path`: file names the scenario reads
/// relative to its own directory (forecasts, traces, staffing plans) are rewritten relative
/// to out_path's directory, so both read the same files. The scenario's name gets `suffix`
/// when it stays a valid name. `header` (lines without '#') is written first as comments;
/// comments and layout of the original are not kept, its values are. Throws ScenarioError
/// when the scenario cannot be parsed, names no such group, or a time is not a whole minute
/// of days 1 to 7 (clock times in scenarios are HH:MM).
std::string scenario_with_shifts(const std::string& scenario_text, const std::string& scenario_path,
                                 const std::string& out_path, const std::vector<GroupShiftsOut>& groups,
                                 const std::string& suffix, const std::string& header);

/// A clock time as scenarios write it: "07:30" on day 1, "3 07:30" on days 2 to 7; as an end
/// (`end_of_day`), midnight after day d is "24:00" (d = 1) or "d 24:00". Throws
/// ScenarioError when `seconds` is not a whole minute from 00:00 of day 1 to the end of day 7.
std::string scenario_clock(double seconds, bool end_of_day);

}  // namespace callsim::scenarios
