#include <catch2/catch.hpp>

#include <cmath>

#include "analysis/kpi.hpp"
#include "analysis/kpi_collector.hpp"

using callsim::analysis::KpiCollector;
using callsim::models::CallInfo;
using callsim::sim::Time;

namespace {
CallInfo call(std::uint64_t id, double arrival, double service, std::uint32_t type = 0) {
  CallInfo c;
  c.id = id;
  c.type = type;
  c.arrival = Time(arrival);
  c.service = Time(service);
  return c;
}

/// The service of `c` by `agent` of `group`: talk = the call's demand, no wrap-up.
callsim::models::Service service(const CallInfo& c, std::uint32_t agent, std::uint32_t group) {
  return callsim::models::Service{agent, group, c.service, Time(0)};
}

/// A spec with only what the collector reads: the horizon, T, and the call type and group
/// counts.
callsim::models::CenterSpec horizon(double warmup, double duration, double interval, int types = 1, int groups = 1) {
  callsim::models::CenterSpec spec;
  spec.time.warmup = Time(warmup);
  spec.time.duration = Time(duration);
  spec.time.interval = Time(interval);
  spec.service_level_threshold = Time(20);
  spec.call_types.resize(static_cast<std::size_t>(types));
  spec.agent_groups.resize(static_cast<std::size_t>(groups));
  return spec;
}
}  // namespace

TEST_CASE("calls count in their arrival interval, only within the counted period", "[analysis][collector]") {
  // warm-up 100 s, counted 300 s in intervals of 100 s: [100,200) [200,300) [300,400)
  KpiCollector k(horizon(100, 300, 100));
  k.on_staffing(Time(0), 0, 2);
  const CallInfo warm = call(0, 50, 10), a = call(1, 150, 30), b = call(2, 199, 10), c = call(3, 250, 10),
                 late = call(4, 400, 10);
  for (const auto& x : {warm, a, b, c, late}) k.on_arrival(x);
  k.on_answer(warm, Time(120), service(warm, 0, 0));  // answered in interval 0 but arrived in warm-up: not counted
  k.on_answer(a, Time(150), service(a, 0, 0));        // no wait
  k.on_answer(b, Time(219), service(b, 1, 0));        // waited 20 s = T: within
  k.on_abandon(c, Time(271));                         // abandoned after 21 s > T
  const auto r = k.finish(5);
  REQUIRE(r.calls_simulated == 5);
  REQUIRE(r.intervals.size() == 3);
  REQUIRE(r.intervals[0].offered == 2);
  REQUIRE(r.intervals[0].answered == 2);
  REQUIRE(r.intervals[0].answered_within == 2);
  REQUIRE(r.intervals[0].waited == 1);
  REQUIRE(r.intervals[0].wait_answered == 20);
  REQUIRE(r.intervals[1].offered == 1);
  REQUIRE(r.intervals[1].abandoned == 1);
  REQUIRE(r.intervals[1].abandoned_within == 0);
  REQUIRE(r.intervals[1].wait_all == 21);
  REQUIRE(r.intervals[2].offered == 0);
  REQUIRE(r.total.offered == 3);
  // Staffed: 2 agents x 100 s in each interval; warm-up and after-end time excluded.
  for (const auto& t : r.intervals) REQUIRE(t.staffed_time == 200);
  // Busy: warm-up call 120..130 (10 s in interval 0), a 150..180 (30), b 219..229 (10).
  REQUIRE(r.intervals[0].busy_time == Approx(10 + 30));
  REQUIRE(r.intervals[1].busy_time == Approx(10));
  REQUIRE(r.intervals[2].busy_time == 0);
  // KPIs from the tallies, by the README's definitions.
  const auto kpis = callsim::analysis::compute_kpis(r.total);
  REQUIRE(kpis[3] == Approx(2.0 / 3.0));      // service_level: 2 within / (2 answered + 1 abandoned after T)
  REQUIRE(kpis[9] == Approx(1.0 / 3.0));      // abandon_rate
  REQUIRE(kpis[7] == Approx(10.0));           // asa: (0 + 20) / 2
  REQUIRE(kpis[8] == Approx(41.0 / 3.0));     // awt: (0 + 20 + 21) / 3
  REQUIRE(kpis[6] == Approx(2.0 / 3.0));      // p_wait
  REQUIRE(kpis[10] == Approx(50.0 / 600.0));  // occupancy
  // An interval with no calls has undefined (NaN) service level, not 0.
  REQUIRE(std::isnan(callsim::analysis::compute_kpis(r.intervals[2])[3]));
}

TEST_CASE("service level variants follow their definitions", "[analysis][kpi]") {
  callsim::analysis::KpiTally t;
  t.offered = 100;
  t.answered = 80;
  t.abandoned = 20;
  t.answered_within = 60;
  t.abandoned_within = 5;  // short abandons leave the SL denominator
  const auto kpis = callsim::analysis::compute_kpis(t);
  const auto defs = callsim::analysis::kpi_definitions();
  REQUIRE(defs[3].name == "service_level");
  REQUIRE(kpis[3] == Approx(60.0 / (80 + 15)));
  REQUIRE(defs[4].name == "service_level_answered");
  REQUIRE(kpis[4] == Approx(60.0 / 80));
  REQUIRE(defs[5].name == "service_level_offered");
  REQUIRE(kpis[5] == Approx(60.0 / 100));
}

TEST_CASE("a service spanning interval boundaries splits its busy time", "[analysis][collector]") {
  KpiCollector k(horizon(0, 300, 100));
  k.on_staffing(Time(0), 0, 1);
  const CallInfo c = call(0, 50, 400);  // busy 50..450: 50 + 100 + 100 within, 150 after the end
  k.on_arrival(c);
  k.on_answer(c, Time(50), service(c, 0, 0));
  k.on_staffing(Time(150), 0, 3);  // two more agents from t = 150
  const auto r = k.finish(1);
  REQUIRE(r.intervals[0].busy_time == Approx(50));
  REQUIRE(r.intervals[1].busy_time == Approx(100));
  REQUIRE(r.intervals[2].busy_time == Approx(100));
  REQUIRE(r.intervals[0].staffed_time == Approx(100));
  REQUIRE(r.intervals[1].staffed_time == Approx(50 + 150));
  REQUIRE(r.intervals[2].staffed_time == Approx(300));
}

TEST_CASE("tallies per call type and per group add up to the interval totals", "[analysis][collector]") {
  KpiCollector k(horizon(0, 200, 100, 2, 2));
  k.on_staffing(Time(0), 0, 1);
  k.on_staffing(Time(0), 1, 2);
  const CallInfo a = call(0, 10, 50, 0), b = call(1, 20, 30, 1), c = call(2, 120, 40, 1), d = call(3, 130, 10, 0);
  for (const auto& x : {a, b, c, d}) k.on_arrival(x);
  k.on_answer(a, Time(10), service(a, 0, 0));   // group 0, no wait
  k.on_answer(b, Time(50), service(b, 1, 1));   // group 1, waited 30 s
  k.on_abandon(c, Time(125));                   // type 1 abandons after 5 s
  k.on_answer(d, Time(180), service(d, 2, 1));  // group 1, waited 50 s; busy 180..190
  const auto r = k.finish(4);
  REQUIRE(r.interval_types.size() == 4);
  // (interval, type) at i * K + k
  REQUIRE(r.interval_types[0 * 2 + 0].answered == 1);
  REQUIRE(r.interval_types[0 * 2 + 1].answered == 1);
  REQUIRE(r.interval_types[0 * 2 + 1].wait_answered == 30);
  REQUIRE(r.interval_types[1 * 2 + 1].abandoned == 1);
  REQUIRE(r.interval_types[1 * 2 + 1].abandoned_within == 1);
  REQUIRE(r.interval_types[1 * 2 + 0].answered == 1);
  for (std::size_t i = 0; i < 2; ++i) {
    callsim::analysis::KpiTally sum;
    sum += r.interval_types[i * 2];
    sum += r.interval_types[i * 2 + 1];
    REQUIRE(sum.offered == r.intervals[i].offered);
    REQUIRE(sum.answered == r.intervals[i].answered);
    REQUIRE(sum.abandoned == r.intervals[i].abandoned);
    REQUIRE(sum.wait_all == r.intervals[i].wait_all);
  }
  REQUIRE(r.groups.size() == 2);
  REQUIRE(r.groups[0].handled == 1);
  REQUIRE(r.groups[1].handled == 2);
  REQUIRE(r.groups[1].handle_time == 40);
  REQUIRE(r.groups[0].staffed_time == 200);
  REQUIRE(r.groups[1].staffed_time == 400);
  REQUIRE(r.groups[0].busy_time == 50);
  REQUIRE(r.groups[1].busy_time == 40);
  REQUIRE(r.total.staffed_time == r.groups[0].staffed_time + r.groups[1].staffed_time);
  REQUIRE(r.total.busy_time == r.groups[0].busy_time + r.groups[1].busy_time);
}

TEST_CASE("per (interval, group) tallies split agent time at boundaries and add up to the group's",
          "[analysis][collector]") {
  // Two intervals of 100 s after a 50 s warm-up; groups 0 and 1.
  KpiCollector k(horizon(50, 200, 100, 1, 2));
  k.on_staffing(Time(0), 0, 2);    // group 0: 2 agents throughout (the warm-up is not counted)
  k.on_staffing(Time(0), 1, 0);    // group 1: none until t = 120
  k.on_staffing(Time(120), 1, 3);  // then 3 agents
  const CallInfo a = call(0, 60, 130), b = call(1, 170, 20), c = call(2, 40, 30);
  for (const auto& x : {a, b, c}) k.on_arrival(x);
  k.on_answer(c, Time(40), service(c, 0, 0));   // arrived in the warm-up: busy 50..70 counts, the call does not
  k.on_answer(a, Time(60), service(a, 1, 0));   // group 0 busy 60..190: 90 in interval 0, 40 in interval 1
  k.on_answer(b, Time(175), service(b, 2, 1));  // group 1 busy 175..195, all in interval 1
  const auto r = k.finish(3);
  REQUIRE(r.interval_groups.size() == 2 * 2);  // (interval i, group g) at i * G + g
  const auto& g00 = r.interval_groups[0 * 2 + 0];
  const auto& g01 = r.interval_groups[0 * 2 + 1];
  const auto& g10 = r.interval_groups[1 * 2 + 0];
  const auto& g11 = r.interval_groups[1 * 2 + 1];
  CHECK(g00.staffed_time == Approx(200));
  CHECK(g10.staffed_time == Approx(200));
  CHECK(g01.staffed_time == Approx(3 * 30));  // 120..150
  CHECK(g11.staffed_time == Approx(3 * 100));
  CHECK(g00.busy_time == Approx(20 + 90));  // c's 50..70 and a's 60..150
  CHECK(g10.busy_time == Approx(40));
  CHECK(g01.busy_time == 0);
  CHECK(g11.busy_time == Approx(20));
  // Calls count in the interval of their arrival: a in interval 0, b in interval 1, c not at all.
  CHECK(g00.handled == 1);
  CHECK(g00.handle_time == Approx(130));
  CHECK(g10.handled == 0);
  CHECK(g11.handled == 1);
  CHECK(g01.handled == 0);
  // Conservation: the intervals of a group add up to the group's tally, and the groups of an
  // interval to the interval's agent time.
  for (std::size_t g = 0; g < 2; ++g) {
    callsim::analysis::GroupTally sum;
    for (std::size_t i = 0; i < 2; ++i) sum += r.interval_groups[i * 2 + g];
    CHECK(sum.staffed_time == Approx(r.groups[g].staffed_time));
    CHECK(sum.busy_time == Approx(r.groups[g].busy_time));
    CHECK(sum.handled == r.groups[g].handled);
    CHECK(sum.handle_time == Approx(r.groups[g].handle_time));
  }
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(r.interval_groups[i * 2].staffed_time + r.interval_groups[i * 2 + 1].staffed_time ==
          Approx(r.intervals[i].staffed_time));
    CHECK(r.interval_groups[i * 2].busy_time + r.interval_groups[i * 2 + 1].busy_time ==
          Approx(r.intervals[i].busy_time));
  }
}
