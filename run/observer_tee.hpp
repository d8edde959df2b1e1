#pragma once
/// \file
/// Two model observers as one: every event goes to the first, then to the second. The
/// model takes a single observer (a template parameter, so emission inlines); a Tee lets
/// a run add an optional observer (the per-call recorder) without the plain run paying
/// for it.

#include <cstdint>

#include "models/call.hpp"
#include "models/ivr.hpp"
#include "sim/time.hpp"

namespace callsim::run {

/// Forwards every event of models::NullObserver's list to `first`, then to `second`.
/// Deliberately not derived from NullObserver: an event the model gains and this list
/// lacks is then a compile error, not an event silently dropped.
template <class First, class Second>
class Tee {
 public:
  Tee(First& first, Second& second) : first_(first), second_(second) {}

  void on_staffing(sim::Time now, std::uint32_t group, int on_duty) {
    first_.on_staffing(now, group, on_duty);
    second_.on_staffing(now, group, on_duty);
  }
  void on_arrival(const models::CallInfo& call) {
    first_.on_arrival(call);
    second_.on_arrival(call);
  }
  void on_answer(const models::CallInfo& call, sim::Time now, const models::Service& service) {
    first_.on_answer(call, now, service);
    second_.on_answer(call, now, service);
  }
  void on_abandon(const models::CallInfo& call, sim::Time now) {
    first_.on_abandon(call, now);
    second_.on_abandon(call, now);
  }
  void on_callback(const models::CallInfo& call, sim::Time now) {
    first_.on_callback(call, now);
    second_.on_callback(call, now);
  }
  void on_balk(const models::CallInfo& call, sim::Time now) {
    first_.on_balk(call, now);
    second_.on_balk(call, now);
  }
  void on_blocked(const models::CallInfo& call, sim::Time now) {
    first_.on_blocked(call, now);
    second_.on_blocked(call, now);
  }
  void on_closed(const models::CallInfo& call, sim::Time now) {
    first_.on_closed(call, now);
    second_.on_closed(call, now);
  }
  void on_ivr_exit(const models::CallInfo& call, sim::Time now, models::IvrOutcome outcome) {
    first_.on_ivr_exit(call, now, outcome);
    second_.on_ivr_exit(call, now, outcome);
  }
  void on_service_end(const models::CallInfo& call, sim::Time now, const models::Service& service) {
    first_.on_service_end(call, now, service);
    second_.on_service_end(call, now, service);
  }

 private:
  First& first_;
  Second& second_;
};

}  // namespace callsim::run
