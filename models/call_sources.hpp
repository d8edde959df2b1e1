#pragma once
/// \file
/// Where calls come from: per call type, Poisson arrivals at the type's rate (constant or
/// per interval, times the day's busyness factor) or the replay of a trace; calls through
/// the IVR, which gives them their type; and callers who failed calling again (retrials).
/// Arrivals stop at warmup + duration.
///
/// Common random numbers: everything random about a caller (IVR path, service demand,
/// patience, after-call work, the balking draw, the policy's draw) is drawn when the call
/// enters, from streams of its own kind per call type; retrial decisions are drawn when a
/// call fails.

#include <cmath>
#include <cstdint>
#include <vector>

#include "models/busyness.hpp"
#include "models/call_queues.hpp"
#include "models/center_events.hpp"
#include "models/center_spec.hpp"
#include "models/day_mix.hpp"
#include "models/hot_path.hpp"
#include "models/ivr.hpp"
#include "models/stall_diagnosis.hpp"
#include "models/stream_kinds.hpp"
#include "sim/random_stream.hpp"
#include "sim/time.hpp"

namespace callsim::models {

class CallSources {
 public:
  /// `policy_draws`: the routing policy chooses queues and needs a draw per call.
  CallSources(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication, bool policy_draws)
      : spec_(spec),
        arrivals_end_(spec.time.warmup + spec.time.duration),
        busyness_(spec.busyness_cv, day_volume(spec, seed, replication), seed, replication),
        ivr_arrivals_(seed, replication, {stream_kind::kIvrArrivals, 0}),
        ivr_path_(seed, replication, {stream_kind::kIvrPath, 0}),
        types_(spec.call_types.size()) {
    if (!spec.day_mix.empty()) {
      const DayVariant& day = spec.day_mix[day_variant(spec, seed, replication)];
      if (!day.arrivals.empty()) day_arrivals_ = &day.arrivals;
    }
    for (std::uint32_t k = 0; k < types_.size(); ++k) {
      Type& t = types_[k];
      t.arrivals = sim::RandomStream(seed, replication, {stream_kind::kArrivals, k});
      t.service = sim::RandomStream(seed, replication, {stream_kind::kService, k});
      t.patience = sim::RandomStream(seed, replication, {stream_kind::kPatience, k});
      t.wrap_up = sim::RandomStream(seed, replication, {stream_kind::kWrapUp, k});
      t.balking = sim::RandomStream(seed, replication, {stream_kind::kBalking, k});
      t.retrial = sim::RandomStream(seed, replication, {stream_kind::kRetrial, k});
      if (policy_draws) t.policy = sim::RandomStream(seed, replication, {stream_kind::kPolicy, k});
      const CallTypeSpec& type = spec.call_types[k];
      t.by_period =
          !type.service_by_period.empty() || !type.patience_by_period.empty() || !type.wrap_up_by_period.empty();
    }
  }

  /// Schedules the first arrival of every call type (in type order), then of the IVR.
  template <class Simulator>
  void start(Simulator& sim) {
    for (std::uint32_t k = 0; k < types_.size(); ++k) next_arrival(k, sim::Time(0), sim);
    if (spec_.ivr) next_ivr_arrival(sim::Time(0), sim);
  }

  /// Schedules the next direct arrival of `type` after `from` (a center_event::kArrival
  /// with the type as payload), unless it would come after the arrival period.
  template <class Simulator>
  void next_arrival(std::uint32_t type, sim::Time from, Simulator& sim) {
    const std::vector<sim::Time>& trace = spec_.call_types[type].trace;
    if (!trace.empty()) {  // replay: the next recorded time (ties keep their order)
      std::size_t& next = types_[type].trace_next;
      if (next < trace.size() && trace[next] < arrivals_end_) {
        sim.schedule_at(trace[next++], center_event::kArrival, type, center_event::kPriorityArrival);
      }
      return;
    }
    // One uniform per call, inverted through the cumulative rate: identical on every platform.
    const double e = -std::log(types_[type].arrivals.uniform01());
    const sim::PiecewiseRate& rate = day_arrivals_ ? (*day_arrivals_)[type] : spec_.call_types[type].arrivals;
    const sim::Time next = busyness_.next_arrival(rate, from, e);
    if (next < arrivals_end_) sim.schedule_at(next, center_event::kArrival, type, center_event::kPriorityArrival);
  }

  /// Schedules the next call into the IVR after `from` (a center_event::kIvrArrival).
  template <class Simulator>
  void next_ivr_arrival(sim::Time from, Simulator& sim) {
    const double e = -std::log(ivr_arrivals_.uniform01());
    const sim::Time next = busyness_.next_arrival(spec_.ivr->arrivals, from, e);
    if (next < arrivals_end_) sim.schedule_at(next, center_event::kIvrArrival, 0, center_event::kPriorityArrival);
  }

  /// The path of a caller entering the IVR now (drawn at entry whatever happens next: CRN).
  IvrPath walk_ivr() { return models::walk_ivr(*spec_.ivr, ivr_path_); }

  /// A new call of type `k` entering at `now` (its `attempt`-th retrial; 0: a first call),
  /// in a fresh slot of `calls`: every per-call draw of the type happens here (unless
  /// `draws` is false: an IVR caller who will not reach a queue needs none). `kPolicyDraw`:
  /// the policy chooses queues and gets a uniform per call.
  template <bool kPolicyDraw>
  CALLSIM_HOT_INLINE std::uint32_t enter(CallQueues& calls, std::uint32_t k, std::uint32_t attempt, sim::Time now,
                                         bool draws = true) {
    const CallTypeSpec& spec = spec_.call_types[k];
    Type& type = types_[k];
    const std::uint32_t slot = calls.new_call();
    Call& call = calls.call(slot);
    call.info.id = next_call_id_++;
    call.info.type = k;
    call.info.arrival = now;
    call.info.ivr_entry = now;
    call.info.attempt = attempt;
    call.info.earlier_wait = sim::Time(0);
    if (!draws) return slot;
    if (!type.by_period) {
      call.info.service = sim::Time(spec.service.sample(type.service));
      call.info.patience = spec.patience ? sim::Time(spec.patience->sample(type.patience)) : sim::Time::infinity();
      call.info.wrap_up = spec.wrap_up ? sim::Time(spec.wrap_up->sample(type.wrap_up)) : sim::Time(0);
    } else {
      draw_by_period(spec, type, now, call.info);
    }
    call.balk_draw = spec.balk_probability.empty() ? 1.0 : type.balking.uniform01();
    if constexpr (kPolicyDraw) call.policy_draw = type.policy.uniform01();
    call.info.callback = false;
    return slot;
  }

  /// After a failure (blocked, balked, abandoned) the caller may call again later: a
  /// center_event::kRetrial with payload (attempt << 32) | redial, the index of what the
  /// caller carries to it (enter_redial).
  template <class Simulator>
  void maybe_retry(const CallInfo& info, Failure why, Simulator& sim) {
    const CallTypeSpec::Retrial& retrial = spec_.call_types[info.type].retrial;
    if (retrial.probability <= 0 || !retrial.delay) return;
    sim::RandomStream& stream = types_[info.type].retrial;
    if (stream.uniform01() >= retrial.probability) return;
    const sim::Time delay(retrial.delay->sample(stream));
    if (sim.now() + delay >= arrivals_end_) return;  // like first calls, none after the period
    // Remembered for a stall's diagnosis: two stores per retrial.
    last_retry_type_ = info.type;
    last_retry_failure_ = why;
    retried_ = true;
    std::uint32_t redial = 0;
    if (free_redials_.empty()) {
      redial = static_cast<std::uint32_t>(redials_.size());
      redials_.emplace_back();
    } else {
      redial = free_redials_.back();
      free_redials_.pop_back();
    }
    const sim::Time waited = why == Failure::ABANDONED ? sim.now() - info.arrival : sim::Time(0);
    redials_[redial] = {retrial.as_type, retrial.same_caller, info.earlier_wait + waited,
                        info.service,    info.patience,       info.wrap_up};
    sim.schedule_in(delay, center_event::kRetrial, (std::uint64_t{info.attempt + 1} << 32) | redial,
                    center_event::kPriorityArrival);
  }

  /// The call type a pending redial (maybe_retry's payload) will call.
  [[nodiscard]] std::uint32_t redial_type(std::uint32_t redial) const { return redials_[redial].type; }

  /// The retrial `redial` enters now, its `attempt`-th: a new call of the type it calls, with
  /// the draws of enter (made whatever happens next: the streams stay those of new callers),
  /// then what the caller carries: the waits of its earlier attempts and, for the same
  /// caller (Retrial::same_caller), its first call's talk time, patience and after-call work.
  template <bool kPolicyDraw>
  std::uint32_t enter_redial(CallQueues& calls, std::uint32_t redial, std::uint32_t attempt, sim::Time now) {
    const Redial carried = redials_[redial];
    free_redials_.push_back(redial);
    const std::uint32_t slot = enter<kPolicyDraw>(calls, carried.type, attempt, now);
    CallInfo& info = calls.call(slot).info;
    info.earlier_wait = carried.earlier_wait;
    if (carried.same_caller) {
      info.service = carried.service;
      info.patience = carried.patience;
      info.wrap_up = carried.wrap_up;
    }
    return slot;
  }

  /// Calls that entered: first attempts and retrials, direct and through the IVR.
  [[nodiscard]] std::uint64_t entered() const { return next_call_id_; }
  /// Whether any retrial was scheduled, and the last one's type and its caller's failure
  /// (what a stall's diagnosis needs).
  [[nodiscard]] bool retried() const { return retried_; }
  [[nodiscard]] std::uint32_t last_retry_type() const { return last_retry_type_; }
  [[nodiscard]] Failure last_retry_failure() const { return last_retry_failure_; }

 private:
  struct Type {
    sim::RandomStream arrivals, service, patience, wrap_up, balking, retrial, policy;
    std::size_t trace_next = 0;  // next trace entry to schedule (trace replay)
    bool by_period = false;      // some distribution changes by period of the day
  };

  // What a caller who will call again carries to the retrial (maybe_retry, enter_redial).
  struct Redial {
    std::uint32_t type = 0;
    bool same_caller = false;
    sim::Time earlier_wait, service, patience, wrap_up;
  };

  // The same three draws, each from the distribution of the period the call arrives in
  // (kept out of line: scenarios without periods never pay for the lookups).
  CALLSIM_COLD_PATH static void draw_by_period(const CallTypeSpec& spec, Type& type, sim::Time now, CallInfo& info) {
    info.service = sim::Time(distribution_at(spec.service_by_period, now, &spec.service)->sample(type.service));
    const sim::Distribution* patience = distribution_at(spec.patience_by_period, now, spec.patience);
    info.patience = patience ? sim::Time(patience->sample(type.patience)) : sim::Time::infinity();
    const sim::Distribution* wrap_up = distribution_at(spec.wrap_up_by_period, now, spec.wrap_up);
    info.wrap_up = wrap_up ? sim::Time(wrap_up->sample(type.wrap_up)) : sim::Time(0);
  }

  const CenterSpec& spec_;
  sim::Time arrivals_end_;
  Busyness busyness_;
  /// The day mix variant's own arrival rates, when it has them.
  const std::vector<sim::PiecewiseRate>* day_arrivals_ = nullptr;
  sim::RandomStream ivr_arrivals_, ivr_path_;
  std::vector<Type> types_;
  std::uint64_t next_call_id_ = 0;
  std::uint32_t last_retry_type_ = 0;
  Failure last_retry_failure_ = Failure::BLOCKED;
  bool retried_ = false;
  std::vector<Redial> redials_;              // pending retrials; grows to the most pending at once
  std::vector<std::uint32_t> free_redials_;  // indices of redials_ free for reuse
};

}  // namespace callsim::models
