#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/observer_events.hpp"
#include "run/observer_tee.hpp"

using callsim::models::CallInfo;
using callsim::models::Service;
using callsim::sim::Time;

namespace {

/// Logs every event of the list as "<who>:<event>", generated from the same list, so an
/// event the list gains is logged without touching this test.
struct Logger {
  std::string who;
  std::vector<std::string>* log;
#define CALLSIM_LOG_EVENT(name, params, args)   \
  void name params {                            \
    callsim::models::detail::ignore_event args; \
    log->push_back(who + ":" #name);            \
  }
  CALLSIM_OBSERVER_EVENTS(CALLSIM_LOG_EVENT)
#undef CALLSIM_LOG_EVENT
};

/// Only answers matter to it; NullObserver takes the rest.
struct AnswerCounter : callsim::models::NullObserver {
  int answers = 0;
  void on_answer(const CallInfo&, Time, const Service&) { ++answers; }
};

}  // namespace

TEST_CASE("the tee forwards every listed event to the first observer, then the second", "[run][observer]") {
  std::vector<std::string> log;
  Logger first{"1", &log}, second{"2", &log};
  callsim::run::Tee<Logger, Logger> tee(first, second);
  const CallInfo call;
  const Service service;
  tee.on_staffing(Time(0), 0, 3);
  tee.on_arrival(call);
  tee.on_answer(call, Time(1), service);
  tee.on_abandon(call, Time(1));
  tee.on_callback(call, Time(1));
  tee.on_balk(call, Time(1));
  tee.on_blocked(call, Time(1));
  tee.on_closed(call, Time(1));
  tee.on_ivr_exit(call, Time(1), callsim::models::IvrOutcome::SELF_SERVED);
  tee.on_service_end(call, Time(2), service);
  const std::vector<std::string> events = {"on_staffing", "on_arrival", "on_answer", "on_abandon",  "on_callback",
                                           "on_balk",     "on_blocked", "on_closed", "on_ivr_exit", "on_service_end"};
  REQUIRE(log.size() == 2 * events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    CHECK(log[2 * i] == "1:" + events[i]);
    CHECK(log[2 * i + 1] == "2:" + events[i]);
  }
}

TEST_CASE("an observer derived from NullObserver handles only its own events", "[run][observer]") {
  AnswerCounter counter;
  std::vector<std::string> log;
  Logger logger{"l", &log};
  callsim::run::Tee<AnswerCounter, Logger> tee(counter, logger);
  const CallInfo call;
  tee.on_arrival(call);
  tee.on_answer(call, Time(1), Service{});
  tee.on_service_end(call, Time(2), Service{});
  CHECK(counter.answers == 1);
  CHECK(log == std::vector<std::string>{"l:on_arrival", "l:on_answer", "l:on_service_end"});
}
