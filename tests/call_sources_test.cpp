#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "models/call_sources.hpp"
#include "sim/event_calendar.hpp"
#include "sim/simulator.hpp"
#include "spec_builders.hpp"

using callsim::models::CallQueues;
using callsim::models::CallSources;
using callsim::models::CenterSpec;
using callsim::sim::Time;
namespace center_event = callsim::models::center_event;

namespace {

/// Types 'a' (360/h, service 100 s, patience 60 s) and 'b' (36/h, constant 42 s service,
/// no patience), arrivals over 10 h.
CenterSpec two_types() {
  CenterSpec spec;
  spec.time.duration = Time(36000);
  spec.call_types = {test_specs::type("a", 360, 100, 60), test_specs::type("b", 36, 100)};
  spec.call_types[1].service = test_specs::constant(42);
  spec.agent_groups = {test_specs::group("g", {"a", "b"}, 1)};
  return spec;
}

/// Runs the arrivals of `sources` to the end, counting arrivals per type.
std::vector<int> arrivals_per_type(CallSources& sources, std::size_t types) {
  callsim::sim::Simulator<> sim;
  sources.start(sim);
  std::vector<int> count(types, 0);
  sim.run([&](const callsim::sim::Event& e) {
    REQUIRE(e.kind == center_event::kArrival);
    ++count[e.payload];
    sources.next_arrival(static_cast<std::uint32_t>(e.payload), sim.now(), sim);
  });
  return count;
}

}  // namespace

TEST_CASE("each type arrives at its rate until the end of the period", "[models][sources]") {
  const CenterSpec spec = two_types();
  CallSources sources(spec, 3, 0, false);
  const auto count = arrivals_per_type(sources, 2);
  // Poisson: means 3600 and 360, within five standard deviations.
  CHECK(std::abs(count[0] - 3600) < 5 * 60);
  CHECK(std::abs(count[1] - 360) < 5 * 19);
}

TEST_CASE("a trace is replayed as recorded, none after the period", "[models][sources]") {
  CenterSpec spec = two_types();
  spec.call_types[1].trace = {Time(5), Time(5), Time(100), Time(36000), Time(40000)};
  spec.call_types[0].arrivals = callsim::sim::PiecewiseRate::constant(0);
  CallSources sources(spec, 3, 0, false);
  CHECK(arrivals_per_type(sources, 2) == std::vector<int>{0, 3});  // the period ends at 36000 s
}

TEST_CASE("a caller's draws are made at entry, each type from its own streams", "[models][sources]") {
  const CenterSpec spec = two_types();
  CallQueues queues(spec);
  CallSources alone(spec, 5, 2, false);
  CallSources mixed(spec, 5, 2, false);
  std::vector<double> services, mixed_services;
  for (int i = 0; i < 50; ++i) {
    services.push_back(queues.call(alone.enter<false>(queues, 0, 0, Time(i))).info.service.seconds());
    mixed.enter<false>(queues, 1, 0, Time(i));  // type b's callers take nothing from type a's streams
    mixed_services.push_back(queues.call(mixed.enter<false>(queues, 0, 0, Time(i))).info.service.seconds());
  }
  CHECK(services == mixed_services);
  CHECK(alone.entered() == 50);
  CHECK(mixed.entered() == 100);

  const auto& b = queues.call(mixed.enter<false>(queues, 1, 2, Time(7))).info;
  CHECK(b.id == 100);
  CHECK(b.service.seconds() == 42);
  CHECK(b.patience == Time::infinity());
  CHECK(b.attempt == 2);
  CHECK(b.arrival == Time(7));
  const auto& a = queues.call(mixed.enter<false>(queues, 0, 0, Time(7))).info;
  CHECK(a.patience < Time::infinity());
}

TEST_CASE("a failed caller calls again after the retrial delay, within the period", "[models][sources]") {
  CenterSpec spec = two_types();
  spec.call_types[0].retrial.probability = 1;
  spec.call_types[0].retrial.delay = test_specs::constant(120);
  spec.call_types[0].retrial.as_type = 1;
  CallQueues queues(spec);
  CallSources sources(spec, 3, 0, false);
  callsim::sim::Simulator<> sim;
  auto info = queues.call(sources.enter<false>(queues, 0, 0, Time(0))).info;
  info.attempt = 3;
  CHECK_FALSE(sources.retried());
  sources.maybe_retry(info, callsim::models::Failure::BALKED, sim);
  REQUIRE(sim.pending() == 1);
  CHECK(sources.retried());
  CHECK(sources.last_retry_type() == 0);
  CHECK(sources.last_retry_failure() == callsim::models::Failure::BALKED);
  std::uint64_t payload = 0;
  sim.run([&](const callsim::sim::Event& e) {
    CHECK(e.kind == center_event::kRetrial);
    CHECK(e.time == Time(120));
    payload = e.payload;
  });
  CHECK(payload >> 32 == 4);                                             // attempt 4
  CHECK(sources.redial_type(static_cast<std::uint32_t>(payload)) == 1);  // as type b
  const auto& redial =
      queues.call(sources.enter_redial<false>(queues, static_cast<std::uint32_t>(payload), 4, Time(120))).info;
  CHECK(redial.type == 1);
  CHECK(redial.attempt == 4);
  CHECK(redial.earlier_wait == Time(0));  // a balk waits 0 s
  // A retrial that would come after the period is not made.
  callsim::sim::Simulator<> late;
  late.schedule_at(Time(35990), 0, 0);
  late.run([&](const callsim::sim::Event&) { sources.maybe_retry(info, callsim::models::Failure::BLOCKED, late); });
  CHECK(late.pending() == 0);
}

TEST_CASE("a retrial carries the caller's earlier waits, and the same caller keeps its draws", "[models][sources]") {
  for (const bool same : {false, true}) {
    CenterSpec spec = two_types();
    spec.call_types[0].retrial.probability = 1;
    spec.call_types[0].retrial.delay = test_specs::constant(60);
    spec.call_types[0].retrial.same_caller = same;
    CallQueues queues(spec);
    CallSources sources(spec, 3, 0, false);
    callsim::sim::Simulator<> sim;
    const auto first = queues.call(sources.enter<false>(queues, 0, 0, Time(100))).info;
    std::uint64_t payload = 0;
    // The caller abandons at 130 s (30 s in queue); the retrial comes at 190 s.
    sim.schedule_at(Time(130), 0, 0);
    sim.run([&](const callsim::sim::Event& e) {
      if (e.kind == center_event::kRetrial) {
        payload = e.payload;
        return;
      }
      sources.maybe_retry(first, callsim::models::Failure::ABANDONED, sim);
    });
    INFO("same_caller " << same);
    const auto second =
        queues.call(sources.enter_redial<false>(queues, static_cast<std::uint32_t>(payload), 1, Time(190))).info;
    CHECK(second.earlier_wait == Time(30));
    CHECK(second.arrival == Time(190));
    CHECK((second.service == first.service) == same);
    CHECK((second.patience == first.patience) == same);
    // It abandons again after 10 s: the third attempt carries both waits.
    sim.schedule_at(Time(200), 0, 0);
    sim.run([&](const callsim::sim::Event& e) {
      if (e.kind == center_event::kRetrial) {
        payload = e.payload;
        return;
      }
      sources.maybe_retry(second, callsim::models::Failure::ABANDONED, sim);
    });
    const auto third =
        queues.call(sources.enter_redial<false>(queues, static_cast<std::uint32_t>(payload), 2, Time(260))).info;
    CHECK(third.earlier_wait == Time(40));
    CHECK((third.service == first.service) == same);
  }
}
