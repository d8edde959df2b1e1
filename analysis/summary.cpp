#include "analysis/summary.hpp"

#include <cmath>
#include <string>

#include "sim/statistics.hpp"

namespace callsim::analysis {

namespace {

/// Mean, std and 95% CI of `value(r)` over the replications where it is defined.
template <class Value>
KpiSummary summarize_values(std::string name, const std::vector<ReplicationResult>& replications, Value&& value) {
  sim::Tally tally;
  for (const ReplicationResult& r : replications) {
    const double v = value(r);
    if (!std::isnan(v)) tally.add(v);
  }
  return KpiSummary{std::move(name), tally.mean(), tally.std_dev(), tally.ci_half_width(0.95), tally.count()};
}

}  // namespace

std::vector<KpiSummary> summarize(const std::vector<ReplicationResult>& replications) {
  std::vector<KpiSummary> summary;
  for (const KpiDefinition& def : kpi_definitions()) {
    summary.push_back(summarize_values(std::string(def.name), replications,
                                       [&](const ReplicationResult& r) { return def.compute(r.total); }));
  }
  return summary;
}

std::vector<KpiSummary> summarize_call_type(const std::vector<ReplicationResult>& replications, std::size_t type,
                                            std::size_t types) {
  std::vector<KpiSummary> summary;
  for (const KpiDefinition& def : kpi_definitions()) {
    summary.push_back(summarize_values(std::string(def.name), replications, [&](const ReplicationResult& r) {
      KpiTally total;
      for (std::size_t i = 0; i * types + type < r.interval_types.size(); ++i)
        total += r.interval_types[i * types + type];
      return def.compute(total);
    }));
  }
  return summary;
}

std::vector<KpiSummary> summarize_interval(const std::vector<ReplicationResult>& replications, std::size_t interval) {
  std::vector<KpiSummary> summary;
  for (const KpiDefinition& def : kpi_definitions()) {
    summary.push_back(summarize_values(std::string(def.name), replications,
                                       [&](const ReplicationResult& r) { return def.compute(r.intervals[interval]); }));
  }
  return summary;
}

GroupSummary summarize_group(const std::vector<ReplicationResult>& replications, std::size_t group) {
  return GroupSummary{
      summarize_values("occupancy", replications,
                       [&](const ReplicationResult& r) { return r.groups[group].occupancy(); }),
      summarize_values("handled", replications,
                       [&](const ReplicationResult& r) { return static_cast<double>(r.groups[group].handled); }),
      summarize_values("aht", replications, [&](const ReplicationResult& r) { return r.groups[group].aht(); })};
}

}  // namespace callsim::analysis
