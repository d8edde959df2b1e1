// callsim staff: the fewest agents per interval (and agent group) that meet staffing targets,
// by simulation of the scenario itself (plan/staffing_search.hpp) or period by period Erlang;
// written as the scenario's staffing CSV, shown per interval with the simulated KPI and its
// bound.

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "app/bad_input.hpp"
#include "app/commands.hpp"
#include "app/option_values.hpp"
#include "app/output_paths.hpp"
#include "app/staff_output.hpp"
#include "app/staffing_csv.hpp"
#include "app/target_option.hpp"
#include "models/simulation_error.hpp"
#include "plan/staffing_search.hpp"
#include "report/output_file.hpp"
#include "run/forecast.hpp"
#include "scenarios/limits.hpp"
#include "scenarios/loader.hpp"

namespace po = boost::program_options;

namespace callsim::app {

namespace {

constexpr const char* kStaffUsage =
    "usage: callsim staff SCENARIO --target KPI>=X [--target ...] [options]\n"
    "\n"
    "The fewest whole agents per interval, and per agent group, whose simulated KPIs meet\n"
    "every target with the given confidence (the one-sided Student-t bound of the mean over\n"
    "the replications), for the scenario's own routing, skills, abandonment and load. The\n"
    "search starts from period-by-period Erlang, then simulates, raises the intervals that\n"
    "miss and takes agents away where the interval and its neighbours still meet, all on\n"
    "the same seed (common random numbers). --out writes the answer as a staffing CSV that\n"
    "`staffing: FILE.csv` plugs back into every agent group (see docs/staffing.md).\n"
    "Targets: service_level, service_level_answered, service_level_offered (>=); p_wait,\n"
    "asa, awt, abandon_rate, occupancy (<=). Fractions as 0.8 or 80%, times as 20s.\n";

struct Settings {
  std::string scenario_path;
  std::vector<std::string> target_texts;
  std::vector<std::string> overrides;
  std::string per = "interval", method = "simulation";
  std::string confidence_text = "0.95", shrinkage_text = "0", fte_hours_text = "8";
  std::string replications_text = "auto", seed_text = "1", threads_text = "0";
  std::string max_agents_text, max_evaluations_text = "400";
  std::string out_path;
  bool json = false, quiet = false, force = false, progress = false;
};

std::optional<int> parse_options(const std::vector<std::string>& args, Settings& s, po::variables_map& vm,
                                 StaffOutputOptions& shown, plan::StaffingSearchSettings& search) {
  po::options_description options("options");
  options.add_options()("help,h", "show this help")(
      "target", po::value(&s.target_texts)->composing(),
      "a target every interval (or the day) must meet, KPI>=X or KPI<=X (repeat), e.g. 'service_level>=80%'")(
      "per", po::value(&s.per)->default_value("interval"),
      "where the targets apply: interval (each reporting interval) or day (the whole counted period)")(
      "confidence", po::value(&s.confidence_text)->default_value("0.95"),
      "one-sided confidence that each interval meets its target, above 0.5 and below 1")(
      "method", po::value(&s.method)->default_value("simulation"),
      "simulation (the search) or erlang (period by period Erlang C, or A with patience, then simulated once)")(
      "shrinkage", po::value(&s.shrinkage_text)->default_value("0"),
      "share of paid time agents are not available (0 to below 1): paid hours = agent-hours / (1 - shrinkage)")(
      "fte-hours", po::value(&s.fte_hours_text)->default_value("8"),
      "paid hours of one full-time agent per day, for the FTE total (above 0, at most 24)")(
      "replications,r", po::value(&s.replications_text)->default_value("auto"),
      "replications per simulation, 2 to 100000; auto: about 2 million calls per simulation, 10 to 100")(
      "seed,s", po::value(&s.seed_text)->default_value("1"), "master seed: the same seed gives the same answer")(
      "threads,j", po::value(&s.threads_text)->default_value("0"),
      "worker threads, 0 to 1024 (0: one per core); the answer does not depend on it")(
      "max-agents", po::value(&s.max_agents_text),
      "most agents of one group in one interval the search may give (default 100000)")(
      "max-evaluations", po::value(&s.max_evaluations_text)->default_value("400"),
      "most simulations of the scenario the search runs, 1 to 100000")(
      "out,o", po::value(&s.out_path), "write the staffing as a staffing CSV (interval_start,<group>,...)")(
      "force", "replace an existing --out file that callsim did not write")(
      "set", po::value(&s.overrides)->composing(), "override a scenario value, key=value (repeat)")(
      "progress", "show one line per simulation on stderr even when it is not a terminal")(
      "json", "print one JSON object instead of the table")("quiet,q", "print nothing but errors (and --json)");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&s.scenario_path));
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "callsim staff: " << e.what() << "\n" << kStaffUsage;
    return kExitBadInput;
  }
  if (vm.count("help")) {
    std::cout << kStaffUsage << "\n" << options;
    return 0;
  }
  s.json = vm.count("json") > 0;
  s.quiet = vm.count("quiet") > 0;
  s.force = vm.count("force") > 0;
  s.progress = vm.count("progress") > 0;
  try {
    if (s.scenario_path.empty()) throw OptionError("no scenario given (callsim staff SCENARIO --target ...)");
    if (s.target_texts.empty())
      throw OptionError("give at least one --target, e.g. --target 'service_level>=0.8' (" + std::string(kTargetHelp) +
                        ")");
    for (const std::string& text : s.target_texts) search.targets.push_back(parse_target("--target", text));
    plan::check_targets(search.targets);
    if (s.per != "interval" && s.per != "day")
      throw OptionError("--per '" + s.per + "' is not valid: expected interval or day");
    if (s.method != "simulation" && s.method != "erlang")
      throw OptionError("--method '" + s.method + "' is not valid: expected simulation or erlang");
    if (s.method == "erlang" && s.per == "day")
      throw OptionError("--method erlang staffs each interval on its own; --per day needs --method simulation");
    search.scope =
        s.per == "day" ? plan::StaffingSearchSettings::Scope::DAY : plan::StaffingSearchSettings::Scope::INTERVAL;
    search.method = s.method == "erlang" ? plan::StaffingSearchSettings::Method::ERLANG
                                         : plan::StaffingSearchSettings::Method::SIMULATION;
    search.confidence = parse_real("--confidence", s.confidence_text, 0.5, Bound::EXCLUSIVE, 1, Bound::EXCLUSIVE);
    shown.shrinkage = parse_real("--shrinkage", s.shrinkage_text, 0, Bound::INCLUSIVE, 1, Bound::EXCLUSIVE);
    shown.fte_hours = parse_real("--fte-hours", s.fte_hours_text, 0, Bound::EXCLUSIVE, 24, Bound::INCLUSIVE);
    search.replications =
        s.replications_text == "auto" ? 0 : parse_whole("--replications", s.replications_text, 2, 100000);
    search.seed = parse_whole("--seed", s.seed_text, 0, std::numeric_limits<std::uint64_t>::max());
    search.threads = static_cast<unsigned>(parse_whole("--threads", s.threads_text, 0, kMaxThreads));
    search.max_agents = scenarios::limits::kAgentsPerGroup;
    if (vm.count("max-agents"))
      search.max_agents = static_cast<int>(parse_whole("--max-agents", s.max_agents_text, 1,
                                                       static_cast<std::uint64_t>(scenarios::limits::kAgentsPerGroup)));
    search.max_evaluations = static_cast<int>(parse_whole("--max-evaluations", s.max_evaluations_text, 1, 100000));
  } catch (const OptionError& e) {
    std::cerr << "callsim staff: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const plan::StaffingError& e) {
    std::cerr << "callsim staff: --target: " << e.what() << "\n";
    return kExitBadInput;
  }
  return std::nullopt;
}

/// The staffing CSV's header, as staffing_csv writes it: how an earlier --out is recognised.
std::string csv_header(const scenarios::LoadedScenario& scenario) {
  std::string header = "interval_start";
  for (const auto& g : scenario.spec.agent_groups) header += "," + g.name;
  return header;
}

}  // namespace

int staff_command(const std::vector<std::string>& args) {
  Settings s;
  po::variables_map vm;
  StaffOutputOptions shown;
  plan::StaffingSearchSettings search;
  if (const auto code = parse_options(args, s, vm, shown, search)) return *code;

  scenarios::LoadedScenario scenario;
  try {
    scenario = scenarios::load_scenario(s.scenario_path, s.overrides);
    if (!scenario.spec.day_mix.empty()) {
      throw BadInput(
          "the scenario has a day_mix: its observed days give the staffing, so there is no one plan to "
          "search; remove day_mix (the groups' own staffing stays) to staff it");
    }
    const models::TimeSpec& time = scenario.spec.time;
    const std::size_t intervals = run::reporting_intervals(time);
    if (vm.count("out")) {
      if (const auto problem = staffing_csv_problem(time, intervals)) throw BadInput("--out: " + *problem);
      std::vector<InputPath> inputs;
      for (const auto& input : scenario.inputs) inputs.push_back({input.role, input.path});
      OutputPath out = OutputPath::typed("--out", s.out_path, OutputKind::CSV_FILE);
      out.header = csv_header(scenario);
      check_outputs(inputs, {out}, s.force);
    }
  } catch (const scenarios::ScenarioError& e) {
    const std::string message = e.what();
    std::cerr << (message.rfind("--set", 0) == 0 ? "callsim staff: " : "") << message << "\n";
    return kExitBadInput;
  } catch (const BadInput& e) {
    std::cerr << "callsim staff: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const OutputPathError& e) {
    std::cerr << "callsim staff: " << e.what() << "\n";
    return kExitBadInput;
  }

  const bool progress = !s.quiet && (s.progress || ::isatty(STDERR_FILENO));
  if (progress) {
    search.on_evaluation = [](int n, const std::string& phase, std::size_t meeting, std::size_t intervals,
                              double agent_hours) {
      std::fprintf(stderr, "  simulation %d (%s): %zu of %zu intervals meet the targets", n, phase.c_str(), meeting,
                   intervals);
      if (agent_hours > 0) std::fprintf(stderr, ", %.1f agent-hours", agent_hours);
      std::fprintf(stderr, "\n");
    };
  }
  const auto began = std::chrono::steady_clock::now();
  plan::StaffingSearchResult result;
  try {
    result = plan::search_staffing(scenario, search);
  } catch (const plan::StaffingError& e) {
    std::cerr << "callsim staff: " << s.scenario_path << ": " << e.what() << "\n";
    return kExitBadInput;
  } catch (const models::SimulationError& e) {
    std::cerr << "callsim staff: " << s.scenario_path << ": " << e.what() << "\n";
    return kExitBadInput;
  }
  shown.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  shown.threads = search.threads ? search.threads : std::max(1u, std::thread::hardware_concurrency());

  if (vm.count("out")) {
    try {
      report::write_file_atomically(s.out_path, staffing_csv(scenario.spec.time, result.plan, result.run.agent_groups));
    } catch (const report::ReportBusyError& e) {
      std::cerr << "callsim staff: " << e.what() << "\n";
      return kExitBadInput;
    } catch (const report::ReportError& e) {
      std::cerr << "callsim staff: " << e.what() << "\n";
      return 1;
    }
  }
  shown.out_path = vm.count("out") ? s.out_path : "";
  if (s.json) {
    print_staff_json(std::cout, scenario, search, result, shown);
  } else if (!s.quiet) {
    print_staff_table(std::cout, scenario, search, result, shown);
  }
  return 0;
}

}  // namespace callsim::app
