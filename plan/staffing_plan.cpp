#include "plan/staffing_plan.hpp"

#include <algorithm>
#include <cmath>

namespace callsim::plan {

int StaffingPlan::interval_total(std::size_t i) const {
  int total = 0;
  for (std::size_t g = 0; g < groups; ++g) total += at(i, g);
  return total;
}

double StaffingPlan::agent_hours(double interval_seconds) const {
  double total = 0;
  for (const int a : agents) total += a;
  return total * interval_seconds / 3600.0;
}

std::vector<PlanRow> plan_rows(const models::TimeSpec& time, const StaffingPlan& plan) {
  const double length = time.interval.seconds();
  const double counted = time.clock_start.seconds() + time.warmup.seconds();
  auto row_of = [&](std::size_t i) {
    PlanRow row;
    row.agents.assign(plan.agents.begin() + static_cast<std::ptrdiff_t>(i * plan.groups),
                      plan.agents.begin() + static_cast<std::ptrdiff_t>((i + 1) * plan.groups));
    return row;
  };
  std::vector<PlanRow> rows;
  if (plan.intervals == 0) return rows;
  // Warm-up rows: k intervals before the counted period, k the fewest that cover the
  // warm-up, fewer when they would start before midnight of day 1 (no clock time there).
  const double warmup = time.warmup.seconds();
  auto before = static_cast<std::size_t>(std::ceil(warmup / length - 1e-9));
  while (before > 0 && counted - static_cast<double>(before) * length < -1e-6) --before;
  for (std::size_t j = before; j > 0; --j) {
    PlanRow row = row_of(0);
    row.clock = counted - static_cast<double>(j) * length;
    rows.push_back(std::move(row));
  }
  // The drain row is left out when it would start after day 7, where the staffing CSV's
  // clock ends (a week-long plan ends with its last interval).
  const double week_end = 7 * 86400.0;
  const bool drain = counted + static_cast<double>(plan.intervals) * length < week_end - 1e-6;
  for (std::size_t i = 0; i < plan.intervals + (drain ? 1 : 0); ++i) {
    PlanRow row = row_of(i < plan.intervals ? i : plan.intervals - 1);
    row.clock = counted + static_cast<double>(i) * length;
    rows.push_back(std::move(row));
  }
  return rows;
}

void apply_plan(models::CenterSpec& spec, const StaffingPlan& plan) {
  const std::vector<PlanRow> rows = plan_rows(spec.time, plan);
  const double clock_start = spec.time.clock_start.seconds();
  const double length = spec.time.interval.seconds();
  for (std::size_t g = 0; g < spec.agent_groups.size() && g < plan.groups; ++g) {
    // As scenarios/staffing_field.cpp reads a plan: one step per row that reaches past
    // time 0 (the row time 0 falls into counts from 0), then 0 agents after the last row.
    std::vector<models::StaffingStep> steps;
    for (const PlanRow& row : rows) {
      const double from = row.clock - clock_start;
      if (from + length <= 0) continue;
      steps.push_back({sim::Time(std::max(from, 0.0)), row.agents[g]});
    }
    if (!rows.empty()) steps.push_back({sim::Time(rows.back().clock + length - clock_start), 0});
    spec.agent_groups[g].staffing = std::move(steps);
    spec.agent_groups[g].count = 0;
  }
}

}  // namespace callsim::plan
