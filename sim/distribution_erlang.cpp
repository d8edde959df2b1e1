/// \file
/// erlang: durations made of k exponential phases of equal mean (cv = 1/sqrt(k)); set by k
/// and either the mean of one phase (scale) or the total mean.

#include <algorithm>
#include <cmath>

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace {

/// The largest k accepted: each draw takes k uniforms. The scenario loader caps plain
/// numbers at the same 1000.
constexpr double kMaxPhases = 1000;

/// Uniforms multiplied before one log: each is at least 2^-53, so a product of 16 is at
/// least 2^-848, still a normal double (no underflow, no loss of precision).
constexpr int kChunk = 16;

// param(0) = scale (the mean of one phase, seconds), param(1) = k. A sum of k exponentials,
// -scale * log(u_1 ... u_k), from exactly k of the stream's uniforms (Boost's gamma would
// draw a variable number): the same k uniforms for any scale, and k = 1 gives the same
// draws as exponential. The logs are taken per chunk of kChunk uniforms.
double sample(const Distribution& d, RandomStream& stream) {
  const auto k = static_cast<int>(d.param(1));
  double log_sum = 0;
  for (int drawn = 0; drawn < k;) {
    const int chunk_end = std::min(k, drawn + kChunk);
    double product = 1;
    for (; drawn < chunk_end; ++drawn) product *= stream.uniform01();
    log_sum += std::log(product);
  }
  return -d.param(0) * log_sum;
}

/// `k`: present, a whole number from 1 to kMaxPhases.
double phases(const DistributionParams& params) {
  const auto it = params.scalars.find("k");
  if (it == params.scalars.end()) throw DistributionError("erlang needs 'k' (a whole number of phases such as 3)");
  const double k = it->second;
  if (!std::isfinite(k) || k < 1 || k != std::floor(k)) {
    throw DistributionError("erlang 'k' must be a whole number of phases, at least 1, got " +
                            detail::format_param(k, false));
  }
  if (k > kMaxPhases) {
    throw DistributionError("erlang 'k' must be at most 1000 (each draw adds k phases), got " +
                            detail::format_param(k, false));
  }
  return k;
}

Distribution make_erlang(const DistributionParams& params) {
  const double k = phases(params);
  const bool has_scale = params.scalars.contains("scale");
  const bool has_mean = params.scalars.contains("mean");
  if (has_scale && has_mean) throw DistributionError("erlang takes 'scale' or 'mean', not both");
  if (!has_scale && !has_mean) throw DistributionError("erlang needs 'scale' or 'mean' (a duration such as 180s)");
  const double scale = has_scale ? detail::positive_duration(params, "erlang", "scale")
                                 : detail::positive_duration(params, "erlang", "mean") / k;
  const double mean = has_mean ? params.scalars.find("mean")->second : scale * k;
  if (!std::isfinite(mean) || !(scale > 0)) {
    throw DistributionError("erlang 'k' " + detail::format_param(k, false) + " puts the " +
                            (has_scale ? "mean" : "scale") + " out of range");
  }
  return {"erlang", &sample, mean, scale, k};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{"erlang",
                                                "durations of k exponential phases in a row (cv = 1/sqrt(k)); "
                                                "give k and either scale or mean",
                                                {{"k", false, false, "number of phases: a whole number, 1 to 1000"},
                                                 {"scale", true, false, "mean time of one phase; or give mean"},
                                                 {"mean", true, false, "mean time of all k phases; or give scale"}},
                                                &make_erlang}));

}  // namespace callsim::sim
