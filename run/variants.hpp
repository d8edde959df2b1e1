#pragma once
/// \file
/// The variants of an experiment: one scenario as it is, routing policies on one scenario,
/// what-if overrides of one scenario, or several scenario files. Every variant runs on the
/// same seed and replications (common random numbers), so replication r of each sees the
/// same callers and their differences pair.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenarios/loader.hpp"

namespace callsim::run {

/// One variant: the run it is stored as and the scenario as applied. A caller searching
/// over a scenario (staffing, calibration) may edit scenario.spec directly; the run then
/// simulates that spec and records its forecast and means, and scenario.overrides should
/// say what was changed, for the reports.
struct Variant {
  std::string name;                    ///< the run's name in the results file
  scenarios::LoadedScenario scenario;  ///< as simulated: scenario.spec runs, its name is `name`
  std::size_t source = 0;              ///< which scenario file it came from (ExperimentResult::sources)
};

/// Variants that cannot be compared; what() is one sentence naming the option or file
/// (callsim prints it after "callsim compare: ").
class VariantError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The scenario alone: one variant, named after it.
std::vector<Variant> single_variant(scenarios::LoadedScenario scenario);

/// One variant per `--policy NAME[:param=value,...]` on `base`, named by the option as
/// typed. Throws VariantError (a '/' in the name, a policy given twice) or ScenarioError
/// (a policy `base` cannot take).
std::vector<Variant> policy_variants(const scenarios::LoadedScenario& base, const std::vector<std::string>& policies);

/// `base` as it is, then one variant per what-if "KEY=VALUE[;KEY=VALUE...]": base's own
/// overrides, then the what-if's, applied to base's text; its CSV files come from memory
/// (base's inputs), so a what-if reads the disk only for a file base did not read. Throws
/// VariantError (a '/', a what-if given twice, another time frame) or ScenarioError.
std::vector<Variant> what_if_variants(const scenarios::LoadedScenario& base, const std::vector<std::string>& what_ifs);

/// One variant per scenario file, named after its scenario (name-2, name-3, ... when two
/// share a name). Throws VariantError when their warm-up, duration or interval differ:
/// interval i of every variant must be the same period for the pairing.
std::vector<Variant> scenario_variants(std::vector<scenarios::LoadedScenario> scenarios);

/// "a=1;b=2" -> {"a=1", "b=2"}.
std::vector<std::string> split_what_if(const std::string& text);

}  // namespace callsim::run
