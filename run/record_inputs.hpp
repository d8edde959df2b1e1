#pragma once
/// \file
/// What an experiment records of its inputs (run/run_inputs.hpp), taken from the loaded
/// scenario when the run is made: its files byte for byte, and per run the forecast, clock
/// start, handle and patience means and costs the reports draw.

#include <cstddef>

#include "models/center_spec.hpp"
#include "run/run_inputs.hpp"
#include "scenarios/loader.hpp"

namespace callsim::run {

/// The scenario file and every CSV it read, the scenario first, with their bytes. The
/// sha256 is left empty: the results store computes it when it writes (store/ sits above
/// run/ and owns the digest).
ScenarioSource scenario_source(const scenarios::LoadedScenario& scenario);

/// What the reports of a run of `spec` need: `spec` is `scenario.spec` itself or a variant
/// of it (another routing policy), `source` the index of `scenario`'s ScenarioSource. The
/// overrides and applied text are the scenario's (its --set, then a variant's --what-if).
RunInputs run_inputs(const scenarios::LoadedScenario& scenario, const models::CenterSpec& spec, std::size_t source);

/// RunInputs::rostered of a run of `spec`: per reporting interval, the agents of every
/// group rostered on average (a group with shifts: on shift, on break or not, before
/// shrinkage; any other: on duty). Empty when no group has shifts.
std::vector<double> rostered_by_interval(const scenarios::LoadedScenario& scenario, const models::CenterSpec& spec);

/// Everything the file of a comparison of several scenario files records in `/scenario`:
/// the texts of `scenarios`, one YAML document each headed by
/// "--- # callsim compare: scenario N of M, run 'NAME', file 'PATH'"; one scenario's text
/// as it is. `runs[i]` names the run of scenarios[i].
struct ScenarioProvenance {
  std::string path;  ///< the paths, one a line
  std::string text;
};
ScenarioProvenance scenario_provenance(const std::vector<const scenarios::LoadedScenario*>& scenarios,
                                       const std::vector<std::string>& runs);

}  // namespace callsim::run
