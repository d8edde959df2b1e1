#pragma once
/// \file
/// Reads `agent_groups`: each group's skills (plain names, or `{type, level, multiplier}`),
/// after-call work, absenteeism and staffing: a constant `count`, a `staffing` plan CSV or
/// `shifts` (exactly one of the three), less an optional `shrinkage` (shifts only), times an optional `staffing_scale`.
/// See docs/scenario.md.

#include <string>
#include <vector>

#include "models/center_spec.hpp"
#include "scenarios/load_context.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// The list at `entry`; skills must name types in `type_names`.
std::vector<models::AgentGroupSpec> read_agent_groups(const Reporter& reporter, const Entry& entry,
                                                      const std::vector<std::string>& type_names, LoadContext& context);

}  // namespace callsim::scenarios::detail
