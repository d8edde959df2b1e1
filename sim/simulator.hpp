#pragma once
/// \file
/// The simulation clock and loop: pops events in (time, priority, insertion) order and hands
/// each to the model's handler. A template over the calendar and the handler, so the hot
/// loop is one inlined dispatch with no virtual call.

#include <cstdint>

#include "sim/event.hpp"
#include "sim/event_calendar.hpp"

namespace callsim::sim {

template <class Calendar = EventCalendar>
class Simulator {
 public:
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

  /// Runs every event with time <= `end`, calling `handler(const Event&)` for each, then
  /// sets the clock to `end` (if it is finite). Returns the number of events handled.
  template <class Handler>
  std::uint64_t run_until(Time end, Handler&& handler) {
    std::uint64_t handled = 0;
    while (!calendar_.empty() && calendar_.next_time() <= end) {
      const Event event = calendar_.pop();
      now_ = event.time;
      handler(event);
      ++handled;
    }
    if (end < Time::infinity() && now_ < end) now_ = end;
    events_handled_ += handled;
    return handled;
  }
  /// Runs until no event is left.
  template <class Handler>
  std::uint64_t run(Handler&& handler) {
    return run_until(Time::infinity(), handler);
  }

  [[nodiscard]] std::size_t pending() const { return calendar_.size(); }
  [[nodiscard]] std::uint64_t events_handled() const { return events_handled_; }

 private:
  Calendar calendar_;
  Time now_{0};
  std::uint64_t events_handled_ = 0;
};

}  // namespace callsim::sim
