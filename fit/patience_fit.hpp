#pragma once
/// \file
/// Caller patience estimated from the waits in a call log, for `callsim fit`. A log only
/// shows the patience of callers who abandoned; a caller who was answered (or still waiting
/// when the log ends) was at least as patient as the wait we saw, so that wait is a
/// right-censored observation. Averaging the abandoners' waits alone underestimates patience,
/// badly when service is good (few abandon, and only the impatient), hence the censored
/// estimators here: the Kaplan-Meier curve to show the data, and censored maximum-likelihood
/// fits of an exponential and a Weibull, one of which becomes the scenario's patience.

#include <cstddef>
#include <string>
#include <vector>

namespace callsim::fit {

/// One entry per queued call: its time in queue (seconds, >= 0) and whether it ended by
/// abandoning. `abandoned[i] == false` means censored at `times[i]`: answered, or still
/// waiting when the log ends. Calls that never queued (answered at once) may be included
/// with time 0 and abandoned false; they carry no information on patience and change nothing.
struct CensoredSample {
  std::vector<double> times;
  std::vector<bool> abandoned;  ///< same length as `times`
};

/// The Kaplan-Meier curve at one distinct abandonment time.
struct SurvivalStep {
  double time = 0;
  double survival = 1;      ///< estimated P(patience > time): the value just after the step
  std::size_t at_risk = 0;  ///< calls still waiting just before `time` (those censored at `time` included)
  std::size_t events = 0;   ///< abandonments at exactly `time`
};

/// The product-limit (Kaplan-Meier) estimate of the patience survival function, one step
/// per distinct abandonment time, in increasing time. At equal times abandonments count
/// before censorings (the usual convention: a call answered at the very second others
/// hung up was still at risk of hanging up then). An empty sample gives no steps.
/// Throws std::invalid_argument on mismatched lengths or on a time that is negative or not finite.
std::vector<SurvivalStep> kaplan_meier(const CensoredSample& sample);

/// The Kaplan-Meier survival at `t`: the right-continuous step function, 1 before the first step.
/// After the last step it stays at the last value: the curve says nothing beyond the data.
double km_survival_at(const std::vector<SurvivalStep>& steps, double t);

/// The Kaplan-Meier p-quantile of patience (p in (0, 1); 0.5 = median patience): the first
/// step time where the estimated P(patience <= t) reaches p. Infinity when the curve never
/// gets that low, which heavy censoring makes common (most callers were answered before
/// they ran out of patience: the quantile is beyond what the log can show).
/// Throws std::invalid_argument when p is not in (0, 1).
double km_quantile(const std::vector<SurvivalStep>& steps, double p);

struct ExponentialFit {
  double mean = 0;            ///< seconds
  double log_likelihood = 0;  ///< censored log-likelihood at the MLE (see fit_weibull_censored for the data convention)
  std::size_t events = 0;     ///< abandonments
};

/// Censored MLE of an exponential patience: mean = (sum of all times in queue) / (number
/// of abandonments). Abandonments at time 0 count at the small positive time that
/// fit_weibull_censored uses, so that the two log-likelihoods are of the same data and their
/// ratio is valid (it changes the mean by a negligible amount).
/// Throws std::invalid_argument on an empty or invalid sample, when no call abandoned (the
/// mean is then unbounded: nothing in the log limits it), or when every time is 0.
ExponentialFit fit_exponential_censored(const CensoredSample& sample);

struct WeibullFit {
  double shape = 1;
  double scale = 0;           ///< seconds
  double mean = 0;            ///< scale * Gamma(1 + 1/shape); infinite for tiny shapes
  double log_likelihood = 0;  ///< censored log-likelihood at the MLE
  bool converged = false;     ///< false: the shape ran into kWeibullShapeMin or kWeibullShapeMax
};

/// The shape search range. Outside it the Weibull is no use to a planner (shapes below
/// 0.01 have astronomically large means; above 100 patience is a fixed deadline), and data
/// that drive the MLE there (e.g. a single abandonment at the longest wait) are degenerate.
inline constexpr double kWeibullShapeMin = 0.01;
inline constexpr double kWeibullShapeMax = 100;

/// Censored MLE of a Weibull patience: sum over abandonments of log f(t), over censored
/// calls of log S(t). The scale has a closed form given the shape, so the shape solves the
/// one-dimensional score equation of the profile likelihood (a safeguarded Newton iteration
/// in a bracket; the score is strictly decreasing in the shape, so the root is unique).
///
/// Abandonments at time 0 (callers who hang up on hearing they must wait, or waits below the
/// log's resolution) are counted at half the smallest positive time in the sample: with
/// shape < 1 the Weibull density is infinite at 0, so a single exact 0 would drive the
/// shape to 0 and the likelihood to infinity. A 0 in a log means "less than the log's
/// resolution", and half the smallest positive time is the middle of that first interval.
/// Censored times of 0 contribute log S(0) = 0 and need no such care.
/// Throws std::invalid_argument as fit_exponential_censored.
WeibullFit fit_weibull_censored(const CensoredSample& sample);

/// The Weibull is written to the scenario only when the likelihood ratio test rejects the
/// exponential at 1% (chi-square with 1 degree of freedom) AND its shape differs from 1 by
/// more than kShapeDifference: with the tens of thousands of calls of a month's log, the
/// test alone rejects the exponential for shapes a planner could never tell from 1, and the
/// exponential is the simpler scenario (one number, memoryless).
inline constexpr double kChiSquare1Percent = 6.635;
inline constexpr double kShapeDifference = 0.05;

struct PatienceFit {
  std::string distribution;  ///< "exponential" or "weibull": the one written to the scenario
  ExponentialFit exponential;
  WeibullFit weibull;
  double likelihood_ratio = 0;  ///< 2 * (weibull ll - exponential ll), >= 0 (the exponential is nested)
  double naive_mean = 0;  ///< mean wait of the abandoners only: biased low, reported to show why censoring matters
  std::size_t observations = 0;
  std::size_t abandonments = 0;
  std::vector<SurvivalStep> kaplan_meier;
};

/// Both fits, the Kaplan-Meier curve, and the choice: "weibull" when the likelihood ratio
/// exceeds kChiSquare1Percent, |shape - 1| > kShapeDifference and the Weibull fit converged;
/// otherwise "exponential". Throws std::invalid_argument as fit_exponential_censored.
PatienceFit fit_patience(const CensoredSample& sample);

}  // namespace callsim::fit
