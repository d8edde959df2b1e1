#pragma once
/// \file
/// weighted_wait: a freed agent takes the call that maximises weight(type) x waiting time
/// (priority credit counted as waiting), the generalised longest-wait rule; arriving calls
/// go to the longest idle agent. With equal weights it is longest_idle_agent.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/center_spec.hpp"
#include "models/routing.hpp"

namespace callsim::models {

struct WeightedWait {
  static constexpr std::string_view kName = "weighted_wait";
  static constexpr std::string_view kDescription =
      "a freed agent takes the call with the largest weight x waiting time (call type key 'weight')";
  static constexpr std::span<const PolicyParamInfo> kParams{};
  /// `call_types[].weight`: read per call type, not under `routing`.
  static constexpr std::array<CallTypeKeyInfo, 1> kCallTypeKeyArray{{
      {"weight", 1, 0, 1e-6, 1e6, "a freed agent takes the call with the largest weight x waiting time"},
  }};
  static constexpr std::span<const CallTypeKeyInfo> kCallTypeKeys{kCallTypeKeyArray};

  explicit WeightedWait(const CenterSpec& spec) {
    for (const auto& type : spec.call_types) weight_.push_back(call_type_key(type, kCallTypeKeyArray[0]));
  }

  CALLSIM_HOT_INLINE std::uint32_t agent_for(const RoutingView& view, std::uint32_t type, double /*waited*/) const {
    return longest_idle_agent_by(view, type, [](std::uint32_t) { return 0; });
  }
  CALLSIM_HOT_INLINE std::uint32_t type_for(const RoutingView& view, std::uint32_t agent) const {
    const double now = view.now().seconds();
    std::uint32_t best = kNoType;
    double best_score = 0;
    for (std::uint32_t k : view.skills_of(view.group_of(agent))) {
      const double key = view.head_wait_key(k);
      if (key == kNobodyWaits) continue;
      const double score = weight_[k] * (now - key);
      if (best == kNoType || score > best_score) {
        best = k;
        best_score = score;
      }
    }
    return best;
  }

 private:
  std::vector<double> weight_;  // per call type
};

}  // namespace callsim::models
