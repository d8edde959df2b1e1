#pragma once
/// \file
/// Cost, revenue and SLA penalties of a run under a scenario's prices (models/cost_spec.hpp),
/// per replication from its tallies, then as means with 95% CIs; and the probability that
/// the contract's service-level target is missed.

#include <cstdint>
#include <vector>

#include "analysis/run_result.hpp"
#include "models/cost_spec.hpp"
#include "report/estimate.hpp"

namespace callsim::report {

/// One replication's money, in the CostSpec's currency.
struct ReplicationCosts {
  double paid_hours = 0;             ///< staffed agent hours, every group
  double trunk_minutes = 0;          ///< callers on a line: waits of answered and abandoned calls + talk, min
  double labour = 0;                 ///< sum over groups of staffed hours x agent_hour
  double trunk = 0;                  ///< trunk_minutes x trunk_minute
  double revenue = 0;                ///< handled calls x revenue_per_call + paid hours x revenue_per_hour
  std::uint64_t periods_missed = 0;  ///< intervals (or 0/1 day) below the SLA target
  double penalty = 0;                ///< periods_missed x penalty
  double net = 0;                    ///< revenue - labour - trunk - penalty
  bool missed = false;               ///< the contract was missed: the day, or at least one interval
};

/// The money of replication `r`. An interval without calls to judge (service level
/// undefined) does not miss. Trunk minutes are NaN when the tallies lack talk times (a
/// file written before they were stored); so are trunk, net.
ReplicationCosts replication_costs(const analysis::ReplicationResult& r, const models::CostSpec& costs);

/// A proportion with its Wilson score 95% interval (good for small n and p near 0 or 1).
struct Proportion {
  std::uint64_t k = 0;
  std::uint64_t n = 0;
  double p = 0;
  double low = 0;
  double high = 0;
};
/// k successes out of n > 0; for n = 0 everything is NaN.
Proportion wilson_interval(std::uint64_t k, std::uint64_t n);

/// Every figure of ReplicationCosts across the run's replications.
struct CostSummary {
  Estimate paid_hours, trunk_minutes, labour, trunk, revenue, periods_missed, penalty, net;
  Proportion miss;  ///< replications that missed the contract (all 0 without an SLA)
};
CostSummary summarize_costs(const analysis::RunResult& run, const models::CostSpec& costs);

}  // namespace callsim::report
