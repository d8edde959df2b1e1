#pragma once
/// \file
/// Reads an agent group's `shifts`: a list of `{start, end, count, breaks}` on the clock of
/// time.start, resolved into the staffing steps the model runs on (agents on shift minus
/// agents on break, summed over the group's shifts).

#include <optional>
#include <string>
#include <vector>

#include "models/center_spec.hpp"
#include "scenarios/load_context.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// A group's shifts, read: the steps the model runs on, and the roster as written.
struct ShiftsRead {
  std::vector<models::StaffingStep> on_duty;   ///< agents on shift minus agents on break
  std::vector<models::StaffingStep> on_shift;  ///< agents on shift, on break or not (for reports)
  std::optional<double> cost;                  ///< sum of count x cost; none when no shift gives `cost`
};

/// The shifts at `entry`; `path` names it ("agent_groups[0].shifts"). Each shift's steps:
/// sorted, starting at the first change of the number on duty, equal neighbours merged,
/// ending with a step to 0 when the last shift ends. A shift that began before
/// time.start counts from time 0; one that ended by then is dropped (as forecast rows are).
/// Shifts may overlap (they add up); a shift must end after it starts and last at most
/// 24 h; a break must lie inside its shift, and breaks on at the same time must not take
/// more agents than the shift has. A shift's optional `cost` (money per agent on it, >= 0)
/// is for reports; given on one shift of the group, it must be given on all.
ShiftsRead read_shifts(const Reporter& reporter, const Entry& entry, const std::string& path,
                       const LoadContext& context);

/// A change of the number on duty at a clock time (seconds after midnight of day 1).
struct StaffingChange {
  double at;
  int delta;
};

/// The steps of `changes` on the simulation clock (time 0 = `clock_start`): changes at or
/// before time 0 are summed into the step at 0; equal neighbours are merged and a leading
/// step of 0 agents is left out (there are 0 agents before the first step anyway).
std::vector<models::StaffingStep> steps_from_changes(std::vector<StaffingChange> changes, double clock_start);

}  // namespace callsim::scenarios::detail
