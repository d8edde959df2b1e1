#include <catch2/catch.hpp>

#include <cmath>

#include "sim/statistics.hpp"

using callsim::sim::Tally;
using callsim::sim::Time;

TEST_CASE("Tally gives mean, unbiased variance and the Student-t interval", "[sim][statistics]") {
  Tally t;
  REQUIRE(std::isnan(t.mean()));
  t.add(2);
  REQUIRE(t.mean() == 2);
  REQUIRE(std::isnan(t.variance()));  // undefined below two observations
  REQUIRE(std::isnan(t.ci_half_width()));
  for (double x : {4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) t.add(x);
  REQUIRE(t.count() == 8);
  REQUIRE(t.mean() == Approx(5.0));
  REQUIRE(t.variance() == Approx(32.0 / 7.0));  // sum of squared deviations is 32
  REQUIRE(t.min() == 2);
  REQUIRE(t.max() == 9);
  // t_{0.975, 7} = 2.364624 (tables).
  REQUIRE(t.ci_half_width(0.95) == Approx(2.364624 * std::sqrt(32.0 / 7.0 / 8.0)).epsilon(1e-6));
}

TEST_CASE("Student-t quantiles match published tables", "[sim][statistics]") {
  REQUIRE(callsim::sim::student_t_quantile(0.95, 1) == Approx(12.7062).epsilon(1e-5));
  REQUIRE(callsim::sim::student_t_quantile(0.95, 9) == Approx(2.26216).epsilon(1e-5));
  REQUIRE(callsim::sim::student_t_quantile(0.99, 29) == Approx(2.75639).epsilon(1e-5));
  REQUIRE(callsim::sim::student_t_quantile(0.95, 100000) == Approx(1.95998).epsilon(1e-4));
}

TEST_CASE("Welford stays accurate with a large offset", "[sim][statistics]") {
  // The naive sum-of-squares formula loses every digit here; Welford keeps the variance.
  Tally t;
  for (int i = 0; i < 1000000; ++i) t.add(1e9 + (i % 2 ? 1.0 : -1.0));
  REQUIRE(t.mean() == Approx(1e9));
  REQUIRE(t.variance() == Approx(1000000.0 / 999999.0).epsilon(1e-6));
}

TEST_CASE("TimeAverage integrates a piecewise-constant value", "[sim][statistics]") {
  callsim::sim::TimeAverage avg(Time(10), 2);
  avg.update(Time(20), 4);  // 2 over [10,20)
  avg.update(Time(25), 0);  // 4 over [20,25)
  REQUIRE(avg.average(Time(30)) == Approx((2.0 * 10 + 4.0 * 5 + 0) / 20));
  REQUIRE(avg.value() == 0);
  REQUIRE(std::isnan(callsim::sim::TimeAverage(Time(3)).average(Time(3))));
}

TEST_CASE("Counter counts", "[sim][statistics]") {
  callsim::sim::Counter c;
  c.add();
  c.add(41);
  REQUIRE(c.value() == 42);
}
