#pragma once
/// \file
/// Staffing present against staffing required, per reporting interval: present is what
/// the simulation had on duty, required the Erlang figure for the simulated load, so a
/// planner sees under- and over-staffed intervals at a glance. Which intervals are called
/// under- or over-staffed follows the *simulated* service level (staffing_verdict): the
/// pooled Erlang figure is a reference line, strict for skill-based routing and blind to
/// backlog, so it alone would mark intervals that meet the target in simulation.

#include <optional>
#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "report/estimate.hpp"
#include "run/run_inputs.hpp"

namespace callsim::report {

/// The smallest number of agents N >= 1 whose exact Erlang A service level (Erlang C
/// without patience) reaches `target` for `rate` calls/s, mean handle time `aht` s and
/// threshold `threshold` s; 0 when rate is 0; NaN when no N up to 100,000 does, when the
/// target is 100 % (no finite staffing reaches it), or the inputs are not finite (no AHT
/// known). analysis::agents_for with one service_level target: O(log N) Erlang evaluations.
double required_agents(double rate, double aht, std::optional<double> mean_patience, double threshold, double target);

struct Staffing {
  std::vector<Estimate> present;  ///< agents on duty on average per interval (staffed time / length)
  std::vector<double> required;   ///< Erlang agents / (1 - shrinkage), rounded up; NaN where unknown
  std::vector<double> load;       ///< offered load per interval, Erlangs (simulated rate x AHT)
  std::string method;             ///< how `required` was computed, a sentence for the page
  /// Agents rostered per interval (on shift, breaks included, before shrinkage), as the run
  /// recorded them (run::RunInputs::rostered); empty when no group has shifts.
  std::vector<double> rostered;
  std::optional<double> roster_cost;  ///< the roster's cost, when its shifts give one
};

/// Present and required staffing for each interval of `run`. The offered rate is the mean
/// simulated number of offered calls per interval / its length. With `inputs` (what the
/// run recorded of its scenario), the handle time and patience are the scenario's (call types' means weighted by their
/// offered calls in the interval; patience as a blended abandonment rate; Erlang C when no caller abandons); without
/// it, the simulated AHT of the interval and Erlang C. The whole center is treated as one pool of agents: for
/// skill-based routing, a lower bound. `shrinkage` in [0, 1): the share of paid time agents are not available.
Staffing staffing(const analysis::RunResult& run, const run::RunInputs* inputs, double sl_target, double shrinkage);

enum class StaffingVerdict { ON_TARGET, UNDER, OVER };

/// An interval's verdict: UNDER when its simulated service level (mean over replications)
/// is below `sl_target`, whatever the Erlang figure says; OVER when it meets the target and
/// more than 15 % + 1 agent above the Erlang requirement are present; else ON_TARGET. An
/// interval without a service level (no call) or without a requirement is never UNDER.
StaffingVerdict staffing_verdict(double present, double required, double simulated_sl, double sl_target);

}  // namespace callsim::report
