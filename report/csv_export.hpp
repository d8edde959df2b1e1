#pragma once
/// \file
/// The CSV files MIS teams load into spreadsheets (docs/reports.md): the interval report
/// (interval x call type), the daily summary, the agent-group productivity report and its
/// per-interval form.
/// Every figure is a mean over replications with its 95% CI half-width beside it in a
/// `<name>_ci95` column; an undefined figure is an empty cell; numbers have 12 significant
/// digits (csv_number).

#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "report/html_report.hpp"
#include "report/run_context.hpp"
#include "store/results_file.hpp"

namespace callsim::report {

/// intervals.csv: run, interval, interval_start, call_type, then offered, answered,
/// abandoned, service_level, asa, aht, occupancy, agents, each with its _ci95, then
/// required and staffing. One row per interval and call type, then a row `all` for the
/// interval (the only one with occupancy, agents, required and staffing: agent time is not
/// split by call type). `required` is the Erlang requirement of report/staffing.hpp at the
/// run's service-level target and `options.shrinkage`; `staffing` the interval's verdict by
/// the simulated service level: under, over or on_target (staffing_verdict).
std::string intervals_csv(const store::ResultsFile& file, const std::vector<RunContext>& contexts,
                          const ReportOptions& options = {});

/// daily.csv: run, kpi, unit, mean, ci95, low, high, std, n: every KPI of the file's
/// summary, then, for runs whose scenario has `costs`, the money rows (docs/reports.md).
std::string daily_csv(const store::ResultsFile& file, const std::vector<RunContext>& contexts);

/// agent_groups.csv: run, agent_group, then staffed_hours, handle_hours, occupancy,
/// calls_handled, calls_per_hour, aht, each with its _ci95.
std::string agent_groups_csv(const store::ResultsFile& file);

/// interval_groups.csv: run, interval, interval_start, agent_group, then agents (on duty,
/// mean over the interval), occupancy, calls_handled (calls that arrived in the interval),
/// aht, each with its _ci95. Cells are empty for files that do not hold the per-interval
/// group tallies (format 3 and the first format 4 files).
std::string interval_groups_csv(const store::ResultsFile& file, const std::vector<RunContext>& contexts);

/// Writes the four files into `dir` (created if missing), each atomically. Throws ReportError.
void write_csv_reports(const std::string& dir, const store::ResultsFile& file, const std::vector<RunContext>& contexts,
                       const ReportOptions& options = {});

}  // namespace callsim::report
