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

  template <class Center>
  std::uint32_t agent_for(const Center& center, std::uint32_t type, double /*waited*/) const {
    return longest_idle_agent_by(center, type, [&](std::uint32_t g) { return center.skill_level(g, type); });
  }
  template <class Center>
  std::uint32_t type_for(Center& center, std::uint32_t agent) const {
    const std::uint32_t g = center.group_of(agent);
    return longest_waiting_type_by(center, agent, [&](std::uint32_t k) { return center.skill_level(g, k); });
  }
};

}  // namespace callsim::models
