// callsim run SCENARIO: simulate replications, print the summary, write the results file.

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstdint>
#include <iostream>
#include <string>
#include <optional>
#include <thread>
#include <algorithm>
#include <vector>

#include <boost/program_options.hpp>

#include "analysis/console_report.hpp"
#include "analysis/erlang_reference.hpp"
#include "analysis/experiment.hpp"
#include "analysis/json_report.hpp"
#include "analysis/results_store.hpp"
#include "app/commands.hpp"
#include "app/report_output.hpp"
#include "report/run_scenario.hpp"
#include "report/worst_intervals.hpp"
#include "scenarios/loader.hpp"

namespace po = boost::program_options;

namespace callsim::app {

namespace {

constexpr const char* kRunUsage = "usage: callsim run SCENARIO [options]\n\nSimulates SCENARIO (a YAML file) and reports each KPI's mean with its 95% confidence interval.\n";

std::string join(const std::vector<std::string>& args) {
  std::string out = "callsim run";
  for (const auto& a : args) out += " " + a;
  return out;
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::uint64_t replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  std::string out_path;
  std::string report_path;
  options.add_options()
      ("help,h", "show this help")
      ("replications,r", po::value(&replications)->default_value(10), "independent replications of the scenario")
      ("seed,s", po::value(&seed)->default_value(1), "master seed: the same seed gives the same results")
      ("threads,j", po::value(&threads)->default_value(0), "worker threads (0: one per core); results do not depend on it")
      ("out,o", po::value(&out_path), "HDF5 results file (default: <scenario name>.h5)")
      ("calls", "also write one row per simulated call to the results file (table /<run>/calls; "
                "about 33 MB and 1 s of writing per million calls)")
      ("report", po::value(&report_path), "also write the HTML dashboard of the results to this file (docs/reports.md)")
      ("json", "print one JSON object with each KPI's mean and CI instead of the table")
      ("quiet,q", "print nothing but errors (and --json output)");
  po::options_description hidden;
  std::string scenario_path;
  hidden.add_options()("scenario", po::value(&scenario_path));
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("scenario", 1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "callsim run: " << e.what() << "\n" << kRunUsage << options;
    return kExitBadInput;
  }
  if (vm.count("help")) {
    std::cout << kRunUsage << "\n" << options;
    return 0;
  }
  if (scenario_path.empty()) {
    std::cerr << "callsim run: no scenario given\n" << kRunUsage;
    return kExitBadInput;
  }
  if (replications < 1) {
    std::cerr << "callsim run: --replications must be at least 1\n";
    return kExitBadInput;
  }
  const bool json = vm.count("json") > 0;
  const bool quiet = vm.count("quiet") > 0;

  scenarios::LoadedScenario scenario;
  try {
    scenario = scenarios::load_scenario(scenario_path);
  } catch (const scenarios::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return kExitBadInput;
  }
  for (const auto& warning : scenario.warnings) std::cerr << "warning: " << warning << "\n";
  if (out_path.empty()) out_path = scenario.spec.name + ".h5";
  const bool record_calls = vm.count("calls") > 0;
  // Opened now: an unwritable path fails before an hour of simulation (the writer runs
  // check_writable first), and the per-call rows go to the file as replications finish
  // instead of piling up in memory.
  std::optional<analysis::ResultsWriter> writer;
  try {
    writer.emplace(out_path);
    if (!report_path.empty()) analysis::check_writable(report_path);
  } catch (const analysis::ResultsStoreError& e) {
    std::cerr << "callsim run: " << e.what() << "\n";
    return kExitBadInput;
  }

  const auto start = std::chrono::steady_clock::now();
  analysis::ExperimentOptions experiment;
  experiment.seed = seed;
  experiment.replications = replications;
  experiment.threads = threads;
  if (record_calls) {
    experiment.on_calls = [&](std::size_t, std::vector<analysis::CallRecord>&& calls) {
      writer->append_calls(scenario.spec.name, calls);
    };
  }
  analysis::RunResult run;
  try {
    run = analysis::run_experiment(scenario.spec, experiment);
  } catch (const analysis::ResultsStoreError& e) {  // writing the per-call rows failed
    std::cerr << "callsim run: " << e.what() << "\n";
    return 1;
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::uint64_t calls = 0;
  for (const auto& r : run.replications) calls += r.calls_simulated;

  analysis::ResultsFile file;
  file.callsim_version = CALLSIM_VERSION;
  file.command_line = join(args);
  file.seed = seed;
  file.scenario_path = scenario.path;
  file.scenario_text = scenario.text;
  file.runs.push_back(run);
  try {
    writer->finish(file);
  } catch (const analysis::ResultsStoreError& e) {
    std::cerr << "callsim run: " << e.what() << "\n";
    return 1;
  }

  if (!report_path.empty()) {
    report::ReportOptions options;
    options.results_path = out_path;  // its per-call table, if --calls wrote one
    if (const int code = write_reports(file, report_path, "", options, "callsim run")) return code;
  }

  if (json) {
    analysis::write_json_summary(std::cout, file.runs, calls, wall);
  } else if (!quiet) {
    std::cout << "scenario " << run.name << " (" << scenario.path << "): " << replications << " replications, seed "
              << seed << "\n";
    analysis::ConsoleStyle style;
    style.color = analysis::use_color(::isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR"));
    if (scenario.costs && scenario.costs->sla) style.sl_target = scenario.costs->sla->target;
    // Beside the simulated figures, the exact ones where a textbook formula applies.
    if (const auto exact = analysis::erlang_reference(scenario.spec)) {
      std::vector<double> values;
      for (const auto& s : run.summary) values.push_back(analysis::erlang_kpi_value(*exact, scenario.spec, s.kpi));
      analysis::print_summary_table(std::cout, run, &values,
                                    scenario.spec.call_types[0].patience ? "Erlang A exact" : "Erlang C exact", style);
    } else {
      analysis::print_summary_table(std::cout, run, nullptr, {}, style);
    }
    report::RunScenario labels;
    labels.clock_start = scenario.spec.time.clock_start.seconds();
    labels.clock_known = true;
    report::print_worst_intervals(std::cout, run, labels, 3, style);
    if (run.call_types.size() > 1 || run.agent_groups.size() > 1) analysis::print_breakdown(std::cout, run);
    std::cout << "\n" << calls << " calls simulated in " << wall << " s ("
              << static_cast<std::uint64_t>(wall > 0 ? calls / wall : 0) << " calls/s on "
              << (threads ? threads : std::max(1u, std::thread::hardware_concurrency())) << " threads); results in "
              << out_path << (report_path.empty() ? "" : ", dashboard in " + report_path) << "\n";
  }
  return 0;
}

}  // namespace callsim::app
