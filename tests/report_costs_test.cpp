// Cost, revenue and penalty arithmetic of report/costs.hpp on a tiny hand-made run whose
// every figure is worked out by hand below.
#include <catch2/catch.hpp>
#include <cmath>

#include "report/costs.hpp"
#include "sim/statistics.hpp"

using namespace callsim;
using models::SlaContract;
using report::replication_costs;
using report::summarize_costs;

namespace {

analysis::KpiTally interval(std::uint64_t answered, std::uint64_t within, std::uint64_t abandoned,
                            std::uint64_t abandoned_within) {
  analysis::KpiTally t;
  t.offered = answered + abandoned;
  t.answered = answered;
  t.answered_within = within;
  t.abandoned = abandoned;
  t.abandoned_within = abandoned_within;
  return t;
}

analysis::GroupTally group(double staffed_seconds, std::uint64_t handled) {
  analysis::GroupTally g;
  g.staffed_time = staffed_seconds;
  g.handled = handled;
  return g;
}

analysis::ReplicationResult replication(std::vector<analysis::KpiTally> intervals,
                                        std::vector<analysis::GroupTally> groups, double wait_all, double talk) {
  analysis::ReplicationResult r;
  r.intervals = std::move(intervals);
  for (const auto& t : r.intervals) r.total += t;
  r.total.wait_all = wait_all;
  r.total.talk_time = talk;
  r.groups = std::move(groups);
  return r;
}

// Replication A: groups staffed 2 h and 1 h, 15 calls handled; 600 s waiting + 1200 s talk
// = 30 trunk minutes; interval 1 at 5 / (7 + 1 - 0) = 62.5 %, the day at 13 / 16 = 81.25 %.
// Replication B: 2 h and 2 h, 18 calls; 300 s + 1500 s = 30 minutes; every interval at 100 %.
analysis::RunResult run() {
  analysis::RunResult run;
  run.name = "tiny";
  run.interval_seconds = 1800;
  run.agent_groups = {"front", "back"};
  run.replications.push_back(
      replication({interval(8, 8, 0, 0), interval(7, 5, 1, 0)}, {group(7200, 10), group(3600, 5)}, 600, 1200));
  run.replications.push_back(
      replication({interval(9, 9, 0, 0), interval(9, 9, 0, 0)}, {group(7200, 12), group(7200, 6)}, 300, 1500));
  return run;
}

models::CostSpec prices(SlaContract::Per per) {
  models::CostSpec c;
  c.currency = "EUR";
  c.agent_hour = {10, 20};
  c.trunk_minute = 0.5;
  c.revenue_per_call = 2;
  c.revenue_per_hour = 1;
  c.sla = SlaContract{0.8, per, 100};
  return c;
}

}  // namespace

TEST_CASE("report costs: one replication's money by hand", "[report][costs]") {
  const auto r = run();
  const auto a = replication_costs(r.replications[0], prices(SlaContract::Per::INTERVAL));
  CHECK(a.paid_hours == 3);
  CHECK(a.labour == 2 * 10 + 1 * 20);
  CHECK(a.trunk_minutes == 30);
  CHECK(a.trunk == 15);
  CHECK(a.revenue == 15 * 2 + 3 * 1);
  CHECK(a.periods_missed == 1);  // interval 1 at 62.5 %
  CHECK(a.penalty == 100);
  CHECK(a.net == 33 - 40 - 15 - 100);
  CHECK(a.missed);

  // Judged over the day, replication A makes it: 81.25 % >= 80 %.
  const auto day = replication_costs(r.replications[0], prices(SlaContract::Per::DAY));
  CHECK(day.periods_missed == 0);
  CHECK(day.penalty == 0);
  CHECK_FALSE(day.missed);

  const auto b = replication_costs(r.replications[1], prices(SlaContract::Per::INTERVAL));
  CHECK(b.labour == 2 * 10 + 2 * 20);
  CHECK(b.revenue == 18 * 2 + 4 * 1);
  CHECK(b.penalty == 0);
  CHECK(b.net == 40 - 60 - 15);
}

TEST_CASE("report costs: means, Student-t CIs and the probability of missing the contract", "[report][costs]") {
  const auto s = summarize_costs(run(), prices(SlaContract::Per::INTERVAL));
  CHECK(s.labour.mean == 50);
  CHECK(s.labour.n == 2);
  // Two values 40 and 60: sd = 20 / sqrt(2), half-width t(0.975, 1) sd / sqrt(2) = 10 t.
  CHECK(s.labour.ci95 == Approx(10 * sim::student_t_quantile(0.95, 1)));
  CHECK(s.net.mean == Approx((-122.0 - 35.0) / 2));
  CHECK(s.penalty.mean == 50);
  CHECK(s.trunk.ci95 == 0);
  CHECK(s.miss.k == 1);
  CHECK(s.miss.n == 2);
  CHECK(s.miss.p == 0.5);
  // Wilson 95 % for 1 of 2: 0.5 -/+ 1.96 sqrt(0.125 + 0.9604 / 4) / 1.9208 = [0.0945, 0.9055].
  CHECK(s.miss.low == Approx(0.09453).epsilon(1e-4));
  CHECK(s.miss.high == Approx(0.90547).epsilon(1e-4));

  const auto no_sla = [] {
    auto c = prices(SlaContract::Per::DAY);
    c.sla.reset();
    return c;
  }();
  const auto free_of_contract = summarize_costs(run(), no_sla);
  CHECK(free_of_contract.penalty.mean == 0);
  CHECK(free_of_contract.miss.k == 0);
}

TEST_CASE("report costs: Wilson interval at the edges", "[report][costs]") {
  const auto none = report::wilson_interval(0, 20);
  CHECK(none.p == 0);
  CHECK(none.low == 0);
  CHECK(none.high == Approx(0.16113).epsilon(1e-4));  // 3.8415 / 23.8415
  const auto all = report::wilson_interval(20, 20);
  CHECK(all.high == 1);
  CHECK(all.low == Approx(1 - 0.16113).epsilon(1e-4));
  CHECK(std::isnan(report::wilson_interval(0, 0).p));
}

TEST_CASE("report costs: a file without talk times leaves trunk cost unknown", "[report][costs]") {
  auto r = run();
  for (auto& rep : r.replications) rep.total.talk_time = std::nan("");
  const auto s = summarize_costs(r, prices(SlaContract::Per::DAY));
  CHECK(std::isnan(s.trunk.mean));
  CHECK(std::isnan(s.net.mean));
  CHECK(s.labour.mean == 50);
}
