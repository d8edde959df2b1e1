#pragma once
/// \file
/// What the reports of each run of a results file take from its scenario: the inputs the
/// run recorded when it was made (ResultsFile::run_inputs: forecast, clock start, handle
/// and patience means, prices). Reports read them from the file alone and never load a
/// scenario; a file that does not record them (format 3 and older) gets reports without
/// forecast, required staffing from the scenario and costs, which say why.

#include <optional>
#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "run/run_inputs.hpp"
#include "store/results_file.hpp"

namespace callsim::report {

struct RunContext {
  std::optional<run::RunInputs> inputs;  ///< nullopt when the file does not record them
  std::string problem;                   ///< why not, a sentence; "" with inputs
  double clock_start = 0;                ///< seconds after midnight at simulated time 0 (time.start)
  bool clock_known = false;              ///< false: labels are offsets from the start of the counted period
};

/// One RunContext per run of `file`, in run order, from file.run_inputs.
std::vector<RunContext> run_contexts(const store::ResultsFile& file);

/// The context of a run with recorded `inputs` (checked against `run`: the inputs of
/// another center, with other call types or intervals, are left out with a problem).
RunContext run_context(const analysis::RunResult& run, run::RunInputs inputs);

/// "07:30" for interval `i` of `run` (clock time of its start), or "+01:30" (offset from
/// the start of the counted period) when the clock is unknown.
std::string interval_label(const analysis::RunResult& run, const RunContext& context, std::size_t i);

/// The service-level target of a run: its scenario's contract (costs.sla.target) when the
/// inputs record one, else `default_target` (report --sl-target).
double sl_target_of(const RunContext& context, double default_target);

/// "08:30", or "08:30:15" when `seconds` (>= 0) is not a whole minute: a clock time of day.
std::string clock_text(double seconds);

}  // namespace callsim::report
