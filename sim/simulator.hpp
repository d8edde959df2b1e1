#pragma once
/// \file
/// The simulation clock and loop: pops events in (time, priority, insertion) order and hands
/// each to the model's handler. A template over the calendar and the handler, so the hot
/// loop is one inlined dispatch with no virtual call.
///
/// Two guards keep a run stoppable: an event budget per call of run_until (so a caller can
/// look at a stop flag every so many events, whatever the simulated time does, and resume
/// with the very events of one long run), and a stall limit: that many events in a row at
/// one instant end the run with StalledClock instead of looping for ever.

#include <cstdint>
#include <limits>

#include "sim/event.hpp"
#include "sim/event_calendar.hpp"
#include "sim/stalled_clock.hpp"

namespace callsim::sim {

template <class Calendar = EventCalendar>
class Simulator {
 public:
  /// No event budget: run_until runs until no event <= end is left.
  static constexpr std::uint64_t kNoBudget = std::numeric_limits<std::uint64_t>::max();

  /// The current simulated time: the time of the event being handled.
  [[nodiscard]] Time now() const { return now_; }

  /// Schedules an event of `kind` for `payload` at absolute time `at` (>= now()).
  EventHandle schedule_at(Time at, std::uint32_t kind, std::uint64_t payload, std::int16_t priority = 0) {
    return calendar_.schedule(Event{at, priority, kind, payload});
  }
  /// Schedules an event `delay` seconds from now.
  EventHandle schedule_in(Time delay, std::uint32_t kind, std::uint64_t payload, std::int16_t priority = 0) {
    return schedule_at(now_ + delay, kind, payload, priority);
  }
  /// Cancels a pending event; false when it already ran or was cancelled.
  bool cancel(EventHandle handle) { return calendar_.cancel(handle); }

  /// Runs the events with time <= `end`, at most `max_events` of them, calling
  /// `handler(const Event&)` for each; returns the number handled. When no event <= `end`
  /// is left the clock moves to `end` (if it is finite); when the budget ran out first it
  /// stays at the last event's time, so calling again continues exactly where this
  /// stopped: any split into budgets handles the very events, in the very order, of one
  /// call. Throws StalledClock once stall_limit() events in a row had the same time (the
  /// simulator's state is then that after the last of them).
  template <class Handler>
  std::uint64_t run_until(Time end, Handler&& handler, std::uint64_t max_events = kNoBudget) {
    std::uint64_t handled = 0;
    while (handled < max_events && !calendar_.empty() && calendar_.next_time() <= end) {
      const Event event = calendar_.pop();
      // A conditional move, not a branch: the hot loop pays a compare and an add.
      same_time_ = event.time == now_ ? same_time_ + 1 : 0;
      now_ = event.time;
      handler(event);
      ++handled;
      if (same_time_ >= stall_limit_) [[unlikely]] {
        events_handled_ += handled;
        stalled(event);
      }
    }
    events_handled_ += handled;
    if (end < Time::infinity() && now_ < end && (calendar_.empty() || calendar_.next_time() > end)) now_ = end;
    return handled;
  }
  /// Runs until no event is left.
  template <class Handler>
  std::uint64_t run(Handler&& handler) {
    return run_until(Time::infinity(), handler);
  }

  [[nodiscard]] std::size_t pending() const { return calendar_.size(); }
  [[nodiscard]] std::uint64_t events_handled() const { return events_handled_; }

  /// Events in a row at one instant after which run_until throws StalledClock (at least 1).
  [[nodiscard]] std::uint64_t stall_limit() const { return stall_limit_ + 1; }
  void set_stall_limit(std::uint64_t events) { stall_limit_ = events > 0 ? events - 1 : 0; }

 private:
  [[noreturn]] [[gnu::cold]] [[gnu::noinline]] void stalled(const Event& last) const {
    throw StalledClock(now_, same_time_ + 1, last);
  }

  Calendar calendar_;
  Time now_{0};
  std::uint64_t events_handled_ = 0;
  /// Events handled since the clock last moved, minus one (0 for the first at an instant).
  /// Starts at -1 so that the first event, at now() = 0, counts as the first at its time.
  std::uint64_t same_time_ = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t stall_limit_ = kDefaultStallEvents - 1;  ///< compared with same_time_
};

}  // namespace callsim::sim
