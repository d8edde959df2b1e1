#include "fit/service_fit.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

namespace callsim::fit {

namespace {

/// The largest |F(x) - F_n(x)| over x, for a continuous F and a sorted sample. Both sides of
/// each jump of F_n are compared, which also covers runs of tied values.
template <typename Cdf>
double ks_distance(const std::vector<double>& sorted, Cdf cdf) {
  const double n = static_cast<double>(sorted.size());
  double distance = 0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double f = cdf(sorted[i]);
    distance = std::max({distance, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return distance;
}

/// Hazen's midpoint quantile: the i-th sorted value (0-based) sits at p = (i + 0.5) / n,
/// linear in between, and the end values beyond.
double midpoint_quantile(const std::vector<double>& sorted, double p) {
  const double position =
      std::clamp(p * static_cast<double>(sorted.size()) - 0.5, 0.0, static_cast<double>(sorted.size() - 1));
  const auto below = static_cast<std::size_t>(position);
  if (below + 1 >= sorted.size()) return sorted.back();
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

/// The gamma shape k that solves log(k) - digamma(k) = s, where s = log(mean) - mean(log x) > 0.
/// Minka's closed-form approximation is within 1.5% of the root; Newton then converges in a
/// few steps. The function is convex and decreasing in k, so from below the root Newton
/// climbs to it without overshooting; from above, one step may land below 0, and halving
/// instead keeps k positive.
double gamma_shape(double s) {
  double k = (3 - s + std::sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
  // For near-constant data (k in the millions) log(k) - digamma(k) ~ 1/(2k) is computed as
  // the difference of two nearly equal numbers; the approximation is then better than Newton.
  if (!(k < 1e6)) return k;
  for (int iteration = 0; iteration < 50; ++iteration) {
    const double f = std::log(k) - boost::math::digamma(k) - s;
    const double derivative = 1 / k - boost::math::trigamma(k);
    double next = k - f / derivative;
    if (!(next > 0)) next = k / 2;
    const bool done = std::abs(next - k) <= 1e-13 * k;
    k = next;
    if (done) break;
  }
  return k;
}

}  // namespace

ServiceFit fit_service(std::vector<double> durations, const ServiceFitOptions& options) {
  if (!(options.ks_accept >= 0 && options.ks_accept <= 1)) {
    throw std::invalid_argument("service fit: ks_accept must be a distance in [0, 1], got " +
                                std::to_string(options.ks_accept));
  }
  if (std::isnan(options.short_threshold)) throw std::invalid_argument("service fit: short_threshold is not a number");
  ServiceFit fit;
  for (const double d : durations) {
    if (!std::isfinite(d)) {
      throw std::invalid_argument("service durations must be finite numbers of seconds, got " + std::to_string(d));
    }
    fit.short_services += d <= 0 || d < options.short_threshold ? 1 : 0;
  }
  // The durations are ours (taken by value): filtering and sorting them in place saves a
  // copy of what may be a month of calls.
  const std::size_t given = durations.size();
  std::erase_if(durations, [&](double d) { return d <= 0 || (options.drop_short && d < options.short_threshold); });
  std::vector<double>& kept = durations;
  if (kept.size() < 2) {
    throw std::invalid_argument("service fit needs at least 2 positive durations" +
                                std::string(options.drop_short ? " at or above the short-service threshold" : "") +
                                ", got " + std::to_string(kept.size()) + " (of " + std::to_string(given) + " given)");
  }
  std::sort(kept.begin(), kept.end());
  fit.observations = kept.size();
  const double n = static_cast<double>(kept.size());

  double sum = 0, sum_log = 0;
  for (const double d : kept) {
    sum += d;
    sum_log += std::log(d);
  }
  fit.mean = sum / n;
  const double mean_log = sum_log / n;
  // Two passes: the one-pass formula loses the variance to cancellation when cv is small.
  double squares = 0, log_squares = 0;
  for (const double d : kept) {
    squares += (d - fit.mean) * (d - fit.mean);
    log_squares += (std::log(d) - mean_log) * (std::log(d) - mean_log);
  }
  fit.cv = std::sqrt(squares / (n - 1)) / fit.mean;
  fit.median = midpoint_quantile(kept, 0.5);
  fit.quantiles.reserve(kEmpiricalPoints);
  for (std::size_t i = 0; i < kEmpiricalPoints; ++i) {
    fit.quantiles.push_back(midpoint_quantile(kept, (static_cast<double>(i) + 0.5) / kEmpiricalPoints));
  }

  if (kept.front() == kept.back()) {
    // Both fits are point masses at the sample's value, and match it exactly.
    fit.lognormal_mean = fit.gamma_mean = fit.mean;
    fit.distribution = "empirical";
    return fit;
  }

  const double sigma2 = log_squares / n;  // the MLE divides by n
  const double sigma = std::sqrt(sigma2);
  fit.lognormal_mean = std::exp(mean_log + sigma2 / 2);
  fit.lognormal_cv = std::sqrt(std::expm1(sigma2));
  fit.ks_lognormal = ks_distance(
      kept, [&](double x) { return 0.5 * std::erfc(-(std::log(x) - mean_log) / (sigma * std::sqrt(2.0))); });

  // s >= 0 by Jensen; rounding can make it 0 for data that vary by a few ulps only.
  const double s = std::log(fit.mean) - mean_log;
  const double shape = s > 0 ? gamma_shape(s) : 1 / (fit.cv * fit.cv);
  const double scale = fit.mean / shape;
  fit.gamma_mean = fit.mean;
  fit.gamma_cv = 1 / std::sqrt(shape);
  // Boost's incomplete gamma gives up (throws) for shapes far beyond any service time's,
  // e.g. durations that differ by a few ulps: the gamma is then not a fit to offer.
  try {
    fit.ks_gamma = ks_distance(kept, [&](double x) { return boost::math::gamma_p(shape, x / scale); });
  } catch (const std::exception&) {
    fit.ks_gamma = 1;
  }

  const bool lognormal = fit.ks_lognormal <= fit.ks_gamma;
  const double best = lognormal ? fit.ks_lognormal : fit.ks_gamma;
  fit.distribution = best <= options.ks_accept ? (lognormal ? "lognormal" : "gamma") : "empirical";
  return fit;
}

}  // namespace callsim::fit
