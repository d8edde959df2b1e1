#include "report/forecast.hpp"

#include "report/interval_figures.hpp"

namespace callsim::report {

Forecast forecast(const models::CenterSpec& spec, const analysis::RunResult& run) {
  Forecast out;
  out.what = spec.ivr ? "forecast: callers entering the IVR, plus direct calls" : "forecast: expected arrivals";
  for (std::size_t i = 0; i < interval_count(run); ++i) {
    const sim::Time from(run.warmup_seconds + run.interval_seconds * static_cast<double>(i));
    const sim::Time to = from + sim::Time(run.interval_seconds);
    double calls = spec.ivr ? spec.ivr->arrivals.expected_events(from, to) : 0;
    for (const auto& type : spec.call_types) {
      if (type.trace.empty()) {
        calls += type.arrivals.expected_events(from, to);
      } else {
        for (const sim::Time t : type.trace) calls += (t >= from && t < to) ? 1 : 0;
      }
    }
    out.calls.push_back(calls);
  }
  return out;
}

}  // namespace callsim::report
