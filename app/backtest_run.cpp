#include "app/backtest_run.hpp"

#include <cmath>

#include "app/bad_input.hpp"
#include "fit/observed_kpis.hpp"
#include "models/call_type_means.hpp"
#include "plan/simulate_scenario.hpp"
#include "run/forecast.hpp"

namespace callsim::app {

fit::OpenWindow scenario_window(const models::CenterSpec& spec) {
  const double interval = spec.time.interval.seconds();
  const double start = spec.time.clock_start.seconds() + spec.time.warmup.seconds();
  const double first = start / interval;
  if (std::fabs(first - std::round(first)) > 1e-6) {
    throw BadInput("the scenario's counted period starts at " + std::to_string(start) +
                   " s after midnight, not on a whole interval of " + std::to_string(interval) +
                   " s; a backtest bins the log from midnight, so give time.start + warmup on an interval boundary");
  }
  fit::OpenWindow w;
  w.interval = interval;
  w.first = static_cast<std::size_t>(std::llround(first));
  w.end = w.first + run::reporting_intervals(spec.time);
  if (static_cast<double>(w.end) * interval > 2 * 86400 + 1e-6) {
    throw BadInput(
        "the scenario's counted period runs past the day after it starts; a backtest compares each "
        "simulated day with each observed day, so give a scenario of one day (time.duration)");
  }
  return w;
}

fit::ErlangBaseline erlang_baseline(const models::CenterSpec& spec, const std::vector<double>& offered_per_type) {
  fit::ErlangBaseline b;
  b.threshold = spec.service_level_threshold.seconds();
  double total = 0, service = 0, patience = 0, patient = 0;
  for (std::size_t k = 0; k < spec.call_types.size(); ++k) {
    const auto& t = spec.call_types[k];
    const double w = k < offered_per_type.size() ? offered_per_type[k] : 0;
    const sim::Time from = spec.time.warmup, to = spec.time.warmup + spec.time.duration;
    total += w;
    service += w * (models::mean_service(t, from, to) + models::mean_wrap_up(t, from, to));
    const double mean_patience = models::mean_patience(t, from, to);
    if (std::isfinite(mean_patience)) patience += w * mean_patience, patient += w;
  }
  if (total > 0) b.mean_service = service / total;
  if (patient > 0) b.mean_patience = patience / patient;
  return b;
}

fit::Backtest run_backtest(const scenarios::LoadedScenario& scenario, const fit::CallLog& log,
                           const std::vector<std::uint32_t>& days, const fit::CallLog* previous,
                           const std::vector<std::uint32_t>& previous_days, const BacktestSettings& settings) {
  const fit::OpenWindow window = scenario_window(scenario.spec);
  const double threshold = scenario.spec.service_level_threshold.seconds();
  const fit::ObservedKpis observed = fit::observed_kpis(log, days, window, threshold);
  std::optional<fit::ObservedKpis> before;
  if (previous) before = fit::observed_kpis(*previous, previous_days, window, threshold);

  const plan::SimulatedScenario sim =
      plan::simulate_scenario(scenario, settings.seed, settings.replications, settings.threads);
  std::vector<std::vector<analysis::KpiTally>> simulated;
  std::vector<double> offered(scenario.spec.call_types.size(), 0);
  for (const auto& rep : sim.run.replications) {
    simulated.push_back(rep.intervals);
    const std::size_t types = sim.run.call_types.size();
    for (std::size_t i = 0; types && i < rep.interval_types.size(); ++i)
      offered[i % types] += static_cast<double>(rep.interval_types[i].offered);
  }
  return fit::backtest(observed, simulated, before ? &*before : nullptr, erlang_baseline(scenario.spec, offered),
                       window.interval);
}

}  // namespace callsim::app
