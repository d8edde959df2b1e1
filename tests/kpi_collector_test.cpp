#include <catch2/catch.hpp>

#include <cmath>

#include "analysis/kpi.hpp"
#include "analysis/kpi_collector.hpp"

using callsim::analysis::KpiCollector;
using callsim::models::CallInfo;
using callsim::sim::Time;

namespace {
CallInfo call(std::uint64_t id, double arrival, double service) {
  CallInfo c;
  c.id = id;
  c.arrival = Time(arrival);
  c.service = Time(service);
  return c;
}
}  // namespace

TEST_CASE("calls count in their arrival interval, only within the counted period", "[analysis][collector]") {
  // warm-up 100 s, counted 300 s in intervals of 100 s: [100,200) [200,300) [300,400)
  KpiCollector k(Time(100), Time(300), Time(100), Time(20));
  k.on_staffing(Time(0), 2);
  const CallInfo warm = call(0, 50, 10), a = call(1, 150, 30), b = call(2, 199, 10), c = call(3, 250, 10),
                 late = call(4, 400, 10);
  for (const auto& x : {warm, a, b, c, late}) k.on_arrival(x);
  k.on_answer(warm, Time(120), 0);  // answered in interval 0 but arrived in warm-up: not counted
  k.on_answer(a, Time(150), 0);     // no wait
  k.on_answer(b, Time(219), 1);     // waited 20 s = T: within
  k.on_abandon(c, Time(271));       // abandoned after 21 s > T
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
  REQUIRE(kpis[3] == Approx(2.0 / 3.0));  // service_level: 2 within / (2 answered + 1 abandoned after T)
  REQUIRE(kpis[9] == Approx(1.0 / 3.0));         // abandon_rate
  REQUIRE(kpis[7] == Approx(10.0));              // asa: (0 + 20) / 2
  REQUIRE(kpis[8] == Approx(41.0 / 3.0));        // awt: (0 + 20 + 21) / 3
  REQUIRE(kpis[6] == Approx(2.0 / 3.0));         // p_wait
  REQUIRE(kpis[10] == Approx(50.0 / 600.0));     // occupancy
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
  KpiCollector k(Time(0), Time(300), Time(100), Time(20));
  k.on_staffing(Time(0), 1);
  const CallInfo c = call(0, 50, 400);  // busy 50..450: 50 + 100 + 100 within, 150 after the end
  k.on_arrival(c);
  k.on_answer(c, Time(50), 0);
  k.on_staffing(Time(150), 3);  // two more agents from t = 150
  const auto r = k.finish(1);
  REQUIRE(r.intervals[0].busy_time == Approx(50));
  REQUIRE(r.intervals[1].busy_time == Approx(100));
  REQUIRE(r.intervals[2].busy_time == Approx(100));
  REQUIRE(r.intervals[0].staffed_time == Approx(100));
  REQUIRE(r.intervals[1].staffed_time == Approx(50 + 150));
  REQUIRE(r.intervals[2].staffed_time == Approx(300));
}
