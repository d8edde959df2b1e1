#include "app/staffing_csv.hpp"

#include <cmath>
#include <cstdio>

#include "scenarios/clock_time.hpp"

namespace callsim::app {

namespace {

bool whole_minute(double seconds) { return std::fabs(seconds / 60 - std::round(seconds / 60)) < 1e-9; }

}  // namespace

std::optional<std::string> staffing_csv_problem(const models::TimeSpec& time, std::size_t intervals) {
  const double first = time.clock_start.seconds() + time.warmup.seconds();
  if (!whole_minute(time.interval.seconds()) || !whole_minute(first)) {
    return "the staffing CSV gives whole minutes, and this scenario's intervals start at seconds past a "
           "minute (time.start, warmup or interval); give them in whole minutes";
  }
  const double last = first + static_cast<double>(intervals) * time.interval.seconds();
  if (last > 7 * 86400.0 + 1e-6) {
    return "the staffing CSV holds at most a week (day 1 to 7), and this scenario's plan runs past day 7; "
           "staff a week or less";
  }
  return std::nullopt;
}

std::string staffing_csv(const models::TimeSpec& time, const plan::StaffingPlan& plan,
                         const std::vector<std::string>& group_names) {
  const std::vector<plan::PlanRow> rows = plan::plan_rows(time, plan);
  bool with_day = false;
  for (const plan::PlanRow& row : rows) with_day = with_day || row.clock >= 86400 - 1e-6;
  std::string text = "interval_start";
  for (const std::string& name : group_names) text += "," + name;
  text += "\n";
  for (const plan::PlanRow& row : rows) {
    text += scenarios::csv_clock(row.clock, with_day);
    for (const int a : row.agents) text += "," + std::to_string(a);
    text += "\n";
  }
  return text;
}

}  // namespace callsim::app
