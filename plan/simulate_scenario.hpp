#pragma once
/// \file
/// One in-process simulation of a scenario as the deciding searches run it: every call on the
/// same seed (common random numbers), so two staffings are judged on the same callers.

#include <cstdint>

#include "analysis/run_result.hpp"
#include "run/run_inputs.hpp"
#include "scenarios/loader.hpp"

namespace callsim::plan {

struct SimulatedScenario {
  analysis::RunResult run;
  run::RunInputs inputs;    ///< what the run recorded of the scenario
  std::uint64_t calls = 0;  ///< calls simulated, all replications
};

/// `scenario` simulated `replications` times from master seed `seed` on `threads` threads
/// (0: one per hardware thread). Throws what the simulation throws.
SimulatedScenario simulate_scenario(scenarios::LoadedScenario scenario, std::uint64_t seed, std::uint64_t replications,
                                    unsigned threads);

}  // namespace callsim::plan
