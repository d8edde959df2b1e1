#include "plan/target_check.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "analysis/kpi.hpp"
#include "sim/statistics.hpp"

namespace callsim::plan {

double one_sided_t(double confidence, std::uint64_t n) {
  // P(T <= t) = c one-sided is the two-sided quantile at 2c - 1.
  return sim::student_t_quantile(2 * confidence - 1, n - 1);
}

TargetCheck check_values(const analysis::StaffingTarget& target, std::span<const double> values, double confidence) {
  sim::Tally tally;
  for (const double v : values)
    if (!std::isnan(v)) tally.add(v);
  TargetCheck check;
  check.n = tally.count();
  if (check.n == 0) {
    check.mean = std::nan("");
    check.meets = true;
    return check;
  }
  check.mean = tally.mean();
  check.half_width =
      check.n >= 2 ? one_sided_t(confidence, check.n) * tally.std_dev() / std::sqrt(static_cast<double>(check.n)) : 0;
  check.meets = analysis::meets(target, check.bound(target.direction));
  return check;
}

std::vector<double> interval_values(const analysis::RunResult& run, std::size_t kpi, std::size_t interval) {
  const analysis::KpiDefinition& def = analysis::kpi_definitions()[kpi];
  std::vector<double> values;
  values.reserve(run.replications.size());
  for (const analysis::ReplicationResult& r : run.replications)
    values.push_back(def.compute(interval < r.intervals.size() ? r.intervals[interval] : r.total));
  return values;
}

std::vector<TargetCheck> check_run(const analysis::RunResult& run, const analysis::StaffingTarget& target,
                                   double confidence) {
  const auto kpi = analysis::find_kpi(target.kpi);
  if (!kpi) throw std::invalid_argument("'" + target.kpi + "' is not a KPI the simulation tallies");
  const std::size_t intervals = run.replications.empty() ? 0 : run.replications.front().intervals.size();
  std::vector<TargetCheck> checks;
  for (std::size_t i = 0; i <= intervals; ++i)
    checks.push_back(check_values(target, interval_values(run, *kpi, i), confidence));
  return checks;
}

}  // namespace callsim::plan
