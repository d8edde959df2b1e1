#include "scenarios/loader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <new>

#include "scenarios/agent_group_field.hpp"
#include "scenarios/call_type_field.hpp"
#include "scenarios/clock_time.hpp"
#include "scenarios/costs_field.hpp"
#include "scenarios/day_mix_field.hpp"
#include "scenarios/ivr_field.hpp"
#include "scenarios/limits.hpp"
#include "scenarios/load_context.hpp"
#include "scenarios/load_warning.hpp"
#include "scenarios/open_hours_field.hpp"
#include "scenarios/overrides.hpp"
#include "scenarios/routing_field.hpp"
#include "scenarios/text_file.hpp"
#include "scenarios/yaml_checks.hpp"
#include "scenarios/yaml_parse.hpp"

namespace callsim::scenarios {

namespace {

using detail::DurationBound;
using detail::Entry;
using detail::Fields;
using detail::LoadContext;
using detail::Reporter;

const std::vector<std::string> kTopKeys{"agent_groups", "busyness",      "call_types", "costs",
                                        "day_mix",      "ivr",           "name",       "open_hours",
                                        "routing",      "service_level", "time",       "trunk_lines"};

// The single document of the file. Every document is counted, not only the first: a stray
// "---" would otherwise hide half a scenario.
YAML::Node parse_document(const Reporter& reporter, const std::string& text) {
  detail::YamlDocuments documents;
  try {
    documents = detail::parse_yaml(text, limits::kExpandedValues);
  } catch (const YAML::Exception& error) {
    reporter.fail(error.mark.line < 0 ? 1 : error.mark.line + 1,
                  "YAML syntax error: " + error.msg +
                      "; check the indentation, colons, brackets and quotes on this line and the one before");
  }
  if (documents.count == 0) {
    reporter.fail(1, "the scenario is empty; expected a mapping with keys: " + detail::join(kTopKeys) +
                         " (see docs/scenario.md)");
  }
  if (documents.count > 1) {
    reporter.fail(documents.second_start.line + 1,
                  "the file holds " + std::to_string(documents.count) +
                      " YAML documents (separated by ---); a scenario is one document");
  }
  if (!documents.expanded_past.is_null()) {
    reporter.fail(documents.expanded_past.line + 1,
                  "with its YAML aliases (*name) expanded, the scenario holds more than " +
                      detail::number_text(limits::kExpandedValues) +
                      " values (each alias counts as all that its anchor holds), which would take the loader "
                      "minutes to hours to read; repeat large parts less (an anchored list of shifts or values used "
                      "by every group or call type multiplies them)");
  }
  return documents.first;
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
  const Entry duration = *fields.find("duration");
  if (const auto warmup = fields.find("warmup");
      warmup && time.warmup + time.duration > sim::Time(limits::kDurationSeconds)) {
    reporter.fail(duration.line(), "time.warmup " + warmup->value.Scalar() + " plus time.duration " +
                                       duration.value.Scalar() +
                                       " is more than 36525d (100 years), the longest simulated horizon; shorten "
                                       "one of them");
  }
  if (const auto interval = fields.find("interval")) {
    time.interval =
        sim::Time(detail::read_duration(reporter, *interval, fields.path("interval"), DurationBound::POSITIVE));
    if (time.interval.seconds() < limits::kIntervalSeconds) {
      reporter.fail(interval->line(), "time.interval must be at least 1s, got " + interval->value.Scalar());
    }
  }
  // Every interval is a row of the results (per call type and replication): a cap on their
  // number keeps a typo (1s for 1h) from asking for terabytes.
  const double intervals = std::ceil(time.duration.seconds() / time.interval.seconds());
  if (intervals > limits::kIntervals) {
    const auto where = fields.find("interval");
    reporter.fail(where ? where->line() : duration.line(),
                  "time.duration " + duration.value.Scalar() + " in intervals of " +
                      (where ? where->value.Scalar() : std::string("30min")) + " gives " +
                      detail::number_text(intervals) +
                      " reporting intervals; at most 1000000 are allowed: give a "
                      "longer time.interval or a shorter time.duration");
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
  return detail::read_number_within(
      reporter, fields.require("cv", "the coefficient of variation of the day-level busyness factor, e.g. 0.1"),
      fields.path("cv"), detail::NumberRange{0, false, std::numeric_limits<double>::infinity(), false}, 0,
      limits::kBusynessCv);
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
                               std::optional<models::CostSpec>& costs) {
  const Fields top(reporter, root, detail::line_of(root), "the scenario", "", kTopKeys);
  models::CenterSpec spec;
  spec.name = detail::read_identifier(reporter, top.require("name", "the scenario's name, e.g. erlang-a"),
                                      top.path("name"), "erlang-a", detail::NameKind::SCENARIO);
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
  if (const auto lines = top.find("trunk_lines")) {
    // Shared by every call type: a call finding them all taken gets a busy signal.
    spec.trunk_lines = detail::read_whole_number(reporter, *lines, "trunk_lines", 1, limits::kQueueCapacity,
                                                 "the number of calls the center's lines carry at once, such as 120");
  }
  if (const auto mix = top.find("day_mix")) spec.day_mix = detail::read_day_mix(reporter, *mix, spec, context);
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
                         const std::vector<std::string>& overrides, const StoredInputs* stored) {
  // Text that did not come from a file (a results file's stored scenario) meets the file's limit too.
  if (text.size() > limits::kScenarioBytes) {
    throw ScenarioError(path_for_messages + ": the scenario is " + std::to_string(text.size()) +
                        " bytes; a scenario file may be at most " + size_limit_text(limits::kScenarioBytes));
  }
  YAML::Node root = parse_document(Reporter(path_for_messages), text);
  const Reporter reporter(path_for_messages, detail::apply_overrides(root, overrides, detail::line_count(text)));
  LoadContext context;
  context.stored = stored;
  context.scenario_dir = std::filesystem::path(path_for_messages).parent_path().string();
  std::optional<models::CostSpec> costs;
  LoadedScenario loaded{
      read_center(reporter, root, context, costs), path_for_messages, text, {}, overrides, {}, {}, {}, {}};
  loaded.costs = std::move(costs);
  loaded.applied_text = overrides.empty() ? text : YAML::Dump(root) + "\n";
  loaded.warnings = std::move(context.warnings);
  loaded.inputs = std::move(context.inputs);
  loaded.rosters = std::move(context.rosters);
  detail::add_load_warning(loaded.spec, loaded.path, loaded.warnings);
  return loaded;
}

// The last resort of the contract "a load throws ScenarioError only": the readers check
// every node before they use it, so an exception of yaml-cpp or of the standard library
// here is a gap in those checks, reported as a problem of the file rather than a crash.
LoadedScenario guarded_load(const std::string& text, const std::string& path_for_messages,
                            const std::vector<std::string>& overrides, const StoredInputs* stored) {
  try {
    return load_with(text, path_for_messages, overrides, stored);
  } catch (const ScenarioError&) {
    throw;
  } catch (const YAML::Exception& error) {
    const std::string where =
        error.mark.is_null() ? path_for_messages : path_for_messages + ":" + std::to_string(error.mark.line + 1);
    throw ScenarioError(where + ": the scenario cannot be read (" + error.msg +
                        "); check this part of the file against docs/scenario.md");
  } catch (const std::bad_alloc&) {
    throw ScenarioError(path_for_messages +
                        ": the scenario needs more memory than is available to load; check "
                        "its sizes against docs/scenario.md (\"Limits\")");
  } catch (const std::exception& error) {
    throw ScenarioError(path_for_messages + ": the scenario cannot be loaded (" + error.what() +
                        "); check it against docs/scenario.md");
  }
}

}  // namespace

namespace {

LoadedScenario load_text_from(const std::string& text, const std::string& path_for_messages,
                              const std::vector<std::string>& overrides, const StoredInputs* stored) {
  try {
    return guarded_load(text, path_for_messages, overrides, stored);
  } catch (const ScenarioError& error) {
    throw detail::blame_override(error, overrides, [&](const std::vector<std::string>& some) {
      static_cast<void>(guarded_load(text, path_for_messages, some, stored));
    });
  }
}

}  // namespace

LoadedScenario load_scenario_text(const std::string& text, const std::string& path_for_messages,
                                  const std::vector<std::string>& overrides) {
  return load_text_from(text, path_for_messages, overrides, nullptr);
}

StoredInputs stored_inputs_of(const std::vector<InputFile>& inputs) {
  StoredInputs stored;
  for (const InputFile& input : inputs) stored.files.emplace(input.path, input.bytes);
  return stored;
}

LoadedScenario load_stored_scenario(const std::string& text, const std::string& path,
                                    const std::vector<std::string>& overrides, const StoredInputs& stored) {
  LoadedScenario loaded = load_text_from(text, path, overrides, &stored);
  loaded.inputs.insert(loaded.inputs.begin(), InputFile{"scenario", path, text});
  return loaded;
}

LoadedScenario load_scenario_text(const std::string& text, const std::string& path_for_messages) {
  return load_scenario_text(text, path_for_messages, {});
}

LoadedScenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  std::string error;
  const auto text = read_text_file(path, limits::kScenarioBytes, "scenario file", error);
  if (!text) throw ScenarioError("cannot read scenario '" + path + "': " + error);
  LoadedScenario loaded = load_scenario_text(*text, path, overrides);
  loaded.inputs.insert(loaded.inputs.begin(), InputFile{"scenario", path, *text});
  return loaded;
}

LoadedScenario load_scenario(const std::string& path) { return load_scenario(path, {}); }

}  // namespace callsim::scenarios
