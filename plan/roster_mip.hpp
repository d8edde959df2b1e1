#pragma once
/// \file
/// Shift scheduling as a MIP solved with COIN-OR CBC: how many agents start on each shift
/// template at each allowed start, and where they take their breaks, so that at every slot
/// of a fine time grid the agents on duty (on shift, not on break) are at least the
/// requirement of the interval the slot lies in, at least cost.
///
/// Variables: x[t,s] >= 0 integer, agents on template t starting at s; y[t,s,b,p] >= 0
/// integer, agents of (t,s) taking break b at offset p, with sum_p y[t,s,b,p] = x[t,s].
/// Coverage per group and slot k: sum x[t,s] on shift at k - sum y[t,s,b,p] on break at k
/// >= requirement. Objective: sum cost_per_paid_hour * paid hours * x[t,s]. Per template
/// min <= sum_s x[t,s] <= max. The slot is the gcd of the interval, the start steps and
/// window offsets, the shift lengths and the break lengths, offsets and steps (whole
/// seconds). Breaks of one shift are placed independently: templates whose break windows
/// could overlap are the planner's to avoid (the templates file reader rejects them).

#include <cstddef>
#include <string>
#include <vector>

#include "models/shift_template.hpp"

namespace callsim::plan {

using models::BreakTemplate;
using models::ShiftTemplate;

/// The agents one group needs on duty, per interval.
struct GroupRequirement {
  std::size_t group = 0;  ///< index into the scenario's agent groups
  std::string name;
  std::vector<int> required;  ///< whole agents on duty, per interval, >= 0
};

/// A rostering problem.
struct RosterProblem {
  double start = 0;     ///< the first interval's start, clock seconds
  double interval = 0;  ///< interval length, seconds, > 0
  std::vector<GroupRequirement> groups;
  std::vector<ShiftTemplate> templates;
  double time_limit = 60;  ///< CBC's limit, seconds
};

/// Agents of one rostered shift start taking one break at one offset.
struct BreakPlacement {
  std::size_t break_index = 0;
  double offset = 0;  ///< seconds after the shift start
  int agents = 0;
};

/// Agents on one template starting at one time.
struct RosteredShift {
  std::size_t template_index = 0;
  double start = 0;  ///< clock seconds
  int agents = 0;
  std::vector<BreakPlacement> breaks;  ///< per break, placements with agents > 0
};

/// One interval of one group: required agents and the fewest rostered on duty at any of
/// its slots.
struct IntervalCover {
  std::size_t group = 0;
  std::size_t interval = 0;
  int required = 0;
  int rostered = 0;
};

/// A requirement > 0 at a time no template can have an agent on duty.
struct UncoverableInterval {
  std::size_t group = 0;
  std::string group_name;
  std::size_t interval = 0;
  double start = 0;  ///< clock seconds of the interval
  int required = 0;
};

struct RosterResult {
  std::vector<RosteredShift> shifts;  ///< agents > 0 only, by template then start
  double cost = 0;
  double lower_bound = 0;    ///< CBC's best possible objective (>= the LP relaxation)
  double lp_relaxation = 0;  ///< the LP relaxation's optimum
  double gap = 0;            ///< (cost - lower_bound) / cost, 0 when cost is 0
  bool optimal = false;
  bool found = false;  ///< false: CBC found no roster (infeasible min/max, or time out)
  double seconds = 0;  ///< wall time of the MIP solve
  double slot = 0;     ///< the coverage grid, seconds
  double paid_hours = 0;
  std::size_t variables = 0;
  std::size_t constraints = 0;
  std::vector<IntervalCover> intervals;  ///< group by group, interval by interval
};

/// The slot length of the coverage grid, seconds (see the file comment).
double roster_slot(const RosterProblem& problem);

/// The allowed starts of template `t`, clock seconds, within the horizon's days.
std::vector<double> template_starts(const RosterProblem& problem, const ShiftTemplate& t);

/// The intervals with a requirement no template can meet even partly (no agent can be on
/// duty at one of their slots); the roster command reports them before solving.
std::vector<UncoverableInterval> uncoverable_intervals(const RosterProblem& problem);

/// Builds and solves the MIP. Throws std::invalid_argument on a malformed problem
/// (non-positive interval or steps, a template of an unknown group).
RosterResult solve_roster(const RosterProblem& problem);

/// Per group of the problem and interval, required agents and the fewest of `shifts` on
/// duty at any slot of the interval (RosterResult::intervals for the MIP's roster).
std::vector<IntervalCover> interval_covers(const RosterProblem& problem, const std::vector<RosteredShift>& shifts);

/// Agents of `group` on duty at each slot of the horizon for `shifts` (slot `slot`).
std::vector<int> on_duty_per_slot(const RosterProblem& problem, const std::vector<RosteredShift>& shifts,
                                  std::size_t group, double slot);

}  // namespace callsim::plan
