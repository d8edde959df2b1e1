#pragma once
/// \file
/// Everything a results file holds, in memory: what the writer is given and the reader
/// returns (docs/results-format.md).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "run/run_inputs.hpp"

namespace callsim::store {

/// Everything a results file holds.
struct ResultsFile {
  int format_version = 0;  ///< filled by the reader (the writer writes its own version)
  std::string callsim_version;
  std::string command_line;  ///< as typed, for provenance
  std::string created;       ///< ISO-8601 UTC; filled by the reader (the writer stamps the time of writing)
  std::uint64_t seed = 0;
  std::string scenario_path;
  std::string scenario_text;           ///< the scenario file as given
  std::vector<std::string> overrides;  ///< the `--set key=value` overrides, as given, in order
  /// false: the run was interrupted (SIGINT/SIGTERM) and holds only the replications
  /// 0..n-1 finished by then; `callsim run --resume` adds the rest.
  bool complete = true;
  /// Replications the command was asked for (0: as many as the first run has); more than
  /// the file holds when it is incomplete.
  std::uint64_t replications_requested = 0;
  std::vector<analysis::RunResult> runs;
  /// Format 4: the scenario files read and, per run (parallel to `runs`), what its reports
  /// need. Empty when read from an older file (reports then leave out forecast, required
  /// staffing and costs, and say why).
  std::vector<run::ScenarioSource> sources;
  std::vector<run::RunInputs> run_inputs;
  std::optional<analysis::Comparison> comparison;  ///< `callsim compare`: its variants and baseline are among `runs`
};

}  // namespace callsim::store
