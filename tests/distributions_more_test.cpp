// triangular, erlang, hyperexponential and loglogistic (issue 14): draws against their exact
// moments and CDFs, exact means, and every refused parameter.

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <catch2/catch.hpp>

#include "scenarios/loader.hpp"
#include "sim/distribution.hpp"

#include "distribution_exact.hpp"

namespace {

using namespace callsim::testing;
using callsim::sim::Distribution;
using callsim::sim::DistributionError;
using callsim::sim::DistributionParams;
using callsim::sim::make_distribution;
using callsim::sim::RandomStream;

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

DistributionParams mixture(std::vector<double> means, std::vector<double> probabilities) {
  return {{}, {{"means", std::move(means)}, {"probabilities", std::move(probabilities)}}};
}

Exact triangular(double a, double c, double b) {
  const double variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
  // Every triangular law has excess kurtosis -3/5: E[(X - mean)^4] = (3 - 3/5) sigma^4.
  return {"triangular",
          scalars({{"min", a}, {"mode", c}, {"max", b}}),
          (a + b + c) / 3,
          variance,
          2.4 * variance * variance,
          [=](double x) {
            if (x <= a) return 0.0;
            if (x >= b) return 1.0;
            return x <= c ? (x - a) * (x - a) / ((b - a) * (c - a)) : 1 - (b - x) * (b - x) / ((b - a) * (b - c));
          }};
}

/// `by_mean`: the distribution is given its total mean instead of the phase mean `theta`.
Exact erlang(int k, double theta, bool by_mean) {
  // A gamma of integer shape k: excess kurtosis 6/k, E[(X - mean)^4] = 3k(k + 2) theta^4.
  return {"erlang",
          scalars({{"k", k}, {by_mean ? "mean" : "scale", by_mean ? k * theta : theta}}),
          k * theta,
          k * theta * theta,
          3.0 * k * (k + 2) * std::pow(theta, 4),
          [=](double x) { return x <= 0 ? 0.0 : boost::math::gamma_p(k, x / theta); }};
}

Exact hyperexponential(const std::vector<double>& means, const std::vector<double>& probabilities) {
  // E[X^n] = sum_i p_i n! m_i^n.
  auto raw = [=](int n) {
    double sum = 0;
    for (std::size_t i = 0; i < means.size(); ++i) sum += probabilities[i] * std::tgamma(n + 1) * std::pow(means[i], n);
    return sum;
  };
  return {"hyperexponential",
          mixture(means, probabilities),
          raw(1),
          raw(2) - raw(1) * raw(1),
          fourth_central(raw(1), raw(2), raw(3), raw(4)),
          [=](double x) {
            double f = 0;
            for (std::size_t i = 0; i < means.size(); ++i)
              f += probabilities[i] * (x <= 0 ? 0 : -std::expm1(-x / means[i]));
            return f;
          }};
}

/// `by_mean`: the distribution is given its mean instead of its scale.
Exact loglogistic(double beta, double alpha, bool by_mean) {
  // E[X^n] = alpha^n (n b) / sin(n b) with b = pi / beta, finite only for n < beta.
  const double b = std::numbers::pi / beta;
  auto raw = [=](int n) { return n < beta ? std::pow(alpha, n) * (n * b) / std::sin(n * b) : kInf; };
  Exact e{"loglogistic", scalars({{"shape", beta}, {by_mean ? "mean" : "scale", by_mean ? raw(1) : alpha}}),
          raw(1),        kInf,
          kInf,          [=](double x) { return x <= 0 ? 0.0 : 1 / (1 + std::pow(x / alpha, -beta)); }};
  if (beta > 2) e.variance = raw(2) - raw(1) * raw(1);
  if (beta > 4) e.fourth_central = fourth_central(raw(1), raw(2), raw(3), raw(4));
  return e;
}

}  // namespace

TEST_CASE("triangular draws match the exact mean, variance and CDF", "[distribution]") {
  check_against_exact(triangular(30, 90, 300));
  check_against_exact(triangular(0, 0, 60));      // mode = min: only the upper branch
  check_against_exact(triangular(60, 120, 120));  // mode = max: only the lower branch
}

TEST_CASE("erlang draws match the exact mean, variance and CDF", "[distribution]") {
  check_against_exact(erlang(1, 180, false));
  check_against_exact(erlang(3, 60, true));
  check_against_exact(erlang(16, 10, false));  // one full chunk of uniforms before a log
  check_against_exact(erlang(40, 4.5, true));  // two full chunks and a partial one
}

TEST_CASE("hyperexponential draws match the exact mean, variance and CDF", "[distribution]") {
  check_against_exact(hyperexponential({60, 600}, {0.8, 0.2}));
  check_against_exact(hyperexponential({30, 120, 900}, {0.5, 0.4, 0.1}));
  check_against_exact(hyperexponential({180}, {1}));
}

TEST_CASE("loglogistic draws match the exact mean, variance and CDF", "[distribution]") {
  check_against_exact(loglogistic(10, 120, false));
  check_against_exact(loglogistic(6, 180, true));
  check_against_exact(loglogistic(3, 100, false));  // infinite fourth moment: mean and CDF only
  check_against_exact(loglogistic(1.5, 60, true));  // infinite variance: CDF only
}

TEST_CASE("the moment checks catch a 2 percent error in the mean and 5 percent in the variance", "[distribution]") {
  // The same draws judged against a law slightly off: the checks above would fail. At 200,000
  // draws of an erlang-3 one standard error is 0.13% of the mean and 0.45% of the variance
  // (sqrt((mu4 - sigma^4) / n) / sigma^2 = sqrt(4 / n)), so a wrong parameter conversion shows.
  const std::vector<double> xs = draw(make_distribution("erlang", scalars({{"k", 3}, {"mean", 180}})), kDraws);
  CHECK(std::fabs(deviation(xs, erlang(3, 60, true)).mean_z) < 4);
  CHECK(std::fabs(deviation(xs, erlang(3, 61.2, true)).mean_z) > 4);
  Exact wider = erlang(3, 60, true);
  wider.variance *= 1.05;
  CHECK(std::fabs(deviation(xs, wider).variance_z) > 5);

  const std::vector<double> ys = draw(make_distribution("triangular", triangular(30, 90, 300).params), kDraws);
  CHECK(std::fabs(deviation(ys, triangular(30, 90, 300)).mean_z) < 4);
  CHECK(std::fabs(deviation(ys, triangular(30, 90, 306)).mean_z) > 4);
}

TEST_CASE("the four distributions have exact closed-form means", "[distribution]") {
  CHECK(make_distribution("triangular", scalars({{"min", 30}, {"mode", 60}, {"max", 150}})).mean() == 80);
  CHECK(make_distribution("erlang", scalars({{"k", 3}, {"scale", 60}})).mean() == 180);
  CHECK(make_distribution("erlang", scalars({{"k", 3}, {"mean", 200}})).mean() == 200);
  CHECK(make_distribution("erlang", scalars({{"k", 3}, {"mean", 200}})).param(0) == Approx(200.0 / 3).epsilon(1e-15));
  CHECK(make_distribution("hyperexponential", mixture({60, 600}, {0.8, 0.2})).mean() == Approx(168).epsilon(1e-15));
  CHECK(make_distribution("hyperexponential", mixture({30, 120, 900}, {0.5, 0.4, 0.1})).mean() ==
        Approx(153).epsilon(1e-15));
  // shape 2: mean = scale * (pi / 2) / sin(pi / 2); shape 3: scale * (pi / 3) / (sqrt(3) / 2).
  CHECK(make_distribution("loglogistic", scalars({{"shape", 2}, {"scale", 100}})).mean() ==
        Approx(50 * std::numbers::pi).epsilon(1e-15));
  CHECK(make_distribution("loglogistic", scalars({{"shape", 3}, {"scale", 100}})).mean() ==
        Approx(200 * std::numbers::pi / (3 * std::sqrt(3.0))).epsilon(1e-15));
  CHECK(make_distribution("loglogistic", scalars({{"shape", 3}, {"mean", 180}})).mean() == 180);
}

TEST_CASE("erlang with k = 1 draws what exponential draws", "[distribution]") {
  const auto one = draw(make_distribution("erlang", scalars({{"k", 1}, {"mean", 180}})), 1000);
  CHECK(one == draw(make_distribution("exponential", scalars({{"mean", 180}})), 1000));
}

TEST_CASE("a hyperexponential phase of probability 0 is never drawn", "[distribution]") {
  const Distribution d = make_distribution("hyperexponential", mixture({60, 1e6}, {1, 0}));
  CHECK(d.mean() == 60);
  // An exponential of mean 60 exceeds 5000 with probability e^-83; the other phase almost always.
  const auto xs = draw(d, kDraws);
  CHECK(*std::max_element(xs.begin(), xs.end()) < 5000);
  const Distribution first_empty = make_distribution("hyperexponential", mixture({1e6, 60}, {0, 1}));
  CHECK(draw(first_empty, 1000) == draw(d, 1000));
}

TEST_CASE("the new distributions' first draws are pinned so that any change of algorithm shows", "[distribution]") {
  // Regression fingerprint, as in distribution_test.cpp: the first three draws from stream
  // (12345, 0, {1, 0}). The tolerance absorbs last-bit differences between platforms' libm.
  const std::map<std::string, std::pair<DistributionParams, std::array<double, 3>>> pinned = {
      {"erlang", {scalars({{"k", 3}, {"mean", 180}}), {200.38816957978321, 68.273517410429619, 508.19484366849099}}},
      {"hyperexponential",
       {mixture({60, 600}, {0.8, 0.2}), {20.228455579740217, 42.274374932010339, 0.79691720371893238}}},
      {"loglogistic",
       {scalars({{"shape", 3}, {"scale", 150}}), {106.97361372609406, 203.4226941288895, 91.815810489609802}}},
      {"triangular",
       {scalars({{"min", 30}, {"mode", 60}, {"max", 300}}),
        {81.934871688199877, 163.81914176684654, 70.410720297416901}}},
  };
  for (const auto& [name, entry] : pinned) {
    INFO(name);
    const std::vector<double> got = draw(make_distribution(name, entry.first), 3);
    for (std::size_t i = 0; i < 3; ++i) CHECK(got[i] == Approx(entry.second[i]).epsilon(1e-12));
    CHECK(draw(make_distribution(name, entry.first), 3, test_stream(1)) != got);
  }
}

TEST_CASE("triangular refuses missing and inconsistent parameters", "[distribution]") {
  REQUIRE_THROWS_AS(make_distribution("triangular", scalars({{"min", 0}, {"max", 60}})), DistributionError);
  REQUIRE_THROWS_WITH(make_distribution("triangular", scalars({{"min", 0}, {"max", 60}})),
                      "triangular needs 'mode' (a duration such as 180s)");
  REQUIRE_THROWS_WITH(make_distribution("triangular", scalars({{"mode", 30}, {"max", 60}})),
                      "triangular needs 'min' (a duration such as 180s)");
  REQUIRE_THROWS_WITH(make_distribution("triangular", scalars({{"min", -1}, {"mode", 30}, {"max", 60}})),
                      "triangular 'min' must be at least 0, got -1s");
  REQUIRE_THROWS_WITH(make_distribution("triangular", scalars({{"min", 0}, {"mode", 30}, {"max", kInf}})),
                      "triangular 'max' must be a finite duration, got inf");
  REQUIRE_THROWS_WITH(make_distribution("triangular", scalars({{"min", 40}, {"mode", 30}, {"max", 60}})),
                      "triangular 'mode' must be at least 'min' (40s), got 30s");
  REQUIRE_THROWS_WITH(make_distribution("triangular", scalars({{"min", 0}, {"mode", 90}, {"max", 60}})),
                      "triangular 'max' must be at least 'mode' (90s), got 60s");
  REQUIRE_THROWS_WITH(make_distribution("triangular", scalars({{"min", 60}, {"mode", 60}, {"max", 60}})),
                      "triangular 'max' must be greater than 'min' (60s), got 60s");
}

TEST_CASE("erlang refuses a k that is not a whole number of phases", "[distribution]") {
  REQUIRE_THROWS_AS(make_distribution("erlang", scalars({{"mean", 180}})), DistributionError);
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"mean", 180}})),
                      "erlang needs 'k' (a whole number of phases such as 3)");
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"k", 2.5}, {"mean", 180}})),
                      "erlang 'k' must be a whole number of phases, at least 1, got 2.5");
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"k", 0}, {"mean", 180}})),
                      "erlang 'k' must be a whole number of phases, at least 1, got 0");
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"k", -2}, {"mean", 180}})),
                      "erlang 'k' must be a whole number of phases, at least 1, got -2");
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"k", kNaN}, {"mean", 180}})),
                      "erlang 'k' must be a whole number of phases, at least 1, got nan");
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"k", 1001}, {"mean", 180}})),
                      "erlang 'k' must be at most 1000 (each draw adds k phases), got 1001");
  CHECK(make_distribution("erlang", scalars({{"k", 1000}, {"mean", 180}})).mean() == 180);
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"k", 3}})),
                      "erlang needs 'scale' or 'mean' (a duration such as 180s)");
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"k", 3}, {"scale", 60}, {"mean", 180}})),
                      "erlang takes 'scale' or 'mean', not both");
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"k", 3}, {"mean", 0}})),
                      "erlang 'mean' must be greater than 0, got 0s");
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"k", 3}, {"scale", -60}})),
                      "erlang 'scale' must be greater than 0, got -60s");
  REQUIRE_THROWS_WITH(make_distribution("erlang", scalars({{"k", 1000}, {"scale", 1e306}})),
                      "erlang 'k' 1000 puts the mean out of range");
}

TEST_CASE("hyperexponential refuses probabilities that are not one per mean and summing to 1", "[distribution]") {
  REQUIRE_THROWS_AS(make_distribution("hyperexponential", {}), DistributionError);
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", {}),
                      "hyperexponential needs 'means' (a list of durations such as [1min, 10min])");
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", {{}, {{"means", {60, 600}}}}),
                      "hyperexponential needs 'probabilities' (a list of numbers such as [0.8, 0.2])");
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", mixture({60, 600}, {})),
                      "hyperexponential needs 'probabilities' (a list of numbers such as [0.8, 0.2])");
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", mixture({60, 600}, {0.2, 0.3, 0.5})),
                      "hyperexponential has 2 'means' but 3 'probabilities'; give one probability per mean");
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", mixture({60, 0}, {0.8, 0.2})),
                      "hyperexponential 'means' must all be greater than 0, got 0s");
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", mixture({60, kInf}, {0.8, 0.2})),
                      "hyperexponential 'means' must all be finite durations, got inf");
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", mixture({60, 600}, {1.2, -0.2})),
                      "hyperexponential 'probabilities' must all be between 0 and 1, got 1.2");
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", mixture({60, 600}, {0.8, kNaN})),
                      "hyperexponential 'probabilities' must all be between 0 and 1, got nan");
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", mixture({60, 600}, {0.8, 0.3})),
                      "hyperexponential 'probabilities' sum to 1.1; they must sum to 1");
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", mixture({60, 600}, {0.7, 0.2})),
                      "hyperexponential 'probabilities' sum to 0.9; they must sum to 1");
  // Within 1e-9 of 1 is 1: decimal fractions do not add up exactly in binary.
  REQUIRE_THROWS_WITH(make_distribution("hyperexponential", mixture({60, 600}, {0.5, 0.5 + 2e-9})),
                      "hyperexponential 'probabilities' sum to 1.000000002; they must sum to 1");
  CHECK(make_distribution("hyperexponential", mixture({60, 600}, {0.5, 0.5 + 5e-10})).mean() ==
        Approx(330).epsilon(1e-9));
  CHECK(make_distribution("hyperexponential", mixture({10, 20, 30}, {0.1, 0.2, 0.7})).mean() ==
        Approx(26).epsilon(1e-15));
}

TEST_CASE("loglogistic refuses a shape of 1 or less, whose mean is infinite", "[distribution]") {
  REQUIRE_THROWS_AS(make_distribution("loglogistic", scalars({{"shape", 0.8}, {"scale", 100}})), DistributionError);
  REQUIRE_THROWS_WITH(make_distribution("loglogistic", scalars({{"shape", 0.8}, {"scale", 100}})),
                      "loglogistic 'shape' must be greater than 1, or the mean is infinite, got 0.8");
  REQUIRE_THROWS_WITH(make_distribution("loglogistic", scalars({{"shape", 1}, {"mean", 100}})),
                      "loglogistic 'shape' must be greater than 1, or the mean is infinite, got 1");
  REQUIRE_THROWS_WITH(make_distribution("loglogistic", scalars({{"shape", 0}, {"scale", 100}})),
                      "loglogistic 'shape' must be greater than 0, got 0");
  REQUIRE_THROWS_WITH(make_distribution("loglogistic", scalars({{"scale", 100}})),
                      "loglogistic needs 'shape' (a number such as 0.8)");
  REQUIRE_THROWS_WITH(make_distribution("loglogistic", scalars({{"shape", 3}})),
                      "loglogistic needs 'scale' or 'mean' (a duration such as 180s)");
  REQUIRE_THROWS_WITH(make_distribution("loglogistic", scalars({{"shape", 3}, {"scale", 100}, {"mean", 120}})),
                      "loglogistic takes 'scale' or 'mean', not both");
  REQUIRE_THROWS_WITH(make_distribution("loglogistic", scalars({{"shape", 3}, {"mean", -5}})),
                      "loglogistic 'mean' must be greater than 0, got -5s");
  REQUIRE_THROWS_WITH(make_distribution("loglogistic", scalars({{"shape", 1.5}, {"scale", 1e308}})),
                      "loglogistic 'shape' 1.5 puts the mean out of range");
}

namespace {

const std::string kCenter = R"(name: center
time:
  warmup: 0s
  duration: 1h
  interval: 30min
call_types:
  - name: general
    arrivals: {rate: 100/h}
    service: {distribution: exponential, mean: 180s}
agent_groups:
  - name: agents
    skills: [general]
    count: 6
routing:
  policy: longest_idle_agent
)";

/// kCenter with `service` as its service distribution.
Distribution loaded_service(const std::string& service) {
  std::string text = kCenter;
  const std::string from = "{distribution: exponential, mean: 180s}";
  text.replace(text.find(from), from.size(), service);
  return callsim::scenarios::load_scenario_text(text, "center.yaml").spec.call_types[0].service;
}

}  // namespace

TEST_CASE("a scenario gives hyperexponential two named lists, one of durations and one of numbers", "[scenario]") {
  const Distribution d =
      loaded_service("{distribution: hyperexponential, means: [1min, 10min], probabilities: [0.8, 0.2]}");
  CHECK(d.name() == "hyperexponential");
  CHECK(d.mean() == Approx(168).epsilon(1e-15));
  CHECK(loaded_service("{distribution: empirical, values: [1min, 3min, 5min]}").mean() == Approx(180));
  CHECK(loaded_service("{distribution: triangular, min: 1min, mode: 2min, max: 6min}").mean() == Approx(180));
  CHECK(loaded_service("{distribution: erlang, k: 3, mean: 3min}").mean() == 180);
  CHECK(loaded_service("{distribution: loglogistic, shape: 3, mean: 3min}").mean() == 180);

  CHECK_THROWS_WITH(
      loaded_service("{distribution: hyperexponential, means: [1min, 10], probabilities: [0.8, 0.2]}"),
      "center.yaml:9: call_types[0].service.means[1] '10' is not a duration: expected a number followed by a "
      "unit: s, min, h or d (e.g. 20s, 5min, 1.5h)");
  CHECK_THROWS_WITH(
      loaded_service("{distribution: hyperexponential, means: [1min, 10min], probabilities: [0.8, 20s]}"),
      "center.yaml:9: call_types[0].service.probabilities[1] '20s' is not a number; expected a plain number "
      "without a unit, e.g. 0.8");
  CHECK_THROWS_WITH(loaded_service("{distribution: hyperexponential, means: [1min, 10min], probabilities: 0.8}"),
                    "center.yaml:9: call_types[0].service.probabilities must be a list of numbers such as [0.5, 1, "
                    "2]; got '0.8'");
  CHECK_THROWS_WITH(
      loaded_service("{distribution: hyperexponential, means: [1min, 10min], probabilities: [0.8, 0.1]}"),
      "center.yaml:9: call_types[0].service: hyperexponential 'probabilities' sum to 0.9; they must sum to 1");
  CHECK_THROWS_WITH(loaded_service("{distribution: erlang, k: 2.5, mean: 3min}"),
                    "center.yaml:9: call_types[0].service: erlang 'k' must be a whole number of phases, at least 1, "
                    "got 2.5");
}
