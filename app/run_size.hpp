#pragma once
/// \file
/// How big a run will be, estimated from the specs and options before anything is
/// simulated: the calls and events to simulate, the interval tallies kept in memory until the
/// results are written, the peak memory and the results file's size. Pure arithmetic on the
/// specs (no allocation of the run itself), in doubles so that absurd inputs (a duration of
/// 1e300 h) give a huge figure instead of a wrapped one. The command line compares the
/// figures with the machine (app/run_size_check.hpp).

#include <cstdint>
#include <vector>

#include "models/center_spec.hpp"

namespace callsim::app {

/// What the run is asked to do besides the specs.
struct RunSizeOptions {
  /// Replications of every variant, the most the run may reach (the sequential mode of
  /// compare: --max-replications). Counted whole: those read from a resumed file too.
  std::uint64_t replications = 1;
  /// Replications read from the file being resumed (its copy stays in memory beside the run).
  std::uint64_t held_replications = 0;
  unsigned threads = 1;       ///< worker threads, resolved (>= 1): replications in flight
  bool record_calls = false;  ///< --calls: the per-call table, streamed to the file
  bool comparison = false;    ///< compare: /comparison, and every run also copied into the file's contents
};

/// Bytes of one row of the per-call table in the file, compressed (measured on the shipped
/// scenarios: about 33 MB per million calls).
inline constexpr double kCallRowFileBytes = 33;
/// Events per simulated call, roughly: arrival, abandonment timer, answer, end of talk, end
/// of after-call work (IVR nodes add one each).
inline constexpr double kEventsPerCall = 5;

/// Memory per call in the system (the call, its place in a queue, its events in the
/// calendar), measured on a queue growing without bound: about 110 bytes without patience,
/// 270 with it.
inline constexpr double kBytesPerCallInSystem = 300;

/// The estimate. Counts and bytes are doubles: they may exceed any integer type.
struct RunSize {
  double calls = 0;                    ///< expected first attempts, every variant and replication (no retrials)
  double calls_per_replication = 0;    ///< of the variant with the most
  double events = 0;                   ///< expected events in all, roughly (kEventsPerCall per call)
  double intervals = 0;                ///< reporting intervals of a replication (the variant with the most)
  double call_types = 0;               ///< call types of that variant
  double variants = 0;                 ///< specs simulated (1 for run)
  double tallies_per_replication = 0;  ///< interval tallies of a replication: intervals x (1 + call types)
  double tally_bytes = 0;              ///< interval tallies kept in memory: every replication of every variant
  double calls_in_system = 0;          ///< calls in the system at once in one replication, at most (Little's law)
  double running = 0;                  ///< replications simulated at once: min(threads, replications)
  double system_bytes = 0;             ///< those calls' memory, in every replication running at once
  double memory_bytes = 0;             ///< peak memory, estimated: tallies kept and the tables being written
  double file_bytes = 0;               ///< the results file
};

/// The size of simulating every spec of `variants` (one for run; the variants of a
/// comparison) under `options`. Expected calls integrate each call type's arrival rate
/// (and the IVR's) over the simulated horizon [0, warm-up + duration), where arrivals
/// stop; a trace counts its arrival times in it. Memory counts what callsim keeps at its
/// peak, when the file is written: every replication's tallies (analysis::ReplicationResult;
/// twice for a comparison, whose runs are copied into the file's contents, and for a resumed
/// run, whose file's replications are copied), the file's interval tables built whole, a
/// comparison's paired differences, and with --calls the rows of up to 2 x threads + 1
/// replications; and while simulating, the calls in the system of every replication running
/// (a queue growing without bound holds every call that arrives). Measured against peak RSS:
/// within about 10% for run, 20% over for compare.
RunSize estimate_run_size(const std::vector<const models::CenterSpec*>& variants, const RunSizeOptions& options);

}  // namespace callsim::app
