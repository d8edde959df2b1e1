#pragma once
/// \file
/// What the readers of one scenario share while it loads: where relative file names start,
/// the simulated horizon (it places clock times and tables on the simulation clock), the
/// CSV tables read so far and the warnings found so far.

#include <map>
#include <string>
#include <vector>

#include "models/center_spec.hpp"
#include "scenarios/forecast_csv.hpp"
#include "scenarios/input_file.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/trace_csv.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios::detail {

struct LoadContext {
  std::string scenario_dir;                     ///< relative CSV paths start here ("" = the working directory)
  models::TimeSpec time;                        ///< set once `time` is read
  std::map<std::string, ForecastTable> tables;  ///< by kind and resolved path: each file is read once per load
  std::vector<std::string> warnings;            ///< valid but suspicious, "FILE:LINE: ..."
  std::vector<InputFile> inputs;                ///< every CSV read, once each, in the order read
  const StoredInputs* stored = nullptr;         ///< files served from memory; null: every file from the disk
  std::map<std::string, TraceCsv> trace_csvs;   ///< by resolved path: each CSV trace is parsed once per load
  double trace_bytes_parsed = 0;                ///< text of traces parsed so far (a bank log once per call type)
  double trace_calls = 0;                       ///< calls replayed so far, all call types together
  std::vector<GroupRoster> rosters;             ///< each group with shifts, as read so far

  /// Clock seconds (after midnight of day 1) of simulation time 0, and of the start and end
  /// of the counted period.
  [[nodiscard]] double clock_start() const { return time.clock_start.seconds(); }
  [[nodiscard]] double counted_begin() const { return clock_start() + time.warmup.seconds(); }
  [[nodiscard]] double counted_end() const { return counted_begin() + time.duration.seconds(); }
};

/// The text of the file at `path` (already joined to the scenario's directory), recorded in
/// context.inputs under `role`; `given_in` ("scenario.yaml:12") says where it was named, for
/// "cannot read ROLE 'x.csv' (given in scenario.yaml:12): REASON" (ScenarioError).
const std::string& read_input(const std::string& path, const std::string& role, const std::string& given_in,
                              LoadContext& context);

/// The table in CSV file `file`, named at `entry`, read (once) relative to the scenario's
/// directory. Fails with ScenarioError when it cannot be read or its layout is wrong.
const ForecastTable& read_table(const Reporter& reporter, const Entry& entry, const std::string& file,
                                const TableKind& kind, LoadContext& context);

}  // namespace callsim::scenarios::detail
