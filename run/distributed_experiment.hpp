#pragma once
/// \file
/// run::run_in_process over the ranks of an MPI job: the same result, to the bit, as
/// one process with one thread, for any number of ranks and threads per rank.
///
/// Assignment: the R replications first .. first + R - 1 are cut into contiguous blocks,
/// one per rank in rank order, the first R mod N ranks taking one more (R = 10, N = 4:
/// 3, 3, 2, 2). Each rank runs its block on its own thread pool (options.threads); the
/// results travel as bytes to every rank (run/replication_bytes.hpp) and are put
/// back in replication order. Replication r's streams depend only on (seed, r), so where
/// it ran does not matter.

#include <cstddef>
#include <cstdint>

#include "models/center_spec.hpp"
#include "run/experiment.hpp"

namespace callsim::run {

/// The replications [begin, end) of `count` that rank `rank` of `ranks` runs, counted
/// from 0 (add the first replication's number).
struct Block {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  [[nodiscard]] std::uint64_t size() const { return end - begin; }
};
Block block_of(std::uint64_t count, int rank, int ranks);

/// Runs `options.replications` replications of `spec` split over the job's ranks and
/// returns the whole run on every rank (a collective: every rank calls it with the same
/// spec and options). options.on_progress hears this rank's own block (done of
/// block_of(...).size()). options.on_calls is not supported over more than one rank
/// (std::invalid_argument). After an interruption each rank keeps the finished prefix of
/// its block and the run is the longest prefix of all replications they make up.
/// Without MPI, or with one rank, it is run::run_in_process.
analysis::RunResult run_distributed(const models::CenterSpec& spec, const run::ExperimentOptions& options);

}  // namespace callsim::run
