#pragma once
/// \file
/// Paired comparison of runs made on common random numbers: every run of a comparison has
/// the same seed and replications, so replication r of each saw the same callers (service
/// demand, patience and IVR path are drawn at arrival from the call type's streams) and
/// the per-replication differences vary far less than two independent runs would.
/// The plain result structs (PairedDifference, VariantComparison, Comparison) are in
/// run_result.hpp, beside the other data the results store holds.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/run_result.hpp"

namespace callsim::analysis {

/// The paired difference `variant - baseline` of values taken replication by replication
/// (the two vectors have the same length). Replications where either value is NaN are left
/// out. Student-t 95% CI; significant when n >= 2 and |mean| > ci95, so a difference that is
/// exactly 0 in every replication is mean 0, ci95 0 and not significant.
PairedDifference paired_difference(std::string kpi, const std::vector<double>& variant,
                                   const std::vector<double>& baseline);

/// runs[1..] against runs[0], every KPI of the day (replication totals) and of each
/// interval. Throws std::invalid_argument if `runs` is empty, or the runs differ in their
/// number of replications, in their number of intervals (or a run's replications among
/// themselves), or in interval length or warm-up (interval i must be the same clock period
/// in every run for the pairing to mean anything).
/// Cost: O(runs x replications x intervals x KPIs).
Comparison compare_runs(const std::vector<RunResult>& runs);

/// What the sequential mode of `callsim compare` watches: the largest ci95 of the day-level
/// paired difference of `kpi` over the variants runs[1..] against runs[0]; for a single run,
/// the ci95 of the KPI itself. NaN if any of them is (fewer than two replications where the
/// KPI is defined). Throws std::invalid_argument for an unknown KPI name or as compare_runs.
double max_difference_half_width(const std::vector<RunResult>& runs, std::string_view kpi);

/// How a sequential comparison ended, for the reports.
struct SequentialOutcome {
  std::string kpi;
  double target_ci = 0;            ///< the half-width asked for, in the KPI's unit
  double half_width = 0;           ///< max_difference_half_width() at the end
  std::uint64_t replications = 0;  ///< replications run per variant
  bool met = false;                ///< half_width <= target_ci
};

}  // namespace callsim::analysis
