#include "scenarios/period_distribution_field.hpp"

#include <algorithm>

#include "scenarios/clock_field.hpp"
#include "scenarios/distribution_field.hpp"

namespace callsim::scenarios::detail {

std::vector<models::PeriodDistribution> read_period_distributions(const Reporter& reporter, const Entry& entry,
                                                                  const std::string& path, const LoadContext& context) {
  const YAML::Node list =
      read_list(reporter, entry, path,
                "a list of periods of the day, each a distribution with from and to, e.g. [{from: 11:00, to: "
                "14:00, distribution: exponential, mean: 240s}]");
  std::vector<models::PeriodDistribution> periods;
  double previous_to = -1;
  std::string previous_path;
  const double clock_start = context.clock_start();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    const YAML::Node item = list[i];
    if (!item.IsMap()) {
      reporter.fail(line_of(item), item_path +
                                       " must be a period with its distribution, such as {from: 11:00, to: 14:00, "
                                       "distribution: exponential, mean: 240s}; got " +
                                       describe(item));
    }
    // The distribution reader checks every key of the item (a misspelt 'to' is an unknown key).
    sim::Distribution distribution = read_distribution(reporter, Entry{item, item}, item_path, {"from", "to"});
    const auto find = [&](std::string_view key) -> std::optional<Entry> {
      for (auto it = item.begin(); it != item.end(); ++it) {
        if (it->first.IsScalar() && it->first.Scalar() == key) return Entry{it->first, it->second};
      }
      return std::nullopt;
    };
    const auto from_entry = find("from");
    const auto to_entry = find("to");
    if (!from_entry || !to_entry) {
      reporter.fail(line_of(item), item_path + " is missing '" + (from_entry ? "to" : "from") + "' (the period's " +
                                       (from_entry ? "end" : "start") + " on the clock, e.g. from: 11:00, to: 14:00)");
    }
    const double from = read_clock(reporter, *from_entry, item_path + ".from", ClockRole::START);
    const double to = read_clock(reporter, *to_entry, item_path + ".to", ClockRole::END);
    if (to <= from) {
      reporter.fail(to_entry->line(), item_path + " ends at " + clock_text(to) + ", not after it starts at " +
                                          clock_text(from) + "; give a 'to' after 'from'" +
                                          next_day_hint(from, to, "to"));
    }
    if (from < previous_to) {
      reporter.fail(from_entry->line(), item_path + " starts at " + clock_text(from) + ", before " + previous_path +
                                            " ends at " + clock_text(previous_to) +
                                            "; list the periods in time order, without overlap");
    }
    previous_to = to;
    previous_path = item_path;
    // On the simulation clock; what lies before time 0 is never simulated.
    const double sim_to = to - clock_start;
    if (sim_to <= 0) continue;
    periods.push_back({sim::Time(std::max(from - clock_start, 0.0)), sim::Time(sim_to), std::move(distribution)});
  }
  return periods;
}

}  // namespace callsim::scenarios::detail
