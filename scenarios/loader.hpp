#pragma once
/// \file
/// Reads a scenario file (YAML, see docs/scenario.md) into a validated CenterSpec. Every
/// problem is reported as one ScenarioError "FILE:LINE: what is wrong; what is valid", so a
/// planner can fix the file without reading code. Nothing else in callsim parses scenarios.

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/center_spec.hpp"
#include "models/cost_spec.hpp"
#include "scenarios/input_file.hpp"

namespace callsim::scenarios {

/// An agent group's shifts as rostered, for reports (the model runs on the group's staffing
/// steps, which take breaks and shrinkage off): agents on shift whether on break or not,
/// before shrinkage, times the group's staffing_scale; and the roster's cost when its shifts
/// give one.
struct GroupRoster {
  std::size_t group = 0;                       ///< index into spec.agent_groups
  std::vector<models::StaffingStep> on_shift;  ///< steps on the simulation clock, as the staffing steps
  std::optional<double> cost;  ///< sum over shifts of count x cost (x staffing_scale); none without costs
};

/// A scenario as loaded: the spec models run on, plus what provenance and reports need.
struct LoadedScenario {
  models::CenterSpec spec;  ///< validated; rates per second, durations in seconds
  std::string path;         ///< as given by the caller
  std::string text;         ///< the file's text as read, stored with results
  std::vector<std::string>
      warnings;  ///< valid but suspicious: an unstable queue, a forecast short of the counted period
  std::vector<std::string> overrides;     ///< the `--set` overrides applied to `text`, as given, for provenance
  std::optional<models::CostSpec> costs;  ///< the `costs` key: prices and contract, for reports only
  /// Every file read: the scenario first (when loaded from a file), then each CSV it
  /// references, once each, in the order read.
  std::vector<InputFile> inputs;
  /// The scenario as simulated: `text` itself without overrides, else the YAML tree after
  /// them, emitted again (comments and layout are not kept; the values are).
  std::string applied_text;
  std::vector<GroupRoster> rosters;  ///< one per agent group with `shifts`, in group order
};

/// A scenario that cannot be loaded. `what()` is the whole message, e.g.
/// "bank.yaml:9: call_types[0].arrivals.rate must be greater than 0, got -5/h". The load
/// functions below throw nothing else (whatever yaml-cpp or a reader throws is translated
/// into one, naming the file).
class ScenarioError : public std::runtime_error {
 public:
  /// `message` as one printable line: control characters and bytes that are not UTF-8
  /// (from the file's own text, quoted in the message) are shown as \xNN, and a message
  /// longer than 4,000 bytes is cut, so that no input can garble a terminal or a log.
  explicit ScenarioError(const std::string& message);
};

/// Reads and validates the scenario file at `path`. Throws ScenarioError, e.g.
/// "cannot read scenario 'x.yaml': No such file or directory".
LoadedScenario load_scenario(const std::string& path);

/// Validates scenario `text`; messages name the file `path_for_messages`, and forecast
/// files it names are read relative to that path's directory (the working directory when
/// it has none). Throws ScenarioError on the first problem found.
LoadedScenario load_scenario_text(const std::string& text, const std::string& path_for_messages);

/// Reads the scenario at `path`, applies each override "dotted.path=value" to the YAML tree
/// in order, then validates as usual (what-if runs: `--set call_types.retail.service.mean=200s`;
/// the path syntax is in docs/scenario.md, "What-if overrides"). A problem an override
/// causes names it as typed: "--set agent_groups.agents.count=0: agent_groups[0].count must
/// be at least 1, got 0". Throws ScenarioError.
LoadedScenario load_scenario(const std::string& path, const std::vector<std::string>& overrides);

/// As load_scenario_text, with `overrides` applied as load_scenario applies them.
LoadedScenario load_scenario_text(const std::string& text, const std::string& path_for_messages,
                                  const std::vector<std::string>& overrides);

/// Input files served from memory instead of the disk: bytes by the path as the loader
/// opens it (InputFile::path: relative CSV names joined to the scenario's directory).
struct StoredInputs {
  std::map<std::string, std::string> files;
  /// false: a file not in `files` is an error (a results file's stored inputs, which must
  /// be the whole truth); true: it is read from the disk as usual (a what-if variant that
  /// names a CSV its base scenario did not).
  bool disk_for_others = false;
};

/// The inputs of `loaded` (its scenario and every CSV it read), to load it again from memory.
StoredInputs stored_inputs_of(const std::vector<InputFile>& inputs);

/// The scenario `text` (the file `path` as it was when the run was made) with `overrides`,
/// every CSV it names taken from `stored`: `callsim run --resume` and what-if variants
/// re-load a scenario without reading the disk. The result is what load_scenario(path,
/// overrides) gave then, inputs included (the scenario first). Throws ScenarioError, as
/// load_scenario does ("cannot read forecast 'x.csv' (given in s.yaml:9): the results file
/// does not hold it").
LoadedScenario load_stored_scenario(const std::string& text, const std::string& path,
                                    const std::vector<std::string>& overrides, const StoredInputs& stored);

}  // namespace callsim::scenarios
