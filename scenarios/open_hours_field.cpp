#include "scenarios/open_hours_field.hpp"

#include <algorithm>

#include "scenarios/clock_field.hpp"

namespace callsim::scenarios::detail {

std::vector<models::OpenPeriod> read_open_hours(const Reporter& reporter, const Entry& entry,
                                                const LoadContext& context) {
  const YAML::Node list = read_list(reporter, entry, "'open_hours'",
                                    "a list of periods when the center takes calls, e.g. [{from: 07:00, to: 24:00}]");
  std::vector<models::OpenPeriod> periods;
  double previous_to = -1;
  std::string previous_path;
  const double clock_start = context.clock_start();
  const double simulated_end = context.counted_end() - clock_start;
  bool open_while_simulated = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string path = "open_hours[" + std::to_string(i) + "]";
    const YAML::Node item = list[i];
    const Fields fields(reporter, item, line_of(item), path, path, {"from", "to"});
    const Entry from_entry = fields.require("from", "when the center opens, e.g. 07:00");
    const double from = read_clock(reporter, from_entry, fields.path("from"), ClockRole::START);
    const Entry to_entry = fields.require("to", "when it closes, e.g. 24:00");
    const double to = read_clock(reporter, to_entry, fields.path("to"), ClockRole::END);
    if (to <= from) {
      reporter.fail(to_entry.line(), path + " closes at " + clock_text(to) + ", not after it opens at " +
                                         clock_text(from) + "; give a 'to' after 'from'" +
                                         next_day_hint(from, to, "to"));
    }
    if (from < previous_to) {
      reporter.fail(from_entry.line(), path + " opens at " + clock_text(from) + ", before " + previous_path +
                                           " closes at " + clock_text(previous_to) +
                                           "; list the periods in time order, without overlap");
    }
    previous_to = to;
    previous_path = path;
    // On the simulation clock; what lies before time 0 is never simulated.
    const double sim_from = std::max(from - clock_start, 0.0);
    const double sim_to = to - clock_start;
    if (sim_to <= 0) continue;
    periods.push_back({sim::Time(sim_from), sim::Time(sim_to)});
    open_while_simulated |= sim_from < simulated_end;
  }
  if (!open_while_simulated) {
    reporter.fail(entry.line(), "'open_hours' has no period during the simulated period " + clock_text(clock_start) +
                                    " to " + clock_text(context.counted_end()) +
                                    " (time.start, warmup and duration), so the center would take no call; give "
                                    "opening hours in that period, or change time.start");
  }
  return periods;
}

}  // namespace callsim::scenarios::detail
