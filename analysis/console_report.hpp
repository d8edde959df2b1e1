#pragma once
/// \file
/// The summary table `callsim run` prints: each KPI's mean with its 95% CI, in units a
/// planner reads (percentages for fractions, seconds for times).

#include <ostream>

#include "analysis/run_result.hpp"

namespace callsim::analysis {

/// Writes an aligned table of `run.summary` to `out`.
void print_summary_table(std::ostream& out, const RunResult& run);

}  // namespace callsim::analysis
