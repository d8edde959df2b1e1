#include "scenarios/ivr_field.hpp"

#include <algorithm>

#include "scenarios/arrivals_field.hpp"
#include "scenarios/distribution_field.hpp"
#include "scenarios/limits.hpp"

namespace callsim::scenarios::detail {

namespace {

constexpr std::string_view kSelfServed = "self_served";
constexpr std::string_view kHangUp = "hang_up";
constexpr std::string_view kQueuePrefix = "queue ";
constexpr std::string_view kTargetsHelp =
    "a target is another node's name, self_served, hang_up, or queue and a call type name (e.g. queue retail)";

// Where a node's lines are, for messages about it.
struct NodeLines {
  int node;
  int branches;
};

// Exits are created on first use, so their order follows the file.
std::uint32_t exit_index(models::IvrSpec& ivr, const std::string& name, models::IvrOutcome outcome,
                         std::uint32_t type) {
  for (std::size_t e = 0; e < ivr.exits.size(); ++e) {
    if (ivr.exits[e].name == name) return static_cast<std::uint32_t>(e);
  }
  ivr.exits.push_back({name, outcome, type});
  return static_cast<std::uint32_t>(ivr.exits.size() - 1);
}

// Every target a branch may name, for "did you mean".
std::vector<std::string> all_targets(const std::vector<std::string>& nodes, const std::vector<std::string>& types) {
  std::vector<std::string> targets = nodes;
  targets.emplace_back(kSelfServed);
  targets.emplace_back(kHangUp);
  for (const auto& type : types) targets.push_back(std::string(kQueuePrefix) + type);
  return targets;
}

// The branch target `target` of node `label` as the spec numbers it: a node index, or
// nodes.size() + an exit index.
std::uint32_t resolve_target(const Reporter& reporter, const Entry& branch, const std::string& label,
                             const std::vector<std::string>& nodes, const std::vector<std::string>& types,
                             models::IvrSpec& ivr) {
  const std::string& target = branch.key.Scalar();
  const auto n = static_cast<std::uint32_t>(nodes.size());
  if (target == kSelfServed) return n + exit_index(ivr, target, models::IvrOutcome::SELF_SERVED, 0);
  if (target == kHangUp) return n + exit_index(ivr, target, models::IvrOutcome::HANG_UP, 0);
  if (target.starts_with(kQueuePrefix) || target == "queue") {
    const std::string type = target.size() > kQueuePrefix.size() ? target.substr(kQueuePrefix.size()) : "";
    if (type.empty()) {
      reporter.fail(line_of(branch.key), label +
                                             " sends callers to 'queue' without a call type; write queue, a space "
                                             "and a call type name, e.g. queue " +
                                             types.front() + "; call types are: " + join(types));
    }
    const auto found = std::find(types.begin(), types.end(), type);
    if (found == types.end()) {
      reporter.fail(line_of(branch.key),
                    label + " sends callers to '" + target + "', but no call type is named '" + type + "'" +
                        suggestion(type, types) +
                        "; write queue, a space and a call type name; call types are: " + join(types));
    }
    const auto k = static_cast<std::uint32_t>(found - types.begin());
    return n + exit_index(ivr, target, models::IvrOutcome::QUEUE, k);
  }
  const auto found = std::find(nodes.begin(), nodes.end(), target);
  if (found != nodes.end()) return static_cast<std::uint32_t>(found - nodes.begin());
  // A call type written without "queue " is the likeliest slip.
  const bool is_type = std::find(types.begin(), types.end(), target) != types.end();
  reporter.fail(line_of(branch.key), label + " has a branch to '" + target + "', which is no IVR node" +
                                         (is_type ? " (to send callers to the queue of call type '" + target +
                                                        "', write 'queue " + target + "')"
                                                  : suggestion(target, all_targets(nodes, types))) +
                                         "; " + std::string(kTargetsHelp));
}

std::vector<models::IvrBranch> read_branches(const Reporter& reporter, const Entry& entry, const std::string& path,
                                             const std::string& label, const std::vector<std::string>& nodes,
                                             const std::vector<std::string>& types, models::IvrSpec& ivr) {
  constexpr std::string_view kExpected =
      "a mapping of targets to probabilities, e.g. {menu: 0.5, queue retail: 0.4, hang_up: 0.1}";
  if (!entry.value.IsMap()) {
    reporter.fail(entry.line(), path + " must be " + std::string(kExpected) + "; got " + describe(entry.value));
  }
  if (entry.value.size() == 0) reporter.fail(entry.line(), path + " is empty; it must be " + std::string(kExpected));
  std::vector<models::IvrBranch> branches;
  std::vector<Entry> seen;
  for (auto it = entry.value.begin(); it != entry.value.end(); ++it) {
    const Entry branch{it->first, it->second};
    if (!branch.key.IsScalar()) {
      reporter.fail(line_of(branch.key), "targets in " + path + " must be plain names; got " + describe(branch.key));
    }
    const std::string& target = branch.key.Scalar();
    for (const Entry& other : seen) {
      if (other.key.Scalar() == target) {
        reporter.fail(line_of(branch.key), label + " lists the target '" + target + "' twice (first " +
                                               reporter.on_line(line_of(other.key)) +
                                               "); give each target once with its whole probability");
      }
    }
    seen.push_back(branch);
    models::IvrBranch b;
    b.target = resolve_target(reporter, branch, label, nodes, types, ivr);
    b.probability = read_number_in(reporter, branch, path + "." + target, kProbability);
    branches.push_back(b);
  }
  return branches;
}

// ivr_problems() names nodes in its sentences: report each at its node's line, or at the
// branches for a problem with the branches.
[[noreturn]] void report_problem(const Reporter& reporter, const std::string& problem,
                                 const std::vector<std::string>& names, const std::vector<NodeLines>& lines,
                                 int nodes_line) {
  std::size_t best = names.size();
  std::size_t best_length = 0;
  for (std::size_t v = 0; v < names.size(); ++v) {
    const std::string prefix = "IVR node '" + names[v] + "'";
    if (problem.starts_with(prefix) && prefix.size() > best_length) {
      best = v;
      best_length = prefix.size();
    }
  }
  int line = nodes_line;
  if (best < names.size()) {
    const bool about_branches = problem.find("branch", best_length) != std::string::npos;
    line = about_branches ? lines[best].branches : lines[best].node;
  }
  // The one sentence without a way out says what is wrong only.
  const std::string fix = problem.find("cannot reach any exit") != std::string::npos
                              ? "; give it a path to self_served, hang_up or a queue"
                              : "";
  reporter.fail(line, problem + fix);
}

}  // namespace

models::IvrSpec read_ivr(const Reporter& reporter, const Entry& entry, const std::vector<std::string>& type_names,
                         LoadContext& context) {
  const Fields fields(reporter, entry.value, entry.line(), "'ivr'", "ivr", {"arrivals", "nodes"});
  models::IvrSpec ivr;
  ivr.arrivals =
      read_arrivals(reporter, fields.require("arrivals", "the calls entering the IVR, e.g. arrivals: {rate: 1000/h}"),
                    fields.path("arrivals"), ArrivalsOwner::ivr(), context);
  const Entry nodes_entry = fields.require(
      "nodes", "the IVR's menus, each with name, branches and optionally duration; calls enter at the first");
  const YAML::Node list =
      read_list(reporter, nodes_entry, fields.path("nodes"),
                "a list of IVR nodes, each with name, branches and optionally duration; calls enter at the first");

  if (list.size() > limits::kIvrNodes) {
    reporter.fail(nodes_entry.line(), fields.path("nodes") + " has " + std::to_string(list.size()) +
                                          " nodes; an IVR may have at most " + std::to_string(limits::kIvrNodes));
  }

  // Names first: a branch may lead to a node further down.
  std::vector<std::string> names;
  std::vector<NodeLines> lines;
  std::vector<Fields> node_fields;
  node_fields.reserve(list.size());
  SeenNames seen;
  for (std::size_t v = 0; v < list.size(); ++v) {
    const std::string path = fields.path("nodes") + "[" + std::to_string(v) + "]";
    const YAML::Node item = list[v];
    node_fields.emplace_back(reporter, item, line_of(item), item_label(item, "IVR node", path), path,
                             std::vector<std::string>{"branches", "duration", "name"});
    const Fields& node = node_fields.back();
    const Entry name_entry = node.require("name", "a unique name, e.g. menu");
    std::string name = read_identifier(reporter, name_entry, node.path("name"), "menu", NameKind::PART);
    if (name == kSelfServed || name == kHangUp || name.starts_with(kQueuePrefix) || name == "queue") {
      reporter.fail(name_entry.line(), node.path("name") + " '" + name +
                                           "' is reserved for an IVR exit (self_served, hang_up, queue <call type>); "
                                           "give the node another name");
    }
    check_unique(reporter, seen, name, line_of(item), "IVR node");
    names.push_back(std::move(name));
    lines.push_back({line_of(item), line_of(item)});
  }

  for (std::size_t v = 0; v < list.size(); ++v) {
    const Fields& node = node_fields[v];
    models::IvrNode spec_node;
    spec_node.name = names[v];
    if (const auto duration = node.find("duration")) {
      spec_node.duration = read_given_distribution(reporter, *duration, node.path("duration"),
                                                   "{distribution: constant, value: 20s}", "if the node takes no time");
    }
    const Entry branches = node.require(
        "branches", "where callers go next and with what probability, e.g. {queue retail: 0.7, hang_up: 0.3}");
    lines[v].branches = branches.line();
    spec_node.branches = read_branches(reporter, branches, node.path("branches"), node.where(), names, type_names, ivr);
    ivr.nodes.push_back(std::move(spec_node));
  }

  const std::vector<std::string> problems = models::ivr_problems(ivr);
  if (!problems.empty()) report_problem(reporter, problems.front(), names, lines, nodes_entry.line());
  return ivr;
}

bool ivr_reaches_type(const models::IvrSpec& ivr, std::uint32_t type) {
  const std::size_t nodes = ivr.nodes.size();
  for (const auto& node : ivr.nodes) {
    for (const auto& branch : node.branches) {
      if (branch.target < nodes || branch.probability <= 0) continue;
      const models::IvrExit& exit = ivr.exits[branch.target - nodes];
      if (exit.outcome == models::IvrOutcome::QUEUE && exit.call_type == type) return true;
    }
  }
  return false;
}

}  // namespace callsim::scenarios::detail
