#pragma once
/// \file
/// What an experiment records of its inputs besides the tallies: the scenario files it read,
/// and per run what that run's reports need from its scenario. The results store keeps
/// both (format 4), so reports, `inspect` and `--resume` never load a scenario file.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/cost_spec.hpp"

namespace callsim::run {

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
  std::size_t source = 0;  ///< index into ResultsFile::sources
  /// This run's overrides in the order applied (the command's --set, then the variant's
  /// --what-if), as typed.
  std::vector<std::string> overrides;
  std::string applied_text;               ///< the scenario as simulated: its YAML after the overrides
  double clock_start = 0;                 ///< time.start: seconds after midnight at simulated time 0
  std::vector<double> forecast;           ///< [I x K] expected direct arrivals per (interval, call type)
  std::vector<double> ivr_forecast;       ///< [I] expected callers entering the IVR; empty without an IVR
  std::vector<double> handle_mean;        ///< [K] expected talk + after-call work of a call, s
  std::vector<double> patience_mean;      ///< [K] mean patience, s; NaN: its callers never abandon
  std::optional<models::CostSpec> costs;  ///< the scenario's prices and contract
  /// [I] agents rostered on average over each interval, every group: a group with shifts
  /// counts its agents on shift (on break or not, before shrinkage), any other group its
  /// agents on duty. Empty when no group has shifts.
  std::vector<double> rostered;
  /// The roster's cost: the sum of its shifts' count x cost, when every group with shifts
  /// gives its shifts a cost; none otherwise.
  std::optional<double> roster_cost;
};

}  // namespace callsim::run
