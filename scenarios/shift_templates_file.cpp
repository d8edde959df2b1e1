#include "scenarios/shift_templates_file.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "scenarios/clock_time.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/text_file.hpp"
#include "scenarios/yaml_checks.hpp"
#include "scenarios/yaml_parse.hpp"

namespace callsim::scenarios {
namespace {

using detail::Entry;
using detail::Fields;
using detail::Reporter;

constexpr std::size_t kMaxBytes = 1 << 20;
constexpr int kMaxAgents = 1000000;

double read_clock(const Reporter& reporter, const Entry& entry, const std::string& path) {
  const std::string text = detail::read_scalar(reporter, entry, path, "08:00");
  const auto seconds = parse_time_of_day(text);
  if (!seconds)
    reporter.fail(entry.line(),
                  path + " must be a time of day " + std::string(kTimeOfDayHelp) + ", got '" + text + "'");
  return *seconds;
}

std::vector<int> read_days(const Reporter& reporter, const Entry& entry, const std::string& path) {
  static const std::vector<std::string> names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  const YAML::Node list = detail::read_list(reporter, entry, path, "a list of days, e.g. [mon, tue] or [1, 2]");
  std::vector<int> days;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    const int line = detail::line_of(item);
    const std::string text = item.IsScalar() ? item.Scalar() : std::string();
    int day = 0;
    for (std::size_t d = 0; d < names.size(); ++d)
      if (text == names[d] || text == std::to_string(d + 1)) day = static_cast<int>(d + 1);
    if (day == 0)
      reporter.fail(line, path + "[" + std::to_string(i) +
                              "] must be a day: 1 to 7 or mon, tue, wed, thu, fri, sat, sun; got " +
                              detail::describe(item));
    if (std::find(days.begin(), days.end(), day) == days.end()) days.push_back(day);
  }
  std::sort(days.begin(), days.end());
  return days;
}

models::BreakTemplate read_break(const Reporter& reporter, const YAML::Node& node, const std::string& path,
                                 double shift_length) {
  const Fields f(reporter, node, detail::line_of(node), "'" + path + "'", path,
                 {"length", "earliest", "latest", "step", "paid"});
  models::BreakTemplate b;
  b.length = detail::read_duration(reporter, f.require("length", "e.g. length: 30min"), f.path("length"),
                                   detail::DurationBound::POSITIVE);
  const Entry earliest = f.require("earliest", "the earliest start after the shift start, e.g. earliest: 2h");
  b.earliest = detail::read_duration(reporter, earliest, f.path("earliest"), detail::DurationBound::NOT_NEGATIVE);
  const Entry latest = f.require("latest", "the latest start after the shift start, e.g. latest: 3h");
  b.latest = detail::read_duration(reporter, latest, f.path("latest"), detail::DurationBound::NOT_NEGATIVE);
  if (b.latest < b.earliest)
    reporter.fail(latest.line(), f.path("latest") + " " + detail::seconds_text(b.latest) + " is before " +
                                     f.path("earliest") + " " + detail::seconds_text(b.earliest) +
                                     "; give latest >= earliest");
  if (b.latest + b.length > shift_length + 1e-6)
    reporter.fail(latest.line(), "break '" + path + "' taken at its latest (" + detail::seconds_text(b.latest) +
                                     " after the start, for " + detail::seconds_text(b.length) +
                                     ") ends after the shift (" + detail::seconds_text(shift_length) +
                                     "); make latest + length at most the shift's length");
  b.step = 0;
  if (auto step = f.find("step"))
    b.step = detail::read_duration(reporter, *step, f.path("step"), detail::DurationBound::POSITIVE);
  else
    b.step = b.latest > b.earliest ? b.latest - b.earliest : b.length;
  if (auto paid = f.find("paid")) b.paid = detail::read_flag(reporter, *paid, f.path("paid"));
  return b;
}

models::ShiftTemplate read_template(const Reporter& reporter, const YAML::Node& node, const std::string& path,
                                    const std::vector<std::string>& groups) {
  const std::string label = detail::item_label(node, "shift template", path);
  const Fields f(reporter, node, detail::line_of(node), label, path,
                 {"name", "group", "start", "length", "breaks", "cost_per_hour", "min", "max", "days"});
  models::ShiftTemplate t;
  t.name = detail::read_identifier(reporter, f.require("name", "e.g. name: early"), f.path("name"), "early",
                                   detail::NameKind::PART);
  const Entry group = f.require("group", "the agent group it staffs, e.g. group: agents");
  t.group_name = detail::read_name(reporter, group, f.path("group"), "agents");
  const auto found = std::find(groups.begin(), groups.end(), t.group_name);
  if (found == groups.end())
    reporter.fail(group.line(), label + " has group '" + t.group_name + "', which the scenario does not define" +
                                    detail::suggestion(t.group_name, groups) +
                                    "; valid groups are: " + detail::join(groups));
  t.group = static_cast<std::size_t>(found - groups.begin());

  const Entry start = f.require("start", "e.g. start: {from: \"07:00\", to: \"10:00\", step: 30min}");
  const Fields s(reporter, start.value, start.line(), "'" + f.path("start") + "'", f.path("start"),
                 {"from", "to", "step"});
  t.start_from = read_clock(reporter, s.require("from", "e.g. from: \"07:00\""), s.path("from"));
  t.start_to = t.start_from;
  if (auto to = s.find("to")) {
    t.start_to = read_clock(reporter, *to, s.path("to"));
    if (t.start_to < t.start_from)
      reporter.fail(to->line(), s.path("to") + " " + format_clock(t.start_to, false) + " is before " + s.path("from") +
                                    " " + format_clock(t.start_from, false) +
                                    "; the start window runs from 'from' to 'to' (give to >= from)");
  }
  t.start_step = 1800;
  if (auto step = s.find("step"))
    t.start_step = detail::read_duration(reporter, *step, s.path("step"), detail::DurationBound::POSITIVE);

  const Entry length = f.require("length", "e.g. length: 8h");
  t.length = detail::read_duration(reporter, length, f.path("length"), detail::DurationBound::POSITIVE);
  if (t.length > 24 * 3600)
    reporter.fail(length.line(), f.path("length") + " must be at most 24h, got " + detail::seconds_text(t.length));

  if (auto breaks = f.find("breaks")) {
    const YAML::Node list = detail::read_list(reporter, *breaks, f.path("breaks"),
                                              "a list of breaks, each with length, earliest, latest, step and paid");
    for (std::size_t i = 0; i < list.size(); ++i)
      t.breaks.push_back(read_break(reporter, list[i], f.path("breaks") + "[" + std::to_string(i) + "]", t.length));
    // The MIP places each break independently: windows that could overlap would let one
    // agent be on two breaks at once.
    for (std::size_t i = 0; i + 1 < t.breaks.size(); ++i) {
      const auto& a = t.breaks[i];
      const auto& b = t.breaks[i + 1];
      if (a.latest + a.length > b.earliest + 1e-6)
        reporter.fail(detail::line_of(list[i + 1]),
                      f.path("breaks") + "[" + std::to_string(i + 1) + "] may start (earliest " +
                          detail::seconds_text(b.earliest) + ") before " + f.path("breaks") + "[" + std::to_string(i) +
                          "] ends (latest " + detail::seconds_text(a.latest) + " + " + detail::seconds_text(a.length) +
                          "); list breaks in order, each window starting after the previous break's latest end");
    }
  }
  const Entry cost = f.require("cost_per_hour", "the cost of one paid hour, e.g. cost_per_hour: 20");
  t.cost_per_paid_hour = detail::read_number_in(reporter, cost, f.path("cost_per_hour"),
                                                {0, false, std::numeric_limits<double>::infinity(), true});
  if (auto min = f.find("min"))
    t.min_agents = detail::read_whole_number(reporter, *min, f.path("min"), 0, kMaxAgents, "a count such as 0");
  if (auto max = f.find("max")) {
    t.max_agents = detail::read_whole_number(reporter, *max, f.path("max"), 0, kMaxAgents, "a count such as 40");
    if (t.min_agents > t.max_agents)
      reporter.fail(max->line(), label + " has min " + std::to_string(t.min_agents) + " above max " +
                                     std::to_string(t.max_agents) + "; give min <= max");
  }
  if (auto days = f.find("days")) t.days = read_days(reporter, *days, f.path("days"));
  return t;
}

}  // namespace

std::vector<models::ShiftTemplate> parse_shift_templates(const std::string& text, const std::string& path_for_messages,
                                                         const std::vector<std::string>& groups) {
  const Reporter reporter(path_for_messages);
  YAML::Node root;
  try {
    root = detail::parse_yaml(text).first;
  } catch (const YAML::Exception& e) {
    throw ScenarioError(path_for_messages + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  const Fields top(reporter, root, detail::line_of(root), "the shift templates file", "", {"templates"});
  const Entry entry = top.require("templates", "a list of shift templates, see docs/roster.md");
  const YAML::Node list = detail::read_list(reporter, entry, "templates",
                                            "a list of shift templates, each with name, group, start, length and "
                                            "cost_per_hour");
  std::vector<models::ShiftTemplate> out;
  detail::SeenNames seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    out.push_back(read_template(reporter, list[i], "templates[" + std::to_string(i) + "]", groups));
    detail::check_unique(reporter, seen, out.back().name, detail::line_of(list[i]), "shift template");
  }
  return out;
}

std::vector<models::ShiftTemplate> read_shift_templates(const std::string& path,
                                                        const std::vector<std::string>& groups) {
  std::string error;
  const auto text = read_text_file(path, kMaxBytes, "shift templates file", error);
  if (!text) throw ScenarioError("cannot read shift templates '" + path + "': " + error);
  return parse_shift_templates(*text, path, groups);
}

}  // namespace callsim::scenarios
