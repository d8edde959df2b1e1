#pragma once
/// \file
/// Reads the top-level `costs` key into a CostSpec (see docs/scenario.md, "Costs and
/// contracts"). Internal to scenarios/.

#include <string>
#include <vector>

#include "models/cost_spec.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// The mapping at `entry`; `group_names` are the scenario's agent groups, in spec order,
/// which `agent_hour` must cover.
models::CostSpec read_costs(const Reporter& reporter, const Entry& entry, const std::vector<std::string>& group_names);

}  // namespace callsim::scenarios::detail
