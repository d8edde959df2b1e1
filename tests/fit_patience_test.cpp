#include "fit/patience_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

// Synthetic samples come from std:: distributions at fixed seeds. Their draws differ between
// standard libraries, so no test compares with numbers of one library's draws: every
// tolerance is a few standard errors of the estimate, valid for any stream.

namespace {

using callsim::fit::CensoredSample;
using callsim::fit::fit_exponential_censored;
using callsim::fit::fit_patience;
using callsim::fit::fit_weibull_censored;
using callsim::fit::kaplan_meier;
using callsim::fit::km_quantile;
using callsim::fit::km_survival_at;

/// Patience drawn by `patience`, censored by an independent exponential wait for an agent
/// (the time until the call would have been answered) of mean `mean_answer`.
template <typename Patience>
CensoredSample censored_sample(std::uint64_t seed, std::size_t n, Patience patience, double mean_answer) {
  std::mt19937_64 random(seed);
  std::exponential_distribution<double> answer(1 / mean_answer);
  CensoredSample sample;
  for (std::size_t i = 0; i < n; ++i) {
    const double p = patience(random);
    const double a = answer(random);
    sample.times.push_back(std::min(p, a));
    sample.abandoned.push_back(p < a);
  }
  return sample;
}

/// The censored Weibull log-likelihood, written out from its definition (not from the code
/// under test): log f(t) = log k - log s + (k - 1) log(t / s) - (t / s)^k for an
/// abandonment, log S(t) = -(t / s)^k for a censored wait.
double weibull_log_likelihood(const CensoredSample& sample, double shape, double scale) {
  double ll = 0;
  for (std::size_t i = 0; i < sample.times.size(); ++i) {
    const double z = sample.times[i] / scale;
    if (sample.abandoned[i]) ll += std::log(shape / scale) + (shape - 1) * std::log(z);
    ll -= std::pow(z, shape);
  }
  return ll;
}

/// Standard errors of (shape, scale) from the observed information: the inverse of minus the
/// Hessian of the log-likelihood at the estimate, by central differences.
std::pair<double, double> weibull_standard_errors(const CensoredSample& sample, double shape, double scale) {
  const double hk = 1e-4 * shape;
  const double hs = 1e-4 * scale;
  const auto ll = [&](double k, double s) { return weibull_log_likelihood(sample, k, s); };
  const double center = ll(shape, scale);
  const double kk = (ll(shape + hk, scale) - 2 * center + ll(shape - hk, scale)) / (hk * hk);
  const double ss = (ll(shape, scale + hs) - 2 * center + ll(shape, scale - hs)) / (hs * hs);
  const double ks = (ll(shape + hk, scale + hs) - ll(shape + hk, scale - hs) - ll(shape - hk, scale + hs) +
                     ll(shape - hk, scale - hs)) /
                    (4 * hk * hs);
  const double det = kk * ss - ks * ks;  // of the Hessian; the information is its negative
  return {std::sqrt(-ss / det), std::sqrt(-kk / det)};
}

/// Every call abandons, at the midpoint quantiles of a Weibull: a sample without sampling
/// noise, whose fit lands near (shape, scale) whatever the standard library.
CensoredSample quantile_sample(std::size_t n, double shape, double scale) {
  CensoredSample sample;
  for (std::size_t i = 0; i < n; ++i) {
    const double p = (static_cast<double>(i) + 0.5) / static_cast<double>(n);
    sample.times.push_back(scale * std::pow(-std::log1p(-p), 1 / shape));
    sample.abandoned.push_back(true);
  }
  return sample;
}

}  // namespace

TEST_CASE("Kaplan-Meier matches the product-limit values worked by hand, ties included", "[fit_patience]") {
  // Waits (A = abandoned, C = censored): 2A, 3A, 3C, 5A, 5A, 8C, given out of order.
  //   t = 2: 6 at risk, 1 abandons:                         S = 5/6
  //   t = 3: 5 at risk (the call censored at 3 counts), 1:   S = 5/6 * 4/5 = 2/3
  //          (were censorings counted first, 4 at risk: S = 5/6 * 3/4 = 0.625)
  //   t = 5: 3 at risk (5, 5, 8), 2 abandon:                 S = 2/3 * 1/3 = 2/9
  //   t = 8: censored, no step.
  const CensoredSample sample{{5, 8, 3, 2, 5, 3}, {true, false, false, true, true, true}};
  const auto steps = kaplan_meier(sample);
  REQUIRE(steps.size() == 3);
  CHECK(steps[0].time == 2);
  CHECK(steps[0].at_risk == 6);
  CHECK(steps[0].events == 1);
  CHECK(steps[0].survival == Approx(5.0 / 6).epsilon(1e-12));
  CHECK(steps[1].time == 3);
  CHECK(steps[1].at_risk == 5);
  CHECK(steps[1].events == 1);
  CHECK(steps[1].survival == Approx(2.0 / 3).epsilon(1e-12));
  CHECK(steps[2].time == 5);
  CHECK(steps[2].at_risk == 3);
  CHECK(steps[2].events == 2);
  CHECK(steps[2].survival == Approx(2.0 / 9).epsilon(1e-12));

  CHECK(km_survival_at(steps, 0) == 1);
  CHECK(km_survival_at(steps, 1.999) == 1);
  CHECK(km_survival_at(steps, 2) == Approx(5.0 / 6).epsilon(1e-12));
  CHECK(km_survival_at(steps, 4.9) == Approx(2.0 / 3).epsilon(1e-12));
  CHECK(km_survival_at(steps, 1000) == Approx(2.0 / 9).epsilon(1e-12));
  CHECK(km_quantile(steps, 0.1) == 2);         // 1 - 5/6 = 0.167 >= 0.1 at t = 2
  CHECK(km_quantile(steps, 0.5) == 5);         // 1 - 2/3 = 0.333 < 0.5 until t = 5
  CHECK(std::isinf(km_quantile(steps, 0.9)));  // 1 - 2/9 = 0.778: the curve never gets there
  CHECK_THROWS_AS(km_quantile(steps, 1), std::invalid_argument);
}

TEST_CASE("Kaplan-Meier without censoring is the empirical survival function", "[fit_patience]") {
  std::mt19937_64 random(20240611);
  std::exponential_distribution<double> patience(1.0 / 60);
  CensoredSample sample;
  for (int i = 0; i < 500; ++i) {
    sample.times.push_back(std::round(patience(random)));  // whole seconds: many ties
    sample.abandoned.push_back(true);
  }
  std::vector<double> distinct = sample.times;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

  const auto steps = kaplan_meier(sample);
  REQUIRE(steps.size() == distinct.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto longer =
        std::count_if(sample.times.begin(), sample.times.end(), [&](double t) { return t > distinct[i]; });
    CHECK(steps[i].time == distinct[i]);
    CHECK(steps[i].survival == Approx(static_cast<double>(longer) / 500).margin(1e-12));
  }
  CHECK(km_quantile(steps, 0.5) == Approx(60 * std::log(2.0)).margin(10));  // SE of the median ~ 3.8 s
}

TEST_CASE("Censored exponential MLE recovers the true mean patience where the abandoners' mean is far too low",
          "[fit_patience]") {
  // Patience exp(mean 300 s), answered after exp(mean 200 s): 40% abandon. The wait of an
  // abandoner is the minimum of the two, of mean 1 / (1/300 + 1/200) = 120 s.
  const auto sample = censored_sample(20240612, 20000, std::exponential_distribution<double>(1.0 / 300), 200);
  const auto fit = fit_exponential_censored(sample);
  const double se = fit.mean / std::sqrt(static_cast<double>(fit.events));
  CHECK(fit.events == Approx(8000).margin(4 * std::sqrt(20000 * 0.4 * 0.6)));
  CHECK(std::abs(fit.mean - 300) < 4 * se);

  double total = 0;
  for (const double t : sample.times) total += t;
  const double d = static_cast<double>(fit.events);
  CHECK(fit.log_likelihood == Approx(-d * std::log(fit.mean) - total / fit.mean).epsilon(1e-12));

  const auto patience = fit_patience(sample);
  CHECK(patience.distribution == "exponential");
  CHECK(patience.abandonments == fit.events);
  CHECK(patience.observations == 20000);
  CHECK(std::abs(patience.naive_mean - 120) < 4 * 120 / std::sqrt(d));
  CHECK(patience.exponential.mean > 2 * patience.naive_mean);
}

TEST_CASE("Censored Weibull MLE recovers shape and scale within a few standard errors", "[fit_patience]") {
  // Shape 0.7, scale 250 s, answered after exp(mean 200 s): about 9,600 abandonments of
  // 20,000, which puts the standard errors near 0.8% for the shape and 1.6% for the scale.
  const auto sample = censored_sample(20240613, 20000, std::weibull_distribution<double>(0.7, 250), 200);
  const auto fit = fit_weibull_censored(sample);
  REQUIRE(fit.converged);
  const auto [se_shape, se_scale] = weibull_standard_errors(sample, fit.shape, fit.scale);
  CHECK(se_shape == Approx(0.0055).epsilon(0.3));  // sanity of the test's own error estimate
  CHECK(std::abs(fit.shape - 0.7) < 4 * se_shape);
  CHECK(std::abs(fit.scale - 250) < 4 * se_scale);
  CHECK(fit.mean == Approx(fit.scale * std::tgamma(1 + 1 / fit.shape)).epsilon(1e-12));

  // The estimate is the maximum of the likelihood as written in this test: same value, and
  // no better point nearby.
  const double ll = weibull_log_likelihood(sample, fit.shape, fit.scale);
  CHECK(fit.log_likelihood == Approx(ll).epsilon(1e-10));
  for (const double dk : {-1e-3, 1e-3}) {
    for (const double ds : {-1e-3, 0.0, 1e-3}) {
      CHECK(weibull_log_likelihood(sample, fit.shape * (1 + dk), fit.scale * (1 + ds)) < ll);
    }
  }
}

TEST_CASE("Exponential patience data mostly keep the exponential", "[fit_patience]") {
  // The likelihood ratio test alone would pick the Weibull about 1% of the time; the shape
  // margin of 0.05 (about 3.5 standard errors at n = 2000) makes it rarer still.
  int exponential = 0;
  for (std::uint64_t replication = 0; replication < 20; ++replication) {
    const auto sample =
        censored_sample(20240614 + replication, 2000, std::exponential_distribution<double>(1.0 / 300), 200);
    exponential += fit_patience(sample).distribution == "exponential" ? 1 : 0;
  }
  CHECK(exponential >= 18);
}

TEST_CASE("Weibull patience data with shape 0.6 choose the Weibull", "[fit_patience]") {
  const auto sample = censored_sample(20240615, 5000, std::weibull_distribution<double>(0.6, 200), 200);
  const auto fit = fit_patience(sample);
  CHECK(fit.distribution == "weibull");
  CHECK(fit.likelihood_ratio > callsim::fit::kChiSquare1Percent);
  CHECK(fit.weibull.shape == Approx(0.6).margin(0.05));
  CHECK(fit.likelihood_ratio == Approx(2 * (fit.weibull.log_likelihood - fit.exponential.log_likelihood)));
}

TEST_CASE("The Weibull needs both a significant likelihood ratio and a shape a planner would notice",
          "[fit_patience]") {
  // 30 calls of shape 0.8: the shape is visibly below 1 but the data cannot tell (LR about 2).
  const auto few = fit_patience(quantile_sample(30, 0.8, 200));
  CHECK(std::abs(few.weibull.shape - 1) > callsim::fit::kShapeDifference);
  CHECK(few.likelihood_ratio < callsim::fit::kChiSquare1Percent);
  CHECK(few.distribution == "exponential");
  // 20,000 calls of shape 1.04: the test is sure (LR about 50) but no planner would see it.
  const auto many = fit_patience(quantile_sample(20000, 1.04, 200));
  CHECK(many.weibull.shape == Approx(1.04).margin(0.005));
  CHECK(many.likelihood_ratio > callsim::fit::kChiSquare1Percent);
  CHECK(many.distribution == "exponential");
  // Both at once: 2,000 calls of shape 0.9.
  const auto both = fit_patience(quantile_sample(2000, 0.9, 200));
  CHECK(both.weibull.shape == Approx(0.9).margin(0.01));
  CHECK(both.weibull.scale == Approx(200).epsilon(0.01));
  CHECK(both.distribution == "weibull");
}

TEST_CASE("Weibull fit survives balks at time 0 without NaN", "[fit_patience]") {
  // Waits in whole seconds, as logs give them (those under half a second become 0), plus
  // 30 balks: callers who hung up on hearing the queue message.
  auto sample = censored_sample(20240616, 2000, std::weibull_distribution<double>(0.7, 250), 200);
  for (double& t : sample.times) t = std::round(t);
  for (int i = 0; i < 30; ++i) {
    sample.times.push_back(0);
    sample.abandoned.push_back(true);
  }
  std::size_t zero_abandonments = 0;
  for (std::size_t i = 0; i < sample.times.size(); ++i)
    zero_abandonments += sample.times[i] == 0 && sample.abandoned[i];
  REQUIRE(zero_abandonments >= 30);

  const auto fit = fit_patience(sample);
  CHECK(fit.weibull.converged);
  CHECK(std::isfinite(fit.weibull.shape));
  CHECK(std::isfinite(fit.weibull.scale));
  CHECK(std::isfinite(fit.weibull.mean));
  CHECK(std::isfinite(fit.weibull.log_likelihood));
  CHECK(std::isfinite(fit.likelihood_ratio));
  // 30 extra abandonments at 0.5 s among about 1,000 pull the shape down a little (its
  // standard error is about 0.02), not to 0.
  CHECK(fit.weibull.shape > 0.55);
  CHECK(fit.weibull.shape < 0.75);

  // Both likelihoods see an abandonment at 0 at half the smallest positive time, 1 s.
  double total = static_cast<double>(zero_abandonments) * 0.5;
  for (const double t : sample.times) total += t;
  CHECK(fit.exponential.mean == Approx(total / static_cast<double>(fit.abandonments)).epsilon(1e-12));
  REQUIRE(!fit.kaplan_meier.empty());
  CHECK(fit.kaplan_meier.front().time == 0);
  CHECK(fit.kaplan_meier.front().events == zero_abandonments);
  CHECK(fit.kaplan_meier.front().at_risk == sample.times.size());
}

TEST_CASE("A Weibull driven to its shape bound is reported unconverged and not chosen", "[fit_patience]") {
  // One abandonment, at the longest wait: the likelihood grows without end as the shape
  // grows (patience "exactly 10 s"), a fit no log of four calls supports.
  const CensoredSample sample{{1, 2, 3, 10}, {false, false, false, true}};
  const auto fit = fit_patience(sample);
  CHECK_FALSE(fit.weibull.converged);
  CHECK(fit.weibull.shape == callsim::fit::kWeibullShapeMax);
  CHECK(std::isfinite(fit.weibull.log_likelihood));
  CHECK(fit.distribution == "exponential");
  CHECK(fit.exponential.mean == Approx(16));
}

TEST_CASE("Patience fits reject samples they cannot estimate from", "[fit_patience]") {
  CHECK_THROWS_AS(fit_patience(CensoredSample{}), std::invalid_argument);
  CHECK_THROWS_AS(fit_patience(CensoredSample{{10, 20, 30}, {false, false, false}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_exponential_censored(CensoredSample{{10, 20}, {false, false}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_weibull_censored(CensoredSample{{10, 20}, {false, false}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_patience(CensoredSample{{0, 0}, {true, false}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_patience(CensoredSample{{10, 20}, {true}}), std::invalid_argument);
  CHECK_THROWS_AS(fit_patience(CensoredSample{{10, -1}, {true, true}}), std::invalid_argument);
  CHECK_THROWS_AS(kaplan_meier(CensoredSample{{10, std::nan("")}, {true, true}}), std::invalid_argument);
  CHECK_THROWS_WITH(fit_patience(CensoredSample{{10, 20, 30}, {false, false, false}}),
                    Catch::Contains("no queued call abandoned"));
  CHECK(kaplan_meier(CensoredSample{}).empty());
}
