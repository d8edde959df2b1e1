/// \file
/// lognormal: right-skewed durations set by mean and cv, the usual fit for service times.

#include <algorithm>
#include <cmath>

#include "sim/distribution.hpp"
#include "sim/distribution_params.hpp"

namespace callsim::sim {

namespace detail {

/// The standard normal quantile Phi^-1(p) for p in (0, 1), to about 1e-16 relative
/// (Wichura's algorithm AS 241, PPND16, Applied Statistics 37(3), 1988). Pure double
/// arithmetic, so every platform gives the same numbers up to its log and sqrt.
double normal_quantile(double p) {
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {  // central region: one rational function in q^2
    const double r = 0.180625 - q * q;
    return q *
           (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
                4.5921953931549871457e4) *
                   r +
               1.3731693765509461125e4) *
                  r +
              1.9715909503065514427e3) *
                 r +
             1.3314166789178437745e2) *
                r +
            3.3871328727963666080) /
           (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r +
                2.1213794301586595867e4) *
                   r +
               5.3941960214247511077e3) *
                  r +
              6.8718700749205790830e2) *
                 r +
             4.2313330701600911252e1) *
                r +
            1);
  }
  // Tails: work with the smaller of p and 1 - p, which keeps full relative precision.
  double r = std::sqrt(-std::log(q < 0 ? p : 1 - p));
  double z;
  if (r <= 5) {  // |z| up to about 6.8
    r -= 1.6;
    z = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r + 2.41780725177450611770e-1) * r +
             1.27045825245236838258) *
                r +
            3.64784832476320460504) *
               r +
           5.76949722146069140550) *
              r +
          4.63033784615654529590) *
             r +
         1.42343711074968357734) /
        (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r + 1.51986665636164571966e-2) * r +
             1.48103976427480074590e-1) *
                r +
            6.89767334985100004550e-1) *
               r +
           1.67638483018380384940) *
              r +
          2.05319162663775882187) *
             r +
         1);
  } else {  // far tails, p below about 1e-11
    r -= 5;
    z = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.24266094738807843860e-3) * r +
             2.65321895265761230930e-2) *
                r +
            2.96560571828504891230e-1) *
               r +
           1.78482653991729133580) *
              r +
          5.46378491116411436990) *
             r +
         6.65790464350110377720) /
        (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r + 1.84631831751005468180e-5) * r +
             7.86869131145613259100e-4) *
                r +
            1.48753612908506148525e-2) *
               r +
           1.36929880922735805310e-1) *
              r +
          5.99832206555887937690e-1) *
             r +
         1);
  }
  return q < 0 ? -z : z;
}

}  // namespace detail

namespace {

// param(0) = mu, param(1) = sigma of log(X). Inversion rather than Boost's ziggurat: exactly
// one uniform per draw and monotone in u, so draws stay coupled across scenarios that
// change only the mean or cv (tighter common-random-number comparisons).
// The clamp: uniform01() can round to exactly 1.0 (top 53 bits all ones), where the
// quantile is NaN; 1 - 2^-53 maps to z = 8.2 instead.
double sample(const Distribution& d, RandomStream& stream) {
  const double u = std::min(stream.uniform01(), 1 - 0x1.0p-53);
  return std::exp(d.param(0) + d.param(1) * detail::normal_quantile(u));
}

Distribution make_lognormal(const DistributionParams& params) {
  const double mean = detail::positive_duration(params, "lognormal", "mean");
  const double cv = detail::positive_number(params, "lognormal", "cv");
  const double sigma2 = std::log1p(cv * cv);  // log1p: exact for small cv
  if (!std::isfinite(sigma2)) {
    throw DistributionError("lognormal 'cv' is too large, got " + detail::format_param(cv, false));
  }
  return {"lognormal", &sample, mean, std::log(mean) - sigma2 / 2, std::sqrt(sigma2)};
}

}  // namespace

CALLSIM_REGISTER_DISTRIBUTION((DistributionInfo{
    "lognormal",
    "right-skewed durations with the given mean and coefficient of variation",
    {{"mean", true, false, "mean time"}, {"cv", false, false, "coefficient of variation: std dev / mean"}},
    &make_lognormal}));

}  // namespace callsim::sim
