#pragma once
/// \file
/// The registry of routing policies. Adding a policy: its own models/policy_<name>.hpp (a
/// struct with kName, kDescription, kParams, a constructor from the CenterSpec, agent_for
/// and type_for; see models/routing.hpp) and one line in RoutingPolicies below.
/// `with_policy` calls a generic function with the policy type a name selects, so each
/// policy gets its own compiled event loop.

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include "models/policy_callback_offer.hpp"
#include "models/policy_expected_delay.hpp"
#include "models/policy_longest_idle_agent.hpp"
#include "models/policy_overflow_delay.hpp"
#include "models/policy_random_agent.hpp"
#include "models/policy_reserve.hpp"
#include "models/policy_skill_preference.hpp"
#include "models/policy_static_priority.hpp"
#include "models/policy_weighted_groups.hpp"
#include "models/policy_weighted_wait.hpp"

namespace callsim::models {

template <class... Policies>
struct PolicyList {};

/// Every routing policy, one per line.
using RoutingPolicies = PolicyList<  //
    CallbackOffer,                   //
    ExpectedDelay,                   //
    LongestIdleAgent,                //
    OverflowDelay,                   //
    RandomAgent,                     //
    Reserve,                         //
    SkillPreference,                 //
    StaticPriority,                  //
    WeightedGroups,                  //
    WeightedWait>;

/// A routing policy's name, one-line description, parameters (under `routing`) and the
/// keys it reads on call types (optional `kCallTypeKeys`).
struct RoutingPolicyInfo {
  std::string_view name;
  std::string_view description;
  std::span<const PolicyParamInfo> params;
  std::span<const CallTypeKeyInfo> call_type_keys;
};

/// Every routing policy the call-center model knows, sorted by name.
std::span<const RoutingPolicyInfo> routing_policies();

/// The policy named `name`, or nullptr.
const RoutingPolicyInfo* find_routing_policy(std::string_view name);

/// Every call type key some registered policy declares, by name (one entry per name).
std::span<const CallTypeKeyInfo> policy_call_type_keys();

namespace detail {
template <class F, class First, class... Rest>
decltype(auto) with_policy_in(std::string_view name, F& f, PolicyList<First, Rest...>) {
  if (name == First::kName) return f(std::type_identity<First>{});
  if constexpr (sizeof...(Rest) > 0) {
    return with_policy_in(name, f, PolicyList<Rest...>{});
  } else {
    throw std::invalid_argument("unknown routing policy '" + std::string(name) + "'");
  }
}
}  // namespace detail

/// Calls `f(std::type_identity<Policy>{})` with the policy named `name`;
/// std::invalid_argument for an unknown name (the loader has already refused it with file
/// and line).
template <class F>
decltype(auto) with_policy(std::string_view name, F&& f) {
  return detail::with_policy_in(name, f, RoutingPolicies{});
}

}  // namespace callsim::models
