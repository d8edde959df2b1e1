#pragma once
/// \file
/// The HTML dashboard of a results file: one self-contained page (docs/reports.md).
/// `callsim report` builds it from a file read back, `callsim run/compare --report` from
/// the store::ResultsFile still in memory; both go through html_report().

#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "report/run_context.hpp"
#include "store/results_file.hpp"

namespace callsim::report {

struct ReportOptions {
  /// Share of paid time agents are unavailable, in [0, 1): required staffing is the
  /// Erlang figure / (1 - shrinkage).
  double shrinkage = 0;
  /// Service-level target where the scenario's `costs.sla` gives none.
  double default_sl_target = 0.8;
  /// The results file on disk, whose per-call tables (if any) give the exact waiting-time
  /// distribution; "" when there is none to read.
  std::string results_path;
};

/// The page for `file`; `contexts` from run_contexts(file).
std::string html_report(const store::ResultsFile& file, const std::vector<RunContext>& contexts,
                        const ReportOptions& options);

/// html_report() written atomically to `path`. Throws ReportError.
void write_html_report(const std::string& path, const store::ResultsFile& file, const std::vector<RunContext>& contexts,
                       const ReportOptions& options);

}  // namespace callsim::report
