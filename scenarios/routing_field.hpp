#pragma once
/// \file
/// The `routing` entry of a scenario and the `--policy NAME[:param=value,...]` option of
/// `callsim compare`: a routing policy and its parameters (models/routing_params.hpp),
/// checked against what the policy declares and resolved to per-cell tables.
///
/// A parameter given per call type and/or agent group may be set for all cells at once
/// and then per cell, as a dotted key or a nested mapping:
///   routing: {policy: overflow_delay, delay: 30s, delay.business.generalists: 60s}
///   routing: {policy: overflow_delay, delay: {business: {generalists: 60s}}}
///   --policy overflow_delay:delay=30s,delay.business.generalists=60s
/// The more specific setting wins, whatever the order.

#include <string>
#include <string_view>
#include <vector>

#include "models/center_spec.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios {

/// Parses a `--policy` option for `spec` (whose call types and groups name the cells).
/// Throws ScenarioError "--policy 'TEXT': what is wrong; what is valid".
models::RoutingSpec parse_policy_option(std::string_view option, const models::CenterSpec& spec);

namespace detail {

/// "a.b.c" from {"a", "b", "c"}.
std::string join_dotted(const std::vector<std::string>& parts);

/// The `routing` mapping of a scenario; `spec` already has its call types and groups.
models::RoutingSpec read_routing(const Reporter& reporter, const Entry& entry, const models::CenterSpec& spec);

}  // namespace detail
}  // namespace callsim::scenarios
