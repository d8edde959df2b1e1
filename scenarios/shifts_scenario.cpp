#include "scenarios/shifts_scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

#include "scenarios/loader.hpp"
#include "scenarios/name_rules.hpp"
#include "scenarios/yaml_parse.hpp"

namespace callsim::scenarios {

namespace {

namespace fs = std::filesystem;

constexpr double kDay = 86400;

/// Keys whose scalar value is a file name the loader reads relative to the scenario.
const std::set<std::string> kFileKeys = {"forecast", "trace", "staffing"};

/// `file` (relative to `from_dir`) named relative to `to_dir`; absolute names stay.
std::string rebased(const std::string& file, const fs::path& from_dir, const fs::path& to_dir) {
  const fs::path given(file);
  if (given.is_absolute()) return file;
  const fs::path target = fs::absolute(from_dir / given).lexically_normal();
  const fs::path relative = target.lexically_relative(to_dir);
  return relative.empty() ? target.string() : relative.generic_string();
}

void rebase_files(YAML::Node node, const fs::path& from_dir, const fs::path& to_dir) {
  if (node.IsSequence()) {
    for (auto item : node) rebase_files(item, from_dir, to_dir);
  } else if (node.IsMap()) {
    for (auto entry : node) {
      const bool file = entry.first.IsScalar() && kFileKeys.count(entry.first.Scalar()) && entry.second.IsScalar();
      if (file)
        entry.second = rebased(entry.second.Scalar(), from_dir, to_dir);
      else
        rebase_files(entry.second, from_dir, to_dir);
    }
  }
}

YAML::Node shift_node(const ShiftOut& shift) {
  YAML::Node node(YAML::NodeType::Map);
  node["start"] = scenario_clock(shift.start, false);
  node["end"] = scenario_clock(shift.end, true);
  node["count"] = shift.count;
  if (!shift.breaks.empty()) {
    YAML::Node breaks(YAML::NodeType::Sequence);
    for (const auto& b : shift.breaks) {
      YAML::Node entry(YAML::NodeType::Map);
      entry.SetStyle(YAML::EmitterStyle::Flow);
      entry["start"] = scenario_clock(b.start, false);
      const double minutes = b.duration / 60;
      entry["duration"] = minutes == std::floor(minutes) ? std::to_string(static_cast<long long>(minutes)) + "min"
                                                         : std::to_string(static_cast<long long>(b.duration)) + "s";
      entry["count"] = b.count;
      breaks.push_back(entry);
    }
    node["breaks"] = breaks;
  }
  if (shift.cost) {
    char text[32];
    const auto end = std::to_chars(text, text + sizeof text, *shift.cost).ptr;  // shortest round trip
    node["cost"] = std::string(text, end);
  }
  return node;
}

std::string number_text(double value) {
  std::ostringstream out;
  out.precision(15);
  out << value;
  return out.str();
}

}  // namespace

std::string scenario_clock(double seconds, bool end_of_day) {
  const double minutes = seconds / 60;
  if (!(seconds >= 0) || minutes != std::floor(minutes) || seconds > 7 * kDay || (!end_of_day && seconds >= 7 * kDay))
    throw ScenarioError("clock time " + number_text(seconds) +
                        " s is not a whole minute of days 1 to 7; a scenario writes clock times as HH:MM, so give "
                        "shift starts, lengths and breaks in whole minutes");
  auto whole = static_cast<long long>(minutes);
  long long day = whole / 1440;
  long long rest = whole % 1440;
  if (end_of_day && rest == 0 && day > 0) {
    --day;
    rest = 1440;
  }
  char clock[16];
  std::snprintf(clock, sizeof clock, "%02lld:%02lld", rest / 60, rest % 60);
  return day == 0 ? std::string(clock) : std::to_string(day + 1) + " " + clock;
}

std::string scenario_with_shifts(const std::string& scenario_text, const std::string& scenario_path,
                                 const std::string& out_path, const std::vector<GroupShiftsOut>& groups,
                                 const std::string& suffix, const std::string& header) {
  YAML::Node root;
  try {
    root = detail::parse_yaml(scenario_text).first;
  } catch (const YAML::Exception& e) {
    throw ScenarioError(scenario_path + ": cannot parse the scenario: " + e.what());
  }
  if (!root.IsMap() || !root["agent_groups"] || !root["agent_groups"].IsSequence())
    throw ScenarioError(scenario_path + ": the scenario has no list of agent_groups to roster");

  for (const auto& out : groups) {
    bool found = false;
    for (auto group : root["agent_groups"]) {
      if (!group.IsMap() || !group["name"] || !group["name"].IsScalar() || group["name"].Scalar() != out.group)
        continue;
      found = true;
      for (const char* key : {"count", "staffing", "shifts", "shrinkage"}) group.remove(key);
      YAML::Node shifts(YAML::NodeType::Sequence);
      for (const auto& s : out.shifts) shifts.push_back(shift_node(s));
      group["shifts"] = shifts;
      if (out.shrinkage > 0) group["shrinkage"] = number_text(out.shrinkage);
    }
    if (!found) throw ScenarioError(scenario_path + ": the scenario has no agent group '" + out.group + "'");
  }

  const fs::path from_dir = fs::absolute(fs::path(scenario_path)).parent_path();
  const fs::path to_dir = fs::absolute(fs::path(out_path)).parent_path();
  if (from_dir.lexically_normal() != to_dir.lexically_normal()) rebase_files(root, from_dir, to_dir.lexically_normal());

  if (root["name"] && root["name"].IsScalar()) {
    const std::string renamed = root["name"].Scalar() + suffix;
    if (!detail::name_problem(renamed, detail::NameKind::SCENARIO)) root["name"] = renamed;
  }

  std::string out;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) out += "# " + line + "\n";
  YAML::Emitter emitter;
  emitter << root;
  return out + emitter.c_str() + "\n";
}

}  // namespace callsim::scenarios
