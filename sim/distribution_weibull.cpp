/// \file
/// weibull: durations whose hazard falls (shape < 1) or rises (shape > 1) with age;
/// set by shape and either its scale or its mean.

#include <cmath>

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace {

// param(0) = scale (seconds), param(1) = 1 / shape. Inversion: one uniform per draw.
double sample(const Distribution& d, RandomStream& stream) {
  return d.param(0) * std::pow(-std::log(stream.uniform01()), d.param(1));
}

Distribution make_weibull(const DistributionParams& params) {
  const double shape = detail::positive_number(params, "weibull", "shape");
  const bool has_scale = params.scalars.contains("scale");
  const bool has_mean = params.scalars.contains("mean");
  if (has_scale && has_mean) throw DistributionError("weibull takes 'scale' or 'mean', not both");
  if (!has_scale && !has_mean) throw DistributionError("weibull needs 'scale' or 'mean' (a duration such as 180s)");
  // mean = scale * Gamma(1 + 1/shape), which overflows for shapes below about 0.006.
  const double mean_per_scale = std::tgamma(1 + 1 / shape);
  if (!std::isfinite(mean_per_scale)) {
    throw DistributionError("weibull 'shape' is too small for a finite mean, got " +
                            detail::format_param(shape, false));
  }
  const double scale = has_scale ? detail::positive_duration(params, "weibull", "scale")
                                 : detail::positive_duration(params, "weibull", "mean") / mean_per_scale;
  const double mean = has_mean ? params.scalars.find("mean")->second : scale * mean_per_scale;
  if (!std::isfinite(mean) || !(scale > 0)) {
    throw DistributionError("weibull 'shape' " + detail::format_param(shape, false) + " puts the " +
                            (has_scale ? "mean" : "scale") + " out of range");
  }
  return {"weibull", &sample, mean, scale, 1 / shape};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{"weibull",
                                                "durations with a falling (shape < 1) or rising (shape > 1) "
                                                "hazard; give shape and either scale or mean",
                                                {{"shape", false, false, "shape k (1 = exponential)"},
                                                 {"scale", true, false, "scale (63rd percentile); or give mean"},
                                                 {"mean", true, false, "mean time; or give scale"}},
                                                &make_weibull}));

}  // namespace callsim::sim
