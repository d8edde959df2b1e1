// Whole replications of the shipped scenarios: simulated calls per second per core, for the
// bare model, the model with the KPI collector (what `callsim run` does), and the model on
// the lazy-cancellation calendar.

#include <benchmark/benchmark.h>

#include <string>

#include "analysis/kpi_collector.hpp"
#include "models/call_center.hpp"
#include "models/routing_policies.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"
#include "sim/lazy_event_calendar.hpp"

namespace {

callsim::models::CenterSpec shipped(const std::string& name) {
  return callsim::scenarios::load_scenario(std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/" + name + ".yaml")
      .spec;
}

template <class Calendar>
void BM_BareModel(benchmark::State& state, const std::string& scenario) {
  const auto spec = shipped(scenario);
  std::uint64_t calls = 0, r = 0;
  for (auto _ : state) {
    callsim::models::NullObserver obs;
    callsim::models::CallCenter<callsim::models::NullObserver, Calendar> center(spec, 1, r++, obs);
    center.run_to_completion();
    calls += center.arrivals();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(calls));
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
}

void BM_ReplicationWithKpis(benchmark::State& state, const std::string& scenario) {
  callsim::models::CenterSpec spec;
  try {
    spec = shipped(scenario);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  std::uint64_t calls = 0, r = 0;
  for (auto _ : state) {
    const auto result = callsim::run::simulate_replication(spec, 1, r++);
    calls += result.calls_simulated;
    benchmark::DoNotOptimize(result.total.answered);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(calls));
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
}

/// One large-center day under each routing policy: what a policy decision costs.
void BM_PolicyLargeCenter(benchmark::State& state, const std::string& policy) {
  callsim::models::CenterSpec spec;
  try {
    spec = shipped("large-center");
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  spec.routing.policy = policy;
  std::uint64_t calls = 0, r = 0;
  for (auto _ : state) {
    const auto result = callsim::run::simulate_replication(spec, 1, r++);
    calls += result.calls_simulated;
    benchmark::DoNotOptimize(result.total.answered);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(calls));
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
}

// BENCHMARK_CAPTURE cannot take a template-id, hence these two names.
void BM_BareModelIndexedCalendar(benchmark::State& state, const std::string& scenario) {
  BM_BareModel<callsim::sim::EventCalendar>(state, scenario);
}
void BM_BareModelLazyCalendar(benchmark::State& state, const std::string& scenario) {
  BM_BareModel<callsim::sim::LazyEventCalendar>(state, scenario);
}

}  // namespace

BENCHMARK_CAPTURE(BM_BareModelIndexedCalendar, erlang_a, std::string("erlang-a"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_BareModelLazyCalendar, erlang_a, std::string("erlang-a"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplicationWithKpis, erlang_a, std::string("erlang-a"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplicationWithKpis, erlang_c, std::string("erlang-c"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplicationWithKpis, multiskill_small, std::string("multiskill-small"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplicationWithKpis, bank_weekday, std::string("bank-weekday"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReplicationWithKpis, large_center, std::string("large-center"))->Unit(benchmark::kMillisecond);
// Every registered policy, so a new one is benchmarked without touching this file.
const bool kPoliciesRegistered = [] {
  for (const auto& policy : callsim::models::routing_policies()) {
    const std::string name(policy.name);
    benchmark::RegisterBenchmark(("BM_PolicyLargeCenter/" + name).c_str(), [name](benchmark::State& state) {
      BM_PolicyLargeCenter(state, name);
    })->Unit(benchmark::kMillisecond);
  }
  return true;
}();
