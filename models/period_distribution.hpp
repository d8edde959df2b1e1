#pragma once
/// \file
/// Distributions that change with the time of day: talk time, patience or after-call work
/// of a call type that differ between, say, the morning and the lunch peak (issue 14, item 5).
/// A call draws from the period in which it arrives (enters its call type, or the IVR), the
/// convention of the multi-skill literature; outside every period, from the type's own
/// distribution. Only the choice of distribution changes: each draw is still one call on the
/// type's stream of that kind, so common random numbers hold.

#include <algorithm>
#include <optional>
#include <vector>

#include "sim/distribution.hpp"
#include "sim/piecewise_rate.hpp"
#include "sim/time.hpp"

namespace callsim::models {

/// `distribution` holds for calls arriving in [from, to), in simulation time.
struct PeriodDistribution {
  sim::Time from;
  sim::Time to;
  sim::Distribution distribution;
};

/// Periods in time order without overlap (the loader checks it). The distribution for a call
/// arriving at `t`: that of the period holding `t`, else `base` (which may be null: e.g. no
/// patience outside the periods means callers who never abandon). O(log periods).
inline const sim::Distribution* distribution_at(const std::vector<PeriodDistribution>& periods, sim::Time t,
                                                const sim::Distribution* base) {
  auto after = std::upper_bound(periods.begin(), periods.end(), t,
                                [](sim::Time time, const PeriodDistribution& p) { return time < p.from; });
  if (after == periods.begin()) return base;
  const PeriodDistribution& period = *(after - 1);
  return t < period.to ? &period.distribution : base;
}

/// An optional distribution (patience, wrap-up) as the pointer the functions here take.
inline const sim::Distribution* optional_ptr(const std::optional<sim::Distribution>& d) { return d ? &*d : nullptr; }

/// distribution_at for an optional base (patience, wrap-up).
inline const sim::Distribution* distribution_at(const std::vector<PeriodDistribution>& periods, sim::Time t,
                                                const std::optional<sim::Distribution>& base) {
  return distribution_at(periods, t, optional_ptr(base));
}

/// The mean of what a call arriving at `t` draws; `none` when it draws nothing (no patience:
/// never abandons; no wrap-up: 0).
inline double mean_at(const std::vector<PeriodDistribution>& periods, sim::Time t, const sim::Distribution* base,
                      double none) {
  const sim::Distribution* d = distribution_at(periods, t, base);
  return d ? d->mean() : none;
}

/// The mean over the calls arriving in [from, to) at `rate` of what each draws (mean_at at
/// its arrival): the day-level figure a recorded AHT or an offered load needs. Weighted by
/// time instead when no call is expected (a type fed by the IVR only). Without periods, the
/// base's mean.
inline double arrival_weighted_mean(const std::vector<PeriodDistribution>& periods, const sim::Distribution* base,
                                    double none, const sim::PiecewiseRate& rate, sim::Time from, sim::Time to) {
  if (periods.empty() || !(from < to)) return mean_at(periods, from, base, none);
  // Within a piece between consecutive period edges the distribution is one: sum piece by piece.
  std::vector<sim::Time> edges{from, to};
  for (const PeriodDistribution& p : periods) {
    for (sim::Time edge : {p.from, p.to}) {
      if (from < edge && edge < to) edges.push_back(edge);
    }
  }
  std::sort(edges.begin(), edges.end());
  double by_calls = 0, calls = 0, by_time = 0;
  for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
    const double mean = mean_at(periods, edges[i], base, none);
    const double expected = rate.expected_events(edges[i], edges[i + 1]);
    by_calls += expected * mean;
    calls += expected;
    by_time += (edges[i + 1] - edges[i]).seconds() * mean;
  }
  return calls > 0 ? by_calls / calls : by_time / (to - from).seconds();
}

}  // namespace callsim::models
