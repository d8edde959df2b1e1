#include "scenarios/loader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "models/routing_policies.hpp"
#include "scenarios/arrivals_field.hpp"
#include "scenarios/clock_time.hpp"
#include "scenarios/distribution_field.hpp"
#include "scenarios/text_file.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios {

namespace {

using detail::ArrivalsContext;
using detail::DurationBound;
using detail::Entry;
using detail::Fields;
using detail::Reporter;

const std::vector<std::string> kTopKeys{"agent_groups", "call_types", "name", "routing", "service_level", "time"};

// The single document of the file. LoadAll rather than Load: Load silently drops every
// document after the first, and a stray "---" would then hide half a scenario.
YAML::Node parse_document(const Reporter& reporter, const std::string& text) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::Exception& error) {
    reporter.fail(error.mark.line < 0 ? 1 : error.mark.line + 1,
                  "YAML syntax error: " + error.msg +
                      "; check the indentation, colons, brackets and quotes on this line and the one before");
  }
  if (documents.empty()) {
    reporter.fail(1, "the scenario is empty; expected a mapping with keys: " + detail::join(kTopKeys) +
                         " (see docs/scenario.md)");
  }
  if (documents.size() > 1) {
    reporter.fail(detail::line_of(documents[1]), "the file holds " + std::to_string(documents.size()) +
                                                     " YAML documents (separated by ---); a scenario is one document");
  }
  return documents.front();
}

// How messages name a list item: by its name when it has a usable one, else by position.
std::string item_label(const YAML::Node& item, const std::string& noun, const std::string& path) {
  if (item.IsMap()) {
    const YAML::Node name = item["name"];
    if (name.IsScalar() && !name.Scalar().empty()) return noun + " '" + name.Scalar() + "'";
  }
  return path;
}

models::TimeSpec read_time(const Reporter& reporter, const Entry& entry) {
  const Fields fields(reporter, entry.value, entry.line(), "'time'", "time",
                      {"duration", "interval", "start", "warmup"});
  models::TimeSpec time;
  if (const auto start = fields.find("start")) {
    const std::string text = detail::read_scalar(reporter, *start, fields.path("start"), "08:00");
    const auto seconds = parse_time_of_day(text);
    if (!seconds) {
      reporter.fail(start->line(), fields.path("start") + " '" + text +
                                       "' is not a time of day; expected HH:MM (e.g. 08:00), the clock time at "
                                       "which the simulation starts");
    }
    time.clock_start = sim::Time(*seconds);
  }
  if (const auto warmup = fields.find("warmup")) {
    time.warmup =
        sim::Time(detail::read_duration(reporter, *warmup, fields.path("warmup"), DurationBound::NOT_NEGATIVE));
  }
  time.duration = sim::Time(detail::read_duration(reporter, fields.require("duration", "the counted period, e.g. 200h"),
                                                  fields.path("duration"), DurationBound::POSITIVE));
  if (const auto interval = fields.find("interval")) {
    time.interval =
        sim::Time(detail::read_duration(reporter, *interval, fields.path("interval"), DurationBound::POSITIVE));
  }
  return time;
}

sim::Time read_service_level(const Reporter& reporter, const Entry& entry) {
  const Fields fields(reporter, entry.value, entry.line(), "'service_level'", "service_level", {"threshold"});
  const auto threshold = fields.find("threshold");
  if (!threshold) return models::CenterSpec{}.service_level_threshold;
  return sim::Time(detail::read_duration(reporter, *threshold, fields.path("threshold"), DurationBound::NOT_NEGATIVE));
}

// Fails when `name` was already used by an earlier item of the same list.
void check_unique(const Reporter& reporter, const std::vector<std::pair<std::string, int>>& seen,
                  const std::string& name, int line, const std::string& noun) {
  for (const auto& [other, other_line] : seen) {
    if (other == name) {
      reporter.fail(line, noun + " name '" + name + "' is used twice (first on line " + std::to_string(other_line) +
                              "); give each " + noun + " a unique name");
    }
  }
}

models::CallTypeSpec read_call_type(const Reporter& reporter, const YAML::Node& item, const std::string& path,
                                    ArrivalsContext& context) {
  const Fields fields(reporter, item, detail::line_of(item), item_label(item, "call type", path), path,
                      {"arrivals", "name", "patience", "priority_credit", "service"});
  models::CallTypeSpec type;
  type.name = detail::read_name(reporter, fields.require("name", "a unique name, e.g. general"), fields.path("name"),
                                "general");

  type.arrivals =
      detail::read_arrivals(reporter, fields.require("arrivals", "how calls arrive, e.g. arrivals: {rate: 1000/h}"),
                            fields.path("arrivals"), type.name, context);
  if (const auto credit = fields.find("priority_credit")) {
    type.priority_credit = sim::Time(
        detail::read_duration(reporter, *credit, fields.path("priority_credit"), DurationBound::NOT_NEGATIVE));
  }

  type.service = detail::read_distribution(
      reporter, fields.require("service", "the talk time, e.g. service: " + std::string(detail::kDistributionExample)),
      fields.path("service"));

  if (const auto patience = fields.find("patience")) {
    // An empty `patience:` is more likely an unfinished edit than a wish for infinite
    // patience, which is written by leaving the key out.
    if (patience->value.IsNull()) {
      reporter.fail(patience->line(), fields.path("patience") +
                                          " is empty; give a distribution such as {distribution: exponential, mean: "
                                          "300s}, or remove the key so callers never abandon");
    }
    type.patience = detail::read_distribution(reporter, *patience, fields.path("patience"));
  }
  return type;
}

std::vector<models::CallTypeSpec> read_call_types(const Reporter& reporter, const Entry& entry,
                                                  ArrivalsContext& context, std::vector<int>& lines) {
  const YAML::Node list =
      detail::read_list(reporter, entry, "'call_types'", "a list of call types, each with name, arrivals and service");
  std::vector<models::CallTypeSpec> types;
  std::vector<std::pair<std::string, int>> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    types.push_back(read_call_type(reporter, item, "call_types[" + std::to_string(i) + "]", context));
    lines.push_back(detail::line_of(item));
    check_unique(reporter, seen, types.back().name, lines.back(), "call type");
    seen.emplace_back(types.back().name, lines.back());
  }
  return types;
}

std::vector<std::string> read_skills(const Reporter& reporter, const Entry& entry, const std::string& path,
                                     const std::string& label, const std::vector<std::string>& type_names) {
  const YAML::Node list =
      detail::read_list(reporter, entry, path, "a list of the call types the group takes, e.g. [general]");
  std::vector<std::string> skills;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Entry skill_entry{entry.value, list[i]};
    std::string skill = detail::read_name(reporter, skill_entry, path + "[" + std::to_string(i) + "]", "general");
    if (std::find(type_names.begin(), type_names.end(), skill) == type_names.end()) {
      reporter.fail(skill_entry.line(), label + " has skill '" + skill + "', which no call type defines" +
                                            detail::suggestion(skill, type_names) +
                                            "; call types are: " + detail::join(type_names));
    }
    if (std::find(skills.begin(), skills.end(), skill) != skills.end()) {
      reporter.fail(skill_entry.line(), label + " lists skill '" + skill + "' twice; list each call type once");
    }
    skills.push_back(std::move(skill));
  }
  return skills;
}

models::AgentGroupSpec read_agent_group(const Reporter& reporter, const YAML::Node& item, const std::string& path,
                                        const std::vector<std::string>& type_names) {
  const std::string label = item_label(item, "agent group", path);
  const Fields fields(reporter, item, detail::line_of(item), label, path, {"count", "name", "skills"});
  models::AgentGroupSpec group;
  group.name =
      detail::read_name(reporter, fields.require("name", "a unique name, e.g. agents"), fields.path("name"), "agents");
  group.skills = read_skills(reporter, fields.require("skills", "the call types the group takes, e.g. [general]"),
                             fields.path("skills"), label, type_names);
  group.count =
      detail::read_count(reporter, fields.require("count", "the number of agents, e.g. 55"), fields.path("count"));
  return group;
}

std::vector<models::AgentGroupSpec> read_agent_groups(const Reporter& reporter, const Entry& entry,
                                                      const std::vector<models::CallTypeSpec>& types) {
  const YAML::Node list =
      detail::read_list(reporter, entry, "'agent_groups'", "a list of agent groups, each with name, skills and count");
  std::vector<std::string> type_names;
  for (const auto& type : types) type_names.push_back(type.name);
  std::vector<models::AgentGroupSpec> groups;
  std::vector<std::pair<std::string, int>> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    groups.push_back(read_agent_group(reporter, item, "agent_groups[" + std::to_string(i) + "]", type_names));
    const int line = detail::line_of(item);
    check_unique(reporter, seen, groups.back().name, line, "agent group");
    seen.emplace_back(groups.back().name, line);
  }
  return groups;
}

std::string read_policy(const Reporter& reporter, const Entry& entry) {
  const Fields fields(reporter, entry.value, entry.line(), "'routing'", "routing", {"policy"});
  const auto policy = fields.find("policy");
  if (!policy) return models::CenterSpec{}.routing_policy;
  std::string name = detail::read_scalar(reporter, *policy, fields.path("policy"), "longest_idle_agent");
  std::vector<std::string> valid;
  for (const auto& info : models::routing_policies()) valid.emplace_back(info.name);
  if (std::find(valid.begin(), valid.end(), name) == valid.end()) {
    reporter.fail(policy->line(), "unknown routing policy '" + name + "'" + detail::suggestion(name, valid) +
                                      "; valid values are: " + detail::join(valid));
  }
  return name;
}

// A call type no group answers would queue forever (or until every caller abandons):
// certainly a forgotten skill, so refused rather than simulated.
void check_served(const Reporter& reporter, const models::CenterSpec& spec, const std::vector<int>& type_lines) {
  for (std::size_t i = 0; i < spec.call_types.size(); ++i) {
    const std::string& name = spec.call_types[i].name;
    const bool served = std::any_of(spec.agent_groups.begin(), spec.agent_groups.end(), [&name](const auto& group) {
      return std::find(group.skills.begin(), group.skills.end(), name) != group.skills.end();
    });
    if (!served) {
      reporter.fail(type_lines[i], "no agent group has skill '" + name +
                                       "', so its calls would wait forever; add it to a group's skills");
    }
  }
}

models::CenterSpec read_center(const Reporter& reporter, const YAML::Node& root, ArrivalsContext& context) {
  const Fields top(reporter, root, detail::line_of(root), "the scenario", "", kTopKeys);
  models::CenterSpec spec;
  spec.name = detail::read_name(reporter, top.require("name", "the scenario's name, e.g. erlang-a"), top.path("name"),
                                "erlang-a");
  spec.time = read_time(reporter, top.require("time", "the simulated horizon, e.g. time: {duration: 200h}"));
  if (const auto service_level = top.find("service_level")) {
    spec.service_level_threshold = read_service_level(reporter, *service_level);
  }
  context.time = spec.time;  // forecasts are placed on the clock time.start gives
  std::vector<int> type_lines;
  spec.call_types =
      read_call_types(reporter, top.require("call_types", "a list of call types, each with name, arrivals and service"),
                      context, type_lines);
  spec.agent_groups = read_agent_groups(
      reporter, top.require("agent_groups", "a list of agent groups, each with name, skills and count"),
      spec.call_types);
  if (const auto routing = top.find("routing")) spec.routing_policy = read_policy(reporter, *routing);
  check_served(reporter, spec, type_lines);
  return spec;
}

// "55.6", "1.00", "1230": three significant digits without switching to exponent notation.
std::string three_significant(double value) {
  const int magnitude = value > 0 ? static_cast<int>(std::floor(std::log10(value))) : 0;
  const int decimals = std::max(0, 2 - magnitude);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// Without abandonment an M/M/c queue with load >= c never reaches steady state: waits
// grow with the horizon and every figure reflects the run length, not the center. With
// forecasts the rate is the mean over the counted period: a peak above the agents that
// later hours drain is normal planning, not a queue without bound.
void add_load_warning(LoadedScenario& loaded) {
  const auto& spec = loaded.spec;
  const sim::Time from = spec.time.warmup;
  const sim::Time to = spec.time.warmup + spec.time.duration;
  double load = 0;
  for (const auto& type : spec.call_types) {
    if (type.patience) return;
    load += type.arrivals.expected_events(from, to) / spec.time.duration.seconds() * type.service.mean();
  }
  int agents = 0;
  for (const auto& group : spec.agent_groups) agents += group.count;
  if (load < agents) return;
  loaded.warnings.push_back(loaded.path + ": offered load " + three_significant(load) + " Erlangs is at or above the " +
                            std::to_string(agents) + (agents == 1 ? " agent" : " agents") +
                            " and callers never abandon: the queue grows without bound and the results depend on "
                            "the horizon");
}

}  // namespace

LoadedScenario load_scenario_text(const std::string& text, const std::string& path_for_messages) {
  const Reporter reporter(path_for_messages);
  ArrivalsContext context;
  context.scenario_dir = std::filesystem::path(path_for_messages).parent_path().string();
  LoadedScenario loaded{read_center(reporter, parse_document(reporter, text), context), path_for_messages, text, {}};
  loaded.warnings = std::move(context.warnings);
  add_load_warning(loaded);
  return loaded;
}

LoadedScenario load_scenario(const std::string& path) {
  std::string error;
  const auto text = read_text_file(path, error);
  if (!text) throw ScenarioError("cannot read scenario '" + path + "': " + error);
  return load_scenario_text(*text, path);
}

}  // namespace callsim::scenarios
