#pragma once
/// \file
/// The primitives of an experiment: replications of the model with the KPI collector
/// attached, over a thread pool, and their summary across replications. Callers run
/// scenarios through run::Experiment (run/experiment_design.hpp), which builds on these,
/// run_distributed (MPI ranks) and the variants; tests use them directly.

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "analysis/run_result.hpp"
#include "analysis/summary.hpp"
#include "models/center_spec.hpp"
#include "run/call_records.hpp"

namespace callsim::run {

struct ExperimentOptions {
  std::uint64_t seed = 1;
  std::size_t replications = 10;
  /// Number of the first replication: the run holds replications first_replication ..
  /// first_replication + replications - 1, each the same as in a run started at 0, so a
  /// run can be extended in batches (extend_run) with the very results of one long run.
  std::uint64_t first_replication = 0;
  unsigned threads = 1;  ///< 0: one per hardware thread
  /// Called after each finished replication with the number done so far and the calls they
  /// simulated (under a lock, from a worker thread).
  std::function<void(std::size_t done, std::uint64_t calls)> on_progress;
  /// Interruption (callsim run on SIGINT/SIGTERM), read by the workers: 0 runs on; 1 starts
  /// no new replication, those in flight finish; 2 also abandons those in flight (checked
  /// every kInterruptCheckEvents events). run_in_process then returns only the longest
  /// prefix 0 .. n-1 of finished replications (with on_calls, of delivered ones), so the
  /// result is what a run of n replications gives. Null: never interrupted.
  const std::atomic<int>* interrupt = nullptr;
  /// When set, every call is recorded (the per-call table) and each replication's rows,
  /// ordered by call number, are handed here in replication order (first_replication,
  /// first_replication + 1, ...; the number is also in the rows), one
  /// replication at a time, from a worker thread. Workers then run at most 2 x threads
  /// replications ahead of the next one due, so memory holds a few replications' rows
  /// however many there are. An exception thrown here stops the run; run_in_process
  /// rethrows it.
  std::function<void(std::size_t replication, std::vector<CallRecord>&& calls)> on_calls;
};

/// How many events an interruptible replication runs between two looks at
/// ExperimentOptions::interrupt (a replication is simulated in slices of so many events;
/// the events, and so the results, are those of one uninterrupted run). At 5-10 million
/// events per second, a replication in flight stops within a fifth of a second.
inline constexpr std::uint64_t kInterruptCheckEvents = 1'000'000;

/// Replication `replication` of `spec` under `seed`, simulated to completion (arrivals stop
/// at the end of the counted period; calls in the system then finish). Throws
/// models::SimulationError when the scenario keeps the clock at one instant (a zero-time
/// loop, e.g. retrials of delay 0 behind a full queue); so do run_in_process (whatever the
/// thread count: the runner rethrows it) and the other overload.
analysis::ReplicationResult simulate_replication(const models::CenterSpec& spec, std::uint64_t seed,
                                                 std::uint64_t replication);

/// The same replication, the same result, with every call recorded into `calls` (by call
/// number). A separate model instantiation: the run without it pays nothing for recording.
analysis::ReplicationResult simulate_replication(const models::CenterSpec& spec, std::uint64_t seed,
                                                 std::uint64_t replication, std::vector<CallRecord>& calls);

/// All replications of `spec` and their summary; the run is named after the scenario.
/// The result is identical for any thread count. After an interruption (options.interrupt)
/// it holds fewer replications than asked for: the finished prefix.
analysis::RunResult run_in_process(const models::CenterSpec& spec, const ExperimentOptions& options);

/// Appends the replications of `batch` (a run_in_process of the same spec and seed whose
/// first_replication is the number of replications `run` has) to `run` and recomputes its
/// summary. Throws std::invalid_argument if the two runs' names, intervals, call types or
/// agent groups differ.
void extend_run(analysis::RunResult& run, analysis::RunResult&& batch);

}  // namespace callsim::run
