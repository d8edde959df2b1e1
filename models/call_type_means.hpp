#pragma once
/// \file
/// Day-level means of what a call type's callers draw (talk time, after-call work, patience)
/// when these change by period of the day (models/period_distribution.hpp): weighted by the
/// type's expected arrivals, for figures that need one number per type (a recorded AHT, an
/// offered load, an Erlang baseline). Without periods, the distributions' own means.

#include <limits>

#include "models/center_spec.hpp"

namespace callsim::models {

/// Mean talk time of the calls of `type` arriving in [from, to), s.
inline double mean_service(const CallTypeSpec& type, sim::Time from, sim::Time to) {
  return arrival_weighted_mean(type.service_by_period, &type.service, 0.0, type.arrivals, from, to);
}

/// Mean after-call work of those calls, s (0 where the type has none).
inline double mean_wrap_up(const CallTypeSpec& type, sim::Time from, sim::Time to) {
  return arrival_weighted_mean(type.wrap_up_by_period, optional_ptr(type.wrap_up), 0.0, type.arrivals, from, to);
}

/// Mean patience of those callers, s: infinite if some of them never abandon.
inline double mean_patience(const CallTypeSpec& type, sim::Time from, sim::Time to) {
  return arrival_weighted_mean(type.patience_by_period, optional_ptr(type.patience),
                               std::numeric_limits<double>::infinity(), type.arrivals, from, to);
}

/// Whether the type's patience, talk time or after-call work changes by period.
inline bool has_periods(const CallTypeSpec& type) {
  return !type.service_by_period.empty() || !type.patience_by_period.empty() || !type.wrap_up_by_period.empty();
}

}  // namespace callsim::models
