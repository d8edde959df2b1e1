/// \file
/// exponential: memoryless durations (cv = 1), the classic Erlang-C assumption.

#include <cmath>

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace {

// Inversion (one uniform per draw, monotone in u) keeps draws coupled across scenarios
// that differ only in the mean, which tightens common-random-number comparisons.
double sample(const Distribution& d, RandomStream& stream) { return -d.param(0) * std::log(stream.uniform01()); }

Distribution make_exponential(const DistributionParams& params) {
  const double mean = detail::positive_duration(params, "exponential", "mean");
  return {"exponential", &sample, mean, mean};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{"exponential",
                                                "memoryless durations (cv = 1) with the given mean",
                                                {{"mean", true, false, "mean time"}},
                                                &make_exponential}));

}  // namespace callsim::sim
