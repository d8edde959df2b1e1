#pragma once
/// \file
/// The calls in the center and the queues they wait in, with their patience timers.
///
/// Every call in the system (in the IVR, waiting, awaiting a callback, in service) has a
/// slot in one table; slots are reused, so a replication allocates only while the number
/// of calls in the system grows past its peak. Queues hold slots FIFO: queue k is call
/// type k's (a type index names its queue), then one queue per agent group and one queue
/// of callbacks per call type for policies that choose queues (RoutingView::group_queue,
/// callback_queue).
///
/// Abandonment leaves a tombstone: the abandoned call's slot stays in its queue until it
/// reaches the head, where head_of() drops it and frees the slot. So abandoning is O(1)
/// and a queue never has to be searched; a slot is never reused while a queue refers to it.

#include <algorithm>
#include <cstdint>
#include <vector>

#include "models/call.hpp"
#include "models/center_events.hpp"
#include "models/center_spec.hpp"
#include "models/hot_path.hpp"
#include "models/routing_ids.hpp"
#include "sim/event.hpp"
#include "sim/ring_queue.hpp"
#include "sim/time.hpp"

namespace callsim::models {

inline constexpr std::uint32_t kNoCall = ~0u;

enum class CallState : std::uint8_t { kInIvr, kWaiting, kAwaitingCallback, kInService, kGone };

/// A call in the system: what observers learn (info) and what only the model needs.
struct Call {
  CallInfo info;
  sim::EventHandle abandon;  // the patience timer while it waits
  double balk_draw = 1;      // uniform drawn at entry; balks if below the probability
  double policy_draw = 1;    // uniform drawn at entry for the policy's queue choice
  std::uint32_t queue = 0;   // the queue it waits in
  std::uint32_t ivr_exit = 0;
  CallState state = CallState::kGone;
};

class CallQueues {
 public:
  explicit CallQueues(const CenterSpec& spec)
      : types_(static_cast<std::uint32_t>(spec.call_types.size())),
        groups_(static_cast<std::uint32_t>(spec.agent_groups.size())),
        queues_(2 * spec.call_types.size() + spec.agent_groups.size()),
        type_waiting_(spec.call_types.size(), 0) {
    for (const CallTypeSpec& type : spec.call_types) {
      credit_.push_back(type.priority_credit);
      max_queue_time_.push_back(type.max_queue_time);
    }
  }

  // ---- the call table -------------------------------------------------------------------

  /// A free slot (its previous contents left as they were: the caller fills it).
  CALLSIM_HOT_INLINE std::uint32_t new_call() {
    if (free_.empty()) {
      calls_.emplace_back();
      return static_cast<std::uint32_t>(calls_.size() - 1);
    }
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    return slot;
  }
  /// The call left the system (from anywhere but a queue: a queued call's slot is freed
  /// by head_of once it reaches the head).
  CALLSIM_HOT_INLINE void release(std::uint32_t slot) {
    calls_[slot].state = CallState::kGone;
    free_.push_back(slot);
  }
  [[nodiscard]] Call& call(std::uint32_t slot) { return calls_[slot]; }
  [[nodiscard]] const Call& call(std::uint32_t slot) const { return calls_[slot]; }
  /// Slots ever allocated: the peak number of calls in the system (and tombstones).
  [[nodiscard]] std::size_t slots() const { return calls_.size(); }

  // ---- queue numbering and lengths ------------------------------------------------------

  [[nodiscard]] std::uint32_t group_queue(std::uint32_t group) const { return types_ + group; }
  [[nodiscard]] std::uint32_t callback_queue(std::uint32_t type) const { return types_ + groups_ + type; }
  [[nodiscard]] bool is_callback_queue(std::uint32_t queue) const { return queue >= types_ + groups_; }
  /// Live calls in queue `queue` now.
  [[nodiscard]] std::int64_t queue_length(std::uint32_t queue) const { return queues_[queue].waiting; }
  /// Live calls of `type` waiting now, in whichever queue (callbacks not included).
  [[nodiscard]] std::int64_t type_waiting(std::uint32_t type) const { return type_waiting_[type]; }
  /// Live calls waiting on the line, every queue.
  [[nodiscard]] std::uint64_t waiting() const { return waiting_; }
  /// Callers who took a callback and wait to be called.
  [[nodiscard]] std::uint64_t awaiting_callback() const { return awaiting_callback_; }

  // ---- the head of a queue --------------------------------------------------------------

  /// The live call at the head of queue `queue`, dropping (and freeing) abandoned
  /// tombstones found there; kNoCall if none waits.
  CALLSIM_HOT_INLINE std::uint32_t head_of(std::uint32_t queue) {
    const auto& slots = queues_[queue].calls;
    if (slots.empty()) return kNoCall;
    if (is_live(slots.front())) return slots.front();
    return drop_tombstones(queue);
  }
  /// The head call's arrival minus its type's priority credit (s), or kNobodyWaits.
  CALLSIM_HOT_INLINE double head_wait_key(std::uint32_t queue) {
    const std::uint32_t slot = head_of(queue);
    if (slot == kNoCall) return kNobodyWaits;
    return (calls_[slot].info.arrival - credit_[calls_[slot].info.type]).seconds();
  }
  /// When the head call reached the center's queue (s), or kNobodyWaits.
  CALLSIM_HOT_INLINE double head_arrival(std::uint32_t queue) {
    const std::uint32_t slot = head_of(queue);
    return slot == kNoCall ? kNobodyWaits : calls_[slot].info.arrival.seconds();
  }

  // ---- moves ----------------------------------------------------------------------------

  /// The call in `slot` waits in `queue` (a call type's or a group's) from now, and its
  /// patience timer starts (a center_event::kAbandon for the slot, unless it never abandons).
  template <class Simulator>
  CALLSIM_HOT_INLINE void wait(std::uint32_t slot, std::uint32_t queue, Simulator& sim) {
    Call& call = calls_[slot];
    call.queue = queue;
    call.state = CallState::kWaiting;
    ++waiting_;
    ++type_waiting_[call.info.type];
    ++queues_[queue].waiting;
    queues_[queue].calls.push_back(slot);
    const sim::Time leaves = leaves_after(call.info);
    if (leaves < sim::Time::infinity()) {
      call.abandon = sim.schedule_at(sim.now() + leaves, center_event::kAbandon, slot, center_event::kPriorityAbandon);
    }
  }
  /// How long a call waits at most: until its caller's patience runs out, or until its
  /// type's max_queue_time sends it elsewhere, whichever comes first.
  [[nodiscard]] CALLSIM_HOT_INLINE sim::Time leaves_after(const CallInfo& info) const {
    return std::min(info.patience, max_queue_time_[info.type]);
  }
  /// Whether a call whose timer fired was sent elsewhere at max_queue_time (else its
  /// caller's patience ran out first; a tie is a time-out: the center acted).
  [[nodiscard]] bool times_out(const CallInfo& info) const { return max_queue_time_[info.type] <= info.patience; }
  /// The caller in `slot` took a callback: it waits off the line in callback queue `queue`
  /// (no patience: it cannot abandon).
  CALLSIM_HOT_INLINE void await_callback(std::uint32_t slot, std::uint32_t queue) {
    Call& call = calls_[slot];
    call.queue = queue;
    call.state = CallState::kAwaitingCallback;
    call.info.callback = true;
    ++awaiting_callback_;
    ++queues_[queue].waiting;
    queues_[queue].calls.push_back(slot);
  }
  /// Removes the live head call of `queue` (there must be one: a policy saw it waiting),
  /// stops its patience timer and returns its slot.
  template <class Simulator>
  CALLSIM_HOT_INLINE std::uint32_t take_head(std::uint32_t queue, Simulator& sim) {
    const std::uint32_t slot = head_of(queue);
    Call& call = calls_[slot];
    queues_[queue].calls.pop_front();
    --queues_[queue].waiting;
    if (call.state == CallState::kAwaitingCallback) {
      --awaiting_callback_;
    } else {
      --waiting_;
      --type_waiting_[call.info.type];
      sim.cancel(call.abandon);
    }
    return slot;
  }
  /// The waiting calls of `type` (on the line, in whichever queue; callbacks not included),
  /// in queue order: what clearing disconnects. A cold path: a queue is cleared rarely.
  [[nodiscard]] std::vector<std::uint32_t> waiting_of(std::uint32_t type) const {
    std::vector<std::uint32_t> out;
    for (std::uint32_t q = 0; q < types_ + groups_; ++q) {
      const auto& slots = queues_[q].calls;
      for (std::size_t i = 0; i < slots.size(); ++i)
        if (calls_[slots[i]].state == CallState::kWaiting && calls_[slots[i]].info.type == type)
          out.push_back(slots[i]);
    }
    return out;
  }
  /// The waiting call in `slot` is disconnected: its timer stops and it leaves its queue
  /// (a tombstone there, as for an abandonment).
  template <class Simulator>
  void clear(std::uint32_t slot, Simulator& sim) {
    sim.cancel(calls_[slot].abandon);
    abandon(slot);
  }
  /// The patience of the call in `slot` ran out: false if it no longer waits (defensive:
  /// a cancelled timer never fires); else it is gone, a tombstone in its queue.
  CALLSIM_HOT_INLINE bool abandon(std::uint32_t slot) {
    Call& call = calls_[slot];
    if (call.state != CallState::kWaiting) return false;
    call.state = CallState::kGone;
    --waiting_;
    --type_waiting_[call.info.type];
    --queues_[call.queue].waiting;
    return true;
  }

 private:
  [[nodiscard]] bool is_live(std::uint32_t slot) const {
    return calls_[slot].state == CallState::kWaiting || calls_[slot].state == CallState::kAwaitingCallback;
  }
  /// head_of's slow path: frees the tombstones at the head of `queue`, returns the live
  /// head or kNoCall.
  CALLSIM_COLD_PATH std::uint32_t drop_tombstones(std::uint32_t queue) {
    auto& slots = queues_[queue].calls;
    while (!slots.empty()) {
      const std::uint32_t slot = slots.front();
      if (is_live(slot)) return slot;
      slots.pop_front();
      free_.push_back(slot);
    }
    return kNoCall;
  }

  struct Queue {
    sim::RingQueue<std::uint32_t> calls;  // waiting calls (and abandoned tombstones), FIFO
    std::int64_t waiting = 0;             // live calls in `calls`
  };

  std::uint32_t types_;
  std::uint32_t groups_;
  std::vector<Call> calls_;
  std::vector<std::uint32_t> free_;
  std::vector<Queue> queues_;               // [K types | G groups | K callback queues]
  std::vector<std::int64_t> type_waiting_;  // per call type, in any queue
  std::vector<sim::Time> credit_;           // per call type: priority credit
  std::vector<sim::Time> max_queue_time_;   // per call type: CallTypeSpec::max_queue_time
  std::uint64_t waiting_ = 0;
  std::uint64_t awaiting_callback_ = 0;
};

}  // namespace callsim::models
