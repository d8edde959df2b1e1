#pragma once
/// \file
/// The scenario behind each run of a results file, re-loaded from the file's `/scenario`
/// text: reports take forecasts, clock times, handle and patience times and prices from it.
/// Re-loading can fail (a forecast CSV is no longer beside the scenario's stored path);
/// the report then leaves out what needs it and says why.

#include <optional>
#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "scenarios/loader.hpp"
#include "store/results_file.hpp"

namespace callsim::report {

struct RunScenario {
  std::optional<scenarios::LoadedScenario> loaded;  ///< nullopt when it could not be re-loaded
  std::string problem;                              ///< why not, a sentence; "" when loaded
  double clock_start = 0;                           ///< seconds after midnight at simulated time 0 (time.start)
  bool clock_known = false;                         ///< false: labels are offsets from the start of the counted period
};

/// One RunScenario per run of `file`, in run order. A comparison of scenario files stores
/// one YAML document per variant (docs/results-format.md); each run gets its own. The
/// forecast files a scenario names are read relative to the stored path, as `run` did.
/// `--set` and `--what-if` overrides are not stored, so such runs get the scenario as
/// written: their figures come from the tallies, only forecast and prices from the text.
std::vector<RunScenario> run_scenarios(const store::ResultsFile& file);

/// "07:30" for interval `i` of `run` (clock time of its start), or "+01:30" (offset from
/// the start of the counted period) when the clock is unknown.
std::string interval_label(const analysis::RunResult& run, const RunScenario& scenario, std::size_t i);

}  // namespace callsim::report
