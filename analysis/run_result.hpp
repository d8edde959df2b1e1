#pragma once
/// \file
/// What a run produces: per-replication tallies and their summary across replications.
/// Plain data shared by the runner, the results store and the reports.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/kpi.hpp"

namespace callsim::analysis {

/// What one agent group did in the counted period (agent time clipped to the period;
/// calls by the interval of their arrival, like every other count).
struct GroupTally {
  double staffed_time = 0;    ///< agent-seconds staffed
  double busy_time = 0;       ///< agent-seconds in service: talk and after-call work
  std::uint64_t handled = 0;  ///< counted calls answered by the group
  double handle_time = 0;     ///< sum of those calls' talk + after-call work, s (AHT numerator)

  /// busy / staffed; NaN when the group was never staffed.
  [[nodiscard]] double occupancy() const { return kpi_ratio(busy_time, staffed_time); }
  /// Average handle time (talk + after-call work), s; NaN when it handled no call.
  [[nodiscard]] double aht() const { return kpi_ratio(handle_time, static_cast<double>(handled)); }

  /// Adds every raw field (analysis/tally_fields.hpp).
  GroupTally& operator+=(const GroupTally& o);
};

/// One replication's tallies: the whole counted period, each reporting interval, each
/// (interval, call type), each agent group and each (interval, agent group).
struct ReplicationResult {
  KpiTally total;
  std::vector<KpiTally> intervals;          ///< [I]: interval i covers [warmup + i*interval, ...)
  std::vector<KpiTally> interval_types;     ///< [I x K], row-major: (interval i, call type k) at i*K + k;
                                            ///< agent time is not split by type (0 here)
  std::vector<GroupTally> groups;           ///< [G], one per agent group
  std::vector<GroupTally> interval_groups;  ///< [I x G], row-major: (interval i, group g) at i*G + g;
                                            ///< agent time clipped to the interval, calls by the
                                            ///< interval of their arrival; sums to `groups`
  std::uint64_t calls_simulated = 0;        ///< every arrival, warm-up included
};

/// One KPI across replications. NaN replications (KPI undefined) are left out of n.
struct KpiSummary {
  std::string kpi;
  double mean = 0;
  double std_dev = 0;   ///< sample standard deviation across replications
  double ci95 = 0;      ///< half-width of the Student-t 95% confidence interval of the mean
  std::uint64_t n = 0;  ///< replications in which the KPI is defined
};

/// A named run (a scenario, or a policy in a comparison) and everything it produced.
struct RunResult {
  std::string name;
  double interval_seconds = 0;            ///< reporting interval length
  double warmup_seconds = 0;              ///< start of interval 0 in simulated time
  double service_level_threshold = 0;     ///< T of the service-level KPIs, seconds
  std::vector<std::string> call_types;    ///< names, in the order of interval_types' K axis
  std::vector<std::string> agent_groups;  ///< names, in the order of groups
  std::vector<ReplicationResult> replications;
  std::vector<KpiSummary> summary;  ///< one row per KPI, kpi_definitions() order
};

/// One KPI's paired difference, variant minus baseline, across replications: replication r
/// of both ran on the same random numbers, so d_r = variant_r - baseline_r is taken per
/// replication and its Student-t 95% CI is computed from the d_r (analysis/comparison.hpp).
struct PairedDifference {
  std::string kpi;
  double mean = 0;           ///< mean of d_r, in the KPI's unit
  double std_dev = 0;        ///< sample standard deviation of d_r; NaN if n < 2
  double ci95 = 0;           ///< half-width of the Student-t 95% CI of the mean of d_r; NaN if n < 2
  std::uint64_t n = 0;       ///< replications in which the KPI is defined in both runs
  bool significant = false;  ///< n >= 2 and the CI excludes 0: |mean| > ci95
};

/// One variant against the baseline.
struct VariantComparison {
  std::string variant;                      ///< run name
  std::string baseline;                     ///< run name
  std::vector<PairedDifference> day;        ///< one per KPI, kpi_definitions() order, from the replication totals
  std::vector<PairedDifference> intervals;  ///< [I x KPI], row-major: (interval i, KPI s) at i*S + s
};

/// Every variant (runs 1..) of a comparison against the baseline (run 0).
struct Comparison {
  std::string baseline;
  std::vector<VariantComparison> variants;
};

}  // namespace callsim::analysis
