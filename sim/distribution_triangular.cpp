/// \file
/// triangular: durations between min and max, most often near mode (a planner's
/// three-point estimate: shortest, typical, longest).

#include <cmath>

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace {

// param(0) = min, param(1) = mode, param(2) = max (seconds), param(3) = F(mode) =
// (mode - min) / (max - min). Inversion: one uniform per draw, monotone in u. Below F(mode)
// the CDF is (x - min)^2 / ((max - min)(mode - min)), above it 1 - (max - x)^2 / ((max -
// min)(max - mode)). With mode = min, F(mode) = 0 and only the upper branch is taken; with
// mode = max, F(mode) = 1 and uniform01() < 1, so only the lower one.
double sample(const Distribution& d, RandomStream& stream) {
  const double u = stream.uniform01();
  const double min = d.param(0);
  const double mode = d.param(1);
  const double max = d.param(2);
  if (u < d.param(3)) return min + std::sqrt(u * (max - min) * (mode - min));
  return max - std::sqrt((1 - u) * (max - min) * (max - mode));
}

Distribution make_triangular(const DistributionParams& params) {
  const double min = detail::non_negative_duration(params, "triangular", "min");
  const double mode = detail::non_negative_duration(params, "triangular", "mode");
  const double max = detail::non_negative_duration(params, "triangular", "max");
  if (mode < min) {
    throw DistributionError("triangular 'mode' must be at least 'min' (" + detail::format_param(min, true) + "), got " +
                            detail::format_param(mode, true));
  }
  if (max < mode) {
    throw DistributionError("triangular 'max' must be at least 'mode' (" + detail::format_param(mode, true) +
                            "), got " + detail::format_param(max, true));
  }
  if (max <= min) {
    throw DistributionError("triangular 'max' must be greater than 'min' (" + detail::format_param(min, true) +
                            "), got " + detail::format_param(max, true));
  }
  return {"triangular", &sample, (min + mode + max) / 3, min, mode, max, (mode - min) / (max - min)};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{"triangular",
                                                "durations between min and max, most often near mode "
                                                "(a three-point estimate)",
                                                {{"min", true, false, "shortest time (at least 0)"},
                                                 {"mode", true, false, "most likely time (min <= mode <= max)"},
                                                 {"max", true, false, "longest time (greater than min)"}},
                                                &make_triangular}));

}  // namespace callsim::sim
