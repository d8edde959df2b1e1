#pragma once
/// \file
/// weighted_groups: an arriving call goes to one of the groups with its skill that have a
/// free agent, drawn with probability proportional to the groups' `weights` (a per-group
/// parameter: `routing: {policy: weighted_groups, weights: {generalists: 2, specialists:
/// 1}}`), and within the group to the agent idle longest; a freed agent takes the
/// longest-waiting call it can serve. A group of weight 0 gets a call only when no group of
/// positive weight has a free agent (the longest idle agent among such groups then): no call
/// waits while an agent who could take it is idle. Weights are relative: a scenario whose
/// weights are all 0 is refused by the loader (PolicyParamUnit::kWeight).
///
/// The draw comes from the routing stream of the call's type (stream_kind::kRouting), never
/// from a caller's streams; a decision is two loops over the type's groups (none when a
/// single group of positive weight has a free agent, which needs no draw).

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/center_spec.hpp"
#include "models/routing.hpp"
#include "models/stream_kinds.hpp"
#include "sim/random_stream.hpp"

namespace callsim::models {

class WeightedGroups {
 public:
  static constexpr std::string_view kName = "weighted_groups";
  static constexpr std::string_view kDescription =
      "an arriving call goes to a group with a free agent drawn in proportion to the groups' 'weights', the longest "
      "idle agent of it; a freed agent takes the longest-waiting call it can serve";
  static constexpr std::array<PolicyParamInfo, 1> kParamArray{{
      {"weights", PolicyParamUnit::kWeight, PolicyParamScope::kGroup, 1,
       "relative share of the arriving calls the group gets among the groups with the skill and a free agent (0: "
       "only when no group of positive weight has one)"},
  }};
  static constexpr std::span<const PolicyParamInfo> kParams{kParamArray};

  WeightedGroups(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication)
      : weight_(param_values(spec, kParamArray[0])) {
    streams_.reserve(spec.call_types.size());
    for (std::uint32_t k = 0; k < spec.call_types.size(); ++k)
      streams_.emplace_back(seed, replication, sim::StreamKey{stream_kind::kRouting, k});
  }

  [[nodiscard]] double weight(std::uint32_t group) const { return weight_[group]; }

  CALLSIM_HOT_INLINE std::uint32_t agent_for(const RoutingView& view, std::uint32_t type, double /*waited*/) {
    double total = 0;
    std::uint32_t candidates = 0;
    std::uint32_t last = 0;             // the last group of positive weight with a free agent
    std::uint32_t fallback = kNoAgent;  // the longest idle agent of the groups of weight 0
    for (std::uint32_t g : view.servers_of(type)) {
      const std::uint32_t a = view.longest_idle_in(g);
      if (a == kNoAgent) continue;
      if (weight(g) > 0) {
        total += weight(g);
        ++candidates;
        last = g;
      } else if (fallback == kNoAgent || view.idle_since(a) < view.idle_since(fallback)) {
        fallback = a;
      }
    }
    if (candidates == 0) return fallback;
    if (candidates == 1) return view.longest_idle_in(last);
    double u = streams_[type].uniform01() * total;
    for (std::uint32_t g : view.servers_of(type)) {
      if (weight(g) <= 0 || view.idle_agents(g) == 0) continue;
      u -= weight(g);
      if (u < 0) return view.longest_idle_in(g);
    }
    return view.longest_idle_in(last);  // u * total rounded up to total
  }

  CALLSIM_HOT_INLINE std::uint32_t type_for(const RoutingView& view, std::uint32_t agent) const {
    return longest_waiting_type_by(view, agent, [](std::uint32_t) { return 0; });
  }

 private:
  std::vector<double> weight_;              // per group
  std::vector<sim::RandomStream> streams_;  // per call type, kind kRouting
};

}  // namespace callsim::models
