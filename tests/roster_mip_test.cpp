#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "plan/roster_mip.hpp"
#include "plan/roster_steps.hpp"

using namespace callsim::plan;

namespace {

constexpr double kHour = 3600;

ShiftTemplate make_template(const char* name, double from, double to, double step, double length, double cost) {
  ShiftTemplate t;
  t.name = name;
  t.group_name = "agents";
  t.start_from = from;
  t.start_to = to;
  t.start_step = step;
  t.length = length;
  t.cost_per_paid_hour = cost;
  return t;
}

RosterProblem one_group(std::vector<int> required) {
  RosterProblem p;
  p.start = 8 * kHour;
  p.interval = kHour;
  p.groups.push_back({0, "agents", std::move(required)});
  p.time_limit = 20;
  return p;
}

/// The cheapest cover of `p` (templates without breaks) by trying every count 0..`most`
/// on every (template, start).
double brute_force_minimum(const RosterProblem& p, int most) {
  struct Var {
    std::size_t t;
    double start;
  };
  std::vector<Var> vars;
  for (std::size_t t = 0; t < p.templates.size(); ++t)
    for (double s : template_starts(p, p.templates[t])) vars.push_back({t, s});
  std::vector<int> x(vars.size(), 0);
  double best = std::numeric_limits<double>::infinity();
  const auto& req = p.groups[0].required;
  while (true) {
    double cost = 0;
    std::vector<int> duty(req.size(), 0);
    for (std::size_t v = 0; v < vars.size(); ++v) {
      const auto& t = p.templates[vars[v].t];
      cost += x[v] * t.cost_per_paid_hour * t.length / kHour;
      for (std::size_t i = 0; i < req.size(); ++i) {
        const double at = p.start + p.interval * static_cast<double>(i);
        if (at >= vars[v].start && at < vars[v].start + t.length) duty[i] += x[v];
      }
    }
    bool covered = true;
    for (std::size_t i = 0; i < req.size(); ++i) covered = covered && duty[i] >= req[i];
    if (covered) best = std::min(best, cost);
    std::size_t v = 0;
    while (v < x.size() && x[v] == most) x[v++] = 0;
    if (v == x.size()) break;
    ++x[v];
  }
  return best;
}

}  // namespace

TEST_CASE("roster MIP places breaks so that coverage holds at every slot (hand-proved optimum)") {
  // Every agent works 08:00-12:00 with a 1 h unpaid break at 09:00 or 10:00. Two on duty in
  // each hour: hour 9 needs x - y1 >= 2, hour 10 x - y2 >= 2, y1 + y2 = x, so x >= 4.
  RosterProblem p = one_group({2, 2, 2, 2});
  ShiftTemplate t = make_template("four", 8 * kHour, 8 * kHour, kHour, 4 * kHour, 10);
  t.breaks.push_back({kHour, kHour, 2 * kHour, kHour, false});
  p.templates.push_back(t);
  const RosterResult r = solve_roster(p);
  REQUIRE(r.found);
  CHECK(r.optimal);
  CHECK(r.cost == Approx(4 * 3 * 10));
  CHECK(r.lower_bound <= r.cost + 1e-6);
  CHECK(r.paid_hours == Approx(12));
  REQUIRE(r.shifts.size() == 1);
  CHECK(r.shifts[0].agents == 4);
  int placed = 0;
  for (const auto& b : r.shifts[0].breaks) placed += b.agents;
  CHECK(placed == 4);
  for (const auto& c : r.intervals) CHECK(c.rostered >= c.required);
}

TEST_CASE("roster MIP cost equals the brute-force minimum on random small instances") {
  std::mt19937 rng(20261204);  // only for the instances, not for simulation draws
  for (int round = 0; round < 8; ++round) {
    std::vector<int> req(6);
    for (auto& v : req) v = static_cast<int>(rng() % 3);
    RosterProblem p = one_group(req);
    p.templates.push_back(make_template("long", 8 * kHour, 11 * kHour, kHour, 3 * kHour, 10));
    p.templates.push_back(
        make_template("short", 8 * kHour, 12 * kHour, kHour, 2 * kHour, 10 + static_cast<double>(rng() % 8)));
    const double expected = brute_force_minimum(p, 2);
    const RosterResult r = solve_roster(p);
    INFO("round " << round);
    REQUIRE(r.found);
    CHECK(r.optimal);
    CHECK(r.cost == Approx(expected));
    CHECK(r.lower_bound <= r.cost + 1e-6);
    CHECK(r.lp_relaxation <= r.cost + 1e-6);
    const auto duty = on_duty_per_slot(p, r.shifts, 0, r.slot);
    const auto per_interval = static_cast<std::size_t>(p.interval / r.slot);
    for (std::size_t k = 0; k < duty.size(); ++k) CHECK(duty[k] >= req[k / per_interval]);
  }
}

TEST_CASE("roster MIP respects min and max per template") {
  RosterProblem p = one_group({1, 1, 1, 1});
  ShiftTemplate cheap = make_template("cheap", 8 * kHour, 10 * kHour, kHour, 2 * kHour, 5);
  cheap.max_agents = 1;
  ShiftTemplate dear = make_template("dear", 8 * kHour, 8 * kHour, kHour, 4 * kHour, 20);
  p.templates = {cheap, dear};
  RosterResult r = solve_roster(p);
  REQUIRE(r.found);
  int on_cheap = 0;
  for (const auto& s : r.shifts)
    if (s.template_index == 0) on_cheap += s.agents;
  CHECK(on_cheap <= 1);
  // Without the cap two cheap shifts (20) would do; with it, one dear shift (80) beats cheap + dear (90).
  CHECK(r.cost == Approx(80));
  p.templates[1].min_agents = 2;
  r = solve_roster(p);
  REQUIRE(r.found);
  CHECK(r.cost == Approx(2 * 80));
}

TEST_CASE("roster MIP names the intervals no template can cover") {
  RosterProblem p = one_group({1, 1, 0, 3});
  p.templates.push_back(make_template("early", 8 * kHour, 8 * kHour, kHour, 2 * kHour, 10));
  const auto missing = uncoverable_intervals(p);
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].interval == 3);
  CHECK(missing[0].start == Approx(11 * kHour));
  CHECK(missing[0].required == 3);
}

TEST_CASE("roster steps are agents on shift less agents on break on the simulation clock") {
  RosterProblem p = one_group({2, 2, 2, 2});
  ShiftTemplate t = make_template("four", 8 * kHour, 8 * kHour, kHour, 4 * kHour, 10);
  t.breaks.push_back({kHour, kHour, 2 * kHour, kHour, false});
  p.templates.push_back(t);
  std::vector<RosteredShift> shifts{{0, 8 * kHour, 4, {{0, kHour, 2}, {0, 2 * kHour, 2}}}};
  const auto steps = roster_steps(p, shifts, 1, 8 * kHour);
  REQUIRE(steps.size() == 1);
  // 4 from 08:00, 2 during both break hours (09:00-11:00, merged), 4 again at 11:00, 0 at 12:00.
  REQUIRE(steps[0].size() == 4);
  CHECK(steps[0][0].from.seconds() == 0);
  CHECK(steps[0][0].agents == 4);
  CHECK(steps[0][1].from.seconds() == Approx(kHour));
  CHECK(steps[0][1].agents == 2);
  CHECK(steps[0][2].from.seconds() == Approx(3 * kHour));
  CHECK(steps[0][2].agents == 4);
  CHECK(steps[0][3].from.seconds() == Approx(4 * kHour));
  CHECK(steps[0][3].agents == 0);
}
