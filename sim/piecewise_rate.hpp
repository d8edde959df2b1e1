#pragma once
/// \file
/// A piecewise-constant event rate and exact sampling of the inhomogeneous Poisson process
/// it drives, by inverting the cumulative intensity: one exponential draw per event, no
/// thinning, so the same uniforms give the same events whatever the rates' scale.

#include <vector>

#include "sim/time.hpp"

namespace callsim::sim {

/// rate(t) = rates[i] (events per second) for t in [start + i*period, start + (i+1)*period),
/// and 0 outside; with period 0 the single rate rates[0] holds for every t >= 0.
class PiecewiseRate {
 public:
  PiecewiseRate() = default;
  /// A constant rate (events per second, >= 0).
  static PiecewiseRate constant(double rate) { return PiecewiseRate({rate}, Time(0), Time(0)); }
  /// Rates per period from `start` on; each rate >= 0, period > 0.
  PiecewiseRate(std::vector<double> rates, Time start, Time period)
      : rates_(std::move(rates)), start_(start), period_(period) {}

  /// The time of the next event after `now`, given `unit_exponential`, an Exp(1) draw:
  /// the t at which the integrated rate over (now, t] reaches it. Time::infinity() if the
  /// remaining intensity is smaller. O(number of periods crossed).
  [[nodiscard]] Time next_event(Time now, double unit_exponential) const;
  /// The rate at `t`, events per second.
  [[nodiscard]] double rate_at(Time t) const;
  /// The expected number of events in [from, to).
  [[nodiscard]] double expected_events(Time from, Time to) const;

  [[nodiscard]] bool is_constant() const { return period_ == Time(0); }
  /// The time after which the rate is 0 for good (infinity for a positive constant rate).
  [[nodiscard]] Time support_end() const {
    if (rates_.empty()) return Time(0);
    if (is_constant()) return rates_[0] > 0 ? Time::infinity() : Time(0);
    return start_ + period_ * static_cast<double>(rates_.size());
  }
  [[nodiscard]] const std::vector<double>& rates() const { return rates_; }
  [[nodiscard]] Time start() const { return start_; }
  [[nodiscard]] Time period() const { return period_; }

 private:
  std::vector<double> rates_;
  Time start_{0};
  Time period_{0};
};

}  // namespace callsim::sim
