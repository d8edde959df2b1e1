#pragma once
/// \file
/// Expected handle times from the spec's distributions, for policies that predict waits.

#include <cstdint>
#include <vector>

#include "models/center_spec.hpp"

namespace callsim::models {

/// Mean talk + after-call work (s) of a call of type k answered by group g (which must
/// have the skill): the type's mean demand times the group's multiplier, plus the group's
/// or else the type's mean wrap-up.
inline double mean_handle_time(const CenterSpec& spec, std::size_t g, std::size_t k) {
  const AgentGroupSpec& group = spec.agent_groups[g];
  const CallTypeSpec& type = spec.call_types[k];
  const std::size_t skill = skill_position(group, type.name);
  const double multiplier = skill < group.service_multipliers.size() ? group.service_multipliers[skill] : 1.0;
  const double wrap = group.wrap_up ? group.wrap_up->mean() : type.wrap_up ? type.wrap_up->mean() : 0.0;
  return type.service.mean() * multiplier + wrap;
}

/// The mean of mean_handle_time over the (group, type) pairs with the skill for which
/// `take(group, type)` is true (each pair weighted alike); 0 when there is none.
template <class Take>
double mean_handle_time_over(const CenterSpec& spec, Take&& take) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t g = 0; g < spec.agent_groups.size(); ++g) {
    const AgentGroupSpec& group = spec.agent_groups[g];
    for (std::size_t k = 0; k < spec.call_types.size(); ++k) {
      if (!take(g, k) || skill_position(group, spec.call_types[k].name) == group.skills.size()) continue;
      sum += mean_handle_time(spec, g, k);
      ++n;
    }
  }
  return n ? sum / static_cast<double>(n) : 0.0;
}

/// Per group: the mean handle time over its skills.
inline std::vector<double> group_handle_times(const CenterSpec& spec) {
  std::vector<double> out;
  for (std::size_t g = 0; g < spec.agent_groups.size(); ++g)
    out.push_back(mean_handle_time_over(spec, [g](std::size_t group, std::size_t) { return group == g; }));
  return out;
}

/// Per call type: the mean handle time over the groups that serve it.
inline std::vector<double> type_handle_times(const CenterSpec& spec) {
  std::vector<double> out;
  for (std::size_t k = 0; k < spec.call_types.size(); ++k)
    out.push_back(mean_handle_time_over(spec, [k](std::size_t, std::size_t type) { return type == k; }));
  return out;
}

}  // namespace callsim::models
