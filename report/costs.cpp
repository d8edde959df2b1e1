#include "report/costs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace callsim::report {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double service_level(const analysis::KpiTally& t) { return analysis::kpi("service_level").compute(t); }

bool misses(const analysis::KpiTally& t, double target) {
  const double sl = service_level(t);
  return !std::isnan(sl) && sl < target;
}

}  // namespace

ReplicationCosts replication_costs(const analysis::ReplicationResult& r, const models::CostSpec& costs) {
  ReplicationCosts c;
  std::uint64_t handled = 0;
  for (std::size_t g = 0; g < r.groups.size(); ++g) {
    const double hours = r.groups[g].staffed_time / 3600;
    c.paid_hours += hours;
    c.labour += hours * (g < costs.agent_hour.size() ? costs.agent_hour[g] : 0);
    handled += r.groups[g].handled;
  }
  // wait_all holds the waits of answered, abandoned, timed-out and cleared calls; talk_time the conversations.
  c.trunk_minutes = (r.total.wait_all + r.total.talk_time) / 60;
  c.trunk = c.trunk_minutes * costs.trunk_minute;
  c.revenue = static_cast<double>(handled) * costs.revenue_per_call + c.paid_hours * costs.revenue_per_hour;
  if (costs.sla) {
    if (costs.sla->per == models::SlaContract::Per::DAY) {
      c.periods_missed = misses(r.total, costs.sla->target) ? 1 : 0;
    } else {
      for (const auto& t : r.intervals) c.periods_missed += misses(t, costs.sla->target) ? 1 : 0;
    }
    c.penalty = static_cast<double>(c.periods_missed) * costs.sla->penalty;
    c.missed = c.periods_missed > 0;
  }
  c.net = c.revenue - c.labour - c.trunk - c.penalty;
  return c;
}

Proportion wilson_interval(std::uint64_t k, std::uint64_t n) {
  Proportion p{k, n, kNaN, kNaN, kNaN};
  if (n == 0) return p;
  constexpr double z = 1.959963984540054;  // two-sided 95%
  const double nn = static_cast<double>(n);
  p.p = static_cast<double>(k) / nn;
  const double denominator = 1 + z * z / nn;
  const double centre = (p.p + z * z / (2 * nn)) / denominator;
  const double half = z * std::sqrt(p.p * (1 - p.p) / nn + z * z / (4 * nn * nn)) / denominator;
  // Clamped: rounding can push the ends a hair outside [0, 1] at k = 0 or k = n.
  p.low = std::max(0.0, centre - half);
  p.high = std::min(1.0, centre + half);
  return p;
}

CostSummary summarize_costs(const analysis::RunResult& run, const models::CostSpec& costs) {
  std::vector<ReplicationCosts> reps;
  std::uint64_t missed = 0;
  for (const auto& r : run.replications) {
    reps.push_back(replication_costs(r, costs));
    missed += reps.back().missed ? 1 : 0;
  }
  const auto field = [&](auto member) {
    std::vector<double> values;
    for (const auto& c : reps) values.push_back(static_cast<double>(c.*member));
    return estimate(values);
  };
  CostSummary s;
  s.paid_hours = field(&ReplicationCosts::paid_hours);
  s.trunk_minutes = field(&ReplicationCosts::trunk_minutes);
  s.labour = field(&ReplicationCosts::labour);
  s.trunk = field(&ReplicationCosts::trunk);
  s.revenue = field(&ReplicationCosts::revenue);
  s.periods_missed = field(&ReplicationCosts::periods_missed);
  s.penalty = field(&ReplicationCosts::penalty);
  s.net = field(&ReplicationCosts::net);
  s.miss = wilson_interval(missed, reps.size());
  return s;
}

}  // namespace callsim::report
