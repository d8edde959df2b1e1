#include "scenarios/loader.hpp"

#include <algorithm>
#include <filesystem>
#include <limits>

#include "scenarios/agent_group_field.hpp"
#include "scenarios/call_type_field.hpp"
#include "scenarios/clock_time.hpp"
#include "scenarios/costs_field.hpp"
#include "scenarios/ivr_field.hpp"
#include "scenarios/load_context.hpp"
#include "scenarios/load_warning.hpp"
#include "scenarios/open_hours_field.hpp"
#include "scenarios/overrides.hpp"
#include "scenarios/routing_field.hpp"
#include "scenarios/text_file.hpp"
#include "scenarios/yaml_checks.hpp"

namespace callsim::scenarios {

namespace {

using detail::DurationBound;
using detail::Entry;
using detail::Fields;
using detail::LoadContext;
using detail::Reporter;

const std::vector<std::string> kTopKeys{"agent_groups", "busyness", "call_types",    "costs", "ivr",
                                        "name",         "open_hours", "routing",     "service_level", "time"};

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

void read_service_level(const Reporter& reporter, const Entry& entry, models::CenterSpec& spec) {
  const Fields fields(reporter, entry.value, entry.line(), "'service_level'", "service_level",
                      {"callback_threshold", "threshold"});
  if (const auto threshold = fields.find("threshold")) {
    spec.service_level_threshold =
        sim::Time(detail::read_duration(reporter, *threshold, fields.path("threshold"), DurationBound::NOT_NEGATIVE));
  }
  if (const auto threshold = fields.find("callback_threshold")) {
    spec.callback_threshold = sim::Time(
        detail::read_duration(reporter, *threshold, fields.path("callback_threshold"), DurationBound::NOT_NEGATIVE));
  }
}

double read_busyness(const Reporter& reporter, const Entry& entry) {
  const Fields fields(reporter, entry.value, entry.line(), "'busyness'", "busyness", {"cv"});
  return detail::read_number_in(
      reporter, fields.require("cv", "the coefficient of variation of the day-level busyness factor, e.g. 0.1"),
      fields.path("cv"), detail::NumberRange{0, false, std::numeric_limits<double>::infinity(), false});
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

// A call type without arrivals of its own gets calls only from the IVR: some branch must
// lead to its queue, or it is dead weight (most likely a misspelt queue target elsewhere).
void check_reached(const Reporter& reporter, const models::CenterSpec& spec, const detail::CallTypesRead& read) {
  for (std::size_t i = 0; i < spec.call_types.size(); ++i) {
    if (read.own_arrivals[i] || detail::ivr_reaches_type(*spec.ivr, static_cast<std::uint32_t>(i))) continue;
    const std::string& name = spec.call_types[i].name;
    reporter.fail(read.lines[i], "call type '" + name + "' has no arrivals and no IVR branch leads to 'queue " + name +
                                     "', so no call of it would ever arrive; give it arrivals, or send IVR callers "
                                     "to it with a branch 'queue " +
                                     name + "'");
  }
}

// `costs` is read here, beside the spec, because it needs the agent group names; it stays
// out of the spec (models carry no money).
models::CenterSpec read_center(const Reporter& reporter, const YAML::Node& root, LoadContext& context,
                               std::optional<CostSpec>& costs) {
  const Fields top(reporter, root, detail::line_of(root), "the scenario", "", kTopKeys);
  models::CenterSpec spec;
  spec.name = detail::read_name(reporter, top.require("name", "the scenario's name, e.g. erlang-a"), top.path("name"),
                                "erlang-a");
  spec.time = read_time(reporter, top.require("time", "the simulated horizon, e.g. time: {duration: 200h}"));
  if (const auto service_level = top.find("service_level")) read_service_level(reporter, *service_level, spec);
  context.time = spec.time;  // tables and clock times are placed on the clock time.start gives
  const auto ivr = top.find("ivr");
  const detail::CallTypesRead types = detail::read_call_types(
      reporter, top.require("call_types", "a list of call types, each with name, arrivals and service"),
      ivr.has_value(), context);
  spec.call_types = types.types;
  std::vector<std::string> type_names;
  for (const auto& type : spec.call_types) type_names.push_back(type.name);
  spec.agent_groups = detail::read_agent_groups(
      reporter, top.require("agent_groups", "a list of agent groups, each with name, skills and count"), type_names,
      context);
  if (const auto routing = top.find("routing")) spec.routing = detail::read_routing(reporter, *routing, spec);
  if (const auto open_hours = top.find("open_hours")) {
    spec.open_hours = detail::read_open_hours(reporter, *open_hours, context);
  }
  if (const auto busyness = top.find("busyness")) spec.busyness_cv = read_busyness(reporter, *busyness);
  if (ivr) {
    spec.ivr = detail::read_ivr(reporter, *ivr, type_names, context);
    check_reached(reporter, spec, types);
  }
  check_served(reporter, spec, types.lines);
  if (const auto entry = top.find("costs")) {
    std::vector<std::string> group_names;
    for (const auto& group : spec.agent_groups) group_names.push_back(group.name);
    costs = detail::read_costs(reporter, *entry, group_names);
  }
  return spec;
}

}  // namespace

namespace {

LoadedScenario load_with(const std::string& text, const std::string& path_for_messages,
                         const std::vector<std::string>& overrides) {
  YAML::Node root = parse_document(Reporter(path_for_messages), text);
  const Reporter reporter(path_for_messages, detail::apply_overrides(root, overrides, detail::line_count(text)));
  LoadContext context;
  context.scenario_dir = std::filesystem::path(path_for_messages).parent_path().string();
  std::optional<CostSpec> costs;
  LoadedScenario loaded{read_center(reporter, root, context, costs), path_for_messages, text, {}, overrides, {}, {}};
  loaded.costs = std::move(costs);
  loaded.warnings = std::move(context.warnings);
  loaded.inputs = std::move(context.inputs);
  detail::add_load_warning(loaded.spec, loaded.path, loaded.warnings);
  return loaded;
}

}  // namespace

LoadedScenario load_scenario_text(const std::string& text, const std::string& path_for_messages,
                                  const std::vector<std::string>& overrides) {
  try {
    return load_with(text, path_for_messages, overrides);
  } catch (const ScenarioError& error) {
    throw detail::blame_override(error, overrides, [&](const std::vector<std::string>& some) {
      static_cast<void>(load_with(text, path_for_messages, some));
    });
  }
}

LoadedScenario load_scenario_text(const std::string& text, const std::string& path_for_messages) {
  return load_scenario_text(text, path_for_messages, {});
}

LoadedScenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  std::string error;
  const auto text = read_text_file(path, error);
  if (!text) throw ScenarioError("cannot read scenario '" + path + "': " + error);
  LoadedScenario loaded = load_scenario_text(*text, path, overrides);
  loaded.inputs.insert(loaded.inputs.begin(), InputFile{"scenario", path, *text});
  return loaded;
}

LoadedScenario load_scenario(const std::string& path) { return load_scenario(path, {}); }

}  // namespace callsim::scenarios
