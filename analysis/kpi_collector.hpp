#pragma once
/// \file
/// The observer that turns what the model emits into KPI tallies per interval, per
/// (interval, call type), per agent group and per (interval, agent group).
///
/// Counting rules (ARCHITECTURE.md): a call belongs to the interval in which it arrived, and
/// only calls arriving in the counted period [warmup, warmup + duration) are counted. Agent
/// time (busy and staffed) is clipped to each interval, whoever's call it is.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "analysis/run_result.hpp"
#include "models/call.hpp"
#include "models/center_spec.hpp"
#include "models/ivr.hpp"
#include "models/observer_events.hpp"
#include "sim/time.hpp"

namespace callsim::analysis {

/// The most reporting intervals a run can have (the results file numbers them in a uint32).
inline constexpr std::size_t kMaxIntervals = 4'294'967'295;

/// Handles the events of models/observer_events.hpp it counts; NullObserver ignores the rest.
class KpiCollector : public models::NullObserver {
 public:
  /// Throws std::invalid_argument when the spec's interval is not positive and finite or its
  /// duration not finite and >= 0, and std::length_error when they make more than
  /// kMaxIntervals intervals (or more tallies than memory can index); the scenario loader
  /// refuses such values first, with file and line.
  explicit KpiCollector(const models::CenterSpec& spec);

  void on_staffing(sim::Time now, std::uint32_t group, int staffed);
  void on_arrival(const models::CallInfo& call) {
    if (const auto i = interval_of(call.arrival); i != kOutside) {
      for (KpiTally* t : {&intervals_[i], &interval_types_[i * types_ + call.type]}) {
        ++t->offered;
        if (call.attempt > 0) ++t->retrials;
      }
    }
  }
  /// A balk is an offered call abandoned after 0 s; it is also counted apart.
  void on_balk(const models::CallInfo& call, sim::Time now);
  void on_blocked(const models::CallInfo& call, sim::Time) { count_outcome(call, call.arrival, &KpiTally::blocked); }
  void on_closed(const models::CallInfo& call, sim::Time) { count_outcome(call, call.arrival, &KpiTally::closed); }
  /// A call sent elsewhere at max_queue_time was offered and waited; it is neither answered
  /// nor abandoned.
  void on_timed_out(const models::CallInfo& call, sim::Time now);
  /// A cleared call was offered; it waited until it was disconnected (0 s when on arrival).
  void on_cleared(const models::CallInfo& call, sim::Time now);
  /// IVR outcomes belong to the interval in which the call entered the IVR; they have no
  /// call type (the IVR did not give them one).
  void on_ivr_exit(const models::CallInfo& call, sim::Time, models::IvrOutcome outcome) {
    if (const auto i = interval_of(call.ivr_entry); i != kOutside) {
      ++(intervals_[i].*
         (outcome == models::IvrOutcome::SELF_SERVED ? &KpiTally::ivr_self_served : &KpiTally::ivr_hang_up));
    }
  }
  /// Accepted callbacks belong to the interval of the call; so do the callbacks made, whose
  /// delay and service level are kept apart from the live calls' waits.
  void on_callback(const models::CallInfo& call, sim::Time) { count_outcome(call, call.arrival, &KpiTally::callbacks); }
  void on_answer(const models::CallInfo& call, sim::Time now, const models::Service& service);
  void on_abandon(const models::CallInfo& call, sim::Time now);

  /// Closes the staffing record at the end of the counted period and returns the tallies.
  /// Call once, after the simulation has run to completion.
  ReplicationResult finish(std::uint64_t calls_simulated);

 private:
  static constexpr std::size_t kOutside = ~std::size_t{0};
  /// The interval containing `arrival`, or kOutside for the warm-up and after the end.
  std::size_t interval_of(sim::Time arrival) const {
    const double offset = (arrival - warmup_).seconds();
    if (offset < 0 || arrival >= end_) return kOutside;
    // min(): offset / interval may round up to the interval count just before the end.
    return std::min(static_cast<std::size_t>(offset / interval_), intervals_.size() - 1);
  }
  /// A call the center sent away unanswered (timed out, cleared) now: `field` and its wait,
  /// in the interval of its arrival and of its call type there.
  void count_sent_away_call(const models::CallInfo& call, sim::Time now, std::uint64_t KpiTally::*field);
  /// Counts one call in `field` of the interval of `at` and of its call type there.
  void count_outcome(const models::CallInfo& call, sim::Time at, std::uint64_t KpiTally::*field) {
    if (const auto i = interval_of(at); i != kOutside) {
      ++(intervals_[i].*field);
      ++(interval_types_[i * types_ + call.type].*field);
    }
  }
  /// Adds `agents` x the overlap of [from, to) with each interval to `field` of that
  /// interval and to `group_field` of group `group` in it; returns the overlap with the
  /// whole counted period.
  double spread(sim::Time from, sim::Time to, double agents, std::uint32_t group, double KpiTally::*field,
                double GroupTally::*group_field);

  sim::Time warmup_;
  sim::Time end_;
  double interval_;
  std::vector<sim::Time> thresholds_;  // per call type: models::service_level_threshold_of
  sim::Time callback_threshold_;
  std::size_t types_;
  std::vector<KpiTally> intervals_;
  std::vector<KpiTally> interval_types_;
  std::vector<GroupTally> groups_;
  std::vector<GroupTally> interval_groups_;  ///< [I x G], as ReplicationResult::interval_groups
  std::vector<sim::Time> staffing_since_;
  std::vector<int> staffed_;
};

}  // namespace callsim::analysis
