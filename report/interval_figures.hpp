#pragma once
/// \file
/// The per-interval and per-call-type figures the reports show, each a mean over
/// replications with its 95% CI, derived from the tallies of a analysis::RunResult. Intervals add
/// nothing of their own: every figure is a KPI of the interval's tally (analysis/kpi.hpp)
/// or one of the two below.

#include <cstddef>
#include <string_view>
#include <vector>

#include "analysis/run_result.hpp"
#include "report/estimate.hpp"

namespace callsim::report {

/// Index of KPI `name` in analysis::kpi_definitions(); throws std::logic_error for an unknown name.
using analysis::kpi_index;

/// Average handle time (talk + after-call work) of a tally's agent-handled calls, s: NaN
/// when none, or when the tally came from a file without handle times.
double tally_aht(const analysis::KpiTally& t);

/// Agents present on average over an interval of `interval_seconds`: staffed agent-seconds
/// / interval length (breaks excluded, as in staffed time).
double tally_agents(const analysis::KpiTally& t, double interval_seconds);

/// The run's number of intervals (0 without replications).
std::size_t interval_count(const analysis::RunResult& run);

/// KPI `kpi` (analysis::kpi_definitions() index) of each interval, across replications.
std::vector<Estimate> interval_kpi(const analysis::RunResult& run, std::size_t kpi);

/// KPI `kpi` of call type `type` in interval `interval`, across replications.
Estimate interval_type_kpi(const analysis::RunResult& run, std::size_t interval, std::size_t type, std::size_t kpi);

/// `value(tally)` of each interval's tally, across replications.
template <class Value>
std::vector<Estimate> interval_values(const analysis::RunResult& run, Value&& value) {
  std::vector<Estimate> out;
  for (std::size_t i = 0; i < interval_count(run); ++i)
    out.push_back(estimate_over(run, [&](const analysis::ReplicationResult& r) { return value(r.intervals[i]); }));
  return out;
}

/// KPI `kpi` of call type `type` over the whole counted period, across replications.
Estimate type_kpi(const analysis::RunResult& run, std::size_t type, std::size_t kpi);

/// AHT of call type `type` over the counted period, across replications.
Estimate type_aht(const analysis::RunResult& run, std::size_t type);

}  // namespace callsim::report
