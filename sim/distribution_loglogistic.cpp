/// \file
/// loglogistic: right-skewed durations with a heavy, power-law tail (P(X > x) ~ x^-shape);
/// set by shape and either its scale (the median) or its mean.

#include <cmath>
#include <numbers>

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace {

// param(0) = scale (seconds), param(1) = 1 / shape. Inversion of F(x) = 1 / (1 + (x /
// scale)^-shape): one uniform per draw, monotone in u. uniform01() is never 0 or 1, so
// u / (1 - u) is finite and positive.
double sample(const Distribution& d, RandomStream& stream) {
  const double u = stream.uniform01();
  return d.param(0) * std::pow(u / (1 - u), d.param(1));
}

Distribution make_loglogistic(const DistributionParams& params) {
  const double shape = detail::positive_number(params, "loglogistic", "shape");
  if (shape <= 1) {
    throw DistributionError("loglogistic 'shape' must be greater than 1, or the mean is infinite, got " +
                            detail::format_param(shape, false));
  }
  const bool has_scale = params.scalars.contains("scale");
  const bool has_mean = params.scalars.contains("mean");
  if (has_scale && has_mean) throw DistributionError("loglogistic takes 'scale' or 'mean', not both");
  if (!has_scale && !has_mean) {
    throw DistributionError("loglogistic needs 'scale' or 'mean' (a duration such as 180s)");
  }
  // mean = scale * b / sin(b) with b = pi / shape, in (0, pi) for shape > 1; it grows
  // without bound as shape approaches 1.
  const double b = std::numbers::pi / shape;
  const double mean_per_scale = b / std::sin(b);
  if (!std::isfinite(mean_per_scale) || !(mean_per_scale > 0)) {
    throw DistributionError("loglogistic 'shape' is too close to 1 for a finite mean, got " +
                            detail::format_param(shape, false));
  }
  const double scale = has_scale ? detail::positive_duration(params, "loglogistic", "scale")
                                 : detail::positive_duration(params, "loglogistic", "mean") / mean_per_scale;
  const double mean = has_mean ? params.scalars.find("mean")->second : scale * mean_per_scale;
  if (!std::isfinite(mean) || !(scale > 0)) {
    throw DistributionError("loglogistic 'shape' " + detail::format_param(shape, false) + " puts the " +
                            (has_scale ? "mean" : "scale") + " out of range");
  }
  return {"loglogistic", &sample, mean, scale, 1 / shape};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{
    "loglogistic",
    "right-skewed durations with a power-law tail; give shape (above 1) and either scale or mean",
    {{"shape", false, false, "shape (greater than 1; above 2 for a finite variance)"},
     {"scale", true, false, "scale (the median); or give mean"},
     {"mean", true, false, "mean time; or give scale"}},
    &make_loglogistic}));

}  // namespace callsim::sim
