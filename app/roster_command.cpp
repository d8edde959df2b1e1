// callsim roster: shift scheduling by MIP (COIN-OR CBC) for a scenario's agent groups, from
// per-interval requirements (a staffing-plan CSV) and shift templates (templates.yaml); with
// --target, the roster simulated and repaired until it meets the targets in simulation;
// with --out, the scenario with the roster as its shifts.

#include <unistd.h>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/option_values.hpp"
#include "app/output_paths.hpp"
#include "app/roster_output.hpp"
#include "app/roster_scenario.hpp"
#include "app/target_option.hpp"
#include "models/simulation_error.hpp"
#include "plan/roster_mip.hpp"
#include "plan/roster_repair.hpp"
#include "plan/roster_steps.hpp"
#include "plan/staffing_search.hpp"
#include "report/output_file.hpp"
#include "scenarios/clock_time.hpp"
#include "scenarios/forecast_csv.hpp"
#include "scenarios/loader.hpp"
#include "scenarios/shift_templates_file.hpp"

namespace po = boost::program_options;

namespace callsim::app {
namespace {

constexpr const char* kRosterUsage =
    "usage: callsim roster SCENARIO --requirements staffing.csv --shifts templates.yaml\n"
    "                      [--target 'service_level>=0.8' ...] [--shrinkage S] [--out roster.yaml]\n"
    "                      [--json] [--time-limit S]\n"
    "\n"
    "Chooses how many agents start on each shift template when, and where they take their\n"
    "breaks, so that agents on duty meet each interval's requirement at every moment, at\n"
    "least cost (a MIP solved with COIN-OR CBC). Requirements: a staffing-plan CSV\n"
    "(interval_start,<group>...; whole agents on duty, e.g. from callsim staff --out), one\n"
    "column per rostered group. Templates: docs/roster.md. With --target, the roster is\n"
    "simulated with its breaks placed and repaired (one agent more where the simulated gain\n"
    "per cost is largest, then agents taken off where every interval still meets) until\n"
    "every interval meets the targets in simulation. --out writes the scenario with the\n"
    "roster as its shifts: callsim run runs it as is.\n";

struct Settings {
  std::string scenario_path, requirements_path, shifts_path, out_path;
  std::vector<std::string> target_texts;
  std::string time_limit_text = "60", confidence_text = "0.95", shrinkage_text = "0", replications_text = "auto",
              seed_text = "1", threads_text = "0", max_evaluations_text = "200";
  bool json = false, force = false, progress = false;
  double time_limit = 60, shrinkage = 0;
};

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

std::optional<int> parse_options(const std::vector<std::string>& args, Settings& s,
                                 plan::RosterRepairSettings& repair) {
  po::options_description options("options");
  // clang-format off
  options.add_options()
      ("help,h", "show this help")
      ("requirements", po::value(&s.requirements_path), "staffing-plan CSV: agents required on duty per interval and group")
      ("shifts", po::value(&s.shifts_path), "shift templates file (docs/roster.md)")
      ("target", po::value(&s.target_texts)->composing(),
       "simulate the roster and repair it until every interval meets this target, KPI>=X or KPI<=X (repeat)")
      ("confidence", po::value(&s.confidence_text)->default_value("0.95"),
       "one-sided confidence that each interval meets its targets, above 0.5 and below 1")
      ("shrinkage", po::value(&s.shrinkage_text)->default_value("0"),
       "share of rostered time agents are not available (0 to below 1): rosters requirement / (1 - shrinkage) "
       "and writes it as the groups' shrinkage")
      ("out,o", po::value(&s.out_path), "write the scenario with the roster as its groups' shifts (YAML)")
      ("force", "replace an existing --out file that callsim did not write")
      ("replications,r", po::value(&s.replications_text)->default_value("auto"),
       "replications per simulation, 2 to 100000; auto: about 2 million calls per simulation, 10 to 100")
      ("seed,s", po::value(&s.seed_text)->default_value("1"), "master seed: the same seed gives the same roster")
      ("threads,j", po::value(&s.threads_text)->default_value("0"),
       "worker threads, 0 to 1024 (0: one per core); the roster does not depend on it")
      ("max-evaluations", po::value(&s.max_evaluations_text)->default_value("200"),
       "most simulations the repair runs, 1 to 100000")
      ("time-limit", po::value(&s.time_limit_text)->default_value("60"), "CBC's time limit, seconds")
      ("progress", "show one line per simulation on stderr even when it is not a terminal")
      ("json", "print one JSON object instead of the tables");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&s.scenario_path));
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  try {
    const auto style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(args).options(all).positional(positional).style(style).run(), vm);
    po::notify(vm);
    if (!vm.count("help") && (s.scenario_path.empty() || s.requirements_path.empty() || s.shifts_path.empty()))
      throw po::error("give a SCENARIO, --requirements and --shifts");
  } catch (const po::error& e) {
    std::cerr << "callsim roster: " << e.what() << "\n" << kRosterUsage << "\n" << options;
    return kExitBadInput;
  }
  if (vm.count("help")) {
    std::cout << kRosterUsage << "\n" << options;
    return 0;
  }
  s.json = vm.count("json") > 0;
  s.force = vm.count("force") > 0;
  s.progress = vm.count("progress") > 0;
  try {
    s.time_limit = parse_real("--time-limit", s.time_limit_text, 0, Bound::EXCLUSIVE, 1e6, Bound::INCLUSIVE);
    s.shrinkage = parse_real("--shrinkage", s.shrinkage_text, 0, Bound::INCLUSIVE, 1, Bound::EXCLUSIVE);
    for (const std::string& text : s.target_texts) repair.targets.push_back(parse_target("--target", text));
    if (!repair.targets.empty()) plan::check_targets(repair.targets);
    repair.confidence = parse_real("--confidence", s.confidence_text, 0.5, Bound::EXCLUSIVE, 1, Bound::EXCLUSIVE);
    repair.replications =
        s.replications_text == "auto" ? 0 : parse_whole("--replications", s.replications_text, 2, 100000);
    repair.seed = parse_whole("--seed", s.seed_text, 0, std::numeric_limits<std::uint64_t>::max());
    repair.threads = static_cast<unsigned>(parse_whole("--threads", s.threads_text, 0, kMaxThreads));
    repair.max_evaluations = static_cast<int>(parse_whole("--max-evaluations", s.max_evaluations_text, 1, 100000));
  } catch (const OptionError& e) {
    std::cerr << "callsim roster: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const plan::StaffingError& e) {
    std::cerr << "callsim roster: --target: " << e.what() << "\n";
    return kExitBadInput;
  }
  return std::nullopt;
}

/// Where the roster scenario goes: --out, else beside the scenario (relative file names
/// then stay as they are).
std::string roster_path(const Settings& s) {
  if (!s.out_path.empty()) return s.out_path;
  const std::filesystem::path scenario(s.scenario_path);
  return (scenario.parent_path() / (scenario.stem().string() + "-roster.yaml")).string();
}

}  // namespace

int roster_command(const std::vector<std::string>& args) {
  const auto began = std::chrono::steady_clock::now();
  Settings s;
  plan::RosterRepairSettings repair;
  if (const auto code = parse_options(args, s, repair)) return *code;

  plan::RosterProblem problem;
  scenarios::LoadedScenario scenario;
  bool weekly = false;
  try {
    scenario = scenarios::load_scenario(s.scenario_path);
    if (!scenario.spec.day_mix.empty()) {
      throw scenarios::ScenarioError(s.scenario_path +
                                     ": the scenario has a day_mix, whose observed days give every group its agents "
                                     "on duty; a roster replaces them with shifts, so remove day_mix first");
    }
    std::vector<std::string> groups;
    for (const auto& g : scenario.spec.agent_groups) groups.push_back(g.name);
    problem.templates = scenarios::read_shift_templates(s.shifts_path, groups);
    const auto table = scenarios::ForecastTable::read(s.requirements_path, "--requirements", scenarios::kStaffingTable);
    problem.start = table.start();
    problem.interval = table.interval();
    problem.time_limit = s.time_limit;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      bool rostered = false;
      for (const auto& t : problem.templates) rostered = rostered || t.group == g;
      if (!rostered) continue;
      auto required = read_requirement(table, groups[g]);
      // Rows from the end of the counted period on (a staffing CSV's last row keeps agents
      // on to drain the queue) are the simulation's to handle, not shifts to pay for.
      const double counted_end = scenario.spec.time.clock_start.seconds() + scenario.spec.time.warmup.seconds() +
                                 scenario.spec.time.duration.seconds();
      while (!required.empty() &&
             problem.start + problem.interval * static_cast<double>(required.size() - 1) >= counted_end - 1e-6)
        required.pop_back();
      for (int& r : required) r = plan::rostered_for_on_duty(r, s.shrinkage);
      problem.groups.push_back({g, groups[g], std::move(required)});
    }
    // Day numbers only when the roster spans days (a staffing CSV's drain row on day 2 is cut).
    weekly = false;
    for (const auto& g : problem.groups)
      weekly = weekly || problem.start + problem.interval * static_cast<double>(g.required.size()) > 86400 + 1e-6;
    if (!s.out_path.empty()) {
      std::vector<InputPath> inputs{{"requirements", s.requirements_path}, {"shift templates", s.shifts_path}};
      for (const auto& input : scenario.inputs) inputs.push_back({input.role, input.path});
      OutputPath out = OutputPath::typed("--out", s.out_path, OutputKind::SCENARIO_FILE);
      out.header = "# " + std::string(kRosterHeader);
      check_outputs(inputs, {out}, s.force);
    }
  } catch (const scenarios::ScenarioError& e) {
    std::cerr << "callsim roster: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const OutputPathError& e) {
    std::cerr << "callsim roster: " << e.what() << "\n";
    return kExitBadInput;
  }

  const auto missing = plan::uncoverable_intervals(problem);
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i)
      list += std::string(i ? ", " : "") + missing[i].group_name + " " +
              scenarios::format_clock(missing[i].start, weekly) + " (" + std::to_string(missing[i].required) +
              " required)";
    if (missing.size() > 10) list += " and " + std::to_string(missing.size() - 10) + " more";
    std::cerr << "callsim roster: no shift template can have an agent on duty in " << missing.size()
              << (missing.size() == 1 ? " interval" : " intervals") << " with a requirement: " << list
              << "; add a template (or widen a start window) that covers them, or set their requirement to 0\n";
    return kExitBadInput;
  }

  const plan::RosterResult mip = plan::solve_roster(problem);
  if (!mip.found) {
    std::cerr << "callsim roster: CBC found no roster within " << s.time_limit
              << " s (the templates' min/max cannot meet the requirements, or the time limit is too short)\n";
    return 1;
  }

  std::ostringstream provenance;
  provenance << "from " << s.scenario_path << ", requirements " << s.requirements_path << ", templates "
             << s.shifts_path << (s.shrinkage > 0 ? ", shrinkage " + s.shrinkage_text : "");
  RosterScenarioSource source{&scenario, &problem, s.shrinkage, roster_path(s), provenance.str()};

  RosterReport report{&problem, &mip, nullptr, repair.targets, repair.confidence, s.shrinkage, weekly, 0, 0, 0};
  plan::RosterRepairResult repaired;
  try {
    // The roster as the scenario callsim run would run: also proves that it can be written.
    const scenarios::LoadedScenario as_run = load_roster_scenario(source, mip.shifts);
    report.counted_begin = as_run.spec.time.clock_start.seconds() + as_run.spec.time.warmup.seconds();
    report.interval = as_run.spec.time.interval.seconds();
    if (!repair.targets.empty()) {
      if (s.progress || ::isatty(STDERR_FILENO)) {
        repair.on_evaluation = [](int n, const std::string& phase, std::size_t meeting, std::size_t intervals,
                                  double cost) {
          std::fprintf(stderr, "  simulation %d (%s): %zu of %zu intervals meet the targets, cost %.2f\n", n,
                       phase.c_str(), meeting, intervals, cost);
        };
      }
      repaired = plan::repair_roster(
          problem, mip.shifts,
          [&](const std::vector<plan::RosteredShift>& shifts) { return load_roster_scenario(source, shifts); }, repair);
      report.repair = &repaired;
    }
  } catch (const scenarios::ScenarioError& e) {
    std::cerr << "callsim roster: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const models::SimulationError& e) {
    std::cerr << "callsim roster: " << s.scenario_path << ": " << e.what() << "\n";
    return kExitBadInput;
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();

  const bool unmet = report.repair && !report.repair->met;
  if (!s.out_path.empty() && !unmet) {
    try {
      report::write_file_atomically(s.out_path, roster_scenario_text(source, answer_shifts(report)));
    } catch (const report::ReportBusyError& e) {
      std::cerr << "callsim roster: " << e.what() << "\n";
      return kExitBadInput;
    } catch (const report::ReportError& e) {
      std::cerr << "callsim roster: " << e.what() << "\n";
      return 1;
    }
  }
  std::ostringstream o;
  if (s.json)
    print_roster_json(o, report);
  else
    print_roster_table(o, report);
  std::cout << o.str();
  if (unmet) {
    std::string list;
    const auto& missed = report.repair->missed;
    for (std::size_t i = 0; i < missed.size() && i < 10; ++i)
      list += std::string(i ? ", " : "") +
              scenarios::format_clock(report.counted_begin + report.interval * static_cast<double>(missed[i]), weekly);
    if (missed.size() > 10) list += " and " + std::to_string(missed.size() - 10) + " more";
    std::cerr << "callsim roster: after " << report.repair->evaluations << " simulations the roster still misses the "
              << "targets in " << missed.size() << (missed.size() == 1 ? " interval: " : " intervals: ") << list
              << (report.repair->stalled
                      ? "; adding agents no longer helps there, or the templates' max allow no more: "
                        "raise a template's max or add one, or check the target"
                      : "; allow more simulations with --max-evaluations")
              << (s.out_path.empty() ? "" : "; nothing written") << "\n";
    return kExitBadInput;
  }
  return 0;
}

}  // namespace callsim::app
