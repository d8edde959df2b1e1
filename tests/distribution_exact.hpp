#pragma once
/// \file
/// Test helper: a distribution checked against what it must be, computed from its definition
/// rather than from the code under test. 200,000 draws from a fixed stream are compared with
/// the exact mean (4 standard errors), the exact variance (5 standard errors of the sample
/// variance, from the exact fourth central moment) and the exact CDF (Pearson's chi-squared
/// on 20 equiprobable bins at the 0.999 level). An infinite variance or fourth moment skips
/// the check it would set the tolerance of. Shared by tests/distribution_test.cpp and
/// tests/distributions_more_test.cpp.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <catch2/catch.hpp>

#include "sim/distribution.hpp"

namespace callsim::testing {

inline constexpr int kDraws = 200'000;
inline constexpr int kBins = 20;

inline sim::RandomStream test_stream(std::uint64_t replication = 0) {
  return sim::RandomStream(12345, replication, {1, 0});
}

inline sim::DistributionParams scalars(std::map<std::string, double, std::less<>> values) {
  return {std::move(values), {}};
}

/// What a distribution must be.
struct Exact {
  std::string name;
  sim::DistributionParams params;
  double mean = 0;
  double variance = std::numeric_limits<double>::infinity();        ///< infinite: the mean's check is skipped
  double fourth_central = std::numeric_limits<double>::infinity();  ///< E[(X - mean)^4]; infinite: the variance's
  std::function<double(double)> cdf;
};

/// E[(X - m1)^4] from the raw moments m1..m4.
inline double fourth_central(double m1, double m2, double m3, double m4) {
  return m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1;
}

inline std::vector<double> draw(const sim::Distribution& d, int n, sim::RandomStream stream = test_stream()) {
  std::vector<double> xs(static_cast<std::size_t>(n));
  for (double& x : xs) x = d.sample(stream);
  return xs;
}

/// The 0.999 quantile of chi-squared with `df` degrees of freedom. With fixed seeds every test
/// is deterministic; the level matters when a seed or an implementation changes legitimately.
/// 0.999 keeps the chance of a false alarm across all our chi-squared tests near 1%, while a
/// real error (a wrong parameter conversion, a 3% scale error) gives statistics in the
/// hundreds at 200,000 draws (see the power test in distribution_test.cpp).
inline double chi2_critical(int df) {
  return boost::math::quantile(boost::math::chi_squared(static_cast<double>(df)), 0.999);
}

/// Pearson's statistic on kBins bins equiprobable under `cdf`: bin = floor(kBins * F(x)).
inline double chi2_statistic(const std::vector<double>& xs, const std::function<double(double)>& cdf) {
  std::array<double, kBins> observed{};
  for (const double x : xs) observed[std::min(static_cast<std::size_t>(cdf(x) * kBins), std::size_t{kBins - 1})] += 1;
  const double expected = static_cast<double>(xs.size()) / kBins;
  double stat = 0;
  for (const double o : observed) stat += (o - expected) * (o - expected) / expected;
  return stat;
}

/// How far a sample is from an Exact, in units of its own standard error.
struct Deviation {
  double mean_z = 0;      ///< (sample mean - mean) / (sigma / sqrt(n)); 0 if the variance is infinite
  double variance_z = 0;  ///< (sample variance - variance) / sqrt((mu4 - sigma^4) / n); 0 if mu4 is infinite
  double chi2 = 0;        ///< Pearson's statistic on kBins bins equiprobable under the exact CDF
};

inline Deviation deviation(const std::vector<double>& xs, const Exact& e) {
  const double n = static_cast<double>(xs.size());
  double mean = 0;
  for (const double x : xs) mean += x;
  mean /= n;
  double variance = 0;
  for (const double x : xs) variance += (x - mean) * (x - mean);
  variance /= n - 1;
  Deviation out;
  if (std::isfinite(e.variance)) out.mean_z = (mean - e.mean) / std::sqrt(e.variance / n);
  if (std::isfinite(e.fourth_central)) {
    out.variance_z = (variance - e.variance) / std::sqrt((e.fourth_central - e.variance * e.variance) / n);
  }
  out.chi2 = chi2_statistic(xs, e.cdf);
  return out;
}

inline void check_against_exact(const Exact& e) {
  INFO(e.name << " with exact mean " << e.mean << " and variance " << e.variance);
  const sim::Distribution d = sim::make_distribution(e.name, e.params);
  REQUIRE(d.name() == e.name);
  REQUIRE(d.mean() == Approx(e.mean).epsilon(1e-12));

  const std::vector<double> xs = draw(d, kDraws);
  REQUIRE(std::all_of(xs.begin(), xs.end(), [](double x) { return std::isfinite(x) && x >= 0; }));
  const Deviation dev = deviation(xs, e);
  INFO("mean " << dev.mean_z << " standard errors off, variance " << dev.variance_z << ", chi2 " << dev.chi2);
  // 4 standard errors of the mean: a two-sided false-alarm chance of 6e-5 while still
  // catching a 1% bias in the mean for cv <= 1.
  CHECK(std::fabs(dev.mean_z) < 4);
  // 5 for the variance, not 4: for skewed, heavy-tailed laws (lognormal cv 1.5 has kurtosis
  // ~200) the sample variance approaches normality slowly and its upper tail is longer.
  CHECK(std::fabs(dev.variance_z) < 5);
  // For the inversion samplers F(X) is the stream's own uniform, so their statistics coincide
  // across parameters: the test then checks that the sampler really inverts the exact CDF.
  CHECK(dev.chi2 < chi2_critical(kBins - 1));
}

}  // namespace callsim::testing
