#pragma once
/// \file
/// A roster as a scenario `callsim run` runs as is: the scenario of `callsim roster` with
/// each rostered group's agents given as `shifts:` (scenarios/shifts_scenario.hpp).

#include <string>
#include <string_view>
#include <vector>

#include "plan/roster_mip.hpp"
#include "scenarios/loader.hpp"

namespace callsim::app {

/// The first line of a scenario `callsim roster --out` writes, after "# ": how an earlier
/// --out is recognised as callsim's.
inline constexpr std::string_view kRosterHeader = "roster written by callsim roster";

/// What the roster scenario is made of.
struct RosterScenarioSource {
  const scenarios::LoadedScenario* scenario = nullptr;  ///< as loaded (its text and path)
  const plan::RosterProblem* problem = nullptr;
  double shrinkage = 0;    ///< written on every rostered group when > 0
  std::string out_path;    ///< where the text is meant to go (relative file names start there)
  std::string provenance;  ///< comment lines after the header (requirements, templates, cost)
};

/// The scenario text of `shifts`: one scenario shift per rostered start (its agents, and a
/// break wave per break placement). Groups of the problem without any rostered shift keep
/// their definition (nobody is needed: the scenario would have no agent on duty in them).
/// Throws ScenarioError when a time is not a whole minute (scenarios::scenario_clock).
std::string roster_scenario_text(const RosterScenarioSource& source, const std::vector<plan::RosteredShift>& shifts);

/// roster_scenario_text loaded as `callsim run` would load the file at source.out_path.
scenarios::LoadedScenario load_roster_scenario(const RosterScenarioSource& source,
                                               const std::vector<plan::RosteredShift>& shifts);

}  // namespace callsim::app
