#pragma once
/// \file
/// A roster proved in simulation: the MIP covers the requirements on paper; this simulates
/// the roster with its breaks placed (the scenario `callsim run` would run) and repairs it
/// until every interval meets the targets with the requested confidence, under common
/// random numbers (the same seed at every simulation, so a change is judged on its effect).
///
/// 1. Repair: while some interval misses, rank every allowed one-agent addition (a template,
///    a start, breaks placed where they hurt least) by the shortfall of the missed intervals
///    it is on duty in per unit of cost; simulate the best few and keep the one with the
///    largest simulated gain (fall in total normalised shortfall) per cost.
/// 2. Trim: once all meet, take one agent off a shift start, the one whose span has the most
///    slack first; keep the cut when every interval still meets, never retry a refused one.
/// The answer is the last roster at which every interval met every target (or, when the
/// simulation budget runs out first or additions stop helping, as an unreachable target
/// makes them, the last roster simulated, with `met` false).

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analysis/erlang_staffing.hpp"
#include "analysis/run_result.hpp"
#include "plan/roster_mip.hpp"
#include "plan/target_check.hpp"
#include "run/run_inputs.hpp"
#include "scenarios/loader.hpp"

namespace callsim::plan {

struct RosterRepairSettings {
  std::vector<analysis::StaffingTarget> targets;  ///< at least one, per interval
  double confidence = 0.95;                       ///< one-sided, in (0.5, 1)
  std::uint64_t replications = 0;                 ///< per simulation; 0: replications_for() a pilot
  std::uint64_t seed = 1;
  unsigned threads = 0;       ///< 0: one per hardware thread
  int max_evaluations = 200;  ///< simulations in all
  int candidates = 4;         ///< additions simulated per repair step
  int stall_steps = 8;        ///< repair steps in a row without less shortfall that end the repair
  bool trim = true;           ///< run step 2
  /// After each simulation: its number, its phase ("roster", "add", "trim"), intervals that
  /// meet every target (of `intervals`), the roster's cost.
  std::function<void(int evaluation, const std::string& phase, std::size_t meeting, std::size_t intervals, double cost)>
      on_evaluation;
};

/// The scenario a roster is simulated as: in `callsim roster`, the scenario it writes,
/// loaded as `callsim run` would load it.
using RosterScenario = std::function<scenarios::LoadedScenario(const std::vector<RosteredShift>&)>;

struct RosterRepairResult {
  std::vector<RosteredShift> shifts;  ///< the repaired roster, by template then start
  double cost = 0;
  double paid_hours = 0;
  double initial_cost = 0;                       ///< the roster given (the MIP's)
  std::vector<std::size_t> initial_missed;       ///< its simulated intervals that missed
  analysis::RunResult run;                       ///< the answer simulated
  run::RunInputs inputs;                         ///< what `run` recorded of the scenario
  std::vector<std::vector<TargetCheck>> checks;  ///< [target][I + 1] at the answer, the last the day
  bool met = false;
  bool stalled = false;  ///< the repair stopped: stall_steps additions in a row did not help, or no template may add
  std::vector<std::size_t> missed;  ///< the answer's intervals that miss (empty when met)
  int added = 0, removed = 0;       ///< agents added by repair, taken off by trim
  int evaluations = 0;
  std::uint64_t replications = 0;
  std::uint64_t calls_simulated = 0;
};

/// The cost of `shifts`: agents x paid hours x cost per paid hour of their templates.
double roster_cost(const RosterProblem& problem, const std::vector<RosteredShift>& shifts);

/// Paid agent-hours of `shifts`.
double roster_paid_hours(const RosterProblem& problem, const std::vector<RosteredShift>& shifts);

/// Repairs `shifts` (a roster of `problem`) as the file comment says. Throws what the
/// scenario builder and the simulation throw (scenarios::ScenarioError,
/// models::SimulationError) and StaffingError for targets no simulation tallies.
RosterRepairResult repair_roster(const RosterProblem& problem, std::vector<RosteredShift> shifts,
                                 const RosterScenario& scenario, const RosterRepairSettings& settings);

}  // namespace callsim::plan
