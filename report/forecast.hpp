#pragma once
/// \file
/// Expected arrivals per reporting interval from a scenario's arrival processes: the
/// forecast the simulated offered volume is drawn against.

#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "models/center_spec.hpp"

namespace callsim::report {

struct Forecast {
  std::vector<double> calls;  ///< expected arrivals per interval of the run
  std::string what;           ///< what is counted, for the chart's legend
};

/// Expected arrivals in each interval of `run` under `spec`: each call type's Poisson rate
/// integrated over the interval (trace replays count their arrivals), or for a center
/// with an IVR, the callers entering the IVR (some of whom never reach a queue) plus any
/// direct arrivals. The busyness factor has mean 1 and does not change the expectation.
Forecast forecast(const models::CenterSpec& spec, const analysis::RunResult& run);

}  // namespace callsim::report
