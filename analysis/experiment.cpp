#include "analysis/experiment.hpp"

#include <cmath>
#include <string>

#include "analysis/kpi_collector.hpp"
#include "models/call_center.hpp"
#include "sim/replication_runner.hpp"
#include "sim/statistics.hpp"

namespace callsim::analysis {

ReplicationResult simulate_replication(const models::CenterSpec& spec, std::uint64_t seed,
                                       std::uint64_t replication) {
  KpiCollector collector(spec);
  models::CallCenter<KpiCollector> center(spec, seed, replication, collector);
  center.run_to_completion();
  return collector.finish(center.arrivals());
}

std::vector<KpiSummary> summarize(const std::vector<ReplicationResult>& replications) {
  const auto definitions = kpi_definitions();
  std::vector<KpiSummary> summary;
  summary.reserve(definitions.size());
  for (const KpiDefinition& def : definitions) {
    sim::Tally tally;
    for (const ReplicationResult& r : replications) {
      const double value = def.compute(r.total);
      if (!std::isnan(value)) tally.add(value);
    }
    summary.push_back(KpiSummary{std::string(def.name), tally.mean(), tally.std_dev(), tally.ci_half_width(0.95),
                                 tally.count()});
  }
  return summary;
}

RunResult run_experiment(const models::CenterSpec& spec, const ExperimentOptions& options) {
  std::size_t done = 0;
  std::function<void(std::size_t)> progress;
  if (options.on_progress) progress = [&](std::size_t) { options.on_progress(++done); };
  RunResult run;
  run.name = spec.name;
  run.interval_seconds = spec.time.interval.seconds();
  run.warmup_seconds = spec.time.warmup.seconds();
  run.service_level_threshold = spec.service_level_threshold.seconds();
  for (const auto& type : spec.call_types) run.call_types.push_back(type.name);
  for (const auto& group : spec.agent_groups) run.agent_groups.push_back(group.name);
  run.replications = sim::run_replications<ReplicationResult>(
      options.replications, options.threads,
      [&](std::size_t r) { return simulate_replication(spec, options.seed, r); }, progress);
  run.summary = summarize(run.replications);
  return run;
}

}  // namespace callsim::analysis
