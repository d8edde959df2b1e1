#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "models/staffing_schedule.hpp"
#include "sim/event_calendar.hpp"
#include "sim/simulator.hpp"
#include "spec_builders.hpp"

using callsim::models::CenterSpec;
using callsim::models::StaffingSchedule;
using callsim::models::StaffingStep;
using callsim::sim::Time;
namespace center_event = callsim::models::center_event;

namespace {

/// Group 'flat' has 4 agents all the time; group 'shifts' 2, then 6, then 3.
CenterSpec two_groups() {
  CenterSpec spec;
  spec.call_types = {test_specs::type("a", 60, 100)};
  spec.agent_groups = {test_specs::group("flat", {"a"}, 4), test_specs::group("shifts", {"a"}, 0)};
  spec.agent_groups[1].staffing = {StaffingStep{Time(0), 2}, StaffingStep{Time(3600), 6}, StaffingStep{Time(7200), 3}};
  return spec;
}

}  // namespace

TEST_CASE("a group without a plan has its count from time 0", "[models][staffing]") {
  const auto steps = callsim::models::staffing_steps(test_specs::group("g", {"a"}, 5));
  REQUIRE(steps.size() == 1);
  CHECK(steps[0].from == Time(0));
  CHECK(steps[0].agents == 5);
}

TEST_CASE("the schedule needs its busiest step's agents and schedules every step", "[models][staffing]") {
  const CenterSpec spec = two_groups();
  const StaffingSchedule schedule(spec, 1, 0);
  CHECK(schedule.headcounts() == std::vector<int>{4, 6});
  callsim::sim::Simulator<> sim;
  schedule.schedule(sim);
  std::vector<std::uint64_t> payloads;
  std::vector<double> times;
  sim.run([&](const callsim::sim::Event& e) {
    REQUIRE(e.kind == center_event::kStaffing);
    REQUIRE(e.priority == center_event::kPriorityStaffing);
    payloads.push_back(e.payload);
    times.push_back(e.time.seconds());
  });
  // At time 0 the groups in order (same time, same priority: scheduling order).
  CHECK(payloads == std::vector<std::uint64_t>{0, (1ull << 32) | 0, (1ull << 32) | 1, (1ull << 32) | 2});
  CHECK(times == std::vector<double>{0, 0, 3600, 7200});
}

TEST_CASE("without absenteeism the target is the step's agents", "[models][staffing]") {
  const CenterSpec spec = two_groups();
  StaffingSchedule schedule(spec, 1, 0);
  CHECK(schedule.present_target(1, 0, Time(0), 6) == 2);
  CHECK(schedule.present_target(1, 1, Time(3600), 6) == 6);
  CHECK(schedule.present_target(0, 0, Time(0), 4) == 4);
}

TEST_CASE("an absent agent stays away the whole day, whatever the step", "[models][staffing]") {
  CenterSpec spec = two_groups();
  spec.agent_groups[1].absenteeism = 0.5;
  spec.agent_groups[1].staffing = {StaffingStep{Time(0), 40}, StaffingStep{Time(3600), 20},
                                   StaffingStep{Time(7200), 40}, StaffingStep{Time(86400), 40}};
  StaffingSchedule schedule(spec, 7, 0);
  const int morning = schedule.present_target(1, 0, Time(0), 40);
  const int noon = schedule.present_target(1, 1, Time(3600), 40);
  const int afternoon = schedule.present_target(1, 2, Time(7200), 40);
  CHECK(morning > 5);  // about 20 of 40
  CHECK(morning < 35);
  CHECK(noon <= morning);                                            // ranks [0, 20) are a subset of [0, 40)
  CHECK(afternoon == morning);                                       // the same ranks are absent all day
  CHECK(schedule.present_target(1, 3, Time(86400), 40) != morning);  // a new day, new draws (this seed)
  StaffingSchedule again(spec, 7, 0);
  CHECK(again.present_target(1, 0, Time(0), 40) == morning);  // reproducible
}
