#pragma once
/// \file
/// The summary table `callsim run` prints: each KPI's mean with its 95% CI, in units a
/// planner reads (percentages for fractions, seconds for times).

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/run_result.hpp"

namespace callsim::analysis {

/// `v` as the tables show it: fractions as percentages ("85.20%"), seconds as "12.34 s",
/// anything else with one decimal; "n/a" for NaN.
std::string format_kpi_value(double v, std::string_view unit);

/// Whether the tables show KPI `k` (kpi_definitions() order) whose mean is `mean`: the
/// first eleven always; the outcome counts after them (balked, blocked, IVR, ...) only when
/// the scenario has them.
bool table_shows_kpi(std::size_t k, double mean);

/// Writes an aligned table of `run.summary` to `out`. With `exact` (one value per KPI, in
/// summary order, NaN where none), adds a column of exact figures headed `exact_label`.
void print_summary_table(std::ostream& out, const RunResult& run, const std::vector<double>* exact = nullptr,
                         std::string_view exact_label = {});

/// Writes, per call type, offered calls, service level, ASA and abandonment, and per agent
/// group, occupancy, calls handled and AHT (means with 95% CI half-widths).
void print_breakdown(std::ostream& out, const RunResult& run);

}  // namespace callsim::analysis
