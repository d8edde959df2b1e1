#pragma once
/// \file
/// When the center is open and how many calls reach its agents, per interval and call type:
/// the forecast of a fitted scenario, and the day-to-day busyness around it. Intervals are
/// counted from midnight of each call's day (times past midnight stay on their day).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "fit/call_log.hpp"

namespace callsim::fit {

/// The intervals a fitted day covers: [first, end) in interval numbers from midnight.
struct OpenWindow {
  double interval = 1800;  ///< seconds
  std::size_t first = 0;
  std::size_t end = 0;

  [[nodiscard]] std::size_t size() const { return end - first; }
  [[nodiscard]] double start_seconds() const { return static_cast<double>(first) * interval; }
  /// The interval of a time after midnight within the window, or size() outside it.
  [[nodiscard]] std::size_t slot(double seconds) const {
    if (!(seconds >= start_seconds())) return size();
    const auto k = static_cast<std::size_t>(seconds / interval);
    return k >= first && k < end ? k - first : size();
  }
};

/// The open window: from the first to the last interval in which agents answered calls on
/// at least half of the `days` and served at least 5 % of the busiest interval's service
/// time (a few calls answered past closing on some days, or before opening on most, do not
/// widen it). Throws std::invalid_argument when no interval qualifies (a log without answers).
OpenWindow open_window(const CallLog& log, const std::vector<std::uint32_t>& days, double interval);

struct ArrivalProfile {
  /// [call type][interval of the window]: mean calls per day reaching the agents' side
  /// (queued or answered at once), binned on the time they got there.
  std::vector<std::vector<double>> mean;
  std::vector<double> day_totals;  ///< per kept day: those calls within the window
  /// [kept day][call type][interval]: each day's own counts
  std::vector<std::vector<std::vector<double>>> by_day;
  double mean_per_day = 0;
  /// Day-level busyness: the cv of a gamma day factor that, with Poisson arrivals, gives the
  /// observed variance of the day totals: cv^2 = (var - mean) / mean^2 (0 when the days
  /// vary no more than Poisson noise).
  double busyness_cv = 0;
  double outside_per_day = 0;   ///< calls per day reaching the agents outside the window
  double ivr_only_per_day = 0;  ///< calls per day that ended in the IVR
};

ArrivalProfile arrival_profile(const CallLog& log, const std::vector<std::uint32_t>& days, const OpenWindow& window);

}  // namespace callsim::fit
