#pragma once
/// \file
/// A staffing plan: whole agents on duty per reporting interval and agent group, and how it
/// lies on the simulation clock. The same rows are simulated by the search and written as the
/// scenario's staffing CSV, so a plan plugged back in with `staffing: plan.csv` runs exactly
/// what the search simulated.

#include <cstddef>
#include <vector>

#include "models/center_spec.hpp"

namespace callsim::plan {

/// Agents on duty per (interval, group) of the counted period, row-major [I x G].
struct StaffingPlan {
  std::size_t intervals = 0;
  std::size_t groups = 0;
  std::vector<int> agents;  ///< (interval i, group g) at i * groups + g

  StaffingPlan() = default;
  StaffingPlan(std::size_t intervals_, std::size_t groups_)
      : intervals(intervals_), groups(groups_), agents(intervals_ * groups_, 0) {}

  [[nodiscard]] int& at(std::size_t i, std::size_t g) { return agents[i * groups + g]; }
  [[nodiscard]] int at(std::size_t i, std::size_t g) const { return agents[i * groups + g]; }
  /// Agents of every group in interval i.
  [[nodiscard]] int interval_total(std::size_t i) const;
  /// Agent-hours on duty over the counted period, for intervals of `interval_seconds`.
  [[nodiscard]] double agent_hours(double interval_seconds) const;
};

/// One row of the plan on the clock: from `clock` (seconds after midnight of day 1) for one
/// interval, `agents[g]` of each group on duty.
struct PlanRow {
  double clock = 0;
  std::vector<int> agents;
};

/// The plan's rows, uniform intervals of the scenario's reporting interval: first the
/// warm-up, staffed as interval 0 (as many whole intervals before the counted period as fit
/// at or after midnight of day 1 and reach into the warm-up), then one row per counted
/// interval, then one drain row staffed as the last interval, so the calls of the last
/// interval are served as they were in it (after the drain row a plan gives 0 agents). The
/// drain row is left out when it would start at or after the end of day 7, where the
/// staffing CSV's clock ends.
std::vector<PlanRow> plan_rows(const models::TimeSpec& time, const StaffingPlan& plan);

/// Sets every group's staffing to the plan's rows (the steps the scenario loader makes of the
/// CSV that report/staffing_plan_csv writes from the same rows).
void apply_plan(models::CenterSpec& spec, const StaffingPlan& plan);

}  // namespace callsim::plan
