// callsim report RESULTS.h5: the HTML dashboard and the CSV files of a results file.

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.hpp"
#include "app/option_values.hpp"
#include "app/output_paths.hpp"
#include "app/report_output.hpp"
#include "store/results_store.hpp"

namespace po = boost::program_options;

namespace callsim::app {

namespace {

constexpr const char* kReportUsage =
    "usage: callsim report RESULTS.h5 [--html report.html] [--csv DIR] [options]\n\n"
    "Writes the dashboard (one self-contained HTML page) and/or the CSV interval, daily and agent-group\n"
    "reports of a results file written by callsim run or callsim compare (docs/reports.md).\n";

}  // namespace

int report_command(const std::vector<std::string>& args) {
  po::options_description options("options");
  std::string html_path, csv_dir, shrinkage_text, sl_target_text;
  report::ReportOptions report_options;
  // clang-format off
  options.add_options()
      ("help,h", "show this help")
      ("html", po::value(&html_path), "write the dashboard to this HTML file")
      ("csv", po::value(&csv_dir), "write intervals.csv, daily.csv, agent_groups.csv and interval_groups.csv into this directory")
      ("shrinkage", po::value(&shrinkage_text)->default_value("0"),
       "share of paid time agents are unavailable, from 0 to below 1: required staffing is the Erlang figure / (1 - "
       "shrinkage)")
      ("sl-target", po::value(&sl_target_text)->default_value("0.8"),
       "service-level target (a fraction above 0 and at most 1) where the scenario's costs.sla gives none")
      ("force", "replace existing files that callsim did not write (reports of callsim are replaced without it)");
  // clang-format on
  po::options_description hidden;
  std::string results_path;
  hidden.add_options()("results", po::value(&results_path));
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("results", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "callsim report: " << e.what() << "\n" << kReportUsage << options;
    return kExitBadInput;
  }
  if (vm.count("help")) {
    std::cout << kReportUsage << "\n" << options;
    return 0;
  }
  if (results_path.empty()) {
    std::cerr << "callsim report: no results file given\n" << kReportUsage;
    return kExitBadInput;
  }
  if (!vm.count("html") && !vm.count("csv")) {
    std::cerr << "callsim report: nothing to write; give --html FILE, --csv DIR or both\n";
    return kExitBadInput;
  }
  try {
    report_options.shrinkage = parse_real("--shrinkage", shrinkage_text, 0, Bound::INCLUSIVE, 1, Bound::EXCLUSIVE);
    report_options.default_sl_target =
        parse_real("--sl-target", sl_target_text, 0, Bound::EXCLUSIVE, 1, Bound::INCLUSIVE);
    // Before reading: the results file itself, an existing file callsim did not write, or
    // a directory that does not exist is refused before anything is written.
    std::vector<OutputPath> outputs;
    if (vm.count("html")) outputs.push_back(OutputPath::typed("--html", html_path, OutputKind::HTML_REPORT));
    if (vm.count("csv")) outputs.push_back(OutputPath::typed("--csv", csv_dir, OutputKind::CSV_DIR));
    check_outputs({{"results file", results_path}}, outputs, vm.count("force") > 0);
  } catch (const OptionError& e) {
    std::cerr << "callsim report: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const OutputPathError& e) {
    std::cerr << "callsim report: " << e.what() << "\n";
    return kExitBadInput;
  }
  store::ResultsFile file;
  try {
    file = store::read_results_file(results_path);
  } catch (const store::ResultsStoreError& e) {
    std::cerr << "callsim report: " << e.what() << "\n";
    return kExitBadInput;
  }
  report_options.results_path = results_path;
  return write_reports(file, html_path, csv_dir, report_options, "callsim report");
}

}  // namespace callsim::app
