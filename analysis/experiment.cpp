#include "analysis/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <stdexcept>
#include <string>
#include <thread>

#include "analysis/in_order_delivery.hpp"
#include "analysis/kpi_collector.hpp"
#include "analysis/observer_tee.hpp"
#include "models/call_center.hpp"
#include "models/routing_policies.hpp"
#include "sim/replication_runner.hpp"
#include "sim/statistics.hpp"

namespace callsim::analysis {

ReplicationResult simulate_replication(const models::CenterSpec& spec, std::uint64_t seed,
                                       std::uint64_t replication) {
  return models::with_policy(spec.routing.policy, [&](auto policy) {
    KpiCollector collector(spec);
    models::CallCenter<KpiCollector, sim::EventCalendar, typename decltype(policy)::type> center(spec, seed, replication, collector);
    center.run_to_completion();
    return collector.finish(center.arrivals());
  });
}

ReplicationResult simulate_replication(const models::CenterSpec& spec, std::uint64_t seed, std::uint64_t replication,
                                       std::vector<CallRecord>& calls) {
  return models::with_policy(spec.routing.policy, [&](auto policy) {
    KpiCollector collector(spec);
    CallRecorder recorder(spec, static_cast<std::uint32_t>(replication));
    Tee<KpiCollector, CallRecorder> both(collector, recorder);
    models::CallCenter<Tee<KpiCollector, CallRecorder>, sim::EventCalendar, typename decltype(policy)::type> center(
        spec, seed, replication, both);
    center.run_to_completion();
    calls = recorder.finish();
    return collector.finish(center.arrivals());
  });
}

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


/// The replications with every call recorded, the rows handed to options.on_calls in
/// replication order.
std::vector<ReplicationResult> run_recording_calls(const models::CenterSpec& spec, const ExperimentOptions& options,
                                                   const std::function<void(std::size_t)>& progress) {
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  // Two per thread: a worker finishing early can start one more while a slow
  // replication holds up the writing, without the rows piling up behind it.
  // The delivery counts from 0; the consumer hears the replication's own number.
  InOrderDelivery<std::vector<CallRecord>> delivery(
      2 * std::size_t{threads}, [&](std::size_t r, std::vector<CallRecord>&& calls) {
        options.on_calls(static_cast<std::size_t>(options.first_replication + r), std::move(calls));
      });
  auto results = sim::run_replications<ReplicationResult>(
      options.replications, options.threads,
      [&](std::size_t r) {
        // Stopped: another replication failed and the runner rethrows its error.
        if (!delivery.wait_turn(r)) return ReplicationResult{};
        try {
          std::vector<CallRecord> calls;
          ReplicationResult result = simulate_replication(spec, options.seed, options.first_replication + r, calls);
          delivery.deliver(r, std::move(calls));
          return result;
        } catch (...) {
          delivery.stop();  // replication r will never be delivered: release the workers waiting on it
          throw;
        }
      },
      progress);
  if (delivery.delivered() != options.replications)
    throw std::logic_error("run_experiment: per-call rows of " + std::to_string(delivery.delivered()) + " of " +
                           std::to_string(options.replications) + " replications delivered");
  return results;
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
      for (std::size_t i = 0; i * types + type < r.interval_types.size(); ++i) total += r.interval_types[i * types + type];
      return def.compute(total);
    }));
  }
  return summary;
}

GroupSummary summarize_group(const std::vector<ReplicationResult>& replications, std::size_t group) {
  return GroupSummary{
      summarize_values("occupancy", replications,
                       [&](const ReplicationResult& r) {
                         return r.groups[group].occupancy();
                       }),
      summarize_values("handled", replications,
                       [&](const ReplicationResult& r) { return static_cast<double>(r.groups[group].handled); }),
      summarize_values("aht", replications, [&](const ReplicationResult& r) {
        return r.groups[group].aht();
      })};
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
  if (options.on_calls) {
    run.replications = run_recording_calls(spec, options, progress);
  } else {
    run.replications = sim::run_replications<ReplicationResult>(
        options.replications, options.threads,
        [&](std::size_t r) { return simulate_replication(spec, options.seed, options.first_replication + r); },
        progress);
  }
  run.summary = summarize(run.replications);
  return run;
}

void extend_run(RunResult& run, RunResult&& batch) {
  if (batch.name != run.name || batch.interval_seconds != run.interval_seconds ||
      batch.warmup_seconds != run.warmup_seconds || batch.call_types != run.call_types ||
      batch.agent_groups != run.agent_groups)
    throw std::invalid_argument("extend_run: the batch '" + batch.name + "' is not a run of the same scenario as '" +
                                run.name + "'");
  run.replications.insert(run.replications.end(), std::make_move_iterator(batch.replications.begin()),
                          std::make_move_iterator(batch.replications.end()));
  run.summary = summarize(run.replications);
}

}  // namespace callsim::analysis
