#include "sim/piecewise_rate.hpp"

#include <algorithm>
#include <cmath>

namespace callsim::sim {

double PiecewiseRate::rate_at(Time t) const {
  if (rates_.empty()) return 0;
  if (is_constant()) return t >= Time(0) ? rates_[0] : 0;
  const double offset = (t - start_).seconds();
  if (offset < 0) return 0;
  const auto i = static_cast<std::size_t>(offset / period_.seconds());
  return i < rates_.size() ? rates_[i] : 0;
}

Time PiecewiseRate::next_event(Time now, double unit_exponential) const {
  if (rates_.empty()) return Time::infinity();
  if (is_constant()) {
    return rates_[0] > 0 ? now + Time(unit_exponential / rates_[0]) : Time::infinity();
  }
  const double p = period_.seconds();
  double t = std::max(now.seconds(), start_.seconds());
  double remaining = unit_exponential;
  auto i = static_cast<std::size_t>((t - start_.seconds()) / p);
  for (; i < rates_.size(); ++i) {
    const double piece_end = start_.seconds() + p * static_cast<double>(i + 1);
    if (piece_end <= t) continue;  // rounding put t at the very end of piece i
    const double mass = rates_[i] * (piece_end - t);
    if (rates_[i] > 0 && mass >= remaining) return Time(t + remaining / rates_[i]);
    remaining -= mass;
    t = piece_end;
  }
  return Time::infinity();
}

double PiecewiseRate::expected_events(Time from, Time to) const {
  if (rates_.empty() || !(from < to)) return 0;
  if (is_constant()) return rates_[0] * (to - std::max(from, Time(0))).seconds();
  double total = 0;
  const double p = period_.seconds();
  for (std::size_t i = 0; i < rates_.size(); ++i) {
    const double a = std::max(from.seconds(), start_.seconds() + p * static_cast<double>(i));
    const double b = std::min(to.seconds(), start_.seconds() + p * static_cast<double>(i + 1));
    if (b > a) total += rates_[i] * (b - a);
  }
  return total;
}

}  // namespace callsim::sim
