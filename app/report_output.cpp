#include "app/report_output.hpp"

#include <iostream>

#include "app/stored_scenario_inputs.hpp"
#include "report/csv_export.hpp"
#include "report/output_file.hpp"
#include "store/results_file.hpp"

namespace callsim::app {

int write_reports(const store::ResultsFile& file, const std::string& html_path, const std::string& csv_dir,
                  const report::ReportOptions& options, const std::string& command) {
  const std::vector<report::RunContext> contexts = report_contexts(file);
  try {
    if (!html_path.empty()) report::write_html_report(html_path, file, contexts, options);
    if (!csv_dir.empty()) report::write_csv_reports(csv_dir, file, contexts, options);
  } catch (const report::ReportBusyError& e) {  // another callsim writes it: choose another path
    std::cerr << command << ": " << e.what() << "\n";
    return 2;
  } catch (const report::ReportError& e) {
    std::cerr << command << ": " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace callsim::app
