#include "scenarios/staffing_field.hpp"

#include <charconv>
#include <climits>
#include <cmath>

#include "scenarios/clock_time.hpp"
#include "scenarios/limits.hpp"

namespace callsim::scenarios::detail {

namespace {

// Agents on duty in each row, whole numbers >= 0, reported at the CSV's own lines.
std::vector<int> agent_counts(const ForecastTable& table, const std::string& group) {
  const Reporter reporter(table.path());
  std::vector<int> counts;
  for (const auto& [text, line] : table.cells(group)) {
    const std::string cell(text);
    if (cell.empty()) {
      reporter.fail(line, "the agent count of '" + group +
                              "' is empty; give the number of agents on duty in the interval, e.g. 12 (0 for none)");
    }
    long long value = 0;
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    const bool huge = error == std::errc::result_out_of_range && end == cell.data() + cell.size();
    if (huge) value = cell.front() == '-' ? -1 : limits::kAgentsPerGroup + 1;
    if ((error != std::errc{} && !huge) || end != cell.data() + cell.size()) {
      reporter.fail(line, "agent count '" + cell + "' of '" + group +
                              "' is not a whole number; expected the number of agents on duty in the interval, "
                              "e.g. 12");
    }
    if (value < 0) reporter.fail(line, "agent count of '" + group + "' must not be negative, got " + cell);
    if (value > limits::kAgentsPerGroup) {
      reporter.fail(line, "agent count of '" + group + "' must be at most " + std::to_string(limits::kAgentsPerGroup) +
                              ", got " + cell);
    }
    counts.push_back(static_cast<int>(value));
  }
  return counts;
}

}  // namespace

std::vector<models::StaffingStep> read_staffing_plan(const Reporter& reporter, const Entry& entry,
                                                     const std::string& path, const std::string& group,
                                                     LoadContext& context) {
  const std::string file = read_name(reporter, entry, path, "agents.csv");
  const ForecastTable& table = read_table(reporter, entry, file, kStaffingTable, context);
  const std::vector<int> counts = agent_counts(table, group);

  const double clock_start = context.clock_start();
  const double counted_begin = context.counted_begin();
  const double counted_end = context.counted_end();
  const bool show_day = table.weekly() || std::max(counted_end, table.end()) > 86400;
  const auto clock = [show_day](double seconds) { return format_clock(seconds, show_day); };
  const std::string named = "the staffing plan '" + table.path() + "' of agent group '" + group + "'";
  const std::string where = reporter.where(entry.line()) + ": ";
  if (table.end() <= clock_start || table.start() >= counted_end) {
    reporter.fail(entry.line(), named + " covers " + clock(table.start()) + " to " + clock(table.end()) +
                                    ", outside the simulated period " + clock(clock_start) + " to " +
                                    clock(counted_end) +
                                    " (time.start, warmup and duration), so the group would never have an agent "
                                    "on duty; give a staffing plan for the simulated period or change time.start");
  }
  if (table.end() < counted_end) {
    context.warnings.push_back(where + named + " ends at " + clock(table.end()) +
                               ", before the counted period ends at " + clock(counted_end) + "; agent group '" + group +
                               "' has no agent on duty after " + clock(table.end()));
  }
  if (table.start() > counted_begin) {
    context.warnings.push_back(where + named + " starts at " + clock(table.start()) +
                               ", after the counted period begins at " + clock(counted_begin) + "; agent group '" +
                               group + "' has no agent on duty before " + clock(table.start()));
  }

  // Rows that end by time 0 are never simulated; the one time 0 falls into counts from 0.
  // Times are whole minutes, exact in double.
  std::vector<models::StaffingStep> steps;
  const double offset = table.start() - clock_start;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double from = offset + table.interval() * static_cast<double>(i);
    if (from + table.interval() <= 0) continue;
    steps.push_back({sim::Time(std::max(from, 0.0)), counts[i]});
  }
  steps.push_back({sim::Time(table.end() - clock_start), 0});
  return steps;
}

}  // namespace callsim::scenarios::detail
