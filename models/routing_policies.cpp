#include "models/routing_policies.hpp"

#include <array>

namespace callsim::models {

namespace {
constexpr std::array<RoutingPolicyInfo, 4> kPolicies{{
    {"longest_idle_agent",
     "an arriving call goes to the agent idle longest; a freed agent takes the longest-waiting call it can serve"},
    {"skill_preference",
     "calls go first to the groups that rank their type highest (skill level 1 before 2); agents take their "
     "preferred types first"},
    {"static_priority",
     "agents take call types by their priority (higher first), first come first served within a priority"},
    {"weighted_wait",
     "a freed agent takes the call with the largest weight x waiting time (call type key 'weight')"},
}};
}  // namespace

std::span<const RoutingPolicyInfo> routing_policies() { return kPolicies; }

}  // namespace callsim::models
