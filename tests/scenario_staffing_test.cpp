// Scenario keys of agent groups: skills with levels and multipliers, after-call work,
// absenteeism, and staffing over time (a staffing plan CSV or shifts with breaks).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "scenarios/loader.hpp"

#ifndef CALLSIM_SOURCE_DIR
#define CALLSIM_SOURCE_DIR "."  // run from the repository root when built by hand
#endif

using callsim::models::StaffingStep;
using callsim::scenarios::load_scenario;
using callsim::scenarios::load_scenario_text;

namespace {

// One call type, one group; time 0 is 07:00. Line numbers in messages refer to this text.
const std::string kBase = R"(name: center
time:
  start: 07:00
  duration: 12h
call_types:
  - name: retail
    arrivals: {rate: 100/h}
    service: {distribution: exponential, mean: 3min}
    patience: {distribution: exponential, mean: 5min}
agent_groups:
  - name: agents
    skills: [retail]
    count: 10
)";

// kBase with the first `from` replaced by `to`; fails when `from` is absent.
std::string edited(const std::string& from, const std::string& to, const std::string& text = kBase) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.substr(0, at) + to + text.substr(at + from.size());
}

// kBase with the group's `count: 10` line replaced by `lines` (the group's staffing).
std::string staffed(const std::string& lines) { return edited("    count: 10\n", lines); }

callsim::scenarios::LoadedScenario load(const std::string& text) { return load_scenario_text(text, "center.yaml"); }

// Steps compared exactly: the loader's times are whole seconds, exact in double.
std::vector<std::pair<double, int>> steps_of(const std::vector<StaffingStep>& steps) {
  std::vector<std::pair<double, int>> out;
  for (const auto& step : steps) out.emplace_back(step.from.seconds(), step.agents);
  return out;
}

using Steps = std::vector<std::pair<double, int>>;

// A scenario and a staffing plan in one scratch directory, removed at the end of the test.
struct PlanFiles {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("callsim_staffing_test_" + std::to_string(::getpid()));
  std::string yaml = (dir / "center.yaml").string();
  std::string csv = (dir / "plan.csv").string();
  PlanFiles(const std::string& scenario, const std::string& plan) {
    std::filesystem::create_directories(dir);
    std::ofstream(yaml) << scenario;
    std::ofstream(csv) << plan;
  }
  ~PlanFiles() { std::filesystem::remove_all(dir); }
  PlanFiles(const PlanFiles&) = delete;
  PlanFiles& operator=(const PlanFiles&) = delete;
  [[nodiscard]] callsim::scenarios::LoadedScenario load() const { return load_scenario(yaml); }
};

const std::string kPlan = "interval_start,agents,specialists\n07:30,3,1\n08:00,5,1\n08:30,5,2\n09:00,8,2\n09:30,0,0\n";

}  // namespace

// ---- skills ----

TEST_CASE("plain skills leave levels and multipliers empty", "[scenario][staffing]") {
  const auto spec = load(kBase).spec;
  CHECK(spec.agent_groups[0].skills == std::vector<std::string>{"retail"});
  CHECK(spec.agent_groups[0].skill_levels.empty());
  CHECK(spec.agent_groups[0].service_multipliers.empty());
  CHECK(spec.agent_groups[0].staffing.empty());
  CHECK(spec.agent_groups[0].count == 10);
  CHECK_FALSE(spec.agent_groups[0].wrap_up.has_value());
  CHECK(spec.agent_groups[0].absenteeism == 0);
}

TEST_CASE("skills may give a level and a talk-time multiplier per call type", "[scenario][staffing]") {
  const std::string text =
      edited("    skills: [retail]", "    skills: [retail, {type: business, level: 2, multiplier: 1.2}, {type: vip}]",
             edited("agent_groups:", R"(  - name: business
    arrivals: {rate: 20/h}
    service: {distribution: exponential, mean: 5min}
  - name: vip
    arrivals: {rate: 5/h}
    service: {distribution: exponential, mean: 5min}
agent_groups:)"));
  const auto loaded = load(text);
  const auto& group = loaded.spec.agent_groups[0];
  CHECK(group.skills == std::vector<std::string>{"retail", "business", "vip"});
  CHECK(group.skill_levels == std::vector<int>{1, 2, 1});
  CHECK(group.service_multipliers == std::vector<double>{1, 1.2, 1});
}

TEST_CASE("skill maps are checked key by key", "[scenario][staffing][errors]") {
  CHECK_THROWS_WITH(load(edited("[retail]", "[{type: retail, level: 0}]")),
                    "center.yaml:12: agent_groups[0].skills[0].level must be at least 1, got 0");
  CHECK_THROWS_WITH(load(edited("[retail]", "[{type: retail, level: high}]")),
                    "center.yaml:12: agent_groups[0].skills[0].level 'high' is not a whole number; expected a "
                    "preference level such as 2 (1 = most preferred)");
  CHECK_THROWS_WITH(load(edited("[retail]", "[{type: retail, multiplier: 0}]")),
                    "center.yaml:12: agent_groups[0].skills[0].multiplier must be greater than 0, got 0");
  CHECK_THROWS_WITH(load(edited("[retail]", "[{level: 2}]")),
                    "center.yaml:12: agent_groups[0].skills[0] is missing 'type' (the call type, e.g. type: retail)");
  CHECK_THROWS_WITH(load(edited("[retail]", "[{type: retail, levle: 2}]")),
                    "center.yaml:12: unknown key 'levle' in agent_groups[0].skills[0] (did you mean 'level'?); valid "
                    "keys are: level, multiplier, type");
  CHECK_THROWS_WITH(load(edited("[retail]", "[{type: retial}]")),
                    "center.yaml:12: agent group 'agents' has skill 'retial', which no call type defines (did you "
                    "mean 'retail'?); call types are: retail");
  CHECK_THROWS_WITH(load(edited("[retail]", "[retail, {type: retail, level: 2}]")),
                    "center.yaml:12: agent group 'agents' lists skill 'retail' twice; list each call type once");
}

// ---- after-call work, absenteeism ----

TEST_CASE("a group's wrap_up and absenteeism are read", "[scenario][staffing]") {
  const auto loaded =
      load(staffed("    count: 10\n    wrap_up: {distribution: constant, value: 30s}\n    absenteeism: 0.08\n"));
  const auto& group = loaded.spec.agent_groups[0];
  REQUIRE(group.wrap_up.has_value());
  CHECK(group.wrap_up->mean() == 30);
  CHECK(group.absenteeism == 0.08);
}

TEST_CASE("absenteeism is a share below 1 and wrap_up a distribution", "[scenario][staffing][errors]") {
  CHECK_THROWS_WITH(load(staffed("    count: 10\n    absenteeism: 1\n")),
                    "center.yaml:14: agent_groups[0].absenteeism must be at least 0 and less than 1, got 1");
  CHECK_THROWS_WITH(load(staffed("    count: 10\n    absenteeism: 8%\n")),
                    "center.yaml:14: agent_groups[0].absenteeism '8%' is not a number; expected a plain number "
                    "without a unit, e.g. 0.8");
  CHECK_THROWS_WITH(load(staffed("    count: 10\n    wrap_up:\n")),
                    "center.yaml:14: agent_groups[0].wrap_up is empty; give a distribution such as {distribution: "
                    "exponential, mean: 30s}, or remove the key to use the call types' after-call work");
}

// ---- count, staffing or shifts ----

TEST_CASE("a group gives exactly one of count staffing and shifts", "[scenario][staffing][errors]") {
  CHECK_THROWS_WITH(load(staffed("    count: 10\n    shifts: [{start: 07:00, end: 15:00, count: 5}]\n")),
                    "center.yaml:14: agent group 'agents' gives both 'count' (line 13) and 'shifts'; give one of "
                    "count, staffing and shifts");
  CHECK_THROWS_WITH(load(staffed("    staffing: plan.csv\n    count: 10\n")),
                    "center.yaml:14: agent group 'agents' gives both 'staffing' (line 13) and 'count'; give one of "
                    "count, staffing and shifts");
}

TEST_CASE("shifts with staggered breaks resolve into the expected steps", "[scenario][staffing]") {
  const std::string shifts = R"(    shifts:
      - start: 07:00
        end: 15:30
        count: 10
        breaks:
          - {start: 10:00, duration: 15min, count: 4}
          - {start: 10:15, duration: 15min, count: 4}
          - {start: 12:00, duration: 30min, count: 5}
          - {start: 12:30, duration: 30min, count: 5}
      - start: 11:00
        end: 19:00
        count: 6
        breaks:
          - {start: 14:00, duration: 30min, count: 3}
          - {start: 14:30, duration: 30min, count: 3}
)";
  const auto loaded = load(staffed(shifts));
  const auto& group = loaded.spec.agent_groups[0];
  CHECK(group.count == 0);
  // 10 from 07:00; 4 on break 10:00-10:30 (two staggered waves: equal steps merged); the
  // second shift from 11:00; lunch waves of 5 from 12:00 to 13:00; its breaks 14:00-15:00.
  CHECK(steps_of(group.staffing) == Steps{{0, 10},
                                          {3 * 3600, 6},
                                          {3.5 * 3600, 10},
                                          {4 * 3600, 16},
                                          {5 * 3600, 11},
                                          {6 * 3600, 16},
                                          {7 * 3600, 13},
                                          {8 * 3600, 16},
                                          {8.5 * 3600, 6},
                                          {12 * 3600, 0}});
  CHECK(loaded.warnings.empty());
}

TEST_CASE("overlapping shifts add up and a break defaults to the whole shift", "[scenario][staffing]") {
  const auto spec = load(staffed(R"(    shifts:
      - {start: 08:00, end: 12:00, count: 4, breaks: [{start: 10:00, duration: 10min}]}
      - {start: 08:00, end: 12:00, count: 2}
)"))
                        .spec;
  CHECK(steps_of(spec.agent_groups[0].staffing) == Steps{{3600, 6}, {3 * 3600, 2}, {3 * 3600 + 600, 6}, {5 * 3600, 0}});
}

TEST_CASE("a shift past midnight ends on day 2 and 24:00 ends day 1", "[scenario][staffing]") {
  const std::string text = edited("  start: 07:00", "  start: 20:00", staffed(R"(    shifts:
      - {start: 22:00, end: 2 06:00, count: 3}
      - {start: 18:00, end: 23:00, count: 2}
      - {start: 20:00, end: 24:00, count: 1}
)"));
  // 18:00-23:00 began before time.start (20:00): it counts from time 0.
  CHECK(steps_of(load(text).spec.agent_groups[0].staffing) ==
        Steps{{0, 3}, {2 * 3600, 6}, {3 * 3600, 4}, {4 * 3600, 3}, {10 * 3600, 0}});
}

TEST_CASE("shift times and lengths are checked", "[scenario][staffing][errors]") {
  CHECK_THROWS_WITH(load(staffed("    shifts: [{start: 22:00, end: 06:00, count: 3}]\n")),
                    "center.yaml:13: agent_groups[0].shifts[0] ends at 06:00, not after it starts at 22:00; give an "
                    "end after the start (a period past midnight ends on the next day: end: 2 06:00)");
  CHECK_THROWS_WITH(load(staffed("    shifts: [{start: 08:00, end: 08:00, count: 3}]\n")),
                    "center.yaml:13: agent_groups[0].shifts[0] ends at 08:00, not after it starts at 08:00; give an "
                    "end after the start");
  CHECK_THROWS_WITH(load(staffed("    shifts: [{start: 08:00, end: 2 09:00, count: 3}]\n")),
                    "center.yaml:13: agent_groups[0].shifts[0] runs from 08:00 to day 2 09:00, more than 24 h; a "
                    "shift lasts at most 24 h: check the days of its start and end");
  CHECK_THROWS_WITH(load(staffed("    shifts: [{start: 7h, end: 15:00, count: 3}]\n")),
                    "center.yaml:13: agent_groups[0].shifts[0].start '7h' is not a clock time; expected HH:MM (e.g. "
                    "07:00), or D HH:MM for day D = 1..7 counted from the day of time.start (e.g. 2 06:00 for 06:00 "
                    "the next day)");
  CHECK_THROWS_WITH(load(staffed("    shifts: [{start: 24:00, end: 2 08:00, count: 3}]\n")),
                    "center.yaml:13: agent_groups[0].shifts[0].start '24:00' is not a clock time; expected HH:MM "
                    "(e.g. 07:00), or D HH:MM for day D = 1..7 counted from the day of time.start (e.g. 2 06:00 for "
                    "06:00 the next day)");
  CHECK_THROWS_WITH(load(staffed("    shifts: [{start: 07:00, end: 25:00, count: 3}]\n")),
                    "center.yaml:13: agent_groups[0].shifts[0].end '25:00' is not a clock time; expected HH:MM (e.g. "
                    "07:00), or D HH:MM for day D = 1..7 counted from the day of time.start (e.g. 2 06:00 for 06:00 "
                    "the next day); 24:00 for midnight");
  CHECK_THROWS_WITH(load(staffed("    shifts: [{start: 07:00, end: 15:00}]\n")),
                    "center.yaml:13: agent_groups[0].shifts[0] is missing 'count' (the agents on the shift, e.g. 10)");
  CHECK_THROWS_WITH(load(staffed("    shifts: [{start: 07:00, end: 15:00, count: 0}]\n")),
                    "center.yaml:13: agent_groups[0].shifts[0].count must be at least 1, got 0");
  CHECK_THROWS_WITH(load(staffed("    shifts: []\n")),
                    "center.yaml:13: agent_groups[0].shifts is empty; it must be a list of shifts, each with start, "
                    "end and count, e.g. [{start: 07:00, end: 15:30, count: 10}]");
}

TEST_CASE("breaks lie within their shift and never take more agents than it has", "[scenario][staffing][errors]") {
  const std::string shift =
      "    shifts:\n      - start: 07:00\n        end: 15:30\n        count: 10\n        breaks:\n";
  CHECK_THROWS_WITH(load(staffed(shift + "          - {start: 15:15, duration: 30min}\n")),
                    "center.yaml:18: agent_groups[0].shifts[0].breaks[0] runs from 15:15 to 15:45, outside its "
                    "shift (07:00 to 15:30); a break must lie within its shift");
  CHECK_THROWS_WITH(load(staffed(shift + "          - {start: 10:00, duration: 15min, count: 12}\n")),
                    "center.yaml:18: agent_groups[0].shifts[0].breaks[0].count must be at most the shift's count 10, "
                    "got 12; only agents on the shift can take its break");
  CHECK_THROWS_WITH(load(staffed(shift + "          - {start: 10:00, duration: 30min, count: 4}\n"
                                         "          - {start: 12:00, duration: 30min, count: 5}\n"
                                         "          - {start: 10:15, duration: 30min, count: 7}\n")),
                    "center.yaml:20: agent_groups[0].shifts[0].breaks: breaks[0] and breaks[2] put 11 agents on "
                    "break at once at 10:15, more than the shift's 10; stagger the breaks or lower their counts");
  CHECK_THROWS_WITH(load(staffed(shift + "          - {start: 10:00, duration: 0min}\n")),
                    "center.yaml:18: agent_groups[0].shifts[0].breaks[0].duration must be greater than 0, got 0min");
  CHECK_THROWS_WITH(load(staffed(shift + "          - {start: 10:00}\n")),
                    "center.yaml:18: agent_groups[0].shifts[0].breaks[0] is missing 'duration' (how long it lasts, "
                    "e.g. 15min)");
}

TEST_CASE("a group whose shifts all end before time.start has nobody on duty", "[scenario][staffing][errors]") {
  CHECK_THROWS_WITH(load(staffed("    shifts: [{start: 01:00, end: 07:00, count: 3}]\n")),
                    "center.yaml:13: agent group 'agents' has no agent on duty at any time from time.start on; give "
                    "its shifts some agents after time.start, or remove the group");
}

// ---- staffing plans ----

TEST_CASE("a staffing plan gives one step per row and 0 after its last interval", "[scenario][staffing]") {
  // time.start 07:45 falls into the first row (07:30): it counts from time 0.
  const PlanFiles files(
      edited("  start: 07:00\n  duration: 12h", "  start: 07:45\n  duration: 2h", staffed("    staffing: plan.csv\n")),
      kPlan);
  const auto loaded = files.load();
  CHECK(loaded.warnings.empty());
  CHECK(steps_of(loaded.spec.agent_groups[0].staffing) ==
        Steps{{0, 3}, {900, 5}, {2700, 5}, {4500, 8}, {6300, 0}, {8100, 0}});
  CHECK(loaded.spec.agent_groups[0].count == 0);
}

TEST_CASE("a staffing plan short of the counted period gets a warning", "[scenario][staffing][warnings]") {
  const PlanFiles files(edited("  duration: 12h", "  duration: 4h", staffed("    staffing: plan.csv\n")), kPlan);
  const auto loaded = files.load();
  REQUIRE(loaded.warnings.size() == 2);
  CHECK(loaded.warnings[0] == files.yaml + ":13: the staffing plan '" + files.csv +
                                  "' of agent group 'agents' ends at 10:00, before the counted period ends at "
                                  "11:00; agent group 'agents' has no agent on duty after 10:00");
  CHECK(loaded.warnings[1] == files.yaml + ":13: the staffing plan '" + files.csv +
                                  "' of agent group 'agents' starts at 07:30, after the counted period begins at "
                                  "07:00; agent group 'agents' has no agent on duty before 07:30");
}

TEST_CASE("a fractional staffing count is an extra agent for that share of the interval", "[scenario][staffing]") {
  // 3.25 from 07:00 before 4 (a ramp-up): 3 agents, a 4th from 07:22:30; 4 at 07:30; 2.5 at
  // 08:00 before 1: 3 agents to 08:15, then 2; 1.5 at 08:30, the last row: 2 to 08:45, then 1.
  const PlanFiles files(staffed("    staffing: plan.csv\n"),
                        "interval_start,agents\n07:00,3.25\n07:30,4\n08:00,2.5\n08:30,1.5\n");
  const auto loaded = files.load();
  const auto& steps = loaded.spec.agent_groups[0].staffing;
  REQUIRE(steps.size() == 8);
  const std::vector<std::pair<double, int>> expected{{0, 3},    {1350, 4}, {1800, 4}, {3600, 3},
                                                     {4500, 2}, {5400, 2}, {6300, 1}, {7200, 0}};
  for (std::size_t i = 0; i < steps.size(); ++i) {
    INFO("step " << i);
    CHECK(steps[i].from.seconds() == expected[i].first);
    CHECK(steps[i].agents == expected[i].second);
  }
}

TEST_CASE("staffing plan counts are numbers of agents", "[scenario][staffing][errors]") {
  {
    const PlanFiles files(staffed("    staffing: plan.csv\n"), "interval_start,agents\n07:00,3.5x\n07:30,4\n");
    CHECK_THROWS_WITH(files.load(), files.csv +
                                        ":2: agent count '3.5x' of 'agents' is not a number; expected the number of "
                                        "agents on duty in the interval, e.g. 12 (or 4.5: a fifth agent present half "
                                        "the interval)");
  }
  {
    const PlanFiles files(staffed("    staffing: plan.csv\n"), "interval_start,agents\n07:00,3\n07:30,-1\n");
    CHECK_THROWS_WITH(files.load(), files.csv + ":3: agent count of 'agents' must not be negative, got -1");
  }
  {
    const PlanFiles files(staffed("    staffing: plan.csv\n"), "interval_start,agnets\n07:00,3\n07:30,1\n");
    CHECK_THROWS_WITH(files.load(), files.csv + ":1: no column 'agents' (did you mean 'agnets'?); columns are: agnets");
  }
  {
    const PlanFiles files(staffed("    staffing: plan.csv\n"), "interval_start,agents\n07:00,0\n07:30,0\n");
    CHECK_THROWS_WITH(files.load(), files.yaml +
                                        ":13: agent group 'agents' has no agent on duty at any time from time.start "
                                        "on; give its staffing some agents after time.start, or remove the group");
  }
  {
    const PlanFiles files(staffed("    staffing: plan.csv\n"), "interval_start,agents\n07:00,3\n");
    CHECK_THROWS_WITH(files.load(), files.csv +
                                        ":2: the staffing plan has a single row; give at least two, so that the "
                                        "interval length is known");
  }
  {
    const PlanFiles files(staffed("    staffing: plan.csv\n"), "time,agents\n07:00,3\n07:30,4\n");
    CHECK_THROWS_WITH(files.load(), files.csv +
                                        ":1: the first column is 'time', expected 'interval_start'; the header is "
                                        "interval_start and one column per agent group, e.g. "
                                        "interval_start,agents,specialists");
  }
}

TEST_CASE("a staffing plan outside the simulated period is refused", "[scenario][staffing][errors]") {
  const PlanFiles files(
      edited("  start: 07:00\n  duration: 12h", "  start: 12:00\n  duration: 2h", staffed("    staffing: plan.csv\n")),
      kPlan);
  CHECK_THROWS_WITH(files.load(), files.yaml + ":13: the staffing plan '" + files.csv +
                                      "' of agent group 'agents' covers 07:30 to 10:00, outside the simulated period "
                                      "12:00 to 14:00 (time.start, warmup and duration), so the group would never "
                                      "have an agent on duty; give a staffing plan for the simulated period or "
                                      "change time.start");
}

TEST_CASE("a missing staffing plan names the scenario line", "[scenario][staffing][errors]") {
  const PlanFiles files(staffed("    staffing: other.csv\n"), kPlan);
  CHECK_THROWS_WITH(files.load(), "cannot read staffing plan '" + (files.dir / "other.csv").string() + "' (given in " +
                                      files.yaml + ":13): No such file or directory");
}

TEST_CASE("the overload warning averages staffing steps over the counted period", "[scenario][staffing][warnings]") {
  // 100 calls/h of 3 min: 5 Erlangs, no patience; 8 agents for 1 h, then 2 for 1 h: 5 on average.
  const std::string text = edited(
      "    patience: {distribution: exponential, mean: 5min}\n", "",
      edited("  duration: 12h", "  duration: 2h",
             staffed("    shifts: [{start: 07:00, end: 09:00, count: 2}, {start: 07:00, end: 08:00, count: 6}]\n")));
  const auto loaded = load(text);
  REQUIRE(loaded.warnings.size() == 1);
  CHECK(loaded.warnings[0] ==
        "center.yaml: offered load 5.00 Erlangs is at or above the 5.00 agents on duty on average and callers never "
        "abandon: the queue grows without bound and the results depend on the horizon");
  // Absenteeism lowers the agents on duty.
  const auto absent = load(edited("count: 10", "count: 5\n    absenteeism: 0.1",
                                  edited("    patience: {distribution: exponential, mean: 5min}\n", "", kBase)));
  REQUIRE(absent.warnings.size() == 1);
  CHECK(absent.warnings[0] ==
        "center.yaml: offered load 5.00 Erlangs is at or above the 4.50 agents on duty on average and callers never "
        "abandon: the queue grows without bound and the results depend on the horizon");
}

TEST_CASE("shrinkage takes its share of every step the shifts resolve into", "[scenario][staffing]") {
  const std::string shifts = R"(    shrinkage: 0.3
    shifts:
      - {start: 07:00, end: 15:00, count: 10, breaks: [{start: 11:00, duration: 30min, count: 5}]}
      - {start: 11:00, end: 19:00, count: 6}
)";
  const auto loaded = load(staffed(shifts));
  // On duty before shrinkage 10, 11 (5 on break + 6), 16, 6; x 0.7 = 7, 7.7 -> 8, 11.2 -> 11, 4.2 -> 4.
  CHECK(steps_of(loaded.spec.agent_groups[0].staffing) ==
        Steps{{0, 7}, {4 * 3600, 8}, {4.5 * 3600, 11}, {8 * 3600, 4}, {12 * 3600, 0}});
  // Shrinkage first, then staffing_scale: 16 x 0.7 = 11.2 -> 11, x 1.5 = 16.5 -> 17.
  const auto scaled = load(staffed(R"(    staffing_scale: 1.5
)" + shifts));
  CHECK(steps_of(scaled.spec.agent_groups[0].staffing)[2] == std::pair<double, int>{4.5 * 3600, 17});
}

TEST_CASE("shrinkage is refused on agents already on duty, and when it leaves nobody", "[scenario][staffing][errors]") {
  CHECK_THROWS_WITH(load(edited("    count: 10\n", "    count: 10\n    shrinkage: 0.3\n")),
                    Catch::Contains("shrinkage applies to rostered shifts") && Catch::Contains("center.yaml:"));
  CHECK_THROWS_WITH(load(staffed("    shrinkage: 1\n    shifts: [{start: 07:00, end: 15:00, count: 1}]\n")),
                    Catch::Contains("shrinkage"));
  CHECK_THROWS_WITH(load(staffed("    shrinkage: 0.6\n    shifts: [{start: 07:00, end: 15:00, count: 1}]\n")),
                    Catch::Contains("no agent on duty at any time"));
}
