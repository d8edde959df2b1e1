#pragma once
/// \file
/// random_agent: an arriving call goes to an agent drawn uniformly at random among the free
/// agents of the groups with its skill (each of them equally likely, whatever its group or
/// how long it has been idle); a freed agent takes the longest-waiting call it can serve
/// (priority credit counts as waiting time). A benchmark against which the cost of a
/// smarter rule shows, and the "random routing" of the queueing literature.
///
/// The draw comes from the routing stream of the call's type (stream_kind::kRouting), never
/// from a caller's streams, so the callers are those of any other policy on the same seed.
/// A decision counts the free agents (a loop over the type's groups), draws an index in
/// [0, free) (no draw when one agent is free) and walks the groups to it: no allocation.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "models/center_spec.hpp"
#include "models/routing.hpp"
#include "models/stream_kinds.hpp"
#include "sim/random_stream.hpp"

namespace callsim::models {

class RandomAgent {
 public:
  static constexpr std::string_view kName = "random_agent";
  static constexpr std::string_view kDescription =
      "an arriving call goes to an agent drawn uniformly among the free agents with its skill; a freed agent takes "
      "the longest-waiting call it can serve";
  static constexpr std::span<const PolicyParamInfo> kParams{};
  static constexpr bool kAnyIdleAgent = true;

  RandomAgent(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication) {
    streams_.reserve(spec.call_types.size());
    for (std::uint32_t k = 0; k < spec.call_types.size(); ++k)
      streams_.emplace_back(seed, replication, sim::StreamKey{stream_kind::kRouting, k});
  }

  CALLSIM_HOT_INLINE std::uint32_t agent_for(const RoutingView& view, std::uint32_t type, double /*waited*/) {
    std::size_t free = 0;
    for (std::uint32_t g : view.servers_of(type)) free += view.idle_agents(g);
    if (free == 0) return kNoAgent;
    std::size_t i = free == 1 ? 0 : static_cast<std::size_t>(streams_[type].below(free));
    for (std::uint32_t g : view.servers_of(type)) {
      const std::size_t idle = view.idle_agents(g);
      if (i < idle) return view.idle_agent_in(g, i);
      i -= idle;
    }
    return kNoAgent;  // not reached: i < free
  }

  CALLSIM_HOT_INLINE std::uint32_t type_for(const RoutingView& view, std::uint32_t agent) const {
    return longest_waiting_type_by(view, agent, [](std::uint32_t) { return 0; });
  }

 private:
  std::vector<sim::RandomStream> streams_;  // per call type, kind kRouting
};

}  // namespace callsim::models
