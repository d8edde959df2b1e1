// A roster proved in simulation (plan/roster_repair.hpp) and written as a scenario's shifts
// (app/roster_scenario.hpp), on the shipped real-bank day and its shift templates.

#include "plan/roster_repair.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "analysis/kpi.hpp"
#include "app/roster_scenario.hpp"
#include "plan/roster_mip.hpp"
#include "plan/roster_steps.hpp"
#include "plan/staffing_plan.hpp"
#include "plan/staffing_search.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/shift_templates_file.hpp"
#include "scenarios/staffing_scale.hpp"

using namespace callsim;
using Direction = analysis::StaffingTarget::Direction;

namespace {

const std::string kLib = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/";

/// The bank day, its templates, and requirements from the staffing search plus `shift`
/// agents per interval (at least 1 where calls come).
struct BankRoster {
  scenarios::LoadedScenario scenario = scenarios::load_scenario(kLib + "bank-weekday.yaml");
  plan::RosterProblem problem;
  std::string out_path = kLib + "bank-weekday-roster.yaml";  // never written: relative names stay

  explicit BankRoster(int shift) {
    problem.templates = scenarios::read_shift_templates(kLib + "bank-weekday-shifts.yaml", {"agents"});
    plan::StaffingSearchSettings search;
    search.targets = {{"service_level", Direction::AT_LEAST, 0.8}};
    search.threads = 2;
    const auto staffed = plan::search_staffing(scenario, search);
    problem.start = scenario.spec.time.clock_start.seconds();
    problem.interval = scenario.spec.time.interval.seconds();
    std::vector<int> required;
    for (std::size_t i = 0; i < staffed.plan.intervals; ++i)
      required.push_back(std::max(1, staffed.plan.at(i, 0) + shift));
    problem.groups.push_back({0, "agents", required});
  }

  [[nodiscard]] app::RosterScenarioSource source(double shrinkage = 0) const {
    return {&scenario, &problem, shrinkage, out_path, "test"};
  }
};

plan::RosterRepairSettings sl80() {
  plan::RosterRepairSettings s;
  s.targets = {{"service_level", Direction::AT_LEAST, 0.8}};
  s.threads = 2;
  return s;
}

/// Share of intervals whose mean service level over 400 replications of seed `seed` is >= 80%.
double share_meeting(const scenarios::LoadedScenario& roster, std::uint64_t seed) {
  run::ExperimentOptions options;
  options.seed = seed;
  options.replications = 400;
  options.threads = 2;
  const analysis::RunResult run = run::run_in_process(roster.spec, options);
  const std::size_t intervals = run.replications.front().intervals.size();
  std::size_t meeting = 0, counted = 0;
  for (std::size_t i = 0; i < intervals; ++i) {
    const auto v = plan::interval_values(run, analysis::kpi_index("service_level"), i);
    double sum = 0, n = 0;
    for (const double x : v)
      if (std::isfinite(x)) sum += x, n += 1;
    if (n == 0) continue;
    ++counted;
    if (sum / n >= 0.8) ++meeting;
  }
  return static_cast<double>(meeting) / static_cast<double>(counted);
}

}  // namespace

TEST_CASE("rostered agents for an on-duty need round as the loader's shrinkage does", "[roster_repair]") {
  for (const double shrinkage : {0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 1.0 / 3, 0.35, 0.5, 0.7, 0.9}) {
    for (int need = 0; need <= 80; ++need) {
      const int r = plan::rostered_for_on_duty(need, shrinkage);
      INFO("shrinkage " << shrinkage << ", need " << need << ", rostered " << r);
      CHECK(*scenarios::detail::scaled_agents(r, 1 - shrinkage) >= need);
      if (r > 0) CHECK(*scenarios::detail::scaled_agents(r - 1, 1 - shrinkage) < need);
    }
  }
}

TEST_CASE("a roster written as shifts loads into the steps of the roster itself", "[roster_repair]") {
  BankRoster bank(0);
  const plan::RosterResult mip = plan::solve_roster(bank.problem);
  REQUIRE(mip.found);
  const auto loaded = app::load_roster_scenario(bank.source(), mip.shifts);
  const auto steps = plan::roster_steps(bank.problem, mip.shifts, 1, bank.scenario.spec.time.clock_start.seconds());
  const auto& got = loaded.spec.agent_groups[0].staffing;
  REQUIRE(got.size() == steps[0].size());
  for (std::size_t s = 0; s < got.size(); ++s) {
    CHECK(got[s].from == steps[0][s].from);
    CHECK(got[s].agents == steps[0][s].agents);
  }
  // The roster covers every interval's requirement at every slot.
  for (const auto& c : plan::interval_covers(bank.problem, mip.shifts)) CHECK(c.rostered >= c.required);
  // With shrinkage the rostered counts are written and shrunk on load: never below the need.
  plan::RosterProblem shrunk = bank.problem;
  for (int& r : shrunk.groups[0].required) r = plan::rostered_for_on_duty(r, 0.3);
  const plan::RosterResult more = plan::solve_roster(shrunk);
  REQUIRE(more.found);
  CHECK(more.cost > mip.cost);
  const auto with_shrinkage = app::load_roster_scenario({&bank.scenario, &shrunk, 0.3, bank.out_path, ""}, more.shifts);
  const double length = bank.problem.interval, t0 = bank.problem.start;
  const auto& on_duty = with_shrinkage.spec.agent_groups[0].staffing;
  for (std::size_t i = 0; i < bank.problem.groups[0].required.size(); ++i) {
    // The least on duty during interval i (steps are on the simulation clock).
    int least = 1 << 30;
    for (std::size_t s = 0; s < on_duty.size(); ++s) {
      const double from = on_duty[s].from.seconds();
      const double to = s + 1 < on_duty.size() ? on_duty[s + 1].from.seconds() : 1e18;
      if (from < (static_cast<double>(i) + 1) * length && to > static_cast<double>(i) * length)
        least = std::min(least, on_duty[s].agents);
    }
    INFO("interval " << i << " at " << t0 + length * static_cast<double>(i));
    CHECK(least >= bank.problem.groups[0].required[i]);
  }
}

TEST_CASE("an under-covering roster is repaired until it meets 80/20 in simulation, also under another seed",
          "[roster_repair]") {
  BankRoster bank(-1);  // one agent short of the simulation's requirement everywhere
  const plan::RosterResult mip = plan::solve_roster(bank.problem);
  REQUIRE(mip.found);
  const auto source = bank.source();
  const auto result = plan::repair_roster(
      bank.problem, mip.shifts, [&](const auto& shifts) { return app::load_roster_scenario(source, shifts); }, sl80());
  CHECK(result.initial_missed.size() > 10);  // the short roster misses: the repair has work to do
  CHECK(result.met);
  CHECK(result.missed.empty());
  CHECK(result.added > 0);
  CHECK(result.cost > mip.cost);
  CHECK(result.cost == Approx(plan::roster_cost(bank.problem, result.shifts)));
  // Proved on the search's seed; an independent seed must agree in at least 95% of intervals.
  const auto repaired = app::load_roster_scenario(source, result.shifts);
  CHECK(share_meeting(repaired, 987654321) >= 0.95);
}

TEST_CASE("an over-covering roster is trimmed to a cheaper one that still meets", "[roster_repair]") {
  BankRoster bank(2);  // two agents above the requirement everywhere
  const plan::RosterResult mip = plan::solve_roster(bank.problem);
  REQUIRE(mip.found);
  const auto source = bank.source();
  const auto result = plan::repair_roster(
      bank.problem, mip.shifts, [&](const auto& shifts) { return app::load_roster_scenario(source, shifts); }, sl80());
  CHECK(result.initial_missed.empty());
  CHECK(result.met);
  CHECK(result.added == 0);
  CHECK(result.removed > 0);
  CHECK(result.cost < mip.cost);
  const auto trimmed = app::load_roster_scenario(source, result.shifts);
  CHECK(share_meeting(trimmed, 42424242) >= 0.95);
}

TEST_CASE("a repair the templates' maximum blocks stops and says which intervals miss", "[roster_repair]") {
  BankRoster bank(-1);
  plan::RosterResult mip = plan::solve_roster(bank.problem);
  REQUIRE(mip.found);
  // Each template capped at what the short roster already uses: no agent can be added.
  for (std::size_t t = 0; t < bank.problem.templates.size(); ++t) {
    int n = 0;
    for (const auto& s : mip.shifts)
      if (s.template_index == t) n += s.agents;
    bank.problem.templates[t].max_agents = n;
  }
  const auto source = bank.source();
  auto settings = sl80();
  settings.replications = 10;
  const auto result = plan::repair_roster(
      bank.problem, mip.shifts, [&](const auto& shifts) { return app::load_roster_scenario(source, shifts); },
      settings);
  CHECK_FALSE(result.met);
  CHECK(result.stalled);
  CHECK_FALSE(result.missed.empty());
  for (std::size_t t = 0; t < bank.problem.templates.size(); ++t) {
    int n = 0;
    for (const auto& s : result.shifts)
      if (s.template_index == t) n += s.agents;
    CHECK(n <= bank.problem.templates[t].max_agents);
  }
}
