#pragma once
/// \file
/// The registry of routing policies: names, one-line descriptions, and `with_policy`, which
/// calls a generic function with the policy type a name selects (so each policy gets its own
/// compiled event loop). Adding a policy: its own models/policy_<name>.hpp and one line in
/// kPolicies plus one in with_policy below.

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "models/policy_longest_idle_agent.hpp"
#include "models/policy_skill_preference.hpp"
#include "models/policy_static_priority.hpp"
#include "models/policy_weighted_wait.hpp"

namespace callsim::models {

/// A routing policy's name and its one-line description.
struct RoutingPolicyInfo {
  std::string_view name;
  std::string_view description;
};

/// Every routing policy the call-center model knows, sorted by name.
std::span<const RoutingPolicyInfo> routing_policies();

/// Calls `f(Policy{})` with the policy named `name`; std::invalid_argument for an unknown
/// name (the loader has already refused it with file and line).
template <class F>
decltype(auto) with_policy(std::string_view name, F&& f) {
  if (name == "longest_idle_agent") return f(LongestIdleAgent{});
  if (name == "skill_preference") return f(SkillPreference{});
  if (name == "static_priority") return f(StaticPriority{});
  if (name == "weighted_wait") return f(WeightedWait{});
  throw std::invalid_argument("unknown routing policy '" + std::string(name) + "'");
}

}  // namespace callsim::models
