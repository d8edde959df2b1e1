#include "scenarios/call_type_field.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

#include "models/routing_policies.hpp"
#include "scenarios/arrivals_field.hpp"
#include "scenarios/distribution_field.hpp"
#include "scenarios/limits.hpp"
#include "scenarios/period_distribution_field.hpp"

namespace callsim::scenarios::detail {

namespace {

/// The keys of a call type: the model's own, and those the registered routing policies
/// declare (models::policy_call_type_keys), sorted as messages list them.
std::vector<std::string> call_type_keys() {
  std::vector<std::string> keys = {"arrivals",           "balking",       "clear_when_unstaffed",
                                   "max_queue_time",     "name",          "patience",
                                   "patience_by_period", "priority",      "priority_credit",
                                   "queue_capacity",     "retrial",       "service",
                                   "service_by_period",  "service_level", "wrap_up",
                                   "wrap_up_by_period"};
  for (const auto& key : models::policy_call_type_keys()) keys.emplace_back(key.name);
  std::sort(keys.begin(), keys.end());
  return keys;
}

constexpr std::string_view kBalkingForms =
    "the same probability whatever the queue, e.g. {probability: 0.1}, or one per number of calls already "
    "waiting, e.g. {by_queue_length: [0, 0.05, 0.2]}";

// Balking as the model takes it: one probability per number of calls waiting, the last for
// any more; the constant form is a list of one.
std::vector<double> read_balking(const Reporter& reporter, const Entry& entry, const std::string& path) {
  const Fields fields(reporter, entry.value, entry.line(), path, path, {"by_queue_length", "probability"});
  const auto probability = fields.find("probability");
  const auto by_length = fields.find("by_queue_length");
  if (probability && by_length) {
    reporter.fail(entry.line(),
                  path + " gives both 'probability' and 'by_queue_length'; give one: " + std::string(kBalkingForms));
  }
  if (probability) return {read_number_in(reporter, *probability, fields.path("probability"), kProbability)};
  if (!by_length) {
    reporter.fail(entry.line(),
                  path + " is missing 'probability' or 'by_queue_length' (" + std::string(kBalkingForms) + ")");
  }
  const std::string list_path = fields.path("by_queue_length");
  const YAML::Node list =
      read_list(reporter, *by_length, list_path,
                "a list of probabilities, one per number of calls already waiting (0, 1, 2, ...; the last holds for "
                "more), e.g. [0, 0.05, 0.2]");
  if (list.size() > limits::kBalkingEntries) {
    reporter.fail(by_length->line(), list_path + " has " + std::to_string(list.size()) + " entries; give at most " +
                                         std::to_string(limits::kBalkingEntries) +
                                         " (the last one holds for any longer queue)");
  }
  std::vector<double> values;
  for (std::size_t i = 0; i < list.size(); ++i) {
    values.push_back(read_number_in(reporter, Entry{by_length->value, list[i]},
                                    list_path + "[" + std::to_string(i) + "]", kProbability));
  }
  return values;
}

// A retrial's `as` names a call type that may come later in the list: resolved once all are read.
struct PendingRetrialType {
  std::size_t type;
  std::string name;
  int line;
  std::string path;
};

models::CallTypeSpec::Retrial read_retrial(const Reporter& reporter, const Entry& entry, const std::string& path,
                                           std::size_t type, const std::string& type_name,
                                           std::vector<PendingRetrialType>& pending) {
  const Fields fields(reporter, entry.value, entry.line(), path, path, {"as", "delay", "probability", "same_caller"});
  models::CallTypeSpec::Retrial retrial;
  retrial.probability =
      read_number_in(reporter, fields.require("probability", "the share of failed callers who call again, e.g. 0.6"),
                     fields.path("probability"), NumberRange{0, true, 1, false});
  const Entry delay =
      fields.require("delay", "the time until they call again, e.g. {distribution: exponential, mean: 10min}");
  retrial.delay = read_distribution(reporter, delay, fields.path("delay"));
  // A redial at the very instant of the failure can fail again at that instant, for ever
  // (behind a full queue, or with certain balking): simulated time would stand still.
  if (!(retrial.delay->mean() >= limits::kRetrialDelayMean)) {
    reporter.fail(delay.line(), fields.path("delay") + " of call type '" + type_name + "' has a mean of " +
                                    seconds_text(retrial.delay->mean()) +
                                    "; a retrial delay must have a mean of at least 1s (callers take time to call "
                                    "again), e.g. {distribution: exponential, mean: 10min}");
  }
  retrial.as_type = static_cast<std::uint32_t>(type);
  if (const auto same = fields.find("same_caller")) {
    retrial.same_caller = read_flag(reporter, *same, fields.path("same_caller"));
  }
  if (const auto as = fields.find("as")) {
    pending.push_back({type, read_name(reporter, *as, fields.path("as"), "general"), as->line(), fields.path("as")});
  }
  return retrial;
}

// Names in traces' call_type columns no call type reads: a typo or a type this scenario
// leaves out. Warned rather than refused, since one file may feed several scenarios; once
// per file and name, however many types read the file.
void warn_unread_trace_types(const Reporter& reporter, const std::vector<TraceRead>& traces,
                             const std::vector<std::string>& names, LoadContext& context) {
  // At most this many names are warned of one by one per file; a file of thousands of
  // other names (a log of another center) gets one more warning that counts the rest.
  constexpr std::size_t kNamed = 10;
  std::set<std::string> files;
  for (const auto& trace : traces) {
    if (!files.insert(trace.file).second) continue;  // once per file, however many types read it
    std::size_t warned = 0, rest_names = 0, rest_calls = 0;
    for (const auto& [other, count] : trace.other_types) {
      if (std::find(names.begin(), names.end(), other) != names.end()) continue;
      if (warned == kNamed) {
        ++rest_names;
        rest_calls += count;
        continue;
      }
      ++warned;
      context.warnings.push_back(reporter.where(trace.line) + ": the trace '" + trace.file + "' has " +
                                 std::to_string(count) + (count == 1 ? " call" : " calls") + " of call type '" + other +
                                 "', which the scenario does not define" + suggestion(other, names) +
                                 "; they are not replayed");
    }
    if (rest_names > 0) {
      context.warnings.push_back(reporter.where(trace.line) + ": the trace '" + trace.file + "' has " +
                                 std::to_string(rest_calls) + " calls of " + std::to_string(rest_names) +
                                 " more call types the scenario does not define; they are not replayed");
    }
  }
}

models::CallTypeSpec read_call_type(const Reporter& reporter, const YAML::Node& item, const std::string& path,
                                    bool arrivals_optional, CallTypesRead& read,
                                    std::vector<PendingRetrialType>& pending, std::vector<TraceRead>& traces,
                                    LoadContext& context) {
  const Fields fields(reporter, item, line_of(item), item_label(item, "call type", path), path, call_type_keys());
  models::CallTypeSpec type;
  type.name = read_identifier(reporter, fields.require("name", "a unique name, e.g. general"), fields.path("name"),
                              "general", NameKind::PART);

  const auto arrivals = arrivals_optional
                            ? fields.find("arrivals")
                            : fields.require("arrivals", "how calls arrive, e.g. arrivals: {rate: 1000/h}");
  // Without arrivals of its own, a type gets its calls from the IVR only (checked later).
  type.arrivals = sim::PiecewiseRate::constant(0);
  if (arrivals) {
    ArrivalsRead given =
        read_type_arrivals(reporter, *arrivals, fields.path("arrivals"), ArrivalsOwner::call_type(type.name), context);
    type.arrivals = std::move(given.rate);
    if (given.trace) {
      type.trace = given.trace->times;
      traces.push_back(std::move(*given.trace));
    }
  }
  read.own_arrivals.push_back(arrivals.has_value());
  if (const auto priority = fields.find("priority")) {
    // Any whole number: static_priority serves higher values first; the default is 0.
    type.priority = read_whole_number(reporter, *priority, fields.path("priority"), -limits::kPriority,
                                      limits::kPriority, "a whole number such as 2");
  }
  for (const models::CallTypeKeyInfo& key : models::policy_call_type_keys()) {
    // A key some policy reads (weighted_wait's weight): accepted whatever the policy.
    if (const auto given = fields.find(key.name)) {
      const NumberRange range{key.above, true, std::numeric_limits<double>::infinity(), true};
      type.policy_keys.push_back({std::string(key.name), read_number_within(reporter, *given, fields.path(key.name),
                                                                            range, key.least, key.most)});
    }
  }
  if (const auto credit = fields.find("priority_credit")) {
    type.priority_credit =
        sim::Time(read_duration(reporter, *credit, fields.path("priority_credit"), DurationBound::NOT_NEGATIVE));
  }
  type.service = read_distribution(
      reporter, fields.require("service", "the talk time, e.g. service: " + std::string(kDistributionExample)),
      fields.path("service"));
  if (const auto patience = fields.find("patience")) {
    type.patience = read_given_distribution(reporter, *patience, fields.path("patience"),
                                            "{distribution: exponential, mean: 300s}", "so callers never abandon");
  }
  if (const auto wrap_up = fields.find("wrap_up")) {
    type.wrap_up = read_given_distribution(reporter, *wrap_up, fields.path("wrap_up"),
                                           "{distribution: exponential, mean: 30s}", "for no after-call work");
  }
  // By period of the day: after the type's own distributions, which hold outside the periods.
  const auto read_periods = [&](std::string_view key, std::vector<models::PeriodDistribution>& periods) {
    if (const auto given = fields.find(key)) {
      periods = read_period_distributions(reporter, *given, fields.path(key), context);
    }
  };
  read_periods("service_by_period", type.service_by_period);
  read_periods("patience_by_period", type.patience_by_period);
  read_periods("wrap_up_by_period", type.wrap_up_by_period);
  if (const auto capacity = fields.find("queue_capacity")) {
    type.queue_capacity =
        read_whole_number(reporter, *capacity, fields.path("queue_capacity"), 0, limits::kQueueCapacity,
                          "the number of calls that may wait at once, such as 20");
  }
  if (const auto level = fields.find("service_level")) {
    // The type's own T; the center's service_level keeps the rest (callback_threshold).
    const Fields own(reporter, level->value, level->line(), fields.path("service_level"), fields.path("service_level"),
                     {"threshold"});
    type.service_level_threshold = sim::Time(
        read_duration(reporter, own.require("threshold", "the T of 'answered within T' for this type, e.g. 60s"),
                      own.path("threshold"), DurationBound::NOT_NEGATIVE));
  }
  if (const auto clear = fields.find("clear_when_unstaffed")) {
    type.clear_when_unstaffed = read_flag(reporter, *clear, fields.path("clear_when_unstaffed"));
  }
  if (const auto most = fields.find("max_queue_time")) {
    type.max_queue_time =
        sim::Time(read_duration(reporter, *most, fields.path("max_queue_time"), DurationBound::POSITIVE));
  }
  if (const auto balking = fields.find("balking")) {
    type.balk_probability = read_balking(reporter, *balking, fields.path("balking"));
  }
  if (const auto retrial = fields.find("retrial")) {
    type.retrial = read_retrial(reporter, *retrial, fields.path("retrial"), read.types.size(), type.name, pending);
  }
  return type;
}

}  // namespace

CallTypesRead read_call_types(const Reporter& reporter, const Entry& entry, bool arrivals_optional,
                              LoadContext& context) {
  const YAML::Node list =
      read_list(reporter, entry, "'call_types'", "a list of call types, each with name, arrivals and service");
  if (list.size() > limits::kCallTypes) {
    reporter.fail(entry.line(), "'call_types' has " + std::to_string(list.size()) +
                                    " call types; a scenario may have at most " + std::to_string(limits::kCallTypes));
  }
  CallTypesRead read;
  std::vector<PendingRetrialType> pending;
  std::vector<TraceRead> traces;
  SeenNames seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    read.types.push_back(read_call_type(reporter, item, "call_types[" + std::to_string(i) + "]", arrivals_optional,
                                        read, pending, traces, context));
    read.lines.push_back(line_of(item));
    check_unique(reporter, seen, read.types.back().name, read.lines.back(), "call type");
  }
  std::vector<std::string> names;
  for (const auto& type : read.types) names.push_back(type.name);
  warn_unread_trace_types(reporter, traces, names, context);
  for (const auto& as : pending) {
    const auto found = std::find(names.begin(), names.end(), as.name);
    if (found == names.end()) {
      reporter.fail(as.line, as.path + " '" + as.name + "' names no call type" + suggestion(as.name, names) +
                                 "; call types are: " + join(names) + " (leave 'as' out to retry as the same type)");
    }
    read.types[as.type].retrial.as_type = static_cast<std::uint32_t>(found - names.begin());
  }
  return read;
}

}  // namespace callsim::scenarios::detail
