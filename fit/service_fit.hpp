#pragma once
/// \file
/// The service-time distribution of a call type, fitted from the talk (or handling) times
/// in a call log, for `callsim fit`. Two parametric families the simulator knows, each by
/// maximum likelihood, and the sample's own quantiles when neither describes the data well
/// enough; the report shows all three so that a planner can see why one was chosen.
///
/// The choice rule (a decision, not a theorem): the family, lognormal or gamma, whose
/// Kolmogorov-Smirnov distance to the sample is smaller; if even that distance exceeds
/// ServiceFitOptions::ks_accept, the empirical distribution. The threshold is on the
/// distance, a practical effect size, not on a p-value: with the thousands of calls of a
/// month's log a formal KS test rejects every parametric family, including ones whose CDF
/// is within a percent of the data everywhere, which a planner has every reason to use.
/// When all kept durations are equal neither family can be written (both need cv > 0),
/// so the choice is empirical.
///
/// Logs usually give durations in whole seconds. The ties this makes add about half a
/// second's worth of probability to each KS distance, negligible for minutes-long calls but
/// not for services of a few seconds: the threshold is meant for the former.

#include <cstddef>
#include <string>
#include <vector>

namespace callsim::fit {

/// The number of equally likely values an empirical service distribution is written with:
/// enough for percent-level quantiles, few enough to keep the scenario readable.
inline constexpr std::size_t kEmpiricalPoints = 100;

struct ServiceFit {
  std::string distribution;  ///< "lognormal", "gamma" or "empirical": the one chosen
  double mean = 0;           ///< sample mean of the kept durations (seconds)
  double cv = 0;             ///< sample coefficient of variation (std dev with n - 1 / mean)
  double median = 0;
  double lognormal_mean = 0;  ///< MLE lognormal (mu, sigma of the log durations) as its mean and cv
  double lognormal_cv = 0;
  double gamma_mean = 0;  ///< MLE gamma as its mean and cv (its mean is the sample mean: a property of the MLE)
  double gamma_cv = 0;
  double ks_lognormal = 0;  ///< Kolmogorov-Smirnov distance between each fitted CDF and the sample's
  double ks_gamma = 0;
  /// kEmpiricalPoints equally likely values: the sample's midpoint quantiles at (i + 0.5) /
  /// kEmpiricalPoints, so that their mean is close to the sample mean (short of it by what the
  /// top half percent of a long tail adds). Filled whatever the choice, for the report; the
  /// scenario uses them only when `distribution` is "empirical".
  std::vector<double> quantiles;
  std::size_t observations = 0;    ///< durations kept for the fit
  std::size_t short_services = 0;  ///< durations < short_threshold, and every duration <= 0
};

struct ServiceFitOptions {
  /// Seconds. Very short "services" are often not services (transfers, hang-ups on answer,
  /// logging artefacts): they are counted so the report can show them, and dropped from the
  /// fit only with drop_short, because a center may have genuinely short calls.
  double short_threshold = 10;
  bool drop_short = false;
  double ks_accept = 0.03;  ///< the largest KS distance at which a parametric family is used
};

/// Fits the durations (seconds). Durations <= 0 cannot come from either family (and make
/// log x undefined): they are never fitted, and are counted in short_services.
/// Throws std::invalid_argument when a duration is not finite, when short_threshold is NaN or
/// ks_accept is not in [0, 1], or when fewer than 2 durations remain to fit.
ServiceFit fit_service(std::vector<double> durations, const ServiceFitOptions& options = {});

}  // namespace callsim::fit
