#include "run/experiment.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "analysis/kpi_collector.hpp"
#include "models/call_center.hpp"
#include "models/routing_policies.hpp"
#include "run/in_order_delivery.hpp"
#include "run/observer_tee.hpp"
#include "sim/replication_runner.hpp"
#include "sim/statistics.hpp"

namespace callsim::run {

namespace {

/// Runs `center` to completion and returns true; with `interrupt`, kInterruptCheckEvents
/// events at a time, giving up (false) once it reaches 2. The slices see the very events, in
/// the very order, of one run_to_completion(), and a replication whose simulated time hardly
/// moves still looks at the flag several times a second.
template <class Center>
bool run_center(Center& center, const std::atomic<int>* interrupt) {
  if (!interrupt) {
    center.run_to_completion();
    return true;
  }
  do {
    if (interrupt->load(std::memory_order_relaxed) >= 2) return false;
  } while (!center.run_events(kInterruptCheckEvents));
  return true;
}

/// One replication, with every call recorded into `*calls` when it is given; nullopt when
/// abandoned on an interruption.
std::optional<analysis::ReplicationResult> simulate(const models::CenterSpec& spec, std::uint64_t seed,
                                                    std::uint64_t replication, std::vector<CallRecord>* calls,
                                                    const std::atomic<int>* interrupt) {
  return models::with_policy(spec.routing.policy, [&](auto policy) -> std::optional<analysis::ReplicationResult> {
    using Policy = typename decltype(policy)::type;
    analysis::KpiCollector collector(spec);
    if (!calls) {
      models::CallCenter<analysis::KpiCollector, sim::EventCalendar, Policy> center(spec, seed, replication, collector);
      if (!run_center(center, interrupt)) return std::nullopt;
      return collector.finish(center.arrivals());
    }
    CallRecorder recorder(spec, static_cast<std::uint32_t>(replication));
    Tee<analysis::KpiCollector, CallRecorder> both(collector, recorder);
    models::CallCenter<Tee<analysis::KpiCollector, CallRecorder>, sim::EventCalendar, Policy> center(spec, seed,
                                                                                                     replication, both);
    if (!run_center(center, interrupt)) return std::nullopt;
    *calls = recorder.finish();
    return collector.finish(center.arrivals());
  });
}

}  // namespace

analysis::ReplicationResult simulate_replication(const models::CenterSpec& spec, std::uint64_t seed,
                                                 std::uint64_t replication) {
  return *simulate(spec, seed, replication, nullptr, nullptr);
}

analysis::ReplicationResult simulate_replication(const models::CenterSpec& spec, std::uint64_t seed,
                                                 std::uint64_t replication, std::vector<CallRecord>& calls) {
  return *simulate(spec, seed, replication, &calls, nullptr);
}

namespace {

/// Whether the workers should start no new replication.
bool stop_starting(const ExperimentOptions& options) {
  return options.interrupt && options.interrupt->load(std::memory_order_relaxed) >= 1;
}

/// What the workers tell the progress report: which replications finished (an
/// abandoned one did not) and the calls they simulated.
struct Finished {
  explicit Finished(std::size_t count) : replication(count, 0) {}
  /// Records replication r's outcome; each r is written by the worker that ran it, which
  /// then reads it back in the runner's on_done, so no lock is needed.
  std::optional<analysis::ReplicationResult> note(std::size_t r, std::optional<analysis::ReplicationResult> result) {
    if (result) {
      replication[r] = 1;
      calls.fetch_add(result->calls_simulated, std::memory_order_relaxed);
    }
    return result;
  }
  std::vector<char> replication;
  std::atomic<std::uint64_t> calls{0};
};

/// The replications, each slot filled when it finished (an interruption leaves some
/// empty); with options.on_calls, every call recorded and the rows handed over in
/// replication order. `delivered` is then how many replications' rows were handed over.
std::vector<std::optional<analysis::ReplicationResult>> run_all(const models::CenterSpec& spec,
                                                                const ExperimentOptions& options, Finished& finished,
                                                                const std::function<void(std::size_t)>& progress,
                                                                std::size_t& delivered) {
  const std::function<bool()> stop = [&] { return stop_starting(options); };
  if (!options.on_calls) {
    delivered = options.replications;
    return sim::run_replications<std::optional<analysis::ReplicationResult>>(
        options.replications, options.threads,
        [&](std::size_t r) {
          return finished.note(r,
                               simulate(spec, options.seed, options.first_replication + r, nullptr, options.interrupt));
        },
        progress, stop);
  }
  const unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  // Two per thread: a worker finishing early can start one more while a slow
  // replication holds up the writing, without the rows piling up behind it.
  // The delivery counts from 0; the consumer hears the replication's own number.
  InOrderDelivery<std::vector<CallRecord>> delivery(
      2 * std::size_t{threads}, [&](std::size_t r, std::vector<CallRecord>&& calls) {
        options.on_calls(static_cast<std::size_t>(options.first_replication + r), std::move(calls));
      });
  auto results = sim::run_replications<std::optional<analysis::ReplicationResult>>(
      options.replications, options.threads,
      [&](std::size_t r) -> std::optional<analysis::ReplicationResult> {
        // Stopped: another replication failed (the runner rethrows its error) or one was
        // abandoned on an interruption (the rows after it will never be due).
        if (!delivery.wait_turn(r)) return std::nullopt;
        try {
          std::vector<CallRecord> calls;
          auto result = simulate(spec, options.seed, options.first_replication + r, &calls, options.interrupt);
          if (!result) {
            delivery.stop();
            return std::nullopt;
          }
          delivery.deliver(r, std::move(calls));
          return finished.note(r, std::move(result));
        } catch (...) {
          delivery.stop();  // replication r will never be delivered: release the workers waiting on it
          throw;
        }
      },
      progress, stop);
  delivered = delivery.delivered();
  if (!options.interrupt && delivered != options.replications)
    throw std::logic_error("run_in_process: per-call rows of " + std::to_string(delivered) + " of " +
                           std::to_string(options.replications) + " replications delivered");
  return results;
}

}  // namespace

analysis::RunResult run_in_process(const models::CenterSpec& spec, const ExperimentOptions& options) {
  std::size_t done = 0;
  Finished finished(options.replications);
  std::function<void(std::size_t)> progress;
  if (options.on_progress) {
    // The runner calls this under its lock, on the thread that ran replication r.
    progress = [&](std::size_t r) {
      if (!finished.replication[r]) return;  // abandoned: not done
      options.on_progress(++done, finished.calls.load(std::memory_order_relaxed));
    };
  }
  analysis::RunResult run;
  run.name = spec.name;
  run.interval_seconds = spec.time.interval.seconds();
  run.warmup_seconds = spec.time.warmup.seconds();
  run.service_level_threshold = spec.service_level_threshold.seconds();
  for (const auto& type : spec.call_types) run.call_types.push_back(type.name);
  for (const auto& group : spec.agent_groups) run.agent_groups.push_back(group.name);
  std::size_t delivered = 0;
  std::vector<std::optional<analysis::ReplicationResult>> slots = run_all(spec, options, finished, progress, delivered);
  // The finished prefix: after an interruption the file must be what a run of that many
  // replications writes, per-call rows included.
  std::size_t prefix = 0;
  while (prefix < slots.size() && prefix < delivered && slots[prefix]) ++prefix;
  run.replications.reserve(prefix);
  for (std::size_t r = 0; r < prefix; ++r) run.replications.push_back(std::move(*slots[r]));
  run.summary = analysis::summarize(run.replications);
  return run;
}

void extend_run(analysis::RunResult& run, analysis::RunResult&& batch) {
  if (batch.name != run.name || batch.interval_seconds != run.interval_seconds ||
      batch.warmup_seconds != run.warmup_seconds || batch.call_types != run.call_types ||
      batch.agent_groups != run.agent_groups)
    throw std::invalid_argument("extend_run: the batch '" + batch.name + "' is not a run of the same scenario as '" +
                                run.name + "'");
  run.replications.insert(run.replications.end(), std::make_move_iterator(batch.replications.begin()),
                          std::make_move_iterator(batch.replications.end()));
  run.summary = analysis::summarize(run.replications);
}

}  // namespace callsim::run
