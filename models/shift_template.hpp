#pragma once
/// \file
/// Shift templates for rostering: plain data, as read from a templates file
/// (scenarios/shift_templates_file.hpp) and solved by plan/roster_mip.hpp. All times are
/// seconds; clock times are seconds after midnight of day 1 of the scenario clock.

#include <cstddef>
#include <string>
#include <vector>

namespace callsim::models {

/// One break of a shift: taken by every agent of the shift once, starting at an offset
/// from the shift start in [earliest, latest] on a grid of `step`.
struct BreakTemplate {
  double length = 0;    ///< seconds, > 0
  double earliest = 0;  ///< seconds after the shift start
  double latest = 0;    ///< seconds after the shift start, >= earliest
  double step = 0;      ///< seconds between allowed offsets, > 0
  bool paid = false;    ///< paid breaks count as paid hours
};

/// A kind of shift agents of one group can be rostered on.
struct ShiftTemplate {
  std::string name;
  std::size_t group = 0;   ///< index into the scenario's agent groups
  std::string group_name;  ///< for messages and output
  double start_from = 0;   ///< earliest start, clock seconds (time of day on day 1)
  double start_to = 0;     ///< latest start, clock seconds, >= start_from
  double start_step = 0;   ///< seconds between allowed starts, > 0
  double length = 0;       ///< seconds from start to end, > 0
  std::vector<BreakTemplate> breaks;
  double cost_per_paid_hour = 0;  ///< >= 0
  int min_agents = 0;             ///< over all starts of the template
  int max_agents = -1;            ///< over all starts; -1: no maximum
  /// Days (1 = Monday .. 7 = Sunday) the template may be used on in a multi-day horizon;
  /// empty: every day. A one-day horizon ignores it.
  std::vector<int> days;

  /// Paid seconds of one shift: its length less its unpaid breaks.
  [[nodiscard]] double paid_seconds() const {
    double paid = length;
    for (const auto& b : breaks)
      if (!b.paid) paid -= b.length;
    return paid;
  }
};

}  // namespace callsim::models
