#pragma once
/// \file
/// What `callsim compare` prints: each variant's KPIs with their 95% CIs side by side, each
/// variant's paired difference to the baseline, and the intervals where a service-level
/// difference is significant. KPIs and units are shown as in print_summary_table.

#include <ostream>
#include <vector>

#include "analysis/run_result.hpp"

namespace callsim::report {

/// One row per KPI the summary table would show (table_shows_kpi, for any run), columns:
/// each run's mean +/- 95% CI half-width, then for each variant of `comparison` its paired
/// difference to the baseline +/- its 95% CI half-width, marked `*` when significant;
/// then a legend. `runs` are the compared runs, baseline first.
void print_comparison_table(std::ostream& out, const std::vector<analysis::RunResult>& runs,
                            const analysis::Comparison& comparison);

/// The compact view: one row per run (baseline first) with its headline KPIs (service level,
/// ASA, abandonment, occupancy, and callbacks when any run makes some), each variant's value
/// followed by its paired difference to the baseline, +/- the 95% CI half-width, `*` when
/// significant.
void print_variant_table(std::ostream& out, const std::vector<analysis::RunResult>& runs,
                         const analysis::Comparison& comparison);

/// The reporting intervals in which some variant's service-level difference is significant,
/// one row each with every variant's difference (start as the clock time of day, the
/// scenario's `time.start` being `clock_start_seconds`), or one line saying there is none. Not corrected for testing
/// many intervals: with I intervals about I/20 flags are expected by chance alone, which the output says.
void print_interval_differences(std::ostream& out, const std::vector<analysis::RunResult>& runs,
                                const analysis::Comparison& comparison, double clock_start_seconds = 0);

}  // namespace callsim::report
