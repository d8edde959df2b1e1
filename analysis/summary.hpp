#pragma once
/// \file
/// Summaries across replications: each KPI's mean, standard deviation and Student-t 95%
/// confidence interval, for the whole run, per call type and per agent group.

#include <cstddef>
#include <vector>

#include "analysis/run_result.hpp"

namespace callsim::analysis {

/// Every KPI of the replication totals: mean, std, Student-t 95% CI half-width, n.
std::vector<KpiSummary> summarize(const std::vector<ReplicationResult>& replications);

/// Every KPI of call type `type` (of `types`) over the whole counted period, across
/// replications (agent-time KPIs are undefined per type).
std::vector<KpiSummary> summarize_call_type(const std::vector<ReplicationResult>& replications, std::size_t type,
                                            std::size_t types);

/// Every KPI of reporting interval `interval` across replications (what a report's
/// per-interval table shows: each KPI's mean and CI).
std::vector<KpiSummary> summarize_interval(const std::vector<ReplicationResult>& replications, std::size_t interval);

/// One agent group across replications: occupancy, calls handled, AHT.
struct GroupSummary {
  KpiSummary occupancy;
  KpiSummary handled;
  KpiSummary aht;
};
GroupSummary summarize_group(const std::vector<ReplicationResult>& replications, std::size_t group);

}  // namespace callsim::analysis
