#include "analysis/kpi_collector.hpp"

#include <algorithm>
#include <cmath>

namespace callsim::analysis {

KpiCollector::KpiCollector(sim::Time warmup, sim::Time duration, sim::Time interval, sim::Time threshold)
    : warmup_(warmup),
      end_(warmup + duration),
      interval_(interval.seconds()),
      threshold_(threshold),
      intervals_(static_cast<std::size_t>(std::ceil(duration.seconds() / interval.seconds()))) {}

void KpiCollector::on_answer(const models::CallInfo& call, sim::Time now, std::uint32_t) {
  spread(now, now + call.service, 1.0, &KpiTally::busy_time);
  KpiTally* t = tally_for(call.arrival);
  if (t == nullptr) return;
  const sim::Time wait = now - call.arrival;
  ++t->answered;
  t->wait_answered += wait.seconds();
  t->wait_all += wait.seconds();
  if (wait > sim::Time(0)) ++t->waited;
  if (wait <= threshold_) ++t->answered_within;
}

void KpiCollector::on_abandon(const models::CallInfo& call, sim::Time now) {
  KpiTally* t = tally_for(call.arrival);
  if (t == nullptr) return;
  const sim::Time wait = now - call.arrival;
  ++t->abandoned;
  t->wait_all += wait.seconds();
  if (wait > sim::Time(0)) ++t->waited;
  if (wait <= threshold_) ++t->abandoned_within;
}

void KpiCollector::on_staffing(sim::Time now, int staffed) {
  spread(staffing_since_, now, staffed_, &KpiTally::staffed_time);
  staffing_since_ = now;
  staffed_ = staffed;
}

void KpiCollector::spread(sim::Time from, sim::Time to, double agents, double KpiTally::*field) {
  from = std::max(from, warmup_);
  to = std::min(to, end_);
  if (!(from < to) || agents == 0) return;
  auto i = static_cast<std::size_t>((from - warmup_).seconds() / interval_);
  for (; i < intervals_.size(); ++i) {
    const sim::Time start = warmup_ + sim::Time(interval_ * static_cast<double>(i));
    const sim::Time stop = std::min(start + sim::Time(interval_), end_);
    if (!(start < to)) break;
    const double overlap = (std::min(stop, to) - std::max(start, from)).seconds();
    if (overlap > 0) intervals_[i].*field += agents * overlap;
  }
}

ReplicationResult KpiCollector::finish(std::uint64_t calls_simulated) {
  on_staffing(end_, staffed_);
  ReplicationResult result;
  result.intervals = std::move(intervals_);
  for (const KpiTally& t : result.intervals) result.total += t;
  result.calls_simulated = calls_simulated;
  return result;
}

}  // namespace callsim::analysis
