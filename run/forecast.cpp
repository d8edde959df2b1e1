#include "run/forecast.hpp"

#include <cmath>

namespace callsim::run {

namespace {

/// Interval i as [from, to) in simulated time: the counted period starts after the warm-up.
struct Span {
  sim::Time from, to;
};

Span span(const models::TimeSpec& time, std::size_t i) {
  const sim::Time from(time.warmup.seconds() + time.interval.seconds() * static_cast<double>(i));
  return {from, from + sim::Time(time.interval.seconds())};
}

}  // namespace

std::size_t reporting_intervals(const models::TimeSpec& time) {
  const double interval = time.interval.seconds();
  if (!(interval > 0) || !std::isfinite(time.duration.seconds())) return 0;
  return static_cast<std::size_t>(std::ceil(time.duration.seconds() / interval));
}

std::vector<double> forecast_by_type(const models::CenterSpec& spec) {
  const std::size_t intervals = reporting_intervals(spec.time), types = spec.call_types.size();
  std::vector<double> out(intervals * types, 0.0);
  for (std::size_t i = 0; i < intervals; ++i) {
    const Span s = span(spec.time, i);
    for (std::size_t k = 0; k < types; ++k) {
      const auto& type = spec.call_types[k];
      double& calls = out[i * types + k];
      if (type.trace.empty()) {
        calls = type.arrivals.expected_events(s.from, s.to);
      } else {
        for (const sim::Time t : type.trace) calls += (t >= s.from && t < s.to) ? 1 : 0;
      }
    }
  }
  return out;
}

std::vector<double> ivr_forecast(const models::CenterSpec& spec) {
  std::vector<double> out;
  if (!spec.ivr) return out;
  for (std::size_t i = 0; i < reporting_intervals(spec.time); ++i) {
    const Span s = span(spec.time, i);
    out.push_back(spec.ivr->arrivals.expected_events(s.from, s.to));
  }
  return out;
}

}  // namespace callsim::run
