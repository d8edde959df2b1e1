// `callsim fit` on a month of calls: the generic CSV log of 22 simulated days of the shipped
// real-bank day (about 33,000 calls, as a month of the bank's logs), read and fitted per
// iteration (no in-sample backtest: that is the simulation's own speed). Counter: calls
// fitted per second.

#include <benchmark/benchmark.h>

#include <sstream>
#include <string>
#include <vector>

#include "fit/csv_log_reader.hpp"
#include "fit/fitted_center.hpp"
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
    std::ostringstream log;
    log.precision(10);
    log << "arrival,queue_entry,answer,end,outcome,call_type,agent\n";
    for (std::size_t d = 0; d < days.size(); ++d) {
      const double base = static_cast<double>(d) * 86400 + scenario.spec.time.clock_start.seconds();
      for (const auto& c : days[d]) {
        const bool answered = c.outcome == callsim::run::CallOutcome::ANSWERED;
        if (!answered && c.outcome != callsim::run::CallOutcome::ABANDONED) continue;
        log << base + c.arrival << "," << base + c.queue_arrival << ",";
        if (answered) log << base + c.answer;
        log << "," << base + c.end << "," << (answered ? "answered" : "abandoned") << ","
            << scenario.spec.call_types[c.call_type].name << ",";
        if (answered) log << "a" << c.agent;
        log << "\n";
      }
    }
    return log.str();
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
