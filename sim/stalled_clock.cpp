#include "sim/stalled_clock.hpp"

#include <charconv>
#include <string>

namespace callsim::sim {

namespace {

std::string shortest(double value) {
  char text[32];
  const auto end = std::to_chars(text, text + sizeof text, value).ptr;
  return std::string(text, end);
}

}  // namespace

StalledClock::StalledClock(Time time, std::uint64_t events, const Event& last)
    : std::runtime_error(std::to_string(events) + " events at t = " + shortest(time.seconds()) +
                         " s without the clock advancing"),
      time_(time),
      events_(events),
      last_(last) {}

}  // namespace callsim::sim
