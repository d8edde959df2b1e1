#include "fit/service_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>
#include <catch2/catch.hpp>

// Synthetic samples come from std:: distributions at fixed seeds; every tolerance is a few
// standard errors of the estimate (worked out in each test), so any library's stream passes.

namespace {

using callsim::fit::fit_service;
using callsim::fit::kEmpiricalPoints;
using callsim::fit::ServiceFitOptions;

constexpr std::size_t kCalls = 20000;

/// A lognormal with the given mean and cv: sigma^2 = log(1 + cv^2), mu = log(mean) - sigma^2 / 2.
std::lognormal_distribution<double> lognormal(double mean, double cv) {
  const double sigma2 = std::log1p(cv * cv);
  return std::lognormal_distribution<double>(std::log(mean) - sigma2 / 2, std::sqrt(sigma2));
}

template <typename Distribution>
std::vector<double> draws(std::uint64_t seed, std::size_t n, Distribution distribution) {
  std::mt19937_64 random(seed);
  std::vector<double> values(n);
  for (double& v : values) v = distribution(random);
  return values;
}

}  // namespace

TEST_CASE("Service fit reports the sample's mean, cv, median and midpoint quantiles", "[fit_service]") {
  const auto fit = fit_service({150, 30, 400, 90, 60});
  CHECK(fit.observations == 5);
  CHECK(fit.mean == Approx(146));
  CHECK(fit.median == 90);
  // Sample std dev with n - 1: squares of deviations 16 + 13456 + 64516 + 3136 + 7396 = 88520.
  CHECK(fit.cv == Approx(std::sqrt(88520.0 / 4) / 146).epsilon(1e-12));
  // Five calls are far from the 0.03 acceptance distance.
  CHECK(fit.distribution == "empirical");
  REQUIRE(fit.quantiles.size() == kEmpiricalPoints);
  CHECK(fit.quantiles.front() == 30);  // position 0.005 * 5 - 0.5 < 0: the smallest value
  CHECK(fit.quantiles.back() == 400);
  CHECK(fit.quantiles[50] == Approx(90 + (0.505 * 5 - 0.5 - 2) * 60));  // position 2.025: between 90 and 150
}

TEST_CASE("Service fit matches the lognormal and gamma MLEs and KS distances worked out independently",
          "[fit_service]") {
  // In the first sample the largest KS gap is just above a step of the sample's CDF, in the
  // second just below one (the short call of 10 s): both sides must be looked at.
  for (std::vector<double> sample : {std::vector<double>{150, 30, 400, 90, 60}, {10, 200, 210, 220, 230}}) {
    const auto fit = fit_service(sample);
    const double n = static_cast<double>(sample.size());
    double mean = 0, mu = 0;
    for (const double x : sample) {
      mean += x / n;
      mu += std::log(x) / n;
    }
    double sigma2 = 0;
    for (const double x : sample) sigma2 += (std::log(x) - mu) * (std::log(x) - mu) / n;
    CHECK(fit.lognormal_mean == Approx(std::exp(mu + sigma2 / 2)).epsilon(1e-12));
    CHECK(fit.lognormal_cv == Approx(std::sqrt(std::exp(sigma2) - 1)).epsilon(1e-12));

    // The gamma shape solves log(k) - digamma(k) = log(mean) - mean(log x).
    const double shape = 1 / (fit.gamma_cv * fit.gamma_cv);
    CHECK(std::log(shape) - boost::math::digamma(shape) == Approx(std::log(mean) - mu).epsilon(1e-10));
    CHECK(fit.gamma_mean == Approx(mean).epsilon(1e-12));

    // KS: the largest gap on either side of each step of the sample's CDF.
    std::sort(sample.begin(), sample.end());
    const boost::math::lognormal_distribution<double> ln(mu, std::sqrt(sigma2));
    const boost::math::gamma_distribution<double> ga(shape, mean / shape);
    double ks_ln = 0, ks_ga = 0;
    for (std::size_t i = 0; i < sample.size(); ++i) {
      const double below = static_cast<double>(i) / n, above = static_cast<double>(i + 1) / n;
      const double f_ln = cdf(ln, sample[i]), f_ga = cdf(ga, sample[i]);
      ks_ln = std::max({ks_ln, f_ln - below, above - f_ln});
      ks_ga = std::max({ks_ga, f_ga - below, above - f_ga});
    }
    CHECK(fit.ks_lognormal == Approx(ks_ln).epsilon(1e-9));
    CHECK(fit.ks_gamma == Approx(ks_ga).epsilon(1e-9));
  }
}

TEST_CASE("Lognormal service data choose the lognormal with mean and cv within sampling error", "[fit_service]") {
  const auto fit = fit_service(draws(20240621, kCalls, lognormal(200, 1.1)));
  CHECK(fit.distribution == "lognormal");
  CHECK(fit.ks_lognormal < fit.ks_gamma);
  CHECK(fit.ks_lognormal < 0.03);
  // Delta method with sigma^2 = log(1 + 1.1^2): the MLE mean exp(mu + sigma^2/2) has relative
  // variance (sigma^2 + sigma^4 / 2) / n, the cv sqrt(e^{sigma^2} - 1) has standard error
  // e^{sigma^2} / (2 cv) * sqrt(2 / n) sigma^2.
  const double s2 = std::log1p(1.21);
  const double n = kCalls;
  const double se_mean = 200 * std::sqrt((s2 + s2 * s2 / 2) / n);
  const double se_cv = std::exp(s2) / (2 * 1.1) * std::sqrt(2 / n) * s2;
  CHECK(std::abs(fit.lognormal_mean - 200) < 4 * se_mean);
  CHECK(std::abs(fit.lognormal_cv - 1.1) < 4 * se_cv);
  CHECK(std::abs(fit.mean - 200) < 4 * 200 * 1.1 / std::sqrt(n));
  CHECK(fit.observations == kCalls);
  // The true median is exp(mu) = 200 / sqrt(1 + cv^2); its SE is about 1.25 sigma median / sqrt(n).
  const double median = 200 / std::sqrt(2.21);
  CHECK(std::abs(fit.median - median) < 4 * 1.2533 * std::sqrt(s2) * median / std::sqrt(n));
}

TEST_CASE("Gamma service data choose the gamma with mean and cv within sampling error", "[fit_service]") {
  const double shape = 1 / (0.7 * 0.7);
  const auto fit = fit_service(draws(20240622, kCalls, std::gamma_distribution<double>(shape, 180 / shape)));
  CHECK(fit.distribution == "gamma");
  CHECK(fit.ks_gamma < fit.ks_lognormal);
  CHECK(fit.ks_gamma < 0.03);
  const double n = kCalls;
  // The MLE shape has variance k / (n (k trigamma(k) - 1)); cv = k^-1/2 moves by cv / (2k) per unit of k.
  const double se_shape = std::sqrt(shape / (n * (shape * boost::math::trigamma(shape) - 1)));
  const double se_cv = 0.7 / (2 * shape) * se_shape;
  CHECK(std::abs(fit.gamma_mean - 180) < 4 * 180 * 0.7 / std::sqrt(n));
  CHECK(std::abs(fit.gamma_cv - 0.7) < 4 * se_cv);
  CHECK(fit.gamma_mean == Approx(fit.mean).epsilon(1e-12));
}

TEST_CASE("Bimodal service data fall back to empirical quantiles that keep the mean", "[fit_service]") {
  std::mt19937_64 random(20240623);
  auto quick = lognormal(30, 0.3);
  auto long_calls = lognormal(400, 0.3);
  std::vector<double> durations(kCalls);
  for (std::size_t i = 0; i < kCalls; ++i) durations[i] = i % 2 == 0 ? quick(random) : long_calls(random);
  const auto fit = fit_service(durations);
  CHECK(fit.distribution == "empirical");
  CHECK(fit.ks_lognormal > 0.03);
  CHECK(fit.ks_gamma > 0.03);
  REQUIRE(fit.quantiles.size() == kEmpiricalPoints);
  CHECK(std::is_sorted(fit.quantiles.begin(), fit.quantiles.end()));
  const double quantile_mean = std::accumulate(fit.quantiles.begin(), fit.quantiles.end(), 0.0) / kEmpiricalPoints;
  CHECK(quantile_mean == Approx(fit.mean).epsilon(0.02));
  // Half the calls are below the gap between the modes, so the median sits in it.
  CHECK(fit.median > 40);
  CHECK(fit.median < 300);
}

TEST_CASE("Short services are counted, and dropped from the fit only when asked", "[fit_service]") {
  auto durations = draws(20240624, 2000, lognormal(200, 0.5));
  durations.erase(std::remove_if(durations.begin(), durations.end(), [](double d) { return d < 10; }), durations.end());
  const std::size_t long_ones = durations.size();
  for (int i = 0; i < 50; ++i) durations.push_back(1 + i * 0.17);  // 1 .. 9.33 s
  for (int i = 0; i < 5; ++i) durations.push_back(0);
  for (int i = 0; i < 3; ++i) durations.push_back(-2);

  const auto kept = fit_service(durations);
  CHECK(kept.short_services == 58);
  CHECK(kept.observations == long_ones + 50);  // never the durations <= 0

  const auto dropped = fit_service(durations, ServiceFitOptions{10, true, 0.03});
  CHECK(dropped.short_services == 58);
  CHECK(dropped.observations == long_ones);
  CHECK(dropped.quantiles.front() >= 10);
  CHECK(dropped.mean > kept.mean);
}

TEST_CASE("Service durations that are all equal are written as empirical", "[fit_service]") {
  const auto fit = fit_service({120, 120, 120});
  CHECK(fit.distribution == "empirical");
  CHECK(fit.cv == 0);
  CHECK(fit.mean == 120);
  CHECK(std::all_of(fit.quantiles.begin(), fit.quantiles.end(), [](double q) { return q == 120; }));
}

TEST_CASE("Service fit rejects samples with fewer than two usable durations or non-finite ones", "[fit_service]") {
  CHECK_THROWS_AS(fit_service({}), std::invalid_argument);
  CHECK_THROWS_AS(fit_service({42}), std::invalid_argument);
  CHECK_THROWS_AS(fit_service({42, 0, -3}), std::invalid_argument);
  CHECK_THROWS_AS(fit_service({42, 5}, ServiceFitOptions{10, true, 0.03}), std::invalid_argument);
  CHECK_THROWS_AS(fit_service({42, std::nan(""), 60}), std::invalid_argument);
  CHECK_THROWS_AS(fit_service({42, 60}, ServiceFitOptions{10, false, -1}), std::invalid_argument);
  CHECK_THROWS_WITH(fit_service({42}), Catch::Contains("at least 2"));
  CHECK_NOTHROW(fit_service({42, 5}));
}
