#pragma once
/// \file
/// The plain, validated description of a call center that models run on. The scenario
/// loader fills it; models read it; nothing here parses files.

#include <optional>
#include <string>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/piecewise_rate.hpp"
#include "sim/time.hpp"

namespace callsim::models {

/// One kind of call: how it arrives, how long it takes, how long its callers wait.
struct CallTypeSpec {
  std::string name;
  sim::PiecewiseRate arrivals;               ///< Poisson arrivals: constant or per-interval rate, calls/s
  sim::Time priority_credit{0};              ///< queue order as if the call had waited this much longer
  sim::Distribution service;                 ///< talk time, seconds
  std::optional<sim::Distribution> patience; ///< time a caller will wait; none: never abandons
};

/// A pool of identical agents.
struct AgentGroupSpec {
  std::string name;
  std::vector<std::string> skills;  ///< names of the call types the group can take
  int count = 0;                    ///< agents staffed all the time
};

/// The simulated horizon: a warm-up (simulated, not counted), then `duration` counted,
/// reported in intervals of `interval`.
struct TimeSpec {
  sim::Time warmup{0};
  sim::Time duration{0};
  sim::Time interval{1800};
};

/// A whole center, as one replication needs it.
struct CenterSpec {
  std::string name;
  TimeSpec time;
  sim::Time service_level_threshold{20};  ///< the T of "answered within T"
  std::vector<CallTypeSpec> call_types;
  std::vector<AgentGroupSpec> agent_groups;
  std::string routing_policy = "longest_idle_agent";
};

}  // namespace callsim::models
