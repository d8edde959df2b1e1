#pragma once
/// \file
/// A roster as the staffing steps the model runs on, so it can be simulated
/// (spec.agent_groups[g].staffing = steps[g]).

#include <cstddef>
#include <vector>

#include "models/center_spec.hpp"
#include "plan/roster_mip.hpp"

namespace callsim::plan {

/// Per agent group (`groups` of them), the steps of agents on shift less those on break,
/// on the simulation clock (time 0 = `clock_start`, clock seconds). As the scenario loader
/// resolves `shifts:`: changes at or before time 0 are summed into the step at 0, equal
/// neighbours merged, no leading step of 0 agents, a last step to 0 when the last shift
/// ends. A group without rostered shifts gets no steps.
std::vector<std::vector<models::StaffingStep>> roster_steps(const RosterProblem& problem,
                                                            const std::vector<RosteredShift>& shifts,
                                                            std::size_t groups, double clock_start);

/// The fewest rostered agents that leave at least `on_duty` on duty once a shrinkage of
/// `shrinkage` (in [0, 1)) is taken off as the scenario loader takes it: rostered x
/// (1 - shrinkage), rounded to the nearest whole number, halves away from zero. Rounding is
/// monotone, so a roster with at least this many at every moment keeps `on_duty`.
int rostered_for_on_duty(int on_duty, double shrinkage);

}  // namespace callsim::plan
