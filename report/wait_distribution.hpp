#pragma once
/// \file
/// How long queued callers waited, in bins, for the dashboard: exact from the per-call
/// table when the file has one, otherwise approximated from the per-interval means.

#include <string>
#include <vector>

#include "analysis/run_result.hpp"
#include "run/call_records.hpp"

namespace callsim::report {

struct WaitDistribution {
  std::vector<std::string> bins;  ///< "0 s", "0-10 s", ..., "> 300 s"
  std::vector<double> answered;   ///< share of queued calls (answered + abandoned) answered after a wait in the bin
  std::vector<double> abandoned;  ///< share that abandoned after a wait in the bin
  std::string source;             ///< how it was obtained, a sentence for the page
};

/// Upper bin edges in seconds (the first bin holds waits of exactly 0 s, the last the rest).
const std::vector<double>& wait_bin_edges();

/// From the counted answered, abandoned and balked calls of a per-call table (all replications pooled).
WaitDistribution wait_distribution(const std::vector<run::CallRecord>& calls);

/// Without a per-call table: every answered call of an interval is placed at that
/// interval's ASA, every abandoned one at its mean abandoned wait (replications pooled).
WaitDistribution wait_distribution(const analysis::RunResult& run);

}  // namespace callsim::report
