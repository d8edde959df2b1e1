#include "report/wait_distribution.hpp"

#include <cmath>
#include <cstdio>

namespace callsim::report {

namespace {

std::size_t bin_of(double wait) {
  const auto& edges = wait_bin_edges();
  if (wait <= 0) return 0;
  for (std::size_t b = 1; b < edges.size(); ++b)
    if (wait <= edges[b]) return b;
  return edges.size();
}

WaitDistribution empty_distribution() {
  WaitDistribution d;
  const auto& edges = wait_bin_edges();
  d.bins.push_back("0 s");
  for (std::size_t b = 1; b < edges.size(); ++b) {
    char label[32];
    std::snprintf(label, sizeof label, "%g-%g s", edges[b - 1], edges[b]);
    d.bins.push_back(label);
  }
  d.bins.push_back("> " + std::to_string(static_cast<int>(edges.back())) + " s");
  d.answered.assign(d.bins.size(), 0);
  d.abandoned.assign(d.bins.size(), 0);
  return d;
}

void normalize(WaitDistribution& d) {
  double total = 0;
  for (std::size_t b = 0; b < d.bins.size(); ++b) total += d.answered[b] + d.abandoned[b];
  if (!(total > 0)) return;
  for (std::size_t b = 0; b < d.bins.size(); ++b) {
    d.answered[b] /= total;
    d.abandoned[b] /= total;
  }
}

}  // namespace

const std::vector<double>& wait_bin_edges() {
  static const std::vector<double> edges{0, 10, 20, 30, 60, 120, 300};
  return edges;
}

WaitDistribution wait_distribution(const std::vector<run::CallRecord>& calls) {
  WaitDistribution d = empty_distribution();
  using run::CallOutcome;
  for (const run::CallRecord& c : calls) {
    if (!c.counted || std::isnan(c.wait)) continue;
    if (c.outcome == run::CallOutcome::ANSWERED) d.answered[bin_of(c.wait)] += 1;
    // A call sent away at max_queue_time left unanswered too: it sits with the abandoned.
    if (c.outcome == run::CallOutcome::ABANDONED || c.outcome == run::CallOutcome::BALKED ||
        c.outcome == run::CallOutcome::TIMED_OUT || c.outcome == run::CallOutcome::CLEARED)
      d.abandoned[bin_of(c.wait)] += 1;
  }
  normalize(d);
  d.source =
      "From the per-call table: the wait of every counted answered and abandoned (or timed-out) call, all "
      "replications.";
  return d;
}

WaitDistribution wait_distribution(const analysis::RunResult& run) {
  WaitDistribution d = empty_distribution();
  for (const auto& r : run.replications) {
    for (const analysis::KpiTally& t : r.intervals) {
      if (t.answered > 0)
        d.answered[bin_of(t.wait_answered / static_cast<double>(t.answered))] += static_cast<double>(t.answered);
      // wait_all holds the timed-out and cleared calls' waits too: they go with the abandoned.
      const std::uint64_t unanswered = t.abandoned + t.timed_out + t.cleared;
      if (unanswered > 0)
        d.abandoned[bin_of((t.wait_all - t.wait_answered) / static_cast<double>(unanswered))] +=
            static_cast<double>(unanswered);
    }
  }
  normalize(d);
  d.source =
      "Approximation (the file has no per-call table; run with --calls for the exact distribution): each "
      "interval's answered calls placed at its ASA, its abandoned (and timed-out) calls at their mean wait.";
  return d;
}

}  // namespace callsim::report
