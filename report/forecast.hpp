#pragma once
/// \file
/// The forecast line the simulated offered volume is drawn against, from the expected
/// arrivals a run recorded when it was made (run::RunInputs, computed by run/forecast.hpp).

#include <string>
#include <vector>

#include "run/run_inputs.hpp"

namespace callsim::report {

struct Forecast {
  std::vector<double> calls;  ///< expected arrivals per interval of the run
  std::string what;           ///< what is counted, for the chart's legend
};

/// Expected arrivals in each interval: every call type's direct arrivals, and for a center
/// with an IVR the callers entering it (some of whom never reach a queue).
Forecast forecast(const run::RunInputs& inputs);

}  // namespace callsim::report
