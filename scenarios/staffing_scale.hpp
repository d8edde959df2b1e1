#pragma once
/// \file
/// An agent group's `staffing_scale`: a what-if multiplier of its agents on duty
/// (`--set agent_groups.*.staffing_scale=1.1` for 10 % more agents), applied by the loader to
/// the count or to every staffing step (plan or shifts), so that models/ never sees it.

#include <optional>
#include <string>

#include "models/center_spec.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

/// `agents` x `scale` rounded to the nearest whole number, halves away from zero; a product
/// within 1e-9 (relative) of a half counts as that half, so that a scale written in decimals
/// rounds as written (10 x 1.15 = 11.5 gives 12, although 1.15 x 10 is 11.4999... in binary).
/// Larger than any int: nullopt.
std::optional<int> scaled_agents(int agents, double scale);

/// Reads `staffing_scale` (a plain number > 0, default 1) from `fields` and multiplies the
/// agents of `group` (already read: its count, or its staffing steps) by it. Fails when the
/// scale leaves the group nobody on duty, or more agents than an int holds. Returns the
/// scale (1 when not given).
double apply_staffing_scale(const Reporter& reporter, const Fields& fields, const std::string& label,
                            models::AgentGroupSpec& group);

}  // namespace callsim::scenarios::detail
