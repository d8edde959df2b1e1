#pragma once
/// \file
/// The call center: calls arrive per call type (Poisson, constant or per-interval rates,
/// scaled by a day-level busyness factor) or through an IVR that gives them their type;
/// each type has a FIFO queue with optional capacity (busy signal when full), balking and
/// abandonment; callers who fail may call again; agent groups have skills, talk-time
/// multipliers, after-call work and staffing that changes over time; outside opening hours
/// callers get a closed message.
/// Which agent takes an arriving call and which waiting call a freed agent takes is the
/// routing policy's choice (template parameter; models/routing.hpp), by default
/// longest-idle-agent:
/// - an arriving call goes to the agent idle longest among the groups that have its skill;
/// - a freed agent takes, among the call types it has the skill for, the head call that has
///   waited longest, counting a type's priority credit as extra waiting time.
///
/// The model owns the simulator and emits what happens to an Observer (a template
/// parameter, so emission inlines; see NullObserver for the full list). It records nothing
/// itself; what is counted, and per which interval, is the observer's business
/// (analysis/kpi_collector.hpp).
///
/// Same-time rule: an agent's release runs first, then staffing changes, then abandonments,
/// then IVR exits and arrivals; so a caller whose patience expires at the very instant an
/// agent frees up or comes on duty is answered, and an arriving call sees every agent
/// available then.
///
/// Staffing never cuts a call: when a group's number on duty falls, idle agents leave at
/// once (the most recently idle first) and busy ones when their call and wrap-up end; they
/// count as staffed until they leave.
///
/// Common random numbers: everything random about a caller (IVR path, service demand,
/// patience, after-call work, the balking draw) is drawn when the call enters, from streams
/// of its own kind; retrial decisions are drawn when a call fails.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/busyness.hpp"
#include "models/call.hpp"
#include "models/center_spec.hpp"
#include "models/ivr.hpp"
#include "models/policy_longest_idle_agent.hpp"
#include "models/routing.hpp"
#include "models/simulation_error.hpp"
#include "models/stall_diagnosis.hpp"
#include "models/stream_kinds.hpp"
#include "sim/event_calendar.hpp"
#include "sim/random_stream.hpp"
#include "sim/ring_queue.hpp"
#include "sim/simulator.hpp"

namespace callsim::models {

/// An observer that ignores everything: the full list of what a model emits. Observers
/// may derive from it and override what they need.
struct NullObserver {
  void on_staffing(sim::Time, std::uint32_t /*group*/, int /*on duty*/) {}
  /// A call reached its queue (offered); it is answered, balks or waits next.
  void on_arrival(const CallInfo&) {}
  void on_answer(const CallInfo&, sim::Time, const Service&) {}
  void on_abandon(const CallInfo&, sim::Time) {}
  /// An offered caller accepted a callback (right after on_arrival) and left the line; the
  /// callback is an on_answer later, with CallInfo::callback set.
  void on_callback(const CallInfo&, sim::Time) {}
  /// An offered call hung up at once on hearing the queue (right after on_arrival).
  void on_balk(const CallInfo&, sim::Time) {}
  /// A call found its queue full and got a busy signal (not offered).
  void on_blocked(const CallInfo&, sim::Time) {}
  /// A call arrived while the center was closed (not offered).
  void on_closed(const CallInfo&, sim::Time) {}
  /// A call left the IVR self-served or by hanging up (not offered).
  void on_ivr_exit(const CallInfo&, sim::Time, IvrOutcome) {}
  void on_service_end(const CallInfo&, sim::Time, const Service&) {}
};

/// Resolves skill names to call type indices; throws std::invalid_argument on an unknown
/// name (the loader reports it first, with file and line).
std::vector<std::vector<std::uint32_t>> resolve_skills(const CenterSpec& spec);

/// The staffing steps of `group`: its `staffing`, or `count` from time 0 when that is empty.
std::vector<StaffingStep> staffing_steps(const AgentGroupSpec& group);

/// Whether the center takes calls at `t`.
bool is_open(const CenterSpec& spec, sim::Time t);

template <class Observer, class Calendar = sim::EventCalendar, class Policy = LongestIdleAgent>
class CallCenter {
 public:
  /// Builds replication `replication` of `spec` under `seed`.
  CallCenter(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication, Observer& observer)
      : spec_(spec),
        arrivals_end_(spec.time.warmup + spec.time.duration),
        observer_(observer),
        busyness_(spec.busyness_cv, seed, replication),
        ivr_arrivals_(seed, replication, {stream_kind::kIvrArrivals, 0}),
        ivr_path_(seed, replication, {stream_kind::kIvrPath, 0}),
        types_(spec.call_types.size()),
        queues_(2 * spec.call_types.size() + spec.agent_groups.size()),
        groups_(spec.agent_groups.size()),
        multiplier_(spec.agent_groups.size() * spec.call_types.size(), 1.0),
        level_(spec.agent_groups.size() * spec.call_types.size(), 0),
        policy_(spec) {
    const auto skills = resolve_skills(spec);
    const auto K = static_cast<std::uint32_t>(types_.size());
    for (std::uint32_t k = 0; k < K; ++k) {
      TypeState& t = types_[k];
      t.arrivals = sim::RandomStream(seed, replication, {stream_kind::kArrivals, k});
      t.service = sim::RandomStream(seed, replication, {stream_kind::kService, k});
      t.patience = sim::RandomStream(seed, replication, {stream_kind::kPatience, k});
      t.wrap_up = sim::RandomStream(seed, replication, {stream_kind::kWrapUp, k});
      t.balking = sim::RandomStream(seed, replication, {stream_kind::kBalking, k});
      t.retrial = sim::RandomStream(seed, replication, {stream_kind::kRetrial, k});
      if constexpr (kPolicyQueues) t.policy = sim::RandomStream(seed, replication, {stream_kind::kPolicy, k});
    }
    for (std::uint32_t g = 0; g < groups_.size(); ++g) {
      const AgentGroupSpec& gs = spec.agent_groups[g];
      GroupState& group = groups_[g];
      group.skills = skills[g];
      for (std::size_t s = 0; s < skills[g].size(); ++s) {
        types_[skills[g][s]].servers.push_back(g);
        if (s < gs.service_multipliers.size()) multiplier_[g * K + skills[g][s]] = gs.service_multipliers[s];
        level_[g * K + skills[g][s]] = s < gs.skill_levels.size() ? gs.skill_levels[s] : 1;
      }
      if (gs.wrap_up) group.wrap_up = sim::RandomStream(seed, replication, {stream_kind::kGroupWrapUp, g});
      if (gs.absenteeism > 0) group.absence = sim::RandomStream(seed, replication, {stream_kind::kAbsence, g});
      group.steps = staffing_steps(gs);
      int most = 0;
      for (const auto& step : group.steps) most = std::max(most, step.agents);
      for (int i = 0; i < most; ++i) {
        group.off.push_back(static_cast<std::uint32_t>(agents_.size()));
        agents_.push_back(Agent{g, kNoCall, 0.0, Service{}});
      }
      std::reverse(group.off.begin(), group.off.end());  // agents come on duty in index order
      for (std::uint32_t i = 0; i < group.steps.size(); ++i) {
        sim_.schedule_at(group.steps[i].from, kStaffing, (std::uint64_t{g} << 32) | i, kPriorityStaffing);
      }
    }
    for (std::uint32_t k = 0; k < K; ++k) schedule_next_arrival(k, sim::Time(0));
    if (spec.ivr) schedule_next_ivr_arrival(sim::Time(0));
  }

  /// Simulates every event up to `end`. Arrivals stop at warmup + duration.
  /// Each of the run methods throws SimulationError, naming the call type and the scenario
  /// keys, when the scenario keeps the clock at one instant (stall_limit() events in a row):
  /// a retrial of delay 0 behind a full queue, say, would otherwise loop for ever.
  void run_until(sim::Time end) {
    translate_stall([&] { sim_.run_until(end, [this](const sim::Event& e) { handle(e); }); });
  }
  /// Simulates until no event is left: arrivals stop at warmup + duration, every call in the
  /// system is answered (and served) or leaves, and the staffing plan runs to its end.
  void run_to_completion() {
    translate_stall([&] { sim_.run([this](const sim::Event& e) { handle(e); }); });
  }
  /// Simulates at most `max_events` more events towards completion and returns finished():
  /// a caller can look at a stop flag between calls, however slowly simulated time moves,
  /// and calling it until it returns true gives the very events of run_to_completion().
  bool run_events(std::uint64_t max_events) {
    translate_stall([&] {
      sim_.run_until(sim::Time::infinity(), [this](const sim::Event& e) { handle(e); }, max_events);
    });
    return finished();
  }
  /// True once no event is left: run_until() or run_events() has simulated the replication
  /// to completion (running it in slices this way gives the very events of run_to_completion()).
  [[nodiscard]] bool finished() const { return sim_.pending() == 0; }
  /// Events in a row at one simulated instant after which the run methods throw
  /// SimulationError (sim::kDefaultStallEvents unless set).
  [[nodiscard]] std::uint64_t stall_limit() const { return sim_.stall_limit(); }
  void set_stall_limit(std::uint64_t events) { sim_.set_stall_limit(events); }

  [[nodiscard]] sim::Time now() const { return sim_.now(); }
  /// Calls that entered: first attempts and retrials, direct and through the IVR.
  [[nodiscard]] std::uint64_t arrivals() const { return next_call_id_; }
  [[nodiscard]] std::uint64_t answered() const { return answered_; }
  /// Abandoned while waiting, balks included.
  [[nodiscard]] std::uint64_t abandoned() const { return abandoned_; }
  [[nodiscard]] std::uint64_t blocked() const { return blocked_; }
  [[nodiscard]] std::uint64_t closed() const { return closed_; }
  /// Calls that ended in the IVR (self-served or hung up).
  [[nodiscard]] std::uint64_t ivr_exits() const { return ivr_exits_; }
  [[nodiscard]] std::uint64_t in_ivr() const { return in_ivr_; }
  [[nodiscard]] std::uint64_t waiting() const { return waiting_; }
  [[nodiscard]] std::uint64_t in_service() const { return in_service_; }
  /// Callers waiting to be called back.
  [[nodiscard]] std::uint64_t awaiting_callback() const { return awaiting_callback_; }
  /// Agents of `group` on duty now (including those finishing a call past their shift).
  [[nodiscard]] int on_duty(std::uint32_t group) const { return groups_[group].present; }
  [[nodiscard]] std::uint64_t events_handled() const { return sim_.events_handled(); }

  // ---- routing view: what a policy (models/routing.hpp) may look at ----------------------
  [[nodiscard]] const CenterSpec& spec() const { return spec_; }
  [[nodiscard]] const std::vector<std::uint32_t>& servers_of(std::uint32_t type) const { return types_[type].servers; }
  [[nodiscard]] const std::vector<std::uint32_t>& skills_of(std::uint32_t group) const { return groups_[group].skills; }
  /// The group's skill level for `type` (1 = most preferred); 0 without the skill.
  [[nodiscard]] int skill_level(std::uint32_t group, std::uint32_t type) const {
    return level_[group * types_.size() + type];
  }
  /// The group's agent idle longest, or kNoAgent.
  [[nodiscard]] std::uint32_t longest_idle_in(std::uint32_t group) const {
    return groups_[group].idle.empty() ? kNoAgent : groups_[group].idle.front();
  }
  [[nodiscard]] double idle_since(std::uint32_t agent) const { return agents_[agent].idle_since; }
  /// Idle agents of `group` now.
  [[nodiscard]] std::size_t idle_agents(std::uint32_t group) const { return groups_[group].idle.size(); }
  [[nodiscard]] std::uint32_t group_of(std::uint32_t agent) const { return agents_[agent].group; }
  /// Queues: call type k's queue is number k (so a type index names its queue); policies
  /// that choose queues (queue_for) may also use one queue per agent group and one queue of
  /// callbacks per call type.
  [[nodiscard]] std::uint32_t group_queue(std::uint32_t group) const {
    return static_cast<std::uint32_t>(types_.size()) + group;
  }
  [[nodiscard]] std::uint32_t callback_queue(std::uint32_t type) const {
    return static_cast<std::uint32_t>(types_.size() + groups_.size()) + type;
  }
  /// Calls waiting in queue `queue` now.
  [[nodiscard]] std::int64_t queue_length(std::uint32_t queue) const { return queues_[queue].waiting; }
  /// The head call of queue `queue` (a call type's, by default): its arrival minus its
  /// type's priority credit (s), or kNobodyWaits. Drops abandoned calls found at the head.
  double head_wait_key(std::uint32_t queue) {
    const std::uint32_t slot = head_of(queue);
    if (slot == kNoCall) return kNobodyWaits;
    return (calls_[slot].info.arrival - spec_.call_types[calls_[slot].info.type].priority_credit).seconds();
  }
  /// When the head call of queue `queue` reached the center's queue (s), or kNobodyWaits.
  double head_arrival(std::uint32_t queue) {
    const std::uint32_t slot = head_of(queue);
    return slot == kNoCall ? kNobodyWaits : calls_[slot].info.arrival.seconds();
  }
  [[nodiscard]] const Policy& policy() const { return policy_; }

 private:
  enum Kind : std::uint32_t { kServiceEnd, kAbandon, kArrival, kStaffing, kIvrArrival, kIvrExit, kRetrial, kReview };
  // Priorities encode the same-time rule of the file comment.
  static constexpr std::int16_t kPriorityRelease = 0, kPriorityStaffing = 1, kPriorityAbandon = 2,
                                kPriorityArrival = 3;
  static constexpr std::uint32_t kNoCall = ~0u;

  enum class State : std::uint8_t { kInIvr, kWaiting, kAwaitingCallback, kInService, kGone };
  /// Whether the policy chooses the queue of a call that must wait (queue_for).
  static constexpr bool kPolicyQueues =
      requires(Policy p, const CallCenter& c) { p.queue_for(c, std::uint32_t{}, double{}); };
  struct Call {
    CallInfo info;
    sim::EventHandle abandon;
    double balk_draw = 1;      // uniform drawn at entry; balks if below the probability
    double policy_draw = 1;    // uniform drawn at entry for the policy's queue choice
    std::uint32_t queue = 0;   // the queue it waits in
    std::uint32_t ivr_exit = 0;
    State state = State::kGone;
  };
  struct Agent {
    std::uint32_t group;
    std::uint32_t call;  // slot in calls_, or kNoCall when not serving
    double idle_since;
    Service service;     // the current call's service
  };
  struct TypeState {
    sim::RandomStream arrivals, service, patience, wrap_up, balking, retrial, policy;
    std::vector<std::uint32_t> servers;   // groups with this skill
    std::int64_t waiting = 0;             // live calls of this type waiting, in any queue
    std::size_t trace_next = 0;           // next trace entry to schedule (trace replay)
  };
  struct QueueState {
    sim::RingQueue<std::uint32_t> calls;  // waiting calls (and abandoned tombstones), FIFO
    std::int64_t waiting = 0;             // live calls in `calls`
  };
  struct GroupState {
    sim::RingQueue<std::uint32_t> idle;  // idle agents on duty, longest idle first
    std::vector<std::uint32_t> off;      // agents off duty (a stack)
    std::vector<std::uint32_t> skills;   // call types this group takes
    std::vector<StaffingStep> steps;
    sim::RandomStream wrap_up;           // only used when the group overrides wrap-up
    sim::RandomStream absence;           // only used with absenteeism
    std::vector<std::vector<bool>> absent;  // [day][agent rank in the group]
    int present = 0;                     // on duty, busy or idle
    int leaving = 0;                     // busy agents to send off duty when they finish
  };

  /// Runs `run`, turning the kernel's StalledClock into a SimulationError that says why.
  template <class Run>
  void translate_stall(Run&& run) {
    try {
      run();
    } catch (const sim::StalledClock& stall) {
      throw SimulationError(describe_stall(spec_, stall, stall_site(stall.last())));
    }
  }

  /// What the model was doing at the stalled instant, read from its last event.
  StallSite stall_site(const sim::Event& e) const {
    StallSite site;
    switch (e.kind) {
      case kRetrial:
      case kAbandon:
        // A call failed and was re-offered at once: the retrial scheduled last tells which
        // type's retrial keeps the loop going, and why its callers failed.
        if (!retried_) break;
        site.loop = StallSite::Loop::RETRIAL;
        site.type = last_retry_type_;
        site.failure = last_retry_failure_;
        site.waiting = types_[site.type].waiting;
        break;
      case kArrival:
        site.loop = StallSite::Loop::ARRIVALS;
        site.type = static_cast<std::uint32_t>(e.payload);
        site.waiting = types_[site.type].waiting;
        break;
      case kIvrArrival:
      case kIvrExit: site.loop = StallSite::Loop::IVR_ARRIVALS; break;
      default: break;
    }
    return site;
  }

  void handle(const sim::Event& e) {
    switch (e.kind) {
      case kArrival: on_direct_arrival(static_cast<std::uint32_t>(e.payload)); break;
      case kServiceEnd: on_service_end(static_cast<std::uint32_t>(e.payload)); break;
      case kAbandon: on_abandon(static_cast<std::uint32_t>(e.payload)); break;
      case kStaffing:
        on_staffing(static_cast<std::uint32_t>(e.payload >> 32), static_cast<std::uint32_t>(e.payload));
        break;
      case kIvrArrival: on_ivr_arrival(); break;
      case kIvrExit: on_ivr_exit(static_cast<std::uint32_t>(e.payload)); break;
      case kRetrial:
        on_retrial(static_cast<std::uint32_t>(e.payload), static_cast<std::uint32_t>(e.payload >> 32));
        break;
      case kReview: on_review(static_cast<std::uint32_t>(e.payload), static_cast<std::uint32_t>(e.payload >> 32)); break;
      default: break;
    }
  }

  // ---- arrivals -------------------------------------------------------------------------

  void schedule_next_arrival(std::uint32_t type, sim::Time from) {
    const std::vector<sim::Time>& trace = spec_.call_types[type].trace;
    if (!trace.empty()) {  // replay: the next recorded time (ties keep their order)
      std::size_t& next = types_[type].trace_next;
      if (next < trace.size() && trace[next] < arrivals_end_) sim_.schedule_at(trace[next++], kArrival, type, kPriorityArrival);
      return;
    }
    // One uniform per call, inverted through the cumulative rate: identical on every platform.
    const double e = -std::log(types_[type].arrivals.uniform01());
    const sim::Time next = busyness_.next_arrival(spec_.call_types[type].arrivals, from, e);
    if (next < arrivals_end_) sim_.schedule_at(next, kArrival, type, kPriorityArrival);
  }

  void schedule_next_ivr_arrival(sim::Time from) {
    const double e = -std::log(ivr_arrivals_.uniform01());
    const sim::Time next = busyness_.next_arrival(spec_.ivr->arrivals, from, e);
    if (next < arrivals_end_) sim_.schedule_at(next, kIvrArrival, 0, kPriorityArrival);
  }

  std::uint32_t new_call() {
    if (free_calls_.empty()) {
      calls_.emplace_back();
      return static_cast<std::uint32_t>(calls_.size() - 1);
    }
    const std::uint32_t slot = free_calls_.back();
    free_calls_.pop_back();
    return slot;
  }

  /// A new call of type k entering now: every per-call draw of the type happens here
  /// (unless `draws` is false: an IVR caller who will not reach a queue needs none).
  std::uint32_t create_call(std::uint32_t k, std::uint32_t attempt, bool draws = true) {
    const CallTypeSpec& spec = spec_.call_types[k];
    TypeState& type = types_[k];
    const std::uint32_t slot = new_call();
    Call& call = calls_[slot];
    call.info.id = next_call_id_++;
    call.info.type = k;
    call.info.arrival = sim_.now();
    call.info.ivr_entry = sim_.now();
    call.info.attempt = attempt;
    if (!draws) return slot;
    call.info.service = sim::Time(spec.service.sample(type.service));
    call.info.patience = spec.patience ? sim::Time(spec.patience->sample(type.patience)) : sim::Time::infinity();
    call.info.wrap_up = spec.wrap_up ? sim::Time(spec.wrap_up->sample(type.wrap_up)) : sim::Time(0);
    call.balk_draw = spec.balk_probability.empty() ? 1.0 : type.balking.uniform01();
    if constexpr (kPolicyQueues) call.policy_draw = type.policy.uniform01();
    call.info.callback = false;
    return slot;
  }

  void on_direct_arrival(std::uint32_t k) {
    schedule_next_arrival(k, sim_.now());
    enter_queue_or_close(create_call(k, 0));
  }

  void on_retrial(std::uint32_t k, std::uint32_t attempt) { enter_queue_or_close(create_call(k, attempt)); }

  void enter_queue_or_close(std::uint32_t slot) {
    if (!is_open(spec_, sim_.now())) {
      ++closed_;
      observer_.on_closed(calls_[slot].info, sim_.now());
      release(slot);
      return;
    }
    offer(slot);
  }

  void on_ivr_arrival() {
    const sim::Time now = sim_.now();
    schedule_next_ivr_arrival(now);
    const IvrSpec& ivr = *spec_.ivr;
    const IvrPath path = walk_ivr(ivr, ivr_path_);  // drawn at entry, open or not: CRN
    const IvrExit& exit = ivr.exits[path.exit];
    const bool queues = exit.outcome == IvrOutcome::QUEUE;
    const std::uint32_t slot = create_call(queues ? exit.call_type : 0, 0, queues);
    Call& call = calls_[slot];
    call.ivr_exit = path.exit;
    if (!is_open(spec_, now)) {
      ++closed_;
      observer_.on_closed(call.info, now);
      release(slot);
      return;
    }
    call.state = State::kInIvr;
    ++in_ivr_;
    sim_.schedule_at(now + path.duration, kIvrExit, slot, kPriorityArrival);
  }

  void on_ivr_exit(std::uint32_t slot) {
    Call& call = calls_[slot];
    --in_ivr_;
    const IvrExit& exit = spec_.ivr->exits[call.ivr_exit];
    if (exit.outcome != IvrOutcome::QUEUE) {
      ++ivr_exits_;
      observer_.on_ivr_exit(call.info, sim_.now(), exit.outcome);
      release(slot);
      return;
    }
    call.info.arrival = sim_.now();
    offer(slot);
  }

  // ---- queueing -------------------------------------------------------------------------

  /// A call reaches the queue of its type: answered at once, blocked, balks, or waits.
  void offer(std::uint32_t slot) {
    Call& call = calls_[slot];
    const std::uint32_t k = call.info.type;
    TypeState& type = types_[k];
    const CallTypeSpec& spec = spec_.call_types[k];
    const std::uint32_t agent = policy_.agent_for(*this, k, 0.0);
    if (agent == kNoAgent && spec.queue_capacity >= 0 && type.waiting >= spec.queue_capacity) {
      ++blocked_;
      observer_.on_blocked(call.info, sim_.now());
      maybe_retry(slot, Failure::BLOCKED);
      release(slot);
      return;
    }
    observer_.on_arrival(call.info);
    if (agent != kNoAgent) {
      // Policies return a group's longest idle agent: the front of its idle ring.
      groups_[agents_[agent].group].idle.pop_front();
      answer(slot, agent);
      return;
    }
    if (call.balk_draw < balk_probability(spec, type.waiting)) {
      ++abandoned_;
      observer_.on_balk(call.info, sim_.now());
      maybe_retry(slot, Failure::BALKED);
      release(slot);
      return;
    }
    call.queue = k;
    if constexpr (kPolicyQueues) {
      call.queue = policy_.queue_for(*this, k, call.policy_draw);
      if (call.queue >= callback_queue(0)) {  // the caller takes a callback and hangs up
        call.state = State::kAwaitingCallback;
        call.info.callback = true;
        ++awaiting_callback_;
        ++queues_[call.queue].waiting;
        queues_[call.queue].calls.push_back(slot);
        observer_.on_callback(call.info, sim_.now());
        return;
      }
    }
    call.state = State::kWaiting;
    ++waiting_;
    ++type.waiting;
    ++queues_[call.queue].waiting;
    queues_[call.queue].calls.push_back(slot);
    if (call.info.patience < sim::Time::infinity()) {
      call.abandon = sim_.schedule_at(sim_.now() + call.info.patience, kAbandon, slot, kPriorityAbandon);
    }
    if constexpr (requires { policy_.review_delays(k); }) {
      // Not cancelled when the call leaves: on_review recognises a stale event by the id.
      const std::uint64_t tag = (std::uint64_t{static_cast<std::uint32_t>(call.info.id)} << 32) | slot;
      for (double wait : policy_.review_delays(k)) {
        if (sim::Time(wait) >= call.info.patience) break;  // the caller is gone by then
        sim_.schedule_at(sim_.now() + sim::Time(wait), kReview, tag, kPriorityArrival);
      }
    }
  }

  /// A waiting call reached one of the waits at which the policy lets more groups take its
  /// type: its queue's head (it, or a call that has waited longer) goes to an agent if the
  /// policy finds one now.
  void on_review(std::uint32_t slot, std::uint32_t id) {
    const Call& call = calls_[slot];
    if (call.state != State::kWaiting || static_cast<std::uint32_t>(call.info.id) != id) return;
    const std::uint32_t k = call.info.type;
    const std::uint32_t head = head_of(k);
    const std::uint32_t agent = policy_.agent_for(*this, k, (sim_.now() - calls_[head].info.arrival).seconds());
    if (agent == kNoAgent) return;
    groups_[agents_[agent].group].idle.pop_front();  // policies return a group's longest idle agent
    take_head(k, agent);
  }

  static double balk_probability(const CallTypeSpec& spec, std::int64_t waiting) {
    if (spec.balk_probability.empty()) return 0;
    const auto n = static_cast<std::size_t>(waiting);
    return spec.balk_probability[std::min(n, spec.balk_probability.size() - 1)];
  }

  /// After a failure (blocked, balked, abandoned) the caller may call again later.
  void maybe_retry(std::uint32_t slot, Failure why) {
    const CallInfo& info = calls_[slot].info;
    const CallTypeSpec::Retrial& retrial = spec_.call_types[info.type].retrial;
    if (retrial.probability <= 0 || !retrial.delay) return;
    sim::RandomStream& stream = types_[info.type].retrial;
    if (stream.uniform01() >= retrial.probability) return;
    const sim::Time delay(retrial.delay->sample(stream));
    if (sim_.now() + delay >= arrivals_end_) return;  // like first calls, none after the period
    // Remembered for a stall's diagnosis (stall_site): two stores per retrial.
    last_retry_type_ = info.type;
    last_retry_failure_ = why;
    retried_ = true;
    sim_.schedule_in(delay, kRetrial, (std::uint64_t{info.attempt + 1} << 32) | retrial.as_type, kPriorityArrival);
  }

  void answer(std::uint32_t slot, std::uint32_t agent) {
    Call& call = calls_[slot];
    Agent& a = agents_[agent];
    GroupState& group = groups_[a.group];
    call.state = State::kInService;
    a.call = slot;
    a.service.agent = agent;
    a.service.group = a.group;
    a.service.talk = call.info.service * multiplier_[a.group * types_.size() + call.info.type];
    a.service.wrap_up = spec_.agent_groups[a.group].wrap_up
                            ? sim::Time(spec_.agent_groups[a.group].wrap_up->sample(group.wrap_up))
                            : call.info.wrap_up;
    ++answered_;
    ++in_service_;
    observer_.on_answer(call.info, sim_.now(), a.service);
    sim_.schedule_in(a.service.talk + a.service.wrap_up, kServiceEnd, agent, kPriorityRelease);
  }

  /// The call at the head of queue q, dropping abandoned tombstones; kNoCall if none.
  std::uint32_t head_of(std::uint32_t q) {
    auto& queue = queues_[q].calls;
    while (!queue.empty()) {
      const std::uint32_t slot = queue.front();
      if (calls_[slot].state == State::kWaiting || calls_[slot].state == State::kAwaitingCallback) return slot;
      queue.pop_front();
      free_calls_.push_back(slot);
    }
    return kNoCall;
  }

  /// An agent just became available: it takes the call the policy picks, or goes idle.
  void offer_agent(std::uint32_t agent) {
    Agent& a = agents_[agent];
    const std::uint32_t q = policy_.type_for(*this, agent);
    if (q == kNoType) {
      a.idle_since = sim_.now().seconds();
      groups_[a.group].idle.push_back(agent);
      return;
    }
    take_head(q, agent);
  }

  /// `agent` (no longer idle) answers the head call of queue q (or calls it back).
  void take_head(std::uint32_t q, std::uint32_t agent) {
    const std::uint32_t slot = head_of(q);  // the policy saw it waiting: it is live
    Call& call = calls_[slot];
    queues_[q].calls.pop_front();
    --queues_[q].waiting;
    if (call.state == State::kAwaitingCallback) {
      --awaiting_callback_;
    } else {
      --waiting_;
      --types_[call.info.type].waiting;
      sim_.cancel(call.abandon);
    }
    answer(slot, agent);
  }

  void on_service_end(std::uint32_t agent) {
    Agent& a = agents_[agent];
    observer_.on_service_end(calls_[a.call].info, sim_.now(), a.service);
    release(a.call);
    a.call = kNoCall;
    --in_service_;
    GroupState& group = groups_[a.group];
    if (group.leaving > 0) {  // the shift ended (or a break began) during this call
      --group.leaving;
      go_off_duty(agent);
      return;
    }
    offer_agent(agent);
  }

  void on_abandon(std::uint32_t slot) {
    Call& call = calls_[slot];
    if (call.state != State::kWaiting) return;  // defensive: cancelled events never get here
    call.state = State::kGone;
    --waiting_;
    --types_[call.info.type].waiting;
    --queues_[call.queue].waiting;
    ++abandoned_;
    observer_.on_abandon(call.info, sim_.now());
    maybe_retry(slot, Failure::ABANDONED);
    // The slot stays referenced by its queue until it reaches the head (head_of frees it).
  }

  // ---- staffing -------------------------------------------------------------------------

  void go_off_duty(std::uint32_t agent) {
    GroupState& group = groups_[agents_[agent].group];
    group.off.push_back(agent);
    --group.present;
    observer_.on_staffing(sim_.now(), agents_[agent].group, group.present);
  }

  /// Scheduled agents minus those absent today: the step brings on agent ranks [0, n), and
  /// an absent rank stays away all day, whatever the step.
  int present_target(std::uint32_t g, int scheduled) {
    GroupState& group = groups_[g];
    const double p = spec_.agent_groups[g].absenteeism;
    if (p <= 0) return scheduled;
    const auto day = static_cast<std::size_t>(std::floor(sim_.now().seconds() / Busyness::kDay));
    const std::size_t ranks = group.off.size() + static_cast<std::size_t>(group.present);
    while (group.absent.size() <= day) {  // days drawn in order, every rank each day
      std::vector<bool> today(ranks);
      for (std::size_t i = 0; i < ranks; ++i) today[i] = group.absence.uniform01() < p;
      group.absent.push_back(std::move(today));
    }
    int present = 0;
    for (int i = 0; i < scheduled; ++i) present += !group.absent[day][static_cast<std::size_t>(i)];
    return present;
  }

  void on_staffing(std::uint32_t g, std::uint32_t step) {
    GroupState& group = groups_[g];
    const int target = present_target(g, group.steps[step].agents);
    int staying = group.present - group.leaving;
    if (target > staying) {
      const int kept = std::min(group.leaving, target - staying);  // busy agents stay on after all
      group.leaving -= kept;
      staying += kept;
      const int joining = target - staying;
      group.present += joining;
      if (joining > 0) observer_.on_staffing(sim_.now(), g, group.present);
      for (int i = 0; i < joining; ++i) {
        const std::uint32_t agent = group.off.back();
        group.off.pop_back();
        offer_agent(agent);
      }
    } else if (target < staying) {
      int surplus = staying - target;
      const int present_before = group.present;
      while (surplus > 0 && !group.idle.empty()) {  // idle agents leave at once
        group.off.push_back(group.idle.back());
        group.idle.pop_back();
        --group.present;
        --surplus;
      }
      group.leaving += surplus;  // busy ones when their call ends
      if (group.present != present_before) observer_.on_staffing(sim_.now(), g, group.present);
    }
  }

  void release(std::uint32_t slot) {
    calls_[slot].state = State::kGone;
    free_calls_.push_back(slot);
  }

  const CenterSpec& spec_;
  sim::Time arrivals_end_;
  Observer& observer_;
  Busyness busyness_;
  sim::RandomStream ivr_arrivals_, ivr_path_;
  std::vector<TypeState> types_;
  std::vector<QueueState> queues_;  // [K types | G groups | K callback queues]
  std::vector<GroupState> groups_;
  std::vector<double> multiplier_;  // [group * K + type]
  std::vector<int> level_;          // [group * K + type], 0 without the skill
  Policy policy_;
  std::vector<Agent> agents_;

  sim::Simulator<Calendar> sim_;
  std::vector<Call> calls_;
  std::vector<std::uint32_t> free_calls_;

  std::uint64_t next_call_id_ = 0;
  std::uint64_t answered_ = 0;
  std::uint64_t abandoned_ = 0;
  std::uint64_t blocked_ = 0;
  std::uint64_t closed_ = 0;
  std::uint64_t ivr_exits_ = 0;
  std::uint64_t in_ivr_ = 0;
  std::uint64_t waiting_ = 0;
  std::uint64_t in_service_ = 0;
  std::uint64_t awaiting_callback_ = 0;
  // The retrial scheduled last: whose, and why its caller failed (stall_site).
  std::uint32_t last_retry_type_ = 0;
  Failure last_retry_failure_ = Failure::BLOCKED;
  bool retried_ = false;
};

}  // namespace callsim::models
