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

}  // namespace callsim::plan
