// callsim roster: shift scheduling by MIP (COIN-OR CBC) for a scenario's agent groups, from
// per-interval requirements (a staffing-plan CSV) and shift templates (templates.yaml).

#include <boost/program_options.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "plan/roster_mip.hpp"
#include "report/json_report.hpp"
#include "scenarios/clock_time.hpp"
#include "scenarios/forecast_csv.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/shift_templates_file.hpp"

namespace po = boost::program_options;

namespace callsim::app {
namespace {

constexpr const char* kRosterUsage =
    "usage: callsim roster SCENARIO --requirements staffing.csv --shifts templates.yaml\n"
    "                      [--json] [--time-limit S]\n"
    "\n"
    "Chooses how many agents start on each shift template when, and where they take their\n"
    "breaks, so that agents on duty meet each interval's requirement at every moment, at\n"
    "least cost (a MIP solved with COIN-OR CBC). Requirements: a staffing-plan CSV\n"
    "(interval_start,<group>...; whole agents on duty), one column per rostered group.\n"
    "Templates: docs/roster.md.\n";

std::string clock_text(double seconds, bool weekly) { return scenarios::format_clock(seconds, weekly); }

/// Whole agents >= 0 per interval of `column`; "FILE:LINE: ..." otherwise.
std::vector<int> read_requirement(const scenarios::ForecastTable& table, const std::string& column) {
  std::vector<int> out;
  for (const auto& cell : table.cells(column)) {
    const std::string text(cell.text);
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !(v >= 0) || v != std::floor(v) || v > 1e6)
      throw scenarios::ScenarioError(table.path() + ":" + std::to_string(cell.line) + ": the requirement of '" +
                                     column + "' must be a whole number of agents from 0 to 1000000, got '" + text +
                                     "'");
    out.push_back(static_cast<int>(v));
  }
  return out;
}

}  // namespace

int roster_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string scenario_path, requirements_path, shifts_path;
  double time_limit = 60;
  // clang-format off
  options.add_options()
      ("help,h", "show this help")
      ("requirements", po::value(&requirements_path), "staffing-plan CSV: agents required on duty per interval and group")
      ("shifts", po::value(&shifts_path), "shift templates file (docs/roster.md)")
      ("time-limit", po::value(&time_limit)->default_value(60), "CBC's time limit, seconds")
      ("json", "print one JSON object instead of the tables");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&scenario_path));
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  try {
    const auto style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(args).options(all).positional(positional).style(style).run(), vm);
    po::notify(vm);
    if (!vm.count("help") && (scenario_path.empty() || requirements_path.empty() || shifts_path.empty()))
      throw po::error("give a SCENARIO, --requirements and --shifts");
    if (!(time_limit > 0)) throw po::error("--time-limit must be a positive number of seconds");
  } catch (const po::error& e) {
    std::cerr << "callsim roster: " << e.what() << "\n" << kRosterUsage << "\n" << options;
    return kExitBadInput;
  }
  if (vm.count("help")) {
    std::cout << kRosterUsage << "\n" << options;
    return 0;
  }
  const bool json = vm.count("json") > 0;

  plan::RosterProblem problem;
  bool weekly = false;
  try {
    const auto scenario = scenarios::load_scenario(scenario_path);
    std::vector<std::string> groups;
    for (const auto& g : scenario.spec.agent_groups) groups.push_back(g.name);
    problem.templates = scenarios::read_shift_templates(shifts_path, groups);
    const auto table = scenarios::ForecastTable::read(requirements_path, "--requirements", scenarios::kStaffingTable);
    weekly = table.weekly();
    problem.start = table.start();
    problem.interval = table.interval();
    problem.time_limit = time_limit;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      bool rostered = false;
      for (const auto& t : problem.templates) rostered = rostered || t.group == g;
      if (!rostered) continue;
      problem.groups.push_back({g, groups[g], read_requirement(table, groups[g])});
    }
  } catch (const scenarios::ScenarioError& e) {
    std::cerr << "callsim roster: " << e.what() << "\n";
    return kExitBadInput;
  }

  const auto missing = plan::uncoverable_intervals(problem);
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i)
      list += std::string(i ? ", " : "") + missing[i].group_name + " " + clock_text(missing[i].start, weekly) + " (" +
              std::to_string(missing[i].required) + " required)";
    if (missing.size() > 10) list += " and " + std::to_string(missing.size() - 10) + " more";
    std::cerr << "callsim roster: no shift template can have an agent on duty in " << missing.size()
              << (missing.size() == 1 ? " interval" : " intervals") << " with a requirement: " << list
              << "; add a template (or widen a start window) that covers them, or set their requirement to 0\n";
    return kExitBadInput;
  }

  const plan::RosterResult r = plan::solve_roster(problem);
  if (!r.found) {
    std::cerr << "callsim roster: CBC found no roster within " << time_limit
              << " s (the templates' min/max cannot meet the requirements, or the time limit is too short)\n";
    return 1;
  }

  using report::json_number;
  using report::json_string;
  if (json) {
    std::string out = "{\"cost\": " + json_number(r.cost) + ", \"lower_bound\": " + json_number(r.lower_bound) +
                      ", \"lp_relaxation\": " + json_number(r.lp_relaxation) + ", \"gap\": " + json_number(r.gap) +
                      ", \"optimal\": " + (r.optimal ? "true" : "false") +
                      ", \"paid_hours\": " + json_number(r.paid_hours) +
                      ", \"solve_seconds\": " + json_number(r.seconds) + ", \"slot_seconds\": " + json_number(r.slot) +
                      ",\n \"shifts\": [";
    for (std::size_t i = 0; i < r.shifts.size(); ++i) {
      const auto& s = r.shifts[i];
      const auto& t = problem.templates[s.template_index];
      out += std::string(i ? ",\n  " : "\n  ") + "{\"template\": " + json_string(t.name) +
             ", \"group\": " + json_string(t.group_name) + ", \"start\": " + json_string(clock_text(s.start, weekly)) +
             ", \"agents\": " + std::to_string(s.agents) + ", \"breaks\": [";
      for (std::size_t b = 0; b < s.breaks.size(); ++b)
        out += std::string(b ? ", " : "") + "{\"break\": " + std::to_string(s.breaks[b].break_index) +
               ", \"start\": " + json_string(clock_text(s.start + s.breaks[b].offset, weekly)) +
               ", \"agents\": " + std::to_string(s.breaks[b].agents) + "}";
      out += "]}";
    }
    out += "],\n \"intervals\": [";
    for (std::size_t i = 0; i < r.intervals.size(); ++i) {
      const auto& c = r.intervals[i];
      std::string name;
      for (const auto& g : problem.groups)
        if (g.group == c.group) name = g.name;
      out += std::string(i ? ",\n  " : "\n  ") + "{\"group\": " + json_string(name);
      out += ", \"interval_start\": " +
             json_string(clock_text(problem.start + problem.interval * static_cast<double>(c.interval), weekly)) +
             ", \"required\": " + std::to_string(c.required) + ", \"rostered\": " + std::to_string(c.rostered) + "}";
    }
    out += "]}\n";
    std::cout << out;
    return 0;
  }

  std::ostringstream o;
  o << "roster: " << r.shifts.size() << " shift starts, cost " << r.cost << ", lower bound " << r.lower_bound
    << ", gap " << r.gap * 100 << "%" << (r.optimal ? " (optimal)" : " (time limit: best found)") << ", "
    << r.paid_hours << " agent-hours paid, solved in " << r.seconds << " s\n\n";
  o << "template          group             start    agents  breaks\n";
  for (const auto& s : r.shifts) {
    const auto& t = problem.templates[s.template_index];
    char line[160];
    std::snprintf(line, sizeof line, "%-17s %-17s %-8s %6d  ", t.name.c_str(), t.group_name.c_str(),
                  clock_text(s.start, weekly).c_str(), s.agents);
    o << line;
    for (std::size_t b = 0; b < s.breaks.size(); ++b)
      o << (b ? ", " : "") << s.breaks[b].agents << "@" << clock_text(s.start + s.breaks[b].offset, weekly);
    o << "\n";
  }
  o << "\ngroup             interval  required  rostered\n";
  for (const auto& c : r.intervals) {
    std::string name;
    for (const auto& g : problem.groups)
      if (g.group == c.group) name = g.name;
    char line[160];
    std::snprintf(line, sizeof line, "%-17s %-8s %9d %9d\n", name.c_str(),
                  clock_text(problem.start + problem.interval * static_cast<double>(c.interval), weekly).c_str(),
                  c.required, c.rostered);
    o << line;
  }
  std::cout << o.str();
  return 0;
}

}  // namespace callsim::app
