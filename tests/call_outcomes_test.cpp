// Blocking (queue capacity), balking, opening hours, retrials and the day-level busyness
// factor, each isolated and checked against an exact value or an invariant.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "analysis/erlang.hpp"
#include "models/call_center.hpp"
#include "sim/statistics.hpp"
#include "spec_builders.hpp"

using callsim::models::CallInfo;
using callsim::models::CenterSpec;
using callsim::sim::Time;
using test_specs::group;
using test_specs::type;

namespace {

CenterSpec one_queue(double per_hour, double service, int agents, double hours) {
  CenterSpec spec;
  spec.name = "outcomes";
  spec.time.duration = Time(hours * 3600);
  spec.call_types = {type("general", per_hour, service)};
  spec.agent_groups = {group("agents", {"general"}, agents)};
  return spec;
}

struct Outcomes : callsim::models::NullObserver {
  std::uint64_t offered = 0, balked = 0, blocked = 0, closed = 0, retrials = 0, waited = 0;
  std::vector<double> failures;  // times of blocked/balked/abandoned
  std::vector<double> retrial_times;
  std::vector<double> offered_at;
  void on_arrival(const CallInfo& c) {
    ++offered;
    offered_at.push_back(c.arrival.seconds());
    if (c.attempt > 0) {
      ++retrials;
      retrial_times.push_back(c.arrival.seconds());
    }
  }
  void on_answer(const CallInfo& c, Time now, const callsim::models::Service&) { waited += now > c.arrival; }
  void on_balk(const CallInfo&, Time now) {
    ++balked;
    failures.push_back(now.seconds());
  }
  void on_blocked(const CallInfo& c, Time now) {
    ++blocked;
    failures.push_back(now.seconds());
    if (c.attempt > 0) retrial_times.push_back(c.arrival.seconds());
  }
  void on_abandon(const CallInfo&, Time now) { failures.push_back(now.seconds()); }
  void on_closed(const CallInfo&, Time) { ++closed; }
};

}  // namespace

TEST_CASE("a queue with no waiting room blocks as Erlang B says", "[models][outcomes][validation]") {
  // M/M/c/c: 20 agents, 18 Erlangs, no waiting room. Blocking probability = Erlang B.
  CenterSpec spec = one_queue(360, 180, 20, 400);
  spec.call_types[0].queue_capacity = 0;
  callsim::sim::Tally blocking;
  for (std::uint64_t r = 0; r < 10; ++r) {
    Outcomes obs;
    callsim::models::CallCenter<Outcomes> center(spec, 11, r, obs);
    center.run_to_completion();
    REQUIRE(center.waiting() == 0);
    REQUIRE(obs.waited == 0);  // nobody ever waits
    REQUIRE(center.arrivals() == obs.offered + obs.blocked);
    blocking.add(static_cast<double>(obs.blocked) / static_cast<double>(center.arrivals()));
  }
  const double exact = callsim::analysis::erlang_b(18, 20);
  INFO("simulated " << blocking.mean() << " +/- " << blocking.ci_half_width() << ", Erlang B " << exact);
  REQUIRE(blocking.ci_half_width() < 0.005);
  REQUIRE(std::abs(blocking.mean() - exact) <= blocking.ci_half_width());
}

TEST_CASE("callers who would wait balk with the given probability", "[models][outcomes]") {
  CenterSpec spec = one_queue(400, 180, 20, 200);  // 20 Erlangs on 20 agents: many would wait
  spec.call_types[0].balk_probability = {0.3};
  Outcomes obs;
  callsim::models::CallCenter<Outcomes> center(spec, 5, 0, obs);
  center.run_to_completion();
  const double would_wait = static_cast<double>(obs.balked + obs.waited);
  const double share = static_cast<double>(obs.balked) / would_wait;
  // Binomial: 4 standard errors of a proportion around 0.3.
  REQUIRE(would_wait > 10000);
  REQUIRE(std::abs(share - 0.3) < 4 * std::sqrt(0.3 * 0.7 / would_wait));
  REQUIRE(center.abandoned() == obs.balked);  // no patience: every abandonment is a balk
}

TEST_CASE("balking depends on the number already waiting", "[models][outcomes]") {
  CenterSpec spec = one_queue(400, 180, 20, 100);
  spec.call_types[0].balk_probability = {0, 0, 1};  // join if fewer than 2 wait, else hang up
  struct MaxQueue : callsim::models::NullObserver {
  } obs;
  callsim::models::CallCenter<MaxQueue> center(spec, 6, 0, obs);
  for (double t = 0; t < 100 * 3600; t += 60) {
    center.run_until(Time(t));
    REQUIRE(center.waiting() <= 2);
  }
  REQUIRE(center.abandoned() > 100);
}

TEST_CASE("calls arriving while closed get the closed message", "[models][outcomes]") {
  CenterSpec spec = one_queue(600, 60, 20, 4);
  spec.open_hours = {{Time(0), Time(3600)}, {Time(2 * 3600), Time(3 * 3600)}};
  Outcomes obs;
  callsim::models::CallCenter<Outcomes> center(spec, 8, 0, obs);
  center.run_to_completion();
  for (double t : obs.offered_at) REQUIRE(((t < 3600) || (t >= 7200 && t < 10800)));
  REQUIRE(center.arrivals() == obs.offered + obs.closed);
  // 1200 calls expected while closed: Poisson, 5 standard deviations.
  REQUIRE(std::abs(static_cast<double>(obs.closed) - 1200) < 5 * std::sqrt(1200.0));
}

TEST_CASE("failed callers call again after the delay as a retrial", "[models][outcomes]") {
  CenterSpec spec = one_queue(400, 180, 18, 20);  // overloaded: many failures
  spec.call_types[0].patience = test_specs::exponential(60);
  spec.call_types[0].queue_capacity = 5;
  spec.call_types[0].retrial.probability = 1.0;
  spec.call_types[0].retrial.delay = test_specs::constant(120);
  Outcomes obs;
  callsim::models::CallCenter<Outcomes> center(spec, 9, 0, obs);
  center.run_to_completion();
  // Every failure before end - 120 s produced exactly one retrial 120 s later.
  std::vector<double> expected;
  for (double t : obs.failures) {
    if (t + 120 < spec.time.duration.seconds()) expected.push_back(t + 120);
  }
  std::sort(expected.begin(), expected.end());
  std::sort(obs.retrial_times.begin(), obs.retrial_times.end());
  REQUIRE(expected.size() > 500);
  REQUIRE(obs.retrial_times.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) REQUIRE(obs.retrial_times[i] == Approx(expected[i]));
  REQUIRE(obs.blocked > 100);
}

TEST_CASE("the day-level busyness factor has the stated cv", "[models][outcomes]") {
  // Day totals N with factor F ~ gamma(1, cv): Var N = mu + mu^2 cv^2, so the factor's cv
  // is recovered as sqrt((var - mean) / mean^2).
  CenterSpec spec = one_queue(100, 1, 50, 24);
  spec.busyness_cv = 0.2;
  callsim::sim::Tally day_total;
  for (std::uint64_t r = 0; r < 400; ++r) {
    callsim::models::NullObserver obs;
    callsim::models::CallCenter<callsim::models::NullObserver> center(spec, 3, r, obs);
    center.run_to_completion();
    day_total.add(static_cast<double>(center.arrivals()));
  }
  const double mu = 2400;
  const double cv = std::sqrt((day_total.variance() - day_total.mean()) / (day_total.mean() * day_total.mean()));
  INFO("mean " << day_total.mean() << ", cv of the factor " << cv);
  // Mean: sd of the mean is about mu * 0.2 / sqrt(400) = 24; allow 4 of them.
  REQUIRE(std::abs(day_total.mean() - mu) < 4 * 24);
  // The sample variance's relative sd is about sqrt(2 / 399) = 7%, so cv's is 3.5%: 4 sd.
  REQUIRE(std::abs(cv - 0.2) < 4 * 0.035 * 0.2);
  // Without busyness the same replications are plain Poisson: cv of the factor near 0.
  spec.busyness_cv = 0;
  callsim::sim::Tally plain;
  for (std::uint64_t r = 0; r < 400; ++r) {
    callsim::models::NullObserver obs;
    callsim::models::CallCenter<callsim::models::NullObserver> center(spec, 3, r, obs);
    center.run_to_completion();
    plain.add(static_cast<double>(center.arrivals()));
  }
  REQUIRE(plain.variance() < 1.3 * mu);
}

TEST_CASE("trace replay brings calls at exactly the recorded times", "[models][outcomes]") {
  CenterSpec spec = one_queue(0, 100, 2, 1);
  spec.call_types[0].trace = {Time(5), Time(5), Time(17.5), Time(600), Time(3599), Time(3600), Time(4000)};
  Outcomes obs;
  callsim::models::CallCenter<Outcomes> center(spec, 1, 0, obs);
  center.run_to_completion();
  // Calls at or after the end of the period (3600 s) are not replayed, like generated ones.
  REQUIRE(obs.offered_at == std::vector<double>{5, 5, 17.5, 600, 3599});
}
