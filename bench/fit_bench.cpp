// `callsim fit` on a month of calls: the generic CSV log of 22 simulated days of the shipped
// real-bank day (about 33,000 calls, as a month of the bank's logs), read and fitted per
// iteration (no in-sample backtest: that is the simulation's own speed). Counter: calls
// fitted per second.

#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "fit/csv_log_reader.hpp"
#include "fit/fitted_center.hpp"
#include "run/call_log_csv.hpp"
#include "run/call_records.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

namespace {

/// 22 replications of bank-weekday as a CSV log in seconds, day d from d * 86400.
const std::string& month_log() {
  static const std::string text = [] {
    const auto scenario =
        callsim::scenarios::load_scenario(std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/bank-weekday.yaml");
    callsim::run::ExperimentOptions options;
    options.seed = 3;
    options.replications = 22;
    std::vector<std::vector<callsim::run::CallRecord>> days(options.replications);
    options.on_calls = [&](std::size_t r, std::vector<callsim::run::CallRecord>&& calls) {
      days[r] = std::move(calls);
    };
    callsim::run::run_in_process(scenario.spec, options);
    return callsim::run::call_log_csv(scenario.spec, days);
  }();
  return text;
}

void BM_FitMonthOfCalls(benchmark::State& state) {
  const std::string& text = month_log();
  std::size_t calls = 0;
  for (auto _ : state) {
    callsim::fit::CallLog log;
    callsim::fit::read_csv_log(text, "month.csv", log);
    const auto center = callsim::fit::fit_center(log, callsim::fit::FitOptions{});
    benchmark::DoNotOptimize(center.pools.size());
    calls = log.calls.size();
  }
  state.counters["calls"] = static_cast<double>(calls);
  state.counters["calls/s"] =
      benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_FitMonthOfCalls)->Unit(benchmark::kMillisecond);

}  // namespace
