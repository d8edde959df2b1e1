#pragma once
/// \file
/// Simulated against observed, per interval: the accuracy of a scenario on the days of a
/// log, beside the baselines a planner knows and the noise no model can beat.
///
/// Per KPI (offered, answered, abandoned per day; service level, ASA, abandonment):
/// - the observed value: the interval's calls pooled over the D observed days;
/// - the simulated value: the interval's calls pooled over the R replications (each one
///   day), the same ratio of sums as the observed one, with a 95 % band for the pooled value
///   of D days: +- 1.96 se sqrt(R/D + 1), se the bootstrap standard error of the pooled
///   value over the replications (200 resamples, fixed seed);
/// - MAE and bias (simulated - observed) over the intervals where both are defined, and the
///   coverage: the share of those intervals whose observed value lies in the band;
/// - persistence: the previous period's observed value of the same interval (when given);
/// - Erlang A with the same inputs: the observed volume, the simulated agents on duty, the
///   scenario's mean service and patience (fractional agents interpolated linearly);
/// - the noise floor: the MAE between the observed values and their bootstrap over days
///   (200 resamples, fixed seed), what sampling the days alone puts between two periods.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/kpi.hpp"
#include "fit/observed_kpis.hpp"

namespace callsim::fit {

struct IntervalComparison {
  double observed = 0, simulated = 0, low = 0, high = 0;
  double persistence = 0;  ///< NaN without a previous period
  double erlang = 0;       ///< NaN where Erlang A says nothing (offered: it is the input)
};

struct KpiBacktest {
  std::string kpi;
  std::string unit;
  std::vector<IntervalComparison> intervals;
  IntervalComparison day;  ///< the whole counted period: every interval's calls together (no baselines)
  std::size_t n = 0;       ///< intervals where observed and simulated are defined
  double mae = 0, bias = 0, coverage = 0;
  double mae_persistence = 0, mae_erlang = 0, noise_floor = 0;  ///< NaN when not available
};

struct ErlangBaseline {
  double mean_service = 0;              ///< s, offered-weighted over call types
  std::optional<double> mean_patience;  ///< s; nullopt: no abandonment (Erlang C)
  double threshold = 20;                ///< s
};

struct Backtest {
  std::vector<KpiBacktest> kpis;
  std::size_t days = 0, replications = 0;
};

/// The KPIs compared, by name (analysis/kpi.hpp).
const std::vector<std::string>& backtest_kpis();

/// `simulated[r][i]`: replication r's tally of interval i (the window's intervals).
Backtest backtest(const ObservedKpis& observed, const std::vector<std::vector<analysis::KpiTally>>& simulated,
                  const ObservedKpis* previous, const ErlangBaseline& erlang, double interval_seconds);

}  // namespace callsim::fit
