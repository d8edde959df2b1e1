#include "scenarios/shifts_field.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "scenarios/clock_field.hpp"
#include "scenarios/limits.hpp"

namespace callsim::scenarios::detail {

namespace {

constexpr double kDay = 86400;
constexpr std::size_t kMaxShifts = limits::kShiftsPerGroup;
constexpr std::size_t kMaxBreaks = limits::kBreaksPerShift;

struct Break {
  double from;
  double to;
  int count;
  int line;
};

// "breaks[0]", "breaks[0] and breaks[2]", "breaks[0], breaks[1] and breaks[2]".
std::string list_breaks(const std::vector<std::size_t>& indices) {
  std::string out;
  for (std::size_t i = 0; i < indices.size(); ++i) {
    if (i > 0) out += i + 1 == indices.size() ? " and " : ", ";
    out += "breaks[" + std::to_string(indices[i]) + "]";
  }
  return out;
}

// Breaks of one shift: inside it, and never more agents on break at once than on the shift.
std::vector<Break> read_breaks(const Reporter& reporter, const Entry& entry, const std::string& path, double start,
                               double end, int shift_count) {
  const YAML::Node list = read_list(reporter, entry, path,
                                    "a list of breaks, each with start, duration and optionally count, e.g. "
                                    "[{start: 10:00, duration: 15min, count: 4}]");
  // The overlap check below compares every pair of breaks.
  if (list.size() > kMaxBreaks) {
    reporter.fail(entry.line(), path + " has " + std::to_string(list.size()) + " breaks; a shift may have at most " +
                                    std::to_string(kMaxBreaks));
  }
  std::vector<Break> breaks;
  for (std::size_t j = 0; j < list.size(); ++j) {
    const std::string item_path = path + "[" + std::to_string(j) + "]";
    const YAML::Node item = list[j];
    const Fields fields(reporter, item, line_of(item), item_path, item_path, {"count", "duration", "start"});
    Break b{};
    b.line = line_of(item);
    b.from = read_clock(reporter, fields.require("start", "when the break begins, e.g. 10:00"), fields.path("start"),
                        ClockRole::START);
    b.to = b.from + read_duration(reporter, fields.require("duration", "how long it lasts, e.g. 15min"),
                                  fields.path("duration"), DurationBound::POSITIVE);
    b.count = shift_count;  // by default the whole shift breaks together
    if (const auto count = fields.find("count")) {
      b.count = read_count(reporter, *count, fields.path("count"));
      if (b.count > shift_count) {
        reporter.fail(count->line(), fields.path("count") + " must be at most the shift's count " +
                                         std::to_string(shift_count) + ", got " + std::to_string(b.count) +
                                         "; only agents on the shift can take its break");
      }
    }
    if (b.from < start || b.to > end) {
      reporter.fail(b.line, item_path + " runs from " + clock_text(b.from) + " to " + clock_text(b.to) +
                                ", outside its shift (" + clock_text(start) + " to " + clock_text(end) +
                                "); a break must lie within its shift");
    }
    breaks.push_back(b);
  }
  // The number on break is highest at some break's start: checking every start suffices.
  for (const Break& b : breaks) {
    int on_break = 0;
    std::vector<std::size_t> together;
    for (std::size_t j = 0; j < breaks.size(); ++j) {
      if (breaks[j].from <= b.from && b.from < breaks[j].to) {
        on_break += breaks[j].count;
        together.push_back(j);
      }
    }
    if (on_break > shift_count) {
      reporter.fail(breaks[together.back()].line,
                    path + ": " + list_breaks(together) + " put " + std::to_string(on_break) +
                        " agents on break at once at " + clock_text(b.from) + ", more than the shift's " +
                        std::to_string(shift_count) + "; stagger the breaks or lower their counts");
    }
  }
  return breaks;
}

}  // namespace

ShiftsRead read_shifts(const Reporter& reporter, const Entry& entry, const std::string& path,
                       const LoadContext& context) {
  const YAML::Node list = read_list(reporter, entry, path,
                                    "a list of shifts, each with start, end and count, e.g. [{start: 07:00, end: "
                                    "15:30, count: 10}]");
  if (list.size() > kMaxShifts) {
    reporter.fail(entry.line(), path + " has " + std::to_string(list.size()) + " shifts; a group may have at most " +
                                    std::to_string(kMaxShifts) + " (give a larger group a staffing plan)");
  }
  std::vector<StaffingChange> changes;
  std::vector<StaffingChange> on_shift;
  double cost = 0;
  int first_costed = 0, first_uncosted = 0;  // lines of the first shift with and without a cost; 0: none yet
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    const YAML::Node item = list[i];
    const Fields fields(reporter, item, line_of(item), item_path, item_path,
                        {"breaks", "cost", "count", "end", "start"});
    const double start = read_clock(reporter, fields.require("start", "when the shift begins, e.g. 07:00"),
                                    fields.path("start"), ClockRole::START);
    const Entry end_entry = fields.require("end", "when the shift ends, e.g. 15:30");
    const double end = read_clock(reporter, end_entry, fields.path("end"), ClockRole::END);
    const int count =
        read_count(reporter, fields.require("count", "the agents on the shift, e.g. 10"), fields.path("count"));
    if (end <= start) {
      reporter.fail(end_entry.line(), item_path + " ends at " + clock_text(end) + ", not after it starts at " +
                                          clock_text(start) + "; give an end after the start" +
                                          next_day_hint(start, end, "end"));
    }
    // Longer than a day is a wrong day more likely than a real shift.
    if (end - start > kDay) {
      reporter.fail(end_entry.line(), item_path + " runs from " + clock_text(start) + " to " + clock_text(end) +
                                          ", more than 24 h; a shift lasts at most 24 h: check the days of its start "
                                          "and end");
    }
    changes.push_back({start, count});
    changes.push_back({end, -count});
    on_shift.push_back({start, count});
    on_shift.push_back({end, -count});
    if (const auto cost_entry = fields.find("cost")) {
      cost += count * read_number_in(reporter, *cost_entry, fields.path("cost"),
                                     NumberRange{0, false, std::numeric_limits<double>::infinity(), false});
      if (!std::isfinite(cost)) {
        reporter.fail(cost_entry->line(), fields.path("cost") + " makes the shifts' cost (count x cost, summed) " +
                                              "larger than a number holds; give a smaller cost");
      }
      if (!first_costed) first_costed = line_of(item);
    } else if (!first_uncosted) {
      first_uncosted = line_of(item);
    }
    if (first_costed && first_uncosted) {
      reporter.fail(
          std::max(first_costed, first_uncosted),
          path + ": the shift at " + reporter.line_ref(std::min(first_costed, first_uncosted)) +
              (first_costed < first_uncosted ? " gives a cost and this one none" : " gives no cost and this one does") +
              "; give every shift of the group its cost (money per agent on the shift), or none");
    }
    if (const auto breaks = fields.find("breaks")) {
      for (const Break& b : read_breaks(reporter, *breaks, fields.path("breaks"), start, end, count)) {
        changes.push_back({b.from, -b.count});
        changes.push_back({b.to, b.count});
      }
    }
  }
  ShiftsRead out;
  out.on_duty = steps_from_changes(std::move(changes), context.clock_start());
  out.on_shift = steps_from_changes(std::move(on_shift), context.clock_start());
  if (first_costed) out.cost = cost;
  return out;
}

std::vector<models::StaffingStep> steps_from_changes(std::vector<StaffingChange> changes, double clock_start) {
  std::stable_sort(changes.begin(), changes.end(),
                   [](const StaffingChange& a, const StaffingChange& b) { return a.at < b.at; });
  std::vector<models::StaffingStep> steps;
  int on_duty = 0;
  for (const StaffingChange& change : changes) {
    on_duty += change.delta;
    // Whatever happened before the simulation starts is the state at time 0.
    const sim::Time at(std::max(change.at - clock_start, 0.0));
    if (!steps.empty() && steps.back().from == at) {
      steps.back().agents = on_duty;
    } else {
      steps.push_back({at, on_duty});
    }
  }
  std::vector<models::StaffingStep> merged;
  for (const auto& step : steps) {
    const int before = merged.empty() ? 0 : merged.back().agents;
    if (step.agents != before) merged.push_back(step);
  }
  return merged;
}

}  // namespace callsim::scenarios::detail
