#include "scenarios/agent_group_field.hpp"

#include <algorithm>
#include <limits>
#include <optional>

#include "scenarios/distribution_field.hpp"
#include "scenarios/limits.hpp"
#include "scenarios/shifts_field.hpp"
#include "scenarios/shrinkage_field.hpp"
#include "scenarios/staffing_field.hpp"
#include "scenarios/staffing_scale.hpp"

namespace callsim::scenarios::detail {

namespace {

constexpr std::string_view kSkillsExpected =
    "a list of the call types the group takes, e.g. [general], or with levels and talk-time multipliers, e.g. "
    "[retail, {type: business, level: 2, multiplier: 1.2}]";

// Fills the group's skills; levels and multipliers only when some skill gives them (the
// model reads empty lists as "all 1").
void read_skills(const Reporter& reporter, const Entry& entry, const std::string& path, const std::string& label,
                 const std::vector<std::string>& type_names, models::AgentGroupSpec& group) {
  const YAML::Node list = read_list(reporter, entry, path, kSkillsExpected);
  bool detailed = false;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    // Entries are never assigned: assigning a YAML::Node writes into the tree it refers to.
    std::optional<Entry> map_type;
    int level = 1;
    double multiplier = 1;
    if (list[i].IsMap()) {
      detailed = true;
      const Fields fields(reporter, list[i], line_of(list[i]), item_path, item_path, {"level", "multiplier", "type"});
      map_type.emplace(fields.require("type", "the call type, e.g. type: retail"));
      if (const auto l = fields.find("level")) {
        level = read_whole_number(reporter, *l, fields.path("level"), 1, limits::kSkillLevel,
                                  "a preference level such as 2 (1 = most preferred)");
      }
      if (const auto m = fields.find("multiplier")) {
        multiplier = read_number_within(reporter, *m, fields.path("multiplier"),
                                        NumberRange{0, true, std::numeric_limits<double>::infinity(), false},
                                        1 / limits::kMultiplier, limits::kMultiplier);
      }
    }
    const Entry name_entry = map_type ? *map_type : Entry{entry.value, list[i]};
    const std::string skill_path = list[i].IsMap() ? item_path + ".type" : item_path;
    std::string skill = read_name(reporter, name_entry, skill_path, "general");
    if (std::find(type_names.begin(), type_names.end(), skill) == type_names.end()) {
      reporter.fail(name_entry.line(), label + " has skill '" + skill + "', which no call type defines" +
                                           suggestion(skill, type_names) + "; call types are: " + join(type_names));
    }
    if (std::find(group.skills.begin(), group.skills.end(), skill) != group.skills.end()) {
      reporter.fail(name_entry.line(), label + " lists skill '" + skill + "' twice; list each call type once");
    }
    group.skills.push_back(std::move(skill));
    group.skill_levels.push_back(level);
    group.service_multipliers.push_back(multiplier);
  }
  if (!detailed) {
    group.skill_levels.clear();
    group.service_multipliers.clear();
  }
}

// Exactly one of count, staffing and shifts says how many agents are on duty.
void read_staffing(const Reporter& reporter, const Fields& fields, const std::string& label,
                   models::AgentGroupSpec& group, std::size_t index, LoadContext& context) {
  // Keys in file order, so that messages point at the later one. Entries are copied, never
  // assigned (assigning a YAML::Node writes into the tree), so the order is sorted by index.
  std::vector<std::pair<std::string, Entry>> found;
  for (const char* key : {"count", "staffing", "shifts"}) {
    if (const auto entry = fields.find(key)) found.emplace_back(key, *entry);
  }
  std::vector<std::size_t> order(found.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&found](std::size_t a, std::size_t b) {
    return line_of(found[a].second.key) < line_of(found[b].second.key);
  });
  std::vector<std::pair<std::string, Entry>> given;
  for (std::size_t i : order) given.push_back(found[i]);
  if (given.empty()) {
    reporter.fail(fields.line(), label +
                                     " is missing 'count' (the number of agents, e.g. 55), or instead 'staffing' (a "
                                     "CSV of agents on duty per interval) or 'shifts' (a list of shifts)");
  }
  if (given.size() > 1) {
    reporter.fail(line_of(given[1].second.key), label + " gives both '" + given[0].first + "' (" +
                                                    reporter.line_ref(line_of(given[0].second.key)) + ") and '" +
                                                    given[1].first + "'; give one of count, staffing and shifts");
  }
  const auto& [key, entry] = given.front();
  if (key == "count") {
    group.count = read_count(reporter, entry, fields.path("count"));
    return;
  }
  group.count = 0;  // unused: the steps say who is on duty
  if (key == "staffing") {
    group.staffing = read_staffing_plan(reporter, entry, fields.path("staffing"), group.name, context);
  } else {
    ShiftsRead shifts = read_shifts(reporter, entry, fields.path("shifts"), context);
    group.staffing = std::move(shifts.on_duty);
    context.rosters.push_back({index, std::move(shifts.on_shift), shifts.cost});
  }
  const bool anyone = std::any_of(group.staffing.begin(), group.staffing.end(),
                                  [](const models::StaffingStep& step) { return step.agents > 0; });
  // Each shift's count is within the limit, but overlapping shifts add up.
  for (const models::StaffingStep& step : group.staffing) {
    if (step.agents > limits::kAgentsPerGroup) {
      reporter.fail(entry.line(), label + " has " + std::to_string(step.agents) + " agents on duty at once (its " +
                                      key + " add up); a group may have at most " +
                                      std::to_string(limits::kAgentsPerGroup) + " agents on duty at once");
    }
  }
  if (!anyone) {
    reporter.fail(entry.line(), label + " has no agent on duty at any time from time.start on; give its " + key +
                                    " some agents after time.start, or remove the group");
  }
}

// The roster of a group with shifts is scaled as its steps are (rounded per step; its cost
// in proportion), and never shrunk: shrinkage takes rostered agents off duty.
void scale_roster(GroupRoster& roster, double scale) {
  if (scale == 1) return;
  for (auto& step : roster.on_shift) step.agents = scaled_agents(step.agents, scale).value_or(step.agents);
  if (roster.cost) *roster.cost *= scale;
}

models::AgentGroupSpec read_agent_group(const Reporter& reporter, const YAML::Node& item, const std::string& path,
                                        std::size_t index, const std::vector<std::string>& type_names,
                                        LoadContext& context) {
  const std::string label = item_label(item, "agent group", path);
  const Fields fields(
      reporter, item, line_of(item), label, path,
      {"absenteeism", "count", "name", "shifts", "shrinkage", "skills", "staffing", "staffing_scale", "wrap_up"});
  models::AgentGroupSpec group;
  group.name = read_identifier(reporter, fields.require("name", "a unique name, e.g. agents"), fields.path("name"),
                               "agents", NameKind::PART);
  read_skills(reporter, fields.require("skills", "the call types the group takes, e.g. [general]"),
              fields.path("skills"), label, type_names, group);
  read_staffing(reporter, fields, label, group, index, context);
  apply_shrinkage(reporter, fields, label, group);
  const double scale = apply_staffing_scale(reporter, fields, label, group);
  if (!context.rosters.empty() && context.rosters.back().group == index) scale_roster(context.rosters.back(), scale);
  if (const auto wrap_up = fields.find("wrap_up")) {
    group.wrap_up =
        read_given_distribution(reporter, *wrap_up, fields.path("wrap_up"), "{distribution: exponential, mean: 30s}",
                                "to use the call types' after-call work");
  }
  if (const auto absenteeism = fields.find("absenteeism")) {
    group.absenteeism =
        read_number_in(reporter, *absenteeism, fields.path("absenteeism"), NumberRange{0, false, 1, true});
  }
  return group;
}

}  // namespace

std::vector<models::AgentGroupSpec> read_agent_groups(const Reporter& reporter, const Entry& entry,
                                                      const std::vector<std::string>& type_names,
                                                      LoadContext& context) {
  const YAML::Node list =
      read_list(reporter, entry, "'agent_groups'", "a list of agent groups, each with name, skills and count");
  if (list.size() > limits::kAgentGroups) {
    reporter.fail(entry.line(), "'agent_groups' has " + std::to_string(list.size()) +
                                    " agent groups; a scenario may have at most " +
                                    std::to_string(limits::kAgentGroups));
  }
  std::vector<models::AgentGroupSpec> groups;
  SeenNames seen;
  double agents = 0;  // each group at its most on duty: the agents the model creates
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    groups.push_back(
        read_agent_group(reporter, item, "agent_groups[" + std::to_string(i) + "]", i, type_names, context));
    check_unique(reporter, seen, groups.back().name, line_of(item), "agent group");
    int most = groups.back().count;
    for (const models::StaffingStep& step : groups.back().staffing) most = std::max(most, step.agents);
    agents += most;
    if (agents > limits::kAgents) {
      reporter.fail(line_of(item), "the agent groups up to " +
                                       item_label(item, "agent group", "agent_groups[" + std::to_string(i) + "]") +
                                       " have " + std::to_string(static_cast<long long>(agents)) +
                                       " agents (each group at its most on duty); a scenario may have at most " +
                                       std::to_string(static_cast<long long>(limits::kAgents)));
    }
  }
  return groups;
}

}  // namespace callsim::scenarios::detail
