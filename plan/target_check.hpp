#pragma once
/// \file
/// Whether simulated replications meet a staffing target with a given confidence: the
/// one-sided Student-t bound of the KPI's mean across replications (mean - t s / sqrt(n) for
/// an "at least" target, mean + t s / sqrt(n) for "at most") must meet the target. This is
/// the acceptance rule of the staffing search, per interval or for the whole counted period.

#include <cstdint>
#include <span>
#include <vector>

#include "analysis/erlang_staffing.hpp"
#include "analysis/run_result.hpp"

namespace callsim::plan {

struct TargetCheck {
  double mean = 0;        ///< mean of the KPI over the replications where it is defined
  double half_width = 0;  ///< t_{confidence, n-1} s / sqrt(n); 0 when n < 2
  std::uint64_t n = 0;    ///< replications where the KPI is defined (e.g. some call was offered)
  bool meets = false;     ///< the one-sided bound meets the target; true when n = 0 (nothing to serve)
  /// The bound the decision used: mean - half_width (at least) or mean + half_width (at most).
  [[nodiscard]] double bound(analysis::StaffingTarget::Direction d) const {
    return d == analysis::StaffingTarget::Direction::AT_LEAST ? mean - half_width : mean + half_width;
  }
};

/// The one-sided Student-t quantile t with P(T <= t) = confidence for n - 1 degrees of
/// freedom (n >= 2, confidence in (0.5, 1)).
double one_sided_t(double confidence, std::uint64_t n);

/// The check of `target` on per-replication values (NaN: undefined in that replication,
/// left out). One defined value: it must meet on its own.
TargetCheck check_values(const analysis::StaffingTarget& target, std::span<const double> values, double confidence);

/// The KPI `kpi` (an analysis/kpi.hpp name) of interval `interval` in each replication of
/// `run` (the whole counted period when `interval` is run's interval count).
std::vector<double> interval_values(const analysis::RunResult& run, std::size_t kpi, std::size_t interval);

/// The check of `target` in every interval of `run` ([I]) and, last, for the whole counted
/// period ([I + 1] entries in all). Throws std::invalid_argument when the target's KPI is
/// not one the simulation tallies.
std::vector<TargetCheck> check_run(const analysis::RunResult& run, const analysis::StaffingTarget& target,
                                   double confidence);

}  // namespace callsim::plan
