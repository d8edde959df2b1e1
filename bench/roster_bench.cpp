// `callsim roster` (plan/roster_mip.hpp, plan/roster_repair.hpp) on the shipped real-bank day
// and its shift templates, requirements from the staffing search: the MIP alone, and the
// repair by simulation of a roster one agent short everywhere. Counters: simulations and
// simulated calls per second.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>

#include "plan/roster_mip.hpp"
#include "plan/roster_repair.hpp"
#include "plan/roster_steps.hpp"
#include "plan/staffing_search.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/shift_templates_file.hpp"

namespace {

using callsim::analysis::StaffingTarget;
namespace plan = callsim::plan;

const std::string kLib = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/";

struct Bank {
  callsim::scenarios::LoadedScenario scenario = callsim::scenarios::load_scenario(kLib + "bank-weekday.yaml");
  plan::RosterProblem problem;

  explicit Bank(int shift) {
    problem.templates = callsim::scenarios::read_shift_templates(kLib + "bank-weekday-shifts.yaml", {"agents"});
    plan::StaffingSearchSettings search;
    search.targets = {{"service_level", StaffingTarget::Direction::AT_LEAST, 0.8}};
    search.threads = 2;
    const auto staffed = plan::search_staffing(scenario, search);
    problem.start = scenario.spec.time.clock_start.seconds();
    problem.interval = scenario.spec.time.interval.seconds();
    std::vector<int> required;
    for (std::size_t i = 0; i < staffed.plan.intervals; ++i)
      required.push_back(std::max(1, staffed.plan.at(i, 0) + shift));
    problem.groups.push_back({0, "agents", required});
  }
};

void BM_RosterMip(benchmark::State& state) {
  const Bank bank(0);
  for (auto _ : state) {
    const auto result = plan::solve_roster(bank.problem);
    benchmark::DoNotOptimize(result.cost);
  }
}

void BM_RosterRepair(benchmark::State& state) {
  const Bank bank(-1);
  const auto mip = plan::solve_roster(bank.problem);
  plan::RosterRepairSettings settings;
  settings.targets = {{"service_level", StaffingTarget::Direction::AT_LEAST, 0.8}};
  settings.threads = 2;
  // The roster's steps straight into the spec: what the written scenario loads to (tested).
  const plan::RosterScenario as_scenario = [&](const std::vector<plan::RosteredShift>& shifts) {
    auto s = bank.scenario;
    s.spec.agent_groups[0].staffing =
        plan::roster_steps(bank.problem, shifts, 1, bank.scenario.spec.time.clock_start.seconds())[0];
    return s;
  };
  std::uint64_t calls = 0;
  int evaluations = 0;
  for (auto _ : state) {
    const auto result = plan::repair_roster(bank.problem, mip.shifts, as_scenario, settings);
    calls += result.calls_simulated;
    evaluations = result.evaluations;
    benchmark::DoNotOptimize(result.cost);
  }
  state.counters["simulations"] = evaluations;
  state.counters["calls_per_s"] = benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_RosterMip)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_RosterRepair)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);
