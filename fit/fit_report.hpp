#pragma once
/// \file
/// fit-report.md and fit-report.json: every estimate of a fit, how it was made, what the
/// log held that was not used (and why), and the in-sample backtest, so that a planner can
/// judge the fitted scenario before using it. The JSON holds the same figures by name.

#include <optional>
#include <string>

#include "fit/backtest.hpp"
#include "fit/call_log.hpp"
#include "fit/fitted_center.hpp"
#include "fit/fitted_scenario.hpp"

namespace callsim::fit {

struct FitReportInputs {
  const CallLog* log = nullptr;
  const FittedCenter* center = nullptr;
  const ScenarioNaming* naming = nullptr;
  const FitOptions* options = nullptr;
  std::string format;                   ///< the log format read
  std::string command_line;             ///< for provenance
  const Backtest* in_sample = nullptr;  ///< none when it was not run
  double read_seconds = 0, fit_seconds = 0, backtest_seconds = 0;
};

std::string fit_report_markdown(const FitReportInputs& in);
std::string fit_report_json(const FitReportInputs& in);

/// A backtest as a Markdown table, one row per KPI (shared by fit-report.md and backtest).
std::string backtest_markdown_table(const Backtest& backtest);

}  // namespace callsim::fit
