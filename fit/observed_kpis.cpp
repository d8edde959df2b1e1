#include "fit/observed_kpis.hpp"

#include <cmath>
#include <string_view>

namespace callsim::fit {

ObservedKpis observed_kpis(const CallLog& log, const std::vector<std::uint32_t>& days, const OpenWindow& window,
                           double threshold) {
  std::vector<int> slot(log.days.size(), -1);
  for (std::size_t i = 0; i < days.size(); ++i) slot[days[i]] = static_cast<int>(i);
  ObservedKpis out;
  out.by_day.assign(days.size(), std::vector<analysis::KpiTally>(window.size()));
  for (const auto& call : log.calls) {
    const int d = slot[call.day];
    if (d < 0 || call.outcome == LoggedOutcome::IVR_ONLY) continue;
    const std::size_t k = window.slot(call.queue_entry);
    if (k == window.size()) continue;
    analysis::KpiTally& t = out.by_day[static_cast<std::size_t>(d)][k];
    const double wait = call.wait();
    ++t.offered;
    if (wait > 0) ++t.waited;
    if (call.outcome == LoggedOutcome::ANSWERED) {
      ++t.answered;
      if (wait <= threshold) ++t.answered_within;
      t.wait_answered += wait;
      const double talk = std::isnan(call.end) ? 0.0 : call.end - call.answer;
      t.talk_time += talk;
      t.handle_time += talk;
    } else {
      ++t.abandoned;
      if (wait <= threshold) ++t.abandoned_within;
    }
    t.wait_all += wait;
  }
  out.pooled.assign(window.size(), analysis::KpiTally{});
  for (const auto& day : out.by_day)
    for (std::size_t k = 0; k < window.size(); ++k) out.pooled[k] += day[k];
  return out;
}

double kpi_per_day(const analysis::KpiTally& tally, std::size_t kpi, double days) {
  const auto& definition = analysis::kpi_definitions()[kpi];
  const double value = definition.compute(tally);
  return std::string_view(definition.unit) == "calls" ? value / days : value;
}

}  // namespace callsim::fit
