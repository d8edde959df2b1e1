#pragma once
/// \file
/// The observer that turns what the model emits into per-interval KPI tallies.
///
/// Counting rules (ARCHITECTURE.md): a call belongs to the interval in which it arrived, and
/// only calls arriving in the counted period [warmup, warmup + duration) are counted. Agent
/// time (busy and staffed) is clipped to each interval, whoever's call it is.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analysis/run_result.hpp"
#include "models/call.hpp"
#include "sim/time.hpp"

namespace callsim::analysis {

class KpiCollector {
 public:
  /// `threshold` is the service-level T (seconds).
  KpiCollector(sim::Time warmup, sim::Time duration, sim::Time interval, sim::Time threshold);

  void on_staffing(sim::Time now, int staffed);
  void on_arrival(const models::CallInfo& call) {
    if (KpiTally* t = tally_for(call.arrival)) ++t->offered;
  }
  void on_answer(const models::CallInfo& call, sim::Time now, std::uint32_t agent);
  void on_abandon(const models::CallInfo& call, sim::Time now);
  void on_service_end(const models::CallInfo&, sim::Time, std::uint32_t) {}

  /// Closes the staffing record at the end of the counted period and returns the tallies.
  /// Call once, after the simulation has run to completion.
  ReplicationResult finish(std::uint64_t calls_simulated);

 private:
  /// The tally of the interval containing `arrival`, or nullptr outside the counted period.
  KpiTally* tally_for(sim::Time arrival) {
    const double offset = (arrival - warmup_).seconds();
    if (offset < 0 || arrival >= end_) return nullptr;
    // min(): offset / interval may round up to the interval count just before the end.
    return &intervals_[std::min(static_cast<std::size_t>(offset / interval_), intervals_.size() - 1)];
  }
  /// Adds `agents` x the overlap of [from, to) with each interval to `field` of that interval.
  void spread(sim::Time from, sim::Time to, double agents, double KpiTally::*field);

  sim::Time warmup_;
  sim::Time end_;
  double interval_;
  sim::Time threshold_;
  std::vector<KpiTally> intervals_;
  sim::Time staffing_since_{0};
  int staffed_ = 0;
};

}  // namespace callsim::analysis
