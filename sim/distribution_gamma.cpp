/// \file
/// gamma: durations with any cv around a mean; shape k = 1/cv^2, scale = mean/k.

#include <cmath>

#include <boost/random/gamma_distribution.hpp>

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace {

// param(0) = shape k, param(1) = scale (seconds). Boost's rejection sampler (not std::, whose
// output differs between standard libraries); it draws a variable number of uniforms, so
// unlike the inversion-based distributions it does not couple draws across parameters.
// Building it per draw is cheap (one exp/divide) and keeps Distribution a flat value.
double sample(const Distribution& d, RandomStream& stream) {
  return boost::random::gamma_distribution<double>(d.param(0), d.param(1))(stream);
}

Distribution make_gamma(const DistributionParams& params) {
  const double mean = detail::positive_duration(params, "gamma", "mean");
  const double cv = detail::positive_number(params, "gamma", "cv");
  const double shape = 1 / (cv * cv);
  const double scale = mean / shape;
  // Extreme cv over- or underflows the shape (cv 1e-200 gives an infinite shape).
  if (!std::isfinite(shape) || !(shape > 0) || !std::isfinite(scale) || !(scale > 0)) {
    throw DistributionError("gamma 'cv' is out of range for mean " + detail::format_param(mean, true) + ", got " +
                            detail::format_param(cv, false));
  }
  return {"gamma", &sample, mean, shape, scale};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{
    "gamma",
    "durations with the given mean and coefficient of variation (shape 1/cv^2)",
    {{"mean", true, false, "mean time"}, {"cv", false, false, "coefficient of variation: std dev / mean"}},
    &make_gamma}));

}  // namespace callsim::sim
