// The staffing search of `callsim staff` (plan/staffing_search.hpp): a whole search per
// iteration, on the shipped single-group real-bank day, the two-group multiskill-small and
// a synthetic week of 7 x 48 half hours with day-specific forecasts. Counters: simulations
// per search and simulated calls per second.

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "plan/staffing_search.hpp"
#include "scenarios/loader.hpp"

namespace {

callsim::scenarios::LoadedScenario library(const std::string& name) {
  return callsim::scenarios::load_scenario(std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name + ".yaml");
}

/// A single-skill week: calls per half hour from 07:00 to 21:00 follow a day curve scaled
/// by the day of the week (Monday busiest), 0 at night.
callsim::scenarios::LoadedScenario week() {
  const auto dir = std::filesystem::temp_directory_path() / "callsim-bench-week";
  std::filesystem::create_directories(dir);
  std::string csv = "interval_start,calls\n";
  const double day_scale[7] = {1.25, 1.1, 1.0, 1.0, 0.95, 0.6, 0.4};
  for (int d = 0; d < 7; ++d) {
    for (int h = 0; h < 48; ++h) {
      const double hour = h / 2.0;
      const double shape = hour < 7 || hour >= 21 ? 0 : 40 + 80 * std::sin(3.14159 * (hour - 7) / 14);
      char row[48];
      std::snprintf(row, sizeof row, "%d %02d:%02d,%.1f\n", d + 1, h / 2, h % 2 ? 30 : 0, shape * day_scale[d]);
      csv += row;
    }
  }
  std::ofstream(dir / "week.csv") << csv;
  std::ofstream(dir / "week.yaml") << "name: week\n"
                                      "time: {start: \"00:00\", warmup: 0s, duration: 168h, interval: 30min}\n"
                                      "call_types:\n  - name: calls\n    arrivals: {forecast: week.csv}\n"
                                      "    service: {distribution: lognormal, mean: 4min, cv: 0.9}\n"
                                      "    patience: {distribution: exponential, mean: 5min}\n"
                                      "agent_groups:\n  - {name: agents, skills: [calls], count: 20}\n";
  return callsim::scenarios::load_scenario((dir / "week.yaml").string());
}

void BM_StaffingSearch(benchmark::State& state, const std::string& name) {
  const callsim::scenarios::LoadedScenario scenario = name == "week" ? week() : library(name);
  callsim::plan::StaffingSearchSettings settings;
  settings.targets = {{"service_level", callsim::analysis::StaffingTarget::Direction::AT_LEAST, 0.8}};
  settings.threads = 2;
  std::uint64_t calls = 0;
  int evaluations = 0;
  for (auto _ : state) {
    const auto result = callsim::plan::search_staffing(scenario, settings);
    calls += result.calls_simulated;
    evaluations = result.evaluations;
    benchmark::DoNotOptimize(result.plan.agents.data());
  }
  state.counters["simulations"] = evaluations;
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK_CAPTURE(BM_StaffingSearch, bank_weekday, std::string("bank-weekday"))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_StaffingSearch, multiskill_small, std::string("multiskill-small"))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_CAPTURE(BM_StaffingSearch, week, std::string("week"))
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);
