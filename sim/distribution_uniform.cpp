/// \file
/// uniform: durations spread evenly between min and max.

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace {

// param(0) = min, param(1) = max - min (seconds).
double sample(const Distribution& d, RandomStream& stream) { return d.param(0) + d.param(1) * stream.uniform01(); }

Distribution make_uniform(const DistributionParams& params) {
  const double min = detail::non_negative_duration(params, "uniform", "min");
  const double max = detail::non_negative_duration(params, "uniform", "max");
  if (max <= min) {
    throw DistributionError("uniform 'max' must be greater than 'min' (" + detail::format_param(min, true) + "), got " +
                            detail::format_param(max, true));
  }
  return {"uniform", &sample, min + (max - min) / 2, min, max - min};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{
    "uniform",
    "durations spread evenly between min and max",
    {{"min", true, false, "shortest time (at least 0)"}, {"max", true, false, "longest time (greater than min)"}},
    &make_uniform}));

}  // namespace callsim::sim
