#pragma once
/// \file
/// What a log shows per interval, as the simulation's own tallies: each logged call filed
/// under the interval it reached the agents (the simulation files a call under its arrival
/// at the queue too), so that every KPI is computed by the same analysis::KpiDefinition.

#include <cstdint>
#include <vector>

#include "analysis/kpi.hpp"
#include "fit/arrival_profile.hpp"
#include "fit/call_log.hpp"

namespace callsim::fit {

struct ObservedKpis {
  /// [day of `days`][interval of the window]
  std::vector<std::vector<analysis::KpiTally>> by_day;
  /// [interval]: every day's tallies added (the pooled observation of the period)
  std::vector<analysis::KpiTally> pooled;
};

/// The tallies of `days` over `window`; a call's wait counts against `threshold` seconds.
/// Calls that ended in the IVR, or reached the agents outside the window, are not offered.
ObservedKpis observed_kpis(const CallLog& log, const std::vector<std::uint32_t>& days, const OpenWindow& window,
                           double threshold);

/// The KPIs of `tally` divided by `days` where a KPI is a count (offered, answered, ...):
/// counts are per day, ratios as they are.
double kpi_per_day(const analysis::KpiTally& tally, std::size_t kpi, double days);

}  // namespace callsim::fit
