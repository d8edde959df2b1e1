#pragma once
/// \file
/// Simulated time: a named type for seconds, so signatures say what they take.

#include <compare>
#include <limits>

namespace callsim::sim {

/// A point in (or a span of) simulated time, in seconds. A thin wrapper over double:
/// free to copy, totally ordered, and never confused with a rate or a count.
class Time {
 public:
  constexpr Time() = default;
  constexpr explicit Time(double seconds) : seconds_(seconds) {}

  /// The value in seconds.
  [[nodiscard]] constexpr double seconds() const { return seconds_; }

  /// A time later than any event: "never".
  static constexpr Time infinity() { return Time(std::numeric_limits<double>::infinity()); }

  constexpr auto operator<=>(const Time&) const = default;

  constexpr Time& operator+=(Time other) {
    seconds_ += other.seconds_;
    return *this;
  }
  constexpr Time& operator-=(Time other) {
    seconds_ -= other.seconds_;
    return *this;
  }
  friend constexpr Time operator+(Time a, Time b) { return Time(a.seconds_ + b.seconds_); }
  friend constexpr Time operator-(Time a, Time b) { return Time(a.seconds_ - b.seconds_); }
  friend constexpr Time operator*(Time a, double k) { return Time(a.seconds_ * k); }
  friend constexpr Time operator*(double k, Time a) { return Time(a.seconds_ * k); }

 private:
  double seconds_ = 0.0;
};

}  // namespace callsim::sim
