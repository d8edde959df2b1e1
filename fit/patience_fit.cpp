#include "fit/patience_fit.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace callsim::fit {

namespace {

void check_sample(const CensoredSample& sample) {
  if (sample.times.size() != sample.abandoned.size()) {
    throw std::invalid_argument("patience sample has " + std::to_string(sample.times.size()) + " times but " +
                                std::to_string(sample.abandoned.size()) + " abandoned flags; they must match");
  }
  for (const double t : sample.times) {
    if (!std::isfinite(t) || t < 0) {
      throw std::invalid_argument("patience sample has a time in queue of " + std::to_string(t) +
                                  "; times must be finite and at least 0");
    }
  }
}

/// The sample as both likelihoods see it: zero-time abandonments moved to half the smallest
/// positive time (see fit_weibull_censored), after the checks every fit needs.
struct LikelihoodData {
  std::vector<double> times;
  std::vector<bool> abandoned;
  std::size_t events = 0;
  double total_time = 0;
  double max_time = 0;
};

LikelihoodData likelihood_data(const CensoredSample& sample) {
  check_sample(sample);
  if (sample.times.empty()) throw std::invalid_argument("patience sample is empty: no queued calls to fit");
  LikelihoodData data{sample.times, sample.abandoned, 0, 0, 0};
  data.events = static_cast<std::size_t>(std::count(data.abandoned.begin(), data.abandoned.end(), true));
  if (data.events == 0) {
    throw std::invalid_argument("no queued call abandoned among " + std::to_string(data.times.size()) +
                                ": patience cannot be estimated (it is longer than every wait seen, but "
                                "the log does not say by how much)");
  }
  double smallest_positive = std::numeric_limits<double>::infinity();
  for (const double t : data.times) {
    if (t > 0) smallest_positive = std::min(smallest_positive, t);
  }
  if (!std::isfinite(smallest_positive)) {
    throw std::invalid_argument("every time in queue is 0: patience cannot be estimated");
  }
  for (std::size_t i = 0; i < data.times.size(); ++i) {
    if (data.abandoned[i] && data.times[i] == 0) data.times[i] = smallest_positive / 2;
    data.total_time += data.times[i];
    data.max_time = std::max(data.max_time, data.times[i]);
  }
  return data;
}

/// The profile score of the Weibull shape and its derivative.
struct ShapeScore {
  double score = 0;       ///< d(profile log-likelihood)/dk divided by the number of events
  double derivative = 0;  ///< its derivative in k (< 0: the score falls strictly)
  double weight_sum = 0;  ///< sum of (t / max_time)^k over all calls
};

/// The Weibull likelihood profiled over the scale, as a function of the shape k. Times are
/// divided by the longest, so that t^k neither overflows for large shapes nor depends on
/// the time unit.
class WeibullProfile {
 public:
  explicit WeibullProfile(const LikelihoodData& data) : data_(data) {
    for (std::size_t i = 0; i < data.times.size(); ++i) {
      // A censored 0 has (0 / scale)^k = 0 in every term, and log 0 would make 0 * -inf.
      if (data.times[i] == 0) continue;
      const double log_u = std::log(data.times[i] / data.max_time);
      log_u_.push_back(log_u);
      if (data.abandoned[i]) mean_event_log_u_ += log_u;
    }
    mean_event_log_u_ /= static_cast<double>(data.events);
  }

  [[nodiscard]] ShapeScore at(double k) const {
    double s0 = 0, s1 = 0, s2 = 0;
    for (const double log_u : log_u_) {
      const double w = std::exp(k * log_u);
      s0 += w;
      s1 += w * log_u;
      s2 += w * log_u * log_u;
    }
    const double m1 = s1 / s0;
    const double variance = std::max(0.0, s2 / s0 - m1 * m1);
    return {1 / k + mean_event_log_u_ - m1, -1 / (k * k) - variance, s0};
  }

  /// The scale that maximises the likelihood for shape k: scale^k = sum t^k / events.
  [[nodiscard]] double scale(double k) const {
    return data_.max_time * std::pow(at(k).weight_sum / static_cast<double>(data_.events), 1 / k);
  }

 private:
  const LikelihoodData& data_;
  std::vector<double> log_u_;
  double mean_event_log_u_ = 0;
};

double weibull_log_likelihood(const LikelihoodData& data, double shape, double scale) {
  const double log_scale = std::log(scale);
  double ll = 0;
  for (std::size_t i = 0; i < data.times.size(); ++i) {
    if (data.times[i] == 0) continue;  // censored at 0: log S(0) = 0
    const double log_z = std::log(data.times[i]) - log_scale;
    if (data.abandoned[i]) ll += std::log(shape) - log_scale + (shape - 1) * log_z;
    ll -= std::exp(shape * log_z);
  }
  return ll;
}

}  // namespace

std::vector<SurvivalStep> kaplan_meier(const CensoredSample& sample) {
  check_sample(sample);
  std::vector<std::pair<double, bool>> calls;
  calls.reserve(sample.times.size());
  for (std::size_t i = 0; i < sample.times.size(); ++i) calls.emplace_back(sample.times[i], sample.abandoned[i]);
  std::sort(calls.begin(), calls.end(), [](const auto& a, const auto& b) { return a.first < b.first; });

  std::vector<SurvivalStep> steps;
  double survival = 1;
  for (std::size_t start = 0; start < calls.size();) {
    std::size_t end = start;
    std::size_t events = 0;
    for (; end < calls.size() && calls[end].first == calls[start].first; ++end) events += calls[end].second ? 1 : 0;
    // Everyone from `start` on is still waiting just before this time, those censored at it
    // included: that is the events-before-censorings rule.
    const std::size_t at_risk = calls.size() - start;
    if (events > 0) {
      survival *= 1 - static_cast<double>(events) / static_cast<double>(at_risk);
      steps.push_back({calls[start].first, survival, at_risk, events});
    }
    start = end;
  }
  return steps;
}

double km_survival_at(const std::vector<SurvivalStep>& steps, double t) {
  const auto after = std::upper_bound(steps.begin(), steps.end(), t,
                                      [](double time, const SurvivalStep& step) { return time < step.time; });
  return after == steps.begin() ? 1.0 : std::prev(after)->survival;
}

double km_quantile(const std::vector<SurvivalStep>& steps, double p) {
  if (!(p > 0 && p < 1)) throw std::invalid_argument("a patience quantile needs p in (0, 1), got " + std::to_string(p));
  // The tolerance absorbs the rounding of the product: with 4 calls and no censoring the
  // median must be the second time, where the product is 3/4 * 2/3, not quite 0.5.
  const double target = 1 - p + 1e-12;
  for (const SurvivalStep& step : steps) {
    if (step.survival <= target) return step.time;
  }
  return std::numeric_limits<double>::infinity();
}

ExponentialFit fit_exponential_censored(const CensoredSample& sample) {
  const LikelihoodData data = likelihood_data(sample);
  const double events = static_cast<double>(data.events);
  const double mean = data.total_time / events;
  // sum over events of -log(mean) - t/mean, over censored of -t/mean; the sum of t/mean is `events`.
  return {mean, -events * (std::log(mean) + 1), data.events};
}

WeibullFit fit_weibull_censored(const CensoredSample& sample) {
  const LikelihoodData data = likelihood_data(sample);
  const WeibullProfile profile(data);

  // Bracket the root from the exponential's shape outwards: the score falls strictly in k.
  double lo = 1, hi = 1;
  while (lo > kWeibullShapeMin && profile.at(lo).score <= 0) lo = std::max(kWeibullShapeMin, lo / 4);
  while (hi < kWeibullShapeMax && profile.at(hi).score > 0) hi = std::min(kWeibullShapeMax, hi * 4);

  double shape = 0;
  bool converged = false;
  if (profile.at(lo).score <= 0) {
    shape = lo;
  } else if (profile.at(hi).score > 0) {
    shape = hi;
  } else {
    // Newton converges in a handful of steps from the middle of the bracket; a step that
    // leaves the bracket (far from the root, where the score is strongly curved) is
    // replaced by bisection, so the iteration cannot diverge.
    shape = std::sqrt(lo * hi);
    for (int iteration = 0; iteration < 200 && !converged; ++iteration) {
      const ShapeScore s = profile.at(shape);
      if (s.score > 0) {
        lo = shape;
      } else {
        hi = shape;
      }
      double next = shape - s.score / s.derivative;
      if (!(next > lo && next < hi)) next = (lo + hi) / 2;
      converged = std::abs(next - shape) <= 1e-12 * shape || hi - lo <= 1e-12 * shape;
      shape = next;
    }
  }
  const double scale = profile.scale(shape);
  return {shape, scale, scale * std::tgamma(1 + 1 / shape), weibull_log_likelihood(data, shape, scale), converged};
}

PatienceFit fit_patience(const CensoredSample& sample) {
  PatienceFit fit;
  fit.exponential = fit_exponential_censored(sample);
  fit.weibull = fit_weibull_censored(sample);
  // The exponential is the Weibull with shape 1, so the ratio is >= 0 but for rounding.
  fit.likelihood_ratio = std::max(0.0, 2 * (fit.weibull.log_likelihood - fit.exponential.log_likelihood));
  const bool weibull = fit.weibull.converged && fit.likelihood_ratio > kChiSquare1Percent &&
                       std::abs(fit.weibull.shape - 1) > kShapeDifference;
  fit.distribution = weibull ? "weibull" : "exponential";
  fit.observations = sample.times.size();
  fit.abandonments = fit.exponential.events;
  double abandoner_wait = 0;
  for (std::size_t i = 0; i < sample.times.size(); ++i) abandoner_wait += sample.abandoned[i] ? sample.times[i] : 0;
  fit.naive_mean = abandoner_wait / static_cast<double>(fit.abandonments);
  fit.kaplan_meier = kaplan_meier(sample);
  return fit;
}

}  // namespace callsim::fit
