#pragma once
/// \file
/// longest_idle_agent (the default): an arriving call goes to the agent idle longest among
/// the groups with its skill; a freed agent takes the longest-waiting call it can serve
/// (priority credit counts as waiting time).

#include <cstdint>
#include <span>
#include <string_view>

#include "models/center_spec.hpp"
#include "models/routing.hpp"

namespace callsim::models {

struct LongestIdleAgent {
  static constexpr std::string_view kName = "longest_idle_agent";
  static constexpr std::string_view kDescription =
      "an arriving call goes to the agent idle longest; a freed agent takes the longest-waiting call it can serve";
  static constexpr std::span<const PolicyParamInfo> kParams{};

  explicit LongestIdleAgent(const CenterSpec&) {}

  CALLSIM_HOT_INLINE std::uint32_t agent_for(const RoutingView& view, std::uint32_t type, double /*waited*/) const {
    return longest_idle_agent_by(view, type, [](std::uint32_t) { return 0; });
  }
  CALLSIM_HOT_INLINE std::uint32_t type_for(const RoutingView& view, std::uint32_t agent) const {
    return longest_waiting_type_by(view, agent, [](std::uint32_t) { return 0; });
  }
};

}  // namespace callsim::models
