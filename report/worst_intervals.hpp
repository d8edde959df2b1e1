#pragma once
/// \file
/// The intervals a planner should look at first, listed under `callsim run`'s table.

#include <ostream>
#include <vector>

#include "analysis/run_result.hpp"
#include "report/console_report.hpp"
#include "report/run_context.hpp"

namespace callsim::report {

/// The `count` intervals with the lowest mean service level (undefined ones skipped),
/// lowest first; ties keep interval order.
std::vector<std::size_t> worst_intervals(const analysis::RunResult& run, std::size_t count);

/// "worst intervals by service level:" and one line per worst interval with its clock
/// time, service level +/- CI, ASA, abandonment and offered calls; red where the service
/// level is below `style.sl_target`. Prints nothing for a run of one interval.
void print_worst_intervals(std::ostream& out, const analysis::RunResult& run, const RunContext& context,
                           std::size_t count, const report::ConsoleStyle& style);

}  // namespace callsim::report
