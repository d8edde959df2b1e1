#include "scenarios/routing_field.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "models/routing_policies.hpp"
#include "scenarios/limits.hpp"
#include "scenarios/loader.hpp"

namespace callsim::scenarios {

namespace detail {

namespace {

using models::PolicyParamInfo;
using models::PolicyParamScope;
using models::PolicyParamUnit;

/// One setting as written: the parameter, the cell names after it, the value.
struct Setting {
  const PolicyParamInfo* param;
  std::vector<std::string> cells;  // e.g. {"business", "generalists"}
  Entry entry;
  std::string path;  // for messages: "routing.delay.business"
};

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::vector<std::string> names_of(const std::vector<models::CallTypeSpec>& types) {
  std::vector<std::string> names;
  for (const auto& t : types) names.push_back(t.name);
  return names;
}

std::vector<std::string> names_of(const std::vector<models::AgentGroupSpec>& groups) {
  std::vector<std::string> names;
  for (const auto& g : groups) names.push_back(g.name);
  return names;
}

std::size_t index_in(const Reporter& reporter, int line, const std::vector<std::string>& names, const std::string& name,
                     const std::string& noun, const std::string& path) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    reporter.fail(line, path + ": no " + noun + " named '" + name + "'" + suggestion(name, names) + "; " + noun +
                            "s are: " + join(names));
  }
  return static_cast<std::size_t>(it - names.begin());
}

// More settings than any planner writes: with YAML aliases a short file could otherwise
// name billions of cells (an alias of a mapping inside a mapping inside a mapping).
constexpr std::size_t kMaxSettings = 100000;

/// Flattens `key: value` (value possibly a mapping of cell names) into settings.
void collect(const Reporter& reporter, const models::RoutingPolicyInfo& policy, const Entry& entry,
             std::vector<std::string> prefix, std::vector<Setting>& out) {
  const std::string key = read_scalar(reporter, Entry{entry.key, entry.key}, "a key of 'routing'", "delay");
  for (std::string& part : split(key, '.')) prefix.push_back(std::move(part));
  const std::string path = "routing." + join_dotted(prefix);
  // A parameter, a call type and an agent group: nothing is deeper.
  if (prefix.size() > 3) {
    reporter.fail(line_of(entry.key), path +
                                          ": a routing parameter is given for all cells, per call type or agent "
                                          "group (delay.TYPE) or per call type and group (delay.TYPE.GROUP), "
                                          "never deeper");
  }
  if (entry.value.IsMap()) {
    std::set<std::string> keys;
    for (const auto& item : entry.value) {
      const std::string inner = read_scalar(reporter, Entry{item.first, item.first}, "a key in " + path, "business");
      if (!keys.insert(inner).second) {
        reporter.fail(line_of(item.first), "duplicate key '" + inner + "' in " + path + "; give each key once");
      }
      collect(reporter, policy, Entry{item.first, item.second}, prefix, out);
    }
    return;
  }
  if (out.size() >= kMaxSettings) {
    reporter.fail(entry.line(), "'routing' gives more than " + std::to_string(kMaxSettings) +
                                    " settings; give one value for all cells and only the exceptions per cell");
  }
  const auto param = std::find_if(policy.params.begin(), policy.params.end(),
                                  [&](const PolicyParamInfo& p) { return p.name == prefix.front(); });
  if (param == policy.params.end()) {
    std::vector<std::string> valid;
    for (const auto& p : policy.params) valid.emplace_back(p.name);
    const std::string unknown = "unknown key '" + join_dotted(prefix) + "' in 'routing'";
    if (valid.empty()) {
      reporter.fail(entry.line(), unknown + "; routing policy '" + std::string(policy.name) +
                                      "' takes no parameters, so the only key is 'policy'");
    }
    reporter.fail(entry.line(), unknown + suggestion(prefix.front(), valid) + "; routing policy '" +
                                    std::string(policy.name) + "' takes: " + join(valid));
  }
  out.push_back(Setting{&*param, {prefix.begin() + 1, prefix.end()}, entry, path});
}

double read_value(const Reporter& reporter, const Setting& s) {
  switch (s.param->unit) {
    case PolicyParamUnit::kSeconds: return read_duration(reporter, s.entry, s.path, DurationBound::NOT_NEGATIVE);
    case PolicyParamUnit::kCount:
      return read_whole_number(reporter, s.entry, s.path, 0, limits::kRoutingCount, "a whole number such as 2");
    case PolicyParamUnit::kProbability: return read_number_in(reporter, s.entry, s.path, kProbability);
    case PolicyParamUnit::kWeight:
      return read_number_within(reporter, s.entry, s.path,
                                NumberRange{0, false, std::numeric_limits<double>::infinity(), false}, 0,
                                limits::kRoutingWeight);
  }
  return 0;
}

/// What one cell of a parameter of `scope` is, for messages: "agent group", ...
std::string cell_noun(PolicyParamScope scope) {
  switch (scope) {
    case PolicyParamScope::kCenter: return "cell";
    case PolicyParamScope::kGroup: return "agent group";
    case PolicyParamScope::kType: return "call type";
    case PolicyParamScope::kTypeGroup: return "call type and agent group";
  }
  return "cell";
}

/// A relative weight (PolicyParamUnit::kWeight) means nothing when every cell is 0.
void check_weights(const Reporter& reporter, const PolicyParamInfo& param, const models::PolicyParamTable& table,
                   int line, const models::CenterSpec& spec) {
  if (param.unit != PolicyParamUnit::kWeight) return;
  if (std::any_of(table.values.begin(), table.values.end(), [](double w) { return w > 0; })) return;
  const std::string name(param.name);
  std::string example;
  if (param.scope == PolicyParamScope::kGroup && !spec.agent_groups.empty()) {
    example = " (e.g. " + name + ": {" + spec.agent_groups[0].name + ": 2" +
              (spec.agent_groups.size() > 1 ? ", " + spec.agent_groups[1].name + ": 1" : std::string()) + "})";
  }
  reporter.fail(line, "routing." + name + " gives every " + cell_noun(param.scope) +
                          " a weight of 0; weights are relative shares, so at least one must be greater than 0" +
                          example);
}

/// The cells of the parameter's table a setting covers.
std::vector<std::size_t> cells_of(const Reporter& reporter, const Setting& s, const models::CenterSpec& spec) {
  const std::size_t K = spec.call_types.size(), G = spec.agent_groups.size();
  const auto types = names_of(spec.call_types);
  const auto groups = names_of(spec.agent_groups);
  const int line = s.entry.line();
  std::size_t most = 0;
  std::string shape;
  const std::string whole = "routing." + std::string(s.param->name);  // the path without cells
  switch (s.param->scope) {
    case PolicyParamScope::kCenter:
      most = 0;
      shape = "one value";
      break;
    case PolicyParamScope::kGroup:
      most = 1;
      shape = "one value, or one per agent group (" + whole + ".GROUP)";
      break;
    case PolicyParamScope::kType:
      most = 1;
      shape = "one value, or one per call type (" + whole + ".TYPE)";
      break;
    case PolicyParamScope::kTypeGroup:
      most = 2;
      shape = "one value, one per call type (" + std::string(s.param->name) + ".TYPE) or per call type and group (" +
              std::string(s.param->name) + ".TYPE.GROUP)";
      break;
  }
  if (s.cells.size() > most) reporter.fail(line, s.path + ": '" + std::string(s.param->name) + "' takes " + shape);
  std::vector<std::size_t> cells;
  const std::size_t n = models::param_cells(s.param->scope, K, G);
  if (s.cells.empty()) {
    for (std::size_t i = 0; i < n; ++i) cells.push_back(i);
    return cells;
  }
  switch (s.param->scope) {
    case PolicyParamScope::kCenter: break;
    case PolicyParamScope::kGroup:
      cells.push_back(index_in(reporter, line, groups, s.cells[0], "agent group", s.path));
      break;
    case PolicyParamScope::kType:
      cells.push_back(index_in(reporter, line, types, s.cells[0], "call type", s.path));
      break;
    case PolicyParamScope::kTypeGroup: {
      const std::size_t k = index_in(reporter, line, types, s.cells[0], "call type", s.path);
      if (s.cells.size() == 1) {
        for (std::size_t g = 0; g < G; ++g) cells.push_back(k * G + g);
        break;
      }
      const std::size_t g = index_in(reporter, line, groups, s.cells[1], "agent group", s.path);
      const auto& skills = spec.agent_groups[g].skills;
      if (std::find(skills.begin(), skills.end(), types[k]) == skills.end())
        reporter.fail(line, s.path + ": agent group '" + groups[g] + "' does not take call type '" + types[k] +
                                "' (its skills are: " + join(skills) + ")");
      cells.push_back(k * G + g);
      break;
    }
  }
  return cells;
}

}  // namespace

std::string join_dotted(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return out;
}

models::RoutingSpec read_routing(const Reporter& reporter, const Entry& entry, const models::CenterSpec& spec) {
  if (!entry.value.IsMap())
    reporter.fail(entry.line(), "'routing' must be a mapping such as {policy: overflow_delay, delay: 30s}, got " +
                                    describe(entry.value));
  models::RoutingSpec routing;
  std::vector<Entry> params;
  std::set<std::string> seen;
  int policy_line = entry.line();
  for (const auto& item : entry.value) {
    const Entry e{item.first, item.second};
    const std::string key = read_scalar(reporter, Entry{e.key, e.key}, "a key of 'routing'", "policy");
    if (!seen.insert(key).second) reporter.fail(line_of(e.key), "routing." + key + " is given twice");
    if (key == "policy") {
      routing.policy = read_scalar(reporter, e, "routing.policy", "longest_idle_agent");
      policy_line = e.line();
    } else {
      params.push_back(e);
    }
  }
  const models::RoutingPolicyInfo* policy = models::find_routing_policy(routing.policy);
  if (!policy) {
    std::vector<std::string> valid;
    for (const auto& info : models::routing_policies()) valid.emplace_back(info.name);
    reporter.fail(policy_line, "unknown routing policy '" + routing.policy + "'" + suggestion(routing.policy, valid) +
                                   "; valid values are: " + join(valid));
  }
  std::vector<Setting> settings;
  for (const Entry& e : params) collect(reporter, *policy, e, {}, settings);
  // The more specific setting wins whatever the order: all cells first, then rows, then
  // cells. Sorted by index: Settings hold YAML::Nodes, and assigning one writes into the tree.
  std::vector<std::size_t> order(settings.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return settings[a].cells.size() < settings[b].cells.size(); });
  for (const PolicyParamInfo& param : policy->params) {
    models::PolicyParamTable table{std::string(param.name), models::param_values(spec, param)};
    int last_line = entry.line();  // of the setting applied last, for check_weights
    for (std::size_t i : order) {
      const Setting& s = settings[i];
      if (s.param != &param) continue;
      const double value = read_value(reporter, s);
      for (std::size_t cell : cells_of(reporter, s, spec)) table.values[cell] = value;
      last_line = s.entry.line();
    }
    check_weights(reporter, param, table, last_line, spec);
    routing.params.push_back(std::move(table));
  }
  return routing;
}

}  // namespace detail

models::RoutingSpec parse_policy_option(std::string_view option, const models::CenterSpec& spec) {
  const std::string text(option);
  const std::string label = "--policy '" + text + "'";
  const std::size_t colon = text.find(':');
  YAML::Node routing(YAML::NodeType::Map);
  routing["policy"] = text.substr(0, colon);
  if (colon != std::string::npos) {
    for (const std::string& item : detail::split(text.substr(colon + 1), ',')) {
      const std::size_t eq = item.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
        throw ScenarioError(label + ": '" + item +
                            "' is not param=value; write e.g. --policy overflow_delay:delay=30s,delay.business=60s");
      const std::string key = item.substr(0, eq);
      // Assigning through operator[] would silently replace a repeated key, or the policy.
      if (key == "policy" || detail::find_child(routing, key)) {
        throw ScenarioError(label + ": '" + key + "' is given " +
                            (key == "policy" ? std::string("after the policy's name") : std::string("twice")) +
                            "; give each parameter once, e.g. --policy overflow_delay:delay=30s");
      }
      routing.force_insert(key, item.substr(eq + 1));
    }
  }
  // The YAML reader names a file and a line; an option has neither: name the option.
  const detail::Reporter reporter(label);
  try {
    try {
      return detail::read_routing(reporter, detail::Entry{YAML::Node("routing"), routing}, spec);
    } catch (const YAML::Exception& e) {  // a gap in the checks: reported, never a crash
      throw ScenarioError(label + ": " + e.msg);
    }
  } catch (const ScenarioError& e) {
    std::string message = e.what();
    const std::size_t after = message.find(": ", label.size());
    if (message.rfind(label + ":", 0) == 0 && after != std::string::npos)
      message = label + ": " + message.substr(after + 2);
    throw ScenarioError(message);
  }
}

}  // namespace callsim::scenarios
