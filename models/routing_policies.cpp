#include "models/routing_policies.hpp"

#include <array>

namespace callsim::models {

namespace {
// With one agent group and one call type (this slice), longest-idle-agent routing with FIFO
// queues is the only meaningful rule; multi-skill policies register here as they arrive.
constexpr std::array<RoutingPolicyInfo, 1> kPolicies{{
    {"longest_idle_agent",
     "an arriving call goes to the agent idle longest; a freed agent takes the longest-waiting call"},
}};
}  // namespace

std::span<const RoutingPolicyInfo> routing_policies() { return kPolicies; }

}  // namespace callsim::models
