#include "models/busyness.hpp"

#include <cmath>

#include "models/stream_kinds.hpp"

namespace callsim::models {

namespace {
sim::Distribution unit_gamma(double cv) {
  if (cv <= 0) return {};
  sim::DistributionParams p;
  p.scalars = {{"mean", 1.0}, {"cv", cv}};
  return sim::make_distribution("gamma", p);
}
}  // namespace

Busyness::Busyness(double cv, double volume, std::uint64_t seed, std::uint64_t replication)
    : cv_(cv), volume_(volume), gamma_(unit_gamma(cv)), stream_(seed, replication, {stream_kind::kBusyness, 0}) {}

double Busyness::factor(std::size_t day) {
  if (cv_ <= 0) return volume_;
  while (factors_.size() <= day) factors_.push_back(gamma_.sample(stream_));
  return volume_ * factors_[day];
}

sim::Time Busyness::next_arrival(const sim::PiecewiseRate& rate, sim::Time from, double unit_exponential) {
  if (cv_ <= 0 && volume_ == 1) return rate.next_event(from, unit_exponential);
  double remaining = unit_exponential;
  sim::Time t = from;
  // A rate that is zero for ever ends the loop through next_event's infinity; a day holds
  // the remaining intensity or passes it on to the next.
  for (int guard = 0; guard < 1000000; ++guard) {
    const auto day = static_cast<std::size_t>(std::floor(t.seconds() / kDay));
    const double f = factor(day);
    const sim::Time day_end(kDay * static_cast<double>(day + 1));
    const sim::Time candidate = f > 0 ? rate.next_event(t, remaining / f) : sim::Time::infinity();
    if (candidate < day_end) return candidate;
    if (day_end >= rate.support_end()) return sim::Time::infinity();  // no intensity after this day
    remaining -= f * rate.expected_events(t, day_end);
    t = day_end;
  }
  return sim::Time::infinity();
}

}  // namespace callsim::models
