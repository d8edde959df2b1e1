#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "scenarios/loader.hpp"
#include "scenarios/shifts_scenario.hpp"

using namespace callsim::scenarios;

namespace {

const std::string kLib = std::string(CALLSIM_SOURCE_DIR) + "/scenarios/library/";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("scenario clock times: HH:MM on day 1, D HH:MM later, 24:00 for an end at midnight", "[shifts_scenario]") {
  CHECK(scenario_clock(7.5 * 3600, false) == "07:30");
  CHECK(scenario_clock(0, false) == "00:00");
  CHECK(scenario_clock(86400 + 7.5 * 3600, false) == "2 07:30");
  CHECK(scenario_clock(86400, false) == "2 00:00");
  CHECK(scenario_clock(86400, true) == "24:00");
  CHECK(scenario_clock(2 * 86400, true) == "2 24:00");
  CHECK(scenario_clock(7 * 86400, true) == "7 24:00");
  CHECK_THROWS_AS(scenario_clock(7 * 86400, false), ScenarioError);
  CHECK_THROWS_AS(scenario_clock(8 * 3600 + 30, false), ScenarioError);
  CHECK_THROWS_AS(scenario_clock(-60, false), ScenarioError);
  // Every written time reads back as the same clock time, in either role.
  for (double minute = 0; minute < 7 * 1440; minute += 97) {
    const std::string text =
        "name: c\ntime: {start: \"00:00\", duration: 7d, interval: 1h}\n"
        "call_types:\n  - {name: a, arrivals: {rate: 1/h}, service: {distribution: "
        "exponential, mean: 1min}}\nagent_groups:\n  - name: g\n    skills: [a]\n    shifts:\n"
        "      - {start: \"" +
        scenario_clock(minute * 60, false) + "\", end: \"" + scenario_clock(minute * 60 + 3600, true) +
        "\", count: 2}\n";
    const auto loaded = load_scenario_text(text, "clock.yaml");
    REQUIRE(loaded.spec.agent_groups[0].staffing.size() == 2);
    CHECK(loaded.spec.agent_groups[0].staffing[0].from.seconds() == minute * 60);
    CHECK(loaded.spec.agent_groups[0].staffing[1].from.seconds() == minute * 60 + 3600);
  }
}

TEST_CASE("a scenario rewritten with shifts keeps its forecasts from another directory", "[shifts_scenario]") {
  const std::string path = kLib + "bank-weekday.yaml";
  const auto dir = std::filesystem::temp_directory_path() / "callsim-shifts-scenario" / "deeper";
  std::filesystem::create_directories(dir);
  const std::string out = (dir / "roster.yaml").string();
  const std::vector<GroupShiftsOut> groups{
      {"agents",
       {{7 * 3600, 15.5 * 3600, 4, {{10 * 3600, 900, 2}, {10.25 * 3600, 900, 2}}, 216.5},
        {15 * 3600, 86400, 5, {}, 150}},
       0.25}};
  const std::string text = scenario_with_shifts(read_text(path), path, out, groups, "-roster", "made here\nline two");
  CHECK(text.rfind("# made here\n# line two\n", 0) == 0);
  std::ofstream(out) << text;
  const auto original = load_scenario(path);
  const auto loaded = load_scenario(out);
  CHECK(loaded.spec.name == "bank-weekday-roster");
  // The forecasts are the same files: the same expected calls of every type.
  REQUIRE(loaded.spec.call_types.size() == original.spec.call_types.size());
  for (std::size_t k = 0; k < loaded.spec.call_types.size(); ++k)
    CHECK(loaded.spec.call_types[k].arrivals.rates() == original.spec.call_types[k].arrivals.rates());
  // On shift less on break, times 25% shrinkage rounded: 4 -> 3, 2 -> 2 (1.5 rounds up), 9 -> 7 (6.75), 5 -> 4 (3.75).
  const auto& steps = loaded.spec.agent_groups[0].staffing;
  std::vector<std::pair<double, int>> got;
  for (const auto& s : steps) got.emplace_back(s.from.seconds(), s.agents);
  const double t0 = 7 * 3600;  // the scenario's clock starts at 07:00
  const std::vector<std::pair<double, int>> expected{
      {0, 3}, {10 * 3600 - t0, 2}, {10.5 * 3600 - t0, 3}, {15 * 3600 - t0, 7}, {15.5 * 3600 - t0, 4}, {86400 - t0, 0}};
  CHECK(got == expected);
  // The roster as written: on shift whether on break or not, before shrinkage; its cost.
  REQUIRE(loaded.rosters.size() == 1);
  got.clear();
  for (const auto& s : loaded.rosters[0].on_shift) got.emplace_back(s.from.seconds(), s.agents);
  const std::vector<std::pair<double, int>> on_shift{
      {0, 4}, {15 * 3600 - t0, 9}, {15.5 * 3600 - t0, 5}, {86400 - t0, 0}};
  CHECK(got == on_shift);
  REQUIRE(loaded.rosters[0].cost.has_value());
  CHECK(*loaded.rosters[0].cost == 4 * 216.5 + 5 * 150);
  std::filesystem::remove_all(dir.parent_path());
}

TEST_CASE("a scenario rewritten with shifts names the group it lacks", "[shifts_scenario]") {
  const std::string path = kLib + "erlang-c.yaml";
  CHECK_THROWS_WITH(scenario_with_shifts(read_text(path), path, path, {{"nobody", {}, 0}}, "", ""),
                    Catch::Contains("no agent group 'nobody'"));
}
