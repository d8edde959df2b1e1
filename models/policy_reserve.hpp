#pragma once
/// \file
/// reserve: agent reservation (as trunk reservation in telephone networks). A group keeps
/// `reserved` of its idle agents for high-priority call types (call type `priority` at
/// least `min_priority`): a low-priority call gets one of its agents only while more than
/// `reserved` are idle, so a high-priority call arriving in a burst still finds someone.
/// A freed agent serves by priority (higher first), the longest-waiting call within it,
/// taking low-priority calls only when at least `reserved` others stay idle.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/center_spec.hpp"
#include "models/routing.hpp"

namespace callsim::models {

class Reserve {
 public:
  static constexpr std::string_view kName = "reserve";
  static constexpr std::string_view kDescription =
      "each group keeps 'reserved' idle agents for high-priority call types (priority >= 'min_priority'); "
      "agents serve by priority";
  static constexpr std::array<PolicyParamInfo, 2> kParamArray{{
      {"reserved", PolicyParamUnit::kCount, PolicyParamScope::kGroup, 1,
       "idle agents of the group that low-priority calls may not take"},
      {"min_priority", PolicyParamUnit::kCount, PolicyParamScope::kCenter, 1,
       "call types with at least this priority are high-priority"},
  }};
  static constexpr std::span<const PolicyParamInfo> kParams{kParamArray};

  explicit Reserve(const CenterSpec& spec) {
    for (double r : param_values(spec, kParamArray[0])) reserved_.push_back(static_cast<std::size_t>(r));
    const double min_priority = param_values(spec, kParamArray[1])[0];
    for (const auto& type : spec.call_types) high_.push_back(type.priority >= min_priority);
  }

  [[nodiscard]] bool high_priority(std::uint32_t type) const { return high_[type]; }
  [[nodiscard]] std::size_t reserved(std::uint32_t group) const { return reserved_[group]; }

  CALLSIM_HOT_INLINE std::uint32_t agent_for(const RoutingView& view, std::uint32_t type, double /*waited*/) const {
    if (high_priority(type)) return longest_idle_agent_by(view, type, [](std::uint32_t) { return 0; });
    std::uint32_t best = kNoAgent;
    for (std::uint32_t g : view.servers_of(type)) {
      if (view.idle_agents(g) <= reserved(g)) continue;  // taking one would break into the reserve
      const std::uint32_t a = view.longest_idle_in(g);
      if (best == kNoAgent || view.idle_since(a) < view.idle_since(best)) best = a;
    }
    return best;
  }

  CALLSIM_HOT_INLINE std::uint32_t type_for(const RoutingView& view, std::uint32_t agent) const {
    const std::uint32_t g = view.group_of(agent);
    // The freed agent is not idle yet: it may take a low-priority call when the reserve
    // is already kept by the others.
    const bool low_allowed = view.idle_agents(g) >= reserved(g);
    return longest_waiting_type_by(
        view, agent, [&](std::uint32_t k) { return -view.spec().call_types[k].priority; },
        [&](std::uint32_t k) { return low_allowed || high_priority(k); });
  }

 private:
  std::vector<std::size_t> reserved_;  // per group
  std::vector<bool> high_;             // per call type
};

}  // namespace callsim::models
