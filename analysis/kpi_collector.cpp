#include "analysis/kpi_collector.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace callsim::analysis {

namespace {

/// The shortest text that reads back as `s` ("1.8e+303", not 300 digits).
std::string seconds_text(double s) {
  char text[32];
  return std::string(text, std::to_chars(text, text + sizeof text, s).ptr);
}

/// The number of reporting intervals of `time`, checked before any cast: a duration of
/// 1e300 h must not become an undefined conversion to size_t.
std::size_t interval_count(const models::TimeSpec& time, std::size_t types, std::size_t groups) {
  const double duration = time.duration.seconds(), interval = time.interval.seconds();
  if (!(interval > 0) || !std::isfinite(interval))
    throw std::invalid_argument(
        "KPI collector: the reporting interval must be a positive, finite number of seconds, "
        "got " +
        seconds_text(interval));
  if (!(duration >= 0) || !std::isfinite(duration))
    throw std::invalid_argument(
        "KPI collector: the counted duration must be a non-negative, finite number of "
        "seconds, got " +
        seconds_text(duration));
  const double count = std::ceil(duration / interval);
  // The results file numbers intervals in a uint32 field; the tallies take (1 + types) x
  // count of KpiTally and groups x count of GroupTally, which must also fit vectors.
  const double most_by_memory =
      std::min(static_cast<double>(std::vector<KpiTally>().max_size()) / static_cast<double>(types + 1),
               static_cast<double>(std::vector<GroupTally>().max_size()) / static_cast<double>(groups + 1));
  const double most = std::min(static_cast<double>(kMaxIntervals), most_by_memory);
  if (!(count <= most))
    throw std::length_error("KPI collector: a counted duration of " + seconds_text(duration) + " s in intervals of " +
                            seconds_text(interval) + " s makes " + seconds_text(count) + " intervals, more than the " +
                            std::to_string(kMaxIntervals) + " a run can hold");
  return static_cast<std::size_t>(count);
}

/// What an answer or abandonment adds to a tally, applied alike to the interval's tally and
/// to its (interval, call type) tally.
void count_answer(KpiTally& t, sim::Time wait, sim::Time earlier_wait, sim::Time threshold) {
  ++t.answered;
  t.wait_answered += wait.seconds();
  t.wait_all += wait.seconds();
  if (wait > sim::Time(0)) ++t.waited;
  if (wait <= threshold) ++t.answered_within;
  // Over the caller's attempts: with no retrial, the same as this attempt's.
  const sim::Time total = wait + earlier_wait;
  t.wait_answered_end_to_end += total.seconds();
  if (total <= threshold) ++t.answered_within_end_to_end;
}

void count_callback(KpiTally& t, sim::Time delay, sim::Time threshold) {
  ++t.callbacks_made;
  t.callback_delay += delay.seconds();
  if (delay <= threshold) ++t.callbacks_made_within;
}

void count_abandon(KpiTally& t, sim::Time wait, sim::Time threshold) {
  ++t.abandoned;
  t.wait_all += wait.seconds();
  if (wait > sim::Time(0)) ++t.waited;
  if (wait <= threshold) ++t.abandoned_within;
}

/// A call that left the queue unanswered by the center's doing: `field` counts it.
void count_sent_away(KpiTally& t, sim::Time wait, std::uint64_t KpiTally::*field) {
  ++(t.*field);
  t.wait_all += wait.seconds();
  if (wait > sim::Time(0)) ++t.waited;
}

}  // namespace

KpiCollector::KpiCollector(const models::CenterSpec& spec)
    : warmup_(spec.time.warmup),
      end_(spec.time.warmup + spec.time.duration),
      interval_(spec.time.interval.seconds()),

      callback_threshold_(spec.callback_threshold),
      types_(spec.call_types.size()),
      intervals_(interval_count(spec.time, spec.call_types.size(), spec.agent_groups.size())),
      interval_types_(intervals_.size() * types_),
      groups_(spec.agent_groups.size()),
      interval_groups_(intervals_.size() * groups_.size()),
      staffing_since_(groups_.size(), sim::Time(0)),
      staffed_(groups_.size(), 0) {
  for (std::size_t k = 0; k < types_; ++k) thresholds_.push_back(models::service_level_threshold_of(spec, k));
}

void KpiCollector::on_answer(const models::CallInfo& call, sim::Time now, const models::Service& service) {
  // The agent is busy for talk and after-call work alike (AHT = talk + wrap-up).
  const sim::Time handling = service.talk + service.wrap_up;
  const std::uint32_t group = service.group;
  groups_[group].busy_time += spread(now, now + handling, 1.0, group, &KpiTally::busy_time, &GroupTally::busy_time);
  const std::size_t i = interval_of(call.arrival);
  if (i == kOutside) return;
  const sim::Time wait = now - call.arrival;
  for (KpiTally* t : {&intervals_[i], &interval_types_[i * types_ + call.type]}) {
    t->talk_time += service.talk.seconds();
    t->handle_time += handling.seconds();
  }
  if (call.callback) {
    count_callback(intervals_[i], wait, callback_threshold_);
    count_callback(interval_types_[i * types_ + call.type], wait, callback_threshold_);
  } else {
    count_answer(intervals_[i], wait, call.earlier_wait, thresholds_[call.type]);
    count_answer(interval_types_[i * types_ + call.type], wait, call.earlier_wait, thresholds_[call.type]);
  }
  for (GroupTally* g : {&groups_[group], &interval_groups_[i * groups_.size() + group]}) {
    ++g->handled;
    g->handle_time += handling.seconds();
  }
}

void KpiCollector::on_abandon(const models::CallInfo& call, sim::Time now) {
  const std::size_t i = interval_of(call.arrival);
  if (i == kOutside) return;
  const sim::Time wait = now - call.arrival;
  count_abandon(intervals_[i], wait, thresholds_[call.type]);
  count_abandon(interval_types_[i * types_ + call.type], wait, thresholds_[call.type]);
}

void KpiCollector::on_timed_out(const models::CallInfo& call, sim::Time now) {
  count_sent_away_call(call, now, &KpiTally::timed_out);
}

void KpiCollector::on_cleared(const models::CallInfo& call, sim::Time now) {
  count_sent_away_call(call, now, &KpiTally::cleared);
}

void KpiCollector::count_sent_away_call(const models::CallInfo& call, sim::Time now, std::uint64_t KpiTally::*field) {
  const std::size_t i = interval_of(call.arrival);
  if (i == kOutside) return;
  const sim::Time wait = now - call.arrival;
  count_sent_away(intervals_[i], wait, field);
  count_sent_away(interval_types_[i * types_ + call.type], wait, field);
}

void KpiCollector::on_balk(const models::CallInfo& call, sim::Time now) {
  on_abandon(call, now);
  count_outcome(call, call.arrival, &KpiTally::balked);
}

void KpiCollector::on_staffing(sim::Time now, std::uint32_t group, int staffed) {
  groups_[group].staffed_time +=
      spread(staffing_since_[group], now, staffed_[group], group, &KpiTally::staffed_time, &GroupTally::staffed_time);
  staffing_since_[group] = now;
  staffed_[group] = staffed;
}

double KpiCollector::spread(sim::Time from, sim::Time to, double agents, std::uint32_t group, double KpiTally::*field,
                            double GroupTally::*group_field) {
  from = std::max(from, warmup_);
  to = std::min(to, end_);
  if (!(from < to) || agents == 0) return 0;
  auto i = static_cast<std::size_t>((from - warmup_).seconds() / interval_);
  for (; i < intervals_.size(); ++i) {
    const sim::Time start = warmup_ + sim::Time(interval_ * static_cast<double>(i));
    const sim::Time stop = std::min(start + sim::Time(interval_), end_);
    if (!(start < to)) break;
    const double overlap = (std::min(stop, to) - std::max(start, from)).seconds();
    if (overlap > 0) {
      intervals_[i].*field += agents * overlap;
      interval_groups_[i * groups_.size() + group].*group_field += agents * overlap;
    }
  }
  return agents * (to - from).seconds();
}

ReplicationResult KpiCollector::finish(std::uint64_t calls_simulated) {
  for (std::uint32_t g = 0; g < groups_.size(); ++g) on_staffing(end_, g, staffed_[g]);
  ReplicationResult result;
  result.intervals = std::move(intervals_);
  result.interval_types = std::move(interval_types_);
  result.groups = std::move(groups_);
  result.interval_groups = std::move(interval_groups_);
  for (const KpiTally& t : result.intervals) result.total += t;
  result.calls_simulated = calls_simulated;
  return result;
}

}  // namespace callsim::analysis
