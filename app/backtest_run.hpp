#pragma once
/// \file
/// A scenario simulated in process and compared with the days of a log (fit/backtest.hpp):
/// what `callsim fit` does in sample and `callsim backtest` out of sample.

#include <cstdint>
#include <vector>

#include "fit/arrival_profile.hpp"
#include "fit/backtest.hpp"
#include "fit/call_log.hpp"
#include "scenarios/loader.hpp"

namespace callsim::app {

struct BacktestSettings {
  std::uint64_t replications = 100;
  std::uint64_t seed = 1;
  unsigned threads = 0;
};

/// The log's intervals the scenario's counted period covers: from time.start + warmup, its
/// reporting intervals. Throws BadInput when they do not fall on whole intervals after
/// midnight (the log is binned from midnight) or run past the next day (one simulated day
/// is compared with each observed day).
fit::OpenWindow scenario_window(const models::CenterSpec& spec);

/// Erlang A's inputs from the scenario: offered-weighted mean service (with wrap-up) and
/// patience over its call types, its service-level threshold.
fit::ErlangBaseline erlang_baseline(const models::CenterSpec& spec, const std::vector<double>& offered_per_type);

/// Simulates `scenario` and compares it with `days` of `log`; `previous` (may be null,
/// with `previous_days`) gives persistence.
fit::Backtest run_backtest(const scenarios::LoadedScenario& scenario, const fit::CallLog& log,
                           const std::vector<std::uint32_t>& days, const fit::CallLog* previous,
                           const std::vector<std::uint32_t>& previous_days, const BacktestSettings& settings);

}  // namespace callsim::app
