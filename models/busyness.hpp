#pragma once
/// \file
/// Day-level busyness: forecasts are uncertain, and whole days run busier or quieter than
/// planned. Each simulated day (86,400 s from time 0) draws a factor from a gamma
/// distribution with mean 1 and the given cv, and every arrival rate of that day is
/// multiplied by it (a doubly stochastic Poisson process). A day mix's volume multiplies
/// every day's factor too (models/day_mix.hpp).

#include <cstdint>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/piecewise_rate.hpp"
#include "sim/random_stream.hpp"

namespace callsim::models {

class Busyness {
 public:
  /// cv 0: every factor is exactly `volume` and no random number is drawn.
  Busyness(double cv, double volume, std::uint64_t seed, std::uint64_t replication);

  /// The factor of day `day`; factors are drawn in day order, once each.
  double factor(std::size_t day);

  /// The next arrival after `from` for `rate` scaled by each day's factor, given an Exp(1)
  /// draw: inverts the scaled cumulative intensity day by day. Time::infinity() if none.
  sim::Time next_arrival(const sim::PiecewiseRate& rate, sim::Time from, double unit_exponential);

  static constexpr double kDay = 86400.0;

 private:
  double cv_;
  double volume_;
  sim::Distribution gamma_;
  sim::RandomStream stream_;
  std::vector<double> factors_;
};

}  // namespace callsim::models
