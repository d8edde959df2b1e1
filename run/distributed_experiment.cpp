#include "run/distributed_experiment.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "run/mpi_session.hpp"
#include "run/replication_bytes.hpp"

namespace callsim::run {

Block block_of(std::uint64_t count, int rank, int ranks) {
  const auto n = static_cast<std::uint64_t>(ranks);
  const auto k = static_cast<std::uint64_t>(rank);
  const std::uint64_t base = count / n, extra = count % n;
  const std::uint64_t begin = k * base + std::min(k, extra);
  return {begin, begin + base + (k < extra ? 1 : 0)};
}

analysis::RunResult run_distributed(const models::CenterSpec& spec, const run::ExperimentOptions& options) {
  if (size() == 1) return run::run_in_process(spec, options);
  if (options.on_calls)
    throw std::invalid_argument("per-call records are not gathered over MPI ranks; run --calls in one process");
  const Block mine = block_of(options.replications, rank(), size());
  run::ExperimentOptions local = options;
  local.first_replication = options.first_replication + mine.begin;
  local.replications = mine.size();
  analysis::RunResult run = run::run_in_process(spec, local);

  std::vector<std::byte> bytes;
  append_replications(bytes, run.replications);
  std::vector<std::size_t> sizes;
  const std::vector<std::byte> all = all_gather(bytes, sizes);

  // Blocks in rank order are replications in order; after an interruption a block may be
  // short, and the run ends with the first short one (a prefix, as one process gives).
  run.replications.clear();
  std::size_t at = 0;
  bool whole = true;
  for (int r = 0; r < size(); ++r) {
    const std::size_t start = at;
    std::vector<analysis::ReplicationResult> part = read_replications(all, at);
    if (at - start != sizes[static_cast<std::size_t>(r)])
      throw std::runtime_error("the replication results of MPI rank " + std::to_string(r) + " do not add up");
    if (!whole) continue;
    whole = part.size() == block_of(options.replications, r, size()).size();
    for (auto& p : part) run.replications.push_back(std::move(p));
  }
  run.summary = analysis::summarize(run.replications);
  return run;
}

}  // namespace callsim::run
