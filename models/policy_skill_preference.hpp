#pragma once
/// \file
/// skill_preference: calls go to the groups for which their type ranks highest (skill level
/// 1 before 2: specialists before generalists), the longest idle agent among those; a freed
/// agent takes its most preferred call types first, the longest-waiting call within them.

#include <cstdint>
#include <span>
#include <string_view>

#include "models/center_spec.hpp"
#include "models/routing.hpp"

namespace callsim::models {

struct SkillPreference {
  static constexpr std::string_view kName = "skill_preference";
  static constexpr std::string_view kDescription =
      "calls go first to the groups that rank their type highest (skill level 1 before 2); agents take their "
      "preferred types first";
  static constexpr std::span<const PolicyParamInfo> kParams{};

  explicit SkillPreference(const CenterSpec&) {}

  CALLSIM_HOT_INLINE std::uint32_t agent_for(const RoutingView& view, std::uint32_t type, double /*waited*/) const {
    return longest_idle_agent_by(view, type, [&](std::uint32_t g) { return view.skill_level(g, type); });
  }
  CALLSIM_HOT_INLINE std::uint32_t type_for(const RoutingView& view, std::uint32_t agent) const {
    const std::uint32_t g = view.group_of(agent);
    return longest_waiting_type_by(view, agent, [&](std::uint32_t k) { return view.skill_level(g, k); });
  }
};

}  // namespace callsim::models
