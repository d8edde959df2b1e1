// Staffing by simulation (plan/staffing_search.hpp): the plan's rows are what the scenario
// loader makes of the CSV written from them; Erlang staffing of a forecast is exact; the
// simulation search's answer holds up under an independent seed, single- and multi-skill.

#include "plan/staffing_search.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "analysis/erlang.hpp"
#include "analysis/kpi.hpp"
#include "app/staffing_csv.hpp"
#include "cli_shell.hpp"
#include "plan/staffing_plan.hpp"
#include "plan/target_check.hpp"
#include "run/experiment.hpp"
#include "scenarios/loader.hpp"

using callsim::analysis::StaffingTarget;
using Direction = callsim::analysis::StaffingTarget::Direction;
namespace plan = callsim::plan;

namespace {

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

/// A one-type day whose load rises and falls (calls per 30 min), abandonment optional.
std::string one_type_scenario(const std::string& forecast_file, bool patience, const std::string& staffing) {
  return "name: day\n"
         "time: {start: \"08:00\", warmup: 0s, duration: 8h, interval: 30min}\n"
         "service_level: {threshold: 20s}\n"
         "call_types:\n"
         "  - name: calls\n"
         "    arrivals: {forecast: " +
         forecast_file +
         "}\n"
         "    service: {distribution: exponential, mean: 4min}\n" +
         (patience ? "    patience: {distribution: exponential, mean: 5min}\n" : "") +
         "agent_groups:\n"
         "  - name: agents\n"
         "    skills: [calls]\n    " +
         staffing + "\n";
}

std::string rising_forecast() {
  const int calls[16] = {20, 35, 60, 90, 120, 130, 110, 95, 100, 115, 105, 80, 60, 45, 30, 20};
  std::string csv = "interval_start,calls\n";
  for (int i = 0; i < 16; ++i) {
    char row[32];
    std::snprintf(row, sizeof row, "%02d:%02d,%d\n", 8 + i / 2, i % 2 ? 30 : 0, calls[i]);
    csv += row;
  }
  return csv;
}

/// The one-type day of `forecast_csv` (with patience or not), loaded from a fresh directory.
callsim::scenarios::LoadedScenario day_scenario(const std::string& name, const std::string& forecast_csv,
                                                bool patience) {
  const auto dir = callsim::testing::temp_dir("staffing", name);
  write(dir / "f.csv", forecast_csv);
  write(dir / "s.yaml", one_type_scenario("f.csv", patience, "count: 5"));
  return callsim::scenarios::load_scenario((dir / "s.yaml").string());
}

/// 80/20 in every interval, on two threads.
plan::StaffingSearchSettings eighty_twenty() {
  plan::StaffingSearchSettings settings;
  settings.targets = {{"service_level", Direction::AT_LEAST, 0.8}};
  settings.threads = 2;
  return settings;
}

/// Per-interval means of `kpi` when `spec` runs with `plan` on another seed.
std::vector<double> rerun_means(callsim::models::CenterSpec spec, const plan::StaffingPlan& p, const std::string& kpi,
                                std::uint64_t seed) {
  plan::apply_plan(spec, p);
  callsim::run::ExperimentOptions options;
  options.seed = seed;
  options.replications = 400;  // the independent estimate: its own noise small
  options.threads = 2;
  const callsim::analysis::RunResult run = callsim::run::run_in_process(spec, options);
  std::vector<double> means;
  for (std::size_t i = 0; i < p.intervals; ++i) {
    const std::vector<double> v = plan::interval_values(run, callsim::analysis::kpi_index(kpi), i);
    double sum = 0;
    for (const double x : v) sum += x;
    means.push_back(sum / static_cast<double>(v.size()));
  }
  return means;
}

}  // namespace

TEST_CASE("a staffing plan simulates as the staffing CSV written from it loads", "[staffing_search]") {
  const auto dir = callsim::testing::temp_dir("staffing", "rows");
  write(dir / "f.csv", "interval_start,a\n08:00,30\n08:30,40\n09:00,50\n");
  // A warm-up of 45 min: two warm-up rows, staffed as the first interval.
  const std::string text =
      "name: two\n"
      "time: {start: \"07:00\", warmup: 45min, duration: 90min, interval: 30min}\n"
      "call_types:\n  - name: a\n    arrivals: {forecast: f.csv}\n    service: {distribution: exponential, mean: "
      "3min}\n"
      "agent_groups:\n"
      "  - {name: g1, skills: [a], staffing: plan.csv}\n"
      "  - {name: g2, skills: [a], staffing: plan.csv}\n";
  plan::StaffingPlan p(3, 2);
  p.agents = {4, 1, 6, 0, 5, 2};
  // The spec only needs its time frame to lay the rows out.
  callsim::models::CenterSpec frame;
  frame.time.clock_start = callsim::sim::Time(7 * 3600.0);
  frame.time.warmup = callsim::sim::Time(45 * 60.0);
  frame.time.duration = callsim::sim::Time(90 * 60.0);
  frame.time.interval = callsim::sim::Time(1800.0);
  frame.agent_groups.resize(2);
  const std::string csv = callsim::app::staffing_csv(frame.time, p, {"g1", "g2"});
  // Counted from 07:45: warm-up rows at 06:45 and 07:15, the drain row at 09:15.
  CHECK(csv == "interval_start,g1,g2\n06:45,4,1\n07:15,4,1\n07:45,4,1\n08:15,6,0\n08:45,5,2\n09:15,5,2\n");
  write(dir / "plan.csv", csv);
  write(dir / "s.yaml", text);
  const callsim::scenarios::LoadedScenario loaded = callsim::scenarios::load_scenario((dir / "s.yaml").string());
  callsim::models::CenterSpec applied = loaded.spec;
  plan::apply_plan(applied, p);
  for (std::size_t g = 0; g < 2; ++g) {
    const auto& want = loaded.spec.agent_groups[g].staffing;
    const auto& got = applied.agent_groups[g].staffing;
    REQUIRE(got.size() == want.size());
    for (std::size_t s = 0; s < got.size(); ++s) {
      CHECK(got[s].from == want[s].from);
      CHECK(got[s].agents == want[s].agents);
    }
  }
  // Same steps, same replication, bit for bit.
  const auto a = callsim::run::simulate_replication(loaded.spec, 7, 0);
  const auto b = callsim::run::simulate_replication(applied, 7, 0);
  CHECK(a.total.answered == b.total.answered);
  CHECK(a.total.wait_answered == b.total.wait_answered);
}

TEST_CASE("Erlang staffing of an hourly forecast is the textbook Erlang C answer", "[staffing_search]") {
  // The smallest N with P(wait) <= 0.5 per hour, found here by a plain loop over N.
  const auto dir = callsim::testing::temp_dir("staffing", "erlang");
  const int calls[6] = {40, 95, 160, 210, 150, 70};
  std::string csv = "interval_start,calls\n";
  for (int h = 0; h < 6; ++h) csv += std::to_string(9 + h) + ":00," + std::to_string(calls[h]) + "\n";
  write(dir / "hourly.csv", csv);
  write(dir / "s.yaml",
        "name: hourly\ntime: {start: \"09:00\", warmup: 0s, duration: 6h, interval: 1h}\n"
        "call_types:\n  - name: calls\n    arrivals: {forecast: hourly.csv}\n"
        "    service: {distribution: exponential, mean: 6min}\n"
        "agent_groups:\n  - {name: agents, skills: [calls], count: 10}\n");
  const auto scenario = callsim::scenarios::load_scenario((dir / "s.yaml").string());
  plan::StaffingSearchSettings settings;
  settings.targets = {{"p_wait", Direction::AT_MOST, 0.5}};
  settings.method = plan::StaffingSearchSettings::Method::ERLANG;
  settings.replications = 4;
  const plan::StaffingSearchResult result = plan::search_staffing(scenario, settings);
  REQUIRE(result.plan.intervals == 6);
  for (int h = 0; h < 6; ++h) {
    int n = 1;
    for (;; ++n) {
      const auto r = callsim::analysis::erlang({calls[h] / 3600.0, 360, n, std::nullopt, 20});
      if (r.stable && r.p_wait <= 0.5) break;
    }
    CHECK(result.plan.at(static_cast<std::size_t>(h), 0) == n);
    CHECK(result.erlang_pooled[static_cast<std::size_t>(h)] == n);
  }
}

TEST_CASE("simulation staffing of a time-varying day holds under another seed, within Erlang C's hours",
          "[staffing_search]") {
  const auto scenario = day_scenario("day", rising_forecast(), true);
  plan::StaffingSearchSettings settings = eighty_twenty();
  const plan::StaffingSearchResult result = plan::search_staffing(scenario, settings);
  REQUIRE(result.met);
  // Every interval met at the search's own seed with the bound.
  for (std::size_t i = 0; i < result.plan.intervals; ++i) CHECK(result.checks[0][i].meets);

  const std::vector<double> sl = rerun_means(scenario.spec, result.plan, "service_level", 987654321);
  std::size_t meeting = 0;
  for (std::size_t i = 0; i < sl.size(); ++i) {
    UNSCOPED_INFO("interval " << i << ": " << result.plan.at(i, 0) << " agents, SL " << sl[i] << " (search "
                              << result.checks[0][i].mean << " - " << result.checks[0][i].half_width << ")");
    meeting += sl[i] >= 0.8 ? 1 : 0;
  }
  CHECK(static_cast<double>(meeting) >= 0.95 * static_cast<double>(sl.size()));

  // Period-by-period Erlang C (no abandonment) of the same forecast, exact.
  const int calls[16] = {20, 35, 60, 90, 120, 130, 110, 95, 100, 115, 105, 80, 60, 45, 30, 20};
  double erlang_c_hours = 0;
  for (const int c : calls) {
    int n = 1;
    for (;; ++n) {
      const auto r = callsim::analysis::erlang({c / 1800.0, 240, n, std::nullopt, 20});
      if (r.stable && r.service_level >= 0.8) break;
    }
    erlang_c_hours += n * 0.5;
  }
  CHECK(result.plan.agent_hours(1800) <= erlang_c_hours);
}

TEST_CASE("multi-skill staffing plugged back meets the target under another seed", "[staffing_search]") {
  const auto scenario =
      callsim::scenarios::load_scenario(std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/multiskill-small.yaml");
  plan::StaffingSearchSettings settings;
  settings.targets = {{"service_level", Direction::AT_LEAST, 0.8}};
  settings.threads = 2;
  const plan::StaffingSearchResult result = plan::search_staffing(scenario, settings);
  REQUIRE(result.met);
  REQUIRE(result.plan.groups == 2);
  // Both groups are used, and more agents than the pooled Erlang lower bound are needed.
  double pooled = 0;
  for (const int n : result.erlang_pooled) pooled += n * 0.5;
  CHECK(result.plan.agent_hours(1800) >= pooled);
  const std::vector<double> sl = rerun_means(scenario.spec, result.plan, "service_level", 424242);
  std::size_t meeting = 0;
  for (const double v : sl) meeting += v >= 0.8 ? 1 : 0;
  CHECK(static_cast<double>(meeting) >= 0.9 * static_cast<double>(sl.size()));
}

TEST_CASE("one fewer agent than the search's answer misses somewhere", "[staffing_search]") {
  // The answer is the fewest: taking one agent from any interval breaks that interval or a
  // neighbour at the search's seed (or the cut was refused as such during the search).
  const auto scenario = day_scenario("fewest", rising_forecast(), false);
  plan::StaffingSearchSettings settings = eighty_twenty();
  settings.replications = 40;
  const plan::StaffingSearchResult result = plan::search_staffing(scenario, settings);
  REQUIRE(result.met);
  for (const std::size_t i : {std::size_t{4}, std::size_t{9}}) {
    plan::StaffingPlan fewer = result.plan;
    --fewer.at(i, 0);
    callsim::models::CenterSpec spec = scenario.spec;
    plan::apply_plan(spec, fewer);
    callsim::run::ExperimentOptions options;
    options.seed = settings.seed;
    options.replications = 40;
    const auto run = callsim::run::run_in_process(spec, options);
    const auto checks = plan::check_run(run, settings.targets[0], settings.confidence);
    bool missed = false;
    for (std::size_t j = i - 1; j <= i + 1; ++j) missed = missed || !checks[j].meets;
    CHECK(missed);
  }
}

TEST_CASE("staffing targets no staffing can meet are refused", "[staffing_search]") {
  const auto scenario = day_scenario("unreachable", rising_forecast(), false);
  plan::StaffingSearchSettings settings;
  settings.targets = {{"service_level", Direction::AT_LEAST, 1.0}};
  CHECK_THROWS_AS(plan::search_staffing(scenario, settings), plan::StaffingError);
  settings.targets = {{"mean_queue_length", Direction::AT_MOST, 1.0}};
  CHECK_THROWS_AS(plan::search_staffing(scenario, settings), plan::StaffingError);
  settings.targets = {{"service_level", Direction::AT_LEAST, 0.8}};
  settings.max_agents = 3;  // the peak needs about 20
  CHECK_THROWS_WITH(plan::search_staffing(scenario, settings), Catch::Contains("agents"));
}

TEST_CASE("the one-sided check uses the Student-t bound", "[staffing_search]") {
  // Values 0.7, 0.8, 0.9: mean 0.8, s = 0.1, n = 3; t(0.9, 2) = 1.8856.
  const std::vector<double> v{0.7, 0.8, 0.9};
  const StaffingTarget t{"service_level", Direction::AT_LEAST, 0.68};
  const plan::TargetCheck c = plan::check_values(t, v, 0.9);
  CHECK(c.n == 3);
  CHECK(c.half_width == Approx(1.885618 * 0.1 / std::sqrt(3.0)).epsilon(1e-5));
  CHECK(c.meets);  // 0.8 - 0.1089 = 0.691 >= 0.68
  CHECK_FALSE(plan::check_values({"service_level", Direction::AT_LEAST, 0.70}, v, 0.9).meets);
  CHECK(plan::check_values({"asa", Direction::AT_MOST, 0.91}, v, 0.9).meets);
  CHECK(plan::check_values(t, std::vector<double>{std::nan(""), std::nan("")}, 0.9).meets);  // no calls
}

TEST_CASE("per day, the day meets with no more agent-hours than every interval meeting", "[staffing_search]") {
  const auto scenario = day_scenario("per-day", rising_forecast(), true);
  plan::StaffingSearchSettings settings = eighty_twenty();
  const plan::StaffingSearchResult per_interval = plan::search_staffing(scenario, settings);
  settings.scope = plan::StaffingSearchSettings::Scope::DAY;
  const plan::StaffingSearchResult per_day = plan::search_staffing(scenario, settings);
  REQUIRE(per_day.met);
  CHECK(per_day.checks[0].back().meets);
  CHECK(per_day.checks[0].back().mean - per_day.checks[0].back().half_width >= 0.8);
  CHECK(per_day.plan.agent_hours(1800) <= per_interval.plan.agent_hours(1800));
}

TEST_CASE("an interval without calls needs no agent", "[staffing_search]") {
  const auto scenario =
      day_scenario("quiet",
                   "interval_start,calls\n08:00,0\n08:30,0\n09:00,80\n09:30,90\n10:00,0\n10:30,0\n11:00,60\n11:30,40\n"
                   "12:00,30\n12:30,20\n13:00,10\n13:30,5\n14:00,5\n14:30,5\n15:00,5\n15:30,5\n",
                   true);
  const plan::StaffingSearchSettings settings = eighty_twenty();
  const plan::StaffingSearchResult result = plan::search_staffing(scenario, settings);
  CHECK(result.plan.at(0, 0) == 0);
  CHECK(result.plan.at(1, 0) == 0);
  CHECK(result.plan.at(2, 0) > 0);
  CHECK(result.plan.at(5, 0) == 0);
}
