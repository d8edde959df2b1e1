#include "sim/distribution.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <catch2/catch.hpp>

#include "distribution_exact.hpp"
#include "sim/distribution_params.hpp"

namespace {

using namespace callsim::testing;
using callsim::sim::Distribution;
using callsim::sim::DistributionParams;
using callsim::sim::make_distribution;
using callsim::sim::RandomStream;

/// empirical's parameters: its one list, `values`.
DistributionParams sample_values(std::vector<double> values) { return {{}, {{"values", std::move(values)}}}; }

Exact exponential(double mean) {
  // Excess kurtosis 6, so E[(X - mean)^4] = 9 sigma^4.
  return {"exponential", scalars({{"mean", mean}}), mean,
          mean * mean,   9 * std::pow(mean, 4),     [=](double x) { return x <= 0 ? 0.0 : -std::expm1(-x / mean); }};
}

Exact uniform(double min, double max) {
  const double w = max - min;
  return {"uniform",           scalars({{"min", min}, {"max", max}}),
          (min + max) / 2,     w * w / 12,
          std::pow(w, 4) / 80, [=](double x) { return std::clamp((x - min) / w, 0.0, 1.0); }};
}

Exact gamma(double mean, double cv) {
  const double k = 1 / (cv * cv);
  const double theta = mean / k;
  // Excess kurtosis 6/k: E[(X - mean)^4] = 3k(k + 2) theta^4.
  return {"gamma",
          scalars({{"mean", mean}, {"cv", cv}}),
          mean,
          (cv * mean) * (cv * mean),
          3 * k * (k + 2) * std::pow(theta, 4),
          [=](double x) { return x <= 0 ? 0.0 : boost::math::gamma_p(k, x / theta); }};
}

Exact lognormal(double mean, double cv) {
  const double s2 = std::log(1 + cv * cv);
  const double mu = std::log(mean) - s2 / 2;
  auto raw = [=](int n) { return std::exp(n * mu + n * n * s2 / 2); };
  return {"lognormal",
          scalars({{"mean", mean}, {"cv", cv}}),
          mean,
          (cv * mean) * (cv * mean),
          fourth_central(raw(1), raw(2), raw(3), raw(4)),
          [=](double x) { return x <= 0 ? 0.0 : 0.5 * std::erfc(-(std::log(x) - mu) / std::sqrt(2 * s2)); }};
}

/// `by_mean`: the distribution is given its mean instead of its scale.
Exact weibull(double shape, double scale, bool by_mean) {
  auto raw = [=](int n) { return std::pow(scale, n) * std::tgamma(1 + n / shape); };
  auto params = scalars({{"shape", shape}, {by_mean ? "mean" : "scale", by_mean ? raw(1) : scale}});
  return {"weibull",
          std::move(params),
          raw(1),
          raw(2) - raw(1) * raw(1),
          fourth_central(raw(1), raw(2), raw(3), raw(4)),
          [=](double x) { return x <= 0 ? 0.0 : -std::expm1(-std::pow(x / scale, shape)); }};
}

}  // namespace

TEST_CASE("exponential draws match the exact mean, variance and CDF", "[distribution]") {
  check_against_exact(exponential(180));
  check_against_exact(exponential(0.5));
}

TEST_CASE("uniform draws match the exact mean, variance and CDF", "[distribution]") {
  check_against_exact(uniform(0, 60));
  check_against_exact(uniform(30, 90));
}

TEST_CASE("gamma draws match the exact mean, variance and CDF", "[distribution]") {
  // Boost's sampler has three code paths: shape > 1, shape = 1 and shape < 1.
  check_against_exact(gamma(300, 0.5));
  check_against_exact(gamma(300, 1.0));
  check_against_exact(gamma(300, 1.5));
}

TEST_CASE("lognormal draws match the exact mean, variance and CDF", "[distribution]") {
  check_against_exact(lognormal(180, 0.5));
  check_against_exact(lognormal(180, 1.5));
}

TEST_CASE("weibull draws match the exact mean, variance and CDF", "[distribution]") {
  check_against_exact(weibull(0.7, 100, false));
  check_against_exact(weibull(1.5, 240, false));
  check_against_exact(weibull(2.5, 60, true));
}

TEST_CASE("the chi-squared test rejects a 3 percent scale error", "[distribution]") {
  // Shows the goodness-of-fit check has power: draws with mean 180 against the CDF of 185.4.
  const std::vector<double> xs = draw(make_distribution("exponential", scalars({{"mean", 180}})), kDraws);
  CHECK(chi2_statistic(xs, exponential(180).cdf) < chi2_critical(kBins - 1));
  CHECK(chi2_statistic(xs, exponential(185.4).cdf) > 2 * chi2_critical(kBins - 1));
}

TEST_CASE("the normal quantile matches Boost to 1e-15 relative in every branch", "[distribution]") {
  const boost::math::normal standard;
  // Central branch (|p - 0.5| <= 0.425), tail branch, and far tail (p below about 1e-11).
  for (const double p : {1e-300, 1e-100, 1e-20,  1e-12, 1e-11, 1e-6,  0.01,  0.07, 0.075,    0.076,    0.2,
                         0.3,    0.4999, 0.5001, 0.6,   0.8,   0.924, 0.926, 0.99, 1 - 1e-6, 1 - 1e-12}) {
    INFO("p = " << p);
    const double expected = boost::math::quantile(standard, p);
    CHECK(callsim::sim::detail::normal_quantile(p) == Approx(expected).epsilon(1e-15).margin(1e-300));
  }
  CHECK(callsim::sim::detail::normal_quantile(0.5) == 0.0);
}

TEST_CASE("constant always returns its value", "[distribution]") {
  for (const double value : {0.0, 42.0}) {
    const Distribution d = make_distribution("constant", scalars({{"value", value}}));
    CHECK(d.mean() == value);
    const std::vector<double> xs = draw(d, 1000);
    CHECK(std::all_of(xs.begin(), xs.end(), [=](double x) { return x == value; }));
  }
}

TEST_CASE("empirical returns only given values, each with its frequency", "[distribution]") {
  // 60 appears twice, so it must come up twice as often as each other value.
  const std::vector<double> values = {120, 30, 60, 300, 60};
  const Distribution d = make_distribution("empirical", sample_values(values));
  CHECK(d.mean() == Approx(114.0).epsilon(1e-15));
  CHECK(d.table() == std::vector<double>{30, 60, 60, 120, 300});

  const std::map<double, double> probability = {{30, 0.2}, {60, 0.4}, {120, 0.2}, {300, 0.2}};
  std::map<double, int> counts;
  int unexpected = 0;
  for (const double x : draw(d, kDraws)) {
    if (probability.contains(x))
      ++counts[x];
    else
      ++unexpected;
  }
  REQUIRE(unexpected == 0);
  double stat = 0;
  for (const auto& [value, p] : probability) {
    const double expected = p * kDraws;
    stat += (counts[value] - expected) * (counts[value] - expected) / expected;
  }
  CHECK(stat < chi2_critical(static_cast<int>(probability.size()) - 1));

  const Distribution single = make_distribution("empirical", sample_values({7}));
  CHECK(single.mean() == 7);
  RandomStream stream = test_stream();
  CHECK(single.sample(stream) == 7);
}

namespace {

/// Valid parameters for every shipped distribution.
const std::map<std::string, DistributionParams>& valid_params() {
  static const std::map<std::string, DistributionParams> params = {
      {"constant", scalars({{"value", 30}})},
      {"empirical", sample_values({30, 60, 120})},
      {"exponential", scalars({{"mean", 180}})},
      {"gamma", scalars({{"mean", 180}, {"cv", 0.8}})},
      {"lognormal", scalars({{"mean", 180}, {"cv", 0.8}})},
      {"uniform", scalars({{"min", 30}, {"max", 90}})},
      {"weibull", scalars({{"shape", 1.5}, {"scale", 200}})},
  };
  return params;
}

}  // namespace

TEST_CASE("the registry lists every distribution sorted by name", "[distribution]") {
  std::vector<std::string> names;
  for (const auto* info : callsim::sim::registered_distributions()) {
    names.push_back(info->name);
    CHECK_FALSE(info->description.empty());
    CHECK_FALSE(info->params.empty());
    CHECK(info->make != nullptr);
    CHECK(callsim::sim::find_distribution(info->name) == info);
  }
  CHECK(names == std::vector<std::string>{"constant", "empirical", "erlang", "exponential", "gamma", "hyperexponential",
                                          "loglogistic", "lognormal", "triangular", "uniform", "weibull"});
  CHECK(callsim::sim::find_distribution("normal") == nullptr);
}

TEST_CASE("draws are reproducible per stream key and differ across replications", "[distribution]") {
  for (const auto& [name, params] : valid_params()) {
    INFO(name);
    const Distribution d = make_distribution(name, params);
    const std::vector<double> first = draw(d, 5);
    CHECK(draw(d, 5, test_stream()) == first);
    if (name != "constant") CHECK(draw(d, 5, test_stream(1)) != first);
  }
}

TEST_CASE("first draws are pinned so that any change of algorithm shows", "[distribution]") {
  // Regression fingerprint: the first three draws from stream (12345, 0, {1, 0}). A change
  // here changes every simulation result; update only on purpose. The tolerance absorbs
  // last-bit differences between platforms' log/exp/pow.
  const std::map<std::string, std::array<double, 3>> pinned = {
      {"constant", {30, 30, 30}},
      {"empirical", {30, 120, 30}},
      {"exponential", {238.25386993653422, 60.685366739220619, 302.22527206359467}},
      {"gamma", {250.71859719744424, 176.28845142435674, 57.835151860881055}},
      {"lognormal", {90.595573257514644, 209.07210858785263, 75.125798420625969}},
      {"uniform", {45.969999828109401, 72.828494306372008, 41.193298745971362}},
      {"weibull", {241.10615724685084, 96.880784339157287, 282.53278062947084}},
  };
  for (const auto& [name, expected] : pinned) {
    INFO(name);
    const std::vector<double> got = draw(make_distribution(name, valid_params().at(name)), 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(got[i] == Approx(expected[i]).epsilon(1e-12));
  }
}

TEST_CASE("an unknown distribution name lists the valid ones", "[distribution]") {
  REQUIRE_THROWS_AS(make_distribution("normal", {}), callsim::sim::DistributionError);
  REQUIRE_THROWS_WITH(make_distribution("normal", {}),
                      "unknown distribution 'normal'; valid values are: constant, empirical, erlang, exponential, "
                      "gamma, hyperexponential, loglogistic, lognormal, triangular, uniform, weibull");
}

TEST_CASE("missing parameters are named with an example", "[distribution]") {
  REQUIRE_THROWS_AS(make_distribution("exponential", {}), callsim::sim::DistributionError);
  REQUIRE_THROWS_WITH(make_distribution("exponential", {}), "exponential needs 'mean' (a duration such as 180s)");
  REQUIRE_THROWS_WITH(make_distribution("constant", {}), "constant needs 'value' (a duration such as 180s)");
  REQUIRE_THROWS_WITH(make_distribution("uniform", scalars({{"min", 0}})),
                      "uniform needs 'max' (a duration such as 180s)");
  REQUIRE_THROWS_WITH(make_distribution("lognormal", scalars({{"mean", 180}})),
                      "lognormal needs 'cv' (a number such as 0.8)");
  REQUIRE_THROWS_WITH(make_distribution("gamma", scalars({{"cv", 1}})), "gamma needs 'mean' (a duration such as 180s)");
  REQUIRE_THROWS_WITH(make_distribution("weibull", scalars({{"scale", 100}})),
                      "weibull needs 'shape' (a number such as 0.8)");
  REQUIRE_THROWS_WITH(make_distribution("weibull", scalars({{"shape", 2}})),
                      "weibull needs 'scale' or 'mean' (a duration such as 180s)");
  REQUIRE_THROWS_WITH(make_distribution("weibull", scalars({{"shape", 2}, {"scale", 100}, {"mean", 90}})),
                      "weibull takes 'scale' or 'mean', not both");
  REQUIRE_THROWS_WITH(make_distribution("empirical", {}),
                      "empirical needs 'values' (a list of durations such as [30s, 90s])");
}

TEST_CASE("invalid parameter values are rejected with the value given", "[distribution]") {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  REQUIRE_THROWS_AS(make_distribution("lognormal", scalars({{"mean", 180}, {"cv", -1}})),
                    callsim::sim::DistributionError);
  REQUIRE_THROWS_WITH(make_distribution("lognormal", scalars({{"mean", 180}, {"cv", -1}})),
                      "lognormal 'cv' must be greater than 0, got -1");
  REQUIRE_THROWS_WITH(make_distribution("lognormal", scalars({{"mean", 180}, {"cv", 1e200}})),
                      "lognormal 'cv' is too large, got 1e+200");
  REQUIRE_THROWS_WITH(make_distribution("exponential", scalars({{"mean", 0}})),
                      "exponential 'mean' must be greater than 0, got 0s");
  REQUIRE_THROWS_WITH(make_distribution("exponential", scalars({{"mean", -2.5}})),
                      "exponential 'mean' must be greater than 0, got -2.5s");
  REQUIRE_THROWS_WITH(make_distribution("exponential", scalars({{"mean", kInf}})),
                      "exponential 'mean' must be a finite duration, got inf");
  REQUIRE_THROWS_WITH(make_distribution("gamma", scalars({{"mean", 180}, {"cv", kNaN}})),
                      "gamma 'cv' must be a finite number, got nan");
  REQUIRE_THROWS_WITH(make_distribution("gamma", scalars({{"mean", 180}, {"cv", 1e-200}})),
                      "gamma 'cv' is out of range for mean 180s, got 1e-200");
  REQUIRE_THROWS_WITH(make_distribution("constant", scalars({{"value", -5}})),
                      "constant 'value' must be at least 0, got -5s");
  REQUIRE_THROWS_WITH(make_distribution("uniform", scalars({{"min", -1}, {"max", 60}})),
                      "uniform 'min' must be at least 0, got -1s");
  REQUIRE_THROWS_WITH(make_distribution("uniform", scalars({{"min", 60}, {"max", 30}})),
                      "uniform 'max' must be greater than 'min' (60s), got 30s");
  REQUIRE_THROWS_WITH(make_distribution("uniform", scalars({{"min", 60}, {"max", 60}})),
                      "uniform 'max' must be greater than 'min' (60s), got 60s");
  REQUIRE_THROWS_WITH(make_distribution("weibull", scalars({{"shape", 0}, {"scale", 100}})),
                      "weibull 'shape' must be greater than 0, got 0");
  REQUIRE_THROWS_WITH(make_distribution("weibull", scalars({{"shape", 1}, {"mean", -1}})),
                      "weibull 'mean' must be greater than 0, got -1s");
  REQUIRE_THROWS_WITH(make_distribution("weibull", scalars({{"shape", 0.001}, {"scale", 100}})),
                      "weibull 'shape' is too small for a finite mean, got 0.001");
  REQUIRE_THROWS_WITH(make_distribution("empirical", sample_values({30, -3, 60})),
                      "empirical 'values' must all be at least 0, got -3s");
  REQUIRE_THROWS_WITH(make_distribution("empirical", sample_values({30, kInf})),
                      "empirical 'values' must all be finite durations, got inf");
}
