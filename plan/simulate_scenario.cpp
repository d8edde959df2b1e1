#include "plan/simulate_scenario.hpp"

#include <utility>
#include <vector>

#include "run/experiment_design.hpp"

namespace callsim::plan {

SimulatedScenario simulate_scenario(scenarios::LoadedScenario scenario, std::uint64_t seed, std::uint64_t replications,
                                    unsigned threads) {
  std::string name = scenario.spec.name;
  run::Variant variant{std::move(name), std::move(scenario), 0};
  run::ExperimentSettings settings;
  settings.seed = seed;
  settings.replications = replications;
  settings.threads = threads;
  run::ExperimentResult result = run::Experiment(std::vector<run::Variant>{std::move(variant)}).run(settings);
  return {std::move(result.runs.front()), std::move(result.run_inputs.front()), result.calls_simulated};
}

}  // namespace callsim::plan
