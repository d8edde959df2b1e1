#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>

#include "sim/piecewise_rate.hpp"
#include "sim/random_stream.hpp"

using callsim::sim::PiecewiseRate;
using callsim::sim::RandomStream;
using callsim::sim::Time;

namespace {

// 1/s for [0, 10), nothing for [10, 20), 2/s for [20, 30): small enough to follow by hand.
PiecewiseRate three_pieces() { return {{1.0, 0.0, 2.0}, Time(0), Time(10)}; }

// A forecast day: 24 hourly periods from 00:30, calls per hour, quiet nights (zeros, some
// in the middle of the day too) and a busy morning peak.
const std::vector<double> kHourly{0,   0,   3,   10,  40, 120, 300, 500, 480, 400, 0, 250,
                                  260, 200, 150, 120, 80, 60,  0,   30,  20,  10,  5, 1};
constexpr double kStart = 1800;
constexpr double kHour = 3600;

PiecewiseRate forecast_day() {
  std::vector<double> per_second;
  for (double per_hour : kHourly) per_second.push_back(per_hour / kHour);
  return {per_second, Time(kStart), Time(kHour)};
}

}  // namespace

TEST_CASE("rate_at is the rate of the period holding t and 0 outside the periods", "[sim][piecewise_rate]") {
  const PiecewiseRate rate = three_pieces();
  CHECK(rate.rate_at(Time(-1)) == 0);
  CHECK(rate.rate_at(Time(0)) == 1);  // periods are closed on the left
  CHECK(rate.rate_at(Time(9.999)) == 1);
  CHECK(rate.rate_at(Time(10)) == 0);
  CHECK(rate.rate_at(Time(20)) == 2);
  CHECK(rate.rate_at(Time(29.999)) == 2);
  CHECK(rate.rate_at(Time(30)) == 0);  // and open on the right: nothing after the end
  CHECK(rate.rate_at(Time(1e9)) == 0);
  CHECK_FALSE(rate.is_constant());
}

TEST_CASE("a constant rate holds from time 0 on", "[sim][piecewise_rate]") {
  const PiecewiseRate rate = PiecewiseRate::constant(0.5);
  CHECK(rate.is_constant());
  CHECK(rate.rate_at(Time(-1)) == 0);
  CHECK(rate.rate_at(Time(0)) == 0.5);
  CHECK(rate.rate_at(Time(1e9)) == 0.5);
  CHECK(rate.expected_events(Time(-10), Time(10)) == Approx(5));
  CHECK(rate.next_event(Time(3), 2).seconds() == Approx(7));
  CHECK(PiecewiseRate::constant(0).next_event(Time(0), 1).seconds() == Time::infinity().seconds());
  CHECK(PiecewiseRate().rate_at(Time(0)) == 0);
  CHECK(PiecewiseRate().next_event(Time(0), 1).seconds() == Time::infinity().seconds());
}

TEST_CASE("expected_events integrates the rate over any window", "[sim][piecewise_rate]") {
  const PiecewiseRate rate = three_pieces();
  CHECK(rate.expected_events(Time(0), Time(30)) == Approx(30));
  CHECK(rate.expected_events(Time(-100), Time(100)) == Approx(30));
  CHECK(rate.expected_events(Time(5), Time(25)) == Approx(5 + 10));
  CHECK(rate.expected_events(Time(10), Time(20)) == 0);
  CHECK(rate.expected_events(Time(30), Time(40)) == 0);
  CHECK(rate.expected_events(Time(25), Time(5)) == 0);  // an empty window
  CHECK(forecast_day().expected_events(Time(0), Time(1e6)) == Approx(3039));
}

TEST_CASE("a start before time 0 keeps the partial first period", "[sim][piecewise_rate]") {
  // What the loader makes of a forecast from 08:00 in 30 min intervals when time.start is 08:10.
  const PiecewiseRate rate({2.0, 4.0}, Time(-600), Time(1800));
  CHECK(rate.rate_at(Time(0)) == 2);
  CHECK(rate.rate_at(Time(1199)) == 2);
  CHECK(rate.rate_at(Time(1200)) == 4);
  CHECK(rate.expected_events(Time(0), Time(3000)) == Approx(2 * 1200 + 4 * 1800));
  CHECK(rate.next_event(Time(0), 2400).seconds() == Approx(1200));
}

TEST_CASE("next_event inverts the integrated rate across periods and gaps", "[sim][piecewise_rate]") {
  const PiecewiseRate rate = three_pieces();
  CHECK(rate.next_event(Time(0), 5).seconds() == Approx(5));
  CHECK(rate.next_event(Time(0), 10).seconds() == Approx(10));  // exactly the mass of the first period
  CHECK(rate.next_event(Time(0), 12).seconds() == Approx(21));  // skips the silent period
  CHECK(rate.next_event(Time(12), 1).seconds() == Approx(20.5));
  CHECK(rate.next_event(Time(-50), 1).seconds() == Approx(1));  // nothing before the first period
  CHECK(rate.next_event(Time(0), 29.999).seconds() == Approx(29.9995));
}

TEST_CASE("next_event returns infinity after the end or when the rest is too thin", "[sim][piecewise_rate]") {
  const PiecewiseRate rate = three_pieces();
  CHECK(rate.next_event(Time(0), 30.001).seconds() == Time::infinity().seconds());
  CHECK(rate.next_event(Time(29), 2.5).seconds() == Time::infinity().seconds());
  CHECK(rate.next_event(Time(30), 1e-9).seconds() == Time::infinity().seconds());
  CHECK(rate.next_event(Time(1e6), 1e-9).seconds() == Time::infinity().seconds());
  const PiecewiseRate day = forecast_day();
  CHECK(day.next_event(Time(kStart + 24 * kHour), 1e-12).seconds() == Time::infinity().seconds());
}

TEST_CASE("sampled arrivals per period match the forecast", "[sim][piecewise_rate][statistical]") {
  const PiecewiseRate rate = forecast_day();
  constexpr int kReplications = 400;
  const std::size_t periods = kHourly.size();
  std::vector<double> counts(periods, 0);
  double outside = 0;
  double not_increasing = 0;
  for (int r = 0; r < kReplications; ++r) {
    RandomStream stream(7, static_cast<std::uint64_t>(r), {1, 0});
    Time now(0);
    while (true) {
      const Time next = rate.next_event(now, -std::log(stream.uniform01()));  // Exp(1) by inversion
      if (next == Time::infinity()) break;
      if (!(next > now)) ++not_increasing;
      now = next;
      const double offset = now.seconds() - kStart;
      const auto period = static_cast<std::size_t>(std::floor(offset / kHour));
      if (offset < 0 || period >= periods) {
        ++outside;
      } else {
        ++counts[period];
      }
    }
  }
  CHECK(outside == 0);
  CHECK(not_increasing == 0);

  // The R replications are independent, so a period's total count is Poisson(R mu) and its
  // mean per replication has standard deviation sqrt(mu / R). Four of them: a correct
  // sampler fails one of the ~20 periods with probability about 20 * 6.3e-5 = 1.3e-3, and
  // the seed is fixed, so the test is deterministic anyway.
  double chi_squared = 0;
  int free_periods = 0;
  for (std::size_t i = 0; i < periods; ++i) {
    const double mu = kHourly[i];  // expected calls in the hour
    const double mean = counts[i] / kReplications;
    INFO("period " << i << ": expected " << mu << ", sampled mean " << mean);
    if (mu == 0) {
      CHECK(counts[i] == 0);  // no arrival can fall where the rate is 0
      continue;
    }
    CHECK(std::abs(mean - mu) < 4 * std::sqrt(mu / kReplications));
    const double expected_total = mu * kReplications;
    chi_squared += (counts[i] - expected_total) * (counts[i] - expected_total) / expected_total;
    ++free_periods;
  }
  // Independent Poisson totals: the sum of squared standardised deviations is chi-squared
  // with one degree of freedom per non-zero period (no constraint ties the totals). It also
  // catches a shape error too spread out to fail any single period's bound.
  const boost::math::chi_squared_distribution<double> reference(free_periods);
  INFO("chi-squared " << chi_squared << " on " << free_periods << " degrees of freedom");
  CHECK(chi_squared < boost::math::quantile(reference, 0.999));
}
