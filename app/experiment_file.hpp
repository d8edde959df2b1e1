#pragma once
/// \file
/// The results file of an experiment: its runs, comparison and recorded inputs with the
/// command's provenance, as the store writes it.

#include <cstdint>
#include <string>
#include <vector>

#include "run/experiment_design.hpp"
#include "store/results_file.hpp"

namespace callsim::app {

/// Provenance the command adds to what the experiment gives.
struct FileHeader {
  std::string command_line;
  std::uint64_t seed = 0;
  std::vector<std::string> overrides;  ///< the command's --set, as given
};

store::ResultsFile experiment_file(run::ExperimentResult&& result, const FileHeader& header);

}  // namespace callsim::app
