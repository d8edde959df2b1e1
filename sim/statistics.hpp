#pragma once
/// \file
/// The statistical collectors every simulation person knows: Tally (observations),
/// TimeAverage (a piecewise-constant value integrated over time) and Counter.

#include <cstdint>
#include <limits>

#include "sim/time.hpp"

namespace callsim::sim {

/// Two-sided Student-t quantile t_{1-alpha/2, df}; e.g. student_t_quantile(0.95, 9) = 2.262.
double student_t_quantile(double confidence, std::uint64_t degrees_of_freedom);

/// Observations x_1..x_n: mean and variance by Welford's update (stable for millions of
/// values), and a Student-t confidence interval for the mean. The variance, and so the
/// interval, is undefined (NaN) below two observations.
class Tally {
 public:
  void add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
  }
  [[nodiscard]] std::uint64_t count() const { return n_; }
  [[nodiscard]] double mean() const { return n_ > 0 ? mean_ : kNaN; }
  /// Unbiased sample variance.
  [[nodiscard]] double variance() const { return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : kNaN; }
  [[nodiscard]] double std_dev() const;
  /// Half-width of the Student-t confidence interval of the mean at `confidence` (0.95).
  [[nodiscard]] double ci_half_width(double confidence = 0.95) const;
  [[nodiscard]] double min() const { return n_ > 0 ? min_ : kNaN; }
  [[nodiscard]] double max() const { return n_ > 0 ? max_ : kNaN; }

 private:
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::uint64_t n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

/// The time average of a piecewise-constant quantity (queue length, busy agents): call
/// update(t, v) whenever the value changes to v at time t.
class TimeAverage {
 public:
  explicit TimeAverage(Time start = Time(0), double initial = 0) : start_(start), last_(start), value_(initial) {}
  void update(Time t, double value) {
    integral_ += value_ * (t - last_).seconds();
    last_ = t;
    value_ = value;
  }
  /// Average over [start, t]; NaN for an empty span.
  [[nodiscard]] double average(Time t) const {
    const double span = (t - start_).seconds();
    return span > 0 ? (integral_ + value_ * (t - last_).seconds()) / span : std::numeric_limits<double>::quiet_NaN();
  }
  [[nodiscard]] double value() const { return value_; }

 private:
  Time start_;
  Time last_;
  double value_;
  double integral_ = 0;
};

/// A count of occurrences.
class Counter {
 public:
  void add(std::uint64_t n = 1) { value_ += n; }
  [[nodiscard]] std::uint64_t value() const { return value_; }

 private:
  std::uint64_t value_ = 0;
};

}  // namespace callsim::sim
