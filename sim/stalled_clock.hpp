#pragma once
/// \file
/// What the kernel throws when simulated time stops moving: a run that handles event after
/// event at one instant (a zero-time loop in the model, or times too close together for a
/// double to tell apart) would otherwise never end. The kernel knows nothing of what the
/// events mean; the domain layer catches this and names the cause.

#include <cstdint>
#include <stdexcept>

#include "sim/event.hpp"

namespace callsim::sim {

/// Events a Simulator handles at one instant, by default, before it gives up with
/// StalledClock: a tenth of a second of a stuck run (and, with every call recorded, about
/// 100 MB of records), yet far above any real burst of same-time events (a day's staffing
/// changes, a trace's tied arrivals: thousands).
inline constexpr std::uint64_t kDefaultStallEvents = 1'000'000;

/// Simulator::run_until handled `events()` events in a row at time `time()` without the
/// clock advancing; `last()` is the last of them (the model reads its kind and payload).
class StalledClock : public std::runtime_error {
 public:
  StalledClock(Time time, std::uint64_t events, const Event& last);
  [[nodiscard]] Time time() const { return time_; }
  [[nodiscard]] std::uint64_t events() const { return events_; }
  [[nodiscard]] const Event& last() const { return last_; }

 private:
  Time time_;
  std::uint64_t events_;
  Event last_;
};

}  // namespace callsim::sim
