// End to end: shifts and breaks written in YAML give, in the simulation, staffed agent time
// per interval equal to the roster minus breaks.

#include <catch2/catch.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <string>

#include "run/experiment.hpp"
#include "run/record_inputs.hpp"
#include "scenarios/loader.hpp"

TEST_CASE("staffed time per interval equals the shifts minus breaks", "[scenario][staffing]") {
  // No calls, so nobody works past a shift: staffed time is exactly the roster.
  // 08:00-12:00: early shift of 4 (break of 2 agents 09:00-09:30); 10:00-14:00: late shift
  // of 3 (break of all 3 at 12:00-12:15). Intervals of 1 h from 08:00.
  const std::string yaml = R"(name: shifts
time: {start: "08:00", duration: 6h, interval: 1h}
call_types:
  - name: general
    arrivals: {rate: 0.000001/h}
    service: {distribution: exponential, mean: 60s}
agent_groups:
  - name: team
    skills: [general]
    shifts:
      - {start: "08:00", end: "12:00", count: 4, breaks: [{start: "09:00", duration: 30min, count: 2}]}
      - {start: "10:00", end: "14:00", count: 3, breaks: [{start: "12:00", duration: 15min}]}
)";
  const auto dir = std::filesystem::temp_directory_path() / ("callsim-shifts-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / "shifts.yaml";
  std::ofstream(path) << yaml;
  const auto loaded = callsim::scenarios::load_scenario(path.string());
  callsim::run::ExperimentOptions options;
  options.replications = 1;
  const auto run = callsim::run::run_in_process(loaded.spec, options);
  const auto& intervals = run.replications[0].intervals;
  // agent-hours per interval: 08 4; 09 4 - 2*0.5 = 3; 10 4+3 = 7; 11 7; 12 3 - 3*0.25 = 2.25; 13 3
  const std::vector<double> hours = {4, 3, 7, 7, 2.25, 3};
  REQUIRE(intervals.size() == hours.size());
  for (std::size_t i = 0; i < hours.size(); ++i) {
    INFO("interval " << i);
    REQUIRE(intervals[i].staffed_time == Approx(hours[i] * 3600));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("a run records its roster: agents on shift per interval, breaks and shrinkage kept in, and its cost",
          "[scenario][staffing]") {
  // team: 08:00-12:00 x 4 (break of 2 at 09:00-09:30), cost 100 each; 10:00-14:00 x 3, cost
  // 80 each; shrinkage 0.25 and staffing_scale 2. desk: a count of 2, no shifts.
  const std::string yaml = R"(name: roster
time: {start: "08:00", duration: 6h, interval: 1h}
call_types:
  - name: general
    arrivals: {rate: 0.000001/h}
    service: {distribution: exponential, mean: 60s}
agent_groups:
  - name: team
    skills: [general]
    shrinkage: 0.25
    staffing_scale: 2
    shifts:
      - {start: "08:00", end: "12:00", count: 4, cost: 100, breaks: [{start: "09:00", duration: 30min, count: 2}]}
      - {start: "10:00", end: "14:00", count: 3, cost: 80}
  - name: desk
    skills: [general]
    count: 2
)";
  const auto loaded = callsim::scenarios::load_scenario_text(yaml, "roster.yaml");
  const callsim::run::RunInputs in = callsim::run::run_inputs(loaded, loaded.spec, 0);
  // On shift, times the scale, plus desk's 2 on duty: 08 4*2+2; 09 10 (the break does not
  // count); 10-11 (4+3)*2+2; 12-13 3*2+2.
  CHECK(in.rostered == std::vector<double>{10, 10, 16, 16, 8, 8});
  REQUIRE(in.roster_cost.has_value());
  CHECK(*in.roster_cost == Approx((4 * 100 + 3 * 80) * 2));
  // On duty is less: shrinkage and breaks come off (08:00: 4 x 0.75 = 3, x 2 = 6).
  CHECK(loaded.spec.agent_groups[0].staffing.front().agents == 6);

  // Without any shift there is no roster; a cost on some shifts only is refused.
  const auto plain = callsim::scenarios::load_scenario_text(
      yaml.substr(0, yaml.find("  - name: team")) + "  - name: desk\n    skills: [general]\n    count: 2\n",
      "plain.yaml");
  CHECK(callsim::run::run_inputs(plain, plain.spec, 0).rostered.empty());
  std::string partial = yaml;
  partial.replace(partial.find(", cost: 80"), 10, "");
  CHECK_THROWS_WITH(callsim::scenarios::load_scenario_text(partial, "partial.yaml"),
                    Catch::Contains("partial.yaml:14: agent_groups[0].shifts: the shift at line 13") &&
                        Catch::Contains("gives a cost and this one none"));
}
