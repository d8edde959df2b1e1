#pragma once
/// \file
/// The call center: calls arrive per call type (Poisson, constant or per-interval rates,
/// scaled by a day-level busyness factor) or through an IVR that gives them their type;
/// each type has a FIFO queue with optional capacity (busy signal when full), balking and
/// abandonment; callers who fail may call again; agent groups have skills, talk-time
/// multipliers, after-call work and staffing that changes over time; outside opening hours
/// callers get a closed message.
///
/// CallCenter is the composition that wires its components to the sim/ kernel: it owns the
/// simulator, dispatches each event to the component it concerns, and asks the routing
/// policy what to do at the two decisions (models/routing.hpp):
/// - CallSources (models/call_sources.hpp): arrivals, the IVR entry, retrials, per-call draws;
/// - CallQueues (models/call_queues.hpp): the calls in the system, their queues and
///   patience timers;
/// - AgentPool (models/agent_pool.hpp): idle, busy and off-duty agents per group, skills;
/// - StaffingSchedule (models/staffing_schedule.hpp): staffing steps and absenteeism.
/// Which agent takes an arriving call and which waiting call a freed agent takes is the
/// routing policy's choice (template parameter, reading a RoutingView), by default
/// longest-idle-agent:
/// - an arriving call goes to the agent idle longest among the groups that have its skill;
/// - a freed agent takes, among the call types it has the skill for, the head call that has
///   waited longest, counting a type's priority credit as extra waiting time.
/// Components are header-only and their per-call functions are inlined into the event
/// loop: no allocation once the replication reaches its peak, no virtual call.
///
/// The model emits what happens to an Observer (a template parameter, so emission inlines;
/// the list of events is models/observer_events.hpp). It records nothing itself; what is
/// counted, and per which interval, is the observer's business
/// (analysis/kpi_collector.hpp).
///
/// Same-time rule (models/center_events.hpp): an agent's release runs first, then staffing
/// changes, then abandonments, then IVR exits and arrivals; so a caller whose patience
/// expires at the very instant an agent frees up or comes on duty is answered, and an
/// arriving call sees every agent available then.
///
/// Staffing never cuts a call: when a group's number on duty falls, idle agents leave at
/// once (the most recently idle first) and busy ones when their call and wrap-up end; they
/// count as staffed until they leave.
///
/// Common random numbers: everything random about a caller (IVR path, service demand,
/// patience, after-call work, the balking draw) is drawn when the call enters, from streams
/// of its own kind; retrial decisions are drawn when a call fails.

#include <cstdint>
#include <type_traits>
#include <vector>

#include "models/agent_pool.hpp"
#include "models/call.hpp"
#include "models/call_queues.hpp"
#include "models/call_sources.hpp"
#include "models/center_events.hpp"
#include "models/center_spec.hpp"
#include "models/hot_path.hpp"
#include "models/ivr.hpp"
#include "models/observer_events.hpp"
#include "models/policy_longest_idle_agent.hpp"
#include "models/routing.hpp"
#include "models/routing_view.hpp"
#include "models/simulation_error.hpp"
#include "models/staffing_schedule.hpp"
#include "models/stall_diagnosis.hpp"
#include "sim/event_calendar.hpp"
#include "sim/simulator.hpp"

namespace callsim::models {

/// Whether the center takes calls at `t`.
bool is_open(const CenterSpec& spec, sim::Time t);

template <class Observer, class Calendar = sim::EventCalendar, class Policy = LongestIdleAgent>
class CallCenter {
  /// Whether the policy chooses the queue of a call that must wait (queue_for).
  static constexpr bool kPolicyQueues = requires(const Policy& p, const RoutingView& v) {
    p.queue_for(v, std::uint32_t{}, double{});
  };
  /// Whether agent_for may return any idle agent of a group, not only its longest idle.
  static constexpr bool kAnyIdleAgent = requires { requires Policy::kAnyIdleAgent; };

  /// The policy for replication `replication` of `spec` under `seed`: policies that draw at
  /// their decisions take the seed and replication for their streams (kind kRouting).
  static Policy make_policy(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication) {
    if constexpr (std::is_constructible_v<Policy, const CenterSpec&, std::uint64_t, std::uint64_t>) {
      return Policy(spec, seed, replication);
    } else {
      return Policy(spec);
    }
  }

 public:
  /// Builds replication `replication` of `spec` under `seed`.
  CallCenter(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication, Observer& observer)
      : spec_(spec),
        observer_(observer),
        sources_(spec, seed, replication, kPolicyQueues),
        queues_(spec),
        schedule_(spec, seed, replication),
        agents_(spec, schedule_.headcounts(), seed, replication),
        policy_(make_policy(spec, seed, replication)) {
    schedule_.schedule(sim_);
    sources_.start(sim_);
    for (std::uint32_t k = 0; k < spec.call_types.size(); ++k)
      if (spec.call_types[k].clear_when_unstaffed) clearing_types_.push_back(k);
    if (!clearing_types_.empty()) {
      for (const OpenPeriod& p : spec.open_hours)
        if (p.to < sim::Time::infinity())
          sim_.schedule_at(p.to, center_event::kClosing, 0, center_event::kPriorityAbandon);
    }
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
      sim_.run_until(
          sim::Time::infinity(), [this](const sim::Event& e) { handle(e); }, max_events);
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
  [[nodiscard]] std::uint64_t arrivals() const { return sources_.entered(); }
  [[nodiscard]] std::uint64_t answered() const { return answered_; }
  /// Abandoned while waiting, balks included.
  [[nodiscard]] std::uint64_t abandoned() const { return abandoned_; }
  /// Sent elsewhere after waiting their type's max_queue_time (not abandoned).
  [[nodiscard]] std::uint64_t timed_out() const { return timed_out_; }
  /// Disconnected while waiting (or on arrival): closing time, or no agent for the type.
  [[nodiscard]] std::uint64_t cleared() const { return cleared_; }
  [[nodiscard]] std::uint64_t blocked() const { return blocked_; }
  [[nodiscard]] std::uint64_t closed() const { return closed_; }
  /// Calls that ended in the IVR (self-served or hung up).
  [[nodiscard]] std::uint64_t ivr_exits() const { return ivr_exits_; }
  [[nodiscard]] std::uint64_t in_ivr() const { return in_ivr_; }
  /// Calls holding a trunk line now (0 when the center has no limit of lines).
  [[nodiscard]] std::int64_t on_lines() const { return on_lines_; }
  [[nodiscard]] std::uint64_t waiting() const { return queues_.waiting(); }
  [[nodiscard]] std::uint64_t in_service() const { return agents_.busy(); }
  /// Callers waiting to be called back.
  [[nodiscard]] std::uint64_t awaiting_callback() const { return queues_.awaiting_callback(); }
  /// Agents of `group` on duty now (including those finishing a call past their shift).
  [[nodiscard]] int on_duty(std::uint32_t group) const { return agents_.on_duty(group); }
  /// Idle agents of `group` now.
  [[nodiscard]] std::size_t idle_agents(std::uint32_t group) const { return agents_.idle_agents(group); }
  [[nodiscard]] std::uint64_t events_handled() const { return sim_.events_handled(); }

  [[nodiscard]] const CenterSpec& spec() const { return spec_; }
  [[nodiscard]] const Policy& policy() const { return policy_; }
  /// What the policy sees now (for tests and observers that ask what it would decide).
  [[nodiscard]] RoutingView routing_view() { return RoutingView(spec_, queues_, agents_, sim_.now()); }

 private:
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
      case center_event::kRetrial:
      case center_event::kAbandon:
        // A call failed and was re-offered at once: the retrial scheduled last tells which
        // type's retrial keeps the loop going, and why its callers failed.
        if (!sources_.retried()) break;
        site.loop = StallSite::Loop::RETRIAL;
        site.type = sources_.last_retry_type();
        site.failure = sources_.last_retry_failure();
        site.waiting = queues_.type_waiting(site.type);
        break;
      case center_event::kArrival:
        site.loop = StallSite::Loop::ARRIVALS;
        site.type = static_cast<std::uint32_t>(e.payload);
        site.waiting = queues_.type_waiting(site.type);
        break;
      case center_event::kIvrArrival:
      case center_event::kIvrExit: site.loop = StallSite::Loop::IVR_ARRIVALS; break;
      default: break;
    }
    return site;
  }

  void handle(const sim::Event& e) {
    switch (e.kind) {
      case center_event::kArrival: on_direct_arrival(static_cast<std::uint32_t>(e.payload)); break;
      case center_event::kServiceEnd: on_service_end(static_cast<std::uint32_t>(e.payload)); break;
      case center_event::kAbandon: on_abandon(static_cast<std::uint32_t>(e.payload)); break;
      case center_event::kStaffing:
        on_staffing(static_cast<std::uint32_t>(e.payload >> 32), static_cast<std::uint32_t>(e.payload));
        break;
      case center_event::kIvrArrival: on_ivr_arrival(); break;
      case center_event::kIvrExit: on_ivr_exit(static_cast<std::uint32_t>(e.payload)); break;
      case center_event::kRetrial:
        on_retrial(static_cast<std::uint32_t>(e.payload), static_cast<std::uint32_t>(e.payload >> 32));
        break;
      case center_event::kReview:
        on_review(static_cast<std::uint32_t>(e.payload), static_cast<std::uint32_t>(e.payload >> 32));
        break;
      case center_event::kTalkEnd: free_line(); break;
      case center_event::kClosing:
        for (const std::uint32_t k : clearing_types_) clear_type(k);
        break;
      default: break;
    }
  }

  /// The center as the policy may see it now (built per decision; inlines away).
  RoutingView view() { return RoutingView(spec_, queues_, agents_, sim_.now()); }

  // ---- arrivals -------------------------------------------------------------------------

  void on_direct_arrival(std::uint32_t k) {
    sources_.next_arrival(k, sim_.now(), sim_);
    enter_queue_or_close(sources_.enter<kPolicyQueues>(queues_, k, 0, sim_.now()));
  }

  void on_retrial(std::uint32_t redial, std::uint32_t attempt) {
    enter_queue_or_close(sources_.enter_redial<kPolicyQueues>(queues_, redial, attempt, sim_.now()));
  }

  void enter_queue_or_close(std::uint32_t slot) {
    if (!is_open(spec_, sim_.now())) {
      ++closed_;
      observer_.on_closed(queues_.call(slot).info, sim_.now());
      queues_.release(slot);
      return;
    }
    if (!line_free()) {
      block(slot);
      return;
    }
    seize_line();
    offer(slot);
  }

  // ---- trunk lines (CenterSpec::trunk_lines) ---------------------------------------------
  // A call holds a line from its arrival until its caller hangs up: after the IVR if it ends
  // there, on a busy signal from a full queue, on balking, abandoning or taking a callback,
  // or when the talk ends. Without a limit nothing is counted.

  [[nodiscard]] bool line_free() const { return !lines_limited_ || on_lines_ < spec_.trunk_lines; }
  void seize_line() {
    if (lines_limited_) ++on_lines_;
  }
  void free_line() {
    if (lines_limited_) --on_lines_;
  }

  /// A busy signal: the call leaves at once, and its caller may call again.
  CALLSIM_COLD_PATH void block(std::uint32_t slot) {
    const CallInfo& info = queues_.call(slot).info;
    ++blocked_;
    observer_.on_blocked(info, sim_.now());
    sources_.maybe_retry(info, Failure::BLOCKED, sim_);
    queues_.release(slot);
  }

  void on_ivr_arrival() {
    const sim::Time now = sim_.now();
    sources_.next_ivr_arrival(now, sim_);
    const IvrPath path = sources_.walk_ivr();  // drawn at entry, open or not: CRN
    const IvrExit& exit = spec_.ivr->exits[path.exit];
    const bool queues = exit.outcome == IvrOutcome::QUEUE;
    const std::uint32_t slot = sources_.enter<kPolicyQueues>(queues_, queues ? exit.call_type : 0, 0, now, queues);
    Call& call = queues_.call(slot);
    call.ivr_exit = path.exit;
    if (!is_open(spec_, now)) {
      ++closed_;
      observer_.on_closed(call.info, now);
      queues_.release(slot);
      return;
    }
    if (!line_free()) {
      // All lines taken: the caller hears a busy signal before the IVR answers. Only a
      // caller the IVR would have sent to a queue has a call type that may call again.
      if (queues) {
        block(slot);
      } else {
        ++blocked_;
        observer_.on_blocked(call.info, now);
        queues_.release(slot);
      }
      return;
    }
    seize_line();
    call.state = CallState::kInIvr;
    ++in_ivr_;
    sim_.schedule_at(now + path.duration, center_event::kIvrExit, slot, center_event::kPriorityArrival);
  }

  void on_ivr_exit(std::uint32_t slot) {
    Call& call = queues_.call(slot);
    --in_ivr_;
    const IvrExit& exit = spec_.ivr->exits[call.ivr_exit];
    if (exit.outcome != IvrOutcome::QUEUE) {
      ++ivr_exits_;
      free_line();
      observer_.on_ivr_exit(call.info, sim_.now(), exit.outcome);
      queues_.release(slot);
      return;
    }
    call.info.arrival = sim_.now();
    offer(slot);
  }

  // ---- routing --------------------------------------------------------------------------

  /// A call reaches the queue of its type: answered at once, blocked, balks, or waits.
  void offer(std::uint32_t slot) {
    Call& call = queues_.call(slot);
    const std::uint32_t k = call.info.type;
    const CallTypeSpec& spec = spec_.call_types[k];
    const std::uint32_t agent = policy_.agent_for(view(), k, 0.0);
    if (agent == kNoAgent && spec.queue_capacity >= 0 && queues_.type_waiting(k) >= spec.queue_capacity) {
      free_line();
      block(slot);
      return;
    }
    observer_.on_arrival(call.info);
    if (agent != kNoAgent) {
      take_agent(agent);
      answer(slot, agent);
      return;
    }
    if (call.balk_draw < balk_probability(spec, queues_.type_waiting(k))) {
      ++abandoned_;
      free_line();
      observer_.on_balk(call.info, sim_.now());
      sources_.maybe_retry(call.info, Failure::BALKED, sim_);
      queues_.release(slot);
      return;
    }
    if (spec.clear_when_unstaffed && !staffed_for(k)) {  // nobody will take it: cleared at once
      ++cleared_;
      free_line();
      observer_.on_cleared(call.info, sim_.now());
      queues_.release(slot);
      return;
    }
    std::uint32_t queue = k;
    if constexpr (kPolicyQueues) {
      queue = policy_.queue_for(view(), k, call.policy_draw);
      if (queues_.is_callback_queue(queue)) {  // the caller takes a callback and hangs up
        queues_.await_callback(slot, queue);
        free_line();
        observer_.on_callback(call.info, sim_.now());
        return;
      }
    }
    queues_.wait(slot, queue, sim_);
    if constexpr (requires { policy_.review_delays(k); }) {
      // Not cancelled when the call leaves: on_review recognises a stale event by the id.
      const std::uint64_t tag = (std::uint64_t{static_cast<std::uint32_t>(call.info.id)} << 32) | slot;
      for (double wait : policy_.review_delays(k)) {
        if (sim::Time(wait) >= queues_.leaves_after(call.info)) break;  // the call is gone by then
        sim_.schedule_at(sim_.now() + sim::Time(wait), center_event::kReview, tag, center_event::kPriorityArrival);
      }
    }
  }

  /// A waiting call reached one of the waits at which the policy lets more groups take its
  /// type: its queue's head (it, or a call that has waited longer) goes to an agent if the
  /// policy finds one now.
  void on_review(std::uint32_t slot, std::uint32_t id) {
    const Call& call = queues_.call(slot);
    if (call.state != CallState::kWaiting || static_cast<std::uint32_t>(call.info.id) != id) return;
    const std::uint32_t k = call.info.type;
    const std::uint32_t head = queues_.head_of(k);
    const double waited = (sim_.now() - queues_.call(head).info.arrival).seconds();
    const std::uint32_t agent = policy_.agent_for(view(), k, waited);
    if (agent == kNoAgent) return;
    take_agent(agent);
    answer(queues_.take_head(k, sim_), agent);
  }

  /// The idle `agent` agent_for chose stops being idle.
  CALLSIM_HOT_INLINE void take_agent(std::uint32_t agent) {
    if constexpr (kAnyIdleAgent) {
      agents_.take_idle(agent);
    } else {
      agents_.take_longest_idle(agent);
    }
  }

  static double balk_probability(const CallTypeSpec& spec, std::int64_t waiting) {
    if (spec.balk_probability.empty()) return 0;
    const auto n = static_cast<std::size_t>(waiting);
    return spec.balk_probability[std::min(n, spec.balk_probability.size() - 1)];
  }

  /// `agent` (no longer idle) answers the call in `slot` (or calls it back).
  void answer(std::uint32_t slot, std::uint32_t agent) {
    Call& call = queues_.call(slot);
    call.state = CallState::kInService;
    const Service& service = agents_.start_service(agent, slot, call.info);
    ++answered_;
    observer_.on_answer(call.info, sim_.now(), service);
    sim_.schedule_in(service.talk + service.wrap_up, center_event::kServiceEnd, agent, center_event::kPriorityRelease);
    // The caller leaves the line when the talk ends; with after-call work that is earlier.
    if (lines_limited_ && !call.info.callback && service.wrap_up > sim::Time(0)) {
      sim_.schedule_in(service.talk, center_event::kTalkEnd, 0, center_event::kPriorityRelease);
    }
  }

  /// An agent just became available: it takes the call the policy picks, or goes idle.
  CALLSIM_HOT_INLINE void offer_agent(std::uint32_t agent) {
    const std::uint32_t q = policy_.type_for(view(), agent);
    if (q == kNoType) {
      agents_.go_idle(agent, sim_.now());
      return;
    }
    answer(queues_.take_head(q, sim_), agent);
  }

  void on_service_end(std::uint32_t agent) {
    const std::uint32_t slot = agents_.call_of(agent);
    const CallInfo& info = queues_.call(slot).info;
    if (lines_limited_ && !info.callback && !(agents_.service_of(agent).wrap_up > sim::Time(0))) --on_lines_;
    observer_.on_service_end(info, sim_.now(), agents_.service_of(agent));
    queues_.release(slot);
    if (agents_.end_service(agent)) {  // the shift ended (or a break began) during this call
      const std::uint32_t g = agents_.group_of(agent);
      observer_.on_staffing(sim_.now(), g, agents_.on_duty(g));
      return;
    }
    offer_agent(agent);
  }

  /// The call's timer fired: its caller's patience ran out (it abandons, and may call
  /// again), or it reached its type's max_queue_time (it is sent elsewhere and ends there).
  void on_abandon(std::uint32_t slot) {
    if (!queues_.abandon(slot)) return;
    free_line();
    const CallInfo& info = queues_.call(slot).info;
    if (queues_.times_out(info)) {
      ++timed_out_;
      observer_.on_timed_out(info, sim_.now());
      return;  // the slot stays referenced by its queue, as for an abandonment
    }
    ++abandoned_;
    observer_.on_abandon(info, sim_.now());
    sources_.maybe_retry(info, Failure::ABANDONED, sim_);
    // The slot stays referenced by its queue until it reaches the head (head_of frees it).
  }

  // ---- clearing (CallTypeSpec::clear_when_unstaffed) ------------------------------------

  /// Whether an agent who can take type `k` stays on duty (one due to leave does not count).
  [[nodiscard]] bool staffed_for(std::uint32_t k) const {
    for (const std::uint32_t g : agents_.servers_of(k))
      if (agents_.staying(g) > 0) return true;
    return false;
  }

  /// Every caller of type `k` waiting on the line is disconnected now.
  CALLSIM_COLD_PATH void clear_type(std::uint32_t k) {
    for (const std::uint32_t slot : queues_.waiting_of(k)) {
      queues_.clear(slot, sim_);
      ++cleared_;
      free_line();
      observer_.on_cleared(queues_.call(slot).info, sim_.now());
    }
  }

  // ---- staffing -------------------------------------------------------------------------

  void on_staffing(std::uint32_t g, std::uint32_t step) {
    const int target = schedule_.present_target(g, step, sim_.now(), agents_.headcount(g));
    const int before = agents_.on_duty(g);
    const int joining = agents_.restaff(g, target);
    if (agents_.on_duty(g) != before) observer_.on_staffing(sim_.now(), g, agents_.on_duty(g));
    for (int i = 0; i < joining; ++i) offer_agent(agents_.come_on_duty(g));
    if (!clearing_types_.empty() && agents_.staying(g) == 0) {
      for (const std::uint32_t k : clearing_types_)
        if (!staffed_for(k)) clear_type(k);
    }
  }

  const CenterSpec& spec_;
  Observer& observer_;
  CallSources sources_;
  CallQueues queues_;
  StaffingSchedule schedule_;
  AgentPool agents_;
  Policy policy_;
  sim::Simulator<Calendar> sim_;

  std::uint64_t answered_ = 0;
  std::uint64_t abandoned_ = 0;
  std::uint64_t timed_out_ = 0;
  std::uint64_t cleared_ = 0;
  std::vector<std::uint32_t> clearing_types_;  // types with clear_when_unstaffed
  std::uint64_t blocked_ = 0;
  std::uint64_t closed_ = 0;
  std::uint64_t ivr_exits_ = 0;
  std::uint64_t in_ivr_ = 0;
  const bool lines_limited_ = spec_.trunk_lines >= 0;
  std::int64_t on_lines_ = 0;  // calls holding a trunk line (counted only with a limit)
};

}  // namespace callsim::models
