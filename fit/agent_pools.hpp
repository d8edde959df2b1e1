#pragma once
/// \file
/// Agent groups found in a log: agents who mostly serve the same call types form a pool
/// with those skills (e.g. an internet room beside the generalists). An agent's skill set
/// is the smallest set of types, taken by decreasing share, that makes up `share` of its
/// services; agents with the same set form a pool; a pool with less than `min_pool_share`
/// of all services joins the largest pool whose skills include its main type (the union of
/// both skill sets), so that a handful of unusual agents does not become a group of its
/// own. A call type that no pool's set holds goes to the pool that served most of its calls
/// (the largest pool when nobody answered it).

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fit/call_log.hpp"

namespace callsim::fit {

struct AgentPool {
  std::vector<std::uint32_t> skills;  ///< call types, in CallLog order
  std::vector<std::uint32_t> agents;  ///< CallLog agent indices
  std::size_t services = 0;           ///< calls its agents answered on the days used
  std::uint32_t main_type = 0;        ///< the type it served most
};

struct PoolOptions {
  double share = 0.9;            ///< an agent's skills cover this share of its services
  double min_pool_share = 0.05;  ///< smaller pools merge (infinity: every pool, into one)
};

/// The pools of the agents who answered calls on `days`, largest first. Throws
/// std::invalid_argument when no answered call names an agent.
std::vector<AgentPool> find_agent_pools(const CallLog& log, const std::vector<std::uint32_t>& days,
                                        const PoolOptions& options);

}  // namespace callsim::fit
