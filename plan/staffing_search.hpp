#pragma once
/// \file
/// Staffing by simulation: the fewest whole agents per interval and agent group whose
/// simulated KPIs meet the targets with a given confidence, for the scenario's own routing,
/// skills, abandonment, IVR and time-varying load. The simulation runs in process
/// (run::Experiment) many times on the same seed, so every evaluation sees the same callers
/// (common random numbers) and a change of staffing is judged on its effect alone.
///
/// The search (in the spirit of Feldman, Mandelbaum, Massey & Whitt, "Staffing of
/// time-varying queues to achieve time-stable performance", Management Science 2008):
/// 1. A pilot run of the scenario as given measures each interval's offered calls, and
///    each group's share of the calls it handles. The start is period-by-period Erlang
///    (C, or A with the scenario's patience) of that load; for several groups, each group
///    staffed for the share of the load the routing gave it.
/// 2. Simulate; every interval that misses a target gets one more agent (in the group
///    busiest there); repeat until every interval meets every target.
/// 3. Tighten: on alternate even and odd intervals (so that no two neighbours change at
///    once), take one agent from the least busy group and simulate; a cut stays only when
///    its interval and both neighbours (the backlog a cut leaves spills into the next
///    interval) still meet every target; a refused cut is never tried again. Repeat 2-3
///    until no cut is left to try.
/// The answer is the last staffing at which every interval met every target. Per day
/// (scope DAY), step 3 accepts a cut when the whole counted period still meets, and cuts
/// first where the interval's KPI exceeds its target the most.

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analysis/erlang_staffing.hpp"
#include "analysis/run_result.hpp"
#include "plan/staffing_plan.hpp"
#include "plan/target_check.hpp"
#include "run/run_inputs.hpp"
#include "scenarios/loader.hpp"

namespace callsim::plan {

/// A staffing question that has no answer (an unreachable target, a cap no staffing under
/// meets); what() is one sentence naming the targets or intervals.
class StaffingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StaffingSearchSettings {
  std::vector<analysis::StaffingTarget> targets;  ///< at least one; KPIs the simulation tallies
  enum class Scope { INTERVAL, DAY } scope = Scope::INTERVAL;
  enum class Method { SIMULATION, ERLANG } method = Method::SIMULATION;
  double confidence = 0.95;  ///< one-sided, in (0.5, 1)
  /// Replications per simulation; 0: chosen from the pilot run, about 2 million calls per
  /// simulation, from 10 to 100 replications (a small center gets narrow bounds, a large
  /// one quick simulations: its intervals hold thousands of calls each).
  std::uint64_t replications = 0;
  std::uint64_t seed = 1;
  unsigned threads = 0;       ///< 0: one per hardware thread
  int max_agents = 100000;    ///< per group and interval
  int max_evaluations = 400;  ///< simulations of the whole scenario the search may run
  /// After each evaluation: its number, what it was for ("pilot", "raise", "cut", "check"),
  /// how many intervals meet every target (of `intervals`), the agent-hours simulated.
  std::function<void(int evaluation, const std::string& phase, std::size_t meeting, std::size_t intervals,
                     double agent_hours)>
      on_evaluation;
};

struct StaffingSearchResult {
  StaffingPlan plan;                             ///< the answer [I x G]
  StaffingPlan erlang;                           ///< the Erlang start [I x G] (the answer of Method::ERLANG)
  std::vector<int> erlang_pooled;                ///< [I] Erlang agents of the whole center as one pool: a lower bound
  std::vector<double> offered;                   ///< [I] mean offered calls of the pilot run
  std::vector<double> load;                      ///< [I] offered load, Erlangs (offered / length x handle time)
  analysis::RunResult run;                       ///< the plan simulated (the search's seed)
  run::RunInputs inputs;                         ///< what `run` recorded of the scenario
  std::vector<std::vector<TargetCheck>> checks;  ///< [target][I + 1] at the plan, the last entry the day
  bool met = false;                              ///< every interval (scope DAY: the day) meets every target
  /// False when the search stopped at max_evaluations while tightening: the plan meets the
  /// targets but may not be the fewest agents that do.
  bool settled = true;
  std::vector<std::size_t> missed;  ///< intervals that do not (empty when met)
  std::uint64_t replications = 0;   ///< per simulation, as chosen
  int evaluations = 0;              ///< simulations run, the pilot included
  std::uint64_t calls_simulated = 0;
};

/// The replications per simulation chosen when none is given: about 2 million calls per
/// simulation, from 10 to 100 (`calls_per_replication` measured on a pilot of 10).
std::uint64_t replications_for(double calls_per_replication);

/// Checks the targets before any simulation: each one valid for its KPI and a KPI the
/// simulation tallies per interval. Throws StaffingError naming the target and the fix.
void check_targets(const std::vector<analysis::StaffingTarget>& targets);

/// The staffing of `scenario` for `settings` (see the file comment). Throws StaffingError
/// when a target cannot be met by any staffing (Erlang says so, or the cap is reached), and
/// what the simulation throws (models::SimulationError).
StaffingSearchResult search_staffing(const scenarios::LoadedScenario& scenario, const StaffingSearchSettings& settings);

}  // namespace callsim::plan
