#pragma once
/// \file
/// Writing the HTML dashboard and CSV files of a store::ResultsFile, shared by `callsim report`
/// and the `--report` option of `run` and `compare`.

#include <string>

#include "analysis/run_result.hpp"
#include "report/html_report.hpp"
#include "store/results_file.hpp"

namespace callsim::app {

/// Writes the page to `html_path` and the CSV files into `csv_dir` (each skipped when "").
/// Prints "COMMAND: <message>" to stderr and returns 1 on failure, else 0.
int write_reports(const store::ResultsFile& file, const std::string& html_path, const std::string& csv_dir,
                  const report::ReportOptions& options, const std::string& command);

}  // namespace callsim::app
