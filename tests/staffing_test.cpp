// Staffing that changes over time, after-call work and talk-time multipliers.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include "analysis/kpi_collector.hpp"
#include "models/call_center.hpp"
#include "spec_builders.hpp"

using callsim::models::CallInfo;
using callsim::models::CenterSpec;
using callsim::models::Service;
using callsim::models::StaffingStep;
using callsim::sim::Time;
using test_specs::group;
using test_specs::type;

namespace {

struct Recorder : callsim::models::NullObserver {
  std::vector<std::pair<double, int>> staffing;  // (time, on duty) for group 0
  std::vector<std::pair<CallInfo, Service>> answered;
  std::vector<double> answered_at;
  std::vector<double> ended_at;
  std::vector<std::pair<CallInfo, Service>> ended;
  void on_staffing(Time t, std::uint32_t g, int n) {
    if (g == 0) staffing.emplace_back(t.seconds(), n);
  }
  void on_arrival(const CallInfo&) {}
  void on_answer(const CallInfo& c, Time now, const Service& s) {
    answered.emplace_back(c, s);
    answered_at.push_back(now.seconds());
  }
  void on_abandon(const CallInfo&, Time) {}
  void on_service_end(const CallInfo& c, Time now, const Service& s) {
    ended.emplace_back(c, s);
    ended_at.push_back(now.seconds());
  }
};

CenterSpec roster_only(std::vector<StaffingStep> steps) {
  CenterSpec spec;
  spec.name = "roster";
  spec.time.duration = Time(4 * 3600);
  spec.time.interval = Time(1800);
  spec.call_types = {type("none", 0, 60)};  // no calls at all
  spec.agent_groups = {group("team", {"none"}, 0)};
  spec.agent_groups[0].staffing = std::move(steps);
  return spec;
}

}  // namespace

TEST_CASE("staffed agent time per interval equals the roster", "[models][staffing]") {
  const CenterSpec spec = roster_only({{Time(0), 3}, {Time(3600), 5}, {Time(2.5 * 3600), 2}, {Time(3.75 * 3600), 0}});
  callsim::analysis::KpiCollector collector(spec);
  callsim::models::CallCenter<callsim::analysis::KpiCollector> center(spec, 1, 0, collector);
  center.run_to_completion();
  const auto r = collector.finish(center.arrivals());
  const std::vector<double> agents_per_interval = {3, 3, 5, 5, 5, 2, 2, 2 * 0.5};  // last: 15 min of 2
  REQUIRE(r.intervals.size() == agents_per_interval.size());
  for (std::size_t i = 0; i < r.intervals.size(); ++i) {
    INFO("interval " << i);
    REQUIRE(r.intervals[i].staffed_time == Approx(agents_per_interval[i] * 1800));
  }
  REQUIRE(r.groups[0].staffed_time == Approx((3 + 3 + 5 + 5 + 5 + 2 + 2 + 1) * 1800.0));
}

TEST_CASE("no call is cut by a shift end and leaving agents take no new call", "[models][staffing]") {
  CenterSpec spec;
  spec.name = "shift-end";
  spec.time.duration = Time(4 * 3600);
  spec.call_types = {type("general", 150, 300)};  // 12.5 Erlangs
  spec.agent_groups = {group("team", {"general"}, 0)};
  const double shift_end = 2 * 3600;
  spec.agent_groups[0].staffing = {{Time(0), 14}, {Time(shift_end), 3}};
  Recorder rec;
  callsim::models::CallCenter<Recorder> center(spec, 7, 0, rec);
  center.run_to_completion();
  // Every answered call ends exactly talk + wrap-up after its answer.
  REQUIRE(rec.ended.size() == rec.answered.size());
  std::vector<double> end_of(rec.answered.size() + 1000000, -1);
  for (std::size_t i = 0; i < rec.ended.size(); ++i) end_of[rec.ended[i].first.id] = rec.ended_at[i];
  std::size_t busy_at_shift_end = 0;
  for (std::size_t i = 0; i < rec.answered.size(); ++i) {
    const auto& [call, service] = rec.answered[i];
    REQUIRE(end_of[call.id] == Approx(rec.answered_at[i] + service.talk.seconds()));
    if (rec.answered_at[i] < shift_end && end_of[call.id] > shift_end) ++busy_at_shift_end;
  }
  REQUIRE(busy_at_shift_end > 3);  // the test really has agents finishing calls past the shift
  // After the shift end, at most 3 calls answered after it are in service at once.
  std::multiset<double> open_ends;
  for (std::size_t i = 0; i < rec.answered.size(); ++i) {
    if (rec.answered_at[i] <= shift_end) continue;
    while (!open_ends.empty() && *open_ends.begin() <= rec.answered_at[i]) open_ends.erase(open_ends.begin());
    open_ends.insert(end_of[rec.answered[i].first.id]);
    REQUIRE(open_ends.size() <= 3);
  }
  // On-duty count: 14, then it falls one by one as calls end, to 3; never below 3.
  REQUIRE(rec.staffing.front() == std::make_pair(0.0, 14));
  int last = 14;
  for (const auto& [t, n] : rec.staffing) {
    if (t > shift_end) REQUIRE(n < last);
    REQUIRE(n >= 3);
    last = n;
  }
  REQUIRE(last == 3);
}

TEST_CASE("agents coming on duty take waiting calls at once", "[models][staffing]") {
  CenterSpec spec;
  spec.name = "late-start";
  spec.time.duration = Time(2 * 3600);
  spec.call_types = {type("general", 120, 60)};
  spec.agent_groups = {group("team", {"general"}, 0)};
  spec.agent_groups[0].staffing = {{Time(0), 0}, {Time(1800), 4}};  // nobody for the first 30 min
  Recorder rec;
  callsim::models::CallCenter<Recorder> center(spec, 3, 0, rec);
  center.run_to_completion();
  std::size_t at_start = 0;
  for (std::size_t i = 0; i < rec.answered.size(); ++i) {
    REQUIRE(rec.answered_at[i] >= 1800);
    at_start += rec.answered_at[i] == 1800;
  }
  REQUIRE(at_start == 4);  // four waiting callers answered the instant four agents arrive
}

TEST_CASE("after-call work keeps the agent busy and counts in AHT", "[models][staffing]") {
  CenterSpec spec;
  spec.name = "wrap";
  spec.time.duration = Time(3600);
  spec.call_types = {type("general", 60, 100)};
  spec.call_types[0].service = test_specs::constant(100);
  spec.call_types[0].wrap_up = test_specs::constant(30);
  spec.agent_groups = {group("team", {"general"}, 1), group("slow", {"general"}, 1)};
  spec.agent_groups[1].service_multipliers = {2.0};
  spec.agent_groups[1].wrap_up = test_specs::constant(10);
  Recorder rec;
  callsim::models::CallCenter<Recorder> center(spec, 5, 0, rec);
  center.run_to_completion();
  std::size_t by_slow = 0;
  for (std::size_t i = 0; i < rec.ended.size(); ++i) {
    const auto& [call, s] = rec.ended[i];
    REQUIRE(call.wrap_up == Time(30));
    if (s.group == 0) {
      REQUIRE(s.talk == Time(100));
      REQUIRE(s.wrap_up == Time(30));
    } else {
      ++by_slow;
      REQUIRE(s.talk == Time(200));    // multiplier 2 on the drawn demand
      REQUIRE(s.wrap_up == Time(10));  // the group's own after-call work
    }
  }
  REQUIRE(by_slow > 3);
  // Busy until talk + wrap-up ends: answers by one agent are at least that far apart.
  callsim::analysis::KpiCollector collector(spec);
  callsim::models::CallCenter<callsim::analysis::KpiCollector> c2(spec, 5, 0, collector);
  c2.run_to_completion();
  const auto r = collector.finish(c2.arrivals());
  REQUIRE(r.groups[0].handle_time == Approx(130.0 * static_cast<double>(r.groups[0].handled)));
  REQUIRE(r.groups[1].handle_time == Approx(210.0 * static_cast<double>(r.groups[1].handled)));
}
