#pragma once
/// \file
/// Reports of a results file older than format 4, which does not record its scenario's
/// inputs: the scenario text stored in its `/scenario` is loaded again (its forecast CSVs
/// read beside the stored path, as the run read them) and the inputs derived from it as a
/// run records them. report/ never loads a scenario; this is the command line's fallback.

#include <vector>

#include "report/run_context.hpp"
#include "store/results_file.hpp"

namespace callsim::app {

/// One RunContext per run of `file`: from file.run_inputs when it has them, else from its
/// stored scenario text. A comparison of scenario files stores one YAML document per
/// variant (docs/results-format.md); each run gets its own, with the file's --set
/// overrides applied (a compare's --what-if ones are not stored there: such a run gets
/// its scenario with the --set ones only). When the text cannot be loaded,
/// the context keeps the clock start if it can be read and says why in `problem`.
std::vector<report::RunContext> report_contexts(const store::ResultsFile& file);

}  // namespace callsim::app
