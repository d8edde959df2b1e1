#pragma once
/// \file
/// Everything a results file holds, in memory: what the writer is given and the reader
/// returns (docs/results-format.md).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "models/cost_spec.hpp"

namespace callsim::store {

/// A file a scenario read (the scenario itself, a forecast, staffing or trace CSV), kept
/// whole in the results file: provenance, and what `--resume` loads the scenario from, so a
/// results file moved to another machine needs nothing beside it.
struct StoredInput {
  std::string role;    ///< "scenario", "forecast", "staffing plan", "trace" (scenarios::InputFile::role)
  std::string path;    ///< as opened when the run was made
  std::string bytes;   ///< the contents, byte for byte
  std::string sha256;  ///< lowercase hex SHA-256 of `bytes`
};

/// One scenario file of the command (a comparison of scenario files has several) and
/// everything it read, the scenario first.
struct ScenarioSource {
  std::string path;                 ///< as given on the command line
  std::vector<StoredInput> inputs;  ///< inputs[0] is the scenario file
};

/// What the reports of one run need from its scenario, derived when it ran: reports,
/// `inspect` and the dashboard read these and never load a scenario. Parallel to
/// ResultsFile::runs. I = the run's intervals, K = its call types.
struct RunInputs {
  std::size_t source = 0;              ///< index into ResultsFile::sources
  /// This run's overrides in the order applied (the command's --set, then the variant's
  /// --what-if), as typed.
  std::vector<std::string> overrides;
  std::string applied_text;            ///< the scenario as simulated: its YAML after the overrides
  double clock_start = 0;              ///< time.start: seconds after midnight at simulated time 0
  std::vector<double> forecast;        ///< [I x K] expected direct arrivals per (interval, call type)
  std::vector<double> ivr_forecast;    ///< [I] expected callers entering the IVR; empty without an IVR
  std::vector<double> handle_mean;     ///< [K] expected talk + after-call work of a call, s
  std::vector<double> patience_mean;   ///< [K] mean patience, s; NaN: its callers never abandon
  std::optional<models::CostSpec> costs;  ///< the scenario's prices and contract
};

/// Everything a results file holds.
struct ResultsFile {
  int format_version = 0;      ///< filled by the reader (the writer writes its own version)
  std::string callsim_version;
  std::string command_line;    ///< as typed, for provenance
  std::string created;         ///< ISO-8601 UTC; filled by the reader (the writer stamps the time of writing)
  std::uint64_t seed = 0;
  std::string scenario_path;
  std::string scenario_text;   ///< the scenario file as given
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
  std::vector<ScenarioSource> sources;
  std::vector<RunInputs> run_inputs;
  std::optional<analysis::Comparison> comparison;  ///< `callsim compare`: its variants and baseline are among `runs`
};

}  // namespace callsim::store
