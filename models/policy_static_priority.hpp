#pragma once
/// \file
/// static_priority: a freed agent serves the call types by their `priority` (higher first),
/// first come first served within a priority (credit included); arriving calls go to the
/// longest idle agent.

#include <cstdint>
#include <span>
#include <string_view>

#include "models/center_spec.hpp"
#include "models/routing.hpp"

namespace callsim::models {

struct StaticPriority {
  static constexpr std::string_view kName = "static_priority";
  static constexpr std::string_view kDescription =
      "agents take call types by their priority (call type key 'priority', higher first), first come first "
      "served within a priority";
  static constexpr std::span<const PolicyParamInfo> kParams{};

  explicit StaticPriority(const CenterSpec&) {}

  CALLSIM_HOT_INLINE std::uint32_t agent_for(const RoutingView& view, std::uint32_t type, double /*waited*/) const {
    return longest_idle_agent_by(view, type, [](std::uint32_t) { return 0; });
  }
  CALLSIM_HOT_INLINE std::uint32_t type_for(const RoutingView& view, std::uint32_t agent) const {
    return longest_waiting_type_by(view, agent, [&](std::uint32_t k) { return -view.spec().call_types[k].priority; });
  }
};

}  // namespace callsim::models
