#include "scenarios/staffing_field.hpp"

#include <charconv>
#include <climits>
#include <cmath>

#include "scenarios/clock_time.hpp"
#include "scenarios/limits.hpp"

namespace callsim::scenarios::detail {

namespace {

// Agents on duty in each row, numbers >= 0 (fractions allowed: see read_staffing_plan),
// reported at the CSV's own lines.
std::vector<double> agent_counts(const ForecastTable& table, const std::string& group) {
  const Reporter reporter(table.path());
  std::vector<double> counts;
  for (const auto& [text, line] : table.cells(group)) {
    const std::string cell(text);
    if (cell.empty()) {
      reporter.fail(line, "the agent count of '" + group +
                              "' is empty; give the number of agents on duty in the interval, e.g. 12 (0 for none)");
    }
    double value = 0;
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    const bool huge = error == std::errc::result_out_of_range && end == cell.data() + cell.size();
    if (huge) value = cell.front() == '-' ? -1 : limits::kAgentsPerGroup + 1;
    if ((error != std::errc{} && !huge) || end != cell.data() + cell.size() || std::isnan(value)) {
      reporter.fail(line, "agent count '" + cell + "' of '" + group +
                              "' is not a number; expected the number of agents on duty in the interval, e.g. 12 "
                              "(or 4.5: a fifth agent present half the interval)");
    }
    if (value < 0) reporter.fail(line, "agent count of '" + group + "' must not be negative, got " + cell);
    if (value > limits::kAgentsPerGroup) {
      reporter.fail(line, "agent count of '" + group + "' must be at most " + std::to_string(limits::kAgentsPerGroup) +
                              ", got " + cell);
    }
    counts.push_back(value);
  }
  return counts;
}

}  // namespace

std::vector<models::StaffingStep> read_staffing_plan(const Reporter& reporter, const Entry& entry,
                                                     const std::string& path, const std::string& group,
                                                     LoadContext& context) {
  const std::string file = read_name(reporter, entry, path, "agents.csv");
  const ForecastTable& table = read_table(reporter, entry, file, kStaffingTable, context);
  const std::vector<double> counts = agent_counts(table, group);

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
  // A fractional count n + f is n + 1 agents for f of the interval: the agent-hours the row
  // asks for, as a fitted plan of available agents means them. The extra agent is there for
  // the first f, or for the last f when the next row has more agents (a ramp-up: agents
  // arriving for the next interval come at its end, not its start).
  std::vector<models::StaffingStep> steps;
  const double offset = table.start() - clock_start;
  const auto add = [&steps](double at, int agents) {
    if (!steps.empty() && steps.back().from.seconds() >= at)
      steps.back().agents = agents;  // clipped to time 0
    else
      steps.push_back({sim::Time(at), agents});
  };
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double from = offset + table.interval() * static_cast<double>(i);
    if (from + table.interval() <= 0) continue;
    const double whole = std::floor(counts[i]), f = counts[i] - whole;
    const int n = static_cast<int>(whole);
    if (f <= 0) {
      add(std::max(from, 0.0), n);
    } else if (i + 1 < counts.size() && counts[i + 1] > counts[i]) {
      add(std::max(from, 0.0), n);
      add(std::max(from + (1 - f) * table.interval(), 0.0), n + 1);
    } else {
      add(std::max(from, 0.0), n + 1);
      add(std::max(from + f * table.interval(), 0.0), n);
    }
  }
  steps.push_back({sim::Time(table.end() - clock_start), 0});
  return steps;
}

}  // namespace callsim::scenarios::detail
