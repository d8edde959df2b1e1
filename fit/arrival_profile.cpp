#include "fit/arrival_profile.hpp"

#include <algorithm>
#include <stdexcept>

namespace callsim::fit {

namespace {

// Intervals of two days: a day's calls may run past midnight.
constexpr double kOpenShareOfPeak = 0.05;

std::size_t day_bins(double interval) { return static_cast<std::size_t>(2 * 86400 / interval) + 1; }

std::vector<int> day_slot_of(const CallLog& log, const std::vector<std::uint32_t>& days) {
  std::vector<int> slot(log.days.size(), -1);
  for (std::size_t i = 0; i < days.size(); ++i) slot[days[i]] = static_cast<int>(i);
  return slot;
}

}  // namespace

OpenWindow open_window(const CallLog& log, const std::vector<std::uint32_t>& days, double interval) {
  const std::size_t bins = day_bins(interval);
  const std::vector<int> slot = day_slot_of(log, days);
  std::vector<std::vector<bool>> answered(bins, std::vector<bool>(days.size(), false));
  std::vector<double> busy(bins, 0);  // service seconds begun in the interval, all days
  for (const auto& call : log.calls) {
    if (call.outcome != LoggedOutcome::ANSWERED || slot[call.day] < 0 || !(call.answer >= 0)) continue;
    const auto k = static_cast<std::size_t>(call.answer / interval);
    if (k >= bins) continue;
    answered[k][static_cast<std::size_t>(slot[call.day])] = true;
    if (call.end > call.answer) busy[k] += call.end - call.answer;
  }
  const double peak = *std::max_element(busy.begin(), busy.end());
  OpenWindow window;
  window.interval = interval;
  bool found = false;
  for (std::size_t k = 0; k < bins; ++k) {
    const auto open_days = static_cast<std::size_t>(std::count(answered[k].begin(), answered[k].end(), true));
    if (2 * open_days < days.size() || open_days == 0) continue;
    // A few early or late answers on most days (an agent logging in before the hour) do not
    // open the center: its agents must do at least 5 % of the busiest interval's work.
    if (busy[k] < kOpenShareOfPeak * peak) continue;
    if (!found) window.first = k;
    window.end = k + 1;
    found = true;
  }
  if (!found) {
    throw std::invalid_argument(
        "no interval of the chosen days has calls answered by agents on at least half of the "
        "days, so the center's opening hours cannot be told; check --days and the log");
  }
  return window;
}

ArrivalProfile arrival_profile(const CallLog& log, const std::vector<std::uint32_t>& days, const OpenWindow& window) {
  const std::vector<int> slot = day_slot_of(log, days);
  ArrivalProfile out;
  out.mean.assign(log.call_types.size(), std::vector<double>(window.size(), 0));
  out.day_totals.assign(days.size(), 0);
  out.by_day.assign(days.size(),
                    std::vector<std::vector<double>>(log.call_types.size(), std::vector<double>(window.size(), 0)));
  double outside = 0, ivr_only = 0;
  for (const auto& call : log.calls) {
    if (slot[call.day] < 0) continue;
    if (call.outcome == LoggedOutcome::IVR_ONLY) {
      ++ivr_only;
      continue;
    }
    const std::size_t k = window.slot(call.queue_entry);
    if (k == window.size()) {
      ++outside;
      continue;
    }
    out.mean[call.call_type][k] += 1;
    out.by_day[static_cast<std::size_t>(slot[call.day])][call.call_type][k] += 1;
    out.day_totals[static_cast<std::size_t>(slot[call.day])] += 1;
  }
  const double n = static_cast<double>(days.size());
  for (auto& type : out.mean)
    for (auto& v : type) v /= n;
  double sum = 0;
  for (const double t : out.day_totals) sum += t;
  out.mean_per_day = sum / n;
  out.outside_per_day = outside / n;
  out.ivr_only_per_day = ivr_only / n;
  if (days.size() >= 2 && out.mean_per_day > 0) {
    double ss = 0;
    for (const double t : out.day_totals) ss += (t - out.mean_per_day) * (t - out.mean_per_day);
    const double var = ss / (n - 1);
    out.busyness_cv = std::sqrt(std::max(0.0, var - out.mean_per_day)) / out.mean_per_day;
  }
  return out;
}

}  // namespace callsim::fit
