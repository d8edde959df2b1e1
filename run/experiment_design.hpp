#pragma once
/// \file
/// run::Experiment: the one entry to running a scenario, callable in process as a library
/// (the command line, staffing searches and calibration all call it): loaded scenarios as
/// variants plus settings in, results in memory out, no files. It owns the design: every
/// variant on common random numbers, replications on the thread pool of each MPI rank
/// (run_distributed; one process without MPI), sequential doubling of the replications to
/// a CI target, interruption, continuing a run, and the record of the inputs that makes a
/// results file self-describing (sources, run_inputs).

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analysis/comparison.hpp"
#include "analysis/run_result.hpp"
#include "run/call_records.hpp"
#include "run/record_inputs.hpp"
#include "run/run_inputs.hpp"
#include "run/variants.hpp"

namespace callsim::run {

/// Sequential sampling: replications double (first batch: ExperimentSettings::replications)
/// until every paired 95% CI half-width of `kpi`'s differences to the baseline is at most
/// `target_ci`, or `max_replications` are reached.
struct SequentialTarget {
  std::string kpi;
  double target_ci = 0;
  std::uint64_t max_replications = 0;
};

struct ExperimentSettings {
  std::uint64_t seed = 1;
  /// Replications of every variant: with Experiment::continue_from, the total to reach
  /// (the held ones included); in the sequential mode, the first batch.
  std::uint64_t replications = 10;
  unsigned threads = 0;  ///< per MPI rank; 0: one per hardware thread
  /// SIGINT/SIGTERM as ExperimentOptions::interrupt reads it; the result then holds the
  /// finished prefix of replications. Null: never interrupted.
  const std::atomic<int>* interrupt = nullptr;
  std::optional<SequentialTarget> sequential;  ///< needs two or more variants
  /// A batch of replications starts: `total` is what this rank runs of it, summed over the
  /// variants (the progress line's denominator). One batch unless sequential.
  std::function<void(std::uint64_t total)> on_batch_start;
  /// Within the current batch: variant-replications this rank finished, and their calls.
  std::function<void(std::size_t done, std::uint64_t calls)> on_progress;
  std::function<void()> on_batch_end;
  /// Per-call rows of each replication, as ExperimentOptions::on_calls (one variant, one
  /// MPI rank only: std::invalid_argument otherwise).
  std::function<void(std::size_t replication, std::vector<CallRecord>&& calls)> on_calls;
};

/// What an experiment gives, the same on every MPI rank.
struct ExperimentResult {
  std::vector<analysis::RunResult> runs;                  ///< one per variant, in order; runs[0] is the baseline
  std::optional<analysis::Comparison> comparison;         ///< with two or more variants
  std::optional<analysis::SequentialOutcome> sequential;  ///< in the sequential mode
  std::vector<ScenarioSource> sources;                    ///< the scenario files and what they read
  std::vector<RunInputs> run_inputs;                      ///< parallel to runs
  ScenarioProvenance provenance;                          ///< `/scenario`: the scenario text(s) as given
  std::uint64_t calls_simulated = 0;                      ///< by this experiment (not by the run it continued)
};

class Experiment {
 public:
  /// The variants to run (run/variants.hpp); at least one.
  explicit Experiment(std::vector<Variant> variants);
  /// One scenario as it is.
  explicit Experiment(scenarios::LoadedScenario scenario);

  /// Continue `held` (a run of the single variant with the same seed): the replications
  /// run next are held.replications.size() onwards and the result's run is the whole of
  /// it, to the bit what one uninterrupted run gives.
  Experiment& continue_from(analysis::RunResult held);

  [[nodiscard]] const std::vector<Variant>& variants() const { return variants_; }

  /// Runs every variant (a collective under MPI: every rank calls it alike). Throws what
  /// the simulation throws (models::SimulationError), and std::invalid_argument for
  /// settings that do not fit (sequential with one variant, per-call rows of several).
  [[nodiscard]] ExperimentResult run(const ExperimentSettings& settings) const;

 private:
  std::vector<analysis::RunResult> run_batch(const ExperimentSettings& settings, std::uint64_t first,
                                             std::uint64_t count, std::uint64_t& calls) const;

  std::vector<Variant> variants_;
  std::optional<analysis::RunResult> held_;
};

}  // namespace callsim::run
