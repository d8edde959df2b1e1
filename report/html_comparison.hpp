#pragma once
/// \file
/// The comparison part of the dashboard for files written by `callsim compare`: every
/// variant beside the baseline, the paired differences with their CIs and significance
/// marks, and the service level per interval of every variant in one chart.

#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "report/run_context.hpp"
#include "store/results_file.hpp"

namespace callsim::report {

/// <section class="card" id="comparison"> (table) and id="comparison-service-level" (chart).
std::string html_comparison(const store::ResultsFile& file, const std::vector<RunContext>& contexts, double sl_target);

}  // namespace callsim::report
