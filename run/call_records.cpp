#include "run/call_records.hpp"

#include <algorithm>
#include <cmath>

namespace callsim::run {

CallRecorder::CallRecorder(const models::CenterSpec& spec, std::uint32_t replication)
    : warmup_(spec.time.warmup), end_(spec.time.warmup + spec.time.duration), replication_(replication) {}

CallRecord& CallRecorder::row(const models::CallInfo& call, CallOutcome outcome, sim::Time counted_at) {
  // Ids are handed out in arrival order and outcomes come roughly in that order too, so
  // placing each row at its id keeps the table ordered without a sort.
  if (call.id >= rows_.size()) rows_.resize(call.id + 1);
  CallRecord& r = rows_[call.id];
  r.replication = replication_;
  r.call = call.id;
  r.call_type = call.type;
  r.attempt = call.attempt;
  r.outcome = outcome;
  // analysis::KpiCollector's rule: counted when filed under an interval of [warmup, warmup + duration).
  r.counted = counted_at >= warmup_ && counted_at < end_;
  r.arrival = call.ivr_entry.seconds();  // = call.arrival for a call that skipped the IVR
  return r;
}

void CallRecorder::on_answer(const models::CallInfo& call, sim::Time now, const models::Service& service) {
  CallRecord& r = row(call, call.callback ? CallOutcome::CALLED_BACK : CallOutcome::ANSWERED, call.arrival);
  r.queue_arrival = call.arrival.seconds();
  r.answer = now.seconds();
  r.end = (now + service.talk).seconds();
  r.wait = (now - call.arrival).seconds();  // as analysis::KpiCollector computes it, to the last bit
  r.talk = service.talk.seconds();
  r.wrap_up = service.wrap_up.seconds();
  r.group = service.group;
  r.agent = service.agent;
}

void CallRecorder::on_abandon(const models::CallInfo& call, sim::Time now) {
  CallRecord& r = row(call, CallOutcome::ABANDONED, call.arrival);
  r.queue_arrival = call.arrival.seconds();
  r.end = now.seconds();
  r.wait = (now - call.arrival).seconds();
}

void CallRecorder::on_timed_out(const models::CallInfo& call, sim::Time now) {
  CallRecord& r = row(call, CallOutcome::TIMED_OUT, call.arrival);
  r.queue_arrival = call.arrival.seconds();
  r.end = now.seconds();
  r.wait = (now - call.arrival).seconds();
}

void CallRecorder::on_cleared(const models::CallInfo& call, sim::Time now) {
  CallRecord& r = row(call, CallOutcome::CLEARED, call.arrival);
  r.queue_arrival = call.arrival.seconds();
  r.end = now.seconds();
  r.wait = (now - call.arrival).seconds();
}

void CallRecorder::on_balk(const models::CallInfo& call, sim::Time now) {
  CallRecord& r = row(call, CallOutcome::BALKED, call.arrival);
  r.queue_arrival = call.arrival.seconds();
  r.end = now.seconds();
  r.wait = (now - call.arrival).seconds();  // 0: the model balks a caller on arrival
}

void CallRecorder::on_blocked(const models::CallInfo& call, sim::Time now) {
  CallRecord& r = row(call, CallOutcome::BLOCKED, call.arrival);
  r.queue_arrival = call.arrival.seconds();
  r.end = now.seconds();
}

void CallRecorder::on_closed(const models::CallInfo& call, sim::Time now) {
  // Never reached a queue. The type is what the KPI tallies file the call under.
  row(call, CallOutcome::CLOSED, call.arrival).end = now.seconds();
}

void CallRecorder::on_ivr_exit(const models::CallInfo& call, sim::Time now, models::IvrOutcome outcome) {
  const CallOutcome o =
      outcome == models::IvrOutcome::SELF_SERVED ? CallOutcome::IVR_SELF_SERVED : CallOutcome::IVR_HANG_UP;
  // The KPI tallies file IVR outcomes by IVR entry, and under no call type.
  CallRecord& r = row(call, o, call.ivr_entry);
  r.call_type = kNoIndex;
  r.end = now.seconds();
}

std::vector<CallRecord> CallRecorder::finish() {
  // Slots of calls still in the system (only when the run stopped early) have no arrival.
  std::erase_if(rows_, [](const CallRecord& r) { return std::isnan(r.arrival); });
  return std::move(rows_);
}

}  // namespace callsim::run
