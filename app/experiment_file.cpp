#include "app/experiment_file.hpp"

namespace callsim::app {

store::ResultsFile experiment_file(run::ExperimentResult&& result, const FileHeader& header) {
  store::ResultsFile file;
  file.callsim_version = CALLSIM_VERSION;
  file.command_line = header.command_line;
  file.seed = header.seed;
  file.scenario_path = std::move(result.provenance.path);
  file.scenario_text = std::move(result.provenance.text);
  file.overrides = header.overrides;
  file.runs = std::move(result.runs);
  file.sources = std::move(result.sources);
  file.run_inputs = std::move(result.run_inputs);
  file.comparison = std::move(result.comparison);
  return file;
}

}  // namespace callsim::app
