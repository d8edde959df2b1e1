#include "analysis/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/statistics.hpp"

namespace callsim::analysis {

namespace {

/// I of the run: every replication must have the same number of intervals.
std::size_t interval_count(const RunResult& run) {
  const std::size_t intervals = run.replications.empty() ? 0 : run.replications[0].intervals.size();
  for (std::size_t r = 0; r < run.replications.size(); ++r)
    if (run.replications[r].intervals.size() != intervals)
      throw std::invalid_argument("compare_runs: replication " + std::to_string(r) + " of run '" + run.name + "' has " +
                                  std::to_string(run.replications[r].intervals.size()) +
                                  " intervals but replication 0 has " + std::to_string(intervals));
  return intervals;
}

void check_comparable(const std::vector<RunResult>& runs) {
  if (runs.empty()) throw std::invalid_argument("compare_runs: no runs to compare");
  const RunResult& base = runs[0];
  const std::size_t intervals = interval_count(base);
  for (std::size_t v = 1; v < runs.size(); ++v) {
    const RunResult& run = runs[v];
    const std::string prefix = "compare_runs: run '" + run.name + "' has ";
    const std::string suffix = " but the baseline '" + base.name + "' has ";
    if (run.replications.size() != base.replications.size())
      throw std::invalid_argument(prefix + std::to_string(run.replications.size()) + " replications" + suffix +
                                  std::to_string(base.replications.size()));
    if (interval_count(run) != intervals)
      throw std::invalid_argument(prefix + std::to_string(interval_count(run)) + " intervals" + suffix +
                                  std::to_string(intervals));
    if (run.interval_seconds != base.interval_seconds || run.warmup_seconds != base.warmup_seconds)
      throw std::invalid_argument(prefix + "other reporting intervals (length or warm-up)" + suffix +
                                  "(intervals are compared one by one)");
  }
}

/// One KPI's value in each replication, taken from `tally_of(replication)`.
template <class TallyOf>
std::vector<double> per_replication(const RunResult& run, const KpiDefinition& def, TallyOf&& tally_of) {
  std::vector<double> values;
  values.reserve(run.replications.size());
  for (const ReplicationResult& r : run.replications) values.push_back(def.compute(tally_of(r)));
  return values;
}

VariantComparison compare_pair(const RunResult& variant, const RunResult& baseline) {
  VariantComparison out{variant.name, baseline.name, {}, {}};
  const auto defs = kpi_definitions();
  for (const KpiDefinition& def : defs) {
    const auto total = [](const ReplicationResult& r) -> const KpiTally& { return r.total; };
    out.day.push_back(paired_difference(std::string(def.name), per_replication(variant, def, total),
                                        per_replication(baseline, def, total)));
  }
  const std::size_t intervals = interval_count(baseline);
  out.intervals.reserve(intervals * defs.size());
  for (std::size_t i = 0; i < intervals; ++i) {
    const auto interval = [i](const ReplicationResult& r) -> const KpiTally& { return r.intervals[i]; };
    for (const KpiDefinition& def : defs)
      out.intervals.push_back(paired_difference(std::string(def.name), per_replication(variant, def, interval),
                                                per_replication(baseline, def, interval)));
  }
  return out;
}

}  // namespace

PairedDifference paired_difference(std::string kpi, const std::vector<double>& variant,
                                   const std::vector<double>& baseline) {
  if (variant.size() != baseline.size())
    throw std::invalid_argument("paired_difference: " + std::to_string(variant.size()) + " values against " +
                                std::to_string(baseline.size()));
  sim::Tally tally;
  for (std::size_t r = 0; r < variant.size(); ++r)
    if (!std::isnan(variant[r]) && !std::isnan(baseline[r])) tally.add(variant[r] - baseline[r]);
  PairedDifference d{std::move(kpi), tally.mean(), tally.std_dev(), tally.ci_half_width(0.95), tally.count(), false};
  // Written so that a NaN half-width (n < 2) is never significant.
  d.significant = d.n >= 2 && std::abs(d.mean) > d.ci95;
  return d;
}

Comparison compare_runs(const std::vector<RunResult>& runs) {
  check_comparable(runs);
  Comparison comparison{runs[0].name, {}};
  for (std::size_t v = 1; v < runs.size(); ++v) comparison.variants.push_back(compare_pair(runs[v], runs[0]));
  return comparison;
}

double max_difference_half_width(const std::vector<RunResult>& runs, std::string_view kpi) {
  const auto defs = kpi_definitions();
  const auto def = std::find_if(defs.begin(), defs.end(), [&](const KpiDefinition& d) { return d.name == kpi; });
  if (def == defs.end())
    throw std::invalid_argument("max_difference_half_width: unknown KPI '" + std::string(kpi) + "'");
  check_comparable(runs);
  const auto total = [](const ReplicationResult& r) -> const KpiTally& { return r.total; };
  const std::vector<double> base = per_replication(runs[0], *def, total);
  // A lone run: its own CI, as the difference from a constant 0.
  if (runs.size() == 1) return paired_difference(std::string(kpi), base, std::vector<double>(base.size(), 0)).ci95;
  double widest = 0;
  for (std::size_t v = 1; v < runs.size(); ++v) {
    const double h = paired_difference(std::string(kpi), per_replication(runs[v], *def, total), base).ci95;
    if (std::isnan(h)) return std::numeric_limits<double>::quiet_NaN();
    widest = std::max(widest, h);
  }
  return widest;
}

}  // namespace callsim::analysis
