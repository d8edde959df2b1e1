#pragma once
/// \file
/// The call center of this slice: one call type with Poisson arrivals, one group of
/// identical agents, FIFO queue, optional abandonment, longest-idle-agent routing.
///
/// The model owns the simulator and emits what happens to an Observer (a template
/// parameter, so emission inlines): on_staffing, on_arrival, on_answer, on_abandon,
/// on_service_end. It records nothing itself; what is counted, and per which interval, is
/// the observer's business (analysis/kpi_collector.hpp).
///
/// Same-time rule: a service end (an agent's release) runs before an abandonment, which runs
/// before an arrival, so a caller whose patience expires at the very instant an agent frees
/// up is answered, and an arriving call sees agents released at its arrival time.

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "models/call.hpp"
#include "models/center_spec.hpp"
#include "models/stream_kinds.hpp"
#include "sim/event_calendar.hpp"
#include "sim/random_stream.hpp"
#include "sim/ring_queue.hpp"
#include "sim/simulator.hpp"

namespace callsim::models {

/// An observer that ignores everything (benchmarks of the bare model).
struct NullObserver {
  void on_staffing(sim::Time, int) {}
  void on_arrival(const CallInfo&) {}
  void on_answer(const CallInfo&, sim::Time, std::uint32_t) {}
  void on_abandon(const CallInfo&, sim::Time) {}
  void on_service_end(const CallInfo&, sim::Time, std::uint32_t) {}
};

template <class Observer, class Calendar = sim::EventCalendar>
class CallCenter {
 public:
  /// Builds replication `replication` of `spec` under `seed`. `spec` must hold exactly one
  /// call type and one agent group (the loader enforces it; checked again here).
  CallCenter(const CenterSpec& spec, std::uint64_t seed, std::uint64_t replication, Observer& observer)
      : type_(single(spec.call_types, "call type")),
        agents_(static_cast<std::uint32_t>(single(spec.agent_groups, "agent group").count)),
        arrivals_end_(spec.time.warmup + spec.time.duration),
        observer_(observer),
        arrival_stream_(seed, replication, {stream_kind::kArrivals, 0}),
        service_stream_(seed, replication, {stream_kind::kService, 0}),
        patience_stream_(seed, replication, {stream_kind::kPatience, 0}),
        agent_call_(agents_, kNoCall) {
    for (std::uint32_t a = 0; a < agents_; ++a) idle_agents_.push_back(a);
    observer_.on_staffing(sim::Time(0), static_cast<int>(agents_));
    schedule_next_arrival(sim::Time(0));
  }

  /// Simulates every event up to `end`. Arrivals stop at warmup + duration.
  void run_until(sim::Time end) { sim_.run_until(end, [this](const sim::Event& e) { handle(e); }); }
  /// Simulates until the last call has left: arrivals stop at warmup + duration and every
  /// call already in the system is answered (and served) or abandons.
  void run_to_completion() { sim_.run([this](const sim::Event& e) { handle(e); }); }

  [[nodiscard]] sim::Time now() const { return sim_.now(); }
  [[nodiscard]] std::uint64_t arrivals() const { return next_call_id_; }
  [[nodiscard]] std::uint64_t answered() const { return answered_; }
  [[nodiscard]] std::uint64_t abandoned() const { return abandoned_; }
  [[nodiscard]] std::uint64_t waiting() const { return waiting_; }
  [[nodiscard]] std::uint64_t in_service() const { return agents_ - idle_agents_.size(); }
  [[nodiscard]] std::uint64_t events_handled() const { return sim_.events_handled(); }

 private:
  enum Kind : std::uint32_t { kServiceEnd = 0, kAbandon = 1, kArrival = 2 };
  // Priorities encode the same-time rule of the file comment.
  static constexpr std::int16_t kPriorityRelease = 0, kPriorityAbandon = 1, kPriorityArrival = 2;
  static constexpr std::uint32_t kNoCall = ~0u;

  enum class State : std::uint8_t { kWaiting, kInService, kGone };
  struct Call {
    CallInfo info;
    sim::EventHandle abandon;
    State state = State::kGone;
  };

  template <class Spec>
  static const Spec& single(const std::vector<Spec>& items, const char* what) {
    if (items.size() != 1) throw std::invalid_argument(std::string("this model needs exactly one ") + what);
    return items.front();
  }

  void handle(const sim::Event& e) {
    switch (e.kind) {
      case kArrival: on_arrival(); break;
      case kServiceEnd: on_service_end(static_cast<std::uint32_t>(e.payload)); break;
      case kAbandon: on_abandon(static_cast<std::uint32_t>(e.payload)); break;
      default: break;
    }
  }

  void schedule_next_arrival(sim::Time from) {
    // Exponential interarrival by inversion: one uniform per call, identical on every platform.
    const sim::Time next = type_.arrivals.next_event(from, -std::log(arrival_stream_.uniform01()));
    if (next < arrivals_end_) sim_.schedule_at(next, kArrival, 0, kPriorityArrival);
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

  void on_arrival() {
    const sim::Time now = sim_.now();
    schedule_next_arrival(now);
    const std::uint32_t slot = new_call();
    Call& call = calls_[slot];
    call.info.id = next_call_id_++;
    call.info.type = 0;
    call.info.arrival = now;
    // Both per-call draws happen here, before routing, to keep common random numbers.
    call.info.service = sim::Time(type_.service.sample(service_stream_));
    call.info.patience = type_.patience ? sim::Time(type_.patience->sample(patience_stream_)) : sim::Time::infinity();
    observer_.on_arrival(call.info);

    if (!idle_agents_.empty()) {
      const std::uint32_t agent = idle_agents_.front();  // idle longest: freed earliest
      idle_agents_.pop_front();
      answer(slot, agent);
      return;
    }
    call.state = State::kWaiting;
    ++waiting_;
    queue_.push_back(slot);
    if (call.info.patience < sim::Time::infinity()) {
      call.abandon = sim_.schedule_at(now + call.info.patience, kAbandon, slot, kPriorityAbandon);
    }
  }

  void answer(std::uint32_t slot, std::uint32_t agent) {
    Call& call = calls_[slot];
    call.state = State::kInService;
    agent_call_[agent] = slot;
    ++answered_;
    observer_.on_answer(call.info, sim_.now(), agent);
    sim_.schedule_in(call.info.service, kServiceEnd, agent, kPriorityRelease);
  }

  void on_service_end(std::uint32_t agent) {
    const std::uint32_t slot = agent_call_[agent];
    observer_.on_service_end(calls_[slot].info, sim_.now(), agent);
    release(slot);
    agent_call_[agent] = kNoCall;
    // The freed agent takes the longest-waiting call; abandoned calls left in the ring are
    // skipped (and their slots recycled) as they reach its head.
    while (!queue_.empty()) {
      const std::uint32_t next = queue_.front();
      queue_.pop_front();
      Call& call = calls_[next];
      if (call.state != State::kWaiting) {
        release(next);
        continue;
      }
      --waiting_;
      sim_.cancel(call.abandon);
      answer(next, agent);
      return;
    }
    idle_agents_.push_back(agent);
  }

  void on_abandon(std::uint32_t slot) {
    Call& call = calls_[slot];
    if (call.state != State::kWaiting) return;  // defensive: cancelled events never get here
    call.state = State::kGone;
    --waiting_;
    ++abandoned_;
    observer_.on_abandon(call.info, sim_.now());
    // The slot stays referenced by the queue ring until it reaches the head.
  }

  void release(std::uint32_t slot) {
    calls_[slot].state = State::kGone;
    free_calls_.push_back(slot);
  }

  const CallTypeSpec& type_;
  std::uint32_t agents_;
  sim::Time arrivals_end_;
  Observer& observer_;
  sim::RandomStream arrival_stream_, service_stream_, patience_stream_;

  sim::Simulator<Calendar> sim_;
  std::vector<Call> calls_;
  std::vector<std::uint32_t> free_calls_;
  sim::RingQueue<std::uint32_t> queue_;        // waiting calls (and abandoned tombstones), FIFO
  sim::RingQueue<std::uint32_t> idle_agents_;  // idle agents, longest idle first
  std::vector<std::uint32_t> agent_call_;      // call in service per agent, or kNoCall

  std::uint64_t next_call_id_ = 0;
  std::uint64_t answered_ = 0;
  std::uint64_t abandoned_ = 0;
  std::uint64_t waiting_ = 0;
};

}  // namespace callsim::models
