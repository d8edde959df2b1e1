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

namespace callsim::report {

/// `v` as the tables show it: fractions as percentages ("85.20%"), seconds as "12.34 s",
/// anything else with one decimal; "n/a" for NaN.
std::string format_kpi_value(double v, std::string_view unit);

/// Whether the tables show KPI `k` of `summary` (analysis::kpi_definitions() order): the
/// first eleven always; the outcome counts after them (balked, blocked, IVR, ...) only when
/// the scenario has them (a KPI undefined in every replication, NaN, is left out too); the
/// end-to-end service level and ASA only when callers redial (else they repeat the plain ones).
bool table_shows_kpi(const std::vector<analysis::KpiSummary>& summary, std::size_t k);

/// How the console tables may be styled.
struct ConsoleStyle {
  bool color = false;      ///< ANSI colours (only on a terminal, and never with NO_COLOR set)
  double sl_target = 0.8;  ///< service level against which the service_level row is coloured
};

/// Whether `callsim` may colour its output: stdout is a terminal and the NO_COLOR
/// environment variable (no-color.org) is unset or empty; `no_color` is its value or null.
bool use_color(bool stdout_is_tty, const char* no_color);

/// `text` wrapped in the ANSI colour `code` ("31" red, "32" green, "33" yellow, "1" bold)
/// when `style.color`, else unchanged.
std::string paint(const std::string& text, const char* code, const ConsoleStyle& style);

/// Writes a compact table of `run.summary` to `out`: columns as wide as their contents,
/// numbers right-aligned. With `exact` (one value per KPI, in summary order, NaN where
/// none), adds a column of exact figures headed `exact_label`. With colour, the
/// service level is green when its whole CI meets the target, red when it all misses it,
/// yellow between.
void print_summary_table(std::ostream& out, const analysis::RunResult& run, const std::vector<double>* exact = nullptr,
                         std::string_view exact_label = {}, const ConsoleStyle& style = {});

/// Writes, per call type, offered calls, service level, ASA and abandonment, and per agent
/// group, occupancy, calls handled and AHT (means with 95% CI half-widths).
void print_breakdown(std::ostream& out, const analysis::RunResult& run);

}  // namespace callsim::report
